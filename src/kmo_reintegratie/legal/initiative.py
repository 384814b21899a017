"""Who may start a formal re-integration trajectory, and from when (fact sheet §1.1).

The regime follows the date of the request (RIT 3.0 applies to trajectories started from
1 January 2026, whatever the absence start).  For a work accident or occupational disease a
trajectory can only start once the temporary incapacity under that regime has ended (Fedris).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from kmo_reintegratie.legal.base import (
    OCCUPATIONAL_KINDS,
    RIT_2016,
    RIT_2022,
    RIT_2026,
    Initiator,
    format_date_nl,
    normalise_kind,
)
from kmo_reintegratie.legal.periods import Resumption, normalise_resumptions, running_period
from kmo_reintegratie.legal.records import InitiatorRule, StartRule
from kmo_reintegratie.legal.rule_texts import (
    REASON_RESUMPTION_ANALOGY,
    REASON_RIT3_OLD_ABSENCE,
    REASON_SHORT_RESUMPTION_COUNTED,
    SRC_RIT_2016,
)
from kmo_reintegratie.legal.rules import rule
from kmo_reintegratie.legal.terms import month_readings, months_after

_nl = format_date_nl


def _regime(request_date: date) -> str:
    if request_date < RIT_2016:
        raise ValueError("het re-integratietraject bestaat sinds 1 december 2016")
    if request_date < RIT_2022:
        return "2016"
    if request_date < RIT_2026:
        return "2022"
    return "2026"


_REGIME_LABELS = {
    "2016": "RIT 2016 (1/12/2016 – 30/9/2022)",
    "2022": "RIT 2.0 (1/10/2022 – 31/12/2025)",
    "2026": "RIT 3.0 (sinds 1/1/2026)",
}


def _result(regime: str, allowed: bool, earliest: date | None, latest: date | None,
            explanation: str, rule_key: str, reasons: list[str]) -> StartRule:
    r = rule(rule_key)
    all_reasons = ([] if r.confirmed else [r.note]) + [x for x in reasons if x]
    assert r.effective_from is not None
    return StartRule(allowed, earliest, latest, _REGIME_LABELS[regime], explanation,
                     r.source, r.effective_from, not all_reasons,
                     " ".join(dict.fromkeys(all_reasons)) or None)


def employer_may_start(
    absence_start: date,
    request_date: date,
    *,
    consent: bool = False,
    certificate_received: date | None = None,
    work_potential_found: date | None = None,
    resumptions: Iterable[Resumption] = (),
    kind: object = None,
    temporary_incapacity_ended: date | None = None,
) -> StartRule:
    """May the employer request a formal trajectory on ``request_date``?

    * 1/10/2022 – 31/12/2025: after 3 months of uninterrupted incapacity (a resumption of
      less than 14 days does not interrupt), or once the employee delivered a certificate of
      definitive incapacity (``certificate_received``).
    * since 1/1/2026: from day 1 with the employee's ``consent``, or once the occupational
      physician found work potential (``work_potential_found``); then at the latest 6
      months after the start.
    * 1/12/2016 – 30/9/2022: after 4 months (unconfirmed details).

    ``kind`` (``absence.IncapacityKind`` or its value): for a work accident or occupational
    disease the request is only possible once ``temporary_incapacity_ended`` (the end of
    the temporary incapacity under that regime) is known and not after ``request_date``.
    Month terms take the later reading (an earliest date); the latest date the earlier one.
    """
    if request_date < absence_start:
        raise ValueError("het verzoek kan niet vóór het begin van de afwezigheid vallen")
    regime = _regime(request_date)
    if normalise_kind(kind) in OCCUPATIONAL_KINDS and regime != "2016":
        return _occupational(regime, request_date, temporary_incapacity_ended)
    res = normalise_resumptions(absence_start, (r for r in resumptions if r[0] <= request_date))
    running = running_period(absence_start, res)
    rs = running.start
    bridged = [REASON_SHORT_RESUMPTION_COUNTED] if running.bridged else []

    if regime == "2016":
        earliest, month_reasons, _ = months_after(rs, 4, latest=False)
        return _result(
            regime, request_date >= earliest, earliest, None,
            "Oude regeling (verzoek vóór 1 oktober 2022): de werkgever kon een traject aanvragen "
            f"na 4 maanden arbeidsongeschiktheid, dus vanaf {_nl(earliest)}.",
            "werkgever_start_2016", [*bridged, *month_reasons])

    if regime == "2022":
        three_months, month_reasons, _ = months_after(rs, 3, latest=False)
        if certificate_received is not None and certificate_received <= request_date:
            return _result(
                regime, True, max(certificate_received, absence_start), None,
                "De werknemer bezorgde een attest van definitieve ongeschiktheid van de "
                f"behandelend arts ({_nl(certificate_received)}): de werkgever mag het traject "
                "vanaf dan aanvragen, ook vóór 3 maanden. Zonder attest kon dat vanaf "
                f"{_nl(three_months)} (3 maanden ononderbroken ongeschiktheid).",
                "werkgever_start_2022", [])
        allowed = request_date >= three_months
        return _result(
            regime, allowed, three_months, None,
            "Tot eind 2025 mag de werkgever een re-integratietraject aanvragen na 3 maanden "
            "ononderbroken arbeidsongeschiktheid (een hervatting van minder dan 14 dagen "
            f"onderbreekt niet), hier vanaf {_nl(three_months)}, of vroeger zodra de werknemer "
            "een attest van definitieve ongeschiktheid van de behandelend arts bezorgt."
            + ("" if allowed else " Op de datum van het verzoek is dat nog niet het geval."),
            "werkgever_start_2022", [*bridged, *month_reasons])

    latest, month_reasons, _ = months_after(rs, 6, latest=True)
    latest_reasons = list(month_reasons)
    if rs < RIT_2026:
        latest_reasons.append(REASON_RIT3_OLD_ABSENCE)
    if res:
        latest_reasons.append(REASON_RESUMPTION_ANALOGY)
    assessment = rs + timedelta(weeks=8)
    obligation = (
        f"Stelt de arbeidsarts arbeidspotentieel vast, dan moet de werkgever het traject "
        f"uiterlijk op {_nl(latest)} aanvragen (6 maanden na het begin).")
    if consent:
        return _result(
            regime, True, absence_start, None,
            "Sinds 1 januari 2026 mag de werkgever een re-integratietraject aanvragen vanaf de "
            "eerste dag van de arbeidsongeschiktheid, mits de werknemer instemt.",
            "werkgever_start_2026", [])
    if work_potential_found is not None and work_potential_found <= request_date:
        return _result(
            regime, True, max(work_potential_found, absence_start), latest,
            "De arbeidsarts stelde arbeidspotentieel vast "
            f"({_nl(work_potential_found)}): de werkgever mag het traject zonder instemming van "
            "de werknemer aanvragen. " + obligation,
            "werkgever_start_2026", latest_reasons)
    reasons: list[str] = []
    if certificate_received is not None or request_date >= month_readings(rs, 3)[0]:
        reasons.append(
            "Of de vroegere routes (na 3 maanden ongeschiktheid of met een attest van "
            "definitieve ongeschiktheid) onder RIT 3.0 nog bestaan, staat niet in het "
            "feitenblad.")
    return _result(
        regime, False, None, None,
        "Sinds 1 januari 2026 mag de werkgever een re-integratietraject aanvragen met "
        "instemming van de werknemer (vanaf dag 1), of zonder instemming zodra de arbeidsarts "
        "in een inschatting arbeidspotentieel vaststelt. Die inschatting kan de werkgever "
        f"vragen vanaf 8 weken ongeschiktheid ({_nl(assessment)}). " + obligation,
        "werkgever_start_2026", reasons)


def _occupational(regime: str, request_date: date, ended: date | None) -> StartRule:
    if ended is not None and ended < request_date:
        return _result(
            regime, True, ended + timedelta(days=1), None,
            f"De tijdelijke arbeidsongeschiktheid (arbeidsongeval of beroepsziekte) eindigde op "
            f"{_nl(ended)}: vanaf de dag daarna kan een re-integratietraject starten, volgens "
            "de gewone voorwaarden van het traject.", "traject_beroepsrisico", [])
    return _result(
        regime, False, None, None,
        "Bij een arbeidsongeval of beroepsziekte kan een re-integratietraject pas starten zodra "
        "de tijdelijke arbeidsongeschiktheid in die regeling beëindigd is; de "
        "terugkeerprocedures van de verzekeraar of Fedris gaan voor. Dat einde is niet "
        "(of nog niet) bereikt.", "traject_beroepsrisico", [])


def who_may_start(request_date: date) -> tuple[InitiatorRule, ...]:
    """Who may ask the occupational physician to start a trajectory on that date."""
    regime = _regime(request_date)

    def make(initiator: Initiator, may: bool, condition: str, rule_key: str) -> InitiatorRule:
        r = rule(rule_key)
        assert r.effective_from is not None
        return InitiatorRule(initiator, may, condition, r.source, r.effective_from,
                             r.confirmed, None if r.confirmed else r.note)

    if regime == "2016":
        employer = make(Initiator.WERKGEVER, True,
                        "Na 4 maanden arbeidsongeschiktheid.", "werkgever_start_2016")
        advisory = InitiatorRule(
            Initiator.ADVISEREND_ARTS, True,
            "Kon tot 30 september 2022 een traject starten.",
            SRC_RIT_2016, RIT_2016, False,
            "Het feitenblad vermeldt enkel dat de adviserend arts sinds 1 oktober 2022 geen "
            "traject meer kan starten; de voorwaarden van vóór die datum zijn niet nagekeken.")
    else:
        employer = make(
            Initiator.WERKGEVER, True,
            "Na 3 maanden ononderbroken arbeidsongeschiktheid (hervatting van minder dan 14 "
            "dagen onderbreekt niet), of zodra de werknemer een attest van definitieve "
            "ongeschiktheid van de behandelend arts bezorgt." if regime == "2022" else
            "Vanaf dag 1 met instemming van de werknemer, of zonder instemming zodra de "
            "arbeidsarts arbeidspotentieel vaststelt (inschatting mogelijk vanaf 8 weken); dan "
            "verplicht uiterlijk 6 maanden na het begin.",
            "werkgever_start_2022" if regime == "2022" else "werkgever_start_2026")
        advisory = make(Initiator.ADVISEREND_ARTS, False,
                        "Kan sinds 1 oktober 2022 geen traject meer starten; blijft betrokken en "
                        "kan doorverwijzen of adviseren.", "initiatief_adviserend_arts")
    return (
        make(Initiator.WERKNEMER, True,
             "Vanaf de eerste dag van de arbeidsongeschiktheid, ongeacht de duur; schriftelijk "
             "verzoek aan de preventieadviseur-arbeidsarts.", "initiatief_werknemer"),
        make(Initiator.BEHANDELEND_ARTS, True,
             "Vanaf de eerste dag, mits instemming van de werknemer.",
             "initiatief_behandelend_arts"),
        employer,
        advisory,
    )
