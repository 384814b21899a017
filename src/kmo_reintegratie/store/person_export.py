"""Every row the dossier holds about one person, for the access export (GDPR art. 15).

The rows are read generically (``SELECT *``), so a column added later is exported without a
change here, but the tables are listed explicitly: :data:`PERSON_TABLES` says how each one
links to the person (directly by ``employee_id``, or through one of the person's absences or
trajectories, as the ``ON DELETE CASCADE`` lists of ``undo_rows`` do), and
:data:`NOT_PERSONAL` names the tables that hold nothing about a person and why. A test
keeps the two lists (and the audit trail, :data:`AUDIT_TABLE`) together equal to the schema,
so a new table is never silently left out.

Only the person's own rows are read: colleagues appear only where the person's own records
name them (who made a contact, the manager, the actor of an audit entry).
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


@record
class Link:
    """How ``table`` reaches the person: its ``column`` holds the id of a ``parent`` row."""

    table: str
    column: str
    #: "employee" (the person), or a table of :data:`PERSON_TABLES` listed before this one.
    parent: str
    #: The order the rows are read in (oldest first), by columns of ``table``.
    order: str


#: The person's own row first, then what hangs from it; parents before their children.
PERSON_TABLES: tuple[Link, ...] = (
    Link("employee", "id", "employee", "id"),
    Link("employee_regime", "employee_id", "employee", "valid_from, id"),
    Link("absence", "employee_id", "employee", "starts, id"),
    Link("certificate", "absence_id", "absence", "starts, id"),
    Link("partial_return", "absence_id", "absence", "starts, id"),
    Link("contact_agreement", "absence_id", "absence", "valid_from, id"),
    Link("contact_entry", "absence_id", "absence", "at, id"),
    Link("force_majeure_check", "absence_id", "absence", "absence_id"),
    Link("trajectory", "employee_id", "employee", "id"),
    Link("plan_version", "trajectory_id", "trajectory", "trajectory_id, version"),
    Link("motivated_report", "trajectory_id", "trajectory", "trajectory_id"),
    Link("preventive_request", "employee_id", "employee", "requested_on, id"),
)
#: Who handled the person's records and how (never the content), read through
#: ``store.audit``, which writes the person's id on every entry about one of their records.
AUDIT_TABLE = "audit_entry"

#: Tables that hold nothing about any one person, and why.
NOT_PERSONAL: dict[str, str] = {
    "meta": "technische gegevens van het dossierbestand",
    "organisation": "gegevens van de organisatie",
    "role_contact": "de contactpersonen van de organisatie (arbeidsarts, preventieadviseur …)",
    "assessment_round": "zelfevaluatie van het beleid, niet van een persoon",
    "assessment_answer": "zelfevaluatie van het beleid, niet van een persoon",
    "assessment_comment": "zelfevaluatie van het beleid, niet van een persoon",
    "assessment_action": "actieplan van het beleid, niet van een persoon",
    "document_text": "standaardteksten van brieven",
    "retention_setting": "bewaartermijnen van de organisatie",
}

#: Columns stored as JSON text; read back as lists and objects.
JSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "contact_entry": ("info_given",),
    "plan_version": ("adaptations", "schedule", "evaluation_moments", "checklist"),
    "motivated_report": ("considerations",),
    "force_majeure_check": ("checklist",),
}


@record
class PersonRecords:
    """The rows about one person, by table, in the order of :data:`PERSON_TABLES`, then
    the audit entries (:data:`AUDIT_TABLE`), oldest first.

    Every row is a plain dict of the stored columns (dates as ISO text, as stored); JSON
    columns are decoded (text that is no valid JSON is kept as text).
    """

    employee_id: int
    tables: dict[str, tuple[dict[str, Any], ...]]

    def rows(self, table: str) -> tuple[dict[str, Any], ...]:
        return self.tables.get(table, ())

    @property
    def employee(self) -> dict[str, Any]:
        return self.tables["employee"][0]


def person_records(dossier: Dossier, employee_id: int) -> PersonRecords:
    """Everything about employee ``employee_id``, read as one consistent snapshot.

    Raises ``ValueError`` (Dutch) when there is no such employee.
    """
    conn = dossier.conn
    # A savepoint is a read transaction here: a write elsewhere between two tables cannot
    # make the export contradict itself (a contact without its absence).
    conn.execute("SAVEPOINT person_export")
    try:
        tables = {link.table: _rows(dossier, link, employee_id) for link in PERSON_TABLES}
        tables[AUDIT_TABLE] = _audit_rows(dossier, employee_id)
    finally:
        conn.execute("RELEASE person_export")
    if not tables["employee"]:
        raise ValueError("Deze werknemer bestaat niet (meer) in dit dossier.")
    return PersonRecords(employee_id, tables)


def schema_tables(dossier: Dossier) -> list[str]:
    """The names of the dossier's own tables (SQLite's internal tables left out)."""
    return [
        name
        for (name,) in dossier.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
            "ORDER BY name"
        )
    ]


def schema_columns(dossier: Dossier, table: str) -> list[str]:
    """The columns of ``table`` as the dossier has them."""
    return [row[1] for row in dossier.execute(f"PRAGMA table_info({_known(table)})")]


def _known(table: str) -> str:
    # Table names reach SQL text only from the lists above, never from input.
    if table not in {link.table for link in PERSON_TABLES} | {AUDIT_TABLE} | set(NOT_PERSONAL):
        raise ValueError(f"unknown table {table}")
    return table


def _person_filter(link: Link) -> str:
    """SQL for "``link.column`` points to a row of the person" (ids of parents, nested)."""
    if link.parent == "employee":
        return f"{link.column} = :person"
    parent = next(p for p in PERSON_TABLES if p.table == link.parent)
    return f"{link.column} IN (SELECT id FROM {parent.table} WHERE {_person_filter(parent)})"


def _rows(dossier: Dossier, link: Link, employee_id: int) -> tuple[dict[str, Any], ...]:
    sql = f"SELECT * FROM {_known(link.table)} WHERE {_person_filter(link)} ORDER BY {link.order}"
    decoded = JSON_COLUMNS.get(link.table, ())
    rows = []
    for row in dossier.query(sql, {"person": employee_id}):
        for column in decoded:
            row[column] = _json(row.get(column))
        rows.append(row)
    return tuple(rows)


def _audit_rows(dossier: Dossier, employee_id: int) -> tuple[dict[str, Any], ...]:
    from kmo_reintegratie.store import audit

    found = audit.entries(dossier, employee_id, limit=audit.count(dossier, employee_id))
    rows = []
    for entry in reversed(found):  # newest first there
        row = asdict(entry)
        # An entry another tool wrote with an unreadable time has datetime.min there.
        row["at"] = entry.at.isoformat(timespec="seconds") if entry.at != datetime.min else ""
        rows.append(row)
    return tuple(rows)


def _json(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value
