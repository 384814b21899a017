"""The audit trail: who handled which record of the dossier, and how — never the content.

Every writable connection of a dossier gets, from :func:`install` (before its first write),
TEMP triggers that append to ``audit_entry`` whenever a record is created, changed or
deleted through it.
TEMP objects live only in that connection: the file itself holds no trigger that needs
this program, so any SQLite tool can still read and write it (and its writes are then not
logged — the trail is the program's account, not a seal). The schema refuses updates
and deletes of ``audit_entry`` (migration V11), so the program cannot edit its log.

Autosave writes a record at every typing pause; changes to the same record by the same
user within :data:`MERGE_MINUTES` minutes of its newest entry are one entry. A delete
that cascades from a parent (an absence's contacts when the absence goes) is logged as
the parent's delete only. Printing, exporting, erasing and the like are logged by the
code that does them, with :func:`record`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.audit_log import AuditAction, AuditEntry
from kmo_reintegratie.store.errors import DossierWriteError
from kmo_reintegratie.text import clean_text

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

MERGE_MINUTES = 10
DETAIL_LENGTH = 200

# The person a record is about, as SQL over the row ``{row}`` (NEW or OLD): either the
# record's own column or the absence or trajectory it belongs to.
_BY_ABSENCE = "(SELECT employee_id FROM absence WHERE id = {row}.absence_id)"
_BY_TRAJECTORY = "(SELECT employee_id FROM trajectory WHERE id = {row}.trajectory_id)"
PERSON_OF: dict[str, str] = {
    "employee": "{row}.id",
    "employee_regime": "{row}.employee_id",
    "absence": "{row}.employee_id",
    "trajectory": "{row}.employee_id",
    "preventive_request": "{row}.employee_id",
    "certificate": _BY_ABSENCE,
    "partial_return": _BY_ABSENCE,
    "contact_agreement": _BY_ABSENCE,
    "contact_entry": _BY_ABSENCE,
    "force_majeure_check": _BY_ABSENCE,
    "plan_version": _BY_TRAJECTORY,
    "motivated_report": _BY_TRAJECTORY,
}
#: Records of the organisation: logged too, about nobody.
OTHER_TABLES = ("organisation", "role_contact", "assessment_round", "assessment_answer",
                "assessment_comment", "assessment_action", "document_text", "retention_setting")
# A row deleted while its parent is already gone went with the parent (ON DELETE CASCADE).
_PARENT: dict[str, tuple[str, str]] = {
    "employee_regime": ("employee", "employee_id"),
    "absence": ("employee", "employee_id"),
    "trajectory": ("employee", "employee_id"),
    "preventive_request": ("employee", "employee_id"),
    **{child: ("absence", "absence_id") for child in (
        "certificate", "partial_return", "contact_agreement", "contact_entry",
        "force_majeure_check")},
    "plan_version": ("trajectory", "trajectory_id"),
    "motivated_report": ("trajectory", "trajectory_id"),
    **{child: ("assessment_round", "round_id") for child in (
        "assessment_answer", "assessment_comment", "assessment_action")},
}

_ACTOR = "coalesce((SELECT name FROM audit_actor), '')"
_NOT_PAUSED = "NOT EXISTS (SELECT 1 FROM audit_pause)"
_SINCE = f"strftime('%Y-%m-%dT%H:%M:%S', 'now', 'localtime', '-{MERGE_MINUTES} minutes')"


def _person(table: str, row: str) -> str:
    return PERSON_OF[table].format(row=row) if table in PERSON_OF else "NULL"


def _triggers(table: str) -> list[str]:
    insert = f"""
CREATE TEMP TRIGGER IF NOT EXISTS audit_{table}_insert AFTER INSERT ON main.{table}
WHEN {_NOT_PAUSED}
BEGIN
    INSERT INTO audit_entry (actor, action, record_kind, record_id, employee_id)
    VALUES ({_ACTOR}, 'created', '{table}', NEW.rowid, {_person(table, "NEW")});
END"""
    # The record index finds the record's newest entry at once, however long the log.
    update = f"""
CREATE TEMP TRIGGER IF NOT EXISTS audit_{table}_update AFTER UPDATE ON main.{table}
WHEN {_NOT_PAUSED}
BEGIN
    INSERT INTO audit_entry (actor, action, record_kind, record_id, employee_id)
    SELECT me.actor, 'changed', '{table}', NEW.rowid, {_person(table, "NEW")}
    FROM (SELECT {_ACTOR} AS actor) AS me
    WHERE NOT EXISTS (
        SELECT 1 FROM (SELECT actor, action, at FROM audit_entry
                       WHERE record_kind = '{table}' AND record_id = NEW.rowid
                       ORDER BY id DESC LIMIT 1) AS newest
        WHERE newest.action = 'changed' AND newest.actor = me.actor AND newest.at >= {_SINCE});
END"""
    parent = _PARENT.get(table)
    still_there = (f" AND EXISTS (SELECT 1 FROM {parent[0]} WHERE id = OLD.{parent[1]})"
                   if parent else "")
    delete = f"""
CREATE TEMP TRIGGER IF NOT EXISTS audit_{table}_delete AFTER DELETE ON main.{table}
WHEN {_NOT_PAUSED}{still_there}
BEGIN
    INSERT INTO audit_entry (actor, action, record_kind, record_id, employee_id)
    VALUES ({_ACTOR}, 'deleted', '{table}', OLD.rowid, {_person(table, "OLD")});
END"""
    return [insert, update, delete]


def install(conn: sqlite3.Connection, actor: str | None = None) -> None:
    """Prepare a writable connection so that its writes are recorded in ``audit_entry``.

    The entries carry ``actor`` (default: the name confirmed on this computer, else the
    login name) until :func:`set_actor` says otherwise. Safe to call twice.
    """
    from kmo_reintegratie.user_identity import actor_name

    present = {name for (name,) in conn.execute(
        "SELECT name FROM main.sqlite_master WHERE type = 'table'")}
    if "audit_entry" not in present:
        return  # an older schema is never written by the program before it is upgraded
    was_in_transaction = conn.in_transaction
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS audit_actor (name TEXT NOT NULL)")
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS audit_pause (since TEXT)")
    for table in (*PERSON_OF, *OTHER_TABLES):
        if table in present:
            for statement in _triggers(table):
                conn.execute(statement)
    _store_actor(conn, actor_name() if actor is None else actor)
    if not was_in_transaction:
        conn.commit()  # the legacy sqlite3 module opened one for the temp rows


def _store_actor(conn: sqlite3.Connection, name: str) -> None:
    conn.execute("DELETE FROM audit_actor")
    conn.execute("INSERT INTO audit_actor (name) VALUES (:name)",
                 {"name": clean_text(name).strip()})


def set_actor(dossier: Dossier, name: str) -> None:
    """Write this dossier's next entries under ``name``; nothing for a read-only dossier."""
    if dossier.read_only:
        return
    with dossier.writing() as db:
        _store_actor(db.conn, name)


def actor(dossier: Dossier) -> str:
    """The name entries are written under now ("" for a read-only dossier)."""
    if dossier.read_only:
        return ""
    if not dossier.audit_prepared:  # before the first write: what install() will store
        from kmo_reintegratie.user_identity import actor_name

        return clean_text(actor_name()).strip()
    row = dossier.execute(f"SELECT {_ACTOR}").fetchone()
    return str(row[0])


@contextmanager
def paused(dossier: Dossier) -> Iterator[None]:
    """Write without an entry per row: for erasure and anonymisation, which record one
    :func:`record` entry saying that it happened instead of a trace of what went."""
    with dossier.writing() as db:
        db.execute("INSERT INTO audit_pause (since) VALUES (:now)", {"now": dossier.now()})
    try:
        yield
    finally:
        with dossier.writing() as db:
            db.execute("DELETE FROM audit_pause")


def record(dossier: Dossier, action: str, record_kind: str, record_id: int | None = None,
           employee_id: int | None = None, detail: str = "") -> bool:
    """Append one entry (printed, exported, erased, ...); False for a read-only dossier.

    ``employee_id`` defaults to the person the record belongs to. ``detail`` is a
    document's name or the like: never content, never a person's name.
    """
    AuditAction(action)  # a ValueError for a misspelt action: a bug, not a user's mistake
    if dossier.read_only:
        return False
    try:
        if employee_id is None and record_id is not None:
            employee_id = employee_of(dossier, record_kind, record_id)
        with dossier.writing() as db:
            db.execute(
                "INSERT INTO audit_entry "
                "(actor, action, record_kind, record_id, employee_id, detail) "
                f"VALUES ({_ACTOR}, :action, :kind, :record_id, :employee_id, :detail)",
                {"action": str(action), "kind": record_kind, "record_id": record_id,
                 "employee_id": employee_id, "detail": clean_text(detail).strip()[:DETAIL_LENGTH]},
            )
    except sqlite3.ProgrammingError as error:
        # A document made in the background may come back after its window switched dossiers.
        raise DossierWriteError(dossier.path, "Het dossier is intussen gesloten.", "") from error
    return True


def employee_of(dossier: Dossier, record_kind: str, record_id: int) -> int | None:
    """The person record ``record_id`` of ``record_kind`` is about; None if nobody (or gone)."""
    if record_kind not in PERSON_OF:
        return None
    expression = _person(record_kind, "r")
    row = dossier.execute(f"SELECT {expression} FROM {record_kind} AS r WHERE r.rowid = :id",
                             {"id": record_id}).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def record_on_file(path: Path | str, action: str, record_kind: str = "document", *,
                   employee_ids: tuple[int, ...] = (), detail: str = "") -> str | None:
    """Open the dossier at ``path`` just long enough to record ``action``: one entry per
    person in ``employee_ids`` (kind ``employee``), else one of ``record_kind``.

    For the command line, whose export reads the dossier read-only. Returns None when
    recorded, or a Dutch sentence saying why not (the dossier is open elsewhere, may not
    be written, or is of an older version that is upgraded only when a user opens it).
    """
    from kmo_reintegratie.store import cipher
    from kmo_reintegratie.store.dossier import Dossier, inspect
    from kmo_reintegratie.store.errors import DossierError
    from kmo_reintegratie.store.migrations import SCHEMA_VERSION

    failed = "Het logboek van het dossier is niet bijgewerkt"
    try:
        if inspect(Path(path).absolute(), cipher.password_for(path)) < SCHEMA_VERSION:
            return f"{failed}: het dossier is van een oudere versie."
        with Dossier.open(path) as dossier, dossier.writing():
            for employee_id in employee_ids or (None,):
                kind = record_kind if employee_id is None else "employee"
                record(dossier, action, kind, employee_id, employee_id, detail)
    except DossierError as error:
        return f"{failed}: {error.message}"
    return None


# --------------------------------------------------------------------------- reading


def entries(dossier: Dossier, employee_id: int | None = None, *, limit: int = 200,
            offset: int = 0, before_id: int | None = None) -> list[AuditEntry]:
    """Entries newest first: all, or those about one person (also after their erasure).

    Page with ``offset``, or with ``before_id`` (the last id of the previous page), which
    stays right while new entries are written.
    """
    conditions = [] if employee_id is None else ["employee_id = :employee_id"]
    if before_id is not None:
        conditions.append("id < :before_id")
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = dossier.execute(
        "SELECT id, at, actor, action, record_kind, record_id, employee_id, detail "
        f"FROM audit_entry {where} ORDER BY id DESC LIMIT :limit OFFSET :offset",
        {"employee_id": employee_id, "before_id": before_id, "limit": limit, "offset": offset},
    ).fetchall()
    return [_entry(row) for row in rows]


def count(dossier: Dossier, employee_id: int | None = None) -> int:
    where = "" if employee_id is None else "WHERE employee_id = :employee_id"
    row = dossier.execute(f"SELECT count(*) FROM audit_entry {where}",
                             {"employee_id": employee_id}).fetchone()
    return int(row[0])


def people(dossier: Dossier) -> list[int]:
    """The ids of every person the log mentions, existing or erased, in ascending order."""
    rows = dossier.execute(
        "SELECT DISTINCT employee_id FROM audit_entry WHERE employee_id IS NOT NULL "
        "ORDER BY employee_id"
    ).fetchall()
    return [int(row[0]) for row in rows]


def _entry(row: Any) -> AuditEntry:
    entry_id, at, who, action, kind, record_id, employee_id, detail = row
    try:
        when = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        when = datetime.min  # written by another tool in another form: shown, not lost
    return AuditEntry(int(entry_id), when, who or "", action, kind, record_id, employee_id,
                      detail or "")
