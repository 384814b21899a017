"""Editors for the action table: a status list, a date field, 'Wie' with suggestions."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from kmo_reintegratie.assessment import ActionStatus
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.ui.models.action_model import Column

Index = QModelIndex | QPersistentModelIndex


class ActionDelegate(QStyledItemDelegate):
    def __init__(self, suggestions: Callable[[], list[str]], parent: QWidget | None = None):
        super().__init__(parent)
        self._suggestions = suggestions

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
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
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
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
