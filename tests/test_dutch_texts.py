"""Dutch everywhere: Qt's standard buttons and the command line's own texts (issue 15, point 2)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.__main__ import main


def test_the_command_line_help_and_errors_are_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    help_text = capsys.readouterr().out
    assert help_text.startswith("gebruik: kmo-reintegratie")
    assert "toon deze hulp en stop" in help_text and "opties:" in help_text
    assert "show this help" not in help_text and "usage" not in help_text
    with pytest.raises(SystemExit) as raised:
        main(["export"])
    assert raised.value.code == 2
    assert "fout: deze argumenten ontbreken: DOSSIER, DOCUMENT, -o/--output" in capsys.readouterr().err


def test_qt_standard_buttons_are_dutch(qtbot: QtBot) -> None:
    from kmo_reintegratie.ui.app import make_application

    make_application()
    box = QMessageBox(QMessageBox.Icon.Question, "Vraag", "Doorgaan?",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    texts = {b.text().replace("&", "") for b in box.buttons()}
    assert texts == {"Ja", "Nee"}
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    assert {b.text().replace("&", "") for b in buttons.buttons()} == {"OK", "Annuleren"}


def test_window_titles_carry_no_command_line_syntax() -> None:
    from kmo_reintegratie.documents.registry import DOCUMENTS

    assert all("-o" not in kind.description for kind in DOCUMENTS.values())
    assert DOCUMENTS["contactlog"].usage.endswith("(-o MAP)")  # the command line still says it
