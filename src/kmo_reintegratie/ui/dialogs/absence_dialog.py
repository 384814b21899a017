"""Register a new absence in under a minute: employee, dates, kind, first certificate.

Tab order follows the form, every field has a sensible default (start today,
kind "Ziekte") and Enter registers. Each problem is shown in red right under
the field it concerns; nothing is stored until every field is valid. The
dialog also records the default contact agreement(s) from the organisation's
contact procedure and, for a possible relapse (herval), links the absence to
the previous one (``relapse_of``) unless the user unticks it.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import (
    Absence,
    AbsenceError,
    ContactRole,
    Employee,
    IncapacityKind,
    check_absence_dates,
    check_certificate,
    check_no_overlap,
    check_not_far_ahead,
    check_temporary_incapacity_end,
)
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.legal import RelapseCheck, certificate_free_day_note, is_single_day
from kmo_reintegratie.organisation import Organisation, Role, ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.absence_model import previous_absence, relapse_check
from kmo_reintegratie.ui.undo import absence_calls, record_create
from kmo_reintegratie.ui.widgets.date_field import DateField

ERROR_STYLE = "color: #b00020;"
WARNING_STYLE = ("background: #fff3cd; color: #664d03; border: 1px solid #e0c36a; border-radius: 3px;"
                 " padding: 4px 6px;")
NOTE_STYLE = "color: palette(placeholder-text);"
DEFAULT_EVERY_DAYS = 14
AFTER_FIRST_MONTH_DAYS = 30
#: Kinds whose own regime (insurer, Fedris) has a "temporary incapacity" that ends on a date.
OCCUPATIONAL_KINDS = frozenset({IncapacityKind.ARBEIDSONGEVAL, IncapacityKind.BEROEPSZIEKTE})
TEMPORARY_END_LABEL = "Einde tijdelijke ongeschiktheid\n(arbeidsongeval/beroepsziekte)"
TEMPORARY_END_TIP = (
    "De dag waarop de tijdelijke arbeidsongeschiktheid in de regeling arbeidsongevallen of "
    "beroepsziekten eindigt (beslissing van de verzekeraar of Fedris). Een re-integratietraject "
    "kan pas daarna starten.")
ADAPTED_WORK_TEXT = "Hervat in aangepast of ander werk binnen een re-integratieplan"
ADAPTED_WORK_TIP = (
    "Wordt de werknemer daarna opnieuw ongeschikt, dan is er geen nieuw gewaarborgd loon: het "
    "ziekenfonds betaalt meteen (behalve bij een beroepsziekte of een arbeidsongeval tijdens dat "
    "werk).")


def one_day_without_certificate(absences: list[Absence]) -> list[Absence]:
    """The absences of one day without any certificate (for the count per calendar year)."""
    return [a for a in absences if not a.certificates
            and is_single_day(a.starts, expected_end=a.expected_end, returned_on=a.returned_on)]

# ---------------------------------------------------------------------------
# Small form helpers shared by the absence and contact dialogs and the page


def error_label(name: str) -> QLabel:
    """A red message line, hidden while empty (the house style for field errors)."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.hide()
    return label


def set_message(label: QLabel, message: str) -> None:
    label.setText(message)
    label.setVisible(bool(message))
    if message:
        grow_to_fit(label)


def grow_to_fit(shown: QWidget) -> None:
    """Let the dialog around ``shown`` grow when a message appears, instead of squeezing the fields."""
    dialog = shown.window()
    if not isinstance(dialog, QDialog) or dialog.layout() is None:
        return
    dialog.layout().activate()
    needed = dialog.sizeHint().height()
    if needed > dialog.height():
        dialog.resize(dialog.width(), needed)


def date_edit(name: str, value: date | None = None, placeholder: str = "dd-mm-jjjj") -> DateField:
    """A date field (a QLineEdit) with short forms tidied on leaving and a calendar pop-up."""
    editor = DateField(format_date(value))
    editor.setObjectName(name)
    editor.setPlaceholderText(placeholder)
    editor.setMinimumWidth(max(100, editor.date_width()))
    editor.setMaximumWidth(max(140, editor.date_width()))
    return editor


def with_message(editor: QWidget, label: QLabel) -> QWidget:
    """``editor`` with its message line under it, for a form row."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(editor)
    layout.addWidget(label)
    return box


def fit_width(dialog: QDialog, width: int) -> None:
    """Open ``dialog`` at least ``width`` wide. (A fixed minimum width would stop the layout
    from growing the dialog for long texts, so the texts would be clipped.)"""
    hint = dialog.sizeHint()
    dialog.resize(max(width, hint.width()), hint.height())


# ---------------------------------------------------------------------------
# Defaults from the organisation's contact procedure

_NUMBER_WORDS = {"een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6}
_UNITS = {"dag": 1, "dagen": 1, "week": 7, "weken": 7, "maand": 30, "maanden": 30}


def frequency_days(text: str) -> int | None:
    """Days between contacts for a procedure text such as "om de twee weken" or "maandelijks".

    Returns None for an empty or unrecognised text (the caller uses its default).
    """
    text = text.strip().casefold()
    if not text:
        return None
    if "tweewekelijks" in text:
        return 14
    if "wekelijks" in text:
        return 7
    if "maandelijks" in text:
        return 30
    # ASCII digits, at most 4: "²" passes isdigit() but not int(), 5,000 digits overflow.
    if match := re.search(r"(?<![0-9])([0-9]{1,4}|een|één|twee|drie|vier|vijf|zes)\s*"
                          r"(dagen|dag|weken|week|maanden|maand)", text):
        count = match.group(1)
        number = int(count) if count.isascii() and count.isdigit() else _NUMBER_WORDS[count]
        days = number * _UNITS[match.group(2)]
        return days if 1 <= days <= 365 else None
    if re.search(r"\b(elke|iedere|om de)\s+week\b", text):
        return 7
    if re.search(r"\b(elke|iedere|om de)\s+maand\b", text):
        return 30
    return None


def role_from_procedure(text: str) -> ContactRole:
    text = text.casefold()
    for needle, role in (("leidinggevende", ContactRole.LEIDINGGEVENDE), ("chef", ContactRole.LEIDINGGEVENDE),
                         ("hr", ContactRole.HR), ("personeel", ContactRole.HR),
                         ("collega", ContactRole.COLLEGA), ("welzijn", ContactRole.WELZIJNSCEL)):
        if needle in text:
            return role
    return ContactRole.ANDERE if text.strip() else ContactRole.LEIDINGGEVENDE


def default_agreements(organisation: Organisation, employee: Employee, starts: date) -> list[dict[str, object]]:
    """The agreement(s) the organisation's procedure implies: one from the start, one after a month
    when the procedure names a different frequency for later on."""
    role = role_from_procedure(organisation.contact_by)
    if role is ContactRole.LEIDINGGEVENDE:
        name = employee.manager
    elif role is ContactRole.HR:
        name = organisation.role(Role.HR_CONTACT).name
    else:
        name = ""
    first = frequency_days(organisation.contact_frequency_first_month) or DEFAULT_EVERY_DAYS
    result: list[dict[str, object]] = [
        {"valid_from": starts, "contact_role": role, "contact_name": name, "every_days": first}]
    after = frequency_days(organisation.contact_frequency_after)
    if after is not None and after != first:
        result.append({"valid_from": starts + timedelta(days=AFTER_FIRST_MONTH_DAYS), "contact_role": role,
                       "contact_name": name, "every_days": after})
    return result


def employee_labels(employees: list[Employee]) -> list[str]:
    """Names for a picker; same-name employees get their department (or number) added."""
    counts: dict[str, int] = {}
    for employee in employees:
        counts[employee.name.casefold()] = counts.get(employee.name.casefold(), 0) + 1
    labels = []
    for employee in employees:
        label = employee.name
        if counts[employee.name.casefold()] > 1:
            extra = employee.department or employee.staff_number or f"nr. {employee.id}"
            label = f"{employee.name} ({extra})"
        if employee.out_of_service_from:
            label += " – uit dienst"
        labels.append(label)
    return labels


# ---------------------------------------------------------------------------


class AbsenceDialog(QDialog):
    """New absence. After ``exec()`` returns Accepted, ``created`` holds the stored absence."""

    def __init__(self, dossier: Dossier, today: date, parent: QWidget | None = None,
                 employee_id: int | None = None, *, events: DossierEvents | None = None) -> None:
        super().__init__(parent)
        self._stored = False  # see accept(): a dialog acts once
        self._dossier = dossier
        self._events = events
        self._today = today
        self.created: Absence | None = None
        self._employees = dossier.employees.list()
        self._relapse: RelapseCheck | None = None
        self._previous: Absence | None = None
        self.setWindowTitle(self.tr("Nieuwe afwezigheid"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)

        self.employee = QComboBox()
        self.employee.setObjectName("absenceEmployee")
        self.employee.setEditable(True)
        self.employee.setMinimumWidth(320)
        self.employee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for employee, label in zip(self._employees, employee_labels(self._employees)):
            self.employee.addItem(label, employee.id)
        completer = QCompleter(self.employee.model(), self.employee)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.employee.setCompleter(completer)
        self.employee.setCurrentIndex(-1)
        self.employee.lineEdit().setPlaceholderText(self.tr("Typ een naam…"))
        if employee_id is not None:
            self.employee.setCurrentIndex(self.employee.findData(employee_id))
        self.employee_error = error_label("absenceEmployeeError")
        form.addRow(self.tr("&Werknemer"), with_message(self.employee, self.employee_error))

        self.starts = date_edit("absenceStarts", today)
        self.starts_error = error_label("absenceStartsError")
        form.addRow(self.tr("&Eerste afwezigheidsdag"), with_message(self.starts, self.starts_error))

        self.kind = QComboBox()
        self.kind.setObjectName("absenceKind")
        for kind in IncapacityKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        form.addRow(self.tr("&Soort"), self.kind)

        self.temporary_end = date_edit("absenceTemporaryEnd",
                                       placeholder=self.tr("dd-mm-jjjj (optioneel)"))
        self.temporary_end.setToolTip(self.tr(TEMPORARY_END_TIP))
        self.temporary_end_error = error_label("absenceTemporaryEndError")
        self._temporary_end_row = with_message(self.temporary_end, self.temporary_end_error)
        form.addRow(self.tr(TEMPORARY_END_LABEL), self._temporary_end_row)

        self.expected_end = date_edit("absenceExpectedEnd", placeholder=self.tr("dd-mm-jjjj (optioneel)"))
        self.expected_end_error = error_label("absenceExpectedEndError")
        form.addRow(self.tr("&Verwacht einde"), with_message(self.expected_end, self.expected_end_error))

        self.returned_on = date_edit("absenceReturnedOn", placeholder=self.tr("dd-mm-jjjj (optioneel)"))
        self.returned_on.setToolTip(self.tr("Eerste dag terug aan het werk; leeg laten zolang de afwezigheid loopt."))
        self.returned_on_error = error_label("absenceReturnedOnError")
        self.adapted_work = QCheckBox(self.tr(ADAPTED_WORK_TEXT))
        self.adapted_work.setObjectName("absenceAdaptedWork")
        self.adapted_work.setToolTip(self.tr(ADAPTED_WORK_TIP))
        returned = QWidget()
        returned_row = QHBoxLayout(returned)
        returned_row.setContentsMargins(0, 0, 0, 0)
        returned_row.addWidget(self.returned_on)
        returned_row.addWidget(self.adapted_work)
        returned_row.addStretch(1)
        form.addRow(self.tr("&Hervatting (eerste werkdag)"),
                    with_message(returned, self.returned_on_error))

        certificate = QWidget()
        row = QHBoxLayout(certificate)
        row.setContentsMargins(0, 0, 0, 0)
        self.certificate_from = date_edit("certificateFrom", placeholder=self.tr("van"))
        self.certificate_to = date_edit("certificateTo", placeholder=self.tr("tot en met"))
        row.addWidget(self.certificate_from)
        row.addWidget(QLabel(self.tr("tot en met")))
        row.addWidget(self.certificate_to)
        row.addStretch(1)
        self.certificate_error = error_label("certificateError")
        form.addRow(self.tr("Eerste &attest (optioneel)"), with_message(certificate, self.certificate_error))
        layout.addLayout(form)
        self._form = form

        self.one_day_note = QLabel()
        self.one_day_note.setObjectName("oneDayWithoutCertificate")
        self.one_day_note.setWordWrap(True)
        self.one_day_note.setStyleSheet(NOTE_STYLE)
        self.one_day_note.hide()
        layout.addWidget(self.one_day_note)
        self._employee_count = dossier.organisation.get().employee_count

        self.relapse_label = QLabel()
        self.relapse_label.setObjectName("relapseWarning")
        self.relapse_label.setWordWrap(True)
        self.relapse_label.setStyleSheet(WARNING_STYLE)
        self.relapse_label.hide()
        layout.addWidget(self.relapse_label)
        self.relapse_box = QCheckBox()
        self.relapse_box.setObjectName("registerAsRelapse")
        self.relapse_box.setChecked(True)
        self.relapse_box.hide()
        layout.addWidget(self.relapse_box)

        note = QLabel(self.tr(
            "Noteer geen diagnose, symptomen of behandeling: enkel de data en de soort afwezigheid. "
            "De contactafspraak volgt de contactprocedure van de organisatie; u kunt ze nadien aanpassen."))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        self.general_error = error_label("absenceDialogError")
        layout.addWidget(self.general_error)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("&Registreren"))
        self.ok_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if not self._employees:
            set_message(self.general_error, self.tr(
                "Er zijn nog geen werknemers in dit dossier. Voeg eerst werknemers toe bij 'Medewerkers'."))
            self.ok_button.setEnabled(False)
        if dossier.read_only:
            set_message(self.general_error, self.tr("Dit dossier is alleen-lezen geopend."))
            self.ok_button.setEnabled(False)

        self.employee.currentTextChanged.connect(self._on_input_changed)
        self.starts.textChanged.connect(self._on_input_changed)
        self.kind.currentIndexChanged.connect(self._on_kind_changed)
        for editor in (self.expected_end, self.returned_on, self.certificate_from,
                       self.certificate_to):
            editor.textChanged.connect(self._on_input_changed)
        self.employee.setFocus()
        self._on_kind_changed()
        self._on_input_changed()
        fit_width(self, 600)

    # -- reading the form ---------------------------------------------------------

    def selected_employee(self) -> Employee:
        """The employee the text in the picker names; raises ValidationError otherwise."""
        text = clean_text(self.employee.currentText()).strip()
        if not text:
            raise ValidationError(self.tr("Kies de werknemer die afwezig is."))
        labels = employee_labels(self._employees)
        folded = text.casefold()
        exact = [e for e, label in zip(self._employees, labels) if label.casefold() == folded]
        if len(exact) == 1:
            return exact[0]
        candidates = [e for e, label in zip(self._employees, labels)
                      if folded in label.casefold() or label.casefold().startswith(folded)]
        if len(candidates) == 1:
            return candidates[0]
        if candidates or exact:
            raise ValidationError(self.tr("Meerdere werknemers passen bij “{0}”: kies er één uit de lijst.").format(text))
        raise ValidationError(self.tr("Geen werknemer gevonden met de naam “{0}”.").format(text))

    def _on_kind_changed(self, *_args: object) -> None:
        """Only a work accident or occupational disease has a temporary incapacity that ends."""
        occupational = IncapacityKind(self.kind.currentData()) in OCCUPATIONAL_KINDS
        self._form.setRowVisible(self._temporary_end_row, occupational)
        if not occupational:
            set_message(self.temporary_end_error, "")

    @staticmethod
    def _quiet_date(editor: QLineEdit) -> date | None:
        try:
            return parse_date(editor.text())
        except ValidationError:
            return None

    def _show_one_day_note(self, employee: Employee | None, starts: date | None) -> None:
        """A short note for a one-day absence without certificate in a company of 50 or more."""
        note = None
        has_certificate = bool(self.certificate_from.text().strip()
                               or self.certificate_to.text().strip())
        if starts is not None and not has_certificate and is_single_day(
                starts, expected_end=self._quiet_date(self.expected_end),
                returned_on=self._quiet_date(self.returned_on)):
            earlier = 0
            if employee is not None:
                earlier = sum(1 for a in one_day_without_certificate(
                    self._dossier.absences.of_employee(employee.id))
                    if a.starts.year == starts.year and a.starts < starts)
            note = certificate_free_day_note(starts, employee_count=self._employee_count,
                                             earlier_this_year=earlier)
        self.one_day_note.setText(note or "")
        self.one_day_note.setVisible(bool(note))
        if note:
            grow_to_fit(self.one_day_note)

    def _on_input_changed(self, *_args: object) -> None:
        """Show live whether the new absence is a possible relapse or a day without certificate."""
        self._relapse = None
        self._previous = None
        employee: Employee | None = None
        try:
            employee = self.selected_employee()
            starts = parse_date(self.starts.text())
        except ValidationError:
            starts = None
        self.adapted_work.setEnabled(bool(self.returned_on.text().strip()))
        self._show_one_day_note(employee, starts)
        if starts is not None and employee is not None:
            others = self._dossier.absences.of_employee(employee.id)
            candidate = Absence(0, employee.id, starts)
            previous = previous_absence(candidate, others)
            check = relapse_check(candidate, others)
            if check is not None and check.possible:
                self._relapse, self._previous = check, previous
        if self._relapse is None or self._previous is None:
            self.relapse_label.hide()
            self.relapse_box.hide()
            return
        check = self._relapse
        text = self.tr("Mogelijk herval — te bevestigen met het medisch attest. {0}").format(check.explanation)
        if check.unconfirmed_reason:
            text += " " + self.tr("Te bevestigen: {0}").format(check.unconfirmed_reason)
        self.relapse_label.setText(text)
        self.relapse_label.show()
        self.relapse_box.setText(self.tr("Registreren als herval van de afwezigheid van {0} tot {1}").format(
            format_date(self._previous.starts), format_date(self._previous.returned_on)))
        self.relapse_box.show()
        grow_to_fit(self.relapse_box)

    # -- storing ------------------------------------------------------------------

    def accept(self) -> None:
        if self._stored:  # a second Enter while the dialog closes: it stores once
            return
        for label in (self.employee_error, self.starts_error, self.expected_end_error, self.returned_on_error,
                      self.certificate_error, self.temporary_end_error, self.general_error):
            set_message(label, "")
        values = self._validate()
        if values is None:
            return
        employee, starts, expected_end, returned_on, certificate = values
        kind = IncapacityKind(self.kind.currentData())
        temporary_end = self._temporary_end(starts, kind)
        if temporary_end is False:
            self.temporary_end.setFocus()
            return
        relapse_of = self._previous.id if (self._previous and self.relapse_box.isChecked()) else None
        try:
            self.created = self._store(
                employee, starts, kind, expected_end, returned_on, certificate, relapse_of,
                temporary_incapacity_ended_on=temporary_end,
                returned_to_adapted_work=returned_on is not None and self.adapted_work.isChecked())
        except AbsenceError as error:
            set_message(self.starts_error, str(error))
            self.starts.setFocus()
            return
        except DossierError as error:
            set_message(self.general_error, f"{error.message} {error.advice}".strip())
            return
        if self._events is not None:
            text = self.tr("Afwezigheid van {0} vanaf {1} toevoegen").format(
                employee.name, format_date(starts))
            record_create(self._events, self._dossier, text, "absence", self.created.id,
                          *absence_calls(self._events, self.created.id))
        self._stored = True
        super().accept()

    def _validate(self) -> tuple[Employee, date, date | None, date | None, tuple[date, date] | None] | None:
        """All fields checked; each message next to its field. None when something is wrong."""
        ok = True
        employee: Employee | None = None
        try:
            employee = self.selected_employee()
        except ValidationError as error:
            set_message(self.employee_error, str(error))
            ok = False
        parsed: dict[str, date | None] = {}
        for key, editor, label in (("starts", self.starts, self.starts_error),
                                   ("expected_end", self.expected_end, self.expected_end_error),
                                   ("returned_on", self.returned_on, self.returned_on_error),
                                   ("certificate_from", self.certificate_from, self.certificate_error),
                                   ("certificate_to", self.certificate_to, self.certificate_error)):
            try:
                parsed[key] = parse_date(editor.text())
                if key in ("starts", "returned_on"):
                    check_not_far_ahead(parsed[key], self._today)
            except ValidationError as error:
                if not label.text():
                    set_message(label, str(error))
                parsed[key] = None
                ok = False
        starts, expected_end, returned_on = parsed["starts"], parsed["expected_end"], parsed["returned_on"]
        if starts is None and not self.starts_error.text():
            try:
                check_absence_dates(None, expected_end, returned_on)
            except AbsenceError as error:
                set_message(self.starts_error, str(error))
            ok = False
        if starts is not None:
            for label, args in ((self.expected_end_error, (starts, expected_end, None)),
                                (self.returned_on_error, (starts, None, returned_on))):
                try:
                    check_absence_dates(*args)
                except AbsenceError as error:
                    set_message(label, str(error))
                    ok = False
        certificate: tuple[date, date] | None = None
        cert_from, cert_to = parsed["certificate_from"], parsed["certificate_to"]
        if not self.certificate_error.text() and (cert_from or cert_to):
            if cert_to is None:
                set_message(self.certificate_error, self.tr("Geef ook de laatste dag van het attest."))
                ok = False
            elif starts is not None:
                cert_from = cert_from or starts
                try:
                    check_certificate(Absence(0, 0, starts), cert_from, cert_to)
                    certificate = (cert_from, cert_to)
                except AbsenceError as error:
                    set_message(self.certificate_error, str(error))
                    ok = False
        if ok and employee is not None and starts is not None:
            try:
                check_no_overlap(self._dossier.absences.of_employee(employee.id), starts, returned_on)
            except AbsenceError as error:
                set_message(self.starts_error, str(error))
                ok = False
        if not ok or employee is None or starts is None:
            self._focus_first_error()
            return None
        return employee, starts, expected_end, returned_on, certificate

    def _focus_first_error(self) -> None:
        for label, editor in ((self.employee_error, self.employee), (self.starts_error, self.starts),
                              (self.expected_end_error, self.expected_end),
                              (self.returned_on_error, self.returned_on),
                              (self.certificate_error, self.certificate_to)):
            if label.text():
                editor.setFocus()
                return

    def _temporary_end(self, starts: date, kind: IncapacityKind) -> date | None | bool:
        """The end of the temporary incapacity (only for its kinds), or False after a message."""
        if kind not in OCCUPATIONAL_KINDS:
            return None
        try:
            value = parse_date(self.temporary_end.text())
            check_not_far_ahead(value, self._today)
            check_temporary_incapacity_end(starts, value)
        except ValidationError as error:
            set_message(self.temporary_end_error, str(error))
            return False
        return value

    def _store(self, employee: Employee, starts: date, kind: IncapacityKind, expected_end: date | None,
               returned_on: date | None, certificate: tuple[date, date] | None,
               relapse_of: int | None, *, temporary_incapacity_ended_on: date | None = None,
               returned_to_adapted_work: bool = False) -> Absence:
        """Write the absence, its first certificate and default agreements in one transaction."""
        agreements = default_agreements(self._dossier.organisation.get(), employee, starts)
        return self._dossier.absences.register(
            employee.id, starts, kind=kind, expected_end=expected_end, returned_on=returned_on,
            relapse_of=relapse_of, certificate=certificate, agreements=agreements,
            temporary_incapacity_ended_on=temporary_incapacity_ended_on,
            returned_to_adapted_work=returned_to_adapted_work,
        )
