"""Two panes side by side when there is room, one above the other on a small screen.

A small laptop (1024×700) has no room for a form next to its tables; a horizontal scroll
bar hides the buttons on the right. The pane sets its minimum width to the narrowest form
(stacked), so a scroll area around it never scrolls sideways, and switches to side by side
as soon as both panes fit at their minimum width.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QWidget


class ReflowPanes(QWidget):
    """``first`` left of ``second`` when both fit, else ``first`` above ``second``."""

    def __init__(self, first: QWidget, second: QWidget, parent: QWidget | None = None,
                 *, first_alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignTop,
                 stretch: tuple[int, int] = (1, 1)) -> None:
        super().__init__(parent)
        self.first = first
        self.second = second
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.addWidget(first, stretch[0], first_alignment)
        self.box.addWidget(second, stretch[1])

    def side_by_side(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.LeftToRight

    def _side_by_side_width(self) -> int:
        return (self.first.minimumSizeHint().width() + self.second.minimumSizeHint().width()
                + self.box.spacing())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        # The stacked form is the narrowest; resizeEvent goes side by side when there is room.
        hint = super().minimumSizeHint()
        narrow = max(self.first.minimumSizeHint().width(), self.second.minimumSizeHint().width())
        return QSize(narrow, hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        direction = (QBoxLayout.Direction.LeftToRight if self.width() >= self._side_by_side_width()
                     else QBoxLayout.Direction.TopToBottom)
        if direction != self.box.direction():
            self.box.setDirection(direction)
