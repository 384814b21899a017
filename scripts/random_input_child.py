"""One random run in this process: the real window, stubs, recording, the end checks.

Started by ``random_input.py --child``; writes its findings as JSON for the parent, which
reports a child that died by a signal as a native crash.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import threading
import time
import traceback
from collections import Counter
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

PROJECT_MARK = "kmo_reintegratie"
IGNORED_MESSAGES = ("This plugin does not support",)


class Recorder:
    """Every exception that reaches sys.excepthook and every Qt message, with the action number."""

    def __init__(self, log: ActionLog, journal: Path) -> None:
        self.log = log
        # One JSON line per finding, written at once: the parent reads it after a crash.
        self._journal = journal.open("a", encoding="utf-8", buffering=1)
        self.action = lambda: 0
        self.phase = "setup"  # then "run", then "close": when the exception came
        self.exceptions: list[dict[str, Any]] = []
        self.criticals: list[dict[str, Any]] = []
        self.warnings: Counter[str] = Counter()

    def excepthook(self, exc_type: type[BaseException], exc: BaseException,
                   tb: TracebackType | None) -> None:
        frames = traceback.extract_tb(tb)
        ours = [f for f in frames if PROJECT_MARK in f.filename] or list(frames)
        where = f"{_short(ours[-1].filename)}:{ours[-1].lineno} in {ours[-1].name}" if ours else "?"
        record = {
            "action": self.action(),
            "phase": self.phase,
            "type": f"{exc_type.__module__}.{exc_type.__qualname__}".removeprefix("builtins."),
            "message": str(exc)[:400],
            "where": where,
            "runner": not any(PROJECT_MARK in f.filename for f in frames),
            "frames": [f"{_short(f.filename)}:{f.lineno} in {f.name}: {f.line}"
                       for f in frames[-8:]],
        }
        self.exceptions.append(record)
        self._journal.write(json.dumps({"exception": record}) + "\n")
        self.log.write(f"!!! exception at action {record['action']}: {record['type']}: "
                       f"{record['message'][:200]} ({where})")
        for line in traceback.format_exception(exc_type, exc, tb)[-12:]:
            self.log.write("!!!   " + line.rstrip().replace("\n", "\n!!!   "))

    def qt_message(self, mode: Any, context: Any, message: str) -> None:
        from PySide6.QtCore import QtMsgType

        if any(text in message for text in IGNORED_MESSAGES):
            return
        if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            record = {"action": self.action(), "message": message[:400],
                      "fatal": mode == QtMsgType.QtFatalMsg}
            self.criticals.append(record)
            self._journal.write(json.dumps({"critical": record}) + "\n")
            self.log.write(f"!!! Qt {'fatal' if mode == QtMsgType.QtFatalMsg else 'critical'} "
                           f"at action {self.action()}: {message}")
        elif mode == QtMsgType.QtWarningMsg:
            if message[:200] not in self.warnings:  # the first of each kind, to find it again
                self.log.write(f"~~~ Qt warning at action {self.action()}: {message[:300]}")
            self.warnings[message[:200]] += 1


class ActionLog:
    """One line per action, flushed at once: the last lines must survive a native crash."""

    def __init__(self, path: Path, verbose: bool) -> None:
        self._file: TextIO = path.open("a", encoding="utf-8", buffering=1)
        self._verbose = verbose

    def write(self, line: str) -> None:
        self._file.write(line + "\n")
        if self._verbose:
            print(line, flush=True)

    def close(self) -> None:
        self._file.close()


def _short(filename: str) -> str:
    for mark in (PROJECT_MARK + os.sep, "scripts" + os.sep):
        if mark in filename:
            return mark + filename.split(mark, 1)[1]
    return Path(filename).name


# --------------------------------------------------------------------------- stubs


class Stubs:
    """External programs, printers and file dialogs, answered inside the scratch folder."""

    def __init__(self, scratch: Path, seed: int, log: ActionLog, dossiers: list[Path]) -> None:
        self.scratch = scratch
        self.seed = seed
        self.action = lambda: 0
        self.rng = random.Random(seed)
        self._last_action = -1
        self._calls = 0
        self.log = log
        self.dossiers = dossiers
        self.opened_urls: list[str] = []

    def install(self) -> None:
        from PySide6.QtGui import QDesktopServices
        from PySide6.QtPrintSupport import QPrintDialog
        from PySide6.QtWidgets import QFileDialog

        QDesktopServices.openUrl = staticmethod(self.open_url)  # type: ignore[method-assign]
        # A plain function, so that Python passes the dialog as its first argument.
        QPrintDialog.exec = lambda dialog: self.print_dialog_exec(dialog)  # type: ignore[method-assign]
        QFileDialog.getOpenFileName = staticmethod(self.open_name)  # type: ignore[method-assign]
        QFileDialog.getSaveFileName = staticmethod(self.save_name)  # type: ignore[method-assign]
        QFileDialog.getExistingDirectory = staticmethod(self.directory)  # type: ignore[method-assign]

    def open_url(self, url: Any) -> bool:
        self.opened_urls.append(url.toString())
        self.log.write(f"       stub: openUrl {url.toString()} -> True")
        return True

    def _draw(self) -> None:
        """A generator per stub call, from the action that made it (see Monkey._tick)."""
        action = self.action()
        self._calls = self._calls + 1 if action == self._last_action else 0
        self._last_action = action
        self.rng = random.Random(f"{self.seed}:stub:{action}:{self._calls}")

    def print_dialog_exec(self, dialog: Any) -> int:
        self._draw()
        # Sometimes "print" to a PDF file: print_pdf runs, no printer is needed.
        if self.rng.random() < 0.5:
            self.log.write("       stub: print dialog -> rejected")
            return 0
        printer = dialog.printer()
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(self._new_path(".pdf")))
        # The user's choices in the dialog. A low resolution: at the default 1,200 dpi a
        # report of a few pages takes a minute to render (reported, not this runner's topic).
        printer.setResolution(72)
        pages = "all pages"
        if self.rng.random() < 0.5:
            first = self.rng.randint(1, 3)
            printer.setFromTo(first, first + self.rng.randint(0, 2))
            pages = f"pages {printer.fromPage()}-{printer.toPage()}"
        self.log.write(f"       stub: print dialog -> accepted, {pages} at 72 dpi "
                       f"to {printer.outputFileName()}")
        return 1

    def _new_path(self, suffix: str) -> Path:
        folder = self.scratch / "uitvoer"
        folder.mkdir(exist_ok=True)
        return folder / f"bestand-{self._last_action}-{self._calls}{suffix}"

    def _text_file(self, suffix: str) -> Path:
        path = self._new_path(suffix)
        path.write_text("Dit is geen dossier.\n", encoding="utf-8")
        return path

    def _staff_list(self) -> Path:
        from make_staff_list import HEADER, rows

        path = self._new_path(".csv")
        count, seed = self.rng.randint(1, 40), self.rng.randrange(10**6)
        lines = [";".join(HEADER)] + [";".join(map(str, row)) for row in rows(count, seed)]
        path.write_text("\n".join(lines) + "\n", encoding="cp1252", errors="replace")
        return path

    def open_name(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        self._draw()
        filters = _filters(args, kwargs)
        choice = self.rng.choice(("cancel", "dossier", "dossier", "text", "missing", "staff"))
        if choice == "staff" or ("csv" in filters.lower() and self.rng.random() < 0.6):
            path: Path | None = self._staff_list()
        elif choice == "dossier":
            path = self.rng.choice(self.dossiers)
        elif choice == "text":
            path = self._text_file(".kmo" if self.rng.random() < 0.5 else ".csv")
        elif choice == "missing":
            path = self._new_path(".kmo")
        else:
            path = None
        return self._answer("getOpenFileName", filters, path)

    def save_name(self, *args: Any, **kwargs: Any) -> tuple[str, str]:
        self._draw()
        filters = _filters(args, kwargs)
        suffix = _suffix(filters)
        choice = self.rng.choice(("cancel", "new", "new", "new", "no-suffix", "dossier", "text"))
        path: Path | None
        if choice == "new":
            path = self._new_path(suffix)
        elif choice == "no-suffix":
            path = self._new_path("")
        elif choice == "dossier":
            path = self.rng.choice(self.dossiers)  # must be refused, never overwritten
        elif choice == "text":
            path = self._text_file(suffix)
        else:
            path = None
        return self._answer("getSaveFileName", filters, path)

    def directory(self, *_args: Any, **_kwargs: Any) -> str:
        self._draw()
        if self.rng.random() < 0.3:
            self.log.write("       stub: getExistingDirectory -> cancel")
            return ""
        folder = self.scratch / "uitvoer" / f"map-{self.rng.randint(1, 3)}"
        folder.mkdir(parents=True, exist_ok=True)
        self.log.write(f"       stub: getExistingDirectory -> {folder}")
        return str(folder)

    def _answer(self, name: str, filters: str, path: Path | None) -> tuple[str, str]:
        self.log.write(f"       stub: {name} ({filters[:40]!r}) -> {path or 'cancel'}")
        return (str(path), filters.split(";;")[0]) if path is not None else ("", "")


def _filters(args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    value = kwargs.get("filter", args[3] if len(args) > 3 else "")
    return value if isinstance(value, str) else ""


def _suffix(filters: str) -> str:
    start = filters.find("*.")
    if start < 0:
        return ".kmo"
    end = start + 2
    while end < len(filters) and filters[end].isalnum():
        end += 1
    return filters[start + 1:end]


# --------------------------------------------------------------------------- the run


def make_dossiers(folder: Path, rng: random.Random) -> list[Path]:
    """The demo dossier, a new empty one and sometimes a second demo."""
    from kmo_reintegratie.demo import write_demo
    from kmo_reintegratie.store.dossier import Dossier

    folder.mkdir(parents=True, exist_ok=True)
    paths = [write_demo(folder / "Ter Linde.kmo")]
    empty = folder / "Leeg bedrijf.kmo"
    Dossier.create(empty).close()
    paths.append(empty)
    if rng.random() < 0.5:
        paths.append(folder / "Ter Linde kopie.kmo")
        shutil.copyfile(paths[0], paths[-1])
    return [p.absolute() for p in paths]


def inject(spec: str, monkey: Any) -> None:
    """For the runner's own test: ``exception@N`` raises in a slot after action N,
    ``crash@N`` ends the process with SIGSEGV, as a native crash would.
    """
    import faulthandler

    from PySide6.QtCore import QTimer

    kind, _at, number = spec.partition("@")
    timer = QTimer(monkey)

    def check() -> None:
        if monkey.count < int(number):
            return
        timer.stop()
        if kind == "crash":
            faulthandler._sigsegv()
        raise ValueError(f"injected at action {monkey.count}")

    timer.timeout.connect(check)
    timer.start(1)


def run_child(options: Any) -> int:
    seed = options.seed[0]
    scratch = Path(options.scratch)
    home = scratch / "home"
    os.environ["KMO_REINTEGRATIE_HOME"] = str(home)  # nothing may touch the user's real home
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    log = ActionLog(Path(options.log), options.verbose)
    recorder = Recorder(log, scratch / "findings.jsonl")
    sys.excepthook = recorder.excepthook
    threading.excepthook = lambda args: recorder.excepthook(
        args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)

    from PySide6.QtCore import QEvent, QSettings, qInstallMessageHandler

    qInstallMessageHandler(recorder.qt_message)

    from random_input_checks import check_all
    from random_input_monkey import Monkey

    from kmo_reintegratie.ui.app import make_application
    from kmo_reintegratie.ui.background import wait_for_background_jobs
    from kmo_reintegratie.ui.main_window import MainWindow

    dossiers = make_dossiers(home / "Dossiers", random.Random(f"{seed}:dossiers"))
    log.write(f"# seed {seed}; dossiers: {', '.join(p.name for p in dossiers)}")
    stubs = Stubs(scratch, seed, log, dossiers)
    stubs.install()

    app = make_application([sys.argv[0]])
    app.setQuitOnLastWindowClosed(False)
    settings = QSettings(str(home / "config" / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    touched: set[Path] = set(dossiers)
    window.dossier_opened.connect(lambda path: touched.add(Path(path)))
    window.open_dossier(dossiers[0])
    window.show()
    window.activateWindow()

    unwound = [True]

    def finished(ok: bool) -> None:
        unwound[0] = ok
        # exit() ends every event loop, also dialogs still in exec() when unwinding failed.
        app.exit(0)

    monkey = Monkey(window, seed, log.write, dossiers=dossiers, open_dossier=window.open_dossier,
                    max_actions=options.actions, seconds=options.seconds,
                    interval_ms=options.interval_ms, on_finished=finished)
    recorder.action = stubs.action = lambda: monkey.count
    started = time.monotonic()
    recorder.phase = "run"
    if options.inject:
        inject(options.inject, monkey)
    monkey.start()
    app.exec()
    log.write(f"# {monkey.count} actions in {time.monotonic() - started:.1f} s; closing the window")
    recorder.phase = "close"
    window.close()
    left_open = window.dossier is not None
    window.deleteLater()
    for _ in range(3):  # late results of print jobs and saves reach their slots here
        wait_for_background_jobs(30_000)
        app.processEvents()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        time.sleep(0.05)
    checked, problems = check_all(scratch, touched)
    if left_open:
        problems.insert(0, "closing the window left the dossier open (its lock stays behind)")
    for problem in problems:
        log.write(f"!!! integrity: {problem}")
    result = {
        "seed": seed,
        "actions": monkey.count,
        "seconds": round(time.monotonic() - started, 1),
        "exceptions": recorder.exceptions,
        "criticals": recorder.criticals,
        "warnings": sum(recorder.warnings.values()),
        "top_warnings": recorder.warnings.most_common(5),
        "files_checked": checked,
        "integrity_problems": problems,
        "opened_urls": len(stubs.opened_urls),
        "freezes": monkey.freezes,
        "unwound": unwound[0],
        # Print previews hold personal data: a job's folder should go with its last preview,
        # unless a PDF in it was handed to a PDF reader (removed at the next start instead).
        "leftover_previews": sorted(
            p.name for p in (scratch / "tmp").glob("kmo-druk-*")
            if not any(f"/{p.name}/" in url for url in stubs.opened_urls)),
    }
    Path(options.result).write_text(json.dumps(result, indent=1), encoding="utf-8")
    log.close()
    sys.stdout.flush()
    # Skip interpreter teardown: Qt objects destroyed in random order at exit prove nothing
    # about the program and can crash on their own.
    os._exit(0)
