"""Exporters for the documents about people: contact log, information letter, plan, verslag.

Each ``export_*(dossier, out, options)`` reads what it needs from an open dossier, writes
one PDF per absence or trajectory into the folder ``out`` (created when missing) and
returns the paths written. ``options.employee`` narrows the export to employees whose
name contains it (case-insensitive); a name that matches nobody, or nothing to print,
raises ``ValueError`` with a Dutch message (the command line shows it and exits non-zero).

The renderers are imported inside the functions so that listing the documents (the
command line's ``--help``) does not load reportlab.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.absence import Absence, Employee
from kmo_reintegratie.trajectory import Trajectory, check_report
from kmo_reintegratie.trajectory_checks import check_plan_dates

if TYPE_CHECKING:
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def file_name_part(text: str) -> str:
    """A name usable in a file name on every system: Dutch letters kept, separators gone.

    ``"Koen Verhaegen"`` → ``"Koen_Verhaegen"``; ``"Zoë / Anaïs"`` → ``"Zoë_Anaïs"``.
    """
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub(" ", text)
    text = "_".join(text.split()).strip("._")
    return text[:80] or "naamloos"


def export_contactlog(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """One contact log per absence that has contacts: ``contactlog-<naam>-<begin>.pdf``."""
    from kmo_reintegratie.documents.contact_log_pdf import ContactLog, render_contact_log

    organisation = dossier.organisation.get()
    today = date.today()
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    for employee in selected_employees(dossier, options):
        for absence in sorted(dossier.absences.of_employee(employee.id), key=lambda a: a.starts):
            if not absence.contacts:
                continue
            log = ContactLog(organisation, employee, absence, today)
            name = f"contactlog-{file_name_part(employee.name)}-{absence.starts.isoformat()}.pdf"
            jobs.append((name, lambda path, log=log: render_contact_log(log, path)))
    if not jobs:
        raise ValueError(_nothing("Er zijn nog geen contacten geregistreerd", options))
    return _write(out, jobs)


def export_infobrief(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """One information letter per absence running today: ``infobrief-<naam>-<begin>.pdf``.

    With ``options.absence_id``: the letter of that absence (the window). With
    ``options.employee``: the running absence of each matching employee; for an employee
    who is not absent today, the letter of his or her most recent absence.
    ``options.salutation`` replaces "Beste <voornaam>," and is refused for more than one
    letter.
    """
    from kmo_reintegratie.documents.info_letter_pdf import InfoLetter, render_info_letter
    from kmo_reintegratie.documents.letter_texts import INFO_LETTER_TEXTS, clean_salutation

    organisation = dossier.organisation.get()
    today = date.today()
    texts = {t.key: dossier.absences.document_text(t.key, t.default) for t in INFO_LETTER_TEXTS}
    salutation = "" if options.salutation is None else clean_salutation(options.salutation)
    chosen = infobrief_absences(dossier, options, today)
    if salutation and len(chosen) > 1:
        raise ValueError(
            f"Een eigen aanspreking past bij één brief, maar er zouden er {len(chosen)} gemaakt "
            "worden. Kies één werknemer (--werknemer NAAM)."
        )
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    for employee, absence in chosen:
        earlier = dossier.absences.of_employee(employee.id)
        letter = InfoLetter(
            organisation, employee, absence, absence.agreement_on(today), texts, today,
            salutation=salutation,
            possible_relapse=possible_relapse(absence, earlier),
            after_reintegration_work=after_reintegration_work(absence, earlier),
        )
        name = f"infobrief-{file_name_part(employee.name)}-{absence.starts.isoformat()}.pdf"
        jobs.append((name, lambda path, letter=letter: render_info_letter(letter, path)))
    if not jobs:
        raise ValueError(_nothing("Er is vandaag niemand afwezig", options, "geen afwezigheid"))
    return _write(out, jobs)


def infobrief_absences(
    dossier: Dossier, options: ExportOptions, today: date
) -> list[tuple[Employee, Absence]]:
    if options.absence_id is not None:
        absence = next((a for a in dossier.absences.all() if a.id == options.absence_id), None)
        if absence is None:
            raise ValueError("Die afwezigheid bestaat niet (meer) in dit dossier.")
        return [(dossier.employees.get(absence.employee_id), absence)]
    if options.employee or options.employee_id is not None:
        chosen: list[tuple[Employee, Absence]] = []
        for employee in selected_employees(dossier, options):
            absences = dossier.absences.of_employee(employee.id)
            running = [a for a in absences if a.is_open(today)]
            latest = [max(absences, key=lambda a: a.starts)] if absences else []
            chosen += [(employee, a) for a in (running or latest)]
        return chosen
    by_id = {e.id: e for e in dossier.employees.list()}
    return [(by_id[a.employee_id], a) for a in dossier.absences.open_on(today)]


def _previous(absence: Absence, others: list[Absence]) -> Absence | None:
    """The absence this one is registered as a relapse of, else the last one ended before it."""
    if absence.relapse_of is not None:
        return next((a for a in others if a.id == absence.relapse_of), None)
    ended = [a for a in others if a.id != absence.id and a.returned_on is not None
             and a.returned_on <= absence.starts]
    return max(ended, key=lambda a: a.returned_on or a.starts, default=None)


def possible_relapse(absence: Absence, others: list[Absence]) -> bool:
    """Registered as a relapse, or starting within the relapse window after the previous
    absence (the same check as the absence list's "Herval?" column)."""
    from kmo_reintegratie.legal.relapse import is_possible_relapse

    if absence.relapse_of is not None:
        return True
    previous = _previous(absence, others)
    if previous is None or previous.returned_on is None:
        return False
    # A certificate that ends on a Friday before a Monday return ends the incapacity on Friday.
    ends = [c.ends for c in previous.certificates if c.ends < previous.returned_on]
    return is_possible_relapse(previous.returned_on, absence.starts,
                               previous_end=max(ends, default=None), kind=absence.kind).possible


def after_reintegration_work(absence: Absence, others: list[Absence]) -> bool:
    """A relapse of an absence that ended in adapted or other work inside a re-integration
    plan: no new guaranteed salary (as ``overview.legal_dates`` counts it)."""
    if absence.relapse_of is None:
        return False
    previous = _previous(absence, others)
    return previous is not None and previous.returned_to_adapted_work


def export_plan(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """The current plan version of every trajectory with a plan: ``plan-<naam>-v<N>.pdf``."""
    from kmo_reintegratie.documents.plan_pdf import PlanDocument, render_plan

    organisation = dossier.organisation.get()
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    refused: list[str] = []
    for employee, trajectory in trajectories_of(dossier, options):
        plan = trajectory.current_plan
        if options.plan_version is not None:  # the version shown on screen, maybe an older one
            plan = next((p for p in trajectory.plans if p.version == options.plan_version), None)
        if plan is None:
            continue
        regime = employee.regime_on(plan.valid_from or plan.made_on)
        document = PlanDocument(
            organisation, employee, trajectory, plan, regime.hours_per_week if regime else None
        )
        name = f"plan-{file_name_part(employee.name)}-v{plan.version}.pdf"
        jobs.append((name, lambda path, document=document: render_plan(document, path)))
        if not plan.locked and check_plan_dates(plan):
            refused.append(f"{employee.name} (versie {plan.version})")
    if refused:
        # Checked before anything is written: a refused draft halfway would leave half an export.
        raise ValueError("De data in het plan van " + ", ".join(refused) + " kloppen niet. "
                         "Verbeter het plan vóór u het afdrukt (de fouten staan bij het plan).")
    if not jobs:
        raise ValueError(_nothing("Er is nog geen plan opgemaakt", options))
    return _write(out, jobs)


def export_verslag(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """The motivated report of every trajectory that has one: ``verslag-<naam>-<datum>.pdf``.

    Refuses (``ValueError`` listing what is missing, nothing written) when a report leaves
    a kind of adaptation, adapted or other work without ground and reasons.
    """
    from kmo_reintegratie.documents.report_pdf import ReportDocument, render_report

    organisation = dossier.organisation.get()
    documents = []
    incomplete = []
    for employee, trajectory in trajectories_of(dossier, options):
        if trajectory.report is None:
            continue
        problems = check_report(trajectory.report)
        if problems:
            listing = "\n".join(f"  - {problem}" for problem in problems)
            incomplete.append(
                f"Het gemotiveerd verslag van {employee.name} is niet volledig:\n{listing}"
            )
        regime = employee.regime_on(trajectory.report.made_on)
        documents.append(
            ReportDocument(
                organisation,
                employee,
                trajectory,
                trajectory.report,
                regime.hours_per_week if regime else None,
            )
        )
    if incomplete:
        raise ValueError("\n".join(incomplete) + "\nVul het verslag aan voor u het afdrukt.")
    if not documents:
        raise ValueError(_nothing("Er is nog geen gemotiveerd verslag opgemaakt", options))
    jobs: list[tuple[str, Callable[[Path], Path]]] = [
        (
            f"verslag-{file_name_part(d.employee.name)}-{d.report.made_on.isoformat()}.pdf",
            lambda path, d=d: render_report(d, path),
        )
        for d in documents
    ]
    return _write(out, jobs)


# --------------------------------------------------------------------------- helpers


def selected_employees(dossier: Dossier, options: ExportOptions) -> list[Employee]:
    """Everyone, or those ``options.employee_id`` / ``options.employee`` (part of a name) name."""
    employees = dossier.employees.list()
    if options.employee_id is not None:
        return [e for e in employees if e.id == options.employee_id]
    if not options.employee:
        return employees
    needle = options.employee.strip().casefold()
    matched = [e for e in employees if needle in e.name.casefold()]
    if not needle or not matched:
        raise ValueError(f"Geen werknemer gevonden met naam '{options.employee}'.")
    return matched


def trajectories_of(dossier: Dossier, options: ExportOptions) -> list[tuple[Employee, Trajectory]]:
    employees = {e.id: e for e in selected_employees(dossier, options)}
    return [
        (employees[t.employee_id], t)
        for t in dossier.trajectories.list()
        if t.employee_id in employees and options.trajectory_id in (None, t.id)
    ]


def _nothing(
    message: str, options: ExportOptions, for_employee: str = "niets af te drukken"
) -> str:
    if options.employee:
        return f"Voor '{options.employee}' is er {for_employee}."
    return f"{message}; er is niets af te drukken."


def _write(out: Path, jobs: list[tuple[str, Callable[[Path], Path]]]) -> list[Path]:
    """Render every job into the folder ``out``; equal names get "-2", "-3" …"""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is een bestand; geef een map op waarin de PDF's komen.")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for name, render in jobs:
        stem, suffix = name.rsplit(".", 1)
        candidate, number = name, 1
        while candidate.casefold() in used:
            number += 1
            candidate = f"{stem}-{number}.{suffix}"
        used.add(candidate.casefold())
        written.append(render(out / candidate))
    return written
