"""The register of preventive requests (since 2026) and what the employer must do next.

A worker who risks becoming unfit for work may ask whether the workstation can be adapted or
whether adapted or other work is possible.  The employer need not grant it, but must examine
the request — and the arbeidsarts's advice, when asked — seriously, and tell the worker as
soon as possible what follows (``legal.duty_rule("preventief_verzoek")``).

Pure: no Qt, no SQL.  ``advice`` is the arbeidsarts's advice on work adaptations and
``answer`` the employer's answer; neither may hold a diagnosis (the dialog warns).
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import LegalDate, preventive_answer_due
from kmo_reintegratie.record import record


@record
class PreventiveRequest:
    id: int
    employee_id: int
    requested_on: date
    visit_on: date | None = None
    advice_received_on: date | None = None
    advice: str = ""
    answered_on: date | None = None
    answer: str = ""


class Stage(str, Enum):
    """Where a request stands; the register's "Stand" column."""

    WAITING_FOR_ADVICE = "wacht_op_advies"
    TO_ANSWER = "te_beantwoorden"
    ANSWERED = "beantwoord"

    @property
    def label(self) -> str:
        return {"wacht_op_advies": "Wacht op advies", "te_beantwoorden": "Te beantwoorden",
                "beantwoord": "Beantwoord"}[self.value]


@record
class NextDuty:
    """What the employer must do now for one request, with its legal basis."""

    stage: Stage
    text: str
    legal: LegalDate | None  # None once answered


def stage(request: PreventiveRequest) -> Stage:
    if request.answered_on is not None:
        return Stage.ANSWERED
    if request.advice_received_on is None and not request.advice.strip():
        return Stage.WAITING_FOR_ADVICE
    return Stage.TO_ANSWER


def next_duty(request: PreventiveRequest, today: date) -> NextDuty:
    """The employer's next step; "zo snel mogelijk" is never turned into an invented date."""
    current = stage(request)
    if current is Stage.ANSWERED:
        assert request.answered_on is not None
        return NextDuty(current, f"Beantwoord op {format_date(request.answered_on)}. Bewaar het "
                                 "ondertekende antwoord in het personeelsdossier.", None)
    due = preventive_answer_due(request.requested_on, request.advice_received_on)
    if current is Stage.WAITING_FOR_ADVICE:
        days = (today - request.requested_on).days
        text = ("Onderzoek de vraag ernstig. U kunt advies vragen aan de arbeidsarts of een andere "
                "preventieadviseur (niet verplicht); noteer de datum van het bezoek en van het "
                f"advies zodra u ze kent. Het verzoek is {max(days, 0)} dag(en) oud.")
        return NextDuty(current, text, due)
    days = (today - (request.advice_received_on or request.requested_on)).days
    text = ("Onderzoek het advies ernstig en antwoord de werknemer zo snel mogelijk: welke "
            "aanpassing van de werkpost of welk aangepast of ander werk, vanaf wanneer — of waarom "
            f"u er niet op kunt ingaan. Het advies is {max(days, 0)} dag(en) oud.")
    return NextDuty(current, text, due)


def check_request(request: PreventiveRequest) -> list[str]:
    """Dutch problems that keep a request from being stored (empty when it is consistent)."""
    problems = []
    start = request.requested_on
    for value, what in ((request.visit_on, "Het bezoek"),
                        (request.advice_received_on, "Het advies"),
                        (request.answered_on, "Het antwoord")):
        if value is not None and value < start:
            problems.append(f"{what} ({format_date(value)}) ligt vóór het verzoek "
                            f"({format_date(start)}).")
    if (request.visit_on and request.advice_received_on
            and request.advice_received_on < request.visit_on):
        problems.append("Het advies ligt vóór het bezoek bij de arbeidsarts.")
    if request.answered_on is not None and not request.answer.strip():
        problems.append("Noteer het antwoord dat u gaf, of laat de datum van het antwoord leeg.")
    return problems
