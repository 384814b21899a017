"""Who is entitled to guaranteed salary, and under which scheme (fact sheet §4.2).

* An arbeider needs one month of uninterrupted service at the start of the incapacity.
* A bediende with a contract of indefinite duration or of at least three months gets the
  bediende scheme; on a fixed-term contract shorter than three months the arbeider scheme
  applies (including its one-month condition).

The dossier stores the start of service on the employee but not the contract's duration, so
the answer says which condition is met, not met or not known.  ``NOT_GIVEN`` lets callers
that pass nothing keep the behaviour from before this check existed.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from kmo_reintegratie.legal.base import Statute, format_date_nl
from kmo_reintegratie.legal.terms import month_readings
from kmo_reintegratie.record import record

_nl = format_date_nl


class _NotGiven(Enum):
    NOT_GIVEN = "niet_doorgegeven"


NOT_GIVEN = _NotGiven.NOT_GIVEN
ServiceStart = date | None | _NotGiven


@record
class Scheme:
    """The scheme that applies on one day and whether guaranteed salary is due at all.

    ``eligible`` is ``None`` when it cannot be checked; ``reasons`` then say why ("te
    bevestigen").  ``notes`` are explanations for the user that are not doubts.
    """

    statute: Statute
    eligible: bool | None
    notes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()


def salary_scheme(statute: Statute, on: date, in_service_from: ServiceStart = NOT_GIVEN,
                  contract_under_3_months: bool | None = None) -> Scheme:
    """The guaranteed-salary scheme for an incapacity that starts ``on``."""
    notes: list[str] = []
    reasons: list[str] = []
    scheme = statute
    if statute is Statute.BEDIENDE:
        if contract_under_3_months:
            scheme = Statute.ARBEIDER
            notes.append(
                "Bediende met een overeenkomst van bepaalde duur van minder dan 3 maanden: de "
                "regeling van de arbeiders geldt (fact sheet §4.2).")
        elif contract_under_3_months is None and isinstance(in_service_from, date):
            # Interpretation: the later month reading, so "less than 3 months" is not claimed
            # for a day that only one reading puts under it.
            _, three_months = month_readings(in_service_from, 3)
            if on < three_months:
                reasons.append(
                    f"De bediende is op {_nl(on)} minder dan 3 maanden in dienst (sinds "
                    f"{_nl(in_service_from)}). Is de overeenkomst van bepaalde duur en korter "
                    "dan 3 maanden, dan geldt de regeling van de arbeiders (eerste week 100 %, "
                    "daarna 85,88 % en 25,88 %, en minstens 1 maand dienst). De app toont de "
                    "bediendenregeling; de duur van de overeenkomst staat niet in het dossier.")
        elif contract_under_3_months is None and in_service_from is None:
            reasons.append(
                "De datum van indiensttreding is niet gekend: de app kan niet nagaan of de "
                "bediende een overeenkomst van minstens 3 maanden heeft (anders geldt de "
                "regeling van de arbeiders).")
        if scheme is Statute.BEDIENDE:
            return Scheme(scheme, True if not reasons else None, tuple(notes), tuple(reasons))
    if in_service_from is NOT_GIVEN:
        return Scheme(scheme, True, tuple(notes), tuple(reasons))
    if in_service_from is None:
        return Scheme(scheme, None, tuple(notes), (*reasons,
            "De datum van indiensttreding is niet gekend: de app kan niet nagaan of de "
            "voorwaarde van 1 maand ononderbroken dienst (arbeidersregeling) vervuld is."))
    assert isinstance(in_service_from, date)
    _, one_month = month_readings(in_service_from, 1)
    if on < in_service_from:
        raise ValueError("de ongeschiktheid begint vóór de indiensttreding")
    if on < one_month:
        notes.append(
            f"Geen gewaarborgd loon: op {_nl(on)} is de werknemer nog geen maand ononderbroken "
            f"in dienst (sinds {_nl(in_service_from)}; de voorwaarde is vervuld vanaf "
            f"{_nl(one_month)}). Het ziekenfonds komt tussen volgens zijn eigen regels.")
        return Scheme(scheme, False, tuple(notes), tuple(reasons))
    return Scheme(scheme, True if not reasons else None, tuple(notes), tuple(reasons))
