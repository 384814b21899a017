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

    With ``options.employee``: the running absence of each matching employee; for an
    employee who is not absent today, the letter of his or her most recent absence.
    """
    from kmo_reintegratie.documents.info_letter_pdf import InfoLetter, render_info_letter
    from kmo_reintegratie.documents.letter_texts import INFO_LETTER_TEXTS

    organisation = dossier.organisation.get()
    today = date.today()
    texts = {t.key: dossier.absences.document_text(t.key, t.default) for t in INFO_LETTER_TEXTS}
    chosen: list[tuple[Employee, Absence]] = []
    if options.employee or options.employee_id is not None:
        for employee in selected_employees(dossier, options):
            absences = dossier.absences.of_employee(employee.id)
            running = [a for a in absences if a.is_open(today)]
            latest = [max(absences, key=lambda a: a.starts)] if absences else []
            chosen += [(employee, a) for a in (running or latest)]
    else:
        by_id = {e.id: e for e in dossier.employees.list()}
        chosen = [(by_id[a.employee_id], a) for a in dossier.absences.open_on(today)]
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    for employee, absence in chosen:
        letter = InfoLetter(
            organisation, employee, absence, absence.agreement_on(today), texts, today
        )
        name = f"infobrief-{file_name_part(employee.name)}-{absence.starts.isoformat()}.pdf"
        jobs.append((name, lambda path, letter=letter: render_info_letter(letter, path)))
    if not jobs:
        raise ValueError(_nothing("Er is vandaag niemand afwezig", options, "geen afwezigheid"))
    return _write(out, jobs)


def export_plan(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """The current plan version of every trajectory with a plan: ``plan-<naam>-v<N>.pdf``."""
    from kmo_reintegratie.documents.plan_pdf import PlanDocument, render_plan

    organisation = dossier.organisation.get()
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    for employee, trajectory in _trajectories(dossier, options):
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
    for employee, trajectory in _trajectories(dossier, options):
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


def _trajectories(dossier: Dossier, options: ExportOptions) -> list[tuple[Employee, Trajectory]]:
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
