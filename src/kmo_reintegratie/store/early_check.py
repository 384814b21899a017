"""The integrity check of a dossier named on the command line, run while the program loads.

Opening a dossier checks every page of it (``PRAGMA quick_check``): ~70 ms for a dossier of
40 MB, a third of what a large dossier adds to the start. The command line knows which dossier
it will open before it imports the window, so :func:`start` checks it in a thread on its own
read-only connection meanwhile (SQLite runs without Python's lock: on a second core, or in the
gaps of reading the program's files). :func:`take` hands the verdict to ``Dossier.open``
only for exactly the file that was checked: same size, same modification time and the same
first page header (which every commit changes). Otherwise, and for a protected dossier or one
with a journal left by a crash (both need more than a read-only look), ``Dossier.open`` checks
as always.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

#: The bytes of a dossier's first page compared: SQLite's header with its change counter.
HEADER_BYTES = 100

_lock = threading.Lock()
_pending: dict[Path, "_Check"] = {}


class _Check(threading.Thread):
    def __init__(self, path: Path, identity: tuple[int, int, bytes]) -> None:
        super().__init__(name="dossier-check", daemon=True)
        self.path = path
        self.identity = identity
        self.verdict: str | None = None

    def run(self) -> None:
        try:
            conn = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True)
            try:
                self.verdict = str(conn.execute("PRAGMA quick_check").fetchone()[0])
            finally:
                conn.close()
        except sqlite3.Error:
            self.verdict = None  # judged again, in full, by Dossier.open


def start(path: Path | str) -> None:
    """Begin checking the plain dossier at ``path`` in the background; nothing when it is
    missing, protected, left with a journal, or not an SQLite file (Dossier.open says why)."""
    path = Path(path).absolute()
    identity = _identity(path)
    if identity is None or not identity[2].startswith(b"SQLite format 3\x00"):
        return
    if _journal(path).exists():
        return
    check = _Check(path, identity)
    with _lock:
        if path in _pending:
            return
        _pending[path] = check
    check.start()


def take(path: Path) -> str | None:
    """The verdict on ``path`` ("ok" or SQLite's first finding) when it was checked ahead and
    is unchanged since; None when ``Dossier.open`` must check it itself. Asked once per start."""
    with _lock:
        check = _pending.pop(path, None)
    if check is None:
        return None
    check.join()
    if check.verdict is None or _identity(path) != check.identity or _journal(path).exists():
        return None
    return check.verdict


def _identity(path: Path) -> tuple[int, int, bytes] | None:
    try:
        with open(path, "rb") as handle:
            header = handle.read(HEADER_BYTES)
            status = os.fstat(handle.fileno())
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, header


def _journal(path: Path) -> Path:
    return path.with_name(path.name + "-journal")
