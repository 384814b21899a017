"""The privacy guard warns (never blocks) while medical words are typed."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.privacy import PRIVACY_EXPLANATION
from kmo_reintegratie.ui.widgets.privacy_guard import PrivacyGuard, attach_privacy_guard


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
