"""Undoable deletes: a QUndoCommand per deleted record, pushed on the dossier's undo stack."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.undo_rows import DeletedRows
from kmo_reintegratie.ui.events import DossierEvents


class DeleteCommand(QUndoCommand):
    """Undo puts the deleted rows back (same ids); redo deletes them again.

    The page deletes before pushing (so it can show a refused write where the user looks),
    hence the first ``redo()``, which ``QUndoStack.push`` calls, does nothing.
    """

    def __init__(self, dossier: Dossier, events: DossierEvents, text: str,
                 delete: Callable[[], DeletedRows], deleted: DeletedRows,
                 notify: Callable[[], None]) -> None:
        super().__init__(text)
        self._dossier = dossier
        self._events = events
        self._delete = delete
        self._deleted = deleted
        self._notify = notify
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        try:
            self._deleted = self._delete()
        except DossierError as error:
            self._fail(error)
            return
        self._notify()

    def undo(self) -> None:
        try:
            self._dossier.restore(self._deleted)
        except DossierError as error:
            self._fail(error)
            return
        self._notify()

    def _fail(self, error: DossierError) -> None:
        # Leave the stack rather than offer again what cannot be done.
        self.setObsolete(True)
        self._events.write_failed.emit(f"{error.message} {error.advice}".strip())


def record_delete(events: DossierEvents, command: DeleteCommand) -> None:
    """Put a delete that already happened on the dossier's undo stack, when there is one.

    A page built on its own (as in a test) has no main window and so no stack.
    """
    if events.undo_stack is not None:
        events.undo_stack.push(command)
