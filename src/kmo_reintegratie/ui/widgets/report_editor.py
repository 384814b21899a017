"""`Verslag`: the motivated report when the employer cannot offer a plan (fact sheet §2.2).

For every kind of adaptation, adapted work and other work the employer shows
that it was seriously considered and why it is technically or objectively
impossible or cannot reasonably be required. The problems of
:func:`trajectory.check_report` are listed live. The report is stored as a
draft while the user types (a 400 ms pause, and at once when the dossier or
window closes); printing and delivering stay disabled until no problem is left.
Every free text carries the privacy warning (``privacy_guard``): the report goes to the
employee and the occupational physician.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Consideration,
    MotivatedReport,
    ReportGround,
    Trajectory,
    TrajectoryKind,
    check_report,
    check_report_texts,
)
from kmo_reintegratie.ui.widgets.plan_actions import DraftAutosave
from kmo_reintegratie.ui.widgets.privacy_guard import attach_privacy_guard
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    NOTE_STYLE,
    ProblemsBox,
    problems_html,
    wrapped,
)

DISABILITY_HINT = (
    "Houd rekening met het recht op redelijke aanpassingen voor personen met een handicap (indicatoren van "
    "het protocol van 19 juli 2007, BS 20 september 2007): bijvoorbeeld de kostprijs na tegemoetkomingen, de "
    "impact op de organisatie, hoe vaak en hoe lang de aanpassing gebruikt wordt, het effect voor de werknemer "
    "en de collega's, en of er een gelijkwaardig alternatief is. Schrijf functioneel, nooit medisch."
)
NO_GROUND = "(kies waarom het niet kan)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReportEditor", text)


#: Grid rows per subject: title, choices, reasons, privacy warning.
ROWS_PER_SUBJECT = 4


class SubjectRow:
    """The three editors of one subject of the report, and the reasons' privacy warning."""

    def __init__(self, subject: str, label: str, grid: QGridLayout, row: int, on_edit: Callable[[], None]):
        self.subject = subject
        title = QLabel(f"<b>{label}</b>")
        self.considered = QCheckBox(_tr("ernstig overwogen"))
        self.considered.setObjectName(f"considered_{subject}")
        self.considered.setAccessibleName(f"{label}: {_tr('ernstig overwogen')}")
        self.ground = QComboBox()
        self.ground.setObjectName(f"ground_{subject}")
        self.ground.setAccessibleName(f"{label}: {_tr('waarom niet')}")
        self.ground.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.ground.setMinimumContentsLength(22)
        self.ground.addItem(_tr(NO_GROUND), None)
        for ground in ReportGround:
            self.ground.addItem(ground.label, ground.value)
        self.reasons = QPlainTextEdit()
        self.reasons.setObjectName(f"reasons_{subject}")
        self.reasons.setAccessibleName(f"{label}: {_tr('motivering')}")
        self.reasons.setPlaceholderText(_tr("Wat werd concreet onderzocht, met wie, en waarom kan het niet?"))
        self.reasons.setFixedHeight(52)
        self.reasons.setTabChangesFocus(True)
        # Three lines, so the long ground names never make the tab wider than the window.
        grid.addWidget(title, row, 0, 1, 2)
        grid.addWidget(self.considered, row + 1, 0)
        grid.addWidget(self.ground, row + 1, 1)
        grid.addWidget(self.reasons, row + 2, 0, 1, 2)
        self.guard = attach_privacy_guard(self.reasons)
        grid.addWidget(self.guard.label, row + 3, 0, 1, 2)
        self.considered.toggled.connect(lambda *_: on_edit())
        self.ground.currentIndexChanged.connect(lambda *_: on_edit())
        self.reasons.textChanged.connect(on_edit)

    def set_editable(self, editable: bool) -> None:
        # Read-only rather than disabled: a delivered report must stay easy to read.
        self.considered.setEnabled(editable)
        self.ground.setEnabled(editable)
        self.reasons.setReadOnly(not editable)

    def consideration(self) -> Consideration:
        value = self.ground.currentData()
        return Consideration(self.subject, self.considered.isChecked(), ReportGround(value) if value else None,
                             clean_text(self.reasons.toPlainText()).strip())

    def set_consideration(self, consideration: Consideration | None) -> None:
        self.considered.setChecked(bool(consideration and consideration.considered))
        ground = consideration.ground.value if consideration and consideration.ground else None
        self.ground.setCurrentIndex(max(0, self.ground.findData(ground)) if ground else 0)
        self.reasons.setPlainText(consideration.reasons if consideration else "")


class ReportEditor(QWidget):
    print_requested = Signal(int, str)
    changed = Signal(int)

    def __init__(self, dossier: Dossier, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._today = today
        self.trajectory: Trajectory | None = None
        self._loading = False
        self.autosave = DraftAutosave(self._store_draft, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.note = wrapped(name="reportNote", style=NOTE_STYLE)
        self.note.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        outer.addWidget(self.note)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(wrapped(self.tr(
            "Kan de werkgever na overleg en onderzoek geen plan opmaken, dan motiveert hij in een verslag voor "
            "elke soort aanpassing en voor aangepast en ander werk dat het ernstig overwogen werd en waarom het "
            "technisch of objectief onmogelijk is of om gegronde redenen redelijkerwijze niet kan worden geëist. "
            "Het verslag gaat naar de werknemer en de arbeidsarts; de werknemer hoeft het niet te ondertekenen.")))
        box = QGroupBox(self.tr("Overwogen mogelijkheden"))
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)  # the ground's combo takes the spare width: its names are long
        self.rows = [SubjectRow(subject, label, grid, ROWS_PER_SUBJECT * i, self._on_edited)
                     for i, (subject, label) in enumerate(REPORT_SUBJECTS)]
        layout.addWidget(box)
        disability = QGroupBox(self.tr("Redelijke aanpassingen voor personen met een handicap"))
        disability_layout = QVBoxLayout(disability)
        disability_layout.addWidget(wrapped(self.tr(DISABILITY_HINT)))
        self.disability = QPlainTextEdit()
        self.disability.setObjectName("disabilityAccommodation")
        self.disability.setFixedHeight(70)
        self.disability.setTabChangesFocus(True)
        self.disability.textChanged.connect(self._on_edited)
        disability_layout.addWidget(self.disability)
        self.disability_guard = attach_privacy_guard(self.disability)
        disability_layout.addWidget(self.disability_guard.label)
        layout.addWidget(disability)
        layout.addStretch(1)
        self.scroll.setWidget(content)
        outer.addWidget(self.scroll, 1)

        bar = QHBoxLayout()
        texts = QVBoxLayout()
        self.problems = ProblemsBox("reportProblems")
        self.message = wrapped(name="reportMessage")
        texts.addWidget(self.problems)
        texts.addWidget(self.message)
        bar.addLayout(texts, 1)
        buttons = QVBoxLayout()
        self.print_button = QPushButton(self.tr("Afdrukken…"))
        self.print_button.setObjectName("printReport")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.delivered_button = QPushButton(self.tr("Bezorgd op…"))
        self.delivered_button.setObjectName("reportDelivered")
        self.delivered_button.clicked.connect(self._on_delivered_clicked)
        for button in (self.print_button, self.delivered_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        bar.addLayout(buttons)
        self.bar = QWidget()
        self.bar.setLayout(bar)
        outer.addWidget(self.bar)
        outer.addStretch(0)  # takes the room only when the form is hidden

    # -- loading -------------------------------------------------------------------------

    def load(self, trajectory: Trajectory | None) -> None:
        if trajectory is None or self.trajectory is None or trajectory.id != self.trajectory.id:
            self.scroll.verticalScrollBar().setValue(0)
        self.trajectory = trajectory
        self.autosave.cancel()  # what is shown now is what is stored
        self.setEnabled(trajectory is not None)
        if trajectory is None:
            return
        usable, note = True, ""
        if trajectory.kind is TrajectoryKind.INFORMEEL:
            usable, note = False, self.tr("Een gemotiveerd verslag hoort bij het formele re-integratietraject. "
                                          "In een informeel traject legt u de afspraken vast in het plan.")
        elif trajectory.decision is Decision.C:
            usable, note = False, self.tr("Beslissing C: er volgt geen re-integratieplan en dus ook geen "
                                          "gemotiveerd verslag.") + "\n\n" + Decision.C.explanation
        elif trajectory.report and trajectory.report.delivered_on:
            note = self.tr("Dit verslag werd bezorgd op {0} en blijft ongewijzigd bewaard.").format(
                format_date(trajectory.report.delivered_on))
        elif trajectory.current_plan is not None:
            note = self.tr("Er is al een plan (versie {0}). Een verslag maakt u enkel op als er geen plan mogelijk "
                           "is.").format(trajectory.current_plan.version)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.scroll.setVisible(usable)
        self.bar.setVisible(usable)
        self._loading = True
        report = trajectory.report
        given = {c.subject: c for c in report.considerations} if report else {}
        for row in self.rows:
            row.set_consideration(given.get(row.subject))
        self.disability.setPlainText(report.disability_accommodation if report else "")
        self._loading = False
        editable = self.editable()
        for row in self.rows:
            row.set_editable(editable)
        self.disability.setReadOnly(not editable)
        self.message.setText("")
        self._update_state()

    @property
    def dirty(self) -> bool:
        """True while an edit waits for the typing pause (the page then keeps the form as is)."""
        return self.autosave.pending

    def editable(self) -> bool:
        report = self.trajectory.report if self.trajectory else None
        return not self._dossier.read_only and not (report and report.delivered_on)

    # -- state ---------------------------------------------------------------------------

    def report(self) -> MotivatedReport:
        assert self.trajectory is not None
        stored = self.trajectory.report
        return MotivatedReport(
            stored.id if stored else 0, self.trajectory.id, stored.made_on if stored else self._today(),
            tuple(row.consideration() for row in self.rows),
            clean_text(self.disability.toPlainText()).strip(),
            stored.delivered_on if stored else None)

    def problems_found(self) -> list[str]:
        return check_report(self.report()) if self.trajectory else []

    def can_print(self) -> bool:
        return self.trajectory is not None and not self.problems_found()

    def _on_edited(self) -> None:
        if not self._loading:
            if self.editable():
                self.autosave.schedule()
            self.message.setText("")
            self._update_state()

    def _update_state(self) -> None:
        problems = self.problems_found()
        self.problems.setText(problems_html(self.tr("Dit verslag kan nog niet afgedrukt worden:"), problems)
                              if problems else "")
        self.problems.setVisible(bool(problems))
        why = self.tr("Elke mogelijkheid moet ernstig overwogen en gemotiveerd zijn ({0} punt(en) open).").format(
            len(problems)) if problems else ""
        self.print_button.setEnabled(not problems)
        self.print_button.setToolTip(why)
        delivered = self.trajectory.report.delivered_on if self.trajectory and self.trajectory.report else None
        stored = self.trajectory is not None and (self.trajectory.report is not None or self.dirty)
        self.delivered_button.setEnabled(
            self.editable() and not problems and delivered is None and stored)
        self.delivered_button.setToolTip(why)

    # -- actions -------------------------------------------------------------------------

    def commit_pending(self) -> bool:
        """Store a waiting edit now (leaving, printing); False when it was refused."""
        return self.autosave.commit()

    def _store_draft(self) -> bool:
        """Store the form as the draft report; an incomplete report is stored too."""
        if self.trajectory is None or not self.editable():
            return True  # nothing of this form can be stored: there is nothing to keep either
        report = self.report()
        too_long = check_report_texts(report)
        if too_long:
            self.message.setText(" ".join(too_long))
            return False
        if not self._store(lambda: self._dossier.trajectories.save_report(report)):
            return False
        self.message.setText(self.tr("Automatisch bewaard als concept.") + (
            "" if self.can_print() else " " + self.tr("Vul het aan vóór u het afdrukt.")))
        return True

    def _store(self, write: Callable[[], object]) -> bool:
        assert self.trajectory is not None
        try:
            write()
        except DossierError as error:
            self.message.setText(f"{error.message} {error.advice}".strip())
            return False
        self.trajectory = self._dossier.trajectories.get(self.trajectory.id)
        if not self.editable():
            self.load(self.trajectory)  # delivered: shown read-only from now on
        self._update_state()
        self.changed.emit(self.trajectory.id)
        return True

    def _on_print_clicked(self) -> None:
        # The PDF is made from the store: what was typed a moment ago must be in it.
        if self.trajectory is not None and self.can_print() and self.commit_pending():
            self.print_requested.emit(self.trajectory.id, "verslag")

    def _on_delivered_clicked(self) -> None:
        text, ok = QInputDialog.getText(self, self.tr("Verslag bezorgd"), self.tr(
            "Datum waarop de werknemer en de arbeidsarts het verslag ontvingen:"), QLineEdit.EchoMode.Normal,
            format_date(self._today()))
        if not ok or self.trajectory is None or not self.commit_pending():
            return
        try:
            value = parse_date(text)
            if value is None or value > self._today():
                raise ValidationError(self.tr("Geef de datum waarop het verslag bezorgd werd (niet in de toekomst)."))
        except ValidationError as error:
            self.message.setText(str(error))
            return
        report = replace(self.report(), delivered_on=value)
        if self._store(lambda: self._dossier.trajectories.save_report(report)):
            self.message.setText(self.tr("Bezorgd op {0} genoteerd.").format(format_date(value)))
