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
from datetime import date, timedelta
from html import escape

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import (
    Absence,
    AbsenceError,
    ContactAgreement,
    ContactEntry,
    Employee,
    IncapacityKind,
    check_not_far_ahead,
)
from kmo_reintegratie.contact_schedule import DueState, next_contact
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.overview import legal_dates
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.dialogs.absence_dialog import (
    WARNING_STYLE,
    AbsenceDialog,
    date_edit,
    default_agreements,
    error_label,
    set_message,
    with_message,
)
from kmo_reintegratie.ui.dialogs.contact_dialog import AgreementDialog, ContactDialog
from kmo_reintegratie.ui.events import ABSENCE_TABS, DossierEvents
from kmo_reintegratie.ui.models.absence_model import (
    ABSENCE_ROLE,
    AbsenceFilter,
    AbsenceRow,
    AbsenceTableModel,
    Column,
    Period,
    previous_absence,
)
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE, Row, RowsModel
from kmo_reintegratie.ui.widgets.bound_field import BoundField
from kmo_reintegratie.ui.widgets.legal_timeline import LegalTimeline
from kmo_reintegratie.ui.widgets.privacy_guard import attach_privacy_guard

NO_CONTACT_STYLE = ("background: #e8eef7; color: #1c3d6e; border: 2px solid #8aa6cf; border-radius: 4px;"
                    " padding: 6px 8px; font-weight: bold;")


def frequency_text(every_days: int | None) -> str:
    return {None: "geen vaste frequentie", 7: "wekelijks", 14: "om de twee weken",
            30: "maandelijks"}.get(every_days, f"om de {every_days} dagen")


def _number(text: str) -> float | None:
    text = text.strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError("Geef een getal, bv. 50 of 19,5.") from None


def _table(name: str, headers: tuple[str, ...], stretch: tuple[int, ...] = ()) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setModel(RowsModel(headers, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if not stretch:
        header.setStretchLastSection(True)
    return view


def _rows_model(view: QTableView) -> RowsModel:
    model = view.model()
    assert isinstance(model, RowsModel)
    return model


def _scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


class _DateBinding:
    """A date editor stored when the user leaves it or presses Enter (never halfway a date)."""

    def __init__(self, editor: QLineEdit, label: QLabel, save: Callable[[str], str]) -> None:
        self.editor, self.label, self._save = editor, label, save
        self._loaded = ""
        editor.editingFinished.connect(self.commit)

    def load(self, text: str) -> None:
        self.editor.setText(text)
        self._loaded = text
        set_message(self.label, "")

    def busy(self) -> bool:
        return self.editor.hasFocus() or bool(self.label.text())

    def commit(self) -> bool:
        text = self.editor.text()
        if text == self._loaded and not self.label.text():
            return True
        try:
            shown = self._save(text)
        except ValidationError as error:
            set_message(self.label, str(error))
            return False
        except DossierError as error:
            set_message(self.label, f"{error.message} {error.advice}".strip())
            return False
        set_message(self.label, "")
        self._loaded = shown
        if shown != text:
            self.editor.setText(shown)
        return True


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
        self._employees: dict[int, Employee] = {}
        self.editable = not dossier.read_only
        self.model = AbsenceTableModel(dossier, today(), self)
        self.proxy = AbsenceFilter(self)
        self.proxy.setSourceModel(self.model)

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
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.STARTS, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The department gives way when the window is narrow, never the name.
        header.setSectionResizeMode(Column.DEPARTMENT, QHeaderView.ResizeMode.Stretch)
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
        self.tabs.addTab(_scrolling(self._build_dates_tab()), self.tr("Afwezigheid en attesten"))
        self.tabs.addTab(_scrolling(self._build_contact_tab()), self.tr("Contact"))
        self.tabs.addTab(_scrolling(self._build_timeline_tab()), self.tr("Wettelijke tijdlijn"))
        layout.addWidget(self.tabs, 1)
        return panel

    def _build_dates_tab(self) -> QWidget:
        tab = QWidget()
        columns = QHBoxLayout(tab)
        dates_box = QGroupBox(self.tr("Afwezigheid"))
        form = QFormLayout(dates_box)
        self.date_fields: dict[str, _DateBinding] = {}
        for name, label in (("starts", self.tr("&Eerste afwezigheidsdag")),
                            ("expected_end", self.tr("&Verwacht einde")),
                            ("returned_on", self.tr("&Hervatting (eerste werkdag)"))):
            editor = date_edit(f"detail_{name}")
            message = error_label(f"detail_{name}Error")
            editor.setReadOnly(not self.editable)
            self.date_fields[name] = _DateBinding(editor, message, lambda text, name=name: self._save_date(name, text))
            form.addRow(label, with_message(editor, message))
        self.kind = QComboBox()
        self.kind.setObjectName("detail_kind")
        for kind in IncapacityKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        self.kind.setEnabled(self.editable)
        self.kind.activated.connect(self._on_kind_activated)
        self.kind_error = error_label("detail_kindError")
        form.addRow(self.tr("&Soort"), with_message(self.kind, self.kind_error))
        note = QPlainTextEdit()
        note.setObjectName("detail_note")
        note.setPlaceholderText(self.tr("Praktische notitie, bv. 'attesten per maand verlengd'. Geen medische info."))
        note.setTabChangesFocus(True)
        note.setFixedHeight(60)
        note.setReadOnly(not self.editable)
        self.note_guard = attach_privacy_guard(note)
        self.note_field = BoundField(note, self._save_note, self)
        self.note_field.saved.connect(self._announce)
        note_box = self.note_field.widget()
        note_box.layout().addWidget(self.note_guard.label)
        form.addRow(self.tr("N&otitie"), note_box)
        columns.addWidget(dates_box, 1, Qt.AlignmentFlag.AlignTop)

        right = QVBoxLayout()
        certificates = QGroupBox(self.tr("Attesten"))
        cert_layout = QVBoxLayout(certificates)
        self.certificates = _table("certificates", (self.tr("Van"), self.tr("Tot en met"), self.tr("Soort"),
                                                   self.tr("Dagen")))
        self.certificates.setMinimumHeight(110)
        cert_layout.addWidget(self.certificates)
        add_row = QHBoxLayout()
        self.cert_from = date_edit("newCertificateFrom", placeholder=self.tr("van"))
        self.cert_to = date_edit("newCertificateTo", placeholder=self.tr("tot en met"))
        self.cert_kind = QComboBox()
        self.cert_kind.setObjectName("newCertificateKind")
        for kind in IncapacityKind:
            self.cert_kind.addItem(self.tr(kind.label), kind.value)
        self.cert_add = QPushButton(self.tr("Attest &toevoegen"))
        self.cert_add.setObjectName("addCertificate")
        self.cert_add.clicked.connect(self.add_certificate)
        self.cert_to.returnPressed.connect(self.add_certificate)
        self.cert_delete = QPushButton(self.tr("Gekozen attest verwijderen"))
        self.cert_delete.setObjectName("deleteCertificate")
        self.cert_delete.clicked.connect(self.delete_certificate)
        for widget in (self.cert_from, QLabel("–"), self.cert_to, self.cert_kind, self.cert_add):
            add_row.addWidget(widget)
        add_row.addStretch(1)
        # Delete under the table it acts on, so the add row fits a laptop screen without scrolling.
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.cert_delete)
        cert_layout.addLayout(delete_row)
        cert_layout.addLayout(add_row)
        self.cert_error = error_label("certificateError")
        cert_layout.addWidget(self.cert_error)
        right.addWidget(certificates, 1)

        partial = QGroupBox(self.tr("Gedeeltelijke hervatting"))
        partial_layout = QVBoxLayout(partial)
        self.partials = _table("partialReturns", (self.tr("Vanaf"), self.tr("Percentage"), self.tr("Uren per week")))
        self.partials.setMinimumHeight(60)
        self.partials.setMaximumHeight(100)
        partial_layout.addWidget(self.partials)
        partial_row = QHBoxLayout()
        self.partial_from = date_edit("newPartialFrom", placeholder=self.tr("vanaf"))
        self.partial_percentage = QLineEdit()
        self.partial_percentage.setObjectName("newPartialPercentage")
        self.partial_percentage.setPlaceholderText(self.tr("% (bv. 50)"))
        self.partial_percentage.setMaximumWidth(90)
        self.partial_hours = QLineEdit()
        self.partial_hours.setObjectName("newPartialHours")
        self.partial_hours.setPlaceholderText(self.tr("of uren/week"))
        self.partial_hours.setMaximumWidth(110)
        self.partial_add = QPushButton(self.tr("&Hervatting toevoegen"))
        self.partial_add.setObjectName("addPartialReturn")
        self.partial_add.clicked.connect(self.add_partial_return)
        for widget in (self.partial_from, self.partial_percentage, self.partial_hours, self.partial_add):
            partial_row.addWidget(widget)
        partial_row.addStretch(1)
        partial_layout.addLayout(partial_row)
        self.partial_error = error_label("partialReturnError")
        partial_layout.addWidget(self.partial_error)
        right.addWidget(partial)
        columns.addLayout(right, 1)
        for widget in (self.cert_from, self.cert_to, self.cert_kind, self.cert_add, self.cert_delete,
                       self.partial_from, self.partial_percentage, self.partial_hours, self.partial_add):
            widget.setEnabled(self.editable)
        return tab

    def _build_contact_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        agreements = QGroupBox(self.tr("Contactafspraak"))
        agreement_layout = QVBoxLayout(agreements)
        current_row = QHBoxLayout()
        self.agreement_label = QLabel()
        self.agreement_label.setObjectName("currentAgreement")
        self.agreement_label.setWordWrap(True)
        self.agreement_label.setTextFormat(Qt.TextFormat.RichText)
        current_row.addWidget(self.agreement_label, 1)
        self.agreement_button = QPushButton(self.tr("&Afspraak wijzigen…"))
        self.agreement_button.setObjectName("changeAgreement")
        self.agreement_button.clicked.connect(self.change_agreement)
        self.agreement_button.setEnabled(self.editable)
        current_row.addWidget(self.agreement_button, 0, Qt.AlignmentFlag.AlignTop)
        agreement_layout.addLayout(current_row)
        self.agreements = _table("agreementHistory", (self.tr("Vanaf"), self.tr("Contactpersoon"), self.tr("Kanaal"),
                                                      self.tr("Frequentie"), self.tr("Wensen van de werknemer")))
        self.agreements.setMaximumHeight(110)
        agreement_layout.addWidget(self.agreements)
        layout.addWidget(agreements)

        log = QGroupBox(self.tr("Contactlogboek"))
        log_layout = QVBoxLayout(log)
        self.next_contact_label = QLabel()
        self.next_contact_label.setObjectName("nextContact")
        self.next_contact_label.setWordWrap(True)
        log_layout.addWidget(self.next_contact_label)
        self.contacts = _table("contactLog", (
            self.tr("Datum en uur"), self.tr("Wie"), self.tr("Kanaal"), self.tr("Initiatief"),
            self.tr("Samenvatting"), self.tr("Afspraken"), self.tr("Volgend contact"), self.tr("Voor gezien")),
            stretch=(4, 5))
        self.contacts.setMinimumHeight(150)
        self.contacts.doubleClicked.connect(self._on_contacts_double_clicked)
        self.contacts.selectionModel().currentRowChanged.connect(self._on_contacts_current_changed)
        log_layout.addWidget(self.contacts)
        self.contact_details = QLabel()
        self.contact_details.setObjectName("contactDetails")
        self.contact_details.setWordWrap(True)
        self.contact_details.setTextFormat(Qt.TextFormat.RichText)
        self.contact_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        log_layout.addWidget(self.contact_details)
        buttons = QHBoxLayout()
        self.log_button_2 = QPushButton(self.tr("Contact &noteren…"))
        self.log_button_2.clicked.connect(self.log_contact)
        self.edit_contact_button = QPushButton(self.tr("&Bewerken…"))
        self.edit_contact_button.setObjectName("editContact")
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.delete_contact_button = QPushButton(self.tr("Verwijderen"))
        self.delete_contact_button.setObjectName("deleteContact")
        self.delete_contact_button.clicked.connect(self.delete_contact)
        for button in (self.log_button_2, self.edit_contact_button, self.delete_contact_button):
            button.setEnabled(self.editable)
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.print_log_button = QPushButton(self.tr("Contactlog &afdrukken…"))
        self.print_log_button.setObjectName("printContactLog")
        self.print_log_button.setToolTip(self.tr("Contactgeschiedenis met afspraken, om 'voor gezien' te laten tekenen"))
        self.print_log_button.clicked.connect(lambda: self.print_for_employee("contactlog"))
        self.print_letter_button = QPushButton(self.tr("&Infobrief afdrukken…"))
        self.print_letter_button.setObjectName("printInfoLetter")
        self.print_letter_button.setToolTip(self.tr("Persoonlijke informatiebrief: contactpersoon, administratie, ondersteuning"))
        self.print_letter_button.clicked.connect(lambda: self.print_for_employee("infobrief"))
        buttons.addWidget(self.print_log_button)
        buttons.addWidget(self.print_letter_button)
        self.start_trajectory_button = QPushButton(self.tr("&Traject starten…"))
        self.start_trajectory_button.setObjectName("startTrajectory")
        self.start_trajectory_button.setToolTip(self.tr("Een informeel of formeel re-integratietraject voor deze afwezigheid"))
        self.start_trajectory_button.setEnabled(self.editable)
        self.start_trajectory_button.clicked.connect(self._on_start_trajectory_clicked)
        buttons.addWidget(self.start_trajectory_button)
        log_layout.addLayout(buttons)
        layout.addWidget(log, 1)
        return tab

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

    def _on_start_trajectory_clicked(self) -> None:
        absence = self.current_absence()
        if absence is not None:
            self._events.trajectory_start_requested.emit(absence.id)

    def print_for_employee(self, document: str) -> None:
        """Print the contact log or information letter of the selected absence's employee."""
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.printing import print_document

        absence = self.current_absence()
        if absence is None:
            return
        print_document(self, self._dossier.path, document, options=ExportOptions(employee_id=absence.employee_id))

    def current_absence(self) -> Absence | None:
        row = self._current_row()
        return row.absence if row else None

    def visible_absences(self) -> list[Absence]:
        return [self.proxy.index(r, 0).data(ABSENCE_ROLE) for r in range(self.proxy.rowCount())]

    def select_absence(self, absence_id: int) -> bool:
        """Show ``absence_id`` (widening the filter when it hides the absence)."""
        if self.model.row_of(absence_id) < 0:
            return False
        if self._proxy_row(absence_id) < 0:
            self.search.clear()
            self.period.setCurrentIndex(self.period.findData(Period.ALL.value))
        self._current_id = absence_id
        self._select_in_table(absence_id)
        self._show_detail()
        return True

    def new_absence(self) -> Absence | None:
        if not self.editable:
            return None
        dialog = AbsenceDialog(self._dossier, self._today(), self)
        if dialog.exec() != AbsenceDialog.DialogCode.Accepted or dialog.created is None:
            return None
        created = dialog.created
        self._current_id = created.id
        self._events.absences_changed.emit(created.id)
        self.select_absence(created.id)
        return created

    def log_contact(self) -> ContactEntry | None:
        absence = self.current_absence()
        if absence is None or not self.editable:
            return None
        dialog = ContactDialog(self._dossier, absence, self._today(), self,
                               default_who=self._procedure_contact(absence))
        if dialog.exec() != ContactDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        self.tabs.setCurrentIndex(1)
        self._events.absences_changed.emit(absence.id)
        return dialog.saved

    def _procedure_contact(self, absence: Absence) -> str:
        """Who the organisation's contact procedure names for this employee (e.g. the manager)."""
        employee = self._employees.get(absence.employee_id)
        if employee is None:
            return ""
        return str(default_agreements(self._organisation, employee, absence.starts)[0]["contact_name"])

    def edit_contact(self) -> ContactEntry | None:
        absence, entry = self.current_absence(), self._selected_contact()
        if absence is None or entry is None or not self.editable:
            return None
        dialog = ContactDialog(self._dossier, absence, self._today(), self, entry=entry)
        if dialog.exec() != ContactDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        self._events.absences_changed.emit(absence.id)
        return dialog.saved

    def delete_contact(self) -> None:
        absence, entry = self.current_absence(), self._selected_contact()
        if absence is None or entry is None or not self.editable:
            return
        answer = QMessageBox.question(self, self.tr("Contact verwijderen"), self.tr(
            "Het contact van {0} verwijderen uit het logboek?").format(entry.at.strftime("%d-%m-%Y %H:%M")))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._write(lambda: self._dossier.absences.delete_contact(entry.id), self.next_contact_label):
            self._events.absences_changed.emit(absence.id)

    def change_agreement(self) -> ContactAgreement | None:
        absence = self.current_absence()
        if absence is None or not self.editable:
            return None
        defaults = None
        employee = self._employees.get(absence.employee_id)
        if not absence.agreements and employee is not None:
            defaults = default_agreements(self._dossier.organisation.get(), employee, absence.starts)[0]
            defaults.pop("valid_from", None)
        dialog = AgreementDialog(self._dossier, absence, self._today(), self, defaults=defaults)
        if dialog.exec() != AgreementDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        self._events.absences_changed.emit(absence.id)
        return dialog.saved

    def delete_absence(self) -> None:
        row = self._current_row()
        if row is None or not self.editable:
            return
        answer = QMessageBox.question(self, self.tr("Afwezigheid verwijderen"), self.tr(
            "De afwezigheid van {0} vanaf {1} verwijderen, met haar attesten, afspraken en contacten? "
            "Dit kan niet ongedaan gemaakt worden.").format(row.name, format_date(row.absence.starts)))
        if answer != QMessageBox.StandardButton.Yes:
            return
        if self._write(lambda: self._dossier.absences.delete(row.absence.id), self.kind_error):
            self._current_id = None
            self._events.absences_changed.emit(row.absence.id)

    def add_certificate(self) -> bool:
        absence = self.current_absence()
        if absence is None or not self.editable:
            return False
        set_message(self.cert_error, "")
        try:
            starts = parse_date(self.cert_from.text())
            ends = parse_date(self.cert_to.text())
            if starts is None or ends is None:
                raise ValidationError(self.tr("Geef de eerste en de laatste dag van het attest."))
            check_not_far_ahead(ends, self._today())
        except ValidationError as error:
            set_message(self.cert_error, str(error))
            return False
        kind = IncapacityKind(self.cert_kind.currentData())
        if not self._write(lambda: self._dossier.absences.add_certificate(absence.id, starts, ends, kind),
                           self.cert_error):
            return False
        self.cert_to.clear()
        self._events.absences_changed.emit(absence.id)
        return True

    def delete_certificate(self) -> None:
        absence = self.current_absence()
        index = self.certificates.currentIndex()
        if absence is None or not index.isValid() or not self.editable:
            return
        _kind, certificate_id = index.data(TARGET_ROLE)
        if self._write(lambda: self._dossier.absences.delete_certificate(certificate_id), self.cert_error):
            self._events.absences_changed.emit(absence.id)

    def add_partial_return(self) -> bool:
        absence = self.current_absence()
        if absence is None or not self.editable:
            return False
        set_message(self.partial_error, "")
        try:
            starts = parse_date(self.partial_from.text())
            if starts is None:
                raise ValidationError(self.tr("Geef de datum vanaf wanneer de werknemer gedeeltelijk hervat."))
            check_not_far_ahead(starts, self._today())
            percentage = _number(self.partial_percentage.text())
            hours = _number(self.partial_hours.text())
            if hours is not None and not 0 < hours <= 60:
                raise ValidationError(self.tr("Het aantal uren per week ligt tussen 0 en 60."))
        except ValidationError as error:
            set_message(self.partial_error, str(error))
            return False
        if not self._write(lambda: self._dossier.absences.add_partial_return(
                absence.id, starts, percentage=percentage, hours_per_week=hours), self.partial_error):
            return False
        for editor in (self.partial_from, self.partial_percentage, self.partial_hours):
            editor.clear()
        self._events.absences_changed.emit(absence.id)
        return True

    # -- loading ---------------------------------------------------------------------

    def reload(self) -> None:
        today = self._today()
        self._employees = {e.id: e for e in self._dossier.employees.list()}
        self._organisation = self._dossier.organisation.get()
        self.model.load(today)
        if self._current_id is not None and self.model.row_of(self._current_id) < 0:
            self._current_id = None
        if self._current_id is not None:
            self._select_in_table(self._current_id)
        self._show_detail()

    def _current_row(self) -> AbsenceRow | None:
        if self._current_id is None:
            return None
        row = self.model.row_of(self._current_id)
        return self.model.row_at(row) if row >= 0 else None

    def _proxy_row(self, absence_id: int) -> int:
        source = self.model.row_of(absence_id)
        if source < 0:
            return -1
        return self.proxy.mapFromSource(self.model.index(source, 0)).row()

    def _select_in_table(self, absence_id: int) -> None:
        row = self._proxy_row(absence_id)
        if row < 0:
            return
        index = self.proxy.index(row, 0)
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
        for name, binding in self.date_fields.items():
            if fresh or not binding.busy():
                binding.load(format_date(getattr(absence, name)))
        if fresh or not self.kind.hasFocus():
            self.kind.setCurrentIndex(self.kind.findData(absence.kind.value))
            set_message(self.kind_error, "")
        if fresh or not (self.note_field.editor.hasFocus() or self.note_field.has_error()):
            self.note_field.load(absence.note)
            self.note_guard.check_now()
        self._show_certificates(absence)
        self._show_contacts(absence, today)
        self._show_timeline(row, today)
        if fresh:
            for label in (self.cert_error, self.partial_error):
                set_message(label, "")
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
        previous = previous_absence(absence, [a for a in self.model.absences() if a.employee_id == absence.employee_id])
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

    def _show_certificates(self, absence: Absence) -> None:
        _rows_model(self.certificates).set_rows([
            Row((format_date(c.starts), format_date(c.ends), self.tr(c.kind.label), str((c.ends - c.starts).days + 1)),
                ("attest", c.id))
            for c in absence.certificates
        ])
        _rows_model(self.partials).set_rows([
            Row((format_date(p.starts), f"{p.percentage:g} %" if p.percentage is not None else "",
                 f"{p.hours_per_week:g} u" if p.hours_per_week is not None else ""), ("hervatting", p.id))
            for p in absence.partial_returns
        ])
        last = max((c.ends for c in absence.certificates), default=None)
        from_text = format_date(last + timedelta(days=1) if last else absence.starts)
        if not self.cert_from.hasFocus():
            self.cert_from.setText(from_text)
        self.cert_kind.setCurrentIndex(self.cert_kind.findData(absence.kind.value))

    def _show_contacts(self, absence: Absence, today: date) -> None:
        agreement = absence.agreement_on(today)
        if agreement is None:
            procedure = self._organisation.contact_by or self.tr("de leidinggevende")
            if procedure.split(" ", 1)[0] in ("De", "Een", "Het"):
                procedure = procedure[0].lower() + procedure[1:]  # "neemt de rechtstreeks leidinggevende"
            self.agreement_label.setText(self.tr(
                "Nog geen afspraak vastgelegd. Volgens de contactprocedure van de organisatie neemt "
                "<b>{0}</b> contact op.").format(escape(procedure)))
            self.agreement_button.setText(self.tr("&Afspraak vastleggen…"))
        else:
            who = escape(agreement.contact_name or self.tr(agreement.contact_role.label))
            text = self.tr("<b>{0}</b> ({1}) · {2} · {3} · sinds {4}").format(
                who, escape(self.tr(agreement.contact_role.label)), escape(self.tr(agreement.channel.label)),
                escape(self.tr(frequency_text(agreement.every_days))), format_date(agreement.valid_from))
            if agreement.no_contact:
                text = self.tr("<b>Geen contact gewenst</b> · ") + text
            if agreement.employee_wishes:
                text += self.tr("<br>Wensen: {0}").format(escape(agreement.employee_wishes))
            self.agreement_label.setText(text)
            self.agreement_button.setText(self.tr("&Afspraak wijzigen…"))
        _rows_model(self.agreements).set_rows([
            Row((format_date(a.valid_from), f"{a.contact_name} ({self.tr(a.contact_role.label)})".strip(),
                 self.tr(a.channel.label),
                 self.tr("geen contact gewenst") if a.no_contact else self.tr(frequency_text(a.every_days)),
                 a.employee_wishes), ("afspraak", a.id),
                level="info" if a is agreement else "")
            for a in sorted(absence.agreements, key=lambda a: (a.valid_from, a.id), reverse=True)
        ])
        due = next_contact(absence, today, first_contact_days=self._organisation.contact_first_days)
        if due.state is DueState.NO_CONTACT:
            text = self.tr("Geen contact gewenst: er komen geen herinneringen.")
        elif due.due is None:
            text = self.tr("Geen volgend contact: {0}").format(due.reason)
        else:
            text = self.tr("Volgend contact: <b>{0}</b> ({1}) — {2}").format(
                format_date(due.due), self.tr(due.state.label).lower(), escape(due.reason))
        self.next_contact_label.setText(text)
        selected = self._selected_contact()
        entries = sorted(absence.contacts, key=lambda c: c.at, reverse=True)
        _rows_model(self.contacts).set_rows([
            Row((c.at.strftime("%d-%m-%Y %H:%M"), c.made_by, self.tr(c.channel.label), self.tr(c.initiative.label),
                 c.summary, c.agreements, format_date(c.next_contact), format_date(c.signed_on)),
                ("contact", c.id), tooltip=self._contact_text(c, html=False))
            for c in entries
        ])
        index = next((i for i, c in enumerate(entries) if selected and c.id == selected.id), None)
        if index is not None:
            self.contacts.selectRow(index)
        else:
            self.contact_details.setText(self.tr("<i>{0} contact(en) genoteerd. Kies een contact voor alle details."
                                                 "</i>").format(len(entries)) if entries else
                                         self.tr("<i>Nog geen contact genoteerd.</i>"))

    def _contact_text(self, entry: ContactEntry, *, html: bool) -> str:
        info = ", ".join(self.tr(i.label) for i in sorted(entry.info_given, key=lambda i: list(type(i)).index(i)))
        parts = [
            (self.tr("Samenvatting"), entry.summary), (self.tr("Afspraken"), entry.agreements),
            (self.tr("Informatie gegeven"), info),
            (self.tr("Voor gezien getekend"), format_date(entry.signed_on)),
        ]
        if html:
            return "<br>".join(f"<b>{escape(k)}:</b> {escape(v)}" for k, v in parts if v)
        return "\n".join(f"{k}: {v}" for k, v in parts if v)

    def _show_timeline(self, row: AbsenceRow, today: date) -> None:
        absence, employee = row.absence, row.employee
        if employee is None:
            self.timeline.set_milestones((), today)
            return
        by_id = {a.id: a for a in self.model.absences()}
        milestones = legal_dates(absence, employee, by_id)
        self.timeline.set_milestones(milestones, today)
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

    def _selected_contact(self) -> ContactEntry | None:
        absence = self.current_absence()
        index = self.contacts.currentIndex()
        if absence is None or not index.isValid():
            return None
        _kind, contact_id = index.data(TARGET_ROLE)
        return next((c for c in absence.contacts if c.id == contact_id), None)

    # -- storing -----------------------------------------------------------------------

    def _write(self, action: Callable[[], object], label: QLabel) -> bool:
        """Run one repository write; a refusal or a dossier problem goes to ``label``."""
        try:
            action()
        except (AbsenceError, ValidationError) as error:
            set_message(label, str(error))
            return False
        except DossierError as error:
            set_message(label, f"{error.message} {error.advice}".strip())
            return False
        return True

    def _save_date(self, name: str, text: str) -> str:
        if self._current_id is None:
            return text
        absence_id = self._current_id
        value = parse_date(text)
        check_not_far_ahead(value, self._today())
        try:
            self._dossier.absences.update(absence_id, **{name: value})
        except AbsenceError as error:
            raise ValidationError(str(error)) from error
        self._events.absences_changed.emit(absence_id)
        return format_date(value)

    def _save_note(self, text: str) -> str | None:
        if self._current_id is None:
            return None
        if len(text) > 2000:
            raise ValidationError(self.tr("Deze notitie is te lang (maximaal 2000 tekens)."))
        self._dossier.absences.update(self._current_id, note=text)
        return None

    def _announce(self) -> None:
        if self._current_id is not None:
            self._events.absences_changed.emit(self._current_id)

    # -- slots -------------------------------------------------------------------------

    def _on_period_changed(self, _index: int) -> None:
        self.proxy.set_filter(period=Period(self.period.currentData()))
        self._after_filter()

    def _on_search_changed(self, text: str) -> None:
        self.proxy.set_filter(text=text)
        self._after_filter()

    def _after_filter(self) -> None:
        if self._current_id is not None:
            self._select_in_table(self._current_id)

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        absence = current.data(ABSENCE_ROLE)
        if absence is None or absence.id == self._current_id and self._fields_for == absence.id:
            return
        self._current_id = absence.id
        self._show_detail()

    def _on_kind_activated(self, _index: int) -> None:
        absence = self.current_absence()
        if absence is None:
            return
        kind = IncapacityKind(self.kind.currentData())
        if kind is absence.kind:
            return
        set_message(self.kind_error, "")
        if self._write(lambda: self._dossier.absences.update(absence.id, kind=kind), self.kind_error):
            self._events.absences_changed.emit(absence.id)

    def _on_relapse_box_clicked(self, checked: bool) -> None:
        row = self._current_row()
        if row is None:
            return
        absence = row.absence
        previous = previous_absence(absence, [a for a in self.model.absences() if a.employee_id == absence.employee_id])
        relapse_of = previous.id if checked and previous is not None else None
        if self._write(lambda: self._dossier.absences.update(absence.id, relapse_of=relapse_of), self.kind_error):
            self._events.absences_changed.emit(absence.id)

    def _on_contacts_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self._selected_contact() if current.isValid() else None
        if entry is not None:
            self.contact_details.setText(self._contact_text(entry, html=True))

    def _on_contacts_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_contact()

    def _on_events_absence_requested(self, absence_id: int, tab: str) -> None:
        self.select_absence(absence_id)
        if tab in ABSENCE_TABS:
            self.tabs.setCurrentIndex(ABSENCE_TABS.index(tab))

    def _on_events_absences_changed(self, _absence_id: int) -> None:
        self.reload()

    def _on_events_employees_changed(self) -> None:
        self.reload()
