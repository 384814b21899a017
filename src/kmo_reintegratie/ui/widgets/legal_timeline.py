"""The legal timeline of one absence: every milestone with its date, status and source.

Rows come from :func:`legal.absence_milestones` (already in date order). Each
row says whether its date is past, today, within 14 days or later, relative
to the injected ``today``; a milestone the fact sheet does not confirm is
never shown as certain: its "Zekerheid" cell reads "te bevestigen" and the
reason is in the tooltip and in the details line under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from html import escape
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date, legal_date_text
from kmo_reintegratie.legal import LegalDate, format_date_nl

MILESTONE_ROLE = Qt.ItemDataRole.UserRole + 1
SOON_DAYS = 14
Index = QModelIndex | QPersistentModelIndex


class When(str, Enum):
    PAST = "voorbij"
    TODAY = "vandaag"
    SOON = "binnen_14_dagen"
    LATER = "later"

    @property
    def label(self) -> str:
        return {"voorbij": "Voorbij", "vandaag": "Vandaag", "binnen_14_dagen": "Binnen 14 dagen",
                "later": "Later"}[self.value]


def when(due: date, today: date) -> When:
    if due < today:
        return When.PAST
    if due == today:
        return When.TODAY
    if (due - today).days <= SOON_DAYS:
        return When.SOON
    return When.LATER


class Column:
    DATE = 0
    TITLE = 1
    WHEN = 2
    CERTAINTY = 3


HEADERS = ("Datum", "Wettelijke stap", "Wanneer", "Zekerheid")
BACKGROUNDS = {When.TODAY: QColor("#f8d7da"), When.SOON: QColor("#fff3cd")}
PAST_TEXT = QColor("#6c757d")
UNCONFIRMED_TEXT = QColor("#8a5300")


class MilestoneModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._milestones: list[LegalDate] = []
        self.today = date.today()

    def set_milestones(self, milestones: Sequence[LegalDate], today: date) -> None:
        self.beginResetModel()
        self._milestones = sorted(milestones, key=lambda m: m.due)
        self.today = today
        self.endResetModel()

    def milestone(self, row: int) -> LegalDate:
        return self._milestones[row]

    def milestones(self) -> list[LegalDate]:
        return list(self._milestones)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._milestones)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        milestone = self._milestones[index.row()]
        column = index.column()
        state = when(milestone.due, self.today)
        if role == MILESTONE_ROLE:
            return milestone
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.DATE:
                return legal_date_text(milestone)
            if column == Column.TITLE:
                return milestone.title
            if column == Column.WHEN:
                if milestone.undated:
                    return self.tr("geen vervaldag")
                return self._when_text(milestone.due, state)
            return self.tr("bevestigd") if milestone.confirmed else self.tr("⚠ te bevestigen")
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.CERTAINTY and not milestone.confirmed:
                return self.tr("Te bevestigen: {0}").format(milestone.unconfirmed_reason)
            return self.tr("{0}\n\nBron: {1} (van kracht sinds {2})").format(
                milestone.explanation, milestone.source, format_date_nl(milestone.effective_from))
        if milestone.undated and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole):
            return None
        if role == Qt.ItemDataRole.BackgroundRole and state in BACKGROUNDS:
            return QBrush(BACKGROUNDS[state])
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == Column.CERTAINTY and not milestone.confirmed:
                return QBrush(UNCONFIRMED_TEXT)
            if state is When.PAST:
                return QBrush(PAST_TEXT)
            if state in BACKGROUNDS:
                return QBrush(QColor("#212529"))  # readable on the light colours in dark themes
        if role == Qt.ItemDataRole.FontRole and state in (When.TODAY, When.SOON):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _when_text(self, due: date, state: When) -> str:
        days = (due - self.today).days
        if state is When.PAST:
            return self.tr("voorbij ({0} d. geleden)").format(-days)
        if state is When.TODAY:
            return self.tr("vandaag")
        if state is When.SOON:
            return self.tr("binnen 14 dagen (over {0} d.)").format(days)
        return self.tr("later (over {0} d.)").format(days)


class LegalTimeline(QWidget):
    """Table of milestones plus a details line for the selected one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.model = MilestoneModel(self)
        self.view = QTableView()
        self.view.setObjectName("legalTimeline")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.TITLE, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view)
        self.details = QLabel()
        self.details.setObjectName("legalTimelineDetails")
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        self.view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)

    def set_milestones(self, milestones: Sequence[LegalDate], today: date) -> None:
        self.model.set_milestones(milestones, today)
        coming = next((row for row, m in enumerate(self.model.milestones()) if m.due >= today), None)
        if coming is not None:
            self.view.selectRow(coming)
        else:
            self._show_details(None)
        rows = max(1, len(milestones))
        height = self.view.horizontalHeader().sizeHint().height() + rows * self.view.verticalHeader().defaultSectionSize() + 4
        self.view.setFixedHeight(height)

    def _on_view_selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        self._show_details(self.model.milestone(indexes[0].row()) if indexes else None)

    def _show_details(self, milestone: LegalDate | None) -> None:
        if milestone is None:
            self.details.setText(
                self.tr("<i>Kies een stap om de uitleg en de bron te zien.</i>") if self.model.rowCount() else "")
            return
        text = self.tr("<b>{0} — {1}</b><br>{2}<br><small>Bron: {3} · van kracht sinds {4}</small>").format(
            format_date(milestone.due), escape(milestone.title), escape(milestone.explanation),
            escape(milestone.source), format_date_nl(milestone.effective_from))
        if not milestone.confirmed:
            text += self.tr("<br><span style='color:#8a5300'><b>Te bevestigen:</b> {0}</span>").format(
                escape(milestone.unconfirmed_reason or ""))
        self.details.setText(text)
