"""Review the free text of the jaarverslag line by line before it goes to the committee.

Refusal reasons and lessons are typed about one person; in a small company a quoted line
makes that person recognisable. Nothing is printed unless someone ticks it here: every
checkbox starts unchecked. A line that looks medical, or that named someone of the
dossier (the name is already replaced in the line shown), carries a hint.

What callers may rely on: ``approved()`` is the tuple of ticked lines exactly as shown,
which ``ExportOptions.approved_lessons`` carries to the exporter; the dialog reads nothing
from the dossier itself (the lines and the names are given).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.annual_report import Names, ReviewLine, find_names
from kmo_reintegratie.privacy import find_medical_terms

HINT_STYLE = (
    "QLabel { background:#fff3cd; color:#664d03; border:1px solid #e0c36a;"
    " border-radius:3px; padding:2px 6px; }"
)
MAX_WORDS_SHOWN = 4


def privacy_hint(line: ReviewLine, names: Names | Sequence[str]) -> str:
    """Why a line deserves a second look before it goes to the committee, or ""."""
    hints = []
    medical = list(dict.fromkeys(m.word for m in find_medical_terms(line.text)))
    if medical:
        hints.append("lijkt medisch: " + ", ".join(medical[:MAX_WORDS_SHOWN]))
    named = list(dict.fromkeys(find_names(line.original, names)))
    if named:
        hints.append(
            "noemde " + ", ".join(named[:MAX_WORDS_SHOWN]) + " (vervangen door [werknemer]): "
            "is de persoon nog herkenbaar?"
        )
    text = "; ".join(hints)
    return text[:1].upper() + text[1:]


class _ToggleLabel(QLabel):
    """The text of a line: wraps, and a click on it ticks its checkbox like the box itself."""

    def __init__(self, text: str, box: QCheckBox):
        super().__init__(text)
        self._box = box
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._box.toggle()
        super().mouseReleaseEvent(event)


class AnnualReportReviewDialog(QDialog):
    def __init__(
        self,
        year: int,
        lines: Sequence[ReviewLine],
        names: Names | Sequence[str],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Jaarverslag {0}: vrije tekst nalezen").format(year))
        self.setMinimumSize(620, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Deze zinnen komen uit de trajecten (redenen van weigering, lessen bij het "
                "afsluiten). Het jaarverslag gaat naar het comité: vink enkel aan wat niemand "
                "herkenbaar maakt en niets medisch zegt. Wat u niet aanvinkt, komt er niet in. "
                "Namen zijn al vervangen."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        content = QWidget()
        column = QVBoxLayout(content)
        self.checkboxes: list[QCheckBox] = []
        self.hints: list[QLabel] = []
        self.lines = list(lines)
        section = ""
        for line in self.lines:
            if line.section != section:
                section = line.section
                heading = QLabel(f"<b>{section}</b>")
                heading.setTextFormat(Qt.TextFormat.RichText)
                column.addWidget(heading)
            # A checkbox cannot wrap its text: the line is a wrapping label beside it.
            box = QCheckBox()
            box.setObjectName("reviewLine")
            box.setAccessibleName(line.text)
            box.setChecked(False)
            box.toggled.connect(self._on_box_toggled)
            text = _ToggleLabel(line.text, box)
            row = QHBoxLayout()
            row.addWidget(box, 0, Qt.AlignmentFlag.AlignTop)
            lines_column = QVBoxLayout()
            lines_column.addWidget(text)
            hint = QLabel(privacy_hint(line, names))
            hint.setObjectName("reviewHint")
            hint.setWordWrap(True)
            hint.setStyleSheet(HINT_STYLE)
            hint.setVisible(bool(hint.text()))
            lines_column.addWidget(hint)
            row.addLayout(lines_column, 1)
            column.addLayout(row)
            self.checkboxes.append(box)
            self.hints.append(hint)
        column.addStretch(1)
        scroll.setWidget(content)
        layout.addWidget(scroll, 1)

        self.count_label = QLabel()
        self.count_label.setObjectName("reviewCount")
        layout.addWidget(self.count_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.print_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.print_button.setText(self.tr("&Afdrukken"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._on_box_toggled()

    def approved(self) -> tuple[str, ...]:
        """The ticked lines, exactly as shown (and as the jaarverslag will print them)."""
        return tuple(
            line.text for line, box in zip(self.lines, self.checkboxes) if box.isChecked()
        )

    def _on_box_toggled(self, _checked: bool = False) -> None:
        chosen = len(self.approved())
        if chosen == 0:
            text = self.tr("Geen zin aangevinkt: het jaarverslag zegt dat er geen opgenomen is.")
        elif chosen == 1:
            text = self.tr("1 zin komt in het jaarverslag.")
        else:
            text = self.tr("{0} zinnen komen in het jaarverslag.").format(chosen)
        self.count_label.setText(text)
