"""The return-to-work examination (werkhervattingsonderzoek) after an absence of 4 weeks.

A worker under health surveillance (gezondheidstoezicht) who was absent for at least four
weeks through illness, ailment or accident is examined by the arbeidsarts on the day of the
return or at the latest within 10 working days (fact sheet §3.4, S58).  This is not the
visit before the return (bezoek voorafgaand aan de werkhervatting), which the worker or,
since 2026, the employer may ask for.

Working days are Monday to Friday without Belgian public holidays (:mod:`.terms`); for a
company that works on Saturdays the latest day may come earlier.
"""

from __future__ import annotations

from datetime import date, timedelta

from kmo_reintegratie.legal.base import format_date_nl
from kmo_reintegratie.legal.records import LegalDate
from kmo_reintegratie.legal.rules import make
from kmo_reintegratie.legal.terms import add_working_days, next_working_day

_nl = format_date_nl

EXAMINATION_AFTER_DAYS = 4 * 7
EXAMINATION_WORKING_DAYS = 10

_WHAT = (
    "De werknemer staat onder gezondheidstoezicht. Na een afwezigheid van minstens 4 weken "
    "wegens ziekte, aandoening of ongeval onderzoekt de arbeidsarts hem op de dag van de "
    "werkhervatting of uiterlijk binnen 10 werkdagen. Vraag het onderzoek tijdig aan bij de "
    "externe dienst. Dit is iets anders dan het bezoek voorafgaand aan de werkhervatting."
)


def return_examination(start: date, *, returned_on: date | None = None,
                       expected_return: date | None = None) -> LegalDate | None:
    """The ``werkhervattingsonderzoek`` milestone of an absence that began on ``start``.

    ``returned_on``: the first day back at work.  Without it, ``expected_return`` (the day
    after the expected end or the last certificate) gives an approximate date.  Without
    either, the step is returned undated from the day the absence reaches 4 weeks: it
    applies once the worker returns.  ``None`` when the absence is (expected to be) shorter
    than 4 weeks.  Callers only ask for workers under health surveillance.
    """
    four_weeks = start + timedelta(days=EXAMINATION_AFTER_DAYS)
    title = "Werkhervattingsonderzoek (arbeidsarts)"
    if returned_on is not None or expected_return is not None:
        back = returned_on or next_working_day(expected_return)  # type: ignore[arg-type]
        if back < four_weeks:
            return None
        latest = add_working_days(back, EXAMINATION_WORKING_DAYS)
        if returned_on is not None:
            when = (f"De werknemer hervat op {_nl(back)}: het onderzoek gebeurt die dag of "
                    f"uiterlijk op {_nl(latest)} (10 werkdagen later).")
        else:
            when = (f"De hervatting is nog niet geregistreerd; volgens het verwachte einde of "
                    f"het laatste attest hervat de werknemer rond {_nl(back)}. Het onderzoek "
                    f"gebeurt dan die dag of uiterlijk op {_nl(latest)} (10 werkdagen later). "
                    "Registreer de werkhervatting voor de juiste datum.")
        return make("werkhervattingsonderzoek", back, title, f"{_WHAT} {when}",
                    "werkhervattingsonderzoek", approximate=returned_on is None)
    return make(
        "werkhervattingsonderzoek", four_weeks, title,
        f"{_WHAT} De afwezigheid duurt op {_nl(four_weeks)} 4 weken; de datum van de "
        "hervatting is nog niet gekend. Het onderzoek volgt op de dag van de hervatting of "
        "uiterlijk 10 werkdagen later.",
        "werkhervattingsonderzoek", undated=True)
