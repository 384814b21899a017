"""The guaranteed-salary milestones of an absence, in Dutch, from :func:`guaranteed_salary.walk`."""

from __future__ import annotations

from datetime import timedelta

from kmo_reintegratie.legal.base import Statute, format_date_nl
from kmo_reintegratie.legal.guaranteed_salary import SalaryWalk
from kmo_reintegratie.legal.records import LegalDate
from kmo_reintegratie.legal.rules import make

_nl = format_date_nl

_SAME_ILLNESS = (
    "De app gaat ervan uit dat alle periodes van deze afwezigheid dezelfde ziekte of hetzelfde "
    "ongeval betreffen; bij een andere ziekte (medisch attest) loopt een nieuw gewaarborgd loon."
)


def salary_milestones(w: SalaryWalk, original: Statute, chained: bool) -> list[LegalDate]:
    """``einde_gewaarborgd_loon`` (+ the arbeider phases), or ``geen_gewaarborgd_loon``."""
    notes = list(w.notes) + ([_SAME_ILLNESS] if chained else [])
    reasons = list(w.reasons)
    extra = (" " + " ".join(n for n in notes if n)) if notes else ""
    last = w.periods[-1]
    if last.outcome == "geen" or w.eligible is False or 30 not in w.marks:
        return [make(
            "geen_gewaarborgd_loon", last.period.start, "Geen gewaarborgd loon",
            "Voor deze periode van arbeidsongeschiktheid is geen gewaarborgd loon door de "
            "werkgever verschuldigd; het ziekenfonds komt tussen." + extra,
            "gewaarborgd_loon_voorwaarden" if w.eligible is False
            else "geen_gewaarborgd_loon_reintegratie", reasons)]
    end = w.marks[30]
    since = _nl(w.entitlement_start or end)
    first_fund_day = _nl(end + timedelta(days=1))
    rule_key = ("gewaarborgd_loon_bediende" if w.statute is Statute.BEDIENDE
                else "gewaarborgd_loon_arbeider")
    if w.statute is not original:
        rule_key = "gewaarborgd_loon_voorwaarden"
    if w.statute is Statute.BEDIENDE:
        return [make(
            "einde_gewaarborgd_loon", end, "Einde gewaarborgd loon (bediende)",
            "Bediende (overeenkomst van onbepaalde duur of van minstens 3 maanden): de "
            f"werkgever betaalt 30 kalenderdagen 100 % van het brutoloon (vanaf {since}). Dit "
            f"is de laatste dag. Vanaf {first_fund_day} betaalt het ziekenfonds een uitkering."
            + extra, rule_key, reasons)]
    who = "Arbeider (minstens 1 maand in dienst)" if original is Statute.ARBEIDER else (
        "Bediende met een overeenkomst van minder dan 3 maanden, dus volgens de regeling van "
        "de arbeiders")
    out = [make(
        "einde_gewaarborgd_loon", end, f"Einde gewaarborgd loon ({original.value})",
        f"{who}: de werkgever betaalt 30 kalenderdagen gewaarborgd loon (vanaf {since}): dag "
        "1–7 100 %, dag 8–14 85,88 %, dag 15–30 25,88 % van het begrensde loon (+ 85,88 % van "
        "het deel boven de grens), aangevuld met 60 % van het begrensde loon door het "
        f"ziekenfonds. Dit is de laatste dag. Vanaf {first_fund_day} betaalt enkel het "
        "ziekenfonds." + extra, rule_key, reasons)]
    if 7 in w.marks:
        out.append(make(
            "gewaarborgd_loon_einde_100_procent", w.marks[7],
            f"Laatste dag gewaarborgd loon aan 100 % ({original.value})",
            "Dag 7 van het gewaarborgd loon van een arbeider. Vanaf dag 8 tot dag 14 betaalt "
            "de werkgever 85,88 %." + extra, rule_key, reasons))
    if 14 in w.marks:
        out.append(make(
            "gewaarborgd_loon_einde_85_procent", w.marks[14],
            f"Laatste dag gewaarborgd loon aan 85,88 % ({original.value})",
            "Dag 14 van het gewaarborgd loon van een arbeider. Vanaf dag 15 tot dag 30 betaalt "
            "de werkgever 25,88 % van het begrensde loon (+ 85,88 % boven de grens) en het "
            "ziekenfonds 60 % van het begrensde loon." + extra, rule_key, reasons))
    return out

