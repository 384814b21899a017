"""The exporter of the access export (``inzage``): one person, a PDF and a JSON file.

``export_inzage(dossier, out, options)`` writes ``inzage-<naam>-<datum>.pdf`` and
``inzage-<naam>-<datum>.json`` into the folder ``out`` (created when missing) and returns
both paths, PDF first. It is always about exactly one person: ``options.employee_id`` (the
window), or ``options.employee``, a name or part of one that must point to one person (an
exact full name wins over names that merely contain it). Anything else raises ``ValueError``
with a Dutch message, before anything is written.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.documents.exporters_people import file_name_part, selected_employees
from kmo_reintegratie.private_files import private_folder

if TYPE_CHECKING:
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier


def export_inzage(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """Write the access export of one person into the folder ``out``: [PDF, JSON]."""
    from kmo_reintegratie import __version__
    from kmo_reintegratie.documents.access_export import AccessExport, write_access_json
    from kmo_reintegratie.documents.access_export_pdf import render_access_pdf
    from kmo_reintegratie.store.person_export import person_records

    employee = chosen_employee(dossier, options)
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"{out} is een bestand; geef een map op waarin de inzage-export komt.")
    export = AccessExport(
        organisation=dossier.organisation.get().display_name,
        records=person_records(dossier, employee.id),
        made_on=date.today(),
        program_version=__version__,
    )
    private_folder(out)  # a folder made for it holds personal data: 0700
    stem = f"inzage-{file_name_part(employee.name)}-{export.made_on.isoformat()}"
    json_path = write_access_json(export, out / f"{stem}.json")
    pdf_path = render_access_pdf(export, out / f"{stem}.pdf", json_name=json_path.name)
    return [pdf_path, json_path]


def chosen_employee(dossier: Dossier, options: ExportOptions) -> Employee:
    """The one person the options name; ``ValueError`` (Dutch) for none or several."""
    if options.employee_id is not None:
        found = [e for e in dossier.employees.list() if e.id == options.employee_id]
        if not found:
            raise ValueError("Deze werknemer bestaat niet (meer) in dit dossier.")
        return found[0]
    if dossier.employees.count() == 0:
        raise ValueError("Er staat nog geen werknemer in dit dossier; er is niets te exporteren.")
    wanted = " ".join((options.employee or "").split())
    if not wanted:
        raise ValueError("Een inzage-export gaat over één persoon: geef de naam met "
                         "--werknemer NAAM.")
    matched = selected_employees(dossier, options)  # none: a Dutch ValueError
    exact = [e for e in matched if " ".join(e.name.split()).casefold() == wanted.casefold()]
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise ValueError(
            f"Er zijn {len(exact)} werknemers met de naam {exact[0].name}. Maak de inzage-export "
            "in het venster (Medewerkers › Inzage-export…), waar u de juiste persoon kiest."
        )
    if len(matched) > 1:
        names = ", ".join(e.name for e in matched[:8]) + (" …" if len(matched) > 8 else "")
        raise ValueError(
            f"'{wanted}' past bij {len(matched)} werknemers ({names}). Een inzage-export gaat "
            "over één persoon: geef de volledige naam."
        )
    return matched[0]
