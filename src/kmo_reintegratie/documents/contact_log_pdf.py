"""The contact log of one absence as a PDF, for the personnel file.

Who keeps contact and how often (the agreements, as they changed), every contact with
what was said and agreed, lines for the employee's remarks and two equal signature boxes
where the employee signs "voor gezien" and the employer signs for the log. Marked
"Vertrouwelijk"; every page's footer names the person and the print date. Only what the
dossier holds is printed: dates, who, channel, summaries and agreements — nothing medical
(the dossier has no such field). Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import (
    Absence,
    Channel,
    ContactAgreement,
    ContactEntry,
    Employee,
    InfoItem,
    Initiative,
)
from kmo_reintegratie.documents.base import (
    INK,
    RULE,
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.pdf_tables import data_table
from kmo_reintegratie.organisation import Organisation
from kmo_reintegratie.record import record

TITLE = "Contactlog"


@record
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
        _title_with_mark(),
        RLParagraph(
            safe_text(f"{employee.name} – afwezig sinds {dutch_date(absence.starts)}"), st.subtitle
        ),
        Spacer(1, 0.4 * cm),
        details_table(_absence_details(log.organisation, employee, absence)),
        *section_heading("Afspraken over het contact"),
    ]
    if absence.agreements:
        story.append(_agreements(absence.agreements))
    else:
        story.append(RLParagraph("Er werden geen afspraken over het contact vastgelegd.", st.body))
    # Room for the header row and a contact or two, so the heading never ends a page alone.
    story += section_heading("Contacten", room=6 * cm)
    if absence.contacts:
        story.append(_contacts(sorted(absence.contacts, key=lambda c: c.at)))
    else:
        story.append(RLParagraph("Er werden nog geen contacten geregistreerd.", st.body))
    story += _seen_block(employee)
    return build_pdf(
        path,
        story,
        title=f"{TITLE} – {employee.name}",
        # A dossier without an organisation name prints an empty header, not a placeholder.
        organisation_name=log.organisation.name,
        subject=f"Contacten tijdens de afwezigheid van {employee.name} vanaf {short_date(absence.starts)}",
        footer_note=(
            f"Vertrouwelijk – contactlog van {employee.name}, afwezigheid vanaf "
            f"{short_date(absence.starts)}, afgedrukt op {short_date(log.printed_on)}. "
            "Bevat geen medische gegevens."
        ),
    )


#: What a blank field to fill in by hand looks like in running text.
BLANK = "_" * 32
CONFIDENTIAL = "Vertrouwelijk"
_MARK_WIDTH = 4.2 * cm


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


def _title_with_mark() -> Table:
    """The title with a framed "Vertrouwelijk" on the right: the log goes into a personnel file."""
    st = styles()
    mark_style = ParagraphStyle(
        "confidential", parent=st.header_cell, fontSize=10, leading=12, textColor=INK,
        alignment=TA_CENTER, hyphenationLang="",
    )
    mark = Table(
        [[RLParagraph(CONFIDENTIAL.upper(), mark_style)]],
        colWidths=[_MARK_WIDTH],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, INK),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )
    table = Table(
        [[RLParagraph(TITLE, st.title), mark]],
        colWidths=[content_width() - _MARK_WIDTH, _MARK_WIDTH],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _absence_details(
    organisation: Organisation, employee: Employee, absence: Absence
) -> list[tuple[str, str]]:
    if absence.returned_on:
        end = ("Werk hervat op", dutch_date(absence.returned_on))
    elif absence.expected_end:
        end = ("Vermoedelijk einde", dutch_date(absence.expected_end))
    else:
        end = ("Vermoedelijk einde", "niet gekend")
    return [
        ("Werkgever", organisation.name.strip() or BLANK),
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
        who = name_markup(agreement.contact_name or agreement.contact_role.label, _cell_width(0.24))
        if agreement.contact_name:
            who += f"<br/>({safe_text(agreement.contact_role.label.lower())})"
        rows.append(
            [
                agreement.valid_from,
                RLParagraph(who, styles().cell),
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


def info_given_text(items: frozenset[InfoItem]) -> str:
    """The information given, in the order of the form: "Overzichtsdocument bezorgd; uitleg …".

    The labels are sentences of their own; joined by semicolons only the first keeps its
    capital. Lower-casing touches just the first letter of a label that starts with an
    ordinary word (never an abbreviation such as "VDAB"), so names in a label would survive.
    """
    labels = [item.label for item in InfoItem if item in items]
    if not labels:
        return ""
    return "; ".join([labels[0], *(_sentence_inner(label) for label in labels[1:])])


def _sentence_inner(label: str) -> str:
    if len(label) > 1 and label[0].isupper() and label[1].islower():
        return label[0].lower() + label[1:]
    return label


def _contacts(contacts: Sequence[ContactEntry]) -> Table:
    st = styles()
    rows = []
    for contact in contacts:
        when = [
            f"<b>{short_date(contact.at.date())}</b> {contact.at:%H:%M}",
            safe_text(contact.channel.label),
            name_markup(contact.made_by, _cell_width(0.27)),
        ]
        if contact.initiative is Initiative.WERKNEMER:
            when.append("<i>op initiatief van de werknemer</i>")
        what: list[Flowable] = []
        for label, text in (("Verslag", contact.summary), ("Afspraken", contact.agreements)):
            if text.strip():
                what.append(RLParagraph(f"<b>{label}:</b> {safe_text(text)}", st.cell))
        if contact.info_given:
            items = safe_text(info_given_text(contact.info_given))
            what.append(RLParagraph(f"<b>Informatie gegeven:</b> {items}", st.cell))
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


def name_markup(name: str, width: float) -> str:
    """``name`` as Paragraph markup in a cell ``width`` points wide, broken between its parts.

    A long double name breaks at a space or after its own hyphen ("Vanderhaeghen-" /
    "Schoonbroodt"), never inside a part; only a single part wider than the cell is left to
    the paragraph's hyphenation.
    """
    st = styles().cell

    def fits(text: str) -> bool:
        return stringWidth(text, st.fontName, st.fontSize) <= width

    if fits(name):
        return safe_text(name)
    lines: list[str] = []
    current = ""
    for word in name.split():
        for index, piece in enumerate(re.findall(r"[^-]+-*|-+", word)):
            candidate = current + (" " if index == 0 and current else "") + piece
            if current and not fits(candidate):
                lines.append(current)
                candidate = piece
            current = candidate
    lines.append(current)
    return "<br/>".join(safe_text(line) for line in lines)


def _cell_width(share: float) -> float:
    """Text width in a ``data_table`` column of ``share`` of the page (4 pt padding each side)."""
    return share * content_width() - 8


def _stacked(paragraphs: list[Flowable]) -> list[Flowable]:
    """Paragraphs in one table cell with a little air between them."""
    result: list[Flowable] = []
    for index, paragraph in enumerate(paragraphs):
        if index:
            result.append(Spacer(1, 3))
        result.append(paragraph)
    return result


# --------------------------------------------------------------------------- voor gezien


def _seen_block(employee: Employee) -> list[Flowable]:
    st = styles()
    return [
        Spacer(1, 0.3 * cm),
        KeepTogether(
            [
                RLParagraph("Voor gezien", st.h2),
                RLParagraph(
                    "De werknemer tekent voor gezien: dat hij of zij dit overzicht heeft gelezen, "
                    "niet dat hij of zij met alles akkoord gaat. De werknemer kan hieronder "
                    "opmerkingen noteren; ze worden bij het dossier gevoegd.",
                    st.small,
                ),
                RLParagraph("Opmerkingen van de werknemer", st.label),
                _remark_lines(),
                _signature_boxes(employee),
            ]
        ),
    ]


REMARK_LINES = 4


def _remark_lines() -> Table:
    table = Table(
        [[""] for _ in range(REMARK_LINES)],
        colWidths=[content_width()],
        rowHeights=[0.8 * cm] * REMARK_LINES,
        hAlign="LEFT",
        spaceAfter=10,
    )
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE)]))
    return table


def _signature_boxes(employee: Employee) -> Table:
    """The employee's and the employer's box side by side, as one table: equal in size
    whatever a long name does to a row, and never on two pages."""
    st = styles()
    label, inset, gap = 1.7 * cm, 0.4 * cm, 0.6 * cm
    box = (content_width() - gap) / 2
    line = box - label - inset
    widths = [label, line, inset, gap, label, line, inset]
    name = name_markup(employee.name, line - 12 - 10)  # padding; bold is wider than measured

    def cell(text: str, style: ParagraphStyle = st.cell) -> RLParagraph:
        return RLParagraph(safe_text(text), style)

    def row(left: list, right: list) -> list:
        return [*left, "", "", *right, ""]

    data = [
        row([cell("Voor gezien door de werknemer", st.header_cell), ""],
            [cell("Opgemaakt door de werkgever", st.header_cell), ""]),
        row([cell("Naam"), RLParagraph(f"<b>{name}</b>", st.cell)], [cell("Naam"), ""]),
        row([cell("Datum"), ""], [cell("Datum"), ""]),
        row([cell("Handtekening werknemer"), ""], [cell("Handtekening werkgever"), ""]),
        row(["", ""], ["", ""]),  # room to sign, on a line
        row(["", ""], ["", ""]),  # a margin: the signature line is not the frame
    ]
    heights = [None, 0.9 * cm, 0.9 * cm, None, 1.5 * cm, 0.3 * cm]
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 1), (-1, -2), 3),
    ]
    for first in (0, 4):
        value, last = first + 1, first + 2
        commands += [
            ("BOX", (first, 0), (last, -1), 0.7, RULE),
            ("SPAN", (first, 0), (last, 0)),
            ("SPAN", (first, 3), (last, 3)),
            ("LINEBELOW", (value, 1), (value, 2), 0.5, INK),
            ("LINEBELOW", (value, 4), (value, 4), 0.5, INK),
        ]
    table = Table(data, colWidths=widths, rowHeights=heights, hAlign="LEFT", spaceAfter=8)
    table.setStyle(TableStyle(commands))
    return table
