"""Import a staff list: choose a file, check the column mapping, dry run, then import.

Only "Importeren" on the dry-run step writes, in one transaction: everything
or nothing. Employees that are not in the file are never touched. A file that
is not small is read in a worker thread, with progress and a cancel button.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressDialog,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import AbsenceError, Employee
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.staff_import import (
    FIELD_LABELS,
    FIELDS,
    ImportPlan,
    ImportProblem,
    RawTable,
    cell_text,
    describe_value,
    format_hours,
    guess_mapping,
    mapping_problem,
    plan_import,
    read_table,
)
from kmo_reintegratie.staff_table import ReadCancelled
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.undo_snapshots import Snapshot, snapshot_rows
from kmo_reintegratie.ui.background_progress import Progress, run_with_progress
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import BatchCommand, record, recording

Index = QModelIndex | QPersistentModelIndex
PREVIEW_ROWS = 20
BUSY_FROM_ROWS = 300
# Smaller files are read at once: a few milliseconds, and no progress window flashing by.
READ_IN_BACKGROUND_FROM_BYTES = 256 * 1024
FILE_FILTERS = ("Personeelslijst (*.csv *.xlsx)", "CSV-bestand (*.csv *.txt)", "Excel-werkmap (*.xlsx)")
ERROR_STYLE = "color: #b00020;"


class Step:
    FILE = 0
    MAPPING = 1
    DRY_RUN = 2


class PreviewModel(QAbstractTableModel):
    """The first rows of the file; the header says which field each column feeds."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._headers: tuple[str, ...] = ()
        self._rows: list[list[str]] = []
        self._targets: dict[int, list[str]] = {}

    def load(self, table: RawTable) -> None:
        self.beginResetModel()
        self._headers = table.headers
        self._rows = [[cell_text(v) for v in row] for row in table.rows[:PREVIEW_ROWS]]
        self._targets = {}
        self.endResetModel()

    def set_mapping(self, mapping: dict[str, int]) -> None:
        self._targets = {}
        for field_name, column in mapping.items():
            self._targets.setdefault(column, []).append(self.tr(FIELD_LABELS[field_name]))
        if self._headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self._headers) - 1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        targets = self._targets.get(section)
        return f"{self._headers[section]}\n→ {', '.join(targets)}" if targets else f"{self._headers[section]}\n"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._rows[index.row()][index.column()]
        return None


class ImportDialog(QDialog):
    """Emits ``imported(additions, changes)`` after a successful import, then closes.

    ``file_read(ok)`` is emitted whenever reading a file ends: shown, refused or cancelled.
    """

    imported = Signal(int, int)
    file_read = Signal(bool)

    def __init__(self, dossier: Dossier, today: date, parent: QWidget | None = None, *,
                 events: DossierEvents | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events  # its undo stack gets the import as one step; None: not recorded
        self._today = today
        self.path: Path | None = None
        self.table: RawTable | None = None
        self.plan: ImportPlan | None = None
        self.combos: dict[str, QComboBox] = {}
        self.reading: QProgressDialog | None = None  # shown while a file is read in the background
        self._reading_job: Progress | None = None
        self.setWindowTitle(self.tr("Personeelslijst importeren"))
        self.resize(980, 640)

        layout = QVBoxLayout(self)
        self.steps = QStackedWidget()
        self.steps.addWidget(self._build_file_step())
        self.steps.addWidget(self._build_mapping_step())
        self.steps.addWidget(self._build_dry_run_step())
        layout.addWidget(self.steps, 1)

        buttons = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("importMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        buttons.addWidget(self.message, 1)
        self.back_button = QPushButton(self.tr("< &Terug"))
        self.back_button.setObjectName("back")
        self.back_button.clicked.connect(self.go_back)
        buttons.addWidget(self.back_button)
        self.dry_run_button = QPushButton(self.tr("&Proefimport >"))
        self.dry_run_button.setObjectName("dryRun")
        self.dry_run_button.clicked.connect(self.run_dry_run)
        buttons.addWidget(self.dry_run_button)
        self.import_button = QPushButton(self.tr("&Importeren"))
        self.import_button.setObjectName("import")
        self.import_button.clicked.connect(self.apply)
        buttons.addWidget(self.import_button)
        self.cancel_button = QPushButton(self.tr("Annuleren"))
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)
        self._go(Step.FILE)

    # -- building ------------------------------------------------------------------------

    def _build_file_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(self.tr(
            "<p>Kies een personeelslijst als CSV- of Excel-bestand (.xlsx), bijvoorbeeld een export van "
            "uw sociaal secretariaat. De eerste rij bevat de kolomnamen.</p>"
            "<p>U ziet eerst welke kolom waarvoor dient en daarna een proefimport. Er wordt pas iets "
            "bewaard als u op <b>Importeren</b> klikt, en een import verwijdert nooit iets.</p>"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.file_error = QLabel()
        self.file_error.setObjectName("fileError")
        self.file_error.setWordWrap(True)
        self.file_error.setStyleSheet(ERROR_STYLE)
        self.file_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.file_error)
        choose = QPushButton(self.tr("&Bestand kiezen…"))
        choose.setObjectName("chooseFile")
        choose.clicked.connect(self.choose_file)
        layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _build_mapping_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.file_label = QLabel()
        self.file_label.setObjectName("fileLabel")
        self.file_label.setWordWrap(True)
        layout.addWidget(self.file_label)
        box = QGroupBox(self.tr("Welke kolom bevat wat?"))
        grid = QGridLayout(box)
        per_column = (len(FIELDS) + 2) // 3
        for i, field_name in enumerate(FIELDS):
            combo = QComboBox()
            combo.setObjectName(f"map_{field_name}")
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(12)
            combo.currentIndexChanged.connect(self._on_mapping_combo_changed)
            label = QLabel(self.tr(FIELD_LABELS[field_name]))
            label.setBuddy(combo)
            row, column = i % per_column, (i // per_column) * 2
            grid.addWidget(label, row, column)
            grid.addWidget(combo, row, column + 1)
            grid.setColumnStretch(column + 1, 1)
            self.combos[field_name] = combo
        layout.addWidget(box)
        self.mapping_note = QLabel(self.tr(
            "De naam is verplicht: kies de kolom met de volledige naam, of de kolommen voornaam en "
            "familienaam. Lege cellen wissen niets."))
        self.mapping_note.setObjectName("mappingNote")
        self.mapping_note.setWordWrap(True)
        layout.addWidget(self.mapping_note)
        preview_label = QLabel(self.tr("Voorbeeld (eerste {0} rijen):").format(PREVIEW_ROWS))
        layout.addWidget(preview_label)
        self.preview_model = PreviewModel(self)
        self.preview = QTableView()
        self.preview.setObjectName("preview")
        self.preview.setModel(self.preview_model)
        self.preview.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.preview.setAlternatingRowColors(True)
        self.preview.setWordWrap(False)
        self.preview.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.preview, 1)
        return page

    def _build_dry_run_step(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        title = QLabel(self.tr("<b>Proefimport</b> — er is nog niets bewaard."))
        layout.addWidget(title)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-weight: bold;")
        layout.addWidget(self.summary)
        self.notes = QLabel()
        self.notes.setObjectName("notes")
        self.notes.setWordWrap(True)
        layout.addWidget(self.notes)
        self.result_tabs = QTabWidget()
        self.lists: dict[str, QStringListModel] = {}
        for key in ("additions", "changes", "problems"):
            model = QStringListModel(self)
            view = QListView()
            view.setObjectName(f"{key}List")
            view.setModel(model)
            view.setUniformItemSizes(True)  # fast with thousands of lines
            view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
            self.result_tabs.addTab(view, "")
            self.lists[key] = model
        layout.addWidget(self.result_tabs, 1)
        return page

    # -- steps ---------------------------------------------------------------------------

    def _go(self, step: int) -> None:
        self.steps.setCurrentIndex(step)
        self.back_button.setVisible(step != Step.FILE)
        self.dry_run_button.setVisible(step == Step.MAPPING)
        self.import_button.setVisible(step == Step.DRY_RUN)
        self.import_button.setEnabled(
            step == Step.DRY_RUN and self.plan is not None and self.plan.has_work and not self._dossier.read_only)
        self.message.setText("")
        if step == Step.MAPPING:
            self._on_mapping_combo_changed()
            self.dry_run_button.setDefault(True)
        elif step == Step.DRY_RUN:
            self.import_button.setDefault(True)

    def go_back(self) -> None:
        self._go(max(Step.FILE, self.steps.currentIndex() - 1))

    def choose_file(self) -> bool:
        folder = str(self.path.parent if self.path else self._dossier.path.parent)
        filters = ";;".join(self.tr(f) for f in FILE_FILTERS)
        name, _chosen = QFileDialog.getOpenFileName(self, self.tr("Personeelslijst kiezen"), folder, filters)
        return bool(name) and self.load_file(Path(name))

    def load_file(self, path: Path) -> bool:
        """Read ``path`` and show the mapping step, or the Dutch reason it cannot be read.

        A small file is read at once: True when its mapping step is shown. A larger
        one is read in a worker thread with a progress window and a cancel button;
        then this returns False at once and ``file_read`` tells how it ended.
        """
        self.cancel_reading()
        self.path = path
        try:
            small = path.stat().st_size < READ_IN_BACKGROUND_FROM_BYTES
        except OSError:
            small = True  # read_table says in Dutch what is wrong with it
        if not small:
            self._start_reading(path)
            return False
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            table = read_table(path)
        except (ImportProblem, OSError) as error:
            self._on_read_failed(path, error)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._on_table_read(path, table)
        return True

    def _start_reading(self, path: Path) -> None:
        reading = QProgressDialog(self.tr("{0} wordt ingelezen…").format(path.name),
                                  self.tr("Annuleren"), 0, 0, self)
        reading.setObjectName("readProgress")
        reading.setWindowTitle(self.tr("Personeelslijst inlezen"))
        reading.setWindowModality(Qt.WindowModality.WindowModal)
        reading.setAutoClose(False)
        reading.setAutoReset(False)
        reading.setMinimumDuration(0)
        reading.canceled.connect(self.cancel_reading)
        self.reading = reading

        def work(progress: Progress) -> RawTable:
            def report(done: int, total: int) -> None:  # runs in the worker
                if progress.cancelled:
                    raise ReadCancelled
                progress.report(done, total)
            return read_table(path, report)

        self._reading_job = run_with_progress(
            work,
            on_progress=self._on_read_progress,
            on_done=lambda table: self._on_table_read(path, table),
            on_error=lambda error: self._on_read_failed(path, error),
        )
        reading.show()

    def _on_read_progress(self, done: int, total: int) -> None:
        if self.reading is None:
            return
        if total and done <= total:
            self.reading.setRange(0, total)
            self.reading.setValue(done)
        else:
            self.reading.setValue(0)  # a busy bar: the total is unknown
        self.reading.setLabelText(self.tr("{0} wordt ingelezen… {1} rijen gelezen.").format(
            self.path.name if self.path else "", f"{done:,}".replace(",", ".")))

    def cancel_reading(self) -> None:
        """Stop reading in the background (if it runs) and go back to choosing a file."""
        job, self._reading_job = self._reading_job, None
        self._close_reading()
        if job is None or not job.running:
            return
        job.cancel()
        self.table = None
        self.file_error.setText(self.tr("Het inlezen is geannuleerd; er is niets veranderd."))
        self._go(Step.FILE)
        self.file_read.emit(False)

    def _close_reading(self) -> None:
        if self.reading is not None:
            self.reading.canceled.disconnect(self.cancel_reading)
            self.reading.close()
            self.reading.deleteLater()
            self.reading = None

    def _on_read_failed(self, path: Path, error: Exception) -> None:
        self._reading_job = None
        self._close_reading()
        if isinstance(error, OSError):
            reason = self.tr("Het bestand kan niet gelezen worden ({0}).").format(
                os_error_text(error))
        elif isinstance(error, ImportProblem):
            reason = str(error)
        else:
            raise error  # a bug, not a bad file: the crash dialog offers to copy the details
        self.table = None
        self.file_error.setText(
            self.tr("{0} kan niet ingelezen worden.\n{1}").format(path.name, reason))
        self._go(Step.FILE)
        self.file_read.emit(False)

    def _on_table_read(self, path: Path, table: RawTable) -> None:
        self._reading_job = None
        self._close_reading()
        self.table = table
        self.file_error.setText("")
        self.file_label.setText(self.tr("<b>{0}</b> — {1}").format(path.name, table.describe()))
        self.preview_model.load(table)
        self.set_mapping(guess_mapping(table.headers))
        self._go(Step.MAPPING)
        self.file_read.emit(True)

    def done(self, result: int) -> None:  # Qt override: closing the dialog stops a read
        self.cancel_reading()
        super().done(result)

    # -- mapping -------------------------------------------------------------------------

    def set_mapping(self, mapping: dict[str, int]) -> None:
        headers = self.table.headers if self.table else ()
        for field_name, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(niet importeren)"), -1)
            for column, header in enumerate(headers):
                combo.addItem(header, column)
            combo.setCurrentIndex(combo.findData(mapping.get(field_name, -1)))
            combo.blockSignals(False)
        self._on_mapping_combo_changed()

    def mapping(self) -> dict[str, int]:
        return {f: int(c.currentData()) for f, c in self.combos.items() if c.currentData() is not None
                and int(c.currentData()) >= 0}

    def _on_mapping_combo_changed(self, *_args: object) -> None:
        mapping = self.mapping()
        self.preview_model.set_mapping(mapping)
        self.preview.resizeColumnsToContents()
        problem = mapping_problem(mapping)
        self.mapping_note.setStyleSheet(ERROR_STYLE if problem else "")
        self.dry_run_button.setEnabled(self.table is not None and not problem)

    # -- dry run and import ----------------------------------------------------------------

    def run_dry_run(self) -> ImportPlan | None:
        if self.table is None:
            return None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.plan = plan_import(self.table, self.mapping(), self._dossier.employees.list(),
                                    effective=self._today)
        except ImportProblem as error:
            self.message.setText(str(error))
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_plan(self.plan)
        self._go(Step.DRY_RUN)
        return self.plan

    def _show_plan(self, plan: ImportPlan) -> None:
        self.summary.setText(plan.summary() + ".")
        notes = list(plan.notes)
        if not plan.has_work:
            notes.insert(0, self.tr("Er is niets te importeren: alles in het bestand staat al zo in het dossier."))
        self.notes.setText("\n".join(f"• {n}" for n in notes))
        self.lists["additions"].setStringList([
            self.tr("Rij {0}: {1}").format(a.row, _addition_text(a.fields)) for a in plan.additions])
        self.lists["changes"].setStringList([
            self.tr("Rij {0}: {1} — {2}").format(c.row, c.name, "; ".join(
                f"{FIELD_LABELS[k]}: {describe_value(k, old)} → {describe_value(k, new)}"
                for k, (old, new) in c.differences.items()))
            for c in plan.changes])
        self.lists["problems"].setStringList([str(p) for p in plan.problems])
        self.result_tabs.setTabText(0, self.tr("Nieuw ({0})").format(len(plan.additions)))
        self.result_tabs.setTabText(1, self.tr("Gewijzigd ({0})").format(len(plan.changes)))
        self.result_tabs.setTabText(2, self.tr("Problemen ({0})").format(len(plan.problems)))
        first = next((i for i, key in enumerate(("additions", "changes", "problems"))
                      if self.lists[key].rowCount()), 0)
        self.result_tabs.setCurrentIndex(first)

    def apply(self) -> bool:
        """Store the dry run's plan in one transaction; on failure nothing is changed.

        The message after a failure is checked against the dossier, not believed:
        "Er is niets geïmporteerd" only when nothing was stored.
        """
        plan = self.plan
        if plan is None or not plan.has_work or self._dossier.read_only:
            return False
        additions, changes = plan.apply_arguments()
        count_before = self._dossier.employees.count()
        progress = self._busy(len(additions) + len(changes))
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            before = self._changed_as_stored(changes) if recording(self._events) else None
            created = self._dossier.employees.apply_import(additions, changes, effective=plan.effective)
        except DossierError as error:
            self._show_failure(plan, count_before, f"{error.message} {error.advice}".strip())
            return False
        except (AbsenceError, ValueError) as error:
            self._show_failure(plan, count_before, str(error))
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
            if progress is not None:
                progress.close()
                progress.deleteLater()
        if before is not None:
            self._record(created, [i for i, _f in changes], before, self._changed_as_stored(changes))
        added = self._dossier.employees.count() - count_before
        self.imported.emit(added, len(changes))
        self.accept()
        return True

    def _changed_as_stored(self, changes: list[tuple[int, dict[str, object]]]) -> list[Snapshot]:
        """The employees the import changes (with their working time), as stored now."""
        return [snapshot_rows(self._dossier, "employee", {"id": employee_id},
                              children=("employee_regime",))
                for employee_id, _fields in changes]

    def _record(self, created: list[int], changed: list[int], before: list[Snapshot],
                after: list[Snapshot]) -> None:
        """Put the whole import on the undo stack as one step."""
        events = self._events
        assert events is not None
        count = len(created) + len(changed)
        text = (self.tr("Import van 1 medewerker") if count == 1
                else self.tr("Import van {0} medewerkers").format(count))
        # Undo and redo show the Medewerkers page, on someone who is there both times if any.
        shown = next(iter([*changed, *created]), None)
        record(events, BatchCommand(
            self._dossier, events, text, [("employee", i) for i in created], before, after,
            events.employees_changed.emit,
            None if shown is None else lambda: events.employee_requested.emit(shown)))

    def _show_failure(self, plan: ImportPlan, count_before: int, reason: str) -> None:
        stored = self._stored_anyway(plan, count_before)
        if stored is None:
            self.message.setText(self.tr("De import is mislukt. {0}").format(reason))
            return
        added, changed = stored
        if not added and not changed:
            self.message.setText(self.tr("Er is niets geïmporteerd. {0}").format(reason))
            return
        self.import_button.setEnabled(False)  # a second try would add the same people again
        self.message.setText(self.tr(
            "De import is halverwege mislukt en werd toch gedeeltelijk bewaard: {0} nieuwe en {1} "
            "gewijzigde medewerker(s). Controleer de personeelslijst voor u opnieuw importeert. {2}"
        ).format(added, changed, reason))

    def _stored_anyway(self, plan: ImportPlan, count_before: int) -> tuple[int, int] | None:
        """(added, changed) left by a failed import: (0, 0) after a rollback; None: unknown."""
        try:
            added = self._dossier.employees.count() - count_before
            current = {e.id: e for e in self._dossier.employees.list()}
        except DossierError:
            return None  # the dossier cannot even be read now
        changed = 0
        for change in plan.changes:
            employee = current.get(change.employee_id)
            if employee is None:
                continue
            if any(_stored_value(employee, name, plan.effective) != old
                   for name, (old, _new) in change.differences.items()):
                changed += 1
        return added, changed

    def _busy(self, count: int) -> QProgressDialog | None:
        """A "please wait" box for large imports (the store writes them in one call)."""
        if count < BUSY_FROM_ROWS:
            return None
        progress = QProgressDialog(self.tr("{0} medewerkers worden geïmporteerd…").format(count), "", 0, 0, self)
        progress.setWindowTitle(self.tr("Importeren"))
        progress.setCancelButton(None)  # one transaction: it cannot stop halfway
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()
        QCoreApplication.processEvents()  # paint it before the store blocks the event loop
        return progress


def _stored_value(employee: Employee, name: str, effective: date) -> object:
    """The value the dry run compared (``staff_import`` reads working time the same way)."""
    if name != "hours_per_week":
        return getattr(employee, name)
    period = employee.regime_on(effective)
    if period is None and employee.regimes:
        period = min(employee.regimes, key=lambda p: p.valid_from)
    return period.hours_per_week if period else None


def _addition_text(fields: dict[str, object]) -> str:
    parts = [str(fields["name"])]
    details = [str(fields[k]) for k in ("staff_number", "function", "department") if fields.get(k)]
    if "statute" in fields:
        details.append(describe_value("statute", fields["statute"]).lower())
    if isinstance(hours := fields.get("hours_per_week"), float):
        details.append(f"{format_hours(hours)} u/week")
    if fields.get("in_service_from"):
        details.append(f"in dienst {describe_value('in_service_from', fields['in_service_from'])}")
    return parts[0] + (f" — {', '.join(details)}" if details else "")
