"""The first tab of an absence: its dates, kind and note, certificates and partial returns.

Every change is stored at once, announced with ``absences_changed`` and put on the
dossier's undo stack; the page reloads on that signal and calls ``show`` again, so
there is one path from the dossier to the screen (also after an undo).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TypeVar

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Absence, AbsenceError, IncapacityKind, check_not_far_ahead
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.undo_rows import DeletedRows
from kmo_reintegratie.ui.dialogs.absence_dialog import (
    ADAPTED_WORK_TEXT,
    ADAPTED_WORK_TIP,
    OCCUPATIONAL_KINDS,
    TEMPORARY_END_LABEL,
    TEMPORARY_END_TIP,
    date_edit,
    error_label,
    set_message,
    with_message,
)
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE, Row
from kmo_reintegratie.ui.undo import DeleteCommand, absence_calls, record_delete, recording_change
from kmo_reintegratie.ui.widgets.absence_forms import (
    DateBinding,
    parse_number,
    rows_model,
    rows_table,
    write_or_show,
)
from kmo_reintegratie.ui.widgets.bound_field import BoundField
from kmo_reintegratie.ui.widgets.privacy_guard import attach_privacy_guard
from kmo_reintegratie.ui.widgets.reflow import ReflowPanes

DATE_FIELDS = (("starts", "&Eerste afwezigheidsdag"), ("expected_end", "&Verwacht einde"),
               ("returned_on", "&Hervatting (eerste werkdag)"))

T = TypeVar("T")


class AbsenceDatesTab(QWidget):
    def __init__(self, dossier: Dossier, events: DossierEvents, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self.editable = not dossier.read_only
        self.absence: Absence | None = None
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self._build_certificates(), 1)
        right_layout.addWidget(self._build_partial_returns())
        # On a small laptop the certificates go under the dates instead of being cut off.
        # Beside the dates, the tables take the extra width: their add rows need it most.
        self.panes = ReflowPanes(self._build_dates(), right, stretch=(0, 1))
        columns = QVBoxLayout(self)
        columns.addWidget(self.panes)
        for widget in (self.cert_from, self.cert_to, self.cert_kind, self.cert_add, self.cert_delete,
                       self.partial_from, self.partial_percentage, self.partial_hours, self.partial_add):
            widget.setEnabled(self.editable)
        # In a dossier that cannot be changed the rows for a new certificate or return are
        # gone: empty boxes with examples ("% (bv. 50)") would look like data or an invitation.
        for inputs in (self.certificate_inputs, self.partial_inputs):
            inputs.setVisible(self.editable)

    # -- building ----------------------------------------------------------------------

    def _build_dates(self) -> QGroupBox:
        box = QGroupBox(self.tr("Afwezigheid"))
        form = QFormLayout(box)
        self._dates_form = form
        self.date_fields: dict[str, DateBinding] = {}
        for name, label in DATE_FIELDS:
            editor = self._date_binding(name)
            if name == "returned_on":
                # The kind of work resumed belongs with the return it describes.
                self.adapted_work = QCheckBox(self.tr(ADAPTED_WORK_TEXT))
                self.adapted_work.setObjectName("detail_returned_to_adapted_work")
                self.adapted_work.setToolTip(self.tr(ADAPTED_WORK_TIP))
                self.adapted_work.toggled.connect(self._on_adapted_work_toggled)
                row = QWidget()
                row_layout = QVBoxLayout(row)
                row_layout.setContentsMargins(0, 0, 0, 0)
                row_layout.setSpacing(2)
                row_layout.addWidget(editor)
                row_layout.addWidget(self.adapted_work)
                editor = row
            form.addRow(self.tr(label), editor)
        self.kind = QComboBox()
        self.kind.setObjectName("detail_kind")
        for kind in IncapacityKind:
            self.kind.addItem(self.tr(kind.label), kind.value)
        self.kind.setEnabled(self.editable)
        self.kind.activated.connect(self._on_kind_activated)
        self.kind_error = error_label("detail_kindError")
        form.addRow(self.tr("&Soort"), with_message(self.kind, self.kind_error))
        self._temporary_end_row = self._date_binding("temporary_incapacity_ended_on")
        temporary_end = self.date_fields["temporary_incapacity_ended_on"].editor
        temporary_end.setToolTip(self.tr(TEMPORARY_END_TIP))
        temporary_end.setPlaceholderText(self.tr("dd-mm-jjjj (optioneel)"))
        form.addRow(self.tr(TEMPORARY_END_LABEL), self._temporary_end_row)
        note = QPlainTextEdit()
        note.setObjectName("detail_note")
        note.setPlaceholderText(self.tr("Praktische notitie, bv. 'attesten per maand verlengd'. Geen medische info.")
                                if self.editable else "—")
        note.setTabChangesFocus(True)
        note.setFixedHeight(60)
        note.setReadOnly(not self.editable)
        self.note_guard = attach_privacy_guard(note)
        self.note_field = BoundField(note, self._save_note, self)
        self.note_field.saved.connect(self._announce)
        note_box = self.note_field.widget()
        note_box.layout().addWidget(self.note_guard.label)
        form.addRow(self.tr("N&otitie"), note_box)
        return box

    def _date_binding(self, name: str) -> QWidget:
        """A date editor for ``name`` with its message line, stored when the user leaves it."""
        editor = date_edit(f"detail_{name}")
        message = error_label(f"detail_{name}Error")
        editor.setReadOnly(not self.editable)
        self.date_fields[name] = DateBinding(editor, message,
                                             lambda text: self._save_date(name, text))
        return with_message(editor, message)

    def _build_certificates(self) -> QGroupBox:
        box = QGroupBox(self.tr("Attesten"))
        layout = QVBoxLayout(box)
        self.certificates = rows_table("certificates", (self.tr("Van"), self.tr("Tot en met"), self.tr("Soort"),
                                                        self.tr("Dagen")))
        self.certificates.setMinimumHeight(110)
        layout.addWidget(self.certificates)
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
        self.certificate_inputs = QWidget()
        inputs = QVBoxLayout(self.certificate_inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        # Delete under the table it acts on, so the add row fits a laptop screen without scrolling.
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.cert_delete)
        inputs.addLayout(delete_row)
        # The period on one line, its kind and the button on the next: on one line they made
        # this column too wide to stand beside the dates on a laptop.
        period_row = QHBoxLayout()
        for widget in (self.cert_from, QLabel("–"), self.cert_to):
            period_row.addWidget(widget)
        period_row.addStretch(1)
        inputs.addLayout(period_row)
        add_row = QHBoxLayout()
        add_row.addWidget(self.cert_kind)
        add_row.addWidget(self.cert_add)
        add_row.addStretch(1)
        inputs.addLayout(add_row)
        layout.addWidget(self.certificate_inputs)
        self.cert_error = error_label("certificateError")
        layout.addWidget(self.cert_error)
        return box

    def _build_partial_returns(self) -> QGroupBox:
        box = QGroupBox(self.tr("Gedeeltelijke hervatting"))
        layout = QVBoxLayout(box)
        self.partials = rows_table("partialReturns",
                                   (self.tr("Vanaf"), self.tr("Percentage"), self.tr("Uren per week")))
        self.partials.setMinimumHeight(60)
        self.partials.setMaximumHeight(100)
        layout.addWidget(self.partials)
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
        self.partial_inputs = QWidget()
        inputs = QVBoxLayout(self.partial_inputs)
        inputs.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        for widget in (self.partial_from, self.partial_percentage, self.partial_hours):
            row.addWidget(widget)
        row.addStretch(1)
        inputs.addLayout(row)
        # The button on its own line, as for certificates: the fields keep their full width.
        button_row = QHBoxLayout()
        button_row.addWidget(self.partial_add)
        button_row.addStretch(1)
        inputs.addLayout(button_row)
        layout.addWidget(self.partial_inputs)
        self.partial_error = error_label("partialReturnError")
        layout.addWidget(self.partial_error)
        return box

    # -- showing -----------------------------------------------------------------------

    def show_absence(self, absence: Absence, *, fresh: bool) -> None:
        """Show ``absence``; unless it is another one (``fresh``), leave a field being edited alone."""
        self.absence = absence
        for name, binding in self.date_fields.items():
            if fresh or not binding.busy():
                binding.load(format_date(getattr(absence, name)))
        if fresh or not self.kind.hasFocus():
            self.kind.setCurrentIndex(self.kind.findData(absence.kind.value))
            set_message(self.kind_error, "")
        self._dates_form.setRowVisible(self._temporary_end_row, absence.kind in OCCUPATIONAL_KINDS)
        self.adapted_work.blockSignals(True)
        self.adapted_work.setChecked(absence.returned_to_adapted_work)
        self.adapted_work.blockSignals(False)
        self.adapted_work.setEnabled(self.editable and absence.returned_on is not None)
        if fresh or not (self.note_field.editor.hasFocus() or self.note_field.has_error()):
            self.note_field.load(absence.note)
            self.note_guard.check_now()
        rows_model(self.certificates).set_rows([
            Row((format_date(c.starts), format_date(c.ends), self.tr(c.kind.label), str((c.ends - c.starts).days + 1)),
                ("attest", c.id))
            for c in absence.certificates
        ])
        rows_model(self.partials).set_rows([
            Row((format_date(p.starts), f"{p.percentage:g} %" if p.percentage is not None else "",
                 f"{p.hours_per_week:g} u" if p.hours_per_week is not None else ""), ("hervatting", p.id))
            for p in absence.partial_returns
        ])
        last = max((c.ends for c in absence.certificates), default=None)
        if self.editable and not self.cert_from.hasFocus():
            # The day after the last certificate, ready for the next one.
            self.cert_from.setText(format_date(last + timedelta(days=1) if last else absence.starts))
        self.cert_kind.setCurrentIndex(self.cert_kind.findData(absence.kind.value))
        if fresh:
            for label in (self.cert_error, self.partial_error):
                set_message(label, "")

    # -- storing -----------------------------------------------------------------------

    def add_certificate(self) -> bool:
        absence = self.absence
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
        # With the absence itself: a certificate past the expected end moves that end too.
        text = self.tr("Attest {0} – {1} toevoegen").format(format_date(starts), format_date(ends))
        if not write_or_show(lambda: self._recorded(
                text, lambda: self._dossier.absences.add_certificate(absence.id, starts, ends, kind),
                children=("certificate",)), self.cert_error):
            return False
        self.cert_to.clear()
        self._events.absences_changed.emit(absence.id)
        return True

    def delete_certificate(self) -> None:
        absence = self.absence
        index = self.certificates.currentIndex()
        if absence is None or not index.isValid() or not self.editable:
            return
        _kind, certificate_id = index.data(TARGET_ROLE)
        period = f"{index.siblingAtColumn(0).data()} – {index.siblingAtColumn(1).data()}"
        deleted: list[DeletedRows] = []
        if write_or_show(
                lambda: deleted.append(self._dossier.absences.delete_certificate(certificate_id)),
                self.cert_error):
            events, absence_id = self._events, absence.id
            events.absences_changed.emit(absence_id)
            record_delete(events, DeleteCommand(
                self._dossier, events, self.tr("Attest {0} verwijderen").format(period),
                lambda: self._dossier.absences.delete_certificate(certificate_id), deleted[0],
                lambda: events.absences_changed.emit(absence_id)))

    def add_partial_return(self) -> bool:
        absence = self.absence
        if absence is None or not self.editable:
            return False
        set_message(self.partial_error, "")
        try:
            starts = parse_date(self.partial_from.text())
            if starts is None:
                raise ValidationError(self.tr("Geef de datum vanaf wanneer de werknemer gedeeltelijk hervat."))
            check_not_far_ahead(starts, self._today())
            percentage = parse_number(self.partial_percentage.text())
            hours = parse_number(self.partial_hours.text())
            if hours is not None and not 0 < hours <= 60:
                raise ValidationError(self.tr("Het aantal uren per week ligt tussen 0 en 60."))
        except ValidationError as error:
            set_message(self.partial_error, str(error))
            return False
        text = self.tr("Gedeeltelijke hervatting vanaf {0} toevoegen").format(format_date(starts))
        if not write_or_show(lambda: self._recorded(
                text, lambda: self._dossier.absences.add_partial_return(
                    absence.id, starts, percentage=percentage, hours_per_week=hours),
                children=("partial_return",)), self.partial_error):
            return False
        for editor in (self.partial_from, self.partial_percentage, self.partial_hours):
            editor.clear()
        self._events.absences_changed.emit(absence.id)
        return True

    def _save_date(self, name: str, text: str) -> str:
        if self.absence is None:
            return text
        absence_id = self.absence.id
        value = parse_date(text)
        check_not_far_ahead(value, self._today())
        try:
            self._recorded(self._change_text(),
                           lambda: self._dossier.absences.update(absence_id, **{name: value}))
        except AbsenceError as error:
            raise ValidationError(str(error)) from error
        self._events.absences_changed.emit(absence_id)
        return format_date(value)

    def _save_note(self, text: str) -> str | None:
        if self.absence is None:
            return None
        if len(text) > 2000:
            raise ValidationError(self.tr("Deze notitie is te lang (maximaal 2000 tekens)."))
        absence_id = self.absence.id
        # Stored at every typing pause: the pauses of one edit make one undo step.
        self._recorded(self._change_text(), lambda: self._dossier.absences.update(absence_id, note=text),
                       merge_key=f"absence:{absence_id}:note")
        return None

    def _announce(self) -> None:
        if self.absence is not None:
            self._events.absences_changed.emit(self.absence.id)

    def _on_adapted_work_toggled(self, checked: bool) -> None:
        absence = self.absence
        if absence is None or not self.editable:
            return
        label = self.date_fields["returned_on"].label
        if write_or_show(lambda: self._recorded(
                self._change_text(),
                lambda: self._dossier.absences.update(absence.id, returned_to_adapted_work=checked)),
                label):
            self._events.absences_changed.emit(absence.id)

    def _on_kind_activated(self, _index: int) -> None:
        absence = self.absence
        if absence is None:
            return
        kind = IncapacityKind(self.kind.currentData())
        if kind is absence.kind:
            return
        set_message(self.kind_error, "")
        if write_or_show(lambda: self._recorded(
                self._change_text(), lambda: self._dossier.absences.update(absence.id, kind=kind)),
                self.kind_error):
            self._events.absences_changed.emit(absence.id)

    # -- undo --------------------------------------------------------------------------

    def _recorded(self, text: str, write: Callable[[], T], *, children: tuple[str, ...] = (),
                  merge_key: str | None = None) -> T:
        """Run ``write`` on the shown absence and put what it changed on the undo stack."""
        assert self.absence is not None
        absence_id = self.absence.id
        with recording_change(self._events, self._dossier, text, "absence", absence_id,
                              *absence_calls(self._events, absence_id, "attesten"),
                              children=children, merge_key=merge_key):
            return write()

    def _change_text(self) -> str:
        assert self.absence is not None
        name = self._dossier.employees.get(self.absence.employee_id).name
        return self.tr("Afwezigheid van {0} wijzigen").format(name)
