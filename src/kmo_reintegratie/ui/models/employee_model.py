"""Table model of employees for `Medewerkers`, with a search and status filter proxy.

Display texts and sort keys are computed once in ``load`` so that painting,
sorting and filtering stay fast with thousands of employees. The model sorts
itself on those keys (one Python sort); a proxy model would ask Python for the
keys of both rows at every comparison.
"""

from __future__ import annotations

import unicodedata
from datetime import date
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont

from kmo_reintegratie.absence import FULL_TIME_HOURS, Employee, display_names
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.staff_import import format_hours

EMPLOYEE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


class Column:
    NAME = 0
    STAFF_NUMBER = 1
    FUNCTION = 2
    DEPARTMENT = 3
    STATUTE = 4
    IN_SERVICE = 5
    REGIME = 6
    MANAGER = 7
    STATUS = 8


HEADERS = ("Naam", "Personeelsnr.", "Functie", "Afdeling", "Statuut", "In dienst sinds", "Regime",
           "Leidinggevende", "Status")


def collation_key(text: str) -> str:
    """Sort key for names: accents and case ignored ("Émile" next to "Emma")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()


def regime_text(hours: float | None) -> str:
    """38 → "38 u/week"; 19 → "19 u (50%)"; None → ""."""
    if hours is None:
        return ""
    if hours >= FULL_TIME_HOURS - 0.005:
        return f"{format_hours(hours)} u/week"
    return f"{format_hours(hours)} u ({round(hours / FULL_TIME_HOURS * 100)}%)"


class EmployeeTableModel(QAbstractTableModel):
    """Rows are employees; read-only (editing happens in the employee dialog)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._employees: list[Employee] = []
        self._texts: list[tuple[str, ...]] = []
        self._keys: list[tuple[Any, ...]] = []
        self._haystacks: list[str] = []
        self.today = date.today()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._loaded: tuple[list[Employee], list[tuple[str, ...]], list[tuple[Any, ...]], list[str]] = (
            [], [], [], [])
        self._former_font = QFont()
        self._former_font.setItalic(True)

    def load(self, employees: list[Employee], today: date | None = None) -> None:
        self.beginResetModel()
        if today is not None:
            self.today = today
        self._employees = list(employees)
        names = display_names(self._employees)
        self._texts, self._keys, self._haystacks = [], [], []
        for employee, name in zip(self._employees, names):
            period = employee.regime_on(self.today)
            if period is None and employee.regimes:  # only future regimes: show the first one
                period = min(employee.regimes, key=lambda p: p.valid_from)
            hours = period.hours_per_week if period else None
            status = employee.status
            self._texts.append((
                name, employee.staff_number, employee.function, employee.department,
                employee.statute.label, format_date(employee.in_service_from), regime_text(hours),
                employee.manager,
                status.label,
            ))
            number = employee.staff_number.strip()
            self._keys.append((
                collation_key(name),
                f"{len(number):04d}{number}" if number.isdigit() else f"~{number.casefold()}" if number else "~~",
                collation_key(employee.function),
                collation_key(employee.department),
                employee.statute.value,
                employee.in_service_from.isoformat() if employee.in_service_from else "",
                hours if hours is not None else -1.0,
                collation_key(employee.manager),
                (employee.out_of_service_from.isoformat() if employee.out_of_service_from else ""),
            ))
            self._haystacks.append(collation_key(
                f"{name}\n{employee.staff_number}\n{employee.function}\n{employee.department}\n{employee.manager}"))
        # The order as loaded (by name) breaks ties in every sort.
        self._loaded = (self._employees, self._texts, self._keys, self._haystacks)
        if self._sort is not None:
            self._arrange(*self._sort)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column``'s key; equal keys keep the order as loaded."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [e.id for e in self._employees]
        self._arrange(column, order)
        row_of = {e.id: row for row, e in enumerate(self._employees)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(row_of[before[i.row()]], i.column()) for i in old])
        self.layoutChanged.emit()

    def _arrange(self, column: int, order: Qt.SortOrder) -> None:
        employees, texts, keys, haystacks = self._loaded
        rows = sorted(range(len(employees)), key=lambda row: keys[row][column],
                      reverse=order == Qt.SortOrder.DescendingOrder)
        self._employees = [employees[r] for r in rows]
        self._texts = [texts[r] for r in rows]
        self._keys = [keys[r] for r in rows]
        self._haystacks = [haystacks[r] for r in rows]

    def employee_at(self, row: int) -> Employee:
        return self._employees[row]

    def row_of(self, employee_id: int) -> int:
        return next((i for i, e in enumerate(self._employees) if e.id == employee_id), -1)

    def haystack(self, row: int) -> str:
        return self._haystacks[row]

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts of a column (to fit column widths)."""
        return {texts[column] for texts in self._texts}

    def employees(self) -> list[Employee]:
        return list(self._employees)

    # -- Qt model interface -------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._employees)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._texts[row][column]
        if role == SORT_ROLE:
            return self._keys[row][column]
        if role == EMPLOYEE_ROLE:
            return self._employees[row]
        if role == Qt.ItemDataRole.FontRole and self._employees[row].out_of_service_from:
            return self._former_font  # italic, but in the normal colour: readable in any theme
        if role == Qt.ItemDataRole.ToolTipRole:
            employee = self._employees[row]
            if column == Column.NAME and self._texts[row][0] != employee.name:
                return self.tr("Er zijn meerdere medewerkers met de naam {0}.").format(employee.name)
            if column == Column.STATUS and employee.out_of_service_from:
                return self.tr("Uit dienst vanaf {0}").format(format_date(employee.out_of_service_from))
            if column in (Column.FUNCTION, Column.DEPARTMENT, Column.MANAGER) and self._texts[row][column]:
                return self._texts[row][column]
            if column == Column.REGIME and employee.regimes:
                return "\n".join(
                    self.tr("vanaf {0}: {1}").format(format_date(p.valid_from), regime_text(p.hours_per_week))
                    for p in sorted(employee.regimes, key=lambda p: p.valid_from))
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.STAFF_NUMBER, Column.IN_SERVICE):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class StatusFilter(str, Enum):
    ACTIVE = "actief"
    FORMER = "uit_dienst"
    ALL = "alle"

    @property
    def label(self) -> str:
        return {"actief": "Actief", "uit_dienst": "Uit dienst", "alle": "Alle"}[self.value]

    def accepts(self, employee: Employee) -> bool:
        if self is StatusFilter.ALL:
            return True
        return (employee.out_of_service_from is None) == (self is StatusFilter.ACTIVE)


class EmployeeFilter(QSortFilterProxyModel):
    """Free-text search over name, number, function, department and manager; status filter.

    Sorting is left to the source model (see ``EmployeeTableModel.sort``), with the
    order as loaded (by name) as the tie-breaker.
    """

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.words: list[str] = []
        self.status = StatusFilter.ACTIVE
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # The source sorts itself, on its precomputed keys; this proxy only filters.
        model = self.sourceModel()
        if isinstance(model, EmployeeTableModel):
            model.sort(column, order)

    def set_filter(self, *, text: str | None = None, status: StatusFilter | None = None) -> None:
        self.beginFilterChange()
        if text is not None:
            self.words = collation_key(text).split()
        if status is not None:
            self.status = status
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EmployeeTableModel)
        if not self.status.accepts(model.employee_at(row)):
            return False
        if self.words:
            haystack = model.haystack(row)
            return all(word in haystack for word in self.words)
        return True
