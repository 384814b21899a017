"""`Actieplan`: every action of the current round in one sortable, filterable table."""

from __future__ import annotations

import html
import math
import re
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QFontMetricsF,
    QKeySequence,
    QResizeEvent,
    QShortcut,
    QShowEvent,
    QUndoCommand,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.assessment import Action, ActionStatus, Round, Urgency
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.instrument import Instrument
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.privacy import PersonNames
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.people_names import dossier_names
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.action_model import ACTION_ROLE, ActionTableModel, Column
from kmo_reintegratie.ui.undo import CallbackCommand
from kmo_reintegratie.ui.widgets.action_delegates import ActionDelegate, finish_editing

Index = QModelIndex | QPersistentModelIndex

# Text columns share the width by weight but never get narrower than their minimum
# (a horizontal scroll bar beats one word per line).
# Short columns take what their contents need; the action itself takes the rest (Stretch).
# The three other text columns share the room with it in these proportions, never narrower
# than the minimum, so on a small laptop "Te ondernemen actie" keeps the largest share.
CONTENT_COLUMNS = (Column.CHECKLIST, Column.DUE, Column.STATUS)
WHAT_WEIGHT = 1.6
FLEX_COLUMNS = (
    (Column.SECTION, 1.2, 90),
    (Column.WHO, 0.9, 80),
    (Column.REMARKS, 1.1, 90),
)
EXPORT_HEADER = (
    "Checklist",
    "Sectie",
    "Te ondernemen actie",
    "Wie",
    "Deadline",
    "Status",
    "Opmerkingen",
)


class StatusFilter(str, Enum):
    ALL = "alle"
    NOT_DONE = "open_bezig"
    OPEN = "open"
    BEZIG = "bezig"
    AFGEROND = "afgerond"

    @property
    def label(self) -> str:
        return {
            "alle": "Alle",
            "open_bezig": "Open en bezig",
            "open": "Open",
            "bezig": "Bezig",
            "afgerond": "Afgerond",
        }[self.value]

    def accepts(self, status: ActionStatus) -> bool:
        if self is StatusFilter.ALL:
            return True
        if self is StatusFilter.NOT_DONE:
            return status is not ActionStatus.AFGEROND
        return status.value == self.value


class ActionPlanFilter(QSortFilterProxyModel):
    """Filters on text, status and urgency; sorting is passed on to the ``ActionTableModel``,
    which sorts in one Python pass (a proxy would ask Python at every comparison)."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self.text = ""
        self.status = StatusFilter.ALL
        self.urgent_only = False
        self._words: list[str] = []
        self.setDynamicSortFilter(True)

    def set_filter(
        self,
        *,
        text: str | None = None,
        status: StatusFilter | None = None,
        urgent_only: bool | None = None,
    ) -> None:
        self.beginFilterChange()
        if text is not None:
            self.text = text.strip().casefold()
            self._words = self.text.split()
        if status is not None:
            self.status = status
        if urgent_only is not None:
            self.urgent_only = urgent_only
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)  # no column filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._actions().sort(column, order)

    def _actions(self) -> ActionTableModel:
        model = self.sourceModel()
        assert isinstance(model, ActionTableModel)
        return model

    def filterAcceptsRow(self, row: int, parent: Index) -> bool:
        model = self._actions()
        if not self.status.accepts(model.action_at(row).status):
            return False
        if self.urgent_only and model.urgency_at(row) is Urgency.NONE:
            return False
        if self._words:
            haystack = model.search_text_at(row)
            return all(word in haystack for word in self._words)
        return True


class ActionPlanPage(QWidget):
    nav_label = "Actieplan"

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
        self._today = today
        self.round: Round | None = None
        self._last_deleted: Action | None = None
        self._emitting = False

        layout = QVBoxLayout(self)
        self.heading = QLabel()
        self.heading.setObjectName("roundHeading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)

        self.empty_state = QLabel(
            self.tr(
                "<p>Nog geen zelfevaluatie. Start een ronde in <b>Zelfevaluatie</b>.</p>"
                "<p>Hier verschijnen daarna alle acties van de ronde: wie wat doet en tegen wanneer.</p>"
            )
        )
        self.empty_state.setObjectName("emptyState")
        self.empty_state.setWordWrap(True)
        self.empty_state.setAlignment(Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.empty_state, 1)

        self.content = QWidget()
        content = QVBoxLayout(self.content)
        content.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.content, 1)

        self.read_only_note = QLabel()
        self.read_only_note.setObjectName("readOnlyNote")
        self.read_only_note.setWordWrap(True)
        self.read_only_note.setStyleSheet(
            "#readOnlyNote { background:#e8eef7; color:#1f2d3d; border-radius:4px; padding:4px 8px; }"
        )
        content.addWidget(self.read_only_note)

        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Zoeken in actie, wie, opmerkingen of sectie (Ctrl+F)")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._on_search_text_changed)
        bar.addWidget(self.search, 2)
        status_label = QLabel(self.tr("&Status:"))
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("statusFilter")
        for choice in StatusFilter:
            self.status_combo.addItem(self.tr(choice.label), choice.value)
        self.status_combo.currentIndexChanged.connect(self._on_status_combo_changed)
        status_label.setBuddy(self.status_combo)
        bar.addWidget(status_label)
        bar.addWidget(self.status_combo)
        self.urgent_check = QCheckBox(self.tr("Enkel te &laat of binnenkort"))
        self.urgent_check.setObjectName("urgentOnly")
        self.urgent_check.toggled.connect(self._on_urgent_check_toggled)
        bar.addWidget(self.urgent_check)
        bar.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.count_label)
        content.addLayout(bar)

        # The names of everyone in the dossier (for the warnings) are read after the first paint.
        self.model = ActionTableModel(dossier, instrument, today(), self, events=events,
                                      names_after_paint=True)
        self.model.edit_refused.connect(self._on_model_edit_refused)
        self.model.action_changed.connect(self._on_model_action_changed)
        self.proxy = ActionPlanFilter(self)
        self.proxy.setSourceModel(self.model)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)

        self.view = QTableView()
        self.view.setObjectName("actionPlan")
        self.view.setModel(self.proxy)
        # The action and its remarks go to the committee: their editors warn about names too
        # (of everyone in the dossier now: read again only after a change).
        self.view.setItemDelegate(ActionDelegate(self.who_suggestions, self.view,
                                                 names=self._person_names))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(Column.DUE, Qt.SortOrder.AscendingOrder)
        # Double-click opens the section, so editing starts with a click on the selected
        # cell, F2 or simply typing.
        self.view.setEditTriggers(
            QTableView.EditTrigger.SelectedClicked
            | QTableView.EditTrigger.EditKeyPressed
            | QTableView.EditTrigger.AnyKeyPressed
        )
        self.view.verticalHeader().hide()
        # Columns and rows are fitted in _fit, once per change: a header in ResizeToContents
        # measures every cell of every row again at each column or width change. Only the rows
        # in view are fitted (a round may have a thousand actions); the others as they scroll
        # into view. Scrolling goes per row, so a row fitted later never moves the rows above.
        self.view.setVerticalScrollMode(QTableView.ScrollMode.ScrollPerItem)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        # Changes come in bursts (a reload, a sort, the first show): fit once after them.
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.timeout.connect(self._fit)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.timeout.connect(self._fit_rows_in_view)
        # The short columns fit the widest text of the round: measured again after a change of
        # the texts, not at every filter or sort.
        self._content_widths: dict[int, int] | None = None
        self._follow_current = False
        for signal in (self.model.modelReset, self.model.dataChanged):
            signal.connect(self._on_model_texts_changed)
        for signal in (self.proxy.modelReset, self.proxy.layoutChanged, self.proxy.rowsInserted,
                       self.proxy.rowsRemoved, self.proxy.dataChanged):
            signal.connect(lambda *_args: self._fit_timer.start())
        self.view.verticalScrollBar().valueChanged.connect(lambda _value: self._rows_timer.start())
        self.view.viewport().installEventFilter(self)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.view.selectionModel().currentChanged.connect(self._on_view_current_changed)
        content.addWidget(self.view, 1)

        self.open_section_action = QAction(self.tr("Sectie openen in Zelfevaluatie"), self.view)
        self.open_section_action.setShortcuts(
            [QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)]
        )
        self.open_section_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_section_action.triggered.connect(self.open_current_section)
        self.delete_action = QAction(self.tr("Actie verwijderen…"), self.view)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected_action)
        self.view.addActions([self.open_section_action, self.delete_action])
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.legend = QLabel()
        self.legend.setObjectName("legend")
        self.legend.setWordWrap(True)
        content.addWidget(self.legend)

        self.undo_bar = QWidget()
        self.undo_bar.setObjectName("undoBar")
        self.undo_bar.setStyleSheet("#undoBar { background:#fff8e1; border-radius:4px; }")
        undo_layout = QHBoxLayout(self.undo_bar)
        undo_layout.setContentsMargins(8, 2, 8, 2)
        self.undo_label = QLabel(self.tr("Actie verwijderd."))
        self.undo_label.setStyleSheet("color:#212529;")
        undo_layout.addWidget(self.undo_label, 1)
        self.undo_button = QPushButton(self.tr("&Ongedaan maken"))
        self.undo_button.setObjectName("undoDelete")
        self.undo_button.clicked.connect(self.undo_delete)
        undo_layout.addWidget(self.undo_button)
        self.undo_bar.hide()
        content.addWidget(self.undo_bar)

        bottom = QHBoxLayout()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        bottom.addWidget(self.message, 1)
        self.delete_button = QPushButton(self.tr("Actie &verwijderen…"))
        self.delete_button.setObjectName("deleteAction")
        self.delete_button.clicked.connect(self.delete_selected_action)
        bottom.addWidget(self.delete_button)
        self.export_button = QPushButton(self.tr("&Exporteren…"))
        self.export_button.setObjectName("export")
        self.export_button.clicked.connect(self.choose_export)
        bottom.addWidget(self.export_button)
        self.print_button = QPushButton(self.tr("&Afdrukken…"))
        self.print_button.setObjectName("printActionPlan")
        self.print_button.setToolTip(self.tr("Het actieplan als PDF, liggend, geordend op deadline"))
        self.print_button.clicked.connect(self.print_plan)
        bottom.addWidget(self.print_button)
        content.addLayout(bottom)

        find = QShortcut(QKeySequence.StandardKey.Find, self)  # inactive while the page is hidden
        find.activated.connect(self._focus_search)
        events.assessment_changed.connect(self._on_events_assessment_changed)
        # The bar offers the same undo as Bewerken › Ongedaan maken, while it is the latest step.
        self._delete_command: QUndoCommand | None = None
        if events.undo_stack is not None:
            events.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and isinstance(event, QResizeEvent):
            if event.size().width() != event.oldSize().width():
                self._fit_timer.start()  # a new width moves the columns
            elif event.size().height() > event.oldSize().height():
                self._rows_timer.start()  # more rows come into view
        return super().eventFilter(watched, event)

    def _on_model_texts_changed(self, *args: object) -> None:
        roles = args[2] if len(args) > 2 else None
        if not roles or Qt.ItemDataRole.DisplayRole in roles:  # not for new warning icons alone
            self._content_widths = None

    def _on_view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        # The view scrolls to a new current row before it is fitted: once it is, look again.
        self._follow_current = current.isValid()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        self._fit_timer.start()  # what changed while the page was hidden was not fitted

    def _fit(self) -> None:
        if not self.view.isVisible():
            return  # a hidden page (a change made on Zelfevaluatie) is fitted when shown
        # A reload can widen a short column ("15-12-2026 (binnenkort)"): share the rest again.
        for column, width in self._fitted_content_widths().items():
            self.view.setColumnWidth(column, width)
        self._fit_columns()
        self._fit_rows_in_view()
        # The rows that end the table fill its view when scrolled to the end: fitted now, the
        # scroll bar (which counts rows) ends where the table does.
        self._fit_rows_up_from(self.proxy.rowCount() - 1)

    def _fitted_content_widths(self) -> dict[int, int]:
        """What resizeColumnToContents gives the short columns, for every action of the round
        (also those filtered away, so the columns stay put while typing in the search): only
        the widest text of each column is measured by the view."""
        if self._content_widths is not None:
            return self._content_widths
        header = self.view.horizontalHeader()
        metrics = QFontMetricsF(self.view.font())
        grid = 1 if self.view.showGrid() else 0  # as QTableView.sizeHintForColumn
        widths = {}
        for column in CONTENT_COLUMNS:
            widths[column] = header.sectionSizeHint(column)
            texts = self.model.texts(column)
            if not texts or not self.proxy.rowCount():
                continue
            row = max(range(len(texts)), key=lambda r: metrics.horizontalAdvance(texts[r]))
            widest = self.proxy.mapFromSource(self.model.index(row, column))
            if widest.isValid():
                content = self.view.sizeHintForIndex(widest).width()
            else:  # filtered away: its text plus the margins the view gives a shown one
                shown = self.proxy.index(0, column)
                content = (self.view.sizeHintForIndex(shown).width()
                           - math.ceil(metrics.horizontalAdvance(str(shown.data())))
                           + math.ceil(metrics.horizontalAdvance(texts[row])))
            widths[column] = max(widths[column], content + grid)
        if self.proxy.rowCount():
            self._content_widths = widths
        return widths

    def _fit_columns(self) -> None:
        fixed = sum(self.view.columnWidth(c) for c in CONTENT_COLUMNS)
        available = self.view.viewport().width() - fixed
        total_weight = WHAT_WEIGHT + sum(weight for _c, weight, _m in FLEX_COLUMNS)
        for column, weight, minimum in FLEX_COLUMNS:
            self.view.setColumnWidth(column, max(minimum, int(available * weight / total_weight)))

    def _fit_rows_in_view(self) -> None:
        """Fit the height of the rows in view to their texts; a fitted row may make room for
        more rows, which are fitted too."""
        self._rows_timer.stop()
        if not self.view.isVisible():
            return
        rows = self.view.verticalHeader()
        height = self.view.viewport().height()
        fitted: set[int] = set()
        while True:
            first = rows.visualIndexAt(0)
            if first < 0:
                break
            last = rows.visualIndexAt(height - 1)
            if last < 0:
                last = rows.count() - 1
            todo = [row for row in range(first, last + 1) if row not in fitted]
            if not todo:
                break
            for row in todo:
                self.view.resizeRowToContents(row)
            fitted.update(todo)
        if self._follow_current:
            self._follow_current = False
            current = self.view.currentIndex()
            if current.isValid():
                self.view.scrollTo(current)  # fully in view at its fitted height

    def _fit_rows_around(self, row: int) -> None:
        """Fit ``row`` and the rows a view's height above and below it, before scrolling there."""
        self._fit_rows_up_from(row)
        self._fit_rows_up_from(row + 1, step=1)

    def _fit_rows_up_from(self, row: int, *, step: int = -1) -> None:
        """Fit the rows from ``row`` up (or down) until they fill the view's height."""
        height = self.view.viewport().height()
        count = self.proxy.rowCount()
        covered = 0
        while 0 <= row < count and covered < height:
            self.view.resizeRowToContents(row)
            covered += self.view.rowHeight(row)
            row += step

    # -- loading ----------------------------------------------------------------------

    def reload(self) -> None:
        """Show the latest round again, keeping the selected action, sort and filters."""
        selected = self.selected_action()
        self.round = self._dossier.assessments.latest_round()
        self.model.today = self._today()
        self.empty_state.setVisible(self.round is None)
        self.content.setVisible(self.round is not None)
        if self.round is None:
            self.heading.setText(self.tr("<h2>Actieplan</h2>"))
            self.model.load(None, None, editable=False)
        else:
            self.heading.setText(
                self.tr("<h2>Actieplan — {0}</h2>").format(html.escape(self.round.title))
                + self.tr("<p>Zelfevaluatie van {0}</p>").format(format_date(self.round.held_on))
            )
            self.model.load(self.round.id, None, editable=not self.round.closed)
        self._show_read_only_note()
        if selected is not None:
            self.select_action(selected.id)
        self._update_count()
        self._update_buttons()

    def _show_read_only_note(self) -> None:
        # A read-only dossier is told once, by the band above every page (ReadOnlyBanner);
        # a second note here would only repeat it.
        if self._dossier.read_only:
            note = ""
        elif self.round is not None and self.round.closed:
            note = self.tr(
                "Deze ronde is afgesloten: u kunt het actieplan bekijken en exporteren, "
                "maar niet wijzigen."
            )
        else:
            note = ""
        self.read_only_note.setText(note)
        self.read_only_note.setVisible(bool(note))
        legend = self.tr(
            "<span style='background:#f8d7da;color:#212529'>&nbsp;Rood&nbsp;</span>&nbsp;deadline voorbij · "
            "<span style='background:#fff3cd;color:#212529'>&nbsp;Geel&nbsp;</span>&nbsp;binnen twee weken · "
            "Dubbelklik op een actie om de sectie te openen."
        )
        if self.model.editable:
            legend += self.tr(" Klik op een geselecteerde cel of druk F2 om te wijzigen.")
        self.legend.setText(legend)

    def _on_events_assessment_changed(self, _round_id: int) -> None:
        if self._emitting:  # our own change is already in the model (and an editor may be open)
            return
        # After a change elsewhere the undo offer is stale (the id may even be taken again).
        self._last_deleted = None
        self.undo_bar.hide()
        self.reload()

    def _person_names(self) -> PersonNames | None:
        # An editor's check may come after the dossier was closed (the window is closing).
        return None if self._dossier.closed else dossier_names(self._dossier)

    def who_suggestions(self) -> list[str]:
        roles = [c.name for c in self._dossier.organisation.get().roles.values() if c.name]
        return list(dict.fromkeys([*self._dossier.assessments.who_suggestions(), *roles]))

    # -- what is shown ----------------------------------------------------------------

    def visible_actions(self) -> list[Action]:
        """The actions as the table shows them: filtered and in view order."""
        return [self.proxy.index(row, 0).data(ACTION_ROLE) for row in range(self.proxy.rowCount())]

    def selected_action(self) -> Action | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ACTION_ROLE) if rows else None

    def select_action(self, action_id: int) -> bool:
        source_row = self.model.row_of(action_id)
        index = (
            self.proxy.mapFromSource(self.model.index(source_row, Column.WHAT))
            if source_row >= 0
            else None
        )
        if index is None or not index.isValid():
            return False
        self._fit_rows_around(index.row())
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            text = self.tr("1 actie") if total == 1 else self.tr("{0} acties").format(total)
        else:
            text = self.tr("{0} van {1} acties").format(shown, total)
        self.count_label.setText(text)

    def _update_buttons(self) -> None:
        self.delete_button.setEnabled(self.model.editable and self.selected_action() is not None)
        self.delete_action.setEnabled(self.model.editable)

    def _on_search_text_changed(self, text: str) -> None:
        self._change_filter(text=text)

    def _on_status_combo_changed(self, _index: int) -> None:
        self._change_filter(status=StatusFilter(self.status_combo.currentData()))

    def _on_urgent_check_toggled(self, checked: bool) -> None:
        self._change_filter(urgent_only=checked)

    def _change_filter(
        self,
        *,
        text: str | None = None,
        status: StatusFilter | None = None,
        urgent_only: bool | None = None,
    ) -> None:
        # A combo changes with the mouse wheel or a key sent to it while a cell editor keeps
        # the focus: store that edit first, never from inside the filter change.
        finish_editing(self.view)
        self.proxy.set_filter(text=text, status=status, urgent_only=urgent_only)

    def _focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- messages -----------------------------------------------------------------------

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet("color:#b00020;" if error else "color:palette(text);")

    def _on_model_edit_refused(self, message: str) -> None:
        self.show_message(message, error=bool(message))

    # -- changes -------------------------------------------------------------------------

    def _on_model_action_changed(self, _action_id: int) -> None:
        self._emit_changed()

    def _emit_changed(self, round_id: int | None = None) -> None:
        if round_id is None:
            if self.round is None:
                return
            round_id = self.round.id
        self._emitting = True
        try:
            self._events.assessment_changed.emit(round_id)
        finally:
            self._emitting = False

    def _on_view_double_clicked(self, index: QModelIndex) -> None:
        self._request_section(index.data(ACTION_ROLE))

    def open_current_section(self) -> None:
        self._request_section(self.selected_action())

    def _request_section(self, action: Action | None) -> None:
        if action is not None:
            self._events.section_requested.emit(action.round_id, action.section_id)

    def delete_selected_action(self) -> None:
        action = self.selected_action()
        if not self.model.editable or action is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Actie verwijderen?"),
            self.tr("De actie “{0}” verwijderen?").format(_shorten(action.what)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self._delete(action):
            return
        stack = self._events.undo_stack
        if stack is not None:
            # One record per command: undo puts this action back, redo deletes it again.
            latest = [action]
            command = CallbackCommand(
                self.tr("Actie “{0}” verwijderen").format(_shorten(action.what, 60)),
                undo=lambda: self._restore(latest), redo=lambda: self._redo_delete(command, latest[0]))
            self._delete_command = command
            stack.push(command)

    def _redo_delete(self, command: QUndoCommand, action: Action) -> None:
        self._delete_command = command
        self._delete(action)

    def _delete(self, action: Action) -> bool:
        try:
            self._last_deleted = self._dossier.assessments.delete_action(action.id)
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return False
        self.model.reload()
        self.undo_label.setText(
            self.tr("Actie verwijderd: “{0}”.").format(_shorten(action.what, 80))
        )
        self.undo_bar.show()
        self.show_message("")
        self._update_buttons()
        self._emit_changed(action.round_id)
        return True

    def undo_delete(self) -> None:
        """The bar's button: undo the delete just made."""
        if self._last_deleted is None:
            return
        stack = self._events.undo_stack
        if stack is None:
            self._restore([self._last_deleted])
        elif self._delete_command is not None and self._is_latest(self._delete_command):
            stack.undo()

    def _restore(self, latest: list[Action]) -> None:
        try:
            restored = self._dossier.assessments.restore_action(latest[0])
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return
        latest[0] = restored  # a redo deletes what is there now (its id may be new)
        self._last_deleted = None
        self.undo_bar.hide()
        self.model.reload()
        self.select_action(restored.id)
        self.show_message(self.tr("Actie teruggezet."))
        self._emit_changed(restored.round_id)

    def _is_latest(self, command: QUndoCommand) -> bool:
        stack = self._events.undo_stack
        return stack is not None and stack.index() > 0 and stack.command(stack.index() - 1) is command

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        # Another step was made or undone since: the bar would undo something else.
        if self._delete_command is None or not self._is_latest(self._delete_command):
            self.undo_bar.hide()

    # -- export --------------------------------------------------------------------------

    def print_plan(self) -> None:
        if self.round is None:
            return
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.printing import print_document

        print_document(self, self._dossier.path, "actieplan", options=ExportOptions(round_id=self.round.id),
                       title=self.tr("Actieplan – {0}").format(self.round.title))

    def export_rows(self) -> list[list[object]]:
        rows: list[list[object]] = []
        for row in range(self.proxy.rowCount()):
            action: Action = self.proxy.index(row, 0).data(ACTION_ROLE)
            checklist = str(self.proxy.index(row, Column.CHECKLIST).data())
            rows.append(
                [
                    int(checklist) if checklist.isdigit() else checklist,
                    self.proxy.index(row, Column.SECTION).data(),
                    action.what,
                    action.who,
                    action.due,
                    self.tr(action.status.label),
                    action.remarks,
                ]
            )
        return rows

    def choose_export(self) -> None:
        if self.round is None:
            return
        folder = self._dossier.path.parent
        suggested = folder / f"{_file_name(self.tr('Actieplan') + ' ' + self.round.title)}.xlsx"
        xlsx_filter = self.tr("Excel-werkmap (*.xlsx)")
        filters = ";;".join((xlsx_filter, self.tr("CSV, puntkomma-gescheiden (*.csv)")))
        name, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Actieplan exporteren"), str(suggested), filters, xlsx_filter
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if "*.csv" in chosen else ".xlsx"))
        self.export_to(path)

    def export_to(self, path: Path) -> bool:
        """Write the visible rows (filtered, in view order) as .xlsx or .csv.

        A failure is shown in a Dutch message box; success on the page.
        """
        # openpyxl (about 200 modules) is loaded by the first export, not by showing the page.
        from kmo_reintegratie.documents.table_export import export_table

        header = [self.tr(h) for h in EXPORT_HEADER]
        title = self.tr("Actieplan")
        try:
            export_table(path, header, self.export_rows(), sheet_title=title)
        except PermissionError as error:
            self._export_failed(
                path,
                self.tr(
                    "Het bestand is niet beschrijfbaar. Is het nog geopend in Excel? Sluit het en "
                    "probeer opnieuw, of kies een andere naam.\n\n({0})"
                ).format(os_error_text(error)),
            )
            return False
        except OSError as error:
            self._export_failed(
                path,
                self.tr("Het bestand kon niet geschreven worden: {0}").format(
                    os_error_text(error)
                ),
            )
            return False
        except ValueError as error:
            self._export_failed(path, str(error))
            return False
        count = len(self.visible_actions())
        self.show_message((self.tr("1 actie geëxporteerd naar {1}") if count == 1 else
                           self.tr("{0} acties geëxporteerd naar {1}")).format(count, path))
        from kmo_reintegratie.ui.export_log import log_export

        log_export(self._dossier, "Actieplan (tabel)")
        return True

    def _export_failed(self, path: Path, reason: str) -> None:
        QMessageBox.warning(
            self,
            self.tr("Exporteren mislukt"),
            self.tr("Het actieplan kon niet geëxporteerd worden naar {0}.\n\n{1}").format(
                path, reason
            ),
        )


def _shorten(text: str, limit: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _file_name(text: str) -> str:
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", text).strip(" .") or "Actieplan"
