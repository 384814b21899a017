"""Term arithmetic: months at month ends, and terms that end on a weekend or public holiday.

Two questions the sources do not settle, so every answer that depends on them is returned
with a Dutch reason for "te bevestigen":

* **Months at a month end.** "3 months" from 30 November is 28 February if the day number
  is kept (clamped to the month end), but 1 March if three *full* months must have passed.
  For an *earliest* possible date (the employer may start, medical force majeure) the app
  takes the later reading; for a *latest* date (a deadline) the earlier one, and says which.
* **Weekends and public holidays.** The Judicial Code (art. 53) moves the last day of a
  procedural term that falls on a Saturday, Sunday or public holiday to the next working
  day; whether that applies to the terms of the Codex welzijn op het werk is not settled.
  The app keeps the computed day and names the next working day as the other reading.
"""

from __future__ import annotations

from datetime import date, timedelta

from kmo_reintegratie.holidays import is_public_holiday
from kmo_reintegratie.legal.base import format_date_nl, weekday_nl

EARLIER_READING = "vroegste lezing"
LATER_READING = "laatste lezing"


def _add_months_clamped(d: date, n: int) -> tuple[date, bool]:
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last = _days_in_month(year, month0 + 1)
    return date(year, month0 + 1, min(d.day, last)), d.day > last


def _days_in_month(year: int, month: int) -> int:
    # Not calendar.monthrange: the calendar module (with locale) is a millisecond of every start.
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - timedelta(days=1)).day


def add_months(d: date, n: int) -> date:
    """Add ``n`` calendar months (``n`` may be negative), clamping to month end.

    31 August 2025 + 6 → 28 February 2026; 31 August 2027 + 6 → 29 February
    2028.  This is the *earlier* reading of a term in months; see
    :func:`months_after` for the later one.
    """
    return _add_months_clamped(d, n)[0]


def month_readings(d: date, n: int) -> tuple[date, date]:
    """The earlier and the later reading of ``d`` + ``n`` months (equal unless clamped).

    Earlier: same day number, else the last day of the month (30/11/2024 + 3 → 28/2/2025).
    Later: ``n`` full months, i.e. the first day of the next month when the day number does
    not exist (30/11/2024 + 3 → 1/3/2025).
    """
    earlier, clamped = _add_months_clamped(d, n)
    return earlier, (earlier + timedelta(days=1) if clamped else earlier)


def months_after(d: date, n: int, *, latest: bool) -> tuple[date, list[str], str]:
    """``d`` + ``n`` months for a latest date (``latest=True``) or an earliest possible date.

    Returns the date, the reasons for "te bevestigen" (empty when both readings agree) and
    the name of the reading taken ("" when they agree).
    """
    earlier, later = month_readings(d, n)
    if earlier == later:
        return earlier, [], ""
    chosen, reading = (earlier, EARLIER_READING) if latest else (later, LATER_READING)
    kind = "uiterste datum" if latest else "vroegst mogelijke datum"
    reason = (
        f"{format_date_nl(d)} + {n} maanden: de dag {d.day} bestaat niet in die maand. Met "
        f"hetzelfde dagnummer en anders de laatste dag van de maand is het "
        f"{format_date_nl(earlier)}; als {n} volle maanden verstreken moeten zijn, is het "
        f"{format_date_nl(later)}. Welke rekenwijze de wet volgt, is niet bevestigd. Voor een "
        f"{kind} toont de app de {reading} ({format_date_nl(chosen)})."
    )
    return chosen, [reason], reading


def is_working_day(d: date) -> bool:
    """Monday to Friday and not a Belgian legal public holiday."""
    return d.weekday() < 5 and not is_public_holiday(d)


def next_working_day(d: date) -> date:
    """``d`` itself when it is a working day, else the first working day after it."""
    while not is_working_day(d):
        d += timedelta(days=1)
    return d


def add_working_days(d: date, n: int) -> date:
    """The ``n``-th working day after ``d`` (``d`` itself not counted)."""
    count = 0
    while count < n:
        d += timedelta(days=1)
        if is_working_day(d):
            count += 1
    return d


def non_working_reason(due: date, *, binds_employer: bool = True) -> tuple[date | None, list[str]]:
    """The next working day and the reason, when ``due`` is not a working day.

    ``binds_employer``: for the employer's own deadlines the app advises the computed day
    (the safe side); for a term of the employee the later day is the safe side before
    concluding that the term has passed.
    """
    if is_working_day(due):
        return None, []
    moved = next_working_day(due)
    what = "feestdag" if is_public_holiday(due) else weekday_nl(due)
    advice = (
        "Reken veiligheidshalve met de berekende dag."
        if binds_employer else
        f"Beschouw de termijn pas na {format_date_nl(moved)} als verstreken."
    )
    return moved, [
        f"De berekende dag ({weekday_nl(due)} {format_date_nl(due)}) is een {what}. Het "
        "Gerechtelijk Wetboek (art. 53) verschuift de laatste dag van een proceduretermijn "
        f"dan naar de volgende werkdag ({weekday_nl(moved)} {format_date_nl(moved)}); of dat "
        f"ook voor deze termijn geldt, is niet bevestigd. {advice}"
    ]
