"""Start a trajectory: who, informal or formal, who asked, and whether the rules allow it.

For a formal trajectory the dialog shows who may start one on the request
date (:func:`legal.who_may_start`) and, when the employer asks, the result of
:func:`legal.employer_may_start` for the linked absence — regime of 2022 or
2026 by the request date, with explanation and source. Where the rule says no,
the dialog refuses with that explanation.
"""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Absence, Employee, IncapacityKind, relapse_chain
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import (
    RIT_2022,
    RIT_2026,
    Initiator,
    StartRule,
    employer_may_start,
    who_may_start,
)
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import Trajectory, TrajectoryKind, check_trajectory_dates
from kmo_reintegratie.trajectory_steps import INFORMAL_EXPLANATION
from kmo_reintegratie.ui.widgets.trajectory_forms import ERROR_STYLE, NOTE_STYLE, DateEdit, wrapped

#: Kinds whose trajectory waits for the end of the temporary incapacity under their own regime.
OCCUPATIONAL_KINDS = frozenset({IncapacityKind.ARBEIDSONGEVAL, IncapacityKind.BEROEPSZIEKTE})


@record
class NewTrajectory:
    employee_id: int
    kind: TrajectoryKind
    initiator: Initiator
    absence_id: int | None
    request_date: date | None
    request_received: date | None


class NewTrajectoryDialog(QDialog):
    def __init__(self, employees: list[Employee], absences: dict[int, list[Absence]], today: date,
                 parent: QWidget | None = None, *, employee_id: int | None = None, absence_id: int | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nieuw traject"))
        self.setMinimumSize(660, 560)
        self._absences = absences
        self._today = today
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.employee = QComboBox()
        self.employee.setObjectName("employee")
        for employee in employees:
            self.employee.addItem(employee.name, employee.id)
        form.addRow(self.tr("&Werknemer"), self.employee)
        self.absence = QComboBox()
        self.absence.setObjectName("absence")
        form.addRow(self.tr("&Afwezigheid"), self.absence)
        kinds = QHBoxLayout()
        self.informal = QRadioButton(self.tr("&Informeel"))
        self.informal.setObjectName("kindInformal")
        self.formal = QRadioButton(self.tr("&Formeel (via de arbeidsarts)"))
        self.formal.setObjectName("kindFormal")
        kinds.addWidget(self.informal)
        kinds.addWidget(self.formal)
        kinds.addStretch(1)
        form.addRow(self.tr("Soort"), kinds)
        self.initiator = QComboBox()
        self.initiator.setObjectName("initiator")
        for initiator in Initiator:
            self.initiator.addItem(initiator.label, initiator.value)
        form.addRow(self.tr("Gestart door"), self.initiator)
        self.request_date = DateEdit("requestDate")
        self.request_date.set_value(today)
        form.addRow(self.tr("Datum van het verzoek"), self.request_date.with_error())
        self.request_received = DateEdit("requestReceived")
        form.addRow(self.tr("Ontvangen door arbeidsarts"), self.request_received.with_error())
        self.consent = QCheckBox(self.tr("De werknemer stemt in met het verzoek van de werkgever"))
        self.consent.setObjectName("consent")
        form.addRow("", self.consent)
        self.certificate = DateEdit("certificateReceived")
        form.addRow(self.tr("Attest definitieve ongeschiktheid"), self.certificate.with_error())
        self.potential = DateEdit("workPotentialFound")
        form.addRow(self.tr("Arbeidspotentieel vastgesteld op"), self.potential.with_error())
        self._form = form
        layout.addLayout(form)
        self.rules = wrapped(name="startRules", style=NOTE_STYLE)
        self.rules.setTextFormat(Qt.TextFormat.RichText)
        self.rules.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rules)
        layout.addWidget(scroll, 1)
        self.error = wrapped(name="newTrajectoryError", style=ERROR_STYLE)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Traject starten"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        self.formal.setChecked(True)
        if employee_id is not None:
            self.employee.setCurrentIndex(max(0, self.employee.findData(employee_id)))
        self._fill_absences(absence_id)
        self.employee.currentIndexChanged.connect(lambda *_: (self._fill_absences(None), self.update_rules()))
        for signal in (self.absence.currentIndexChanged, self.initiator.currentIndexChanged,
                       self.formal.toggled, self.consent.toggled):
            signal.connect(lambda *_: self.update_rules())
        for edit in (self.request_date, self.request_received, self.certificate, self.potential):
            edit.textChanged.connect(lambda *_: self.update_rules())
        self.update_rules()

    def _fill_absences(self, select: int | None) -> None:
        self.absence.blockSignals(True)
        self.absence.clear()
        self.absence.addItem(self.tr("(geen afwezigheid gekoppeld)"), None)
        for absence in self._absences.get(self.employee.currentData(), []):
            end = format_date(absence.last_day()) if absence.returned_on else self.tr("lopend")
            self.absence.addItem(f"{format_date(absence.starts)} – {end}", absence.id)
        running = next((a.id for a in self._absences.get(self.employee.currentData(), [])
                        if a.is_open(self._today)), None)
        wanted = select if select is not None else running
        self.absence.setCurrentIndex(max(0, self.absence.findData(wanted)) if wanted is not None else 0)
        self.absence.blockSignals(False)

    def _selected_absence(self) -> Absence | None:
        wanted = self.absence.currentData()
        return next((a for a in self._absences.get(self.employee.currentData(), []) if a.id == wanted), None)

    # -- rules ------------------------------------------------------------------------------

    def update_rules(self) -> None:
        formal = self.formal.isChecked()
        employer = Initiator(self.initiator.currentData()) is Initiator.WERKGEVER
        request = self._quiet(self.request_date)
        for edit, visible in ((self.request_received, formal),
                              (self.consent, formal and employer and (request is None or request >= RIT_2026)),
                              (self.certificate, formal and employer and request is not None and request < RIT_2026),
                              (self.potential, formal and employer and (request is None or request >= RIT_2026))):
            self._form.setRowVisible(edit if isinstance(edit, QCheckBox) else edit.parentWidget(), visible)
        label = self._form.labelForField(self.request_date.parentWidget())
        if label is not None:
            label.setText(self.tr("Datum van het verzoek") if formal else self.tr("Start (eerste afspraak)"))
        problem, html = self.evaluate()
        self.rules.setText(html)
        self.error.setText(problem)
        self.error.setVisible(bool(problem))

    @staticmethod
    def _quiet(edit: DateEdit) -> date | None:
        try:
            return edit.value()
        except ValidationError:
            return None

    def evaluate(self) -> tuple[str, str]:
        """(refusal, explanation as HTML): the refusal is empty when the trajectory may start."""
        if not self.formal.isChecked():
            return "", f"<p>{escape(self.tr(INFORMAL_EXPLANATION))}</p>"
        request = self._quiet(self.request_date)
        if request is None:
            return self.tr("Geef de datum van het verzoek."), ""
        try:
            rules = who_may_start(request)
        except ValueError:
            return self.tr("Het re-integratietraject bestaat sinds 1 december 2016."), ""
        initiator = Initiator(self.initiator.currentData())
        question = self.tr("Wie mag een formeel traject starten op {0}?").format(format_date(request))
        parts = [f"<p><b>{escape(question)}</b></p><ul>"]
        for rule in rules:
            mark = self.tr("ja") if rule.may_start else self.tr("nee")
            extra = f" <i>(te bevestigen: {escape(rule.unconfirmed_reason)})</i>" if rule.unconfirmed_reason else ""
            parts.append(f"<li><b>{escape(rule.label)}</b> – {mark}: {escape(rule.condition)}{extra}</li>")
        parts.append("</ul>")
        chosen = next(r for r in rules if r.initiator is initiator)
        if not chosen.may_start:
            return chosen.condition, "".join(parts)
        if initiator is not Initiator.WERKGEVER:
            return self._occupational_wait(request, parts)
        absence = self._selected_absence()
        if absence is None:
            return self.tr("Koppel de afwezigheid: of de werkgever mag starten, hangt af van het begin van de "
                           "arbeidsongeschiktheid."), "".join(parts)
        start, resumptions = relapse_chain(absence, {a.id: a for a in self._absences.get(absence.employee_id, [])})
        try:
            # The parameter is the end date itself: the request must come after that day.
            result = employer_may_start(
                start, request, consent=self.consent.isChecked(),
                certificate_received=self._quiet(self.certificate),
                work_potential_found=self._quiet(self.potential), resumptions=resumptions,
                kind=absence.kind, temporary_incapacity_ended=absence.temporary_incapacity_ended_on)
        except ValueError:
            return self.tr("Het verzoek kan niet vóór het begin van de afwezigheid vallen."), "".join(parts)
        heading = self.tr("Verzoek van de werkgever – {0}").format(result.regime)
        self._describe(heading, result, parts)
        if result.allowed:
            return "", "".join(parts)
        if absence.kind in OCCUPATIONAL_KINDS and request >= RIT_2022:
            return self._wait_message(result), "".join(parts)
        # The full explanation is in the panel above; the refusal repeats only its rule.
        rule_sentence = result.explanation.split(". ")[0].rstrip(".") + "."
        return self.tr("Niet toegelaten op deze datum. {0}").format(rule_sentence), "".join(parts)

    def _wait_message(self, result: StartRule) -> str:
        # The explanation's first clause is the rule; the rest is already in the panel.
        return self.tr("Dit traject moet wachten. {0}").format(
            result.explanation.split("; ")[0].rstrip(".") + ".")

    def _occupational_wait(self, request: date, parts: list[str]) -> tuple[str, str]:
        """Any initiator: a work accident or occupational disease waits for the end of the
        temporary incapacity under that regime (Codex since 1 October 2022, Fedris)."""
        absence = self._selected_absence()
        if absence is None or absence.kind not in OCCUPATIONAL_KINDS or request < RIT_2022:
            return "", "".join(parts)
        try:
            result = employer_may_start(
                absence.starts, request, kind=absence.kind,
                temporary_incapacity_ended=absence.temporary_incapacity_ended_on)
        except ValueError:
            return (self.tr("Het verzoek kan niet vóór het begin van de afwezigheid vallen."),
                    "".join(parts))
        heading = self.tr("{0} – {1}").format(self.tr(absence.kind.label), result.regime)
        self._describe(heading, result, parts)
        if result.allowed:
            return "", "".join(parts)
        return self._wait_message(result), "".join(parts)

    def _describe(self, heading: str, result: StartRule, parts: list[str]) -> None:
        verdict = self.tr("Toegelaten") if result.allowed else self.tr("Niet toegelaten")
        parts.append(f"<p><b>{escape(heading)}: {verdict}</b>")
        if result.earliest:
            parts.append(escape(self.tr(" (vanaf {0})").format(format_date(result.earliest))))
        parts.append(f"</p><p>{escape(result.explanation)}</p><p><small>{self.tr('Bron')}: "
                     f"{escape(result.source)}</small></p>")
        if result.unconfirmed_reason:
            parts.append(f"<p><small><b>{self.tr('Te bevestigen')}:</b> {escape(result.unconfirmed_reason)}"
                         "</small></p>")

    # -- result -----------------------------------------------------------------------------

    def values(self) -> NewTrajectory:
        formal = self.formal.isChecked()
        return NewTrajectory(
            self.employee.currentData(), TrajectoryKind.FORMEEL if formal else TrajectoryKind.INFORMEEL,
            Initiator(self.initiator.currentData()), self.absence.currentData(),
            self.request_date.value(), self.request_received.value() if formal else None)

    def accept(self) -> None:
        checks = [self.request_date.checked_value()[1]]
        if self.formal.isChecked():
            checks += [e.checked_value()[1] for e in (self.request_received, self.certificate, self.potential)]
        if not all(checks):
            self.error.setText(self.tr("Verbeter eerst de datum onder het veld."))
            self.error.show()
            return
        if self.employee.currentData() is None:
            self.error.setText(self.tr("Voeg eerst de werknemer toe bij Medewerkers."))
            self.error.show()
            return
        problem, _html = self.evaluate()
        new = self.values()
        draft = Trajectory(0, new.employee_id, new.absence_id, new.kind, new.initiator, new.request_date,
                           new.request_received)
        problems = ([problem] if problem else []) + check_trajectory_dates(draft)
        if problems:
            self.error.setText(" ".join(problems))
            self.error.show()
            return
        super().accept()
