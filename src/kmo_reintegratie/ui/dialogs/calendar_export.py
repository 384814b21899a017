"""Bestand › Agenda exporteren…: the coming reminders as an .ics file for an agenda program.

:func:`export_calendar` asks the horizon and whether to use full names (initials by
default: the file leaves the program, often into a shared or synced agenda), then where to
save, and writes through :mod:`kmo_reintegratie.documents.calendar_export`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.documents.calendar_export import export_dossier_calendar
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.reminders import DEFAULT_HORIZON_DAYS
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.dialogs.messages import show_dossier_error

MAX_HORIZON_DAYS = 730


class CalendarExportDialog(QDialog):
    """The choices before the save dialog: how far ahead, and initials or full names."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Agenda exporteren"))
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Schrijf de komende wettelijke stappen, geplande contacten, termijnen van trajecten "
            "en acties uit het actieplan naar een agendabestand (.ics) voor Outlook, Google of "
            "Apple Agenda. Opnieuw importeren werkt de afspraken bij in plaats van ze te "
            "verdubbelen. Er staan geen medische gegevens in."
        ))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.horizon = QSpinBox()
        self.horizon.setObjectName("horizon")
        self.horizon.setRange(1, MAX_HORIZON_DAYS)
        self.horizon.setValue(DEFAULT_HORIZON_DAYS)
        self.horizon.setSuffix(self.tr(" dagen"))
        form.addRow(self.tr("Vooruitkijken:"), self.horizon)
        layout.addLayout(form)
        self.full_names = QCheckBox(self.tr("Volledige namen gebruiken"))
        self.full_names.setObjectName("fullNames")
        self.full_names.setChecked(False)
        layout.addWidget(self.full_names)
        note = QLabel(self.tr(
            "Standaard staan er enkel initialen (bv. K.V.) in de afspraken: een agenda wordt "
            "vaak gedeeld of gesynchroniseerd."
        ))
        note.setWordWrap(True)
        note.setStyleSheet("color: palette(placeholder-text);")
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Opslaan als…"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)


def export_calendar(parent: QWidget | None, dossier_path: Path, today: date) -> Path | None:
    """Ask, write the .ics file and say how many events it holds; the file written, or None.

    ``dossier_path`` is read in a read-only connection of its own (the window keeps its
    lock). A dossier as target is refused with a message; nothing is written then.
    """
    from kmo_reintegratie.store.dossier import Dossier

    choices = CalendarExportDialog(parent)
    title = choices.windowTitle()
    if not choices.exec():
        return None
    horizon, full_names = choices.horizon.value(), choices.full_names.isChecked()
    dossier_path = Path(dossier_path)
    suggested = dossier_path.with_name(f"{dossier_path.stem}-agenda.ics")
    name, _ = QFileDialog.getSaveFileName(
        parent, title, str(suggested), choices.tr("Agendabestand (*.ics)")
    )
    if not name:
        return None
    target = Path(name)
    if not target.suffix:
        target = target.with_name(target.name + ".ics")
    try:
        with Dossier.open(dossier_path, read_only=True) as dossier:
            written, count = export_dossier_calendar(
                dossier, target, today, horizon_days=horizon, full_names=full_names
            )
    except DossierError as error:
        show_dossier_error(parent, error)
        return None
    except ValueError as error:  # OutputRefused: the target is a dossier
        QMessageBox.warning(parent, title, str(error))
        return None
    except OSError as error:
        QMessageBox.warning(parent, title, choices.tr(
            "Het agendabestand kon niet geschreven worden: {0}").format(os_error_text(error)))
        return None
    if count == 1:
        text = choices.tr("1 afspraak voor de komende {0} dagen geschreven naar:\n\n{1}")
        message = text.format(horizon, written)
    else:
        text = choices.tr("{0} afspraken voor de komende {1} dagen geschreven naar:\n\n{2}")
        message = text.format(count, horizon, written)
    QMessageBox.information(parent, title, message)
    return written
