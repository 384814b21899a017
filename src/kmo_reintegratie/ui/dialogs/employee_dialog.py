"""New or changed employee: every field, validated on OK; Cancel stores nothing.

A refused value gets its Dutch message right under the field and nothing is
stored until every field is valid. What is stored goes on the dossier's undo stack.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import AbsenceError, Employee, RegimePeriod, check_not_far_ahead
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.organisation import ValidationError, clean_field
from kmo_reintegratie.staff_import import parse_hours
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.text_limits import limit_for, too_long_message
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.employee_model import regime_text
from kmo_reintegratie.ui.widgets.date_field import DateField
from kmo_reintegratie.ui.undo import record_create, recording_change

ERROR_STYLE = "color: #b00020;"
#: "Contract korter dan 3 maanden": combo data for not known / no / yes.
CONTRACT_CHOICES = (("", None), ("nee", False), ("ja", True))
TEXT_FIELDS = ("staff_number", "function", "department", "manager", "phone", "email", "address")


class EmployeeDialog(QDialog):
    """Edits ``employee`` (or creates one when None). ``self.employee`` is the stored result."""

    def __init__(self, dossier: Dossier, today: date, employee: Employee | None = None,
                 parent: QWidget | None = None, *, events: DossierEvents | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self.employee = employee
        # Fixed at construction: after a first save ``self.employee`` is set, and a second
        # Enter must not take the "changed employee" path (it has no regime change fields).
        self._creating = employee is None
        self._saved = False
        self.pending_regimes: list[RegimePeriod] = []
        self.editors: dict[str, QLineEdit | QComboBox] = {}
        self.errors: dict[str, QLabel] = {}
        others = [e for e in dossier.employees.list() if employee is None or e.id != employee.id]
        self._other_names = {e.name.casefold() for e in others}
        self.setWindowTitle(self.tr("Nieuwe medewerker") if employee is None
                            else self.tr("Medewerker bewerken — {0}").format(employee.name))
        self.setMinimumWidth(780)

        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Enkel gegevens over het werk: geen diagnose of medische informatie."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        columns = QHBoxLayout()
        layout.addLayout(columns)
        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        columns.addLayout(left, 1)
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        columns.addLayout(right, 1)

        self._line(left, "name", self.tr("&Naam *"), self.tr("Voornaam Familienaam"))
        self.name_note = QLabel()
        self.name_note.setObjectName("nameNote")
        self.name_note.setWordWrap(True)
        self.name_note.hide()
        left.addRow("", self.name_note)
        self.editors["name"].textChanged.connect(self._on_name_text_changed)
        self._line(left, "staff_number", self.tr("&Personeelsnr."), self.tr("optioneel"))
        self._line(left, "function", self.tr("&Functie"), self.tr("bv. Zorgkundige"))
        department = QComboBox()
        department.setEditable(True)
        department.addItems(["", *dossier.employees.departments()])
        department.lineEdit().setPlaceholderText(self.tr("bv. Keuken"))
        department.setSizePolicy(QSizePolicy.Policy.Expanding, department.sizePolicy().verticalPolicy())
        self._add(left, "department", self.tr("&Afdeling / team"), department)
        statute = QComboBox()
        for choice in Statute:
            statute.addItem(self.tr(choice.label), choice.value)
        statute.setCurrentIndex(statute.findData(Statute.BEDIENDE.value))  # the domain's default
        statute.setToolTip(self.tr("Het statuut bepaalt hoe het gewaarborgd loon loopt."))
        self._add(left, "statute", self.tr("&Statuut"), statute)
        contract = QComboBox()
        # Three answers, "onbekend" first: most SMEs do not know it offhand, and a wrong "nee"
        # would hide that a short contract changes the guaranteed salary.
        texts = (self.tr("onbekend"), self.tr("nee – onbepaalde duur of minstens 3 maanden"),
                 self.tr("ja – bepaalde duur, korter dan 3 maanden"))
        for (data, _value), text in zip(CONTRACT_CHOICES, texts):
            contract.addItem(text, data)
        contract.setToolTip(self.tr(
            "Een bediende met een overeenkomst van bepaalde duur van minder dan 3 maanden valt "
            "voor het gewaarborgd loon onder de regeling van de arbeiders. 'Onbekend': de "
            "wettelijke tijdlijn zegt dan wat niet na te gaan is."))
        # Two lines: on one line the label would widen the left column past the dialog's width.
        self._add(left, "contract_under_3_months", self.tr("Contract &korter\ndan 3 maanden"),
                  contract)
        self._line(left, "manager", self.tr("&Leidinggevende"), self.tr("Naam van de directe leidinggevende"))
        managers = QCompleter(sorted({e.name for e in others}, key=str.casefold), self)
        managers.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        managers.setFilterMode(Qt.MatchFlag.MatchContains)
        self.editors["manager"].setCompleter(managers)  # type: ignore[union-attr]

        self._date(right, "in_service_from", self.tr("In &dienst sinds"), "dd-mm-jjjj")
        self._date(right, "out_of_service_from", self.tr("&Uit dienst vanaf"), self.tr("leeg = in dienst"))
        self.health_surveillance = QCheckBox(self.tr("Onder &gezondheidstoezicht"))
        self.health_surveillance.setObjectName("health_surveillance")
        self.health_surveillance.setToolTip(self.tr(
            "Bv. veiligheidsfunctie, nachtwerk of blootstelling aan risico's: de werknemer krijgt "
            "periodiek onderzoek bij de arbeidsarts. Na een afwezigheid van minstens 4 weken volgt "
            "dan een werkhervattingsonderzoek (op de dag van de hervatting of binnen 10 "
            "werkdagen); het verschijnt in de wettelijke tijdlijn."))
        right.addRow("", self.health_surveillance)
        self._line(right, "phone", self.tr("&Telefoon"), "0470 12 34 56")
        self._line(right, "email", self.tr("&E-mail"), "naam@voorbeeld.be")
        self._line(right, "address", self.tr("Adr&es"), self.tr("Straat nr, postcode gemeente"))
        contact_note = QLabel(self.tr("Contactgegevens dienen enkel om contact te houden tijdens een afwezigheid."))
        contact_note.setWordWrap(True)
        contact_note.setStyleSheet("color: palette(placeholder-text);")
        right.addRow("", contact_note)

        layout.addWidget(self._build_regime())

        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.hide()
        layout.addWidget(self.message)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Bewaren"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        if employee is not None:
            self._show(employee)
        if dossier.read_only:
            self.ok_button.setEnabled(False)
            self.message.setText(
                self.tr("Dit dossier is alleen-lezen geopend; wijzigingen kunnen niet bewaard worden."))
            self.message.show()

    # -- building ---------------------------------------------------------------------

    def _add(self, form: QFormLayout, name: str, label: str, editor: QLineEdit | QComboBox) -> None:
        editor.setObjectName(name)
        line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
        if line is not None and name in TEXT_FIELDS + ("name",):
            line.setMaxLength(limit_for(name))
        error = QLabel()
        error.setObjectName(f"{name}Error")
        error.setWordWrap(True)
        error.setStyleSheet(ERROR_STYLE)
        error.hide()
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(editor)
        box_layout.addWidget(error)
        form.addRow(label, box)
        label_widget = form.labelForField(box)
        if isinstance(label_widget, QLabel):
            label_widget.setBuddy(editor)
        self.editors[name] = editor
        self.errors[name] = error

    def _line(self, form: QFormLayout, name: str, label: str, placeholder: str) -> None:
        editor = QLineEdit()
        editor.setPlaceholderText(placeholder)
        self._add(form, name, label, editor)

    def _date(self, form: QFormLayout, name: str, label: str, placeholder: str) -> None:
        """A date field: short forms tidied on leaving, a calendar pop-up (``DateField``)."""
        editor = DateField()
        editor.setPlaceholderText(placeholder)
        # As wide as a date and its calendar button (and its placeholder): a field stretched
        # over the column would look like room for a text.
        width = max(editor.date_width(),
                    editor.fontMetrics().horizontalAdvance(placeholder) + 40)
        editor.setMinimumWidth(width)
        editor.setMaximumWidth(max(140, width))
        self._add(form, name, label, editor)

    def _build_regime(self) -> QGroupBox:
        box = QGroupBox(self.tr("Arbeidsregime (38 u/week = voltijds)"))
        layout = QVBoxLayout(box)
        form = QFormLayout()
        layout.addLayout(form)
        if self.employee is None:
            self._line(form, "hours", self.tr("Uren per &week"), self.tr("bv. 38, 19,5 of 50%"))
            note = QLabel(self.tr("Geldt vanaf de datum in dienst. Latere wijzigingen voegt u toe via Bewerken."))
            note.setWordWrap(True)
            layout.addWidget(note)
            return box
        self.history_model = QStandardItemModel(0, 2, self)
        self.history_model.setHorizontalHeaderLabels([self.tr("Geldig vanaf"), self.tr("Regime")])
        self.history = QTableView()
        self.history.setObjectName("regimeHistory")
        self.history.setModel(self.history_model)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        self.history.setMaximumHeight(110)
        layout.addWidget(self.history)
        row = QHBoxLayout()
        layout.addLayout(row)
        change_form = QFormLayout()
        row.addLayout(change_form, 1)
        self._date(change_form, "regime_from", self.tr("Wijziging &vanaf"), "dd-mm-jjjj")
        self.editors["regime_from"].setText(format_date(self._today))  # type: ignore[union-attr]
        self._line(change_form, "hours", self.tr("Uren per &week"), self.tr("bv. 38, 19,5 of 50%"))
        self.add_regime_button = QPushButton(self.tr("Wijziging &toevoegen"))
        self.add_regime_button.setObjectName("addRegime")
        self.add_regime_button.clicked.connect(self.add_regime_change)
        row.addWidget(self.add_regime_button, 0, Qt.AlignmentFlag.AlignTop)
        return box

    def _show(self, employee: Employee) -> None:
        for name in TEXT_FIELDS:
            editor = self.editors[name]
            value = getattr(employee, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentText(value)
            else:
                editor.setText(value)
        self.editors["name"].setText(employee.name)  # type: ignore[union-attr]
        statute = self.editors["statute"]
        assert isinstance(statute, QComboBox)
        statute.setCurrentIndex(statute.findData(employee.statute.value))
        self.editors["in_service_from"].setText(format_date(employee.in_service_from))  # type: ignore[union-attr]
        self.editors["out_of_service_from"].setText(format_date(employee.out_of_service_from))  # type: ignore[union-attr]
        contract = self.editors["contract_under_3_months"]
        assert isinstance(contract, QComboBox)
        wanted = next(data for data, value in CONTRACT_CHOICES
                      if value is employee.contract_under_3_months)
        contract.setCurrentIndex(contract.findData(wanted))
        self.health_surveillance.setChecked(employee.health_surveillance)
        self._show_history()

    def _show_history(self) -> None:
        if self.employee is None:
            return
        self.history_model.removeRows(0, self.history_model.rowCount())
        stored = {p.valid_from: p for p in self.employee.regimes}
        pending = {p.valid_from: p for p in self.pending_regimes}
        for day in sorted({**stored, **pending}, reverse=True):
            period = pending.get(day) or stored[day]
            text = regime_text(period.hours_per_week)
            if day in pending:
                text += self.tr(" (nog niet bewaard)")
            items = [QStandardItem(format_date(day)), QStandardItem(text)]
            self.history_model.appendRow(items)

    # -- reading and checking -----------------------------------------------------------

    def text(self, name: str) -> str:
        editor = self.editors[name]
        return clean_text(editor.currentText() if isinstance(editor, QComboBox) else editor.text())

    def _set_error(self, name: str, message: str) -> None:
        label = self.errors[name]
        label.setText(message)
        label.setVisible(bool(message))
        self.editors[name].setProperty("invalid", bool(message))

    def _on_name_text_changed(self, text: str) -> None:
        duplicate = " ".join(text.split()).casefold() in self._other_names
        self.name_note.setText(self.tr(
            "Er is al een medewerker met deze naam. Dat mag; vul het personeelsnummer of de afdeling "
            "in, zodat u ze in de lijst kunt onderscheiden.") if duplicate else "")
        self.name_note.setVisible(duplicate)

    def add_regime_change(self) -> bool:
        """Add the typed change to the (unsaved) history; False with messages if refused."""
        change = self._regime_change(required=True)
        if change is None:
            self._grow_to_fit()
            return False
        self.pending_regimes = [p for p in self.pending_regimes if p.valid_from != change.valid_from]
        self.pending_regimes.append(change)
        self.editors["hours"].clear()  # type: ignore[union-attr]
        self._show_history()
        return True

    def _regime_change(self, *, required: bool) -> RegimePeriod | None:
        hours_text, from_text = self.text("hours"), self.text("regime_from")
        self._set_error("hours", "")
        self._set_error("regime_from", "")
        if not hours_text.strip() and not required:
            return None
        hours = valid_from = None
        try:
            hours = parse_hours(hours_text)
            if hours is None:
                raise AbsenceError(self.tr("Geef het aantal uren per week, bv. 38, 19,5 of 50%."))
        except AbsenceError as error:
            self._set_error("hours", str(error))
        try:
            valid_from = parse_date(from_text)
            if valid_from is None:
                raise ValidationError(self.tr("Geef de datum vanaf wanneer het nieuwe regime geldt."))
        except ValidationError as error:
            self._set_error("regime_from", str(error))
        if hours is None or valid_from is None:
            return None
        return RegimePeriod(valid_from, hours)

    def values(self) -> dict[str, Any] | None:
        """The checked field values, or None after showing a message under each wrong field."""
        values: dict[str, Any] = {}
        ok = True
        for name in self.errors:
            if name not in ("hours", "regime_from"):
                self._set_error(name, "")
        name = " ".join(self.text("name").split())
        if not name:
            self._set_error("name", self.tr("Een werknemer heeft een naam nodig."))
            ok = False
        elif len(name) > limit_for("name"):
            self._set_error("name", too_long_message(limit_for("name")))
            ok = False
        values["name"] = name
        for field_name in TEXT_FIELDS:
            try:
                values[field_name] = clean_field(field_name, self.text(field_name))
            except ValidationError as error:
                self._set_error(field_name, str(error))
                ok = False
        statute = self.editors["statute"]
        assert isinstance(statute, QComboBox)
        values["statute"] = Statute(statute.currentData())
        contract = self.editors["contract_under_3_months"]
        assert isinstance(contract, QComboBox)
        values["contract_under_3_months"] = dict(CONTRACT_CHOICES)[contract.currentData()]
        values["health_surveillance"] = self.health_surveillance.isChecked()
        for field_name in ("in_service_from", "out_of_service_from"):
            try:
                values[field_name] = parse_date(self.text(field_name))
                check_not_far_ahead(values[field_name], self._today)  # type: ignore[arg-type]
            except ValidationError as error:
                self._set_error(field_name, str(error))
                ok = False
        start, end = values.get("in_service_from"), values.get("out_of_service_from")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self._set_error("out_of_service_from", self.tr("De datum uit dienst ligt vóór de datum in dienst."))
            ok = False
        return values if ok else None

    # -- storing ------------------------------------------------------------------------

    def save(self) -> bool:
        """Store everything and close, or show why not and store nothing.

        Acts once: a second Enter while the dialog closes stores nothing more.
        """
        if self._saved:
            return True
        values = self.values()
        hours: float | None = None
        change: RegimePeriod | None = None
        regime_ok = True
        if self._creating:
            self._set_error("hours", "")
            try:
                hours = parse_hours(self.text("hours"))
            except AbsenceError as error:
                self._set_error("hours", str(error))
                regime_ok = False
        else:
            change = self._regime_change(required=False)
            regime_ok = change is not None or not self.text("hours").strip()
        if values is None or not regime_ok:
            self._grow_to_fit()
            self._focus_first_error()
            return False
        try:
            if self._creating:
                name = values.pop("name")
                self.employee = self._dossier.employees.add(name, hours_per_week=hours, **values)
                self._record_create(self.employee)
            else:
                changes = [p for p in self.pending_regimes if change is None or p.valid_from != change.valid_from]
                changes += [change] if change is not None else []
                employee_id = self.employee.id
                with self._recording_change(employee_id, values["name"]):
                    self.employee = self._dossier.employees.update_with_regimes(
                        employee_id, [(p.valid_from, p.hours_per_week) for p in changes], **values
                    )
        except DossierError as error:
            self.message.setText(f"{error.message} {error.advice}".strip())
            self.message.show()
            return False
        except AbsenceError as error:
            self.message.setText(str(error))
            self.message.show()
            return False
        self._saved = True
        self.accept()
        return True

    def _record_create(self, employee: Employee) -> None:
        events = self._events
        if events is not None:
            text = self.tr("Medewerker {0} toevoegen").format(employee.name)
            record_create(events, self._dossier, text, "employee", employee.id,
                          events.employees_changed.emit, lambda: events.employee_requested.emit(employee.id))

    def _recording_change(self, employee_id: int, name: str) -> AbstractContextManager[None]:
        events = self._events
        if events is None:
            return nullcontext()
        return recording_change(
            events, self._dossier, self.tr("Medewerker {0} wijzigen").format(name), "employee",
            employee_id, events.employees_changed.emit,
            lambda: events.employee_requested.emit(employee_id), children=("employee_regime",))

    def _grow_to_fit(self) -> None:
        """Make room for wrapped messages under the fields instead of squeezing them."""
        layout = self.layout()
        layout.activate()
        needed = max(self.heightForWidth(self.width()), layout.minimumSize().height())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _focus_first_error(self) -> None:
        for name, label in self.errors.items():
            if not label.isHidden():
                self.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)
                return
