"""The four empty checklists of the instrument as a PDF, to fill in on paper.

Cover page, introduction and "Hoe dit instrument gebruiken?" (explaining this booklet's
layout, not the official brochure's "kaders"), then per checklist its themes and sections:
every question with three smileys to tick, the examples from practice, the advice, the
links (printed in full: paper has no clicks) and room to write comments and actions, kept
on one page with the end of its section. Without an organisation name the cover has a
line to write it on. Plain data in, PDF out, no Qt.
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
    ListFlowable,
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
    MIN_FONT_SIZE,
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
from kmo_reintegratie.instrument import (
    Block,
    Checklist,
    Instrument,
    ListBlock,
    ListItem,
    Section,
    Theme,
)
from kmo_reintegratie.instrument import Paragraph as TextParagraph
from kmo_reintegratie.organisation import Organisation

SUBJECT = "De vier checklists van het instrument, om op papier in te vullen"
ACTION_COLUMNS = ("Uit te voeren acties", "Wie", "Timing", "Opmerkingen")
_CHOICE_WIDTH = 2.1 * cm
_NUMBER_WIDTH = 1.3 * cm
_SECTION_ROOM = 6 * cm


def organisation_or_blank(organisation_name: str) -> str:
    """The organisation's name, or "" when the dossier has none.

    Callers may pass ``Organisation.display_name``, whose stand-in ("Naamloze
    organisatie") must not be printed: paper gets a line to write the name on.
    """
    name = organisation_name.strip()
    return "" if name == Organisation().display_name else name


def render_instrument(
    instrument: Instrument, organisation_name: str, path: Path, *, printed_on: date | None = None
) -> Path:
    """Write the empty checklists to ``path`` (see ``base.build_pdf`` for failure behaviour)."""
    printed_on = printed_on or date.today()
    organisation_name = organisation_or_blank(organisation_name)
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
        ("Organisatie", organisation_name),
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
    # The source is named once: in the footer, on this page as on every other.
    return [
        Spacer(1, 3 * cm),
        RLParagraph(safe_text(instrument.title), st.title),
        RLParagraph("Om op papier in te vullen", st.subtitle),
        Spacer(1, 1.2 * cm),
        details,
        Spacer(1, 1 * cm),
        RLParagraph("Inhoud", st.label),
        *blocks_flowables([contents]),
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
        *blocks_flowables(USAGE),
        KeepTogether(
            [
                RLParagraph("Zo antwoordt u op een vraag", st.h2),
                RLParagraph(
                    "Kruis per vraag het vakje aan bij de smiley die het best past.", st.body
                ),
                legend,
            ]
        ),
        RLParagraph("En daarna?", st.h2),
        *blocks_flowables(AFTER_ANSWERING),
        RLParagraph(
            "Deze uitleg volgt de gebruiksaanwijzing van het instrument, aangepast aan de opbouw "
            "van dit boekje.",
            st.small,
        ),
    ]


# The instrument's own usage text speaks of a first, second and third "kader" (box) of
# its brochure; this booklet prints each section differently, so it explains its own parts.
USAGE: tuple[Block, ...] = (
    TextParagraph(
        "Elke checklist bestaat uit thema's en secties, gebaseerd op de goede praktijken uit "
        "het onderzoek. Elke sectie in dit boekje heeft dezelfde onderdelen:"
    ),
    ListBlock(
        "bullet",
        (
            ListItem(
                "Vragen: een of meer vragen om de bestaande praktijk in uw organisatie (bedrijf, "
                "instelling of administratie) in kaart te brengen. Naast elke vraag staan drie "
                "vakjes: Toegepast, Overwegen en Tekortkoming."
            ),
            ListItem(
                "Voorbeelden uit de praktijk: goede praktijken uit Belgische bedrijven, ter "
                "inspiratie."
            ),
            ListItem(
                "Adviezen: algemene adviezen uit de analyse van de goede praktijken, soms met "
                "Meer informatie (de webadressen staan er voluit)."
            ),
            ListItem(
                "Uw opmerkingen en acties: een vak voor opmerkingen bij de sectie en een tabel "
                "met vier kolommen:",
                (
                    ListBlock(
                        "bullet",
                        (
                            ListItem(
                                "Uit te voeren acties: omschrijf een of meer acties die de "
                                "organisatie neemt."
                            ),
                            ListItem(
                                "Wie: wie moet bij de uitvoering van die acties betrokken worden."
                            ),
                            ListItem("Timing: de deadline waartegen de actie klaar moet zijn."),
                            ListItem(
                                "Opmerkingen: de aandachtspunten bij de maatregelen en de "
                                "middelen die ervoor voorzien worden."
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
)

AFTER_ANSWERING: tuple[Block, ...] = (
    TextParagraph("Wat u met de rest van de sectie doet, hangt af van uw antwoorden:"),
    ListBlock(
        "bullet",
        (
            ListItem(
                "Alles toegepast: de voorbeelden en adviezen zijn dan enkel ter informatie; u kunt "
                "ze overslaan."
            ),
            ListItem(
                "Overwegen: lees de voorbeelden en adviezen. Acties hoeft u nu nog niet in te "
                "vullen."
            ),
            ListItem(
                "Tekortkoming: hier moet de organisatie prioritair actie nemen. Lees de "
                "voorbeelden en adviezen en vul uw opmerkingen en acties in."
            ),
        ),
    ),
)


def _checklist(checklist: Checklist, choices: list[Drawing]) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        RLParagraph(safe_text(f"Checklist {checklist.number} – {checklist.title}"), st.h1),
        *blocks_flowables(checklist.introduction),
    ]
    for theme in checklist.themes:
        # The first section asks for _SECTION_ROOM below the theme's (two-line) title: ask
        # for both here, or the title stays alone at the foot of the page.
        story.append(CondPageBreak(_SECTION_ROOM + 2.5 * cm))
        story.append(RLParagraph(safe_text(_theme_title(theme)), st.h2))
        for section in theme.sections:
            story += _section(section, choices)
    return story


def _theme_title(theme: Theme) -> str:
    return f"{theme.number}. {theme.title}" if theme.number else theme.title


def _section(section: Section, choices: list[Drawing]) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        CondPageBreak(_SECTION_ROOM),
        RLParagraph(safe_text(f"{section.number} {section.title}"), st.h3),
        RLParagraph("Vragen", st.label),
        _questions(section, choices),
    ]
    body: list[Flowable] = []
    if section.examples:
        body.append(RLParagraph("Voorbeelden uit de praktijk", st.label))
        body += [
            _example(example.number, example.text, example.sector) for example in section.examples
        ]
    if section.advice:
        body.append(RLParagraph("Adviezen", st.label))
        body += blocks_flowables(section.advice)
    if section.links:
        body.append(RLParagraph("Meer informatie", st.label))
        links = ListBlock(
            "bullet", tuple(ListItem(f"{link.label}: {link.url}") for link in section.links)
        )
        body += blocks_flowables([links])
    body, tail = _last_lines(body)
    story += body
    story.append(
        KeepTogether(
            [
                *tail,
                RLParagraph(safe_text(f"Uw opmerkingen en acties bij {section.number}"), st.label),
                write_box("Opmerkingen bij deze sectie", 2.5 * cm),
                form_table(
                    ACTION_COLUMNS, ["40%", "20%", "15%", "25%"], rows=3, row_height=1.1 * cm
                ),
            ]
        )
    )
    return story


def _last_lines(body: list[Flowable]) -> tuple[list[Flowable], list[Flowable]]:
    """``body`` without its last paragraph or list item, and that piece (with its heading
    when the piece is all there is under it).

    The writing room goes to the next page with this piece, so a page never starts with
    "Uw opmerkingen en acties" cut off from the section it belongs to.
    """
    if not body:
        return [], []
    *rest, last = body
    tail = [last]
    if isinstance(last, ListFlowable):
        items = last.split(content_width(), 0)  # one flowable per item, bullets already set
        if len(items) > 1:
            rest += items[:-1]
            tail = items[-1:]
    while rest and rest[-1].getKeepWithNext():
        tail.insert(0, rest.pop())
    return rest, tail


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
    size, box, label_size = 17.0, 9.0, MIN_FONT_SIZE
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
