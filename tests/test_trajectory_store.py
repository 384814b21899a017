"""Trajectories, plan versions and the motivated report on real dossier files."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Consideration,
    MotivatedReport,
    PlanVersion,
    ReportGround,
    Response,
    ScheduleStep,
    TrajectoryError,
    TrajectoryKind,
    check_plan,
    check_report,
    check_schedule,
)

FIXTURES = Path(__file__).parent / "fixtures"


def test_schedule_checked_against_the_regime_gaps_and_overlaps() -> None:
    good = [
        ScheduleStep(date(2026, 1, 5), date(2026, 2, 4), hours_per_week=18),
        ScheduleStep(date(2026, 2, 5), date(2026, 3, 6), percentage=65),
        ScheduleStep(date(2026, 3, 7), None, hours_per_week=38),
    ]
    assert check_schedule(good, 38) == []
    too_much = [ScheduleStep(date(2026, 1, 5), None, hours_per_week=40)]
    assert "meer dan het arbeidsregime" in check_schedule(too_much, 38)[0]
    gap = [ScheduleStep(date(2026, 1, 5), date(2026, 1, 31), hours_per_week=18),
           ScheduleStep(date(2026, 2, 10), None, hours_per_week=25)]
    assert "onderbreking van 9 dag" in check_schedule(gap, 38)[0]
    overlap = [ScheduleStep(date(2026, 1, 5), date(2026, 2, 10), hours_per_week=18),
               ScheduleStep(date(2026, 2, 1), None, hours_per_week=25)]
    assert "overlappen" in check_schedule(overlap, 38)[0]


def test_plan_without_validity_period_is_flagged() -> None:
    plan = PlanVersion(0, 1, 1, date(2026, 1, 1), adapted_work="Lichter werk")
    assert any("geldigheidsduur" in p for p in check_plan(plan, 38))


def test_report_refuses_an_unconsidered_kind_and_empty_reasons() -> None:
    considerations = [Consideration(s, True, ReportGround.OBJECTIVE, "Concreet gemotiveerd waarom dit niet kan.")
                      for s, _ in REPORT_SUBJECTS]
    complete = MotivatedReport(0, 1, date(2026, 1, 1), tuple(considerations))
    assert check_report(complete) == []
    missing = MotivatedReport(0, 1, date(2026, 1, 1), tuple(considerations[1:]))
    assert "arbeidstijd" in check_report(missing)[0]
    empty = MotivatedReport(0, 1, date(2026, 1, 1), (Consideration(REPORT_SUBJECTS[0][0], True, ReportGround.TECHNICAL, " "),
                                                     *considerations[1:]))
    assert "motiveer" in check_report(empty)[0]


def test_decision_date_before_request_is_refused(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Ahmed")
        t = dossier.trajectories.add(e.id, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                                     request_date=date(2026, 3, 1), request_received=date(2026, 3, 3))
        with pytest.raises(TrajectoryError, match="vóór"):
            dossier.trajectories.update(t.id, assessment_received=date(2026, 2, 1), decision=Decision.A)
        assert dossier.trajectories.get(t.id).decision is None
        with pytest.raises(TrajectoryError, match="enkel mogelijk tegen beslissing B"):
            dossier.trajectories.update(t.id, assessment_received=date(2026, 4, 1), decision=Decision.A,
                                        appeal_lodged_on=date(2026, 4, 5))


def test_changing_a_delivered_plan_creates_a_new_version(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Koen", hours_per_week=38)
        t = dossier.trajectories.add(e.id, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER)
        plan = dossier.trajectories.save_plan(PlanVersion(0, t.id, 1, date(2026, 1, 1), adapted_work="18 uur",
                                                          valid_from=date(2026, 1, 5), valid_until=date(2026, 6, 30)))
        draft_edit = dossier.trajectories.save_plan(PlanVersion(**{**plan.__dict__, "adapted_work": "20 uur"}))
        assert draft_edit.version == 1 and draft_edit.id == plan.id  # not yet signed: edited in place
        signed = dossier.trajectories.record_plan_event(plan.id, delivered_on=date(2026, 1, 2),
                                                        signed_by_employer_on=date(2026, 1, 2))
        changed = dossier.trajectories.save_plan(PlanVersion(**{**signed.__dict__, "adapted_work": "25 uur"}))
        assert changed.version == 2 and changed.id != plan.id and changed.delivered_on is None
        versions = dossier.trajectories.get(t.id).plans
    assert [(p.version, p.adapted_work) for p in versions] == [(1, "20 uur"), (2, "25 uur")]


def test_refusal_needs_reasons(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Koen")
        t = dossier.trajectories.add(e.id, TrajectoryKind.FORMEEL, Initiator.WERKGEVER)
        plan = dossier.trajectories.save_plan(PlanVersion(0, t.id, 1, date(2026, 1, 1)))
        with pytest.raises(TrajectoryError, match="redenen"):
            dossier.trajectories.record_plan_event(plan.id, response=Response.REFUSED, response_on=date(2026, 1, 9))
        refused = dossier.trajectories.record_plan_event(plan.id, response=Response.REFUSED,
                                                         response_on=date(2026, 1, 9), refusal_reasons="Te zwaar")
    assert refused.response is Response.REFUSED


def test_version_4_file_gets_trajectories(tmp_path: Path) -> None:
    path = tmp_path / "v4.kmo"
    shutil.copy(FIXTURES / "dossier_v4.kmo", path)
    with Dossier.open(path) as dossier:
        assert dossier.absences.get(1).contacts[0].summary == "Eerste telefoontje"
        assert dossier.trajectories.list() == []


def test_demo_trajectories(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        trajectories = dossier.trajectories.list()
    kinds = sorted((t.kind.value, t.decision.value if t.decision else "-") for t in trajectories)
    # Koen's running return, Ahmed's and Greet's formal ones, five earlier returns that ended well.
    assert kinds == [("formeel", "B"), ("formeel", "B")] + [("informeel", "-")] * 6
    assert sum(1 for t in trajectories if t.closed_on is None) == 2
    informal = next(t for t in trajectories if t.kind is TrajectoryKind.INFORMEEL and t.closed_on is None)
    assert [s.hours_per_week for s in informal.current_plan.schedule] == [18, 25, 38]
    assert check_plan(informal.current_plan, 38) == []
    reported = next(t for t in trajectories if t.report is not None)
    assert check_report(reported.report) == []


def test_every_list_gives_each_trajectory_its_own_plans_and_report(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        store = dossier.trajectories
        koen, lien = dossier.employees.add("Koen").id, dossier.employees.add("Lien").id
        first = store.add(koen, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, request_date=date(2025, 1, 6))
        second = store.add(lien, TrajectoryKind.FORMEEL, Initiator.WERKGEVER, request_date=date(2025, 3, 3))
        bare = store.add(koen, TrajectoryKind.INFORMEEL, Initiator.WERKGEVER, request_date=date(2025, 9, 1))
        for trajectory, texts in ((second, ("A", "B")), (first, ("C",)), (second, ("D",))):
            for text in texts:
                plan = store.save_plan(PlanVersion(0, trajectory.id, 0, date(2025, 4, 1), adapted_work=text))
                store.record_plan_event(plan.id, delivered_on=date(2025, 4, 2))  # the next one is a new version
        store.save_report(MotivatedReport(0, second.id, date(2025, 5, 1), disability_accommodation="Lift"))
        store.update(first.id, closed_on=date(2025, 6, 30))
        expected = {first.id: (["C"], None), second.id: (["A", "B", "D"], "Lift"), bare.id: ([], None)}

        def seen(trajectories: list) -> dict[int, tuple[list[str], str | None]]:
            return {t.id: ([p.adapted_work for p in t.plans],
                           t.report.disability_accommodation if t.report else None) for t in trajectories}

        assert seen(store.list()) == expected
        assert [t.id for t in store.list()] == [bare.id, second.id, first.id]  # running first, latest request first
        assert seen(store.of_employee(koen)) == {k: expected[k] for k in (first.id, bare.id)}
        assert seen([store.get(second.id)]) == {second.id: expected[second.id]}
        assert [p.version for p in store.get(second.id).plans] == [1, 2, 3]
        assert [t.id for t in store.running()] == [bare.id, second.id]
        assert store.running() == [t for t in store.list() if t.closed_on is None]


def test_lines_list_every_trajectory_with_its_name_and_the_plans_of_the_running_ones(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        store = dossier.trajectories
        koen, lien = dossier.employees.add("Koen").id, dossier.employees.add("Lien").id
        closed = store.add(koen, TrajectoryKind.FORMEEL, Initiator.WERKNEMER, request_date=date(2025, 1, 6),
                           request_received=date(2025, 1, 7))
        store.update(closed.id, assessment_received=date(2025, 2, 3), decision=Decision.A)
        store.save_plan(PlanVersion(0, closed.id, 1, date(2025, 2, 20), adapted_work="Oud plan"))
        store.update(closed.id, closed_on=date(2025, 6, 30))
        running = store.add(lien, TrajectoryKind.INFORMEEL, Initiator.WERKGEVER, request_date=date(2026, 3, 2))
        store.save_plan(PlanVersion(0, running.id, 1, date(2026, 3, 10), adapted_work="Halftijds"))
        bare = store.add(koen, TrajectoryKind.FORMEEL, Initiator.WERKGEVER, request_date=date(2026, 4, 1))

        lines = store.lines()
        whole = store.list()

    assert [line.id for line in lines] == [t.id for t in whole]  # the same order as the whole list
    by_id = {line.id: line for line in lines}
    assert [(by_id[t.id].kind, by_id[t.id].decision, by_id[t.id].closed_on) for t in whole] == [
        (t.kind, t.decision, t.closed_on) for t in whole]
    assert {line.id: line.employee_name for line in lines} == {closed.id: "Koen", running.id: "Lien", bare.id: "Koen"}
    # A running trajectory comes whole (its next step reads the plans); a closed one without.
    assert by_id[closed.id].running is None
    assert by_id[running.id].running == next(t for t in whole if t.id == running.id)
    assert [p.adapted_work for p in by_id[running.id].running.plans] == ["Halftijds"]
    assert by_id[bare.id].running is not None and by_id[bare.id].running.plans == ()


def test_the_plan_builds_on_the_linked_absence_else_the_one_of_the_request_date(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        store = dossier.trajectories
        ahmed, greet = dossier.employees.add("Ahmed").id, dossier.employees.add("Greet").id
        first = dossier.absences.add(ahmed, date(2025, 1, 6), returned_on=date(2025, 2, 3))
        second = dossier.absences.add(ahmed, date(2025, 9, 1), returned_on=date(2026, 4, 1))
        dossier.absences.add(ahmed, date(2026, 5, 1))  # the latest, but after the request
        dossier.absences.add(greet, date(2025, 1, 6))  # the same start, another person
        linked = store.add(ahmed, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, absence_id=first.id,
                           request_date=date(2025, 10, 1))
        on_request = store.add(ahmed, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, request_date=date(2025, 10, 1))
        before_any = store.add(ahmed, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, request_date=date(2024, 1, 1))
        undated = store.add(ahmed, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER)
        # Linked to another person's absence: that link is not this employee's absence.
        foreign = store.add(greet, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, absence_id=second.id)

        assert store.plan_absence_id(linked) == first.id
        assert store.plan_absence_id(on_request) == second.id  # running on the request date
        assert store.plan_absence_id(before_any) is None
        assert store.plan_absence_id(undated) is None
        assert store.plan_absence_id(foreign) is None
