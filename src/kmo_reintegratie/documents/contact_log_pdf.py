"""The contact log of one absence as a PDF, for the personnel file.

Who keeps contact and how often (the agreements, as they changed), every contact with
what was said and agreed, and a block where the employee signs "voor gezien". Only what
the dossier holds is printed: dates, who, channel, summaries and agreements — nothing
medical (the dossier has no such field). Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import (
    Absence,
    Channel,
    ContactAgreement,
    ContactEntry,
    Employee,
    Initiative,
)
from kmo_reintegratie.documents.base import (
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
    signature_block,
    signature_row,
)
from kmo_reintegratie.organisation import Organisation

TITLE = "Contactlog"


@dataclass(frozen=True)
class ContactLog:
    """Everything the contact log of one absence prints."""

    organisation: Organisation
    employee: Employee
    absence: Absence
    printed_on: date


def render_contact_log(log: ContactLog, path: Path) -> Path:
    """Write the contact log to ``path`` (see ``base.build_pdf`` for failure behaviour)."""
    st = styles()
    absence, employee = log.absence, log.employee
    story: list[Flowable] = [
        RLParagraph(TITLE, st.title),
        RLParagraph(
            safe_text(f"{employee.name} – afwezig sinds {dutch_date(absence.starts)}"), st.subtitle
        ),
        Spacer(1, 0.4 * cm),
        details_table(_absence_details(employee, absence)),
        *section_heading("Afspraken over het contact"),
    ]
    if absence.agreements:
        story.append(_agreements(absence.agreements))
    else:
        story.append(RLParagraph("Er werden geen afspraken over het contact vastgelegd.", st.body))
    story += section_heading("Contacten")
    if absence.contacts:
        story.append(_contacts(sorted(absence.contacts, key=lambda c: c.at)))
    else:
        story.append(RLParagraph("Er werden nog geen contacten geregistreerd.", st.body))
    story += _seen_block(employee)
    return build_pdf(
        path,
        story,
        title=f"{TITLE} – {employee.name}",
        organisation_name=log.organisation.display_name,
        subject=f"Contacten tijdens de afwezigheid van {employee.name} vanaf {short_date(absence.starts)}",
        footer_note=(
            f"Contactlog {employee.name}, afwezigheid vanaf {short_date(absence.starts)} – "
            f"afgedrukt op {short_date(log.printed_on)}. Bevat geen medische gegevens."
        ),
    )


# --------------------------------------------------------------------------- shared phrases


def frequency_text(agreement: ContactAgreement) -> str:
    """How often contact was agreed, as a phrase: "om de twee weken", "maandelijks" …"""
    if agreement.no_contact:
        return "geen contact, op vraag van de werknemer"
    days = agreement.every_days
    if days is None:
        return "zonder vaste frequentie"
    named = {1: "dagelijks", 7: "wekelijks", 14: "om de twee weken", 21: "om de drie weken"}
    if days in named:
        return named[days]
    if 28 <= days <= 31:
        return "maandelijks"
    if days % 7 == 0:
        return f"om de {days // 7} weken"
    return f"om de {days} dagen"


CHANNEL_PHRASES = {
    Channel.TELEFOON: "telefonisch",
    Channel.EMAIL: "per e-mail",
    Channel.BRIEF: "per brief",
    Channel.SMS: "per sms",
    Channel.HUISBEZOEK: "met een huisbezoek",
    Channel.GESPREK_OP_HET_WERK: "met een gesprek op het werk",
    Channel.KAARTJE: "met een kaartje",
}


def section_heading(text: str, level: str = "h2", room: float = 4 * cm) -> list[Flowable]:
    """A heading that starts a new page only when less than ``room`` is left below it.

    The shared heading styles keep with the next flowable, which moves a heading *and* a
    long table to the next page as one block and leaves half a page empty; this heading
    lets the table start right under it and split normally.
    """
    style = getattr(styles(), level)
    loose = ParagraphStyle(f"{style.name}-loose", parent=style, keepWithNext=0)
    return [CondPageBreak(room), RLParagraph(safe_text(text), loose)]


def details_table(rows: Sequence[tuple[str, str]], label_width: float = 4.5 * cm) -> Table:
    """Label–value pairs without grid lines ("Werknemer  Koen Verhaegen"); empty values skipped."""
    st = styles()
    data = [
        [RLParagraph(safe_text(label), st.cell), RLParagraph(f"<b>{safe_text(value)}</b>", st.cell)]
        for label, value in rows
        if value.strip()
    ]
    if not data:
        return Table([[""]], colWidths=[1])
    table = Table(
        data, colWidths=[label_width, content_width() - label_width], hAlign="LEFT", spaceAfter=6
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return table


# --------------------------------------------------------------------------- parts


def _absence_details(employee: Employee, absence: Absence) -> list[tuple[str, str]]:
    if absence.returned_on:
        end = ("Werk hervat op", dutch_date(absence.returned_on))
    elif absence.expected_end:
        end = ("Vermoedelijk einde", dutch_date(absence.expected_end))
    else:
        end = ("Vermoedelijk einde", "niet gekend")
    return [
        ("Werknemer", employee.name),
        ("Functie", employee.function),
        ("Afdeling", employee.department),
        ("Leidinggevende", employee.manager),
        ("Afwezig sinds", dutch_date(absence.starts)),
        end,
    ]


def _agreements(agreements: Sequence[ContactAgreement]) -> Table:
    rows = []
    for agreement in sorted(agreements, key=lambda a: (a.valid_from, a.id)):
        who = agreement.contact_name or agreement.contact_role.label
        if agreement.contact_name:
            who += f" ({agreement.contact_role.label.lower()})"
        rows.append(
            [
                agreement.valid_from,
                who,
                "–" if agreement.no_contact else agreement.channel.label,
                frequency_text(agreement),
                agreement.employee_wishes,
            ]
        )
    return data_table(
        ["Vanaf", "Contactpersoon", "Kanaal", "Frequentie", "Wensen van de werknemer"],
        rows,
        ["13%", "24%", "13%", "18%", "32%"],
    )


def _contacts(contacts: Sequence[ContactEntry]) -> Table:
    st = styles()
    rows = []
    for contact in contacts:
        when = [
            f"<b>{short_date(contact.at.date())}</b> {contact.at:%H:%M}",
            safe_text(contact.channel.label),
            safe_text(contact.made_by),
        ]
        if contact.initiative is Initiative.WERKNEMER:
            when.append("<i>op initiatief van de werknemer</i>")
        what: list[Flowable] = []
        for label, text in (("Verslag", contact.summary), ("Afspraken", contact.agreements)):
            if text.strip():
                what.append(RLParagraph(f"<b>{label}:</b> {safe_text(text)}", st.cell))
        if contact.info_given:
            items = "; ".join(sorted(item.label for item in contact.info_given))
            what.append(RLParagraph(f"<b>Informatie gegeven:</b> {safe_text(items)}", st.cell))
        if contact.next_contact:
            what.append(
                RLParagraph(f"<b>Volgend contact:</b> {short_date(contact.next_contact)}", st.cell)
            )
        if contact.signed_on:
            what.append(
                RLParagraph(
                    f"<b>Gezien door de werknemer op</b> {short_date(contact.signed_on)}", st.cell
                )
            )
        if not what:
            what.append(RLParagraph("<i>Geen verslag genoteerd.</i>", st.cell))
        rows.append([RLParagraph("<br/>".join(when), st.cell), _stacked(what)])
    return data_table(["Datum en contact", "Verslag en afspraken"], rows, ["27%", "73%"])


def _stacked(paragraphs: list[Flowable]) -> list[Flowable]:
    """Paragraphs in one table cell with a little air between them."""
    result: list[Flowable] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            result.append(Spacer(1, 3))
        result.append(paragraph)
    return result


def _seen_block(employee: Employee) -> list[Flowable]:
    st = styles()
    employee_block = signature_block(
        ["Datum", "Handtekening werknemer"], title=f"Voor gezien – {employee.name}", width=8.2 * cm
    )
    employer_block = signature_block(
        ["Naam", "Datum", "Handtekening"], title="Opgemaakt door (werkgever)", width=8.2 * cm
    )
    return [
        Spacer(1, 0.3 * cm),
        KeepTogether(
            [
                RLParagraph("Voor gezien", st.h2),
                RLParagraph(
                    "De werknemer tekent voor gezien: dat hij of zij dit overzicht heeft gelezen, niet "
                    "dat hij of zij met alles akkoord gaat. Opmerkingen van de werknemer worden "
                    "toegevoegd aan het dossier.",
                    st.small,
                ),
                signature_row([employee_block, employer_block], gap=0.6 * cm),
            ]
        ),
    ]
