"""A small laptop (1024×700): every page fits without scrolling sideways, main buttons in view."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kmo_reintegratie.assessment import Answer
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.contact_dialog import AgreementDialog, ContactDialog
from kmo_reintegratie.ui.main_window import MainWindow

SMALL = (1024, 700)
LABELS = ("Overzicht", "Afwezigheden", "Trajecten", "Zelfevaluatie", "Actieplan", "Analyse",
          "Medewerkers", "Organisatie", "Instrument")
MEDICAL = "Liefst niet bellen tijdens de chemotherapie; depressie en rugpijn, hernia."


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path))
    qtbot.addWidget(window)
    window.resize(*SMALL)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def settle() -> None:
    # Layouts, deferred column fits and tab changes all run from the event loop.
    for _ in range(3):
        QApplication.processEvents()


def go(window: MainWindow, label: str) -> QWidget:
    window.go_to(label)
    settle()
    page = window.current_page()
    assert page is window.pages[label]
    return page


def sideways_scrolling(page: QWidget) -> list[str]:
    areas = page.findChildren(QAbstractScrollArea)
    if isinstance(page, QAbstractScrollArea):
        areas.append(page)
    return [f"{type(area).__name__} {area.objectName()!r}" for area in areas
            if area.isVisible() and area.horizontalScrollBar().isVisible()]


def assert_in_view(window: MainWindow, *buttons: QWidget) -> None:
    for button in buttons:
        assert button.isVisible(), button.text()
        corner = button.mapTo(window, QPoint(0, 0))
        assert window.rect().contains(QRect(corner, button.size())), button.text()
        # Not cut off by a scroll area or a splitter on the way up either.
        assert button.visibleRegion().boundingRect() == button.rect(), button.text()


def assert_not_elided(*buttons: QToolButton) -> None:
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()


def test_the_window_really_is_small(window: MainWindow) -> None:
    assert (window.width(), window.height()) == SMALL


@pytest.mark.parametrize("label", LABELS)
def test_no_page_scrolls_sideways(window: MainWindow, label: str) -> None:
    page = go(window, label)
    assert sideways_scrolling(page) == []


def test_absences_fit_with_the_dates_tab(window: MainWindow) -> None:
    page = go(window, "Afwezigheden")
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    page.tabs.setCurrentIndex(0)
    settle()
    assert sideways_scrolling(page) == []
    assert_in_view(window, page.new_button, page.log_button, page.delete_button)
    # The certificates moved under the dates: their add buttons are reachable without
    # scrolling sideways (scrolling down is fine: they are not the page's main actions).
    assert not page.dates.panes.side_by_side()
    for button in (page.dates.cert_add, page.dates.partial_add):
        assert button.isVisibleTo(page)
        assert button.width() >= button.sizeHint().width()


def test_contact_tab_shows_documents_and_trajectory_at_the_top(window: MainWindow) -> None:
    page = go(window, "Afwezigheden")
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    page.tabs.setCurrentIndex(1)
    settle()
    assert sideways_scrolling(page) == []
    contact = page.contact
    assert_in_view(window, contact.print_log_button, contact.print_letter_button,
                   contact.start_trajectory_button, contact.log_button, contact.agreement_button)


def test_dates_tab_goes_side_by_side_on_a_wide_screen(window: MainWindow) -> None:
    window.resize(1600, 900)
    page = go(window, "Afwezigheden")
    page.table.setCurrentIndex(page.table.model().index(0, 0))
    page.tabs.setCurrentIndex(0)
    settle()
    assert page.dates.panes.side_by_side()
    assert sideways_scrolling(page) == []


@pytest.mark.parametrize("tab", range(4))
def test_trajectory_tabs_fit(window: MainWindow, tab: int) -> None:
    page = go(window, "Trajecten")
    page.view.setCurrentIndex(page.view.model().index(0, 0))
    page.tabs.setCurrentIndex(tab)
    settle()
    assert sideways_scrolling(page) == []
    assert_in_view(window, page.new_button)
    if tab == 1:
        actions = page.plan_editor.actions
        assert_in_view(window, actions.print_button, actions.signed_button)


def shown_text(view: QTableView, row: int, column: int) -> str:
    """The text the view paints in a cell (its delegate may shorten the model's)."""
    option = QStyleOptionViewItem()
    option.initFrom(view)
    option.rect = view.visualRect(view.model().index(row, column))
    view.itemDelegateForIndex(view.model().index(row, column)).initStyleOption(
        option, view.model().index(row, column))
    return option.text


@pytest.mark.parametrize("size", [SMALL, (1100, 740), (1280, 800)])
def test_absence_list_shows_the_date_of_the_next_contact(
    window: MainWindow, size: tuple[int, int]
) -> None:
    from kmo_reintegratie.ui.models.absence_model import Column

    window.resize(*size)
    page = go(window, "Afwezigheden")
    settle()
    view = page.table
    texts = [view.model().index(row, Column.NEXT_CONTACT).data() for row in range(view.model().rowCount())]
    row = next(row for row, text in enumerate(texts) if " (" in text)  # demo: "10-12-2026 (over 4 dagen)"
    whole = texts[row]
    date_text = whole.split(" (")[0]
    metrics = view.fontMetrics()
    assert view.columnWidth(Column.NEXT_CONTACT) >= metrics.horizontalAdvance(date_text) + 8
    shown = shown_text(view, row, Column.NEXT_CONTACT)
    fits = metrics.horizontalAdvance(whole) + 14 <= view.columnWidth(Column.NEXT_CONTACT)
    assert shown == (whole if fits else date_text)
    # The department is left out only where it could not even show its title.
    assert view.isColumnHidden(Column.DEPARTMENT) is (size == SMALL)
    assert sideways_scrolling(page) == []
    if size == (1280, 800):
        assert shown == whole


def test_staff_list_shows_whole_names_on_a_small_laptop(window: MainWindow) -> None:
    from kmo_reintegratie.ui.models.employee_model import Column

    page = go(window, "Medewerkers")
    view = page.view
    names = [view.model().index(row, Column.NAME).data() for row in range(view.model().rowCount())]
    widest = max(view.fontMetrics().horizontalAdvance(name) for name in names)
    assert view.columnWidth(Column.NAME) >= widest + 14  # the other text columns gave way first
    assert min(view.columnWidth(c) for c in (Column.FUNCTION, Column.DEPARTMENT, Column.MANAGER)) >= 64
    assert sideways_scrolling(page) == []


@pytest.mark.parametrize("size", [SMALL, (1280, 800)])
def test_trajectory_list_shows_the_date_of_the_next_step(
    window: MainWindow, size: tuple[int, int]
) -> None:
    window.resize(*size)
    page = go(window, "Trajecten")
    settle()
    view = page.view
    next_step = view.model().index(0, 2).data()
    assert next_step[:10].count("-") == 2  # demo: the first trajectory has a dated next step
    assert view.columnWidth(2) >= view.fontMetrics().horizontalAdvance(next_step[:10]) + 24


def test_smileys_keep_their_whole_label_and_the_badge_shows(window: MainWindow) -> None:
    page = go(window, "Zelfevaluatie")
    assert sideways_scrolling(page) == []
    assert_in_view(window, page.new_round_button, page.compare_button, page.print_report_button)
    choice = next(iter(page.panel.choices.values()))
    assert_not_elided(*choice.buttons.values())
    assert choice.buttons[Answer.TEKORTKOMING].text() == "Tekortkoming"
    assert_in_view(window, page.panel.badge, *choice.buttons.values())


@pytest.mark.parametrize("size", [SMALL, (1280, 800)])
def test_section_titles_keep_their_room_in_the_tree(window: MainWindow, size: tuple[int, int]) -> None:
    window.resize(*size)
    page = go(window, "Zelfevaluatie")
    tree = page.tree
    # On a small laptop the per-section counts give way to the titles; wider, both show.
    assert tree.isColumnHidden(1) is (size == SMALL)
    assert tree.columnWidth(0) >= tree.TITLES_MIN_WIDTH
    assert sideways_scrolling(page) == []


def test_smileys_have_labels_beside_them_on_a_wide_screen(window: MainWindow) -> None:
    window.resize(1600, 900)
    page = go(window, "Zelfevaluatie")
    choice = next(iter(page.panel.choices.values()))
    assert_not_elided(*choice.buttons.values())
    assert {b.toolButtonStyle() for b in choice.buttons.values()} == {
        Qt.ToolButtonStyle.ToolButtonTextBesideIcon}


def test_action_plan_gives_the_action_the_room(window: MainWindow) -> None:
    from kmo_reintegratie.ui.models.action_model import Column

    page = go(window, "Actieplan")
    assert sideways_scrolling(page) == []
    assert_in_view(window, page.export_button, page.print_button)
    widths = {c: page.view.columnWidth(c) for c in (Column.SECTION, Column.WHAT, Column.WHO,
                                                   Column.REMARKS)}
    assert widths[Column.WHAT] == max(widths.values())
    assert widths[Column.WHAT] >= 150


def test_action_plan_at_1280(window: MainWindow) -> None:
    from kmo_reintegratie.ui.models.action_model import Column

    window.resize(1280, 800)
    page = go(window, "Actieplan")
    assert sideways_scrolling(page) == []
    assert page.view.columnWidth(Column.WHAT) >= 220


@pytest.mark.parametrize("tab", range(5))
def test_analysis_tables_fit(qtbot: QtBot, window: MainWindow, tab: int) -> None:
    page = go(window, "Analyse")
    page.tabs.setCurrentIndex(tab)
    settle()
    view = page.tabs.currentWidget().findChild(QTableView)
    # The figures arrive from a background reader; the table is measured once they are in.
    qtbot.waitUntil(lambda: view.model().rowCount() > 0, timeout=5000)
    settle()
    assert sideways_scrolling(page) == []


def test_other_pages_keep_their_buttons_in_view(window: MainWindow) -> None:
    analysis = go(window, "Analyse")
    assert_in_view(window, analysis.print_analysis_button)
    employees = go(window, "Medewerkers")
    assert_in_view(window, employees.new_button, employees.import_button)


def test_contact_dialog_grows_for_its_privacy_warnings(qtbot: QtBot, demo_path: Path) -> None:
    dossier = Dossier.open(demo_path)
    try:
        absence = dossier.absences.open_on(date.today())[0]
        dialog = ContactDialog(dossier, absence, date.today())
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.summary.setPlainText(MEDICAL)
        dialog.agreements.setPlainText(MEDICAL)
        dialog.summary_guard.check_now()
        dialog.agreements_guard.check_now()
        settle()
        for guard in (dialog.summary_guard, dialog.agreements_guard):
            label = guard.label
            assert label.isVisible()
            assert label.height() >= label.heightForWidth(label.width())
    finally:
        dossier.close()


def test_agreement_dialog_shows_its_whole_privacy_warning(qtbot: QtBot, demo_path: Path) -> None:
    dossier = Dossier.open(demo_path)
    try:
        absence = dossier.absences.open_on(date.today())[0]
        dialog = AgreementDialog(dossier, absence, date.today(),
                                 defaults={"employee_wishes": MEDICAL})
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle()
        label = dialog.wishes_guard.label
        assert label.isVisible()
        assert label.height() >= label.heightForWidth(label.width())
        assert_fits(dialog, dialog.ok_button)
    finally:
        dossier.close()


def assert_fits(dialog: QWidget, button: QWidget) -> None:
    corner = button.mapTo(dialog, QPoint(0, 0))
    assert dialog.rect().contains(QRect(corner, button.size()))
