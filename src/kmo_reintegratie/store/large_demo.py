"""Writing the large demo dossier: every generated row in one transaction, as plain SQL.

The repositories check each record against the others (overlapping absences, certificates
inside their absence) and read it back: right for a user's input, far too slow for
hundreds of thousands of rows. The generator (``sample_data.generate_large_demo``)
guarantees consistent data instead. The audit trail is paused: it would otherwise hold an
entry for each generated row, which no user made.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.store.audit import paused
from kmo_reintegratie.store.trajectory_repo import _plan_row

if TYPE_CHECKING:
    from kmo_reintegratie.sample_data import LargeDemo
    from kmo_reintegratie.store.dossier import Dossier


def _insert(conn: sqlite3.Connection, table: str, rows: Sequence[dict[str, Any]], now: str) -> None:
    if not rows:
        return
    columns = [*rows[0], "created_at", "updated_at"]
    sql = (f"INSERT INTO {table} ({', '.join(columns)}) "
           f"VALUES ({', '.join('?' * len(columns))})")
    keys = list(rows[0])
    conn.executemany(sql, ((*(row[k] for k in keys), now, now) for row in rows))


def _plans(demo: LargeDemo) -> Iterable[dict[str, Any]]:
    for plan in demo.plans:
        yield {**_plan_row(plan), "trajectory_id": plan.trajectory_id, "version": plan.version}


def write_large_demo(dossier: Dossier, demo: LargeDemo) -> None:
    """Store every row of ``demo`` in ``dossier`` (a new, empty one): all of it or nothing."""
    now = dossier.now()
    with paused(dossier), dossier.writing() as db:
        for table, rows in (
            ("employee", demo.employees), ("employee_regime", demo.regimes), ("absence", demo.absences),
            ("certificate", demo.certificates), ("partial_return", demo.partial_returns),
            ("contact_agreement", demo.agreements), ("contact_entry", demo.contacts),
            ("trajectory", demo.trajectories), ("plan_version", list(_plans(demo))),
            ("assessment_round", demo.rounds), ("assessment_answer", demo.answers),
            ("assessment_action", demo.actions),
        ):
            _insert(db.conn, table, rows, now)
        for report in demo.reports:  # a few: the repository's own way of storing them
            dossier.trajectories.save_report(report)
