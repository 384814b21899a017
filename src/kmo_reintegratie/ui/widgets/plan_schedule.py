"""The progressive schedule of a plan: a table of steps checked live against the regime.

Steps outside the plan's validity (``trajectory_checks``) are flagged under the table by
the plan editor (``set_date_warnings``).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.trajectory import ScheduleStep, check_schedule
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    ERROR_STYLE,
    WARNING_STYLE,
    error_label,
    show_error,
    wrapped,
)

Index = QModelIndex | QPersistentModelIndex
STEP_ROLE = Qt.ItemDataRole.UserRole + 1


class Column:
    STARTS = 0
    ENDS = 1
    HOURS = 2
    PERCENTAGE = 3
    CHANGES = 4
    RESULT = 5


HEADERS = ("Van", "Tot en met", "Uren per week", "% van het regime", "Wat verandert", "Uren volgens regime")
# Shown on two lines: on one line the headers made the table wider than a small laptop.
HEADER_LINES = ("Van", "Tot en met", "Uren per\nweek", "% van het\nregime", "Wat verandert",
                "Uren volgens\nregime")


_DECIMAL = re.compile(r"[0-9]{1,9}(\.[0-9]{1,6})?")


def _number(text: str) -> float | None:
    text = clean_text(text).strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    # ASCII digits only: float() would also take "nan", "1e999" and "²"-like digits.
    if not _DECIMAL.fullmatch(text):
        raise ValidationError(f"'{text[:40]}' is geen getal; gebruik bijvoorbeeld 18 of 18,5.")
    return float(text)


def _format_number(value: float | None) -> str:
    return "" if value is None else f"{value:g}".replace(".", ",")


class ScheduleModel(QAbstractTableModel):
    """The steps being edited (not yet stored: the plan is stored as a whole)."""

    edit_refused = Signal(str)
    edited = Signal()

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._steps: list[ScheduleStep] = []
        self.regime_hours: float | None = None
        self.editable = True

    def set_steps(self, steps: tuple[ScheduleStep, ...] | list[ScheduleStep]) -> None:
        self.beginResetModel()
        self._steps = list(steps)
        self.endResetModel()

    def steps(self) -> tuple[ScheduleStep, ...]:
        return tuple(self._steps)

    def set_regime(self, hours: float | None) -> None:
        self.regime_hours = hours
        if self._steps:
            self.dataChanged.emit(self.index(0, Column.RESULT), self.index(len(self._steps) - 1, Column.RESULT))

    def add_step(self, default_start: date) -> int:
        last = max(self._steps, key=lambda s: s.starts) if self._steps else None
        if last is not None and last.ends is None:
            # Close the open-ended last step so the new one follows without gap or overlap.
            start = max(default_start, last.starts + timedelta(days=28))
            changed = self._steps.index(last)
            self._steps[changed] = replace(last, ends=start - timedelta(days=1))
            self.dataChanged.emit(self.index(changed, 0), self.index(changed, len(HEADERS) - 1))
        elif last is not None and last.ends is not None:
            start = last.ends + timedelta(days=1)
        else:
            start = default_start
        row = len(self._steps)
        self.beginInsertRows(QModelIndex(), row, row)
        self._steps.append(ScheduleStep(start, None))
        self.endInsertRows()
        self.edited.emit()
        return row

    def remove_step(self, row: int) -> None:
        if 0 <= row < len(self._steps):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._steps[row]
            self.endRemoveRows()
            self.edited.emit()

    # -- Qt model interface ---------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._steps)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr(HEADERS[section])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.tr(HEADER_LINES[section])
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() != Column.RESULT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        step = self._steps[index.row()]
        if role == STEP_ROLE:
            return step
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            column = index.column()
            if column == Column.STARTS:
                return format_date(step.starts)
            if column == Column.ENDS:
                return format_date(step.ends) if step.ends or role == Qt.ItemDataRole.EditRole else "(open)"
            if column == Column.HOURS:
                return _format_number(step.hours_per_week)
            if column == Column.PERCENTAGE:
                return _format_number(step.percentage)
            if column == Column.CHANGES:
                return step.changes
            hours = step.hours(self.regime_hours) if self.regime_hours is not None else step.hours_per_week
            if hours is None:
                return ""
            share = f" ({hours / self.regime_hours:.0%})" if self.regime_hours else ""
            return f"{_format_number(round(hours, 1))} u{share}"
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == Column.CHANGES:
            return step.changes
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not self.editable:
            return False
        step = self._steps[index.row()]
        text = "" if value is None else clean_text(str(value))
        column = index.column()
        try:
            if column == Column.STARTS:
                starts = parse_date(text)
                if starts is None:
                    raise ValidationError("Elke stap heeft een begindatum.")
                step = replace(step, starts=starts)
            elif column == Column.ENDS:
                step = replace(step, ends=parse_date(text))
            elif column == Column.HOURS:
                hours = _number(text)
                step = replace(step, hours_per_week=hours, percentage=None if hours is not None else step.percentage)
            elif column == Column.PERCENTAGE:
                share = _number(text)
                step = replace(step, percentage=share, hours_per_week=None if share is not None else step.hours_per_week)
            elif column == Column.CHANGES:
                step = replace(step, changes=text.strip())
            else:
                return False
        except ValidationError as error:
            self.edit_refused.emit(f"Stap {index.row() + 1}: {error}")
            return False
        self._steps[index.row()] = step
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        self.edit_refused.emit("")
        self.edited.emit()
        return True


class ScheduleEditor(QWidget):
    """Table, add/remove buttons, the regime it is checked against, and the problems found."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = ScheduleModel(self)
        self.default_start = date.today()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.regime_label = wrapped(name="regimeLabel")
        layout.addWidget(self.regime_label)
        self.view = QTableView()
        self.view.setObjectName("scheduleTable")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.SelectedClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.CHANGES, QHeaderView.ResizeMode.Stretch)
        self.view.setMinimumHeight(140)
        layout.addWidget(self.view)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Stap &toevoegen"))
        self.add_button.setObjectName("addScheduleStep")
        self.add_button.clicked.connect(self._on_add_clicked)
        self.remove_button = QPushButton(self.tr("Stap &verwijderen"))
        self.remove_button.setObjectName("removeScheduleStep")
        self.remove_button.clicked.connect(self._on_remove_clicked)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.edit_error = error_label("scheduleEditError")
        layout.addWidget(self.edit_error)
        self.problems = wrapped(name="scheduleProblems", style=ERROR_STYLE)
        layout.addWidget(self.problems)
        self.date_warning = wrapped(name="scheduleDateWarning", style=WARNING_STYLE)
        self.date_warning.hide()
        layout.addWidget(self.date_warning)
        self.model.edit_refused.connect(lambda message: show_error(self.edit_error, message))
        self.model.edited.connect(self._on_model_edited)
        self.model.modelReset.connect(self.update_problems)

    def set_steps(self, steps: tuple[ScheduleStep, ...]) -> None:
        self.model.set_steps(steps)
        show_error(self.edit_error, "")

    def steps(self) -> tuple[ScheduleStep, ...]:
        return self.model.steps()

    def set_regime(self, hours: float | None, on: date | None) -> None:
        self.model.set_regime(hours)
        if hours is None:
            self.regime_label.setText(self.tr(
                "Geen arbeidsregime gekend op {0}: vul het regime in bij de werknemer, dan controleert het "
                "programma of het uurrooster het regime niet overschrijdt.").format(format_date(on) or "de startdatum"))
        else:
            self.regime_label.setText(self.tr(
                "Arbeidsregime op {0}: {1} uur per week. Geef per stap de uren per week of een percentage "
                "van het regime; de stappen sluiten op elkaar aan (de laatste mag open blijven).").format(
                format_date(on), _format_number(hours)))
        self.update_problems()

    def set_editable(self, editable: bool) -> None:
        self.model.editable = editable
        for button in (self.add_button, self.remove_button):
            button.setEnabled(editable)
            button.setVisible(editable)  # greyed buttons would still suggest steps can be added

    def set_date_warnings(self, messages: list[str]) -> None:
        """Steps that fall outside the plan's validity, shown under the table (empty: none)."""
        show_error(self.date_warning, "\n".join(messages))

    def problems_found(self) -> list[str]:
        return check_schedule(self.model.steps(), self.model.regime_hours)

    def update_problems(self) -> None:
        problems = self.problems_found()
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))

    def _on_add_clicked(self) -> None:
        row = self.model.add_step(self.default_start)
        self.view.setCurrentIndex(self.model.index(row, Column.HOURS))

    def _on_remove_clicked(self) -> None:
        index = self.view.currentIndex()
        if index.isValid():
            self.model.remove_step(index.row())

    def _on_model_edited(self) -> None:
        self.update_problems()
        self.edited.emit()
