"""The contact tab of an absence: the agreement with its history, and the contact log.

Since 2026 every employer keeps contact with an incapacitated employee following the
procedure in the work regulations; the contact supports and never checks the absence.
The tab shows who calls, how often and what the employee wishes, when the next
contact is due, and every contact made — with the documents to print for signature.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Absence, ContactAgreement, ContactEntry, Employee
from kmo_reintegratie.contact_schedule import DueState, next_contact
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.organisation import Organisation
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.undo_rows import DeletedRows
from kmo_reintegratie.ui.dialogs.absence_dialog import default_agreements
from kmo_reintegratie.ui.dialogs.contact_dialog import AgreementDialog, ContactDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE, Row
from kmo_reintegratie.ui.undo import DeleteCommand, record_delete
from kmo_reintegratie.ui.widgets.absence_forms import (
    frequency_text,
    rows_model,
    rows_table,
    write_or_show,
)


class AbsenceContactTab(QWidget):
    #: The user asks to print "contactlog" (the shown absence's employee) or "infobrief" (the
    #: shown absence; the page first asks for the salutation).
    print_requested = Signal(str)

    def __init__(self, dossier: Dossier, events: DossierEvents, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self.editable = not dossier.read_only
        self.absence: Absence | None = None
        self.employee: Employee | None = None
        self.organisation = Organisation()
        layout = QVBoxLayout(self)
        log = self._build_log()
        # The documents and the next step sit at the top: under the log they were below the
        # fold on a laptop screen.
        layout.addLayout(self._build_tool_row())
        layout.addWidget(self._build_agreements())
        layout.addWidget(log, 1)

    # -- building ----------------------------------------------------------------------

    def _build_agreements(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contactafspraak"))
        layout = QVBoxLayout(box)
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
        layout.addLayout(current_row)
        self.agreements = rows_table("agreementHistory", (
            self.tr("Vanaf"), self.tr("Contactpersoon"), self.tr("Kanaal"), self.tr("Frequentie"),
            self.tr("Wensen van de werknemer")))
        self.agreements.setMaximumHeight(110)
        layout.addWidget(self.agreements)
        return box

    def _build_log(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contactlogboek"))
        layout = QVBoxLayout(box)
        self.next_contact_label = QLabel()
        self.next_contact_label.setObjectName("nextContact")
        self.next_contact_label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.next_contact_label, 1)
        self.log_button = QPushButton(self.tr("Contact &noteren…"))
        self.log_button.clicked.connect(self.log_contact)
        self.edit_contact_button = QPushButton(self.tr("&Bewerken…"))
        self.edit_contact_button.setObjectName("editContact")
        self.edit_contact_button.clicked.connect(self.edit_contact)
        self.delete_contact_button = QPushButton(self.tr("Verwijderen"))
        self.delete_contact_button.setObjectName("deleteContact")
        self.delete_contact_button.clicked.connect(self.delete_contact)
        # Above the table they act on, so they stay in view however long the log grows.
        for button in (self.log_button, self.edit_contact_button, self.delete_contact_button):
            button.setEnabled(self.editable)
            buttons.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(buttons)
        self.contacts = rows_table("contactLog", (
            self.tr("Datum en uur"), self.tr("Wie"), self.tr("Kanaal"), self.tr("Initiatief"),
            self.tr("Samenvatting"), self.tr("Afspraken"), self.tr("Volgend contact"), self.tr("Voor gezien")),
            stretch=(4, 5))
        self.contacts.setMinimumHeight(150)
        self.contacts.doubleClicked.connect(self._on_contacts_double_clicked)
        self.contacts.selectionModel().currentRowChanged.connect(self._on_contacts_current_changed)
        layout.addWidget(self.contacts)
        self.contact_details = QLabel()
        self.contact_details.setObjectName("contactDetails")
        self.contact_details.setWordWrap(True)
        self.contact_details.setTextFormat(Qt.TextFormat.RichText)
        self.contact_details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.contact_details)
        return box

    def _build_tool_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addStretch(1)
        self.print_log_button = QPushButton(self.tr("Contactlog &afdrukken…"))
        self.print_log_button.setObjectName("printContactLog")
        self.print_log_button.setToolTip(self.tr("Contactgeschiedenis met afspraken, om 'voor gezien' te laten tekenen"))
        self.print_log_button.clicked.connect(lambda: self.print_requested.emit("contactlog"))
        self.print_letter_button = QPushButton(self.tr("&Infobrief afdrukken…"))
        self.print_letter_button.setObjectName("printInfoLetter")
        self.print_letter_button.setToolTip(self.tr("Persoonlijke informatiebrief voor deze afwezigheid: "
                                                    "contactpersoon, administratie, loon, ondersteuning; "
                                                    "u kiest eerst de aanspreking"))
        self.print_letter_button.clicked.connect(lambda: self.print_requested.emit("infobrief"))
        self.start_trajectory_button = QPushButton(self.tr("&Traject starten…"))
        self.start_trajectory_button.setObjectName("startTrajectory")
        self.start_trajectory_button.setToolTip(self.tr("Een informeel of formeel re-integratietraject voor deze "
                                                        "afwezigheid"))
        self.start_trajectory_button.setEnabled(self.editable)
        self.start_trajectory_button.clicked.connect(self._on_start_trajectory_clicked)
        for button in (self.print_log_button, self.print_letter_button, self.start_trajectory_button):
            row.addWidget(button)
        return row

    # -- showing -----------------------------------------------------------------------

    def show_absence(self, absence: Absence, employee: Employee | None, organisation: Organisation,
                     today: date) -> None:
        self.absence, self.employee, self.organisation = absence, employee, organisation
        agreement = absence.agreement_on(today)
        self.agreement_label.setText(self._agreement_text(agreement))
        self.agreement_button.setText(self.tr("&Afspraak vastleggen…") if agreement is None
                                      else self.tr("&Afspraak wijzigen…"))
        rows_model(self.agreements).set_rows([
            Row((format_date(a.valid_from), f"{a.contact_name} ({self.tr(a.contact_role.label)})".strip(),
                 self.tr(a.channel.label),
                 self.tr("geen contact gewenst") if a.no_contact else self.tr(frequency_text(a.every_days)),
                 a.employee_wishes), ("afspraak", a.id),
                level="info" if a is agreement else "")
            for a in sorted(absence.agreements, key=lambda a: (a.valid_from, a.id), reverse=True)
        ])
        due = next_contact(absence, today, first_contact_days=organisation.contact_first_days)
        if due.state is DueState.NO_CONTACT:
            text = self.tr("Geen contact gewenst: er komen geen herinneringen.")
        elif due.due is None:
            text = self.tr("Geen volgend contact: {0}").format(due.reason)
        else:
            text = self.tr("Volgend contact: <b>{0}</b> ({1}) — {2}").format(
                format_date(due.due), self.tr(due.state.label).lower(), escape(due.reason))
        self.next_contact_label.setText(text)
        self._show_log(absence)

    def _agreement_text(self, agreement: ContactAgreement | None) -> str:
        if agreement is None:
            procedure = self.organisation.contact_by or self.tr("de leidinggevende")
            if procedure.split(" ", 1)[0] in ("De", "Een", "Het"):
                procedure = procedure[0].lower() + procedure[1:]  # "neemt de rechtstreeks leidinggevende"
            return self.tr("Nog geen afspraak vastgelegd. Volgens de contactprocedure van de organisatie neemt "
                           "<b>{0}</b> contact op.").format(escape(procedure))
        who = escape(agreement.contact_name or self.tr(agreement.contact_role.label))
        text = self.tr("<b>{0}</b> ({1}) · {2} · {3} · sinds {4}").format(
            who, escape(self.tr(agreement.contact_role.label)), escape(self.tr(agreement.channel.label)),
            escape(self.tr(frequency_text(agreement.every_days))), format_date(agreement.valid_from))
        if agreement.no_contact:
            text = self.tr("<b>Geen contact gewenst</b> · ") + text
        if agreement.employee_wishes:
            text += self.tr("<br>Wensen: {0}").format(escape(agreement.employee_wishes))
        return text

    def _show_log(self, absence: Absence) -> None:
        selected = self.selected_contact()
        entries = sorted(absence.contacts, key=lambda c: c.at, reverse=True)
        rows_model(self.contacts).set_rows([
            Row((c.at.strftime("%d-%m-%Y %H:%M"), c.made_by, self.tr(c.channel.label), self.tr(c.initiative.label),
                 c.summary, c.agreements, format_date(c.next_contact), format_date(c.signed_on)),
                ("contact", c.id), tooltip=self._contact_text(c, html=False))
            for c in entries
        ])
        index = next((i for i, c in enumerate(entries) if selected and c.id == selected.id), None)
        if index is not None:
            self.contacts.selectRow(index)
        elif entries:
            self.contact_details.setText(self.tr("<i>{0} contact(en) genoteerd. Kies een contact voor alle details."
                                                 "</i>").format(len(entries)))
        else:
            self.contact_details.setText(self.tr("<i>Nog geen contact genoteerd.</i>"))

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

    def selected_contact(self) -> ContactEntry | None:
        index = self.contacts.currentIndex()
        if self.absence is None or not index.isValid():
            return None
        _kind, contact_id = index.data(TARGET_ROLE)
        return next((c for c in self.absence.contacts if c.id == contact_id), None)

    # -- editing -------------------------------------------------------------------------

    def _procedure_contact(self) -> str:
        """Who the organisation's contact procedure names for this employee (e.g. the manager)."""
        if self.absence is None or self.employee is None:
            return ""
        return str(default_agreements(self.organisation, self.employee, self.absence.starts)[0]["contact_name"])

    def log_contact(self) -> ContactEntry | None:
        absence = self.absence
        if absence is None or not self.editable:
            return None
        dialog = ContactDialog(self._dossier, absence, self._today(), self,
                               default_who=self._procedure_contact(), events=self._events)
        if dialog.exec() != ContactDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        self._events.absences_changed.emit(absence.id)
        return dialog.saved

    def edit_contact(self) -> ContactEntry | None:
        absence, entry = self.absence, self.selected_contact()
        if absence is None or entry is None or not self.editable:
            return None
        dialog = ContactDialog(self._dossier, absence, self._today(), self, entry=entry,
                               events=self._events)
        if dialog.exec() != ContactDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        self._events.absences_changed.emit(absence.id)
        return dialog.saved

    def delete_contact(self) -> None:
        absence, entry = self.absence, self.selected_contact()
        if absence is None or entry is None or not self.editable:
            return
        answer = QMessageBox.question(self, self.tr("Contact verwijderen"), self.tr(
            "Het contact van {0} verwijderen uit het logboek?").format(entry.at.strftime("%d-%m-%Y %H:%M")))
        if answer != QMessageBox.StandardButton.Yes:
            return
        deleted: list[DeletedRows] = []
        if write_or_show(lambda: deleted.append(self._dossier.absences.delete_contact(entry.id)),
                         self.next_contact_label):
            events, absence_id = self._events, absence.id
            events.absences_changed.emit(absence_id)
            record_delete(events, DeleteCommand(
                self._dossier, events,
                self.tr("Contact van {0} verwijderen").format(entry.at.strftime("%d-%m-%Y %H:%M")),
                lambda: self._dossier.absences.delete_contact(entry.id), deleted[0],
                lambda: events.absences_changed.emit(absence_id)))

    def change_agreement(self) -> ContactAgreement | None:
        absence = self.absence
        if absence is None or not self.editable:
            return None
        defaults = None
        if not absence.agreements and self.employee is not None:
            defaults = default_agreements(self._dossier.organisation.get(), self.employee, absence.starts)[0]
            defaults.pop("valid_from", None)
        dialog = AgreementDialog(self._dossier, absence, self._today(), self, defaults=defaults,
                                 events=self._events)
        if dialog.exec() != AgreementDialog.DialogCode.Accepted or dialog.saved is None:
            return None
        self._events.absences_changed.emit(absence.id)
        return dialog.saved

    # -- slots -------------------------------------------------------------------------

    def _on_start_trajectory_clicked(self) -> None:
        if self.absence is not None:
            self._events.trajectory_start_requested.emit(self.absence.id)

    def _on_contacts_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        entry = self.selected_contact() if current.isValid() else None
        if entry is not None:
            self.contact_details.setText(self._contact_text(entry, html=True))

    def _on_contacts_double_clicked(self, _index: QModelIndex) -> None:
        self.edit_contact()
