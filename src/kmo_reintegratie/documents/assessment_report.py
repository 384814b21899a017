"""The "Zelfevaluatie" report of one self-assessment round as a PDF.

Cover (round as title, organisation — a line to write it on when the dossier has no name —
and dates), a summary page (the smiley counts per checklist and the state of every
section), then per checklist and section the questions with the chosen smiley, the comment
and the section's actions, and at the end the action plan ordered by deadline. The
instrument's source is named once per page, in the footer. Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.assessment import (
    ANSWER_ORDER,
    Answer,
    Change,
    RoundData,
    SectionState,
    Tally,
    compare_sections,
    section_state,
    tally,
)
from kmo_reintegratie.documents.action_plan_pdf import (
    LATE,
    due_cell,
    loose_heading,
    plan_flowables,
    status_summary,
)
from kmo_reintegratie.documents.base import (
    FONT_BOLD,
    HEADER_FILL,
    INK,
    RULE,
    ZEBRA,
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    styles,
)
from kmo_reintegratie.documents.instrument_pdf import organisation_or_blank
from kmo_reintegratie.documents.pdf_smileys import (
    smiley_group,
    smiley_with_label,
)
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
)
from kmo_reintegratie.instrument import Checklist, Instrument, Section

SUBJECT = "Zelfevaluatie met de checklists re-integratie"
_STATE_COLOURS = {
    SectionState.IN_ORDER: "#2e7d32",
    SectionState.CONSIDER: "#8a5a00",
    SectionState.ACTION_NEEDED: LATE,
    SectionState.ACTION_PLANNED: "#1f3f5b",
}
# The smiley a section's state is shown with in the overview (as in the program).
_STATE_SMILEY = {
    SectionState.IN_ORDER: Answer.TOEGEPAST,
    SectionState.CONSIDER: Answer.OVERWEGEN,
    SectionState.ACTION_NEEDED: Answer.TEKORTKOMING,
    SectionState.ACTION_PLANNED: Answer.TEKORTKOMING,
}
_SMILEY_WIDTH = 2.5 * cm
_NUMBER_WIDTH = 1.3 * cm
_SECTION_ROOM = 4.5 * cm


def render_assessment_report(
    instrument: Instrument,
    organisation_name: str,
    data: RoundData,
    path: Path,
    *,
    today: date,
    previous: RoundData | None = None,
) -> Path:
    """Write the report of ``data`` to ``path``; returns ``path``.

    ``previous`` (an earlier round) adds "t.o.v. vorige ronde" per section; ``today``
    decides which actions are "te laat". See ``base.build_pdf`` for failure behaviour.
    """
    organisation_name = organisation_or_blank(organisation_name)
    story: list[Flowable] = [*_cover(instrument, organisation_name, data, previous, today)]
    story += [PageBreak(), *_summary(instrument, data, previous)]
    for checklist in instrument.checklists:
        story += [PageBreak(), *_checklist(checklist, data, previous, today)]
    story += [
        PageBreak(),
        RLParagraph("Actieplan", styles().h1),
        *loose_heading(safe_text(status_summary(data.actions, today)), styles().label),
        *plan_flowables(instrument, data.actions, today, landscape=False),
    ]
    return build_pdf(
        path,
        story,
        title=report_title(data.round.title),
        organisation_name=organisation_name,
        subject=SUBJECT,
        header_title=data.round.title,
        footer_note=instrument.source.attribution,
        header_on_first_page=False,
    )


def _answers(data: RoundData | None, section: Section) -> list[Answer | None]:
    return [data.answers.get(q.id) if data else None for q in section.questions]


def _state(data: RoundData, section: Section) -> SectionState:
    return section_state(_answers(data, section), len(data.actions_of(section.id)))


def _change(previous: RoundData | None, data: RoundData, section: Section) -> Change | None:
    if previous is None:
        return None
    return compare_sections(_answers(previous, section), _answers(data, section))


def _state_markup(state: SectionState) -> str:
    colour = _STATE_COLOURS.get(state, "#5f5f5f")
    return f'<font color="{colour}"><b>{state.label}</b></font>'


def tally_sentence(counts: Tally) -> str:
    """E.g. "26 vragen: 12 toegepast, 5 overwegen, 3 tekortkoming, 6 niet beantwoord"."""
    parts = [f"{counts.count(kind)} {kind.label.lower()}" for kind in ANSWER_ORDER]
    parts.append(f"{counts.total - counts.answered} niet beantwoord")
    return f"{counts.total} vragen: {', '.join(parts)}"


def _checklist_tally(data: RoundData, checklist: Checklist) -> Tally:
    return tally(data.answers.get(q.id) for s in checklist.sections for q in s.questions)


# --------------------------------------------------------------------------- cover


def _cover(
    instrument: Instrument,
    organisation_name: str,
    data: RoundData,
    previous: RoundData | None,
    today: date,
) -> list[Flowable]:
    st = styles()
    rows = [
        ("Organisatie", organisation_name),
        ("Datum", dutch_date(data.round.held_on)),
        ("Stand", "afgesloten" if data.round.closed else "lopend, nog niet afgesloten"),
    ]
    if previous is not None:
        rows.append(
            ("Vergeleken met", f"{previous.round.title} ({dutch_date(previous.round.held_on)})")
        )
    rows.append(("Afgedrukt op", dutch_date(today)))
    details = Table(
        [
            [RLParagraph(safe_text(label), st.cell), RLParagraph(safe_text(value), st.body)]
            for label, value in rows
        ],
        colWidths=[4 * cm, content_width() - 4 * cm],
        hAlign="LEFT",
    )
    details.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, RULE),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    # The source is named once: in the footer, on this page as on every other.
    return [
        Spacer(1, 3 * cm),
        *_cover_title(data.round.title),
        RLParagraph(safe_text(instrument.title), st.body),
        Spacer(1, 1.2 * cm),
        details,
    ]


def report_title(round_title: str) -> str:
    """"Zelfevaluatie 2026" as it is; "Zelfevaluatie – Ronde voorjaar" for a round whose
    name does not say what it is."""
    return round_title if _says_zelfevaluatie(round_title) else f"Zelfevaluatie – {round_title}"


def _says_zelfevaluatie(round_title: str) -> bool:
    return "zelfevaluatie" in round_title.casefold()


def _cover_title(round_title: str) -> list[Flowable]:
    """The round's name as the title ("Zelfevaluatie 2026"); "Zelfevaluatie" above it only
    when the name does not say so itself ("Ronde voorjaar")."""
    st = styles()
    if _says_zelfevaluatie(round_title):
        return [RLParagraph(safe_text(round_title), st.title)]
    return [
        RLParagraph("Zelfevaluatie", st.title),
        RLParagraph(safe_text(round_title), st.subtitle),
    ]


# --------------------------------------------------------------------------- summary


def _count_drawing(kind: Answer | None, count: int) -> Drawing:
    """A smiley with its count beside it, for the summary table."""
    size, font_size = 16.0, 12.0
    drawing = Drawing(size + 30, size)
    drawing.add(smiley_group(kind, size))
    drawing.add(
        String(
            size + 5,
            size / 2 - font_size * 0.36,
            str(count),
            fontName=FONT_BOLD,
            fontSize=font_size,  # type: ignore[arg-type]
            fillColor=INK,
        )
    )
    return drawing


def _summary(instrument: Instrument, data: RoundData, previous: RoundData | None) -> list[Flowable]:
    st = styles()
    header = [RLParagraph("Checklist", st.header_cell)]
    header += [smiley_with_label(kind, 16) for kind in (*ANSWER_ORDER, None)]
    header.append(RLParagraph("Beantwoord", st.header_cell))
    rows: list[list] = [header]
    overall = Tally()
    for checklist in instrument.checklists:
        counts = _checklist_tally(data, checklist)
        overall += counts
        rows.append(_count_row(f"{checklist.number}. {checklist.title}", counts, st.cell))
    rows.append(_count_row("Totaal", overall, st.header_cell))
    count_width, answered_width = 2.2 * cm, 2.7 * cm
    table = Table(
        rows,
        colWidths=[
            content_width() - 4 * count_width - answered_width,
            *[count_width] * 4,
            answered_width,
        ],
        repeatRows=1,
        hAlign="LEFT",
        spaceAfter=10,
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (1, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return [
        RLParagraph("Overzicht", st.h1),
        RLParagraph(
            safe_text(
                f"Antwoorden per checklist in {data.round.title} ({tally_sentence(overall)})."
            ),
            st.body,
        ),
        table,
        *loose_heading("Stand per sectie", st.h2, 4 * cm),
        _state_table(instrument, data, previous),
    ]


def _count_row(name: str, counts: Tally, style: ParagraphStyle) -> list:
    return [
        RLParagraph(safe_text(name), style),
        *[_count_drawing(kind, counts.count(kind)) for kind in ANSWER_ORDER],
        _count_drawing(None, counts.total - counts.answered),
        RLParagraph(f"{counts.answered} van {counts.total}", style),
    ]


def _state_table(instrument: Instrument, data: RoundData, previous: RoundData | None) -> Table:
    st = styles()
    header = ["Sectie", "", "Stand"] + (["T.o.v. vorige ronde"] if previous else [])
    rows: list[list] = []
    checklist_rows: list[int] = []
    for checklist in instrument.checklists:
        checklist_rows.append(len(rows) + 1)  # + 1: the header row
        title = f"Checklist {checklist.number} – {checklist.title}"
        rows.append([RLParagraph(safe_text(title), st.header_cell)] + [""] * (len(header) - 1))
        for section in checklist.sections:
            state = _state(data, section)
            row: list = [
                f"{section.number} {section.title}",
                _small_smiley(_STATE_SMILEY.get(state)),
                RLParagraph(_state_markup(state), st.cell),
            ]
            change = _change(previous, data, section)
            if change is not None:
                row.append(change.label.lower())
            rows.append(row)
    fixed = [0.8 * cm, 3.6 * cm] + ([3.4 * cm] if previous else [])
    table = data_table(header, rows, [content_width() - sum(fixed), *fixed], zebra=False)
    commands: list[tuple] = []
    for row_index in checklist_rows:
        commands += [
            ("SPAN", (0, row_index), (-1, row_index)),
            ("BACKGROUND", (0, row_index), (-1, row_index), ZEBRA),
        ]
    table.setStyle(TableStyle(commands))
    return table


def _small_smiley(kind: Answer | None) -> Drawing:
    drawing = Drawing(12, 12)
    drawing.add(smiley_group(kind, 12))
    return drawing


# --------------------------------------------------------------------------- sections


def _checklist(
    checklist: Checklist, data: RoundData, previous: RoundData | None, today: date
) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        RLParagraph(safe_text(f"Checklist {checklist.number} – {checklist.title}"), st.h1),
        RLParagraph(safe_text(tally_sentence(_checklist_tally(data, checklist)) + "."), st.body),
    ]
    for theme in checklist.themes:
        title = f"{theme.number}. {theme.title}" if theme.number else theme.title
        # Room for the first section too (see _section), or the title ends a page alone.
        story += [CondPageBreak(_SECTION_ROOM + 2.5 * cm), RLParagraph(safe_text(title), st.h2)]
        for section in theme.sections:
            story += _section(section, data, previous, today)
    return story


def _section(
    section: Section, data: RoundData, previous: RoundData | None, today: date
) -> list[Flowable]:
    st = styles()
    state = _state(data, section)
    status = f"Stand: {_state_markup(state)}"
    change = _change(previous, data, section)
    if change is not None:
        status += f" · t.o.v. vorige ronde: <b>{change.label.lower()}</b>"
    story: list[Flowable] = [
        CondPageBreak(_SECTION_ROOM),
        RLParagraph(safe_text(f"{section.number} {section.title}"), st.h3),
        RLParagraph(status, st.body),
        _questions(section, data),
    ]
    comment = data.comments.get(section.id, "").strip()
    if comment:
        story += [*loose_heading("Opmerking", st.label), RLParagraph(safe_text(comment), st.body)]
    actions = data.actions_of(section.id)
    if actions:
        cell = st.cell
        rows = [
            [a.what, a.who, due_cell(a, today, cell), a.status.label, a.remarks] for a in actions
        ]
        fixed = [3.2 * cm, 2.3 * cm, 1.9 * cm]
        rest = content_width() - sum(fixed)
        story += [
            *loose_heading("Acties", st.label),
            data_table(
                ("Actie", "Wie", "Deadline", "Status", "Opmerkingen"),
                rows,
                [rest * 0.6, *fixed, rest * 0.4],
            ),
        ]
    elif state is SectionState.ACTION_NEEDED:
        story.append(
            RLParagraph(
                f'<font color="{LATE}">Tekortkoming zonder actie: nog geen actie gepland.</font>',
                st.body,
            )
        )
    return story


def _questions(section: Section, data: RoundData) -> Table:
    st = styles()
    rows = [
        [
            RLParagraph(safe_text(f"{section.number}.{index}"), st.cell),
            RLParagraph(safe_text(question.text), st.cell),
            _answer_smiley(data.answers.get(question.id)),
        ]
        for index, question in enumerate(section.questions, start=1)
    ]
    text_width = content_width() - _NUMBER_WIDTH - _SMILEY_WIDTH
    table = Table(
        rows,
        colWidths=[_NUMBER_WIDTH, text_width, _SMILEY_WIDTH],
        hAlign="LEFT",
        spaceAfter=6,
    )
    table.setStyle(TableStyle(_question_grid()))
    return table


def _question_grid() -> Sequence[tuple]:
    return [
        ("BOX", (0, 0), (-1, -1), 0.5, RULE),
        ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
        ("LINEBEFORE", (2, 0), (2, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (1, -1), "TOP"),
        ("VALIGN", (2, 0), (2, -1), "MIDDLE"),
        ("ALIGN", (2, 0), (2, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]


def _answer_smiley(kind: Answer | None) -> Drawing:
    """The chosen smiley with its name; unanswered: the grey "?" and "Niet beantwoord"."""
    return smiley_with_label(kind, 18)
