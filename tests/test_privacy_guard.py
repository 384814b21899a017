"""The privacy guard warns (never blocks) while medical words are typed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.privacy import NAMES_EXPLANATION, PRIVACY_EXPLANATION, PersonNames
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.models.action_model import Column
from kmo_reintegratie.ui.widgets.privacy_guard import PrivacyGuard, attach_privacy_guard
from kmo_reintegratie.ui.widgets.section_panel import SectionPanel


def guarded(qtbot: QtBot, editor: QLineEdit | QPlainTextEdit) -> tuple[QWidget, PrivacyGuard]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.addWidget(editor)
    guard = attach_privacy_guard(editor)
    layout.addWidget(guard.label)
    qtbot.addWidget(box)
    box.show()
    return box, guard


def test_medical_text_warns_under_the_field_and_marks_the_word(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    _box, guard = guarded(qtbot, editor)
    assert guard.label.isHidden()

    qtbot.keyClicks(editor, "hij heeft een depressie")
    # Debounced: nothing yet right after typing, the warning follows shortly.
    assert guard.label.isHidden()
    qtbot.waitUntil(lambda: guard.label.isVisible())

    assert guard.words == ["depressie"]
    assert guard.label.text().startswith("Let op: “depressie” lijkt medische informatie.")
    assert PRIVACY_EXPLANATION in guard.label.text()
    [selection] = editor.extraSelections()
    assert selection.cursor.selectedText() == "depressie"
    # A warning, not a block: the text is kept as typed.
    assert editor.toPlainText() == "hij heeft een depressie"


@pytest.mark.parametrize("text", [
    "operationeel",
    "De planning is weer operationeel.",
    "ziekenfonds",
    "Uitleg gegeven over de aangifte bij het ziekenfonds.",
    "Marc belt volgende week opnieuw; liefst in de voormiddag.",
])
def test_ordinary_words_do_not_warn(qtbot: QtBot, text: str) -> None:
    editor = QLineEdit()
    _box, guard = guarded(qtbot, editor)
    qtbot.keyClicks(editor, text)
    guard.check_now()
    assert guard.label.isHidden()
    assert guard.words == []
    assert editor.text() == text


def test_warning_lists_several_words_and_disappears_when_they_are_removed(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    _box, guard = guarded(qtbot, editor)
    with qtbot.waitSignal(guard.warning_changed) as blocker:
        qtbot.keyClicks(editor, "Burn-out, neemt medicatie")
    assert blocker.args == [["Burn-out", "medicatie"]]
    assert "lijken medische informatie" in guard.label.text()
    assert len(editor.extraSelections()) == 2

    with qtbot.waitSignal(guard.warning_changed):
        editor.setPlainText("Neemt contact op wanneer het past.")
    assert guard.label.isHidden()
    assert editor.extraSelections() == []


def test_a_guard_label_outside_a_layout_never_becomes_a_window(qtbot: QtBot) -> None:
    editor = QLineEdit("hernia")
    qtbot.addWidget(editor)
    guard = PrivacyGuard(editor)
    assert guard.has_warning()
    assert guard.label.isHidden()  # not shown until it has a place under the field
    box = QWidget()
    qtbot.addWidget(box)
    QVBoxLayout(box).addWidget(guard.label)
    assert not guard.label.isHidden()


# --------------------------------------------------------------------------- names for the committee


def test_a_guard_with_names_warns_about_people_too(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    names = PersonNames.from_names(["Koen Verhaegen", "Lotte De Wilde"])
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.addWidget(editor)
    guard = attach_privacy_guard(editor, names=lambda: names)
    layout.addWidget(guard.label)
    qtbot.addWidget(box)
    box.show()
    with qtbot.waitSignal(guard.warning_changed) as blocker:
        qtbot.keyClicks(editor, "Koen gaf aan dat hij een burn-out had; hij wilde niet bellen.")
    assert blocker.args == [["burn-out", "Koen"]]
    assert guard.names == ["Koen"] and guard.words == ["burn-out"]
    text = guard.label.text()
    assert "“Koen” is de naam van een persoon" in text and NAMES_EXPLANATION in text
    assert "“burn-out” lijkt medische informatie" in text
    assert sorted(s.cursor.selectedText() for s in editor.extraSelections()) == ["Koen", "burn-out"]


def test_the_same_name_in_a_field_without_names_does_not_warn(qtbot: QtBot) -> None:
    _box, guard = guarded(qtbot, QPlainTextEdit("Koen belt volgende week."))
    guard.check_now()
    assert not guard.has_warning() and guard.label.isHidden()


def open_section(qtbot: QtBot, tmp_path: Path, demo_path: Path, section: str) -> SectionPanel:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    window.go_to("Zelfevaluatie")
    page = window.pages["Zelfevaluatie"]
    page.select_section(section)
    return page.panel


def test_a_stored_comment_that_names_an_employee_warns_when_shown(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    with Dossier.open(demo_path) as dossier:
        latest = dossier.assessments.rounds()[0]
        dossier.assessments.set_comment(latest.id, "c3.s3.1", "Koen gaf aan dat een collega hielp.")
    panel = open_section(qtbot, tmp_path, demo_path, "c3.s3.1")
    assert panel.comment_guard.names == ["Koen"]
    assert panel.comment_guard.label.isVisible()
    assert "naam van een persoon" in panel.comment_guard.label.text()
    panel.comment.setPlainText("Een vaste collega hielp de eerste weken.")
    panel.comment_guard.check_now()
    assert panel.comment_guard.label.isHidden()


def test_a_person_added_after_the_names_were_read_is_warned_about_in_the_comment(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    panel = open_section(qtbot, tmp_path, demo_path, "c3.s3.1")
    panel.comment.setPlainText("Koen gaf aan dat een collega hielp.")
    panel.comment_guard.check_now()  # the dossier's names are read (and kept) here
    assert panel.comment_guard.names == ["Koen"]
    window = panel.window()
    assert isinstance(window, MainWindow)
    window.dossier.employees.add("Jozefien Van Orshoven")  # elsewhere, no page told
    panel.comment.setPlainText("Jozefien belt volgende week.")
    panel.comment_guard.check_now()
    assert panel.comment_guard.names == ["Jozefien"]
    assert "naam van een persoon" in panel.comment_guard.label.text()


def test_actions_warn_about_names_while_typed_and_in_the_table(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    panel = open_section(qtbot, tmp_path, demo_path, "c2.s2.1")
    qtbot.keyClicks(panel.new_what, "Met Lotte De Wilde haar terugkeer bespreken")
    qtbot.waitUntil(lambda: panel.new_what_guard.label.isVisible())
    assert panel.new_what_guard.names == ["Lotte De Wilde"]
    qtbot.keyClicks(panel.new_who, "Sofie Peeters (HR)")  # the one who acts: a name is expected
    qtbot.keyClick(panel.new_what, Qt.Key.Key_Return)
    assert panel.new_what_guard.label.isHidden()  # the row is empty again
    row = next(r for r in range(panel.model.rowCount())
               if panel.model.action_at(r).what.startswith("Met Lotte"))
    what = panel.model.index(row, Column.WHAT)
    who = panel.model.index(row, Column.WHO)
    assert what.data(Qt.ItemDataRole.DecorationRole) is not None
    assert "“Lotte De Wilde” is de naam van een persoon" in what.data(Qt.ItemDataRole.ToolTipRole)
    assert who.data(Qt.ItemDataRole.DecorationRole) is None
    clean = next(r for r in range(panel.model.rowCount()) if r != row)
    assert panel.model.index(clean, Column.WHAT).data(Qt.ItemDataRole.DecorationRole) is None

    # Editing the cell: the editor turns amber while a medical word is typed.
    panel.table.setCurrentIndex(what)
    panel.table.edit(what)
    editor = panel.table.indexWidget(what) or panel.table.focusWidget()
    assert isinstance(editor, QLineEdit)
    editor.setText("Na de hernia-operatie opvolgen")
    qtbot.waitUntil(lambda: "fff3cd" in editor.styleSheet())
    assert "medische informatie" in editor.toolTip()


def test_a_disguised_medical_word_warns_and_is_marked_as_typed(qtbot: QtBot) -> None:
    # A soft hyphen and a Cyrillic "е" (pasted from elsewhere) no longer hide the word.
    typed = "Na de d\u0435pres\u00adsie belt hij 😀 over de kan\u200bker."
    editor = QPlainTextEdit(typed)
    _box, guard = guarded(qtbot, editor)
    guard.check_now()
    assert guard.words == ["d\u0435pres\u00adsie", "kan\u200bker"]
    assert guard.label.isVisible()
    marked = sorted(s.cursor.selectedText() for s in editor.extraSelections())
    assert marked == sorted(guard.words)
