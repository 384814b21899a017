"""Who reads each document, and which free texts it prints: what the check before printing reads.

Pure (no Qt, no reportlab): the texts come from the dossier through the store's
repositories, selected as the exporters select them (the same employee, absence,
trajectory, plan version or round), so a passage listed here is one that will be printed.

What callers may rely on:

* ``DOCUMENT_PRIVACY[name]`` exists for every document in ``registry.DOCUMENTS``: its
  ``audience`` (the employee, the committee, or internal use) and whether names of people
  matter (anonymous documents and documents for the committee).
* ``printed_passages(dossier, name, options, today)`` returns the non-empty free texts the
  document prints, each with a Dutch ``where`` ("Contact van 12-03-2026 – verslag"); when the
  document covers several people, ``where`` starts with the person's name. Fields that hold
  a person by design (the "Wie" of an action) have ``names_expected``. A wrong option raises
  the exporters' Dutch ``ValueError``; nothing to print gives an empty list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from kmo_reintegratie.dates import format_date
# The exporters' own selection, so the texts checked are those of the documents printed.
from kmo_reintegratie.documents.exporters_people import (
    infobrief_absences,
    trajectories_of,
    selected_employees,
)
from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.assessment import RoundData
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier
    from kmo_reintegratie.trajectory import Trajectory


class Audience(str, Enum):
    EMPLOYEE = "werknemer"
    COMMITTEE = "comite"
    INTERNAL = "intern"

    @property
    def label(self) -> str:
        return {"werknemer": "de werknemer", "comite": "het comité", "intern": "intern gebruik"}[
            self.value
        ]


@record
class DocumentPrivacy:
    audience: Audience
    #: Names of people must not be in it: anonymous, or read by the committee.
    names_matter: bool


_PERSONAL = DocumentPrivacy(Audience.EMPLOYEE, names_matter=False)
_COMMITTEE = DocumentPrivacy(Audience.COMMITTEE, names_matter=True)

#: Every document by its registry name (a test keeps it in step with ``registry.DOCUMENTS``).
DOCUMENT_PRIVACY: dict[str, DocumentPrivacy] = {
    "checklists": _COMMITTEE,
    "zelfevaluatie": _COMMITTEE,
    "actieplan": _COMMITTEE,
    "jaarverslag": _COMMITTEE,
    # Confidential, with a Bradford list by name: for the employer only, so nobody is asked.
    "analyse": DocumentPrivacy(Audience.INTERNAL, names_matter=True),
    "contactlog": _PERSONAL,
    "infobrief": _PERSONAL,
    "plan": _PERSONAL,
    "verslag": _PERSONAL,
    "preventief": _PERSONAL,
    "overmacht": _PERSONAL,
}


@record
class Passage:
    where: str
    text: str
    #: The field names a person by design ("Wie" of an action): only medical words count.
    names_expected: bool = False


# (person or "", where, text, names expected)
_Found = tuple[str, str, str, bool]
_Gatherer = Callable[["Dossier", "ExportOptions", date], Iterator[_Found]]


def printed_passages(
    dossier: Dossier, name: str, options: ExportOptions, today: date
) -> list[Passage]:
    """The free texts document ``name`` prints with ``options`` (see the module docstring)."""
    gatherer = _GATHERERS.get(name)
    if gatherer is None:
        return []
    found = [f for f in gatherer(dossier, options, today) if f[2].strip()]
    several = len({person for person, *_ in found}) > 1
    return [
        Passage(f"{person} – {where}" if several and person else where, text.strip(), expected)
        for person, where, text, expected in found
    ]


# --------------------------------------------------------------------------- about one person


def _contact_log(dossier: Dossier, options: ExportOptions, _today: date) -> Iterator[_Found]:
    for employee in selected_employees(dossier, options):
        for absence in dossier.absences.of_employee(employee.id):
            if not absence.contacts:
                continue  # no contacts, no contact log
            for agreement in absence.agreements:
                where = f"Afspraak over contact vanaf {format_date(agreement.valid_from)}"
                wishes = agreement.employee_wishes
                yield employee.name, f"{where} – wensen van de werknemer", wishes, False
            for contact in sorted(absence.contacts, key=lambda c: c.at):
                where = f"Contact van {format_date(contact.at.date())}"
                yield employee.name, f"{where} – verslag", contact.summary, False
                yield employee.name, f"{where} – afspraken", contact.agreements, False


def _info_letter(dossier: Dossier, options: ExportOptions, today: date) -> Iterator[_Found]:
    from kmo_reintegratie.documents import letter_texts

    chosen = infobrief_absences(dossier, options, today)
    if not chosen:
        return
    for employee, absence in chosen:
        agreement = absence.agreement_on(today)
        if agreement is not None:
            wishes = agreement.employee_wishes
            yield employee.name, "Wensen van de werknemer over het contact", wishes, False
    for text in letter_texts.INFO_LETTER_TEXTS:  # the same paragraphs in every letter
        stored = dossier.absences.document_text(text.key, text.default)
        paragraph = letter_texts.stored_or_default(text.key, stored)
        yield "", f"Brief – {text.title.lower()}", paragraph, False
    procedure = dossier.organisation.get().contact_procedure
    yield "", "Brief – afspraken over contact van de organisatie", procedure, False


def _trajectory_header(person: str, t: Trajectory) -> Iterator[_Found]:
    """The texts the plan and the verslag both print about the trajectory."""
    yield person, "Traject – voorwaarden en modaliteiten", t.decision_conditions, False
    yield person, "Traject – uitkomst van het beroep", t.appeal_outcome, False
    yield person, "Traject – deelnemers aan het overleg", t.consultation_participants, True


def _plan(dossier: Dossier, options: ExportOptions, _today: date) -> Iterator[_Found]:
    for employee, trajectory in trajectories_of(dossier, options):
        plan = trajectory.current_plan
        if options.plan_version is not None:
            plan = next((p for p in trajectory.plans if p.version == options.plan_version), None)
        if plan is None:
            continue
        person = employee.name
        yield from _trajectory_header(person, trajectory)
        parts = (
            ("1. Aanpassingen van de werkpost", plan.workstation_adaptations),
            ("2. Aangepast werk", plan.adapted_work),
            ("3. Ander werk", plan.other_work),
            ("4. Opleiding", plan.training),
        )
        for heading, text in parts:
            yield person, f"Plan – {heading}", text, False
        for adaptation in plan.adaptations:
            kind = adaptation.kind.label.lower()
            yield person, f"Plan – aanpassing: {kind}", adaptation.description, False
        for step in sorted(plan.schedule, key=lambda s: s.starts):
            yield person, f"Plan – schema vanaf {format_date(step.starts)}", step.changes, False
        checklist = plan.checklist
        first_day = (
            ("wat aan het team verteld mag worden", checklist.what_may_be_told, False),
            ("dag en uur", checklist.return_at, False),
            ("onthaalmoment", checklist.welcome_moment, False),
            ("peter of meter", checklist.mentor, True),
        )
        for label, text, expected in first_day:
            yield person, f"Eerste werkdag – {label}", text, expected


def _report(dossier: Dossier, options: ExportOptions, _today: date) -> Iterator[_Found]:
    from kmo_reintegratie.trajectory import REPORT_SUBJECTS

    labels = dict(REPORT_SUBJECTS)
    for employee, trajectory in trajectories_of(dossier, options):
        report = trajectory.report
        if report is None:
            continue
        person = employee.name
        yield from _trajectory_header(person, trajectory)
        for consideration in report.considerations:
            label = labels.get(consideration.subject, consideration.subject)
            yield person, f"Verslag – motivering: {label.lower()}", consideration.reasons, False
        yield person, "Verslag – redelijke aanpassingen", report.disability_accommodation, False


def _preventive(dossier: Dossier, options: ExportOptions, _today: date) -> Iterator[_Found]:
    employees = {e.id: e for e in selected_employees(dossier, options)}
    for request in dossier.preventive_requests.all():
        employee = employees.get(request.employee_id)
        if employee is None or options.request_id not in (None, request.id):
            continue
        where = f"Preventief verzoek van {format_date(request.requested_on)}"
        yield employee.name, f"{where} – advies", request.advice, False
        yield employee.name, f"{where} – antwoord", request.answer, False


# --------------------------------------------------------------------------- for the committee


def _round(dossier: Dossier, round_id: int | None) -> RoundData | None:
    """The round the self-assessment documents print: ``round_id``, else the latest."""
    rounds = dossier.assessments.rounds()
    if not rounds:
        return None
    chosen = next((r for r in rounds if r.id == round_id), rounds[0])
    return dossier.assessments.round_data(chosen.id)


def _section_name(section_id: str) -> str:
    """ "checklist 3, sectie 3.1 (De medewerker in het begin verwelkomen)" """
    from kmo_reintegratie.instrument import load_instrument

    instrument = load_instrument()
    try:
        section = instrument.section(section_id)
        checklist = instrument.checklist(section_id.split(".")[0])
    except KeyError:
        return f"sectie {section_id}"
    title = section.title if len(section.title) <= 60 else section.title[:59].rstrip() + "…"
    return f"checklist {checklist.number}, sectie {section.number} ({title})"


def _actions(data: RoundData) -> Iterator[_Found]:
    for action in data.actions:
        where = f"Actie bij {_section_name(action.section_id)}"
        yield "", f"{where} – wat", action.what, False
        yield "", f"{where} – wie", action.who, True
        yield "", f"{where} – opmerkingen", action.remarks, False


def _assessment_report(dossier: Dossier, options: ExportOptions, _today: date) -> Iterator[_Found]:
    data = _round(dossier, options.round_id)
    if data is None:
        return
    yield "", "Titel van de zelfevaluatie", data.round.title, False
    for section_id, comment in sorted(data.comments.items()):
        yield "", f"Commentaar bij {_section_name(section_id)}", comment, False
    yield from _actions(data)


def _action_plan(dossier: Dossier, options: ExportOptions, _today: date) -> Iterator[_Found]:
    data = _round(dossier, options.round_id)
    if data is not None:
        yield from _actions(data)


def _annual_report(dossier: Dossier, options: ExportOptions, today: date) -> Iterator[_Found]:
    """The free texts of the jaarverslag as it prints them: approved lines, names masked."""
    from kmo_reintegratie.analysis import year_period
    from kmo_reintegratie.annual_report import lessons, refusal_reasons, strip_names
    from kmo_reintegratie.documents.exporters_analysis import masked_names

    year = options.year or today.year
    names = masked_names(dossier)
    period = year_period(year)
    trajectories = dossier.trajectories.list()
    approved = options.approved_lessons
    lists = (refusal_reasons(trajectories, period, names, approved),
             *lessons(trajectories, period, names, approved))
    for text_list in lists:
        for text in text_list.texts:
            yield "", f"Jaarverslag – {text_list.title.lower()}", text, False
    rounds = [r for r in dossier.assessments.rounds() if r.held_on.year <= year]
    if rounds:
        latest = max(rounds, key=lambda r: (r.held_on, r.id))
        for action in dossier.assessments.round_data(latest.id).actions:
            where = f"Actie bij {_section_name(action.section_id)}"
            yield "", where, strip_names(action.what, names), False


_GATHERERS: dict[str, _Gatherer] = {
    "contactlog": _contact_log,
    "infobrief": _info_letter,
    "plan": _plan,
    "verslag": _report,
    "preventief": _preventive,
    "zelfevaluatie": _assessment_report,
    "actieplan": _action_plan,
    "jaarverslag": _annual_report,
    # checklists (blank forms), analyse (figures) and overmacht (fixed wording) print no free text.
}
