"""A process killed during a large write: the next open recovers, nothing committed is lost."""

from __future__ import annotations

import random
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest

from crash_writer import kill_round, kill_writer, next_batch
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import UncleanDossierError

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def test_twenty_kills_during_writes_never_look_like_damage(dossier_path: Path) -> None:
    chooser = random.Random(20261206)
    journals = 0
    for _ in range(20):
        result = kill_round(dossier_path, next_batch(dossier_path), chooser.randint(5, 1200))
        assert result.killed
        journals += result.journal_left
        assert result.refused is None, result.refused
        assert not result.corrupt
        assert result.lost == []
    # The test only proves something when kills left hot journals to recover from.
    assert journals >= 5


def hot_journal_copy(dossier_path: Path, folder: Path) -> Path:
    """A copy of a dossier whose writer was killed with pages spilled: a hot journal beside it."""
    for steps in range(60, 600, 60):
        result = kill_writer(dossier_path, next_batch(dossier_path), steps)
        journal = Path(f"{dossier_path}-journal")
        if result.journal_left:
            folder.mkdir()
            shutil.copy2(dossier_path, folder / dossier_path.name)
            shutil.copy2(journal, folder / journal.name)
            return folder / dossier_path.name
        Dossier.open(dossier_path).close()
    pytest.fail("no kill left a hot journal")


def test_hot_journal_is_rolled_back_by_opening_read_only_too(dossier_path: Path, tmp_path: Path) -> None:
    wreck = hot_journal_copy(dossier_path, tmp_path / "wrak")
    with Dossier.open(wreck, read_only=True) as dossier:
        assert dossier.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert not Path(f"{wreck}-journal").exists()


def test_hot_journal_on_a_read_only_place_is_named_not_called_damage(dossier_path: Path, tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    wreck = hot_journal_copy(dossier_path, tmp_path / "wrak")
    before = wreck.read_bytes()
    # Tests run as root, where chmod does not stop writing: pretend the place is read-only.
    import kmo_reintegratie.store.dossier as dossier_module

    monkeypatch.setattr(dossier_module, "_writable", lambda path: False)
    with pytest.raises(UncleanDossierError) as raised:
        Dossier.open(wreck, read_only=True)
    assert "niet netjes afgesloten" in raised.value.message
    assert "beschadigd" not in raised.value.message
    assert wreck.read_bytes() == before
    conn = sqlite3.connect(wreck)  # and where writing is allowed, it recovers whole
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
