"""A dossier protected with a password: unreadable without it, in every copy the program makes."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie import paths
from kmo_reintegratie.store import cipher
from kmo_reintegratie.store.backup import (
    daily_backup,
    list_backups,
    restore_backup,
    write_backup,
)
from kmo_reintegratie.store.dossier import Dossier, is_dossier_file
from kmo_reintegratie.store.errors import DossierInUseError, DossierPasswordError
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.ui.dialogs.password import AskPasswordDialog, NewPasswordDialog, strength
from kmo_reintegratie.ui.main_window import MainWindow

PASSWORD = "lente in Gent 2026"
OTHER = "herfst in Brugge!"


def demo_name(path: Path) -> str:
    """The surname of a demo employee, as it is stored in the plain file."""
    with Dossier.open(path) as dossier:
        name = dossier.employees.list()[0].name
    surname = name.split()[-1]
    assert surname.encode() in path.read_bytes()  # the test below can fail
    return surname


def no_readable_name(path: Path, name: str) -> bool:
    data = path.read_bytes()
    return name.encode() not in data and name.encode("utf-16-le") not in data \
        and not data.startswith(cipher.SQLITE_HEADER)


@pytest.fixture
def encrypted(demo_path: Path) -> Path:
    cipher.encrypt(demo_path, PASSWORD)
    return demo_path


def test_an_encrypted_dossier_holds_no_readable_name_and_leaves_no_plain_copy(
    demo_path: Path,
) -> None:
    name = demo_name(demo_path)
    with Dossier.open(demo_path) as dossier:
        daily_backup(demo_path, dossier.dossier_id or "")
    backup = list_backups(dossier_path=demo_path)[0].path
    assert name.encode() in backup.read_bytes()

    assert cipher.encrypt(demo_path, PASSWORD) == 1  # the daily backup followed
    assert no_readable_name(demo_path, name)
    assert no_readable_name(backup, name)
    assert sorted(p.name for p in demo_path.parent.iterdir() if p.name != "home") == ["demo.kmo"]
    assert is_dossier_file(demo_path)  # an export never overwrites it


def test_a_wrong_or_missing_password_is_refused_in_dutch_and_the_right_one_opens(
    encrypted: Path,
) -> None:
    before = encrypted.read_bytes()
    with pytest.raises(DossierPasswordError) as missing:
        Dossier.open(encrypted)
    assert not missing.value.wrong
    assert missing.value.message == "Dit dossier is beveiligd met een wachtwoord."
    with pytest.raises(DossierPasswordError) as wrong:
        Dossier.open(encrypted, password="lente in gent 2026")
    assert wrong.value.wrong
    assert wrong.value.message == "Het wachtwoord is niet juist."
    assert encrypted.read_bytes() == before
    assert not lock_path(encrypted).exists()

    with Dossier.open(encrypted, password=PASSWORD) as dossier:
        assert dossier.encrypted
        assert dossier.employees.count() > 10
        assert dossier.organisation.get().name == "Woonzorgcentrum Ter Linde vzw"


def test_changes_to_an_encrypted_dossier_are_stored_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "Geheim.kmo"
    with Dossier.create(path, password=PASSWORD) as dossier:
        dossier.organisation.update(name="Bakkerij Vermeersch")
        dossier.employees.add("Griet Vandamme")
    assert no_readable_name(path, "Vandamme")
    with Dossier.open(path, password=PASSWORD) as dossier:
        assert dossier.organisation.get().name == "Bakkerij Vermeersch"
        assert [e.name for e in dossier.employees.list()] == ["Griet Vandamme"]


def test_audit_undo_and_sqlite_errors_work_on_the_encrypted_connection(encrypted: Path) -> None:
    with Dossier.open(encrypted, password=PASSWORD) as dossier:
        logged = dossier.db.execute("SELECT count(*) FROM audit_entry").fetchone()[0]
        employee = dossier.employees.list()[0]
        deleted = dossier.employees.delete(employee.id)
        assert dossier.db.execute("SELECT count(*) FROM audit_entry").fetchone()[0] > logged
        dossier.restore(deleted)
        assert dossier.employees.get(employee.id).name == employee.name
        # Callers catch sqlite3's classes; SQLCipher has its own.
        with pytest.raises(sqlite3.IntegrityError), dossier.writing() as db:
            db.execute("INSERT INTO meta (key, value) VALUES ('dossier_id', 'dubbel')")


def test_a_crash_journal_of_an_encrypted_dossier_is_rolled_back_on_open(
    encrypted: Path, tmp_path: Path,
) -> None:
    """The state a killed writer leaves: pages spilled into the file, the journal beside it."""
    import shutil

    with Dossier.open(encrypted, password=PASSWORD) as dossier:
        names = sorted(e.name for e in dossier.employees.list())
        conn = dossier.db.conn
        conn.execute("PRAGMA cache_size = 1")  # spill changed pages into the file early
        conn.execute("BEGIN")
        conn.execute("UPDATE employee SET name = 'Gewist ' || name")
        conn.execute("UPDATE contact_entry SET summary = summary || ' ' || summary")
        wreck = tmp_path / "wrak" / "demo.kmo"
        wreck.parent.mkdir()
        shutil.copy2(encrypted, wreck)
        shutil.copy2(f"{encrypted}-journal", f"{wreck}-journal")
        conn.execute("ROLLBACK")
    assert Path(f"{wreck}-journal").stat().st_size > 0
    assert wreck.read_bytes() != encrypted.read_bytes()  # changed pages reached the file
    with pytest.raises(DossierPasswordError):
        Dossier.open(wreck, password="fout wachtwoord")  # a wrong key cannot spoil the rollback
    with Dossier.open(wreck, password=PASSWORD) as dossier:
        assert dossier.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert sorted(e.name for e in dossier.employees.list()) == names
    assert not Path(f"{wreck}-journal").exists()


def test_workers_reopen_by_path_while_the_dossier_is_open_and_not_after(encrypted: Path) -> None:
    dossier = Dossier.open(encrypted, password=PASSWORD)
    with Dossier.open(encrypted, read_only=True) as worker:  # as printing.py does
        assert worker.employees.count() == dossier.employees.count()
    dossier.close()
    assert cipher.password_for(encrypted) is None
    with pytest.raises(DossierPasswordError):
        Dossier.open(encrypted, read_only=True)


def test_the_lock_file_names_no_person(encrypted: Path) -> None:
    import getpass

    with Dossier.open(encrypted, password=PASSWORD):
        content = json.loads(lock_path(encrypted).read_text(encoding="utf-8"))
    assert "user" not in content
    assert getpass.getuser() not in json.dumps(content)


def test_a_backup_is_encrypted_checked_and_restorable_with_the_password(
    encrypted: Path, tmp_path: Path,
) -> None:
    with Dossier.open(encrypted, password=PASSWORD) as dossier:
        employees = dossier.employees.count()
        copy = write_backup(encrypted, tmp_path / "kopie.kmo")
        daily = daily_backup(encrypted, dossier.dossier_id or "")
        listed = list_backups(dossier.dossier_id, dossier_path=encrypted)
    assert daily is not None and listed[0].verified and listed[0].employee_count == employees
    for made in (copy, daily):
        assert no_readable_name(made, "Ter Linde")
        with pytest.raises(DossierPasswordError):
            Dossier.open(made, read_only=True)
    with pytest.raises(DossierPasswordError):
        write_backup(encrypted, tmp_path / "zonder.kmo")  # nobody holds the password now
    restored = restore_backup(daily, encrypted, password=PASSWORD)
    assert cipher.looks_encrypted(restored)
    with Dossier.open(restored, password=PASSWORD) as dossier:
        assert dossier.employees.count() == employees


def test_decrypt_gives_a_plain_dossier_and_plain_backups(encrypted: Path) -> None:
    with Dossier.open(encrypted, password=PASSWORD) as dossier:
        daily = daily_backup(encrypted, dossier.dossier_id or "")
    assert daily is not None
    assert cipher.decrypt(encrypted, PASSWORD) == 1
    for plain in (encrypted, daily):
        conn = sqlite3.connect(plain)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert conn.execute("SELECT count(*) FROM employee").fetchone()[0] > 10
        finally:
            conn.close()
    with Dossier.open(encrypted) as dossier:
        assert not dossier.encrypted


def test_change_password_reaches_the_backups_and_a_wrong_old_one_changes_nothing(
    encrypted: Path,
) -> None:
    with Dossier.open(encrypted, password=PASSWORD) as dossier:
        daily = daily_backup(encrypted, dossier.dossier_id or "")
    assert daily is not None
    before = encrypted.read_bytes()
    with pytest.raises(DossierPasswordError):
        cipher.change_password(encrypted, OTHER, PASSWORD)
    assert encrypted.read_bytes() == before

    cipher.change_password(encrypted, PASSWORD, OTHER)
    for path in (encrypted, daily):
        assert not cipher.password_fits(path, PASSWORD)
        assert cipher.password_fits(path, OTHER)


def test_a_dossier_open_elsewhere_is_not_converted(demo_path: Path) -> None:
    with Dossier.open(demo_path):
        before = demo_path.read_bytes()
        with pytest.raises(DossierInUseError):
            cipher.encrypt(demo_path, PASSWORD)
        assert demo_path.read_bytes() == before


def test_weak_and_short_passwords() -> None:
    with pytest.raises(ValueError, match="minstens 8 tekens"):
        cipher.check_new_password("kort")
    assert strength("wachtwoord")[0] == 1
    assert strength("12345678")[0] == 1
    assert strength("Bakkerij2026")[0] == 2
    assert strength(PASSWORD)[0] == 3


# -- command line ----------------------------------------------------------------------


def run(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    entry = Path(sys.executable).parent / "kmo-reintegratie"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KMO_REINTEGRATIE_HOME": str(home)}
    # No terminal: stdin from /dev/null, as in a script or a scheduled task.
    return subprocess.run([str(entry), *args], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL, timeout=120, check=False)


def test_the_command_line_needs_the_password_and_takes_it_from_a_file(
    demo_path: Path, tmp_path: Path, isolated_home: Path,
) -> None:
    secret = tmp_path / "wachtwoord.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    wrong = tmp_path / "fout.txt"
    wrong.write_text("iets anders\n", encoding="utf-8")
    name = demo_name(demo_path)

    result = run("versleutelen", str(demo_path), home=isolated_home)
    assert result.returncode == 2 and "wachtwoord" in result.stderr
    result = run("versleutelen", str(demo_path), "--wachtwoord-bestand", str(secret),
                 home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert no_readable_name(demo_path, name)
    assert PASSWORD not in result.stdout + result.stderr

    pdf = tmp_path / "analyse.pdf"
    for args in ([], ["--wachtwoord-bestand", str(wrong)]):
        result = run("export", str(demo_path), "analyse", "-o", str(pdf), *args,
                     home=isolated_home)
        assert result.returncode == 2
        assert "wachtwoord" in result.stderr and "Traceback" not in result.stderr
    assert not pdf.exists()
    result = run("export", str(demo_path), "analyse", "-o", str(pdf),
                 "--wachtwoord-bestand", str(secret), home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert pdf.read_bytes().startswith(b"%PDF")

    copy = tmp_path / "kopie.kmo"
    assert run("backup", str(demo_path), "-o", str(copy), home=isolated_home).returncode == 2
    result = run("backup", str(demo_path), "-o", str(copy), "--wachtwoord-bestand", str(secret),
                 home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert no_readable_name(copy, name) and cipher.password_fits(copy, PASSWORD)

    result = run("--check-startup", str(demo_path), home=isolated_home)
    assert result.returncode == 2 and "wachtwoord" in result.stderr

    result = run("ontsleutelen", str(demo_path), "--wachtwoord-bestand", str(secret),
                 home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert demo_path.read_bytes().startswith(cipher.SQLITE_HEADER)


# -- the window ---------------------------------------------------------------------------


def empty_window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    return window


def when_shown(qtbot: QtBot, kind: type, act: object) -> list[str]:
    """Run ``act(dialog)`` on the next modal dialog of ``kind``; returns what went wrong."""
    problems: list[str] = []

    def handle() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(10, handle)
            return
        try:
            act(dialog)  # type: ignore[operator]
        except AssertionError as error:
            problems.append(str(error) or "assertion")
            dialog.reject()

    QTimer.singleShot(0, handle)
    return problems


def test_opening_asks_the_password_again_after_a_wrong_one(
    qtbot: QtBot, tmp_path: Path, encrypted: Path,
) -> None:
    window = empty_window(qtbot, tmp_path)
    seen: list[str] = []

    def answer(dialog: AskPasswordDialog) -> None:
        field = dialog.findChild(QLineEdit, "passwordField")
        assert field.echoMode() == QLineEdit.EchoMode.Password
        qtbot.keyClicks(field, "lente")
        dialog.ok_button.click()
        seen.append(dialog.findChild(QLabel, "passwordError").text())
        assert dialog.isVisible()
        field.clear()
        qtbot.keyClicks(field, PASSWORD)
        dialog.ok_button.click()

    problems = when_shown(qtbot, AskPasswordDialog, answer)
    assert window.open_dossier(encrypted)
    assert problems == []
    assert seen == ["Het wachtwoord is niet juist. Let op hoofdletters en Caps Lock."]
    assert window.dossier is not None and window.dossier.encrypted
    assert window.change_password_action.isEnabled() and not window.protect_action.isEnabled()
    window.close()
    assert cipher.password_for(encrypted) is None


def test_cancel_on_the_password_opens_nothing(
    qtbot: QtBot, tmp_path: Path, encrypted: Path,
) -> None:
    window = empty_window(qtbot, tmp_path)
    when_shown(qtbot, AskPasswordDialog, lambda dialog: dialog.reject())
    assert not window.open_dossier(encrypted)
    assert window.dossier is None
    assert not lock_path(encrypted).exists()


def test_protecting_from_the_menu_asks_twice_and_for_the_confirmation(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path,
) -> None:
    window = empty_window(qtbot, tmp_path)
    assert window.open_dossier(dossier_path)
    assert window.protect_action.isEnabled() and not window.remove_password_action.isEnabled()

    def answer(dialog: NewPasswordDialog) -> None:
        qtbot.keyClicks(dialog.findChild(QLineEdit, "newPasswordField"), PASSWORD)
        qtbot.keyClicks(dialog.findChild(QLineEdit, "repeatPasswordField"), PASSWORD[:-1])
        error = dialog.findChild(QLabel, "passwordError")
        assert error.text() == "De twee wachtwoorden verschillen."
        qtbot.keyClicks(dialog.findChild(QLineEdit, "repeatPasswordField"), PASSWORD[-1])
        assert dialog.findChild(QLabel, "passwordStrength").text() == "Sterk."
        assert "verloren" in dialog.findChild(QLabel, "forgottenWarning").text()
        assert not dialog.ok_button.isEnabled()  # not before the loss is confirmed
        dialog.findChild(QCheckBox, "understoodCheck").click()
        assert dialog.ok_button.isEnabled()
        dialog.ok_button.click()

    problems = when_shown(qtbot, NewPasswordDialog, answer)
    window.protect_action.trigger()
    qtbot.waitUntil(lambda: window.dossier is not None and window.dossier.encrypted, timeout=20_000)
    assert problems == []
    assert cipher.looks_encrypted(dossier_path) and cipher.password_fits(dossier_path, PASSWORD)
    assert window.remove_password_action.isEnabled()
    assert paths.backups_dir().exists()  # the reopened dossier made its (encrypted) daily backup
    window.close()
