"""`Verloop`: the timeline of one trajectory and its fields, each stored as soon as it is valid.

A date that would put the trajectory out of order (a decision form received
before the request, an appeal against anything but decision B...) is refused
with the Dutch message right below the field and nothing is stored. Every stored
change goes on the dossier's undo stack, one step per field edit.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import Trajectory, TrajectoryError, TrajectoryKind
from kmo_reintegratie.trajectory_steps import INFORMAL_EXPLANATION, steps
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import recording_change, trajectory_calls
from kmo_reintegratie.ui.widgets.bound_field import BoundField
from kmo_reintegratie.ui.widgets.trajectory_forms import NOTE_STYLE, wrapped
from kmo_reintegratie.ui.widgets.trajectory_timeline import TrajectoryTimeline

NO_DECISION = "(nog geen beslissing)"
LABEL_WIDTH = 240
DATE_FIELDS = ("request_date", "request_received", "assessment_received",
               "assessment_received_by_employee", "appeal_lodged_on", "appeal_decision_received",
               "consultation_on", "advising_physician_approval_on", "closed_on")
#: Labels per field: (formal, informal); an empty informal label hides the row.
LABELS = {
    "request_date": ("Datum van het verzoek", "Start: eerste afspraak"),
    "request_received": ("Verzoek ontvangen door arbeidsarts", "Bezoek bij arbeidsarts aangevraagd"),
    "assessment_received": ("Beoordelingsformulier ontvangen", "Bezoek vóór de hervatting"),
    "decision": ("Beslissing", ""),
    "decision_conditions": ("Voorwaarden en modaliteiten", "Advies van de arbeidsarts"),
    "assessment_received_by_employee": ("Formulier ontvangen door werknemer", ""),
    "appeal_lodged_on": ("Beroep aangetekend op", ""),
    "appeal_decision_received": ("Beroepsbeslissing ontvangen", ""),
    "appeal_outcome": ("Uitkomst van het beroep", ""),
    "consultation_on": ("Datum van het overleg", "Datum van het gesprek"),
    "consultation_participants": ("Deelnemers", "Deelnemers"),
    "advising_physician_approval_on": ("Toelating adviserend arts ziekenfonds", "Toelating adviserend arts ziekenfonds"),
    "closed_on": ("Afgesloten op", "Afgesloten op"),
    "closing_reason": ("Reden van afsluiting", "Reden van afsluiting"),
}


class TrajectoryDetails(QWidget):
    """Edits one trajectory; ``changed(id)`` after every stored change."""

    changed = Signal(int)

    def __init__(self, dossier: Dossier, today: Callable[[], date], parent: QWidget | None = None, *,
                 events: DossierEvents | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._today = today
        self._events = events
        self.trajectory: Trajectory | None = None
        self.fields: dict[str, BoundField] = {}
        self._forms: dict[str, QFormLayout] = {}
        layout = QVBoxLayout(self)
        self.kind_note = wrapped(name="kindNote", style=NOTE_STYLE)
        layout.addWidget(self.kind_note)
        timeline_box = QGroupBox(self.tr("Waar staat het traject?"))
        inner = QVBoxLayout(timeline_box)
        self.timeline = TrajectoryTimeline()
        inner.addWidget(self.timeline)
        layout.addWidget(timeline_box)
        # Full width below the decision: a word-wrapped label inside a form row gets a wrong height.
        self.decision_explanation = wrapped(name="decisionExplanation", style=NOTE_STYLE)
        self.request_box = self._group(layout, self.tr("Verzoek"), ("request_date", "request_received"))
        self.assessment_box = self._group(layout, self.tr("Beoordeling door de arbeidsarts"),
                                          ("assessment_received", "decision", "decision_conditions"))
        self.appeal_box = self._group(layout, self.tr("Beroep tegen beslissing B"),
                                      ("assessment_received_by_employee", "appeal_lodged_on",
                                       "appeal_decision_received", "appeal_outcome"))
        self.fields["assessment_received_by_employee"].editor.setToolTip(self.tr(
            "De dag waarop de werknemer zelf het beoordelingsformulier ontving. De beroepstermijn "
            "van 21 kalenderdagen loopt vanaf de dag erna; zonder deze datum is de termijn bij "
            "benadering (gerekend vanaf uw eigen ontvangst)."))
        self.consultation_box = self._group(layout, self.tr("Overleg"),
                                            ("consultation_on", "consultation_participants"))
        self.part_time_box = self._group(layout, self.tr("Deeltijds werken tijdens de arbeidsongeschiktheid"),
                                         ("advising_physician_approval_on",))
        self.fields["advising_physician_approval_on"].editor.setToolTip(self.tr(
            "Een deeltijdse, progressieve werkhervatting tijdens de arbeidsongeschiktheid heeft eerst de "
            "toelating van de adviserend arts van het ziekenfonds nodig. Leeg laten bij een volledige hervatting."))
        self.closing_box = self._group(layout, self.tr("Afsluiting"), ("closed_on", "closing_reason"))
        layout.addStretch(1)

    # -- building ----------------------------------------------------------------

    def _group(self, layout: QVBoxLayout, title: str, names: tuple[str, ...]) -> QGroupBox:
        box = QGroupBox(title)
        column = QVBoxLayout(box)
        form = self._new_form(column)
        for name in names:
            editor: QLineEdit | QPlainTextEdit | QComboBox
            if name in DATE_FIELDS:
                editor = QLineEdit()
                editor.setPlaceholderText("dd-mm-jjjj")
                editor.setMaximumWidth(160)
            elif name == "decision":
                editor = QComboBox()
                editor.addItem(self.tr(NO_DECISION), None)
                for decision in Decision:
                    editor.addItem(decision.label, decision.value)
                editor.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                editor.setMinimumContentsLength(24)
                editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                editor.currentIndexChanged.connect(self._show_decision_explanation)
            else:
                editor = QPlainTextEdit()
                editor.setFixedHeight(64)
                editor.setTabChangesFocus(True)
            editor.setObjectName(name)
            bound = BoundField(editor, lambda text, name=name: self._save(name, text), self)
            bound.saved.connect(self._on_field_saved)
            self.fields[name] = bound
            label = QLabel(LABELS[name][0])
            label.setMinimumWidth(LABEL_WIDTH)
            label.setBuddy(editor)
            form.addRow(label, bound.widget())
            self._forms[name] = form
            if name == "decision":
                column.addWidget(self.decision_explanation)
                form = self._new_form(column)
        if "decision_conditions" in names:
            self.fields["decision_conditions"].editor.setPlaceholderText(self.tr(
                "Zoals de arbeidsarts ze op het formulier schreef, functioneel: wat de werknemer wel en niet "
                "kan (bv. niet tillen boven 10 kg). Nooit een diagnose of medische gegevens."))
        if "consultation_participants" in names:
            self.fields["consultation_participants"].editor.setPlaceholderText(
                self.tr("Werknemer, leidinggevende, HR, arbeidsarts, vertrouwenspersoon ..."))
        layout.addWidget(box)
        return box

    @staticmethod
    def _new_form(column: QVBoxLayout) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        column.addLayout(form)
        return form

    # -- loading -----------------------------------------------------------------

    def load(self, trajectory: Trajectory | None) -> None:
        self.trajectory = trajectory
        self.setEnabled(trajectory is not None)
        if trajectory is None:
            return
        formal = trajectory.kind is TrajectoryKind.FORMEEL
        for name, bound in self.fields.items():
            value = getattr(trajectory, name)
            if name == "decision":
                bound.load(value.label if value else self.tr(NO_DECISION))
            elif name in DATE_FIELDS:
                bound.load(format_date(value))
            else:
                bound.load(value or "")
            label = LABELS[name][0 if formal else 1]
            form = self._forms[name]
            form.setRowVisible(bound.editor.parentWidget(), bool(label))
            label_widget = form.labelForField(bound.editor.parentWidget())
            if label_widget is not None and label:
                label_widget.setText(self.tr(label))
            bound.editor.setEnabled(not self._dossier.read_only)
        self.appeal_box.setVisible(formal and trajectory.decision is Decision.B)
        self.assessment_box.setTitle(self.tr("Beoordeling door de arbeidsarts") if formal
                                     else self.tr("Bezoek voorafgaand aan de werkhervatting"))
        self.request_box.setTitle(self.tr("Verzoek") if formal else self.tr("Start"))
        self.kind_note.setText(
            f"{trajectory.kind.label} · {self.tr('gestart door')} {trajectory.initiator.label.lower()}"
            + ("" if formal else f"\n\n{self.tr(INFORMAL_EXPLANATION)}"))
        self._show_decision_explanation()
        self.refresh_timeline()

    def refresh_timeline(self) -> None:
        if self.trajectory is not None:
            self.timeline.set_steps(steps(self.trajectory, self._today()), self._today())

    def _show_decision_explanation(self, *_args: object) -> None:
        combo = self.fields["decision"].editor
        assert isinstance(combo, QComboBox)
        value = combo.currentData()
        formal = self.trajectory is not None and self.trajectory.kind is TrajectoryKind.FORMEEL
        text = Decision(value).explanation if value else ""
        if value == Decision.C.value:
            text += self.tr("\n\nEr komt dus geen re-integratieplan en geen gemotiveerd verslag: de tabbladen "
                            "Plan en Verslag blijven leeg.")
        self.decision_explanation.setText(text)
        self.decision_explanation.setVisible(formal and bool(text))

    # -- saving ------------------------------------------------------------------

    def _save(self, name: str, text: str) -> str | None:
        if self.trajectory is None:
            return None
        value: object
        if name in DATE_FIELDS:
            value = parse_date(text)
        elif name == "decision":
            combo = self.fields["decision"].editor
            assert isinstance(combo, QComboBox)
            value = Decision(combo.currentData()) if combo.currentData() else None
        else:
            value = text
        trajectory_id = self.trajectory.id
        try:
            with self._recording(trajectory_id, name):
                self.trajectory = self._dossier.trajectories.update(trajectory_id, **{name: value})
        except TrajectoryError as error:
            raise ValidationError(str(error)) from error
        if name in DATE_FIELDS:
            return format_date(value)  # type: ignore[arg-type]
        return None

    def _recording(self, trajectory_id: int, name: str) -> AbstractContextManager[None]:
        """Put the change on the undo stack; the pauses of one field's edit make one step."""
        if self._events is None:
            return nullcontext()
        assert self.trajectory is not None
        employee = self._dossier.employees.get(self.trajectory.employee_id)
        return recording_change(
            self._events, self._dossier, self.tr("Traject van {0} wijzigen").format(employee.name),
            "trajectory", trajectory_id, *trajectory_calls(self._events, trajectory_id),
            merge_key=f"trajectory:{trajectory_id}:{name}")

    def _on_field_saved(self) -> None:
        if self.trajectory is None:
            return
        self.appeal_box.setVisible(self.trajectory.kind is TrajectoryKind.FORMEEL
                                   and self.trajectory.decision is Decision.B)
        self.refresh_timeline()
        self.changed.emit(self.trajectory.id)

    def commit_all(self) -> bool:
        """Store what is still being typed; False when a value was refused."""
        results = [bound.commit() for bound in self.fields.values()]  # every field, not just until one fails
        return all(results)

