"""Small building blocks shared by the trajectory, plan and report editors."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.ui.widgets.date_field import DateField

ERROR_STYLE = "color: #b00020;"
PROBLEMS_STYLE = ("QLabel { background: #fdecee; color: #6b0012; border: 1px solid #e3a3ad;"
                  " border-radius: 4px; padding: 6px; }")
NOTE_STYLE = ("QLabel { background: #eef3fa; color: #1d2b3a; border: 1px solid #c4d3e6;"
              " border-radius: 4px; padding: 6px; }")
WARNING_STYLE = ("QLabel { background: #fff3cd; color: #3d2e00; border: 1px solid #e6cf7a;"
                 " border-radius: 4px; padding: 6px; }")


def wrapped(text: str = "", *, name: str = "", style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if name:
        label.setObjectName(name)
    if style:
        label.setStyleSheet(style)
    return label


def error_label(name: str) -> QLabel:
    label = wrapped(name=name, style=ERROR_STYLE)
    label.hide()
    return label


def show_error(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))


class ProblemsBox(QScrollArea):
    """The red box listing what must be fixed before a plan or report can go out.

    It is as tall as its text up to ``max_height`` and scrolls beyond, so a long list
    never pushes the form away nor gets clipped by the buttons next to it.
    """

    def __init__(self, name: str, max_height: int = 130, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = wrapped(name=name, style=PROBLEMS_STYLE)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        self.setObjectName(name + "Box")
        self.setWidget(self.label)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._max_height = max_height
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def setText(self, text: str) -> None:  # noqa: N802  (reads like QLabel's)
        self.label.setText(text)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        width = self.viewport().width()
        wanted = self.label.heightForWidth(width) if width > 50 else self.label.sizeHint().height()
        self.setFixedHeight(min(self._max_height, max(wanted, self.label.sizeHint().height() // 2)))


def problems_html(title: str, problems: list[str]) -> str:
    items = "".join(f"<li>{escape(p)}</li>" for p in problems)
    return f"<b>{escape(title)}</b><ul style='margin:2px 0 0 -20px'>{items}</ul>"


class DateEdit(DateField):
    """A dd-mm-jjjj field with the calendar pop-up and short forms tidied on leaving (see
    ``DateField``); ``value()`` raises ValidationError with a Dutch message."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setObjectName(name)
        # A whole date stays readable beside the calendar button and next to long buttons.
        self.setMinimumWidth(max(100, self.date_width()))
        self.setMaximumWidth(max(140, self.date_width()))
        self.error = error_label(name + "Error")

    def value(self) -> date | None:
        return parse_date(self.text())

    def checked_value(self) -> tuple[date | None, bool]:
        """The date, and False (with the message shown below the field) when the text is no date."""
        try:
            value = self.value()
        except ValidationError as error:
            show_error(self.error, str(error))
            return None, False
        show_error(self.error, "")
        return value, True

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))
        show_error(self.error, "")

    def with_error(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self)
        layout.addWidget(self.error)
        return box
