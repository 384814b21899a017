"""Benchmark: backups of a 2,000-employee, 50,000-spell dossier.

Times a verified copy (``write_backup``), the daily backup when the dossier is
opened (first of the day, and the cheap "already done today" case), listing 23
copies (store and the real dialog, offscreen), the newest verified backup for
the damage message, and a restore.
Usage: python benchmarks/backup_benchmark.py [--employees 2000] [--spells 50000]
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from kmo_reintegratie import paths
from kmo_reintegratie.sample_data import write_large_dossier
from kmo_reintegratie.store import backup


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, float, Any]:
    """(median ms, max ms, last result)."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def line(label: str, median: float, worst: float) -> None:
    print(f"{label:<48} median {median:7.1f} ms  max {worst:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--spells", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kmo-backup-bench-"))
    paths.set_home(work / "home")
    try:
        run(work, args.employees, args.spells, args.repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(work: Path, employees: int, spells: int, repeat: int) -> None:
    dossier = work / "groot.kmo"
    started = time.perf_counter()
    write_large_dossier(dossier, employees=employees, spells=spells, end=date(2026, 11, 22))
    size = dossier.stat().st_size
    print(
        f"dossier generated in {time.perf_counter() - started:.1f} s: {employees} employees, "
        f"{spells} absence spells, {size / 1e6:.1f} MB"
    )
    dossier_id = backup.read_dossier_id(dossier) or "benchmark"

    copies = work / "kopieen"
    copies.mkdir()
    counter = iter(range(10_000))
    median, worst, _ = timed(
        lambda: backup.write_backup(dossier, copies / f"kopie-{next(counter)}.kmo"), repeat
    )
    line(f"write_backup (copy + integrity_check, {size / 1e6:.1f} MB)", median, worst)

    day = datetime(2026, 12, 6, 9, 0)
    median, worst, _ = timed(lambda: backup.daily_backup(dossier, dossier_id, now=day))
    line("daily_backup, first of the day", median, worst)
    median, worst, _ = timed(lambda: backup.daily_backup(dossier, dossier_id, now=day), repeat)
    line("daily_backup, already made today", median, worst)

    folder = paths.backups_dir() / dossier_id
    for n in range(1, 23):  # 23 copies: the most that rotation keeps is fewer
        name = f"{day - timedelta(days=n):%Y-%m-%d_%H%M}.kmo"
        shutil.copyfile(copies / "kopie-0.kmo", folder / name)
    median, worst, listed = timed(lambda: backup.list_backups(dossier_id), repeat)
    line(f"list_backups, {len(listed)} copies", median, worst)
    median, worst, _ = timed(lambda: backup.newest_verified_backup(dossier), repeat)
    line("newest_verified_backup (quick_check of one)", median, worst)
    median, worst, _ = timed(lambda: backup.restore_backup(listed[0].path, dossier), repeat)
    line("restore_backup", median, worst)
    time_dialog(dossier, dossier_id, repeat)
    next_day = day + timedelta(days=1)
    median, worst, _ = timed(lambda: backup.daily_backup(dossier, dossier_id, now=next_day))
    line("daily_backup, next day, rotating 23 copies", median, worst)


def time_dialog(dossier: Path, dossier_id: str, repeat: int) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kmo_reintegratie.ui.app import make_application
    from kmo_reintegratie.ui.dialogs.backups import BackupsDialog

    app = make_application()

    def show() -> int:
        dialog = BackupsDialog(dossier, dossier_id)
        dialog.show()
        app.processEvents()
        rows = dialog.model.rowCount()
        dialog.close()
        dialog.deleteLater()
        return rows

    median, worst, rows = timed(show, repeat)
    line(f"BackupsDialog built and shown, {rows} copies", median, worst)


if __name__ == "__main__":
    main()
