"""`Afwezigheden`: every absence in one table, and the selected one in detail.

Top: the absences (running / ended / all, search by name) and "Nieuwe
afwezigheid…" (Ctrl+Shift+A). Below: the selected absence — who, how many
days, a possible relapse, whether the employee asked for no contact — with
three tabs: the dates and certificates, the contact agreements and log
("Contact noteren…", Ctrl+Shift+K), and the legal timeline.

Every change is stored at once and announced with ``absences_changed``; the
page reloads on that signal (also when another page sent it), so there is one
path from the dossier to the screen. No field anywhere holds medical data;
free-text fields warn when the text looks medical.

Legal timeline: the milestones come from ``overview.legal_dates`` — the same
dates as on `Overzicht`. An absence registered as a relapse continues the
periods of the absence it relapses from, the work period in between being a
resumption. A partial (progressive) return is not a resumption: the employee
stays recognised as incapacitated, so it does not interrupt the periods.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import (
    Absence,
    ContactEntry,
)
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import LegalDate
from kmo_reintegratie.overview import legal_dates
from kmo_reintegratie.store.absence_repo import AbsenceSummary
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.undo_rows import DeletedRows
from kmo_reintegratie.ui.dialogs.absence_dialog import (
    WARNING_STYLE,
    AbsenceDialog,
)
from kmo_reintegratie.ui.events import ABSENCE_TABS, DossierEvents
from kmo_reintegratie.ui.models.absence_model import (
    ABSENCE_ROLE,
    AbsenceRow,
    AbsenceTableModel,
    Column,
    Period,
)
from kmo_reintegratie.ui.undo import DeleteCommand, record_delete
from kmo_reintegratie.ui.widgets.absence_contact_tab import AbsenceContactTab
from kmo_reintegratie.ui.widgets.absence_dates_tab import AbsenceDatesTab
from kmo_reintegratie.ui.widgets.absence_forms import FIT_ROWS, scrolling, write_or_show
from kmo_reintegratie.ui.widgets.column_fit import fit_columns
from kmo_reintegratie.ui.widgets.legal_timeline import LegalTimeline
from kmo_reintegratie.ui.widgets.remark_delegate import RemarkDelegate
from kmo_reintegratie.ui.widgets.wrapping_header import WrappingHeader

CELL_PADDING = 14
NO_CONTACT_STYLE = ("background: #e8eef7; color: #1c3d6e; border: 2px solid #8aa6cf; border-radius: 4px;"
                    " padding: 6px 8px; font-weight: bold;")


class AbsencesPage(QWidget):
    nav_label = "Afwezigheden"

    def __init__(self, dossier: Dossier, events: DossierEvents, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self._current_id: int | None = None
        self._fields_for: int | None = None
        self.editable = not dossier.read_only
        # The model filters, sorts and hands out its rows in chunks itself: a proxy would ask
        # Python for every row of a large dossier at each keystroke.
        self.model = AbsenceTableModel(dossier, today(), self)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        heading = QLabel(self.tr("<h2>Afwezigheden</h2>"))
        top.addWidget(heading)
        top.addStretch(1)
        show_label = QLabel(self.tr("&Tonen:"))
        top.addWidget(show_label)
        self.period = QComboBox()
        self.period.setObjectName("absencePeriod")
        for period in Period:
            self.period.addItem(self.tr(period.label), period.value)
        show_label.setBuddy(self.period)
        top.addWidget(self.period)
        self.search = QLineEdit()
        self.search.setObjectName("absenceSearch")
        self.search.setPlaceholderText(self.tr("Zoek op naam of afdeling…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        top.addWidget(self.search)
        self.new_button = QPushButton(self.tr("&Nieuwe afwezigheid…"))
        self.new_button.setObjectName("newAbsence")
        self.new_button.setToolTip(self.tr("Een nieuwe afwezigheid registreren (Ctrl+Shift+A)"))
        self.new_button.setEnabled(self.editable)
        top.addWidget(self.new_button)
        layout.addLayout(top)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        self.table = QTableView()
        self.table.setObjectName("absenceTable")
        # Titles such as "Verwacht einde" on two lines: the dates under them are shorter.
        self.table.setHorizontalHeader(WrappingHeader(self.table))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.STARTS, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Fitted to the first rows at every new filter or order (``_fit_columns``): Qt's
        # ResizeToContents measures every row fetched, tens of thousands on a large dossier.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # The department gives way when the window is narrow, never the name.
        header.setSectionResizeMode(Column.DEPARTMENT, QHeaderView.ResizeMode.Stretch)
        # The longest text gives way too (its tooltip gives the reason), so a small laptop never
        # scrolls sideways.
        header.setSectionResizeMode(Column.NEXT_CONTACT, QHeaderView.ResizeMode.Stretch)
        # Narrow, it shows the date without "(over 4 dagen)" rather than "10-12…", and it gets
        # the room for that date before the department gets any (``_share_the_room``).
        self.table.setItemDelegateForColumn(Column.NEXT_CONTACT,
                                            RemarkDelegate(self.table, padding=CELL_PADDING))
        self.table.viewport().installEventFilter(self)
        self.table.setMinimumHeight(150)
        splitter.addWidget(self.table)
        self.detail = QStackedWidget()
        self.empty = QLabel(self.tr("Kies een afwezigheid in de lijst, of registreer een nieuwe "
                                    "met ‘Nieuwe afwezigheid…’ (Ctrl+Shift+A)."))
        self.empty.setObjectName("absenceEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.detail.addWidget(self.empty)
        self.detail.addWidget(self._build_detail())
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 5)
        splitter.setSizes([200, 600])
        layout.addWidget(splitter, 1)

        self.period.currentIndexChanged.connect(self._on_period_changed)
        self.search.textChanged.connect(self._on_search_changed)
        # A new filter or order resets the rows; the absence shown stays selected when it is listed.
        self.model.modelReset.connect(self._after_filter)
        self.model.modelReset.connect(self._fit_columns)
        self.new_button.clicked.connect(self.new_absence)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        QShortcut(QKeySequence("Ctrl+Shift+A"), self, self.new_absence)
        QShortcut(QKeySequence("Ctrl+Shift+K"), self, self.log_contact)
        events.absence_requested.connect(self._on_events_absence_requested)
        events.absences_changed.connect(self._on_events_absences_changed)
        events.employees_changed.connect(self._on_events_employees_changed)
        self.reload()

    # -- building ------------------------------------------------------------------

    def _build_detail(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 6, 0, 0)
        head = QHBoxLayout()
        self.header = QLabel()
        self.header.setObjectName("absenceHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        head.addWidget(self.header, 1)
        self.log_button = QPushButton(self.tr("&Contact noteren…"))
        self.log_button.setObjectName("logContact")
        self.log_button.setToolTip(self.tr("Een telefoontje, bezoek of bericht noteren (Ctrl+Shift+K)"))
        self.log_button.clicked.connect(self.log_contact)
        head.addWidget(self.log_button, 0, Qt.AlignmentFlag.AlignTop)
        self.force_majeure_button = QPushButton(self.tr("&Medische overmacht…"))
        self.force_majeure_button.setObjectName("forceMajeure")
        self.force_majeure_button.clicked.connect(lambda _checked=False: self.open_force_majeure())
        head.addWidget(self.force_majeure_button, 0, Qt.AlignmentFlag.AlignTop)
        self.delete_button = QPushButton(self.tr("Afwezigheid verwijderen…"))
        self.delete_button.setObjectName("deleteAbsence")
        self.delete_button.clicked.connect(self.delete_absence)
        head.addWidget(self.delete_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(head)
        self.no_contact_banner = QLabel()
        self.no_contact_banner.setObjectName("noContactBanner")
        self.no_contact_banner.setWordWrap(True)
        self.no_contact_banner.setStyleSheet(NO_CONTACT_STYLE)
        self.no_contact_banner.hide()
        layout.addWidget(self.no_contact_banner)
        self.relapse_label = QLabel()
        self.relapse_label.setObjectName("relapseWarning")
        self.relapse_label.setWordWrap(True)
        self.relapse_label.setStyleSheet(WARNING_STYLE)
        self.relapse_label.hide()
        layout.addWidget(self.relapse_label)
        self.relapse_box = QCheckBox()
        self.relapse_box.setObjectName("registeredAsRelapse")
        self.relapse_box.hide()
        self.relapse_box.clicked.connect(self._on_relapse_box_clicked)
        layout.addWidget(self.relapse_box)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("absenceTabs")
        self.dates = AbsenceDatesTab(self._dossier, self._events, self._today)
        self.contact = AbsenceContactTab(self._dossier, self._events, self._today)
        self.contact.print_requested.connect(self.print_for_employee)
        self.tabs.addTab(scrolling(self.dates), self.tr("Afwezigheid en attesten"))
        self.tabs.addTab(scrolling(self.contact), self.tr("Contact"))
        self.tabs.addTab(scrolling(self._build_timeline_tab()), self.tr("Wettelijke tijdlijn"))
        layout.addWidget(self.tabs, 1)
        return panel

    def _build_timeline_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.timeline_intro = QLabel()
        self.timeline_intro.setObjectName("timelineIntro")
        self.timeline_intro.setWordWrap(True)
        layout.addWidget(self.timeline_intro)
        self.timeline = LegalTimeline()
        layout.addWidget(self.timeline)
        layout.addStretch(1)
        return tab

    # -- public, also for tests ----------------------------------------------------------

    def print_for_employee(self, document: str) -> QDialog | None:
        """Print the contact log or information letter of the selected absence's employee.

        The information letter is the selected absence's, and first asks for the salutation
        (returns that dialog, which prints when accepted).
        """
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.printing import print_document

        row = self._current_row()
        if row is None:
            return None
        absence = row.absence
        if document != "infobrief" or row.employee is None:
            print_document(self, self._dossier.path, document,
                           options=ExportOptions(employee_id=absence.employee_id))
            return None
        from kmo_reintegratie.ui.dialogs.salutation_dialog import SalutationDialog

        dialog = SalutationDialog(row.employee.name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        path = self._dossier.path

        def _on_dialog_accepted() -> None:
            options = ExportOptions(employee_id=absence.employee_id, absence_id=absence.id,
                                    salutation=dialog.salutation())
            print_document(self, path, document, options=options)

        dialog.accepted.connect(_on_dialog_accepted)
        dialog.open()
        return dialog

    def current_absence(self) -> Absence | None:
        row = self._current_row()
        return row.absence if row else None

    def visible_absences(self) -> list[AbsenceSummary]:
        """The absences the filter lets through, in the table's order (also those further down
        than the table has fetched)."""
        return [row.summary for row in self.model.matching_rows()]

    def select_absence(self, absence_id: int) -> bool:
        """Show ``absence_id`` (widening the filter when it hides the absence)."""
        if self.model.find(absence_id) is None and not self._dossier.absences.exists(absence_id):
            return False
        if self.model.view_row(absence_id) < 0:
            self.search.clear()
            self.period.setCurrentIndex(self.period.findData(Period.ALL.value))
        if self.model.find(absence_id) is None:
            return False
        # Selecting the row shows the absence (``_on_table_current_changed``); shown once.
        self._select_in_table(absence_id)
        if self._current_id != absence_id or self._fields_for != absence_id:
            self._current_id = absence_id
            self._show_detail()
        return True

    def new_absence(self) -> Absence | None:
        if not self.editable:
            return None
        dialog = AbsenceDialog(self._dossier, self._today(), self, events=self._events)
        if dialog.exec() != AbsenceDialog.DialogCode.Accepted or dialog.created is None:
            return None
        created = dialog.created
        self._current_id = created.id
        self._events.absences_changed.emit(created.id)
        self.select_absence(created.id)
        return created

    def open_force_majeure(self) -> QDialog | None:
        """The guided medical force majeure procedure of the selected absence (after 9 months)."""
        from kmo_reintegratie.ui.dialogs.force_majeure import ForceMajeureDialog

        row = self._current_row()
        if row is None or row.employee is None or not self.force_majeure_button.isEnabled():
            return None
        dialog = ForceMajeureDialog(self._dossier, row.absence, row.employee, self._today(), self,
                                    events=self._events)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def log_contact(self) -> ContactEntry | None:
        """Note a contact for the selected absence (Ctrl+Shift+K) and show it in the log."""
        saved = self.contact.log_contact()
        if saved is not None:
            self.tabs.setCurrentWidget(self.tabs.widget(1))
        return saved

    def delete_absence(self) -> None:
        row = self._current_row()
        if row is None or not self.editable:
            return
        answer = QMessageBox.question(self, self.tr("Afwezigheid verwijderen"), self.tr(
            "De afwezigheid van {0} vanaf {1} verwijderen, met haar attesten, afspraken en contacten? "
            "Tot u dit dossier sluit, kunt u dit ongedaan maken.").format(
                row.name, format_date(row.absence.starts)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        absence_id, events = row.absence.id, self._events
        deleted: list[DeletedRows] = []
        if write_or_show(lambda: deleted.append(self._dossier.absences.delete(absence_id)),
                         self.dates.kind_error):
            self._current_id = None
            events.absences_changed.emit(absence_id)

            def notify() -> None:
                # A trajectory linked to the absence lost (or gets back) that link.
                events.absences_changed.emit(absence_id)
                events.trajectories_changed.emit(0)

            record_delete(events, DeleteCommand(
                self._dossier, events,
                self.tr("Afwezigheid van {0} vanaf {1} verwijderen").format(
                    row.name, format_date(row.absence.starts)),
                lambda: self._dossier.absences.delete(absence_id), deleted[0], notify))

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        today = self._today()
        self._organisation = self._dossier.organisation.get()
        self.model.load(today, keep=self._current_id)
        if self._current_id is not None and self.model.find(self._current_id) is None:
            self._current_id = None
        if self._current_id is not None:
            self._select_in_table(self._current_id, fetch=False)
        self._show_detail()

    def _current_row(self) -> AbsenceRow | None:
        if self._current_id is None:
            return None
        return self.model.find(self._current_id)

    def _select_in_table(self, absence_id: int, *, fetch: bool = True) -> None:
        """Select the absence's row; ``fetch``: also when the table has not fetched it yet."""
        row = self.model.view_row(absence_id, fetch=fetch)
        if row < 0:
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _show_detail(self) -> None:
        row = self._current_row()
        if row is None:
            self.detail.setCurrentWidget(self.empty)
            self._fields_for = None
            return
        self.detail.setCurrentIndex(1)
        absence, today = row.absence, self.model.today
        fresh = self._fields_for != absence.id
        self._fields_for = absence.id
        self._show_header(row, today)
        self.dates.show_absence(absence, fresh=fresh)
        self.contact.show_absence(absence, row.employee, self._organisation, today)
        self._show_timeline(row, today)
        self.log_button.setEnabled(self.editable)
        self.delete_button.setEnabled(self.editable)

    def _show_header(self, row: AbsenceRow, today: date) -> None:
        absence, employee = row.absence, row.employee
        days = absence.days_absent(today)
        if absence.starts > today:
            state = self.tr("begint op {0}").format(format_date(absence.starts))
        elif absence.returned_on is not None and absence.returned_on <= today:
            state = self.tr("afgelopen: {0} dagen afwezig, hervat op {1}").format(
                days, format_date(absence.returned_on))
        else:
            state = self.tr("<b>dag {0}</b> van de afwezigheid (sinds {1})").format(days, format_date(absence.starts))
        facts = [escape(employee.statute.label if employee else ""), escape(employee.function if employee else ""),
                 escape(employee.department if employee else ""), escape(self.tr(absence.kind.label)), state]
        self.header.setText(f"<h3 style='margin:0'>{escape(row.name)}</h3>"
                            + " · ".join(part for part in facts if part))
        check = row.relapse
        previous = row.previous
        if (check is not None and check.possible) or absence.relapse_of is not None:
            text = self.tr("⚠ Mogelijk herval — te bevestigen met het medisch attest. ")
            if check is not None and check.possible:
                text += check.explanation
                if check.unconfirmed_reason:
                    text += " " + self.tr("Te bevestigen: {0}").format(check.unconfirmed_reason)
            self.relapse_label.setText(text)
            self.relapse_label.show()
        else:
            self.relapse_label.hide()
        linkable = previous is not None and ((check is not None and check.possible) or absence.relapse_of is not None)
        self.relapse_box.setVisible(linkable)
        if previous is not None:
            self.relapse_box.setText(self.tr(
                "Geregistreerd als herval van de afwezigheid van {0} tot {1} (de wettelijke termijnen lopen door)")
                .format(format_date(previous.starts), format_date(previous.returned_on)))
        self.relapse_box.setChecked(absence.relapse_of is not None)
        self.relapse_box.setEnabled(self.editable)
        agreement = absence.agreement_on(today)
        if agreement is not None and agreement.no_contact:
            wishes = f" {agreement.employee_wishes}" if agreement.employee_wishes else ""
            self.no_contact_banner.setText(self.tr(
                "Geen contact gewenst — de werknemer vroeg geen contact (sinds {0}); er komen geen herinneringen.{1}")
                .format(format_date(agreement.valid_from), wishes))
            self.no_contact_banner.show()
        else:
            self.no_contact_banner.hide()

    def _show_timeline(self, row: AbsenceRow, today: date) -> None:
        absence, employee = row.absence, row.employee
        if employee is None:
            self.timeline.set_milestones((), today)
            self.force_majeure_button.setEnabled(False)
            return
        by_id = {a.id: a for a in self._dossier.absences.with_relapse_predecessors([absence])}
        milestones = legal_dates(absence, employee, by_id)
        self.timeline.set_milestones(milestones, today)
        self._show_force_majeure_state(absence, milestones, today)
        intro = self.tr("Berekend voor een {0} vanaf de eerste afwezigheidsdag ({1}).").format(
            employee.statute.label.lower(), format_date(absence.starts))
        if absence.relapse_of is not None:
            intro = self.tr("Berekend voor een {0}. Deze afwezigheid is geregistreerd als herval: de termijnen "
                            "lopen door vanaf de eerdere afwezigheid, de werkperiode ertussen telt als "
                            "hervatting.").format(employee.statute.label.lower())
        if absence.partial_returns:
            intro += " " + self.tr("Een gedeeltelijke hervatting onderbreekt de termijnen niet: de werknemer blijft "
                                   "erkend arbeidsongeschikt (te bevestigen).")
        intro += " " + self.tr("Kies een stap voor de uitleg en de bron. Stappen met ‘te bevestigen’ zijn niet zeker.")
        self.timeline_intro.setText(intro)

    def _show_force_majeure_state(self, absence: Absence, milestones: tuple[LegalDate, ...],
                                  today: date) -> None:
        # Enabled once the 9 months have passed on a running absence, or when the procedure was
        # already opened; the tooltip always says why.
        nine = next((m for m in milestones if m.key == "medische_overmacht_mogelijk"), None)
        opened = self._dossier.force_majeure.get(absence.id) is not None
        running = absence.returned_on is None or absence.returned_on > today
        if nine is None:
            tip = self.tr("Voor deze afwezigheid geeft de tijdlijn geen datum voor 9 maanden.")
        elif not running:
            tip = self.tr("De werknemer hervatte op {0}: de procedure medische overmacht vraagt "
                          "9 maanden ononderbroken arbeidsongeschiktheid.").format(
                format_date(absence.returned_on))
        elif nine.due > today:
            tip = self.tr("Mogelijk vanaf {0}, na 9 maanden ononderbroken "
                          "arbeidsongeschiktheid (en als er geen re-integratietraject loopt).").format(
                format_date(nine.due))
        else:
            tip = self.tr("De 9 maanden ononderbroken arbeidsongeschiktheid verstreken op {0}: "
                          "de procedure stap voor stap nakijken.").format(format_date(nine.due))
        enabled = opened or (nine is not None and running and nine.due <= today)
        self.force_majeure_button.setEnabled(enabled)
        self.force_majeure_button.setToolTip(tip)

    # -- slots -------------------------------------------------------------------------

    def _on_period_changed(self, _index: int) -> None:
        self.model.set_filter(period=Period(self.period.currentData()))

    def _on_search_changed(self, text: str) -> None:
        self.model.set_filter(text=text)

    def _fit_columns(self) -> None:
        """Each column as wide as its title and the texts of the first rows (the stretching
        columns excepted); the texts straight from the model: through QModelIndex.data each cell
        costs several times more."""
        fit_columns(self.table, lambda column: self.model.texts(column, FIT_ROWS), padding=CELL_PADDING)
        self._share_the_room()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._share_the_room()
        return super().eventFilter(watched, event)

    def _share_the_room(self) -> None:
        """The department and the next contact share what the other columns leave, in equal
        parts. When a part is too narrow for a date (a small laptop), the next contact gets the
        room for its date first and the department the rest; when that rest would not even show
        the department's title, the department is left out (the search still finds on it)."""
        header = self.table.horizontalHeader()
        sharing = (Column.DEPARTMENT, Column.NEXT_CONTACT)
        taken = sum(header.sectionSize(column) for column in range(header.count())
                    if column not in sharing and not header.isSectionHidden(column))
        room = self.table.viewport().width() - taken
        date_width = self.table.fontMetrics().horizontalAdvance(format_date(date(2026, 12, 31))) + CELL_PADDING
        title_width = header.sectionSizeFromContents(Column.DEPARTMENT).width()
        squeezed = room // 2 < date_width and room - date_width >= title_width
        header.setSectionHidden(Column.DEPARTMENT, room // 2 < date_width and not squeezed)
        mode = QHeaderView.ResizeMode.Interactive if squeezed else QHeaderView.ResizeMode.Stretch
        if header.sectionResizeMode(Column.NEXT_CONTACT) != mode:
            header.setSectionResizeMode(Column.NEXT_CONTACT, mode)
        if squeezed and header.sectionSize(Column.NEXT_CONTACT) != date_width:
            header.resizeSection(Column.NEXT_CONTACT, date_width)

    def _after_filter(self) -> None:
        # Not fetched down to it at every keystroke: thousands of rows for the view to insert.
        if self._current_id is not None:
            self._select_in_table(self._current_id, fetch=False)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        absence = current.data(ABSENCE_ROLE)
        if absence is None or absence.id == self._current_id and self._fields_for == absence.id:
            return
        self._current_id = absence.id
        self._show_detail()

    def _on_relapse_box_clicked(self, checked: bool) -> None:
        row = self._current_row()
        if row is None:
            return
        absence = row.absence
        previous = row.previous
        relapse_of = previous.id if checked and previous is not None else None
        if write_or_show(lambda: self._dossier.absences.update(absence.id, relapse_of=relapse_of),
                         self.dates.kind_error):
            self._events.absences_changed.emit(absence.id)

    def _on_events_absence_requested(self, absence_id: int, tab: str) -> None:
        self.select_absence(absence_id)
        if tab in ABSENCE_TABS:
            self.tabs.setCurrentIndex(ABSENCE_TABS.index(tab))

    def _on_events_absences_changed(self, _absence_id: int) -> None:
        self.reload()

    def _on_events_employees_changed(self) -> None:
        self.reload()
