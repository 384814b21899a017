"""After a random run: is every dossier it touched still whole, and can it be opened again?

No Qt here: the parent process runs these checks too, on the folder of a child that died.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

SQLITE_HEADER = b"SQLite format 3\x00"


def is_sqlite(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(16) == SQLITE_HEADER
    except OSError:
        return False


def touched_files(scratch: Path, known_dossiers: Iterable[Path]) -> list[Path]:
    """Every SQLite file below ``scratch`` (dossiers, backups, restored copies) and every
    dossier the run knows it opened, wherever it is.
    """
    found = {p for p in scratch.rglob("*") if p.is_file() and is_sqlite(p)}
    found |= {Path(p) for p in known_dossiers}
    return sorted(found)


def check_file(path: Path, *, reopen: bool) -> list[str]:
    """Problems with ``path``, as sentences; empty when it is whole."""
    if not path.exists():
        return [f"{path}: gone"]
    if not is_sqlite(path):
        return [f"{path}: no longer an SQLite file"]
    problems: list[str] = []
    if reopen:
        problems += _reopen(path)  # first: read-write rolls back a journal a crash left
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
            if rows != [("ok",)]:
                problems.append(f"{path}: integrity_check: {rows[:5]}")
            bad = conn.execute("PRAGMA foreign_key_check").fetchall()
            if bad:
                problems.append(f"{path}: foreign_key_check: {len(bad)} rows, first {bad[:3]}")
        finally:
            conn.close()
    except sqlite3.Error as error:
        problems.append(f"{path}: {type(error).__name__}: {error}")
    return problems


def _reopen(path: Path) -> list[str]:
    from kmo_reintegratie.store.dossier import Dossier

    try:
        Dossier.open(path).close()
    except Exception as error:  # noqa: BLE001 — every failure is a finding, reported whole
        message = getattr(error, "message", "") or str(error)
        return [f"{path}: Dossier.open: {type(error).__name__}: {message}"]
    return []


def check_all(scratch: Path, known_dossiers: Iterable[Path]) -> tuple[int, list[str]]:
    """(files checked, problems). Files named *.kmo are reopened read-write as well."""
    files = touched_files(scratch, known_dossiers)
    problems: list[str] = []
    for path in files:
        problems += check_file(path, reopen=path.suffix == ".kmo")
    return len(files), problems
