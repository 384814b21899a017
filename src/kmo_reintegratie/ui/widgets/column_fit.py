"""Columns as wide as their contents, measured once per fill instead of at every layout.

``QHeaderView.ResizeToContents`` measures every cell again whenever the view is laid out or
shown, thousands of text measurements for a list of a large dossier. Here each column is
measured once, when its rows change: one measurement per distinct text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QHeaderView, QTableView

#: Pixels beside a cell's text, as the item delegate draws it (margins, focus frame, grid).
CELL_PADDING = 18


def fit_columns(view: QTableView, texts_of: Callable[[int], Iterable[str]], *,
                padding: int = CELL_PADDING) -> None:
    """Each column (the stretching ones excepted) as wide as its header or its widest text;
    ``texts_of(column)`` gives that column's texts (all rows, or the first ones of thousands)."""
    header = view.horizontalHeader()
    metrics = view.fontMetrics()
    for column in range(header.count()):
        if header.sectionResizeMode(column) == QHeaderView.ResizeMode.Stretch:
            continue
        widest = max(map(metrics.horizontalAdvance, set(texts_of(column))), default=0)
        header.resizeSection(column, max(header.sectionSizeFromContents(column).width(), widest + padding))
