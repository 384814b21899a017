"""A date field that reads dates as Belgians type them and offers a month calendar.

What callers may rely on:

* ``DateField`` is a ``QLineEdit``: ``text()``, ``setText()``, ``textEdited``,
  ``textChanged`` and ``editingFinished`` work as on any line edit, so existing
  validation and autosave wiring keeps working.
* Leaving the field (Tab, a click elsewhere) or pressing Enter rewrites a date typed in a
  short form ("1/3", "010326", "1.3.26") as dd-mm-jjjj *before* ``editingFinished`` is
  emitted; text that is no date is left as typed for the caller's message.
* The calendar button at the right, Alt+Down or F4 open a calendar pop-up (Dutch, Monday
  first, today marked). Choosing a day (click, or arrows and Enter) writes dd-mm-jjjj and
  emits ``textEdited`` and then ``editingFinished``, exactly as if the date had been typed.
  Escape closes the pop-up without changing anything. A read-only field has no calendar.
* A read-only field shows "—" instead of its placeholder ("dd-mm-jjjj", "van" …): in a
  dossier that cannot be changed, nothing looks like something to type. The placeholder
  given with ``setPlaceholderText`` returns when the field becomes editable again.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QIcon,
    QKeyEvent,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QTextCharFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QCalendarWidget,
    QFrame,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import EARLIEST, LATEST, format_date, parse_date, tidy_date_text
from kmo_reintegratie.organisation import ValidationError

_ICON_SIZES = (16, 24, 32)
READ_ONLY_PLACEHOLDER = "—"


def calendar_icon(colour: QColor) -> QIcon:
    """A small drawn calendar sheet. Qt has no standard calendar icon, and a theme icon
    exists on some Linux desktops only; drawing it looks the same everywhere."""
    icon = QIcon()
    for size in _ICON_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        unit = size / 16
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(QRectF(1.5 * unit, 3 * unit, 13 * unit, 11.5 * unit))
        painter.fillRect(QRectF(1.5 * unit, 3 * unit, 13 * unit, 3 * unit), colour)
        # The two rings of the binding, and a grid of days below the header band.
        for x in (4.5, 11.5):
            painter.fillRect(QRectF((x - 0.75) * unit, 1 * unit, 1.5 * unit, 3.5 * unit), colour)
        for row in range(2):
            for column in range(3):
                painter.fillRect(QRectF((3.5 + 3.5 * column) * unit, (7.5 + 3 * row) * unit,
                                        2 * unit, 2 * unit), colour)
        painter.end()
        icon.addPixmap(pixmap)
    return icon


def _to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class CalendarPopup(QFrame):
    """A month calendar in a pop-up window; ``picked`` carries the chosen day."""

    picked = Signal(QDate)

    def __init__(self, field: QLineEdit) -> None:
        # The field is the parent: Qt then keeps the field's editing going (no
        # editingFinished, no autosave of a half-typed date) while its own pop-up is open.
        super().__init__(field, Qt.WindowType.Popup)
        self.setObjectName("dateFieldPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("dateFieldCalendar")
        self.calendar.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Belgium))
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setGridVisible(True)
        self.calendar.setMinimumDate(QDate(EARLIEST.year, EARLIEST.month, EARLIEST.day))
        self.calendar.setMaximumDate(QDate(LATEST.year, LATEST.month, LATEST.day))
        # activated: Enter or a double click; clicked: one click, which is what people expect.
        self.calendar.activated.connect(self._on_calendar_chosen)
        self.calendar.clicked.connect(self._on_calendar_chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def open_at(self, below: QWidget, selected: date, today: date) -> None:
        """Show the month of ``selected`` under ``below`` (above it when there is no room)."""
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # forget an earlier today
        marked = QTextCharFormat()
        marked.setFontWeight(QFont.Weight.Bold)
        marked.setFontUnderline(True)
        tint = self.palette().color(QPalette.ColorRole.Highlight)
        tint.setAlpha(70)
        marked.setBackground(tint)
        self.calendar.setDateTextFormat(QDate(today.year, today.month, today.day), marked)
        self.calendar.setSelectedDate(QDate(selected.year, selected.month, selected.day))
        self.adjustSize()
        self.move(self._position(below))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _position(self, below: QWidget) -> QPoint:
        spot = below.mapToGlobal(QPoint(0, below.height()))
        screen = below.screen().availableGeometry()
        size = self.sizeHint().expandedTo(self.size())
        if spot.y() + size.height() > screen.bottom():
            spot.setY(below.mapToGlobal(QPoint(0, 0)).y() - size.height())
        spot.setX(max(screen.left(), min(spot.x(), screen.right() - size.width())))
        spot.setY(max(screen.top(), spot.y()))
        return spot

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _closes_calendar(event):
            event.accept()
            self.close()
            return
        super().keyPressEvent(event)

    def _on_calendar_chosen(self, day: QDate) -> None:
        self.close()
        self.picked.emit(day)


def _opens_calendar(event: QKeyEvent) -> bool:
    """Alt+Down or F4, the keys that open a combo box's list on Windows and Linux."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Down:
        return modifiers == Qt.KeyboardModifier.AltModifier
    return event.key() == Qt.Key.Key_F4 and modifiers == Qt.KeyboardModifier.NoModifier


def _closes_calendar(event: QKeyEvent) -> bool:
    """Escape, Alt+Up, or the keys that opened it: as in a combo box's list."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    alt_up = event.key() == Qt.Key.Key_Up and modifiers == Qt.KeyboardModifier.AltModifier
    return event.key() == Qt.Key.Key_Escape or alt_up or _opens_calendar(event)


class DateField(QLineEdit):
    """A dd-mm-jjjj line edit with a calendar pop-up (see the module docstring)."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._placeholder = ""
        self.setPlaceholderText("dd-mm-jjjj")
        colour = self.palette().color(QPalette.ColorRole.PlaceholderText)
        self.calendar_action = QAction(calendar_icon(colour), self.tr("Kalender"), self)
        self.calendar_action.setObjectName("dateFieldCalendarAction")
        self.calendar_action.setToolTip(self.tr("Kies een datum in de kalender (Alt+Omlaag of F4)"))
        self.calendar_action.triggered.connect(self.show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self._popup: CalendarPopup | None = None  # built when first opened
        # The text last announced by a pick from the calendar (see focusOutEvent).
        self._announced: str | None = None

    def date_width(self) -> int:
        """The width a whole dd-mm-jjjj needs next to the calendar button, in this font
        (Windows, macOS and Linux fonts differ by a few pixels; clipped digits mislead)."""
        frame_and_button = 40
        return self.fontMetrics().horizontalAdvance("00-00-0000") + frame_and_button

    @property
    def popup(self) -> CalendarPopup | None:
        """The calendar pop-up once it has been opened (for tests and screenshots)."""
        return self._popup

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt's name)
        super().setReadOnly(read_only)
        # A calendar that cannot write would only suggest the date can be changed.
        self.calendar_action.setVisible(not read_only)
        self._show_placeholder()

    def setPlaceholderText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        self._placeholder = text
        self._show_placeholder()

    def _show_placeholder(self) -> None:
        super().setPlaceholderText(READ_ONLY_PLACEHOLDER if self.isReadOnly() else self._placeholder)

    def show_calendar(self) -> None:
        if self.isReadOnly() or not self.isEnabled():
            return
        if self._popup is None:
            self._popup = CalendarPopup(self)
            self._popup.picked.connect(self._on_popup_picked)
        today = date.today()
        try:
            selected = parse_date(self.text(), today=today) or today
        except ValidationError:
            selected = today
        self._popup.open_at(self, selected, today)

    def tidy(self) -> None:
        """Rewrite a date typed in a short form as dd-mm-jjjj; anything else stays as typed."""
        if self.isReadOnly():
            return
        tidied = tidy_date_text(self.text())
        if tidied != self.text():
            self.setText(tidied)

    def event(self, event: QEvent) -> bool:
        # Claim Alt+Down and F4 before a window shortcut with the same keys can take them.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent) \
                and _opens_calendar(event) and not self.isReadOnly():
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _opens_calendar(event) and not self.isReadOnly():
            event.accept()
            self.show_calendar()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.tidy()  # before QLineEdit emits editingFinished for the Enter
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # Our own calendar or context menu takes the focus too, but the user is not done
        # then; Qt's own test for not emitting editingFinished is the same.
        popup = QApplication.activePopupWidget()
        if event.reason() == Qt.FocusReason.PopupFocusReason and popup is not None \
                and popup.parentWidget() is self:
            super().focusOutEvent(event)
            return
        self.tidy()
        announced, self._announced = self._announced, None
        if announced is None or announced != self.text():
            super().focusOutEvent(event)
            return
        # A pick from the calendar already emitted editingFinished for this text; since
        # setText() Qt would emit it once more on leaving, which typing never does.
        blocked = self.blockSignals(True)
        try:
            super().focusOutEvent(event)
        finally:
            self.blockSignals(blocked)

    def _on_popup_picked(self, day: QDate) -> None:
        text = format_date(_to_date(day))
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.setText(text)
        # The same signals as typing the date and leaving the field, so the validation and
        # autosave already wired to this field see no difference.
        self.textEdited.emit(text)
        self.editingFinished.emit()
        self._announced = text
