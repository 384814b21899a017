"""A lock file beside the dossier, so a second instance is warned.

SQLite's own locking protects the bytes but not the user: two windows editing
the same organisation would silently overwrite each other's work. The lock file
says which computer and process hold the dossier, and since when; it names no person
(it lies beside the dossier, where anyone who can see the file can read it).

The lock appears whole or not at all: its content is written to a temporary
file that is then hard-linked into place, which fails if any lock exists. A lock
that cannot be read is being written by someone right now while it is young,
and was left by a crash once it is old. A readable lock is stale when it names
this computer and its process is gone (or was restarted since, or the computer
was); a lock that names another computer is the user's call. Stale locks are
removed one process at a time, and ``release()`` removes a lock only while it
still holds our own content (with its unique token).
"""

from __future__ import annotations

import json
import os
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from kmo_reintegratie.private_files import FILE_MODE
from kmo_reintegratie.processes import pid_alive as _pid_alive
from kmo_reintegratie.record import record

# An unreadable lock younger than this is someone else's, still being written.
YOUNG_SECONDS = 5.0
# Each pass either takes the lock, removes one stale lock, or sees a holder.
_ATTEMPTS = 10
_BINARY = getattr(os, "O_BINARY", 0)

Identity = tuple[int, int, int]  # device, inode, mtime: which file, not only what it says


def host_name() -> str:
    """This computer's name, as the lock file records it."""
    try:
        return os.uname().nodename
    except AttributeError:  # Windows: no uname; socket only there, not at every start elsewhere
        import socket

        return socket.gethostname()


def lock_path(dossier: Path) -> Path:
    return dossier.with_name(dossier.name + ".lock")


@record
class LockHolder:
    """Who holds a dossier, as far as the lock file tells."""

    pid: int
    host: str
    user: str
    since: str
    # True: a live process holds it for sure (offer read-only). False: it names another
    # computer, so only the user can tell whether it is still open there.
    certain: bool

    def describe(self) -> str:
        if not self.host:
            return self.user
        # Locks of earlier versions also name the user.
        holder = self.user or "KMO Re-integratie"
        return f"{holder} op {self.host} (sinds {self.since})"


# Someone created the lock a moment ago and is still writing its content.
BEING_WRITTEN = LockHolder(0, "", "een ander programma", "nu", certain=True)


def _boot_id() -> str | None:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return None


def _start_time(pid: int) -> int | None:
    """Clock ticks after boot at which ``pid`` started (Linux); None where unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
        # The command name (field 2) may hold spaces and ')'; field 22 counts from after it.
        return int(stat.rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


def _parse(data: bytes) -> dict[str, Any] | None:
    """The lock's fields, or None for an empty, partial or foreign file."""
    try:
        content = json.loads(data.decode("utf-8"))
        if not isinstance(content, dict) or not isinstance(content["host"], str):
            return None
        content["pid"] = int(content["pid"])
    except (ValueError, KeyError, TypeError, OverflowError, RecursionError):
        return None
    return content


def _judge(data: bytes, age: float) -> tuple[LockHolder, bool]:
    """Who holds a lock with this content, and whether it is stale (may be removed)."""
    content = _parse(data)
    if content is None:
        # abs(): the clock of a file server may run ahead of ours.
        return BEING_WRITTEN, abs(age) >= YOUNG_SECONDS
    pid, host = content["pid"], content["host"]
    user, since = str(content.get("user", "")), str(content.get("since", ""))
    if host != host_name():
        return LockHolder(pid, host, user, since, certain=False), False
    holder = LockHolder(pid, host, user, since, certain=True)
    recorded_boot, boot = content.get("boot_id"), _boot_id()
    if recorded_boot is not None and boot is not None and recorded_boot != boot:
        return holder, True
    if not _pid_alive(pid):
        return holder, True
    # A live pid may be a new process that reused the number of the one that crashed.
    recorded_start, start = content.get("start_time"), _start_time(pid)
    return holder, recorded_start is not None and start is not None and recorded_start != start


def read_holder(path: Path) -> LockHolder | None:
    """Who holds the lock at ``path``; None when there is none or it is stale."""
    try:
        data, age, _ = _read(path)
    except OSError:
        return None
    holder, stale = _judge(data, age)
    return None if stale else holder


def _read(path: Path) -> tuple[bytes, float, Identity]:
    """Content, age in seconds and identity (device, inode, mtime) of one lock file."""
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read(64 * 1024)
    return data, time.time() - info.st_mtime, (info.st_dev, info.st_ino, info.st_mtime_ns)


def _write_new(path: Path, data: bytes) -> None:
    """Create ``path`` (must not exist) with ``data``, durable; on failure leave nothing."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY | _BINARY, FILE_MODE)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _unlink_if_content(path: Path, data: bytes) -> None:
    """Remove ``path`` only while it holds ``data`` (a token makes each file's unique)."""
    try:
        if _read(path)[0] == data:
            path.unlink()
    except OSError:
        pass


def _clear_abandoned(guard: Path) -> None:
    """Remove a takeover guard left by a crash; a live one is held for microseconds."""
    try:
        data, age, _ = _read(guard)
    except OSError:
        return
    if abs(age) >= YOUNG_SECONDS:
        _unlink_if_content(guard, data)


class DossierLock:
    """Exclusive claim on a dossier for this process; release() removes it."""

    def __init__(self, dossier: Path) -> None:
        self.path = lock_path(dossier)
        self._content = b""
        self._held = False

    def acquire(self, *, take_over: bool = False) -> LockHolder | None:
        """Take the lock. Returns None when we hold it now, else who holds it.

        A stale lock is taken over silently. ``take_over`` also replaces a lock
        that names another computer (``certain`` False) once the user confirmed
        it is closed there; a lock held for certain is never taken. Raises
        OSError, leaving no file behind, when the lock cannot be written (disk
        full, no permission).
        """
        if self._held:
            return None
        holder = BEING_WRITTEN
        for _ in range(_ATTEMPTS):
            if self._create():
                self._held = True
                return None
            try:
                data, age, identity = _read(self.path)
            except FileNotFoundError:
                continue  # released in the meantime: try again
            except PermissionError:
                time.sleep(0.01)  # Windows: being renamed or deleted right now
                continue
            holder, stale = _judge(data, age)
            if not (stale or (take_over and not holder.certain)):
                return holder
            if not self._remove((data, identity)):
                time.sleep(0.01)  # another process is taking it over right now
        return holder

    def _create(self) -> bool:
        """Put a complete lock of ours in place; False if a lock is already there."""
        token = os.urandom(16).hex()
        content = {
            "pid": os.getpid(),
            "host": host_name(),
            "since": datetime.now().strftime("%d-%m-%Y %H:%M"),
            "token": token,
            "boot_id": _boot_id(),
            "start_time": _start_time(os.getpid()),
        }
        data = self._content = json.dumps(content).encode("utf-8")
        temporary = self.path.with_name(f"{self.path.name}.{token}.tmp")
        _write_new(temporary, data)
        try:
            os.link(temporary, self.path)  # never replaces an existing lock
            return True
        except FileExistsError:
            return False
        except (OSError, NotImplementedError):
            pass  # no hard links here (FAT, some shares)
        finally:
            temporary.unlink(missing_ok=True)
        # Without links the lock is empty for an instant; readers take a young empty lock as held.
        try:
            _write_new(self.path, data)
        except FileExistsError:
            return False
        return True

    def _remove(self, seen: tuple[bytes, Identity]) -> bool:
        """Remove the lock that was read as ``seen``, and nothing else; False if busy.

        Processes that judge a lock stale take turns through a guard file. While
        one holds the guard the lock can only change by being removed, which
        needs the guard, so "still the one we judged? then unlink" is safe.
        """
        guard = self.path.with_name(self.path.name + ".takeover")
        token = os.urandom(16).hex().encode("ascii")
        try:
            _write_new(guard, token)
        except FileExistsError:
            _clear_abandoned(guard)
            return False
        try:
            data, _, identity = _read(self.path)
            if (data, identity) == seen:
                self.path.unlink()
        except OSError:
            pass  # gone already
        finally:
            _unlink_if_content(guard, token)
        return True

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        """Remove the lock if it is still ours; another process's lock stays."""
        if not self._held:
            return
        self._held = False
        _unlink_if_content(self.path, self._content)
