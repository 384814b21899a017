"""The dossier lock: whole or absent, released only by its owner, one holder under a race."""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import socket
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from kmo_reintegratie.store.lock import DossierLock, LockHolder, lock_path, read_holder


@pytest.fixture
def dossier(tmp_path: Path) -> Path:
    # The lock never looks inside the dossier: an empty file is enough.
    path = tmp_path / "Klant.kmo"
    path.touch()
    return path


def own_start_time() -> int | None:
    try:
        return int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    except OSError:
        return None


def own_boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip()
    except OSError:
        return None


def write_lock(dossier: Path, **fields: Any) -> Path:
    """A lock file as another process would have written it."""
    content = {
        "pid": os.getpid(),
        "host": socket.gethostname(),
        "user": "jan",
        "since": "06-12-2026 12:04",
        "token": "0" * 32,
        "boot_id": own_boot_id(),
        "start_time": own_start_time(),
    }
    content.update(fields)
    path = lock_path(dossier)
    path.write_text(json.dumps(content), encoding="utf-8")
    return path


def token_on_disk(dossier: Path) -> str:
    return json.loads(lock_path(dossier).read_text(encoding="utf-8"))["token"]


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_acquire_writes_a_complete_lock_and_release_removes_it(dossier: Path) -> None:
    lock = DossierLock(dossier)
    assert lock.acquire() is None
    assert lock.held
    content = json.loads(lock_path(dossier).read_text(encoding="utf-8"))
    assert content["pid"] == os.getpid()
    assert content["host"] == socket.gethostname()
    assert len(content["token"]) == 32
    assert content["start_time"] == own_start_time()
    assert files_in(dossier.parent) == ["Klant.kmo", "Klant.kmo.lock"]

    second = DossierLock(dossier)
    holder = second.acquire()
    assert holder is not None and holder.certain and holder.pid == os.getpid()
    assert read_holder(lock_path(dossier)) == holder
    assert f"op {socket.gethostname()} (sinds " in holder.describe()

    lock.release()
    assert not lock.held
    assert files_in(dossier.parent) == ["Klant.kmo"]
    assert second.acquire() is None
    second.release()


def test_release_never_deletes_another_processes_lock(dossier: Path) -> None:
    lock = DossierLock(dossier)
    assert lock.acquire() is None
    write_lock(dossier, token="f" * 32)  # someone took over and wrote their own lock
    lock.release()
    assert token_on_disk(dossier) == "f" * 32


def test_young_empty_lock_is_held_and_old_one_is_taken_over(dossier: Path) -> None:
    path = lock_path(dossier)
    path.touch()
    holder = DossierLock(dossier).acquire()
    assert holder is not None and holder.certain
    assert holder.describe() == "een ander programma"
    assert path.read_bytes() == b""

    old = time.time() - 60
    os.utime(path, (old, old))
    lock = DossierLock(dossier)
    assert lock.acquire() is None
    assert token_on_disk(dossier)
    lock.release()
    assert files_in(dossier.parent) == ["Klant.kmo"]


def test_partial_lock_is_treated_like_an_empty_one(dossier: Path) -> None:
    lock_path(dossier).write_text('{"pid": 12', encoding="utf-8")
    assert DossierLock(dossier).acquire() is not None


def test_lock_of_a_dead_process_on_this_computer_is_taken_over(dossier: Path) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # exited and reaped: its pid names no process now
    write_lock(dossier, pid=dead.pid, start_time=None)
    lock = DossierLock(dossier)
    assert lock.acquire() is None
    assert token_on_disk(dossier) != "0" * 32
    lock.release()


@pytest.mark.skipif(own_start_time() is None, reason="process start times are read on Linux")
def test_live_pid_with_another_start_time_is_a_reused_pid_and_taken_over(dossier: Path) -> None:
    started = own_start_time()
    assert started is not None
    write_lock(dossier, start_time=started - 1)
    assert DossierLock(dossier).acquire() is None


@pytest.mark.skipif(own_boot_id() is None, reason="boot ids are read on Linux")
def test_lock_from_before_a_reboot_is_taken_over(dossier: Path) -> None:
    write_lock(dossier, boot_id="00000000-0000-0000-0000-000000000000")
    assert DossierLock(dossier).acquire() is None


def test_takeover_guard_left_by_a_crash_blocks_only_briefly(dossier: Path) -> None:
    write_lock(dossier, pid=999_999_999)  # stale: no such process
    guard = dossier.with_name("Klant.kmo.lock.takeover")
    guard.write_text("crashed halfway a takeover")
    old = time.time() - 60
    os.utime(guard, (old, old))
    lock = DossierLock(dossier)
    assert lock.acquire() is None
    lock.release()
    assert files_in(dossier.parent) == ["Klant.kmo"]


def test_lock_of_a_live_local_process_is_certain_and_never_taken(dossier: Path) -> None:
    path = write_lock(dossier)
    before = path.read_bytes()
    holder = DossierLock(dossier).acquire(take_over=True)
    assert holder == LockHolder(os.getpid(), socket.gethostname(), "jan", "06-12-2026 12:04", True)
    assert path.read_bytes() == before


def test_lock_of_another_computer_is_uncertain_and_taken_over_when_confirmed(
    dossier: Path,
) -> None:
    write_lock(dossier, host="LAPTOP-X", pid=1, boot_id="ander", start_time=5)
    lock = DossierLock(dossier)
    holder = lock.acquire()
    assert holder is not None and not holder.certain
    assert holder.describe() == "jan op LAPTOP-X (sinds 06-12-2026 12:04)"
    assert token_on_disk(dossier) == "0" * 32
    assert lock.acquire(take_over=True) is None
    assert json.loads(lock_path(dossier).read_text())["host"] == socket.gethostname()
    lock.release()
    assert files_in(dossier.parent) == ["Klant.kmo"]


FULL_DISK = textwrap.dedent(
    """
    import os, resource, signal, sys
    from pathlib import Path
    from kmo_reintegratie.store.lock import DossierLock

    if sys.argv[2] == "no-links":
        def link(*args, **kwargs):
            raise PermissionError(1, "Operation not permitted")
        os.link = link
    lock = DossierLock(Path(sys.argv[1]))
    # Files may not grow beyond 16 bytes; without the signal, write() fails with EFBIG.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (16, resource.RLIM_INFINITY))
    try:
        lock.acquire()
    except OSError as error:
        print(error.errno)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="resource limits are POSIX")
@pytest.mark.parametrize("links", ["links", "no-links"])
def test_full_disk_raises_and_leaves_nothing_behind(dossier: Path, links: str) -> None:
    import errno

    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(dossier), links],
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.stdout.strip() == str(errno.EFBIG), result.stderr
    assert files_in(dossier.parent) == ["Klant.kmo"]


def test_without_hard_links_the_lock_is_still_complete(
    dossier: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(*args: object, **kwargs: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)  # FAT and some shares
    lock = DossierLock(dossier)
    assert lock.acquire() is None
    assert files_in(dossier.parent) == ["Klant.kmo", "Klant.kmo.lock"]
    assert DossierLock(dossier).acquire() is not None
    lock.release()
    assert files_in(dossier.parent) == ["Klant.kmo"]


@pytest.mark.skipif(sys.platform == "win32", reason="file modes are POSIX")
def test_lock_is_private_under_a_common_umask(dossier: Path) -> None:
    previous = os.umask(0o022)
    try:
        lock = DossierLock(dossier)
        assert lock.acquire() is None
    finally:
        os.umask(previous)
    assert stat.S_IMODE(lock_path(dossier).stat().st_mode) == 0o600
    lock.release()


WORKERS = 4
ROUNDS = 50


def start_round(start_at: Any, round_no: Any, stale_lock: Path | None, dead_pid: int) -> None:
    """Barrier action, run once per round while every process waits."""
    round_no.value += 1
    if stale_lock is not None:  # left by a crash: all processes race to take it over
        if round_no.value % 2:
            stale_lock.write_bytes(b"")
            os.utime(stale_lock, (time.time() - 60, time.time() - 60))
        else:
            write_lock(stale_lock.with_suffix(""), pid=dead_pid, start_time=None)
    start_at.value = time.time() + 0.01


def race_worker(
    dossier: Path, rounds: int, ready: Any, hold: Any, start_at: Any, results: Any
) -> None:
    """One process of the race: every round, try to take the lock at the same instant."""
    won = []
    try:
        for _ in range(rounds):
            lock = DossierLock(dossier)
            ready.wait()
            # A barrier wakes its processes one by one over a few hundred microseconds;
            # spinning until one shared instant lines up those on a core within a microsecond.
            while time.time() < start_at.value:
                pass
            holder = lock.acquire()
            hold.wait()  # everyone has tried while the winner still holds it
            won.append(holder is None)
            lock.release()
        results.put(won)
    except BaseException as error:  # reported to the test instead of a hanging barrier
        results.put(repr(error))
        raise


@pytest.mark.parametrize("left_by_crash", [False, True], ids=["free", "stale"])
def test_four_processes_opening_at_the_same_instant_never_both_hold_it(
    dossier: Path, left_by_crash: bool
) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale_lock = lock_path(dossier) if left_by_crash else None
    context = multiprocessing.get_context("spawn")
    start_at = context.Value("d", 0.0, lock=False)
    round_no = context.Value("i", 0, lock=False)
    round_action = functools.partial(start_round, start_at, round_no, stale_lock, dead.pid)
    ready = context.Barrier(WORKERS, action=round_action, timeout=30)
    hold = context.Barrier(WORKERS, timeout=30)
    results = context.Queue()
    workers = [
        context.Process(target=race_worker, args=(dossier, ROUNDS, ready, hold, start_at, results))
        for _ in range(WORKERS)
    ]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=10)
    assert all(isinstance(outcome, list) for outcome in outcomes), outcomes
    holders_per_round = [sum(round_) for round_ in zip(*outcomes)]
    wrong = sum(1 for holders in holders_per_round if holders != 1)
    assert wrong == 0, f"{wrong} of {ROUNDS} rounds without exactly one holder: {holders_per_round}"
    assert files_in(dossier.parent) == ["Klant.kmo"]
