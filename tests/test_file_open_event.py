"""A dossier handed over by the system (macOS Finder sends a QFileOpenEvent, not argv)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.app import install_file_open_handler, open_handed_over
from kmo_reintegratie.ui.main_window import MainWindow


def make_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def hand_over(path: Path) -> bool:
    app = QApplication.instance()
    assert app is not None
    return QApplication.sendEvent(app, QFileOpenEvent(str(path)))


def test_a_dossier_handed_over_while_running_opens_in_the_window(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, demo_path: Path
) -> None:
    app = QApplication.instance()
    window = make_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    handler = install_file_open_handler(app)  # type: ignore[arg-type]
    try:
        handler.deliver_to(lambda path: open_handed_over(window, path))
        assert hand_over(demo_path)
        assert window.dossier is not None
        assert window.dossier.origin == demo_path.absolute()
        assert "Ter Linde" in window.windowTitle()
        # The dossier left behind is closed properly: its lock is released.
        again = Dossier.open(dossier_path)
        again.close()
    finally:
        app.removeEventFilter(handler)  # type: ignore[union-attr]


def test_a_dossier_handed_over_before_the_window_exists_is_kept_for_it(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    app = QApplication.instance()
    handler = install_file_open_handler(app)  # type: ignore[arg-type]
    try:
        assert hand_over(demo_path)
        assert handler.take_pending() == demo_path
        assert handler.take_pending() is None  # handed to one caller only

        hand_over(demo_path)
        window = make_window(qtbot, tmp_path)
        handler.deliver_to(window.open_dossier)
        assert window.dossier is not None
        assert window.dossier.origin == demo_path.absolute()
    finally:
        app.removeEventFilter(handler)  # type: ignore[union-attr]


def test_typing_still_works_with_the_handler_installed(qtbot: QtBot) -> None:
    app = QApplication.instance()
    handler = install_file_open_handler(app)  # type: ignore[arg-type]
    opened: list[Path] = []
    handler.deliver_to(opened.append)
    try:
        field = QLineEdit()
        qtbot.addWidget(field)
        field.show()
        qtbot.keyClicks(field, "Ter Linde")
        assert field.text() == "Ter Linde"
        # An event without a file is not a hand-over: left to Qt, nothing opened.
        assert not QApplication.sendEvent(app, QFileOpenEvent(""))
        assert opened == []
    finally:
        app.removeEventFilter(handler)  # type: ignore[union-attr]
