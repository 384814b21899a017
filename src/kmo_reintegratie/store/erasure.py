"""Erasing or anonymising a person, an absence or a trajectory (GDPR art. 17).

Each call is one transaction and is recorded in the audit trail by one entry (that it
happened, never what was erased). Nothing here can be undone: the rows are not kept anywhere. With
``secure_delete`` on, SQLite overwrites the removed bytes and zeroes the pages it frees, so
no VACUUM is needed for the data to be gone from the file (measured on the demo with 20 KB
texts in overflow pages: no trace left, 40 to 50 zeroed free pages). What anonymising keeps
is decided by :mod:`kmo_reintegratie.erasure_rules`.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.erasure_rules import (
    EMPLOYEE_IDENTIFYING,
    FREE_TEXT,
    JSON_TEXT,
    ErasureCounts,
    anonymised_json,
    anonymised_name,
    anonymised_text,
)
from kmo_reintegratie.store import audit

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

# The rows of one scope, per table: a WHERE clause over :id.
_EMPLOYEE_SCOPE = {
    "absence": "employee_id = :id",
    "contact_agreement": "absence_id IN (SELECT id FROM absence WHERE employee_id = :id)",
    "contact_entry": "absence_id IN (SELECT id FROM absence WHERE employee_id = :id)",
    "force_majeure_check": "absence_id IN (SELECT id FROM absence WHERE employee_id = :id)",
    "trajectory": "employee_id = :id",
    "plan_version": "trajectory_id IN (SELECT id FROM trajectory WHERE employee_id = :id)",
    "motivated_report": "trajectory_id IN (SELECT id FROM trajectory WHERE employee_id = :id)",
    "preventive_request": "employee_id = :id",
}
_ABSENCE_SCOPE = {
    "absence": "id = :id",
    "contact_agreement": "absence_id = :id",
    "contact_entry": "absence_id = :id",
    "force_majeure_check": "absence_id = :id",
}
_TRAJECTORY_SCOPE = {
    "trajectory": "id = :id",
    "plan_version": "trajectory_id = :id",
    "motivated_report": "trajectory_id = :id",
}


def counts(dossier: Dossier, employee_id: int) -> ErasureCounts:
    """How many records of each kind hang under the employee (for the confirmation)."""
    def count(table: str, where: str) -> int:
        return int(dossier.execute(
            f"SELECT count(*) FROM {table} WHERE {where}", {"id": employee_id}).fetchone()[0])

    in_absence = "absence_id IN (SELECT id FROM absence WHERE employee_id = :id)"
    in_trajectory = "trajectory_id IN (SELECT id FROM trajectory WHERE employee_id = :id)"
    return ErasureCounts(
        absences=count("absence", "employee_id = :id"),
        certificates=count("certificate", in_absence),
        partial_returns=count("partial_return", in_absence),
        contacts=count("contact_entry", in_absence),
        agreements=count("contact_agreement", in_absence),
        trajectories=count("trajectory", "employee_id = :id"),
        plan_versions=count("plan_version", in_trajectory),
        reports=count("motivated_report", in_trajectory),
        preventive_requests=count("preventive_request", "employee_id = :id"),
        force_majeure_checks=count("force_majeure_check", in_absence),
        regimes=count("employee_regime", "employee_id = :id"),
    )


def anonymised_on(dossier: Dossier, employee_id: int) -> date | None:
    """The day the employee was anonymised, or None."""
    row = dossier.execute("SELECT anonymised_on FROM employee WHERE id = :id",
                             {"id": employee_id}).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def mentions_elsewhere(dossier: Dossier, employee_id: int) -> int:
    """How often the person's name appears in other records (as the colleague who made a
    contact, a contact person, someone's manager, the "wie" of an action): those records
    belong to others and stay as they are."""
    row = dossier.execute("SELECT name FROM employee WHERE id = :id", {"id": employee_id}).fetchone()
    if row is None or not row[0].strip():
        return 0
    params = {"id": employee_id, "name": row[0].strip()}
    others = "absence_id IN (SELECT id FROM absence WHERE employee_id <> :id)"
    queries = (
        f"SELECT count(*) FROM contact_entry WHERE {others} AND trim(made_by) = :name COLLATE NOCASE",
        f"SELECT count(*) FROM contact_agreement WHERE {others} AND trim(contact_name) = :name COLLATE NOCASE",
        "SELECT count(*) FROM employee WHERE id <> :id AND trim(manager) = :name COLLATE NOCASE",
        "SELECT count(*) FROM assessment_action WHERE instr(lower(who), lower(:name)) > 0",
        "SELECT count(*) FROM role_contact WHERE trim(name) = :name COLLATE NOCASE",
    )
    return sum(int(dossier.execute(sql, params).fetchone()[0]) for sql in queries)


# -- erasing -------------------------------------------------------------------------------


def erase_employee(dossier: Dossier, employee_id: int) -> None:
    """Delete the employee and everything that cascades from them, in one transaction."""
    _erase(dossier, "employee", employee_id, employee_id)


def erase_absence(dossier: Dossier, absence_id: int) -> None:
    """Delete one absence with its certificates, partial returns, agreements and contacts."""
    _erase(dossier, "absence", absence_id, _owner(dossier, "absence", absence_id))


def erase_trajectory(dossier: Dossier, trajectory_id: int) -> None:
    """Delete one trajectory with its plan versions and motivated report."""
    _erase(dossier, "trajectory", trajectory_id, _owner(dossier, "trajectory", trajectory_id))


def _erase(dossier: Dossier, table: str, record_id: int, employee_id: int) -> None:
    with audit.paused(dossier), dossier.writing() as db:
        cursor = db.execute(f"DELETE FROM {table} WHERE id = :id", {"id": record_id})
        if cursor.rowcount != 1:
            raise LookupError(f"{table} {record_id} bestaat niet (meer)")
        _record(dossier, "erased", table, record_id, employee_id)


# -- anonymising ---------------------------------------------------------------------------


def anonymise_employee(dossier: Dossier, employee_id: int, *, on: date) -> None:
    """Remove the person's identity and every free text; keep the facts past reports count."""
    with audit.paused(dossier), dossier.writing() as db:
        identity: dict[str, Any] = {column: "" for column in EMPLOYEE_IDENTIFYING}
        cursor = db.execute(
            "UPDATE employee SET name = :name, "
            + ", ".join(f"{column} = :{column}" for column in identity)
            + ", anonymised_on = coalesce(anonymised_on, :on), updated_at = :now WHERE id = :id",
            {**identity, "name": anonymised_name(employee_id), "on": on.isoformat(),
             "now": dossier.now(), "id": employee_id})
        if cursor.rowcount != 1:
            raise LookupError(f"employee {employee_id} bestaat niet (meer)")
        _anonymise_scope(db, _EMPLOYEE_SCOPE, employee_id)
        _record(dossier, "anonymised", "employee", employee_id, employee_id)


def anonymise_absence(dossier: Dossier, absence_id: int) -> None:
    """Remove the free text of one absence and its contact log; keep its dates and kind."""
    employee_id = _owner(dossier, "absence", absence_id)
    with audit.paused(dossier), dossier.writing() as db:
        _anonymise_scope(db, _ABSENCE_SCOPE, absence_id)
        _record(dossier, "anonymised", "absence", absence_id, employee_id)


def anonymise_trajectory(dossier: Dossier, trajectory_id: int) -> None:
    """Remove the free text of one trajectory, its plans and report; keep kind, decision, dates."""
    employee_id = _owner(dossier, "trajectory", trajectory_id)
    with audit.paused(dossier), dossier.writing() as db:
        _anonymise_scope(db, _TRAJECTORY_SCOPE, trajectory_id)
        _record(dossier, "anonymised", "trajectory", trajectory_id, employee_id)


def _anonymise_scope(db: Any, scope: dict[str, str], scope_id: int) -> None:
    for table, where in scope.items():
        if table == "force_majeure_check":
            # The guided procedure of a medical dismissal: no report counts it.
            db.execute(f"DELETE FROM {table} WHERE {where}", {"id": scope_id})
            continue
        texts = FREE_TEXT.get(table, ())
        json_columns = {column: keys for (t, column), keys in JSON_TEXT.items() if t == table}
        columns = (*texts, *json_columns)
        rows = db.execute(f"SELECT id, {', '.join(columns)} FROM {table} WHERE {where}",
                          {"id": scope_id}).fetchall()
        for row_id, *values in rows:
            current = dict(zip(columns, values))
            cleaned = {c: anonymised_text(current[c]) for c in texts}
            cleaned |= {c: anonymised_json(current[c], keys) for c, keys in json_columns.items()}
            changed = {c: v for c, v in cleaned.items() if v != current[c]}
            if changed:
                db.execute(f"UPDATE {table} SET " + ", ".join(f"{c} = :{c}" for c in changed)
                           + " WHERE id = :row_id", {**changed, "row_id": row_id})


# -- shared --------------------------------------------------------------------------------


def _owner(dossier: Dossier, table: str, record_id: int) -> int:
    row = dossier.execute(f"SELECT employee_id FROM {table} WHERE id = :id",
                             {"id": record_id}).fetchone()
    if row is None:
        raise LookupError(f"{table} {record_id} bestaat niet (meer)")
    return int(row[0])


def _record(dossier: Dossier, action: str, record_kind: str, record_id: int, employee_id: int) -> None:
    """Log that an erasure happened, inside its transaction (both stored or neither).

    The per-row triggers are paused around it (``audit.paused``): a 'changed' entry for every
    contact that was anonymised would itself be a trace of what was there.
    """
    audit.record(dossier, action, record_kind, record_id, employee_id)

