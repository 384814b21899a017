"""Benchmark: the program on the large demo dossier (``demo PAD --groot``), offscreen.

Prints, in one run: the time to write the large demo; the time to build each list (model and
page) on it; the search per keystroke (median / max); the Overzicht, and what it reads part by
part; each export of ``documents.registry.EXPORTS`` (in-process, one person for the per-person
documents); and the longest stall of the event loop while switching pages and filtering, also
per page shown, measured by a timer that should tick every 5 ms; and in the real window, the
longest stall when each page is clicked for the first time (and built) and again. Targets (issue 18): a keystroke ≤ 50 ms, Overzicht ≤ 100 ms, no stall
over 100 ms. Asserts nothing.

Usage: python benchmarks/large_dossier.py [--dossier PAD] [--geen-export] [--alleen-venster]
(``--dossier`` reuses a large demo written before, dated today.)
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from functools import partial
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def compile_program() -> None:
    """Bytecode for every module, as an installed program has it, also where the environment
    says PYTHONDONTWRITEBYTECODE: a page's first visit must not include compiling its source."""
    import compileall
    import sys

    import kmo_reintegratie

    if sys.dont_write_bytecode:
        sys.pycache_prefix = os.path.join(tempfile.gettempdir(), "kmo-benchmark-pycache")
        sys.dont_write_bytecode = False
    compileall.compile_dir(os.path.dirname(kmo_reintegratie.__file__), quiet=1)


compile_program()

from kmo_reintegratie.store.dossier import Dossier  # noqa: E402

WORD = "peeters"


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.0f} ms"


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def write(path: Path, today: date) -> None:
    from kmo_reintegratie.demo import write_large_demo

    took, _ = timed(lambda: write_large_demo(path, today))
    print(f"large demo written in {took:.1f} s ({path.stat().st_size / 1e6:.0f} MB)")


def counts(dossier: Dossier) -> None:
    tables = ("employee", "absence", "certificate", "contact_entry", "trajectory", "plan_version",
              "assessment_round", "assessment_action")
    found = {t: dossier.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    print("  " + ", ".join(f"{t} {n}" for t, n in found.items()))


def keystrokes(app: Any, search: Any, word: str = WORD) -> list[float]:
    """Type ``word`` and erase it again, a key at a time; the time of each until it is painted."""
    times = []
    texts = [word[:n] for n in range(1, len(word) + 1)] + [word[:n] for n in range(len(word) - 1, -1, -1)]
    for text in texts:
        started = time.perf_counter()
        search.setText(text)
        app.processEvents()
        times.append(time.perf_counter() - started)
    return times


def keys_line(label: str, times: list[float]) -> str:
    return f"{label:<46} median {statistics.median(times) * 1000:5.0f} ms  max {max(times) * 1000:5.0f} ms"


def lists(app: Any, dossier: Dossier, today: date) -> dict[str, Any]:
    from kmo_reintegratie.instrument import load_instrument
    from kmo_reintegratie.instrument_source import section_labels
    from kmo_reintegratie.ui.events import DossierEvents
    from kmo_reintegratie.ui.models.absence_model import AbsenceTableModel, Period
    from kmo_reintegratie.ui.models.employee_model import EmployeeTableModel
    from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
    from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage
    from kmo_reintegratie.ui.pages.employees_page import EmployeesPage
    from kmo_reintegratie.ui.pages.overview_page import OverviewPage
    from kmo_reintegratie.ui.pages.trajectories_page import TrajectoriesPage

    print("list models")
    model = AbsenceTableModel(dossier, today)
    print(f"  {'Afwezigheden, Lopend':<44}{ms(timed(model.load)[0])}")
    model.period = Period.ALL
    print(f"  {'Afwezigheden, Alle':<44}{ms(timed(model.load)[0])}")
    employees = EmployeeTableModel()
    print(f"  {'Medewerkers (with reading the staff)':<44}"
          f"{ms(timed(lambda: employees.load(dossier.employees.list(), today))[0])}")

    print("pages: built and first painted")
    events, instrument = DossierEvents(), load_instrument()
    builders = {
        "Overzicht": lambda: OverviewPage(dossier, events, section_labels(), lambda: today),
        "Afwezigheden": lambda: AbsencesPage(dossier, events, lambda: today),
        "Trajecten": lambda: TrajectoriesPage(dossier, events, lambda: today),
        "Actieplan": lambda: ActionPlanPage(dossier, events, instrument, lambda: today),
        "Medewerkers": lambda: EmployeesPage(dossier, events, lambda: today),
    }
    pages = {}
    for label, build in builders.items():
        app.processEvents()

        def show(build: Callable[[], Any] = build) -> Any:
            page = build()
            page.resize(1280, 800)
            page.show()
            app.processEvents()
            return page
        took, pages[label] = timed(show)
        print(f"  {label:<44}{ms(took)}")
    absences = pages["Afwezigheden"]
    contacts = busiest_absence(dossier)
    app.processEvents()  # what the pages left for later is not counted in the next step
    took, _ = timed(lambda: (absences.select_absence(contacts), app.processEvents()))
    print(f"  {'contacts: absence with the most contacts':<44}{ms(took)}")
    for label, column in (("Afwezigheden, sort on the name", 0), ("Afwezigheden, sort on Herval?", 8)):
        absences.period.setCurrentIndex(absences.period.findData(Period.ALL.value))
        app.processEvents()
        took, _ = timed(lambda column=column: (absences.table.sortByColumn(column, ascending()),
                                               app.processEvents()))
        print(f"  {label:<44}{ms(took)}")
    absences.table.sortByColumn(2, descending())
    return pages


def ascending() -> Any:
    from PySide6.QtCore import Qt

    return Qt.SortOrder.AscendingOrder


def descending() -> Any:
    from PySide6.QtCore import Qt

    return Qt.SortOrder.DescendingOrder


def busiest_absence(dossier: Dossier) -> int:
    return int(dossier.db.execute("SELECT absence_id FROM contact_entry GROUP BY absence_id "
                                  "ORDER BY count(*) DESC LIMIT 1").fetchone()[0])


def searches(app: Any, pages: dict[str, Any]) -> None:
    from kmo_reintegratie.ui.models.absence_model import Period

    print(f"search per keystroke ('{WORD}' typed and erased)")
    absences = pages["Afwezigheden"]
    for period in (Period.RUNNING, Period.ALL, Period.ENDED):
        absences.period.setCurrentIndex(absences.period.findData(period.value))
        app.processEvents()
        print("  " + keys_line(f"Afwezigheden, {period.label}", keystrokes(app, absences.search)))
    print("  " + keys_line("Medewerkers", keystrokes(app, pages["Medewerkers"].search)))
    action_plan = pages["Actieplan"]
    search = getattr(action_plan, "search", None)
    if search is not None:
        print("  " + keys_line("Actieplan", keystrokes(app, search, "afwezig")))


def overview(pages: dict[str, Any], dossier: Dossier, today: date) -> None:
    page = pages["Overzicht"]
    data = [timed(page.overview)[0] for _ in range(3)]
    shown = [timed(page.refresh)[0] for _ in range(3)]
    print(f"Overzicht: computed {statistics.median(data) * 1000:.0f} ms, computed and shown "
          f"{statistics.median(shown) * 1000:.0f} ms (median of 3)")
    overview_parts(dossier, today)


def overview_parts(dossier: Dossier, today: date) -> None:
    """What the Overzicht reads, part by part (median of 3), with the lighter alternatives
    (the retention count instead of its list, the running trajectories instead of all)."""
    from kmo_reintegratie.absence import display_names
    from kmo_reintegratie.overview import build_overview
    from kmo_reintegratie.retention import due_items
    from kmo_reintegratie.store.retention_repo import RetentionRepository

    retention = RetentionRepository(dossier)
    found: dict[str, Any] = {}

    def part(label: str, fn: Callable[[], Any]) -> float:
        took = [timed(fn) for _ in range(3)]
        found[label] = took[0][1]
        return statistics.median(t for t, _ in took)

    parts = {
        "absences open today (with relapse chains)": lambda: dossier.absences.with_relapse_predecessors(
            dossier.absences.open_on(today)),
        "staff and their names": lambda: display_names(dossier.employees.list()),
        "actions, organisation": lambda: (dossier.assessments.latest_round(), dossier.organisation.get()),
        "retention: count (SQL)": lambda: retention.due_count(today),
        "retention: list (the review's)": lambda: due_items(retention.facts(), retention.settings(), today),
        "trajectories: running": dossier.trajectories.running,
        "trajectories: all": dossier.trajectories.list,
    }
    took = {label: part(label, fn) for label, fn in parts.items()}
    staff = dossier.employees.list()
    took["build_overview (pure)"] = part("build", lambda: build_overview(
        today, found["absences open today (with relapse chains)"], staff,
        trajectories=found["trajectories: running"], retention_due_count=found["retention: count (SQL)"]))
    for label, seconds in took.items():
        print(f"  {label:<44}{ms(seconds)}")
    light = sum(seconds for label, seconds in took.items()
                if label not in ("retention: list (the review's)", "trajectories: all"))
    print(f"  {'with the count and running trajectories':<44}{ms(light)}  "
          f"(retention count {found['retention: count (SQL)']} items)")


def exports(dossier: Dossier, today: date, folder: Path) -> None:
    from kmo_reintegratie.documents.registry import EXPORTS, ExportOptions

    person = int(dossier.db.execute(
        "SELECT a.employee_id FROM absence a JOIN trajectory t ON t.absence_id = a.id "
        "WHERE a.returned_on IS NULL ORDER BY a.starts LIMIT 1").fetchone()[0])
    found = dossier.execute("SELECT t.employee_id FROM trajectory t JOIN motivated_report r "
                            "ON r.trajectory_id = t.id LIMIT 1").fetchone()
    reported = int(found[0]) if found else person  # then the verslag says there is none
    print(f"exports (per-person documents for employee {person}; the verslag for {reported})")
    for name, kind in EXPORTS.items():
        out = folder / name
        if kind.per_person:
            out.mkdir(exist_ok=True)
        employee = (reported if name == "verslag" else person) if kind.per_person else None
        options = ExportOptions(employee_id=employee, year=today.year)
        try:
            took, written = timed(lambda kind=kind, out=out, options=options: kind.export(dossier, out, options))
            print(f"  {name:<14}{ms(took)}  {len(written)} file(s)")
        except ValueError as error:
            print(f"  {name:<14}     —     {error}")


class StallMeter:
    """Gaps between the ticks of a 5 ms timer: how long the event loop was blocked, per step."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.step = ""
        self.longest: dict[str, float] = {}  # step -> its longest gap
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest[self.step] = max(self.longest.get(self.step, 0.0), now - self._last)
        self._last = now


def run_steps(steps: list[tuple[str, Callable[[], Any]]], *, first_ms: int, gap_ms: int) -> StallMeter:
    """Run each step as an event of its own, ``gap_ms`` apart, under a running StallMeter."""
    from PySide6.QtCore import QEventLoop, QTimer

    meter = StallMeter()
    loop = QEventLoop()

    def run(index: int = 0) -> None:
        if index == len(steps):
            loop.quit()
            return
        meter.step, action = steps[index]
        action()
        QTimer.singleShot(gap_ms, lambda: run(index + 1))

    meter.start()
    QTimer.singleShot(first_ms, run)
    loop.exec()
    meter.timer.stop()
    return meter


def stalls(app: Any, pages: dict[str, Any]) -> None:
    """Switch pages and filter as a user would, each step an event of its own."""
    from PySide6.QtWidgets import QStackedWidget

    from kmo_reintegratie.ui.models.absence_model import Period

    stack = QStackedWidget()
    for page in pages.values():
        stack.addWidget(page)
    stack.resize(1280, 800)
    stack.show()
    app.processEvents()
    absences, staff = pages["Afwezigheden"], pages["Medewerkers"]
    steps: list[tuple[str, Callable[[], Any]]] = []
    for round_ in range(2):
        for label, page in pages.items():
            steps.append((f"show {label}", lambda page=page: stack.setCurrentWidget(page)))
        steps.append(("show Afwezigheden", lambda: stack.setCurrentWidget(absences)))
        for period in (Period.RUNNING, Period.ALL, Period.ENDED, Period.RUNNING):
            steps.append((f"Afwezigheden: {period.label}",
                          lambda period=period: absences.period.setCurrentIndex(
                              absences.period.findData(period.value))))
            for n in range(1, len(WORD) + 1):
                steps.append((f"Afwezigheden: type '{WORD[:n]}'", lambda n=n: absences.search.setText(WORD[:n])))
            steps.append(("Afwezigheden: clear the search", absences.search.clear))
            steps.append(("Afwezigheden: select the first row", lambda: absences.table.selectRow(0)))
        steps.append(("show Medewerkers", lambda: stack.setCurrentWidget(staff)))
        for n in range(1, len(WORD) + 1):
            steps.append((f"Medewerkers: type '{WORD[:n]}'", lambda n=n: staff.search.setText(WORD[:n])))
        steps.append(("Medewerkers: clear the search", staff.search.clear))
    meter = run_steps(steps, first_ms=40, gap_ms=40)
    for page in pages.values():  # out of the stack, which goes when this function returns
        page.setParent(None)
    worst = sorted(meter.longest.items(), key=lambda item: -item[1])
    print(f"longest UI stall over {len(steps)} steps: {worst[0][1] * 1000:.0f} ms ({worst[0][0]}); next:")
    for step, gap in worst[1:6]:
        print(f"  {gap * 1000:5.0f} ms  {step}")
    print("longest stall while switching to each page: " + ", ".join(
        f"{label} {meter.longest.get(f'show {label}', 0.0) * 1000:.0f} ms" for label in pages))
    lists_only = [gap for step, gap in worst if not step.startswith(("show Overzicht", "show Actieplan",
                                                                     "show Trajecten"))]
    print(f"longest stall on Afwezigheden and Medewerkers: {max(lists_only) * 1000:.0f} ms")


def first_visits(app: Any, path: Path, today: date, folder: Path) -> None:
    """The real window on a copy of the dossier: the longest stall of the event loop while the
    user clicks each page for the first time (the page is built then), and a second time."""
    import gc
    import shutil

    from PySide6.QtCore import QSettings

    from kmo_reintegratie.ui.app import collect_from_now_on
    from kmo_reintegratie.ui.main_window import NAV_LABELS, MainWindow

    copy = folder / "venster.kmo"
    shutil.copyfile(path, copy)
    settings = QSettings(str(folder / "instellingen.ini"), QSettings.Format.IniFormat)
    gc.disable()  # as the program starts its window (kmo_reintegratie.__main__, ui.app)
    window = MainWindow(settings, Dossier.open(copy), today=lambda: today, daily_backup=False)
    window.after_first_paint(collect_from_now_on)
    window.resize(1280, 800)
    window.show()
    app.processEvents()
    steps = [(f"{visit} {label}", partial(window.go_to, label))
             for visit in ("first", "again") for label in NAV_LABELS]
    # The first click a second after the window shows, as a user who reads the Overzicht first
    # (by then the window has loaded the pages' modules in idle time: MainWindow._preload); the
    # next 150 ms later, long enough for what a page does just after it is shown.
    meter = run_steps(steps, first_ms=1000, gap_ms=150)
    window.close()
    print("the window: longest stall per click on a page (first visit builds it / again)")
    for label in NAV_LABELS:
        first, again = (meter.longest.get(f"{visit} {label}", 0.0) * 1000 for visit in ("first", "again"))
        print(f"  {label:<44}{first:5.0f} ms / {again:4.0f} ms")
    worst = max(meter.longest.items(), key=lambda item: item[1])
    print(f"  longest: {worst[1] * 1000:.0f} ms ({worst[0]})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dossier", type=Path)
    parser.add_argument("--geen-export", action="store_true", help="skip the exports")
    parser.add_argument("--alleen-venster", action="store_true",
                        help="only the first visits of each page in the real window")
    args = parser.parse_args()
    today = date.today()
    folder = Path(tempfile.mkdtemp(prefix="kmo-groot-"))
    path = args.dossier or folder / "groot.kmo"
    if args.dossier is None:
        write(path, today)
    from kmo_reintegratie.ui.app import make_application

    app = make_application()
    # First, in a process that holds nothing else yet, as the program itself.
    first_visits(app, path, today, folder)
    if args.alleen_venster:
        return
    with Dossier.open(path, read_only=True) as dossier:
        counts(dossier)
        pages = lists(app, dossier, today)
        searches(app, pages)
        overview(pages, dossier, today)
        stalls(app, pages)
        if not args.geen_export:
            exports(dossier, today, folder)
        for page in pages.values():
            page.close()
    print(f"(files in {folder})")


if __name__ == "__main__":
    main()
