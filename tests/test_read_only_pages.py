"""A dossier opened read-only: the band on every page, nothing that invites typing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
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

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import PlanVersion
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage
from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage

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


# -- details of the pages a reader looks at most (issue 15, point 4) ----------------------

ERROR_COLOURS = ("#fdecee", "#b00020")  # the red box and the red message text
SMALL = 1024, 700


def placeholders_shown(root: QWidget) -> dict[str, str]:
    """The placeholder of every visible, empty text box: what a reader would take for data."""
    shown = {}
    for editor in (*root.findChildren(QLineEdit), *root.findChildren(QPlainTextEdit)):
        empty = not (editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText())
        if editor.isVisible() and empty and editor.placeholderText():
            shown[editor.objectName()] = editor.placeholderText()
    return shown


def red_on_screen(root: QWidget) -> list[str]:
    return [label.objectName() for label in root.findChildren(QLabel)
            if label.isVisible() and label.text()
            and any(colour in label.styleSheet() for colour in ERROR_COLOURS)]


def absence_ids(path: Path) -> dict[str, int]:
    """The last absence of each person in the demo, by name."""
    with Dossier.open(path, read_only=True) as dossier:
        names = {e.id: e.name for e in dossier.employees.list()}
        return {names[a.employee_id]: a.id for a in sorted(dossier.absences.all(), key=lambda a: a.starts)}


def test_the_dates_tab_shows_records_not_boxes_to_fill_in(
    read_only_window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    window = read_only_window
    window.resize(*SMALL)
    window.go_to(AbsencesPage.nav_label)
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    # Koen: certificates month by month and no return yet, so empty fields too.
    assert page.select_absence(absence_ids(demo_path)["Koen Verhaegen"])
    page.tabs.setCurrentIndex(0)
    tab = page.dates
    qtbot.wait_until(tab.isVisible)

    assert tab.certificates.model().rowCount() > 1  # the stored certificates are all there
    for hidden in (tab.cert_from, tab.cert_to, tab.cert_add, tab.cert_delete, tab.partial_from,
                   tab.partial_percentage, tab.partial_hours, tab.partial_add):
        assert not hidden.isVisible(), hidden.objectName()
    assert tab.cert_from.text() == ""  # no date offered for a certificate nobody can add
    assert tab.date_fields["returned_on"].editor.text() == ""
    assert set(placeholders_shown(tab).values()) == {"—"}


def test_a_trajectory_without_a_plan_says_so_read_only(
    read_only_window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        planless = next(t.id for t in dossier.trajectories.list()
                        if not t.plans and t.decision is not Decision.C)
    page = read_only_window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    read_only_window.resize(*SMALL)
    read_only_window.go_to(TrajectoriesPage.nav_label)
    assert page.select_trajectory(planless)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    qtbot.wait_until(editor.isVisible)

    assert editor.blocked.isVisible() and "Nog geen plan" in editor.blocked.text()
    assert not editor.scroll.isVisible()  # no empty form
    assert not editor.version_combo.isVisible()
    assert all("nog niet bewaard" not in text for text in visible_texts(editor))
    assert not editor.actions.problems.isVisible()
    assert red_on_screen(editor) == []


def test_a_stored_plan_is_shown_as_it_is_read_only(
    read_only_window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        delivered = next(t for t in dossier.trajectories.list()
                         if t.current_plan is not None and t.current_plan.locked)
    page = read_only_window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    read_only_window.resize(*SMALL)
    read_only_window.go_to(TrajectoriesPage.nav_label)
    assert page.select_trajectory(delivered.id)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    qtbot.wait_until(editor.isVisible)

    plan = delivered.current_plan
    assert plan is not None
    assert editor.version_combo.currentText().startswith(f"Versie {plan.version} ")
    assert editor.valid_from.text() == format_date(plan.valid_from)
    # "Changes become a new version" is not true for a reader.
    assert not editor.banner.isVisible()
    assert not editor.actions.problems.isVisible() and red_on_screen(editor) == []
    # Empty parts of the plan say "—", not the example of what could be written there.
    assert set(placeholders_shown(editor.scroll.widget()).values()) <= {"—"}
    for hidden in (editor.evaluation.add_button, editor.evaluation.date_edit,
                   editor.schedule.add_button, editor.aftercare.suggest_button):
        assert not hidden.isVisible()


def test_an_unfinished_draft_is_shown_without_the_red_box_read_only(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    with Dossier.open(demo_path) as dossier:
        trajectory = next(t for t in dossier.trajectories.list()
                          if not t.plans and t.decision is not Decision.C)
        # A draft without its validity: the plan check lists what is missing.
        dossier.trajectories.save_plan(
            PlanVersion(0, trajectory.id, 1, date(2026, 12, 1), training="Opleiding kassa"))
    window = open_window(qtbot, tmp_path, demo_path, read_only=True)
    try:
        window.resize(*SMALL)
        window.go_to(TrajectoriesPage.nav_label)
        page = window.pages[TrajectoriesPage.nav_label]
        assert isinstance(page, TrajectoriesPage)
        page.tabs.setCurrentIndex(Tab.VERLOOP)  # chosen first, the plan tab opened after
        assert page.select_trajectory(trajectory.id)
        page.tabs.setCurrentIndex(Tab.PLAN)
        editor = page.plan_editor
        qtbot.wait_until(editor.isVisible)

        assert editor.texts["training"].toPlainText() == "Opleiding kassa"
        assert editor.version_combo.currentText().startswith("Versie 1 ")
        assert not editor.actions.problems.isVisible() and red_on_screen(editor) == []
        print_button = editor.actions.print_button
        assert not print_button.isEnabled() and "nog niet volledig" in print_button.toolTip()
    finally:
        window.close()


def test_the_action_plan_leaves_the_read_only_message_to_the_band(
    read_only_window: MainWindow, qtbot: QtBot
) -> None:
    read_only_window.go_to(ActionPlanPage.nav_label)
    page = read_only_window.pages[ActionPlanPage.nav_label]
    assert isinstance(page, ActionPlanPage)
    qtbot.wait_until(page.isVisible)

    assert read_only_window.read_only_banner.isVisible()
    assert not page.read_only_note.isVisible()
    assert not [text for text in visible_texts(page) if "alleen-lezen" in text.lower()]


def test_the_add_rows_and_examples_stay_for_a_dossier_that_may_be_changed(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        planless = next(t.id for t in dossier.trajectories.list()
                        if not t.plans and t.decision is not Decision.C)
    window = open_window(qtbot, tmp_path, demo_path, read_only=False)
    try:
        window.go_to(AbsencesPage.nav_label)
        absences = window.pages[AbsencesPage.nav_label]
        assert isinstance(absences, AbsencesPage)
        assert absences.select_absence(absence_ids(demo_path)["Koen Verhaegen"])
        absences.tabs.setCurrentIndex(0)
        qtbot.wait_until(absences.dates.isVisible)
        assert absences.dates.cert_add.isVisible() and absences.dates.partial_add.isVisible()
        assert absences.dates.cert_from.text()  # the day after the last certificate
        assert absences.dates.partial_percentage.placeholderText() == "% (bv. 50)"

        window.go_to(TrajectoriesPage.nav_label)
        trajectories = window.pages[TrajectoriesPage.nav_label]
        assert isinstance(trajectories, TrajectoriesPage)
        assert trajectories.select_trajectory(planless)
        trajectories.tabs.setCurrentIndex(Tab.PLAN)
        editor = trajectories.plan_editor
        qtbot.wait_until(editor.isVisible)
        assert editor.scroll.isVisible() and not editor.blocked.isVisible()
        assert editor.version_combo.currentText() == "Nieuw plan (nog niet bewaard)"
        assert editor.texts["training"].placeholderText().startswith("Aard van de opleidingen")
        assert editor.valid_from.placeholderText() == "dd-mm-jjjj"
        assert editor.evaluation.add_button.isVisible() and editor.schedule.add_button.isVisible()
    finally:
        window.close()


def test_the_follow_up_tab_shows_dashes_not_examples_read_only(
    read_only_window: MainWindow, qtbot: QtBot, demo_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        with_plan = next(t.id for t in dossier.trajectories.list() if t.plans)
    page = read_only_window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    read_only_window.go_to(TrajectoriesPage.nav_label)
    assert page.select_trajectory(with_plan)
    page.tabs.setCurrentIndex(Tab.OPVOLGING)
    qtbot.wait_until(page.followup.isVisible)

    shown = placeholders_shown(page.followup)
    assert shown and set(shown.values()) == {"—"}
