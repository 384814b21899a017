"""Backups: consistent while the dossier is written, verified, rotated, found, restored.

Real dossier files in tmp_path; backups go below the isolated home (autouse
fixture). Command line and the Reservekopieën dialog are tested here too.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from kmo_reintegratie import paths
from kmo_reintegratie.__main__ import main
from kmo_reintegratie.store.backup import (
    BackupError,
    BackupExistsError,
    backup_folder,
    daily_backup,
    list_backups,
    newest_verified_backup,
    read_dossier_id,
    restore_backup,
    rotate,
    write_backup,
)
from kmo_reintegratie.store.dossier import Dossier

POSIX_ONLY = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")
SUNDAY = datetime(2026, 12, 6, 14, 5)


def with_id(path: Path) -> str:
    """The dossier's id; written here when the schema does not write one (yet)."""
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('dossier_id', 'test0001')")
    conn.close()
    dossier_id = read_dossier_id(path)
    assert dossier_id
    return dossier_id


def rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def employee_names(path: Path) -> set[str]:
    return {str(name) for (name,) in rows(path, "SELECT name FROM employee")}


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".tmp" in p.name or "journal" in p.name)


# -- one consistent, verified copy ----------------------------------------------


def test_backup_while_another_connection_writes_holds_only_committed_rows(
    demo_path: Path, tmp_path: Path
) -> None:
    before = employee_names(demo_path)
    writer = sqlite3.connect(demo_path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO employee (name) VALUES ('Nog Niet Bewaard')")
    try:
        copy = write_backup(demo_path, tmp_path / "kopie.kmo")
    finally:
        writer.execute("COMMIT")
        writer.close()

    assert employee_names(copy) == before
    assert "Nog Niet Bewaard" in employee_names(demo_path)
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]
    with Dossier.open(copy) as dossier:  # a real dossier, not only a SQLite file
        assert dossier.organisation.get().name == "Woonzorgcentrum Ter Linde vzw"
    assert leftovers(tmp_path) == []


def test_backup_refuses_an_existing_file_unless_asked(dossier_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "kopie.kmo"
    target.write_text("iets belangrijks", encoding="utf-8")
    with pytest.raises(BackupExistsError) as refused:
        write_backup(dossier_path, target)
    assert "bestaat al" in refused.value.message
    assert target.read_text(encoding="utf-8") == "iets belangrijks"

    write_backup(dossier_path, target, overwrite=True)
    assert rows(target, "PRAGMA integrity_check") == [("ok",)]


def test_backup_refuses_the_dossier_itself_in_any_spelling(dossier_path: Path) -> None:
    original = dossier_path.read_bytes()
    spellings = [dossier_path, dossier_path.parent / "." / dossier_path.name]
    if sys.platform != "win32":
        link = dossier_path.with_name("link.kmo")
        link.symlink_to(dossier_path)
        spellings.append(link)
    for target in spellings:
        with pytest.raises(BackupError) as refused:
            write_backup(dossier_path, target, overwrite=True)
        assert "dossier zelf" in refused.value.message
    assert dossier_path.read_bytes() == original


def test_backup_refuses_what_is_not_a_dossier(tmp_path: Path) -> None:
    text = tmp_path / "notities.kmo"
    text.write_text("geen dossier", encoding="utf-8")
    foreign = tmp_path / "ander.db"
    sqlite3.connect(foreign).execute("CREATE TABLE t (x)").connection.close()
    for source in (text, foreign, tmp_path / "ontbreekt.kmo"):
        with pytest.raises(BackupError):
            write_backup(source, tmp_path / "kopie.kmo")
    assert not (tmp_path / "kopie.kmo").exists()
    assert leftovers(tmp_path) == []


def test_a_missing_target_folder_leaves_nothing(dossier_path: Path, tmp_path: Path) -> None:
    with pytest.raises(BackupError) as failed:
        write_backup(dossier_path, tmp_path / "ontbreekt" / "kopie.kmo")
    assert "bestaat niet" in failed.value.message
    assert not (tmp_path / "ontbreekt").exists()
    assert leftovers(tmp_path) == []


FILE_SIZE_LIMIT = textwrap.dedent(
    """
    import resource, signal, sys
    from pathlib import Path
    from kmo_reintegratie.__main__ import main
    # Like a FAT stick's 4 GB or a quota: write() fails with EFBIG instead of a signal.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
    sys.exit(main(["backup", sys.argv[1], "-o", sys.argv[2]]))
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_file_size_limit_leaves_no_partial_file(demo_path: Path, tmp_path: Path) -> None:
    assert demo_path.stat().st_size > 64 * 1024
    out = tmp_path / "uit"
    out.mkdir()
    result = subprocess.run(
        [sys.executable, "-c", FILE_SIZE_LIMIT, str(demo_path), str(out / "kopie.kmo")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "kmo-reintegratie: De reservekopie kon niet geschreven worden" in result.stderr
    assert "disk I/O error" not in result.stderr and "Traceback" not in result.stderr
    assert list(out.iterdir()) == []


@POSIX_ONLY
def test_backups_are_private_under_umask_022(dossier_path: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        copy = write_backup(dossier_path, tmp_path / "kopie.kmo")
        made = daily_backup(dossier_path, with_id(dossier_path), now=SUNDAY)
        assert made is not None
        restored = restore_backup(made, dossier_path)
    finally:
        os.umask(old)
    for file in (copy, made, made.parent / "info.json", restored):
        assert file.stat().st_mode & 0o777 == 0o600, file
    for folder in (made.parent, paths.backups_dir()):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


CRASHING_WRITER = textwrap.dedent(
    """
    import os, signal, sqlite3, sys
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("PRAGMA cache_size = 1")  # pages spill into the file before the commit
    conn.execute("BEGIN")
    rows = ((f"N{i}" + "x" * 200,) for i in range(3000))
    conn.executemany("INSERT INTO employee (name) VALUES (?)", rows)
    os.kill(os.getpid(), signal.SIGKILL)
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_backup_after_a_crash_copies_the_last_committed_state(
    dossier_path: Path, tmp_path: Path
) -> None:
    command = [sys.executable, "-c", CRASHING_WRITER, str(dossier_path)]
    subprocess.run(command, timeout=60, check=False)
    assert dossier_path.with_name(dossier_path.name + "-journal").stat().st_size > 0  # hot journal

    copy = write_backup(dossier_path, tmp_path / "kopie.kmo")

    assert rows(copy, "SELECT count(*) FROM employee") == [(0,)]
    assert rows(copy, "PRAGMA integrity_check") == [("ok",)]


def test_a_dossier_locked_too_long_gives_a_dutch_message(
    dossier_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmo_reintegratie.store import backup

    monkeypatch.setattr(backup, "BUSY_TIMEOUT_S", 0.05)
    holder = sqlite3.connect(dossier_path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(BackupError) as locked:
            write_backup(dossier_path, tmp_path / "kopie.kmo")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert "vergrendeld" in locked.value.message
    assert leftovers(tmp_path) == [] and not (tmp_path / "kopie.kmo").exists()


# -- daily backups and rotation ---------------------------------------------------


def test_backups_dir_follows_the_home_override(isolated_home: Path) -> None:
    assert paths.backups_dir() == isolated_home / "reservekopieen"
    assert not paths.backups_dir().exists()  # nothing is made before a backup is


def test_daily_backup_at_most_once_a_day(dossier_path: Path) -> None:
    dossier_id = with_id(dossier_path)
    first = daily_backup(dossier_path, dossier_id, now=SUNDAY)
    assert first == paths.backups_dir() / dossier_id / "2026-12-06_1405.kmo"
    assert daily_backup(dossier_path, dossier_id, now=SUNDAY.replace(hour=23, minute=59)) is None
    assert daily_backup(dossier_path, dossier_id, now=SUNDAY + timedelta(days=1)) is not None
    assert [b.made_at.day for b in list_backups(dossier_id)] == [7, 6]


def test_an_id_that_would_leave_the_backups_folder_is_refused(dossier_path: Path) -> None:
    for bad in ("../buiten", "", "a/b"):
        with pytest.raises(BackupError):
            daily_backup(dossier_path, bad, now=SUNDAY)
    assert not paths.backups_dir().exists()
    assert not (paths.backups_dir().parent / "buiten").exists()


def days(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def test_rotation_of_two_years_of_daily_copies() -> None:
    series = [
        datetime.combine(day, datetime.min.time()).replace(hour=9)
        for day in days(date(2024, 12, 7), date(2026, 12, 6))
    ]
    kept = {moment.date() for moment in rotate(series)}
    daily = set(days(date(2026, 11, 30), date(2026, 12, 6)))
    weekly = {date(2026, 12, 6), date(2026, 11, 29), date(2026, 11, 22), date(2026, 11, 15)}
    monthly = {date(2026, 12, 6), date(2026, 11, 30)} | {
        date(2026, month + 1, 1) - timedelta(days=1) for month in range(1, 11)
    }
    assert len(daily) == 7 and len(weekly) == 4 and len(monthly) == 12
    assert kept == daily | weekly | monthly
    assert len(kept) == 20  # Sunday 6 December serves day, week and month at once


def test_rotation_keeps_the_newest_copy_of_a_period_and_counts_periods_with_copies() -> None:
    morning, evening = datetime(2026, 12, 6, 8, 0), datetime(2026, 12, 6, 18, 0)
    assert rotate([morning, evening]) == {evening}
    # Opened once a month for three years: the gaps do not push old copies out.
    monthly = [datetime(year, month, 3) for year in (2024, 2025, 2026) for month in range(1, 13)]
    assert rotate(monthly) == set(monthly[-12:])
    assert rotate([]) == set()


def test_daily_backups_rotate_with_the_clock(dossier_path: Path) -> None:
    dossier_id = with_id(dossier_path)
    moments = [
        datetime.combine(day, datetime.min.time()).replace(hour=8, minute=30)
        for day in days(date(2026, 9, 20), date(2026, 12, 6))
    ]
    for moment in moments:
        assert daily_backup(dossier_path, dossier_id, now=moment) is not None
    folder = paths.backups_dir() / dossier_id
    (folder / "notities.txt").write_text("van de gebruiker", encoding="utf-8")
    daily_backup(dossier_path, dossier_id, now=moments[-1])  # again: prunes, keeps foreign files
    names = {p.name for p in folder.glob("*.kmo")}
    assert names == {f"{m:%Y-%m-%d_%H%M}.kmo" for m in rotate(moments)}
    assert "2026-09-30_0830.kmo" in names and "2026-10-01_0830.kmo" not in names
    assert (folder / "notities.txt").exists()
    assert len(list_backups(dossier_id)) == len(names)
    assert all(b.verified for b in list_backups(dossier_id))


# -- finding and restoring --------------------------------------------------------


def damage(path: Path) -> None:
    """Overwrite the header and first pages, as a failing disk would."""
    with open(path, "r+b") as handle:
        handle.write(b"\xff" * 8192)


def test_listing_by_id_and_by_path_of_a_damaged_dossier(demo_path: Path) -> None:
    dossier_id = with_id(demo_path)
    daily_backup(demo_path, dossier_id, now=SUNDAY - timedelta(days=1))
    daily_backup(demo_path, dossier_id, now=SUNDAY)
    by_id = list_backups(dossier_id)
    assert [b.made_at for b in by_id] == [SUNDAY, SUNDAY - timedelta(days=1)]
    assert by_id[0].employee_count == len(employee_names(demo_path)) > 0
    assert by_id[0].size == by_id[0].path.stat().st_size
    assert all(b.verified for b in by_id)

    damage(demo_path)
    assert read_dossier_id(demo_path) is None
    assert list_backups(dossier_path=demo_path) == by_id
    assert newest_verified_backup(demo_path) == by_id[0]
    assert list_backups(dossier_path=demo_path.with_name("ander.kmo")) == []
    assert backup_folder("onbekend") is None


def test_a_changed_copy_is_not_verified_and_is_passed_over(dossier_path: Path) -> None:
    dossier_id = with_id(dossier_path)
    older = daily_backup(dossier_path, dossier_id, now=SUNDAY - timedelta(days=1))
    newer = daily_backup(dossier_path, dossier_id, now=SUNDAY)
    assert older and newer
    with open(newer, "r+b") as handle:
        handle.truncate(newer.stat().st_size // 2)
    listed = list_backups(dossier_id)
    assert [b.verified for b in listed] == [False, True]
    found = newest_verified_backup(dossier_path)
    assert found is not None and found.path == older


def test_restore_writes_a_new_file_and_never_overwrites(demo_path: Path) -> None:
    dossier_id = with_id(demo_path)
    made = daily_backup(demo_path, dossier_id, now=SUNDAY)
    assert made is not None
    with Dossier.open(demo_path) as dossier, dossier.writing() as db:
        db.execute("DELETE FROM contact_entry")
    original = demo_path.read_bytes()
    taken = demo_path.with_name("demo-hersteld-2026-12-06.kmo")
    taken.write_text("van iemand anders", encoding="utf-8")

    first = restore_backup(made, demo_path)
    second = restore_backup(made, demo_path)

    assert first == demo_path.with_name("demo-hersteld-2026-12-06-2.kmo")
    assert second == demo_path.with_name("demo-hersteld-2026-12-06-3.kmo")
    assert taken.read_text(encoding="utf-8") == "van iemand anders"
    assert demo_path.read_bytes() == original
    count = "SELECT count(*) FROM contact_entry"
    assert rows(first, count) == rows(made, count) != rows(demo_path, count)
    with Dossier.open(first) as restored:
        assert restored.dossier_id == dossier_id  # its backups join the same folder


# -- command line -----------------------------------------------------------------


def test_cli_backup_writes_a_dossier_and_refuses_to_overwrite(
    dossier_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "usb" / "kopie.kmo"
    out.parent.mkdir()
    assert main(["backup", str(dossier_path), "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    Dossier.open(out, read_only=True).close()

    assert main(["backup", str(dossier_path), "-o", str(out)]) == 2
    assert "bestaat al; gebruik --overschrijven" in capsys.readouterr().err
    assert main(["backup", str(dossier_path), "-o", str(out), "--overschrijven"]) == 0

    assert main(["backup", str(dossier_path), "-o", str(dossier_path), "--overschrijven"]) == 2
    assert "dossier zelf" in capsys.readouterr().err

    text = tmp_path / "brief.txt"
    text.write_text("geen dossier", encoding="utf-8")
    assert main(["backup", str(text), "-o", str(tmp_path / "x.kmo")]) == 2
    assert capsys.readouterr().err.startswith("kmo-reintegratie: ")
    assert not (tmp_path / "x.kmo").exists()


def test_cli_backup_while_the_dossier_is_open_for_writing(
    dossier_path: Path, tmp_path: Path
) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.organisation.update(name="Bakkerij Peeters")
        assert main(["backup", str(dossier_path), "-o", str(tmp_path / "kopie.kmo")]) == 0
    assert rows(tmp_path / "kopie.kmo", "SELECT name FROM organisation") == [("Bakkerij Peeters",)]


WRITER = textwrap.dedent(
    """
    import sys
    from kmo_reintegratie.store.dossier import Dossier
    dossier = Dossier.open(sys.argv[1])
    conn = dossier.db.conn
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO employee (name) VALUES ('Halverwege')")
    print("bezig", flush=True)
    sys.stdin.readline()
    conn.execute("COMMIT")
    dossier.close()
    """
)


def test_cli_backup_while_another_process_writes(dossier_path: Path, tmp_path: Path) -> None:
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(dossier_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "bezig"
        assert main(["backup", str(dossier_path), "-o", str(tmp_path / "kopie.kmo")]) == 0
    finally:
        writer.communicate("\n", timeout=60)
    assert writer.returncode == 0
    assert employee_names(tmp_path / "kopie.kmo") == set()
    assert employee_names(dossier_path) == {"Halverwege"}


# -- the dialogs ------------------------------------------------------------------


def test_dialog_shows_the_empty_state(  # type: ignore[no-untyped-def]
    qtbot, dossier_path: Path
) -> None:
    from kmo_reintegratie.ui.dialogs.backups import BackupsDialog

    dialog = BackupsDialog(dossier_path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Reservekopieën"
    assert dialog.empty_label.isVisible() and not dialog.view.isVisible()
    assert "Het programma maakt er één per dag" in dialog.empty_label.text()
    assert not dialog.restore_button.isEnabled()


def test_dialog_lists_and_restores_as_a_new_file(  # type: ignore[no-untyped-def]
    qtbot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    from kmo_reintegratie.ui.dialogs.backups import BackupsDialog, BackupsModel

    dossier_id = with_id(demo_path)
    daily_backup(demo_path, dossier_id, now=SUNDAY - timedelta(days=3))
    daily_backup(demo_path, dossier_id, now=SUNDAY)
    dialog = BackupsDialog(demo_path)
    qtbot.addWidget(dialog)
    dialog.show()

    view = dialog.view.model()
    assert view.rowCount() == 2
    first = [view.index(0, column).data() for column in range(view.columnCount())]
    assert first[BackupsModel.DATE] == "06-12-2026 14:05"
    assert first[BackupsModel.SIZE].endswith(" kB") or "," in first[BackupsModel.SIZE]
    assert first[BackupsModel.EMPLOYEES] == str(len(employee_names(demo_path)))
    assert first[BackupsModel.VERIFIED] == "ja"
    assert not dialog.empty_label.isVisible()

    opened_urls: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda url: opened_urls.append(url.toLocalFile())
    )
    dialog.folder_button.click()
    assert opened_urls == [str(paths.backups_dir() / dossier_id)]

    questions: list[str] = []
    answer = {"button": QMessageBox.StandardButton.No}

    def ask(_parent, _title, text, *_args):  # type: ignore[no-untyped-def]
        questions.append(text)
        return answer["button"]

    monkeypatch.setattr(QMessageBox, "question", ask)
    original = demo_path.read_bytes()
    with qtbot.assertNotEmitted(dialog.open_requested):
        dialog.restore_button.click()  # restored, but not opened now
    first_restore = demo_path.with_name("demo-hersteld-2026-12-06.kmo")
    assert first_restore.exists() and dialog.isVisible()
    assert str(first_restore) in questions[0] and "Nu openen?" in questions[0]

    answer["button"] = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(dialog.open_requested) as requested:
        dialog.restore_button.click()
    restored = demo_path.with_name("demo-hersteld-2026-12-06-2.kmo")
    assert requested.args == [restored]
    assert not dialog.isVisible()
    assert demo_path.read_bytes() == original
    assert employee_names(restored) == employee_names(demo_path)


def test_size_is_written_the_belgian_way() -> None:
    from kmo_reintegratie.ui.dialogs.backups import size_text

    assert size_text(1_234_567) == "1,2 MB"
    assert size_text(200_704) == "201 kB"
    assert size_text(4_300_000_000) == "4,3 GB"


def test_backup_to_a_chosen_place_never_overwrites(  # type: ignore[no-untyped-def]
    qtbot, dossier_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

    from kmo_reintegratie.ui.dialogs.backups import make_backup_to_chosen_place

    parent = QWidget()
    qtbot.addWidget(parent)
    usb = tmp_path / "usb"
    usb.mkdir()
    chosen = {"name": str(usb / "kopie")}
    suggested: list[str] = []

    def save_dialog(_parent, _title, start, *_args):  # type: ignore[no-untyped-def]
        suggested.append(start)
        return chosen["name"], ""

    messages: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_dialog)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: messages.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: messages.append(text))

    written = make_backup_to_chosen_place(parent, dossier_path)
    assert written == usb / "kopie.kmo"
    assert Path(suggested[0]).name == f"Testbedrijf-reservekopie-{date.today():%Y-%m-%d}.kmo"
    assert "gemaakt en gecontroleerd" in messages[-1]

    before = written.read_bytes()
    assert make_backup_to_chosen_place(parent, dossier_path) is None
    assert "overschrijft nooit" in messages[-1]
    assert written.read_bytes() == before

    chosen["name"] = str(tmp_path / "ontbreekt" / "kopie.kmo")
    assert make_backup_to_chosen_place(parent, dossier_path) is None
    assert "kon niet geschreven worden" in messages[-1]
