from datetime import date, timedelta

import pytest

from kmo_reintegratie.holidays import (
    easter_sunday,
    is_public_holiday,
    public_holidays,
    working_days,
)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        # Extremes of the possible range, to exercise the algorithm's corrections.
        (2285, date(2285, 3, 22)),
        (2038, date(2038, 4, 25)),
        (1954, date(1954, 4, 18)),
        (2000, date(2000, 4, 23)),
    ],
)
def test_easter(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_holidays_2026() -> None:
    assert public_holidays(2026) == {
        date(2026, 1, 1): "Nieuwjaar",
        date(2026, 4, 6): "Paasmaandag",
        date(2026, 5, 1): "Dag van de Arbeid",
        date(2026, 5, 14): "O.L.H. Hemelvaart",
        date(2026, 5, 25): "Pinkstermaandag",
        date(2026, 7, 21): "Nationale feestdag",
        date(2026, 8, 15): "O.L.V. Hemelvaart",
        date(2026, 11, 1): "Allerheiligen",
        date(2026, 11, 11): "Wapenstilstand",
        date(2026, 12, 25): "Kerstmis",
    }


def test_holidays_are_ten_in_date_order_every_year() -> None:
    shared_years = {1913, 2008, 2160}
    for year in range(1900, 2201):
        days = list(public_holidays(year))
        assert len(days) == (9 if year in shared_years else 10)
        assert days == sorted(days)
        assert all(day.year == year for day in days)


def test_ascension_on_labour_day_keeps_both_names() -> None:
    # Easter 2008 was 23 March, so Easter + 39 = 1 May 2008.
    holidays = public_holidays(2008)
    assert holidays[date(2008, 5, 1)] == "Dag van de Arbeid en O.L.H. Hemelvaart"
    assert len(holidays) == 9


def test_public_holidays_returns_a_copy() -> None:
    first = public_holidays(2026)
    first.clear()
    assert len(public_holidays(2026)) == 10


def test_pinkstermaandag_2026() -> None:
    holidays = public_holidays(2026)
    assert holidays[date(2026, 5, 25)] == "Pinkstermaandag"
    assert date(2026, 5, 25) - easter_sunday(2026) == timedelta(days=50)


def test_is_public_holiday() -> None:
    assert is_public_holiday(date(2025, 4, 21))  # Paasmaandag 2025
    assert is_public_holiday(date(2025, 5, 29))  # O.L.H. Hemelvaart 2025
    assert is_public_holiday(date(2024, 12, 25))
    assert not is_public_holiday(date(2025, 4, 20))  # Easter Sunday itself is not listed
    assert not is_public_holiday(date(2025, 12, 26))  # Tweede Kerstdag is no Belgian holiday


def test_working_days_may_2026() -> None:
    # May 2026 starts on a Friday and has 31 days:
    #   Fri 1, 8, 15, 22, 29   Sat 2, 9, 16, 23, 30   Sun 3, 10, 17, 24, 31
    #   -> 10 weekend days, 31 - 10 = 21 weekdays.
    # Holidays on weekdays: Fri 1 May (Dag van de Arbeid), Thu 14 May
    # (O.L.H. Hemelvaart), Mon 25 May (Pinkstermaandag) -> 21 - 3 = 18.
    assert working_days(date(2026, 5, 1), date(2026, 5, 31)) == 18


def test_working_days_inclusive_single_day() -> None:
    assert working_days(date(2026, 5, 4), date(2026, 5, 4)) == 1  # Monday
    assert working_days(date(2026, 5, 2), date(2026, 5, 2)) == 0  # Saturday
    assert working_days(date(2026, 5, 1), date(2026, 5, 1)) == 0  # holiday


def test_working_days_end_before_start() -> None:
    assert working_days(date(2026, 5, 31), date(2026, 5, 1)) == 0


def test_working_days_custom_weekdays() -> None:
    # Saturdays in May 2026: 2, 9, 16, 23, 30; none is a holiday.
    assert working_days(date(2026, 5, 1), date(2026, 5, 31), weekdays=(5,)) == 5
    # Duplicates do not count twice.
    assert working_days(date(2026, 5, 1), date(2026, 5, 31), weekdays=[5, 5]) == 5
    assert working_days(date(2026, 5, 1), date(2026, 5, 31), weekdays=()) == 0


def test_working_days_rejects_bad_weekday() -> None:
    with pytest.raises(ValueError):
        working_days(date(2026, 1, 1), date(2026, 1, 31), weekdays=(7,))


def _brute_force(start: date, end: date, weekdays: tuple[int, ...]) -> int:
    count = 0
    day = start
    while day <= end:
        if day.weekday() in weekdays and not is_public_holiday(day):
            count += 1
        day += timedelta(days=1)
    return count


@pytest.mark.parametrize(
    ("start", "end", "weekdays"),
    [
        (date(2023, 12, 20), date(2027, 1, 9), (0, 1, 2, 3, 4)),
        (date(2024, 2, 29), date(2024, 3, 4), (0, 1, 2, 3, 4)),
        (date(2020, 1, 1), date(2030, 12, 31), (0, 2, 5, 6)),
        (date(2026, 7, 20), date(2026, 7, 22), (0, 1, 2, 3, 4, 5, 6)),
    ],
)
def test_working_days_matches_day_by_day_count(
    start: date, end: date, weekdays: tuple[int, ...]
) -> None:
    assert working_days(start, end, weekdays) == _brute_force(start, end, weekdays)
    # Every possible start weekday and window length up to a few weeks.
    for shift in range(7):
        for length in range(30):
            s = start + timedelta(days=shift)
            e = s + timedelta(days=length)
            assert working_days(s, e, weekdays) == _brute_force(s, e, weekdays)
