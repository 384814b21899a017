"""Trajectories with their plan versions and motivated report."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.dates import from_iso, iso
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import (
    Adaptation,
    AdaptationKind,
    Consideration,
    MotivatedReport,
    PlanVersion,
    ReportGround,
    Response,
    ReturnChecklist,
    ScheduleStep,
    Trajectory,
    TrajectoryError,
    TrajectoryKind,
    check_trajectory_dates,
)

if TYPE_CHECKING:
    from kmo_reintegratie.store.undo_rows import DeletedRows
    from kmo_reintegratie.store.dossier import Dossier

TRAJECTORY_DATES = ("request_date", "request_received", "assessment_received",
                    "assessment_received_by_employee", "appeal_lodged_on",
                    "appeal_decision_received", "consultation_on", "advising_physician_approval_on", "closed_on")
TRAJECTORY_TEXTS = ("decision_conditions", "appeal_outcome", "consultation_participants", "execution_notes",
                    "evaluation_worked", "evaluation_better", "closing_reason")
PLAN_DATES = ("made_on", "valid_from", "valid_until", "aftercare_until", "delivered_on",
              "signed_by_employer_on", "response_on", "reminder_sent_on", "fixed_on")
PLAN_TEXTS = ("workstation_adaptations", "adapted_work", "other_work", "training", "refusal_reasons")


def _plan(r: dict[str, Any]) -> PlanVersion:
    checklist = json.loads(r["checklist"] or "{}")
    return PlanVersion(
        id=r["id"], trajectory_id=r["trajectory_id"], version=r["version"],
        **{k: from_iso(r[k]) for k in PLAN_DATES},  # type: ignore[arg-type]
        **{k: r[k] for k in PLAN_TEXTS},
        adaptations=tuple(Adaptation(AdaptationKind(a["kind"]), a["description"], bool(a.get("permanent")))
                          for a in json.loads(r["adaptations"])),
        schedule=tuple(ScheduleStep(date.fromisoformat(s["starts"]), from_iso(s.get("ends")),
                                    s.get("hours_per_week"), s.get("percentage"), s.get("changes", ""))
                       for s in json.loads(r["schedule"])),
        evaluation_moments=tuple(date.fromisoformat(d) for d in json.loads(r["evaluation_moments"])),
        checklist=ReturnChecklist(**checklist),
        response=Response(r["response"]),
    )


def _plan_row(plan: PlanVersion) -> dict[str, Any]:
    return {
        **{k: iso(getattr(plan, k)) for k in PLAN_DATES},
        **{k: getattr(plan, k) for k in PLAN_TEXTS},
        "adaptations": json.dumps([{"kind": a.kind.value, "description": a.description, "permanent": a.permanent}
                                   for a in plan.adaptations], ensure_ascii=False),
        "schedule": json.dumps([{"starts": s.starts.isoformat(), "ends": iso(s.ends), "hours_per_week": s.hours_per_week,
                                 "percentage": s.percentage, "changes": s.changes} for s in plan.schedule],
                               ensure_ascii=False),
        "evaluation_moments": json.dumps([d.isoformat() for d in plan.evaluation_moments]),
        "checklist": json.dumps(asdict(plan.checklist), ensure_ascii=False),
        "response": plan.response.value,
    }


def _report(r: dict[str, Any]) -> MotivatedReport:
    return MotivatedReport(
        id=r["id"], trajectory_id=r["trajectory_id"], made_on=date.fromisoformat(r["made_on"]),
        considerations=tuple(
            Consideration(c["subject"], bool(c.get("considered")),
                          ReportGround(c["ground"]) if c.get("ground") else None, c.get("reasons", ""))
            for c in json.loads(r["considerations"])
        ),
        disability_accommodation=r["disability_accommodation"], delivered_on=from_iso(r["delivered_on"]),
    )


def _trajectory(r: dict[str, Any], plans: tuple[PlanVersion, ...] = (),
                report: MotivatedReport | None = None) -> Trajectory:
    return Trajectory(
        id=r["id"], employee_id=r["employee_id"], absence_id=r["absence_id"],
        kind=TrajectoryKind(r["kind"]), initiator=Initiator(r["initiator"]),
        decision=Decision(r["decision"]) if r["decision"] else None,
        **{k: from_iso(r[k]) for k in TRAJECTORY_DATES},  # type: ignore[arg-type]
        **{k: r[k] for k in TRAJECTORY_TEXTS},
        plans=plans, report=report,
    )


@record
class TrajectoryLine:
    """What a list shows of one trajectory.

    ``running`` is the whole trajectory, plans and report included, while it is not closed:
    its next step depends on them. A closed one comes without (a large dossier holds years of
    closed trajectories, and a closed trajectory has no step left to show); read it whole with
    ``get()`` when it is opened.
    """

    id: int
    employee_name: str | None  # None when the employee is no longer in the dossier
    kind: TrajectoryKind
    decision: Decision | None
    closed_on: date | None
    running: Trajectory | None


class TrajectoryRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    def _assemble(self, rows: list[dict[str, Any]], scope: str,
                  params: dict[str, Any] | None = None) -> list[Trajectory]:
        """Trajectories from their ``rows``; ``scope`` is SQL selecting the same trajectories' ids,
        so that all their plans and all their reports come with one query each."""
        db = self._dossier
        plans: dict[int, list[PlanVersion]] = defaultdict(list)
        for p in db.query(f"SELECT * FROM plan_version WHERE trajectory_id IN ({scope}) "
                          "ORDER BY trajectory_id, version", params or {}):
            plans[p["trajectory_id"]].append(_plan(p))
        reports = {r["trajectory_id"]: _report(r) for r in db.query(
            f"SELECT * FROM motivated_report WHERE trajectory_id IN ({scope})", params or {})}
        return [_trajectory(r, tuple(plans.get(r["id"], ())), reports.get(r["id"])) for r in rows]

    def list(self) -> list[Trajectory]:
        return self._assemble(list(self._dossier.query(
            "SELECT * FROM trajectory "
            "ORDER BY closed_on IS NOT NULL, coalesce(request_date, created_at) DESC")),
            "SELECT id FROM trajectory")

    def lines(self) -> list[TrajectoryLine]:
        """Every trajectory for a list, in ``list()``'s order, with its employee's name; plans
        and report only for the running ones (see :class:`TrajectoryLine`)."""
        running = {t.id: t for t in self.running()}
        return [
            TrajectoryLine(trajectory_id, name, TrajectoryKind(kind), Decision(decision) if decision else None,
                           from_iso(closed_on), running.get(trajectory_id))
            for trajectory_id, kind, decision, closed_on, name in self._dossier.execute(
                "SELECT t.id, t.kind, t.decision, t.closed_on, e.name FROM trajectory t "
                "LEFT JOIN employee e ON e.id = t.employee_id "
                "ORDER BY t.closed_on IS NOT NULL, coalesce(t.request_date, t.created_at) DESC, t.id")
        ]

    def running(self) -> list[Trajectory]:
        """The trajectories not closed yet, in ``list()``'s order: all the Overzicht needs, as a
        closed one has no step or deadline left (a large dossier holds years of closed ones)."""
        running = "SELECT id FROM trajectory WHERE closed_on IS NULL"
        return self._assemble(list(self._dossier.query(
            "SELECT * FROM trajectory WHERE closed_on IS NULL "
            "ORDER BY coalesce(request_date, created_at) DESC")), running)

    def of_employee(self, employee_id: int) -> list[Trajectory]:
        params = {"e": employee_id}
        return self._assemble(list(self._dossier.query(
            "SELECT * FROM trajectory WHERE employee_id = :e ORDER BY created_at DESC", params)),
            "SELECT id FROM trajectory WHERE employee_id = :e", params)

    def get(self, trajectory_id: int) -> Trajectory:
        row = self._dossier.row("trajectory", trajectory_id)
        return self._assemble([row], ":t", {"t": trajectory_id})[0]

    def plan_absence_id(self, trajectory: Trajectory) -> int | None:
        """The absence a plan of ``trajectory`` builds on: the linked one (of the same employee),
        else the one running on the request date, else the latest that started before it; None
        without any. One indexed look-up instead of reading all the employee's absences."""
        db = self._dossier
        params = {"e": trajectory.employee_id, "a": trajectory.absence_id, "d": iso(trajectory.request_date)}
        found = db.execute("SELECT id FROM absence WHERE employee_id = :e AND id = :a", params).fetchone()
        if found is None and trajectory.request_date is not None:
            found = db.execute("SELECT id FROM absence WHERE employee_id = :e AND starts <= :d "
                               "ORDER BY starts DESC, id DESC LIMIT 1", params).fetchone()
        return found[0] if found else None

    def add(self, employee_id: int, kind: TrajectoryKind, initiator: Initiator, *, absence_id: int | None = None,
            request_date: date | None = None, request_received: date | None = None) -> Trajectory:
        now = self._dossier.now()
        draft = Trajectory(0, employee_id, absence_id, kind, initiator, request_date, request_received)
        problems = check_trajectory_dates(draft)
        if problems:
            raise TrajectoryError(" ".join(problems))
        with self._dossier.writing() as db:
            pk = db["trajectory"].insert({
                "employee_id": employee_id, "absence_id": absence_id, "kind": TrajectoryKind(kind).value,
                "initiator": Initiator(initiator).value, "request_date": iso(request_date),
                "request_received": iso(request_received), "created_at": now, "updated_at": now,
            }).last_pk
        return self.get(int(pk))

    def update(self, trajectory_id: int, **fields: object) -> Trajectory:
        """Change fields; refuses (TrajectoryError, nothing stored) when dates get out of order."""
        current = self.get(trajectory_id)
        candidate = replace(current, **fields)  # type: ignore[arg-type]
        problems = check_trajectory_dates(candidate)
        if problems:
            raise TrajectoryError(" ".join(problems))
        row: dict[str, object] = {}
        for key, value in fields.items():
            if key in TRAJECTORY_DATES:
                row[key] = iso(value)  # type: ignore[arg-type]
            elif key in TRAJECTORY_TEXTS:
                row[key] = value
            elif key == "decision":
                row[key] = Decision(value).value if value else None  # type: ignore[arg-type]
            elif key in ("kind", "initiator"):
                row[key] = getattr(value, "value", value)
            elif key == "absence_id":
                row[key] = value
            else:
                raise KeyError(f"onbekend veld: {key}")
        with self._dossier.writing() as db:
            db["trajectory"].update(trajectory_id, {**row, "updated_at": self._dossier.now()})
        return self.get(trajectory_id)

    def delete(self, trajectory_id: int) -> DeletedRows:
        """Delete the trajectory with its plans and report (undoable)."""
        return self._dossier.delete("trajectory", trajectory_id)

    # -- plans ------------------------------------------------------------------------

    def save_plan(self, plan: PlanVersion) -> PlanVersion:
        """Store a plan. A new plan (id 0) or a change to a signed/delivered plan becomes a new version;
        what was signed is never altered."""
        now = self._dossier.now()
        existing = None
        if plan.id:
            existing = _plan(self._dossier.row("plan_version", plan.id))
        with self._dossier.writing() as db:
            if existing is not None and not existing.locked:
                db["plan_version"].update(plan.id, {**_plan_row(plan), "updated_at": now})
                plan_id = plan.id
            else:
                latest = db.execute("SELECT coalesce(max(version), 0) FROM plan_version WHERE trajectory_id = :t",
                                    {"t": plan.trajectory_id}).fetchone()[0]
                fresh = replace(plan, delivered_on=None, signed_by_employer_on=None, response=Response.PENDING,
                                response_on=None, refusal_reasons="", reminder_sent_on=None,
                                fixed_on=None) if existing else plan
                plan_id = db["plan_version"].insert({**_plan_row(fresh), "trajectory_id": plan.trajectory_id,
                                                     "version": latest + 1, "created_at": now, "updated_at": now}).last_pk
        return _plan(self._dossier.row("plan_version", plan_id))

    def record_plan_event(self, plan_id: int, **fields: object) -> PlanVersion:
        """Delivery, signatures and the employee's answer: allowed on a locked plan."""
        allowed = {"delivered_on", "signed_by_employer_on", "fixed_on", "response", "response_on",
                   "refusal_reasons",
                   "reminder_sent_on"}
        if set(fields) - allowed:
            raise KeyError(f"niet toegelaten op een plan: {sorted(set(fields) - allowed)}")
        row = {k: (iso(v) if k != "response" and k != "refusal_reasons" else getattr(v, "value", v))  # type: ignore[arg-type]
               for k, v in fields.items()}
        if fields.get("response") == Response.REFUSED and not str(fields.get("refusal_reasons", "")).strip():
            current = _plan(self._dossier.row("plan_version", plan_id))
            if not current.refusal_reasons.strip():
                raise TrajectoryError("Noteer de redenen die de werknemer voor zijn weigering gaf.")
        with self._dossier.writing() as db:
            db["plan_version"].update(plan_id, {**row, "updated_at": self._dossier.now()})
        return _plan(self._dossier.row("plan_version", plan_id))

    # -- motivated report --------------------------------------------------------------------

    def save_report(self, report: MotivatedReport) -> MotivatedReport:
        now = self._dossier.now()
        row = {
            "trajectory_id": report.trajectory_id, "made_on": report.made_on.isoformat(),
            "considerations": json.dumps([{"subject": c.subject, "considered": c.considered,
                                           "ground": c.ground.value if c.ground else None, "reasons": c.reasons}
                                          for c in report.considerations], ensure_ascii=False),
            "disability_accommodation": report.disability_accommodation, "delivered_on": iso(report.delivered_on),
            "updated_at": now,
        }
        with self._dossier.writing() as db:
            db.execute(
                "INSERT INTO motivated_report (trajectory_id, made_on, considerations, disability_accommodation, "
                "delivered_on, created_at, updated_at) VALUES (:trajectory_id, :made_on, :considerations, "
                ":disability_accommodation, :delivered_on, :updated_at, :updated_at) "
                "ON CONFLICT(trajectory_id) DO UPDATE SET made_on = excluded.made_on, "
                "considerations = excluded.considerations, disability_accommodation = excluded.disability_accommodation, "
                "delivered_on = excluded.delivered_on, updated_at = excluded.updated_at",
                row,
            )
        report_row = next(iter(self._dossier.query(
            "SELECT * FROM motivated_report WHERE trajectory_id = :t", {"t": report.trajectory_id})))
        return _report(report_row)
