"""The visual timeline of a trajectory: done, current and coming steps with their dates.

Rows come from :func:`trajectory_steps.steps`. Each state has its own colour
*and* its own shape on the rail (a filled disc with a tick, a thick ring with
a dot, an empty ring, a red disc with an exclamation mark, a dashed ring) and
its name in words, so nothing relies on colour alone. A legal term that the
fact sheet does not confirm carries a "te bevestigen" marker with the reason
in its tooltip and in the summary below.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.trajectory_steps import Step, StepState, next_step
from kmo_reintegratie.ui.widgets.trajectory_forms import WARNING_STYLE, wrapped

COLOURS = {
    StepState.GEDAAN: QColor("#2e7d32"),
    StepState.HUIDIG: QColor("#1565c0"),
    StepState.KOMEND: QColor("#8a8f96"),
    StepState.TE_LAAT: QColor("#c62828"),
    StepState.OVERGESLAGEN: QColor("#8a8f96"),
}
BADGE_BACKGROUNDS = {
    StepState.GEDAAN: "#e3f1e4", StepState.HUIDIG: "#e1ecf9", StepState.KOMEND: "#f1f2f4",
    StepState.TE_LAAT: "#fbe3e3", StepState.OVERGESLAGEN: "#f1f2f4",
}
RAIL_WIDTH = 28


def when_text(step: Step, today: date) -> str:
    """Dutch: when the step happened or is due, relative to today."""
    if step.state is StepState.GEDAAN:
        return f"gedaan op {format_date(step.done_on)}" if step.done_on else "gedaan"
    if step.due is None:
        return ""
    days = (step.due - today).days
    if step.key == "nieuw_traject_na_c":
        return f"ten vroegste {format_date(step.due)}"
    if not step.legal:
        return f"gepland {format_date(step.due)}"
    prefix = "termijn loopt tot" if not step.overdue_possible else "uiterlijk"
    if days < 0:
        return f"{prefix} {format_date(step.due)} · {-days} dag(en) voorbij"
    if days == 0:
        return f"{prefix} {format_date(step.due)} · vandaag"
    return f"{prefix} {format_date(step.due)} · nog {days} dag(en)"


def step_tooltip(step: Step) -> str:
    parts = [step.title]
    if step.explanation:
        parts.append(step.explanation)
    if step.deadline is not None:
        parts.append(f"Bron: {step.deadline.source}")
        if step.deadline.unconfirmed_reason:
            parts.append(f"Te bevestigen: {step.deadline.unconfirmed_reason}")
    return "\n\n".join(parts)


class RailCell(QWidget):
    """One piece of the vertical rail: the connecting line and the state's shape."""

    def __init__(self, state: StepState, first: bool, last: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.state, self.first, self.last = state, first, last
        self.setFixedWidth(RAIL_WIDTH)
        self.setMinimumHeight(30)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, 15)
        line = QPen(QColor("#b8bec6"), 2)
        painter.setPen(line)
        if not self.first:
            painter.drawLine(QPointF(centre.x(), 0), QPointF(centre.x(), centre.y() - 9))
        if not self.last:
            painter.drawLine(QPointF(centre.x(), centre.y() + 9), QPointF(centre.x(), self.height()))
        colour = COLOURS[self.state]
        circle = QRectF(centre.x() - 8, centre.y() - 8, 16, 16)
        if self.state is StepState.GEDAAN:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(circle)
            painter.setPen(QPen(QColor("white"), 2.2))
            painter.drawPolyline([centre + QPointF(-4, 0), centre + QPointF(-1, 3.5), centre + QPointF(4.5, -3.5)])
        elif self.state is StepState.HUIDIG:
            painter.setPen(QPen(colour, 3))
            painter.setBrush(QColor("white"))
            painter.drawEllipse(circle)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(centre, 3.5, 3.5)
        elif self.state is StepState.TE_LAAT:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(circle)
            painter.setPen(QPen(QColor("white"), 2.4))
            painter.drawLine(centre + QPointF(0, -4.5), centre + QPointF(0, 1))
            painter.drawPoint(centre + QPointF(0, 4))
        else:
            pen = QPen(colour, 1.6)
            if self.state is StepState.OVERGESLAGEN:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.setBrush(QColor("white"))
            painter.drawEllipse(circle)
        painter.end()


class TrajectoryTimeline(QWidget):
    """Shows the steps of one trajectory; ``set_steps`` replaces them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("trajectoryTimeline")
        self._steps: tuple[Step, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self._layout = layout
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        layout.addWidget(self._rows)
        self.summary = wrapped(name="timelineSummary")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.summary)
        self.row_labels: list[QLabel] = []

    def steps(self) -> tuple[Step, ...]:
        return self._steps

    def set_steps(self, steps: Sequence[Step], today: date) -> None:
        self._steps = tuple(steps)
        # A fresh grid each time: rows of the previous trajectory must not leave their heights behind.
        old = self._rows
        old.hide()
        old.deleteLater()
        self._rows = QWidget()
        self._grid = QGridLayout(self._rows)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(10)
        self._grid.setVerticalSpacing(0)
        self._layout.insertWidget(0, self._rows)
        self.row_labels = []
        for row, step in enumerate(self._steps):
            tooltip = step_tooltip(step)
            rail = RailCell(step.state, row == 0, row == len(self._steps) - 1)
            rail.setToolTip(tooltip)
            self._grid.addWidget(rail, row, 0)
            badge = QLabel(step.state.label)
            badge.setObjectName(f"stepState_{step.key}")
            badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
            badge.setFixedWidth(122)
            colour = COLOURS[step.state].name()
            badge.setStyleSheet(f"QLabel {{ background: {BADGE_BACKGROUNDS[step.state]}; color: {colour};"
                                f" border: 1px {'dashed' if step.state is StepState.OVERGESLAGEN else 'solid'}"
                                f" {colour}; border-radius: 9px; padding: 1px 4px; font-weight: bold; }}")
            self._grid.addWidget(badge, row, 1, Qt.AlignmentFlag.AlignTop)
            strong = step.state in (StepState.HUIDIG, StepState.TE_LAAT)
            title = escape(step.title)
            details = [f"<b>{title}</b>" if strong else title]
            when = when_text(step, today)
            if when:
                colour_attr = " style='color:#b00020'" if step.state is StepState.TE_LAAT else ""
                details.append(f"<span{colour_attr}>{escape(when)}</span>")
            if step.deadline is not None and not step.deadline.confirmed and step.state is not StepState.GEDAAN:
                details.append("<span style='color:#8a5300'>⚠ te bevestigen</span>")
            text = " — ".join(details)
            if step.note:
                text += f"<br><span style='color:#555'>{escape(step.note)}</span>"
            label = wrapped(text, name=f"step_{step.key}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setToolTip(tooltip)
            label.setAccessibleName(f"{step.title}: {step.state.label}. {when}")
            label.setContentsMargins(0, 3, 0, 6)
            self.row_labels.append(label)
            self._grid.addWidget(label, row, 2)
        self._grid.setColumnStretch(2, 1)
        self._show_summary(today)

    def _show_summary(self, today: date) -> None:
        step = next_step(self._steps)
        if step is None:
            self.summary.setText("")
            self.summary.hide()
            return
        when = when_text(step, today)
        text = f"<b>Volgende stap:</b> {escape(step.title)}" + (f" — {escape(when)}" if when else "")
        if step.explanation:
            text += f"<br>{escape(step.explanation)}"
        if step.deadline is not None:
            text += f"<br><small>Bron: {escape(step.deadline.source)}</small>"
            if step.deadline.unconfirmed_reason:
                text += f"<br><small><b>Te bevestigen:</b> {escape(step.deadline.unconfirmed_reason)}</small>"
        warn = step.warn(today) or step.state is StepState.TE_LAAT
        self.summary.setStyleSheet(WARNING_STYLE if warn else
                                   "QLabel { border: 1px solid #c4d3e6; border-radius: 4px; padding: 6px; }")
        self.summary.setText(text)
        self.summary.show()
