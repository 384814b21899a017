"""Suggested aftercare after a return to work: good practice, not a legal duty."""

from __future__ import annotations

from datetime import date, timedelta
from math import ceil

from kmo_reintegratie.legal.base import format_date_nl
from kmo_reintegratie.legal.records import AftercarePeriod
from kmo_reintegratie.legal.rules import rule

_nl = format_date_nl


def aftercare_period(absence_start: date, return_date: date) -> AftercarePeriod:
    """Suggested aftercare period: half of the absence, starting on the return.

    The absence lasted ``return_date - absence_start`` days; the aftercare
    lasts half of that, rounded up, from ``return_date`` (inclusive).
    """
    absence_days = (return_date - absence_start).days
    if absence_days <= 0:
        raise ValueError("de hervatting moet na het begin van de afwezigheid vallen")
    days = ceil(absence_days / 2)
    end = return_date + timedelta(days=days - 1)
    r = rule("nazorg_helft")
    return AftercarePeriod(
        return_date, end,
        f"De afwezigheid duurde {absence_days} dagen. Vuistregel: de nazorgperiode duurt de "
        f"helft daarvan ({days} dagen), van {_nl(return_date)} tot en met {_nl(end)}. Blijf in "
        "die periode contact houden, vraag na of aanpassingen nog werken en let op signalen van "
        "nieuwe uitval.",
        r.source, r.note)
