"""`Medewerkers`: the staff list — search, sort, add, edit, out of service, import, erase."""

from __future__ import annotations

import heapq
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.employee_model import (
    EMPLOYEE_ROLE,
    Column,
    EmployeeFilter,
    EmployeeTableModel,
    StatusFilter,
)
from kmo_reintegratie.ui.undo import DeleteCommand, record_delete, recording_change

if TYPE_CHECKING:  # the dialogs are imported when first opened: the page shows sooner
    from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog
    from kmo_reintegratie.ui.dialogs.erase_dialog import EraseDialog
    from kmo_reintegratie.ui.dialogs.import_dialog import ImportDialog
    from kmo_reintegratie.ui.dialogs.preventive_requests import PreventiveRequestsDialog

# Columns that get what their content needs; the text columns share the rest by weight (the
# name first gets its whole width), never narrower than MIN_FLEX_WIDTH (a horizontal scroll
# bar beats unreadable columns).
FIXED_COLUMNS = (Column.STAFF_NUMBER, Column.STATUTE, Column.IN_SERVICE, Column.REGIME, Column.STATUS)
FLEX_COLUMNS = {Column.NAME: 1.3, Column.FUNCTION: 1.2, Column.DEPARTMENT: 1.2, Column.MANAGER: 1.0}
MIN_FLEX_WIDTH = 64  # a small laptop (1024 px) shows every column; tooltips give the rest
CELL_PADDING = 18
SHORTLIST = 40  # texts in a column measured one by one; of more, only the likely widest


def widest_text(metrics: QFontMetrics, texts: Collection[str]) -> int:
    """The advance of the widest of ``texts``.

    Measuring thousands of names one by one takes longer than the rest of the page: each
    text is estimated from the advances of its characters, and the SHORTLIST widest estimates
    are measured. Kerning makes a text at most a pixel or two narrower or wider than that
    sum, which the cell padding absorbs.
    """
    if len(texts) <= SHORTLIST:
        return max((metrics.horizontalAdvance(text) for text in texts), default=0)
    advances = {character: metrics.horizontalAdvance(character) for character in set("".join(texts))}
    likely = heapq.nlargest(SHORTLIST, texts, key=lambda text: sum(map(advances.__getitem__, text)))
    return max(metrics.horizontalAdvance(text) for text in likely)


class EmployeesPage(QWidget):
    nav_label = "Medewerkers"

    def __init__(self, dossier: Dossier, events: DossierEvents, today: Callable[[], date],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self._emitting = False
        self.dialog: EmployeeDialog | ImportDialog | EraseDialog | None = None

        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<h2>Medewerkers</h2>"))
        layout.addWidget(heading)
        # A read-only dossier is said once, by the window's band above every page.

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("Zoeken op naam, nummer, functie, afdeling of leidinggevende (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        bar.addWidget(self.search, 3)
        status_label = QLabel(self.tr("&Status:"))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        for choice in StatusFilter:
            self.status_combo.addItem(self.tr(choice.label), choice.value)
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_changed)
        status_label.setBuddy(self.status_combo)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        bar.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.count_label)
        layout.addLayout(bar)

        self.model = EmployeeTableModel(self)
        self.proxy = EmployeeFilter(self)
        self.proxy.setSourceModel(self.model)
        for signal in (self.proxy.rowsInserted, self.proxy.rowsRemoved, self.proxy.modelReset,
                       self.proxy.layoutChanged):
            signal.connect(self._update_count)
        self.view = QTableView()
        self.view.setObjectName("employees")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        vertical = self.view.verticalHeader()
        vertical.hide()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # uniform rows: fast with thousands
        vertical.setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        # On a small laptop a title wider than its column ends in "…" (its tooltip says it
        # whole) instead of being cut at both sides.
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._natural_widths: dict[int, int] = {}
        self.view.viewport().installEventFilter(self)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.view, 1)

        self.edit_action = QAction(self.tr("Bewerken…"), self.view)
        self.edit_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.edit_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.edit_action.triggered.connect(self.edit_selected)
        self.absence_action = QAction(self.tr("Laatste afwezigheid tonen"), self.view)
        self.absence_action.triggered.connect(self.show_latest_absence)
        self.preventive_action = QAction(self.tr("Preventieve verzoeken…"), self.view)
        self.preventive_action.triggered.connect(self.open_preventive_requests)
        self.delete_action = QAction(self.tr("Verwijderen…"), self.view)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.erase_action = QAction(self.tr("Gegevens wissen…"), self.view)
        self.erase_action.triggered.connect(self.erase_selected)
        # Access (GDPR art. 15) is a right of the person, also when the dossier is read-only.
        self.access_action = QAction(self.tr("Inzage-export…"), self.view)
        self.access_action.setObjectName("accessExportAction")
        self.access_action.setToolTip(self.tr(
            "Alles wat het dossier over deze persoon bewaart, als PDF en JSON (AVG art. 15)"))
        self.access_action.triggered.connect(self.export_access_selected)
        self.view.addActions([self.edit_action, self.absence_action, self.preventive_action,
                              self.access_action, self.delete_action, self.erase_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        # Two rows: what concerns the list, and what concerns the selected person. Seven
        # buttons in one row were squeezed until "Preventieve verzoeken…" was cut at 1024 px.
        bottom = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.message, 1)
        self.new_button = self._button(bottom, "newEmployee", self.tr("&Nieuwe medewerker…"),
                                       self.open_new_employee, self.tr("Ctrl+Shift+N"))
        self.import_button = self._button(bottom, "importStaff", self.tr("&Importeren…"), self.open_import,
                                          self.tr("Personeelslijst uit CSV of Excel"))
        layout.addLayout(bottom)
        person = QHBoxLayout()
        person.addWidget(QLabel(self.tr("Geselecteerde medewerker:")))
        self.edit_button = self._button(person, "editEmployee", self.tr("&Bewerken…"), self.edit_selected,
                                         self.tr("Enter of dubbelklik"))
        self.out_button = self._button(person, "outOfService", self.tr("&Uit dienst…"), self.out_of_service_selected,
                                       self.tr("Wie de organisatie verlaat, blijft met de geschiedenis bewaard."))
        self.preventive_button = self._button(
            person, "preventiveRequests", self.tr("&Preventieve verzoeken…"),
            self.open_preventive_requests,
            self.tr("Vragen naar aangepast werk van wie nog werkt, het advies van de arbeidsarts "
                    "en uw antwoord (sinds 2026)"))
        self.delete_button = self._button(person, "deleteEmployee", self.tr("&Verwijderen…"), self.delete_selected,
                                          self.tr("Verwijdert de medewerker met alle afwezigheden (Delete)"))
        self.erase_button = self._button(
            person, "eraseData", self.tr("Gegevens &wissen…"), self.erase_selected,
            self.tr("Anonimiseren of alles wissen, bijvoorbeeld na het vertrek (AVG); "
                    "kan niet ongedaan gemaakt worden"))
        person.addStretch(1)
        layout.addLayout(person)

        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(self._focus_search)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self).activated.connect(self.open_new_employee)
        events.employees_changed.connect(self._on_events_employees_changed)
        events.employee_requested.connect(self._on_events_employee_requested)
        self.reload()

    def _button(self, layout: QHBoxLayout, name: str, text: str, slot: Callable[[], object],
                tip: str) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tip)
        button.clicked.connect(lambda _checked=False: slot())
        layout.addWidget(button)
        return button

    # -- column widths -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _measure_columns(self) -> None:
        cells = self.view.fontMetrics()
        header = self.view.horizontalHeader().fontMetrics()
        for column in range(self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            content = widest_text(cells, self.model.column_texts(column))
            self._natural_widths[column] = max(content, header.horizontalAdvance(title) + 14) + CELL_PADDING

    def _fit_columns(self) -> None:
        """Fixed columns get their content width; the name gets its own while the other text
        columns keep their minimum (the name gives way last), and they share the rest
        (water-filling)."""
        if not self._natural_widths:
            return
        natural = self._natural_widths
        widths = {c: natural[c] for c in FIXED_COLUMNS}
        remaining = max(self.view.viewport().width() - sum(widths.values()), MIN_FLEX_WIDTH * len(FLEX_COLUMNS))
        others = {c: w for c, w in FLEX_COLUMNS.items() if c != Column.NAME}
        widths[Column.NAME] = max(MIN_FLEX_WIDTH, min(natural[Column.NAME], remaining - MIN_FLEX_WIDTH * len(others)))
        remaining -= widths[Column.NAME]
        pending = others
        while pending:
            weight = sum(pending.values())
            share = {c: remaining * w / weight for c, w in pending.items()}
            # Columns whose content fits their share take only that; failing those, a share
            # below the minimum is raised to it and the others share what is left.
            settled = {c: natural[c] for c in pending if natural[c] <= share[c]} or {
                c: MIN_FLEX_WIDTH for c in pending if share[c] < MIN_FLEX_WIDTH}
            if not settled:
                for column in pending:
                    widths[column] = int(share[column])
                remaining = 0
                break
            for column, width in settled.items():
                widths[column] = width
                remaining -= width
                del pending[column]
        if remaining > 0:  # everything fits: the text columns share the extra space
            total = sum(FLEX_COLUMNS.values())
            for column, w in FLEX_COLUMNS.items():
                widths[column] += int(remaining * w / total)
        for column, width in widths.items():
            self.view.setColumnWidth(column, width)

    # -- loading -----------------------------------------------------------------------

    def reload(self) -> None:
        """Read the employees again, keeping the selection, sort and filters."""
        selected = self.selected_employee()
        self.model.load(self._dossier.employees.list(), self._today())
        self._measure_columns()
        self._fit_columns()
        if selected is not None:
            self.select_employee(selected.id, reveal=False)
        self._update_count()
        self._update_buttons()

    def _on_events_employees_changed(self) -> None:
        if not self._emitting:
            self.reload()

    def _on_events_employee_requested(self, employee_id: int) -> None:
        self.select_employee(employee_id)

    def _emit_changed(self) -> None:
        self._emitting = True
        try:
            self._events.employees_changed.emit()
        finally:
            self._emitting = False

    # -- what is shown --------------------------------------------------------------------

    def visible_employees(self) -> list[Employee]:
        """The employees as the table shows them: filtered and in view order."""
        return [self.proxy.index(row, 0).data(EMPLOYEE_ROLE) for row in range(self.proxy.rowCount())]

    def selected_employee(self) -> Employee | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(EMPLOYEE_ROLE) if rows else None

    def select_employee(self, employee_id: int, *, reveal: bool = True) -> bool:
        """Select and show an employee; with ``reveal`` the filters are cleared if they hide it."""
        source_row = self.model.row_of(employee_id)
        if source_row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(source_row, Column.NAME))
        if not index.isValid() and reveal:
            self.search.clear()
            self.status_combo.setCurrentIndex(self.status_combo.findData(StatusFilter.ALL.value))
            index = self.proxy.mapFromSource(self.model.index(source_row, Column.NAME))
        if not index.isValid():
            return False
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _update_count(self) -> None:
        # Also called for every range of rows a search hides or shows: counted once per load.
        total, former = self.model.rowCount(), self.model.former_count()
        text = self.tr("1 medewerker") if total == 1 else self.tr("{0} medewerkers").format(total)
        text += self.tr(", {0} uit dienst").format(former)
        shown = self.proxy.rowCount()
        if shown != total:
            text += self.tr(" — {0} getoond").format(shown)
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        writable = not self._dossier.read_only
        employee = self.selected_employee()
        self.new_button.setEnabled(writable)
        self.import_button.setEnabled(writable)
        self.edit_button.setEnabled(employee is not None)
        self.edit_button.setText(self.tr("&Bewerken…") if writable else self.tr("&Bekijken…"))
        self.edit_action.setText(self.tr("Bewerken…") if writable else self.tr("Bekijken…"))
        # Read-only, the register opens for reading only; the label should not promise more.
        self.preventive_button.setText(self.tr("&Preventieve verzoeken…") if writable
                                       else self.tr("&Preventieve verzoeken bekijken…"))
        self.preventive_action.setText(self.tr("Preventieve verzoeken…") if writable
                                       else self.tr("Preventieve verzoeken bekijken…"))
        self.out_button.setEnabled(writable and employee is not None and employee.out_of_service_from is None)
        self.delete_button.setEnabled(writable and employee is not None)
        self.delete_action.setEnabled(writable)
        self.erase_button.setEnabled(writable and employee is not None)
        self.erase_action.setEnabled(writable and employee is not None)
        self.absence_action.setEnabled(employee is not None)
        self.preventive_button.setEnabled(employee is not None)
        self.preventive_action.setEnabled(employee is not None)
        self.access_action.setEnabled(employee is not None)

    def _on_search_text_changed(self, text: str) -> None:
        self.proxy.set_filter(text=text)

    def _on_status_combo_changed(self, _index: int) -> None:
        self.proxy.set_filter(status=StatusFilter(self.status_combo.currentData()))

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b00020;" if error else "color:palette(text);")

    # -- dialogs ------------------------------------------------------------------------

    def _replace_dialog(self, dialog: EmployeeDialog | ImportDialog | EraseDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog

    def open_new_employee(self) -> EmployeeDialog | None:
        """Show the dialog for a new employee (window-modal, returns at once)."""
        if self._dossier.read_only:
            return None
        from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog

        dialog = EmployeeDialog(self._dossier, self._today(), None, self, events=self._events)
        dialog.accepted.connect(lambda: self._on_employee_dialog_accepted(dialog, self.tr("toegevoegd")))
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def edit_selected(self) -> EmployeeDialog | None:
        employee = self.selected_employee()
        return self.edit_employee(employee.id) if employee is not None else None

    def edit_employee(self, employee_id: int) -> EmployeeDialog:
        from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog

        dialog = EmployeeDialog(self._dossier, self._today(), self._dossier.employees.get(employee_id), self,
                                events=self._events)
        dialog.accepted.connect(lambda: self._on_employee_dialog_accepted(dialog, self.tr("bewaard")))
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        self.edit_employee(index.data(EMPLOYEE_ROLE).id)

    def _on_employee_dialog_accepted(self, dialog: EmployeeDialog, done: str) -> None:
        self.reload()
        if dialog.employee is not None:
            self.select_employee(dialog.employee.id)
            self.show_message(self.tr("{0} {1}.").format(dialog.employee.name, done))
        self._emit_changed()

    def open_import(self, path: Path | str | None = None) -> ImportDialog | None:
        """Run the import dialog on ``path`` (or ask for a file); returns the open dialog."""
        if self._dossier.read_only:
            return None
        from kmo_reintegratie.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self._dossier, self._today(), self, events=self._events)
        dialog.imported.connect(self._on_import_dialog_imported)
        self._replace_dialog(dialog)
        if path is None:
            if not dialog.choose_file() and dialog.path is None:  # the user cancelled the file dialog
                return None
        else:
            dialog.load_file(Path(path))
        dialog.open()
        return dialog

    def _on_import_dialog_imported(self, additions: int, changes: int) -> None:
        self.reload()
        self.show_message(self.tr("Import klaar: {0} medewerker(s) toegevoegd, {1} gewijzigd.").format(
            additions, changes))
        self._emit_changed()

    # -- out of service, delete, absences -------------------------------------------------------

    def out_of_service_selected(self) -> bool:
        employee = self.selected_employee()
        if employee is None or self._dossier.read_only:
            return False
        text, ok = QInputDialog.getText(
            self, self.tr("Uit dienst"),
            self.tr("{0} is uit dienst vanaf (dd-mm-jjjj):").format(employee.name),
            QLineEdit.EchoMode.Normal, format_date(self._today()))
        if not ok:
            return False
        try:
            day = parse_date(text)
            if day is None:
                raise ValidationError(self.tr("Geef de datum vanaf wanneer de medewerker uit dienst is."))
        except ValidationError as error:
            self.show_message(str(error), error=True)
            return False
        return self.set_out_of_service(employee.id, day)

    def set_out_of_service(self, employee_id: int, day: date) -> bool:
        employee = self._dossier.employees.get(employee_id)
        if employee.in_service_from and day < employee.in_service_from:
            self.show_message(self.tr("De datum uit dienst ligt vóór de datum in dienst ({0}).").format(
                format_date(employee.in_service_from)), error=True)
            return False
        events = self._events
        try:
            with recording_change(
                    events, self._dossier, self.tr("Medewerker {0} uit dienst zetten").format(employee.name),
                    "employee", employee_id, events.employees_changed.emit,
                    lambda: events.employee_requested.emit(employee_id)):
                self._dossier.employees.update(employee_id, out_of_service_from=day)
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return False
        self.reload()
        self.select_employee(employee_id, reveal=False)  # the status filter may now hide the employee
        self.show_message(self.tr("{0} staat uit dienst vanaf {1}; de geschiedenis blijft bewaard.").format(
            employee.name, format_date(day)))
        self._emit_changed()
        return True

    def delete_selected(self) -> bool:
        employee = self.selected_employee()
        if employee is None or self._dossier.read_only:
            return False
        absences = len(self._dossier.absences.of_employee(employee.id))
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Medewerker verwijderen?"))
        lost = (self.tr("Ook zijn of haar {0} afwezigheid/afwezigheden, met attesten, afspraken en "
                        "contacten, worden verwijderd.").format(absences) if absences
                else self.tr("Er zijn geen afwezigheden geregistreerd."))
        box.setText(self.tr("<p><b>{0} verwijderen?</b></p><p>{1} Tot u dit dossier sluit, kunt u "
                            "dit ongedaan maken (Bewerken › Ongedaan maken).</p><p>Verlaat de "
                            "medewerker de organisatie, zet hem of haar dan liever "
                            "<b>uit dienst</b>: de geschiedenis blijft dan bewaard.</p>").format(employee.name, lost))
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Yes | buttons.No | buttons.Cancel)
        box.button(buttons.Yes).setText(self.tr("Verwijderen"))
        box.button(buttons.No).setText(self.tr("Uit dienst zetten…"))
        box.button(buttons.Cancel).setText(self.tr("Annuleren"))
        box.setDefaultButton(buttons.Cancel)
        answer = buttons(box.exec())
        if answer == buttons.No:
            return self.out_of_service_selected()
        if answer != buttons.Yes:
            return False
        try:
            deleted = self._dossier.employees.delete(employee.id)
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return False
        events = self._events

        def notify() -> None:
            events.employees_changed.emit()
            events.absences_changed.emit(0)
            events.trajectories_changed.emit(0)

        record_delete(events, DeleteCommand(
            self._dossier, events, self.tr("Medewerker {0} verwijderen").format(employee.name),
            lambda: self._dossier.employees.delete(employee.id), deleted, notify))
        self.reload()
        self.show_message(self.tr("{0} is verwijderd.").format(employee.name))
        self._emit_changed()
        if absences:
            self._events.absences_changed.emit(0)
        return True

    def export_access_selected(self) -> object:
        employee = self.selected_employee()
        if employee is None:
            return None
        from kmo_reintegratie.ui.dialogs.access_export import export_access

        return export_access(self, self._dossier, employee)

    def erase_selected(self) -> EraseDialog | None:
        """Ask how to erase the selected person's data (window-modal, returns at once)."""
        employee = self.selected_employee()
        if employee is None or self._dossier.read_only:
            return None
        from kmo_reintegratie.ui.dialogs.erase_dialog import EraseDialog

        dialog = EraseDialog(self._dossier, employee, self._today(), self)
        dialog.accepted.connect(lambda: self._on_erase_dialog_accepted(dialog))
        self._replace_dialog(dialog)
        dialog.open()
        return dialog

    def _on_erase_dialog_accepted(self, dialog: EraseDialog) -> None:
        self._emitting = True  # one reload below, not one per signal
        try:
            from kmo_reintegratie.ui.dialogs.erase_dialog import perform

            message = perform(self._dossier, dialog.employee, dialog.choice, self._today(),
                              prune_backups=dialog.prune_backups, events=self._events)
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return
        finally:
            self._emitting = False
        self.reload()
        self.show_message(message)

    def open_preventive_requests(self) -> PreventiveRequestsDialog | None:
        """The register of preventive requests of the selected employee (window-modal)."""
        employee = self.selected_employee()
        if employee is None:
            return None
        from kmo_reintegratie.ui.dialogs.preventive_requests import PreventiveRequestsDialog

        dialog = PreventiveRequestsDialog(self._dossier, employee, self._today(), self, events=self._events)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_latest_absence(self) -> bool:
        employee = self.selected_employee()
        if employee is None:
            return False
        absences = self._dossier.absences.of_employee(employee.id)
        if not absences:
            self.show_message(self.tr("Voor {0} is geen afwezigheid geregistreerd.").format(employee.name))
            return False
        self._events.absence_requested.emit(absences[0].id, "")
        return True
