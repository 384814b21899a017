"""Terms of a formal re-integration trajectory (regime since 1 October 2022, kept in 2026).

Procedure terms are counted in calendar days from the day after receipt of the form or
document (fact sheet §0): "49 days after receipt on 1 March" is due on 19 April.  For
trajectories requested from 1 January 2026 the same terms are stated by IDEWE (2026,
seed 004), so they are no longer flagged for that reason.
"""

from __future__ import annotations

from datetime import date, timedelta

from kmo_reintegratie.legal.base import RIT_2022, RIT_2026, Decision, format_date_nl
from kmo_reintegratie.legal.records import Deadline, LegalDate
from kmo_reintegratie.legal.rules import make
from kmo_reintegratie.legal.terms import add_working_days, months_after, next_working_day

_nl = format_date_nl

#: Registered mail is presumed received on the third working day after it was posted
#: (Judicial Code art. 53bis); the form cannot have been posted after the employer got it.
PRESUMED_POST_DAYS = 3


def _appeal(received_by_employer: date, received_by_employee: date | None,
            rule_key: str) -> LegalDate:
    basis = received_by_employee or received_by_employer
    due = basis + timedelta(days=21)
    text = (
        "De werknemer kan binnen 21 kalenderdagen na de dag waarop hij beslissing B ontving "
        "één keer beroep aantekenen met een aangetekende brief aan de arts-sociaal inspecteur "
        "van Toezicht op het Welzijn op het Werk én aan de werkgever. De beroepsbeslissing "
        "volgt binnen 42 kalenderdagen na ontvangst van het beroep. Beroep kan niet tegen de "
        "voorwaarden en modaliteiten.")
    if received_by_employee is not None:
        return make("beroep", due, "Uiterste datum beroep werknemer (beslissing B)",
                    text + f" De werknemer ontving het formulier op {_nl(basis)}.", rule_key,
                    deadline=True, binds_employer=False)
    latest_receipt = add_working_days(received_by_employer, PRESUMED_POST_DAYS)
    latest_end = next_working_day(latest_receipt + timedelta(days=21))
    reason = (
        "De termijn loopt vanaf de ontvangst door de werknemer, en die datum is niet "
        f"ingevuld: de app rekent bij benadering vanaf de ontvangst door de werkgever "
        f"({_nl(received_by_employer)}). Ontving de werknemer het formulier later, dan loopt "
        "de termijn langer; bij een aangetekende zending (vermoed ontvangen op de derde "
        "werkdag na verzending, art. 53bis Ger.W.) en een vervaldag die naar een werkdag "
        f"schuift, ten laatste tot en met {_nl(latest_end)}. Vraag de werknemer wanneer hij "
        "het formulier ontving; noteer geen 'geen beroep' vóór die dag voorbij is.")
    return make("beroep", due, "Uiterste datum beroep werknemer (beslissing B, bij benadering)",
                text, rule_key, [reason], deadline=True, binds_employer=False,
                latest_end=latest_end, approximate=True)


def trajectory_deadlines(
    *,
    request_received: date,
    assessment_received: date | None = None,
    decision: Decision | str | None = None,
    plan_delivered: date | None = None,
    appeal_decision_received: date | None = None,
    assessment_received_by_employee: date | None = None,
) -> dict[str, Deadline]:
    """Deadlines of a formal re-integration trajectory (regime since 1/10/2022).

    ``request_received``: date the occupational physician received the request;
    ``assessment_received``: date the employer received the re-integration assessment form
    (FRB) with ``decision``; ``assessment_received_by_employee``: date the employee received
    it (the appeal term runs from that day; without it the appeal date is approximate and
    ``latest_end`` says when the term has surely ended); ``plan_delivered``: date the plan
    was handed to the employee; ``appeal_decision_received``: date the appeal decision was
    received (decision B only).

    Keys that apply: ``beoordeling`` (49 days), ``beroep`` (B: 21 days), ``plan`` (A: 63
    days; B: 6 months, starting point "te bevestigen"; the due date is the earliest
    candidate), ``nieuw_traject_na_c`` (C, unconfirmed), ``instemming_werknemer`` (14 days
    after the plan is delivered).  A due day on a Saturday, Sunday or public holiday is kept
    and ``next_working_day`` names the other reading (flagged).

    Raises ``ValueError`` for trajectories requested before 1 October 2022 (other terms,
    partly in working days) and for inconsistent input.
    """
    if request_received < RIT_2022:
        raise ValueError("trajecten van vóór 1 oktober 2022 volgen andere termijnen")
    dec = Decision(decision) if decision is not None else None
    if dec is not None and assessment_received is None:
        raise ValueError("een beslissing vereist de datum van ontvangst van het formulier")
    if assessment_received is not None and assessment_received < request_received:
        raise ValueError("het formulier kan niet vóór het verzoek ontvangen zijn")
    if plan_delivered is not None:
        if dec is Decision.C:
            raise ValueError("na beslissing C volgt geen re-integratieplan")
        if assessment_received is not None and plan_delivered < assessment_received:
            raise ValueError("het plan kan niet vóór het formulier bezorgd zijn")
    if appeal_decision_received is not None and dec is not Decision.B:
        raise ValueError("beroep is enkel mogelijk tegen beslissing B")
    if (assessment_received_by_employee is not None
            and assessment_received_by_employee < request_received):
        raise ValueError("het formulier kan niet vóór het verzoek ontvangen zijn")

    rit3 = request_received >= RIT_2026

    def key(rule_2022: str) -> str:
        # Under RIT 3.0 the term is the one IDEWE (2026) states; plan B keeps its own doubt.
        return "rit3_termijnen" if rit3 and rule_2022 != "plan_beslissing_b" else rule_2022

    out: dict[str, Deadline] = {}
    out["beoordeling"] = make(
        "beoordeling", request_received + timedelta(days=49),
        "Uiterste datum re-integratiebeoordeling",
        "De preventieadviseur-arbeidsarts doet de re-integratiebeoordeling binnen 49 "
        f"kalenderdagen na ontvangst van het verzoek ({_nl(request_received)}), te tellen "
        "vanaf de dag na ontvangst.",
        key("beoordeling_49_dagen"), deadline=True)

    if dec is Decision.A:
        assert assessment_received is not None
        out["plan"] = make(
            "plan", assessment_received + timedelta(days=63),
            "Uiterste datum re-integratieplan (beslissing A)",
            "Bij beslissing A maakt de werkgever binnen 63 kalenderdagen na ontvangst van het "
            f"formulier ({_nl(assessment_received)}) een re-integratieplan op, in overleg met de "
            "werknemer en de arbeidsarts. Kan dat niet, dan bezorgt hij een gemotiveerd verslag "
            "aan de werknemer en de arbeidsarts (termijn vermoedelijk dezelfde, te bevestigen).",
            key("plan_beslissing_a"), deadline=True)
    elif dec is Decision.B:
        assert assessment_received is not None
        appeal = _appeal(assessment_received, assessment_received_by_employee,
                         key("beroep_21_dagen"))
        out["beroep"] = appeal
        if appeal_decision_received is not None:
            plan_due, month_reasons, reading = months_after(appeal_decision_received, 6,
                                                            latest=True)
            basis = (f"Er werd beroep aangetekend: de app rekent 6 maanden vanaf de ontvangst van "
                     f"de beroepsbeslissing ({_nl(appeal_decision_received)}).")
        else:
            plan_due, month_reasons, reading = months_after(assessment_received, 6, latest=True)
            later, _, _ = months_after(appeal.surely_ended_after, 6, latest=False)
            basis = (f"De app toont veiligheidshalve de vroegste datum: 6 maanden na ontvangst "
                     f"van het formulier ({_nl(assessment_received)}). Loopt de termijn pas na "
                     f"het einde van de beroepstermijn, dan is het {_nl(later)}; na een beroep "
                     "loopt hij vanaf de ontvangst van de beroepsbeslissing.")
        out["plan"] = make(
            "plan", plan_due, "Uiterste datum re-integratieplan (beslissing B)",
            "Bij beslissing B maakt de werkgever binnen 6 maanden een re-integratieplan op, of "
            "een gemotiveerd verslag als dat niet mogelijk is. " + basis,
            "plan_beslissing_b", month_reasons, deadline=True, reading=reading)
    elif dec is Decision.C:
        assert assessment_received is not None
        again, month_reasons, reading = months_after(assessment_received, 3, latest=False)
        out["nieuw_traject_na_c"] = make(
            "nieuw_traject_na_c", again, "Mogelijk opnieuw een traject aanvragen (na beslissing C)",
            "Na beslissing C volgt geen re-integratieplan. Volgens IDEWE kan ten vroegste na "
            "drie maanden een nieuw traject starten, tenzij de arbeidsarts goede redenen heeft "
            "om daarvan af te wijken; de app rekent vanaf de ontvangst van het formulier.",
            "nieuw_traject_na_c", month_reasons, reading=reading)

    if plan_delivered is not None:
        out["instemming_werknemer"] = make(
            "instemming_werknemer", plan_delivered + timedelta(days=14),
            "Uiterste datum reactie werknemer op het plan",
            "De werknemer heeft 14 kalenderdagen na ontvangst van het plan "
            f"({_nl(plan_delivered)}) om het te ondertekenen voor akkoord of de redenen van "
            "weigering te vermelden. Reageert hij niet, dan contacteert de werkgever hem; "
            "opnieuw geen reactie geldt als weigering.",
            key("instemming_werknemer_14_dagen"), deadline=True, binds_employer=False)
    return out
