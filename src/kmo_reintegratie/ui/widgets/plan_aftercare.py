"""The aftercare date of a plan, with the rule-of-thumb suggestion: half the absence (seed 002).

Aftercare that stops while the plan still runs leaves its last part without follow-up
(``trajectory_checks``): the suggestion never ends before the plan or its last evaluation
talk, and a typed date that does is flagged under the field.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kmo_reintegratie.absence import Absence
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import aftercare_period
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    WARNING_STYLE,
    DateEdit,
    error_label,
    show_error,
    wrapped,
)


class AftercareEditor(QWidget):
    edited = Signal()

    def __init__(self, plan_start: Callable[[], date | None], parent: QWidget | None = None,
                 follow_until: Callable[[], date | None] = lambda: None):
        """``follow_until``: the plan's last day or its last evaluation talk, the later one."""
        super().__init__(parent)
        self._plan_start = plan_start
        self._follow_until = follow_until
        self.absence: Absence | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.date_edit = DateEdit("aftercareUntil")
        self.date_edit.textEdited.connect(lambda *_: self.edited.emit())
        self.date_edit.editingFinished.connect(lambda: self.date_edit.checked_value())
        self.suggest_button = QPushButton(self.tr("Voorstel: de helft van de afwezigheid"))
        self.suggest_button.setObjectName("suggestAftercare")
        self.suggest_button.clicked.connect(self._on_suggest_clicked)
        row.addWidget(self.date_edit)
        row.addWidget(self.suggest_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.date_edit.error)
        self.error = error_label("aftercareError")
        layout.addWidget(self.error)
        self.warning = wrapped(name="aftercareWarning", style=WARNING_STYLE)
        self.warning.hide()
        layout.addWidget(self.warning)
        self.explanation = wrapped(name="aftercareExplanation")
        self.explanation.setStyleSheet("color: palette(placeholder-text);")
        self.explanation.hide()
        layout.addWidget(self.explanation)

    def set_value(self, value: date | None) -> None:
        self.date_edit.set_value(value)
        show_error(self.error, "")
        self.explanation.hide()

    def checked_value(self) -> tuple[date | None, bool]:
        return self.date_edit.checked_value()

    def set_warnings(self, messages: list[str]) -> None:
        """What in the aftercare date does not fit the plan, shown under the field (empty: none)."""
        show_error(self.warning, "\n".join(messages))

    def set_editable(self, editable: bool) -> None:
        self.date_edit.setReadOnly(not editable)
        self.suggest_button.setEnabled(editable)
        self.suggest_button.setVisible(editable)  # a suggestion nobody can take is noise

    def _on_suggest_clicked(self) -> None:
        start = self._plan_start()
        if self.absence is None:
            show_error(self.error, self.tr("Er is geen afwezigheid gekend voor dit traject: het programma kent de "
                                           "duur van de afwezigheid niet."))
            return
        if start is None:
            show_error(self.error, self.tr("Vul eerst de geldigheidsduur (van) of het uurrooster in: de nazorg "
                                           "begint bij de werkhervatting."))
            return
        try:
            period = aftercare_period(self.absence.starts, start)
        except ValueError:
            show_error(self.error, self.tr("De start van het plan ligt niet na het begin van de afwezigheid."))
            return
        show_error(self.error, "")
        end, text = period.end, f"{period.explanation}\n{self.tr('Bron')}: {period.source}. {period.note}"
        follow_until = self._follow_until()
        if follow_until is not None and end < follow_until:
            end = follow_until
            text += "\n" + self.tr("Het plan of de evaluatie loopt langer: de nazorg loopt minstens tot het einde "
                                    "van het plan en het laatste evaluatiegesprek ({0}).").format(
                                        format_date(follow_until))
        self.date_edit.set_value(end)
        self.explanation.setText(text)
        self.explanation.show()
        self.edited.emit()
