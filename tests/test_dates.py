"""Dates as Belgians type them: the long forms, the short forms, and a Dutch message otherwise."""

from __future__ import annotations

from datetime import date

import pytest

from kmo_reintegratie.dates import parse_date, tidy_date_text
from kmo_reintegratie.organisation import ValidationError

TODAY = date(2026, 6, 15)


@pytest.mark.parametrize(("text", "expected"), [
    # The long forms that were always accepted.
    ("15-03-2026", date(2026, 3, 15)),
    ("5-3-2026", date(2026, 3, 5)),
    ("05/03/26", date(2026, 3, 5)),
    ("5/3/26", date(2026, 3, 5)),
    ("2026-03-05", date(2026, 3, 5)),
    ("5 3 2026", date(2026, 3, 5)),
    ("  5-3-2026  ", date(2026, 3, 5)),
    # Day and month only: the year of today.
    ("1/3", date(2026, 3, 1)),
    ("1-3", date(2026, 3, 1)),
    ("1.3", date(2026, 3, 1)),
    ("31/12", date(2026, 12, 31)),
    # A two-digit year, dots, spaces around the separators.
    ("1-3-26", date(2026, 3, 1)),
    ("1.3.2026", date(2026, 3, 1)),
    ("01.03.26", date(2026, 3, 1)),
    ("1 / 3 / 2026", date(2026, 3, 1)),
    ("1 - 3", date(2026, 3, 1)),
    ("1. 3. 2026", date(2026, 3, 1)),
    # Digits only, as typed on a numeric keypad.
    ("01032026", date(2026, 3, 1)),
    ("010326", date(2026, 3, 1)),
    ("29022028", date(2028, 2, 29)),
    # The ends of the range.
    ("01-01-1900", date(1900, 1, 1)),
    ("31122100", date(2100, 12, 31)),
])
def test_accepted_forms(text: str, expected: date) -> None:
    assert parse_date(text, today=TODAY) == expected


def test_day_and_month_fall_in_the_year_of_today() -> None:
    assert parse_date("1/3", today=date(2031, 12, 31)) == date(2031, 3, 1)
    assert parse_date("1/3") == date(date.today().year, 3, 1)


def test_empty_is_no_date() -> None:
    assert parse_date("", today=TODAY) is None
    assert parse_date("   ") is None


@pytest.mark.parametrize("text", [
    "gisteren", "1", "13", "1/", "/3", "1//3", "1-3-", "1-3-2026-4", "1-3-202", "0103",
    "0103202", "1032026", "010320266", "1/3/26/", "1:3:2026", "1,3,2026", "1e maart",
    "１/３",  # full-width digits: Python calls them digits, a Belgian form does not
    "٠١-٠٣-٢٠٢٦",
])
def test_other_text_is_refused_with_the_dutch_example(text: str) -> None:
    with pytest.raises(ValidationError, match="dd-mm-jjjj, bijvoorbeeld 15-03-2026"):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize("text", ["31/4", "29/2", "00-03-2026", "1-13-2026", "290227", "32012026"])
def test_days_that_do_not_exist_are_named(text: str) -> None:
    with pytest.raises(ValidationError, match="bestaat niet als datum"):
        parse_date(text, today=TODAY)  # 2026 is no leap year


@pytest.mark.parametrize("text", ["31-12-1899", "01-01-2101", "01011850", "1-3-0026"])
def test_the_range_stays_1900_to_2100(text: str) -> None:
    with pytest.raises(ValidationError, match="1900–2100"):
        parse_date(text, today=TODAY)


@pytest.mark.parametrize(("text", "expected"), [
    ("1/3", "01-03-2026"),
    ("010326", "01-03-2026"),
    ("1.3.2026", "01-03-2026"),
    ("2026-03-01", "01-03-2026"),
    ("01-03-2026", "01-03-2026"),
    ("", ""),
    ("31/4", "31/4"),  # left as typed, so the field's message can point at it
    ("morgen", "morgen"),
])
def test_tidy_writes_what_it_can_read_as_dd_mm_jjjj(text: str, expected: str) -> None:
    assert tidy_date_text(text, today=TODAY) == expected
