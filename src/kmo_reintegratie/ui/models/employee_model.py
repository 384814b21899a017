"""Table model of employees for `Medewerkers`, with a search and status filter proxy.

Display texts are computed once in ``load``, a column's sort keys once when it is
sorted on, the search texts once at the first search: painting, sorting and filtering
stay fast with thousands of employees. The model sorts
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

from kmo_reintegratie.absence import FULL_TIME_HOURS, Employee, EmployeeStatus, display_names
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


_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_SORT, _EMPLOYEE = int(SORT_ROLE), int(EMPLOYEE_ROLE)
_FONT, _TOOLTIP = int(Qt.ItemDataRole.FontRole), int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ANSWERED = frozenset((_DISPLAY, _SORT, _EMPLOYEE, _FONT, _TOOLTIP, _ALIGNMENT))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _number_key(number: str) -> str:
    """Numbers by value (shorter first), then the other staff numbers, then none."""
    number = number.strip()
    return f"{len(number):04d}{number}" if number.isdigit() else f"~{number.casefold()}" if number else "~~"


class EmployeeTableModel(QAbstractTableModel):
    """Rows are employees; read-only (editing happens in the employee dialog).

    The texts are made in ``load``; a column's sort keys when it is first sorted on, the search
    texts at the first search (each in one pass over everyone).
    """

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        # As loaded (by name: the tie-breaker of every sort) ...
        self._all: list[Employee] = []
        self._all_texts: list[tuple[str, ...]] = []
        self._hours: list[float | None] = []
        self._column_keys: dict[int, list[Any]] = {}
        self._all_haystacks: list[str] | None = None
        self._former = 0
        # ... and the order shown: indexes into those lists.
        self._rows: list[int] = []
        self._employees: list[Employee] = []
        self._texts: list[tuple[str, ...]] = []
        self.today = date.today()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._former_font = QFont()
        self._former_font.setItalic(True)

    def load(self, employees: list[Employee], today: date | None = None) -> None:
        self.beginResetModel()
        if today is not None:
            self.today = today
        self._all = list(employees)
        names = display_names(self._all)
        texts, hours_list = [], []
        statutes = {statute: statute.label for statute in {e.statute for e in self._all}}
        statuses = {status: status.label for status in EmployeeStatus}
        day = self.today
        for employee, name in zip(self._all, names):
            period = employee.regime_on(day)
            if period is None and employee.regimes:  # only future regimes: show the first one
                period = min(employee.regimes, key=lambda p: p.valid_from)
            hours = period.hours_per_week if period else None
            hours_list.append(hours)
            texts.append((
                name, employee.staff_number, employee.function, employee.department,
                statutes[employee.statute], format_date(employee.in_service_from), regime_text(hours),
                employee.manager, statuses[employee.status],
            ))
        self._all_texts, self._hours = texts, hours_list
        self._former = sum(1 for e in self._all if e.out_of_service_from is not None)
        self._column_keys, self._all_haystacks = {}, None
        self._arrange()
        self.endResetModel()

    def _keys(self, column: int) -> list[Any]:
        """The sort keys of ``column``, in the order as loaded."""
        if column not in self._column_keys:
            self._column_keys[column] = self._make_keys(column)
        return self._column_keys[column]

    def _make_keys(self, column: int) -> list[Any]:
        employees = self._all
        if column in (Column.NAME, Column.FUNCTION, Column.DEPARTMENT, Column.MANAGER):
            return [collation_key(texts[column]) for texts in self._all_texts]
        if column == Column.STAFF_NUMBER:
            return [_number_key(e.staff_number) for e in employees]
        if column == Column.STATUTE:
            return [e.statute.value for e in employees]
        if column == Column.IN_SERVICE:
            return [e.in_service_from.isoformat() if e.in_service_from else "" for e in employees]
        if column == Column.REGIME:
            return [hours if hours is not None else -1.0 for hours in self._hours]
        if column == Column.STATUS:
            return [e.out_of_service_from.isoformat() if e.out_of_service_from else "" for e in employees]
        return [""] * len(employees)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort on ``column``'s key; equal keys keep the order as loaded."""
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        before = [e.id for e in self._employees]
        self._arrange()
        row_of = {e.id: row for row, e in enumerate(self._employees)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(row_of[before[i.row()]], i.column()) for i in old])
        self.layoutChanged.emit()

    def _arrange(self) -> None:
        if self._sort is None:
            self._rows = list(range(len(self._all)))
        else:
            column, order = self._sort
            self._rows = sorted(range(len(self._all)), key=self._keys(column).__getitem__,
                                reverse=order == Qt.SortOrder.DescendingOrder)
        self._employees = [self._all[r] for r in self._rows]
        self._texts = [self._all_texts[r] for r in self._rows]

    def employee_at(self, row: int) -> Employee:
        return self._employees[row]

    def row_of(self, employee_id: int) -> int:
        return next((i for i, e in enumerate(self._employees) if e.id == employee_id), -1)

    def haystack(self, row: int) -> str:
        """What a search looks in (name, number, function, department, manager), folded."""
        if self._all_haystacks is None:
            self._all_haystacks = [collation_key(f"{t[0]}\n{t[1]}\n{t[2]}\n{t[3]}\n{t[7]}") for t in self._all_texts]
        return self._all_haystacks[self._rows[row]]

    def column_texts(self, column: int) -> set[str]:
        """The distinct texts of a column (to fit column widths)."""
        return {texts[column] for texts in self._all_texts}

    def employees(self) -> list[Employee]:
        return list(self._employees)

    def former_count(self) -> int:
        """How many of the employees are out of service."""
        return self._former


    # -- Qt model interface -------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._employees)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (Qt.ItemDataRole.DisplayRole,
                                                                Qt.ItemDataRole.ToolTipRole):
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked for every role of every cell at each paint: plain ints here, as comparing with
        # Qt's enum members costs several times more.
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._texts[row][column]
        if role == _SORT:
            return self._keys(column)[self._rows[row]]
        if role == _EMPLOYEE:
            return self._employees[row]
        if role == _FONT:
            # Italic, but in the normal colour: readable in any theme.
            return self._former_font if self._employees[row].out_of_service_from else None
        if role == _TOOLTIP:
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
            return None
        if column in (Column.STAFF_NUMBER, Column.IN_SERVICE):  # the alignment
            return _RIGHT
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
