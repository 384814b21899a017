"""How the random-input runner touches widgets: keys, typed characters, descriptions.

Plain helpers for random_input_monkey; nothing here chooses anything at random.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

Key = Qt.Key
Mod = Qt.KeyboardModifier
CTRL, SHIFT, NONE = Mod.ControlModifier, Mod.ShiftModifier, Mod.NoModifier

# Ctrl+Q (Afsluiten) is left out on purpose: the run ends when the monkey says so.
KEYS: tuple[tuple[Key, Mod], ...] = (
    (Key.Key_Tab, NONE), (Key.Key_Backtab, SHIFT), (Key.Key_Return, NONE), (Key.Key_Enter, NONE),
    (Key.Key_Escape, NONE), (Key.Key_Up, NONE), (Key.Key_Down, NONE), (Key.Key_Left, NONE),
    (Key.Key_Right, NONE), (Key.Key_PageUp, NONE), (Key.Key_PageDown, NONE), (Key.Key_Home, NONE),
    (Key.Key_End, NONE), (Key.Key_Space, NONE), (Key.Key_1, NONE), (Key.Key_2, NONE),
    (Key.Key_3, NONE), (Key.Key_Delete, NONE), (Key.Key_Backspace, NONE), (Key.Key_Z, CTRL),
    (Key.Key_Y, CTRL), (Key.Key_A, CTRL), (Key.Key_C, CTRL), (Key.Key_V, CTRL), (Key.Key_X, CTRL),
    (Key.Key_F2, NONE), (Key.Key_F, CTRL), (Key.Key_N, CTRL | SHIFT), (Key.Key_A, CTRL | SHIFT),
    (Key.Key_K, CTRL | SHIFT), (Key.Key_S, CTRL), (Key.Key_P, CTRL), (Key.Key_N, CTRL),
    (Key.Key_O, CTRL),
)
POPUP_KEYS = ((Key.Key_Down, NONE), (Key.Key_Up, NONE), (Key.Key_Return, NONE),
              (Key.Key_Escape, NONE), (Key.Key_Right, NONE), (Key.Key_Left, NONE))

def key_name(key: Key, modifiers: Mod = NONE) -> str:
    return QKeySequence(key.value | modifiers.value).toString()


def describe(widget: QWidget) -> str:
    """class#objectName path from the window down to ``widget``, with its text if any."""
    parts: list[str] = []
    node: QWidget | None = widget
    while node is not None and len(parts) < 5:
        name = node.objectName()
        parts.append(f"{type(node).__name__}#{name}" if name else type(node).__name__)
        if node.isWindow():
            break
        node = node.parentWidget()
    label = ""
    if isinstance(widget, QAbstractButton):
        label = widget.text().replace("&", "") or widget.toolTip()
    return ">".join(reversed(parts)) + (f" {label!r}" if label else "")


def pointer(widget: QObject) -> int:
    return shiboken6.getCppPointer(widget)[0]


def alive(widget: QObject | None) -> bool:
    return widget is not None and shiboken6.isValid(widget)


def clean(text: str) -> str:
    return text.replace("&", "")


def label(widget: QWidget) -> str:
    if isinstance(widget, QAbstractButton):
        return clean(widget.text()).lower()
    return ""


def index_path(index: QModelIndex) -> str:
    rows: list[str] = []
    node = index
    while node.isValid():
        rows.append(str(node.row()))
        node = node.parent()
    return "/".join(reversed(rows))


def type_chars(editor: QWidget, text: str) -> None:
    """Key events one character at a time, as a keyboard sends them.

    QTest.keyClicks asserts (and aborts) on characters outside ASCII, so the events are
    made here: a key code for ASCII letters and digits, the text alone for the rest.
    """
    for char in text:
        if not (alive(editor) and editor.isVisible()):
            return
        if char == "\n":
            QTest.keyClick(editor, Key.Key_Return)
            continue
        key, modifiers = 0, NONE
        if char.isascii() and char.isalnum():
            key = ord(char.upper())
            modifiers = SHIFT if char.isupper() else NONE
        elif char == " ":
            key = Key.Key_Space.value
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(editor, QKeyEvent(kind, key, modifiers, char))
