"""Dates as Belgian users type and read them: dd-mm-jjjj."""

from __future__ import annotations

import re
from datetime import date

from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.text import clean_text

_DMY = re.compile(r"^\s*(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)
EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)


def parse_date(text: str) -> date | None:
    """``""`` → None; ``"5-3-2026"``, ``"05/03/26"``, ``"2026-03-05"`` → date.

    Raises ValidationError with a Dutch message for anything else.
    """
    text = clean_text(text).strip()
    if not text:
        return None
    if match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    elif match := _DMY.match(text):
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000
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
    return value.strftime("%d-%m-%Y") if value else ""


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
