"""The tables of `Analyse`: figures, trend, departments, weekdays and the Bradford list.

Each model shows one part of an :class:`AnalysisResult`. Every model offers the
same three things: display text (Dutch number format), raw values under
``SORT_ROLE`` for sorting, and ``export_row()`` with plain values (numbers stay
numbers) for CSV/XLSX. The Bradford list is filtered on the threshold by a
proxy, so changing the threshold needs no recompute.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from kmo_reintegratie.analysis import (
    MIN_EMPLOYEES,
    MIN_SPELLS,
    AnalysisResult,
    BradfordRow,
    Figure,
    MonthPoint,
    format_number,
)
from kmo_reintegratie.dates import MONTHS

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_SORT, _ROW = int(SORT_ROLE), int(ROW_ROLE)
_ANSWERED = frozenset((_DISPLAY, _TOOLTIP, _ALIGNMENT, _BACKGROUND, int(Qt.ItemDataRole.ForegroundRole),
                       _SORT, _ROW))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
CAUTION_BACKGROUND = QColor("#fff3cd")
CAUTION_TEXT = QColor("#664d03")


def number(value: float | None, decimals: int = 1, suffix: str = "") -> str:
    """Belgian notation: "1.234,5"; "–" for no value (``analysis.format_number``)."""
    if value is None:
        return "–"
    return format_number(value, decimals) + suffix


def _rounded(value: float | None, decimals: int = 2) -> float | None:
    return None if value is None else round(value, decimals)


class AnalysisTableModel(QAbstractTableModel):
    """Rows of one kind; subclasses say how a row is shown, sorted and exported."""

    HEADERS: tuple[str, ...] = ()
    EXPORT_HEADERS: tuple[str, ...] = ()
    NUMERIC: frozenset[int] = frozenset()
    TITLE = ""  # sheet title of the export
    STRETCH = 0  # the column that takes the spare width
    SORT: tuple[int, Qt.SortOrder] = (0, Qt.SortOrder.AscendingOrder)  # column -1: as computed

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._rows: list[Any] = []
        self._keys: list[tuple[Any, ...]] = []
        #: Each row's texts, made once (by id of the row): Qt asks for every cell again at
        #: every show and measure, and a Bradford list has thousands of rows.
        self._texts: dict[int, tuple[str, ...]] = {}
        self._sort_column, self._sort_order = self.SORT

    # -- subclass hooks ---------------------------------------------------------------

    def rows_of(self, result: AnalysisResult) -> list[Any]:
        raise NotImplementedError

    def cells(self, row: Any) -> tuple[str, ...]:
        raise NotImplementedError

    def sort_values(self, row: Any) -> tuple[Any, ...]:
        return self.cells(row)

    def export_row(self, row: Any) -> list[object]:
        return list(self.sort_values(row))

    def cautious(self, row: Any) -> bool:
        return False

    def tooltip(self, row: Any, column: int) -> str:
        return ""

    # -- loading ------------------------------------------------------------------------

    def set_result(self, result: AnalysisResult | None) -> None:
        self.beginResetModel()
        self._rows = self.rows_of(result) if result is not None else []
        self._keys = [self.sort_values(row) for row in self._rows]
        self._texts = {}
        self._apply_sort()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in Python with one key per row: a proxy calling ``lessThan`` thousands of
        times costs a long Bradford list more than the whole analysis."""
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._apply_sort()
        position = {id(row): i for i, row in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(position[id(before[i.row()])], i.column()) for i in old]
        )
        self.layoutChanged.emit()

    def _apply_sort(self) -> None:
        column, order = self._sort_column, self._sort_order
        if column < 0 or not self._rows:
            return
        # An empty value ("–") sorts below every number, as in the view's sort indicator.
        pairs = sorted(
            zip(self._keys, self._rows),
            key=lambda pair: (pair[0][column] is not None, pair[0][column]),
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._keys = [k for k, _ in pairs]
        self._rows = [r for _, r in pairs]

    def row_object(self, row: int) -> Any:
        return self._rows[row]

    def sort_key(self, row: int, column: int) -> Any:
        return self._keys[row][column]

    def header(self) -> list[str]:
        return [self.tr(h) for h in (self.EXPORT_HEADERS or self.HEADERS)]

    def title(self) -> str:
        return self.tr(self.TITLE)

    def texts(self, column: int) -> Iterator[str]:
        """The texts of ``column`` in every row (for fitting the column once per result)."""
        return (self._row_texts(row)[column] for row in self._rows)

    def _row_texts(self, row: Any) -> tuple[str, ...]:
        texts = self._texts.get(id(row))
        if texts is None:
            texts = self._texts[id(row)] = self.cells(row)
        return texts

    # -- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Plain ints, not Qt's enum members: several times cheaper per call (see RowsModel).
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return self._row_texts(row)[column]
        if role == _SORT:
            return self._keys[index.row()][column]
        if role == _ROW:
            return row
        if role == _ALIGNMENT:
            return _RIGHT if column in self.NUMERIC else None
        if role == _TOOLTIP:
            return self.tooltip(row, column) or None
        if not self.cautious(row):
            return None
        return QBrush(CAUTION_BACKGROUND if role == _BACKGROUND else CAUTION_TEXT)


class FiguresModel(AnalysisTableModel):
    HEADERS = ("Cijfer", "Waarde", "Werknemers", "Periodes", "Opmerking")
    EXPORT_HEADERS = (
        "Cijfer",
        "Waarde",
        "Weergave",
        "Werknemers",
        "Periodes",
        "Formule",
        "Gegevens",
        "Opmerking",
    )
    NUMERIC = frozenset({2, 3})
    TITLE = "Cijfers"
    STRETCH = 4
    SORT = (-1, Qt.SortOrder.AscendingOrder)

    def rows_of(self, result: AnalysisResult) -> list[Figure]:
        return list(result.figures)

    def cells(self, row: Figure) -> tuple[str, ...]:
        return (
            row.title,
            row.display,
            format_number(row.employees),
            format_number(row.spells),
            row.caution,
        )

    def sort_values(self, row: Figure) -> tuple[Any, ...]:
        return (row.title, row.value, row.employees, row.spells, row.caution)

    def export_row(self, row: Figure) -> list[object]:
        inputs = "; ".join(f"{name}: {value}" for name, value in row.inputs)
        return [
            row.title,
            _rounded(row.value),
            row.display,
            row.employees,
            row.spells,
            row.formula,
            inputs,
            row.caution,
        ]

    def cautious(self, row: Figure) -> bool:
        return bool(row.caution)

    def tooltip(self, row: Figure, column: int) -> str:
        return row.formula


class TrendModel(AnalysisTableModel):
    HEADERS = ("Maand", "Afwezigheid (%)", "Zelfde maand vorig jaar (%)", "Verschil (procentpunt)",
               "Werknemers", "Begonnen periodes")
    NUMERIC = frozenset({1, 2, 3, 4, 5})
    TITLE = "Trend per maand"

    def rows_of(self, result: AnalysisResult) -> list[tuple[MonthPoint, MonthPoint | None]]:
        previous: list[MonthPoint | None] = list(result.trend_previous)
        previous += [None] * (len(result.trend) - len(previous))
        return list(zip(result.trend, previous))

    @staticmethod
    def _difference(row: tuple[MonthPoint, MonthPoint | None]) -> float | None:
        now, before = row
        if now.percentage is None or before is None or before.percentage is None:
            return None
        return now.percentage - before.percentage

    def cells(self, row: tuple[MonthPoint, MonthPoint | None]) -> tuple[str, ...]:
        now, before = row
        difference = self._difference(row)
        sign = "+" if difference is not None and difference > 0.05 else ""
        return (
            f"{MONTHS[now.month - 1]} {now.year}",
            number(now.percentage, suffix=" %"),
            number(before.percentage if before else None, suffix=" %"),
            sign + number(difference),
            format_number(now.employees),
            format_number(now.spells),
        )

    def sort_values(self, row: tuple[MonthPoint, MonthPoint | None]) -> tuple[Any, ...]:
        now, before = row
        return (
            (now.year, now.month),
            now.percentage,
            before.percentage if before else None,
            self._difference(row),
            now.employees,
            now.spells,
        )

    def export_row(self, row: tuple[MonthPoint, MonthPoint | None]) -> list[object]:
        now, before = row
        return [
            f"{MONTHS[now.month - 1]} {now.year}",
            _rounded(now.percentage),
            _rounded(before.percentage if before else None),
            _rounded(self._difference(row)),
            now.employees,
            now.spells,
        ]

    def cautious(self, row: tuple[MonthPoint, MonthPoint | None]) -> bool:
        return row[0].caution()

    def tooltip(self, row: tuple[MonthPoint, MonthPoint | None], column: int) -> str:
        if not row[0].caution():
            return ""
        return self.tr("Voorzichtig: minder dan {0} werknemers of {1} begonnen periodes achter "
                       "dit maandcijfer; kleine aantallen schommelen sterk.").format(
            MIN_EMPLOYEES, MIN_SPELLS)


class DepartmentsModel(AnalysisTableModel):
    HEADERS = ("Afdeling", "Afwezigheid (%)", "Werknemers", "Opmerking")
    NUMERIC = frozenset({1, 2})
    TITLE = "Afdelingen"
    STRETCH = 3

    def rows_of(self, result: AnalysisResult) -> list[tuple[str, float | None, int]]:
        return list(result.departments)

    def caution(self, row: tuple[str, float | None, int]) -> str:
        employees = row[2]
        if employees >= MIN_EMPLOYEES:
            return ""
        people = (
            self.tr("1 werknemer")
            if employees == 1
            else self.tr("{0} werknemers").format(format_number(employees))
        )
        return self.tr("Voorzichtig: slechts {0}; kleine aantallen schommelen sterk.").format(
            people
        )

    def cells(self, row: tuple[str, float | None, int]) -> tuple[str, ...]:
        name, percentage, employees = row
        return (
            name,
            number(percentage, suffix=" %"),
            format_number(employees),
            self.caution(row),
        )

    def sort_values(self, row: tuple[str, float | None, int]) -> tuple[Any, ...]:
        name, percentage, employees = row
        return (name.casefold(), percentage, employees, self.caution(row))

    def export_row(self, row: tuple[str, float | None, int]) -> list[object]:
        name, percentage, employees = row
        return [name, _rounded(percentage), employees, self.caution(row)]

    def cautious(self, row: tuple[str, float | None, int]) -> bool:
        return row[2] < MIN_EMPLOYEES


class WeekdayModel(AnalysisTableModel):
    HEADERS = ("Weekdag", "Begonnen periodes", "Aandeel (%)")
    NUMERIC = frozenset({1, 2})
    TITLE = "Weekdagen"

    def rows_of(self, result: AnalysisResult) -> list[tuple[int, str, int, float | None]]:
        total = sum(count for _day, count in result.weekday)
        return [
            (i, day, count, 100 * count / total if total else None)
            for i, (day, count) in enumerate(result.weekday)
        ]

    def cells(self, row: tuple[int, str, int, float | None]) -> tuple[str, ...]:
        _i, day, count, share = row
        return (day, format_number(count), number(share, suffix=" %"))

    def sort_values(self, row: tuple[int, str, int, float | None]) -> tuple[Any, ...]:
        i, _day, count, share = row
        return (i, count, share)

    def export_row(self, row: tuple[int, str, int, float | None]) -> list[object]:
        _i, day, count, share = row
        return [day, count, _rounded(share)]


class BradfordModel(AnalysisTableModel):
    HEADERS = ("Naam", "Afdeling", "Periodes (S)", "Dagen (D)", "Score (S² × D)", "Opvolging")
    NUMERIC = frozenset({2, 3, 4})
    TITLE = "Bradford-factor"
    STRETCH = 5
    SORT = (4, Qt.SortOrder.DescendingOrder)

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._result: AnalysisResult | None = None

    def set_result(self, result: AnalysisResult | None) -> None:
        # The advice depends on the threshold: the page sets the result again when it changes.
        self._result = result
        super().set_result(result)

    def rows_of(self, result: AnalysisResult) -> list[BradfordRow]:
        return list(result.bradford)

    def advice(self, row: BradfordRow) -> str:
        """ "gesprek aangewezen", or why not (absent today, no contact, one long absence)."""
        return self._result.advice(row) if self._result is not None else ""

    def cells(self, row: BradfordRow) -> tuple[str, ...]:
        return (
            row.name,
            row.department,
            format_number(row.spells),
            format_number(row.days),
            format_number(row.score),
            self.advice(row),
        )

    def sort_values(self, row: BradfordRow) -> tuple[Any, ...]:
        return (
            row.name.casefold(),
            row.department.casefold(),
            row.spells,
            row.days,
            row.score,
            self.advice(row),
        )

    def export_row(self, row: BradfordRow) -> list[object]:
        return [row.name, row.department, row.spells, row.days, row.score, self.advice(row)]


class AnalysisSortProxy(QSortFilterProxyModel):
    """Filters; sorting is passed on to the table model, which sorts in one Python call."""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.source_table().sort(column, order)

    def source_table(self) -> AnalysisTableModel:
        model = self.sourceModel()
        assert isinstance(model, AnalysisTableModel)
        return model

    def export_rows(self) -> list[list[object]]:
        """The visible rows, in view order, as plain values."""
        model = self.source_table()
        return [model.export_row(self.index(r, 0).data(ROW_ROLE)) for r in range(self.rowCount())]


class BradfordThresholdProxy(AnalysisSortProxy):
    """Only the employees whose score reaches the threshold."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.threshold = 0

    def set_threshold(self, value: int) -> None:
        self.beginFilterChange()
        self.threshold = value
        self.endFilterChange()

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        bradford_row: BradfordRow = self.source_table().row_object(row)
        return bradford_row.score >= self.threshold
