"""`Plan`: the guided re-integration plan of one trajectory, version by version.

The form follows the legal contents of a plan (Codex, fact sheet §2.1) and the
kinds of adaptation of checklist 3. The plan is stored as a draft while the
user types (a 400 ms pause, and at once when the dossier or window closes), even
when it is incomplete or its schedule exceeds the regime: the red box lists what
to correct before the version is fixed ("Versie vastleggen", the delivery) or
printed. Dates that contradict each other (an evaluation after the plan and its
aftercare, aftercare that ends before the plan, a schedule step outside the plan:
``trajectory_checks``) are shown next to their field and block printing a draft;
for a version already handed over they are shown as a warning only (it prints as it
was). Only a text over its length limit or an unreadable date is not stored;
it stays in the form with the reason. A plan that was delivered or signed is
never changed: the first edit after that makes a new version, and earlier
versions stay readable in the version list. Free texts carry the privacy warning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Absence, Employee
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.trajectory import (
    PlanVersion,
    Trajectory,
    TrajectoryKind,
    check_plan,
    check_plan_texts,
)
from kmo_reintegratie.trajectory_checks import AFTERCARE, EVALUATION, SCHEDULE, plan_date_problems
from kmo_reintegratie.ui.widgets.plan_actions import DraftAutosave, PlanActions
from kmo_reintegratie.ui.widgets.plan_aftercare import AftercareEditor
from kmo_reintegratie.ui.widgets.plan_schedule import ScheduleEditor
from kmo_reintegratie.ui.widgets.plan_sections import (
    AdaptationsEditor,
    ChecklistEditor,
    EvaluationEditor,
)
from kmo_reintegratie.ui.widgets.privacy_guard import PrivacyGuard, attach_privacy_guard
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    NOTE_STYLE,
    WARNING_STYLE,
    DateEdit,
    wrapped,
)

PARTS = (
    ("workstation_adaptations", "1. Aanpassingen van de werkpost",
     "Welke (redelijke) aanpassingen van de werkpost: ergonomie, hulpmiddelen, plaats ..."),
    ("adapted_work", "2. Aangepast werk",
     "Welke taken wel en niet, werkvolume, uurrooster en progressiviteit (zie ook het uurrooster hieronder)."),
    ("other_work", "3. Ander werk",
     "Werkinhoud, werkvolume, uurrooster en progressiviteit van het andere werk; het loon van de andere functie."),
    ("training", "4. Opleiding", "Aard van de opleidingen om de nodige competenties te verwerven."),
)


class PlanEditor(QWidget):
    print_requested = Signal(int, str)
    changed = Signal(int)

    def __init__(self, dossier: Dossier, today: Callable[[], date], parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._today = today
        self.trajectory: Trajectory | None = None
        self._employee: Employee | None = None
        self.shown: PlanVersion | None = None
        self._loading = False
        self.autosave = DraftAutosave(self._store_draft, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.version_label = QLabel(self.tr("Versie:"))
        top.addWidget(self.version_label)
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("planVersion")
        self.version_combo.setMinimumWidth(260)
        self.version_combo.activated.connect(self._on_version_combo_activated)
        top.addWidget(self.version_combo)
        self.status = wrapped(name="planStatus")
        top.addWidget(self.status, 1)
        outer.addLayout(top)
        self.banner = wrapped(name="planBanner", style=WARNING_STYLE)
        outer.addWidget(self.banner)
        self.blocked = wrapped(name="planBlocked", style=NOTE_STYLE)
        self.blocked.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        outer.addWidget(self.blocked)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._build_form())
        outer.addWidget(self.scroll, 1)
        self.actions = PlanActions(dossier, today, self)
        self.actions.delivered_button.clicked.connect(self._on_delivered_clicked)
        self.actions.recorded.connect(self._on_actions_recorded)
        self.actions.print_button.clicked.connect(self._on_print_clicked)
        outer.addWidget(self.actions)
        outer.addStretch(0)  # takes the room only when the form is hidden (decision C)

    def _build_form(self) -> QWidget:
        content = QWidget()
        layout = QVBoxLayout(content)
        self.guidance = wrapped(name="planGuidance", style=NOTE_STYLE)
        layout.addWidget(self.guidance)
        parts = QGroupBox(self.tr("Inhoud van het plan (wettelijke onderdelen)"))
        form = QFormLayout(parts)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # Long labels go above their field on a small laptop instead of pushing it off screen.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(wrapped(self.tr("Zo concreet mogelijk, in overleg met de werknemer en de arbeidsarts en rekening "
                                    "houdend met de voorwaarden en modaliteiten van de arbeidsarts. Vul in wat van "
                                    "toepassing is; de geldigheidsduur is altijd nodig.")))
        self.texts: dict[str, QPlainTextEdit] = {}
        self.guards: dict[str, PrivacyGuard] = {}
        for name, label, placeholder in PARTS:
            edit = QPlainTextEdit()
            edit.setObjectName(name)
            edit.setPlaceholderText(self.tr(placeholder))
            edit.setProperty("hint", edit.placeholderText())  # shown again when editable
            edit.setFixedHeight(60)
            edit.setTabChangesFocus(True)
            edit.textChanged.connect(self._on_edited)
            self.texts[name] = edit
            self.guards[name] = attach_privacy_guard(edit)
            field = QWidget()
            field_layout = QVBoxLayout(field)
            field_layout.setContentsMargins(0, 0, 0, 0)
            field_layout.setSpacing(2)
            field_layout.addWidget(edit)
            field_layout.addWidget(self.guards[name].label)
            form.addRow(self.tr(label), field)
        self.valid_from = DateEdit("validFrom")
        self.valid_until = DateEdit("validUntil")
        validity = QHBoxLayout()
        validity.addWidget(QLabel(self.tr("van")))
        validity.addWidget(self.valid_from)
        validity.addWidget(QLabel(self.tr("tot en met")))
        validity.addWidget(self.valid_until)
        validity.addStretch(1)
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addLayout(validity)
        box_layout.addWidget(self.valid_from.error)
        box_layout.addWidget(self.valid_until.error)
        form.addRow(self.tr("5. Geldigheidsduur"), box)
        for edit in (self.valid_from, self.valid_until):
            edit.textEdited.connect(self._on_edited)
            edit.editingFinished.connect(lambda e=edit: e.checked_value())
        layout.addWidget(parts)

        kinds = QGroupBox(self.tr("Soorten aanpassing (checklist 3, punt 1.2)"))
        kinds_layout = QVBoxLayout(kinds)
        kinds_layout.addWidget(wrapped(self.tr(
            "Vink aan wat u overeenkwam en omschrijf het. Aanpassingen kunnen gecombineerd worden, tijdelijk of "
            "permanent zijn, en hoeven niet beperkt te blijven tot wat op korte termijn kan. Het plan toont elke "
            "aanpassing bij haar wettelijk onderdeel: werkinstrumenten en organisatie bij 1, arbeidstijd, "
            "werkdagen/uren en arbeidstaken bij 2, de functie bij 3, specifieke ondersteuning bij 4.")))
        self.adaptations = AdaptationsEditor()
        self.adaptations.edited.connect(self._on_edited)
        kinds_layout.addWidget(self.adaptations)
        layout.addWidget(kinds)

        schedule = QGroupBox(self.tr("Progressief uurrooster"))
        schedule_layout = QVBoxLayout(schedule)
        self.schedule = ScheduleEditor()
        self.schedule.edited.connect(self._on_edited)
        schedule_layout.addWidget(self.schedule)
        layout.addWidget(schedule)

        evaluation = QGroupBox(self.tr("Evaluatie en nazorg"))
        evaluation_form = QFormLayout(evaluation)
        evaluation_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.evaluation = EvaluationEditor(self.plan_start)
        self.evaluation.edited.connect(self._on_edited)
        evaluation_form.addRow(self.tr("Evaluatiemomenten"), self.evaluation)
        self.aftercare = AftercareEditor(self.plan_start, follow_until=self._follow_until)
        self.aftercare.edited.connect(self._on_edited)
        evaluation_form.addRow(self.tr("Nazorg tot en met"), self.aftercare)
        layout.addWidget(evaluation)

        checklist = QGroupBox(self.tr("Praktische voorbereiding van de terugkeer (checklist 3, punt 2)"))
        checklist_layout = QVBoxLayout(checklist)
        self.checklist = ChecklistEditor()
        self.checklist.edited.connect(self._on_edited)
        checklist_layout.addWidget(self.checklist)
        layout.addWidget(checklist)
        layout.addStretch(1)
        return content

    # -- loading -------------------------------------------------------------------------

    def load(self, trajectory: Trajectory | None, employee: Employee | None, absence: Absence | None) -> None:
        """Show the current version of ``trajectory``'s plan (or an empty draft)."""
        if trajectory is None or self.trajectory is None or trajectory.id != self.trajectory.id:
            self.scroll.verticalScrollBar().setValue(0)  # another person's plan starts at the top
        self.trajectory, self._employee = trajectory, employee
        self.aftercare.absence = absence
        self.setEnabled(trajectory is not None)
        if trajectory is None:
            return
        blocked = trajectory.decision is Decision.C
        # Read-only without a plan: an empty form would only show boxes nobody can fill in.
        nothing_to_show = self._dossier.read_only and not trajectory.plans
        guidance = []
        formal = trajectory.kind is TrajectoryKind.FORMEEL
        if trajectory.decision_conditions:
            heading = (self.tr("Voorwaarden en modaliteiten van de arbeidsarts: {0}") if formal
                       else self.tr("Advies van de arbeidsarts: {0}"))
            guidance.append(heading.format(trajectory.decision_conditions))
        if formal and trajectory.decision is None:
            guidance.append(self.tr("De beslissing van de arbeidsarts is nog niet ingevuld: een plan volgt op "
                                    "beslissing A of B."))
        self.guidance.setText("\n\n".join(guidance))
        self.guidance.setVisible(bool(guidance))
        if blocked:
            note = self.tr("Beslissing C: er volgt geen re-integratieplan.") + "\n\n" + Decision.C.explanation
        elif nothing_to_show:
            note = "\n\n".join([self.tr("Nog geen plan voor dit traject."), *guidance])
        else:
            note = ""
        self.blocked.setText(note)
        self.blocked.setVisible(bool(note))
        for widget in (self.scroll, self.actions, self.version_label, self.version_combo, self.status):
            widget.setVisible(not note)
        self._fill_versions(trajectory.current_plan.version if trajectory.current_plan else None)

    def _fill_versions(self, select: int | None) -> None:
        self._fill_version_combo(select)
        self.show_version(self.version_combo.currentData())

    def _fill_version_combo(self, select: int | None) -> None:
        assert self.trajectory is not None
        self.version_combo.clear()
        plans = sorted(self.trajectory.plans, key=lambda p: p.version, reverse=True)
        for plan in plans:
            state = self.tr("geldend") if plan is plans[0] else self.tr("vorige versie")
            self.version_combo.addItem(self.tr("Versie {0} van {1} ({2})").format(
                plan.version, format_date(plan.made_on), state), plan.version)
        if not plans:
            self.version_combo.addItem(self.tr("Nog geen plan") if self._dossier.read_only
                                       else self.tr("Nieuw plan (nog niet bewaard)"), 0)
        index = max(0, self.version_combo.findData(select)) if select else 0
        self.version_combo.setCurrentIndex(index)

    def show_version(self, number: int) -> None:
        assert self.trajectory is not None
        plan = next((p for p in self.trajectory.plans if p.version == number), None)
        self.shown = plan
        self.autosave.cancel()  # what is shown now is what is stored
        self._loading = True
        empty = PlanVersion(0, self.trajectory.id, 1, self._today())
        shown = plan or empty
        for name, edit in self.texts.items():
            edit.setPlainText(getattr(shown, name))
        self.valid_from.set_value(shown.valid_from)
        self.valid_until.set_value(shown.valid_until)
        self.adaptations.set_adaptations(shown.adaptations)
        self.schedule.set_steps(shown.schedule)
        self.evaluation.set_moments(shown.evaluation_moments)
        self.aftercare.set_value(shown.aftercare_until)
        self.checklist.set_checklist(shown.checklist)
        self._loading = False
        self._apply_editability()
        self._update_regime()
        self._update_problems()

    @property
    def dirty(self) -> bool:
        """True while an edit waits for the typing pause (the page then keeps the form as is)."""
        return self.autosave.pending

    @property
    def latest(self) -> PlanVersion | None:
        return self.trajectory.current_plan if self.trajectory else None

    def viewing_latest(self) -> bool:
        latest = self.latest
        return self.shown is None or (latest is not None and self.shown.version == latest.version)

    def _apply_editability(self) -> None:
        editable = not self._dossier.read_only and self.viewing_latest()
        for edit in (*self.texts.values(), self.valid_from, self.valid_until):
            edit.setReadOnly(not editable)
        for text_edit in self.texts.values():
            # An example in an empty part that cannot be filled in looks like the plan's text.
            text_edit.setPlaceholderText(text_edit.property("hint") if editable else "—")
        self.adaptations.set_editable(editable)
        self.checklist.set_editable(editable)
        self.schedule.set_editable(editable)
        self.evaluation.set_editable(editable)
        self.aftercare.set_editable(editable)
        latest = self.latest
        if not self.viewing_latest() and latest is not None and self.shown is not None:
            self.banner.setText(self.tr(
                "U bekijkt versie {0}: alleen-lezen. De geldende versie is versie {1}. Wat bezorgd of "
                "ondertekend werd, blijft zo bewaard.").format(self.shown.version, latest.version))
        elif self.shown is not None and self.shown.locked and not self._dossier.read_only:
            self.banner.setText(self.tr(
                "Dit plan werd al bezorgd/ondertekend; wijzigingen worden een nieuwe versie (versie {0}).").format(
                self.shown.version + 1))
        else:
            self.banner.setText("")
        self.banner.setVisible(bool(self.banner.text()))
        self.status.setText(self._status_text(self.shown))

    def _status_text(self, plan: PlanVersion | None) -> str:
        if plan is None:
            return self.tr("Nog geen plan bewaard.")
        parts = [self.tr("opgemaakt {0}").format(format_date(plan.made_on))]
        if plan.fixed_on:
            parts.append(self.tr("vastgelegd bij het afdrukken {0}").format(format_date(plan.fixed_on)))
        if plan.delivered_on:
            parts.append(self.tr("bezorgd {0}").format(format_date(plan.delivered_on)))
        if plan.signed_by_employer_on:
            parts.append(self.tr("ondertekend door werkgever {0}").format(format_date(plan.signed_by_employer_on)))
        answer = plan.response.label + (f" ({format_date(plan.response_on)})" if plan.response_on else "")
        parts.append(self.tr("antwoord werknemer: {0}").format(answer))
        return " · ".join(parts)

    # -- editing -----------------------------------------------------------------------

    def plan_start(self) -> date | None:
        """Start of the plan: the validity start, else the first step of the schedule."""
        try:
            start = self.valid_from.value()
        except ValueError:
            start = None
        steps = self.schedule.steps()
        return start or (min(s.starts for s in steps) if steps else None)

    def plan_end(self) -> date | None:
        """The last day of the plan's validity, when it is filled in and readable."""
        try:
            return self.valid_until.value()
        except ValueError:
            return None

    def _follow_until(self) -> date | None:
        """The last day the aftercare must reach: the plan's end or its last evaluation talk."""
        days = [d for d in (self.plan_end(), *self.evaluation.moments()) if d is not None]
        return max(days, default=None)

    def regime_hours(self) -> float | None:
        start = self.plan_start() or self._today()
        regime = self._employee.regime_on(start) if self._employee else None
        return regime.hours_per_week if regime else None

    def _update_regime(self) -> None:
        self.schedule.default_start = self.plan_start() or self._today()
        self.schedule.set_regime(self.regime_hours(), self.plan_start() or self._today())

    def _on_edited(self, *_args: object) -> None:
        if self._loading:
            return
        if not self._dossier.read_only and self.viewing_latest():
            self.autosave.schedule()
        self._update_regime()
        self._update_problems()

    def draft(self) -> PlanVersion | None:
        """The plan as shown in the form, or None when a date cannot be read (message below it)."""
        assert self.trajectory is not None
        valid_from, ok_from = self.valid_from.checked_value()
        valid_until, ok_until = self.valid_until.checked_value()
        aftercare, ok_aftercare = self.aftercare.checked_value()
        if not (ok_from and ok_until and ok_aftercare):
            return None
        base = self.shown or PlanVersion(0, self.trajectory.id, 1, self._today())
        return replace(
            base,
            **{name: clean_text(edit.toPlainText()).strip() for name, edit in self.texts.items()},
            valid_from=valid_from, valid_until=valid_until, adaptations=self.adaptations.adaptations(),
            schedule=tuple(sorted(self.schedule.steps(), key=lambda s: s.starts)),
            evaluation_moments=self.evaluation.moments(), aftercare_until=aftercare,
            checklist=self.checklist.checklist(),
        )

    def _update_problems(self) -> None:
        plan = self.draft()
        problems = check_plan(plan, self.regime_hours()) if plan else [self.tr("Een datum is onleesbaar.")]
        dates = plan_date_problems(plan) if plan else []
        for field, show in ((SCHEDULE, self.schedule.set_date_warnings),
                            (EVALUATION, self.evaluation.set_warnings),
                            (AFTERCARE, self.aftercare.set_warnings)):
            show([p.message for p in dates if p.field == field])
        warnings: list[str] = []
        if plan is not None and plan.locked and not self.dirty:
            # Handed over or printed already: it stays as it was and may be printed again.
            warnings = [p.message for p in dates]
        else:
            problems += [p.message for p in dates]
        self.actions.update_state(self.trajectory, self.shown, problems, pending=self.dirty,
                                  editable=not self._dossier.read_only and self.viewing_latest(),
                                  warnings=warnings)
        if self._dossier.read_only:
            # Nobody can correct anything here: a red "to correct" list would only alarm.
            self.actions.problems.hide()
            if problems and not self.actions.print_button.isEnabled():
                self.actions.print_button.setToolTip(self.tr(
                    "Dit concept is nog niet volledig; het kan pas afgedrukt worden als het "
                    "aangevuld is in een dossier dat gewijzigd mag worden."))

    def commit_pending(self) -> bool:
        """Store a waiting edit now (leaving, printing); False when it was refused."""
        return self.autosave.commit()

    def _store_draft(self) -> bool:
        """Store the form as the current draft; an incomplete plan is stored too."""
        if self.trajectory is None or not self.viewing_latest() or self._dossier.read_only:
            return True  # nothing of this form can be stored: there is nothing to keep either
        plan = self.draft()
        if plan is None:
            self.actions.show_refusal([self.tr("Verbeter eerst de datum onder het veld.")])
            return False
        refusals = check_plan_texts(plan)
        if refusals:
            self.actions.show_refusal(refusals)
            return False
        if plan.locked:
            plan = replace(plan, made_on=self._today())  # the new version is made today
        saved = self.actions.store(lambda: self._dossier.trajectories.save_plan(plan))
        if saved is None:
            return False
        new_version = self.shown is None or saved.version != self.shown.version
        self.trajectory = self._dossier.trajectories.get(self.trajectory.id)
        self.shown = saved
        # The form keeps its text and cursor (the user may still be typing); only the
        # version list and the status follow the store.
        if new_version:
            self._fill_version_combo(saved.version)
        self._apply_editability()
        self._update_problems()
        self.actions.show_message(
            self.tr("Automatisch bewaard (versie {0}, concept).").format(saved.version))
        self.changed.emit(self.trajectory.id)
        return True

    def _reload(self, version: int | None = None) -> None:
        assert self.trajectory is not None
        self.trajectory = self._dossier.trajectories.get(self.trajectory.id)
        self._fill_versions(version)
        self.changed.emit(self.trajectory.id)

    def _on_actions_recorded(self) -> None:
        self._reload(self.shown.version if self.shown else None)

    def _on_version_combo_activated(self, _index: int) -> None:
        wanted = self.version_combo.currentData()
        # Store the words just typed before another version fills the form.
        if not self.commit_pending():
            self.version_combo.setCurrentIndex(self.version_combo.findData(self.shown_version() or 0))
            return
        self.show_version(wanted)

    def shown_version(self) -> int | None:
        """The stored plan version on screen (None for an unsaved draft)."""
        return self.shown.version if self.shown is not None else None

    def _on_delivered_clicked(self) -> None:
        if self.commit_pending():  # the version fixed is exactly what is on screen
            self.actions.record_delivery()

    def _on_print_clicked(self) -> None:
        # The PDF is made from the store: what was typed a moment ago must be in it.
        if self.trajectory is None or not self.commit_pending():
            return
        plan = self.shown
        if plan is not None and plan.id and not plan.locked and not self._dossier.read_only:
            # Printed for signature: this version stays as printed; a later change is a new one.
            fixed = self.actions.store(
                lambda: self._dossier.trajectories.record_plan_event(plan.id, fixed_on=self._today()))
            if fixed is None:
                return
            self._reload(fixed.version)
        self.print_requested.emit(self.trajectory.id, "plan")
