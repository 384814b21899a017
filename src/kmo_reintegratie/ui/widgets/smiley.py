"""Painted smileys (not emoji, which depend on the system font) and the answer picker.

The mouth carries the meaning — smile, straight line, frown — so the answer is
readable without colour; the colour is a second signal, the label a third.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QIcon,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QToolButton, QWidget

from kmo_reintegratie.assessment import ANSWER_ORDER, Answer

COLOURS = {
    Answer.TOEGEPAST: QColor("#2e7d32"),
    Answer.OVERWEGEN: QColor("#e0a800"),
    Answer.TEKORTKOMING: QColor("#c62828"),
    None: QColor("#9e9e9e"),
}
KEYS = {Qt.Key.Key_1: Answer.TOEGEPAST, Qt.Key.Key_2: Answer.OVERWEGEN, Qt.Key.Key_3: Answer.TEKORTKOMING}


def paint_smiley(painter: QPainter, rect: QRectF, answer: Answer | None, *, filled: bool = True) -> None:
    """Draw one smiley inside ``rect`` (square)."""
    colour = COLOURS[answer]
    size = min(rect.width(), rect.height())
    line = max(1.2, size / 14)
    face = QRectF(rect.x() + line, rect.y() + line, size - 2 * line, size - 2 * line)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill = QColor(colour)
    fill.setAlpha(60 if filled else 0)
    painter.setPen(QPen(colour, line))
    painter.setBrush(fill)
    painter.drawEllipse(face)
    cx, cy, r = face.center().x(), face.center().y(), face.width() / 2
    painter.setBrush(colour)
    painter.setPen(Qt.PenStyle.NoPen)
    if answer is None:
        font = painter.font()
        font.setPixelSize(int(size * 0.55))
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(face, Qt.AlignmentFlag.AlignCenter, "?")
        painter.restore()
        return
    eye = r * 0.13
    painter.drawEllipse(QPointF(cx - r * 0.35, cy - r * 0.25), eye, eye)
    painter.drawEllipse(QPointF(cx + r * 0.35, cy - r * 0.25), eye, eye)
    pen = QPen(colour, line * 1.3)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    left, right, mouth_y = cx - r * 0.45, cx + r * 0.45, cy + r * 0.35
    path = QPainterPath(QPointF(left, mouth_y))
    if answer is Answer.TOEGEPAST:
        path.quadTo(QPointF(cx, mouth_y + r * 0.45), QPointF(right, mouth_y))
    elif answer is Answer.TEKORTKOMING:
        path = QPainterPath(QPointF(left, mouth_y + r * 0.2))
        path.quadTo(QPointF(cx, mouth_y - r * 0.3), QPointF(right, mouth_y + r * 0.2))
        # Frowning eyebrows make "boos" unmistakable in black and white.
        path.moveTo(QPointF(cx - r * 0.55, cy - r * 0.6))
        path.lineTo(QPointF(cx - r * 0.2, cy - r * 0.45))
        path.moveTo(QPointF(cx + r * 0.55, cy - r * 0.6))
        path.lineTo(QPointF(cx + r * 0.2, cy - r * 0.45))
    else:
        path.lineTo(QPointF(right, mouth_y))
    painter.drawPath(path)
    painter.restore()


@cache
def smiley_pixmap(answer: Answer | None, size: int = 24, ratio: float = 2.0) -> QPixmap:
    pixmap = QPixmap(int(size * ratio), int(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    paint_smiley(painter, QRectF(0, 0, size, size), answer)
    painter.end()
    return pixmap


def smiley_icon(answer: Answer | None, size: int = 24) -> QIcon:
    return QIcon(smiley_pixmap(answer, size))


class SmileyChoice(QWidget):
    """Three smiley buttons (and a clear button) for one question.

    Keys: 1, 2, 3 choose; 0, Delete or Backspace clear; Left/Right move the choice;
    Up/Down go to the previous/next question.
    Emits ``answer_changed`` with the Answer or None, only on a user change.
    """

    answer_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._answer: Answer | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(4)
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        self.buttons: dict[Answer, QToolButton] = {}
        for number, answer in enumerate(ANSWER_ORDER, start=1):
            button = QToolButton()
            button.setObjectName(answer.value)
            button.setCheckable(True)
            button.setIcon(smiley_icon(answer, 22))
            button.setIconSize(QSize(22, 22))
            button.setText(self.tr(answer.label))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setToolTip(f"{self.tr(answer.label)} ({number}) — {self.tr(answer.smiley_name)}: "
                              f"{self.tr(answer.explanation)}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setStyleSheet(_button_style(answer))
            self._group.addButton(button)
            button.clicked.connect(lambda checked, answer=answer: self._choose(answer if checked else None))
            self.buttons[answer] = button
            layout.addWidget(button)
        self.clear_button = QToolButton()
        self.clear_button.setObjectName("clear")
        self.clear_button.setText(self.tr("Wissen"))
        self.clear_button.setToolTip(self.tr("Antwoord wissen (0 of Delete)"))
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(lambda: self._choose(None))
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self._beside_width = self._measure_widths(layout)
        self._sync()

    def _measure_widths(self, layout: QHBoxLayout) -> int:
        """Let the buttons shrink to their label-under-smiley width; return the beside width.

        On a small laptop the answer column is narrow: rather than eliding "Tekortkoming" to
        "Teko…ing" the labels move under the smileys (see resizeEvent).
        """
        # The checked answer is bold: measure as if every label were, so nothing jumps.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        beside = 0
        for button in self.buttons.values():
            button.ensurePolished()
            text = metrics.horizontalAdvance(button.text())
            beside += max(button.sizeHint().width(), 22 + text + 30)
            # Label under the icon: text plus the style sheet's padding and border.
            button.setMinimumWidth(text + 24)
        self.clear_button.ensurePolished()
        margins = layout.contentsMargins()
        return (beside + self.clear_button.sizeHint().width() + layout.spacing() * 3
                + margins.left() + margins.right())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        style = (Qt.ToolButtonStyle.ToolButtonTextBesideIcon if self.width() >= self._beside_width
                 else Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        for button in self.buttons.values():
            if button.toolButtonStyle() != style:
                button.setToolButtonStyle(style)

    def answer(self) -> Answer | None:
        return self._answer

    def set_answer(self, answer: Answer | None) -> None:
        """Show a stored answer (no signal)."""
        self._answer = answer
        self._sync()

    def setReadOnly(self, read_only: bool) -> None:  # noqa: N802 (Qt naming)
        for button in (*self.buttons.values(), self.clear_button):
            button.setEnabled(not read_only)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if read_only else Qt.FocusPolicy.StrongFocus)

    def _choose(self, answer: Answer | None) -> None:
        if not self.clear_button.isEnabled():
            return
        changed = answer != self._answer
        self._answer = answer
        self._sync()
        if changed:
            self.answer_changed.emit(answer)

    def _sync(self) -> None:
        for answer, button in self.buttons.items():
            button.setChecked(answer is self._answer)
        self.clear_button.setVisible(self._answer is not None)
        label = self.tr(self._answer.label) if self._answer else self.tr("Niet beantwoord")
        self.setAccessibleDescription(label)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = Qt.Key(event.key())
        if key in KEYS:
            self._choose(KEYS[key])
        elif key in (Qt.Key.Key_0, Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self._choose(None)
        elif key == Qt.Key.Key_Down:
            self.focusNextChild()
        elif key == Qt.Key.Key_Up:
            self.focusPreviousChild()
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            current = ANSWER_ORDER.index(self._answer) if self._answer else (-1 if key == Qt.Key.Key_Right else 3)
            step = 1 if key == Qt.Key.Key_Right else -1
            self._choose(ANSWER_ORDER[max(0, min(2, current + step))])
        else:
            super().keyPressEvent(event)


    def paintEvent(self, event: object) -> None:  # noqa: N802
        super().paintEvent(event)  # type: ignore[arg-type]
        if self.hasFocus():
            # The buttons take no focus themselves; show where the keyboard is.
            painter = QPainter(self)
            pen = QPen(self.palette().highlight().color(), 2)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(self.rect()).adjusted(1, 1, -1, -1), 5, 5)
            painter.end()

    def focusInEvent(self, event: object) -> None:  # noqa: N802
        super().focusInEvent(event)  # type: ignore[arg-type]
        self.update()

    def focusOutEvent(self, event: object) -> None:  # noqa: N802
        super().focusOutEvent(event)  # type: ignore[arg-type]
        self.update()


def _button_style(answer: Answer) -> str:
    colour = COLOURS[answer]
    tint = f"rgba({colour.red()}, {colour.green()}, {colour.blue()}, 45)"
    return (
        "QToolButton { padding: 3px 8px; border: 1px solid palette(mid); border-radius: 4px; }"
        f"QToolButton:checked {{ border: 2px solid {colour.name()}; background: {tint}; font-weight: bold; }}"
    )
