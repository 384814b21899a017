"""Where a trajectory stands: the steps of the visual timeline, done, current or coming.

Pure: the caller passes the trajectory and "today". A formal trajectory follows
the five steps of the occupational health services (request, assessment,
consultation, plan or report, execution) with the legal terms of
:func:`legal.trajectory_deadlines` in between; an informal trajectory has the
same shape without legal terms (fact sheet §3.4).

Each step has one state. A step with a legal due date that passed without the
step being recorded is ``TE_LAAT``; the first step still open is ``HUIDIG``;
an open step followed by a recorded one was ``OVERGESLAGEN`` (not written
down); once the trajectory is closed, what did not happen is ``OVERGESLAGEN``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from enum import Enum

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Decision, LegalDate, decision_explanation, trajectory_deadlines
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import Response, Trajectory, TrajectoryKind

#: Days before a legal due date from which the timeline warns (same as `Overzicht`).
WARNING_DAYS = 7

INFORMAL_EXPLANATION = (
    "Een informeel traject loopt buiten de wettelijke procedure: u maakt afspraken met de "
    "werknemer, die vóór de hervatting een bezoek bij de arbeidsarts kan vragen (sinds 2026 kan "
    "ook de werkgever dat bezoek aanvragen; de werknemer is niet verplicht erop in te gaan). Een "
    "deeltijdse, progressieve werkhervatting heeft de toestemming van de adviserend arts van het "
    "ziekenfonds nodig. Er gelden geen wettelijke termijnen; het formele traject blijft altijd mogelijk."
)


class StepState(str, Enum):
    GEDAAN = "gedaan"
    HUIDIG = "huidig"
    KOMEND = "komend"
    TE_LAAT = "te_laat"
    OVERGESLAGEN = "overgeslagen"

    @property
    def label(self) -> str:
        return {"gedaan": "Gedaan", "huidig": "Huidig", "komend": "Komend", "te_laat": "Te laat",
                "overgeslagen": "Niet genoteerd"}[self.value]

    @property
    def open(self) -> bool:
        return self in (StepState.HUIDIG, StepState.KOMEND, StepState.TE_LAAT)


@record
class Step:
    key: str
    title: str
    state: StepState = StepState.KOMEND
    done_on: date | None = None
    due: date | None = None
    note: str = ""
    explanation: str = ""
    deadline: LegalDate | None = None  # the legal term behind ``due``, with source and certainty
    overdue_possible: bool = True  # False for terms that bind the employee, not the employer

    @property
    def legal(self) -> bool:
        return self.deadline is not None

    @property
    def confirmed(self) -> bool:
        return self.deadline is None or self.deadline.confirmed

    @property
    def shown_date(self) -> date | None:
        return self.done_on if self.state is StepState.GEDAAN else (self.due or self.done_on)

    def days_left(self, today: date) -> int | None:
        return None if self.due is None else (self.due - today).days

    def warn(self, today: date) -> bool:
        """An open legal term within the warning period or passed."""
        left = self.days_left(today)
        return self.state.open and self.legal and left is not None and left <= WARNING_DAYS


def _deadlines(t: Trajectory) -> tuple[dict[str, LegalDate], str]:
    """The legal terms, or none with the reason why they cannot be computed."""
    if t.request_received is None:
        return {}, ("Noteer wanneer de arbeidsarts het verzoek ontving; vanaf dan lopen de "
                    "wettelijke termijnen.")
    plan = t.current_plan
    try:
        return trajectory_deadlines(
            request_received=t.request_received,
            assessment_received=t.assessment_received if t.decision else None,
            decision=t.decision,
            plan_delivered=plan.delivered_on if plan and t.decision is not Decision.C else None,
            appeal_decision_received=t.appeal_decision_received if t.decision is Decision.B else None,
            assessment_received_by_employee=(
                t.assessment_received_by_employee if t.decision is Decision.B else None),
        ), ""
    except ValueError as error:
        return {}, f"Geen termijnen berekend: {error}."


def _due(key: str, deadlines: dict[str, LegalDate], **fields: object) -> Step:
    deadline = deadlines.get(key)
    return Step(key, due=deadline.due if deadline else None, deadline=deadline,
                explanation=deadline.explanation if deadline else "", **fields)  # type: ignore[arg-type]


def _formal(t: Trajectory, today: date) -> list[Step]:
    deadlines, missing = _deadlines(t)
    plan = t.current_plan
    report = t.report
    steps = [Step("aanvraag", "Verzoek aan de arbeidsarts", done_on=t.request_received or t.request_date,
                  state=StepState.GEDAAN if t.request_received else StepState.KOMEND, note=missing,
                  explanation="Het schriftelijk verzoek om een re-integratietraject aan de "
                              "preventieadviseur-arbeidsarts; het traject begint de dag na ontvangst.")]
    assessed = t.assessment_received is not None and t.decision is not None
    steps.append(_due("beoordeling", deadlines, title="Re-integratiebeoordeling (beslissing A, B of C)",
                      done_on=t.assessment_received if assessed else None,
                      state=StepState.GEDAAN if assessed else StepState.KOMEND,
                      note=f"Beslissing {t.decision.value}" if assessed and t.decision else ""))
    if t.decision is Decision.C:
        steps.append(Step("geen_plan", "Geen re-integratieplan (beslissing C)", StepState.GEDAAN,
                          done_on=t.assessment_received, explanation=decision_explanation(Decision.C),
                          note="Er volgt geen plan en geen verslag."))
        steps.append(_due("nieuw_traject_na_c", deadlines, title="Eventueel opnieuw een traject aanvragen",
                          overdue_possible=False,
                          note="Vroegste datum volgens IDEWE, geen uiterste datum."))
    else:
        if t.decision is Decision.B:
            steps.append(_appeal(t, today, deadlines))
        steps.append(Step("overleg", "Overleg met werknemer en arbeidsarts", done_on=t.consultation_on,
                          state=StepState.GEDAAN if t.consultation_on else StepState.KOMEND,
                          note=t.consultation_participants,
                          explanation="Werknemer, werkgever en arbeidsarts bespreken de mogelijkheden "
                                      "en leggen aanpassingen en voorwaarden vast."))
        steps.append(_plan_step(t, deadlines))
        if not (report and report.delivered_on and not (plan and plan.delivered_on)):
            steps.extend(_after_plan(t, today, deadlines))
    return steps


def _appeal(t: Trajectory, today: date, deadlines: dict[str, LegalDate]) -> Step:
    step = _due("beroep", deadlines, title="Beroepstermijn van de werknemer (beslissing B)",
                overdue_possible=False)
    if t.appeal_decision_received:
        return replace(step, state=StepState.GEDAAN, done_on=t.appeal_decision_received,
                       note=f"Beroepsbeslissing ontvangen. {t.appeal_outcome}".strip())
    if t.appeal_lodged_on:
        return replace(step, note=f"Beroep aangetekend op {format_date(t.appeal_lodged_on)}; de "
                                  "beroepsbeslissing volgt binnen 42 kalenderdagen.")
    # Only once the term has ended under every reading (the employee's receipt may be later
    # than ours, a weekend may move the last day) is "no appeal" certain.
    if step.deadline is not None and step.deadline.surely_ended_after < today:
        return replace(step, state=StepState.GEDAAN, done_on=step.due,
                       note="Geen beroep genoteerd binnen de termijn.")
    return step


def _plan_step(t: Trajectory, deadlines: dict[str, LegalDate]) -> Step:
    plan, report = t.current_plan, t.report
    step = _due("plan", deadlines, title="Re-integratieplan of gemotiveerd verslag bezorgen")
    if plan and plan.delivered_on:
        return replace(step, title="Re-integratieplan bezorgd", state=StepState.GEDAAN,
                       done_on=plan.delivered_on, note=f"Versie {plan.version}")
    if report and report.delivered_on:
        return replace(step, title="Gemotiveerd verslag bezorgd", state=StepState.GEDAAN,
                       done_on=report.delivered_on, note="Geen plan mogelijk; het traject eindigt.")
    if plan:
        return replace(step, note=f"Plan versie {plan.version} in opmaak, nog niet bezorgd.")
    if report:
        return replace(step, note="Gemotiveerd verslag in opmaak, nog niet bezorgd.")
    return step


def _after_plan(t: Trajectory, today: date, deadlines: dict[str, LegalDate]) -> list[Step]:
    plan = t.current_plan
    answer = _due("instemming_werknemer", deadlines, title="Antwoord van de werknemer op het plan",
                  note="14 kalenderdagen na het bezorgen van het plan."
                  if t.kind is TrajectoryKind.FORMEEL else "")
    if t.kind is TrajectoryKind.INFORMEEL:
        answer = replace(answer, title="Akkoord van de werknemer met de afspraken", note="")
    execution = Step("uitvoering", "Uitvoering en opvolging van het plan",
                     explanation="De arbeidsarts volgt op; evalueer op de afgesproken momenten.")
    if plan and plan.response is Response.AGREED:
        answer = replace(answer, state=StepState.GEDAAN, done_on=plan.response_on, note="Akkoord")
        coming = sorted(d for d in plan.evaluation_moments if d >= today)
        execution = replace(execution, state=StepState.GEDAAN if t.closed_on else StepState.KOMEND,
                            done_on=t.closed_on, due=None if t.closed_on or not coming else coming[0],
                            note=f"Volgende evaluatie: {format_date(coming[0])}" if coming else "")
        return [answer, execution]
    if plan and plan.response is Response.REFUSED:
        return [replace(answer, state=StepState.GEDAAN, done_on=plan.response_on,
                        note="Geweigerd: " + plan.refusal_reasons)]
    if plan and plan.delivered_on and plan.reminder_sent_on:
        answer = replace(answer, overdue_possible=False,
                         note=f"Herinnering verstuurd op {format_date(plan.reminder_sent_on)}; opnieuw "
                              "geen reactie geldt als weigering.")
    elif plan and plan.delivered_on and answer.due and answer.due < today:
        answer = replace(answer, note="Geen antwoord binnen 14 dagen: contacteer de werknemer "
                                      "(herinnering); opnieuw geen reactie geldt als weigering.")
    return [answer, execution]


def _informal(t: Trajectory, today: date) -> list[Step]:
    plan = t.current_plan
    steps = [
        Step("start", "Afspraken met de werknemer", done_on=t.request_date,
             state=StepState.GEDAAN if t.request_date else StepState.KOMEND,
             explanation="Het informele traject start met afspraken tussen werkgever en werknemer."),
        Step("overleg", "Gesprek over de terugkeer", done_on=t.consultation_on,
             state=StepState.GEDAAN if t.consultation_on else StepState.KOMEND, note=t.consultation_participants),
        Step("bezoek", "Bezoek voorafgaand aan de werkhervatting (arbeidsarts)", done_on=t.assessment_received,
             state=StepState.GEDAAN if t.assessment_received else StepState.KOMEND,
             explanation="Niet verplicht: de arbeidsarts bekijkt aanpassingen van de werkpost en "
                         "oordeelt niet over de geschiktheid."),
        Step("toelating", "Toelating van de adviserend arts van het ziekenfonds (bij deeltijds werk)",
             done_on=t.advising_physician_approval_on,
             state=StepState.GEDAAN if t.advising_physician_approval_on else StepState.KOMEND,
             explanation="Nodig vóór een deeltijdse, progressieve werkhervatting tijdens de "
                         "arbeidsongeschiktheid; de werknemer vraagt ze aan bij het ziekenfonds. "
                         "Niet nodig bij een volledige hervatting."),
    ]
    step = Step("plan", "Plan met de afspraken bezorgd")
    if plan and plan.delivered_on:
        step = replace(step, state=StepState.GEDAAN, done_on=plan.delivered_on, note=f"Versie {plan.version}")
    elif plan:
        step = replace(step, note=f"Plan versie {plan.version} in opmaak.")
    steps.append(step)
    steps.extend(_after_plan(t, today, {}))
    return steps


def _assign_states(steps: list[Step], t: Trajectory, today: date) -> list[Step]:
    last_done = max((i for i, s in enumerate(steps) if s.state is StepState.GEDAAN), default=-1)
    result: list[Step] = []
    current_given = False
    for index, step in enumerate(steps):
        if step.state is StepState.GEDAAN:
            result.append(step)
            continue
        if t.closed_on is not None or index < last_done and step.key not in ("beroep", "nieuw_traject_na_c"):
            result.append(replace(step, state=StepState.OVERGESLAGEN))
            continue
        overdue = step.overdue_possible and step.due is not None and step.due < today
        if overdue:
            state = StepState.TE_LAAT
        elif not current_given:
            state = StepState.HUIDIG
        else:
            state = StepState.KOMEND
        current_given = current_given or state is not StepState.KOMEND
        result.append(replace(step, state=state))
    closing = Step("afsluiting", "Afsluiting en evaluatie", done_on=t.closed_on,
                   state=StepState.GEDAAN if t.closed_on else (StepState.KOMEND if current_given else StepState.HUIDIG),
                   note=t.closing_reason)
    return [*result, closing]


def steps(trajectory: Trajectory, today: date) -> tuple[Step, ...]:
    """The timeline of ``trajectory`` on ``today``, in the order the steps happen."""
    raw = _formal(trajectory, today) if trajectory.kind is TrajectoryKind.FORMEEL else _informal(trajectory, today)
    return tuple(_assign_states(raw, trajectory, today))


def next_step(timeline: tuple[Step, ...]) -> Step | None:
    """The open step to act on first: an overdue one, else the earliest legal term, else the current one."""
    open_steps = [s for s in timeline if s.state.open]
    overdue = [s for s in open_steps if s.state is StepState.TE_LAAT]
    if overdue:
        return min(overdue, key=lambda s: s.due or date.max)
    dated = [s for s in open_steps if s.legal and s.due is not None and s.overdue_possible]
    if dated:
        return min(dated, key=lambda s: s.due or date.max)
    return next((s for s in open_steps if s.state is StepState.HUIDIG), None)


def status_text(trajectory: Trajectory) -> str:
    return "afgesloten" if trajectory.closed_on else "lopend"
