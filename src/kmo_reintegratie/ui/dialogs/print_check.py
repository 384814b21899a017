"""Before printing for the employee or the committee: show the flagged texts and ask.

``ask_before_printing`` opens a ``PrintCheckDialog`` (window-modal, not blocking) that
lists each flagged passage: where it comes from, the passage with the flagged words
marked, and why ("medisch woord", "naam van een persoon"). "Toch afdrukken" calls
``on_print``; "Annuleren" (the default button, also Escape) prints nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.documents.print_flags import FlaggedPassage, PrintCheck, Reason
from kmo_reintegratie.documents.printed_texts import Audience
from kmo_reintegratie.privacy import NAMES_EXPLANATION, PRIVACY_EXPLANATION

HIGHLIGHT = "#ffe08a"
WIDTH = 620
#: The list grows with its passages up to this height, then scrolls (fits a 1024×700 screen).
MAX_LIST_HEIGHT = 380
REASON_COLOUR = "#664d03"
#: A longer passage is shown as the parts around its flagged words.
SHORT_PASSAGE = 320
CONTEXT = 90


class PrintCheckDialog(QDialog):
    def __init__(self, check: PrintCheck, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.setObjectName("printCheck")
        self.setWindowTitle(self.tr("Nakijken voor het afdrukken – {0}").format(title))
        layout = QVBoxLayout(self)

        count = len(check.flagged)
        if check.audience is Audience.COMMITTEE:
            reader = self.tr("Dit document is voor het comité.")
        else:
            reader = self.tr("Dit document is voor de werknemer.")
        if count == 1:
            found = self.tr("In één tekst staat iets wat er misschien niet in hoort:")
        else:
            found = self.tr("In {0} teksten staat iets wat er misschien niet in hoort:")
            found = found.format(count)
        self.intro = QLabel(f"<b>{escape(reader)}</b> {escape(found)}")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)

        self.passages = QTextBrowser()
        self.passages.setObjectName("flaggedPassages")
        self.passages.setOpenLinks(False)
        self.passages.setHtml("".join(self._passage_html(f) for f in check.flagged))
        layout.addWidget(self.passages, 1)

        reasons = {r for f in check.flagged for r in f.reasons}
        advice = []
        if Reason.MEDICAL in reasons:
            advice.append(self.tr(PRIVACY_EXPLANATION))
        if Reason.NAME in reasons:
            advice.append(self.tr(NAMES_EXPLANATION))
        advice.append(self.tr("Pas de tekst aan waar u hem invulde en druk daarna af, "
                              "of druk toch af als de tekst klopt."))
        self.advice = QLabel(" ".join(advice))
        self.advice.setObjectName("printCheckAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.advice)

        self._fit_to_passages()

        buttons = QDialogButtonBox()
        self.print_button = QPushButton(self.tr("&Toch afdrukken"))
        self.print_button.setAutoDefault(False)
        self.cancel_button = QPushButton(self.tr("&Annuleren"))
        buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # Printing anyway takes a deliberate choice: Enter and Escape both cancel.
        self.cancel_button.setDefault(True)
        self.cancel_button.setFocus()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        # Measured once styled and shown: no empty band between the lines.
        layout = self.layout()
        height = layout.totalHeightForWidth(WIDTH) if layout.hasHeightForWidth() else -1
        self.resize(WIDTH, height if height > 0 else self.sizeHint().height())
        super().showEvent(event)

    def _fit_to_passages(self) -> None:
        """As high as the passages need, no more: one short passage is no half-empty box."""
        document = self.passages.document()
        document.setTextWidth(WIDTH - 40)
        needed = int(document.size().height()) + 2 * self.passages.frameWidth() + 8
        if needed <= MAX_LIST_HEIGHT:
            self.passages.setFixedHeight(max(needed, 60))  # all of it shows: nothing to scroll
        else:
            self.passages.setMinimumHeight(MAX_LIST_HEIGHT)

    def _passage_html(self, flagged: FlaggedPassage) -> str:
        why = "; ".join(
            f"{escape(self.tr(reason.value))} " + ", ".join(
                f"“{escape(w)}”" for w in dict.fromkeys(
                    f.word for f in flagged.flags if f.reason is reason))
            for reason in flagged.reasons
        )
        return (
            f"<p style='margin-bottom:10px'><b>{escape(flagged.passage.where)}</b><br/>"
            f"{marked_excerpt(flagged)}<br/>"
            f"<span style='color:{REASON_COLOUR}'>{escape(self.tr('Waarom:'))} {why}</span></p>"
        )


def marked_excerpt(flagged: FlaggedPassage) -> str:
    """The passage as HTML with its flagged words marked; a long one only around them."""
    text = flagged.passage.text
    windows: list[tuple[int, int]] = []
    for flag in flagged.flags:
        if len(text) <= SHORT_PASSAGE:
            start, end = 0, len(text)
        else:
            start = _word_start(text, flag.start - CONTEXT)
            end = _word_end(text, flag.end + CONTEXT)
        if windows and start <= windows[-1][1] + 1:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    parts = []
    for start, end in windows:
        html, cursor = [], start
        for flag in flagged.flags:
            if start <= flag.start and flag.end <= end:
                html.append(escape(text[cursor : flag.start]))
                html.append(f"<span style='background:{HIGHLIGHT}'><b>"
                            f"{escape(text[flag.start:flag.end])}</b></span>")
                cursor = flag.end
        html.append(escape(text[cursor:end]))
        parts.append("".join(html).strip())
    excerpt = " … ".join(parts)
    if windows[0][0] > 0:
        excerpt = "… " + excerpt
    if windows[-1][1] < len(text):
        excerpt += " …"
    return excerpt.replace("\n", "<br/>")


def _word_start(text: str, index: int) -> int:
    """``index``, moved back to the start of the word it falls in (never below 0)."""
    if index <= 0:
        return 0
    space = max(text.rfind(" ", 0, index), text.rfind("\n", 0, index))
    return space + 1


def _word_end(text: str, index: int) -> int:
    """``index``, moved on to the end of the word it falls in (never past the text)."""
    ends = [i for i in (text.find(" ", index), text.find("\n", index)) if i >= 0]
    return min(ends) if ends else len(text)


def ask_before_printing(
    parent: QWidget, check: PrintCheck, title: str, on_print: Callable[[], None]
) -> PrintCheckDialog:
    """Show the flagged texts of ``check``; ``on_print()`` runs only after "Toch afdrukken"."""
    dialog = PrintCheckDialog(check, title, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(on_print)
    dialog.open()
    return dialog
