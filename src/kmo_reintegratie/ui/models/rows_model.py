"""A read-only table model of prepared rows, for lists that only show and link.

The model sorts itself on the rows' sort keys (one Python sort). Behind a proxy, use
``SortedRowsProxy``: a plain QSortFilterProxyModel would ask Python for the keys of both
rows at every comparison, which is slow for hundreds of rows.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from kmo_reintegratie.record import record

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TARGET, _SORT = int(TARGET_ROLE), int(SORT_ROLE)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _BACKGROUND, int(Qt.ItemDataRole.ForegroundRole), _TARGET, _SORT))

LEVEL_COLOURS = {"urgent": QColor("#f8d7da"), "soon": QColor("#fff3cd"), "info": QColor("#e8eef7")}
_ON_COLOUR = QColor("#212529")  # the text on a coloured row


@record
class Row:
    cells: tuple[str, ...]
    target: tuple[Any, ...] | None = None  # e.g. ("afwezigheid", 12) or ("afwezigheid", 12, "contact")
    tooltip: str = ""
    level: str = ""  # "", "urgent", "soon", "info"
    sort_keys: tuple[Any, ...] | None = None


class RowsModel(QAbstractTableModel):
    def __init__(self, headers: tuple[str, ...], parent: Any = None):
        super().__init__(parent)
        self._headers = headers
        self._rows: list[Row] = []
        self._given: list[Row] = []  # as set: equal keys keep this order
        self._sort: tuple[int, Qt.SortOrder] | None = None

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._given = list(rows)
        self._rows = self._sorted(self._given)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on the column's sort keys (the texts without them); equal keys keep the order
        the rows were set in."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = self._rows
        self._rows = self._sorted(self._given)
        row_of = {id(row): number for number, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(row_of[id(before[i.row()])], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sorted(self, rows: list[Row]) -> list[Row]:
        if self._sort is None:
            return list(rows)
        column, order = self._sort
        if not 0 <= column < len(self._headers):
            return list(rows)
        return sorted(rows, key=lambda row: row.sort_keys[column] if row.sort_keys else row.cells[column],
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def row(self, index: int) -> Row:
        return self._rows[index]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every cell at each paint and measure: plain ints here, as
        # comparing with Qt's enum members costs several times more (tables of hundreds of rows).
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == _DISPLAY:
            return row.cells[index.column()]
        if role == _TARGET:
            return row.target
        if role == _SORT:
            return row.sort_keys[index.column()] if row.sort_keys else row.cells[index.column()]
        if role == _TOOLTIP:
            return row.tooltip or row.cells[index.column()]
        if row.level not in LEVEL_COLOURS:
            return None
        # Colours, which Qt paints as brushes: the Python QBrush type is ~2 ms to make at start.
        if role == _BACKGROUND:
            return LEVEL_COLOURS[row.level]
        return _ON_COLOUR


class SortedRowsProxy(QSortFilterProxyModel):
    """A proxy over a ``RowsModel`` that leaves sorting to the model (fast) and only filters."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, RowsModel):
            model.sort(column, order)
        else:
            super().sort(column, order)
