"""Compare two rounds: per section better / worse / same, and a chart of the smiley counts."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.assessment import (
    ANSWER_ORDER,
    Answer,
    Change,
    Tally,
    compare_sections,
    section_score,
    section_state,
    tally,
)
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.instrument import Instrument, Section
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.models.analysis_models import number
from kmo_reintegratie.ui.widgets.smiley import COLOURS, paint_smiley

CHANGE_COLOURS = {Change.BETTER: "#e3f2e5", Change.WORSE: "#fbe3e3"}
CHANGE_ROLE = Qt.ItemDataRole.UserRole + 1


class ComparisonModel(QAbstractTableModel):
    HEADERS = ("Sectie", "Eerder", "Nu", "Verandering")

    def __init__(self, instrument: Instrument, parent: Any = None):
        super().__init__(parent)
        self._sections: list[Section] = list(instrument.all_sections())
        self._rows: list[tuple[Section, str, str, Change]] = []

    def compare(self, before: dict[str, Answer], after: dict[str, Answer],
                actions_before: dict[str, int] | None = None,
                actions_after: dict[str, int] | None = None) -> None:
        """Compare two rounds; the action counts per section tell "actie nodig" from "gepland"."""
        self.beginResetModel()
        self._rows = []
        for section in self._sections:
            old = [before.get(q.id) for q in section.questions]
            new = [after.get(q.id) for q in section.questions]
            old_state = section_state(old, (actions_before or {}).get(section.id, 0))
            new_state = section_state(new, (actions_after or {}).get(section.id, 0))
            change = compare_sections(old, new)
            old_text, new_text = old_state.label, new_state.label
            if old_text == new_text and change in (Change.BETTER, Change.WORSE):
                # The same state with another score ("Actie nodig → Actie nodig: Beter"): the
                # score says what changed.
                old_text = f"{old_text} ({number(section_score(old), 1)} van 2)"
                new_text = f"{new_text} ({number(section_score(new), 1)} van 2)"
            self._rows.append((section, old_text, new_text, change))
        self.endResetModel()

    def counts(self) -> dict[Change, int]:
        result = {change: 0 for change in Change}
        for *_, change in self._rows:
            result[change] += 1
        return result

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        section, old, new, change = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            checklist = section.id.split(".")[0][1:]
            return (f"{checklist}/{section.number} {section.title}", old, new, change.label)[index.column()]
        if role == CHANGE_ROLE:
            return change
        if role == Qt.ItemDataRole.BackgroundRole and change in CHANGE_COLOURS:
            return QBrush(QColor(CHANGE_COLOURS[change]))
        if role == Qt.ItemDataRole.ForegroundRole and change in CHANGE_COLOURS:
            return QBrush(QColor("#212529"))
        return None


class SmileyChart(QWidget):
    """Grouped bars: per checklist, the count of each smiley in the two rounds."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setMinimumHeight(200)
        self._groups: list[tuple[str, Tally, Tally]] = []
        self._names = ("", "")

    def set_data(self, groups: list[tuple[str, Tally, Tally]], names: tuple[str, str]) -> None:
        self._groups, self._names = groups, names
        self.update()

    def paintEvent(self, event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(10, 10, -10, -40)
        if not self._groups:
            painter.end()
            return
        peak = max(1, *(max(t.count(a) for a in ANSWER_ORDER for t in (b, n)) for _, b, n in self._groups))
        group_width = rect.width() / len(self._groups)
        bar = min(14.0, group_width / 8)
        text = self.palette().text().color()
        for g, (label, before, after) in enumerate(self._groups):
            x = rect.x() + g * group_width + (group_width - bar * 7.5) / 2
            for answer in ANSWER_ORDER:
                for which, t in enumerate((before, after)):
                    height = (rect.height() - 20) * t.count(answer) / peak
                    colour = QColor(COLOURS[answer])
                    if which == 0:
                        colour.setAlpha(110)  # earlier round lighter; also told by the legend
                    painter.fillRect(QRectF(x, rect.bottom() - height, bar, height), colour)
                    painter.setPen(text)
                    painter.drawText(QRectF(x - 6, rect.bottom() - height - 16, bar + 12, 14),
                                     Qt.AlignmentFlag.AlignCenter, str(t.count(answer)))
                    x += bar
                paint_smiley(painter, QRectF(x - bar * 1.5 - 6, rect.bottom() + 4, 12, 12), answer)
                x += bar / 2
            painter.setPen(text)
            painter.drawText(QRectF(rect.x() + g * group_width, rect.bottom() + 18, group_width, 16),
                             Qt.AlignmentFlag.AlignCenter, label)
        painter.end()


class RoundComparisonDialog(QDialog):
    def __init__(self, dossier: Dossier, instrument: Instrument, parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._instrument = instrument
        self.setWindowTitle(self.tr("Rondes vergelijken"))
        self.resize(900, 680)
        layout = QVBoxLayout(self)
        choose = QHBoxLayout()
        self.before_combo = QComboBox()
        self.before_combo.setObjectName("beforeRound")
        self.after_combo = QComboBox()
        self.after_combo.setObjectName("afterRound")
        rounds = dossier.assessments.rounds()
        for combo in (self.before_combo, self.after_combo):
            for r in rounds:
                combo.addItem(f"{r.title} — {format_date(r.held_on)}", r.id)
        self.after_combo.setCurrentIndex(0)
        self.before_combo.setCurrentIndex(min(1, len(rounds) - 1))
        choose.addWidget(QLabel(self.tr("Eerder:")))
        choose.addWidget(self.before_combo, 1)
        choose.addWidget(QLabel(self.tr("Nu:")))
        choose.addWidget(self.after_combo, 1)
        layout.addLayout(choose)
        self.summary = QLabel()
        self.summary.setObjectName("comparisonSummary")
        layout.addWidget(self.summary)
        self.chart = SmileyChart()
        layout.addWidget(self.chart)
        self.legend = QLabel(self.tr("Per checklist: lichte balk = eerdere ronde, volle balk = huidige ronde."))
        layout.addWidget(self.legend)
        self.model = ComparisonModel(instrument, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            self.table.setColumnWidth(column, 150)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.before_combo.currentIndexChanged.connect(self.refresh)
        self.after_combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def _action_counts(self, round_id: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for action in self._dossier.assessments.actions(round_id):
            counts[action.section_id] = counts.get(action.section_id, 0) + 1
        return counts

    def refresh(self) -> None:
        before_id, after_id = self.before_combo.currentData(), self.after_combo.currentData()
        if before_id is None or after_id is None:
            return
        before = self._dossier.assessments.answers(before_id)
        after = self._dossier.assessments.answers(after_id)
        self.model.compare(before, after, self._action_counts(before_id), self._action_counts(after_id))
        counts = self.model.counts()
        self.summary.setText(
            self.tr("<b>{0}</b> secties beter, <b>{1}</b> slechter, <b>{2}</b> gelijk, {3} niet te vergelijken.").format(
                counts[Change.BETTER], counts[Change.WORSE], counts[Change.SAME], counts[Change.NOT_COMPARABLE]
            )
        )
        groups = []
        for checklist in self._instrument.checklists:
            questions = [q for s in checklist.sections for q in s.questions]
            groups.append((
                self.tr("Checklist {0}").format(checklist.number),
                tally(before.get(q.id) for q in questions),
                tally(after.get(q.id) for q in questions),
            ))
        self.chart.set_data(groups, (self.before_combo.currentText(), self.after_combo.currentText()))
