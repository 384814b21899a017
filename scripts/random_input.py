"""Random input on the real window, offscreen: finds exceptions, native crashes and damage.

Usage:
  python scripts/random_input.py --seed 1 --actions 800            # one seed, 800 actions
  python scripts/random_input.py --seed 1 --seed 2 --seconds 180   # a longer campaign
  python scripts/random_input.py --seed 1 --actions 245 --verbose  # replay up to action 245

Each seed runs in a child process (this script with ``--child``) on a scratch folder with
the demo dossier and an empty one; ``KMO_REINTEGRATIE_HOME`` points there, so the user's
own settings and dossiers are never touched. The child logs one line per action
(``--log``, ``--verbose``), records every exception that reaches ``sys.excepthook`` and every
Qt critical message, closes the window and checks every dossier it touched
(``integrity_check``, ``foreign_key_check``, a read-write reopen). A child that dies by a
signal is a native crash: its faulthandler output and last actions are shown.

Replay: every action draws from its own generator (seed and action number), so the same
seed and action count repeat the same actions, and a difference in timing (a save after
400 ms, a PDF made in the background) changes at most the actions that meet it, not all
that follow. A race (a PDF still being made when its page goes) may need similar load to
happen again: run the replay twice at once, or with ``--jobs 2`` and the seed twice.
Exit code 0 only when nothing at all was found.

Modules beside this one: random_input_child (the run in the child: stubs, recording, end
checks), random_input_monkey (choosing and performing actions), random_input_widgets (keys,
typing, descriptions), random_input_texts (what is typed), random_input_checks (dossiers).
"""

from __future__ import annotations

import argparse
import faulthandler
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCRIPT = Path(__file__).resolve()
ACTION_LINE = re.compile(r"^\s*(\d+) t=")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, action="append", help="repeat for several seeds")
    parser.add_argument("--actions", type=int, help="stop after this many actions")
    parser.add_argument("--seconds", type=float, help="stop after this many seconds")
    parser.add_argument("--log", help="action log; with several seeds {seed} in the name, "
                        "or .seedN is added")
    parser.add_argument("--verbose", action="store_true", help="print every action")
    parser.add_argument("--interval-ms", type=int, default=2, help="pause between actions")
    parser.add_argument("--jobs", type=int, default=1, help="seeds run at the same time")
    parser.add_argument("--keep", action="store_true", help="keep scratch folders of clean runs")
    parser.add_argument("--work-dir", help="where scratch folders are made (default: temp)")
    # Internal: the child process.
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    parser.add_argument("--result", help=argparse.SUPPRESS)
    parser.add_argument("--crash-log", help=argparse.SUPPRESS)
    parser.add_argument("--hang-seconds", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--inject", help=argparse.SUPPRESS)  # the runner's own test
    options = parser.parse_args(argv)
    if options.actions is None and options.seconds is None:
        options.actions = 500
    options.seed = options.seed or [1]
    return options


def time_limit(options: argparse.Namespace) -> float:
    """Seconds after which a child counts as hung."""
    expected = options.seconds if options.seconds is not None else options.actions * 0.25
    if options.seconds is not None and options.actions is not None:
        expected = min(expected, options.actions * 0.25)
    return expected * 2 + 120


# --------------------------------------------------------------------------- one seed


@dataclass
class SeedRun:
    seed: int
    scratch: Path
    log: Path
    actions: int = 0
    seconds: float = 0.0
    exceptions: list[dict[str, Any]] = field(default_factory=list)
    criticals: list[dict[str, Any]] = field(default_factory=list)
    warnings: int = 0
    native_crash: str = ""
    failure: str = ""  # hung, or ended without a result (a runner bug)
    integrity: list[str] = field(default_factory=list)
    freezes: list[list[float]] = field(default_factory=list)  # reported, not a failure
    top_warnings: list[list[Any]] = field(default_factory=list)  # reported, not a failure
    leftover_previews: list[str] = field(default_factory=list)  # reported, not a failure

    @property
    def clean(self) -> bool:
        return not (self.exceptions or self.criticals or self.native_crash or self.failure
                    or self.integrity)


def log_path(options: argparse.Namespace, seed: int, scratch: Path) -> Path:
    if not options.log:
        return scratch / "acties.log"
    if "{seed}" in options.log:
        return Path(options.log.format(seed=seed))
    path = Path(options.log)
    if len(options.seed) == 1:
        return path
    return path.with_name(f"{path.stem}.seed{seed}{path.suffix}")


def start_child(options: argparse.Namespace, seed: int) -> tuple[SeedRun, subprocess.Popen[bytes]]:
    scratch = Path(tempfile.mkdtemp(prefix=f"kmo-random-input-{seed}-", dir=options.work_dir))
    run = SeedRun(seed, scratch, log_path(options, seed, scratch).absolute())
    run.log.parent.mkdir(parents=True, exist_ok=True)
    run.log.write_text("", encoding="utf-8")
    command = [sys.executable, str(SCRIPT), "--child", "--seed", str(seed),
               "--scratch", str(scratch), "--log", str(run.log),
               "--result", str(scratch / "result.json"),
               "--crash-log", str(scratch / "faulthandler.txt"),
               "--interval-ms", str(options.interval_ms),
               "--hang-seconds", str(time_limit(options) - 30)]
    if options.actions is not None:
        command += ["--actions", str(options.actions)]
    if options.seconds is not None:
        command += ["--seconds", str(options.seconds)]
    if options.verbose:
        command.append("--verbose")
    if options.inject:
        command += ["--inject", options.inject]
    # Print previews and read-only copies go to the temporary folder: keep them in scratch too.
    (scratch / "tmp").mkdir()
    env = dict(os.environ, KMO_REINTEGRATIE_HOME=str(scratch / "home"), QT_QPA_PLATFORM="offscreen",
               TMPDIR=str(scratch / "tmp"))
    stderr = (scratch / "stderr.txt").open("wb")
    process = subprocess.Popen(command, env=env, stderr=stderr)
    stderr.close()
    return run, process


def finish_child(run: SeedRun, process: subprocess.Popen[bytes], limit: float,
                 started: float) -> None:
    try:
        code = process.wait(timeout=max(1.0, limit - (time.monotonic() - started)))
    except subprocess.TimeoutExpired:
        process.kill()
        code = process.wait()
        run.failure = f"hang: killed after {limit:.0f} s"
    result_file = run.scratch / "result.json"
    if result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
        run.actions, run.seconds = result["actions"], result["seconds"]
        run.exceptions, run.criticals = result["exceptions"], result["criticals"]
        run.warnings, run.integrity = result["warnings"], result["integrity_problems"]
        run.freezes, run.leftover_previews = result["freezes"], result["leftover_previews"]
        run.top_warnings = result["top_warnings"]
        if not result["unwound"]:
            run.failure = "hang: the dialogs still open at the end could not be closed"
        return
    run.actions = last_action(run.log)
    run.exceptions, run.criticals = read_findings(run.scratch / "findings.jsonl")
    run.seconds = round(time.monotonic() - started, 1)
    details = _tail(run.scratch / "faulthandler.txt", 60) or _tail(run.scratch / "stderr.txt", 30)
    last = "\n".join(_tail(run.log, 12))
    if code < 0:
        name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
        run.native_crash = f"died by {name} after action {run.actions}\n" + "\n".join(details)
        run.native_crash += "\nlast log lines:\n" + last
    elif not run.failure and any(line.startswith("Timeout (") for line in details):
        run.failure = "hang: faulthandler's timeout ended the child"
    elif not run.failure:
        run.failure = f"exited with code {code} without a result"
    if run.failure:
        run.failure += "\n" + "\n".join(details) + "\nlast log lines:\n" + last
    # The child could not check its dossiers: do it here (a read-write open also rolls
    # back the journal a crash left, as the program would at its next start).
    from random_input_checks import check_all

    _checked, run.integrity = check_all(run.scratch, [])


def read_findings(journal: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Exceptions and Qt criticals a child recorded before it died."""
    exceptions, criticals = [], []
    for line in _tail(journal, 100_000):
        try:
            finding = json.loads(line)
        except ValueError:
            continue  # the line being written when the process died
        if "exception" in finding:
            exceptions.append(finding["exception"])
        elif "critical" in finding:
            criticals.append(finding["critical"])
    return exceptions, criticals


def last_action(log: Path) -> int:
    number = 0
    for line in _tail(log, 200):
        match = ACTION_LINE.match(line)
        if match:
            number = int(match.group(1))
    return number


def _tail(path: Path, lines: int) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    except OSError:
        return []


def run_seeds(options: argparse.Namespace) -> list[SeedRun]:
    pending, running, done = list(options.seed), [], []
    limit = time_limit(options)
    while pending or running:
        while pending and len(running) < max(1, options.jobs):
            seed = pending.pop(0)
            run, process = start_child(options, seed)
            running.append((run, process, time.monotonic()))
        run, process, started = running.pop(0)
        finish_child(run, process, limit, started)
        print(summary_line(f"seed {run.seed}", [run]), flush=True)
        done.append(run)
    return done


# --------------------------------------------------------------------------- report


def distinct(runs: list[SeedRun]) -> dict[tuple[str, str], list[tuple[int, dict[str, Any]]]]:
    """Exceptions grouped by type and the innermost project frame, in order of first sight."""
    groups: dict[tuple[str, str], list[tuple[int, dict[str, Any]]]] = {}
    for run in runs:
        for record in run.exceptions:
            groups.setdefault((record["type"], record["where"]), []).append((run.seed, record))
    return groups


def summary_line(label: str, runs: list[SeedRun]) -> str:
    exceptions = sum(len(r.exceptions) for r in runs)
    crashes = sum(bool(r.native_crash) for r in runs)
    line = (f"{label}: actions {sum(r.actions for r in runs)} / exceptions {exceptions} "
            f"(distinct {len(distinct(runs))}) / native crashes {crashes}"
            f" / integrity problems {sum(len(r.integrity) for r in runs)}")
    # Beyond the four figures of the issue; each of these fails the run as well.
    criticals, failures = sum(len(r.criticals) for r in runs), sum(bool(r.failure) for r in runs)
    line += (f" / qt criticals {criticals} / hangs or child failures {failures}"
             f" / qt warnings {sum(r.warnings for r in runs)}")
    return line + f" — {sum(r.seconds for r in runs):.0f} s"


def replay(seed: int, action: int) -> str:
    return f"python scripts/random_input.py --seed {seed} --actions {action} --verbose"


def report(runs: list[SeedRun]) -> str:
    out = [summary_line("total", runs)]
    groups = distinct(runs)
    if groups:
        out.append("\nDistinct exceptions (first seen first):")
    for number, ((kind, where), hits) in enumerate(groups.items(), start=1):
        seed, first = hits[0]
        seeds = sorted({s for s, _ in hits})
        tag = " [runner]" if first["runner"] else ""
        out.append(f"{number}. {kind}{tag}: {first['message'][:300]}")
        out.append(f"   at {where}; {len(hits)} times in seed(s) {', '.join(map(str, seeds))}; "
                   f"first: seed {seed} action {first['action']}"
                   f"{' (while closing the window)' if first.get('phase') == 'close' else ''}")
        out.append(f"   replay: {replay(seed, first['action'])}")
        out += [f"     {frame}" for frame in first["frames"][-5:]]
    for run in runs:
        for record in run.criticals:
            out.append(f"Qt critical, seed {run.seed} action {record['action']}: "
                       f"{record['message']}\n   replay: {replay(run.seed, record['action'])}")
        if run.native_crash:
            out.append(f"\nNative crash, seed {run.seed}: {run.native_crash}")
            out.append(f"   replay: {replay(run.seed, run.actions)}")
        if run.failure:
            out.append(f"\nChild failure, seed {run.seed}: {run.failure}")
        for problem in run.integrity:
            out.append(f"Integrity, seed {run.seed}: {problem}")
    for run in runs:
        for action, seconds in run.freezes:
            out.append(f"Freeze (not counted as a failure), seed {run.seed}: the window did not "
                       f"respond for {seconds} s after action {int(action)}; "
                       f"replay: {replay(run.seed, int(action))}")
        for text, count in run.top_warnings:
            out.append(f"Qt warning (not counted as a failure), seed {run.seed}, {count}x: {text}")
        if run.leftover_previews:
            out.append(f"Note (not counted as a failure), seed {run.seed}: "
                       f"{len(run.leftover_previews)} print-preview folder(s) left in the "
                       "temporary folder after the window closed (none handed to a PDF reader)")
    for run in runs:
        if not run.clean:
            out.append(f"seed {run.seed}: log {run.log}; scratch kept in {run.scratch}")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    if options.child:
        return child_main(options)
    sys.path.insert(0, str(SCRIPT.parent))
    runs = run_seeds(options)
    print(report(runs), flush=True)
    for run in runs:
        if run.clean and not options.keep:
            shutil.rmtree(run.scratch, ignore_errors=True)
    return 0 if all(run.clean for run in runs) else 1


def child_main(options: argparse.Namespace) -> int:
    # Before Qt is loaded: a segfault anywhere after this leaves a Python-level trace.
    crash_log = open(options.crash_log, "w", encoding="utf-8")  # noqa: SIM115 — open until exit
    faulthandler.enable(file=crash_log, all_threads=True)
    if options.hang_seconds:
        faulthandler.dump_traceback_later(options.hang_seconds, exit=True, file=crash_log)
    sys.path.insert(0, str(SCRIPT.parent))
    from random_input_child import run_child

    return run_child(options)


if __name__ == "__main__":
    sys.exit(main())
