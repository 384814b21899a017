"""A dossier opened read-only: the band on every page, nothing that invites typing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage

NAV_PAGES = (
    "Overzicht",
    "Afwezigheden",
    "Trajecten",
    "Zelfevaluatie",
    "Actieplan",
    "Analyse",
    "Medewerkers",
    "Organisatie",
    "Instrument",
)
# What a reader may still use: printing, exporting, comparing, looking at a record, and the
# filters that only change what is shown.
READER_BUTTON = re.compile(r"afdrukken|exporteren|vergelijken|bekijken|voorbeelden", re.I)
READER_CONTROLS = {"urgentOnly", "qt_tableview_cornerbutton"}
EXAMPLES_THAT_LOOK_LIKE_DATA = ("0123.456.789", "9000", "bv. PC 330", "bv. 30", "bv. 7")


def open_window(qtbot: QtBot, tmp_path: Path, path: Path, *, read_only: bool) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path, read_only=read_only))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return window


@pytest.fixture
def read_only_window(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, tmp_path, demo_path, read_only=True)
    yield window
    window.close()  # stops the analysis reader thread and releases the dossier


def visible_texts(page: QWidget) -> list[str]:
    return [label.text() for label in page.findChildren(QLabel) if label.isVisible()]


def inviting_controls(page: QWidget) -> list[str]:
    """Visible, enabled controls that would change the dossier if they worked."""
    found = []
    for button in page.findChildren(QAbstractButton):
        if not (button.isVisible() and button.isEnabled()):
            continue
        if button.objectName() in READER_CONTROLS or READER_BUTTON.search(button.text()):
            continue
        if isinstance(button.parent(), QWidget) and button.parent().inherits("QTabBar"):
            continue  # the tab bar's scroll arrows
        found.append(f"{type(button).__name__} {button.objectName()!r} {button.text()!r}")
    for editor in (*page.findChildren(QLineEdit), *page.findChildren(QPlainTextEdit),
                   *page.findChildren(QTextEdit)):
        if not (editor.isVisible() and editor.isEnabled()) or editor.isReadOnly():
            continue
        if isinstance(editor.parent(), (QAbstractSpinBox, QComboBox)):
            continue  # judged with its box below
        if "search" in editor.objectName().lower():
            continue
        found.append(f"{type(editor).__name__} {editor.objectName()!r}")
    for combo in page.findChildren(QComboBox):
        # A fixed list only chooses what is shown (period, round, filter); an editable one stores.
        if combo.isVisible() and combo.isEnabled() and combo.isEditable():
            found.append(f"QComboBox {combo.objectName()!r}")
    return found


def show_records(window: MainWindow, page: QWidget, qtbot: QtBot) -> Iterator[str]:
    """Each state worth looking at: a record selected (first and second row), each tab."""
    tables = [view for view in page.findChildren(QTableView) if view.isVisible()]
    rows = [0, 1] if any(view.model().rowCount() > 1 for view in tables) else [0]
    for row in rows:
        for view in tables:
            if view.isVisible() and view.model().rowCount() > row:
                view.selectRow(row)
        tabs = [tab for tab in page.findChildren(QTabWidget) if tab.isVisible()]
        if not tabs:
            yield f"rij {row}"
        for tab in tabs:
            for index in range(tab.count()):
                tab.setCurrentIndex(index)
                qtbot.wait_until(lambda tab=tab: tab.currentWidget().isVisible())
                yield f"rij {row}, tab {tab.tabText(index)!r}"


def test_every_page_is_listed_here(read_only_window: MainWindow) -> None:
    assert tuple(read_only_window.pages) == NAV_PAGES


@pytest.mark.parametrize("label", NAV_PAGES)
def test_the_band_is_shown_above_every_page(
    read_only_window: MainWindow, qtbot: QtBot, label: str
) -> None:
    window = read_only_window
    window.go_to(label)
    page = window.pages[label]
    qtbot.wait_until(page.isVisible)

    banner = window.read_only_banner
    assert window.current_page() is page
    assert banner.isVisible()
    assert "Alleen-lezen." in banner.label.text()
    banner_bottom = banner.mapTo(window, banner.rect().bottomLeft()).y()
    assert banner_bottom <= page.mapTo(window, page.rect().topLeft()).y()
    assert not any("meteen bewaard" in text for text in visible_texts(page))


@pytest.mark.parametrize("label", NAV_PAGES)
def test_no_page_offers_to_change_a_read_only_dossier(
    read_only_window: MainWindow, qtbot: QtBot, label: str
) -> None:
    window = read_only_window
    window.go_to(label)
    page = window.pages[label]
    qtbot.wait_until(page.isVisible)

    for state in show_records(window, page, qtbot):
        assert inviting_controls(page) == [], state


def test_the_band_stays_hidden_for_a_dossier_that_may_be_changed(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, demo_path, read_only=False)
    try:
        for label in NAV_PAGES:
            window.go_to(label)
            qtbot.wait_until(window.pages[label].isVisible)
            assert not window.read_only_banner.isVisible(), label
    finally:
        window.close()


def organisation_page(window: MainWindow) -> OrganisationPage:
    window.go_to(OrganisationPage.nav_label)
    page = window.pages[OrganisationPage.nav_label]
    assert isinstance(page, OrganisationPage)
    return page


def test_empty_organisation_shows_dashes_not_examples_when_read_only(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, dossier_path, read_only=True)
    try:
        page = organisation_page(window)
        qtbot.wait_until(page.isVisible)
        editors = [*page.findChildren(QLineEdit), *page.findChildren(QPlainTextEdit)]

        assert editors and all(not editor.isEnabled() for editor in editors)
        assert {editor.placeholderText() for editor in editors} == {"—"}
        assert "meteen bewaard" not in page.intro.text()
        assert page.intro.isVisible()
    finally:
        window.close()


def test_filled_organisation_shows_its_values_when_read_only(
    read_only_window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        stored = dossier.organisation.get()
    page = organisation_page(read_only_window)
    qtbot.wait_until(page.isVisible)

    assert page.fields["name"].editor.text() == stored.name
    assert page.fields["enterprise_number"].editor.text() == stored.enterprise_number_display
    shown = {editor.placeholderText() for editor in page.findChildren(QLineEdit)}
    assert not shown & set(EXAMPLES_THAT_LOOK_LIKE_DATA)


def test_examples_and_the_saving_promise_stay_for_a_dossier_that_may_be_changed(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = open_window(qtbot, tmp_path, dossier_path, read_only=False)
    try:
        page = organisation_page(window)
        assert page.fields["enterprise_number"].editor.placeholderText() == "0123.456.789"
        assert page.fields["name"].editor.isEnabled()
        assert "Wijzigingen worden meteen bewaard." in page.intro.text()
    finally:
        window.close()
