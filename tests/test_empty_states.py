"""An empty dossier explains what to do: first steps on Overzicht, no "slechts 0" on Analyse."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QCommandLinkButton, QGroupBox, QLabel
from pytestqt.qtbot import QtBot

from kmo_reintegratie.analysis import year_period
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.analysis_page import AnalysisPage
from kmo_reintegratie.ui.pages.assessment_page import AssessmentPage
from kmo_reintegratie.ui.pages.employees_page import EmployeesPage
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage
from kmo_reintegratie.ui.pages.overview_page import OverviewPage

TODAY = date(2026, 6, 30)
WAIT = 10_000
SECTIONS = ("absentNowBox", "contactsDueBox", "milestonesSoonBox", "trajectoryDeadlinesBox",
            "overdueActionsBox")


def make_window(qtbot: QtBot, tmp_path: Path, dossier_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(dossier_path), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def overview(window: MainWindow) -> OverviewPage:
    page = window.pages[OverviewPage.nav_label]
    assert isinstance(page, OverviewPage)
    return page


def step(page: OverviewPage, name: str) -> QCommandLinkButton:
    button = page.findChild(QCommandLinkButton, name)
    assert button is not None
    return button


# -- Overzicht ------------------------------------------------------------------------------


def test_empty_overview_shows_the_first_steps_instead_of_empty_boxes(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    page = overview(window)
    assert window.current_page() is page
    steps = page.findChild(QGroupBox, "firstSteps")
    assert steps.isVisible()
    texts = [step(page, n).text() for n in ("stepOrganisation", "stepEmployees", "stepAssessment")]
    assert texts == ["1. Organisatie invullen", "2. Medewerkers toevoegen of importeren",
                     "3. Eerste zelfevaluatie"]
    for name in SECTIONS:
        assert not page.findChild(QGroupBox, name).isVisible(), name
    assert "nog leeg" in page.heading.text()
    assert "0 werknemer(s) afwezig" not in page.heading.text()
    page.grab().save(str(tmp_path / "overzicht-leeg.png"))


@pytest.mark.parametrize(
    ("name", "page_class"),
    [
        ("stepOrganisation", OrganisationPage),
        ("stepEmployees", EmployeesPage),
        ("stepAssessment", AssessmentPage),
    ],
)
def test_a_first_step_opens_its_page(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, name: str, page_class: type
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    qtbot.mouseClick(step(overview(window), name), Qt.MouseButton.LeftButton)
    assert isinstance(window.current_page(), page_class)
    assert window.nav.currentItem().text() == page_class.nav_label


def test_the_first_steps_give_way_once_there_are_employees(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    page = overview(window)
    assert window.dossier is not None and window.events is not None
    window.dossier.employees.add("Ann Peeters", department="Zorg")
    window.events.employees_changed.emit()
    assert not page.findChild(QGroupBox, "firstSteps").isVisible()
    for name in SECTIONS:
        assert page.findChild(QGroupBox, name).isVisible(), name
    assert page.findChild(QLabel, "absentNowEmpty").text() == "Niemand is vandaag afwezig."
    assert "0 werknemer(s) afwezig" in page.heading.text()


def test_a_dossier_with_employees_shows_no_first_steps(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = overview(window)
    assert not page.findChild(QGroupBox, "firstSteps").isVisible()
    assert page.findChild(QGroupBox, "absentNowBox").isVisible()


# -- Analyse --------------------------------------------------------------------------------


@pytest.fixture
def analysis(qtbot: QtBot) -> Iterator[list[tuple[AnalysisPage, Dossier]]]:
    opened: list[tuple[AnalysisPage, Dossier]] = []
    yield opened
    for page, dossier in opened:
        page.close_reader()  # no "QThread: Destroyed while thread is still running"
        dossier.close()


def open_analysis(qtbot: QtBot, path: Path, opened: list[tuple[AnalysisPage, Dossier]]
                  ) -> AnalysisPage:
    dossier = Dossier.open(path)
    page = AnalysisPage(dossier, DossierEvents(), lambda: TODAY)
    opened.append((page, dossier))
    qtbot.addWidget(page)
    page.resize(1250, 900)
    page.show()
    qtbot.waitUntil(lambda: page.result() is not None and not page.is_busy(), timeout=WAIT)
    return page


def visible_texts(page: AnalysisPage) -> str:
    labels = [label for label in page.findChildren(QLabel) if label.isVisible()]
    return "\n".join([label.text() for label in labels] + [label.toolTip() for label in labels])


def test_empty_analysis_says_to_add_employees_not_slechts_0(
    qtbot: QtBot, dossier_path: Path, analysis: list[tuple[AnalysisPage, Dossier]]
) -> None:
    page = open_analysis(qtbot, dossier_path, analysis)
    empty = page.findChild(QLabel, "emptyAnalysis")
    assert empty.isVisible()
    assert empty.text().startswith("Nog geen werknemers: voeg ze toe onder Medewerkers.")
    shown = visible_texts(page)
    assert "slechts 0" not in shown
    assert "Voorzichtig" not in shown


def test_a_period_before_anyone_was_in_service_says_so(
    qtbot: QtBot, dossier_path: Path, analysis: list[tuple[AnalysisPage, Dossier]]
) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("A", hours_per_week=38, in_service_from=date(2025, 1, 1))
    page = open_analysis(qtbot, dossier_path, analysis)
    assert not page.findChild(QLabel, "emptyAnalysis").isVisible()
    page.set_period(year_period(2020))
    qtbot.waitUntil(lambda: page.result().period == year_period(2020) and not page.is_busy(),
                    timeout=WAIT)
    empty = page.findChild(QLabel, "emptyAnalysis")
    assert empty.isVisible()
    assert empty.text() == "Geen werknemers in dienst in deze periode."
    assert "slechts 0" not in visible_texts(page)
