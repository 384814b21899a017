"""`Trajecten`: every re-integration trajectory, where it stands, and its plan or report.

Left the list (employee, kind, decision, next term, status); right the
selected trajectory in four tabs: Verloop (timeline and fields), Plan,
Verslag and Opvolging. Changes are announced with
``events.trajectories_changed``; ``events.trajectory_requested`` selects one.
Without any trajectory the page explains what one is and offers "Nieuw traject…"
instead of an empty form. Plan and verslag store themselves as the user types.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Absence, Employee
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.trajectory import Trajectory, TrajectoryError, TrajectoryKind
from kmo_reintegratie.trajectory_steps import StepState, next_step, status_text, steps
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE, Row, RowsModel, SortedRowsProxy
from kmo_reintegratie.ui.undo import DeleteCommand, record_create, record_delete, trajectory_calls
from kmo_reintegratie.ui.widgets.trajectory_details import TrajectoryDetails
from kmo_reintegratie.ui.widgets.trajectory_timeline import when_text

if TYPE_CHECKING:
    # Imported where they are built (first opening of their tab, "Nieuw traject…"): a first
    # visit of Trajecten that only looks at the list and the Verloop does not load them.
    from kmo_reintegratie.ui.widgets.plan_editor import PlanEditor
    from kmo_reintegratie.ui.widgets.report_editor import ReportEditor
    from kmo_reintegratie.ui.widgets.trajectory_followup import TrajectoryFollowUp

# Kind and decision share a column ("formeel · B"): the list must leave room for the next step.
HEADERS = ("Werknemer", "Soort", "Volgende stap", "Status")
KIND_COLUMN = 1
NEXT_STEP_COLUMN = 2  # takes the room left; the others fit their widest text
#: How long after the page is first shown the other tabs' modules are imported. A timer that
#: must run out, not a queued call, so the painted page is shown and waiting clicks come first.
PREPARE_DELAY_MS = 20
NARROW_LIST = 380  # px: below this the list hides the kind column
#: Short names of the steps for the list; the timeline shows the full titles.
SHORT = {
    "aanvraag": "verzoek", "beoordeling": "beoordeling", "beroep": "beroepstermijn", "overleg": "overleg",
    "plan": "plan/verslag", "instemming_werknemer": "antwoord werknemer", "uitvoering": "uitvoering",
    "afsluiting": "afsluiten", "start": "afspraken", "bezoek": "bezoek arbeidsarts",
    "nieuw_traject_na_c": "nieuw traject mogelijk",
}


class Tab:
    VERLOOP = 0
    PLAN = 1
    VERSLAG = 2
    OPVOLGING = 3


class TrajectoriesPage(QWidget):
    nav_label = "Trajecten"
    #: Someone asks for the PDF of a plan or report (trajectory id, "plan" or "verslag").
    print_requested = Signal(int, str)

    def __init__(self, dossier: Dossier, events: DossierEvents, today: Callable[[], date],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self.trajectory: Trajectory | None = None
        self._announcing = False
        self._prepared = False
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h2>Trajecten</h2>"))
        layout.addWidget(heading)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_list())
        splitter.addWidget(self._build_details())
        # The details (plan, report) need the room; the list shows five short columns.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([470, 780])
        # An empty dossier gets an explanation, not a disabled form with empty boxes.
        self.body = QStackedWidget()
        self.intro = self._build_intro()
        self.body.addWidget(self.intro)
        self.body.addWidget(splitter)
        self.splitter = splitter
        layout.addWidget(self.body, 1)
        events.trajectory_requested.connect(self._on_events_trajectory_requested)
        events.trajectories_changed.connect(self._on_events_trajectories_changed)
        events.absences_changed.connect(self._on_events_context_changed)
        events.employees_changed.connect(self._on_events_context_changed)
        events.trajectory_start_requested.connect(self._on_events_trajectory_start_requested)
        self.refresh()

    # -- building ------------------------------------------------------------------------

    def _build_intro(self) -> QWidget:
        box = QWidget()
        box.setObjectName("trajectoryIntro")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 12, 0, 0)
        text = QLabel(self.tr(
            "<p>Een re-integratietraject begeleidt een zieke werknemer terug naar werk bij u: "
            "aangepast werk, ander werk, een aangepaste werkpost of een progressieve "
            "hervatting.</p><p>Een <b>informeel</b> traject spreekt u rechtstreeks af met de "
            "werknemer, eventueel met advies van de arbeidsarts. Een <b>formeel</b> traject "
            "start op verzoek bij de arbeidsarts; de wet legt dan de stappen en termijnen vast: "
            "beoordeling, overleg en een plan of een gemotiveerd verslag.</p>"
            "<p>Dit dossier heeft nog geen trajecten.</p>"))
        text.setObjectName("trajectoryIntroText")
        text.setWordWrap(True)
        text.setMaximumWidth(720)  # a readable line length on a wide screen
        layout.addWidget(text)
        button_row = QHBoxLayout()
        self.intro_button = QPushButton(self.tr("Nieuw traject…"))
        self.intro_button.setObjectName("introNewTrajectory")
        self.intro_button.clicked.connect(lambda: self.new_trajectory())
        self.intro_button.setEnabled(not self._dossier.read_only)
        if self._dossier.read_only:
            self.intro_button.setToolTip(self.tr("Dit dossier is alleen-lezen geopend."))
        button_row.addWidget(self.intro_button)
        button_row.addStretch(1)
        layout.addLayout(button_row)
        layout.addStretch(1)
        return box

    def _build_list(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("&Nieuw traject…"))
        self.new_button.setObjectName("newTrajectory")
        self.new_button.clicked.connect(lambda: self.new_trajectory())
        self.new_button.setEnabled(not self._dossier.read_only)
        buttons.addWidget(self.new_button)
        self.delete_button = QPushButton(self.tr("Traject verwijderen…"))
        self.delete_button.setObjectName("deleteTrajectory")
        self.delete_button.clicked.connect(lambda: self.delete_trajectory())
        self.delete_button.setEnabled(False)  # until a trajectory is shown
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.model = RowsModel(tuple(self.tr(h) for h in HEADERS), self)
        # The model sorts on its rows' sort keys itself: one Python sort, not a call per comparison.
        self.proxy = SortedRowsProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = QTableView()
        self.view.setObjectName("trajectoryList")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(2, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        # The short columns are sized to their widest text once per reload (``_fit_columns``):
        # Qt's ResizeToContents asks the model for every role of every row it measures, again
        # at each sort, and measures all rows of a view not shown yet (hundreds of trajectories).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(NEXT_STEP_COLUMN, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().currentRowChanged.connect(self._on_view_current_changed)
        self.view.viewport().installEventFilter(self)
        layout.addWidget(self.view, 1)
        return box

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            # On a small laptop the kind gives way (the title above the details names it),
            # so the date of the next step stays readable.
            narrow = self.view.viewport().width() < NARROW_LIST
            if narrow != self.view.isColumnHidden(KIND_COLUMN):
                self.view.setColumnHidden(KIND_COLUMN, narrow)
        return super().eventFilter(watched, event)

    def _build_details(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel()
        self.title.setObjectName("trajectoryTitle")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("trajectoryTabs")
        self.details = TrajectoryDetails(self._dossier, self._today, events=self._events)
        verloop = QScrollArea()
        verloop.setWidgetResizable(True)
        verloop.setWidget(self.details)
        self.tabs.addTab(verloop, self.tr("&Verloop"))
        # Plan, Verslag and Opvolging are built when first opened (or asked for): a visit often
        # only reads the list and the Verloop, and the plan's form alone is a hundred widgets.
        self._plan_editor: PlanEditor | None = None
        self._report_editor: ReportEditor | None = None
        self._followup: TrajectoryFollowUp | None = None
        self._plan_tab = self._holder()
        self.tabs.addTab(self._plan_tab, self.tr("&Plan"))
        self._report_tab = self._holder()
        self.tabs.addTab(self._report_tab, self.tr("Ver&slag"))
        self._followup_tab = QScrollArea()
        self._followup_tab.setWidgetResizable(True)
        self.tabs.addTab(self._followup_tab, self.tr("&Opvolging"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout.addWidget(self.tabs, 1)
        self.details.changed.connect(self._on_editor_changed)
        return box

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if not self._prepared:
            self._prepared = True
            QTimer.singleShot(PREPARE_DELAY_MS, self, self._prepare_tabs)

    def _prepare_tabs(self) -> None:
        """While the user reads the list: load the modules the first opening of Plan, Verslag
        or Opvolging needs, so that the click only builds and fills the tab."""
        import kmo_reintegratie.ui.widgets.plan_editor  # noqa: F401
        import kmo_reintegratie.ui.widgets.report_editor  # noqa: F401
        import kmo_reintegratie.ui.widgets.trajectory_followup  # noqa: F401

    @staticmethod
    def _holder() -> QWidget:
        holder = QWidget()
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        return holder

    def _on_tabs_current_changed(self, index: int) -> None:
        # Opening a tab for the first time builds its editor, filled with the shown trajectory.
        if index == Tab.PLAN and self._plan_editor is None:
            self._plan_editor = self._build_plan_editor()
        elif index == Tab.VERSLAG and self._report_editor is None:
            self._report_editor = self._build_report_editor()
        elif index == Tab.OPVOLGING and self._followup is None:
            self._followup = self._build_followup()

    @property
    def plan_editor(self) -> PlanEditor:
        """The Plan tab's editor; built, and filled with the shown trajectory, on first use."""
        if self._plan_editor is None:
            self._plan_editor = self._build_plan_editor()
        return self._plan_editor

    @property
    def report_editor(self) -> ReportEditor:
        """The Verslag tab's editor; built, and filled with the shown trajectory, on first use."""
        if self._report_editor is None:
            self._report_editor = self._build_report_editor()
        return self._report_editor

    @property
    def followup(self) -> TrajectoryFollowUp:
        """The Opvolging tab's editor; built, and filled with the shown trajectory, on first use."""
        if self._followup is None:
            self._followup = self._build_followup()
        return self._followup

    def _build_plan_editor(self) -> PlanEditor:
        from kmo_reintegratie.ui.widgets.plan_editor import PlanEditor

        editor = PlanEditor(self._dossier, self._today)
        editor.changed.connect(self._on_editor_changed)
        editor.print_requested.connect(self.print_requested)
        # Filled before it is shown: showing and hiding its parts is cheap while it is hidden.
        if self.trajectory is None:
            editor.load(None, None, None)
        else:
            editor.load(self.trajectory, *self._context(self.trajectory))
        self._plan_tab.layout().addWidget(editor)
        editor.show()  # with its tab: a widget added to a shown parent would wait for the event loop
        return editor

    def _build_report_editor(self) -> ReportEditor:
        from kmo_reintegratie.ui.widgets.report_editor import ReportEditor

        editor = ReportEditor(self._dossier, self._today)
        editor.changed.connect(self._on_editor_changed)
        editor.print_requested.connect(self.print_requested)
        editor.load(self.trajectory)
        self._report_tab.layout().addWidget(editor)
        editor.show()
        return editor

    def _build_followup(self) -> TrajectoryFollowUp:
        from kmo_reintegratie.ui.widgets.trajectory_followup import TrajectoryFollowUp

        editor = TrajectoryFollowUp(self._dossier, self._today, events=self._events)
        editor.changed.connect(self._on_editor_changed)
        editor.load(self.trajectory)
        self._followup_tab.setWidget(editor)
        return editor

    # -- list ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the list; keep the selection."""
        today = self._today()
        rows = []
        # One light read: the closed trajectories come without their plans (they have no next
        # step); the selected one is read whole when it is shown.
        lines = self._dossier.trajectories.lines()
        self._ids = {line.id for line in lines}
        for line in lines:
            step = next_step(steps(line.running, today)) if line.running is not None else None
            term = "—"
            if step is not None:
                term = self.tr(SHORT.get(step.key, step.key))
                if step.due is not None:
                    term = f"{format_date(step.due)} {term}"
                if step.state is StepState.TE_LAAT:
                    term += self.tr(" (te laat)")
                elif step.deadline is not None and not step.deadline.confirmed:
                    term += self.tr(" (te bevestigen)")
            level = ""
            if step and step.state is StepState.TE_LAAT:
                level = "urgent"
            elif step and step.warn(today):
                level = "soon"
            kind = line.kind.value
            if line.kind is TrajectoryKind.FORMEEL:
                kind += f" · {line.decision.value}" if line.decision else self.tr(" · nog geen beslissing")
            name = line.employee_name
            status = status_text(line)  # type: ignore[arg-type]  # it reads only closed_on
            rows.append(Row(
                (name if name is not None else "?", kind, term, status),
                ("traject", line.id), level=level,
                tooltip=f"{step.title}: {when_text(step, today)}\n\n{step.explanation}" if step else "",
                sort_keys=(name.casefold() if name is not None else "", kind,
                           f"{line.closed_on is not None:d} {(step.due or date.max).isoformat() if step else ''}",
                           status),
            ))
        self.model.set_rows(rows)
        self._fit_columns()
        self.body.setCurrentWidget(self.splitter if rows else self.intro)
        if self.trajectory is not None and self.trajectory.id in self._ids:
            self._select_row(self.trajectory.id)
        elif rows:
            self._show(None)
            first = self.proxy.index(0, 0).data(TARGET_ROLE)
            self._select_row(first[1])
        else:
            self._show(None)

    def _fit_columns(self) -> None:
        """Give each short column the width of its widest cell (over all rows, so that the widths
        stay put while scrolling and sorting) and at least that of its header."""
        header = self.view.horizontalHeader()
        metrics = self.view.fontMetrics()
        count = self.model.rowCount()
        for column in range(self.model.columnCount()):
            if column == NEXT_STEP_COLUMN:
                continue
            width = header.sectionSizeHint(column)
            if count:
                # Measure the text of every row here; let the view size only the widest cell,
                # which adds the margins its style draws around a text.
                advance: dict[str, tuple[int, int]] = {}
                for row in range(count):
                    text = self.model.row(row).cells[column]
                    if text not in advance:
                        advance[text] = (metrics.horizontalAdvance(text), row)
                widest = max(advance.values())[1]
                cell = self.view.sizeHintForIndex(self.proxy.mapFromSource(self.model.index(widest, column)))
                width = max(width, cell.width() + (1 if self.view.showGrid() else 0))
            header.resizeSection(column, width)

    def _select_row(self, trajectory_id: int) -> bool:
        target = ("traject", trajectory_id)
        # The model's own rows, not index.data() per row: no call through Qt for each of hundreds.
        for row in range(self.model.rowCount()):
            if self.model.row(row).target == target:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    def select_trajectory(self, trajectory_id: int) -> bool:
        """Show trajectory ``trajectory_id``; False when it does not exist."""
        return self._select_row(trajectory_id)

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        target = current.data(TARGET_ROLE) if current.isValid() else None
        if target is None:
            return
        if self.trajectory is not None and self.trajectory.id == target[1]:
            return
        if not self._leave_unsaved():
            # Stay on the trajectory being edited; the list follows.
            self.view.selectionModel().blockSignals(True)
            self._select_row(self.trajectory.id if self.trajectory else target[1])
            self.view.selectionModel().blockSignals(False)
            return
        self.details.commit_all()
        if self._followup is not None:
            self._followup.commit_all()
        self._show(self._dossier.trajectories.get(int(target[1])))

    def _leave_unsaved(self) -> bool:
        """Store what waits in the plan and verslag; False (stay) when a text was refused.

        Only a text over its length limit or an unreadable date is refused; the user then
        sees the reason in the editor and nothing typed is thrown away by moving on.
        """
        return self.commit_pending()

    def commit_pending(self) -> bool:
        """Store every edit still waiting for its typing pause; False when one was refused."""
        plan_stored = self._plan_editor is None or self._plan_editor.commit_pending()
        report_stored = self._report_editor is None or self._report_editor.commit_pending()
        return plan_stored and report_stored

    # -- details -------------------------------------------------------------------------

    def _context(self, trajectory: Trajectory) -> tuple[Employee | None, Absence | None]:
        return self._dossier.employees.get(trajectory.employee_id), self._absence_of(trajectory)

    def _absence_of(self, trajectory: Trajectory) -> Absence | None:
        """The absence the plan builds on (only the Plan tab needs it): the linked one, else the
        one running on the request date, else the latest before it."""
        absence_id = self._dossier.trajectories.plan_absence_id(trajectory)
        return self._dossier.absences.get(absence_id) if absence_id is not None else None

    def _show(self, trajectory: Trajectory | None) -> None:
        self.trajectory = trajectory
        self.delete_button.setEnabled(trajectory is not None and not self._dossier.read_only)
        if trajectory is None:
            self.title.setText("")
            for editor in (self.details, self._report_editor, self._followup):
                if editor is not None:
                    editor.load(None)
            if self._plan_editor is not None:
                self._plan_editor.load(None, None, None)
            return
        employee = self._dossier.employees.get(trajectory.employee_id)
        self._show_title(trajectory, employee)
        self.details.load(trajectory)
        # The tabs not opened yet are filled when they are built.
        if self._plan_editor is not None:
            self._plan_editor.load(trajectory, employee, self._absence_of(trajectory))
        if self._report_editor is not None:
            self._report_editor.load(trajectory)
        if self._followup is not None:
            self._followup.load(trajectory)

    def _show_title(self, trajectory: Trajectory, employee: Employee | None) -> None:
        self.title.setText(self.tr("<h3>{0} — {1} ({2})</h3>").format(
            employee.name if employee else "?", trajectory.kind.label, status_text(trajectory)))

    def _on_editor_changed(self, trajectory_id: int) -> None:
        """One of our editors stored something: update the others, then tell the other pages."""
        self.trajectory = self._dossier.trajectories.get(trajectory_id)
        self._update_editors(self.sender())
        self._announcing = True
        try:
            self._events.trajectories_changed.emit(trajectory_id)
        finally:
            self._announcing = False

    def _update_editors(self, sender: object) -> None:
        """Show the stored trajectory everywhere except in ``sender``; unsaved plan or report edits stay."""
        assert self.trajectory is not None
        employee = self._dossier.employees.get(self.trajectory.employee_id)
        self._show_title(self.trajectory, employee)
        if sender is not self.details:
            if sender is None:
                self.details.load(self.trajectory)
            else:
                self.details.trajectory = self.trajectory
                self.details.refresh_timeline()
        plan, report, followup = self._plan_editor, self._report_editor, self._followup
        if plan is not None and sender is not plan and not plan.dirty:
            plan.load(self.trajectory, employee, self._absence_of(self.trajectory))
        if report is not None and sender is not report and not report.dirty:
            report.load(self.trajectory)
        if followup is not None and sender is not followup:
            followup.show_answer(self.trajectory)

    # -- actions -------------------------------------------------------------------------

    def new_trajectory(self, employee_id: int | None = None, absence_id: int | None = None) -> Trajectory | None:
        """Ask for a new trajectory and select it; None when cancelled or refused."""
        from kmo_reintegratie.ui.dialogs.new_trajectory import NewTrajectoryDialog

        if self._dossier.read_only or not self._leave_unsaved():
            return None
        employees = self._dossier.employees.list()
        absences = {e.id: self._dossier.absences.of_employee(e.id) for e in employees}
        dialog = NewTrajectoryDialog(employees, absences, self._today(), self,
                                     employee_id=employee_id, absence_id=absence_id)
        if not dialog.exec():
            return None
        new = dialog.values()
        try:
            trajectory = self._dossier.trajectories.add(
                new.employee_id, new.kind, new.initiator, absence_id=new.absence_id,
                request_date=new.request_date, request_received=new.request_received)
        except (TrajectoryError, DossierError) as error:
            self.title.setText(f"<p style='color:#b00020'>{error}</p>")
            return None
        employee = next((e for e in employees if e.id == trajectory.employee_id), None)
        record_create(self._events, self._dossier, self.tr("Traject van {0} toevoegen").format(
            employee.name if employee else "?"), "trajectory", trajectory.id,
            *trajectory_calls(self._events, trajectory.id))
        self.trajectory = None
        self.refresh()
        self.select_trajectory(trajectory.id)
        self._announcing = True
        try:
            self._events.trajectories_changed.emit(trajectory.id)
        finally:
            self._announcing = False
        return trajectory

    def delete_trajectory(self) -> bool:
        """Ask, then delete the shown trajectory with its plans and report (undoable)."""
        trajectory = self.trajectory
        if trajectory is None or self._dossier.read_only:
            return False
        employee = self._dossier.employees.get(trajectory.employee_id)
        name = employee.name if employee else "?"
        answer = QMessageBox.question(self, self.tr("Traject verwijderen"), self.tr(
            "Het traject van {0} ({1}) verwijderen, met zijn plannen en verslag? Tot u dit "
            "dossier sluit, kunt u dit ongedaan maken.").format(name, trajectory.kind.label))
        # What is still typed in the plan goes into the file first, so undo brings it back.
        if answer != QMessageBox.StandardButton.Yes or not self._leave_unsaved():
            return False
        trajectory_id, events = trajectory.id, self._events
        try:
            deleted = self._dossier.trajectories.delete(trajectory_id)
        except DossierError as error:
            self.title.setText(f"<p style='color:#b00020'>{error}</p>")
            return False
        self.trajectory = None
        self.refresh()
        self._announcing = True
        try:
            events.trajectories_changed.emit(trajectory_id)
        finally:
            self._announcing = False
        record_delete(events, DeleteCommand(
            self._dossier, events,
            self.tr("Traject van {0} verwijderen").format(name),
            lambda: self._dossier.trajectories.delete(trajectory_id), deleted,
            lambda: events.trajectories_changed.emit(0)))
        return True

    # -- events from other pages ------------------------------------------------------------

    def _on_events_trajectory_requested(self, trajectory_id: int) -> None:
        self.select_trajectory(trajectory_id)

    def _on_events_trajectory_start_requested(self, absence_id: int) -> None:
        absence = self._dossier.absences.get(absence_id)
        self.new_trajectory(employee_id=absence.employee_id, absence_id=absence.id)

    def _on_events_trajectories_changed(self, trajectory_id: int) -> None:
        self.refresh()
        if self._announcing or self.trajectory is None:
            return
        if trajectory_id in (0, self.trajectory.id):
            still_there = self.trajectory.id in self._ids
            self.trajectory = self._dossier.trajectories.get(self.trajectory.id) if still_there else None
            if self.trajectory is None:
                self._show(None)
            else:
                self._update_editors(None)

    def _on_events_context_changed(self, *_args: object) -> None:
        self.refresh()
        plan = self._plan_editor
        if self.trajectory is not None and plan is not None and not plan.dirty:
            employee, absence = self._context(self.trajectory)
            plan.load(self.trajectory, employee, absence)

