"""`Preventieve verzoeken` of one employee: the register, one request in detail, the answer letter.

Top: the requests (date, stage). Below: the selected request's dates, the arbeidsarts's advice
on work adaptations and the employer's answer — both free text watched by the privacy guard —
and what the employer must do now (``preventive_request.next_duty``), flagged "te bevestigen"
where the sources give no term. "Bewaren" stores the request as one transaction; the letter
prints what is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import duty_rule
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.preventive_request import PreventiveRequest, next_duty, stage
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import Row
from kmo_reintegratie.ui.undo import DeleteCommand, record, record_create, recording_change
from kmo_reintegratie.ui.widgets.absence_forms import rows_model, rows_table
from kmo_reintegratie.ui.widgets.privacy_guard import attach_privacy_guard
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    ERROR_STYLE,
    NOTE_STYLE,
    DateEdit,
    show_error,
    wrapped,
)


def _row(form: QFormLayout, text: str, field: QWidget, buddy: QWidget) -> None:
    # The field is a box (editor plus message); the mnemonic must reach the editor itself.
    label = QLabel(text)
    label.setBuddy(buddy)
    form.addRow(label, field)


class PreventiveRequestsDialog(QDialog):
    def __init__(self, dossier: Dossier, employee: Employee, today: date,
                 parent: QWidget | None = None, *, events: DossierEvents | None = None) -> None:
        super().__init__(parent)
        self._dossier, self._employee, self._today = dossier, employee, today
        self._events = events
        # The register is window-modal: an undo comes after it closed (and was deleted), so
        # what an undo calls must not need this dialog.
        employee_id = employee.id
        self._notify: Callable[[], None] = (
            events.employees_changed.emit if events is not None else lambda: None)
        self._show_employee: Callable[[], None] = (
            (lambda: events.employee_requested.emit(employee_id)) if events is not None
            else lambda: None)
        self._requests: list[PreventiveRequest] = []
        self._current: PreventiveRequest | None = None
        self.setWindowTitle(self.tr("Preventieve verzoeken – {0}").format(employee.name))
        self.resize(900, 700)
        layout = QVBoxLayout(self)
        rule = duty_rule("preventief_verzoek")
        intro = wrapped(self.tr(
            "Een werknemer die dreigt arbeidsongeschikt te worden, kan vragen na te gaan of een "
            "aanpassing van de werkpost of aangepast of ander werk mogelijk is (sinds 2026). U "
            "hoeft er niet op in te gaan, maar u moet de vraag ernstig onderzoeken en zo snel "
            "mogelijk antwoorden. Noteer hier geen diagnose: het advies gaat over het werk."),
            name="preventiveIntro")
        intro.setToolTip(self.tr("Bron: {0}").format(rule.source))
        layout.addWidget(intro)
        self.table = rows_table("preventiveRequests", (self.tr("Verzoek"), self.tr("Bezoek"),
                                                        self.tr("Advies"), self.tr("Antwoord"),
                                                        self.tr("Stand")), stretch=(4,))
        self.table.setMinimumHeight(110)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        layout.addWidget(self.table, 1)  # spare height goes to the register, not between fields

        form = QFormLayout()
        self.requested_on = DateEdit("requestedOn")
        _row(form, self.tr("Datum van het ve&rzoek"), self.requested_on.with_error(),
             self.requested_on)
        self.visit_on = DateEdit("visitOn")
        _row(form, self.tr("Be&zoek bij de arbeidsarts"), self.visit_on.with_error(), self.visit_on)
        self.advice_received_on = DateEdit("adviceReceivedOn")
        _row(form, self.tr("Advies ontvangen &op"), self.advice_received_on.with_error(),
             self.advice_received_on)
        self.advice = QPlainTextEdit()
        self.advice.setObjectName("advice")
        self.advice.setPlaceholderText(self.tr("Welke aanpassingen van het werk de arbeidsarts "
                                               "voorstelt — geen diagnose"))
        self.advice.setFixedHeight(70)
        self.advice_guard = attach_privacy_guard(self.advice)
        _row(form, self.tr("A&dvies over het werk"),
             self._guarded(self.advice, self.advice_guard.label), self.advice)
        self.answered_on = DateEdit("answeredOn")
        _row(form, self.tr("Geantwoord o&p"), self.answered_on.with_error(), self.answered_on)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("answer")
        self.answer.setPlaceholderText(self.tr("Welk gevolg u aan de vraag geeft, vanaf wanneer — "
                                               "of waarom u er niet op kunt ingaan"))
        self.answer.setFixedHeight(70)
        self.answer_guard = attach_privacy_guard(self.answer)
        _row(form, self.tr("Uw an&twoord"), self._guarded(self.answer, self.answer_guard.label),
             self.answer)
        layout.addLayout(form)
        self.duty = wrapped(name="preventiveDuty", style=NOTE_STYLE)
        self.duty.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.duty)
        self.error = wrapped(name="preventiveError", style=ERROR_STYLE)
        self.error.hide()
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        self.new_button = self._button(buttons, "newPreventiveRequest", self.tr("&Nieuw verzoek"),
                                       self.new_request)
        self.save_button = self._button(buttons, "savePreventiveRequest", self.tr("&Bewaren"),
                                        self.save)
        self.delete_button = self._button(buttons, "deletePreventiveRequest",
                                          self.tr("&Verwijderen"), self.delete)
        self.print_button = self._button(buttons, "printPreventiveAnswer",
                                         self.tr("Antwoordbrief &afdrukken…"), self.print_answer)
        buttons.addStretch(1)
        self._button(buttons, "closePreventive", self.tr("Sluiten"), self.accept)
        layout.addLayout(buttons)
        self.reload()

    def _button(self, layout: QHBoxLayout, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())  # type: ignore[operator]
        layout.addWidget(button)
        return button

    @staticmethod
    def _guarded(editor: QPlainTextEdit, label: QLabel) -> QWidget:
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(editor)
        inner.addWidget(label)
        return box

    # -- loading ----------------------------------------------------------------------

    def reload(self, select_id: int | None = None) -> None:
        self._requests = self._dossier.preventive_requests.of_employee(self._employee.id)
        rows_model(self.table).set_rows([
            Row((format_date(r.requested_on), format_date(r.visit_on),
                 format_date(r.advice_received_on), format_date(r.answered_on),
                 self.tr(stage(r).label)))
            for r in self._requests])
        if select_id is None and self._current is not None:
            select_id = self._current.id
        fallback = 0 if self._requests else -1
        index = next((i for i, r in enumerate(self._requests) if r.id == select_id), fallback)
        if index >= 0:
            self.table.selectRow(index)
            self.show_request(self._requests[index])
        else:
            self.new_request()
        self._update_buttons()

    def show_request(self, request: PreventiveRequest | None) -> None:
        self._current = request
        shown = request or PreventiveRequest(0, self._employee.id, self._today)
        self.requested_on.set_value(shown.requested_on)
        self.visit_on.set_value(shown.visit_on)
        self.advice_received_on.set_value(shown.advice_received_on)
        self.advice.setPlainText(shown.advice)
        self.answered_on.set_value(shown.answered_on)
        self.answer.setPlainText(shown.answer)
        show_error(self.error, "")
        self._show_duty(shown)
        self._update_buttons()

    def _show_duty(self, request: PreventiveRequest) -> None:
        duty = next_duty(request, self._today)
        text = f"<b>{escape(self.tr('Wat moet u doen?'))}</b> {escape(self.tr(duty.text))}"
        if duty.legal is not None:
            text += "<br/>" + escape(self.tr("Uiterlijk: geen vaste termijn — zo snel mogelijk."))
            if not duty.legal.confirmed:
                text += " <b>" + escape(self.tr("Te bevestigen:")) + "</b> " + escape(
                    duty.legal.unconfirmed_reason or "")
            source = self.tr("Bron: {0}").format(duty.legal.source)
            text += f"<br/><small>{escape(source)}</small>"
        self.duty.setText(text)

    def _update_buttons(self) -> None:
        writable = not self._dossier.read_only
        stored = self._current is not None
        for widget in (self.new_button, self.save_button):
            widget.setEnabled(writable)
        self.delete_button.setEnabled(writable and stored)
        self.print_button.setEnabled(stored)
        for editor in (self.requested_on, self.visit_on, self.advice_received_on, self.answered_on):
            editor.setReadOnly(not writable)
        self.advice.setReadOnly(not writable)
        self.answer.setReadOnly(not writable)

    # -- actions (public, also for tests) ---------------------------------------------

    def new_request(self) -> None:
        self.table.clearSelection()
        self.show_request(None)

    def save(self) -> PreventiveRequest | None:
        values = [edit.checked_value() for edit in (self.requested_on, self.visit_on,
                                                    self.advice_received_on, self.answered_on)]
        if not all(ok for _value, ok in values):
            return None
        requested_on, visit_on, advice_on, answered_on = (value for value, _ok in values)
        if requested_on is None:
            show_error(self.error, self.tr("Geef de datum van het verzoek."))
            return None
        request = PreventiveRequest(self._current.id if self._current else 0, self._employee.id,
                                    requested_on, visit_on, advice_on, self.advice.toPlainText(),
                                    answered_on, self.answer.toPlainText())
        name = self._employee.name
        try:
            if request.id:
                text = self.tr("Preventief verzoek van {0} wijzigen").format(name)
                with recording_change(self._events, self._dossier, text, "preventive_request",
                                      request.id, self._notify, self._show_employee):
                    saved = self._dossier.preventive_requests.save(request)
            else:
                saved = self._dossier.preventive_requests.save(request)
                text = self.tr("Preventief verzoek van {0} toevoegen").format(name)
                record_create(self._events, self._dossier, text, "preventive_request", saved.id,
                              self._notify, self._show_employee)
        except ValidationError as error:
            show_error(self.error, str(error))
            return None
        except DossierError as error:
            show_error(self.error, f"{error.message} {error.advice}".strip())
            return None
        self._current = saved
        self.reload(saved.id)
        return saved

    def delete(self) -> bool:
        if self._current is None:
            return False
        request_id = self._current.id
        try:
            deleted = self._dossier.preventive_requests.delete(request_id)
        except DossierError as error:
            show_error(self.error, f"{error.message} {error.advice}".strip())
            return False
        if self._events is not None:
            text = self.tr("Preventief verzoek van {0} verwijderen").format(self._employee.name)
            record(self._events, DeleteCommand(
                self._dossier, self._events, text,
                lambda: self._dossier.preventive_requests.delete(request_id), deleted, self._notify))
        self._current = None
        self.reload()
        return True

    def print_answer(self) -> None:
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.printing import print_document

        if not self._dossier.read_only and self.save() is None:
            return  # the letter prints what is stored: store what is on screen first
        if self._current is None:
            return
        print_document(self, self._dossier.path, "preventief",
                       options=ExportOptions(employee_id=self._employee.id,
                                             request_id=self._current.id),
                       title=self.tr("Antwoord op het advies na uw preventief verzoek"))

    def _on_table_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() < len(self._requests):
            request = self._requests[current.row()]
            if self._current is None or request.id != self._current.id:
                self.show_request(request)
