"""The Monday-morning overview: logic with an injected today, and the page itself."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QTableView
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import (
    Absence,
    Channel,
    ContactAgreement,
    ContactEntry,
    ContactRole,
    Employee,
)
from kmo_reintegratie.assessment import Action
from kmo_reintegratie.contact_schedule import DueState, end_of_week
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.demo import write_demo
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.overview import build_overview
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.overview_page import OverviewPage

WEDNESDAY = date(2026, 11, 18)


def employee(i: int, name: str) -> Employee:
    return Employee(i, name, statute=Statute.BEDIENDE)


def test_this_week_ends_on_sunday_and_looks_ahead_at_the_weekend() -> None:
    assert end_of_week(WEDNESDAY) == date(2026, 11, 22)
    assert end_of_week(date(2026, 11, 22)) == date(2026, 11, 29)  # Sunday: plan next week


def test_overdue_and_this_week_contacts_relative_to_today() -> None:
    people = [employee(1, "An"), employee(2, "Bert"), employee(3, "Cas"), employee(4, "Dirk")]
    called = ContactEntry(1, 2, datetime(2026, 11, 6, 10), "Marc", Channel.TELEFOON)
    every_two_weeks = ContactAgreement(1, 2, date(2026, 10, 1), ContactRole.LEIDINGGEVENDE, every_days=14)
    absences = [
        Absence(1, 1, date(2026, 10, 1)),  # nobody called: first contact was due 8 October
        Absence(2, 2, date(2026, 10, 1), contacts=(called,), agreements=(every_two_weeks,)),  # due 20 Nov
        Absence(3, 3, date(2026, 11, 1), agreements=(ContactAgreement(2, 3, date(2026, 11, 1), no_contact=True),)),
        Absence(4, 4, date(2026, 9, 1), returned_on=date(2026, 10, 1)),  # back at work
    ]
    overview = build_overview(WEDNESDAY, absences, people, first_contact_days=7)
    assert [row.employee.name for row in overview.absent_now] == ["An", "Bert", "Cas"]
    states = {todo.employee.name: todo.contact.state for todo in overview.contacts}
    assert states == {"An": DueState.OVERDUE, "Bert": DueState.THIS_WEEK}
    assert [todo.employee.name for todo in overview.no_contact] == ["Cas"]
    later = build_overview(date(2026, 11, 9), absences, people, first_contact_days=7)
    assert "Bert" not in {t.employee.name for t in later.contacts}


def test_milestones_within_two_weeks_and_overdue_actions() -> None:
    people = [employee(1, "An")]
    absences = [Absence(1, 1, WEDNESDAY - timedelta(days=20))]
    actions = [
        Action(1, 1, "c1.s1.1", "Te laat", due=WEDNESDAY - timedelta(days=1)),
        Action(2, 1, "c1.s1.1", "Op tijd", due=WEDNESDAY + timedelta(days=1)),
    ]
    overview = build_overview(WEDNESDAY, absences, people, actions)
    keys = [m.milestone.key for m in overview.milestones]
    assert "einde_gewaarborgd_loon" in keys and "melding_arbeidsarts" in keys
    assert all(WEDNESDAY <= m.milestone.due <= WEDNESDAY + timedelta(days=14) for m in overview.milestones)
    assert [a.what for a in overview.overdue_actions] == ["Te laat"]


def test_the_retention_line_needs_only_a_count_or_else_counts_the_list() -> None:
    from kmo_reintegratie.retention import Category, DueItem, RetentionFact

    people = [employee(1, "An")]
    assert build_overview(WEDNESDAY, [], people, retention_due_count=19635).retention_due_count == 19635
    fact = RetentionFact(Category.PERSON, 1, 1, "An", date(2020, 1, 1), "Uit dienst")
    due = [DueItem(fact, 60, date(2025, 1, 1))]
    assert build_overview(WEDNESDAY, [], people, retention_due=due).retention_due_count == 1
    assert build_overview(WEDNESDAY, [], people).retention_due_count == 0


def test_overview_page_lists_demo_and_opens_the_absence(qtbot: QtBot, tmp_path: Path) -> None:
    today = date.today()
    path = write_demo(tmp_path / "demo.kmo", today=today)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    page = window.current_page()
    assert isinstance(page, OverviewPage)
    names = [page.absent.model().index(r, 0).data() for r in range(page.absent.model().rowCount())]
    assert "Koen Verhaegen" in names and "Els Wuyts" in names
    contacts = [page.contacts.model().index(r, 1).data() for r in range(page.contacts.model().rowCount())]
    assert "geen contact gewenst" in contacts
    koen_row = names.index("Koen Verhaegen")
    with qtbot.waitSignal(window.events.absence_requested) as blocker:
        page.absent.doubleClicked.emit(page.absent.model().index(koen_row, 0))
    assert blocker.args and blocker.args[0] > 0
    absences = window.current_page()
    assert window.nav.currentItem().text() == "Afwezigheden"
    assert absences.current_absence() is not None and absences.current_absence().id == blocker.args[0]
    # A row under "Contact opnemen" opens the contact tab; a legal step the timeline.
    window.go_to("Overzicht")
    page.contacts.doubleClicked.emit(page.contacts.model().index(0, 0))
    assert absences.tabs.tabText(absences.tabs.currentIndex()) == "Contact"
    window.go_to("Overzicht")
    page.milestones.doubleClicked.emit(page.milestones.model().index(0, 0))
    assert absences.tabs.tabText(absences.tabs.currentIndex()) == "Wettelijke tijdlijn"


def test_trajectory_deadlines_warn_seven_days_ahead() -> None:
    from kmo_reintegratie.legal import Decision, Initiator
    from kmo_reintegratie.trajectory import Trajectory, TrajectoryKind

    people = [employee(1, "Ahmed")]
    decided = Trajectory(1, 1, None, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                         request_received=date(2026, 9, 1), assessment_received=date(2026, 11, 1), decision=Decision.B)
    waiting = Trajectory(2, 1, None, TrajectoryKind.FORMEEL, Initiator.WERKNEMER, request_received=date(2026, 10, 10))
    informal = Trajectory(3, 1, None, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, request_received=date(2026, 11, 1))
    overview = build_overview(WEDNESDAY, [], people, trajectories=[decided, waiting, informal])
    found = {(row.trajectory.id, row.deadline.key): row for row in overview.deadlines}
    appeal = found[(1, "beroep")]  # 21 days after 1 November
    assert appeal.deadline.due == date(2026, 11, 22) and appeal.warn(WEDNESDAY)
    assessment = found[(2, "beoordeling")]  # 49 days after 10 October
    assert assessment.deadline.due == date(2026, 11, 28) and not assessment.warn(WEDNESDAY)
    assert not any(row.trajectory.id == 3 for row in overview.deadlines)


def test_registered_absence_and_call_show_on_the_overview(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmo_reintegratie.ui.dialogs import absence_dialog, contact_dialog

    today = date.today()
    path = write_demo(tmp_path / "demo.kmo", today=today)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    overview = window.current_page()
    assert isinstance(overview, OverviewPage)

    def names(view: object) -> list[str]:
        model = view.model()  # type: ignore[attr-defined]
        return [model.index(r, 0).data() for r in range(model.rowCount())]

    assert "Fatima Ouali" not in names(overview.absent)

    def fill_absence(dialog: absence_dialog.AbsenceDialog) -> int:
        qtbot.keyClicks(dialog.employee.lineEdit(), "Fatima")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    def fill_contact(dialog: contact_dialog.ContactDialog) -> int:
        qtbot.keyClicks(dialog.summary, "Fatima laat weten dat ze thuis rust.")
        dialog.next_contact.clear()
        qtbot.keyClicks(dialog.next_contact, format_date(today + timedelta(days=2)))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(absence_dialog.AbsenceDialog, "exec", fill_absence)
    monkeypatch.setattr(contact_dialog.ContactDialog, "exec", fill_contact)
    window.go_to("Afwezigheden")
    absences = window.current_page()
    created = absences.new_absence()
    assert created is not None
    absences.select_absence(created.id)
    absences.log_contact()

    window.go_to("Overzicht")
    assert "Fatima Ouali" in names(overview.absent)
    contacts = overview.contacts.model()
    [row] = [r for r in range(contacts.rowCount()) if contacts.index(r, 0).data() == "Fatima Ouali"]
    assert contacts.index(row, 1).data().startswith(format_date(today + timedelta(days=2)))


def test_two_people_with_the_same_name_are_told_apart(qtbot: QtBot, tmp_path: Path) -> None:
    today = date.today()
    path = write_demo(tmp_path / "demo.kmo", today=today)
    with Dossier.open(path) as dossier:
        other = dossier.employees.add("Koen Verhaegen", department="Keuken")
        dossier.absences.add(other.id, today - timedelta(days=2))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    overview = window.current_page()
    model = overview.absent.model()
    names = sorted(model.index(r, 0).data() for r in range(model.rowCount()))
    # The staff number tells them apart; without one, the department.
    assert "Koen Verhaegen (Keuken)" in names and "Koen Verhaegen (101)" in names
    window.go_to("Afwezigheden")
    table = window.current_page().model
    shown = {table.row_at(r).name for r in range(table.rowCount())}
    assert {"Koen Verhaegen (Keuken)", "Koen Verhaegen (101)"} <= shown


def test_a_person_in_a_trajectory_gets_its_next_step_not_the_request_deadline() -> None:
    from kmo_reintegratie.legal import Initiator
    from kmo_reintegratie.trajectory import Trajectory, TrajectoryKind

    koen = employee(1, "Koen")
    absence = Absence(1, 1, date(2026, 1, 5))
    request_deadline = date(2026, 7, 5)  # six months after the start
    trajectory = Trajectory(1, 1, 1, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                            request_received=date(2026, 6, 20))
    today = date(2026, 7, 1)
    without = build_overview(today, [absence], [koen])
    assert any(m.milestone.key == "uiterste_aanvraag_traject" for m in
               build_overview(request_deadline - timedelta(days=10), [absence], [koen]).milestones)
    row = build_overview(today, [absence], [koen], trajectories=[trajectory]).absent_now[0]
    assert row.trajectory_step is not None and row.trajectory_step_first
    assert row.trajectory_step.due == date(2026, 6, 20) + timedelta(days=49)  # the assessment
    assert row.next_step is None or row.next_step.key != "uiterste_aanvraag_traject"
    later = build_overview(request_deadline - timedelta(days=10), [absence], [koen], trajectories=[trajectory])
    assert not any(m.milestone.key == "uiterste_aanvraag_traject" for m in later.milestones)
    assert without.absent_now[0].trajectory_step is None


def test_a_running_absence_whose_certificate_ran_out_is_flagged(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "attest.kmo"
    with Dossier.create(path) as dossier:
        person = dossier.employees.add("Lien Peeters")
        absence = dossier.absences.add(person.id, date(2026, 11, 2))
        dossier.absences.add_certificate(absence.id, date(2026, 11, 2), date(2026, 11, 27))
        covered = dossier.employees.add("Jan Covered")
        other = dossier.absences.add(covered.id, date(2026, 11, 20))
        dossier.absences.add_certificate(other.id, date(2026, 11, 20), date(2026, 12, 18))
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=lambda: date(2026, 12, 2))
    qtbot.addWidget(window)
    page = window.pages["Overzicht"]
    assert isinstance(page, OverviewPage)
    model = page.absent.model()
    texts = {model.index(r, 0).data(): model.index(r, 3).data() for r in range(model.rowCount())}
    assert texts["Lien Peeters"] == "Attest verlopen op 27-11-2026 — nieuw attest of werkhervatting registreren"
    assert "Attest verlopen" not in texts["Jan Covered"]


def test_a_work_accident_has_no_request_deadline_and_its_timeline_says_why(qtbot: QtBot, tmp_path: Path) -> None:
    from kmo_reintegratie.absence import IncapacityKind
    from kmo_reintegratie.ui.pages.absences_page import AbsencesPage

    path = tmp_path / "ongeval.kmo"
    with Dossier.create(path) as dossier:
        person = dossier.employees.add("Bram Dockx", in_service_from=date(2019, 1, 7))
        dossier.absences.add(person.id, date(2026, 6, 1), kind=IncapacityKind.ARBEIDSONGEVAL)
    overview = None
    with Dossier.open(path, read_only=True) as dossier:
        absences = dossier.absences.all()
        overview = build_overview(date(2026, 11, 25), absences, dossier.employees.list())
    [row] = overview.absent_now
    assert row.next_step is None or row.next_step.key != "uiterste_aanvraag_traject"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=lambda: date(2026, 11, 25))
    qtbot.addWidget(window)
    page = window.pages["Afwezigheden"]
    assert isinstance(page, AbsencesPage)
    page.table.selectRow(0)
    model = page.findChild(QTableView, "legalTimeline").model()
    rows = {model.index(r, 1).data(): (model.index(r, 0).data(), model.index(r, 2).data())
            for r in range(model.rowCount())}
    [title] = [t for t in rows if "tijdelijke ongeschiktheid" in t]
    assert rows[title] == ("—", "geen vervaldag")


def test_retention_due_items_show_as_one_line_that_opens_the_review(qtbot: QtBot, demo_path: Path) -> None:
    from kmo_reintegratie.instrument_source import section_labels
    from kmo_reintegratie.ui.dialogs.retention_review import RetentionReviewDialog
    from kmo_reintegratie.ui.events import DossierEvents

    today = date.today()
    days = [today, date(today.year + 6, 1, 1)]  # nothing is due yet; six years on, terms ran out
    with Dossier.open(demo_path) as dossier:
        page = OverviewPage(dossier, DossierEvents(), section_labels(), lambda: days[0])
        qtbot.addWidget(page)
        page.show()
        QApplication.processEvents()  # counted just after the page is shown
        assert page.retention.isHidden()
        days.pop(0)
        page.refresh()
        count = page.overview().retention_due_count
        qtbot.waitUntil(page.retention.isVisible)
        assert count >= 5
        assert page.retention.text() == f"Bewaartermijn verstreken: {count} items"
        qtbot.mouseClick(page.retention, Qt.MouseButton.LeftButton)
        review = page.review
        assert isinstance(review, RetentionReviewDialog) and review.isVisible()
        assert review.proxy.rowCount() == count
        review.close()
