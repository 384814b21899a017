"""A lock file beside the dossier, so a second instance is warned.

SQLite's own locking protects the bytes but not the user: two windows editing
the same organisation would silently overwrite each other's work. The lock file
says who holds the dossier; a lock left behind by a crashed process on this
machine is taken over.
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


def lock_path(dossier: Path) -> Path:
    return dossier.with_name(dossier.name + ".lock")


@dataclass(frozen=True)
class LockHolder:
    pid: int
    host: str
    user: str
    since: str

    def describe(self) -> str:
        return f"{self.user} op {self.host} (sinds {self.since})"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class DossierLock:
    """Exclusive claim on a dossier for this process; release() removes it."""

    def __init__(self, dossier: Path) -> None:
        self.path = lock_path(dossier)
        self._held = False

    def acquire(self) -> LockHolder | None:
        """Take the lock. Returns None on success, or who holds it."""
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_holder(self.path)
                if holder is None or (holder.host == socket.gethostname() and not _pid_alive(holder.pid)):
                    # Left behind by a crash: take it over.
                    try:
                        self.path.unlink()
                    except OSError:
                        pass
                    continue
                return holder
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(
                    {
                        "pid": os.getpid(),
                        "host": socket.gethostname(),
                        "user": getpass.getuser(),
                        "since": datetime.now().strftime("%d-%m-%Y %H:%M"),
                    },
                    handle,
                )
            self._held = True
            return None
        return read_holder(self.path)

    @property
    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        if self._held:
            try:
                self.path.unlink()
            except OSError:
                pass
            self._held = False
