"""Table model of self-assessment actions, shared by a section's action list and the Actieplan.

An action goes to the committee (zelfevaluatie, actieplan): a "what" or "remarks" that holds
a medical word or the name of a person in the dossier gets a warning icon and tooltip.

What a row shows (texts, urgency, sort keys and the privacy warnings) is worked out once per
action, when it is first asked for after a load or a change: a view asks ``data`` dozens of
times per cell while painting and fitting rows, and the name check reads every person.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from kmo_reintegratie.assessment import Action, ActionStatus, Urgency
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.instrument import Instrument
from kmo_reintegratie.documents.print_flags import dossier_names
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.privacy import PersonNames
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import assessment_calls, recording_change
from kmo_reintegratie.ui.widgets.privacy_guard import text_warning

ACTION_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


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
_DARK_TEXT = QColor("#212529")  # stays readable on the light warning colours in dark themes


@dataclass
class _Shown:
    """One action as its row shows it (see the module docstring)."""

    urgency: Urgency
    texts: tuple[str, ...]
    sort_keys: tuple[Any, ...]
    #: Per checked column, filled in when first asked (the name check is the slow part).
    warnings: dict[int, str] = field(default_factory=dict)


class ActionTableModel(QAbstractTableModel):
    """Rows are the actions of one round (optionally of one section), stored at once on edit."""

    #: A value was refused; the Dutch message belongs next to the table.
    edit_refused = Signal(str)
    #: An action was changed and stored (its id).
    action_changed = Signal(int)

    def __init__(self, dossier: Dossier, instrument: Instrument, today: date, parent: Any = None, *,
                 events: DossierEvents | None = None, show_section: bool = False):
        super().__init__(parent)
        #: The dossier events whose undo stack records each stored edit (None: not recorded).
        self.events = events
        #: An undo of an edit shows the action's section in `Zelfevaluatie`.
        self.show_section = show_section
        self._dossier = dossier
        self._instrument = instrument
        self._today = today
        self._shown: dict[int, _Shown] = {}  # by action id; emptied at every load
        self._warning_icon: QIcon | None = None
        self._actions: list[Action] = []
        self.round_id: int | None = None
        self.section_id: str | None = None
        self.editable = False
        #: The dossier's people, read at every load (employees may have changed meanwhile).
        self.person_names: PersonNames | None = None

    # -- loading ------------------------------------------------------------

    def load(self, round_id: int | None, section_id: str | None = None, *, editable: bool = True) -> None:
        self.beginResetModel()
        self.round_id, self.section_id = round_id, section_id
        self.editable = editable and not self._dossier.read_only
        self._actions = (
            self._dossier.assessments.actions(round_id, section_id) if round_id is not None else []
        )
        self.person_names = dossier_names(self._dossier) if self._actions else None
        self._shown.clear()
        self.endResetModel()

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
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._row(row).texts[column]
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = URGENCY_COLOURS.get(self._row(row).urgency)
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_DARK_TEXT) if self._row(row).urgency in URGENCY_COLOURS else None
        if role == Qt.ItemDataRole.DecorationRole:
            return self._icon() if column in CHECKED_TEXTS and self._warning(row, column) else None
        if role == ACTION_ROLE:
            return self._actions[row]
        if role == SORT_ROLE:
            return self._row(row).sort_keys[column]
        if role == Qt.ItemDataRole.EditRole:
            return self._text(self._actions[row], column, True)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        return None

    def sort_key(self, row: int, column: int) -> tuple[Any, ...]:
        """The order of ``row`` when sorting on ``column``: its ``SORT_ROLE``, then deadline,
        section and id, so ties never depend on an earlier sort (one call per comparison)."""
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
            columns = range(len(HEADERS))
            shown = self._shown[action.id] = _Shown(
                action.urgency(self.today), tuple(self._text(action, c, False) for c in columns),
                tuple(self._sort_key(action, c) for c in columns))
        return shown

    def _warning(self, row: int, column: int) -> str:
        warnings = self._row(row).warnings
        if column not in warnings:
            warnings[column] = text_warning(self, self._row(row).texts[column], self.person_names)
        return warnings[column]

    def _icon(self) -> QIcon:
        if self._warning_icon is None:
            self._warning_icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def privacy_warning(self, action: Action, column: int) -> str:
        """The Dutch warning for a medical word or a name in the cell's text; "" if none."""
        if column not in CHECKED_TEXTS:
            return ""
        row = self.row_of(action.id)
        if row >= 0 and self._actions[row] == action:
            return self._warning(row, column)
        return text_warning(self, self._text(action, column, False), self.person_names)

    def _text(self, action: Action, column: int, editing: bool) -> str:
        if column == Column.CHECKLIST:
            return str(self._instrument.checklist(action.section_id.split(".")[0]).number)
        if column == Column.SECTION:
            section = self._instrument.section(action.section_id)
            return f"{section.number} {section.title}"
        if column == Column.WHAT:
            return action.what
        if column == Column.WHO:
            return action.who
        if column == Column.DUE:
            text = format_date(action.due)
            urgency = action.urgency(self.today)
            if not editing and urgency is not Urgency.NONE:
                text += f" ({self.tr(urgency.label).lower()})"
            return text
        if column == Column.STATUS:
            return action.status.value if editing else self.tr(action.status.label)
        return action.remarks

    def _sort_key(self, action: Action, column: int) -> Any:
        if column == Column.DUE:
            return action.due.isoformat() if action.due else "9999-12-31"
        if column == Column.STATUS:
            return list(ActionStatus).index(action.status)
        if column == Column.CHECKLIST:
            return action.section_id
        if column == Column.SECTION:
            return tuple(int(p) for p in action.section_id.split(".s")[1].split(".")) if ".s" in action.section_id else ()
        return self._text(action, column, True).casefold()

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
