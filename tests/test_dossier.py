"""The dossier file: create, reopen, migrate, and refuse what is not ours."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from kmo_reintegratie.organisation import Role
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import (
    DossierError,
    DossierInUseError,
    NewerDossierError,
    NotADossierError,
)
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.store.migrations import SCHEMA_VERSION

FIXTURES = Path(__file__).parent / "fixtures"


def test_create_write_close_reopen_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "Klant.kmo"
    with Dossier.create(path) as dossier:
        dossier.organisation.update(name="Drukkerij Dewaele", employee_count=27)
        dossier.organisation.set_role_contact(Role.ARBEIDSARTS, name="Dr. Janssens", phone="09 123 45 67")
    with Dossier.open(path) as dossier:
        organisation = dossier.organisation.get()
    assert organisation.name == "Drukkerij Dewaele"
    assert organisation.employee_count == 27
    assert organisation.role(Role.ARBEIDSARTS).name == "Dr. Janssens"
    assert organisation.role(Role.VERTROUWENSPERSOON).is_empty


def test_file_is_one_self_contained_sqlite_file_with_our_version(tmp_path: Path) -> None:
    path = tmp_path / "Klant.kmo"
    with Dossier.create(path) as dossier:
        dossier.organisation.update(name="X")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Klant.kmo"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()


def test_records_keep_created_and_changed_times(tmp_path: Path) -> None:
    path = tmp_path / "Klant.kmo"
    with Dossier.create(path) as dossier:
        dossier.organisation.update(name="A")
        row = dossier.db.execute("SELECT created_at, updated_at FROM organisation").fetchone()
    assert row[0] and row[1] and row[1] >= row[0]


def dump(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [f"user_version {conn.execute('PRAGMA user_version').fetchone()[0]}", *conn.iterdump()]
    finally:
        conn.close()


def test_version_1_file_is_migrated_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "oud.kmo"
    shutil.copy(FIXTURES / "dossier_v1.kmo", path)
    original = dump(path)
    with Dossier.open(path) as dossier:
        organisation = dossier.organisation.get()
        dossier.organisation.set_role_contact(Role.HR_CONTACT, name="An")
        assert dossier.organisation.get().role(Role.HR_CONTACT).name == "An"
    assert organisation.name == "Bakkerij Van Oud"
    assert organisation.employee_count == 12
    assert organisation.joint_committee == ""
    backups = [p for p in tmp_path.iterdir() if "-kopie-v1-" in p.name]
    # A verified copy made with SQLite's backup API: the same version and records.
    assert len(backups) == 1 and dump(backups[0]) == original
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()


def test_version_2_file_is_migrated_and_gets_self_assessment(tmp_path: Path) -> None:
    path = tmp_path / "v2.kmo"
    shutil.copy(FIXTURES / "dossier_v2.kmo", path)
    with Dossier.open(path) as dossier:
        organisation = dossier.organisation.get()
        assert dossier.assessments.rounds() == []
        dossier.assessments.create_round("Eerste ronde", date(2026, 1, 5))
    assert organisation.contact_by == "De zaakvoerder"
    assert organisation.role(Role.ARBEIDSARTS).name == "Dr. Claes"
    assert any("-kopie-v2-" in p.name for p in tmp_path.iterdir())


def test_version_3_file_keeps_its_self_assessment_and_gets_the_absence_register(tmp_path: Path) -> None:
    path = tmp_path / "v3.kmo"
    shutil.copy(FIXTURES / "dossier_v3.kmo", path)
    with Dossier.open(path) as dossier:
        data = dossier.assessments.round_data(1)
        assert dossier.employees.list() == []
    assert data.answers["c1.q1.1.1"].value == "tekortkoming"
    assert data.actions[0].what == "Risicoanalyse laten doen"


def test_newer_version_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.kmo"
    Dossier.create(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NewerDossierError) as caught:
        Dossier.open(path)
    assert "nieuwere versie" in caught.value.message
    assert path.read_bytes() == before
    assert not lock_path(path).exists()


@pytest.mark.parametrize(
    "content",
    [
        b"Dit is gewoon een tekstbestand.\n",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" * 20,
        b"",
    ],
    ids=["text", "renamed-pdf", "empty"],
)
def test_non_dossier_files_are_refused_byte_identical(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "vreemd.kmo"
    path.write_bytes(content)
    with pytest.raises(NotADossierError) as caught:
        Dossier.open(path)
    assert caught.value.message  # a Dutch sentence, shown in the dialog
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["vreemd.kmo"]


def test_truncated_dossier_is_refused_byte_identical(tmp_path: Path, demo_path: Path) -> None:
    path = tmp_path / "kapot.kmo"
    data = demo_path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    before = path.read_bytes()
    with pytest.raises(NotADossierError) as caught:
        Dossier.open(path)
    assert "beschadigd" in caught.value.message
    assert path.read_bytes() == before


def test_corrupt_pages_are_refused(tmp_path: Path, demo_path: Path) -> None:
    path = tmp_path / "kapot.kmo"
    data = bytearray(demo_path.read_bytes())
    data[4096:6000] = b"\xff" * (6000 - 4096)  # scribble over the second page
    path.write_bytes(bytes(data))
    with pytest.raises(NotADossierError):
        Dossier.open(path)
    assert path.read_bytes() == bytes(data)


def test_other_programs_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "ander.kmo"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotADossierError) as caught:
        Dossier.open(path)
    assert "ander programma" in caught.value.message
    assert path.read_bytes() == before


def test_missing_file_is_refused_without_creating_it(tmp_path: Path) -> None:
    with pytest.raises(NotADossierError):
        Dossier.open(tmp_path / "bestaat-niet.kmo")
    assert not (tmp_path / "bestaat-niet.kmo").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file_is_refused(tmp_path: Path, dossier_path: Path) -> None:
    dossier_path.chmod(0)
    with pytest.raises(NotADossierError) as caught:
        Dossier.open(dossier_path)
    assert "leesrechten" in caught.value.message


def test_second_instance_is_warned_and_may_open_read_only(dossier_path: Path) -> None:
    first = Dossier.open(dossier_path)
    try:
        with pytest.raises(DossierInUseError) as caught:
            Dossier.open(dossier_path)
        assert "al geopend" in caught.value.message
        with Dossier.open(dossier_path, read_only=True) as second:
            assert second.read_only
            assert second.organisation.get().name == ""
            with pytest.raises(DossierError):
                second.organisation.update(name="Mag niet")
    finally:
        first.close()
    assert not lock_path(dossier_path).exists()
    Dossier.open(dossier_path).close()


def test_stale_lock_of_a_crashed_process_is_taken_over(dossier_path: Path) -> None:
    lock_path(dossier_path).write_text(
        '{"pid": 999999999, "host": "%s", "user": "x", "since": "gisteren"}' % os.uname().nodename
    )
    Dossier.open(dossier_path).close()


def test_create_refuses_to_overwrite(dossier_path: Path) -> None:
    before = dossier_path.read_bytes()
    with pytest.raises(DossierError):
        Dossier.create(dossier_path)
    assert dossier_path.read_bytes() == before


def test_a_worker_reads_a_held_dossier_and_damage_after_closing_is_found_again(demo_path: Path) -> None:
    from kmo_reintegratie.store.errors import DamagedDossierError

    with Dossier.open(demo_path) as held:
        # As an export or the analysis does in a worker thread, while the window holds it.
        with Dossier.open(demo_path, read_only=True) as reader:
            assert reader.employees.names() == held.employees.names()
    page_size = int.from_bytes(demo_path.read_bytes()[16:18], "big")
    with open(demo_path, "r+b") as handle:  # a failing disk, while no program had it open
        handle.seek(page_size * 3)
        handle.write(b"\x07" * page_size)
    with pytest.raises(DamagedDossierError):
        Dossier.open(demo_path, read_only=True)


def test_changes_counts_each_committed_action_once(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        assert dossier.changes == 0
        with dossier.writing():  # one user action of several repository calls
            dossier.organisation.update(name="Drukkerij Dewaele")
            dossier.organisation.update(employee_count=27)
        assert dossier.changes == 1
        with pytest.raises(RuntimeError), dossier.writing():
            dossier.organisation.update(name="Half")
            raise RuntimeError("afgebroken")
        assert dossier.changes == 1 and dossier.organisation.get().name == "Drukkerij Dewaele"
        dossier.employees.add("Koen Verhaegen")
        assert dossier.changes == 2


def damage_a_page(path: Path) -> None:
    """A failing disk: garbage in the fourth page, the header intact."""
    page_size = int.from_bytes(path.read_bytes()[16:18], "big")
    with open(path, "r+b") as handle:
        handle.seek(page_size * 3)
        handle.write(b"\x07" * page_size)


def test_a_dossier_checked_while_the_program_loads_is_still_refused_when_damaged(demo_path: Path) -> None:
    from kmo_reintegratie.store import early_check
    from kmo_reintegratie.store.errors import DamagedDossierError

    damage_a_page(demo_path)
    early_check.start(demo_path)  # as the command line does before it imports the window
    with pytest.raises(DamagedDossierError):
        Dossier.open(demo_path)


def test_a_dossier_changed_after_the_early_check_is_checked_again(demo_path: Path) -> None:
    from kmo_reintegratie.store import early_check
    from kmo_reintegratie.store.errors import DamagedDossierError

    early_check.start(demo_path)  # healthy now
    damage_a_page(demo_path)
    stamp = demo_path.stat().st_mtime_ns + 1_000_000_000  # another program wrote it later on
    os.utime(demo_path, ns=(stamp, stamp))
    with pytest.raises(DamagedDossierError):
        Dossier.open(demo_path)
    early_check.start(demo_path)
    with pytest.raises(DamagedDossierError):  # and a second look is no more forgiving
        Dossier.open(demo_path, read_only=True)


def test_a_worker_meeting_damage_during_the_session_gets_the_dutch_message(demo_path: Path) -> None:
    from kmo_reintegratie.store.errors import DamagedDossierError

    with Dossier.open(demo_path):
        page_size = int.from_bytes(demo_path.read_bytes()[16:18], "big")
        with open(demo_path, "r+b") as handle:  # the disk fails while the window has it open
            handle.seek(page_size)
            handle.write(b"\x07" * page_size * 20)
        with Dossier.open(demo_path, read_only=True) as reader, \
                pytest.raises(DamagedDossierError) as raised:
            reader.employees.names()
        assert "beschadigd" in raised.value.message
