"""The main window as a user meets it, driven through the real widgets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QMessageBox, QTextBrowser
from pytestqt.qtbot import QtBot

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage


def make_window(qtbot: QtBot, tmp_path: Path, dossier_path: Path | None) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    dossier = Dossier.open(dossier_path) if dossier_path else None
    window = MainWindow(settings, dossier)
    qtbot.addWidget(window)
    window.show()
    return window


def org_editor(window: MainWindow, name: str) -> QLineEdit:
    page = window.pages["Organisatie"]
    editor = page.findChild(QLineEdit, name)
    assert editor is not None
    return editor


def test_edit_organisation_name_survives_closing_and_reopening(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    editor = org_editor(window, "name")
    qtbot.mouseClick(editor, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor, "Schrijnwerkerij Ruiz & Zonen")
    qtbot.waitUntil(lambda: "Schrijnwerkerij Ruiz & Zonen" in window.windowTitle(), timeout=2000)
    window.close()

    window = make_window(qtbot, tmp_path, dossier_path)
    assert org_editor(window, "name").text() == "Schrijnwerkerij Ruiz & Zonen"


def test_typing_is_stored_after_a_pause_without_leaving_the_field(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    editor = org_editor(window, "city")
    qtbot.keyClicks(editor, "Mechelen")
    assert window.dossier is not None
    qtbot.waitUntil(lambda: window.dossier.organisation.get().city == "Mechelen", timeout=2000)


def test_wrong_enterprise_number_shows_message_and_is_not_stored(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    page = window.pages["Organisatie"]
    assert isinstance(page, OrganisationPage)
    editor = org_editor(window, "enterprise_number")
    qtbot.keyClicks(editor, "BE0456789134")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    message = page.fields["enterprise_number"].error_label
    assert message.isVisibleTo(page)
    assert "controlecijfers" in message.text()
    assert editor.text() == "BE0456789134"  # kept for correction, not dropped
    assert window.dossier.organisation.get().enterprise_number == ""

    editor.clear()
    qtbot.keyClicks(editor, "be0456789133")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert not message.isVisibleTo(page)
    assert editor.text() == "0456.789.133"
    assert window.dossier.organisation.get().enterprise_number == "0456789133"


def test_employee_count_updates_the_size_notes(qtbot: QtBot, tmp_path: Path, dossier_path: Path) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    editor = org_editor(window, "employee_count")
    qtbot.keyClicks(editor, "55")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    notes = window.pages["Organisatie"].findChild(QLabel, "sizeNotes")
    assert "50 werknemers of meer" in notes.text()


def test_instrument_view_shows_sections_and_attribution(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    item = window.nav.findItems("Instrument", Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(
        window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center()
    )
    page = window.current_page()
    browser = page.findChild(QTextBrowser)
    assert "Hoe dit instrument gebruiken?" in browser.toPlainText()
    assert "Citéa" in browser.toPlainText()
    tree = page.tree
    first_checklist = tree.model().index(1, 0)
    tree.setCurrentIndex(tree.model().index(0, 0, first_checklist))
    assert "Worden er op regelmatige basis risicoanalyses uitgevoerd?" in browser.toPlainText()


def test_recent_dossiers_are_remembered(qtbot: QtBot, tmp_path: Path, dossier_path: Path) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    other = tmp_path / "Tweede klant.kmo"
    Dossier.create(other).close()
    assert window.open_dossier(other)
    window.close()
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    assert window.recent_dossiers()[:2] == [other.absolute(), dossier_path.absolute()]


def test_opening_a_text_file_shows_a_dutch_error_and_keeps_current_dossier(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, title, text: shown.append(text))
    window = make_window(qtbot, tmp_path, dossier_path)
    bad = tmp_path / "notities.kmo"
    bad.write_text("geen dossier", encoding="utf-8")
    assert not window.open_dossier(bad)
    assert shown and "geen KMO Re-integratie-dossier" in shown[0]
    assert window.dossier is not None and window.dossier.path == dossier_path.absolute()
    assert bad.read_text(encoding="utf-8") == "geen dossier"


def test_dossier_open_elsewhere_can_be_opened_read_only(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmo_reintegratie.ui import main_window

    monkeypatch.setattr(main_window, "ask_open_read_only", lambda _parent, _error: True)
    holder = Dossier.open(dossier_path)
    try:
        window = make_window(qtbot, tmp_path, None)
        assert window.open_dossier(dossier_path)
        assert window.dossier.read_only
        assert "alleen-lezen" in window.windowTitle()
        assert not org_editor(window, "name").isEnabled()
        window.close()
    finally:
        holder.close()


def test_information_letter_paragraph_is_edited_once_per_dossier(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    from PySide6.QtWidgets import QPlainTextEdit

    window = make_window(qtbot, tmp_path, dossier_path)
    editor = window.pages["Organisatie"].findChild(QPlainTextEdit, "infobrief.inleiding")
    assert "In deze brief vindt u" in editor.toPlainText()  # the default until changed
    editor.selectAll()
    qtbot.keyClicks(editor, "Beste collega, we denken aan je.")
    assert window.dossier is not None
    qtbot.waitUntil(
        lambda: window.dossier.absences.document_text("infobrief.inleiding", "") == "Beste collega, we denken aan je.",
        timeout=2000,
    )
