"""Before a letter is printed: how to address the employee.

"Beste Koen," is how most Flemish SMEs write to their own people and is the default; a
formal "Geachte heer Verhaegen," or "Geachte mevrouw Verhaegen," is one arrow key away, and
a name the program splits wrongly ("Jan Pieter Janssens") can be typed in full. The dossier
stores no gender, so the dialog asks instead of guessing.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.documents.letter_texts import (
    MAX_SALUTATION,
    clean_salutation,
    salutation_choices,
)


class SalutationDialog(QDialog):
    """Asks for the salutation of the letter to ``name``; ``salutation()`` after Accepted."""

    def __init__(self, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Aanspreking in de brief"))
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Hoe spreekt de brief {0} aan?").format(name))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.group = QButtonGroup(self)
        self.choices: list[QRadioButton] = []
        for text in salutation_choices(name):
            # No mnemonic: the text is the person's name, and "&" in it must stay visible.
            button = QRadioButton(text.replace("&", "&&"))
            button.setProperty("salutation", text)
            self.group.addButton(button)
            self.choices.append(button)
            layout.addWidget(button)
        self.other = QRadioButton(self.tr("&Andere aanspreking:"))
        self.group.addButton(self.other)
        layout.addWidget(self.other)
        self.other_edit = QLineEdit()
        self.other_edit.setObjectName("otherSalutation")
        self.other_edit.setMaxLength(MAX_SALUTATION)
        self.other_edit.setPlaceholderText(self.tr("bv. Beste Jan Pieter,"))
        self.other_edit.setEnabled(False)
        layout.addWidget(self.other_edit)
        self.other.toggled.connect(self._on_other_toggled)
        self.other_edit.textEdited.connect(lambda _text: self.error.clear())
        self.error = QLabel()
        self.error.setObjectName("salutationError")
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Afdrukken…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.choices[0].setChecked(True)
        self.choices[0].setFocus()

    def salutation(self) -> str:
        """The chosen salutation, tidied ("Beste Koen,"); ValueError for an empty own text."""
        if self.other.isChecked():
            return clean_salutation(self.other_edit.text())
        checked = self.group.checkedButton()
        return str(checked.property("salutation"))

    def accept(self) -> None:
        try:
            self.salutation()
        except ValueError as error:
            self.error.setText(str(error))
            self.other_edit.setFocus()
            return
        super().accept()

    def _on_other_toggled(self, checked: bool) -> None:
        self.other_edit.setEnabled(checked)
        self.error.clear()
        if checked:
            self.other_edit.setFocus()
