"""Dates as Belgian users type and read them: dd-mm-jjjj."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.text import clean_text

if TYPE_CHECKING:
    from kmo_reintegratie.legal import LegalDate

# ASCII digits only: "²" or "٣" are digits to Python but no part of a date a Belgian types.
# A separator is a dash, slash or dot with optional spaces around it, or spaces alone.
_SEP = r"(?:\s*[-/.]\s*|\s+)"
_DMY = re.compile(rf"^([0-9]{{1,2}}){_SEP}([0-9]{{1,2}}){_SEP}([0-9]{{2}}|[0-9]{{4}})$")
_DM = re.compile(rf"^([0-9]{{1,2}}){_SEP}([0-9]{{1,2}})$")
# Typed without separators, as on a numeric keypad: ddmmjjjj or ddmmjj.
_DIGITS = re.compile(r"^([0-9]{2})([0-9]{2})([0-9]{4}|[0-9]{2})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def parse_date(text: str, *, today: date | None = None) -> date | None:
    """``""`` → None; a date as Belgians type it → that date.

    Accepted: ``"5-3-2026"``, ``"05/03/26"``, ``"5.3.2026"``, ``"5 - 3 - 2026"``,
    ``"05032026"``, ``"050326"``, ``"2026-03-05"`` (ISO), and day and month alone
    (``"5/3"``, ``"5-3"``), which fall in the year of ``today`` (default: the real today).
    A two-digit year is 20jj. Raises ValidationError with a Dutch message for anything
    else, for a day that does not exist and for a date outside 1900–2100.
    """
    text = clean_text(text).strip()
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(text) or _DIGITS.match(text):
        day, month, year = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            year += 2000
    elif match := _DM.match(text):
        day, month = (int(g) for g in match.groups())
        year = (today or date.today()).year
    else:
        raise ValidationError("Geef een datum in als dd-mm-jjjj, bijvoorbeeld 15-03-2026.")
    try:
        value = date(year, month, day)
    except ValueError as error:
        raise ValidationError(f"{text} bestaat niet als datum; controleer dag en maand.") from error
    if not EARLIEST <= value <= LATEST:
        raise ValidationError("Die datum ligt te ver in het verleden of de toekomst (1900–2100).")
    return value


def format_date(value: date | None) -> str:
    # Not strftime: this runs for every date cell of lists of thousands, several times faster.
    return f"{value.day:02d}-{value.month:02d}-{value.year:04d}" if value else ""


def legal_date_text(milestone: LegalDate) -> str:
    """The day as a legal rule computes it, and what may move or blur it: "± 12-03-2027"."""
    if milestone.undated:
        return "—"
    text = ("± " if milestone.approximate else "") + format_date(milestone.due)
    if milestone.next_working_day and milestone.next_working_day != milestone.due:
        # A weekend or public holiday: the term may move to the next working day (art. 53 Ger.W.).
        text += f" → {format_date(milestone.next_working_day)}"
    return text


def tidy_date_text(text: str, *, today: date | None = None) -> str:
    """``text`` as dd-mm-jjjj when it is a date (``"1/3"`` → ``"01-03-2026"``), else unchanged.

    For a field the user leaves: what cannot be read is left as typed, so the field's own
    message can point at it.
    """
    try:
        value = parse_date(text, today=today)
    except ValidationError:
        return text
    return format_date(value) if value else text


def relative_day(due: date, today: date) -> str:
    """'vandaag', 'morgen', 'over 5 dagen', '1 dag te laat': the same words on every page."""
    days = (due - today).days
    if days == 0:
        return "vandaag"
    if days == 1:
        return "morgen"
    if days == -1:
        return "1 dag te laat"
    if days < 0:
        return f"{-days} dagen te laat"
    return f"over {days} dagen"


def long_date(value: date) -> str:
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
