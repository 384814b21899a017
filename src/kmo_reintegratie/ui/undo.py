"""Undoable creates, changes and deletes: one QUndoCommand each on the dossier's undo stack.

The page writes first and pushes afterwards (so it can show a refused write where the user
looks); the first ``redo()``, which ``QUndoStack.push`` calls, therefore does nothing. After
every later undo or redo ``notify`` announces the change through the dossier events, so the
pages reload as for any other change, and ``show`` (when given) selects the record again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtGui import QUndoCommand

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.undo_rows import DeletedRows, delete_rows
from kmo_reintegratie.store.undo_snapshots import (
    Snapshot,
    redo_batch,
    restore_snapshot,
    snapshot,
    snapshot_rows,
    undo_batch,
)
from kmo_reintegratie.ui.events import DossierEvents

#: QUndoStack only offers a command to mergeWith() when both have this id.
MERGE_ID = 1507

Notify = Callable[[], None]

#: How many undo or redo steps are running: a write they cause (a page that stores what it
#: holds while it shows the restored record) is not a new step, and QUndoStack may not be
#: pushed to from inside its own undo() or redo().
_replaying = 0


def replaying() -> bool:
    """True while an undo or redo runs; a page keeps a draft rather than store it then."""
    return _replaying > 0


@contextmanager
def _replay() -> Iterator[None]:
    global _replaying
    _replaying += 1
    try:
        yield
    finally:
        _replaying -= 1


class _WrittenCommand(QUndoCommand):
    def __init__(self, dossier: Dossier, events: DossierEvents, text: str, notify: Notify,
                 show: Notify | None = None) -> None:
        super().__init__(text)
        self._dossier = dossier
        self._events = events
        self._notify = notify
        self._show = show
        self._pushed = False

    def _fail(self, message: str) -> None:
        # Leave the stack rather than offer again what cannot be done.
        self.setObsolete(True)
        self._events.write_failed.emit(message)

    def _first_redo(self) -> bool:
        """True for the redo that push() calls: the page has written already."""
        if self._pushed:
            return False
        self._pushed = True
        return True

    def _run(self, write: Callable[[], object], *, shown: bool) -> None:
        with _replay():
            try:
                write()
            except DossierError as error:
                self._fail(f"{error.message} {error.advice}".strip())
                return
            self._notify()
            if shown and self._show is not None:
                self._show()


class DeleteCommand(_WrittenCommand):
    """Undo puts the deleted rows back (same ids); redo deletes them again."""

    def __init__(self, dossier: Dossier, events: DossierEvents, text: str,
                 delete: Callable[[], DeletedRows], deleted: DeletedRows, notify: Notify) -> None:
        super().__init__(dossier, events, text, notify)
        self._delete = delete
        self._deleted = deleted

    def redo(self) -> None:
        if not self._first_redo():
            self._run(self._delete_again, shown=False)

    def undo(self) -> None:
        self._run(lambda: self._dossier.restore(self._deleted), shown=True)

    def _delete_again(self) -> None:
        self._deleted = self._delete()


class CreateCommand(_WrittenCommand):
    """Undo deletes the new record (keeping what it removes); redo puts it back with its id."""

    def __init__(self, dossier: Dossier, events: DossierEvents, text: str, table: str, row_id: int,
                 notify: Notify, show: Notify | None = None) -> None:
        super().__init__(dossier, events, text, notify, show)
        self._table = table
        self._row_id = row_id
        self._deleted: DeletedRows | None = None

    def redo(self) -> None:
        if not self._first_redo() and self._deleted is not None:
            deleted = self._deleted
            self._run(lambda: self._dossier.restore(deleted), shown=True)

    def undo(self) -> None:
        self._run(self._delete, shown=False)

    def _delete(self) -> None:
        self._deleted = delete_rows(self._dossier, self._table, self._row_id)


class SnapshotCommand(_WrittenCommand):
    """Undo restores the record as it was before the change; redo as it was after.

    Commands with the same ``merge_key`` (typing in one field, stored at every pause)
    merge into one, so undo takes back the whole edit, not one pause at a time.
    """

    def __init__(self, dossier: Dossier, events: DossierEvents, text: str, before: Snapshot,
                 after: Snapshot, notify: Notify, show: Notify | None = None, *,
                 merge_key: str | None = None) -> None:
        super().__init__(dossier, events, text, notify, show)
        self._before = before
        self._after = after
        self._merge_key = merge_key

    def id(self) -> int:
        return MERGE_ID if self._merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 (Qt override)
        if not isinstance(other, SnapshotCommand) or other._merge_key != self._merge_key:
            return False
        self._after = other._after
        # Typed and typed away again: nothing left to undo.
        self.setObsolete(self._before.same_content(self._after))
        return True

    def redo(self) -> None:
        if not self._first_redo():
            self._run(lambda: restore_snapshot(self._dossier, self._after), shown=True)

    def undo(self) -> None:
        self._run(lambda: restore_snapshot(self._dossier, self._before), shown=True)


class BatchCommand(_WrittenCommand):
    """One step for many records written at once (an import): undo deletes the records it
    created and restores the ones it changed, redo does it again with the same ids."""

    def __init__(self, dossier: Dossier, events: DossierEvents, text: str,
                 created: Sequence[tuple[str, int]], before: Sequence[Snapshot],
                 after: Sequence[Snapshot], notify: Notify, show: Notify | None = None) -> None:
        super().__init__(dossier, events, text, notify, show)
        self._created = tuple(created)
        self._before = tuple(before)
        self._after = tuple(after)
        self._deleted: tuple[DeletedRows, ...] = ()

    def redo(self) -> None:
        if not self._first_redo():
            self._run(lambda: redo_batch(self._dossier, self._deleted, self._after), shown=True)

    def undo(self) -> None:
        self._run(self._undo, shown=True)

    def _undo(self) -> None:
        self._deleted = undo_batch(self._dossier, self._created, self._before)


class CallbackCommand(QUndoCommand):
    """For a page that keeps its own way of undoing (the Actieplan's deleted action)."""

    def __init__(self, text: str, undo: Notify, redo: Notify) -> None:
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:
            with _replay():
                self._redo()
        self._pushed = True

    def undo(self) -> None:
        with _replay():
            self._undo()


def recording(events: DossierEvents | None) -> bool:
    """True when a write now becomes an undo step: there is a stack and no step is replaying.

    A page built on its own (as in a test) and a read-only dossier have no stack.
    """
    return events is not None and events.undo_stack is not None and not replaying()


def record(events: DossierEvents | None, command: QUndoCommand) -> None:
    """Put a write that already happened on the dossier's undo stack, when there is one."""
    if recording(events):
        assert events is not None and events.undo_stack is not None
        events.undo_stack.push(command)


record_delete = record


def record_create(events: DossierEvents | None, dossier: Dossier, text: str, table: str,
                  row_id: int, notify: Notify, show: Notify | None = None) -> None:
    """Put the creation of ``table`` record ``row_id`` (just stored) on the undo stack."""
    if recording(events):
        assert events is not None and events.undo_stack is not None
        events.undo_stack.push(CreateCommand(dossier, events, text, table, row_id, notify, show))


@contextmanager
def recording_change(events: DossierEvents | None, dossier: Dossier, text: str, table: str,
                     row_id: int, notify: Notify, show: Notify | None = None, *,
                     children: tuple[str, ...] = (), merge_key: str | None = None) -> Iterator[None]:
    """Around one write of a record: push the change it made, if any, on the undo stack.

    ``children`` names the child tables the write touches (e.g. a certificate added to an
    absence, which may also move the absence's expected end). A write that raises pushes
    nothing; one that changed nothing but save times neither.
    """
    def take() -> Snapshot | None:
        try:
            return snapshot(dossier, table, row_id, children=children)
        except LookupError:
            return None  # the write itself will say why (a record gone)

    with _recording(events, dossier, text, take, notify, show, merge_key):
        yield


@contextmanager
def recording_rows(events: DossierEvents | None, dossier: Dossier, text: str, table: str,
                   where: Mapping[str, Any], notify: Notify, show: Notify | None = None, *,
                   merge_key: str | None = None) -> Iterator[None]:
    """As ``recording_change``, for the rows ``where`` selects, which may not exist before
    or after the write (an answer, a section comment, a role contact, a letter text)."""
    with _recording(events, dossier, text, lambda: snapshot_rows(dossier, table, where),
                    notify, show, merge_key):
        yield


@contextmanager
def _recording(events: DossierEvents | None, dossier: Dossier, text: str,
               take: Callable[[], Snapshot | None], notify: Notify, show: Notify | None,
               merge_key: str | None) -> Iterator[None]:
    before = take() if recording(events) else None
    yield
    if before is None or events is None or events.undo_stack is None:
        return
    after = take()
    if after is not None and not before.same_content(after):
        events.undo_stack.push(SnapshotCommand(dossier, events, text, before, after, notify, show,
                                               merge_key=merge_key))


def assessment_calls(events: DossierEvents, round_id: int,
                     section_id: str | None = None) -> tuple[Notify, Notify | None]:
    """What an undo in a self-assessment round calls: reload the pages, then show the
    section in `Zelfevaluatie` (when given)."""
    show = None if section_id is None else (
        lambda: events.section_requested.emit(round_id, section_id))
    return lambda: events.assessment_changed.emit(round_id), show


def absence_calls(events: DossierEvents, absence_id: int, tab: str = "") -> tuple[Notify, Notify]:
    """What an undo of an absence's change calls: reload the pages, then show it on ``tab``."""
    return (lambda: events.absences_changed.emit(absence_id),
            lambda: events.absence_requested.emit(absence_id, tab))


def trajectory_calls(events: DossierEvents, trajectory_id: int) -> tuple[Notify, Notify]:
    """What an undo of a trajectory's change calls: reload the pages, then show it."""
    return (lambda: events.trajectories_changed.emit(trajectory_id),
            lambda: events.trajectory_requested.emit(trajectory_id))
