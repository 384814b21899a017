"""Letter draft: the employer's registered notice that starts the medical force majeure procedure.

What the notice must state comes from werk.belgie.be ("Bijzondere procedure medische
overmacht") and Mensura: the intention to examine whether it is definitively impossible for
the employee to do the agreed work, the right to ask the arbeidsarts to examine adapted or
other work, and the right to be assisted by the union delegation.  A framed note above the
letter says that the procedure may end the contract and that this is no legal advice; it is
meant for the employer and is cut off before sending.  Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.documents.base import build_pdf, content_width, dutch_date, safe_text, styles
from kmo_reintegratie.force_majeure import ENDS_CONTRACT_WARNING
from kmo_reintegratie.organisation import Organisation, Role
from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier

TITLE = "Kennisgeving: start van de bijzondere procedure medische overmacht"
INTENTION = ("Met deze brief delen wij u mee dat wij de intentie hebben om na te gaan of het "
             "voor u definitief onmogelijk is om het overeengekomen werk uit te oefenen.")
RIGHT_ADAPTED_WORK = ("U hebt het recht om aan de preventieadviseur-arbeidsarts te vragen dat de "
                      "mogelijkheden voor aangepast of ander werk onderzocht worden, indien wordt "
                      "vastgesteld dat u het overeengekomen werk niet meer kunt verrichten.")
RIGHT_UNION = ("U hebt het recht om u tijdens deze procedure te laten bijstaan door de "
               "vakbondsafvaardiging van de onderneming.")
CONTRACT_MAY_END = ("Stelt de arbeidsarts vast dat u definitief ongeschikt bent voor het "
                    "overeengekomen werk, dan kan dit leiden tot het einde van uw "
                    "arbeidsovereenkomst wegens medische overmacht.")


@record
class ForceMajeureNotice:
    organisation: Organisation
    employee: Employee
    incapacity_since: date
    letter_date: date


def render_force_majeure_notice(notice: ForceMajeureNotice, path: Path) -> Path:
    st = styles()
    org = notice.organisation
    physician = org.role(Role.ARBEIDSARTS)
    arts = ", ".join(p for p in (physician.name, physician.organisation) if p) or "……………………"
    address = [safe_text(x) for x in notice.employee.address.splitlines() if x.strip()]
    story: list[Flowable] = [
        _warning_box(),
        Spacer(1, 0.5 * cm),
        Paragraph("<b>AANGETEKEND</b>", st.body),
        Paragraph(f"<b>{safe_text(org.display_name)}</b>", st.body),
        Paragraph("<br/>".join([safe_text(f"Aan {notice.employee.name}"), *address]), st.body),
        Paragraph(safe_text(_place_and_date(org, notice.letter_date)), st.body),
        Spacer(1, 0.3 * cm),
        Paragraph(f"<b>Betreft: {safe_text(TITLE.lower().capitalize())} "
                  "(art. 34 Arbeidsovereenkomstenwet)</b>", st.body),
        Paragraph(safe_text(f"Beste {notice.employee.name},"), st.body),
        Paragraph(safe_text(
            f"U bent sinds {dutch_date(notice.incapacity_since)} ononderbroken "
            "arbeidsongeschikt, en dat al minstens negen maanden. Er loopt voor u geen "
            "re-integratietraject."), st.body),
        Paragraph(safe_text(INTENTION), st.body),
        Paragraph("<b>Uw rechten</b>", st.label),
        Paragraph("• " + safe_text(RIGHT_ADAPTED_WORK), st.body),
        Paragraph("• " + safe_text(RIGHT_UNION), st.body),
        Paragraph("<b>Wat volgt</b>", st.label),
        Paragraph(safe_text(
            "De preventieadviseur-arbeidsarts nodigt u uit voor een onderzoek, ten vroegste tien "
            "kalenderdagen na deze kennisgeving, en stelt binnen drie maanden vast of u "
            "definitief ongeschikt bent voor het overeengekomen werk. " + CONTRACT_MAY_END),
            st.body),
        Paragraph(safe_text(
            f"Een afschrift van deze kennisgeving gaat aangetekend naar de "
            f"preventieadviseur-arbeidsarts: {arts}."), st.body),
        Paragraph(safe_text("Deze brief bevat geen medische gegevens."), st.small),
        Spacer(1, 0.4 * cm),
        Paragraph("Met vriendelijke groeten,", st.body),
        Spacer(1, 1.4 * cm),
        Paragraph(safe_text(f"Voor {org.display_name}: naam, functie en handtekening"), st.body),
    ]
    return build_pdf(path, story, title=f"{TITLE} – {notice.employee.name}",
                     organisation_name=org.display_name, subject=TITLE,
                     footer_note="Ontwerp – geen juridisch advies. Aangetekend te versturen aan "
                                 "de werknemer en de arbeidsarts.",
                     header_on_first_page=False)


def _place_and_date(org: Organisation, day: date) -> str:
    return f"{org.city}, {dutch_date(day)}" if org.city else dutch_date(day)


def _warning_box() -> Table:
    st = styles()
    text = ("<b>Ontwerp voor de werkgever – niet meesturen.</b> " + safe_text(ENDS_CONTRACT_WARNING)
            + " De procedure kan enkel starten na minstens negen maanden ononderbroken "
              "arbeidsongeschiktheid en als er geen re-integratietraject loopt.")
    box = Table([[Paragraph(text, st.cell)]], colWidths=[content_width()])
    box.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.HexColor("#b00020")),
                             ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fdecee")),
                             ("LEFTPADDING", (0, 0), (-1, -1), 6),
                             ("TOPPADDING", (0, 0), (-1, -1), 5),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6)]))
    return box


def export_overmacht(dossier: "Dossier", out: Path, options: "ExportOptions") -> list[Path]:
    """One notice per absence whose procedure was opened (a stored checklist), or for
    ``options.absence_id``: ``overmacht-<naam>-<begin>.pdf``.  ``options.employee`` narrows."""
    from kmo_reintegratie.documents.exporters_people import (
        _write,
        file_name_part,
        selected_employees,
    )
    from kmo_reintegratie.force_majeure import incapacity_since

    organisation = dossier.organisation.get()
    employees = {e.id: e for e in selected_employees(dossier, options)}
    wanted = ([options.absence_id] if options.absence_id is not None
              else dossier.force_majeure.absence_ids())
    today = date.today()
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    for absence_id in wanted:
        absence = dossier.absences.get(absence_id)
        employee = employees.get(absence.employee_id)
        if employee is None:
            continue
        since = incapacity_since(absence, dossier.absences.of_employee(employee.id))
        check = dossier.force_majeure.get(absence_id)
        sent = check.notice_sent_on if check and check.notice_sent_on else today
        notice = ForceMajeureNotice(organisation, employee, since, sent)
        name = f"overmacht-{file_name_part(employee.name)}-{absence.starts.isoformat()}.pdf"
        jobs.append((name, lambda path, notice=notice: render_force_majeure_notice(notice, path)))
    if not jobs:
        raise ValueError("Er is nog geen procedure medische overmacht geopend; er is niets af te "
                         "drukken.")
    return _write(out, jobs)
