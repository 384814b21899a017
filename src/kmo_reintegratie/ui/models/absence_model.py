"""Table model of all absences, with a filter for running / ended absences and a name search.

The day count, the next contact and the relapse flag depend on ``today``,
which the page injects (tests pick any day). No medical data exists to show:
only dates, the kind of incapacity and the contact state.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
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
from PySide6.QtGui import QBrush, QColor

from kmo_reintegratie.absence import Absence, Employee, display_names
from kmo_reintegratie.contact_schedule import ContactDue, DueState, next_contact
from kmo_reintegratie.dates import format_date, relative_day
from kmo_reintegratie.legal import RelapseCheck, is_possible_relapse
from kmo_reintegratie.store.dossier import Dossier

ABSENCE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Column:
    EMPLOYEE = 0
    DEPARTMENT = 1
    STARTS = 2
    EXPECTED_END = 3
    RETURNED = 4
    DAYS = 5
    KIND = 6
    NEXT_CONTACT = 7
    RELAPSE = 8


HEADERS = ("Werknemer", "Afdeling", "Begin", "Verwacht einde", "Hervatting", "Dagen", "Soort",
           "Volgend contact", "Herval?")
DUE_COLOURS = {DueState.OVERDUE: QColor("#f8d7da"), DueState.THIS_WEEK: QColor("#fff3cd")}


def previous_absence(absence: Absence, others: list[Absence]) -> Absence | None:
    """The employee's most recent earlier absence that ended (returned) on or before ``absence`` starts."""
    earlier = [a for a in others if a.id != absence.id and a.returned_on is not None
               and a.returned_on <= absence.starts]
    return max(earlier, key=lambda a: a.returned_on or a.starts, default=None)


def relapse_check(absence: Absence, others: list[Absence]) -> RelapseCheck | None:
    """The relapse check against the previous absence's return, or None without a previous return."""
    previous = previous_absence(absence, others)
    if previous is None or previous.returned_on is None:
        return None
    # A certificate that ends on a Friday before a Monday return ends the incapacity on Friday.
    ends = [c.ends for c in previous.certificates if c.ends < previous.returned_on]
    return is_possible_relapse(previous.returned_on, absence.starts,
                               previous_end=max(ends, default=None), kind=absence.kind)


@dataclass(frozen=True)
class AbsenceRow:
    absence: Absence
    employee: Employee | None
    contact: ContactDue
    relapse: RelapseCheck | None
    #: The employee's name, with department or number when two people share it.
    display_name: str = ""

    @property
    def name(self) -> str:
        return self.display_name or (self.employee.name if self.employee else "?")

    @property
    def possible_relapse(self) -> bool:
        return self.absence.relapse_of is not None or bool(self.relapse and self.relapse.possible)


class AbsenceTableModel(QAbstractTableModel):
    def __init__(self, dossier: Dossier, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self.today = today
        self._rows: list[AbsenceRow] = []

    def load(self, today: date | None = None) -> None:
        if today is not None:
            self.today = today
        absences = self._dossier.absences.all()
        staff = self._dossier.employees.list()
        employees = {e.id: e for e in staff}
        names = dict(zip((e.id for e in staff), display_names(staff)))
        first_days = self._dossier.organisation.get().contact_first_days
        by_employee: dict[int, list[Absence]] = defaultdict(list)
        for absence in absences:
            by_employee[absence.employee_id].append(absence)
        self.beginResetModel()
        self._rows = [
            AbsenceRow(a, employees.get(a.employee_id),
                       next_contact(a, self.today, first_contact_days=first_days),
                       relapse_check(a, by_employee[a.employee_id]), names.get(a.employee_id, ""))
            for a in absences
        ]
        self.endResetModel()

    def row_at(self, row: int) -> AbsenceRow:
        return self._rows[row]

    def row_of(self, absence_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.absence.id == absence_id), -1)

    def absences(self) -> list[Absence]:
        return [r.absence for r in self._rows]

    # -- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == ABSENCE_ROLE:
            return row.absence
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.NEXT_CONTACT:
                return row.contact.reason
            if column == Column.RELAPSE and row.possible_relapse:
                return self._relapse_tooltip(row)
            return self._text(row, column) or None
        if column == Column.NEXT_CONTACT and row.contact.state in DUE_COLOURS:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(DUE_COLOURS[row.contact.state])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#212529"))
        if (column == Column.NEXT_CONTACT and row.contact.state is DueState.NO_CONTACT
                and role == Qt.ItemDataRole.ForegroundRole):
            return QBrush(QColor("#6c757d"))
        if column == Column.RELAPSE and row.possible_relapse:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#fff3cd"))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#212529"))
        return None

    def _text(self, row: AbsenceRow, column: int) -> str:
        absence = row.absence
        if column == Column.EMPLOYEE:
            return row.name
        if column == Column.DEPARTMENT:
            return row.employee.department if row.employee else ""
        if column == Column.STARTS:
            return format_date(absence.starts)
        if column == Column.EXPECTED_END:
            return format_date(absence.expected_end)
        if column == Column.RETURNED:
            return format_date(absence.returned_on)
        if column == Column.DAYS:
            return str(absence.days_absent(self.today))
        if column == Column.KIND:
            return self.tr(absence.kind.label)
        if column == Column.NEXT_CONTACT:
            contact = row.contact
            if contact.state is DueState.NO_CONTACT:
                return self.tr("geen contact gewenst")
            if contact.due is None:
                return ""
            if contact.state in (DueState.OVERDUE, DueState.THIS_WEEK):
                # The same words as on Overzicht: "over 3 dagen", "4 dagen te laat".
                return f"{format_date(contact.due)} ({relative_day(contact.due, self.today)})"
            return format_date(contact.due)
        if column == Column.RELAPSE:
            if not row.possible_relapse:
                return ""
            unsure = row.relapse is not None and not row.relapse.confirmed
            return self.tr("mogelijk herval (te bevestigen)") if unsure else self.tr("mogelijk herval")
        return ""

    def _relapse_tooltip(self, row: AbsenceRow) -> str:
        parts = []
        if row.relapse is not None and row.relapse.possible:
            parts.append(row.relapse.explanation)
            if row.relapse.unconfirmed_reason:
                parts.append(self.tr("Te bevestigen: {0}").format(row.relapse.unconfirmed_reason))
        if row.absence.relapse_of is not None:
            parts.append(self.tr("Geregistreerd als herval: de wettelijke termijnen lopen door vanaf de "
                                 "vorige afwezigheid."))
        return "\n\n".join(parts)

    def _sort_key(self, row: AbsenceRow, column: int) -> Any:
        absence = row.absence
        if column in (Column.STARTS, Column.EXPECTED_END, Column.RETURNED):
            value = {Column.STARTS: absence.starts, Column.EXPECTED_END: absence.expected_end,
                     Column.RETURNED: absence.returned_on}[column]
            return value.isoformat() if value else "9999-12-31"
        if column == Column.DAYS:
            return absence.days_absent(self.today)
        if column == Column.NEXT_CONTACT:
            return row.contact.due.isoformat() if row.contact.due else "9999-12-31"
        if column == Column.RELAPSE:
            return 0 if row.possible_relapse else 1
        return self._text(row, column).casefold()


class Period(str, Enum):
    RUNNING = "lopend"
    ENDED = "afgelopen"
    ALL = "alle"

    @property
    def label(self) -> str:
        return {"lopend": "Lopend", "afgelopen": "Afgelopen", "alle": "Alle"}[self.value]


class AbsenceFilter(QSortFilterProxyModel):
    """Running (not yet returned on ``today``) / ended / all, and a search on name or department."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.period = Period.RUNNING
        self.text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def set_filter(self, *, period: Period | None = None, text: str | None = None) -> None:
        self.beginFilterChange()
        if period is not None:
            self.period = period
        if text is not None:
            self.text = text.strip().casefold()
        self.endFilterChange()

    def accepts(self, row: AbsenceRow, today: date) -> bool:
        ended = row.absence.returned_on is not None and row.absence.returned_on <= today
        if self.period is Period.RUNNING and ended:
            return False
        if self.period is Period.ENDED and not ended:
            return False
        if self.text:
            haystack = f"{row.name}\n{row.employee.department if row.employee else ''}".casefold()
            return all(word in haystack for word in self.text.split())
        return True

    def filterAcceptsRow(self, source_row: int, parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, AbsenceTableModel)
        return self.accepts(model.row_at(source_row), model.today)

    def lessThan(self, left: Index, right: Index) -> bool:
        # Ties fall back to the start date and the id, so the order is stable.
        return self._key(left) < self._key(right)

    def _key(self, index: Index) -> tuple[Any, ...]:
        model = self.sourceModel()
        absence = index.data(ABSENCE_ROLE)
        return (index.data(SORT_ROLE), model.index(index.row(), Column.STARTS).data(SORT_ROLE), absence.id)
