"""`Opvolging`: the employee's answer to the plan, the reminder, execution notes and evaluation.

No answer within 14 days: the employer contacts the employee (the reminder);
no answer again counts as a refusal (fact sheet §1.5). The answer is stored on
the current plan version, which stays unchanged otherwise. Every stored change
goes on the dossier's undo stack.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.trajectory import (
    PlanVersion,
    Response,
    Trajectory,
    TrajectoryError,
    TrajectoryKind,
)
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import recording_change, trajectory_calls
from kmo_reintegratie.ui.widgets.bound_field import BoundField
from kmo_reintegratie.ui.widgets.trajectory_forms import DateEdit, error_label, show_error, wrapped

ANSWER_RULE = (
    "De werknemer heeft 14 kalenderdagen na ontvangst van het plan om het te ondertekenen voor akkoord of "
    "de redenen van weigering te vermelden. Reageert hij niet, dan neemt u contact op (herinnering); "
    "opnieuw geen reactie geldt als weigering."
)
EVALUATION_TEXTS = (
    ("execution_notes", "Notities bij de uitvoering", "Wat werd uitgevoerd, wat werd bijgestuurd, evaluatiegesprekken ..."),
    ("evaluation_worked", "Wat werkte goed?", "Bijvoorbeeld: snel overleg met de arbeidsarts, een vaste mentor ..."),
    ("evaluation_better", "Wat kan beter?", "Wat neemt u mee naar een volgend traject of het re-integratiebeleid?"),
)


class TrajectoryFollowUp(QWidget):
    changed = Signal(int)

    def __init__(self, dossier: Dossier, today: Callable[[], date], parent: QWidget | None = None, *,
                 events: DossierEvents | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._today = today
        self._events = events
        self.trajectory: Trajectory | None = None
        layout = QVBoxLayout(self)
        self.answer_box = QGroupBox(self.tr("Antwoord van de werknemer op het plan"))
        form = QFormLayout(self.answer_box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.rule = wrapped(self.tr(ANSWER_RULE))
        form.addRow(self.rule)
        self.plan_state = wrapped(name="answerState")
        form.addRow(self.plan_state)
        self.response = QComboBox()
        self.response.setObjectName("response")
        for response in Response:
            self.response.addItem(response.label, response.value)
        form.addRow(self.tr("Antwoord"), self.response)
        self.response_on = DateEdit("responseOn")
        form.addRow(self.tr("Op"), self.response_on.with_error())
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName("refusalReasons")
        self.reasons.setPlaceholderText(self.tr("De redenen die de werknemer zelf voor de weigering gaf."))
        self.reasons.setFixedHeight(56)
        self.reasons.setTabChangesFocus(True)
        form.addRow(self.tr("Redenen van weigering"), self.reasons)
        self.answer_button = QPushButton(self.tr("Antwoord &noteren"))
        self.answer_button.setObjectName("recordAnswer")
        self.answer_button.clicked.connect(self.record_answer)
        form.addRow("", self.answer_button)
        reminder = QHBoxLayout()
        self.reminder_on = DateEdit("reminderOn")
        self.reminder_button = QPushButton(self.tr("Herinnering noteren"))
        self.reminder_button.setObjectName("recordReminder")
        self.reminder_button.clicked.connect(self.record_reminder)
        self.refusal_button = QPushButton(self.tr("Opnieuw geen reactie: als weigering noteren"))
        self.refusal_button.setObjectName("noAnswerRefusal")
        self.refusal_button.clicked.connect(self.record_no_answer)
        reminder.addWidget(self.reminder_on)
        reminder.addWidget(self.reminder_button)
        reminder.addStretch(1)
        # The long refusal button gets its own line: beside the reminder it pushed the form
        # wider than a small laptop.
        refusal = QHBoxLayout()
        refusal.addWidget(self.refusal_button)
        refusal.addStretch(1)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addLayout(reminder)
        holder_layout.addWidget(self.reminder_on.error)
        holder_layout.addLayout(refusal)
        form.addRow(self.tr("Herinnering op"), holder)
        self.error = error_label("answerError")
        form.addRow(self.error)
        layout.addWidget(self.answer_box)

        self.fields: dict[str, BoundField] = {}
        evaluation = QGroupBox(self.tr("Uitvoering en evaluatie"))
        evaluation_form = QFormLayout(evaluation)
        evaluation_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for name, label, placeholder in EVALUATION_TEXTS:
            edit = QPlainTextEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(self.tr(placeholder))
            edit.setFixedHeight(80)
            edit.setTabChangesFocus(True)
            bound = BoundField(edit, lambda text, name=name: self._save_text(name, text), self)
            bound.saved.connect(self._on_field_saved)
            self.fields[name] = bound
            evaluation_form.addRow(self.tr(label), bound.widget())
        layout.addWidget(evaluation)
        layout.addStretch(1)

    @property
    def plan(self) -> PlanVersion | None:
        return self.trajectory.current_plan if self.trajectory else None

    def load(self, trajectory: Trajectory | None) -> None:
        self.trajectory = trajectory
        self.setEnabled(trajectory is not None)
        if trajectory is None:
            return
        read_only = self._dossier.read_only
        hints = dict((name, placeholder) for name, _, placeholder in EVALUATION_TEXTS)
        for name, bound in self.fields.items():
            bound.load(getattr(trajectory, name))
            bound.editor.setEnabled(not read_only)
            # An example in a field nobody can type in reads like stored data.
            bound.editor.setPlaceholderText("—" if read_only else self.tr(hints[name]))
        self.reasons.setPlaceholderText("—" if read_only else self.tr(
            "De redenen die de werknemer zelf voor de weigering gaf."))
        self._load_answer()

    def show_answer(self, trajectory: Trajectory) -> None:
        """Reload after a change elsewhere (or an undo); texts being typed stay."""
        self.trajectory = trajectory
        for name, bound in self.fields.items():
            if not (bound.pending or bound.has_error() or bound.editor.hasFocus()):
                bound.load(getattr(trajectory, name))
        self._load_answer()

    def commit_all(self) -> bool:
        results = [bound.commit() for bound in self.fields.values()]  # every field, not just until one fails
        return all(results)

    def _load_answer(self) -> None:
        plan = self.plan
        self.rule.setVisible(self.trajectory is not None and self.trajectory.kind is TrajectoryKind.FORMEEL)
        show_error(self.error, "")
        delivered = plan is not None and plan.delivered_on is not None
        if plan is None:
            state = self.tr("Er is nog geen plan.")
        elif not delivered:
            state = self.tr("Plan versie {0} is nog niet bezorgd; noteer de bezorging in het tabblad Plan.").format(
                plan.version)
        else:
            assert plan.delivered_on is not None
            state = self.tr("Plan versie {0} bezorgd op {1}; antwoord verwacht uiterlijk {2}.").format(
                plan.version, format_date(plan.delivered_on), format_date(plan.delivered_on + timedelta(days=14)))
        self.plan_state.setText(state)
        self.response.setCurrentIndex(max(0, self.response.findData(plan.response.value if plan else "")))
        self.response_on.set_value(plan.response_on if plan else None)
        self.reasons.setPlainText(plan.refusal_reasons if plan else "")
        self.reminder_on.set_value(plan.reminder_sent_on if plan else None)
        editable = delivered and not self._dossier.read_only
        for widget in (self.response, self.response_on, self.reasons, self.answer_button, self.reminder_on,
                       self.reminder_button):
            widget.setEnabled(editable)
        for field in (self.response_on, self.reminder_on):
            field.setReadOnly(self._dossier.read_only)  # "—", not "dd-mm-jjjj", read-only
        self.refusal_button.setEnabled(editable and plan is not None and plan.reminder_sent_on is not None
                                       and plan.response is Response.PENDING)

    # -- recording --------------------------------------------------------------------------

    def _checked_date(self, edit: DateEdit, *, required: bool) -> tuple[date | None, bool]:
        value, ok = edit.checked_value()
        plan = self.plan
        if not ok:
            return None, False
        message = ""
        if value is None and required:
            message = self.tr("Geef de datum.")
        elif value is not None and value > self._today():
            message = self.tr("Die datum ligt in de toekomst.")
        elif value is not None and plan is not None and plan.delivered_on and value < plan.delivered_on:
            message = self.tr("Die datum ligt vóór de bezorging van het plan ({0}).").format(
                format_date(plan.delivered_on))
        show_error(edit.error, message)
        return value, not message

    def record_answer(self) -> bool:
        response = Response(self.response.currentData())
        value, ok = self._checked_date(self.response_on, required=response is not Response.PENDING)
        if not ok:
            return False
        return self._record(response=response, response_on=value if response is not Response.PENDING else None,
                            refusal_reasons=clean_text(self.reasons.toPlainText()).strip()
                            if response is Response.REFUSED else "")

    def record_reminder(self) -> bool:
        value, ok = self._checked_date(self.reminder_on, required=True)
        return ok and self._record(reminder_sent_on=value)

    def record_no_answer(self) -> bool:
        plan = self.plan
        if plan is None or plan.reminder_sent_on is None:
            return False
        reasons = self.tr("Geen reactie op het plan, ook niet na de herinnering van {0}: dit geldt als "
                          "weigering.").format(format_date(plan.reminder_sent_on))
        return self._record(response=Response.REFUSED, response_on=self._today(), refusal_reasons=reasons)

    def _record(self, **fields: object) -> bool:
        plan, trajectory = self.plan, self.trajectory
        if plan is None or trajectory is None:
            return False
        try:
            with self._recording("plan_version", plan.id):
                self._dossier.trajectories.record_plan_event(plan.id, **fields)
        except (TrajectoryError, ValidationError) as error:
            show_error(self.error, str(error))
            return False
        except DossierError as error:
            show_error(self.error, f"{error.message} {error.advice}".strip())
            return False
        self.trajectory = self._dossier.trajectories.get(trajectory.id)
        self._load_answer()
        self.changed.emit(trajectory.id)
        return True

    def _save_text(self, name: str, text: str) -> str | None:
        if self.trajectory is not None:
            trajectory_id = self.trajectory.id
            # Stored at every typing pause: the pauses of one edit make one undo step.
            key = f"trajectory:{trajectory_id}:{name}"
            with self._recording("trajectory", trajectory_id, merge_key=key):
                self.trajectory = self._dossier.trajectories.update(trajectory_id, **{name: text})
        return None

    def _recording(self, table: str, row_id: int, *,
                   merge_key: str | None = None) -> AbstractContextManager[None]:
        """Put the change of the trajectory (or its plan's answer) on the undo stack."""
        if self._events is None or self.trajectory is None:
            return nullcontext()
        employee = self._dossier.employees.get(self.trajectory.employee_id)
        text = self.tr("Opvolging van het traject van {0} wijzigen").format(employee.name)
        return recording_change(self._events, self._dossier, text, table, row_id,
                                *trajectory_calls(self._events, self.trajectory.id), merge_key=merge_key)

    def _on_field_saved(self) -> None:
        if self.trajectory is not None:
            self.changed.emit(self.trajectory.id)
