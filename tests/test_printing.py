"""Printing from the window: the document is made in the background and previewed."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, time
from pathlib import Path

import pytest

from pypdf import PdfReader
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QPageLayout
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Channel
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.background import wait_for_background_jobs
from kmo_reintegratie.ui.dialogs.print_check import PrintCheckDialog
from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog
from kmo_reintegratie.ui.main_window import MainWindow


def open_window(qtbot: QtBot, tmp_path: Path, demo_path: Path, area: str) -> MainWindow:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    window.go_to(area)
    assert window.nav.currentItem().text() == area
    return window


def press_in_print_check(qtbot: QtBot, window: QWidget, button: str) -> PrintCheckDialog:
    """Wait for the check before printing and press its "Toch afdrukken" or "Annuleren"."""
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(window.findChildren(PrintCheckDialog)), timeout=20_000)
    [dialog] = window.findChildren(PrintCheckDialog)
    assert dialog.isVisible()
    qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    wait_for_background_jobs()
    return dialog


def click_for_preview(qtbot: QtBot, window: MainWindow, button: QPushButton) -> PrintPreviewDialog:
    """Click ``button`` and wait for the preview of the document it makes."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(window.findChildren(PrintPreviewDialog)), timeout=20_000)
    return window.findChildren(PrintPreviewDialog)[0]


def name_koen_in_a_comment(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        latest = dossier.assessments.rounds()[0]
        dossier.assessments.set_comment(
            latest.id, "c3.s3.1", "Koen gaf aan dat een vaste collega de eerste weken hielp.")


def test_report_button_opens_a_preview_of_the_round_on_screen(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    name_koen_in_a_comment(demo_path)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    window.go_to("Zelfevaluatie")
    page = window.pages["Zelfevaluatie"]
    page.print_report_button.click()
    # The comment "Koen gaf aan dat…" goes to the committee: printed after a yes.
    press_in_print_check(qtbot, window, "print_button")

    def preview() -> PrintPreviewDialog | None:
        found = window.findChildren(PrintPreviewDialog)
        return found[0] if found else None

    qtbot.waitUntil(lambda: preview() is not None, timeout=20_000)
    dialog = preview()
    assert dialog.document.pageCount() > 5
    assert dialog.pdf.exists() and dialog.pdf.read_bytes().startswith(b"%PDF")
    dialog.close()


def test_contact_log_of_the_selected_absence_is_previewed(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    overview = window.current_page()
    names = [overview.absent.model().index(r, 0).data() for r in range(overview.absent.model().rowCount())]
    overview.absent.doubleClicked.emit(overview.absent.model().index(names.index("Koen Verhaegen"), 0))
    page = window.current_page()
    assert window.nav.currentItem().text() == "Afwezigheden"
    page.contact.print_log_button.click()
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(window.findChildren(PrintPreviewDialog)), timeout=20_000)
    dialog = window.findChildren(PrintPreviewDialog)[0]
    assert "Koen" in dialog.pdf.name
    dialog.close()


def test_plan_of_the_selected_trajectory_is_previewed(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    with Dossier.open(demo_path, read_only=True) as dossier:
        koen = next(t for t in dossier.trajectories.list() if t.current_plan is not None)
    window.events.trajectory_requested.emit(koen.id)
    assert window.nav.currentItem().text() == "Trajecten"
    window.pages["Trajecten"].print_requested.emit(koen.id, "plan")
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(window.findChildren(PrintPreviewDialog)), timeout=20_000)
    dialogs = window.findChildren(PrintPreviewDialog)
    assert len(dialogs) == 1 and "plan" in dialogs[0].pdf.name
    dialogs[0].close()


def test_analyse_page_prints_the_period_and_department_on_screen(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, demo_path, "Analyse")
    page = window.current_page()
    qtbot.waitUntil(lambda: page.result() is not None and not page.is_busy(), timeout=20_000)
    department = page.department_combo.itemData(1)
    page.department_combo.setCurrentIndex(1)
    options = page.print_options("analyse")
    assert options.department == department
    assert options.date_from == f"{date.today().year}-01-01"
    dialog = click_for_preview(qtbot, window, page.print_analysis_button)
    text = "".join(p.extract_text() for p in PdfReader(dialog.pdf).pages)
    assert department in text and "Afwezigheidspercentage" in text
    dialog.close()


def test_annual_report_button_prints_the_chosen_year(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, demo_path, "Analyse")
    page = window.current_page()
    year = date.today().year - 1
    page.report_year_spin.setValue(year)
    dialog = click_for_preview(qtbot, window, page.print_report_button)
    text = "".join(p.extract_text() for p in PdfReader(dialog.pdf).pages)
    assert f"Jaarverslag re-integratie {year}" in text
    assert "Koen" not in text  # anonymised: no names
    dialog.close()


def test_landscape_action_plan_prints_on_a_landscape_page(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrinter

    from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
    from kmo_reintegratie.ui.dialogs.print_preview import page_orientation, print_pdf

    with Dossier.open(demo_path, read_only=True) as dossier:
        [plan] = DOCUMENTS["actieplan"].export(dossier, tmp_path / "plan.pdf", ExportOptions())
        [report] = DOCUMENTS["zelfevaluatie"].export(dossier, tmp_path / "z.pdf", ExportOptions())
    document = QPdfDocument()
    document.load(str(report))
    assert page_orientation(document) == QPageLayout.Orientation.Portrait
    document.load(str(plan))
    assert page_orientation(document) == QPageLayout.Orientation.Landscape
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageOrientation(page_orientation(document))
    print_pdf(document, printer)
    page = PdfReader(tmp_path / "printed.pdf").pages[0]
    assert page.mediabox.width > page.mediabox.height


# --------------------------------------------------------------------------- check before printing


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder (where previews are written), for this test only."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def koen_absent_page(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> tuple[MainWindow, QWidget]:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    overview = window.current_page()
    names = [overview.absent.model().index(r, 0).data() for r in range(overview.absent.model().rowCount())]
    overview.absent.doubleClicked.emit(overview.absent.model().index(names.index("Koen Verhaegen"), 0))
    return window, window.current_page()


def add_contact_of_koen(demo_path: Path, summary: str) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = next(e for e in dossier.employees.list() if e.name == "Koen Verhaegen")
        absence = max(dossier.absences.of_employee(koen.id), key=lambda a: a.starts)
        dossier.absences.add_contact(absence.id, datetime.combine(absence.starts, time(9)),
                                     made_by="Marc Van Damme", channel=Channel.TELEFOON,
                                     summary=summary)


def test_a_medical_word_in_a_contact_asks_and_cancel_writes_no_pdf(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, temp_dir: Path
) -> None:
    add_contact_of_koen(demo_path, "Koen vertelt dat het een burn-out is.")
    window, page = koen_absent_page(qtbot, tmp_path, demo_path)
    page.contact.print_log_button.click()
    dialog = press_in_print_check(qtbot, window, "cancel_button")
    assert "burn-out" in dialog.passages.toPlainText()
    assert "Waarom: medisch woord “burn-out”" in dialog.passages.toPlainText()
    qtbot.wait(50)  # a preview would be opened through the event loop
    assert not window.findChildren(PrintPreviewDialog)
    assert not list(temp_dir.rglob("*.pdf")) and not list(temp_dir.iterdir())


def test_print_anyway_makes_the_contact_log_with_the_flagged_text(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    add_contact_of_koen(demo_path, "Koen vertelt dat het een burn-out is.")
    window, page = koen_absent_page(qtbot, tmp_path, demo_path)
    page.contact.print_log_button.click()
    press_in_print_check(qtbot, window, "print_button")
    qtbot.waitUntil(lambda: bool(window.findChildren(PrintPreviewDialog)), timeout=20_000)
    [preview] = window.findChildren(PrintPreviewDialog)
    text = "".join(p.extract_text() for p in PdfReader(preview.pdf).pages)
    assert "burn-out" in text.replace("-\n", "-")
    preview.close()


def test_a_name_in_a_comment_asks_before_the_committee_report(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, temp_dir: Path
) -> None:
    name_koen_in_a_comment(demo_path)
    window = open_window(qtbot, tmp_path, demo_path, "Zelfevaluatie")
    window.pages["Zelfevaluatie"].print_report_button.click()
    dialog = press_in_print_check(qtbot, window, "cancel_button")
    text = dialog.passages.toPlainText()
    assert "Koen gaf aan dat een vaste collega de eerste weken hielp." in text
    assert "Waarom: naam van een persoon “Koen”" in text
    assert "voor het comité" in dialog.intro.text()
    qtbot.wait(50)
    assert not window.findChildren(PrintPreviewDialog) and not list(temp_dir.iterdir())


def test_a_clean_document_prints_without_asking(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    with Dossier.open(demo_path) as dossier:
        latest = dossier.assessments.rounds()[0]
        dossier.assessments.set_comment(latest.id, "c3.s3.1", "Een vaste collega hielp de eerste weken.")
    window = open_window(qtbot, tmp_path, demo_path, "Zelfevaluatie")
    dialog = click_for_preview(qtbot, window, window.pages["Zelfevaluatie"].print_report_button)
    assert not window.findChildren(PrintCheckDialog)
    text = "".join(p.extract_text() for p in PdfReader(dialog.pdf).pages)
    assert "Een vaste collega hielp" in " ".join(text.split())
    dialog.close()
