"""Bewerken › Ongedaan maken / Opnieuw for deletes, driven through the real window and pages."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierWriteError
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
from kmo_reintegratie.ui.pages.employees_page import EmployeesPage
from kmo_reintegratie.ui.pages.trajectories_page import TrajectoriesPage

# Every table a delete of an employee, absence, trajectory, certificate or contact can touch.
TABLES = ("employee", "employee_regime", "absence", "certificate", "partial_return",
          "contact_agreement", "contact_entry", "force_majeure_check", "trajectory",
          "plan_version", "motivated_report", "preventive_request")


def snapshot(path: Path) -> dict[str, list[dict[str, Any]]]:
    """All rows of the record tables, as another program opening the file would see them."""
    with Dossier.open(path, read_only=True) as dossier:
        return {table: list(dossier.db.query(f"SELECT * FROM {table} ORDER BY rowid"))
                for table in TABLES}


def make_window(qtbot: QtBot, tmp_path: Path, path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path))
    qtbot.addWidget(window)
    window.show()
    return window


def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "exec", lambda box: int(QMessageBox.StandardButton.Yes.value))


def ids(path: Path, table: str, name: str) -> list[int]:
    with Dossier.open(path, read_only=True) as dossier:
        return [row[0] for row in dossier.db.execute(
            f"SELECT t.id FROM {table} t JOIN employee e ON e.id = t.employee_id "
            "WHERE e.name = :n ORDER BY t.id", {"n": name})]


def menu_text(window: MainWindow) -> str:
    return window.undo_action.text().replace("&", "")


def press(qtbot: QtBot, window: MainWindow, key: Qt.Key) -> None:
    """Ctrl+<key> as the user types it, with the window active (shortcuts need that)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=2000)
    window.nav.setFocus()
    qtbot.keyClick(window.nav, key, Qt.KeyboardModifier.ControlModifier)


def undo_redo_and_reopen(qtbot: QtBot, tmp_path: Path, window: MainWindow, path: Path,
                         before: dict[str, list[dict[str, Any]]], text: str) -> None:
    """The delete just made is on the stack; undo, redo and undo it and check the file each time."""
    after = snapshot(path)
    assert after != before
    assert window.undo_action.isEnabled()
    assert text in menu_text(window)
    press(qtbot, window, Qt.Key.Key_Z)
    assert snapshot(path) == before
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()
    press(qtbot, window, Qt.Key.Key_Y)
    assert snapshot(path) == after
    window.undo_action.trigger()
    window.close()
    # Reopened: the record and all its children are back, with the same ids.
    assert snapshot(path) == before
    reopened = make_window(qtbot, tmp_path, path)
    assert not reopened.undo_action.isEnabled()


def test_undo_delete_of_an_employee_brings_back_everything(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = snapshot(demo_path)
    page = window.pages[EmployeesPage.nav_label]
    assert isinstance(page, EmployeesPage)
    window.go_to(EmployeesPage.nav_label)
    koen = next(e for e in page.visible_employees() if e.name == "Koen Verhaegen")
    page.select_employee(koen.id)
    answer_yes(monkeypatch)
    page.delete_button.click()
    assert "Koen Verhaegen" not in [e.name for e in page.visible_employees()]
    assert menu_text(window) == "Ongedaan maken: Medewerker Koen Verhaegen verwijderen"
    press(qtbot, window, Qt.Key.Key_Z)
    # The pages show it again without the user doing anything.
    assert "Koen Verhaegen" in [e.name for e in page.visible_employees()]
    trajectories = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(trajectories, TrajectoriesPage)
    assert trajectories.select_trajectory(ids(demo_path, "trajectory", "Koen Verhaegen")[0])
    press(qtbot, window, Qt.Key.Key_Y)
    assert "Koen Verhaegen" not in [e.name for e in page.visible_employees()]
    undo_and_close(window, demo_path, before)


def undo_and_close(window: MainWindow, path: Path, before: dict[str, list[dict[str, Any]]]) -> None:
    window.undo_action.trigger()
    window.close()
    assert snapshot(path) == before


def test_undo_delete_of_an_absence_restores_certificates_contacts_and_links(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = snapshot(demo_path)
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    window.go_to(AbsencesPage.nav_label)
    # Ahmed's first absence has a relapse and a trajectory pointing to it (ON DELETE SET NULL).
    first = ids(demo_path, "absence", "Ahmed Benali")[0]
    assert page.select_absence(first)
    answer_yes(monkeypatch)
    page.delete_button.click()
    assert not page.select_absence(first)
    undo_redo_and_reopen(qtbot, tmp_path, window, demo_path, before,
                         "Afwezigheid van Ahmed Benali vanaf")


def test_undo_delete_of_an_absence_with_certificates_and_contacts(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = snapshot(demo_path)
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
    assert page.select_absence(koen)
    answer_yes(monkeypatch)
    page.delete_button.click()
    after = snapshot(demo_path)
    children = after["certificate"] + after["contact_entry"]
    assert not any(row["absence_id"] == koen for row in children)
    window.undo_action.trigger()
    assert page.select_absence(koen)
    assert len(page.current_absence().certificates) == 4
    window.close()
    assert snapshot(demo_path) == before


def test_undo_delete_of_a_certificate(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = snapshot(demo_path)
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    window.go_to(AbsencesPage.nav_label)
    assert page.select_absence(ids(demo_path, "absence", "Koen Verhaegen")[-1])
    page.dates.certificates.selectRow(1)
    answer_yes(monkeypatch)
    page.dates.cert_delete.click()
    assert page.dates.certificates.model().rowCount() == 3
    assert menu_text(window).startswith("Ongedaan maken: Attest ")
    undo_redo_and_reopen(qtbot, tmp_path, window, demo_path, before, "verwijderen")


def test_undo_delete_of_a_contact(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = snapshot(demo_path)
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    window.go_to(AbsencesPage.nav_label)
    assert page.select_absence(ids(demo_path, "absence", "Koen Verhaegen")[-1])
    page.tabs.setCurrentIndex(1)
    page.contact.contacts.selectRow(0)
    answer_yes(monkeypatch)
    page.contact.delete_contact_button.click()
    assert page.contact.contacts.model().rowCount() == 5
    assert menu_text(window).startswith("Ongedaan maken: Contact van ")
    undo_redo_and_reopen(qtbot, tmp_path, window, demo_path, before, "verwijderen")


def test_undo_delete_of_a_trajectory_brings_back_its_plan(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = snapshot(demo_path)
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    window.go_to(TrajectoriesPage.nav_label)
    koen = ids(demo_path, "trajectory", "Koen Verhaegen")[0]
    assert page.select_trajectory(koen)
    answer_yes(monkeypatch)
    page.delete_button.click()
    assert not page.select_trajectory(koen)
    assert not any(row["trajectory_id"] == koen for row in snapshot(demo_path)["plan_version"])
    assert menu_text(window) == "Ongedaan maken: Traject van Koen Verhaegen verwijderen"
    window.undo_action.trigger()
    assert page.select_trajectory(koen)
    assert page.trajectory is not None and page.trajectory.id == koen
    window.redo_action.trigger()
    undo_and_close(window, demo_path, before)


def test_opening_another_dossier_clears_the_history(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, dossier_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    answer_yes(monkeypatch)
    page.delete_button.click()
    assert window.undo_action.isEnabled()
    assert window.open_dossier(dossier_path)
    assert window.undo_stack.count() == 0
    assert not window.undo_action.isEnabled() and not window.redo_action.isEnabled()


def test_a_read_only_dossier_has_nothing_to_undo(
        qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path, read_only=True))
    qtbot.addWidget(window)
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    assert not page.delete_button.isEnabled()
    assert window.events is not None and window.events.undo_stack is None
    assert not window.undo_action.isEnabled()


def test_restore_refuses_an_id_given_away_since(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        contact = dossier.db.execute("SELECT max(id) FROM contact_entry").fetchone()[0]
        deleted = dossier.absences.delete_contact(contact)
        # As if SQLite had handed the freed (highest) id to a new contact in the meantime.
        dossier.restore(deleted)
        with pytest.raises(DossierWriteError):
            dossier.restore(deleted)
        assert dossier.db.execute(
            "SELECT count(*) FROM contact_entry WHERE id = :id", {"id": contact}).fetchone()[0] == 1


def test_restore_is_one_transaction(demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Dossier.open(demo_path) as dossier:
        absence = ids(demo_path, "absence", "Koen Verhaegen")[-1]
        deleted = dossier.absences.delete(absence)
        kept = deleted.rows[:3] + (("no_such_table", {"id": 1}),)
        with pytest.raises(sqlite3.Error):
            dossier.restore(type(deleted)(kept, deleted.links))
        assert dossier.db.execute("SELECT count(*) FROM certificate WHERE absence_id = :id",
                                  {"id": absence}).fetchone()[0] == 0
        assert dossier.db.execute("SELECT count(*) FROM absence WHERE id = :id",
                                  {"id": absence}).fetchone()[0] == 0
