"""Benchmark: recomputing the Analyse page on a 2,000-employee, 50,000-spell dossier.

Target (issue): under 200 ms for a new period or department filter. The first
analysis after opening or changing the dossier also stages the data into
temporary tables; that is printed separately (it runs in a worker thread).
Usage: python benchmarks/analysis_benchmark.py [--employees 2000] [--spells 50000]
Prints the figures; asserts nothing. The second part times the real page, offscreen:
from choosing a period or department until the new figures, charts and tables are shown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from kmo_reintegratie.analysis import month_period, quarter_period, year_period
from kmo_reintegratie.sample_data import write_large_dossier
from kmo_reintegratie.store.dossier import Dossier


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--spells", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    today = date(2026, 11, 22)
    path = Path(tempfile.mkdtemp()) / "groot.kmo"
    started = time.perf_counter()
    write_large_dossier(path, employees=args.employees, spells=args.spells, end=today)
    print(f"dossier generated in {time.perf_counter() - started:.1f} s ({path.stat().st_size / 1e6:.1f} MB)")
    with Dossier.open(path, read_only=True) as dossier:
        spells = dossier.db.execute("SELECT count(*) FROM absence").fetchone()[0]
        print(f"{args.employees} employees, {spells} absence spells")
        departments = dossier.analysis.departments()
        t = time.perf_counter()
        dossier.analysis.analyse(year_period(2026), department=None, today=today)
        print(f"first analysis incl. staging the dossier (worker thread): {(time.perf_counter() - t) * 1000:.0f} ms")
        cases = [("year 2026, all", year_period(2026), None),
                 ("quarter 3 2026, all", quarter_period(2026, 3), None),
                 ("month 10 2026, all", month_period(2026, 10), None),
                 (f"year 2026, {departments[0]}", year_period(2026), departments[0]),
                 ("year 2025, all", year_period(2025), None)]
        for label, period, department in cases:
            times = []
            for _ in range(args.repeat):
                t = time.perf_counter()
                result = dossier.analysis.analyse(period, department=department, today=today)
                times.append((time.perf_counter() - t) * 1000)
            print(f"{label:<42} median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms   "
                  f"absence {result.figures[0].display}")
    time_page(path, today, args.repeat)


def time_page(path: Path, today: date, repeat: int) -> None:
    """The Analyse page end to end: worker query, then models, charts and a paint."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop

    from kmo_reintegratie.ui.app import make_application
    from kmo_reintegratie.ui.events import DossierEvents
    from kmo_reintegratie.ui.pages.analysis_page import AnalysisPage

    app = make_application()
    dossier = Dossier.open(path, read_only=True)
    page = AnalysisPage(dossier, DossierEvents(), lambda: today)
    page.resize(1280, 900)

    def shown(action: object) -> float:
        loop = QEventLoop()
        page.updated.connect(loop.quit)
        t = time.perf_counter()
        action()  # type: ignore[operator]
        loop.exec()
        app.processEvents()  # the paint
        page.updated.disconnect(loop.quit)
        return (time.perf_counter() - t) * 1000

    print(f"page: first show incl. staging             {shown(page.show):6.0f} ms")
    department = dossier.analysis.departments()[0]
    cases = [("page: year 2025", lambda: page.set_period(year_period(2025))),
             ("page: quarter 3 2026", lambda: page.set_period(quarter_period(2026, 3))),
             ("page: month 10 2026", lambda: page.set_period(month_period(2026, 10))),
             (f"page: department {department}", lambda: page.set_department(department)),
             ("page: all departments", lambda: page.set_department(None))]
    for label, action in cases:
        times = [shown(action) for _ in range(repeat)]
        print(f"{label:<42} median {statistics.median(times):6.1f} ms  max {max(times):6.1f} ms")
    page.close_reader()
    dossier.close()


if __name__ == "__main__":
    main()
