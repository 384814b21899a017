"""Note a contact with an absent employee, or change the contact agreement.

Both dialogs validate every field (messages in red under the field), store
only on OK and never on Cancel. Free-text fields carry a privacy guard: a
warning, never a block, when the text looks medical.
"""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date, datetime, timedelta

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import (
    Absence,
    AbsenceError,
    Channel,
    ContactAgreement,
    ContactEntry,
    ContactRole,
    InfoItem,
    Initiative,
)
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.text_limits import check_length, limit_for
from kmo_reintegratie.ui.dialogs.absence_dialog import (
    DEFAULT_EVERY_DAYS,
    WARNING_STYLE,
    date_edit,
    error_label,
    fit_width,
    set_message,
    with_message,
)
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import absence_calls, record_create, recording_change
from kmo_reintegratie.ui.widgets.privacy_guard import PrivacyGuard, attach_privacy_guard


def _text_box(name: str, placeholder: str, height: int = 70) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName(name)
    editor.setPlaceholderText(placeholder)
    editor.setTabChangesFocus(True)
    editor.setMinimumHeight(height)
    editor.setMaximumHeight(height + 40)
    return editor


def _guarded(editor: QPlainTextEdit, guard: PrivacyGuard) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    layout.addWidget(guard.label)
    return box


def grow_for_warnings(dialog: QDialog, *guards: PrivacyGuard) -> None:
    """Make ``dialog`` tall enough for its wrapped texts now and whenever a warning appears.

    A dialog sized from ``sizeHint`` measures wrapped labels at their preferred width, not the
    dialog's, so a privacy warning of four lines was cut off at the bottom of its field.
    """

    def grow() -> None:
        layout = dialog.layout()
        layout.activate()
        width = dialog.width()
        needed = (layout.totalHeightForWidth(width) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        screen = dialog.screen()
        if screen is not None:  # a taller dialog than the screen would hide its buttons
            needed = min(needed, screen.availableGeometry().height() - 40)
        if needed > dialog.height():
            dialog.resize(width, needed)

    for guard in guards:
        # After the label has been shown and the layout knows about it.
        guard.warning_changed.connect(lambda _words: QTimer.singleShot(0, dialog, grow))
    grow()


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setDefault(True)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(dialog.tr("Annuleren"))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ContactDialog(QDialog):
    """Log (or, with ``entry``, change) one contact. ``saved`` holds the stored entry after OK.

    "Wie" defaults to the agreed contact person, else whoever made the last
    contact, else ``default_who`` (the person the organisation's procedure names).
    """

    def __init__(self, dossier: Dossier, absence: Absence, today: date, parent: QWidget | None = None,
                 entry: ContactEntry | None = None, default_who: str = "", *,
                 events: DossierEvents | None = None) -> None:
        super().__init__(parent)
        self._stored = False  # see accept(): a dialog acts once
        self._events = events
        self._default_who_fallback = default_who
        self._dossier = dossier
        self._absence = absence
        self._today = today
        self._entry = entry
        self.saved: ContactEntry | None = None
        self._next_edited = entry is not None
        agreement = absence.agreement_on(today)
        self._agreement = agreement
        self.setWindowTitle(self.tr("Contact bewerken") if entry else self.tr("Contact noteren"))
        layout = QVBoxLayout(self)

        if agreement is not None and agreement.no_contact and entry is None:
            banner = QLabel(self.tr("Deze werknemer vroeg geen contact. Noteer hier enkel contact dat de "
                                    "werknemer zelf zocht, of een kaartje of attentie."))
            banner.setObjectName("noContactBanner")
            banner.setWordWrap(True)
            banner.setStyleSheet(WARNING_STYLE)
            layout.addWidget(banner)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        when = QWidget()
        when_row = QHBoxLayout(when)
        when_row.setContentsMargins(0, 0, 0, 0)
        at = entry.at if entry else datetime.combine(today, QTime.currentTime().toPython())
        self.date = date_edit("contactDate", at.date())
        self.time = QTimeEdit(QTime(at.hour, at.minute))
        self.time.setObjectName("contactTime")
        self.time.setDisplayFormat("HH:mm")
        when_row.addWidget(self.date)
        when_row.addWidget(QLabel(self.tr("om")))
        when_row.addWidget(self.time)
        when_row.addStretch(1)
        self.date_error = error_label("contactDateError")
        form.addRow(self.tr("&Datum en uur"), with_message(when, self.date_error))

        self.made_by = QLineEdit(entry.made_by if entry else self._default_who())
        self.made_by.setObjectName("contactMadeBy")
        self.made_by.setMaxLength(limit_for("made_by"))
        suggestions = sorted({a.contact_name for a in absence.agreements if a.contact_name}
                             | {c.made_by for c in absence.contacts if c.made_by})
        self.made_by.setCompleter(QCompleter(suggestions, self.made_by))
        self.made_by_error = error_label("contactMadeByError")
        form.addRow(self.tr("&Wie nam contact"), with_message(self.made_by, self.made_by_error))

        self.channel = QComboBox()
        self.channel.setObjectName("contactChannel")
        for channel in Channel:
            self.channel.addItem(self.tr(channel.label), channel.value)
        channel_default = entry.channel if entry else (agreement.channel if agreement else Channel.TELEFOON)
        self.channel.setCurrentIndex(self.channel.findData(channel_default.value))
        form.addRow(self.tr("&Kanaal"), self.channel)

        self.initiative = QComboBox()
        self.initiative.setObjectName("contactInitiative")
        for initiative in Initiative:
            self.initiative.addItem(self.tr(initiative.label), initiative.value)
        initiative_default = entry.initiative if entry else (
            Initiative.WERKNEMER if agreement and agreement.no_contact else Initiative.WERKGEVER)
        self.initiative.setCurrentIndex(self.initiative.findData(initiative_default.value))
        form.addRow(self.tr("&Initiatief van"), self.initiative)

        self.summary = _text_box("contactSummary", self.tr("Hoe verliep het contact? Enkel functionele informatie."))
        self.summary_guard = attach_privacy_guard(self.summary)
        form.addRow(self.tr("&Samenvatting"), _guarded(self.summary, self.summary_guard))
        self.agreements = _text_box("contactAgreements", self.tr("Wat werd afgesproken?"), 55)
        self.agreements_guard = attach_privacy_guard(self.agreements)
        form.addRow(self.tr("&Afspraken"), _guarded(self.agreements, self.agreements_guard))
        if entry:
            self.summary.setPlainText(entry.summary)
            self.agreements.setPlainText(entry.agreements)
            self.summary_guard.check_now()
            self.agreements_guard.check_now()
        layout.addLayout(form)

        info = QGroupBox(self.tr("Informatie gegeven"))
        grid = QGridLayout(info)
        self.info_boxes: dict[InfoItem, QCheckBox] = {}
        for number, item in enumerate(InfoItem):
            box = QCheckBox(self.tr(item.label))
            box.setObjectName(f"info_{item.value}")
            box.setChecked(bool(entry and item in entry.info_given))
            grid.addWidget(box, number // 2, number % 2)
            self.info_boxes[item] = box
        layout.addWidget(info)

        after = QFormLayout()
        self.next_contact = date_edit("contactNext", entry.next_contact if entry else None,
                                      self.tr("dd-mm-jjjj (optioneel)"))
        self.next_contact.textEdited.connect(self._on_next_contact_edited)
        self.next_error = error_label("contactNextError")
        after.addRow(self.tr("&Volgend contact op"), with_message(self.next_contact, self.next_error))
        self.signed_on = date_edit("contactSigned", entry.signed_on if entry else None,
                                   self.tr("dd-mm-jjjj (optioneel)"))
        self.signed_on.setToolTip(self.tr("Datum waarop de werknemer de samenvatting 'voor gezien' tekende."))
        self.signed_error = error_label("contactSignedError")
        after.addRow(self.tr("Voor &gezien getekend op"), with_message(self.signed_on, self.signed_error))
        layout.addLayout(after)

        self.general_error = error_label("contactDialogError")
        layout.addWidget(self.general_error)
        buttons = _buttons(self, self.tr("&Bewaren") if entry else self.tr("&Noteren"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        if dossier.read_only:
            set_message(self.general_error, self.tr("Dit dossier is alleen-lezen geopend."))
            self.ok_button.setEnabled(False)
        self.date.textChanged.connect(self._on_date_changed)
        self._on_date_changed()
        fit_width(self, 680)
        grow_for_warnings(self, self.summary_guard, self.agreements_guard)
        (self.summary if entry else self.made_by).setFocus()

    def _default_who(self) -> str:
        if self._agreement is not None:
            return self._agreement.contact_name or self.tr(self._agreement.contact_role.label)
        last = self._absence.last_contact()
        return last.made_by if last else self._default_who_fallback

    def _every_days(self, day: date) -> int | None:
        # The agreement valid on the contact's own date: a contact noted afterwards follows the
        # frequency agreed then, not a later agreement valid today.
        agreement = self._absence.agreement_on(day)
        if agreement is not None and agreement.no_contact:
            return None
        return agreement.every_days if agreement and agreement.every_days else DEFAULT_EVERY_DAYS

    def _on_next_contact_edited(self, _text: str) -> None:
        self._next_edited = True

    def _on_date_changed(self, *_args: object) -> None:
        """Propose the next contact: this contact + the agreed frequency (until the user types one)."""
        if self._next_edited:
            return
        try:
            day = parse_date(self.date.text())
        except ValidationError:
            return
        every = self._every_days(day) if day else None
        self.next_contact.setText(format_date(day + timedelta(days=every)) if day and every else "")

    # -- storing -----------------------------------------------------------------

    def accept(self) -> None:
        if self._stored:  # a second Enter while the dialog closes: it stores once
            return
        labels = (self.date_error, self.made_by_error, self.next_error, self.signed_error, self.general_error)
        for label in labels:
            set_message(label, "")
        fields: dict[str, object] = {}
        ok = True
        day: date | None = None
        try:
            day = parse_date(self.date.text())
            if day is None:
                raise ValidationError(self.tr("Geef de datum van het contact."))
            if day < self._absence.starts:
                raise ValidationError(self.tr("Dit contact ligt vóór het begin van de afwezigheid ({0}).").format(
                    format_date(self._absence.starts)))
            if day > self._today:
                raise ValidationError(self.tr("Een contact in de toekomst kan nog niet genoteerd worden; "
                                              "vul het in als 'volgend contact'."))
        except ValidationError as error:
            set_message(self.date_error, str(error))
            ok = False
        made_by = clean_text(self.made_by.text()).strip()
        if not made_by:
            set_message(self.made_by_error, self.tr("Vul in wie het contact had, bv. de leidinggevende."))
            ok = False
        dates: dict[str, date | None] = {}
        for key, editor, label, message in (
            ("next_contact", self.next_contact, self.next_error,
             self.tr("Het volgende contact kan niet vóór dit contact liggen.")),
            ("signed_on", self.signed_on, self.signed_error,
             self.tr("De werknemer kan de samenvatting niet vóór het contact gezien hebben.")),
        ):
            try:
                dates[key] = parse_date(editor.text())
                if dates[key] is not None and day is not None and dates[key] < day:  # type: ignore[operator]
                    raise ValidationError(message)
            except ValidationError as error:
                set_message(label, str(error))
                ok = False
        if not ok or day is None:
            for label, editor in ((self.date_error, self.date), (self.made_by_error, self.made_by),
                                  (self.next_error, self.next_contact), (self.signed_error, self.signed_on)):
                if label.text():
                    editor.setFocus()
                    break
            return
        fields = {
            "made_by": made_by,
            "channel": Channel(self.channel.currentData()),
            "initiative": Initiative(self.initiative.currentData()),
            "summary": clean_text(self.summary.toPlainText()).strip(),
            "agreements": clean_text(self.agreements.toPlainText()).strip(),
            "info_given": frozenset(item for item, box in self.info_boxes.items() if box.isChecked()),
            **dates,
        }
        try:
            for name in ("summary", "agreements"):
                check_length(name, fields[name])  # type: ignore[arg-type]
        except ValidationError as error:
            set_message(self.general_error, str(error))
            return
        at = datetime.combine(day, self.time.time().toPython())
        events, absence_id = self._events, self._absence.id
        try:
            if self._entry is None:
                self.saved = self._dossier.absences.add_contact(absence_id, at, **fields)  # type: ignore[arg-type]
                if events is not None:
                    text = self.tr("Contact van {0} toevoegen").format(at.strftime("%d-%m-%Y %H:%M"))
                    record_create(events, self._dossier, text, "contact_entry", self.saved.id,
                                  *absence_calls(events, absence_id, "contact"))
            else:
                text = self.tr("Contact van {0} wijzigen").format(
                    self._entry.at.strftime("%d-%m-%Y %H:%M"))
                change = nullcontext() if events is None else recording_change(
                    events, self._dossier, text, "contact_entry", self._entry.id,
                    *absence_calls(events, absence_id, "contact"))
                with change:
                    self.saved = self._dossier.absences.update_contact(self._entry.id, at=at, **fields)
        except AbsenceError as error:
            set_message(self.date_error, str(error))
            return
        except DossierError as error:
            set_message(self.general_error, f"{error.message} {error.advice}".strip())
            return
        self._stored = True
        super().accept()


class AgreementDialog(QDialog):
    """A new contact agreement from a date on (earlier agreements stay in the history)."""

    def __init__(self, dossier: Dossier, absence: Absence, today: date, parent: QWidget | None = None,
                 defaults: dict[str, object] | None = None, *, events: DossierEvents | None = None) -> None:
        super().__init__(parent)
        self._stored = False  # see accept(): a dialog acts once
        self._events = events
        self._dossier = dossier
        self._absence = absence
        self.saved: ContactAgreement | None = None
        current = absence.agreement_on(today)
        base: dict[str, object] = {
            "contact_role": current.contact_role if current else ContactRole.LEIDINGGEVENDE,
            "contact_name": current.contact_name if current else "",
            "channel": current.channel if current else Channel.TELEFOON,
            "every_days": current.every_days if current else DEFAULT_EVERY_DAYS,
            "employee_wishes": current.employee_wishes if current else "",
            "no_contact": current.no_contact if current else False,
            **(defaults or {}),
        }
        self.setWindowTitle(self.tr("Contactafspraak wijzigen") if current else self.tr("Contactafspraak vastleggen"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.valid_from = date_edit("agreementFrom", max(today, absence.starts) if current else absence.starts)
        self.valid_from_error = error_label("agreementFromError")
        form.addRow(self.tr("&Geldt vanaf"), with_message(self.valid_from, self.valid_from_error))
        self.role = QComboBox()
        self.role.setObjectName("agreementRole")
        for role in ContactRole:
            self.role.addItem(self.tr(role.label), role.value)
        self.role.setCurrentIndex(self.role.findData(ContactRole(base["contact_role"]).value))
        form.addRow(self.tr("&Contactpersoon (rol)"), self.role)
        self.name = QLineEdit(str(base["contact_name"]))
        self.name.setObjectName("agreementName")
        self.name.setMaxLength(limit_for("contact_name"))
        self.name.setPlaceholderText(self.tr("Naam van de contactpersoon"))
        form.addRow(self.tr("&Naam"), self.name)
        self.channel = QComboBox()
        self.channel.setObjectName("agreementChannel")
        for channel in Channel:
            self.channel.addItem(self.tr(channel.label), channel.value)
        self.channel.setCurrentIndex(self.channel.findData(Channel(base["channel"]).value))
        form.addRow(self.tr("&Voorkeurkanaal"), self.channel)
        self.every = QSpinBox()
        self.every.setObjectName("agreementEvery")
        self.every.setRange(0, 365)
        self.every.setSpecialValueText(self.tr("geen vaste frequentie"))
        self.every.setSuffix(self.tr(" dagen"))
        self.every.setValue(int(base["every_days"] or 0))  # type: ignore[call-overload]
        form.addRow(self.tr("&Frequentie: om de"), self.every)
        self.wishes = _text_box("agreementWishes", self.tr("bv. liefst 's ochtends bellen, niet 's middags"), 55)
        self.wishes.setPlainText(str(base["employee_wishes"]))
        self.wishes_guard = attach_privacy_guard(self.wishes)
        self.wishes_guard.check_now()
        form.addRow(self.tr("&Wensen van de werknemer"), _guarded(self.wishes, self.wishes_guard))
        self.no_contact = QCheckBox(self.tr("De werknemer vraagt &geen contact (er komen geen herinneringen)"))
        self.no_contact.setObjectName("agreementNoContact")
        self.no_contact.setChecked(bool(base["no_contact"]))
        self.no_contact.toggled.connect(self._on_no_contact_toggled)
        form.addRow("", self.no_contact)
        layout.addLayout(form)
        self.general_error = error_label("agreementDialogError")
        layout.addWidget(self.general_error)
        buttons = _buttons(self, self.tr("&Bewaren"))
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        if dossier.read_only:
            set_message(self.general_error, self.tr("Dit dossier is alleen-lezen geopend."))
            self.ok_button.setEnabled(False)
        self._on_no_contact_toggled(self.no_contact.isChecked())
        fit_width(self, 600)
        grow_for_warnings(self, self.wishes_guard)

    def _on_no_contact_toggled(self, checked: bool) -> None:
        self.every.setEnabled(not checked)

    def accept(self) -> None:
        if self._stored:  # a second Enter while the dialog closes: it stores once
            return
        set_message(self.valid_from_error, "")
        set_message(self.general_error, "")
        try:
            valid_from = parse_date(self.valid_from.text())
            if valid_from is None:
                raise ValidationError(self.tr("Geef de datum vanaf wanneer deze afspraak geldt."))
            if valid_from < self._absence.starts:
                raise ValidationError(self.tr("De afspraak kan niet ingaan vóór het begin van de afwezigheid ({0}).")
                                      .format(format_date(self._absence.starts)))
        except ValidationError as error:
            set_message(self.valid_from_error, str(error))
            self.valid_from.setFocus()
            return
        no_contact = self.no_contact.isChecked()
        try:
            check_length("employee_wishes", clean_text(self.wishes.toPlainText()).strip())
        except ValidationError as error:
            set_message(self.general_error, str(error))
            return
        try:
            self.saved = self._dossier.absences.set_agreement(
                self._absence.id, valid_from, contact_role=ContactRole(self.role.currentData()),
                contact_name=clean_text(self.name.text()).strip(),
                channel=Channel(self.channel.currentData()),
                every_days=None if no_contact or self.every.value() == 0 else self.every.value(),
                employee_wishes=clean_text(self.wishes.toPlainText()).strip(),
                no_contact=no_contact)
        except AbsenceError as error:
            set_message(self.general_error, str(error))
            return
        except DossierError as error:
            set_message(self.general_error, f"{error.message} {error.advice}".strip())
            return
        if self._events is not None:
            # Every agreement is a new one from its date on: undo removes it again.
            text = self.tr("Contactafspraak vanaf {0} toevoegen").format(format_date(valid_from))
            record_create(self._events, self._dossier, text, "contact_agreement", self.saved.id,
                          *absence_calls(self._events, self._absence.id, "contact"))
        self._stored = True
        super().accept()
