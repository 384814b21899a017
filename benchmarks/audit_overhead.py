"""Benchmark: what the audit trail's triggers cost (issue 16, point 4).

Times, with and without the audit triggers, (1) the store part of importing a staff list
of 10,000 people (one transaction, 20,000 rows: employees and their regimes) and (2)
writing the demo dossier (thousands of small transactions through the repositories), and
(3) installing the triggers on a connection. Interleaves the two variants so that a
busy machine slows both alike; prints medians and asserts nothing.
Usage: python benchmarks/audit_overhead.py [--rows 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import kmo_reintegratie.store.audit as audit
from kmo_reintegratie.demo import write_demo
from kmo_reintegratie.staff_import import guess_mapping, plan_import, read_table
from kmo_reintegratie.store.dossier import Dossier

from import_benchmark import write_csv  # type: ignore[import-not-found]

REAL_INSTALL = audit.install


def _no_audit(_conn: sqlite3.Connection, actor: str | None = None) -> None:
    return None


def timed_import(folder: Path, source: Path, name: str) -> tuple[float, int]:
    path = folder / f"{name}.kmo"
    Dossier.create(path).close()
    with Dossier.open(path) as dossier:
        table = read_table(source)
        plan = plan_import(table, guess_mapping(table.headers), [], effective=date(2026, 12, 1))
        additions, changes = plan.apply_arguments()
        dossier.prepare_audit()  # done at the first write: not part of what is timed
        started = time.perf_counter()
        dossier.employees.apply_import(additions, changes, effective=plan.effective)
        elapsed = time.perf_counter() - started
        logged = audit.count(dossier)
    return elapsed, logged


def timed_demo(folder: Path, name: str) -> float:
    started = time.perf_counter()
    write_demo(folder / f"{name}.kmo", today=date(2026, 12, 7))
    return time.perf_counter() - started


def both(what: str, run: Callable[[str], float], repeat: int) -> tuple[list[float], list[float]]:
    plain: list[float] = []
    logged: list[float] = []
    for attempt in range(repeat):
        audit.install = _no_audit  # Dossier.prepare_audit looks it up before the first write
        plain.append(run(f"zonder-{what}-{attempt}"))
        audit.install = REAL_INSTALL
        logged.append(run(f"met-{what}-{attempt}"))
    return plain, logged


def report(what: str, plain: list[float], logged: list[float]) -> None:
    without, with_ = statistics.median(plain) * 1000, statistics.median(logged) * 1000
    print(f"{what:<28} without {without:7.0f} ms   with {with_:7.0f} ms   "
          f"(+{with_ - without:.0f} ms, +{(with_ / without - 1) * 100:.0f} %)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kmo-audit-"))
    source = folder / "personeel.csv"
    write_csv(source, args.rows)
    entries: list[int] = []

    def run_import(name: str) -> float:
        elapsed, logged = timed_import(folder, source, name)
        entries.append(logged)
        return elapsed

    report(f"import store ({args.rows} rows)", *both("import", run_import, args.repeat))
    print(f"  log entries after one import with triggers: {max(entries)}")
    report("demo dossier", *both("demo", lambda name: timed_demo(folder, name), args.repeat))
    Dossier.create(folder / "leeg.kmo").close()
    installs = []
    for _ in range(20):
        conn = sqlite3.connect(folder / "leeg.kmo")
        started = time.perf_counter()
        REAL_INSTALL(conn)
        installs.append(time.perf_counter() - started)
        conn.close()
    print(f"install on a connection      median {statistics.median(installs) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
