"""Undoing a change: a snapshot of a record (and chosen children) that can be put back.

A change is undone by restoring the snapshot taken before it and redone by restoring the one
taken after it. Restoring replaces the record tree as it is now by the snapshot in one
transaction: the record keeps its id (it is updated in place, so what other rows link to it
stays linked), children keep their ids, and links that rows outside the tree held to a child
removed in between are put back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.store.errors import DossierWriteError
from kmo_reintegratie.store.undo_rows import CASCADES, SET_NULL, refused_when_changed_elsewhere

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

#: Tables whose key is not called ``id`` (one check per absence).
_KEYS = {"force_majeure_check": "absence_id"}
#: Kept out of the comparison: a save that changed nothing but the time is no change.
_TIMES = ("created_at", "updated_at")

Row = tuple[str, dict[str, Any]]
Link = tuple[str, str, int, int]


@dataclass(frozen=True)
class Snapshot:
    """One record and the children chosen, as stored at one moment; opaque to callers."""

    table: str
    row_id: int
    #: Child tables of the record that are part of the snapshot (with all below them).
    children: tuple[str, ...]
    #: (table, row), the record first, parents before their children.
    rows: tuple[Row, ...]
    #: (table, column, row id, value): links rows outside the tree hold to rows in it.
    links: tuple[Link, ...]

    def same_content(self, other: Snapshot) -> bool:
        """True when nothing but save times differs: undoing between them would show nothing."""
        same_record = (self.table, self.row_id, self.children) == (
            other.table, other.row_id, other.children)
        return same_record and _content(self.rows) == _content(other.rows)


def snapshot(dossier: Dossier, table: str, row_id: int, *,
             children: tuple[str, ...] | None = None) -> Snapshot:
    """Capture record ``row_id`` of ``table`` without changing anything.

    ``children`` names the child tables (of ``CASCADES[table]``) to include with everything
    below them; None takes all of them, ``()`` the record alone. Raises LookupError when
    the record does not exist.
    """
    chosen = _chosen(table, children)
    rows, links = _capture(dossier.db, table, row_id, chosen)
    if not rows:
        raise LookupError(f"{table} {row_id} bestaat niet")
    return Snapshot(table, row_id, chosen, tuple(rows), tuple(links))


def restore_snapshot(dossier: Dossier, wanted: Snapshot) -> None:
    """Make the record tree exactly ``wanted`` again, in one transaction.

    Raises :class:`DossierWriteError` (nothing changed) when an id of the snapshot now
    belongs to another record.
    """
    with refused_when_changed_elsewhere(dossier), dossier.writing() as db:
        # Rows come back parent first, but a link between two of them (a relapse, a trajectory's
        # absence) may point either way: check the keys at the commit.
        db.execute("PRAGMA defer_foreign_keys = ON")
        current, current_links = _capture(db, wanted.table, wanted.row_id, wanted.children)
        present = {_key(table, row): row for table, row in current}
        wanted_rows = {_key(table, row): row for table, row in wanted.rows}
        root = (wanted.table, wanted.row_id)
        # Children first, so a cascade never reaches a row this loop still has to look at.
        for table, row in reversed(current):
            key = _key(table, row)
            if key != root and wanted_rows.get(key) != row:
                _delete(db, key)
        inserted: set[tuple[str, int]] = set()
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
            if (_target(table, column), value) in inserted:
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


def _capture(db: Any, table: str, row_id: int,
             children: tuple[str, ...]) -> tuple[list[Row], list[Link]]:
    rows: list[Row] = []
    _walk(db, table, _KEYS.get(table, "id"), row_id, rows, children)
    inside = {_key(name, row) for name, row in rows}
    links: list[Link] = []
    for name, row in rows:
        for linked_table, linked_column in SET_NULL.get(name, ()):
            for (linked_id,) in db.execute(
                    f"SELECT id FROM {linked_table} WHERE {linked_column} = :v", {"v": row["id"]}):
                if (linked_table, linked_id) not in inside:
                    links.append((linked_table, linked_column, linked_id, row["id"]))
    return rows, links


def _walk(db: Any, table: str, column: str, value: int, rows: list[Row],
          children: tuple[str, ...] | None) -> None:
    for row in db.query(f"SELECT * FROM {table} WHERE {column} = :v ORDER BY rowid", {"v": value}):
        rows.append((table, dict(row)))
        for child, child_column in CASCADES.get(table, ()):
            if children is None or child in children:
                _walk(db, child, child_column, row[_KEYS.get(table, "id")], rows, None)


def _key(table: str, row: dict[str, Any]) -> tuple[str, int]:
    return table, int(row[_KEYS.get(table, "id")])


def _fetch(db: Any, key: tuple[str, int]) -> dict[str, Any] | None:
    table, value = key
    key = _KEYS.get(table, "id")
    found = list(db.query(f"SELECT * FROM {table} WHERE {key} = :v", {"v": value}))
    return dict(found[0]) if found else None


def _delete(db: Any, key: tuple[str, int]) -> None:
    table, value = key
    db.execute(f"DELETE FROM {table} WHERE {_KEYS.get(table, 'id')} = :v", {"v": value})


def _insert(db: Any, table: str, row: dict[str, Any]) -> None:
    columns = ", ".join(f'"{name}"' for name in row)
    values = ", ".join(f":{name}" for name in row)
    db.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})", row)


def _update(db: Any, key: tuple[str, int], row: dict[str, Any]) -> None:
    table, value = key
    assignments = ", ".join(f'"{name}" = :{name}' for name in row)
    db.execute(f"UPDATE {table} SET {assignments} WHERE {_KEYS.get(table, 'id')} = :__key",
               {**row, "__key": value})


def _target(table: str, column: str) -> str:
    return next(parent for parent, links in SET_NULL.items() if (table, column) in links)


def _content(rows: tuple[Row, ...]) -> list[Row]:
    return [(table, {k: v for k, v in row.items() if k not in _TIMES}) for table, row in rows]
