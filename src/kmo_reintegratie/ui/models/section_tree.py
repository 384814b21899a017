"""Navigation tree of checklists and sections with progress and state per row."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QStandardItem, QStandardItemModel

from kmo_reintegratie.assessment import Answer, SectionState, Tally, section_state, tally
from kmo_reintegratie.instrument import Instrument, Section
from kmo_reintegratie.ui.widgets.smiley import smiley_icon

SECTION_ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_ROLE = Qt.ItemDataRole.UserRole + 2
UNANSWERED_ROLE = Qt.ItemDataRole.UserRole + 3
CHECKLIST_ID_ROLE = Qt.ItemDataRole.UserRole + 4

STATE_ICON_ANSWER = {
    SectionState.IN_ORDER: Answer.TOEGEPAST,
    SectionState.CONSIDER: Answer.OVERWEGEN,
    SectionState.ACTION_NEEDED: Answer.TEKORTKOMING,
    SectionState.ACTION_PLANNED: Answer.TEKORTKOMING,
}


TALLY_ROLE = Qt.ItemDataRole.UserRole + 5


def tally_text(t: Tally) -> str:
    return (
        f"{t.answered}/{t.total} beantwoord · toegepast {t.toegepast} · overwegen {t.overwegen} · "
        f"tekortkoming {t.tekortkoming}"
    )


class SectionTreeModel(QStandardItemModel):
    """Checklists with their sections; ``update`` refreshes text and state in place."""

    def __init__(self, instrument: Instrument, parent: object = None):
        super().__init__(parent)
        self._instrument = instrument
        self._section_items: dict[str, QStandardItem] = {}
        self._checklist_items: dict[str, QStandardItem] = {}
        self._progress_items: dict[str, QStandardItem] = {}
        self.tallies: dict[str, Tally] = {}
        for checklist in instrument.checklists:
            item = QStandardItem()
            item.setEditable(False)
            item.setData(checklist.id, CHECKLIST_ID_ROLE)
            bold = QFont()
            bold.setBold(True)
            item.setFont(bold)
            for section in checklist.sections:
                child = QStandardItem(f"{section.number} {section.title}")
                child.setEditable(False)
                child.setData(section.id, SECTION_ID_ROLE)
                child.setToolTip(section.title)
                progress = QStandardItem()
                progress.setEditable(False)
                item.appendRow([child, progress])
                self._progress_items[section.id] = progress
                self._section_items[section.id] = child
            progress = QStandardItem()
            progress.setEditable(False)
            self.appendRow([item, progress])
            self._checklist_items[checklist.id] = item
            self._progress_items[checklist.id] = progress
        self.setHorizontalHeaderLabels(["Checklist / sectie", "Voortgang"])

    def update(self, answers: dict[str, Answer], action_counts: dict[str, int]) -> Tally:
        """Recompute every row from the round's answers; returns the overall tally."""
        overall = Tally()
        for checklist in self._instrument.checklists:
            checklist_tally = Tally()
            for section in checklist.sections:
                section_answers = [answers.get(q.id) for q in section.questions]
                state = section_state(section_answers, action_counts.get(section.id, 0))
                item = self._section_items[section.id]
                item.setData(state.value, STATE_ROLE)  # plain str: Qt would flatten the enum anyway
                item.setData(section_answers.count(None), UNANSWERED_ROLE)
                item.setIcon(smiley_icon(STATE_ICON_ANSWER.get(state), 16))
                item.setText(_section_label(section, state))
                needed = state is SectionState.ACTION_NEEDED
                item.setForeground(QBrush(QColor("#b71c1c")) if needed else QBrush())
                font = item.font()
                font.setBold(needed)  # not by colour alone
                item.setFont(font)
                item.setToolTip(f"{section.title}\n{state.label}")
                item.setAccessibleText(f"{section.number} {section.title}: {state.label}")
                section_tally = tally(section_answers)
                self._progress_items[section.id].setData(section_tally, TALLY_ROLE)
                self._progress_items[section.id].setToolTip(tally_text(section_tally))
                checklist_tally += section_tally
            item = self._checklist_items[checklist.id]
            item.setText(f"Checklist {checklist.number}: {checklist.title}")
            item.setToolTip(f"{checklist.title}\n{tally_text(checklist_tally)}")
            self._progress_items[checklist.id].setData(checklist_tally, TALLY_ROLE)
            self._progress_items[checklist.id].setToolTip(tally_text(checklist_tally))
            self.tallies[checklist.id] = checklist_tally
            overall += checklist_tally
        self.tallies["all"] = overall
        return overall

    def index_of_section(self, section_id: str) -> QModelIndex:
        item = self._section_items.get(section_id)
        return item.index() if item else QModelIndex()


def _section_label(section: Section, state: SectionState) -> str:
    # In front: long titles are elided at the end, and the mark must stay visible. Short: on a
    # small laptop "[actie nodig] " left no room for the title. The red face beside it, the bold
    # type, the tooltip and the accessible text say it in words.
    marker = "! " if state is SectionState.ACTION_NEEDED else ""
    return f"{section.number} {marker}{section.title}"


class SectionFilter(QSortFilterProxyModel):
    ALL = "alle"
    UNANSWERED = "onbeantwoord"
    ACTION_NEEDED = "actie_nodig"

    def __init__(self, parent: object = None):
        super().__init__(parent)
        self.mode = self.ALL
        self.setRecursiveFilteringEnabled(True)

    def set_mode(self, mode: str) -> None:
        """Filter on ``mode``; rows go and come while this runs.

        The selection model moves the current row from inside that removal, so a slot on
        currentChanged must not touch this proxy or its source until it returns.
        """
        if mode == self.mode:
            return
        self.beginFilterChange()
        self.mode = mode
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)  # no column filter

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802
        index = self.sourceModel().index(row, 0, parent)
        section_id = index.data(SECTION_ID_ROLE)
        if section_id is None:
            return self.mode == self.ALL  # checklists stay when a child matches (recursive)
        if self.mode == self.UNANSWERED:
            return bool(index.data(UNANSWERED_ROLE))
        if self.mode == self.ACTION_NEEDED:
            return index.data(STATE_ROLE) == SectionState.ACTION_NEEDED.value
        return True
