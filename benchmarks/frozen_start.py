"""Benchmark: start of the frozen program against the virtual-environment program.

Runs ``--check-startup DEMO`` (start the real window, print ms to the first painted page,
exit) alternately with the frozen build and with this Python (``python -m kmo_reintegratie``),
five times each, and prints the median of the reported time to first paint and of the whole
process (spawn to exit). On Linux the runs are also made cold: before each run the files of
that program (the frozen folder; or Python, the virtual environment and the sources) are
dropped from the page cache with posix_fadvise, as after a reboot, without root.
Target (issue 17): frozen within 1.2x the virtual environment.

Usage: python benchmarks/frozen_start.py [--frozen dist/kmo-reintegratie] [--runs 5]
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CAN_EVICT = hasattr(os, "posix_fadvise")


def evict(folders: Iterable[Path]) -> None:
    """Drop these files' pages from the page cache (pages mapped by a running process stay)."""
    for folder in folders:
        files = [folder] if folder.is_file() else folder.rglob("*")
        for path in files:
            try:
                if not path.is_file():
                    continue
                fd = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def start_once(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(ms to first paint as the program reports it, ms from spawn to exit)."""
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False,
                          timeout=120)
    total = (time.perf_counter() - started) * 1000
    match = re.fullmatch(r"(\d+) ms", done.stdout.strip())
    if done.returncode != 0 or match is None:
        raise SystemExit(f"{command[0]} failed ({done.returncode}): {done.stderr[-500:]}")
    return float(match.group(1)), total


def main() -> int:
    parser = argparse.ArgumentParser(description="Frozen vs virtual-environment start.")
    default = ROOT / "dist" / "kmo-reintegratie"
    parser.add_argument("--frozen", type=Path, default=default, help="the frozen folder")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    executable = args.frozen / ("kmo-reintegratie.exe" if sys.platform == "win32"
                                else "kmo-reintegratie")
    if sys.platform == "win32":  # the windowed exe has no stdout: time the console twin
        executable = args.frozen / "kmo-reintegratie-cli.exe"
    if not executable.exists():
        raise SystemExit(f"{executable} not found: python packaging/build.py first")

    with tempfile.TemporaryDirectory(prefix="kmo-start-") as scratch:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
               "KMO_REINTEGRATIE_HOME": str(Path(scratch) / "home")}
        demo = Path(scratch) / "demo.kmo"
        subprocess.run([str(executable), "demo", str(demo)], env=env, check=True,
                       capture_output=True)
        programs = {
            "frozen": ([str(executable), "--check-startup", str(demo)], [args.frozen, demo]),
            "venv": (
                [sys.executable, "-m", "kmo_reintegratie", "--check-startup", str(demo)],
                [Path(sys.prefix), Path(sys.base_prefix), ROOT / "src", ROOT / "resources",
                 demo],
            ),
        }
        modes = ("warm", "cold") if CAN_EVICT else ("warm",)
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for mode in modes:
            for name, (command, _) in programs.items():  # one unmeasured run each: warm-up
                if mode == "warm":
                    start_once(command, env)
            for _ in range(args.runs):
                for name, (command, files) in programs.items():
                    if mode == "cold":
                        evict(files)
                    results.setdefault((mode, name), []).append(start_once(command, env))

    print(f"--check-startup on the demo dossier, median of {args.runs} "
          f"({sys.platform}, Python {sys.version.split()[0]})")
    for mode in modes:
        figures = {}
        for name in programs:
            runs = results[(mode, name)]
            paint = statistics.median(r[0] for r in runs)
            total = statistics.median(r[1] for r in runs)
            figures[name] = total
            print(f"  {mode:<4} {name:<6} first paint {paint:6.0f} ms   "
                  f"process start to exit {total:6.0f} ms")
        print(f"  {mode:<4} frozen / venv (process): {figures['frozen'] / figures['venv']:.2f}x"
              "  (target <= 1.2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
