"""Belgian legal public holidays and working-day counts.

What callers may rely on:

* ``public_holidays(year)`` returns the ten legal public holidays
  (wettelijke feestdagen) of that year, keyed by date, in date order, with
  their Dutch names. Easter-based days use the Gregorian calendar. In the rare
  years where O.L.H. Hemelvaart falls on 1 May (1913, 2008, 2160, 2228) that
  date appears once, named "Dag van de Arbeid en O.L.H. Hemelvaart", so the
  dict then has nine entries.
* ``working_days`` counts both ends inclusive and returns 0 when ``end`` is
  before ``start``. It does not know about replacement days (vervangingsdagen)
  for holidays that fall on a Sunday or a non-working day: those are chosen per
  company, so the caller has to subtract them when it needs to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType

__all__ = ["easter_sunday", "is_public_holiday", "public_holidays", "working_days"]

MONDAY_TO_FRIDAY: tuple[int, ...] = (0, 1, 2, 3, 4)


def easter_sunday(year: int) -> date:
    """Return Easter Sunday of ``year`` (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


@lru_cache(maxsize=256)
def _holidays(year: int) -> Mapping[date, str]:
    easter = easter_sunday(year)
    named = [
        (date(year, 1, 1), "Nieuwjaar"),
        (easter + timedelta(days=1), "Paasmaandag"),
        (date(year, 5, 1), "Dag van de Arbeid"),
        (easter + timedelta(days=39), "O.L.H. Hemelvaart"),
        (easter + timedelta(days=50), "Pinkstermaandag"),
        (date(year, 7, 21), "Nationale feestdag"),
        (date(year, 8, 15), "O.L.V. Hemelvaart"),
        (date(year, 11, 1), "Allerheiligen"),
        (date(year, 11, 11), "Wapenstilstand"),
        (date(year, 12, 25), "Kerstmis"),
    ]
    days: dict[date, str] = {}
    for day, name in named:
        # Ascension can fall on 1 May (1913, 2008, 2160, ...); keep both names
        # rather than silently losing one.
        days[day] = f"{days[day]} en {name}" if day in days else name
    # Read-only because the cached mapping is shared between callers.
    return MappingProxyType(dict(sorted(days.items())))


def public_holidays(year: int) -> dict[date, str]:
    """Return the Belgian legal public holidays of ``year``.

    The result is a new dict (the caller may change it) in date order, mapping
    each date to its Dutch name, e.g. ``"Paasmaandag"``. Ten entries, except
    nine when two holidays share a date (see the module docstring).
    """
    return dict(_holidays(year))


def is_public_holiday(day: date) -> bool:
    """Return True when ``day`` is a Belgian legal public holiday."""
    return day in _holidays(day.year)


def working_days(start: date, end: date, weekdays: Iterable[int] = MONDAY_TO_FRIDAY) -> int:
    """Count the days from ``start`` to ``end`` inclusive that are working days.

    A working day has a weekday (Monday 0 to Sunday 6) in ``weekdays`` and is
    not a public holiday. Returns 0 when ``end`` is before ``start``. Raises
    ``ValueError`` for a weekday outside 0..6. Runs in time proportional to the
    number of years, not days.
    """
    working = frozenset(weekdays)
    if not working <= frozenset(range(7)):
        raise ValueError(f"Weekdagen lopen van 0 (maandag) tot 6 (zondag), niet {sorted(working)}.")
    if end < start:
        return 0

    total_days = (end - start).days + 1
    full_weeks, remainder = divmod(total_days, 7)
    count = full_weeks * len(working)
    first_weekday = start.weekday()
    count += sum(1 for offset in range(remainder) if (first_weekday + offset) % 7 in working)

    for year in range(start.year, end.year + 1):
        for holiday in _holidays(year):
            if start <= holiday <= end and holiday.weekday() in working:
                count -= 1
    return count
