"""Re-integration trajectories, the plan and the motivated report (verslag).

Pure data and checks. The legal deadlines come from ``legal.trajectory_deadlines``;
the plan's contents follow the Codex (fact sheet §2.1): workstation adaptations,
adapted work, other work, training, validity period. The kinds of adaptation
offered come from checklist 3, section 1.2 of the FOD WASO instrument.
"""

from __future__ import annotations

from dataclasses import field
from datetime import date
from enum import Enum

from kmo_reintegratie.absence import format_hours
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.record import record
from kmo_reintegratie.text_limits import FREE_TEXT, LINE, NAME, too_long_message


class TrajectoryKind(str, Enum):
    INFORMEEL = "informeel"
    FORMEEL = "formeel"

    @property
    def label(self) -> str:
        return {"informeel": "Informeel traject", "formeel": "Formeel re-integratietraject"}[self.value]


class AdaptationKind(str, Enum):
    WORKING_TIME = "arbeidstijd"
    DAYS_AND_HOURS = "werkdagen_uren"
    TASKS = "arbeidstaken"
    FUNCTION = "functie"
    WORK_EQUIPMENT = "werkinstrumenten"
    WORK_ORGANISATION = "organisatie"
    SUPPORT = "ondersteuning"

    @property
    def label(self) -> str:
        return ADAPTATION_LABELS[self][0]

    @property
    def hint(self) -> str:
        return ADAPTATION_LABELS[self][1]

    @property
    def plan_part(self) -> str:
        """The legal part of a plan (fact sheet §2.1) this kind belongs to: a ``PlanVersion`` text field."""
        return ADAPTATION_PARTS[self]


ADAPTATION_LABELS = {
    AdaptationKind.WORKING_TIME: ("De arbeidstijd", "Bijvoorbeeld deeltijds werk, mits akkoord van de adviserend arts."),
    AdaptationKind.DAYS_AND_HOURS: ("De werkdagen/uren", "Andere verdeling over week of maand, geen nachtdiensten, langere pauzes."),
    AdaptationKind.TASKS: ("De arbeidstaken", "Lagere werklast; bepaalde taken uitbesteden of internaliseren."),
    AdaptationKind.FUNCTION: ("De functie", "Een andere bestaande of nieuwe functie; de werknemer kent vooraf het loon."),
    AdaptationKind.WORK_EQUIPMENT: ("De werkinstrumenten", "Ergonomische aanpassingen of voorzieningen volgens de handicap."),
    AdaptationKind.WORK_ORGANISATION: ("De organisatie van het werk", "Taakrotatie, deeltijds telewerk, dezelfde functie in een andere dienst."),
    AdaptationKind.SUPPORT: ("Specifieke ondersteuning", "Individuele begeleiding of training bij sommige taken."),
}


#: Where each kind of adaptation sits among the legal parts of a plan (fact sheet §2.1):
#: the workstation (its tools, where and how the work is organised), adapted work (volume,
#: hours, tasks: "werkvolume, uurrooster, progressiviteit"), other work (another function),
#: training (support to gain the competences).
ADAPTATION_PARTS = {
    AdaptationKind.WORK_EQUIPMENT: "workstation_adaptations",
    AdaptationKind.WORK_ORGANISATION: "workstation_adaptations",
    AdaptationKind.WORKING_TIME: "adapted_work",
    AdaptationKind.DAYS_AND_HOURS: "adapted_work",
    AdaptationKind.TASKS: "adapted_work",
    AdaptationKind.FUNCTION: "other_work",
    AdaptationKind.SUPPORT: "training",
}


class Response(str, Enum):
    PENDING = "geen_antwoord"
    AGREED = "akkoord"
    REFUSED = "geweigerd"

    @property
    def label(self) -> str:
        return {"geen_antwoord": "Nog geen antwoord", "akkoord": "Akkoord", "geweigerd": "Geweigerd"}[self.value]


class ReportGround(str, Enum):
    """Why the employer cannot offer a kind of work (fact sheet §2.2)."""

    TECHNICAL = "technisch_onmogelijk"
    OBJECTIVE = "objectief_onmogelijk"
    NOT_REASONABLE = "redelijkerwijze_niet"

    @property
    def label(self) -> str:
        return {
            "technisch_onmogelijk": "Technisch onmogelijk",
            "objectief_onmogelijk": "Objectief onmogelijk",
            "redelijkerwijze_niet": "Om gegronde redenen redelijkerwijze niet te eisen",
        }[self.value]


#: What a motivated report must consider: every kind of adaptation, adapted work and other work.
REPORT_SUBJECTS: tuple[tuple[str, str], ...] = (
    *((kind.value, f"Aanpassing: {kind.label.lower()}") for kind in AdaptationKind),
    ("aangepast_werk", "Aangepast werk"),
    ("ander_werk", "Ander werk"),
)


@record
class Adaptation:
    kind: AdaptationKind
    description: str
    permanent: bool = False


@record
class ScheduleStep:
    """One step of a progressive return: from–to, hours per week or % of the regime."""

    starts: date
    ends: date | None
    hours_per_week: float | None = None
    percentage: float | None = None
    changes: str = ""

    def hours(self, regime_hours: float) -> float | None:
        if self.hours_per_week is not None:
            return self.hours_per_week
        if self.percentage is not None:
            return regime_hours * self.percentage / 100
        return None


@record
class ReturnChecklist:
    """Practical preparation of the first day back (checklist 3, section 2)."""

    return_at: str = ""  # date and hour expected, as agreed
    manager_informed: bool = False
    team_informed: bool = False
    what_may_be_told: str = ""
    adaptations_ready: bool = False
    building_access: bool = False
    material_ready: bool = False
    welcome_moment: str = ""
    mentor: str = ""


@record
class PlanVersion:
    id: int
    trajectory_id: int
    version: int
    made_on: date
    workstation_adaptations: str = ""
    adapted_work: str = ""
    other_work: str = ""
    training: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    adaptations: tuple[Adaptation, ...] = ()
    schedule: tuple[ScheduleStep, ...] = ()
    evaluation_moments: tuple[date, ...] = ()
    aftercare_until: date | None = None
    checklist: ReturnChecklist = field(default_factory=ReturnChecklist)
    delivered_on: date | None = None
    signed_by_employer_on: date | None = None
    response: Response = Response.PENDING
    response_on: date | None = None
    refusal_reasons: str = ""
    reminder_sent_on: date | None = None
    #: Printed for signature on this day: fixed like a delivered or signed version.
    fixed_on: date | None = None

    @property
    def locked(self) -> bool:
        """A plan that was signed or handed over is never changed: a change is a new version."""
        return (self.signed_by_employer_on is not None or self.delivered_on is not None
                or self.fixed_on is not None)


@record
class Consideration:
    subject: str  # a key of REPORT_SUBJECTS
    considered: bool = False
    ground: ReportGround | None = None
    reasons: str = ""


@record
class MotivatedReport:
    id: int
    trajectory_id: int
    made_on: date
    considerations: tuple[Consideration, ...] = ()
    disability_accommodation: str = ""
    delivered_on: date | None = None


@record
class Trajectory:
    id: int
    employee_id: int
    absence_id: int | None
    kind: TrajectoryKind
    initiator: Initiator
    request_date: date | None = None
    request_received: date | None = None
    assessment_received: date | None = None
    #: The employee's own receipt of the assessment form: the appeal term after B runs from it.
    assessment_received_by_employee: date | None = None
    decision: Decision | None = None
    decision_conditions: str = ""
    appeal_lodged_on: date | None = None
    appeal_decision_received: date | None = None
    appeal_outcome: str = ""
    consultation_on: date | None = None
    consultation_participants: str = ""
    #: The mutuality's advising physician allowed part-time work during the incapacity.
    advising_physician_approval_on: date | None = None
    execution_notes: str = ""
    evaluation_worked: str = ""
    evaluation_better: str = ""
    closed_on: date | None = None
    closing_reason: str = ""
    plans: tuple[PlanVersion, ...] = ()
    report: MotivatedReport | None = None

    @property
    def current_plan(self) -> PlanVersion | None:
        return max(self.plans, key=lambda p: p.version) if self.plans else None


class TrajectoryError(ValueError):
    """Input that cannot be stored; str() is the Dutch message."""


def check_trajectory_dates(t: Trajectory) -> list[str]:
    """Dutch messages for dates out of order; empty when consistent."""
    problems = []
    order = (
        ("request_date", "de aanvraag"),
        ("request_received", "de ontvangst van de aanvraag door de arbeidsarts"),
        ("assessment_received", "de ontvangst van het beoordelingsformulier"),
    )
    previous: tuple[date, str] | None = None
    for attribute, label in order:
        value = getattr(t, attribute)
        if value is None:
            continue
        if previous and value < previous[0]:
            problems.append(f"De datum van {label} ligt vóór {previous[1]}.")
        previous = (value, label)
    if t.decision is not None and t.assessment_received is None and t.kind is TrajectoryKind.FORMEEL:
        problems.append("Vul de datum in waarop u het beoordelingsformulier met de beslissing ontving.")
    if t.appeal_lodged_on and t.decision is not Decision.B:
        problems.append("Beroep is enkel mogelijk tegen beslissing B.")
    if t.appeal_lodged_on and t.assessment_received and t.appeal_lodged_on < t.assessment_received:
        problems.append("Het beroep ligt vóór de ontvangst van de beslissing.")
    return problems


def check_schedule(steps: tuple[ScheduleStep, ...] | list[ScheduleStep], regime_hours: float | None) -> list[str]:
    """Dutch messages for a progressive schedule: order, gaps, overlaps, exceeding the regime."""
    problems: list[str] = []
    ordered = sorted(steps, key=lambda s: s.starts)
    for number, step in enumerate(ordered, start=1):
        if step.ends is not None and step.ends < step.starts:
            problems.append(f"Stap {number}: het einde ligt vóór het begin.")
        if step.hours_per_week is None and step.percentage is None:
            problems.append(f"Stap {number}: geef de uren per week of het percentage.")
        if step.percentage is not None and not 0 < step.percentage <= 100:
            problems.append(f"Stap {number}: het percentage ligt tussen 0 en 100.")
        if regime_hours is not None:
            hours = step.hours(regime_hours)
            if hours is not None and hours > regime_hours + 1e-9:
                problems.append(
                    f"Stap {number}: {format_hours(hours)} uur per week is meer dan het "
                    f"arbeidsregime van {format_hours(regime_hours)} uur."
                )
    for number, (first, second) in enumerate(zip(ordered, ordered[1:]), start=1):
        if first.ends is None:
            problems.append(f"Stap {number} heeft geen einddatum maar wordt gevolgd door stap {number + 1}.")
            continue
        gap = (second.starts - first.ends).days
        if gap <= 0:
            problems.append(f"Stap {number} en stap {number + 1} overlappen.")
        elif gap > 1:
            problems.append(f"Tussen stap {number} en stap {number + 1} zit een onderbreking van {gap - 1} dag(en).")
    return problems


def check_plan(plan: PlanVersion, regime_hours: float | None) -> list[str]:
    problems = []
    if not (plan.workstation_adaptations or plan.adapted_work or plan.other_work or plan.training or plan.adaptations):
        problems.append("Het plan beschrijft nog geen aanpassing, aangepast of ander werk of opleiding.")
    if plan.valid_from is None or plan.valid_until is None:
        problems.append("Een re-integratieplan vermeldt zijn geldigheidsduur (van – tot).")
    elif plan.valid_until < plan.valid_from:
        problems.append("De geldigheidsduur eindigt vóór ze begint.")
    problems.extend(check_schedule(plan.schedule, regime_hours))
    return problems


def _too_long(label: str, text: str, limit: int = FREE_TEXT) -> list[str]:
    return [f"{label}: {too_long_message(limit)}"] if len(text) > limit else []


def check_plan_texts(plan: PlanVersion) -> list[str]:
    """Texts longer than the store takes (``text_limits``); saving is refused while any is."""
    c = plan.checklist
    problems = [
        *_too_long("Aanpassingen van de werkpost", plan.workstation_adaptations),
        *_too_long("Aangepast werk", plan.adapted_work),
        *_too_long("Ander werk", plan.other_work),
        *_too_long("Opleiding", plan.training),
        *_too_long("Redenen van weigering", plan.refusal_reasons),
        *_too_long("Terugkeer (dag en uur)", c.return_at, LINE),
        *_too_long("Wat verteld mag worden", c.what_may_be_told),
        *_too_long("Onthaalmoment", c.welcome_moment, LINE),
        *_too_long("Peter of meter", c.mentor, NAME),
    ]
    for adaptation in plan.adaptations:
        problems += _too_long("Aanpassing", adaptation.description, LINE)
    for step in plan.schedule:
        problems += _too_long("Wijzigingen in een stap", step.changes, LINE)
    return problems


def check_report_texts(report: MotivatedReport) -> list[str]:
    """Texts longer than the store takes (``text_limits``); saving is refused while any is."""
    problems = _too_long("Redelijke aanpassingen", report.disability_accommodation)
    for consideration in report.considerations:
        problems += _too_long("Motivering", consideration.reasons)
    return problems


def check_report(report: MotivatedReport) -> list[str]:
    """A report is printable only when every subject was considered with a ground and reasons."""
    problems = []
    given = {c.subject: c for c in report.considerations}
    for subject, label in REPORT_SUBJECTS:
        consideration = given.get(subject)
        if consideration is None or not consideration.considered:
            problems.append(f"{label}: nog niet als ernstig overwogen aangeduid.")
        elif consideration.ground is None:
            problems.append(f"{label}: kies waarom het niet kan (technisch, objectief of redelijkerwijze niet).")
        elif len(consideration.reasons.strip()) < 20:
            problems.append(f"{label}: motiveer concreet waarom (minstens één volzin).")
    return problems
