"""Answered/total with a painted smiley and count per answer, in a widget or a table cell."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from kmo_reintegratie.assessment import ANSWER_ORDER, Tally
from kmo_reintegratie.ui.models.section_tree import TALLY_ROLE, tally_text
from kmo_reintegratie.ui.widgets.smiley import paint_smiley


def tally_width(metrics: QFontMetrics, *, icon: float = 14, compact: bool = False) -> int:
    """The width ``paint_tally`` paints a tally of up to 99 questions in."""
    per_answer = icon + 3 + metrics.horizontalAdvance("00") + (6 if compact else 10)
    return int(4 + metrics.horizontalAdvance("00/00") + 8 + len(ANSWER_ORDER) * per_answer)


def paint_tally(painter: QPainter, rect: QRectF, t: Tally, *, icon: float = 14, compact: bool = False) -> None:
    painter.save()
    x = rect.x() + 4
    y = rect.center().y()
    metrics = painter.fontMetrics()
    text = f"{t.answered}/{t.total}"
    painter.drawText(QRectF(x, rect.y(), 60, rect.height()), Qt.AlignmentFlag.AlignVCenter, text)
    x += max(metrics.horizontalAdvance("00/00"), metrics.horizontalAdvance(text)) + 8
    for answer in ANSWER_ORDER:
        paint_smiley(painter, QRectF(x, y - icon / 2, icon, icon), answer)
        x += icon + 3
        count = str(t.count(answer))
        painter.drawText(QRectF(x, rect.y(), 30, rect.height()), Qt.AlignmentFlag.AlignVCenter, count)
        x += metrics.horizontalAdvance("00") + (6 if compact else 10)
    painter.restore()


class TallyDelegate(QStyledItemDelegate):
    """Paints a Tally stored under TALLY_ROLE; falls back to normal text otherwise."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> None:
        t = index.data(TALLY_ROLE)
        if not isinstance(t, Tally):
            super().paint(painter, option, index)
            return
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget)
        painter.save()
        if option.state & QStyle.StateFlag.State_Selected:
            painter.setPen(option.palette.highlightedText().color())
        paint_tally(painter, QRectF(option.rect), t, compact=True)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        return QSize(tally_width(option.fontMetrics, compact=True), 22)


class TallyWidget(QWidget):
    """The overall progress line above the navigation."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._tally = Tally()
        self.setMinimumHeight(26)
        self.setMinimumWidth(220)

    def set_tally(self, t: Tally) -> None:
        self._tally = t
        self.setToolTip(tally_text(t))
        self.setAccessibleName(tally_text(t))
        self.update()

    def tally(self) -> Tally:
        return self._tally

    def paintEvent(self, event: object) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_tally(painter, QRectF(self.rect()), self._tally, icon=18)
        painter.end()
