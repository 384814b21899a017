"""Dutch dialogs for dossier problems the user can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

# QMessageBox is looked up when a message is shown: making its Python type costs ~2.5 ms,
# and a start without a problem shows none.
from PySide6 import QtWidgets

from kmo_reintegratie.store.errors import DamagedDossierError, DossierError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox, QWidget


def _text(error: DossierError) -> str:
    from html import escape  # only when something went wrong: not loaded at every start

    return (
        f"<p><b>{escape(error.message)}</b></p>"
        + (f"<p>{escape(error.advice)}</p>" if error.advice else "")
        + f"<p><small>{escape(str(error.path))}</small></p>"
    )


def show_dossier_error(parent: QWidget | None, error: DossierError) -> None:
    QtWidgets.QMessageBox.critical(parent, error.title, _text(error))


def _ask(parent: QWidget | None, error: DossierError, icon: QMessageBox.Icon,
         buttons: list[tuple[str, QMessageBox.ButtonRole]], default: int = 0) -> int:
    """Show ``error`` with these buttons; the index of the one clicked, -1 when closed otherwise."""
    box = QtWidgets.QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(error.title)
    box.setText(_text(error))
    added = [box.addButton(label, role) for label, role in buttons]
    box.setDefaultButton(added[default])
    box.exec()
    clicked = box.clickedButton()
    return added.index(clicked) if clicked in added else -1


def ask_open_read_only(parent: QWidget | None, error: DossierError) -> bool:
    """True when the user chooses to open the dossier read-only instead."""
    return _ask(parent, error, QtWidgets.QMessageBox.Icon.Warning, [
        ("Alleen-lezen openen", QtWidgets.QMessageBox.ButtonRole.AcceptRole),
        ("Annuleren", QtWidgets.QMessageBox.ButtonRole.RejectRole),
    ]) == 0


def ask_take_over(parent: QWidget | None, error: DossierError) -> str:
    """The lock names another computer: 'take_over', 'read_only' or '' (cancel)."""
    choice = _ask(parent, error, QtWidgets.QMessageBox.Icon.Question, [
        ("Het is daar gesloten: overnemen", QtWidgets.QMessageBox.ButtonRole.AcceptRole),
        ("Alleen-lezen openen", QtWidgets.QMessageBox.ButtonRole.ActionRole),
        ("Annuleren", QtWidgets.QMessageBox.ButtonRole.RejectRole),
    ], default=1)
    return {0: "take_over", 1: "read_only"}.get(choice, "")


def ask_restore_backup(parent: QWidget | None, error: DamagedDossierError) -> bool:
    """True when the user wants the newest verified backup restored beside the damaged file."""
    return _ask(parent, error, QtWidgets.QMessageBox.Icon.Critical, [
        ("Reservekopie herstellen en openen", QtWidgets.QMessageBox.ButtonRole.AcceptRole),
        ("Sluiten", QtWidgets.QMessageBox.ButtonRole.RejectRole),
    ]) == 0
