"""Start a new self-assessment round, empty or from an earlier round; or correct a round's title and date."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.assessment import Round
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.ui.widgets.date_field import DateField
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.text import clean_text


class NewRoundDialog(QDialog):
    def __init__(self, rounds: list[Round], today: date, parent: QWidget | None = None,
                 *, editing: Round | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Nieuwe ronde") if editing is None else self.tr("Ronde wijzigen"))
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.title_edit = QLineEdit(self.tr("Zelfevaluatie {0}").format(today.year))
        self.title_edit.setObjectName("roundTitle")
        form.addRow(self.tr("&Titel"), self.title_edit)
        self.date_edit = DateField(format_date(today))
        self.date_edit.setObjectName("roundDate")
        self.date_edit.setPlaceholderText("dd-mm-jjjj")
        form.addRow(self.tr("&Datum"), self.date_edit)
        layout.addLayout(form)
        self.empty_radio = QRadioButton(self.tr("&Leeg beginnen"))
        self.copy_radio = QRadioButton(self.tr("Beginnen &vanaf de antwoorden van:"))
        self.copy_combo = QComboBox()
        self.copy_combo.setObjectName("copyFrom")
        for r in rounds:
            self.copy_combo.addItem(f"{r.title} — {format_date(r.held_on)}", r.id)
        layout.addWidget(self.empty_radio)
        layout.addWidget(self.copy_radio)
        layout.addWidget(self.copy_combo)
        note = QLabel(
            self.tr(
                "Bij een vertrek vanaf een eerdere ronde worden de antwoorden en de nog niet afgeronde "
                "acties overgenomen. De eerdere ronde blijft leesbaar en wordt afgesloten."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.error = QLabel()
        self.error.setObjectName("roundError")
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Ronde starten"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if editing is not None:
            self.title_edit.setText(editing.title)
            self.date_edit.setText(format_date(editing.held_on))
            for widget in (self.empty_radio, self.copy_radio, self.copy_combo, note):
                widget.hide()
            buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Bewaren"))
            rounds = []
        if rounds:
            self.copy_radio.setChecked(True)
        else:
            self.empty_radio.setChecked(True)
            self.copy_radio.setEnabled(False)
        self.copy_combo.setEnabled(self.copy_radio.isChecked())
        self.copy_radio.toggled.connect(self.copy_combo.setEnabled)

    def values(self) -> tuple[str, date, int | None]:
        held_on = parse_date(self.date_edit.text())
        assert held_on is not None
        copy_from = self.copy_combo.currentData() if self.copy_radio.isChecked() else None
        return clean_text(self.title_edit.text()).strip(), held_on, copy_from

    def accept(self) -> None:
        if not self.title_edit.text().strip():
            self.error.setText(self.tr("Geef de ronde een titel, bv. 'Zelfevaluatie 2026'."))
            self.title_edit.setFocus()
            return
        try:
            held_on = parse_date(self.date_edit.text())
        except ValidationError as error:
            self.error.setText(str(error))
            self.date_edit.setFocus()
            return
        if held_on is None:
            self.error.setText(self.tr("Geef de datum van de ronde."))
            self.date_edit.setFocus()
            return
        super().accept()
