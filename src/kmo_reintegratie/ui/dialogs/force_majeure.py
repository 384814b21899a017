"""`Medische overmacht` for one absence: the conditions, the steps taken, the notice draft.

A red band says first what this procedure can do — end the employment contract — and that
it is no legal advice.  The conditions come from :func:`force_majeure.assess` (met, not met,
unknown; "te bevestigen" with the reason); the steps are ticked by the user and stored with
the date of the registered notice in ``force_majeure_check`` as one transaction.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Absence, Employee
from kmo_reintegratie.dates import format_date, legal_date_text
from kmo_reintegratie.force_majeure import (
    ENDS_CONTRACT_WARNING,
    STEPS,
    Assessment,
    ForceMajeureCheck,
    Item,
    Status,
    assess,
)
from kmo_reintegratie.legal import duty_rule
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import absence_calls, recording_rows
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    ERROR_STYLE,
    NOTE_STYLE,
    DateEdit,
    show_error,
    wrapped,
)

DANGER_STYLE = ("QLabel { background: #fdecee; color: #6b0012; border: 2px solid #d9534f;"
                " border-radius: 4px; padding: 6px; font-weight: bold; }")
STATUS_COLOURS = {Status.MET: "#1e6b2f", Status.NOT_MET: "#b00020", Status.UNKNOWN: "#8a6100"}


class ForceMajeureDialog(QDialog):
    def __init__(self, dossier: Dossier, absence: Absence, employee: Employee, today: date,
                 parent: QWidget | None = None, *, events: DossierEvents | None = None) -> None:
        super().__init__(parent)
        self._dossier, self._absence = dossier, absence
        self._events = events  # its undo stack records each save; None: not recorded
        self._employee, self._today = employee, today
        self.setWindowTitle(self.tr("Medische overmacht – {0}").format(employee.name))
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        self.warning = wrapped(self.tr(ENDS_CONTRACT_WARNING), name="endsContractWarning",
                               style=DANGER_STYLE)
        layout.addWidget(self.warning)

        content = QWidget()
        body = QVBoxLayout(content)
        conditions_box = QGroupBox(self.tr("Voorwaarden volgens het dossier"))
        self._conditions_layout = QVBoxLayout(conditions_box)
        body.addWidget(conditions_box)
        steps_box = QGroupBox(self.tr("Stappen die u zette (aanvinken)"))
        steps_layout = QVBoxLayout(steps_box)
        self.steps: dict[str, QCheckBox] = {}
        for key, title, rule in STEPS:
            box = QCheckBox(self.tr(title))
            box.setObjectName(f"step_{key}")
            box.setToolTip(self.tr("Bron: {0}").format(duty_rule(rule).source))
            box.setEnabled(not dossier.read_only)
            self.steps[key] = box
            steps_layout.addWidget(box)
        form = QFormLayout()
        self.notice_sent_on = DateEdit("noticeSentOn")
        self.notice_sent_on.setReadOnly(dossier.read_only)
        form.addRow(self.tr("Aangetekende kennisgeving verstuurd op"),
                    self.notice_sent_on.with_error())
        steps_layout.addLayout(form)
        body.addWidget(steps_box)
        self.dates = wrapped(name="forceMajeureDates", style=NOTE_STYLE)
        self.dates.setTextFormat(Qt.TextFormat.RichText)
        body.addWidget(self.dates)
        body.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # Long explanations wrap instead of widening the page.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(content)
        layout.addWidget(scroll, 1)
        self.error = wrapped(name="forceMajeureError", style=ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Bewaren"))
        self.save_button.setObjectName("saveForceMajeure")
        self.save_button.setEnabled(not dossier.read_only)
        self.save_button.clicked.connect(lambda _checked=False: self.save())
        buttons.addWidget(self.save_button)
        self.print_button = QPushButton(self.tr("Ontwerp kennisgeving &afdrukken…"))
        self.print_button.setObjectName("printForceMajeureNotice")
        self.print_button.clicked.connect(lambda _checked=False: self.print_notice())
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        close = QPushButton(self.tr("Sluiten"))
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._load()

    # -- showing ----------------------------------------------------------------------

    def _load(self) -> None:
        check = self._dossier.force_majeure.get(self._absence.id)
        for key, box in self.steps.items():
            box.setChecked(bool(check and key in check.ticked))
        self.notice_sent_on.set_value(check.notice_sent_on if check else None)
        self._show(check)

    def assessment(self, check: ForceMajeureCheck | None) -> Assessment:
        return assess(self._absence, self._employee,
                      self._dossier.absences.of_employee(self._employee.id),
                      self._dossier.trajectories.of_employee(self._employee.id), check, self._today)

    def _show(self, check: ForceMajeureCheck | None) -> None:
        result = self.assessment(check)
        while self._conditions_layout.count():
            item = self._conditions_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.condition_labels: dict[str, QLabel] = {}
        for condition in result.conditions:
            label = self._condition_label(condition)
            self.condition_labels[condition.key] = label
            self._conditions_layout.addWidget(label)
        lines = [f"<b>{escape(self.tr('Termijnen na de kennisgeving'))}</b>"]
        if not result.dates:
            lines.append(escape(self.tr("Vul de datum van de aangetekende kennisgeving in om de "
                                        "termijnen van de arbeidsarts te zien.")))
        for legal_date in result.dates:
            line = f"{escape(legal_date_text(legal_date))} — {escape(legal_date.title)}"
            if not legal_date.confirmed:
                reason = escape(legal_date.unconfirmed_reason or "")
                line += f" <i>({escape(self.tr('te bevestigen'))}: {reason})</i>"
            lines.append(line)
        lines += [escape(note) for note in result.notes[1:]]
        self.dates.setText("<br/>".join(lines))

    def _condition_label(self, item: Item) -> QLabel:
        colour = STATUS_COLOURS[item.status]
        text = (f"<span style='color:{colour}'><b>{item.status.symbol} "
                f"{escape(self.tr(item.status.label))}</b></span> — "
                f"<b>{escape(self.tr(item.title))}</b>"
                f"<br/>{escape(self.tr(item.explanation))}")
        if not item.confirmed:
            flag = escape(self.tr("Te bevestigen:"))
            text += f"<br/><i><b>{flag}</b> {escape(item.unconfirmed_reason)}</i>"
        label = wrapped(name=f"condition_{item.key}")
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setText(text)
        label.setToolTip(self.tr("Bron: {0}").format(item.source))
        return label

    # -- actions (public, also for tests) ---------------------------------------------

    def current_check(self) -> ForceMajeureCheck | None:
        """What the screen shows, or None (message shown) when the date is no date."""
        sent, ok = self.notice_sent_on.checked_value()
        if not ok:
            return None
        ticked = frozenset(key for key, box in self.steps.items() if box.isChecked())
        return ForceMajeureCheck(self._absence.id, ticked, sent)

    def save(self) -> ForceMajeureCheck | None:
        check = self.current_check()
        if check is None or self._dossier.read_only:
            return None
        if check.notice_sent_on is not None and check.notice_sent_on < self._absence.starts:
            show_error(self.error, self.tr(
                "De kennisgeving ligt vóór het begin van de afwezigheid ({0}).").format(
                format_date(self._absence.starts)))
            return None
        try:
            with self._recording():
                saved = self._dossier.force_majeure.save(check)
        except DossierError as error:
            show_error(self.error, f"{error.message} {error.advice}".strip())
            return None
        show_error(self.error, "")
        self._show(saved)
        return saved

    def _recording(self) -> AbstractContextManager[None]:
        if self._events is None:
            return nullcontext()
        return recording_rows(
            self._events, self._dossier,
            self.tr("Medische overmacht van {0} wijzigen").format(self._employee.name),
            "force_majeure_check", {"absence_id": self._absence.id},
            *absence_calls(self._events, self._absence.id))

    def print_notice(self) -> None:
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.printing import print_document

        if not self._dossier.read_only and self.save() is None:
            return  # the draft uses the stored date of the notice
        print_document(self, self._dossier.path, "overmacht",
                       options=ExportOptions(employee_id=self._employee.id,
                                             absence_id=self._absence.id),
                       title=self.tr("Ontwerp kennisgeving medische overmacht"))
