"""Dutch dialogs for dossier problems the user can act on."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from kmo_reintegratie.store.errors import DamagedDossierError, DossierError


def _text(error: DossierError) -> str:
    from html import escape  # only when something went wrong: not loaded at every start

    return (
        f"<p><b>{escape(error.message)}</b></p>"
        + (f"<p>{escape(error.advice)}</p>" if error.advice else "")
        + f"<p><small>{escape(str(error.path))}</small></p>"
    )


def show_dossier_error(parent: QWidget | None, error: DossierError) -> None:
    QMessageBox.critical(parent, error.title, _text(error))


def _ask(parent: QWidget | None, error: DossierError, icon: QMessageBox.Icon,
         buttons: list[tuple[str, QMessageBox.ButtonRole]], default: int = 0) -> int:
    """Show ``error`` with these buttons; the index of the one clicked, -1 when closed otherwise."""
    box = QMessageBox(parent)
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
    return _ask(parent, error, QMessageBox.Icon.Warning, [
        ("Alleen-lezen openen", QMessageBox.ButtonRole.AcceptRole),
        ("Annuleren", QMessageBox.ButtonRole.RejectRole),
    ]) == 0


def ask_take_over(parent: QWidget | None, error: DossierError) -> str:
    """The lock names another computer: 'take_over', 'read_only' or '' (cancel)."""
    choice = _ask(parent, error, QMessageBox.Icon.Question, [
        ("Het is daar gesloten: overnemen", QMessageBox.ButtonRole.AcceptRole),
        ("Alleen-lezen openen", QMessageBox.ButtonRole.ActionRole),
        ("Annuleren", QMessageBox.ButtonRole.RejectRole),
    ], default=1)
    return {0: "take_over", 1: "read_only"}.get(choice, "")


def ask_restore_backup(parent: QWidget | None, error: DamagedDossierError) -> bool:
    """True when the user wants the newest verified backup restored beside the damaged file."""
    return _ask(parent, error, QMessageBox.Icon.Critical, [
        ("Reservekopie herstellen en openen", QMessageBox.ButtonRole.AcceptRole),
        ("Sluiten", QMessageBox.ButtonRole.RejectRole),
    ]) == 0
