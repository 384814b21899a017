"""The native crashes of issue 12, replayed with real keys on real pages.

Both came from our code changing a source model while a QSortFilterProxyModel was
half-way through endFilterChange(): the selection model moves the current row from inside
the proxy's row removal, and what our slots (or the view, committing an open editor) did
there re-entered the proxy. A crash kills pytest, so a passing test here is the evidence.
Before the fix the typed-action and the status-editor scenarios ended in SIGSEGV or
"munmap_chunk(): invalid pointer" on every run; the others guard the same paths.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QTabWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.assessment import ActionStatus, Answer
from kmo_reintegratie.instrument import Instrument, load_instrument
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.action_model import ACTION_ROLE, Column
from kmo_reintegratie.ui.models.section_tree import SECTION_ID_ROLE, SectionFilter
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage, StatusFilter
from kmo_reintegratie.ui.pages.assessment_page import AssessmentPage

TODAY = date(2026, 11, 22)
ANSWER_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)
ANSWER_OF_KEY = dict(zip(ANSWER_KEYS, (Answer.TOEGEPAST, Answer.OVERWEGEN, Answer.TEKORTKOMING)))


@dataclass
class Window:
    """Both pages on one dossier and one events object, as in the main window."""

    tabs: QTabWidget
    assessment: AssessmentPage
    action_plan: ActionPlanPage
    dossier: Dossier
    instrument: Instrument


@pytest.fixture
def open_window(qtbot: QtBot) -> Iterator[Callable[[Path], Window]]:
    windows: list[Window] = []  # qtbot keeps only a weak reference: the tabs are ours

    def open_(path: Path) -> Window:
        dossier = Dossier.open(path)
        events = DossierEvents()
        instrument = load_instrument()
        tabs = QTabWidget()
        qtbot.addWidget(tabs)
        assessment = AssessmentPage(dossier, events, instrument, lambda: TODAY)
        action_plan = ActionPlanPage(dossier, events, instrument, lambda: TODAY)
        tabs.addTab(assessment, "Zelfevaluatie")
        tabs.addTab(action_plan, "Actieplan")
        tabs.resize(1200, 750)
        with qtbot.waitActive(tabs):  # key events need the active window
            tabs.show()
            tabs.activateWindow()
        windows.append(Window(tabs, assessment, action_plan, dossier, instrument))
        return windows[-1]

    yield open_
    for window in windows:
        window.tabs.close()
        window.dossier.close()


def run_deferred_deletes(qtbot: QtBot) -> None:
    # Editors and smiley rows are deleted later; the reported crash came 0.1 s after.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    qtbot.wait(1)


def choose_filter(qtbot: QtBot, combo: QComboBox, index: int) -> None:
    """Bring the combo to ``index`` with keys: Home and End jump, Up and Down step."""
    combo.setFocus()
    if index == 0:
        qtbot.keyClick(combo, Qt.Key.Key_Home)
    elif index == combo.count() - 1:
        qtbot.keyClick(combo, Qt.Key.Key_End)
    key = Qt.Key.Key_Down if index > combo.currentIndex() else Qt.Key.Key_Up
    while combo.currentIndex() != index:
        qtbot.keyClick(combo, key)


def tree_sections(page: AssessmentPage) -> list[str]:
    proxy = page.proxy
    found = []
    for row in range(proxy.rowCount()):
        checklist = proxy.index(row, 0)
        for child in range(proxy.rowCount(checklist)):
            found.append(proxy.index(child, 0, checklist).data(SECTION_ID_ROLE))
    return found


def assert_tree_expanded_and_followed(page: AssessmentPage) -> None:
    for row in range(page.proxy.rowCount()):
        assert page.tree.isExpanded(page.proxy.index(row, 0))
    current = page.tree.currentIndex()
    section_id = current.siblingAtColumn(0).data(SECTION_ID_ROLE)
    if section_id is not None:
        assert page.panel.section is not None and page.panel.section.id == section_id


# -- Zelfevaluatie ---------------------------------------------------------------------


def test_typed_action_is_stored_when_the_filter_hides_its_section(
    qtbot: QtBot, demo_path: Path, open_window: Callable[[Path], Window]
) -> None:
    """The first crash: a filter change moves the current row, the panel stores the typed
    action of the section it leaves, and the tree was refreshed inside endFilterChange()."""
    window = open_window(demo_path)
    page = window.assessment
    assert page.round is not None
    answers = window.dossier.assessments.answers(page.round.id)
    answered = [s.id for c in window.instrument.checklists for s in c.sections
                if all(q.id in answers for q in s.questions)]
    assert len(answered) > 20
    for mode in (SectionFilter.ACTION_NEEDED, SectionFilter.UNANSWERED):
        for section_id in answered:
            choose_filter(qtbot, page.filter_combo, 0)
            page.select_section(section_id)
            before = len(window.dossier.assessments.actions(page.round.id, section_id))
            qtbot.keyClicks(page.panel.new_what, "Afspraken maken")
            choose_filter(qtbot, page.filter_combo, page.filter_combo.findData(mode))
            run_deferred_deletes(qtbot)
            assert section_id not in tree_sections(page) or mode == SectionFilter.ACTION_NEEDED
            if page.panel.section is not None and page.panel.section.id != section_id:
                # The panel left the section: its typed action was stored, once.
                after = window.dossier.assessments.actions(page.round.id, section_id)
                assert len(after) == before + 1 and after[-1].what == "Afspraken maken"
            else:
                page.panel.discard_draft()
            assert_tree_expanded_and_followed(page)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_answering_with_keys_under_unanswered_then_changing_the_filter(
    qtbot: QtBot, demo_path: Path, open_window: Callable[[Path], Window], seed: int
) -> None:
    """The reported sequence, in every filter mode, with rows selected and expanded."""
    with Dossier.open(demo_path) as dossier:
        dossier.assessments.create_round("Leeg", TODAY)  # every section unanswered
    window = open_window(demo_path)
    page = window.assessment
    assert page.round is not None and page.round.title == "Leeg"
    rng = random.Random(seed)
    stored: dict[str, Answer] = {}
    modes = range(page.filter_combo.count())
    unanswered = page.filter_combo.findData(SectionFilter.UNANSWERED)
    for step in range(120):
        choose_filter(qtbot, page.filter_combo, unanswered)
        page.tree.setFocus()
        for _ in range(rng.randrange(4)):
            qtbot.keyClick(page.tree, rng.choice((Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_End)))
        for _ in range(rng.randrange(1, 8)):
            choice = page.panel.first_open_choice()
            key = rng.choice(ANSWER_KEYS)
            if choice is not None:
                stored[choice.objectName().removeprefix("choice:")] = ANSWER_OF_KEY[key]
            page.tree.setFocus()
            qtbot.keyClick(page.tree, key)  # answers the first open question of the section
        if step % 3 == 0:
            page.tree.collapseAll()  # a filter change expands them again
        others = [m for m in modes if m != page.filter_combo.currentIndex()]
        choose_filter(qtbot, page.filter_combo, rng.choice(others))
        run_deferred_deletes(qtbot)
        assert_tree_expanded_and_followed(page)
    for mode in itertools.chain(modes, reversed(modes)):
        choose_filter(qtbot, page.filter_combo, mode)
        assert_tree_expanded_and_followed(page)
    assert window.dossier.assessments.answers(page.round.id) == stored
    assert page.overall.tally().answered == len(stored)


def test_answering_the_last_question_with_the_mouse_moves_on_under_the_filter(
    qtbot: QtBot, demo_path: Path, open_window: Callable[[Path], Window]
) -> None:
    """The click's own smiley row is rebuilt from inside its click handler: deleted later."""
    with Dossier.open(demo_path) as dossier:
        dossier.assessments.create_round("Leeg", TODAY)
    page = open_window(demo_path).assessment
    choose_filter(qtbot, page.filter_combo, page.filter_combo.findData(SectionFilter.UNANSWERED))
    page.select_section("c1.s1.1")
    for _ in range(3):
        first = page.panel.section
        assert first is not None
        for question in first.questions:
            button = page.panel.choices[question.id].buttons[Answer.TOEGEPAST]
            qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        run_deferred_deletes(qtbot)
        assert first.id not in tree_sections(page)
        assert page.panel.section is not None and page.panel.section.id != first.id
        assert_tree_expanded_and_followed(page)


# -- Actieplan -------------------------------------------------------------------------


def open_status_editor(qtbot: QtBot, page: ActionPlanPage, row: int) -> QComboBox:
    page.view.setFocus()
    page.view.setCurrentIndex(page.proxy.index(row, Column.STATUS))
    qtbot.keyClick(page.view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QComboBox) and editor is not page.status_combo
    assert page.view.state() == QAbstractItemView.State.EditingState
    return editor


def test_status_filter_changed_with_keys_while_a_status_editor_is_open(
    qtbot: QtBot, demo_path: Path, open_window: Callable[[Path], Window]
) -> None:
    """The second crash: every start filter, row, edit and target filter, keys only."""
    window = open_window(demo_path)
    window.tabs.setCurrentWidget(window.action_plan)
    page = window.action_plan
    combo = page.status_combo
    edits = (None, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_End, Qt.Key.Key_Home)
    combinations = 0
    for start, row, edit, target in itertools.product(range(combo.count()), range(5), edits,
                                                      range(combo.count())):
        combo.setCurrentIndex(start)
        if start == target or row >= page.proxy.rowCount():
            continue
        editor = open_status_editor(qtbot, page, row)
        action_id = page.proxy.index(row, 0).data(ACTION_ROLE).id
        if edit is not None:
            qtbot.keyClick(editor, edit)
        chosen = ActionStatus(editor.currentData())
        # Keys straight to the filter while the editor keeps the focus (a wheel turn does
        # the same), one filter change per key.
        key = Qt.Key.Key_Down if target > start else Qt.Key.Key_Up
        while combo.currentIndex() != target:
            qtbot.keyClick(combo, key)
        run_deferred_deletes(qtbot)
        assert page.view.state() != QAbstractItemView.State.EditingState
        stored = next(a for a in window.dossier.assessments.actions(page.round.id)
                      if a.id == action_id)
        assert stored.status is chosen  # the edit was stored, not lost
        shown = {a.id for a in page.visible_actions()}
        accepts = StatusFilter(combo.currentData()).accepts
        assert shown == {a.id for a in window.dossier.assessments.actions(page.round.id)
                         if accepts(a.status)}
        combinations += 1
    assert combinations > 100


def test_buddy_shortcut_search_and_urgent_filter_with_an_open_editor(
    qtbot: QtBot, demo_path: Path, open_window: Callable[[Path], Window]
) -> None:
    window = open_window(demo_path)
    window.tabs.setCurrentWidget(window.action_plan)
    page = window.action_plan
    for _ in range(4):
        page.status_combo.setCurrentIndex(0)
        row = next(r for r, a in enumerate(page.visible_actions())
                   if a.status is not ActionStatus.AFGEROND)
        action_id = page.visible_actions()[row].id
        editor = open_status_editor(qtbot, page, row)
        qtbot.keyClick(editor, Qt.Key.Key_End)  # Afgerond
        qtbot.keyClick(editor, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)  # "&Status:"
        assert QApplication.focusWidget() is page.status_combo
        qtbot.keyClick(page.status_combo, Qt.Key.Key_Down)  # Open en bezig: that row goes
        run_deferred_deletes(qtbot)
        assert action_id not in {a.id for a in page.visible_actions()}

        page.status_combo.setCurrentIndex(0)
        editor = open_status_editor(qtbot, page, 0)
        qtbot.keyClick(editor, Qt.Key.Key_Home)  # Open
        page.urgent_check.toggle()
        assert page.view.state() != QAbstractItemView.State.EditingState
        if page.proxy.rowCount():
            open_status_editor(qtbot, page, 0)
            page.search.setText("zzz")
            assert page.view.state() != QAbstractItemView.State.EditingState
        run_deferred_deletes(qtbot)
        page.urgent_check.setChecked(False)
        page.search.clear()
    assert page.status_combo.currentIndex() == 0 and page.proxy.rowCount() == 5
