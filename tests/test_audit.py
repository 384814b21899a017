"""The audit trail (issue 16, point 4): who handled which record, never the content."""

from __future__ import annotations

import sqlite3
import stat
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie import user_identity
from kmo_reintegratie.absence import Channel
from kmo_reintegratie.audit_log import AuditEntry
from kmo_reintegratie.store import audit
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.ui.background import wait_for_background_jobs
from kmo_reintegratie.ui.dialogs.audit_log import AuditLogDialog, AuditLogModel
from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog
from kmo_reintegratie.ui.dialogs.user_name import UserNameDialog, ensure_user_name
from kmo_reintegratie.ui.main_window import MainWindow


def trail(dossier: Dossier, employee_id: int | None = None) -> list[tuple[str, str, int | None]]:
    """(action, kind, person) oldest first."""
    return [(e.action, e.record_kind, e.employee_id)
            for e in reversed(audit.entries(dossier, employee_id, limit=1000))]


def raw_log(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT * FROM audit_entry ORDER BY id").fetchall()
    finally:
        conn.close()


def test_create_change_delete_of_employee_absence_and_contact_are_logged_without_content(
        dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        audit.set_actor(dossier, "An Peeters")
        jan = dossier.employees.add("Jan Vermeulen")
        dossier.employees.update(jan.id, function="Lasser")
        absence = dossier.absences.add(jan.id, date(2025, 3, 3))
        dossier.absences.update(absence.id, note="Attesten per maand")
        contact = dossier.absences.add_contact(
            absence.id, datetime(2025, 3, 5, 10, 0), made_by="Mieke", channel=Channel.TELEFOON,
            summary="Rugklachten, kine gestart")
        dossier.absences.update_contact(contact.id, agreements="Volgende week bellen")
        dossier.absences.delete_contact(contact.id)
        dossier.absences.delete(absence.id)
        dossier.employees.delete(jan.id)
    with Dossier.open(dossier_path, read_only=True) as dossier:
        entries = audit.entries(dossier)
        assert trail(dossier) == [
            ("created", "employee", jan.id), ("changed", "employee", jan.id),
            ("created", "absence", jan.id), ("changed", "absence", jan.id),
            ("created", "contact_entry", jan.id), ("changed", "contact_entry", jan.id),
            ("deleted", "contact_entry", jan.id), ("deleted", "absence", jan.id),
            ("deleted", "employee", jan.id),
        ]
        assert {e.actor for e in entries} == {"An Peeters"}
        contact_ids = [e.record_id for e in entries if e.record_kind == "contact_entry"]
        assert contact_ids == [contact.id] * 3
    # What was typed is nowhere in the log, only who did what to which record.
    stored = repr(raw_log(dossier_path))
    for content in ("Vermeulen", "Lasser", "Attesten", "Mieke", "Rugklachten", "bellen"):
        assert content not in stored


def test_changes_within_minutes_by_the_same_user_are_one_entry(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        audit.set_actor(dossier, "An")
        jan = dossier.employees.add("Jan")
        for function in ("L", "La", "Las", "Lasser"):  # autosave at every typing pause
            dossier.employees.update(jan.id, function=function)
        assert trail(dossier) == [("created", "employee", jan.id), ("changed", "employee", jan.id)]
        audit.set_actor(dossier, "Bert")
        dossier.employees.update(jan.id, function="Lasser-monteur")
        dossier.employees.update(jan.id, department="Productie")
        assert [e.actor for e in audit.entries(dossier)] == ["Bert", "An", "An"]
    # The newest change is older than the merge window: the next change is a new entry.
    conn = sqlite3.connect(dossier_path)
    conn.execute("INSERT INTO audit_entry (at, actor, action, record_kind, record_id, employee_id) "
                 "VALUES ('2020-01-01T09:00:00', 'Bert', 'changed', 'employee', :id, :id)",
                 {"id": jan.id})
    conn.commit()
    conn.close()
    with Dossier.open(dossier_path) as dossier:
        audit.set_actor(dossier, "Bert")
        dossier.employees.update(jan.id, department="Magazijn")
        assert [e.at.year for e in audit.entries(dossier, limit=2)] == [date.today().year, 2020]


def test_a_first_write_on_a_locked_file_is_refused_in_dutch_and_logged_once_it_is_free(
    dossier_path: Path,
) -> None:
    from kmo_reintegratie.store.errors import DossierWriteError

    with Dossier.open(dossier_path) as dossier:
        dossier.conn.execute("PRAGMA busy_timeout = 50")  # the test need not wait 3 seconds
        assert audit.actor(dossier)  # before any write: the name the entries will carry
        other = sqlite3.connect(dossier_path, isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")  # another program holds the file
        with pytest.raises(DossierWriteError, match="vergrendeld"):
            dossier.employees.add("Jan")  # the first write: the audit trail is prepared then
        other.execute("ROLLBACK")
        other.close()
        jan = dossier.employees.add("Jan")
        assert trail(dossier) == [("created", "employee", jan.id)]
        assert [person.name for person in dossier.employees.names()] == ["Jan"]  # once, not twice


def test_a_delete_logs_the_record_deleted_not_each_row_that_went_with_it(
        dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan", hours_per_week=38)
        absence = dossier.absences.add(jan.id, date(2025, 3, 3))
        dossier.absences.add_certificate(absence.id, date(2025, 3, 3), date(2025, 3, 31))
        dossier.absences.add_contact(absence.id, datetime(2025, 3, 5, 10), made_by="Mieke",
                                     channel=Channel.TELEFOON)
        before = audit.count(dossier)
        deleted = dossier.employees.delete(jan.id)
        assert trail(dossier)[before:] == [("deleted", "employee", jan.id)]
        # Undo puts every row back: each is logged as created again (what the file shows).
        dossier.restore(deleted)
        restored = [kind for action, kind, _ in trail(dossier)[before + 1:] if action == "created"]
        assert sorted(restored) == ["absence", "certificate", "contact_entry", "employee",
                                    "employee_regime"]


def test_the_program_cannot_change_or_delete_log_entries(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Jan")
        with pytest.raises(sqlite3.IntegrityError, match="logboek"):
            with dossier.writing() as db:
                db.execute("UPDATE audit_entry SET actor = 'iemand anders'")
        with pytest.raises(sqlite3.IntegrityError, match="logboek"):
            with dossier.writing() as db:
                db.execute("DELETE FROM audit_entry")
        assert audit.count(dossier) == 1


def test_another_sqlite_tool_can_still_write_the_dossier(dossier_path: Path) -> None:
    conn = sqlite3.connect(dossier_path)  # no function, no temp table of ours
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("INSERT INTO employee (name) VALUES ('Extern')")
    conn.execute("UPDATE employee SET function = 'Test' WHERE name = 'Extern'")
    conn.execute("INSERT INTO absence (employee_id, starts) VALUES (1, '2025-01-06')")
    conn.execute("DELETE FROM employee")
    conn.commit()
    stored_triggers = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'")]
    conn.close()
    # Only the schema's own triggers, which need nothing but SQLite.
    assert sorted(stored_triggers) == ["audit_entry_append_only_delete",
                                       "audit_entry_append_only_update"]
    with Dossier.open(dossier_path) as dossier:
        assert dossier.employees.count() == 0
        assert audit.count(dossier) == 0  # that tool's writes are its own account


def test_printing_and_exporting_are_recorded_with_the_person_a_read_only_dossier_nothing(
        dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan")
        absence = dossier.absences.add(jan.id, date(2025, 3, 3))
        assert audit.record(dossier, "printed", "absence", absence.id, detail="Informatiebrief")
        [entry] = audit.entries(dossier, limit=1)
        assert (entry.action_label, entry.kind_label, entry.employee_id) == (
            "afgedrukt", "Afwezigheid", jan.id)
        assert entry.record_text == f"nr. {absence.id} · Informatiebrief"
        with pytest.raises(ValueError):
            audit.record(dossier, "gelezen", "absence", absence.id)
    # The command line exports from a read-only connection, then records on the file.
    assert audit.record_on_file(dossier_path, "exported", employee_ids=(jan.id,),
                                detail="Contactlog") is None
    with Dossier.open(dossier_path, read_only=True) as dossier:
        assert not audit.record(dossier, "printed", "employee", jan.id)
        assert trail(dossier)[-1] == ("exported", "employee", jan.id)
        assert audit.count(dossier) == 4
    with Dossier.open(dossier_path):  # the window has it open: the export says so
        message = audit.record_on_file(dossier_path, "exported", detail="Jaarverslag")
    assert message is not None
    assert message.startswith("Het logboek van het dossier is niet bijgewerkt")


def test_erasure_can_write_without_a_trace_of_each_row(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan")
        with dossier.writing(), audit.paused(dossier):
            dossier.employees.update(jan.id, name="Geanonimiseerd", phone="")
        audit.record(dossier, "anonymised", "employee", jan.id)
        assert trail(dossier) == [("created", "employee", jan.id),
                                  ("anonymised", "employee", jan.id)]
        dossier.employees.update(jan.id, function="x")  # logging goes on afterwards
        assert trail(dossier)[-1] == ("changed", "employee", jan.id)


# --------------------------------------------------------------------------- the user's name


@pytest.fixture
def no_confirmed_name() -> None:
    """A computer where nobody confirmed a name yet (whatever a shared fixture did)."""
    user_identity.name_file().unlink(missing_ok=True)


def test_the_confirmed_name_is_kept_privately_per_computer_and_signs_the_entries(
        dossier_path: Path, isolated_home: Path, no_confirmed_name: None) -> None:
    assert user_identity.confirmed_name() is None
    assert user_identity.actor_name() == user_identity.suggested_name()
    with pytest.raises(ValueError, match="naam"):
        user_identity.confirm_name("   ")
    assert user_identity.confirm_name("  Els   De Smet \n") == "Els De Smet"
    stored = user_identity.name_file()
    assert stored.is_relative_to(isolated_home) and stored.read_text("utf-8") == "Els De Smet\n"
    if sys.platform != "win32":
        assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Jan")
        assert [e.actor for e in audit.entries(dossier)] == ["Els De Smet"]
        assert "Els" not in lock_path(dossier_path).read_text("utf-8")


def test_the_name_is_asked_once_per_computer(qtbot: QtBot, no_confirmed_name: None) -> None:
    shown: list[UserNameDialog] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UserNameDialog)
        shown.append(dialog)
        edit = dialog.findChild(QLineEdit, "userName")
        assert edit.text() == user_identity.suggested_name()  # the login name is proposed
        edit.clear()
        qtbot.keyClicks(edit, "Koen Consulent")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    assert ensure_user_name(None) == "Koen Consulent"
    assert len(shown) == 1
    assert ensure_user_name(None) == "Koen Consulent"  # no dialog this time: it would block
    assert user_identity.confirmed_name() == "Koen Consulent"


def test_an_empty_name_is_refused_in_the_dialog(qtbot: QtBot, no_confirmed_name: None) -> None:
    dialog = UserNameDialog("")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "naam" in dialog.error.text()
    assert user_identity.confirmed_name() is None


# --------------------------------------------------------------------------- the window


def print_koens_contact_log(qtbot: QtBot, window: MainWindow) -> None:
    overview = window.current_page()
    model = overview.absent.model()
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data() == "Koen Verhaegen")
    overview.absent.doubleClicked.emit(model.index(row, 0))
    window.current_page().contact.print_log_button.click()
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(window.findChildren(PrintPreviewDialog)), timeout=20_000)
    window.findChildren(PrintPreviewDialog)[0].close()


@pytest.mark.parametrize("read_only", [False, True])
def test_printing_from_the_window_is_logged_for_the_person(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, read_only: bool) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        koen = next(e for e in dossier.employees.list() if e.name == "Koen Verhaegen")
        before = audit.count(dossier)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path, read_only=read_only), today=date.today)
    qtbot.addWidget(window)
    window.show()
    assert window.dossier is not None
    audit.set_actor(window.dossier, "Mieke")
    print_koens_contact_log(qtbot, window)
    window.close()
    with Dossier.open(demo_path, read_only=True) as dossier:
        new = audit.entries(dossier, limit=audit.count(dossier) - before)
    if read_only:
        assert new == []  # nothing can be written to a dossier opened read-only
        return
    [entry] = new
    assert (entry.actor, entry.action, entry.record_kind, entry.employee_id) == (
        "Mieke", "printed", "employee", koen.id)
    assert entry.detail == "Contactlog"  # the document's name, no person


def test_the_log_viewer_filters_per_person_and_names_erased_people(
        qtbot: QtBot, dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan Peeters")
        els = dossier.employees.add("Els Maes")
        gone = dossier.employees.add("Piet Weg")
        dossier.absences.add(els.id, date(2025, 2, 3))
        dossier.organisation.update(name="Bakkerij")
        dossier.employees.delete(gone.id)
        for number in range(AuditLogModel.PAGE + 30):  # more than one page
            audit.record(dossier, "printed", "employee", jan.id, detail=f"Brief {number}")
        dialog = AuditLogDialog(dossier)
        qtbot.addWidget(dialog)
        dialog.resize(1000, 640)
        dialog.show()
        view, model = dialog.view, dialog.model
        total = audit.count(dossier)
        assert dialog.count_label.text() == f"{total} regels"
        while model.canFetchMore():
            model.fetchMore()
        assert model.rowCount() == total
        shown = {model.index(r, AuditLogModel.PERSON).data() for r in range(model.rowCount())}
        assert shown == {"Jan Peeters", "Els Maes", "(gewist)", ""}  # "" : the organisation
        assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
        view.setCurrentIndex(model.index(0, AuditLogModel.WHO))
        qtbot.keyClicks(view, "x")  # typing into a cell edits nothing
        assert view.state() != view.State.EditingState

        dialog.person_combo.setCurrentIndex(dialog.person_combo.findText("Els Maes"))
        rows = [[model.index(r, c).data() for c in range(model.columnCount())]
                for r in range(model.rowCount())]
        assert [row[2:4] for row in rows] == [["aangemaakt", "Afwezigheid"],
                                              ["aangemaakt", "Werknemer"]]
        assert {row[AuditLogModel.PERSON] for row in rows} == {"Els Maes"}
        assert dialog.count_label.text() == "2 regels"

        dialog.person_combo.setCurrentIndex(dialog.person_combo.findText(f"(gewist) nr. {gone.id}"))
        entries: list[AuditEntry] = [model.entry(r) for r in range(model.rowCount())]
        assert [e.action for e in entries] == ["deleted", "created"]
        dialog.grab().save(str(dossier_path.with_name("logboek.png")))


def test_the_window_asks_the_name_once_and_opens_the_logbook_from_the_file_menu(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, no_confirmed_name: None) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=date.today)
    qtbot.addWidget(window)
    window.show()

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UserNameDialog)
        edit = dialog.findChild(QLineEdit, "userName")
        edit.clear()
        qtbot.keyClicks(edit, "Els Consulent")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    window.ask_user_name_once()
    window.ask_user_name_once()  # confirmed now: no second question (it would block)
    assert window.dossier is not None
    window.dossier.employees.add("Nieuwe collega")
    assert audit.entries(window.dossier, limit=1)[0].actor == "Els Consulent"

    action = window.findChild(type(window.audit_log_action), "auditLogAction")
    assert action is not None and action.isEnabled()
    action.trigger()
    [dialog] = window.findChildren(AuditLogDialog)
    assert dialog.isVisible() and dialog.findChild(type(dialog.person_combo)) is not None
    window.close()
