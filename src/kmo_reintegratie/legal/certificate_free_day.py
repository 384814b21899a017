"""One day of absence without a medical certificate (fact sheet §4.2, S70 and S15).

Since 1 January 2026 a worker may, twice per calendar year (three times before), be absent
for one day without a certificate.  An employer with fewer than 50 workers on 1 January may
keep asking for a certificate from the first day (work regulations or collective agreement).
The app only knows the current staff count on the organisation page, so the note says that
the count on 1 January decides.
"""

from __future__ import annotations

from datetime import date, timedelta

from kmo_reintegratie.legal.base import RIT_2026
from kmo_reintegratie.legal.terms import next_working_day

CERTIFICATE_FREE_DAYS_SINCE_2026 = 2
CERTIFICATE_FREE_DAYS_BEFORE_2026 = 3
THRESHOLD_WORKERS = 50


def is_single_day(starts: date, *, expected_end: date | None = None,
                  returned_on: date | None = None) -> bool:
    """An absence of one day: it ends on its first day, or the worker is back on the next
    working day (absent on Friday, back on Monday)."""
    if returned_on is not None:
        return returned_on == next_working_day(starts + timedelta(days=1))
    return expected_end == starts


def certificate_free_day_note(starts: date, *, employee_count: int | None,
                              earlier_this_year: int = 0) -> str | None:
    """The Dutch note for a one-day absence without certificate, or ``None``.

    ``None`` when the organisation has fewer than 50 workers or the count is not filled in:
    then the employer may ask for a certificate from the first day anyway.
    ``earlier_this_year``: one-day absences without certificate earlier in the same calendar
    year (the caller counts them).
    """
    if employee_count is None or employee_count < THRESHOLD_WORKERS:
        return None
    times = (CERTIFICATE_FREE_DAYS_SINCE_2026 if starts >= RIT_2026
             else CERTIFICATE_FREE_DAYS_BEFORE_2026)
    words = {2: "twee", 3: "drie"}[times]
    next_time = {2: "derde", 3: "vierde"}[times]
    note = (
        f"Eén dag zonder ziekteattest: in een onderneming met 50 of meer werknemers (telling op "
        f"1 januari) mag een werknemer {words} keer per kalenderjaar één dag afwezig zijn zonder "
        f"attest. Vanaf de {next_time} keer in hetzelfde jaar mag u een attest vragen.")
    if starts < RIT_2026:
        note += " Sinds 2026 is dat nog twee keer per jaar."
    if earlier_this_year:
        note += (f" Eerder in {starts.year} al geregistreerd: {earlier_this_year} "
                 f"{'afwezigheid' if earlier_this_year == 1 else 'afwezigheden'} van één dag "
                 "zonder attest.")
        if earlier_this_year >= times:
            note += " Voor deze dag mag u dus een attest vragen."
    return note
