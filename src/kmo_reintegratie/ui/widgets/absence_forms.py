"""Small building blocks of the absence detail: tables, date fields stored on leaving, writes."""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QScrollArea,
    QTableView,
    QWidget,
)

from kmo_reintegratie.absence import AbsenceError
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.ui.dialogs.absence_dialog import set_message
from kmo_reintegratie.ui.models.rows_model import RowsModel


#: Rows a table's columns are fitted to: more than a screen shows.
FIT_ROWS = 60


def frequency_text(every_days: int | None) -> str:
    return {None: "geen vaste frequentie", 7: "wekelijks", 14: "om de twee weken",
            30: "maandelijks"}.get(every_days, f"om de {every_days} dagen")


_DECIMAL = re.compile(r"[0-9]{1,9}(\.[0-9]{1,6})?")


def parse_number(text: str) -> float | None:
    """'50', '19,5' or '50 %' → a number; '' → None; else a Dutch ValidationError."""
    text = clean_text(text).strip().replace(",", ".").rstrip("%").strip()
    if not text:
        return None
    # ASCII digits only: float() would also take "nan", "1e999" and "²"-like digits.
    if not _DECIMAL.fullmatch(text):
        raise ValidationError("Geef een getal, bv. 50 of 19,5.")
    return float(text)


def rows_table(name: str, headers: tuple[str, ...], stretch: tuple[int, ...] = ()) -> QTableView:
    """A read-only table of whole rows over a RowsModel."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(RowsModel(headers, view))
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Fitted to the first rows (and those in view), not to all: a long absence has hundreds
    # of contacts, and measuring every cell took longer than the rest of showing the absence.
    header.setResizeContentsPrecision(FIT_ROWS)
    for column in stretch:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
    if not stretch:
        header.setStretchLastSection(True)
    return view


def rows_model(view: QTableView) -> RowsModel:
    model = view.model()
    assert isinstance(model, RowsModel)
    return model


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def write_or_show(action: Callable[[], object], label: QLabel) -> bool:
    """Run one repository write; a refusal or a dossier problem goes to ``label`` in Dutch."""
    try:
        action()
    except (AbsenceError, ValidationError) as error:
        set_message(label, str(error))
        return False
    except DossierError as error:
        set_message(label, f"{error.message} {error.advice}".strip())
        return False
    return True


class DateBinding:
    """A date editor stored when the user leaves it or presses Enter (never halfway a date)."""

    def __init__(self, editor: QLineEdit, label: QLabel, save: Callable[[str], str]) -> None:
        self.editor, self.label, self._save = editor, label, save
        self._loaded = ""
        editor.editingFinished.connect(self.commit)

    def load(self, text: str) -> None:
        self.editor.setText(text)
        self._loaded = text
        set_message(self.label, "")

    def busy(self) -> bool:
        return self.editor.hasFocus() or bool(self.label.text())

    def commit(self) -> bool:
        text = clean_text(self.editor.text())
        if text == self._loaded and not self.label.text():
            return True
        try:
            shown = self._save(text)
        except ValidationError as error:
            set_message(self.label, str(error))
            return False
        except DossierError as error:
            set_message(self.label, f"{error.message} {error.advice}".strip())
            return False
        set_message(self.label, "")
        self._loaded = shown
        if shown != text:
            self.editor.setText(shown)
        return True
