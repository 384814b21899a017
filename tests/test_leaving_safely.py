"""Leaving a dossier always closes it: pending saves, late print jobs and double saves.

Each test reproduces an exception that random input on the window found (issue 12); pytest-qt
fails a test on an exception in a Qt slot, so a passing test means it no longer happens.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.ui import printing
from kmo_reintegratie.ui.background import wait_for_background_jobs
from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage
from kmo_reintegratie.ui.pages.trajectories_page import TrajectoriesPage


def make_window(qtbot: QtBot, tmp_path: Path, path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    return window


def test_closing_releases_the_lock_when_a_pending_save_fails(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warnings.append(text))
    window = make_window(qtbot, tmp_path, dossier_path)
    page = window.pages[OrganisationPage.nav_label]
    assert isinstance(page, OrganisationPage)

    def broken_save(name: str, text: str) -> str:
        raise ValueError("invalid literal for int() with base 10: '²'")

    monkeypatch.setattr(page, "_save", broken_save)
    editor = page.fields["employee_count"].editor
    qtbot.keyClicks(editor, "12")  # waits for the typing pause: the save is pending
    assert page.fields["employee_count"].pending
    dossier = window.dossier
    assert dossier is not None and lock_path(dossier_path).exists()

    window.close()

    assert window.dossier is None and not lock_path(dossier_path).exists()
    with pytest.raises(Exception):  # noqa: B017 (closed: sqlite3.ProgrammingError)
        dossier.organisation.get()
    assert warnings and warnings[0].startswith("Niet alles kon bewaard worden: ")
    Dossier.open(dossier_path).close()  # not locked: opens without a question


def test_employee_count_with_superscript_two_is_refused_not_raised(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    page = window.pages[OrganisationPage.nav_label]
    assert isinstance(page, OrganisationPage)
    for text in ("²", "1" * 5_000):
        field = page.fields["employee_count"]
        field.load("")
        field.editor.setText(text)
        assert field.commit() is False and field.error
    window.close()
    assert not lock_path(dossier_path).exists()


def test_typed_trajectory_text_is_stored_before_switching_dossiers(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    other = tmp_path / "ander.kmo"
    shutil.copyfile(demo_path, other)
    window = make_window(qtbot, tmp_path, demo_path)
    window.go_to(TrajectoriesPage.nav_label)
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage) and window.dossier is not None
    trajectory = window.dossier.trajectories.list()[0]
    assert page.select_trajectory(trajectory.id)
    field = page.details.fields["consultation_participants"]
    field.editor.setFocus()
    qtbot.keyClicks(field.editor, " en de vakbondsafgevaardigde")
    assert field.pending

    assert window.open_dossier(other)
    qtbot.wait(600)  # past the 400 ms typing pause of the page that is gone

    assert not lock_path(demo_path).exists()
    with Dossier.open(demo_path, read_only=True) as first:
        stored = first.trajectories.get(trajectory.id).consultation_participants
    assert "en de vakbondsafgevaardigde" in stored
    window.close()


def test_a_print_job_that_outlives_its_page_only_removes_its_folder(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folders: list[printing.PreviewFolder] = []
    original = printing.PreviewFolder.__init__

    def remember(self: printing.PreviewFolder) -> None:
        original(self)
        folders.append(self)

    monkeypatch.setattr(printing.PreviewFolder, "__init__", remember)
    for name in ("analyse", "zelfevaluatie"):
        page = QWidget()
        page.show()
        printing.print_document(page, demo_path, name)
        shiboken6.delete(page)  # the dossier was switched before the PDF was ready
        assert wait_for_background_jobs()
        qtbot.wait(50)  # the job's result is delivered through the event loop
        assert not folders[-1].path.exists()


def test_a_failing_print_job_after_its_page_is_gone_is_quiet(
    qtbot: QtBot, dossier_path: Path
) -> None:
    page = QWidget()
    page.show()
    printing.print_document(page, dossier_path, "zelfevaluatie")  # refused: no round yet
    shiboken6.delete(page)
    assert wait_for_background_jobs()
    qtbot.wait(50)


def test_new_employee_dialog_saves_once_when_enter_is_pressed_twice(
    qtbot: QtBot, dossier_path: Path
) -> None:
    with Dossier.open(dossier_path) as dossier:
        dialog = EmployeeDialog(dossier, date.today())
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.editors["name"].setText("An Peeters")  # type: ignore[union-attr]
        dialog.editors["hours"].setText("38")  # type: ignore[union-attr]
        qtbot.keyClick(dialog.editors["name"], Qt.Key.Key_Return)
        dialog.buttons.accepted.emit()  # the second Enter, queued before the dialog closed
        assert dialog.save() is True
        assert [e.name for e in dossier.employees.list()] == ["An Peeters"]


def test_employee_fields_have_the_domain_limits(qtbot: QtBot, dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        dialog = EmployeeDialog(dossier, date.today())
        qtbot.addWidget(dialog)
        assert dialog.editors["email"].maxLength() == 254  # type: ignore[union-attr]
        assert dialog.editors["phone"].maxLength() == 40  # type: ignore[union-attr]
        assert dialog.editors["name"].maxLength() == 200  # type: ignore[union-attr]


def test_absence_and_contact_dialogs_store_once_when_accepted_twice(
    qtbot: QtBot, dossier_path: Path
) -> None:
    from kmo_reintegratie.ui.dialogs.absence_dialog import AbsenceDialog
    from kmo_reintegratie.ui.dialogs.contact_dialog import ContactDialog

    today = date.today()
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Els Wuyts")
        dialog = AbsenceDialog(dossier, today)
        qtbot.addWidget(dialog)
        dialog.employee.setCurrentText("Els Wuyts")
        dialog.starts.setText(today.strftime("%d-%m-%Y"))
        dialog.accept()
        dialog.accept()
        [absence] = dossier.absences.all()

        contact = ContactDialog(dossier, absence, today)
        qtbot.addWidget(contact)
        contact.date.setText(today.strftime("%d-%m-%Y"))
        contact.made_by.setText("Marc")
        contact.accept()
        contact.accept()
        assert len(dossier.absences.get(absence.id).contacts) == 1
