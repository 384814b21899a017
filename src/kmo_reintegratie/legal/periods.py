"""Periods of incapacity and of work inside one absence (or one relapse chain).

Resumptions (``resumptions``) are periods of effective work in between, as
``(first_day_at_work, last_day_at_work)`` pairs, both inclusive.  Two different dates end a
period of incapacity and both matter:

* the **last day of incapacity** (the certificate's last day): guaranteed salary is paid up
  to it and the relapse window starts the day after it, even on a Sunday or holiday
  (Securex, UCM);
* the **first day back at work**: the 14-day rule of art. 34 Arbeidsovereenkomstenwet and
  art. I.4-73 Codex counts from the effective resumption (werk.belgie.be).

When the certificate's last day is not known, the day before the return is used, as before.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kmo_reintegratie.legal.base import SHORT_RESUMPTION_DAYS
from kmo_reintegratie.record import record

Resumption = tuple[date, date]


def normalise_resumptions(start: date, resumptions: Iterable[Resumption]) -> tuple[Resumption, ...]:
    """Sorted, validated resumptions; ``ValueError`` (Dutch) for overlaps or bad order."""
    result = sorted((tuple(r) for r in resumptions), key=lambda r: r[0])
    previous_end: date | None = None
    for first, last in result:
        if first <= start:
            raise ValueError("een werkhervatting moet na het begin van de afwezigheid vallen")
        if last < first:
            raise ValueError("einde van een werkhervatting ligt vóór het begin")
        if previous_end is not None and first <= previous_end + timedelta(days=1):
            raise ValueError("werkhervattingen overlappen of sluiten op elkaar aan")
        previous_end = last
    return tuple(result)  # type: ignore[return-value]


@record
class Running:
    start: date  # start of the currently running (uninterrupted) period
    bridged: tuple[Resumption, ...]  # short resumptions inside that period


def running_period(start: date, resumptions: tuple[Resumption, ...]) -> Running:
    """The uninterrupted period still running: a resumption of 14 days or more restarts it."""
    current = start
    bridged: list[Resumption] = []
    for first, last in resumptions:
        if (last - first).days + 1 >= SHORT_RESUMPTION_DAYS:
            current = last + timedelta(days=1)
            bridged = []
        else:
            bridged.append((first, last))
    return Running(current, tuple(bridged))


@record
class IncapacityPeriod:
    """One period of incapacity: ``end`` is ``None`` while it runs."""

    index: int
    start: date
    end: date | None
    end_from_certificate: bool = False

    @property
    def length(self) -> int | None:
        return None if self.end is None else (self.end - self.start).days + 1


def incapacity_periods(start: date, resumptions: tuple[Resumption, ...],
                       period_ends: Iterable[date] = ()) -> tuple[IncapacityPeriod, ...]:
    """The periods of incapacity between the resumptions.

    ``period_ends``: known last days of incapacity (the certificates' last days).  For each
    period the latest known end inside it is used; otherwise the day before the return.
    """
    ends = sorted(set(period_ends))
    periods: list[IncapacityPeriod] = []
    seg_start = start
    for index, (first, last) in enumerate(resumptions):
        before_return = first - timedelta(days=1)
        known = [e for e in ends if seg_start <= e <= before_return]
        end = known[-1] if known else before_return
        periods.append(IncapacityPeriod(index, seg_start, end, bool(known)))
        seg_start = last + timedelta(days=1)
    periods.append(IncapacityPeriod(len(resumptions), seg_start, None))
    return tuple(periods)
