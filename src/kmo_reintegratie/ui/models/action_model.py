"""Table model of self-assessment actions, shared by a section's action list and the Actieplan.

An action goes to the committee (zelfevaluatie, actieplan): a "what" or "remarks" that holds
a medical word or the name of a person in the dossier gets a warning icon and tooltip.

What a row shows (texts, urgency, sort keys and the privacy warnings) is worked out once per
action, when it is first asked for after a load or a change: a view asks ``data`` dozens of
times per cell while painting and fitting rows.

The names of the dossier's people are read when a warning first needs them (kept per open
dossier by ``store.people_names``). With ``names_after_paint`` a model that would have to
read them first shows the warnings about medical words and adds those about names a moment
later, after the table is painted (reading everyone takes tens of milliseconds on a large
dossier); the same for the list of medical words, the first time the program needs it.

The model sorts itself in one Python pass (``sort``): a proxy would ask Python at every
comparison.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from kmo_reintegratie.assessment import Action, ActionStatus, Urgency
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.instrument import Instrument
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.privacy import PersonNames, load_medical_terms
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.people_names import dossier_names, names_are_read
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import assessment_calls, recording_change
from kmo_reintegratie.ui.widgets.privacy_guard import medical_terms_loaded, text_warning

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex

# Roles as plain ints: ``data`` is asked thousands of times while a table is painted and fitted.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_DECORATION = int(Qt.ItemDataRole.DecorationRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_ACTION, _SORT = int(ACTION_ROLE), int(SORT_ROLE)
_ANSWERED = frozenset((_DISPLAY, _EDIT, _TOOLTIP, _DECORATION, _BACKGROUND, _FOREGROUND, _ACTION,
                       _SORT))


class Column:
    CHECKLIST = 0
    SECTION = 1
    WHAT = 2
    WHO = 3
    DUE = 4
    STATUS = 5
    REMARKS = 6


HEADERS = {
    Column.CHECKLIST: "Checklist",
    Column.SECTION: "Sectie",
    Column.WHAT: "Te ondernemen actie",
    Column.WHO: "Wie",
    Column.DUE: "Timing (deadline)",
    Column.STATUS: "Status",
    Column.REMARKS: "Opmerkingen",
}
EDITABLE = {Column.WHAT: "what", Column.WHO: "who", Column.DUE: "due", Column.STATUS: "status",
            Column.REMARKS: "remarks"}
URGENCY_COLOURS = {Urgency.OVERDUE: QColor("#f8d7da"), Urgency.DUE_SOON: QColor("#fff3cd")}
#: Free texts that are printed for the committee: checked for medical words and names.
CHECKED_TEXTS = (Column.WHAT, Column.REMARKS)
#: With ``names_after_paint``: how long after painting the names (or the medical words) are
#: read. A timer that must run out, not a queued call, so the painted table is shown and
#: waiting clicks and keys are handled first.
NAMES_DELAY_MS = 20
_DARK_TEXT = QColor("#212529")  # stays readable on the light warning colours in dark themes
_STATUS_ORDER = {status: order for order, status in enumerate(ActionStatus)}


@dataclass
class _Shown:
    """One action as its row shows it (see the module docstring)."""

    urgency: Urgency
    texts: tuple[str, ...]
    sort_keys: tuple[Any, ...]
    #: What the search looks in: the action, who, the remarks and the section, casefolded.
    search_text: str
    #: Per checked column, when first asked: (the names' generation, the warning).
    warnings: dict[int, tuple[int, str]] = field(default_factory=dict)


class ActionTableModel(QAbstractTableModel):
    """Rows are the actions of one round (optionally of one section), stored at once on edit."""

    #: A value was refused; the Dutch message belongs next to the table.
    edit_refused = Signal(str)
    #: An action was changed and stored (its id).
    action_changed = Signal(int)

    def __init__(self, dossier: Dossier, instrument: Instrument, today: date, parent: Any = None, *,
                 events: DossierEvents | None = None, show_section: bool = False,
                 names_after_paint: bool = False):
        super().__init__(parent)
        #: The dossier events whose undo stack records each stored edit (None: not recorded).
        self.events = events
        #: An undo of an edit shows the action's section in `Zelfevaluatie`.
        self.show_section = show_section
        self._dossier = dossier
        self._instrument = instrument
        self._today = today
        self._shown: dict[int, _Shown] = {}  # by action id; emptied at every load
        self._sections: dict[str, tuple[str, str, tuple[int, ...]]] = {}  # see _section_facts
        self._labels: dict[ActionStatus | Urgency, str] = {}
        self._warning_icon: QIcon | None = None
        self._actions: list[Action] = []
        self.round_id: int | None = None
        self.section_id: str | None = None
        self.editable = False
        #: The column and order ``sort`` last put the rows in (-1: as stored).
        self.sort_column = -1
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._names_after_paint = names_after_paint
        # The dossier's people as the warnings use them; read again when first needed after a
        # load, or after people may have changed (``_names_current`` False).
        self._names: PersonNames | None = None
        self._names_current = False
        self._reading_due = False  # a read after painting (word list, names) is on its way
        # Bumped when other names are read: a warning worked out with older ones is redone.
        self._names_generation = 0
        if events is not None:
            # People come and go on other pages: what the warnings say is checked again.
            for signal in (events.employees_changed, events.organisation_changed,
                           events.absences_changed, events.trajectories_changed):
                signal.connect(self._on_events_people_may_have_changed)

    # -- loading ------------------------------------------------------------

    def load(self, round_id: int | None, section_id: str | None = None, *, editable: bool = True) -> None:
        self.beginResetModel()
        self.round_id, self.section_id = round_id, section_id
        self.editable = editable and not self._dossier.read_only
        self._actions = (
            self._dossier.assessments.actions(round_id, section_id) if round_id is not None else []
        )
        self._names_current = False  # employees may have changed meanwhile
        self._shown.clear()
        self._sort_rows()
        self.endResetModel()

    @property
    def person_names(self) -> PersonNames:
        """The dossier's people for the warnings, as they are now."""
        if not self._names_current:
            self._take_names(dossier_names(self._dossier))
        assert self._names is not None
        return self._names

    def _names_for_warnings(self) -> PersonNames | None:
        """``person_names``; with ``names_after_paint``, while reading them would hold up the
        painting, the names read before (None the first time) and a read right after."""
        if self._names_current or self._dossier.closed:  # closed: a last paint as the window goes
            return self._names
        if self._names_after_paint and (self._reading_due or not names_are_read(self._dossier)):
            self._read_after_paint()
            return self._names
        return self.person_names

    def _read_after_paint(self) -> None:
        if not self._reading_due:
            self._reading_due = True
            QTimer.singleShot(NAMES_DELAY_MS, self, self._on_read_timer)

    def _on_read_timer(self) -> None:
        self._reading_due = False
        if self._dossier.closed:
            return  # closed meanwhile: nobody asks any more
        # One list per turn of the event loop: each takes tens of milliseconds the first time.
        if not medical_terms_loaded():
            load_medical_terms()
            self._recheck_warnings()
            if not self._names_current:
                self._read_after_paint()
        elif not self._names_current:
            self._take_names(dossier_names(self._dossier), announce=True)

    def _take_names(self, names: PersonNames, *, announce: bool = False) -> None:
        # Not announced when read while the view asks for a warning: each warning is redone
        # as it is asked for, and a model changing while it is painted confuses the view.
        self._names_current = True
        if names is self._names:
            return
        self._names = names
        self._names_generation += 1
        if announce:
            self._recheck_warnings()

    def _on_events_people_may_have_changed(self, *_args: object) -> None:
        # Checked again when a warning is next painted (not now: this page may be hidden).
        if self._names_current:
            self._names_current = False
            self._recheck_warnings()

    def _recheck_warnings(self) -> None:
        """Have the view ask for the warnings again (they are redone with other names)."""
        if self._actions:
            self.dataChanged.emit(self.index(0, min(CHECKED_TEXTS)),
                                  self.index(len(self._actions) - 1, max(CHECKED_TEXTS)),
                                  [Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.ToolTipRole])

    @property
    def today(self) -> date:
        return self._today

    @today.setter
    def today(self, today: date) -> None:
        if today != self._today:
            self._today = today
            self._shown.clear()  # urgency and the deadline's text depend on it

    def reload(self) -> None:
        self.load(self.round_id, self.section_id, editable=self.editable)

    def action_at(self, row: int) -> Action:
        return self._actions[row]

    def row_of(self, action_id: int) -> int:
        return next((i for i, a in enumerate(self._actions) if a.id == action_id), -1)

    def urgency_at(self, row: int) -> Urgency:
        return self._row(row).urgency

    def search_text_at(self, row: int) -> str:
        """What the search looks in (the action, who, remarks and section), casefolded."""
        return self._row(row).search_text

    def texts(self, column: int) -> list[str]:
        """Every row's text in ``column``, as shown."""
        return [self._row(row).texts[column] for row in range(len(self._actions))]

    # -- sorting ------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Put the rows in the order of ``column`` (its ``SORT_ROLE``, then deadline, section
        and id, so ties never depend on an earlier sort); kept after loads and edits."""
        self.sort_column, self.sort_order = column, order
        self._resort()

    def _resort(self) -> None:
        before = self._actions
        after = self._sorted()
        if after == before:
            return
        self.layoutAboutToBeChanged.emit()
        self._actions = after
        moved = {action.id: row for row, action in enumerate(after)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(
            old, [self.index(moved[before[i.row()].id], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        self._actions = self._sorted()

    def _sorted(self) -> list[Action]:
        if self.sort_column < 0 or len(self._actions) < 2:
            return self._actions
        keys = {action.id: self.sort_key(row, self.sort_column)
                for row, action in enumerate(self._actions)}
        return sorted(self._actions, key=lambda action: keys[action.id],
                      reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    # -- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self.editable and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._row(row).texts[column]
        if role == _BACKGROUND:
            colour = URGENCY_COLOURS.get(self._row(row).urgency)
            return QBrush(colour) if colour is not None else None
        if role == _FOREGROUND:
            return QBrush(_DARK_TEXT) if self._row(row).urgency in URGENCY_COLOURS else None
        if role == _DECORATION:
            return self._icon() if column in CHECKED_TEXTS and self._warning(row, column) else None
        if role == _ACTION:
            return self._actions[row]
        if role == _SORT:
            return self._row(row).sort_keys[column]
        if role == _EDIT:
            return self._text(self._actions[row], column, True)
        return self._tooltip(row, column)

    def sort_key(self, row: int, column: int) -> tuple[Any, ...]:
        """The order of ``row`` when sorting on ``column``: its ``SORT_ROLE``, then deadline,
        section and id, so ties never depend on an earlier sort."""
        keys, action = self._row(row).sort_keys, self._actions[row]
        return (keys[column], keys[Column.DUE], keys[Column.SECTION], action.id)

    def _tooltip(self, row: int, column: int) -> str | None:
        action, shown = self._actions[row], self._row(row)
        if column == Column.SECTION:
            return self._instrument.section(action.section_id).title
        if column in CHECKED_TEXTS:
            warning = self._warning(row, column)
            return f"{shown.texts[column]}\n\n{warning}" if warning else shown.texts[column]
        if shown.urgency is Urgency.OVERDUE:
            return self.tr("De deadline is voorbij en de actie is niet afgerond.")
        if shown.urgency is Urgency.DUE_SOON:
            return self.tr("De deadline valt binnen twee weken.")
        return None

    def _row(self, row: int) -> _Shown:
        action = self._actions[row]
        shown = self._shown.get(action.id)
        if shown is None:
            # Every row of a round is worked out at a load (the sort and the filter need them
            # all): one pass per row, with what is the same for many rows looked up once.
            checklist, section, section_order = self._section_facts(action.section_id)
            urgency = action.urgency(self.today)
            texts = (checklist, section, action.what, action.who, self._due_text(action, urgency),
                     self._label(action.status), action.remarks)
            keys = (action.section_id, section_order, action.what.casefold(), action.who.casefold(),
                    action.due.isoformat() if action.due else "9999-12-31",
                    _STATUS_ORDER[action.status], action.remarks.casefold())
            search = "\n".join((action.what, action.who, action.remarks, section))
            shown = self._shown[action.id] = _Shown(urgency, texts, keys, search.casefold())
        return shown

    def _section_facts(self, section_id: str) -> tuple[str, str, tuple[int, ...]]:
        """The checklist's number and the section as shown, and the section's order."""
        facts = self._sections.get(section_id)
        if facts is None:
            section = self._instrument.section(section_id)
            number = self._instrument.checklist(section_id.split(".")[0]).number
            order = tuple(int(p) for p in section_id.split(".s")[1].split(".")) if ".s" in section_id else ()
            facts = self._sections[section_id] = (str(number), f"{section.number} {section.title}", order)
        return facts

    def _label(self, value: ActionStatus | Urgency) -> str:
        """A status or urgency in words (translated once per model)."""
        label = self._labels.get(value)
        if label is None:
            label = self._labels[value] = self.tr(value.label)
        return label

    def _due_text(self, action: Action, urgency: Urgency) -> str:
        text = format_date(action.due)
        if urgency is not Urgency.NONE:
            text += f" ({self._label(urgency).lower()})"
        return text

    def _warning(self, row: int, column: int) -> str:
        shown = self._row(row)
        names = self._names_for_warnings()
        kept = shown.warnings.get(column)
        if kept is None or kept[0] != self._names_generation:
            if self._names_after_paint and not medical_terms_loaded():
                self._read_after_paint()  # the medical words too are read after painting
                return ""
            kept = shown.warnings[column] = (
                self._names_generation, text_warning(self, shown.texts[column], names))
        return kept[1]

    def _icon(self) -> QIcon:
        if self._warning_icon is None:
            self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def privacy_warning(self, action: Action, column: int) -> str:
        """The Dutch warning for a medical word or a name in the cell's text; "" if none."""
        if column not in CHECKED_TEXTS:
            return ""
        names = self.person_names  # asked outright: with both lists, also right after a load
        load_medical_terms()
        row = self.row_of(action.id)
        if row >= 0 and self._actions[row] == action:
            return self._warning(row, column)
        return text_warning(self, self._text(action, column, False), names)

    def _text(self, action: Action, column: int, editing: bool) -> str:
        """The cell's text as shown, or (``editing``) as its editor starts."""
        if column == Column.DUE and editing:
            return format_date(action.due)
        if column == Column.STATUS and editing:
            return action.status.value
        if column == Column.CHECKLIST:
            return self._section_facts(action.section_id)[0]
        if column == Column.SECTION:
            return self._section_facts(action.section_id)[1]
        if column == Column.WHAT:
            return action.what
        if column == Column.WHO:
            return action.who
        if column == Column.DUE:
            return self._due_text(action, action.urgency(self.today))
        if column == Column.STATUS:
            return self._label(action.status)
        return action.remarks

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or index.column() not in EDITABLE or not self.editable:
            return False
        action = self._actions[index.row()]
        field_name = EDITABLE[index.column()]
        text = "" if value is None else str(value)
        try:
            if field_name == "due":
                new_value: object = parse_date(text)
            elif field_name == "what":
                if not text.strip():
                    raise ValidationError(self.tr("Een actie zonder omschrijving kan niet bewaard worden."))
                new_value = text
            elif field_name == "status":
                new_value = ActionStatus(text)
            else:
                new_value = text
            with self._recording(action):
                updated = self._dossier.assessments.update_action(action.id, **{field_name: new_value})
        except ValidationError as error:
            self.edit_refused.emit(str(error))
            return False
        except DossierError as error:
            self.edit_refused.emit(f"{error.message} {error.advice}".strip())
            return False
        self._actions[index.row()] = updated
        self._shown.pop(updated.id, None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(HEADERS) - 1))
        if field_name == "who":
            self._on_events_people_may_have_changed()  # a new "Wie" may name someone new
        self._resort()  # a new deadline or status may move the row
        self.edit_refused.emit("")
        self.action_changed.emit(updated.id)
        return True

    def _recording(self, action: Action) -> AbstractContextManager[None]:
        if self.events is None:
            return nullcontext()
        notify, show = assessment_calls(
            self.events, action.round_id, action.section_id if self.show_section else None)
        return recording_change(self.events, self._dossier,
                                self.tr("Actie “{0}” wijzigen").format(shorten(action.what, 60)),
                                "assessment_action", action.id, notify, show)


def shorten(text: str, limit: int) -> str:
    """One line of at most ``limit`` characters, for a step in Bewerken › Ongedaan maken."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
