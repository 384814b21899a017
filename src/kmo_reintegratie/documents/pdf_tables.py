"""Flowables shared by the documents: instrument text, data and form tables, write boxes, signatures."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from datetime import date

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import (
    Flowable,
    ListFlowable,
    Table,
    TableStyle,
)
from reportlab.platypus import (
    ListItem as RLListItem,
)
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.documents.base import (
    FONT,
    HEADER_FILL,
    INK,
    MUTED,
    RULE,
    ZEBRA,
    content_width,
    linked_text,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.instrument import Block, ListBlock
from kmo_reintegratie.instrument import Paragraph as TextParagraph

_BULLETS = ("•", "–", "·")


def blocks_flowables(
    blocks: Iterable[Block], style: ParagraphStyle | None = None
) -> list[Flowable]:
    """Instrument text blocks as flowables: paragraphs and (nested) bullet/numbered lists.

    Web addresses in the text become links.
    """
    style = style or styles().body
    result: list[Flowable] = []
    for block in blocks:
        if isinstance(block, TextParagraph):
            result.append(RLParagraph(linked_text(block.text), style))
        elif isinstance(block, ListBlock):
            result.append(_list(block, style, 0))
    return result


def _list(block: ListBlock, style: ParagraphStyle, depth: int) -> ListFlowable:
    items = []
    for item in block.items:
        content: list[Flowable] = [RLParagraph(linked_text(item.text), style)]
        for child in item.children:
            if isinstance(child, ListBlock):
                content.append(_list(child, style, depth + 1))
            else:
                content.extend(blocks_flowables([child], style))
        items.append(RLListItem(content if len(content) > 1 else content[0]))
    common = {
        "bulletFontName": FONT,
        "bulletFontSize": style.fontSize,
        "spaceAfter": style.spaceAfter,
        "bulletColor": INK,
    }
    if block.style == "numbered":
        return ListFlowable(
            items, bulletType="1", bulletFormat="%s.", start=1, leftIndent=18, **common
        )
    return ListFlowable(
        items, bulletType="bullet", start=_BULLETS[depth % len(_BULLETS)], leftIndent=14, **common
    )


Cell = str | int | float | date | Flowable | list | None


def _cell(value: Cell, style: ParagraphStyle) -> Flowable | list:
    if isinstance(value, (Flowable, list)):
        return value
    if value is None:
        return RLParagraph("", style)
    if isinstance(value, date):
        value = short_date(value)
    return RLParagraph(safe_text(str(value)), style)


def _grid(zebra: bool) -> list[tuple]:
    commands: list[tuple] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if zebra:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, ZEBRA]))
    return commands


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float | str] | None = None,
    *,
    zebra: bool = True,
) -> Table:
    """A table whose header row repeats at the top of every page it continues on.

    Cells wrap; a row moves whole to the next page unless it is taller than a page
    (see ``keep_rows_whole``).

    Cells may be text (escaped, wrapped), numbers, dates (dd-mm-jjjj), None (empty) or
    flowables. ``col_widths`` in points or as percentages ("30%"); default: equal shares
    of the frame.
    """
    return _table(header, rows, col_widths, zebra=zebra)


def _table(
    header: Sequence[str],
    rows: Sequence[Sequence[Cell]],
    col_widths: Sequence[float | str] | None,
    *,
    zebra: bool,
    row_height: float | None = None,
) -> Table:
    st = styles()
    data = [[_cell(h, st.header_cell) for h in header]]
    data += [[_cell(v, st.cell) for v in row] for row in rows]
    widths = list(col_widths) if col_widths else [f"{100 / len(header):.4f}%"] * len(header)
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    table = Table(
        data,
        colWidths=widths,
        rowHeights=heights,
        repeatRows=1,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
        spaceAfter=8,
    )
    table.setStyle(TableStyle(_grid(zebra)))
    return table


def form_table(
    header: Sequence[str],
    col_widths: Sequence[float | str] | None = None,
    *,
    rows: int = 3,
    row_height: float = 1.2 * cm,
) -> Table:
    """An empty table to fill in by hand: a header row and ``rows`` blank rows."""
    blank = [[None] * len(header) for _ in range(rows)]
    return _table(header, blank, col_widths, zebra=False, row_height=row_height)


def write_box(label: str, height: float = 3 * cm, width: float | str = "100%") -> Table:
    """A framed empty box with a small label at the top, to write in by hand."""
    table = Table(
        [[RLParagraph(safe_text(label), styles().small)]],
        colWidths=[width],
        rowHeights=[height],
        hAlign="LEFT",
        spaceAfter=8,
    )
    table.setStyle(
        TableStyle([("BOX", (0, 0), (-1, -1), 0.7, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def signature_block(
    label_lines: Sequence[str],
    *,
    title: str | None = None,
    width: float = 8 * cm,
    line_height: float = 0.9 * cm,
    signature_height: float = 1.8 * cm,
) -> Table:
    """A framed block with one writing line per label, e.g. Naam / Datum / Handtekening.

    The last label is the one signed on and gets ``signature_height`` of room; the block
    never breaks across pages.
    """
    st = styles()
    label_width = min(3.2 * cm, width * 0.4)
    data: list[list] = []
    commands: list[tuple] = [
        ("BOX", (0, 0), (-1, -1), 0.7, RULE),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]
    heights: list[float | None] = []
    if title:
        data.append([RLParagraph(safe_text(title), st.header_cell), "", ""])
        commands += [("SPAN", (0, 0), (-1, 0)), ("VALIGN", (0, 0), (-1, 0), "TOP")]
        heights.append(None)
    for index, label in enumerate(label_lines):
        row = len(data)
        data.append([RLParagraph(safe_text(label), st.cell), "", ""])
        commands.append(("LINEBELOW", (1, row), (1, row), 0.5, INK))
        heights.append(signature_height if index == len(label_lines) - 1 else line_height)
    data.append(["", "", ""])  # a margin so the last writing line is not the frame
    heights.append(0.25 * cm)
    commands.append(("BOTTOMPADDING", (0, 1 if title else 0), (-1, -1), 6))
    margin = 0.4 * cm
    table = _WholeTable(
        data,
        colWidths=[label_width, width - label_width - margin, margin],
        rowHeights=heights,
        hAlign="LEFT",
        spaceAfter=8,
    )
    table.setStyle(TableStyle(commands))
    return table


class _WholeTable(Table):
    """A table that moves to the next page as a whole instead of splitting."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def signature_row(blocks: Sequence[Table], gap: float = 0.8 * cm) -> Table:
    """Signature blocks side by side (e.g. werkgever, werknemer, arbeidsarts)."""
    cells: list[Flowable | str] = []
    widths: list[float] = []
    for index, block in enumerate(blocks):
        if index:
            cells.append("")
            widths.append(gap)
        cells.append(block)
        widths.append(block.wrap(content_width(True), 1000)[0])
    table = Table([cells], colWidths=widths, hAlign="LEFT", spaceAfter=8)
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


# --------------------------------------------------------------------------- page breaks in tables

#: A row that must split (it is taller than a page) leaves at least this much on each side:
#: about three lines of a cell, never a lone line at the foot of a page.
MIN_ROW_PART = 42.0
CONTINUED = "(vervolg)"


class _RowsWholeTable(Table):
    """Breaks between rows only: a row that does not fit moves whole to the next page.

    reportlab's own ``splitInRow`` splits the first row that does not fit wherever the
    page ends, and after a split between rows it lays out the rest of the table (header
    row included) in the space left, so the header appeared in the middle of a page. Here
    only a row taller than a page (header included) is split, starting where it falls; its
    cells that have nothing left on the next page say "(vervolg)".
    """

    frame_height: float = float("inf")  # set on the subclass made per page size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self._calc(availWidth, availHeight)
        if self._width > availWidth and not rl_config.allowTableBoundsErrors & 1:
            return []
        heights = self._rowHeights
        used, first_left_out = 0.0, len(heights)
        for index, height in enumerate(heights):
            if used + height > availHeight:
                first_left_out = index
                break
            used += height
        else:
            return [self]
        header = sum(heights[: self._header_rows()])
        if (
            first_left_out >= self._header_rows()
            and header + heights[first_left_out] > self.frame_height + 0.01
        ):
            parts = self._splitRows(availHeight, doInRowSplit=1)
            if parts:
                return self._mark_continued(parts, first_left_out)
        parts = self._splitRows(availHeight, doInRowSplit=0)
        if parts or availHeight < self.frame_height - 0.01:
            return parts  # nothing fits here: the table starts on the next page
        # At the top of a page (spanned rows taller than a page): any split beats a LayoutError.
        parts = super().split(availWidth, availHeight)
        if parts:
            return parts
        # Still nothing (a row that fits a page alone but not under the repeated header, with
        # less than MIN_ROW_PART left for one side): split it wherever the page ends.
        saved, self.splitInRow = self.splitInRow, 1
        try:
            return self._splitRows(availHeight, doInRowSplit=1)
        finally:
            self.splitInRow = saved

    def _header_rows(self) -> int:
        repeat = self.repeatRows
        return repeat if isinstance(repeat, int) else max(repeat) + 1

    def _mark_continued(self, parts: list[Flowable], row: int) -> list[Flowable]:
        rest = parts[-1]
        if len(parts) != 2 or self._spanCmds or not isinstance(rest, Table):
            return parts
        repeated = rest.repeatRows
        continued_row = rest._cellvalues[repeated if isinstance(repeated, int) else len(repeated)]
        for column, original in enumerate(self._cellvalues[row]):
            if not _blank(original, whole=True) and _blank(continued_row[column]):
                continued_row[column] = [RLParagraph(f"<i>{CONTINUED}</i>", _continued_style())]
        return parts


def _blank(cell: object, *, whole: bool = False) -> bool:
    """Whether a cell prints nothing. Only a ``whole`` (unsplit) paragraph is asked for its
    text: the rest of a split paragraph no longer knows it."""
    if cell is None:
        return True
    if isinstance(cell, str):
        return not cell.strip()
    if isinstance(cell, (list, tuple)):
        return all(_blank(item, whole=whole) for item in cell)
    return whole and isinstance(cell, RLParagraph) and not cell.getPlainText().strip()


@functools.cache
def _continued_style() -> ParagraphStyle:
    return ParagraphStyle("continued", parent=styles().cell, textColor=MUTED)


@functools.cache
def _rows_whole_class(frame_height: float) -> type[_RowsWholeTable]:
    return type("RowsWholeTable", (_RowsWholeTable,), {"frame_height": frame_height})


def keep_rows_whole(flowables: Sequence[object], frame_height: float) -> None:
    """Make every plain table in ``flowables`` (also inside KeepTogether) break between rows.

    ``build_pdf`` calls this with the height of its text frame. A row moves whole to the
    next page and the header row repeats only at the top of a page; a row taller than a page
    is split, so a long note from an older dossier never ends in reportlab's LayoutError.
    Tables inside table cells split wherever their cell is split. Subclasses (signature
    blocks that never split) are left alone.
    """
    for flowable in flowables:
        if type(flowable) is Table:
            flowable.__class__ = _rows_whole_class(frame_height)
            flowable.splitByRow, flowable.splitInRow = 1, MIN_ROW_PART
            _let_cells_split(flowable)
        elif isinstance(flowable, Table):
            _let_cells_split(flowable)
        elif isinstance(flowable, (list, tuple)):
            keep_rows_whole(flowable, frame_height)
        else:
            content = getattr(flowable, "_content", None)  # KeepTogether and its kin
            if isinstance(content, (list, tuple)):
                keep_rows_whole(content, frame_height)


def _let_cells_split(table: Table) -> None:
    # A table in a cell is split by the outer table's own row split: anywhere it must.
    for row in table._cellvalues:
        for cell in row:
            _let_split_anywhere(cell)


def _let_split_anywhere(content: object) -> None:
    if isinstance(content, (list, tuple)):
        for item in content:
            _let_split_anywhere(item)
    elif isinstance(content, Table):
        content.splitInRow = 1
        _let_cells_split(content)
    else:
        _let_split_anywhere(getattr(content, "_content", None) or ())
