"""Bewerken › Ongedaan maken / Opnieuw for creates and changes, through the real window and pages.

Each kind: create → Ctrl+Z gone → Ctrl+Y back with the same id; change → Ctrl+Z the old value
shown on the page → Ctrl+Y the new one. The store part (snapshots) is tested without Qt.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierWriteError
from kmo_reintegratie.store.undo_snapshots import restore_snapshot, snapshot
from kmo_reintegratie.ui.dialogs import new_trajectory as new_trajectory_dialog
from kmo_reintegratie.ui.dialogs.absence_dialog import AbsenceDialog
from kmo_reintegratie.ui.dialogs.contact_dialog import AgreementDialog, ContactDialog
from kmo_reintegratie.ui.dialogs.preventive_requests import PreventiveRequestsDialog
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage
from kmo_reintegratie.ui.pages.employees_page import EmployeesPage
from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage

from test_undo import answer_yes, ids, make_window, menu_text, press
from test_undo import snapshot as file_state

TODAY = date.today()  # the demo dossier is written relative to today


def employees_page(window: MainWindow) -> EmployeesPage:
    page = window.pages[EmployeesPage.nav_label]
    assert isinstance(page, EmployeesPage)
    window.go_to(EmployeesPage.nav_label)
    return page


def absences_page(window: MainWindow, absence_id: int) -> AbsencesPage:
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    window.go_to(AbsencesPage.nav_label)
    assert page.select_absence(absence_id)
    return page


def trajectories_page(window: MainWindow) -> TrajectoriesPage:
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    window.go_to(TrajectoriesPage.nav_label)
    return page


def exists(path: Path, table: str, row_id: int) -> bool:
    with Dossier.open(path, read_only=True) as dossier:
        return dossier.db.execute(f"SELECT 1 FROM {table} WHERE id = :id", {"id": row_id}).fetchone() is not None


def type_into(qtbot: QtBot, editor: object, text: str) -> None:
    """Replace a line's text as a user does, and leave it with Enter (which stores it)."""
    editor.setFocus()  # type: ignore[attr-defined]
    editor.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


# -- the store: snapshots ------------------------------------------------------------------


def test_a_snapshot_restores_a_record_its_children_and_the_links_to_them(demo_path: Path) -> None:
    before = file_state(demo_path)
    with Dossier.open(demo_path) as dossier:
        ahmed = employee_id(dossier, "Ahmed Benali")
        old = snapshot(dossier, "employee", ahmed)
        first, relapse = ids(demo_path, "absence", "Ahmed Benali")
        # A change that removes a child others link to (a relapse, a trajectory) and renames.
        dossier.absences.delete(first)
        dossier.employees.update(ahmed, name="Ahmed B.")
        new = snapshot(dossier, "employee", ahmed)
        assert not old.same_content(new)
        restore_snapshot(dossier, old)
    assert file_state(demo_path) == before
    with Dossier.open(demo_path) as dossier:
        assert dossier.absences.get(relapse).relapse_of == first
        restore_snapshot(dossier, new)
        assert dossier.employees.get(ahmed).name == "Ahmed B."
        assert dossier.absences.get(relapse).relapse_of is None
        restore_snapshot(dossier, old)
    assert file_state(demo_path) == before


def test_a_snapshot_of_chosen_children_leaves_the_others_alone(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
        old = snapshot(dossier, "absence", koen, children=("certificate",))
        expected_end = dossier.absences.get(koen).expected_end
        starts = dossier.absences.get(koen).certificates[-1].ends + timedelta(days=1)
        added = dossier.absences.add_certificate(koen, starts, starts + timedelta(days=60))
        contact = dossier.absences.add_contact(koen, datetime_at(TODAY), made_by="Jo", channel="telefoon")
        restore_snapshot(dossier, old)
        shown = dossier.absences.get(koen)
        # The certificate and the end it moved are gone; the contact, not in the snapshot, stays.
        assert added.id not in [c.id for c in shown.certificates]
        assert shown.expected_end == expected_end is not None
        assert contact.id in [c.id for c in shown.contacts]
        with pytest.raises(ValueError):
            snapshot(dossier, "absence", koen, children=("plan_version",))


def datetime_at(day: date) -> datetime:
    return datetime.combine(day, time(9, 0))


def employee_id(dossier: Dossier, name: str) -> int:
    return int(dossier.db.execute("SELECT id FROM employee WHERE name = :n", {"n": name}).fetchone()[0])


def test_restoring_a_snapshot_is_one_transaction(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        ahmed = employee_id(dossier, "Ahmed Benali")
        first, relapse = ids(demo_path, "absence", "Ahmed Benali")
        old = snapshot(dossier, "employee", ahmed)
        dossier.employees.update(ahmed, name="Ahmed B.", function="Magazijnier")
        dossier.absences.delete(first)
    changed = file_state(demo_path)
    with Dossier.open(demo_path) as dossier:
        # Halfway the rows a certificate that breaks a CHECK (it ends before it starts).
        rows = list(old.rows)
        rows.append(("certificate", {"id": 9999, "absence_id": relapse,
                                     "starts": "2026-05-10", "ends": "2026-05-01", "kind": "ziekte",
                                     "created_at": "", "updated_at": ""}))
        broken = replace(old, rows=tuple(rows))
        with pytest.raises(DossierWriteError, match="op een andere manier gewijzigd"):
            restore_snapshot(dossier, broken)
    assert file_state(demo_path) == changed


def test_restoring_refuses_an_id_given_to_another_record(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
        old = snapshot(dossier, "absence", koen, children=("certificate",))
        certificate = dossier.absences.get(koen).certificates[-1]
        dossier.absences.delete_certificate(certificate.id)
        # SQLite gives the freed highest id to the next certificate, here of another absence.
        ahmed = ids(demo_path, "absence", "Ahmed Benali")[-1]
        other = dossier.absences.add_certificate(ahmed, dossier.absences.get(ahmed).starts,
                                                 dossier.absences.get(ahmed).starts + timedelta(days=3))
        assert other.id == certificate.id
    before = file_state(demo_path)
    with Dossier.open(demo_path) as dossier:
        with pytest.raises(DossierWriteError):
            restore_snapshot(dossier, old)
    assert file_state(demo_path) == before


# -- employees --------------------------------------------------------------------------


def test_undo_of_a_new_employee_and_redo_with_the_same_id(
        qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = employees_page(window)
    dialog = page.open_new_employee()
    assert dialog is not None
    dialog.editors["name"].setText("Nieuwe Collega")
    dialog.editors["function"].setText("Onthaal")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    [new_id] = [e.id for e in page.visible_employees() if e.name == "Nieuwe Collega"]
    assert menu_text(window) == "Ongedaan maken: Medewerker Nieuwe Collega toevoegen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert "Nieuwe Collega" not in [e.name for e in page.visible_employees()]
    assert not exists(demo_path, "employee", new_id)
    assert menu_text(window) != "Ongedaan maken: Medewerker Nieuwe Collega toevoegen"
    press(qtbot, window, Qt.Key.Key_Y)
    assert [e.id for e in page.visible_employees() if e.name == "Nieuwe Collega"] == [new_id]
    assert page.selected_employee() is not None and page.selected_employee().id == new_id
    window.close()


def test_a_redo_that_would_overwrite_another_record_is_refused_in_dutch(
        qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = employees_page(window)
    dialog = page.open_new_employee()
    assert dialog is not None
    dialog.editors["name"].setText("Nieuwe Collega")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    press(qtbot, window, Qt.Key.Key_Z)
    # Not through the window (as an import does): SQLite hands out the freed id again.
    other = window.dossier.employees.add("Iemand Anders")
    assert dialog.employee is not None and other.id == dialog.employee.id
    press(qtbot, window, Qt.Key.Key_Y)
    assert "ongedaan" in window.statusBar().currentMessage()
    assert window.dossier.employees.get(other.id).name == "Iemand Anders"
    assert not window.redo_action.isEnabled()
    window.close()


def test_undo_of_an_employee_change_shows_the_old_values(
        qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    before = file_state(demo_path)
    page = employees_page(window)
    koen = next(e for e in page.visible_employees() if e.name == "Koen Verhaegen")
    dialog = page.edit_employee(koen.id)
    dialog.editors["function"].setText("Ploegleider")
    dialog.editors["hours"].setText("30")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    def shown() -> tuple[str, tuple[float, ...]]:
        employee = next(e for e in page.visible_employees() if e.id == koen.id)
        return employee.function, tuple(r.hours_per_week for r in employee.regimes)

    assert shown() == ("Ploegleider", (*[r.hours_per_week for r in koen.regimes], 30.0))
    assert menu_text(window) == "Ongedaan maken: Medewerker Koen Verhaegen wijzigen"
    window.go_to(AbsencesPage.nav_label)  # undo shows the record where it lives
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.current_page() is page
    assert shown() == (koen.function, tuple(r.hours_per_week for r in koen.regimes))
    assert file_state(demo_path) == before
    press(qtbot, window, Qt.Key.Key_Y)
    assert shown()[0] == "Ploegleider"
    # Out of service is a change too.
    assert page.set_out_of_service(koen.id, TODAY)
    assert menu_text(window) == "Ongedaan maken: Medewerker Koen Verhaegen uit dienst zetten"
    press(qtbot, window, Qt.Key.Key_Z)
    assert next(e for e in page.model.employees() if e.id == koen.id).out_of_service_from is None
    window.close()


# -- absences -----------------------------------------------------------------------------


def test_undo_of_an_absence_registration(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = window.pages[AbsencesPage.nav_label]
    assert isinstance(page, AbsencesPage)
    window.go_to(AbsencesPage.nav_label)
    # As AbsencesPage.new_absence opens it once it hands over the dossier events.
    dialog = AbsenceDialog(window.dossier, TODAY, page, events=window.events)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.employee.lineEdit(), "Fatima")
    qtbot.keyClicks(dialog.certificate_to, format_date(TODAY + timedelta(days=6)))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.created is not None
    created = dialog.created.id
    window.events.absences_changed.emit(created)
    assert page.select_absence(created)
    assert menu_text(window) == f"Ongedaan maken: Afwezigheid van Fatima Ouali vanaf {format_date(TODAY)} toevoegen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert not page.select_absence(created)
    assert not exists(demo_path, "absence", created)
    press(qtbot, window, Qt.Key.Key_Y)
    assert page.current_absence() is not None and page.current_absence().id == created
    assert len(page.current_absence().certificates) == 1
    window.close()


def test_undo_of_absence_dates_and_a_typed_note(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
    page = absences_page(window, koen)
    end = page.dates.date_fields["expected_end"].editor
    old_end = end.text()
    new_end = format_date(TODAY + timedelta(days=70))
    type_into(qtbot, end, new_end)
    assert page.current_absence().expected_end == TODAY + timedelta(days=70)
    assert menu_text(window) == "Ongedaan maken: Afwezigheid van Koen Verhaegen wijzigen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert end.text() == old_end
    press(qtbot, window, Qt.Key.Key_Y)
    assert end.text() == new_end

    # A note typed in two bursts is stored at each pause, but undone in one step.
    note = page.dates.note_field
    count = window.undo_stack.count()
    old_note = note.editor.toPlainText()
    note.editor.setFocus()
    note.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(note.editor, " Attesten per maand.")
    assert note.commit()
    qtbot.keyClicks(note.editor, " Bellen op maandag.")
    typed = note.editor.toPlainText()
    # Ctrl+Z while typing is the field's own undo: the dossier's history is not touched.
    qtbot.keyClick(note.editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert note.editor.toPlainText() != typed
    assert window.undo_stack.count() == count + 1
    qtbot.keyClicks(note.editor, " Bellen op dinsdag.")
    assert note.commit()
    final = note.editor.toPlainText()
    assert window.undo_stack.count() == count + 1
    assert page.current_absence().note == final != old_note
    window.undo_action.trigger()  # the menu, with the note still focused
    assert note.editor.toPlainText() == old_note
    assert note.editor.hasFocus()
    window.redo_action.trigger()
    assert note.editor.toPlainText() == final
    window.close()


def test_undo_of_a_certificate_and_a_partial_return(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
    page = absences_page(window, koen)
    before = page.current_absence()
    assert before is not None
    starts = before.certificates[-1].ends + timedelta(days=1)
    ends = starts + timedelta(days=90)  # past the expected end: it moves that end too
    type_into(qtbot, page.dates.cert_from, format_date(starts))
    page.dates.cert_to.setText(format_date(ends))
    qtbot.mouseClick(page.dates.cert_add, Qt.MouseButton.LeftButton)
    after = page.current_absence()
    assert after is not None and len(after.certificates) == 5 and after.expected_end == ends
    added = after.certificates[-1].id
    assert menu_text(window) == f"Ongedaan maken: Attest {format_date(starts)} – {format_date(ends)} toevoegen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert page.dates.certificates.model().rowCount() == 4
    assert page.dates.date_fields["expected_end"].editor.text() == format_date(before.expected_end)
    press(qtbot, window, Qt.Key.Key_Y)
    assert page.dates.certificates.model().rowCount() == 5
    assert page.current_absence().certificates[-1].id == added

    type_into(qtbot, page.dates.partial_from, format_date(TODAY - timedelta(days=2)))
    page.dates.partial_percentage.setText("50")
    qtbot.mouseClick(page.dates.partial_add, Qt.MouseButton.LeftButton)
    [partial] = page.current_absence().partial_returns
    press(qtbot, window, Qt.Key.Key_Z)
    assert page.dates.partials.model().rowCount() == 0
    press(qtbot, window, Qt.Key.Key_Y)
    assert [p.id for p in page.current_absence().partial_returns] == [partial.id]
    window.close()


def test_undo_of_contacts_and_a_contact_agreement(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
    page = absences_page(window, koen)
    page.tabs.setCurrentIndex(1)
    absence = page.current_absence()
    assert absence is not None
    contacts = page.contact.contacts.model()

    # As the contact tab opens the dialogs once it hands over the dossier events.
    dialog = ContactDialog(window.dossier, absence, TODAY, page, events=window.events)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.summary, "Gebeld; het gaat beter.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    new_contact = dialog.saved.id
    window.events.absences_changed.emit(koen)
    assert contacts.rowCount() == 7
    assert menu_text(window).startswith("Ongedaan maken: Contact van ")
    press(qtbot, window, Qt.Key.Key_Z)
    assert contacts.rowCount() == 6 and not exists(demo_path, "contact_entry", new_contact)
    press(qtbot, window, Qt.Key.Key_Y)
    assert new_contact in [c.id for c in page.current_absence().contacts]

    entry = next(c for c in page.current_absence().contacts if c.id == new_contact)
    dialog = ContactDialog(window.dossier, page.current_absence(), TODAY, page, entry=entry, events=window.events)
    qtbot.addWidget(dialog)
    dialog.summary.setPlainText("Gebeld; volgende week terug.")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    window.events.absences_changed.emit(koen)
    assert menu_text(window).endswith(" wijzigen")
    press(qtbot, window, Qt.Key.Key_Z)
    assert next(c for c in page.current_absence().contacts if c.id == new_contact).summary == \
        "Gebeld; het gaat beter."
    press(qtbot, window, Qt.Key.Key_Y)
    assert next(c for c in page.current_absence().contacts if c.id == new_contact).summary == \
        "Gebeld; volgende week terug."

    agreements = len(page.current_absence().agreements)
    dialog = AgreementDialog(window.dossier, page.current_absence(), TODAY, page, events=window.events)
    qtbot.addWidget(dialog)
    dialog.every.setValue(7)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.saved is not None
    window.events.absences_changed.emit(koen)
    assert menu_text(window) == f"Ongedaan maken: Contactafspraak vanaf {format_date(TODAY)} toevoegen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert len(page.current_absence().agreements) == agreements
    press(qtbot, window, Qt.Key.Key_Y)
    assert page.current_absence().agreements[-1].id == dialog.saved.id
    window.close()


# -- trajectories ---------------------------------------------------------------------------


def test_undo_of_a_new_trajectory_and_of_its_fields(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = trajectories_page(window)

    def fake_exec(dialog: new_trajectory_dialog.NewTrajectoryDialog) -> int:
        dialog.employee.setCurrentIndex(dialog.employee.findText("Els Wuyts"))
        dialog.request_date.setText(format_date(TODAY))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(new_trajectory_dialog.NewTrajectoryDialog, "exec", fake_exec)
    created = page.new_trajectory()
    assert created is not None and page.trajectory is not None and page.trajectory.id == created.id
    assert menu_text(window) == "Ongedaan maken: Traject van Els Wuyts toevoegen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert not page.select_trajectory(created.id)
    assert page.trajectory is not None and page.trajectory.id != created.id
    press(qtbot, window, Qt.Key.Key_Y)
    assert page.select_trajectory(created.id) and page.trajectory.id == created.id

    # A text typed with pauses is one undo step; the timeline and fields follow the undo.
    reason = page.details.fields["closing_reason"]
    reason.editor.setFocus()
    qtbot.keyClicks(reason.editor, "Werknemer hervat")
    assert reason.commit()
    qtbot.keyClicks(reason.editor, " volledig")
    assert reason.commit()
    closed = page.details.fields["closed_on"]
    type_into(qtbot, closed.editor, format_date(TODAY))
    assert page.trajectory.closed_on == TODAY
    press(qtbot, window, Qt.Key.Key_Z)
    assert closed.editor.text() == "" and reason.editor.toPlainText() == "Werknemer hervat volledig"
    press(qtbot, window, Qt.Key.Key_Z)
    assert reason.editor.toPlainText() == ""
    assert window.dossier.trajectories.get(created.id).closing_reason == ""
    press(qtbot, window, Qt.Key.Key_Y)
    press(qtbot, window, Qt.Key.Key_Y)
    assert closed.editor.text() == format_date(TODAY)
    assert window.dossier.trajectories.get(created.id).closing_reason == "Werknemer hervat volledig"
    window.close()


def test_undo_of_follow_up_answers_and_notes(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = trajectories_page(window)
    koen = ids(demo_path, "trajectory", "Koen Verhaegen")[0]
    assert page.select_trajectory(koen)
    page.tabs.setCurrentIndex(Tab.OPVOLGING)
    followup = page.followup
    plan = page.trajectory.current_plan
    assert plan is not None and plan.delivered_on is not None and plan.reminder_sent_on is None
    followup.reminder_on.set_value(TODAY)
    qtbot.mouseClick(followup.reminder_button, Qt.MouseButton.LeftButton)
    assert window.dossier.trajectories.get(koen).current_plan.reminder_sent_on == TODAY
    assert menu_text(window) == "Ongedaan maken: Opvolging van het traject van Koen Verhaegen wijzigen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert followup.reminder_on.text() == ""
    assert window.dossier.trajectories.get(koen).current_plan.reminder_sent_on is None
    press(qtbot, window, Qt.Key.Key_Y)
    assert followup.reminder_on.text() == format_date(TODAY)

    notes = followup.fields["execution_notes"]
    old = notes.editor.toPlainText()
    notes.editor.setFocus()
    notes.editor.moveCursor(QTextCursor.MoveOperation.End)
    # Typed and typed away again, each stored at a pause: nothing is left to undo.
    count = window.undo_stack.count()
    qtbot.keyClicks(notes.editor, "x")
    assert notes.commit() and window.undo_stack.count() == count + 1
    qtbot.keyClick(notes.editor, Qt.Key.Key_Backspace)
    assert notes.commit() and window.undo_stack.count() == count
    qtbot.keyClicks(notes.editor, " Evaluatie gepland.")
    assert notes.commit()
    press(qtbot, window, Qt.Key.Key_Z)
    assert notes.editor.toPlainText() == old
    press(qtbot, window, Qt.Key.Key_Y)
    assert notes.editor.toPlainText() == old + " Evaluatie gepland."
    window.close()


# -- preventive requests and the Actieplan ----------------------------------------------------


def test_undo_of_preventive_requests(qtbot: QtBot, tmp_path: Path, demo_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = employees_page(window)
    lotte = next(e for e in page.visible_employees() if e.name == "Lotte De Wilde")
    dialog = PreventiveRequestsDialog(window.dossier, lotte, TODAY, page, events=window.events)
    qtbot.addWidget(dialog)
    dialog.requested_on.set_value(TODAY - timedelta(days=3))
    saved = dialog.save()
    assert saved is not None
    dialog.visit_on.set_value(TODAY - timedelta(days=1))
    assert dialog.save() is not None
    dialog.close()
    assert menu_text(window) == "Ongedaan maken: Preventief verzoek van Lotte De Wilde wijzigen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.dossier.preventive_requests.get(saved.id).visit_on is None
    press(qtbot, window, Qt.Key.Key_Z)
    assert window.dossier.preventive_requests.of_employee(lotte.id) == []
    press(qtbot, window, Qt.Key.Key_Y)
    assert [r.id for r in window.dossier.preventive_requests.of_employee(lotte.id)] == [saved.id]

    dialog = PreventiveRequestsDialog(window.dossier, lotte, TODAY, page, events=window.events)
    qtbot.addWidget(dialog)
    answer_yes(monkeypatch)
    assert dialog.delete()
    dialog.close()
    assert menu_text(window) == "Ongedaan maken: Preventief verzoek van Lotte De Wilde verwijderen"
    press(qtbot, window, Qt.Key.Key_Z)
    assert [r.id for r in window.dossier.preventive_requests.of_employee(lotte.id)] == [saved.id]
    window.close()


def test_the_action_plan_deletes_through_the_shared_history(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = window.pages[ActionPlanPage.nav_label]
    assert isinstance(page, ActionPlanPage)
    window.go_to(ActionPlanPage.nav_label)
    action = page.visible_actions()[0]
    assert page.select_action(action.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_selected_action()
    assert action.id not in [a.id for a in page.visible_actions()]
    assert page.undo_bar.isVisible()
    assert menu_text(window).startswith("Ongedaan maken: Actie “")
    press(qtbot, window, Qt.Key.Key_Z)
    assert action.id in [a.id for a in page.visible_actions()]
    assert not page.undo_bar.isVisible()
    press(qtbot, window, Qt.Key.Key_Y)
    assert action.id not in [a.id for a in page.visible_actions()]
    assert page.undo_bar.isVisible()
    # The bar's own button is the same step as Bewerken › Ongedaan maken.
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert action.id in [a.id for a in page.visible_actions()]
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()
    window.close()


def test_a_read_only_dossier_records_nothing(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path, read_only=True))
    qtbot.addWidget(window)
    window.show()
    page = employees_page(window)
    assert page.open_new_employee() is None
    koen = ids(demo_path, "absence", "Koen Verhaegen")[-1]
    absences = absences_page(window, koen)
    absences.dates.note_field.editor.setPlainText("getypt")
    assert not absences.dates.note_field.commit()  # refused: alleen-lezen
    trajectories = trajectories_page(window)
    trajectories.details.fields["closing_reason"].editor.setPlainText("getypt")
    assert not trajectories.details.fields["closing_reason"].commit()
    assert window.undo_stack.count() == 0 and not window.undo_action.isEnabled()
    window.close()


def test_the_pages_open_their_dialogs_with_the_shared_history(
        qtbot: QtBot, tmp_path: Path, demo_path: Path) -> None:
    """Nieuwe afwezigheid… and Contact registreren… as the user opens them: undoable."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    window = make_window(qtbot, tmp_path, demo_path)
    page = window.pages[AbsencesPage.nav_label]
    window.go_to(AbsencesPage.nav_label)

    def fill_absence() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AbsenceDialog)
        qtbot.keyClicks(dialog.employee.lineEdit(), "Fatima")
        qtbot.keyClicks(dialog.certificate_to, format_date(TODAY + timedelta(days=6)))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_absence)
    created = page.new_absence()
    assert created is not None
    assert menu_text(window).startswith("Ongedaan maken: Afwezigheid van Fatima Ouali")

    page.tabs.setCurrentIndex(1)

    def fill_contact() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ContactDialog)
        qtbot.keyClicks(dialog.summary, "Gebeld; het gaat beter.")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, fill_contact)
    page.contact.log_contact()
    assert window.undo_stack.count() == 2
    press(qtbot, window, Qt.Key.Key_Z)
    press(qtbot, window, Qt.Key.Key_Z)
    assert not exists(demo_path, "absence", created.id)
    window.close()
