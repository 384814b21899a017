"""Race: 4 processes open the same dossier at the same instant, round after round.

Each round the processes pass a barrier, spin until one shared instant, call
``DossierLock.acquire()``, wait until all have tried (so a winner still holds the
lock), then release. A correct lock has exactly one holder per round and leaves
no file behind.
Usage: python benchmarks/lock_race.py [--rounds 100] [--processes 4] [--stale]
                                      [--lock-module FILE]
``--stale`` starts every round with a lock left by a crash (alternately an old
empty file and the lock of a dead process), so all processes race to take it over.
``--lock-module`` loads another lock.py (e.g. an older version) to compare.
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import json
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any


def load_lock_module(source: str | None) -> ModuleType:
    if source is None:
        from kmo_reintegratie.store import lock

        return lock
    spec = importlib.util.spec_from_file_location("lock_under_test", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def start_round(start_at: Any, round_no: Any, stale_lock: Path | None, dead_pid: int) -> None:
    """Barrier action: runs once per round while every process waits."""
    round_no.value += 1
    if stale_lock is not None:
        if round_no.value % 2:
            stale_lock.write_bytes(b"")
            os.utime(stale_lock, (time.time() - 60, time.time() - 60))
        else:
            content = {"pid": dead_pid, "host": socket.gethostname(), "user": "x", "since": "x"}
            stale_lock.write_text(json.dumps(content), encoding="utf-8")
    start_at.value = time.time() + 0.01


def worker(
    source: str | None, dossier: Path, rounds: int, ready: Any, hold: Any, start_at: Any, out: Any
) -> None:
    won: list[bool] = []
    try:
        lock_module = load_lock_module(source)
        for _ in range(rounds):
            lock = lock_module.DossierLock(dossier)
            ready.wait()
            # The barrier wakes processes one by one; spinning to a shared instant lines
            # up those that are on a core within a microsecond.
            while time.time() < start_at.value:
                pass
            try:
                won.append(lock.acquire() is None)
            except OSError:
                won.append(False)
            hold.wait()
            lock.release()
    finally:
        out.put(won)  # even after an error, so main() never waits forever


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--stale", action="store_true", help="start each round with a stale lock")
    parser.add_argument("--lock-module", help="path of another lock.py to race instead")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kmo-lock-race-"))
    dossier = folder / "race.kmo"
    dossier.touch()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()

    context = multiprocessing.get_context("spawn")
    start_at = context.Value("d", 0.0, lock=False)
    round_no = context.Value("i", 0, lock=False)
    stale_lock = dossier.with_name(dossier.name + ".lock") if args.stale else None
    ready = context.Barrier(
        args.processes,
        action=functools.partial(start_round, start_at, round_no, stale_lock, dead.pid),
        timeout=60,
    )
    hold = context.Barrier(args.processes, timeout=60)
    out = context.Queue()
    started = time.perf_counter()
    processes = [
        context.Process(
            target=worker,
            args=(args.lock_module, dossier, args.rounds, ready, hold, start_at, out),
        )
        for _ in range(args.processes)
    ]
    for process in processes:
        process.start()
    outcomes = [out.get(timeout=600) for _ in processes]
    for process in processes:
        process.join()
    elapsed = time.perf_counter() - started

    holders = [sum(round_) for round_ in zip(*outcomes)]
    leftovers = sorted(p.name for p in folder.iterdir() if p != dossier)
    print(f"lock module: {args.lock_module or 'kmo_reintegratie.store.lock'}")
    start = "a stale lock" if args.stale else "no lock"
    print(f"rounds: {args.rounds} ({args.processes} processes, each from {start}, {elapsed:.1f} s)")
    print(f"rounds with two or more holders: {sum(1 for n in holders if n >= 2)}")
    print(f"rounds with no holder: {sum(1 for n in holders if n == 0)}")
    print(f"most holders in one round: {max(holders)}")
    print(f"leftovers: {len(leftovers)} {leftovers if leftovers else ''}".rstrip())
    for name in leftovers:
        (folder / name).unlink()
    dossier.unlink()
    folder.rmdir()


if __name__ == "__main__":
    main()
