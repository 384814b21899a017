"""`Gegevens wissen…` for one person: anonymise (default) or erase everything.

The dialog explains both choices, lists what goes, says which backups still hold the data
(with the choice to remove them now), and asks for an explicit confirmation: nothing here can
be undone. It only asks; :func:`perform` does the work, each choice one transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from html import escape

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.erasure_rules import anonymised_parts, erased_parts
from kmo_reintegratie.store import erasure
from kmo_reintegratie.store.backup import KEEP_DAYS, KEEP_MONTHS, KEEP_WEEKS, BackupError, BackupInfo
from kmo_reintegratie.store.backup_prune import backups_before, prune_before
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents

NOTE_STYLE = "color: palette(placeholder-text);"
WARNING_STYLE = "color:#8a1c1c;"


class Choice(str, Enum):
    ANONYMISE = "anonimiseren"
    ERASE = "wissen"


class EraseDialog(QDialog):
    def __init__(self, dossier: Dossier, employee: Employee, today: date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self.employee = employee
        self._counts = erasure.counts(dossier, employee.id)
        self._anonymised_on = erasure.anonymised_on(dossier, employee.id)
        self.backups = backups_before(dossier, datetime.now())
        self.setWindowTitle(self.tr("Gegevens wissen – {0}").format(employee.name))
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        layout.addWidget(self._label(self.tr(
            "<b>Wat gebeurt er met de gegevens van {0}?</b> Doe dit wanneer de gegevens niet "
            "meer nodig zijn, meestal nadat de persoon de organisatie verliet, of wanneer de "
            "persoon erom vraagt (recht op gegevenswissing).").format(escape(employee.name))))

        self.anonymise_radio = QRadioButton(self.tr("&Anonimiseren (aanbevolen)"))
        self.anonymise_radio.setObjectName("anonymise")
        self.erase_radio = QRadioButton(self.tr("Alles &wissen"))
        self.erase_radio.setObjectName("eraseAll")
        group = QButtonGroup(self)
        group.addButton(self.anonymise_radio)
        group.addButton(self.erase_radio)
        layout.addWidget(self.anonymise_radio)
        layout.addWidget(self._label(self.tr(
            "Naam, contactgegevens en alle vrije tekst verdwijnen. Wat de analyse en de "
            "jaarverslagen van voorbije jaren tellen, blijft zonder naam bewaard: datums en soort "
            "van de afwezigheden, attesten, deeltijdse hervattingen, afdeling, statuut, "
            "uurregeling en de trajecten met hun beslissingen. De cijfers van voorbije jaren "
            "blijven dus dezelfde."), indent=True, style=NOTE_STYLE))
        layout.addWidget(self.erase_radio)
        layout.addWidget(self._label(self.tr(
            "De persoon en alles wat bij hem of haar hoort, verdwijnt. De analyse en de "
            "jaarverslagen van voorbije jaren tellen deze persoon daarna niet meer mee."),
            indent=True, style=NOTE_STYLE))
        if self._anonymised_on:
            self.anonymise_radio.setEnabled(False)
            self.anonymise_radio.setText(self.tr("Anonimiseren (al gebeurd op {0})").format(
                format_date(self._anonymised_on)))
            self.erase_radio.setChecked(True)
        else:
            self.anonymise_radio.setChecked(True)

        self.what_goes = self._label("", name="whatGoes")
        layout.addWidget(self.what_goes)
        mentions = erasure.mentions_elsewhere(dossier, employee.id)
        if mentions:
            layout.addWidget(self._label(self.tr(
                "De naam komt nog {0} keer voor bij gegevens van anderen (bijvoorbeeld als collega "
                "die een contact had of als leidinggevende). Die gegevens horen bij die anderen en "
                "blijven staan; pas ze zelf aan waar nodig.").format(mentions), name="mentions",
                style=NOTE_STYLE))

        self.backups_note = self._label(backups_sentence(self.backups, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS),
                                        name="backupsNote")
        layout.addWidget(self.backups_note)
        self.prune_check = QCheckBox(self.tr("Deze reservekopieën nu verwijderen (er wordt meteen "
                                             "een nieuwe gemaakt, zonder deze gegevens)"))
        self.prune_check.setObjectName("pruneBackups")
        self.prune_check.setVisible(bool(self.backups))
        layout.addWidget(self.prune_check)

        layout.addWidget(self._label(self.tr(
            "<b>Dit kan niet ongedaan gemaakt worden</b>, ook niet met Bewerken › Ongedaan maken; "
            "die lijst wordt leeggemaakt."), style=WARNING_STYLE))
        self.confirm_check = QCheckBox(self.tr("Ik begrijp dat dit niet ongedaan gemaakt kan worden."))
        self.confirm_check.setObjectName("confirmErase")
        layout.addWidget(self.confirm_check)

        layout.addStretch(1)  # a tall window keeps the text together, the buttons at the bottom
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setObjectName("eraseConfirmed")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for widget in (self.anonymise_radio, self.erase_radio, self.confirm_check):
            widget.toggled.connect(self._update)
        self._update()

    def _label(self, text: str, *, name: str = "", indent: bool = False, style: str = "") -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        if name:
            label.setObjectName(name)
        if indent:
            label.setIndent(22)
        if style:
            label.setStyleSheet(style)
        return label

    @property
    def choice(self) -> Choice:
        return Choice.ANONYMISE if self.anonymise_radio.isChecked() else Choice.ERASE

    @property
    def prune_backups(self) -> bool:
        return bool(self.backups) and self.prune_check.isChecked()

    def _update(self) -> None:
        anonymise = self.choice is Choice.ANONYMISE
        parts = anonymised_parts(self._counts) if anonymise else [
            self.tr("de persoon zelf (naam, dienstperiode, contactgegevens)"), *erased_parts(self._counts)]
        title = self.tr("Wat verdwijnt:")
        self.what_goes.setText(f"<b>{title}</b><ul style='margin-top:2px'>"
                               + "".join(f"<li>{escape(p)}</li>" for p in parts) + "</ul>")
        self.ok_button.setText(self.tr("Anonimiseren") if anonymise else self.tr("Alles wissen"))
        self.ok_button.setEnabled(self.confirm_check.isChecked())


def backups_sentence(backups: list[BackupInfo], days: int, weeks: int, months: int) -> str:
    """What the confirmation says about the backups made before the erasure."""
    if not backups:
        return ("Er zijn geen dagelijkse reservekopieën van dit dossier op deze computer. "
                "Kopieën die u zelf elders bewaarde, bevatten de gegevens nog.")
    oldest, newest = backups[-1].made_at, backups[0].made_at
    count = ("1 dagelijkse reservekopie" if len(backups) == 1
             else f"{len(backups)} dagelijkse reservekopieën")
    span = (f"van {format_date(oldest.date())}" if oldest.date() == newest.date()
            else f"van {format_date(oldest.date())} tot {format_date(newest.date())}")
    return (f"<b>Reservekopieën:</b> er {'is' if len(backups) == 1 else 'zijn'} {count} {span} "
            "die deze gegevens nog bevatten, tot ze vanzelf wegvallen (het programma houdt "
            f"{days} dagelijkse, {weeks} wekelijkse en {months} maandelijkse kopieën bij: de "
            f"oudste verdwijnt dus pas na ongeveer {months} maanden). Kopieën die u zelf elders "
            "bewaarde, moet u zelf verwijderen.")


def perform(dossier: Dossier, employee: Employee, choice: Choice, today: date, *,
            prune_backups: bool, events: DossierEvents | None) -> str:
    """Anonymise or erase ``employee``, optionally remove older backups; return the status.

    Raises ``DossierError`` when the dossier refused (nothing changed then).
    """
    moment = datetime.now()
    if choice is Choice.ANONYMISE:
        erasure.anonymise_employee(dossier, employee.id, on=today)
        message = (f"{employee.name} is geanonimiseerd; de cijfers van voorbije jaren blijven "
                   "dezelfde.")
    else:
        erasure.erase_employee(dossier, employee.id)
        message = f"De gegevens van {employee.name} zijn gewist."
    after_erasure(events)
    if prune_backups:
        try:
            removed, _fresh = prune_before(dossier, moment)
            message += f" {len(removed)} oudere reservekopie(ën) verwijderd."
        except BackupError as error:
            message += f" {error.message} {error.advice}".rstrip()
    else:
        older = len(backups_before(dossier, moment))
        if older:
            message += (f" {older} oudere reservekopie(ën) bevatten de gegevens nog tot ze "
                        "vanzelf wegvallen.")
    return message


def after_erasure(events: DossierEvents | None) -> None:
    """What follows every erasure: forget the undo history, and let the pages reload.

    The undo stack may hold the erased rows (an undoable delete keeps them to put back) or
    restore them by id; an erasure must not be undone that way, so the whole history goes.
    """
    if events is None:
        return
    if events.undo_stack is not None:
        events.undo_stack.clear()
    events.employees_changed.emit()
    events.absences_changed.emit(0)
    events.trajectories_changed.emit(0)
