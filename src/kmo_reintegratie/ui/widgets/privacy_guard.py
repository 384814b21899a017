"""Warn (never block) while someone types medical information in a free-text field.

An employer may not record a diagnosis, symptoms, treatment or medication. A
``PrivacyGuard`` watches one ``QLineEdit`` or ``QPlainTextEdit``: shortly after
the user stops typing it runs :func:`privacy.find_medical_terms` and, when
something matches, shows an amber line under the field (``guard.label``, which
the caller puts in its layout) and marks the words in a ``QPlainTextEdit``.
The text itself is never changed or refused.

A field whose text goes to the committee (self-assessment comments, actions) also
gets ``names``: the guard then warns about the names of people in the dossier too.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from kmo_reintegratie.privacy import (
    NAMES_EXPLANATION,
    PRIVACY_EXPLANATION,
    Match,
    PersonNames,
    find_medical_terms,
    load_medical_terms,
)

CHECK_DELAY_MS = 250
MAX_WORDS_SHOWN = 4
WARNING_STYLE = (
    "QLabel#privacyWarning { background: #fff3cd; color: #664d03; border: 1px solid #e0c36a;"
    " border-radius: 3px; padding: 4px 6px; }"
)
HIGHLIGHT = QColor("#ffe08a")

GuardedEditor = QLineEdit | QPlainTextEdit
#: The names to warn about, or how to get them when checking (they change with the dossier).
NamesSource = PersonNames | Callable[[], PersonNames | None]


class PrivacyGuard(QObject):
    """Watches ``editor``; ``label`` shows the warning, ``matches`` the medical words found,
    ``name_matches`` the names of people (only with ``names``)."""

    #: The warning appeared, changed or disappeared (the medical words and names found).
    warning_changed = Signal(list)

    def __init__(self, editor: GuardedEditor, parent: QObject | None = None,
                 delay_ms: int = CHECK_DELAY_MS, *, names: NamesSource | None = None) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self._names = names
        self.matches: list[Match] = []
        self.name_matches: list[Match] = []
        self.label = QLabel()
        self.label.setObjectName("privacyWarning")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setStyleSheet(WARNING_STYLE)
        self.label.hide()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.check_now)
        editor.textChanged.connect(self._on_editor_text_changed)
        self.label.installEventFilter(self)
        self.check_now()

    @property
    def words(self) -> list[str]:
        """The distinct medical words found, in text order (as typed)."""
        return _distinct(self.matches)

    @property
    def names(self) -> list[str]:
        """The distinct names of people found, in text order (as typed)."""
        return _distinct(self.name_matches)

    def has_warning(self) -> bool:
        return bool(self.matches or self.name_matches)

    def _on_editor_text_changed(self, *_args: object) -> None:
        if self._text().strip():
            self._timer.start()
        else:
            self.check_now()  # an emptied field (an action just added) loses its warning at once

    def _text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    def check_now(self) -> None:
        """Check the current text at once (also done automatically after typing)."""
        self._timer.stop()
        text = self._text()
        # An empty field has nothing to find: the word list is read when there is a text.
        matches = find_medical_terms(text) if text.strip() else []
        source = self._names  # a callable is asked only for a text to check: it reads the dossier
        names = (source() if text.strip() else None) if callable(source) else source
        name_matches = [
            m for m in (names.find(text) if names is not None else [])
            if not any(m.start < o.end and o.start < m.end for o in matches)
        ]
        old = [m.word for m in (*self.matches, *self.name_matches)]
        self.matches, self.name_matches = matches, name_matches
        self._show()
        self._highlight()
        if [m.word for m in (*matches, *name_matches)] != old:
            self.warning_changed.emit(self.words + self.names)

    def _show(self) -> None:
        message = warning_message(self, self.words, self.names)
        if not message:
            self.label.clear()
            self.label.hide()
            self.editor.setToolTip("")
            return
        self.label.setText(message)
        self.editor.setToolTip(message)
        # A label that is not in a layout yet would become a window of its own;
        # it is shown once it gets a parent (see eventFilter).
        if self.label.parentWidget() is not None:
            self.label.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.ParentChange:
            self.label.setVisible(self.has_warning() and self.label.parentWidget() is not None)
        return False

    def _highlight(self) -> None:
        if not isinstance(self.editor, QPlainTextEdit):
            return
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#b07d00"))
        for match in (*self.matches, *self.name_matches):
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(_qt_offset(self._text(), match.start))
            cursor.setPosition(_qt_offset(self._text(), match.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.editor.setExtraSelections(selections)


def warning_message(context: QObject, words: list[str], names: list[str]) -> str:
    """The Dutch warning for medical ``words`` and person ``names`` ("" for none of both).

    ``context`` translates (its ``tr``), so the text is the same under a field and in a table.
    """
    parts = []
    if words:
        if len(words) == 1:
            text = context.tr("Let op: {0} lijkt medische informatie. {1}")
        else:
            text = context.tr("Let op: {0} lijken medische informatie. {1}")
        parts.append(text.format(_quoted(words), context.tr(PRIVACY_EXPLANATION)))
    if names:
        if len(names) == 1:
            text = context.tr("Let op: {0} is de naam van een persoon. {1}")
        else:
            text = context.tr("Let op: {0} zijn namen van personen. {1}")
        parts.append(text.format(_quoted(names), context.tr(NAMES_EXPLANATION)))
    return "\n".join(parts)


def medical_terms_loaded() -> bool:
    """Whether the list of medical words is read already (its first use takes tens of ms)."""
    return load_medical_terms.cache_info().currsize > 0


def text_warning(context: QObject, text: str, names: PersonNames | None) -> str:
    """``warning_message`` for a stored ``text`` (a table cell): "" when it is clean."""
    words = find_medical_terms(text) if text.strip() else []
    people = names.find(text) if names is not None else []
    return warning_message(context, _distinct(words), _distinct(people))


def _distinct(matches: list[Match]) -> list[str]:
    seen: dict[str, str] = {}
    for match in matches:
        seen.setdefault(match.word.casefold(), match.word)
    return list(seen.values())


def _quoted(words: list[str]) -> str:
    quoted = ", ".join(f"“{w}”" for w in words[:MAX_WORDS_SHOWN])
    return quoted + " …" if len(words) > MAX_WORDS_SHOWN else quoted


def _qt_offset(text: str, index: int) -> int:
    """Python string index → Qt (UTF-16) position, so emoji before a word do not shift it."""
    return len(text[:index].encode("utf-16-le")) // 2


def attach_privacy_guard(
    editor: GuardedEditor, *, names: NamesSource | None = None
) -> PrivacyGuard:
    """Watch ``editor``; put the returned guard's ``label`` right under it in the layout.

    With ``names`` the guard also warns about names of people (texts for the committee).
    """
    return PrivacyGuard(editor, names=names)
