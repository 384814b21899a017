"""Deleting a record so that it can be put back: capture every row the delete removes.

The schema deletes children by ``ON DELETE CASCADE`` and clears some links by ``ON DELETE SET
NULL``. Undo has to put back both, with the same ids, so what a printed letter or another
record refers to still points to the same row afterwards.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.store.errors import DossierWriteError

from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

# Mirrors the ON DELETE CASCADE foreign keys of migrations.py: parent -> (child, column).
CASCADES: dict[str, tuple[tuple[str, str], ...]] = {
    "employee": (("employee_regime", "employee_id"), ("absence", "employee_id"),
                 ("trajectory", "employee_id"), ("preventive_request", "employee_id")),
    "absence": (("certificate", "absence_id"), ("partial_return", "absence_id"),
                ("contact_agreement", "absence_id"), ("contact_entry", "absence_id"),
                ("force_majeure_check", "absence_id")),
    "trajectory": (("plan_version", "trajectory_id"), ("motivated_report", "trajectory_id")),
    "assessment_round": (("assessment_answer", "round_id"), ("assessment_comment", "round_id"),
                         ("assessment_action", "round_id")),
}
# Mirrors the ON DELETE SET NULL links: parent -> (table, column) that loses its reference.
SET_NULL: dict[str, tuple[tuple[str, str], ...]] = {
    "absence": (("absence", "relapse_of"), ("trajectory", "absence_id")),
    "assessment_round": (("assessment_round", "based_on"),),
    "assessment_action": (("assessment_action", "carried_from"),),
}
#: The records a delete can be undone for (a record, with what cascades from it).
UNDOABLE_DELETES = ("employee", "absence", "trajectory", "certificate", "contact_entry",
                    "contact_agreement", "partial_return", "preventive_request",
                    "assessment_round", "assessment_action")


@record
class DeletedRows:
    """What one delete removed; opaque to callers, who only hand it back to restore."""

    #: (table, row) with parents before their children.
    rows: tuple[tuple[str, dict[str, Any]], ...]
    #: (table, column, row id, value): links the delete set to NULL in surviving rows.
    links: tuple[tuple[str, str, int, int], ...]


def delete_rows(dossier: Dossier, table: str, row_id: int) -> DeletedRows:
    """Delete one record (and what cascades from it) in one transaction; return what went."""
    if table not in UNDOABLE_DELETES:
        raise ValueError(f"no undoable delete for {table}")
    with dossier.writing() as db:
        rows: list[tuple[str, dict[str, Any]]] = []
        links: list[tuple[str, str, int, int]] = []
        _capture(db, table, "id", row_id, rows, links)
        gone = {(name, row.get("id")) for name, row in rows}
        kept_links = tuple(link for link in links if (link[0], link[2]) not in gone)
        db.execute(f"DELETE FROM {table} WHERE id = :id", {"id": row_id})
    return DeletedRows(tuple(rows), kept_links)


@contextmanager
def refused_when_changed_elsewhere(dossier: Dossier) -> Iterator[None]:
    """A restore that breaks a key (the records were changed since in a way that is not
    undoable, such as an import) is rolled back as a whole and refused in Dutch."""
    try:
        yield
    except sqlite3.IntegrityError as error:
        raise DossierWriteError(
            dossier.path, "Dit kan niet meer ongedaan gemaakt worden: de gegevens zijn intussen "
            "op een andere manier gewijzigd.", "") from error


def restore_rows(dossier: Dossier, deleted: DeletedRows) -> None:
    """Put back exactly the rows a delete removed, with their ids, in one transaction."""
    with refused_when_changed_elsewhere(dossier), dossier.writing() as db:
        # An absence may be a relapse of another absence restored later in the same batch;
        # deferring the checks to the commit makes the insert order irrelevant.
        db.execute("PRAGMA defer_foreign_keys = ON")
        for table, row in deleted.rows:
            if row.get("id") is not None and db.execute(
                    f"SELECT 1 FROM {table} WHERE id = :id", {"id": row["id"]}).fetchone():
                # SQLite may hand a freed id to a new record; overwriting it would lose data.
                raise DossierWriteError(
                    dossier.path, "Dit kan niet meer ongedaan gemaakt worden: "
                    "het nummer van het verwijderde gegeven is intussen opnieuw gebruikt.", "")
            columns = ", ".join(f'"{name}"' for name in row)
            values = ", ".join(f":{name}" for name in row)
            db.execute(f"INSERT INTO {table} ({columns}) VALUES ({values})", row)
        for table, column, linked_id, value in deleted.links:
            db.execute(f"UPDATE {table} SET {column} = :v WHERE id = :id",
                       {"v": value, "id": linked_id})


def _capture(db: Any, table: str, column: str, value: int, rows: list[tuple[str, dict[str, Any]]],
             links: list[tuple[str, str, int, int]]) -> None:
    for row in db.query(f"SELECT * FROM {table} WHERE {column} = :v ORDER BY rowid", {"v": value}):
        rows.append((table, dict(row)))
        for linked_table, linked_column in SET_NULL.get(table, ()):
            for (linked_id,) in db.execute(
                    f"SELECT id FROM {linked_table} WHERE {linked_column} = :v", {"v": row["id"]}):
                links.append((linked_table, linked_column, linked_id, row["id"]))
        for child, child_column in CASCADES.get(table, ()):
            _capture(db, child, child_column, row["id"], rows, links)
