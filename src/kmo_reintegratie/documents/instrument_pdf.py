"""The four empty checklists of the instrument as a PDF, to fill in on paper.

Cover page, introduction and "Hoe dit instrument gebruiken?", then per checklist its
themes and sections: every question with three smileys to tick, the examples from
practice, the advice, the links (printed in full: paper has no clicks) and room to write
comments and actions. Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.assessment import ANSWER_ORDER
from kmo_reintegratie.documents.base import (
    FONT,
    INK,
    RULE,
    build_pdf,
    content_width,
    dutch_date,
    linked_text,
    safe_text,
    styles,
)
from kmo_reintegratie.documents.pdf_smileys import (
    smiley_drawing,
    smiley_group,
    smiley_label,
)
from kmo_reintegratie.documents.pdf_tables import (
    blocks_flowables,
    form_table,
    write_box,
)
from kmo_reintegratie.instrument import Checklist, Instrument, ListBlock, ListItem, Section, Theme

SUBJECT = "De vier checklists van het instrument, om op papier in te vullen"
ACTION_COLUMNS = ("Uit te voeren acties", "Wie", "Timing", "Opmerkingen")
_CHOICE_WIDTH = 2.1 * cm
_NUMBER_WIDTH = 1.3 * cm


def render_instrument(
    instrument: Instrument, organisation_name: str, path: Path, *, printed_on: date | None = None
) -> Path:
    """Write the empty checklists to ``path`` (see ``base.build_pdf`` for failure behaviour)."""
    printed_on = printed_on or date.today()
    story: list[Flowable] = [*_cover(instrument, organisation_name, printed_on), PageBreak()]
    story += _introduction(instrument)
    choices = [_choice(kind) for kind in ANSWER_ORDER]  # drawn once, placed in every row
    for checklist in instrument.checklists:
        story += [PageBreak(), *_checklist(checklist, choices)]
    return build_pdf(
        path,
        story,
        title=instrument.title,
        organisation_name=organisation_name,
        subject=SUBJECT,
        footer_note=instrument.source.attribution,
        header_on_first_page=False,
    )


def _cover(instrument: Instrument, organisation_name: str, printed_on: date) -> list[Flowable]:
    st = styles()
    rows = [
        ("Organisatie", organisation_name.strip()),
        ("Afgedrukt op", dutch_date(printed_on)),
        ("Ingevuld door", ""),
        ("Datum van invullen", ""),
    ]
    details = Table(
        [
            [RLParagraph(safe_text(label), st.cell), RLParagraph(safe_text(value), st.body)]
            for label, value in rows
        ],
        colWidths=[4 * cm, 10 * cm],
        rowHeights=[0.9 * cm] * len(rows),
        hAlign="LEFT",
    )
    details.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        )
    )
    contents = ListBlock(
        "bullet",
        tuple(ListItem(f"Checklist {c.number} – {c.title}") for c in instrument.checklists),
    )
    source = instrument.source
    return [
        Spacer(1, 3 * cm),
        RLParagraph(safe_text(instrument.title), st.title),
        RLParagraph("Om op papier in te vullen", st.subtitle),
        Spacer(1, 1.2 * cm),
        details,
        Spacer(1, 1 * cm),
        RLParagraph("Inhoud", st.label),
        *blocks_flowables([contents]),
        Spacer(1, 1 * cm),
        RLParagraph("Bron", st.label),
        RLParagraph(safe_text(source.attribution), st.small),
        RLParagraph(
            safe_text(
                f"Uitgever: {source.publisher}. Onderzoek: {source.research} ({source.period})."
            ),
            st.small,
        ),
    ]


def _introduction(instrument: Instrument) -> list[Flowable]:
    st = styles()
    legend = Table(
        [
            [
                smiley_drawing(kind, 22),
                RLParagraph(
                    f"<b>{smiley_label(kind)}</b> ({kind.smiley_name}): {safe_text(kind.explanation)}",
                    st.body,
                ),
            ]
            for kind in ANSWER_ORDER
        ],
        colWidths=[1.2 * cm, content_width() - 1.2 * cm],
        hAlign="LEFT",
    )
    legend.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (0, -1), 0)])
    )
    return [
        RLParagraph("Inleiding", st.h1),
        *blocks_flowables(instrument.introduction),
        RLParagraph("Hoe dit instrument gebruiken?", st.h1),
        *blocks_flowables(instrument.usage),
        RLParagraph("Zo antwoordt u op een vraag", st.h2),
        RLParagraph("Kruis per vraag het vakje aan bij de smiley die het best past.", st.body),
        legend,
    ]


def _checklist(checklist: Checklist, choices: list[Drawing]) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        RLParagraph(safe_text(f"Checklist {checklist.number} – {checklist.title}"), st.h1),
        *blocks_flowables(checklist.introduction),
    ]
    for theme in checklist.themes:
        story.append(CondPageBreak(5 * cm))
        story.append(RLParagraph(safe_text(_theme_title(theme)), st.h2))
        for section in theme.sections:
            story += _section(section, choices)
    return story


def _theme_title(theme: Theme) -> str:
    return f"{theme.number}. {theme.title}" if theme.number else theme.title


def _section(section: Section, choices: list[Drawing]) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        CondPageBreak(6 * cm),
        RLParagraph(safe_text(f"{section.number} {section.title}"), st.h3),
        RLParagraph("Vragen", st.label),
        _questions(section, choices),
    ]
    if section.examples:
        story.append(RLParagraph("Voorbeelden uit de praktijk", st.label))
        story += [
            _example(example.number, example.text, example.sector) for example in section.examples
        ]
    if section.advice:
        story.append(RLParagraph("Adviezen", st.label))
        story += blocks_flowables(section.advice)
    if section.links:
        story.append(RLParagraph("Meer informatie", st.label))
        links = ListBlock(
            "bullet", tuple(ListItem(f"{link.label}: {link.url}") for link in section.links)
        )
        story += blocks_flowables([links])
    story.append(
        KeepTogether(
            [
                RLParagraph(safe_text(f"Uw opmerkingen en acties bij {section.number}"), st.label),
                write_box("Opmerkingen bij deze sectie", 2.5 * cm),
                form_table(
                    ACTION_COLUMNS, ["40%", "20%", "15%", "25%"], rows=3, row_height=1.1 * cm
                ),
            ]
        )
    )
    return story


def _questions(section: Section, choices: list[Drawing]) -> Table:
    st = styles()
    rows = []
    for index, question in enumerate(section.questions, start=1):
        text = safe_text(question.text)
        if question.truncated_in_source:
            text += ' <font color="#5f5f5f" size="8">(zo afgebroken in de officiële bron)</font>'
        rows.append(
            [
                RLParagraph(safe_text(f"{section.number}.{index}"), st.cell),
                RLParagraph(text, st.cell),
                *choices,
            ]
        )
    text_width = content_width() - _NUMBER_WIDTH - 3 * _CHOICE_WIDTH
    table = Table(
        rows,
        colWidths=[_NUMBER_WIDTH, text_width, *[_CHOICE_WIDTH] * 3],
        hAlign="LEFT",
        spaceAfter=6,
    )
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
                ("LINEBEFORE", (2, 0), (2, -1), 0.5, RULE),
                ("VALIGN", (0, 0), (1, -1), "TOP"),
                ("VALIGN", (2, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (2, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def _choice(kind: object) -> Drawing:
    """An empty tick box beside a smiley, the answer's name underneath."""
    size, box, label_size = 17.0, 9.0, 6.5
    width = _CHOICE_WIDTH - 8
    drawing = Drawing(width, size + label_size + 4)
    left = (width - box - 3 - size) / 2
    base = label_size + 4
    drawing.add(
        Rect(
            left,
            base + (size - box) / 2,
            box,
            box,
            strokeColor=INK,
            strokeWidth=0.8,
            fillColor=None,
        )
    )
    drawing.add(smiley_group(kind, size, left + box + 3, base))  # type: ignore[arg-type]
    drawing.add(
        String(
            width / 2,
            1,
            smiley_label(kind),
            fontName=FONT,
            fontSize=label_size,  # type: ignore[arg-type]
            fillColor=INK,
            textAnchor="middle",
        )
    )
    return drawing


def _example(number: int | None, text: str, sector: str) -> Flowable:
    st = styles()
    name = f"Voorbeeld {number}" if number is not None else "Voorbeeld"
    style = ParagraphStyle("example", parent=st.body, fontSize=9.5, leading=12.5, leftIndent=10)
    return RLParagraph(f"<b>{name}</b> – <i>{safe_text(sector)}</i><br/>{linked_text(text)}", style)
