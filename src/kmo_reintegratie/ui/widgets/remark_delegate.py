"""Cells that leave out their remark in brackets when the column is too narrow for it.

On a small laptop the Afwezigheden list gives "Volgend contact" little room, and Qt would elide
"10-12-2026 (over 4 dagen)" to "10-12…": the date itself is lost. These cells show "10-12-2026"
then; the cell's colour still tells whether the contact is late or due this week.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex
from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

from kmo_reintegratie.ui.widgets.column_fit import CELL_PADDING


class RemarkDelegate(QStyledItemDelegate):
    def __init__(self, parent: QObject | None = None, *, padding: int = CELL_PADDING) -> None:
        super().__init__(parent)
        self._padding = padding  # beside the text, as the columns were fitted

    def initStyleOption(self, option: QStyleOptionViewItem,  # noqa: N802 (Qt override)
                        index: QModelIndex | QPersistentModelIndex) -> None:
        super().initStyleOption(option, index)
        text = option.text
        essential, bracket, _remark = text.partition(" (")
        width = option.rect.width()
        # No width when Qt asks for a size hint: then the whole text counts.
        if bracket and width > 0 and option.fontMetrics.horizontalAdvance(text) + self._padding > width:
            option.text = essential
