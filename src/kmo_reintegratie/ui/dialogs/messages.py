"""Dutch dialogs for dossier problems the user can act on."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from kmo_reintegratie.store.errors import DossierError


def _text(error: DossierError) -> str:
    return (
        f"<p><b>{escape(error.message)}</b></p>"
        + (f"<p>{escape(error.advice)}</p>" if error.advice else "")
        + f"<p><small>{escape(str(error.path))}</small></p>"
    )


def show_dossier_error(parent: QWidget | None, error: DossierError) -> None:
    QMessageBox.critical(parent, error.title, _text(error))


def ask_open_read_only(parent: QWidget | None, error: DossierError) -> bool:
    """True when the user chooses to open the dossier read-only instead."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(error.title)
    box.setText(_text(error))
    read_only = box.addButton("Alleen-lezen openen", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Annuleren", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is read_only
