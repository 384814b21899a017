"""What needs attention this week: the data behind the `Overzicht` page.

Pure: the caller passes the absences, employees, actions and today's date, so
the Monday-morning logic is tested with any "today".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import field
from datetime import date, timedelta
from enum import Enum
from typing import TYPE_CHECKING

from kmo_reintegratie.absence import Absence, Employee, relapse_chain
from kmo_reintegratie.assessment import Action, Urgency
from kmo_reintegratie.contact_schedule import ContactDue, DueState, next_contact
from kmo_reintegratie.legal import LegalDate, absence_milestones, trajectory_deadlines
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import Response, Trajectory, TrajectoryKind
from kmo_reintegratie.trajectory_steps import Step, next_step, steps

if TYPE_CHECKING:  # the page passes a count; the retention rules load when they are reviewed
    from kmo_reintegratie.retention import DueItem

MILESTONE_HORIZON_DAYS = 14
# Milestones that ask for a trajectory to be requested: moot once one is running.
TRAJECTORY_REQUEST_KEYS = frozenset({"uiterste_aanvraag_traject", "traject_na_tijdelijke_ongeschiktheid"})


class Target(str, Enum):
    ABSENCE = "afwezigheid"
    SECTION = "sectie"
    TRAJECTORY = "traject"


@record
class AbsentNow:
    absence: Absence
    employee: Employee
    days: int
    next_step: LegalDate | None
    contact: ContactDue
    #: A running re-integration trajectory's next step replaces the request deadline.
    trajectory_step: Step | None = None
    #: The last certificate and the expected end have passed without a return.
    certificate_expired_on: date | None = None

    @property
    def trajectory_step_first(self) -> bool:
        """Show the trajectory's step rather than the next legal milestone: it comes first."""
        if self.trajectory_step is None:
            return False
        if self.next_step is None:
            return True
        due = self.trajectory_step.due
        return due is not None and due <= self.next_step.due


def certificate_expired_on(absence: Absence, today: date) -> date | None:
    """The day the cover ran out, when neither a certificate nor the expected end reaches today.

    Then either a new certificate or the return to work is missing from the register.
    """
    covered = [c.ends for c in absence.certificates]
    if absence.expected_end is not None:
        covered.append(absence.expected_end)
    if not covered or not absence.is_open(today):
        return None
    last = max(covered)
    return last if last < today else None


@record
class ContactTodo:
    absence: Absence
    employee: Employee
    contact: ContactDue


@record
class MilestoneSoon:
    absence: Absence
    employee: Employee
    milestone: LegalDate


@record
class DeadlineSoon:
    trajectory: Trajectory
    employee: Employee
    deadline: LegalDate

    def warn(self, today: date) -> bool:
        """Within the 7-day warning period (or passed)."""
        return (self.deadline.due - today).days <= DEADLINE_WARNING_DAYS


DEADLINE_WARNING_DAYS = 7


@record
class Overview:
    today: date
    absent_now: list[AbsentNow] = field(default_factory=list)
    contacts: list[ContactTodo] = field(default_factory=list)
    no_contact: list[ContactTodo] = field(default_factory=list)
    milestones: list[MilestoneSoon] = field(default_factory=list)
    overdue_actions: list[Action] = field(default_factory=list)
    deadlines: list[DeadlineSoon] = field(default_factory=list)
    #: How many records are kept longer than their retention term (never deleted here); the
    #: review dialog lists them (``RetentionRepository.due_count`` counts without listing).
    retention_due_count: int = 0
    #: The due records themselves, only when the caller passed them (older callers did).
    retention_due: tuple[DueItem, ...] = ()


def build_overview(
    today: date,
    absences: Iterable[Absence],
    employees: Iterable[Employee],
    actions: Iterable[Action] = (),
    *,
    trajectories: Iterable[Trajectory] = (),
    first_contact_days: int | None = None,
    horizon_days: int = MILESTONE_HORIZON_DAYS,
    retention_due: Iterable[DueItem] = (),
    retention_due_count: int | None = None,
) -> Overview:
    """``retention_due_count``: what ``RetentionRepository.due_count`` found for today; without
    it, the length of ``retention_due`` (what ``retention.due_items`` found)."""
    by_id = {e.id: e for e in employees}
    all_absences = list(absences)
    absence_by_id = {a.id: a for a in all_absences}
    due = tuple(retention_due)
    count = len(due) if retention_due_count is None else retention_due_count
    overview = Overview(today, retention_due_count=count, retention_due=due)
    horizon = today + timedelta(days=horizon_days)
    trajectories = list(trajectories)
    running = {t.employee_id: t for t in sorted(trajectories, key=lambda t: t.id) if not t.closed_on}
    for absence in sorted(all_absences, key=lambda a: a.starts):
        if not absence.is_open(today) or absence.employee_id not in by_id:
            continue
        employee = by_id[absence.employee_id]
        milestones = legal_dates(absence, employee, absence_by_id)
        trajectory = running.get(employee.id)
        if trajectory is not None:
            # The request deadline is for people without a trajectory; this one has one.
            milestones = tuple(m for m in milestones if m.key not in TRAJECTORY_REQUEST_KEYS)
        coming = [m for m in milestones if m.due >= today and not m.undated]
        contact = next_contact(absence, today, first_contact_days=first_contact_days)
        overview.absent_now.append(AbsentNow(
            absence, employee, absence.days_absent(today), coming[0] if coming else None, contact,
            trajectory_step=next_step(steps(trajectory, today)) if trajectory else None,
            certificate_expired_on=certificate_expired_on(absence, today),
        ))
        if contact.state in (DueState.OVERDUE, DueState.THIS_WEEK):
            overview.contacts.append(ContactTodo(absence, employee, contact))
        elif contact.state is DueState.NO_CONTACT:
            overview.no_contact.append(ContactTodo(absence, employee, contact))
        overview.milestones.extend(
            MilestoneSoon(absence, employee, m) for m in milestones
            if today <= m.due <= horizon and not m.undated
        )
    overview.absent_now.sort(key=lambda row: -row.days)
    overview.contacts.sort(key=lambda row: row.contact.due or today)
    overview.milestones.sort(key=lambda row: row.milestone.due)
    for trajectory in trajectories:
        if trajectory.employee_id not in by_id:
            continue
        overview.deadlines.extend(
            DeadlineSoon(trajectory, by_id[trajectory.employee_id], deadline)
            for deadline in open_deadlines(trajectory)
            if deadline.due <= horizon
        )
    overview.deadlines.sort(key=lambda row: row.deadline.due)
    overview.overdue_actions.extend(
        sorted((a for a in actions if a.urgency(today) is Urgency.OVERDUE), key=lambda a: a.due or today)
    )
    return overview


def open_deadlines(trajectory: Trajectory) -> list[LegalDate]:
    """Legal deadlines of a formal trajectory whose step has not been taken yet."""
    if trajectory.kind is not TrajectoryKind.FORMEEL or trajectory.closed_on or trajectory.request_received is None:
        return []
    plan = trajectory.current_plan
    deadlines = trajectory_deadlines(
        request_received=trajectory.request_received,
        assessment_received=trajectory.assessment_received,
        decision=trajectory.decision,
        plan_delivered=plan.delivered_on if plan else None,
        appeal_decision_received=trajectory.appeal_decision_received,
        assessment_received_by_employee=trajectory.assessment_received_by_employee,
    )
    done = set()
    if trajectory.assessment_received:
        done.add("beoordeling")
    if trajectory.appeal_lodged_on or trajectory.appeal_decision_received:
        done.add("beroep")
    if (plan and plan.delivered_on) or (trajectory.report and trajectory.report.delivered_on):
        done.add("plan")
    if plan and plan.response is not Response.PENDING:
        done.add("instemming_werknemer")
    return [d for key, d in deadlines.items() if key not in done]


def legal_dates(absence: Absence, employee: Employee, absence_by_id: dict[int, Absence]) -> tuple[LegalDate, ...]:
    """The legal milestones of an absence, continuing the periods of a relapse chain.

    Passes what the dossier knows: each period's kind of incapacity and certificate
    ends (a Friday certificate with a Monday return ends the period on Friday), the
    returns to adapted work inside a re-integration plan (no new guaranteed salary after
    them), the start of service and the contract's length (eligibility for guaranteed
    salary) and, under health surveillance, the return day for the return-to-work
    examination.
    """
    start, resumptions = relapse_chain(absence, absence_by_id)
    chain = chain_absences(absence, absence_by_id, len(resumptions))
    return absence_milestones(
        start, employee.statute, resumptions,
        period_ends=[c.ends for a in chain for c in a.certificates],
        kind=absence.kind,
        period_kinds=[a.kind for a in chain],
        # A resumption starts on the return day of the absence before it.
        reintegration_work=[a.returned_on for a in chain[:-1]
                            if a.returned_to_adapted_work and a.returned_on is not None],
        in_service_from=employee.in_service_from,
        contract_under_3_months=employee.contract_under_3_months,
        health_surveillance=employee.health_surveillance,
        returned_on=absence.returned_on,
        expected_return=expected_return(absence),
    )


def expected_return(absence: Absence) -> date | None:
    """The day after the expected end or the last certificate, while no return is registered."""
    if absence.returned_on is not None:
        return None
    covered = [c.ends for c in absence.certificates]
    if absence.expected_end is not None:
        covered.append(absence.expected_end)
    return max(covered) + timedelta(days=1) if covered else None


def chain_absences(absence: Absence, absence_by_id: dict[int, Absence], earlier: int) -> list[Absence]:
    """The absences of a relapse chain, oldest first: ``earlier`` predecessors and ``absence``."""
    chain = [absence]
    while len(chain) <= earlier and chain[-1].relapse_of in absence_by_id:
        chain.append(absence_by_id[chain[-1].relapse_of])  # type: ignore[index]
    return list(reversed(chain))
