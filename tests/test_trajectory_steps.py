"""The timeline of a trajectory: which steps are done, current or coming, and by when."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.trajectory import (
    MotivatedReport,
    PlanVersion,
    Response,
    Trajectory,
    TrajectoryKind,
)
from kmo_reintegratie.trajectory_steps import Step, StepState, next_step, steps

RECEIVED = date(2025, 3, 3)  # regime 2022: every term confirmed unless said otherwise


def formal(**fields: object) -> Trajectory:
    base = Trajectory(1, 1, None, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                      request_date=RECEIVED - timedelta(days=2), request_received=RECEIVED)
    return replace(base, **fields)  # type: ignore[arg-type]


def by_key(timeline: tuple[Step, ...]) -> dict[str, Step]:
    return {s.key: s for s in timeline}


def test_fresh_formal_request_waits_for_the_assessment_within_49_days() -> None:
    timeline = steps(formal(), RECEIVED + timedelta(days=5))
    keys = [s.key for s in timeline]
    assert keys[:2] == ["aanvraag", "beoordeling"]
    assert keys[-1] == "afsluiting"
    request, assessment = timeline[0], timeline[1]
    assert request.state is StepState.GEDAAN and request.done_on == RECEIVED
    assert assessment.state is StepState.HUIDIG
    assert assessment.due == date(2025, 4, 21)  # 3 March + 49 days: Easter Monday
    # Whether art. 53 Ger.W. moves it to the next working day is not settled: flagged.
    assert assessment.legal and not assessment.confirmed
    assert assessment.deadline is not None and assessment.deadline.next_working_day == date(2025, 4, 22)
    assert assessment.deadline is not None and "49" in assessment.deadline.source + assessment.explanation
    assert all(s.state is StepState.KOMEND for s in timeline[2:])
    assert next_step(timeline) is assessment


def test_decision_a_gives_a_plan_within_63_days_and_no_appeal() -> None:
    received = RECEIVED + timedelta(days=30)
    timeline = by_key(steps(formal(assessment_received=received, decision=Decision.A), received + timedelta(days=1)))
    assert "beroep" not in timeline
    assert timeline["beoordeling"].state is StepState.GEDAAN
    assert timeline["beoordeling"].done_on == received
    assert timeline["overleg"].state is StepState.HUIDIG
    assert timeline["plan"].due == received + timedelta(days=63)
    assert timeline["plan"].confirmed
    assert timeline["plan"].state is StepState.KOMEND


def test_decision_b_has_an_appeal_term_of_21_days_and_a_plan_in_6_months_to_be_confirmed() -> None:
    received = date(2025, 4, 10)
    timeline = by_key(steps(formal(assessment_received=received, decision=Decision.B), received + timedelta(days=3)))
    appeal = timeline["beroep"]
    assert appeal.due == received + timedelta(days=21)
    assert appeal.state is StepState.HUIDIG
    plan = timeline["plan"]
    assert plan.due == date(2025, 10, 10)
    assert not plan.confirmed
    assert plan.deadline is not None and "vertrekpunt" in (plan.deadline.unconfirmed_reason or "")
    # After the term without an appeal, the step is over rather than late: it binds the employee.
    later = by_key(steps(formal(assessment_received=received, decision=Decision.B), received + timedelta(days=30)))
    assert later["beroep"].state is StepState.GEDAAN
    assert "Geen beroep" in later["beroep"].note


def test_decision_c_has_no_plan_step_and_explains_why() -> None:
    received = RECEIVED + timedelta(days=20)
    timeline = steps(formal(assessment_received=received, decision=Decision.C), received + timedelta(days=1))
    keys = [s.key for s in timeline]
    assert "plan" not in keys and "instemming_werknemer" not in keys and "overleg" not in keys
    no_plan = by_key(timeline)["geen_plan"]
    assert no_plan.state is StepState.GEDAAN
    assert "géén re-integratieplan" in no_plan.explanation
    again = by_key(timeline)["nieuw_traject_na_c"]
    assert not again.confirmed and again.due == date(2025, 6, 23)


def test_a_delivered_plan_waits_14_days_for_the_employees_answer() -> None:
    received = RECEIVED + timedelta(days=20)
    delivered = received + timedelta(days=40)
    plan = PlanVersion(5, 1, 1, delivered, delivered_on=delivered)
    trajectory = formal(assessment_received=received, decision=Decision.A, consultation_on=received + timedelta(days=10),
                        plans=(plan,))
    timeline = by_key(steps(trajectory, delivered + timedelta(days=2)))
    assert timeline["plan"].state is StepState.GEDAAN and timeline["plan"].done_on == delivered
    answer = timeline["instemming_werknemer"]
    assert answer.due == delivered + timedelta(days=14)
    assert answer.state is StepState.HUIDIG
    # No answer after 14 days: late, with the advice to send a reminder.
    late = by_key(steps(trajectory, delivered + timedelta(days=20)))["instemming_werknemer"]
    assert late.state is StepState.TE_LAAT and "herinnering" in late.note
    reminded = replace(trajectory, plans=(replace(plan, reminder_sent_on=delivered + timedelta(days=16)),))
    waiting = by_key(steps(reminded, delivered + timedelta(days=20)))["instemming_werknemer"]
    assert waiting.state is StepState.HUIDIG and "weigering" in waiting.note
    agreed = replace(trajectory, plans=(replace(plan, response=Response.AGREED, response_on=delivered + timedelta(days=5),
                                                evaluation_moments=(delivered + timedelta(days=40),)),))
    done = by_key(steps(agreed, delivered + timedelta(days=20)))
    assert done["instemming_werknemer"].state is StepState.GEDAAN
    assert done["uitvoering"].state is StepState.HUIDIG
    assert done["uitvoering"].due == delivered + timedelta(days=40)


def test_a_delivered_report_ends_the_trajectory_without_an_answer_step() -> None:
    received = RECEIVED + timedelta(days=20)
    report = MotivatedReport(1, 1, received + timedelta(days=30), delivered_on=received + timedelta(days=31))
    timeline = steps(formal(assessment_received=received, decision=Decision.A, report=report), received + timedelta(days=40))
    keys = [s.key for s in timeline]
    assert "instemming_werknemer" not in keys and "uitvoering" not in keys
    assert by_key(timeline)["plan"].title == "Gemotiveerd verslag bezorgd"
    assert by_key(timeline)["overleg"].state is StepState.OVERGESLAGEN  # not written down
    assert timeline[-1].key == "afsluiting" and timeline[-1].state is StepState.HUIDIG


def test_informal_trajectory_has_no_legal_terms() -> None:
    start = date(2026, 4, 1)
    trajectory = Trajectory(2, 1, None, TrajectoryKind.INFORMEEL, Initiator.WERKGEVER, request_date=start)
    timeline = steps(trajectory, start + timedelta(days=300))
    assert [s.key for s in timeline][:3] == ["start", "overleg", "bezoek"]
    assert not any(s.legal for s in timeline)
    assert not any(s.state is StepState.TE_LAAT for s in timeline)
    assert by_key(timeline)["overleg"].state is StepState.HUIDIG
    assert next_step(timeline) is by_key(timeline)["overleg"]


def test_overdue_relative_to_the_injected_today() -> None:
    trajectory = formal()
    due = RECEIVED + timedelta(days=49)
    assert by_key(steps(trajectory, due))["beoordeling"].state is StepState.HUIDIG
    assert by_key(steps(trajectory, due))["beoordeling"].warn(due)
    assert not by_key(steps(trajectory, due - timedelta(days=8)))["beoordeling"].warn(due - timedelta(days=8))
    late = by_key(steps(trajectory, due + timedelta(days=1)))["beoordeling"]
    assert late.state is StepState.TE_LAAT
    assert late.days_left(due + timedelta(days=1)) == -1
    # A plan term passed while the consultation is still open: the plan is late, the consultation current.
    received = RECEIVED + timedelta(days=10)
    timeline = by_key(steps(formal(assessment_received=received, decision=Decision.A), received + timedelta(days=70)))
    assert timeline["overleg"].state is StepState.HUIDIG
    assert timeline["plan"].state is StepState.TE_LAAT
    assert next_step(tuple(timeline.values())) is timeline["plan"]


def test_29_february() -> None:
    # Received on 29 February 2028 (leap year): 49 days later is 18 April.
    leap = formal(request_date=date(2028, 2, 28), request_received=date(2028, 2, 29))
    assert by_key(steps(leap, date(2028, 3, 1)))["beoordeling"].due == date(2028, 4, 18)
    # Decision B received on 31 August 2027: 6 months is clamped to 29 February 2028 and flagged.
    received = date(2027, 8, 31)
    b = formal(request_date=date(2027, 7, 1), request_received=date(2027, 7, 2), assessment_received=received,
               decision=Decision.B)
    plan = by_key(steps(b, received + timedelta(days=1)))["plan"]
    assert plan.due == date(2028, 2, 29)
    assert not plan.confirmed
    assert "laatste dag van de maand" in (plan.deadline.unconfirmed_reason if plan.deadline else "")


def test_closed_trajectory_has_nothing_open() -> None:
    closed = formal(closed_on=RECEIVED + timedelta(days=10), closing_reason="Werknemer hervatte volledig")
    timeline = steps(closed, RECEIVED + timedelta(days=100))
    assert not any(s.state.open for s in timeline)
    assert timeline[-1].state is StepState.GEDAAN and timeline[-1].note == "Werknemer hervatte volledig"
    assert next_step(timeline) is None


def test_missing_receipt_date_explains_that_the_terms_wait_for_it() -> None:
    trajectory = formal(request_received=None)
    first = steps(trajectory, RECEIVED)[0]
    assert first.state is StepState.HUIDIG
    assert "ontving" in first.note


def test_no_appeal_is_only_noted_once_the_term_has_surely_ended() -> None:
    # Form received by the employer on Sunday 31/8/2025; the employee's receipt is not known.
    t = formal(assessment_received=date(2025, 8, 31), decision=Decision.B)
    on_monday = by_key(steps(t, date(2025, 9, 22)))["beroep"]
    assert on_monday.state is not StepState.GEDAAN
    assert "Geen beroep" not in on_monday.note
    assert on_monday.deadline is not None and on_monday.deadline.approximate
    assert by_key(steps(t, date(2025, 10, 1)))["beroep"].note == "Geen beroep genoteerd binnen de termijn."


def test_the_appeal_term_counts_from_the_employees_receipt_when_known() -> None:
    t = formal(assessment_received=date(2025, 8, 31), decision=Decision.B,
               assessment_received_by_employee=date(2025, 9, 3))
    appeal = by_key(steps(t, date(2025, 9, 10)))["beroep"]
    assert appeal.due == date(2025, 9, 24)  # 21 days from the day after the employee's receipt
    assert appeal.deadline is not None and not appeal.deadline.approximate


def test_the_employees_receipt_is_stored(dossier_path: Path) -> None:
    from kmo_reintegratie.legal import Initiator
    from kmo_reintegratie.store.dossier import Dossier
    from kmo_reintegratie.trajectory import TrajectoryKind

    with Dossier.open(dossier_path) as dossier:
        person = dossier.employees.add("Ahmed")
        trajectory = dossier.trajectories.add(person.id, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                                              request_received=date(2025, 7, 1))
        dossier.trajectories.update(trajectory.id, assessment_received_by_employee=date(2025, 9, 3))
    with Dossier.open(dossier_path, read_only=True) as dossier:
        assert dossier.trajectories.get(trajectory.id).assessment_received_by_employee == date(2025, 9, 3)
