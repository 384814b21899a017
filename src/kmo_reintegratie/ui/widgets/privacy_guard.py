"""Warn (never block) while someone types medical information in a free-text field.

An employer may not record a diagnosis, symptoms, treatment or medication. A
``PrivacyGuard`` watches one ``QLineEdit`` or ``QPlainTextEdit``: shortly after
the user stops typing it runs :func:`privacy.find_medical_terms` and, when
something matches, shows an amber line under the field (``guard.label``, which
the caller puts in its layout) and marks the words in a ``QPlainTextEdit``.
The text itself is never changed or refused.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QTextEdit

from kmo_reintegratie.privacy import PRIVACY_EXPLANATION, Match, find_medical_terms

CHECK_DELAY_MS = 250
MAX_WORDS_SHOWN = 4
WARNING_STYLE = (
    "QLabel#privacyWarning { background: #fff3cd; color: #664d03; border: 1px solid #e0c36a;"
    " border-radius: 3px; padding: 4px 6px; }"
)
HIGHLIGHT = QColor("#ffe08a")

GuardedEditor = QLineEdit | QPlainTextEdit


class PrivacyGuard(QObject):
    """Watches ``editor``; ``label`` shows the warning, ``matches`` the words found."""

    #: The warning appeared, changed or disappeared (the medical words found, may be empty).
    warning_changed = Signal(list)

    def __init__(self, editor: GuardedEditor, parent: QObject | None = None,
                 delay_ms: int = CHECK_DELAY_MS) -> None:
        super().__init__(parent or editor)
        self.editor = editor
        self.matches: list[Match] = []
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
        seen: dict[str, str] = {}
        for match in self.matches:
            seen.setdefault(match.word.casefold(), match.word)
        return list(seen.values())

    def has_warning(self) -> bool:
        return bool(self.matches)

    def _on_editor_text_changed(self, *_args: object) -> None:
        self._timer.start()

    def _text(self) -> str:
        if isinstance(self.editor, QLineEdit):
            return self.editor.text()
        return self.editor.toPlainText()

    def check_now(self) -> None:
        """Check the current text at once (also done automatically after typing)."""
        self._timer.stop()
        matches = find_medical_terms(self._text())
        changed = [m.word for m in matches] != [m.word for m in self.matches]
        self.matches = matches
        self._show()
        self._highlight()
        if changed:
            self.warning_changed.emit(self.words)

    def _show(self) -> None:
        words = self.words
        if not words:
            self.label.clear()
            self.label.hide()
            self.editor.setToolTip("")
            return
        quoted = ", ".join(f"“{w}”" for w in words[:MAX_WORDS_SHOWN])
        if len(words) > MAX_WORDS_SHOWN:
            quoted += " …"
        if len(words) == 1:
            text = self.tr("Let op: {0} lijkt medische informatie. {1}")
        else:
            text = self.tr("Let op: {0} lijken medische informatie. {1}")
        message = text.format(quoted, self.tr(PRIVACY_EXPLANATION))
        self.label.setText(message)
        self.editor.setToolTip(message)
        # A label that is not in a layout yet would become a window of its own;
        # it is shown once it gets a parent (see eventFilter).
        if self.label.parentWidget() is not None:
            self.label.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.label and event.type() == QEvent.Type.ParentChange:
            self.label.setVisible(bool(self.matches) and self.label.parentWidget() is not None)
        return False

    def _highlight(self) -> None:
        if not isinstance(self.editor, QPlainTextEdit):
            return
        selections = []
        fmt = QTextCharFormat()
        fmt.setBackground(HIGHLIGHT)
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#b07d00"))
        for match in self.matches:
            selection = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(_qt_offset(self._text(), match.start))
            cursor.setPosition(_qt_offset(self._text(), match.end), QTextCursor.MoveMode.KeepAnchor)
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.editor.setExtraSelections(selections)


def _qt_offset(text: str, index: int) -> int:
    """Python string index → Qt (UTF-16) position, so emoji before a word do not shift it."""
    return len(text[:index].encode("utf-16-le")) // 2


def attach_privacy_guard(editor: GuardedEditor) -> PrivacyGuard:
    """Watch ``editor``; put the returned guard's ``label`` right under it in the layout."""
    return PrivacyGuard(editor)
