"""The calendar and the short forms in every date field, not only the absence dialog.

The plan editor's fields store themselves while the user works (autosave on
``textEdited``): a day picked in the calendar is stored once, as if typed. The
new-trajectory dialog and the employee dialog take the same short forms and pop-up.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import TrajectoryKind
from kmo_reintegratie.ui.dialogs import new_trajectory as dialog_module
from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage
from kmo_reintegratie.ui.widgets.date_field import DateField

TODAY = date.today()  # short forms fall in the real year, as DateField reads them
YEAR = TODAY.year


def open_calendar(qtbot: QtBot, field: DateField) -> None:
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = field.popup
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    # As a user looks before choosing: the window system hands the pop-up the keyboard
    # (the offscreen platform does so late; choosing before it arrives confuses the focus).
    qtbot.waitUntil(lambda: QGuiApplication.focusWindow() is popup.windowHandle())


def key_in_popup(qtbot: QtBot, field: DateField, key: Qt.Key) -> None:
    """A key as the user presses it: to whatever has the focus in the pop-up."""
    focused = QApplication.focusWidget()
    assert field.popup is not None and focused is not None and field.popup.isAncestorOf(focused)
    qtbot.keyClick(focused, key)


def pick_next_day(qtbot: QtBot, field: DateField) -> date:
    """Alt+Down, one day on with the right arrow, Enter: the day the calendar wrote."""
    open_calendar(qtbot, field)
    assert field.popup is not None
    shown = field.popup.calendar.selectedDate()
    key_in_popup(qtbot, field, Qt.Key.Key_Right)
    key_in_popup(qtbot, field, Qt.Key.Key_Return)
    picked = shown.addDays(1)
    assert not field.popup.isVisible()
    return date(picked.year(), picked.month(), picked.day())


def show_active(qtbot: QtBot, widget: QWidget) -> None:
    with qtbot.waitActive(widget):
        widget.show()


@pytest.fixture
def plan_page(qtbot: QtBot, demo_path: Path) -> Iterator[tuple[TrajectoriesPage, Dossier, int]]:
    """Trajecten on the plan tab of a formal trajectory whose plan is not yet handed over."""
    dossier = Dossier.open(demo_path)
    trajectory = next(t for t in dossier.trajectories.list()
                      if t.kind is TrajectoryKind.FORMEEL and t.decision not in (None, Decision.C)
                      and not (t.current_plan and t.current_plan.locked))
    page = TrajectoriesPage(dossier, DossierEvents(), lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    show_active(qtbot, page)
    assert page.select_trajectory(trajectory.id)
    page.tabs.setCurrentIndex(Tab.PLAN)
    yield page, dossier, trajectory.id
    page.close()
    dossier.close()


def stored_plan_dates(dossier: Dossier, trajectory_id: int) -> tuple[date | None, date | None]:
    plan = dossier.trajectories.get(trajectory_id).current_plan
    assert plan is not None
    return plan.valid_from, plan.valid_until


def test_a_day_picked_in_the_plan_is_stored_once(
        qtbot: QtBot, plan_page: tuple[TrajectoriesPage, Dossier, int]) -> None:
    page, dossier, trajectory_id = plan_page
    editor = page.plan_editor
    field = editor.valid_from
    assert isinstance(field, DateField) and field.calendar_action.isVisible()
    stores: list[int] = []
    editor.changed.connect(stores.append)

    with qtbot.waitSignal(editor.changed, timeout=3000):  # the autosave after the typing pause
        picked = pick_next_day(qtbot, field)
    assert field.text() == format_date(picked)
    assert field.hasFocus()
    qtbot.keyClick(field, Qt.Key.Key_Tab)  # leaving the field announces nothing new
    assert not editor.dirty
    assert editor.commit_pending()
    assert stores == [trajectory_id]
    assert stored_plan_dates(dossier, trajectory_id)[0] == picked
    assert field.error.text() == ""


def test_a_short_form_in_the_plan_becomes_dd_mm_jjjj_and_is_stored(
        qtbot: QtBot, plan_page: tuple[TrajectoriesPage, Dossier, int]) -> None:
    page, dossier, trajectory_id = plan_page
    field = page.plan_editor.valid_until
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "1/3")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == f"01-03-{YEAR}"
    assert page.plan_editor.commit_pending()
    assert stored_plan_dates(dossier, trajectory_id)[1] == date(YEAR, 3, 1)


def test_every_plan_date_field_shows_a_whole_date_beside_its_button(
        plan_page: tuple[TrajectoriesPage, Dossier, int]) -> None:
    page, _dossier, _id = plan_page
    editor = page.plan_editor
    fields = (editor.valid_from, editor.valid_until, editor.evaluation.date_edit,
              editor.aftercare.date_edit)
    for field in fields:
        assert isinstance(field, DateField), field.objectName()
        assert field.minimumWidth() >= field.date_width(), field.objectName()


def test_the_new_trajectory_dialog_takes_a_picked_day_and_a_short_form(
        qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dossier = Dossier.open(demo_path)
    page = TrajectoriesPage(dossier, DossierEvents(), lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    seen: dict[str, object] = {}

    def fake_exec(dialog: dialog_module.NewTrajectoryDialog) -> int:
        show_active(qtbot, dialog)
        dialog.informal.setChecked(True)  # starts on a chosen day without the formal rules
        field = dialog.request_date
        assert isinstance(field, DateField)
        edits: list[str] = []
        field.textEdited.connect(edits.append)
        seen["picked"] = pick_next_day(qtbot, field)  # from today, filled in by the dialog
        seen["edits"] = list(edits)
        seen["text"] = field.text()
        field.selectAll()
        qtbot.keyClicks(field, "1/3")
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        seen["short"] = field.text()
        field.selectAll()
        pick_next_day(qtbot, field)  # from 01-03, the day after
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialog_module.NewTrajectoryDialog, "exec", fake_exec)
    before = len(dossier.trajectories.list())
    created = page.new_trajectory()
    try:
        assert seen["picked"] == TODAY + timedelta(days=1)
        assert seen["edits"] == [format_date(TODAY + timedelta(days=1))]  # once, as if typed
        assert seen["text"] == format_date(TODAY + timedelta(days=1))
        assert seen["short"] == f"01-03-{YEAR}"
        assert created is not None and created.request_date == date(YEAR, 3, 2)
        assert len(dossier.trajectories.list()) == before + 1
    finally:
        page.close()
        dossier.close()


def test_the_employee_dialog_dates_take_short_forms_and_the_calendar(
        qtbot: QtBot, dossier_path: Path) -> None:
    dossier = Dossier.open(dossier_path)
    try:
        dialog = EmployeeDialog(dossier, TODAY)
        qtbot.addWidget(dialog)
        show_active(qtbot, dialog)
        dialog.editors["name"].setText("Els Wuyts")
        dialog.editors["hours"].setText("38")
        in_service = dialog.editors["in_service_from"]
        out_of_service = dialog.editors["out_of_service_from"]
        assert isinstance(in_service, DateField) and isinstance(out_of_service, DateField)
        assert out_of_service.placeholderText() == "leeg = in dienst"
        in_service.setFocus()
        qtbot.keyClicks(in_service, "1/3")
        qtbot.keyClick(in_service, Qt.Key.Key_Tab)
        assert in_service.text() == f"01-03-{YEAR}"
        open_calendar(qtbot, in_service)
        assert in_service.popup is not None
        assert in_service.popup.calendar.selectedDate() == QDate(YEAR, 3, 1)
        key_in_popup(qtbot, in_service, Qt.Key.Key_Escape)
        assert dialog.isVisible()  # Escape closed the calendar, not the dialog
        assert dialog.save()
        stored = dossier.employees.get(dialog.employee.id)
        assert stored.in_service_from == date(YEAR, 3, 1)
        assert stored.out_of_service_from is None
    finally:
        dossier.close()


def test_the_regime_change_date_of_an_employee_offers_the_calendar(
        qtbot: QtBot, dossier_path: Path) -> None:
    dossier = Dossier.open(dossier_path)
    try:
        employee = dossier.employees.add("Els Wuyts")
        dialog = EmployeeDialog(dossier, TODAY, employee)
        qtbot.addWidget(dialog)
        show_active(qtbot, dialog)
        field = dialog.editors["regime_from"]
        assert isinstance(field, DateField) and field.text() == format_date(TODAY)
        picked = pick_next_day(qtbot, field)
        assert field.text() == format_date(picked) == format_date(TODAY + timedelta(days=1))
        assert field.maximumWidth() < dialog.width() // 2  # a date field, not a text line
    finally:
        dossier.close()
