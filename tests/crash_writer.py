"""A writer that dies by SIGKILL in the middle of a large write, and the check after it.

Run as a script it opens a dossier, makes SQLite spill pages to the file early
(a tiny page cache), imports batches of employees and prints ``committed N``
after each batch the program reported as stored. A progress handler kills the
process at a chosen SQLite step, so the kill lands anywhere inside a statement
or a COMMIT, without sleeping. Used by tests/test_crash_recovery.py (20 kills)
and benchmarks/kill_stress.py (hundreds).
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROWS_PER_BATCH = 400


def batch_rows(batch: int) -> list[dict[str, object]]:
    return [
        {"name": f"B{batch:05d}-{row:04d}", "function": "schoonmaak " * 20, "hours_per_week": 38}
        for row in range(ROWS_PER_BATCH)
    ]


def write_until_killed(path: Path, first_batch: int, kill_after_steps: int) -> None:
    from kmo_reintegratie.store.dossier import Dossier

    dossier = Dossier.open(path)
    dossier.db.execute("PRAGMA cache_size = 5")  # pages spill: the file changes before COMMIT
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        if steps >= kill_after_steps:
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    dossier.db.conn.set_progress_handler(count, 100)
    batch = first_batch
    while True:
        dossier.employees.apply_import(batch_rows(batch), [], effective=date(2026, 1, 1))
        print(f"committed {batch}", flush=True)
        batch += 1


@dataclass
class KillResult:
    committed: list[int]
    killed: bool
    journal_left: bool
    refused: str | None = None
    corrupt: bool = False
    lost: list[int] | None = None


def kill_writer(path: Path, first_batch: int, kill_after_steps: int) -> KillResult:
    """Run the writer until it kills itself; the dossier is left as the kill left it."""
    process = subprocess.run(
        [sys.executable, __file__, str(path), str(first_batch), str(kill_after_steps)],
        capture_output=True, text=True, timeout=120,
    )
    committed = [int(line.split()[1]) for line in process.stdout.splitlines() if line.startswith("committed")]
    journal = Path(f"{path}-journal")
    return KillResult(committed, process.returncode == -signal.SIGKILL,
                      journal.exists() and journal.stat().st_size > 0)


def kill_round(path: Path, first_batch: int, kill_after_steps: int) -> KillResult:
    """Kill a writer, then open the dossier as the program does and check it."""
    from kmo_reintegratie.store.dossier import Dossier
    from kmo_reintegratie.store.errors import DossierError

    result = kill_writer(path, first_batch, kill_after_steps)
    try:
        dossier = Dossier.open(path)
    except DossierError as error:
        result.refused = error.message
        return result
    try:
        check = dossier.db.execute("PRAGMA integrity_check").fetchone()[0]
        result.corrupt = check != "ok"
        present = {
            int(name[1:6])
            for (name,) in dossier.db.execute(
                "SELECT name FROM employee GROUP BY substr(name, 1, 6) HAVING count(*) = :n",
                {"n": ROWS_PER_BATCH},
            )
        }
        partial = dossier.db.execute(
            "SELECT count(*) FROM (SELECT 1 FROM employee GROUP BY substr(name, 1, 6) "
            "HAVING count(*) <> :n)", {"n": ROWS_PER_BATCH},
        ).fetchone()[0]
        result.corrupt = result.corrupt or partial > 0
        result.lost = [batch for batch in result.committed if batch not in present]
    finally:
        dossier.close()
    return result


def next_batch(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT max(substr(name, 2, 5)) FROM employee").fetchone()
    finally:
        conn.close()
    return int(row[0]) + 1 if row and row[0] else 0


if __name__ == "__main__":
    write_until_killed(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
