"""The bar under the plan: its problems in a red box next to "Versie vastleggen", signature, print.

Also :class:`DraftAutosave`, which stores the plan and verslag drafts as the user types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
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
from kmo_reintegratie.ui.widgets.bound_field import SAVE_DELAY_MS, BoundField
from kmo_reintegratie.ui.widgets.trajectory_forms import ProblemsBox, problems_html, wrapped

T = TypeVar("T")


class DraftAutosave(BoundField):
    """Stores a whole form (``store()``) after a typing pause, like every single field does.

    A ``BoundField`` on purpose, though it binds no single editor: the main window commits
    every ``BoundField`` under its pages before it closes a dossier or the window, and closes
    them afterwards, so a plan or verslag draft is flushed on Ctrl+Q without the window
    knowing about plans. Only ``commit``, ``close``, ``pending`` and ``schedule`` are used.
    """

    def __init__(self, store: Callable[[], bool], parent: QObject) -> None:
        # BoundField's own set-up needs an editor; the parts used here are made below.
        QObject.__init__(self, parent)
        self._store = store
        self._closed = False
        self._waiting = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.commit)

    def schedule(self) -> None:
        """An edit happened: store after the typing pause."""
        if not self._closed:
            self._waiting = True
            self._timer.start()

    def cancel(self) -> None:
        """Forget the waiting edit (the form is being filled from the store)."""
        self._timer.stop()
        self._waiting = False

    @property
    def pending(self) -> bool:
        return self._waiting

    def commit(self) -> bool:
        """Store a waiting edit now; False when it was refused (the reason is shown in the form)."""
        self._timer.stop()
        if self._closed or not self._waiting:
            return True
        if not self._store():
            return False
        self._waiting = False
        self.saved.emit()
        return True


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
        # No Bewaren: the draft is stored as you type. Fixing a version is a deliberate act:
        # it notes the delivery to the employee, after which a change becomes a new version.
        self.delivered_button = QPushButton(self.tr("Versie &vastleggen…"))
        self.delivered_button.setObjectName("planDelivered")
        self.signed_button = QPushButton(self.tr("Ondertekend door werkgever op…"))
        self.signed_button.setObjectName("planSigned")
        self.signed_button.clicked.connect(lambda: self._record(
            "signed_by_employer_on", self.tr("Plan ondertekend"), self.tr("Datum van de handtekening van de werkgever:")))
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.setObjectName("printPlan")
        grid.addWidget(self.delivered_button, 0, 0)
        grid.addWidget(self.print_button, 0, 1)
        grid.addWidget(self.signed_button, 1, 0, 1, 2)
        layout.addLayout(grid)

    def update_state(self, trajectory: Trajectory | None, plan: PlanVersion | None, problems: list[str], *,
                     pending: bool, editable: bool, warnings: list[str] | None = None) -> None:
        """``plan`` is the stored version on screen; ``pending`` says an edit waits to be stored.

        ``problems`` block fixing and printing; ``warnings`` are shown in the same box but
        block nothing (the dates of a version that was already handed over).
        """
        self.trajectory, self.plan = trajectory, plan
        parts = []
        if problems:
            parts.append(problems_html(self.tr("Nog te verbeteren vóór vastleggen of afdrukken:"), problems))
        if warnings:
            parts.append(problems_html(self.tr(
                "Let op: de data van deze versie kloppen niet. Ze werd al bezorgd of afgedrukt en blijft zo "
                "bewaard; wat u nu wijzigt, wordt een nieuwe versie:"), warnings))
        self.problems.setText("".join(parts))
        self.problems.setVisible(bool(parts))
        why = ""
        if plan is None and not pending:
            why = self.tr("Vul het plan eerst in.")
        elif problems:
            why = self.tr("Verbeter eerst de punten in het rode kader.")
        for button, done in ((self.delivered_button, plan.delivered_on if plan else None),
                             (self.signed_button, plan.signed_by_employer_on if plan else None)):
            button.setEnabled(editable and not why and done is None)
            button.setToolTip(why or (self.tr("Al genoteerd op {0}.").format(format_date(done)) if done else ""))
        if not why and plan is not None and plan.delivered_on is None:
            self.delivered_button.setToolTip(self.tr(
                "Noteer de datum waarop de werknemer deze versie ontving. Ze blijft dan "
                "ongewijzigd bewaard; wat u daarna wijzigt, wordt een nieuwe versie."))
        self.print_button.setEnabled(not why)
        self.print_button.setToolTip(why)
        if pending:
            self.message.setText("")

    def record_delivery(self) -> None:
        """Fix the stored version on screen: ask the date the employee received it."""
        self._record("delivered_on", self.tr("Versie vastleggen"),
                     self.tr("Datum waarop de werknemer deze versie van het plan ontving:"))

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
