"""The bar under the plan: its problems in a red box next to Bewaren, delivery, signature, print."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.trajectory import PlanVersion, Trajectory, TrajectoryError
from kmo_reintegratie.ui.widgets.trajectory_forms import ProblemsBox, problems_html, wrapped

T = TypeVar("T")


class PlanActions(QWidget):
    #: A delivery or signature was stored.
    recorded = Signal()

    def __init__(self, dossier: Dossier, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._today = today
        self.plan: PlanVersion | None = None
        self.trajectory: Trajectory | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        self.problems = ProblemsBox("planProblems")
        self.message = wrapped(name="planMessage")
        column = QWidget()
        texts = QVBoxLayout(column)
        texts.setContentsMargins(0, 0, 0, 0)
        texts.addWidget(self.problems)
        texts.addWidget(self.message)
        texts.addStretch(1)
        layout.addWidget(column, 1)
        grid = QGridLayout()
        self.save_button = QPushButton(self.tr("&Bewaren"))
        self.save_button.setObjectName("savePlan")
        self.save_button.setDefault(True)
        self.delivered_button = QPushButton(self.tr("Bezorgd op…"))
        self.delivered_button.setObjectName("planDelivered")
        self.delivered_button.clicked.connect(lambda: self._record(
            "delivered_on", self.tr("Plan bezorgd"), self.tr("Datum waarop de werknemer het plan ontving:")))
        self.signed_button = QPushButton(self.tr("Ondertekend door werkgever op…"))
        self.signed_button.setObjectName("planSigned")
        self.signed_button.clicked.connect(lambda: self._record(
            "signed_by_employer_on", self.tr("Plan ondertekend"), self.tr("Datum van de handtekening van de werkgever:")))
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.setObjectName("printPlan")
        grid.addWidget(self.save_button, 0, 0)
        grid.addWidget(self.print_button, 0, 1)
        grid.addWidget(self.delivered_button, 1, 0)
        grid.addWidget(self.signed_button, 1, 1)
        layout.addLayout(grid)

    def update_state(self, trajectory: Trajectory | None, plan: PlanVersion | None, problems: list[str], *,
                     dirty: bool, editable: bool) -> None:
        self.trajectory, self.plan = trajectory, plan
        if problems:
            self.problems.setText(problems_html(self.tr("Nog te verbeteren vóór bezorgen of afdrukken:"), problems))
        self.problems.setVisible(bool(problems))
        self.save_button.setEnabled(editable and dirty)
        self.save_button.setToolTip("" if dirty else self.tr("Er zijn geen wijzigingen om te bewaren."))
        why = ""
        if plan is None or dirty:
            why = self.tr("Bewaar het plan eerst.")
        elif problems:
            why = self.tr("Verbeter eerst de punten in het rode kader.")
        for button, done in ((self.delivered_button, plan.delivered_on if plan else None),
                             (self.signed_button, plan.signed_by_employer_on if plan else None)):
            button.setEnabled(editable and not why and done is None)
            button.setToolTip(why or (self.tr("Al genoteerd op {0}.").format(format_date(done)) if done else ""))
        self.print_button.setEnabled(not why)
        self.print_button.setToolTip(why)
        if dirty:
            self.message.setText("")

    def show_refusal(self, problems: list[str]) -> None:
        self.problems.setText(problems_html(self.tr("Niet bewaard:"), problems))
        self.problems.show()
        self.message.setText("")

    def show_message(self, text: str) -> None:
        self.message.setText(text)

    def store(self, write: Callable[[], T]) -> T | None:
        """Run a write; a refusal or a dossier problem becomes the message in the red box."""
        try:
            return write()
        except (TrajectoryError, ValidationError) as error:
            self.show_refusal([str(error)])
        except DossierError as error:
            self.show_refusal([f"{error.message} {error.advice}".strip()])
        return None

    def _record(self, field: str, title: str, label: str) -> None:
        if self.plan is None:
            return
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Normal, format_date(self._today()))
        if not ok:
            return
        try:
            value = parse_date(text)
            if value is None:
                raise ValidationError(self.tr("Geef een datum in."))
            if value > self._today():
                raise ValidationError(self.tr("Die datum ligt in de toekomst; noteer het pas als het gebeurd is."))
            received = self.trajectory.assessment_received if self.trajectory else None
            if field == "delivered_on" and received and self.trajectory and self.trajectory.decision and value < received:
                raise ValidationError(self.tr("Het plan kan niet bezorgd zijn vóór de ontvangst van het "
                                              "beoordelingsformulier ({0}).").format(format_date(received)))
        except ValidationError as error:
            self.show_refusal([str(error)])
            return
        plan = self.plan
        if self.store(lambda: self._dossier.trajectories.record_plan_event(plan.id, **{field: value})) is not None:
            self.show_message(self.tr("{0}: {1} genoteerd.").format(title, format_date(value)))
            self.recorded.emit()
