"""The date field every dialog and tab gets from ``date_edit``, driven as a user would.

Short forms are tidied to dd-mm-jjjj when the user leaves the field; the calendar pop-up
opens from the keyboard or its button and writes a date with the same signals as typing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import QApplication, QDialog, QFormLayout, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.absence_dialog import AbsenceDialog, date_edit, error_label
from kmo_reintegratie.ui.widgets.absence_forms import DateBinding
from kmo_reintegratie.ui.widgets.date_field import DateField

YEAR = date.today().year


class Form:
    """A small dialog: the date field under test and a plain field to Tab to."""

    def __init__(self, qtbot: QtBot, value: date | None = None) -> None:
        self.dialog = QDialog()
        qtbot.addWidget(self.dialog)
        layout = QFormLayout(self.dialog)
        self.field = date_edit("testDate", value)
        self.other = QLineEdit()
        layout.addRow("Datum", self.field)
        layout.addRow("Iets anders", self.other)
        with qtbot.waitActive(self.dialog):
            self.dialog.show()
        self.field.setFocus()
        self.qtbot = qtbot

    def open_with_keyboard(self, key: Qt.Key = Qt.Key.Key_Down,
                           modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.AltModifier) -> None:
        self.qtbot.keyClick(self.field, key, modifier)
        assert self.field.popup is not None
        self.qtbot.waitUntil(self.field.popup.isVisible)

    def key_in_popup(self, key: Qt.Key) -> None:
        """A key as the user presses it: to whatever has the keyboard focus in the pop-up."""
        focused = QApplication.focusWidget()
        assert focused is not None and self.field.popup is not None
        assert self.field.popup.isAncestorOf(focused)
        self.qtbot.keyClick(focused, key)


def recording_binding(field: QLineEdit) -> tuple[DateBinding, list[str]]:
    """The autosave wiring the absence tabs use, with a store that records what it gets."""
    saved: list[str] = []

    def save(text: str) -> str:
        saved.append(text)
        return text

    return DateBinding(field, error_label("testDateError"), save), saved


@pytest.fixture
def form(qtbot: QtBot) -> Callable[..., Form]:
    return lambda value=None: Form(qtbot, value)


def test_date_edit_still_gives_a_line_edit(qtbot: QtBot) -> None:
    field = date_edit("someDate", date(2026, 3, 5), placeholder="van")
    qtbot.addWidget(field)
    assert isinstance(field, QLineEdit) and isinstance(field, DateField)
    shown = (field.objectName(), field.text(), field.placeholderText())
    assert shown == ("someDate", "05-03-2026", "van")


def test_a_short_form_becomes_dd_mm_jjjj_when_the_user_tabs_away(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    qtbot.keyClicks(f.field, "1/3")
    with qtbot.waitSignal(f.field.editingFinished):
        qtbot.keyClick(f.field, Qt.Key.Key_Tab)
    assert f.other.hasFocus()
    assert f.field.text() == f"01-03-{YEAR}"


@pytest.mark.parametrize(("typed", "shown"), [
    ("010326", "01-03-2026"), ("1.3.26", "01-03-2026"), ("1 - 3 - 2026", "01-03-2026"),
    ("2026-03-01", "01-03-2026"), ("31/4", "31/4"), ("gisteren", "gisteren")])
def test_enter_tidies_what_can_be_read_and_leaves_the_rest(
        qtbot: QtBot, form: Callable[..., Form], typed: str, shown: str) -> None:
    f = form()
    qtbot.keyClicks(f.field, typed)
    qtbot.keyClick(f.field, Qt.Key.Key_Return)
    assert f.field.text() == shown


def test_autosave_wiring_stores_the_tidied_date(qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    binding, saved = recording_binding(f.field)
    qtbot.keyClicks(f.field, "15/8")
    qtbot.keyClick(f.field, Qt.Key.Key_Tab)
    assert saved == [f"15-08-{YEAR}"]
    assert binding.commit() and saved == [f"15-08-{YEAR}"]  # stored once


def test_a_date_is_picked_with_the_keyboard_and_announced_as_if_typed(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form(date(2026, 3, 10))  # a Tuesday
    f.open_with_keyboard()
    assert f.field.popup is not None
    calendar = f.field.popup.calendar
    assert calendar.selectedDate() == QDate(2026, 3, 10)
    f.key_in_popup(Qt.Key.Key_Right)
    f.key_in_popup(Qt.Key.Key_Down)
    assert calendar.selectedDate() == QDate(2026, 3, 18)
    with qtbot.waitSignal(f.field.textEdited, check_params_cb=lambda text: text == "18-03-2026"), \
            qtbot.waitSignal(f.field.editingFinished):
        f.key_in_popup(Qt.Key.Key_Return)
    assert f.field.text() == "18-03-2026"
    assert not f.field.popup.isVisible()
    assert f.field.hasFocus()  # the user goes on from the field, not from nowhere
    # Leaving the field afterwards announces nothing new: typing and leaving announce once.
    with qtbot.assertNotEmitted(f.field.editingFinished):
        qtbot.keyClick(f.field, Qt.Key.Key_Tab)
    assert f.other.hasFocus()


def test_a_picked_date_reaches_the_autosave_wiring(qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form(date(2026, 3, 10))
    binding, saved = recording_binding(f.field)
    f.open_with_keyboard(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)
    f.key_in_popup(Qt.Key.Key_Left)
    f.key_in_popup(Qt.Key.Key_Enter)
    assert saved == ["09-03-2026"]
    qtbot.keyClick(f.field, Qt.Key.Key_Tab)
    assert binding.commit() and saved == ["09-03-2026"]  # stored once


def test_escape_closes_the_calendar_and_changes_nothing(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    qtbot.keyClicks(f.field, "1/3")
    f.open_with_keyboard()
    assert f.field.popup is not None
    with qtbot.assertNotEmitted(f.field.textEdited), \
            qtbot.assertNotEmitted(f.field.editingFinished):
        f.key_in_popup(Qt.Key.Key_Right)
        f.key_in_popup(Qt.Key.Key_Escape)
    assert not f.field.popup.isVisible()
    assert f.dialog.isVisible()  # Escape closed the calendar, not the dialog around it
    assert f.field.text() == "1/3"  # the user was still typing; the pop-up does not tidy


def test_f4_opens_the_calendar_even_when_the_window_has_an_f4_shortcut(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    elsewhere = QAction("Elders", f.dialog)
    elsewhere.setShortcut(QKeySequence(Qt.Key.Key_F4))
    f.dialog.addAction(elsewhere)
    with qtbot.assertNotEmitted(elsewhere.triggered):
        f.open_with_keyboard(Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier)
    f.key_in_popup(Qt.Key.Key_F4)  # and closes it again, as in a combo box
    assert f.field.popup is not None and not f.field.popup.isVisible()


def test_opening_another_fields_calendar_tidies_the_field_being_left(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    second = date_edit("secondDate")
    f.dialog.layout().addWidget(second)
    qtbot.keyClicks(f.field, "1/3")
    second.calendar_action.trigger()  # a click on the other field's calendar button
    assert second.popup is not None and second.popup.isVisible()
    assert f.field.text() == f"01-03-{YEAR}"


def test_the_calendar_opens_on_the_typed_date_or_today(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    qtbot.keyClicks(f.field, "24/12")
    f.open_with_keyboard()
    assert f.field.popup is not None
    assert f.field.popup.calendar.selectedDate() == QDate(YEAR, 12, 24)
    f.key_in_popup(Qt.Key.Key_Escape)
    f.field.setText("geen datum")
    f.open_with_keyboard()
    assert f.field.popup.calendar.selectedDate() == QDate.currentDate()


def test_the_calendar_is_dutch_starts_on_monday_and_marks_today(
        qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    f.field.calendar_action.trigger()  # the button at the right of the field
    popup = f.field.popup
    assert popup is not None and popup.isVisible()
    calendar = popup.calendar
    assert calendar.firstDayOfWeek() == Qt.DayOfWeek.Monday
    assert calendar.locale().dayName(1, calendar.locale().FormatType.LongFormat) == "maandag"
    assert calendar.locale().monthName(3) == "maart"
    marked = calendar.dateTextFormat(QDate.currentDate())
    assert marked.fontWeight() == QFont.Weight.Bold and marked.fontUnderline()
    assert calendar.minimumDate() == QDate(1900, 1, 1)
    assert calendar.maximumDate() == QDate(2100, 12, 31)


def test_the_calendar_stays_on_the_screen(qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form()
    screen = f.field.screen().availableGeometry()
    f.open_with_keyboard()
    assert f.field.popup is not None
    under = f.field.popup.geometry()
    assert screen.contains(under)
    assert under.center().y() > f.field.mapToGlobal(f.field.rect().bottomLeft()).y()
    f.key_in_popup(Qt.Key.Key_Escape)
    # Near the bottom of the screen it opens above the field instead.
    f.dialog.move(f.dialog.x(), screen.bottom() - f.dialog.height() + 1)
    f.open_with_keyboard()
    above = f.field.popup.geometry()
    assert screen.contains(above)
    assert above.center().y() < f.field.mapToGlobal(f.field.rect().topLeft()).y()


def test_a_read_only_field_offers_no_calendar(qtbot: QtBot, form: Callable[..., Form]) -> None:
    f = form(date(2026, 3, 10))
    f.field.setReadOnly(True)
    assert not f.field.calendar_action.isVisible()
    qtbot.keyClick(f.field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(f.field, Qt.Key.Key_F4)
    assert f.field.popup is None
    f.field.setReadOnly(False)
    assert f.field.calendar_action.isVisible()


def test_a_whole_date_fits_next_to_the_calendar_button(qtbot: QtBot) -> None:
    field = date_edit("wide", date(2026, 8, 28))
    qtbot.addWidget(field)
    assert field.minimumWidth() >= field.fontMetrics().horizontalAdvance("28-08-2026") + 30


def test_the_absence_dialog_takes_a_short_form(qtbot: QtBot, dossier_path: Path) -> None:
    dossier = Dossier.open(dossier_path)
    try:
        dossier.employees.add("Els Wuyts")
        dialog = AbsenceDialog(dossier, date.today())
        qtbot.addWidget(dialog)
        with qtbot.waitActive(dialog):
            dialog.show()
        assert isinstance(dialog.starts, DateField)
        dialog.starts.setFocus()
        dialog.starts.selectAll()
        qtbot.keyClicks(dialog.starts, "2/1")
        qtbot.keyClick(dialog.starts, Qt.Key.Key_Tab)
        assert dialog.starts.text() == format_date(date(YEAR, 1, 2))
        assert not any(label.isVisible() and label.text() for label in dialog.findChildren(QLabel)
                       if label.objectName().endswith("Error"))
        # Enter in the calendar chooses a day; it does not press the dialog's default button.
        dialog.expected_end.setFocus()
        qtbot.keyClick(dialog.expected_end, Qt.Key.Key_F4)
        popup = dialog.expected_end.popup
        assert popup is not None and popup.isVisible()
        focused = QApplication.focusWidget()
        assert focused is not None and popup.isAncestorOf(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Return)
        assert dialog.isVisible() and dialog.result() == QDialog.DialogCode.Rejected
        assert dialog.expected_end.text() == format_date(date.today())
        assert dossier.absences.all() == []
    finally:
        dossier.close()


def test_the_new_round_dialog_takes_a_short_date_and_offers_the_calendar(qtbot: QtBot) -> None:
    from kmo_reintegratie.ui.dialogs.new_round import NewRoundDialog

    dialog = NewRoundDialog([], date(2026, 12, 6))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
    field = dialog.findChild(QLineEdit, "roundDate")
    field.setFocus()
    assert isinstance(field, DateField) and field.calendar_action.isVisible()
    field.clear()
    qtbot.keyClicks(field, "1/3")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "01-03-2026"
    assert dialog.values()[1] == date(2026, 3, 1)


def test_the_analysis_period_fields_offer_the_calendar(qtbot: QtBot) -> None:
    from kmo_reintegratie.ui.widgets.period_selector import PeriodSelector

    selector = PeriodSelector(date(2026, 12, 6))
    qtbot.addWidget(selector)
    for name in ("periodFrom", "periodTo"):
        field = selector.findChild(QLineEdit, name)
        assert isinstance(field, DateField)
        # The whole date stays readable beside the calendar button.
        assert field.maximumWidth() >= field.fontMetrics().horizontalAdvance("00-00-0000")
