"""`Zelfevaluatie`: rounds of the four checklists, answered section by section.

The dialogs and printing are imported when first used, not with the page (start light).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.assessment import Round
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.instrument import Instrument
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.undo_rows import delete_rows
from kmo_reintegratie.store.undo_snapshots import snapshot
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.section_tree import SECTION_ID_ROLE, SectionFilter, SectionTreeModel
from kmo_reintegratie.ui.undo import BatchCommand, DeleteCommand, record, recording, recording_change
from kmo_reintegratie.ui.widgets.section_panel import SectionPanel
from kmo_reintegratie.ui.widgets.tally_view import TallyDelegate, TallyWidget, tally_width

ANSWER_KEYS = (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)


class SectionTreeView(QTreeView):
    """The section tree, where 1/2/3 answer a question instead of searching.

    A consultant who answers with the keyboard and clicks a section in between would
    otherwise jump to section 1.1 with type-to-search on a digit, and the next keys
    would overwrite answers there.
    """

    answer_key_pressed = Signal(QKeyEvent)
    #: Room the section titles keep; narrower (a small laptop), the progress column gives way:
    #: each section's face and the total above still show how it stands.
    TITLES_MIN_WIDTH = 200

    def __init__(self) -> None:
        super().__init__()
        self._progress_width = 0

    def set_progress_width(self, width: int) -> None:
        self._progress_width = width
        self.setColumnWidth(1, width)
        self._fit_progress()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._fit_progress()

    def _fit_progress(self) -> None:
        self.setColumnHidden(1, self.viewport().width() - self._progress_width < self.TITLES_MIN_WIDTH)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in ANSWER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.answer_key_pressed.emit(event)
            return
        if event.text().isdigit():
            return  # never type-to-search on a digit
        super().keyPressEvent(event)


class AssessmentPage(QWidget):
    nav_label = "Zelfevaluatie"

    def __init__(
        self,
        dossier: Dossier,
        events: DossierEvents,
        instrument: Instrument,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._instrument = instrument
        self._today = today
        self._unlocked: set[int] = set()
        self.round: Round | None = None
        # Depth of our own changes to the section tree (filter or refresh), and what to do
        # once the outermost one is complete; see _changing_tree.
        self._tree_changes = 0
        self._follow_pending = False
        self._expand_pending = False
        self._sections_shown = 0  # counts _show_section, see select_section

        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("<b>Ronde:</b>")))
        self.round_combo = QComboBox()
        self.round_combo.setObjectName("roundCombo")
        self.round_combo.setMinimumWidth(260)
        self.round_combo.currentIndexChanged.connect(self._on_round_combo_changed)
        bar.addWidget(self.round_combo)
        self.new_round_button = QPushButton(self.tr("&Nieuwe ronde…"))
        self.new_round_button.setObjectName("newRound")
        self.new_round_button.clicked.connect(self.start_new_round)
        bar.addWidget(self.new_round_button)
        self.compare_button = QPushButton(self.tr("&Vergelijken…"))
        self.compare_button.setObjectName("compareRounds")
        self.compare_button.clicked.connect(self.compare_rounds)
        bar.addWidget(self.compare_button)
        self.round_menu_button = QToolButton()
        self.round_menu_button.setObjectName("roundMenu")
        self.round_menu_button.setText(self.tr("&Ronde beheren"))
        self.round_menu_button.setToolTip(self.tr("Deze ronde hernoemen, afsluiten of heropenen, of verwijderen"))
        self.round_menu_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.round_menu_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        round_menu = QMenu(self.round_menu_button)
        self.rename_round_action = round_menu.addAction(self.tr("Titel en datum &wijzigen…"))
        self.rename_round_action.triggered.connect(self.rename_round)
        self.close_round_action = round_menu.addAction(self.tr("Ronde &afsluiten"))
        self.close_round_action.triggered.connect(self.toggle_round_closed)
        round_menu.addSeparator()
        self.delete_round_action = round_menu.addAction(self.tr("Ronde &verwijderen…"))
        self.delete_round_action.triggered.connect(self.delete_round)
        self.round_menu_button.setMenu(round_menu)
        bar.addWidget(self.round_menu_button)
        bar.addStretch(1)
        self.print_report_button = QPushButton(self.tr("Rapport &afdrukken…"))
        self.print_report_button.setObjectName("printReport")
        self.print_report_button.setToolTip(self.tr("Verslag van deze ronde met antwoorden, opmerkingen en acties"))
        self.print_report_button.clicked.connect(self.print_report)
        bar.addWidget(self.print_report_button)
        layout.addLayout(bar)

        self.closed_bar = QWidget()
        self.closed_bar.setObjectName("closedBar")
        self.closed_bar.setStyleSheet("#closedBar { background:#e8eef7; border-radius:4px; }")
        closed_layout = QHBoxLayout(self.closed_bar)
        closed_layout.setContentsMargins(8, 4, 8, 4)
        self.closed_label = QLabel(
            self.tr("Deze ronde is afgesloten: u kunt ze lezen, maar niet per ongeluk wijzigen.")
        )
        closed_layout.addWidget(self.closed_label, 1)
        self.unlock_button = QPushButton(self.tr("Toch &bewerken"))
        self.unlock_button.setObjectName("unlockRound")
        self.unlock_button.clicked.connect(self._unlock_round)
        closed_layout.addWidget(self.unlock_button)
        layout.addWidget(self.closed_bar)

        self.empty_state = QLabel(
            self.tr(
                "<h2>Zelfevaluatie</h2><p>Overloop met de vier checklists van de FOD WASO hoe uw "
                "organisatie omgaat met preventie, contact tijdens de afwezigheid, de terugkeer en de "
                "communicatie tussen alle betrokkenen. Beantwoord elke vraag met een smiley en plan "
                "acties waar het beter moet.</p><p>Start met <b>Nieuwe ronde…</b>.</p>"
            )
        )
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty_state)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.overall = TallyWidget()
        self.overall.setObjectName("overallTally")
        overall_row = QHBoxLayout()
        overall_row.addWidget(QLabel(self.tr("Totaal:")))
        overall_row.addWidget(self.overall, 1)
        left_layout.addLayout(overall_row)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("sectionFilter")
        self.filter_combo.addItem(self.tr("Alle secties"), SectionFilter.ALL)
        self.filter_combo.addItem(self.tr("Nog niet beantwoord"), SectionFilter.UNANSWERED)
        self.filter_combo.addItem(self.tr("Actie nodig"), SectionFilter.ACTION_NEEDED)
        self.filter_combo.currentIndexChanged.connect(self._on_filter_changed)
        left_layout.addWidget(self.filter_combo)
        self.tree_model = SectionTreeModel(instrument, self)
        self.proxy = SectionFilter(self)
        self.proxy.setSourceModel(self.tree_model)
        self.tree = SectionTreeView()
        self.tree.setObjectName("sectionTree")
        self.tree.answer_key_pressed.connect(self._answer_from_tree)
        self.tree.setModel(self.proxy)
        self.tree.setItemDelegateForColumn(1, TallyDelegate(self.tree))
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        self.tree.header().setStretchLastSection(False)
        # As wide as the tally it paints: the section titles get the rest.
        self.tree.set_progress_width(tally_width(self.tree.fontMetrics(), compact=True) + 4)
        self.tree.expandAll()
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        left_layout.addWidget(self.tree, 1)
        self.splitter.addWidget(left)

        self.panel = SectionPanel(dossier, events, instrument, today, self.who_suggestions)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        # The answers need the room: on a small laptop the tree gives way first (its titles
        # keep a tooltip), so the smileys and the state badge are never cut off.
        scroll.setMinimumWidth(420)
        self.splitter.addWidget(scroll)
        self.splitter.setCollapsible(1, False)
        # Sized for a 1024-pixel laptop (the answers need ~510 px there); extra width goes
        # mostly to the tree, whose section titles are the way around the checklists.
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([305, 510])
        layout.addWidget(self.splitter, 1)

        events.assessment_changed.connect(self._on_events_assessment_changed)
        events.section_requested.connect(self._on_events_section_requested)
        self.reload_rounds()

    # -- rounds ---------------------------------------------------------------------

    def reload_rounds(self, select: int | None = None) -> None:
        rounds = self._dossier.assessments.rounds()
        current = select if select is not None else (self.round.id if self.round else None)
        self.round_combo.blockSignals(True)
        self.round_combo.clear()
        for r in rounds:
            suffix = self.tr(" (afgesloten)") if r.closed else ""
            self.round_combo.addItem(f"{r.title} — {format_date(r.held_on)}{suffix}", r.id)
        index = self.round_combo.findData(current) if current is not None else 0
        self.round_combo.setCurrentIndex(max(0, index))
        self.round_combo.blockSignals(False)
        has_rounds = bool(rounds)
        self.empty_state.setVisible(not has_rounds)
        self.splitter.setVisible(has_rounds)
        self.compare_button.setEnabled(len(rounds) >= 2)
        self.print_report_button.setEnabled(has_rounds)
        self.new_round_button.setEnabled(not self._dossier.read_only)
        self.round_menu_button.setEnabled(has_rounds and not self._dossier.read_only)
        self._show_round(self.round_combo.currentData())

    def _on_round_combo_changed(self, _index: int) -> None:
        self._show_round(self.round_combo.currentData())

    def _show_round(self, round_id: int | None) -> None:
        self.round = self._dossier.assessments.round(round_id) if round_id is not None else None
        self.closed_bar.setVisible(bool(self.round and self.round.closed and round_id not in self._unlocked))
        self.unlock_button.setEnabled(not self._dossier.read_only)
        closed = bool(self.round and self.round.closed)
        self.close_round_action.setText(self.tr("Ronde &heropenen") if closed else self.tr("Ronde &afsluiten"))
        self._refresh_tree()
        section_id = self.panel.section.id if self.panel.section else self._instrument.checklists[0].sections[0].id
        self.select_section(section_id)

    def round_editable(self) -> bool:
        return bool(self.round and (not self.round.closed or self.round.id in self._unlocked))

    def _unlock_round(self) -> None:
        if self.round is not None:
            self._unlocked.add(self.round.id)
            self._show_round(self.round.id)

    def start_new_round(self) -> None:
        from kmo_reintegratie.ui.dialogs.new_round import NewRoundDialog

        dialog = NewRoundDialog(self._dossier.assessments.rounds(), self._today(), self)
        if not dialog.exec():
            return
        title, held_on, copy_from = dialog.values()
        # A new round closes the open ones: an undo opens them again.
        open_rounds = [r.id for r in self._dossier.assessments.rounds() if not r.closed]
        taking = recording(self._events)
        before = [snapshot(self._dossier, "assessment_round", i, children=()) for i in open_rounds
                  if taking]
        new = self._dossier.assessments.create_round(title, held_on, copy_from=copy_from)
        if taking:
            after = [snapshot(self._dossier, "assessment_round", i, children=()) for i in open_rounds]
            record(self._events, BatchCommand(
                self._dossier, self._events, self.tr("Ronde “{0}” starten").format(new.title),
                [("assessment_round", new.id)], before, after, self._round_notify(new.id)))
        self.reload_rounds(select=new.id)
        self._events.assessment_changed.emit(new.id)

    def rename_round(self) -> None:
        if self.round is None:
            return
        from kmo_reintegratie.ui.dialogs.new_round import NewRoundDialog

        dialog = NewRoundDialog([], self._today(), self, editing=self.round)
        if not dialog.exec():
            return
        title, held_on, _copy = dialog.values()
        with self._recording_round(self.tr("Ronde “{0}” wijzigen").format(self.round.title)):
            self._dossier.assessments.rename_round(self.round.id, title, held_on)
        self.reload_rounds(select=self.round.id)
        self._events.assessment_changed.emit(self.round.id)

    def toggle_round_closed(self) -> None:
        if self.round is None:
            return
        text = (self.tr("Ronde “{0}” heropenen") if self.round.closed
                else self.tr("Ronde “{0}” afsluiten")).format(self.round.title)
        with self._recording_round(text):
            self._dossier.assessments.set_round_closed(self.round.id, not self.round.closed)
        self._unlocked.discard(self.round.id)
        self.reload_rounds(select=self.round.id)
        self._events.assessment_changed.emit(self.round.id)

    def delete_round(self) -> None:
        if self.round is None:
            return
        answered = len(self._dossier.assessments.answers(self.round.id))
        actions = len(self._dossier.assessments.actions(self.round.id))
        question = self.tr("De ronde \u201c{0}\u201d met {1} antwoord(en) en {2} actie(s) "
                           "verwijderen?").format(self.round.title, answered, actions)
        if recording(self._events):
            question += " " + self.tr("Met Bewerken › Ongedaan maken zet u ze terug.")
        reply = QMessageBox.question(
            self, self.tr("Ronde verwijderen"), question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if reply != QMessageBox.StandardButton.Yes:
            return
        round_id = self.round.id
        self.panel.discard_draft()  # it belonged to the round that goes
        try:
            deleted = delete_rows(self._dossier, "assessment_round", round_id)
        except DossierError as error:
            self._events.write_failed.emit(f"{error.message} {error.advice}".strip())
            return
        record(self._events, DeleteCommand(
            self._dossier, self._events, self.tr("Ronde “{0}” verwijderen").format(self.round.title),
            lambda: delete_rows(self._dossier, "assessment_round", round_id), deleted,
            self._round_notify(round_id)))
        self.round = None
        self.reload_rounds()
        self._events.assessment_changed.emit(round_id)

    # -- undo -------------------------------------------------------------------------

    def _recording_round(self, text: str) -> AbstractContextManager[None]:
        assert self.round is not None
        round_id = self.round.id
        return recording_change(self._events, self._dossier, text, "assessment_round", round_id,
                                self._round_notify(round_id), children=())

    def _round_notify(self, round_id: int) -> Callable[[], None]:
        """What an undo of a round's start, change or delete calls: show the rounds as stored
        (that round, when it is there) and tell the other pages."""
        def notify() -> None:
            there = any(r.id == round_id for r in self._dossier.assessments.rounds())
            self.reload_rounds(select=round_id if there else None)
            self._events.assessment_changed.emit(round_id)

        return notify

    def print_report(self) -> None:
        if self.round is None:
            return
        self.panel.comment_field.commit()
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.printing import print_document

        print_document(self, self._dossier.path, "zelfevaluatie", options=ExportOptions(round_id=self.round.id),
                       title=self.tr("Zelfevaluatie – {0}").format(self.round.title))

    def compare_rounds(self) -> None:
        from kmo_reintegratie.ui.dialogs.round_comparison import RoundComparisonDialog

        RoundComparisonDialog(self._dossier, self._instrument, self).exec()

    # -- sections ---------------------------------------------------------------------

    @contextmanager
    def _changing_tree(self) -> Iterator[None]:
        """Run a change of the tree's model or filter; react to the moved current row after it.

        Removing rows moves the current row from inside the proxy's rowsAboutToBeRemoved.
        Showing the new section there stores a typed action, which refreshes the tree, which
        changes the source model under a proxy half-way through endFilterChange(): Qt writes
        past its row mappings and the program crashes (issue 12).
        """
        self._tree_changes += 1
        try:
            yield
        finally:
            self._tree_changes -= 1
        if self._tree_changes:
            return
        if self._expand_pending:
            self._expand_pending = False
            self.tree.expandAll()
        if self._follow_pending:
            self._follow_pending = False
            self._follow_tree_current()

    def _refresh_tree(self) -> None:
        with self._changing_tree():
            if self.round is None:
                self.overall.set_tally(self.tree_model.update({}, {}))
                return
            answers = self._dossier.assessments.answers(self.round.id)
            actions = self._dossier.assessments.actions(self.round.id)
            counts = Counter(a.section_id for a in actions)
            self.overall.set_tally(self.tree_model.update(answers, dict(counts)))

    def select_section(self, section_id: str) -> None:
        source = self.tree_model.index_of_section(section_id)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            # Filtered away: show it anyway, the user asked for it.
            self.filter_combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(source)
        shown = self._sections_shown
        self.tree.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.tree.scrollTo(index)
        # A new current row has shown the section already (showing it is most of the switch);
        # the same row again, as for another round, has not.
        if (self._sections_shown == shown or self.panel.section is None
                or self.panel.section.id != section_id):
            self._show_section(section_id)

    def _on_tree_current_changed(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        if self._tree_changes:
            self._follow_pending = True  # the proxy is still moving rows: see _changing_tree
            return
        self._follow_tree_current()

    def _follow_tree_current(self) -> None:
        current = self.tree.currentIndex()
        section_id = current.siblingAtColumn(0).data(SECTION_ID_ROLE)
        if section_id is None and current.isValid():
            child = self.proxy.index(0, 0, current.siblingAtColumn(0))
            section_id = child.data(SECTION_ID_ROLE)
        if section_id and (self.panel.section is None or self.panel.section.id != section_id):
            self._show_section(section_id)

    def _show_section(self, section_id: str) -> None:
        self._sections_shown += 1
        self.panel.comment_field.commit()
        self.panel.show_section(
            self.round.id if self.round else None,
            self._instrument.section(section_id),
            editable=self.round_editable(),
        )

    def _answer_from_tree(self, event: QKeyEvent) -> None:
        """Answer the section's first open question and carry on from there.

        In a fully answered section the key only moves to the first question: an answer
        is never overwritten by a key pressed somewhere else.
        """
        choice = self.panel.first_open_choice()
        if choice is None:
            if self.panel.choices:
                next(iter(self.panel.choices.values())).setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
        choice.setFocus(Qt.FocusReason.ShortcutFocusReason)
        forwarded = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
        QCoreApplication.sendEvent(choice, forwarded)

    def _on_filter_changed(self, _index: int) -> None:
        # Rows that come back are collapsed; expand once the filter change is complete, never
        # from inside it (expandAll walks the proxy while it is rebuilding its mappings).
        self._expand_pending = True
        with self._changing_tree():
            self.proxy.set_mode(self.filter_combo.currentData())

    def who_suggestions(self) -> list[str]:
        organisation = self._dossier.organisation.get()
        roles = [f"{c.name} ({c.role.label})" if c.name else c.role.label for c in organisation.roles.values()]
        earlier = self._dossier.assessments.who_suggestions()
        return list(dict.fromkeys([*earlier, *roles, "Directie", "Leidinggevende", "Preventieadviseur"]))

    def _on_events_assessment_changed(self, round_id: int) -> None:
        if self.round is not None and round_id == self.round.id:
            self._refresh_tree()
            if self.panel.section is not None and not self.panel.emitting:
                self.panel.model.reload()
                self.panel.refresh_state()

    def _on_events_section_requested(self, round_id: int, section_id: str) -> None:
        if self.round is None or self.round.id != round_id:
            self.reload_rounds(select=round_id)
        self.select_section(section_id)
