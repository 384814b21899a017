"""The dossier in a hostile environment: full disks, size limits, read-only media, umask 022.

Each case ends in a Dutch message and leaves nothing half-written behind. The
file-size limit (RLIMIT_FSIZE) is set in a subprocess, so the test run itself
is not limited.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

import kmo_reintegratie.store.dossier as dossier_module
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierNotWritableError
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"
posix_only = pytest.mark.skipif(sys.platform == "win32", reason="file modes and rlimits are POSIX")

LIMITED = """
import json, resource, signal, sys
from pathlib import Path
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG instead of a killed process
resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit}))
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
try:
    {action}
    print(json.dumps({{"ok": True}}))
except DossierError as error:
    print(json.dumps({{"ok": False, "message": error.message, "advice": error.advice}}))
"""


def run_limited(limit: int, action: str) -> dict[str, object]:
    """Run ``action`` with files limited to ``limit`` bytes; return what the program said."""
    process = subprocess.run(
        [sys.executable, "-c", LIMITED.format(limit=limit, action=action)],
        capture_output=True, text=True, timeout=60,
    )
    assert process.returncode == 0, process.stderr  # a traceback is a failure
    return json.loads(process.stdout.strip().splitlines()[-1])


@posix_only
def test_create_on_a_full_disk_says_so_in_dutch_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "Nieuw.kmo"
    said = run_limited(8192, f"Dossier.create(Path({str(target)!r}))")
    assert said["ok"] is False
    assert "niet aangemaakt" in str(said["message"])
    assert "Error" not in str(said["message"])
    assert list(tmp_path.iterdir()) == []


@posix_only
def test_open_when_the_lock_cannot_be_written_says_so_and_leaves_no_lock(dossier_path: Path) -> None:
    said = run_limited(10, f"Dossier.open(Path({str(dossier_path)!r}))")
    assert said["ok"] is False
    assert "vergrendeld" in str(said["message"])
    assert sorted(p.name for p in dossier_path.parent.iterdir()) == [dossier_path.name]


@posix_only
def test_failed_upgrade_backup_leaves_no_truncated_copy_and_the_file_untouched(tmp_path: Path) -> None:
    path = tmp_path / "oud.kmo"
    shutil.copy(FIXTURES / "dossier_v1.kmo", path)
    before = path.read_bytes()
    said = run_limited(len(before) // 2, f"Dossier.open(Path({str(path)!r}))")
    assert said["ok"] is False
    assert "reservekopie" in str(said["message"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["oud.kmo"]
    assert path.read_bytes() == before


@posix_only
def test_a_write_beyond_the_size_limit_is_a_dutch_message_not_disk_io_error(dossier_path: Path) -> None:
    size = dossier_path.stat().st_size
    action = (
        f"d = Dossier.open(Path({str(dossier_path)!r}))\n"
        "    try:\n"
        "        d.employees.apply_import([{'name': f'P{i}', 'function': 'x' * 500} for i in range(2000)], [],"
        " effective=__import__('datetime').date(2026, 1, 1))\n"
        "    finally:\n"
        "        d.close()"
    )
    said = run_limited(size + 4096, action)
    assert said["ok"] is False
    assert "niet opgeslagen" in str(said["message"])
    assert "disk I/O" not in str(said["message"])
    with Dossier.open(dossier_path) as dossier:
        assert dossier.employees.count() == 0
        assert dossier.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@posix_only
def test_dossier_lock_and_journal_are_private_under_umask_022(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        folder = tmp_path / "nieuwe map"
        path = folder / "Klant.kmo"
        with Dossier.create(path) as dossier:
            assert stat.S_IMODE(folder.stat().st_mode) == 0o700
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(lock_path(path).stat().st_mode) == 0o600
            with dossier.writing() as db:
                db["employee"].insert({"name": "Tijdens het schrijven"})
                journal = Path(f"{path}-journal")
                assert stat.S_IMODE(journal.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_deleted_personal_data_is_overwritten_in_the_file(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        assert dossier.db.execute("PRAGMA secure_delete").fetchone()[0] == 1
        employee = dossier.employees.add("Xavier Geheimnaam")
        dossier.employees.delete(employee.id)
    assert b"Geheimnaam" not in dossier_path.read_bytes()


def test_every_dossier_has_a_stable_id(dossier_path: Path, tmp_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        first = dossier.dossier_id
    moved = tmp_path / "elders" / "hernoemd.kmo"
    moved.parent.mkdir()
    shutil.move(dossier_path, moved)
    with Dossier.open(moved) as dossier:
        assert dossier.dossier_id == first
    assert first and len(first) == 32


def test_an_upgraded_dossier_gets_an_id(tmp_path: Path) -> None:
    path = tmp_path / "oud.kmo"
    shutil.copy(FIXTURES / "dossier_v4.kmo", path)
    with Dossier.open(path) as dossier:
        assert dossier.dossier_id


def test_read_only_media_open_read_only(dossier_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests run as root, where chmod does not stop writing: pretend the place is read-only.
    monkeypatch.setattr(dossier_module, "_writable", lambda path: False)
    with pytest.raises(DossierNotWritableError) as raised:
        Dossier.open(dossier_path)
    assert "alleen-lezen" in raised.value.advice
    with Dossier.open(dossier_path, read_only=True) as dossier:
        assert dossier.read_only
    assert not lock_path(dossier_path).exists()


def test_an_older_dossier_on_read_only_media_is_shown_from_an_upgraded_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cd" / "oud.kmo"
    path.parent.mkdir()
    shutil.copy(FIXTURES / "dossier_v1.kmo", path)
    before = path.read_bytes()
    monkeypatch.setattr(dossier_module, "_writable", lambda path: False)
    dossier = Dossier.open(path, read_only=True)
    try:
        assert dossier.read_only and dossier.origin == path and dossier.path != path
        assert dossier.organisation.get().name == "Bakkerij Van Oud"
        assert dossier.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        copy = dossier.path
    finally:
        dossier.close()
    assert not copy.exists()
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["oud.kmo"]


def test_a_file_that_vanishes_is_not_recreated_empty(dossier_path: Path) -> None:
    conn_path = dossier_path.with_name("weg.kmo")
    with pytest.raises(sqlite3.OperationalError):
        dossier_module._connect(conn_path, read_only=False)
    assert not conn_path.exists()
