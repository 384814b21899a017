"""Editors for the action table: a status list, a date field, 'Wie' with suggestions.

The "what" and "remarks" editors warn (amber, with a tooltip) while a medical word or,
given ``names``, the name of a person is typed: actions are printed for the committee.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kmo_reintegratie.assessment import ActionStatus
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.ui.models.action_model import CHECKED_TEXTS, Column
from kmo_reintegratie.ui.widgets.privacy_guard import NamesSource, PrivacyGuard

#: A cell editor has no room for a warning line: the field itself turns amber.
WARNING_EDITOR_STYLE = "QLineEdit { background: #fff3cd; color: #212529; }"

Index = QModelIndex | QPersistentModelIndex
_FILLED = "kmoEditorFilled"


def finish_editing(view: QAbstractItemView) -> None:
    """Store and close the cell editor open in ``view``, if any, as leaving the cell would.

    Call it before a filter or model change. Otherwise the view commits the editor from
    inside the proxy's row removal (the selection model moves the current row there), and
    the model's dataChanged re-enters a QSortFilterProxyModel that is half-way through
    endFilterChange(): Qt then writes past its row mappings and the program dies later.
    """
    if view.state() != QAbstractItemView.State.EditingState:
        return
    index = QPersistentModelIndex(view.currentIndex())
    editor = view.indexWidget(index)  # also returns the editor Qt opened on the index
    delegate = view.itemDelegateForIndex(index)
    if editor is None or delegate is None:
        return
    # Close first (the view's slot is protected, the delegate's signal is not): the editor
    # is only hidden and deleted later, so its value can still be read. Storing it while the
    # view still knew the editor would let Qt hook the editor up again if the stored value
    # filters its own row away.
    delegate.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    if index.isValid():
        delegate.setModelData(editor, view.model(), QModelIndex(index))


class ActionDelegate(QStyledItemDelegate):
    def __init__(self, suggestions: Callable[[], list[str]], parent: QWidget | None = None,
                 *, names: NamesSource | None = None):
        super().__init__(parent)
        self._suggestions = suggestions
        self._names = names

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        # Always the parent Qt passes (the viewport): Qt owns and deletes the editor, and no
        # Python reference outlives it.
        if index.column() == Column.STATUS:
            combo = QComboBox(parent)
            for status in ActionStatus:
                combo.addItem(status.label, status.value)
            return combo
        editor = QLineEdit(parent)
        if index.column() == Column.DUE:
            editor.setPlaceholderText("dd-mm-jjjj")
        elif index.column() == Column.WHO:
            completer = QCompleter(self._suggestions(), editor)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            editor.setCompleter(completer)
        elif index.column() in CHECKED_TEXTS:
            guard = PrivacyGuard(editor, names=self._names)  # deleted with the editor
            guard.warning_changed.connect(
                lambda _found, e=editor, g=guard: e.setStyleSheet(
                    WARNING_EDITOR_STYLE if g.has_warning() else ""))
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        # Filled once, when it opens: Qt fills an open editor again whenever its cell is in a
        # dataChanged (the privacy warnings are redone after the names are read), which would
        # throw away what the user has typed or chosen so far.
        if editor.property(_FILLED):
            return
        editor.setProperty(_FILLED, True)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QLineEdit):
            editor.setText(value or "")

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        elif isinstance(editor, QLineEdit):
            model.setData(index, clean_text(editor.text()), Qt.ItemDataRole.EditRole)
