"""Wie werkt er met het programma? The name the logbook of every dossier records.

Asked once per computer (``ensure_user_name`` at the start); a consultant working for
several organisations gives their own name, and anyone can change it later
(``change_user_name``). The name is kept in the user's configuration folder
(``user_identity``), never in a dossier's lock file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie import user_identity
from kmo_reintegratie.os_errors import os_error_text

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


def _tr(text: str) -> str:
    return QCoreApplication.translate("UserNameDialog", text)


class UserNameDialog(QDialog):
    """Asks for the user's name; ``name()`` gives it tidied after Accepted (already stored)."""

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Wie werkt er met het programma?"))
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Elk dossier houdt een logboek bij van wie gegevens aanmaakt, wijzigt, verwijdert, "
            "afdrukt of exporteert (nooit de inhoud zelf). Uw naam verschijnt in het logboek van "
            "elk dossier dat u op deze computer opent.\n\n"
            "Werkt u als consulent voor verschillende organisaties? Geef dan uw eigen naam. "
            "U kunt de naam later wijzigen."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        label = QLabel(self.tr("&Uw naam:"))
        self.edit = QLineEdit(current)
        self.edit.setObjectName("userName")
        self.edit.setMaxLength(user_identity.MAX_LENGTH)
        self.edit.setPlaceholderText(self.tr("bv. An Peeters"))
        label.setBuddy(self.edit)
        layout.addWidget(label)
        layout.addWidget(self.edit)
        self.error = QLabel()
        self.error.setObjectName("userNameError")
        self.error.setStyleSheet("color:#b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Bevestigen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.edit.textEdited.connect(lambda _text: self.error.clear())
        self.edit.selectAll()
        self.edit.setFocus()
        self._name = ""

    def name(self) -> str:
        return self._name

    def accept(self) -> None:
        """Store the name; an unusable name or an unwritable folder keeps the dialog open."""
        try:
            self._name = user_identity.confirm_name(self.edit.text())
        except ValueError as error:
            self.error.setText(str(error))
            self.edit.setFocus()
            return
        except OSError as error:
            self.error.setText(self.tr("De naam kon niet bewaard worden ({0}).").format(
                os_error_text(error)))
            return
        super().accept()


def ensure_user_name(parent: QWidget | None) -> str:
    """The confirmed name; asks once when there is none (the login name is proposed).

    "Later" keeps the login name for this session and asks again at the next start.
    """
    confirmed = user_identity.confirmed_name()
    if confirmed is not None:
        return confirmed
    dialog = UserNameDialog(user_identity.suggested_name(), parent)
    try:
        if dialog.exec() == QDialog.DialogCode.Accepted:
            return dialog.name()
        return user_identity.suggested_name()
    finally:
        dialog.deleteLater()


def change_user_name(parent: QWidget | None, dossier: Dossier | None = None) -> str | None:
    """Let the user change the name; the open ``dossier`` logs under the new one at once.

    Returns the new name, or None when the user cancelled.
    """
    from kmo_reintegratie.store import audit
    from kmo_reintegratie.store.errors import DossierError

    dialog = UserNameDialog(user_identity.actor_name(), parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        name = dialog.name()
    finally:
        dialog.deleteLater()
    if dossier is not None:
        try:
            audit.set_actor(dossier, name)
        except DossierError as error:
            QMessageBox.warning(parent, _tr("Naam niet doorgegeven"), _tr(
                "De naam is bewaard, maar het open dossier gebruikt ze pas na opnieuw openen "
                "({0}).").format(error.message))
    return name
