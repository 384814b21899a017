"""Zelfevaluatie driven through the real widgets, as a consultant would in a meeting."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.assessment import Answer, Change, section_state
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.assessment_page import AssessmentPage

TODAY = date(2026, 11, 22)


def open_page(qtbot: QtBot, tmp_path: Path, path: Path) -> tuple[MainWindow, AssessmentPage]:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    window.go_to("Zelfevaluatie")
    page = window.pages["Zelfevaluatie"]
    assert isinstance(page, AssessmentPage)
    return window, page


def new_round(page: AssessmentPage, monkeypatch: pytest.MonkeyPatch, *, copy: bool) -> None:
    from kmo_reintegratie.ui.dialogs import new_round as module

    def fake_exec(dialog: QDialog) -> int:
        (dialog.copy_radio if copy else dialog.empty_radio).setChecked(True)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(module.NewRoundDialog, "exec", fake_exec)
    page.new_round_button.click()


def test_empty_dossier_invites_to_start_a_round(qtbot: QtBot, tmp_path: Path, dossier_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    _window, page = open_page(qtbot, tmp_path, dossier_path)
    assert page.empty_state.isVisible() and not page.splitter.isVisible()
    new_round(page, monkeypatch, copy=False)
    assert page.splitter.isVisible()
    assert page.round is not None and page.round.title == "Zelfevaluatie 2026"


def test_click_and_key_each_smiley_and_find_answers_after_reopening(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window, page = open_page(qtbot, tmp_path, dossier_path)
    new_round(page, monkeypatch, copy=False)
    page.select_section("c1.s1.1")
    choices = page.panel.choices
    qtbot.mouseClick(choices["c1.q1.1.1"].buttons[Answer.TOEGEPAST], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(choices["c1.q1.1.2"].buttons[Answer.OVERWEGEN], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(choices["c1.q1.1.3"].buttons[Answer.TEKORTKOMING], Qt.MouseButton.LeftButton)
    qtbot.keyClick(choices["c1.q1.1.4"], Qt.Key.Key_3)
    qtbot.keyClick(choices["c1.q1.1.4"], Qt.Key.Key_Left)  # 3 → 2
    assert page.overall.tally().answered == 4
    # Clearing with the keyboard, then answering again with 1.
    qtbot.keyClick(choices["c1.q1.1.2"], Qt.Key.Key_0)
    qtbot.keyClick(choices["c1.q1.1.2"], Qt.Key.Key_1)
    round_id = page.round.id
    window.close()

    with Dossier.open(dossier_path) as dossier:
        answers = dossier.assessments.answers(round_id)
    assert answers == {
        "c1.q1.1.1": Answer.TOEGEPAST,
        "c1.q1.1.2": Answer.TOEGEPAST,
        "c1.q1.1.3": Answer.TEKORTKOMING,
        "c1.q1.1.4": Answer.OVERWEGEN,
    }
    window, page = open_page(qtbot, tmp_path, dossier_path)
    page.select_section("c1.s1.1")
    assert page.panel.choices["c1.q1.1.3"].answer() is Answer.TEKORTKOMING


def test_boze_smiley_demands_an_action_until_one_is_written(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, dossier_path)
    new_round(page, monkeypatch, copy=False)
    page.select_section("c2.s1.1")
    panel = page.panel
    qtbot.mouseClick(panel.choices["c2.q1.1.1"].buttons[Answer.TOEGEPAST], Qt.MouseButton.LeftButton)
    assert not panel.actions_box.isVisible()
    assert not panel.guidance.isVisible()  # all ☺: advice folded away
    qtbot.mouseClick(panel.choices["c2.q1.1.1"].buttons[Answer.TEKORTKOMING], Qt.MouseButton.LeftButton)
    assert panel.actions_box.isVisible() and panel.guidance.isVisible()
    assert panel.action_needed_note.isVisible()
    assert panel.badge.text().strip() == "Actie nodig"
    marked = page.tree_model.index_of_section("c2.s1.1")
    assert marked.data().startswith("1.1 ! ")
    assert marked.data(Qt.ItemDataRole.AccessibleTextRole).endswith(": Actie nodig")
    assert marked.data(Qt.ItemDataRole.ToolTipRole).endswith("\nActie nodig")

    # An empty action is not stored; a wrong date is refused next to the fields.
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert "Beschrijf eerst" in panel.action_message.text()
    qtbot.keyClicks(panel.new_what, "Huisregels over afwezigheden op papier zetten")
    qtbot.keyClicks(panel.new_who, "Sofie (HR)")
    qtbot.keyClicks(panel.new_due, "31-02-2027")
    qtbot.keyClick(panel.new_due, Qt.Key.Key_Return)
    assert "bestaat niet" in panel.action_message.text()
    assert panel.model.rowCount() == 0
    panel.new_due.clear()
    qtbot.keyClicks(panel.new_due, "28-02-2027")
    qtbot.keyClick(panel.new_due, Qt.Key.Key_Return)
    assert panel.model.rowCount() == 1
    assert not panel.action_needed_note.isVisible()
    assert panel.badge.text().strip() == "Actie gepland"
    with Dossier.open(dossier_path, read_only=True) as dossier:
        action = dossier.assessments.actions(page.round.id)[0]
    assert action.who == "Sofie (HR)" and action.due == date(2027, 2, 28)


def test_deleting_an_action_asks_and_can_be_undone(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, demo_path)
    page.select_section("c3.s3.1")
    panel = page.panel
    assert panel.model.rowCount() == 1
    panel.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.delete_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 0
    qtbot.mouseClick(panel.undo_button, Qt.MouseButton.LeftButton)
    assert panel.model.rowCount() == 1


def test_new_round_from_earlier_copies_answers_and_keeps_earlier_read_only(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, demo_path)
    previous = page.round
    assert previous is not None and previous.title == "Zelfevaluatie 2026"
    page.select_section("c1.s1.1")
    before = {q: c.answer() for q, c in page.panel.choices.items()}
    new_round(page, monkeypatch, copy=True)
    assert page.round.id != previous.id
    assert {q: c.answer() for q, c in page.panel.choices.items()} == before
    assert page.round_combo.count() == 3

    page.round_combo.setCurrentIndex(page.round_combo.findData(previous.id))
    assert page.closed_bar.isVisible()
    assert not page.panel.choices["c1.q1.1.1"].buttons[Answer.TOEGEPAST].isEnabled()
    qtbot.mouseClick(page.unlock_button, Qt.MouseButton.LeftButton)
    assert page.panel.choices["c1.q1.1.1"].buttons[Answer.TOEGEPAST].isEnabled()


def test_filter_shows_only_sections_that_need_action(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    _window, page = open_page(qtbot, tmp_path, demo_path)
    page.filter_combo.setCurrentIndex(page.filter_combo.findData("actie_nodig"))
    shown = []
    for row in range(page.proxy.rowCount()):
        parent = page.proxy.index(row, 0)
        shown += [page.proxy.index(r, 0, parent).data() for r in range(page.proxy.rowCount(parent))]
    assert shown and all(" ! " in text for text in shown)


def test_comparison_dialog_counts_changes(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    from kmo_reintegratie.ui.dialogs.round_comparison import RoundComparisonDialog

    _window, page = open_page(qtbot, tmp_path, demo_path)
    dialog = RoundComparisonDialog(page._dossier, page._instrument)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 35
    assert "beter" in dialog.summary.text() and "slechter" in dialog.summary.text()
    counts = dialog.model.counts()
    assert sum(counts.values()) == 35 and counts[Change.BETTER] > 0
    # "Nu" says what the section tree says: a ☹ with an action is "Actie gepland", not "nodig".
    current = page.round.id
    answers = page._dossier.assessments.answers(current)
    actions = page._dossier.assessments.actions(current)
    now = {dialog.model.index(r, 0).data(): dialog.model.index(r, 2).data() for r in range(35)}
    for section in page._instrument.all_sections():
        expected = section_state(
            [answers.get(q.id) for q in section.questions],
            sum(1 for a in actions if a.section_id == section.id),
        )
        checklist = section.id.split(".")[0][1:]
        assert now[f"{checklist}/{section.number} {section.title}"].startswith(expected.label)
    assert "Actie nodig" in now.values() or "Actie gepland" in now.values()


def test_a_neutral_smiley_unfolds_advice_before_the_section_is_complete(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, dossier_path)
    new_round(page, monkeypatch, copy=False)
    page.select_section("c1.s1.1")
    panel = page.panel
    assert not panel.guidance.isVisible() and not panel.actions_box.isVisible()
    qtbot.keyClick(panel.choices["c1.q1.1.1"], Qt.Key.Key_2)  # 😐 on the first of four
    assert panel.guidance.isVisible() and panel.actions_box.isVisible()
    assert panel.badge.text().strip() == "Onvolledig beantwoord"


def test_tab_goes_from_smiley_to_smiley(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, dossier_path)
    new_round(page, monkeypatch, copy=False)
    page.select_section("c1.s1.1")
    choices = list(page.panel.choices.values())
    assert [c.nextInFocusChain() for c in choices[:-1]] == choices[1:]
    assert choices[-1].nextInFocusChain() is page.panel.guidance_toggle


def test_a_typed_action_is_not_lost_when_moving_to_another_section(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, dossier_path)
    new_round(page, monkeypatch, copy=False)
    panel = page.panel
    page.select_section("c1.s1.1")
    qtbot.keyClick(panel.choices["c1.q1.1.1"], Qt.Key.Key_3)
    qtbot.keyClicks(panel.new_what, "Afwezigheidsbeleid uitschrijven")
    page.select_section("c1.s1.2")  # left without clicking Toevoegen: stored in 1.1 anyway
    assert panel.new_what.text() == ""
    with Dossier.open(dossier_path, read_only=True) as dossier:
        stored = [(a.section_id, a.what) for a in dossier.assessments.actions(page.round.id)]
    assert stored == [("c1.s1.1", "Afwezigheidsbeleid uitschrijven")]

    qtbot.keyClicks(panel.new_what, "Teamoverleg")
    qtbot.keyClicks(panel.new_due, "31-02-2027")  # refused: kept as a draft of 1.2
    page.select_section("c1.s1.3")
    assert panel.new_what.text() == "" and panel.new_due.text() == ""
    page.select_section("c1.s1.2")
    assert panel.new_what.text() == "Teamoverleg" and panel.new_due.text() == "31-02-2027"
    assert "weer" in panel.action_message.text()


def test_round_menu_renames_closes_and_deletes_a_round(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmo_reintegratie.ui.dialogs import new_round as module

    _window, page = open_page(qtbot, tmp_path, demo_path)
    rounds = page.round_combo.count()
    current = page.round

    def fake_exec(dialog: QDialog) -> int:
        assert dialog.windowTitle() == "Ronde wijzigen" and not dialog.copy_radio.isVisible()
        dialog.title_edit.setText("Zelfevaluatie najaar")
        dialog.date_edit.setText("15-11-2026")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(module.NewRoundDialog, "exec", fake_exec)
    page.rename_round_action.trigger()
    assert page.round.id == current.id and page.round.title == "Zelfevaluatie najaar"
    assert page.round_combo.currentText().startswith("Zelfevaluatie najaar — 15-11-2026")

    page.close_round_action.trigger()
    assert page.round.closed and page.closed_bar.isVisible()
    assert page.close_round_action.text() == "Ronde &heropenen"
    page.close_round_action.trigger()
    assert not page.round.closed and not page.closed_bar.isVisible()

    answers: list[str] = []

    def refuse(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        answers.append(str(args[2]))
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(QMessageBox, "question", refuse)
    page.delete_round_action.trigger()
    assert page.round_combo.count() == rounds and "Zelfevaluatie najaar" in answers[0]
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_round_action.trigger()
    assert page.round_combo.count() == rounds - 1
    assert page.round is not None and page.round.id != current.id


def test_digit_keys_in_the_section_tree_answer_the_open_question_and_never_overwrite(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _window, page = open_page(qtbot, tmp_path, dossier_path)
    new_round(page, monkeypatch, copy=False)
    page.select_section("c1.s1.2")
    choices = page.panel.choices
    questions = list(choices)
    qtbot.mouseClick(choices[questions[0]].buttons[Answer.TOEGEPAST], Qt.MouseButton.LeftButton)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_3)
    # Still in section 1.2 (no type-to-search jump), and the second question got the answer.
    assert page.panel.section is not None and page.panel.section.id == "c1.s1.2"
    assert choices[questions[1]].answer() is Answer.TEKORTKOMING
    assert choices[questions[0]].answer() is Answer.TOEGEPAST
    for question in questions[2:]:
        qtbot.mouseClick(choices[question].buttons[Answer.OVERWEGEN], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: all(c.isVisible() for c in choices.values()))  # shown by the event loop
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_2)
    assert choices[questions[0]].answer() is Answer.TOEGEPAST
    assert page.window().focusWidget() is choices[questions[0]]


def test_comparison_shows_the_score_when_the_state_stays_the_same() -> None:
    from kmo_reintegratie.assessment import Answer
    from kmo_reintegratie.instrument import load_instrument
    from kmo_reintegratie.ui.dialogs.round_comparison import ComparisonModel

    instrument = load_instrument()
    section = next(s for s in instrument.all_sections() if len(s.questions) >= 2)
    first, second = section.questions[0].id, section.questions[1].id
    before = {first: Answer.TEKORTKOMING, second: Answer.TEKORTKOMING}
    after = {first: Answer.OVERWEGEN, second: Answer.TEKORTKOMING}
    model = ComparisonModel(instrument)
    model.compare(before, after)
    row = next(r for r in range(model.rowCount()) if section.title in model.index(r, 0).data())
    old, new, change = (model.index(row, c).data() for c in (1, 2, 3))
    assert change == "Beter"
    assert old != new and "0,0 van 2" in old and "0,5 van 2" in new
