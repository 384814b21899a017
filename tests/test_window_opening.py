"""Opening a dossier in the window when something is off: read-only places, foreign locks, damage."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

import kmo_reintegratie.store.dossier as dossier_module
from kmo_reintegratie.store.backup import daily_backup
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.ui import main_window
from kmo_reintegratie.ui.main_window import MainWindow

FIXTURES = Path(__file__).parent / "fixtures"


def empty_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def name_field(window: MainWindow) -> QLineEdit:
    editor = window.pages["Organisatie"].findChild(QLineEdit, "name")
    assert editor is not None
    return editor


def test_a_dossier_on_read_only_media_opens_read_only_with_a_banner(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(dossier_module, "_writable", lambda path: False)
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    assert window.dossier is not None and window.dossier.read_only
    assert window.read_only_banner.isVisible()
    assert "niet schrijven" in window.read_only_banner.label.text()
    assert window.read_only_banner.copy_button.isVisible()
    assert not name_field(window).isEnabled()


def test_an_older_dossier_on_read_only_media_can_be_read(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "oud.kmo"
    shutil.copy(FIXTURES / "dossier_v1.kmo", path)
    monkeypatch.setattr(dossier_module, "_writable", lambda path: False)
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(path)
    assert "Bakkerij Van Oud" in window.windowTitle()
    assert "oudere versie" in window.read_only_banner.label.text()
    assert window.status_path.text() == str(path)


def test_a_writable_dossier_shows_no_banner(qtbot: QtBot, tmp_path: Path, dossier_path: Path) -> None:
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    assert not window.read_only_banner.isVisible()


def write_foreign_lock(dossier_path: Path) -> None:
    lock_path(dossier_path).write_text(json.dumps(
        {"pid": 4242, "host": "LAPTOP-X", "user": "els", "since": "06-12-2026 12:04", "token": "t"}
    ))


@pytest.mark.parametrize(("choice", "read_only"), [("take_over", False), ("read_only", True)])
def test_a_lock_of_another_computer_asks_before_taking_over(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch,
    choice: str, read_only: bool,
) -> None:
    write_foreign_lock(dossier_path)
    asked: list[str] = []

    def ask(_parent: object, error: Exception) -> str:
        asked.append(str(error))
        return choice

    monkeypatch.setattr(main_window, "ask_take_over", ask)
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    assert "LAPTOP-X sinds 06-12-2026 12:04" in asked[0]
    assert window.dossier is not None and window.dossier.read_only is read_only
    assert window.read_only_banner.isVisible() is read_only
    window.close()
    # Released on close only when taken over; a lock of another computer is never removed.
    assert lock_path(dossier_path).exists() is read_only


def test_cancel_on_a_foreign_lock_opens_nothing(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_foreign_lock(dossier_path)
    monkeypatch.setattr(main_window, "ask_take_over", lambda _parent, _error: "")
    window = empty_window(qtbot, tmp_path)
    assert not window.open_dossier(dossier_path)
    assert window.dossier is None


def test_a_damaged_dossier_offers_its_newest_backup(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Dossier.open(demo_path) as dossier:
        dossier_id = dossier.dossier_id
        name = dossier.organisation.get().name
    assert dossier_id is not None
    assert daily_backup(demo_path, dossier_id) is not None
    data = bytearray(demo_path.read_bytes())
    data[4096:12000] = b"\xff" * (12000 - 4096)
    demo_path.write_bytes(bytes(data))
    offered: list[str] = []

    def ask(_parent: object, error: Exception) -> bool:
        offered.append(getattr(error, "advice", ""))
        return True

    monkeypatch.setattr(main_window, "ask_restore_backup", ask)
    monkeypatch.setattr(QMessageBox, "information", lambda *args: QMessageBox.StandardButton.Ok)
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(demo_path)
    assert "reservekopie" in offered[0]
    assert window.dossier is not None and window.dossier.path != demo_path
    assert window.dossier.path.parent == demo_path.parent
    assert window.dossier.organisation.get().name == name
    assert bytes(data) == demo_path.read_bytes()  # the damaged file is kept for inspection


def test_opening_a_dossier_makes_the_days_backup_once(qtbot: QtBot, tmp_path: Path, dossier_path: Path) -> None:
    from kmo_reintegratie.store.backup import list_backups

    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    dossier_id = window.dossier.dossier_id
    qtbot.waitUntil(lambda: len(list_backups(dossier_id)) == 1)
    window.close()
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    assert window.backups_action.isEnabled()
    assert len(list_backups(dossier_id)) == 1


def test_no_backup_of_a_dossier_opened_read_only(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmo_reintegratie import paths

    monkeypatch.setattr(dossier_module, "_writable", lambda path: False)
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    assert not paths.backups_dir().exists()
