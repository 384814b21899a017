"""Benchmark: cold start to the first painted window, against a bare PySide6 window.

Starts fresh processes, one after the other and alternating, on the Qt offscreen platform:
a bare ``QMainWindow`` of the same size that quits at its first paint, and
``python -m kmo_reintegratie --check-startup`` on the demo dossier and, when
``kmo_reintegratie.demo.write_large_demo`` exists, on the large one (``demo --groot``).
Both are timed the same way, from spawn to the line each prints at its first paint (the
window's QWindow exposed and painted), and each process's peak memory (maximum resident
set) comes from ``os.wait4``. Medians of ``--runs`` runs, after one warm-up run each that
also compiles the bytecode (into the scratch folder, as an installed program has it).
Targets (issue 18): demo within 2x the bare window in time and memory; the large dossier's
first paint within 1.3x the demo's and its memory within 1.5x.

Usage: python benchmarks/startup.py [--runs 5] [--groot BESTAND]
(--groot: an existing large dossier, instead of writing one, which takes a while).
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_WINDOW = r"""
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

PAINTING = (QEvent.Type.Expose, QEvent.Type.UpdateRequest, QEvent.Type.Paint)


class FirstPaint(QObject):  # as kmo_reintegratie.ui.app's check: the QWindow painted
    def __init__(self, handle):
        super().__init__()
        self.handle, self.done = handle, False

    def eventFilter(self, watched, event):
        if not self.done and event.type() in PAINTING and self.handle.isExposed():
            self.done = True
            QTimer.singleShot(0, painted)
        return False


def painted():
    print("painted", flush=True)
    app.quit()


app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1100, 740)  # the main window's size without saved settings
window.winId()
watcher = FirstPaint(window.windowHandle())
window.windowHandle().installEventFilter(watcher)
window.show()
app.exec()
"""


# Run in a child of its own: a child's peak memory as wait4 reports it starts from this
# process's size at the fork, so this process stays small (it never imports the program).
WRITE_DEMO = """
import sys
from pathlib import Path
from kmo_reintegratie import demo
write = getattr(demo, "write_large_demo" if sys.argv[1] == "large" else "write_demo", None)
if write is None:
    sys.exit(3)
write(Path(sys.argv[2]))
"""
NO_WRITER = 3


def start_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(ms from spawn to the first line, the process's peak memory in MiB)."""
    with tempfile.TemporaryFile("w+") as errors:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=errors,
                                   text=True)
        assert process.stdout is not None
        line = process.stdout.readline()
        painted = (time.perf_counter() - started) * 1000
        rest = process.stdout.read()
        # Reaped here, not by Popen: wait4 gives this one child's resource usage.
        _pid, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        process.stdout.close()
        if not line or process.returncode != 0:
            errors.seek(0)
            raise SystemExit(f"{' '.join(command[:5])} failed ({process.returncode}): "
                             f"{line}{rest}{errors.read()[-800:]}")
    return painted, usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> int:
    parser = argparse.ArgumentParser(description="Cold start against a bare PySide6 window.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--groot", type=Path, metavar="BESTAND",
                        help="an existing large dossier (default: write one)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="kmo-start-") as scratch:
        folder = Path(scratch)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "KMO_REINTEGRATIE_HOME": str(folder / "home"),
               # Compiled once, by the warm-up run, as an installed program is; kept in
               # the scratch folder, not beside the sources.
               "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        programs = {"bare window": [sys.executable, "-c", BARE_WINDOW]}
        programs["demo"] = check_command(write_demo("demo", folder / "demo.kmo", env))
        large = large_dossier(folder, args.groot, env)
        if large is not None:
            programs["large"] = check_command(large)
        for command in programs.values():  # warm-up: the files are in the page cache
            start_once(command, env)
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in programs}
        for _ in range(args.runs):
            for name, command in programs.items():
                runs[name].append(start_once(command, env))

    median = {name: (statistics.median(r[0] for r in results),
                     statistics.median(r[1] for r in results))
              for name, results in runs.items()}
    print(f"Cold start to first paint, median of {args.runs} "
          f"({sys.platform}, Python {sys.version.split()[0]}, offscreen)")
    for name, (ms, mib) in median.items():
        print(f"  {name:<12} {ms:6.0f} ms   peak memory {mib:6.1f} MiB")
    bare_ms, bare_mib = median["bare window"]
    demo_ms, demo_mib = median["demo"]
    print(f"  demo / bare window:  time {demo_ms / bare_ms:.2f}x  memory "
          f"{demo_mib / bare_mib:.2f}x   (target <= 2x)")
    if "large" in median:
        large_ms, large_mib = median["large"]
        print(f"  large / demo:        time {large_ms / demo_ms:.2f}x  memory "
              f"{large_mib / demo_mib:.2f}x   (target <= 1.3x, <= 1.5x)")
        print(f"  large / bare window: time {large_ms / bare_ms:.2f}x  memory "
              f"{large_mib / bare_mib:.2f}x")
    else:
        print("  large: skipped (no kmo_reintegratie.demo.write_large_demo yet)")
    return 0


def check_command(dossier: Path) -> list[str]:
    return [sys.executable, "-m", "kmo_reintegratie", "--check-startup", str(dossier)]


def write_demo(kind: str, target: Path, env: dict[str, str]) -> Path:
    subprocess.run([sys.executable, "-c", WRITE_DEMO, kind, str(target)], env=env, check=True)
    return target


def large_dossier(folder: Path, given: Path | None, env: dict[str, str]) -> Path | None:
    """A copy of ``given``, else a newly written large demo; None when there is no writer."""
    target = folder / "groot.kmo"
    if given is not None:
        shutil.copyfile(given, target)
        return target
    print("Writing the large demo dossier…", file=sys.stderr)
    try:
        return write_demo("large", target, env)
    except subprocess.CalledProcessError as error:
        if error.returncode == NO_WRITER:
            return None
        raise


if __name__ == "__main__":
    sys.exit(main())
