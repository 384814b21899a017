"""A read-only table model of prepared rows, for lists that only show and link."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex

LEVEL_COLOURS = {"urgent": QColor("#f8d7da"), "soon": QColor("#fff3cd"), "info": QColor("#e8eef7")}


@dataclass(frozen=True)
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

    def set_rows(self, rows: list[Row]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

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
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == TARGET_ROLE:
            return row.target
        if role == SORT_ROLE:
            return row.sort_keys[index.column()] if row.sort_keys else row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.tooltip or row.cells[index.column()]
        if role == Qt.ItemDataRole.BackgroundRole and row.level in LEVEL_COLOURS:
            return QBrush(LEVEL_COLOURS[row.level])
        if role == Qt.ItemDataRole.ForegroundRole and row.level in LEVEL_COLOURS:
            return QBrush(QColor("#212529"))
        return None
