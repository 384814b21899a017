"""Benchmark: importing a staff list of 10,000 people from a social secretariat's CSV.

Target (issue 11): the store's part, one transaction for all rows, in at most 1 s.
Usage: python benchmarks/import_benchmark.py [--rows 10000] [--repeat 3]
Prints read / plan / store times and the number of COMMITs; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from kmo_reintegratie.staff_import import guess_mapping, plan_import, read_table
from kmo_reintegratie.store.dossier import Dossier

HEADER = "Personeelsnummer;Naam;Voornaam;Functie;Afdeling;Statuut;Datum in dienst;Arbeidsregime"


def write_csv(path: Path, rows: int) -> None:
    lines = [HEADER]
    for number in range(rows):
        lines.append(
            f"{10000 + number};Janssens{number};Els;Verzorgende;Afdeling {number % 12};"
            f"{'arbeider' if number % 3 else 'bediende'};01/0{1 + number % 9}/2015;{19 + number % 20}"
        )
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kmo-import-"))
    source = folder / "personeel.csv"
    write_csv(source, args.rows)
    reads, plans, stores, commits = [], [], [], []
    for attempt in range(args.repeat):
        path = folder / f"import-{attempt}.kmo"
        Dossier.create(path).close()
        with Dossier.open(path) as dossier:
            started = time.perf_counter()
            table = read_table(source)
            reads.append(time.perf_counter() - started)
            started = time.perf_counter()
            plan = plan_import(table, guess_mapping(table.headers), dossier.employees.list(),
                               effective=date(2026, 12, 1))
            plans.append(time.perf_counter() - started)
            additions, changes = plan.apply_arguments()
            counted: list[str] = []
            dossier.db.conn.set_trace_callback(lambda sql: counted.append(sql) if sql == "COMMIT" else None)
            started = time.perf_counter()
            dossier.employees.apply_import(additions, changes, effective=plan.effective)
            stores.append(time.perf_counter() - started)
            dossier.db.conn.set_trace_callback(None)
            commits.append(len(counted))
            stored = dossier.employees.count()
    print(f"{args.rows} rows, {stored} employees stored, {commits[-1]} COMMIT(s) for the whole import")
    print(f"read CSV   median {statistics.median(reads) * 1000:.0f} ms")
    print(f"dry run    median {statistics.median(plans) * 1000:.0f} ms")
    print(f"store      median {statistics.median(stores) * 1000:.0f} ms  (max {max(stores) * 1000:.0f} ms;"
          " target <= 1000 ms)")


if __name__ == "__main__":
    main()
