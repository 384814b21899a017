"""An editor bound to one stored value: validates while typing, stores at once.

Every edit is committed shortly after the user stops typing (and immediately on
leaving the field), so nothing is lost when the laptop dies. A value that does
not validate is never stored and never thrown away: it stays in the editor with
the Dutch message right below it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.text_limits import FREE_TEXT, LINE, too_long_message

Editor = QLineEdit | QPlainTextEdit | QComboBox | QCheckBox
SAVE_DELAY_MS = 400
ERROR_COLOUR = "color: #b00020;"


def editor_text(editor: Editor) -> str:
    """What the editor holds, made storable (no lone surrogates from a broken clipboard)."""
    if isinstance(editor, QLineEdit):
        return clean_text(editor.text())
    if isinstance(editor, QPlainTextEdit):
        return clean_text(editor.toPlainText())
    if isinstance(editor, QComboBox):
        return clean_text(editor.currentText())
    return "1" if editor.isChecked() else "0"


def set_editor_text(editor: Editor, text: str) -> None:
    if isinstance(editor, QLineEdit):
        editor.setText(text)
        editor.setCursorPosition(0)  # a long e-mail address shows its beginning, not its end
    elif isinstance(editor, QPlainTextEdit):
        editor.setPlainText(text)
    elif isinstance(editor, QComboBox):
        editor.setCurrentText(text)
    else:
        editor.setChecked(text == "1")


class BoundField(QObject):
    """Binds ``editor`` to ``save(text)``.

    ``save`` raises ValidationError to refuse the text, or returns the
    normalised text to show instead (e.g. a formatted enterprise number).
    """

    saved = Signal()

    def __init__(
        self,
        editor: Editor,
        save: Callable[[str], str | None],
        parent: QObject | None = None,
        *,
        limit: int | None = None,
    ):
        super().__init__(parent or editor)
        self.editor = editor
        self._save = save
        # Every text has a length limit (text_limits): one line by default, a few pages
        # for a plain-text editor, which has no maxLength and is checked on commit instead.
        self.limit = limit or (FREE_TEXT if isinstance(editor, QPlainTextEdit) else LINE)
        line = editor.lineEdit() if isinstance(editor, QComboBox) else editor
        if isinstance(line, QLineEdit):
            line.setMaxLength(self.limit)
        self.error_label = QLabel()
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()  # styled when it first shows a message: a page has dozens
        self._last_saved = editor_text(editor)
        self._closed = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self.commit)
        if isinstance(editor, QLineEdit):
            editor.textEdited.connect(self._on_editor_edited)
            editor.editingFinished.connect(self.commit)
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(self._on_editor_edited)
            # A plain-text editor has no editingFinished: store when focus leaves it.
            editor.installEventFilter(self)
        elif isinstance(editor, QComboBox):
            editor.currentTextChanged.connect(self._on_editor_edited)
        else:
            editor.toggled.connect(lambda _checked: self.commit())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.FocusOut and self._timer.isActive():
            self.commit()
        return False

    def widget(self) -> QWidget:
        """The editor with its message line, ready for a form layout."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.editor)
        layout.addWidget(self.error_label)
        return box

    def load(self, text: str) -> None:
        """Show a stored value without saving it back."""
        self.editor.blockSignals(True)
        set_editor_text(self.editor, text)
        self.editor.blockSignals(False)
        self._last_saved = text
        self._show_error("")

    @property
    def error(self) -> str:
        return self.error_label.text() if self.has_error() else ""

    def has_error(self) -> bool:
        return not self.error_label.isHidden()

    def _on_editor_edited(self, *_args: object) -> None:
        self._timer.start()

    def close(self) -> None:
        """Stop storing: the dossier is about to close (flush first with ``commit``).

        The editor may still emit ``editingFinished`` while it is torn down; a commit then
        would write to a closed database.
        """
        self._timer.stop()
        self._closed = True

    @property
    def pending(self) -> bool:
        """True while an edit waits for the typing pause."""
        return self._timer.isActive()

    def commit(self) -> bool:
        """Validate and store now; returns False when the value was refused."""
        self._timer.stop()
        if self._closed:
            return True
        text = editor_text(self.editor)
        if text == self._last_saved and not self.has_error():
            return True
        try:
            if len(text) > self.limit:
                raise ValidationError(too_long_message(self.limit))
            shown = self._save(text)
        except ValidationError as error:
            self._show_error(str(error))
            return False
        except DossierError as error:
            self._show_error(f"{error.message} {error.advice}".strip())
            return False
        if shown is not None and shown != text:
            self.load(shown)
            text = shown
        self._last_saved = text
        self._show_error("")
        self.saved.emit()
        return True

    def _show_error(self, message: str) -> None:
        if message and not self.error_label.styleSheet():
            self.error_label.setStyleSheet(ERROR_COLOUR)
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setToolTip(message)
