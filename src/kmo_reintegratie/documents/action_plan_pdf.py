"""The action plan of one self-assessment round as a landscape PDF.

A summary of the actions by status on top, then one table: checklist/section, action,
who, deadline, status, remarks and an empty "Opvolging" column to write the follow-up in,
ordered by deadline (actions without one last); under it a line to note when and by whom
the plan was discussed or approved. Deadlines say "te laat", "vandaag", "morgen" or
"binnenkort" relative to the print date. The table helpers are shared with the
Zelfevaluatie report, which prints the same plan at its end (without the columns and
lines to fill in). Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.assessment import Action, ActionStatus, RoundData, Urgency
from kmo_reintegratie.documents.base import (
    MUTED,
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.instrument_pdf import organisation_or_blank
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
)
from kmo_reintegratie.instrument import Instrument

SUBJECT = "Actieplan van de zelfevaluatie"
COLUMNS = ("Checklist / sectie", "Actie", "Wie", "Deadline", "Status", "Opmerkingen")
FOLLOW_UP = "Opvolging"
#: Dotted room to write on, in running text.
DOTS = "…" * 14
APPROVAL = f"Besproken / goedgekeurd op {DOTS} door {DOTS * 2}"
# A date and a status word must fit on one line; the other columns share the rest,
# the action and its remarks getting most of it.
_DUE_WIDTH = 2.3 * cm
_STATUS_WIDTH = 1.9 * cm
# Landscape: an empty column to write the follow-up in by hand, rows at least this tall.
_FOLLOW_UP_WIDTH = 3.6 * cm
_FOLLOW_UP_ROOM = 0.9 * cm
# Landscape: section, action, who, remarks ("wie" fits "(preventieadviseur)").
_LANDSCAPE_SHARES = (0.22, 0.33, 0.17, 0.28)
_PORTRAIT_SHARES = (0.25, 0.47, 0.28)  # section, action with its remarks, who
LATE = "#c62828"
SOON = "#8a5a00"


def render_action_plan(
    instrument: Instrument, organisation_name: str, data: RoundData, path: Path, *, today: date
) -> Path:
    """Write the round's action plan to ``path`` (A4 landscape); returns ``path``.

    See ``base.build_pdf`` for failure behaviour: ``path`` is never left half-written.
    """
    st = styles()
    organisation_name = organisation_or_blank(organisation_name)
    title = f"Actieplan – {data.round.title}"
    subtitle = (
        organisation_name or f"Organisatie: {DOTS}",
        f"zelfevaluatie van {dutch_date(data.round.held_on)}",
        f"afgedrukt op {dutch_date(today)}",
    )
    story: list[Flowable] = [
        RLParagraph(safe_text(title), st.title),
        RLParagraph(safe_text(" · ".join(subtitle)), st.subtitle),
    ]
    story += loose_heading(safe_text(status_summary(data.actions, today)), st.label)
    story += plan_flowables(instrument, data.actions, today, landscape=True)
    story.append(
        KeepTogether([Spacer(1, 0.4 * cm), RLParagraph(safe_text(APPROVAL), _approval_style())])
    )
    return build_pdf(
        path,
        story,
        title=title,
        organisation_name=organisation_name,
        subject=SUBJECT,
        header_title="Actieplan",
        landscape=True,
        footer_note=instrument.source.attribution,
    )


def loose_heading(markup: str, style: ParagraphStyle, room: float = 3 * cm) -> list[Flowable]:
    """A heading that stays on the page when ``room`` is left below it.

    The shared heading styles keep with the next flowable; followed by a table or text
    longer than a page, that would push both to a new page and leave a gap.
    """
    loose = ParagraphStyle(f"{style.name}-loose", parent=style, keepWithNext=0)
    return [CondPageBreak(room), RLParagraph(markup, loose)]


def ordered_actions(instrument: Instrument, actions: Iterable[Action]) -> list[Action]:
    """By deadline, actions without one last; equal deadlines in the instrument's order."""
    order = {section.id: index for index, section in enumerate(instrument.all_sections())}

    def key(action: Action) -> tuple:
        return (
            action.due is None,
            action.due or date.max,
            order.get(action.section_id, len(order)),
            action.id,
        )

    return sorted(actions, key=key)


def status_summary(actions: Sequence[Action], today: date) -> str:
    """E.g. "7 acties: 3 open, 2 bezig, 2 afgerond – 1 te laat"."""
    if not actions:
        return "Nog geen acties gepland."
    counts = [
        f"{sum(a.status is status for a in actions)} {status.label.lower()}"
        for status in ActionStatus
    ]
    late = sum(a.urgency(today) is Urgency.OVERDUE for a in actions)
    text = f"{len(actions)} {'actie' if len(actions) == 1 else 'acties'}: {', '.join(counts)}"
    return text + (f" – {late} te laat" if late else " – geen enkele te laat")


def section_name(instrument: Instrument, section_id: str) -> str:
    """ "Checklist 2 – 1.5 Title", or the bare ID for a section the instrument lost."""
    try:
        section = instrument.section(section_id)
    except KeyError:
        return section_id
    checklist = instrument.checklist(section.checklist_id)
    return f"Checklist {checklist.number} – {section.number} {section.title}"


def due_word(action: Action, today: date) -> str:
    """How the deadline stands on ``today``: "te laat", "vandaag", "morgen", "binnenkort"
    (within two weeks) or "" (later, none, or the action is done)."""
    urgency = action.urgency(today)
    if urgency is Urgency.OVERDUE:
        return "te laat"
    if urgency is not Urgency.DUE_SOON or action.due is None:
        return ""
    return {0: "vandaag", 1: "morgen"}.get((action.due - today).days, "binnenkort")


def due_cell(action: Action, today: date, style: ParagraphStyle) -> RLParagraph:
    """The deadline, with ``due_word`` underneath: "te laat" in bold red, the rest in amber."""
    if action.due is None:
        return RLParagraph('<font color="#5f5f5f">geen</font>', style)
    text = safe_text(short_date(action.due))
    word = due_word(action, today)
    if word == "te laat":
        text += f'<br/><font color="{LATE}"><b>{word}</b></font>'
    elif word in ("vandaag", "morgen"):
        text += f'<br/><font color="{SOON}"><b>{word}</b></font>'
    elif word:
        text += f'<br/><font color="{SOON}">{word}</font>'
    return RLParagraph(text, style)


def plan_flowables(
    instrument: Instrument, actions: Sequence[Action], today: date, *, landscape: bool
) -> list[Flowable]:
    """The plan table (or a sentence when there are no actions)."""
    if not actions:
        return [RLParagraph("Er zijn in deze ronde nog geen acties gepland.", styles().body)]
    return [plan_table(instrument, actions, today, landscape=landscape)]


def plan_table(
    instrument: Instrument, actions: Sequence[Action], today: date, *, landscape: bool
) -> Table:
    """Landscape: the six columns and an empty "Opvolging" column to write in. Portrait has
    no room for six readable columns, so the remarks go under the action there (smaller,
    grey)."""
    st = styles()
    rest = content_width(landscape) - _DUE_WIDTH - _STATUS_WIDTH
    if landscape:
        rest -= _FOLLOW_UP_WIDTH
    rows: list[list] = []
    for action in ordered_actions(instrument, actions):
        row: list = [section_name(instrument, action.section_id), action.what, action.who]
        row += [due_cell(action, today, st.cell), action.status.label]
        if landscape:
            row += [action.remarks, Spacer(1, _FOLLOW_UP_ROOM)]
        elif action.remarks.strip():
            row[1] = [
                RLParagraph(safe_text(action.what), st.cell),
                RLParagraph(safe_text(action.remarks), _remarks_style()),
            ]
        rows.append(row)
    if landscape:
        section, what, who, remarks = (share * rest for share in _LANDSCAPE_SHARES)
        widths = [section, what, who, _DUE_WIDTH, _STATUS_WIDTH, remarks, _FOLLOW_UP_WIDTH]
        # No zebra: the follow-up is written by hand, on white.
        return data_table((*COLUMNS, FOLLOW_UP), rows, widths, zebra=False)
    section, what, who = (share * rest for share in _PORTRAIT_SHARES)
    header = (COLUMNS[0], "Actie en opmerkingen", *COLUMNS[2:5])
    return data_table(header, rows, [section, what, who, _DUE_WIDTH, _STATUS_WIDTH])


@functools.cache
def _approval_style() -> ParagraphStyle:
    return ParagraphStyle("plan-approval", parent=styles().body, spaceBefore=6)


@functools.cache
def _remarks_style() -> ParagraphStyle:
    return ParagraphStyle(
        "plan-remarks",
        parent=styles().cell,
        fontSize=8,
        leading=10.5,
        textColor=MUTED,
        spaceBefore=3,
    )
