"""One section of a checklist: its questions with smileys, comment, guidance and actions.

The comment and the actions are printed for the committee: their fields warn about
medical words and about the names of people in the dossier (``privacy_guard``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QUndoCommand
from PySide6.QtWidgets import (
    QCompleter,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.assessment import (
    Answer,
    SectionState,
    section_state,
    unfolds_guidance,
)
from kmo_reintegratie.dates import parse_date
from kmo_reintegratie.instrument import Instrument, Section
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.privacy import PersonNames
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.people_names import dossier_names
from kmo_reintegratie.store.undo_rows import DeletedRows, delete_rows
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.instrument_html import guidance_html
from kmo_reintegratie.ui.models.action_model import ActionTableModel, Column, shorten
from kmo_reintegratie.ui.undo import (
    DeleteCommand,
    assessment_calls,
    record_create,
    record_delete,
    recording_rows,
    replaying,
)
from kmo_reintegratie.ui.widgets.action_delegates import ActionDelegate
from kmo_reintegratie.ui.widgets.bound_field import BoundField
from kmo_reintegratie.ui.widgets.privacy_guard import attach_privacy_guard
from kmo_reintegratie.ui.widgets.smiley import SmileyChoice

BADGE_STYLES = {
    SectionState.ACTION_NEEDED: "background:#c62828;color:white;",
    SectionState.ACTION_PLANNED: "background:#fbe3e3;color:#7f1d1d;",
    SectionState.CONSIDER: "background:#fff3cd;color:#5c4400;",
    SectionState.IN_ORDER: "background:#e3f2e5;color:#1b5e20;",
}


class SectionPanel(QWidget):
    #: The answer to a question was stored (question id).
    answered = Signal(str)

    def __init__(
        self,
        dossier: Dossier,
        events: DossierEvents,
        instrument: Instrument,
        today: Callable[[], date],
        who_suggestions: Callable[[], list[str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._instrument = instrument
        self._who_suggestions = who_suggestions
        self.round_id: int | None = None
        self.section: Section | None = None
        self.editable = False
        self.choices: dict[str, SmileyChoice] = {}
        #: True while this panel announces its own change: it shows it already (and a cell
        #: editor may still be open), so the page does not reload it.
        self.emitting = False
        # The delete the "Ongedaan maken" button takes back (and its step on the undo stack).
        self._last_deleted: DeletedRows | None = None
        self._delete_command: QUndoCommand | None = None
        # Typed but not added actions, per (round, section), kept while the window is open.
        self._drafts: dict[tuple[int | None, str], tuple[str, str, str, str]] = {}

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        header = QHBoxLayout()
        self.title = QLabel()
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(self.title, 1)
        self.badge = QLabel()
        self.badge.setObjectName("stateBadge")
        header.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(header)

        self.questions_box = QGroupBox(self.tr("Vragen"))
        self.questions_layout = QGridLayout(self.questions_box)
        self.questions_layout.setColumnStretch(0, 1)
        layout.addWidget(self.questions_box)

        self.guidance_toggle = QToolButton()
        self.guidance_toggle.setObjectName("guidanceToggle")
        self.guidance_toggle.setCheckable(True)
        self.guidance_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.guidance_toggle.setText(self.tr("Voorbeelden en advies"))
        self.guidance_toggle.toggled.connect(self._on_guidance_toggled)
        layout.addWidget(self.guidance_toggle)
        self.guidance = QTextBrowser()
        self.guidance.setOpenExternalLinks(True)
        self.guidance.setMinimumHeight(220)
        layout.addWidget(self.guidance)

        comment_box = QGroupBox(self.tr("Commentaar bij deze sectie"))
        comment_layout = QVBoxLayout(comment_box)
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("comment")
        self.comment.setPlaceholderText(self.tr("Ruimte om commentaar te schrijven: hoe het in uw organisatie loopt."))
        self.comment.setFixedHeight(70)
        self.comment.setTabChangesFocus(True)
        self.comment_field = BoundField(self.comment, self._save_comment, self)
        comment_layout.addWidget(self.comment_field.widget())
        self.comment_guard = attach_privacy_guard(self.comment, names=self.person_names)
        comment_layout.addWidget(self.comment_guard.label)
        layout.addWidget(comment_box)

        self.actions_box = QGroupBox(self.tr("Acties"))
        self.actions_box.setObjectName("actionsBox")
        actions_layout = QVBoxLayout(self.actions_box)
        self.action_needed_note = QLabel(
            self.tr("Deze sectie kreeg een boze smiley: beschrijf minstens één actie (wat, wie, timing).")
        )
        self.action_needed_note.setObjectName("actionNeededNote")
        self.action_needed_note.setWordWrap(True)
        self.action_needed_note.setStyleSheet("color:#b71c1c;font-weight:bold;")
        actions_layout.addWidget(self.action_needed_note)
        self.model = ActionTableModel(dossier, instrument, today(), self, events=events,
                                      show_section=True)
        self.model.edit_refused.connect(self._show_action_message)
        self.model.action_changed.connect(lambda _id: self._emit_changed())
        self.table = QTableView()
        self.table.setObjectName("sectionActions")
        self.table.setModel(self.model)
        self.table.setItemDelegate(
            ActionDelegate(self._who_suggestions, self.table, names=self.person_names))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setColumnHidden(Column.CHECKLIST, True)
        self.table.setColumnHidden(Column.SECTION, True)
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        header_view.setSectionResizeMode(Column.REMARKS, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(Column.WHO, 150)
        self.table.setColumnWidth(Column.DUE, 150)
        self.table.setColumnWidth(Column.STATUS, 90)
        self.table.setMinimumHeight(110)
        self.table.setEditTriggers(
            QTableView.EditTrigger.DoubleClicked | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        actions_layout.addWidget(self.table)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, self.delete_selected_action,
                  context=Qt.ShortcutContext.WidgetShortcut)

        add_row = QHBoxLayout()
        self.new_what = QLineEdit()
        self.new_what.setObjectName("newWhat")
        self.new_what.setPlaceholderText(self.tr("Nieuwe actie: wat moet er gebeuren?"))
        self.new_who = QLineEdit()
        self.new_who.setObjectName("newWho")
        self.new_who.setPlaceholderText(self.tr("Wie"))
        self.new_due = QLineEdit()
        self.new_due.setObjectName("newDue")
        self.new_due.setPlaceholderText(self.tr("Deadline dd-mm-jjjj"))
        self.new_due.setMaximumWidth(150)
        self.new_remarks = QLineEdit()
        self.new_remarks.setObjectName("newRemarks")
        self.new_remarks.setPlaceholderText(self.tr("Opmerkingen, middelen"))
        self.add_button = QPushButton(self.tr("&Toevoegen"))
        self.add_button.setObjectName("addAction")
        self.add_button.clicked.connect(self.add_action)
        for editor in (self.new_what, self.new_who, self.new_due, self.new_remarks):
            editor.returnPressed.connect(self.add_action)
        add_row.addWidget(self.new_what, 3)
        add_row.addWidget(self.new_who, 2)
        add_row.addWidget(self.new_due, 1)
        add_row.addWidget(self.new_remarks, 2)
        add_row.addWidget(self.add_button)
        actions_layout.addLayout(add_row)
        self.new_what_guard = attach_privacy_guard(self.new_what, names=self.person_names)
        self.new_remarks_guard = attach_privacy_guard(self.new_remarks, names=self.person_names)
        actions_layout.addWidget(self.new_what_guard.label)
        actions_layout.addWidget(self.new_remarks_guard.label)
        bottom = QHBoxLayout()
        self.action_message = QLabel()
        self.action_message.setObjectName("actionMessage")
        self.action_message.setWordWrap(True)
        bottom.addWidget(self.action_message, 1)
        self.undo_button = QPushButton(self.tr("&Ongedaan maken"))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.clicked.connect(self.undo_delete)
        self.undo_button.hide()
        bottom.addWidget(self.undo_button)
        self.delete_button = QPushButton(self.tr("Actie &verwijderen"))
        self.delete_button.setObjectName("deleteAction")
        self.delete_button.clicked.connect(self.delete_selected_action)
        bottom.addWidget(self.delete_button)
        actions_layout.addLayout(bottom)
        layout.addWidget(self.actions_box)
        layout.addStretch(1)
        if events.undo_stack is not None:
            events.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)

    # -- showing ------------------------------------------------------------------

    def person_names(self) -> PersonNames | None:
        """The dossier's people, for the warnings under the comment and the actions (read
        when a text is checked; kept per open dossier until it changes). None once the
        dossier is closed: a check may still come while the window closes."""
        return None if self._dossier.closed else dossier_names(self._dossier)

    def _draft_editors(self) -> tuple[QLineEdit, QLineEdit, QLineEdit, QLineEdit]:
        return (self.new_what, self.new_who, self.new_due, self.new_remarks)

    def commit_draft(self) -> bool:
        """Store a typed but not added action, like every other edit; False if it was refused."""
        if self.section is None or not self.editable or not self.new_what.text().strip():
            return True
        return self.add_action()

    def discard_draft(self) -> None:
        for editor in self._draft_editors():
            editor.clear()
        self._drafts = {k: v for k, v in self._drafts.items() if k[0] != self.round_id}

    def _leave_section(self) -> None:
        if self.section is None:
            return
        values = tuple(editor.text() for editor in self._draft_editors())
        # While an undo shows a section, nothing new is stored: the draft waits.
        if any(v.strip() for v in values) and (replaying() or not self.commit_draft()):
            # Refused (e.g. a wrong deadline) or without a description: keep it for later.
            self._drafts[(self.round_id, self.section.id)] = values  # type: ignore[assignment]
        for editor in self._draft_editors():
            editor.clear()

    def show_section(self, round_id: int | None, section: Section, *, editable: bool) -> None:
        self._leave_section()
        self.round_id = round_id
        self.section = section
        self.editable = editable and round_id is not None and not self._dossier.read_only
        self.title.setText(f"<h2>{section.number} {section.title}</h2>")
        self._build_questions(section)
        self.guidance.setHtml(guidance_html(section, level=3))
        comments = self._dossier.assessments.comments(round_id) if round_id is not None else {}
        self.comment_field.load(comments.get(section.id, ""))
        self.comment_guard.check_now()  # a stored comment that names someone warns at once
        self.comment.setReadOnly(not self.editable)
        self.model.load(round_id, section.id, editable=self.editable)
        self._last_deleted = None
        self._delete_command = None
        self.undo_button.hide()
        self._show_action_message("")
        for widget in (self.new_what, self.new_who, self.new_due, self.new_remarks, self.add_button,
                       self.delete_button):
            widget.setEnabled(self.editable)
        completer = QCompleter(self._who_suggestions(), self.new_who)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.new_who.setCompleter(completer)
        draft = self._drafts.pop((round_id, section.id), None)
        if draft is not None and self.editable:
            for editor, value in zip(self._draft_editors(), draft):
                editor.setText(value)
            self._show_action_message(
                self.tr("Uw nog niet toegevoegde actie staat er weer: vul aan en kies Toevoegen.")
            )
        self.refresh_state(fold=True)
        self._chain_tab_order()

    def _build_questions(self, section: Section) -> None:
        while self.questions_layout.count():
            item = self.questions_layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                # Hidden and deleted by Qt at a safe point, still owned by the box until then:
                # setParent(None) would hand it to Python, which deletes it at once, and this
                # may run from inside the key or click handler of that very smiley choice.
                widget.hide()
                widget.deleteLater()
        self.choices = {}
        answers = self._dossier.assessments.answers(self.round_id) if self.round_id is not None else {}
        for row, question in enumerate(section.questions):
            text = question.text + (self.tr(" (tekst onvolledig in de bron)") if question.truncated_in_source else "")
            label = QLabel(f"{row + 1}. {text}")
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            choice = SmileyChoice()
            choice.setObjectName(f"choice:{question.id}")
            choice.setAccessibleName(question.text)
            choice.set_answer(answers.get(question.id))
            choice.setReadOnly(not self.editable)
            choice.answer_changed.connect(lambda answer, qid=question.id: self._on_choice_answer_changed(qid, answer))
            label.setBuddy(choice)
            self.questions_layout.addWidget(label, row * 2, 0)
            self.questions_layout.addWidget(choice, row * 2 + 1, 0)
            self.choices[question.id] = choice

    def _chain_tab_order(self) -> None:
        """Tab goes from question to question first, then to the guidance, comment and actions.

        The smileys are made anew for every section, so Qt would put them last.
        """
        chain: list[QWidget] = [*self.choices.values(), self.guidance_toggle, self.guidance,
                                self.comment, self.table, *self._draft_editors(), self.add_button,
                                self.delete_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def first_open_choice(self) -> SmileyChoice | None:
        """The first unanswered question's smileys; None when all are answered or nothing may change."""
        if not self.editable:
            return None
        return next((c for c in self.choices.values() if c.answer() is None), None)

    def _answers(self) -> list[Answer | None]:
        assert self.section is not None
        return [self.choices[q.id].answer() for q in self.section.questions]

    def state(self) -> SectionState:
        return section_state(self._answers(), self.model.rowCount())

    def refresh_state(self, *, fold: bool = False) -> None:
        """Follow the instrument's rules for what is shown; ``fold`` also resets the guidance."""
        state = self.state()
        self.badge.setText(f" {self.tr(state.label)} ")
        self.badge.setStyleSheet(BADGE_STYLES.get(state, "background:#eeeeee;color:#333;") +
                                 "border-radius:4px;padding:3px 6px;font-weight:bold;")
        self.badge.setToolTip(self._state_explanation(state))
        unfold = unfolds_guidance(self._answers(), self.model.rowCount())
        self.actions_box.setVisible(unfold or self.model.rowCount() > 0)
        self.action_needed_note.setVisible(state is SectionState.ACTION_NEEDED)
        if fold or unfold:
            self.guidance_toggle.setChecked(unfold)
            self._on_guidance_toggled(unfold)

    def _state_explanation(self, state: SectionState) -> str:
        return {
            SectionState.IN_ORDER: self.tr("Alles toegepast: voorbeelden en advies zijn enkel ter informatie."),
            SectionState.CONSIDER: self.tr("Te overwegen: lees de voorbeelden en het advies; acties zijn niet verplicht."),
            SectionState.ACTION_NEEDED: self.tr("Tekortkoming: prioritair actie nemen. Beschrijf minstens één actie."),
            SectionState.ACTION_PLANNED: self.tr("Tekortkoming met geplande actie(s)."),
            SectionState.INCOMPLETE: self.tr("Nog niet alle vragen zijn beantwoord."),
            SectionState.NOT_ANSWERED: self.tr("Beantwoord elke vraag met een smiley (toetsen 1, 2, 3)."),
        }[state]

    def _on_guidance_toggled(self, shown: bool) -> None:
        self.guidance.setVisible(shown)
        self.guidance_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    # -- editing ------------------------------------------------------------------------

    def _on_choice_answer_changed(self, question_id: str, answer: Answer | None) -> None:
        if self.round_id is None or not self.editable or self.section is None:
            return
        number = next(i for i, q in enumerate(self.section.questions, start=1) if q.id == question_id)
        text = self.tr("Antwoord op vraag {0} van {1} wijzigen").format(number, self._section_name())
        try:
            with recording_rows(self._events, self._dossier, text, "assessment_answer",
                                {"round_id": self.round_id, "question_id": question_id},
                                *assessment_calls(self._events, self.round_id, self.section.id)):
                self._dossier.assessments.set_answer(self.round_id, question_id, answer)
        except DossierError as error:
            self._show_action_message(f"{error.message} {error.advice}".strip())
            stored = self._dossier.assessments.answers(self.round_id).get(question_id)
            self.choices[question_id].set_answer(stored)
            return
        self.refresh_state()
        self.answered.emit(question_id)
        self._emit_changed()

    def _save_comment(self, text: str) -> None:
        if self.round_id is None or self.section is None:
            return
        round_id, section_id = self.round_id, self.section.id
        with recording_rows(self._events, self._dossier,
                            self.tr("Commentaar bij {0} wijzigen").format(self._section_name()),
                            "assessment_comment", {"round_id": round_id, "section_id": section_id},
                            *assessment_calls(self._events, round_id, section_id),
                            merge_key=f"comment:{round_id}:{section_id}"):
            self._dossier.assessments.set_comment(round_id, section_id, text)

    def _section_name(self) -> str:
        assert self.section is not None
        return shorten(f"{self.section.number} {self.section.title}", 50)

    def add_action(self) -> bool:
        """Store the action typed in the add row; nothing is stored without a description."""
        if self.round_id is None or self.section is None or not self.editable:
            return False
        what = clean_text(self.new_what.text()).strip()
        if not what:
            self._show_action_message(self.tr("Beschrijf eerst wat er moet gebeuren."), error=True)
            self.new_what.setFocus()
            return False
        try:
            due = parse_date(self.new_due.text())
        except ValidationError as error:
            self._show_action_message(self.tr("Deadline: ") + str(error), error=True)
            self.new_due.setFocus()
            self.new_due.selectAll()
            return False
        try:
            added = self._dossier.assessments.add_action(
                self.round_id, self.section.id, what,
                who=clean_text(self.new_who.text()).strip(), due=due,
                remarks=clean_text(self.new_remarks.text()).strip(),
            )
        except DossierError as error:
            self._show_action_message(f"{error.message} {error.advice}".strip(), error=True)
            return False
        record_create(self._events, self._dossier,
                      self.tr("Actie “{0}” toevoegen").format(shorten(what, 60)), "assessment_action",
                      added.id, self._action_notify())
        for editor in (self.new_what, self.new_who, self.new_due, self.new_remarks):
            editor.clear()
        self.model.reload()
        self._show_action_message(self.tr("Actie toegevoegd."))
        self.refresh_state()
        self.new_what.setFocus()
        self._emit_changed()
        return True

    def delete_selected_action(self) -> None:
        if not self.editable:
            return
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self._show_action_message(self.tr("Selecteer eerst de actie die u wilt verwijderen."), error=True)
            return
        action = self.model.action_at(rows[0].row())
        answer = QMessageBox.question(
            self,
            self.tr("Actie verwijderen?"),
            self.tr("De actie “{0}” verwijderen?").format(action.what[:200]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._last_deleted = delete_rows(self._dossier, "assessment_action", action.id)
        except DossierError as error:
            self._show_action_message(f"{error.message} {error.advice}".strip(), error=True)
            return
        notify = self._action_notify()
        self._delete_command = None  # the step pushed now is not the earlier one
        command = DeleteCommand(
            self._dossier, self._events, self.tr("Actie “{0}” verwijderen").format(shorten(action.what, 60)),
            lambda: delete_rows(self._dossier, "assessment_action", action.id), self._last_deleted,
            notify)
        record_delete(self._events, command)
        self._delete_command = command if self._events.undo_stack is not None else None
        self.model.reload()
        self._show_action_message(self.tr("Actie verwijderd."))
        self.undo_button.show()
        self.refresh_state()
        self._emit_changed()

    def undo_delete(self) -> None:
        """The button next to the actions: take back the delete just made."""
        stack = self._events.undo_stack
        if stack is not None:
            # The same step as Bewerken › Ongedaan maken, as long as it is the latest one.
            if self._delete_command is not None and self._is_latest(self._delete_command):
                stack.undo()
            return
        if self._last_deleted is None:
            return
        try:
            self._dossier.restore(self._last_deleted)
        except DossierError as error:
            self._show_action_message(f"{error.message} {error.advice}".strip(), error=True)
            return
        self._last_deleted = None
        self.undo_button.hide()
        self.model.reload()
        self._show_action_message(self.tr("Actie teruggezet."))
        self.refresh_state()
        self._emit_changed()

    def _is_latest(self, command: QUndoCommand) -> bool:
        stack = self._events.undo_stack
        return stack is not None and stack.index() > 0 and stack.command(stack.index() - 1) is command

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        # Undone, or another step made since: the button would take back something else.
        if self._delete_command is not None and not self._is_latest(self._delete_command):
            self._delete_command = None
            self._last_deleted = None
            self.undo_button.hide()

    def _action_notify(self) -> Callable[[], None]:
        """What an undo of an action's create or delete calls: reload, show the section."""
        assert self.round_id is not None and self.section is not None
        notify, show = assessment_calls(self._events, self.round_id, self.section.id)
        assert show is not None

        def reload_and_show() -> None:
            notify()
            show()

        return reload_and_show

    def _show_action_message(self, message: str, *, error: bool | None = None) -> None:
        if error is None:
            error = bool(message) and not message.startswith(("Actie ",))
        self.action_message.setText(message)
        self.action_message.setStyleSheet("color:#b00020;" if error else "color:palette(text);")

    def _emit_changed(self) -> None:
        if self.round_id is None:
            return
        self.emitting = True
        try:
            self._events.assessment_changed.emit(self.round_id)
        finally:
            self.emitting = False
