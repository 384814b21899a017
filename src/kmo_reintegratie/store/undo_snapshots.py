"""Undoing a change: a snapshot of a record (and chosen children) that can be put back.

A change is undone by restoring the snapshot taken before it and redone by restoring the one
taken after it. Restoring replaces the record tree as it is now by the snapshot in one
transaction: the record keeps its id (it is updated in place, so what other rows link to it
stays linked), children keep their ids, and links that rows outside the tree held to a child
removed in between are put back.

A snapshot may also hold the rows a selection finds, none or several (``snapshot_rows``): an
answer, a section comment or a role contact is a row that exists only once something is
filled in, keyed by its round and question or by its role rather than by an ``id``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.record import record
from kmo_reintegratie.store.errors import DossierWriteError
from kmo_reintegratie.store.undo_rows import (
    CASCADES,
    SET_NULL,
    DeletedRows,
    delete_rows,
    refused_when_changed_elsewhere,
    restore_rows,
)

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

#: The key columns of tables whose key is not ``id`` (see the schema in migrations.py).
_KEYS: dict[str, tuple[str, ...]] = {
    "force_majeure_check": ("absence_id",),
    "assessment_answer": ("round_id", "question_id"),
    "assessment_comment": ("round_id", "section_id"),
    "role_contact": ("role",),
    "document_text": ("key",),
    "retention_setting": ("category",),
}
#: Kept out of the comparison: a save that changed nothing but the time is no change.
_TIMES = ("created_at", "updated_at")

Row = tuple[str, dict[str, Any]]
Link = tuple[str, str, int, int]
Key = tuple[str, tuple[Any, ...]]
Where = tuple[tuple[str, Any], ...]


@record
class Snapshot:
    """The rows of a selection and the children chosen, at one moment; opaque to callers."""

    table: str
    #: (column, value): what selects the top rows of ``table`` (a record's key, or more rows).
    where: Where
    #: Child tables of the record that are part of the snapshot (with all below them).
    children: tuple[str, ...]
    #: (table, row), top rows first, parents before their children.
    rows: tuple[Row, ...]
    #: (table, column, row id, value): links rows outside the tree hold to rows in it.
    links: tuple[Link, ...]

    def same_content(self, other: Snapshot) -> bool:
        """True when nothing but save times differs: undoing between them would show nothing."""
        same_record = (self.table, self.where, self.children) == (
            other.table, other.where, other.children)
        return same_record and _content(self.rows) == _content(other.rows)


def snapshot(dossier: Dossier, table: str, row_id: int | str, *,
             children: tuple[str, ...] | None = None) -> Snapshot:
    """Capture record ``row_id`` of ``table`` without changing anything.

    ``children`` names the child tables (of ``CASCADES[table]``) to include with everything
    below them; None takes all of them, ``()`` the record alone. Raises LookupError when
    the record does not exist.
    """
    (column,) = _KEYS.get(table, ("id",))
    taken = snapshot_rows(dossier, table, {column: row_id}, children=children)
    if not taken.rows:
        raise LookupError(f"{table} {row_id} bestaat niet")
    return taken


def snapshot_rows(dossier: Dossier, table: str, where: Mapping[str, Any], *,
                  children: tuple[str, ...] | None = None) -> Snapshot:
    """Capture the rows of ``table`` that ``where`` selects (column = value), maybe none.

    Restoring a snapshot without rows deletes what the selection finds by then; one with
    rows puts them back as they were (e.g. the answer to one question of one round).
    """
    chosen = _chosen(table, children)
    selection = tuple(sorted(where.items()))
    rows, links = _capture(dossier.db, table, selection, chosen)
    return Snapshot(table, selection, chosen, tuple(rows), tuple(links))


def restore_snapshot(dossier: Dossier, wanted: Snapshot) -> None:
    """Make the record tree exactly ``wanted`` again, in one transaction.

    Raises :class:`DossierWriteError` (nothing changed) when an id of the snapshot now
    belongs to another record.
    """
    restore_snapshots(dossier, (wanted,))


def restore_snapshots(dossier: Dossier, snapshots: Sequence[Snapshot]) -> None:
    """Restore several snapshots in one transaction: all of them or, refused, none."""
    with refused_when_changed_elsewhere(dossier), dossier.writing() as db:
        # Rows come back parent first, but a link between two of them (a relapse, a trajectory's
        # absence) may point either way: check the keys at the commit.
        db.execute("PRAGMA defer_foreign_keys = ON")
        for wanted in snapshots:
            _restore(dossier, db, wanted)


def undo_batch(dossier: Dossier, created: Sequence[tuple[str, int]],
               before: Sequence[Snapshot]) -> tuple[DeletedRows, ...]:
    """Take back one batch (an import) in one transaction: delete the records it created
    and restore the ones it changed. Returns what the deletes removed, for ``redo_batch``."""
    with refused_when_changed_elsewhere(dossier), dossier.writing() as db:
        db.execute("PRAGMA defer_foreign_keys = ON")
        deleted = tuple(delete_rows(dossier, table, row_id) for table, row_id in created)
        for wanted in before:
            _restore(dossier, db, wanted)
    return deleted


def redo_batch(dossier: Dossier, deleted: Sequence[DeletedRows], after: Sequence[Snapshot]) -> None:
    """Make a batch taken back by ``undo_batch`` again, with the same ids, in one transaction.

    Refused (:class:`DossierWriteError`, nothing changed) when an id of a created record was
    given to another record meanwhile.
    """
    with refused_when_changed_elsewhere(dossier), dossier.writing() as db:
        db.execute("PRAGMA defer_foreign_keys = ON")
        for rows in deleted:
            restore_rows(dossier, rows)
        for wanted in after:
            _restore(dossier, db, wanted)


def _restore(dossier: Dossier, db: Any, wanted: Snapshot) -> None:
    current, current_links = _capture(db, wanted.table, wanted.where, wanted.children)
    present = {_key(table, row): row for table, row in current}
    wanted_rows = {_key(table, row): row for table, row in wanted.rows}
    # Top rows in both are updated in place, so what links to them stays linked.
    tops = {key for key in wanted_rows if key[0] == wanted.table}
    # Children first, so a cascade never reaches a row this loop still has to look at.
    for table, row in reversed(current):
        key = _key(table, row)
        if key not in tops and wanted_rows.get(key) != row:
            _delete(db, key)
    inserted: set[Key] = set()
    for table, row in wanted.rows:
        key = _key(table, row)
        stored = _fetch(db, key)
        if stored is None:
            _insert(db, table, row)
            inserted.add(key)
        elif key not in present:
            # SQLite hands out the highest free id again; overwriting would lose a record.
            raise DossierWriteError(
                dossier.path, "Dit kan niet meer ongedaan gemaakt worden: het nummer van een "
                "gegeven is intussen opnieuw gebruikt.", "")
        elif stored != row:
            _update(db, key, row)
    # A row put back lost the links rows outside the tree held to it (ON DELETE SET NULL),
    # now or before the snapshot was restored: they come back where they are still empty.
    for table, column, linked_id, value in (*current_links, *wanted.links):
        if (_target(table, column), (value,)) in inserted:
            db.execute(f"UPDATE {table} SET {column} = :value WHERE id = :id AND {column} IS NULL",
                       {"value": value, "id": linked_id})


def _chosen(table: str, children: tuple[str, ...] | None) -> tuple[str, ...]:
    below = tuple(child for child, _column in CASCADES.get(table, ()))
    if children is None:
        return below
    unknown = set(children) - set(below)
    if unknown:
        raise ValueError(f"geen kinderen van {table}: {sorted(unknown)}")
    return tuple(children)


def _capture(db: Any, table: str, where: Where,
             children: tuple[str, ...]) -> tuple[list[Row], list[Link]]:
    rows: list[Row] = []
    _walk(db, table, where, rows, children)
    inside = {_key(name, row) for name, row in rows}
    links: list[Link] = []
    for name, row in rows:
        for linked_table, linked_column in SET_NULL.get(name, ()):
            for (linked_id,) in db.execute(
                    f"SELECT id FROM {linked_table} WHERE {linked_column} = :v", {"v": row["id"]}):
                if (linked_table, (linked_id,)) not in inside:
                    links.append((linked_table, linked_column, linked_id, row["id"]))
    return rows, links


def _walk(db: Any, table: str, where: Where, rows: list[Row],
          children: tuple[str, ...] | None) -> None:
    clause, params = _condition(where)
    for row in db.query(f"SELECT * FROM {table} WHERE {clause} ORDER BY rowid", params):
        rows.append((table, dict(row)))
        for child, child_column in CASCADES.get(table, ()):
            if children is None or child in children:
                _walk(db, child, ((child_column, row["id"]),), rows, None)


def _condition(where: Where) -> tuple[str, dict[str, Any]]:
    clause = " AND ".join(f'"{column}" = :w{i}' for i, (column, _v) in enumerate(where))
    return clause or "1", {f"w{i}": value for i, (_c, value) in enumerate(where)}


def _key(table: str, row: dict[str, Any]) -> Key:
    return table, tuple(row[column] for column in _KEYS.get(table, ("id",)))


def _key_where(key: Key) -> Where:
    table, values = key
    return tuple(zip(_KEYS.get(table, ("id",)), values))


def _fetch(db: Any, key: Key) -> dict[str, Any] | None:
    clause, params = _condition(_key_where(key))
    found = list(db.query(f"SELECT * FROM {key[0]} WHERE {clause}", params))
    return dict(found[0]) if found else None


def _delete(db: Any, key: Key) -> None:
    clause, params = _condition(_key_where(key))
    db.execute(f"DELETE FROM {key[0]} WHERE {clause}", params)


def _insert(db: Any, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(f'"{name}"' for name in row)
    values = ", ".join(f":{name}" for name in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})", row)


def _update(db: Any, key: Key, row: dict[str, Any]) -> None:
    clause, params = _condition(_key_where(key))
    assignments = ", ".join(f'"{name}" = :{name}' for name in row)
    db.execute(f"UPDATE {key[0]} SET {assignments} WHERE {clause}", {**row, **params})


def _target(table: str, column: str) -> str:
    return next(parent for parent, links in SET_NULL.items() if (table, column) in links)


def _content(rows: tuple[Row, ...]) -> list[Row]:
    return [(table, {k: v for k, v in row.items() if k not in _TIMES}) for table, row in rows]
