"""`Afwezigheden` driven through its real widgets on the demo dossier.

The demo places its absences relative to ``date.today()``, so the page gets
the same ``today``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Absence, Channel, ContactRole, InfoItem
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Statute, absence_milestones
from kmo_reintegratie.privacy import PRIVACY_EXPLANATION
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs import absence_dialog, contact_dialog
from kmo_reintegratie.ui.dialogs.absence_dialog import (
    AbsenceDialog,
    frequency_days,
    role_from_procedure,
)
from kmo_reintegratie.ui.dialogs.contact_dialog import AgreementDialog, ContactDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.absence_model import Column, Period, relapse_check
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
from kmo_reintegratie.ui.widgets.legal_timeline import Column as TimelineColumn
from kmo_reintegratie.ui.widgets.legal_timeline import LegalTimeline

TODAY = date.today()


@dataclass
class Opened:
    page: AbsencesPage
    dossier: Dossier
    events: DossierEvents

    def employee_id(self, name: str) -> int:
        return next(e.id for e in self.dossier.employees.list() if e.name == name)

    def open_absence(self, name: str) -> Absence:
        employee_id = self.employee_id(name)
        return next(a for a in self.dossier.absences.open_on(TODAY) if a.employee_id == employee_id)

    def row_texts(self, name: str) -> list[list[str]]:
        proxy = self.page.model
        return [[proxy.index(r, c).data() for c in range(proxy.columnCount())]
                for r in range(proxy.rowCount()) if proxy.index(r, Column.EMPLOYEE).data() == name]


@pytest.fixture
def open_page(qtbot: QtBot) -> Iterator[Callable[..., Opened]]:
    opened: list[tuple[AbsencesPage, Dossier]] = []

    def open_(path: Path, *, read_only: bool = False) -> Opened:
        dossier = Dossier.open(path, read_only=read_only)
        events = DossierEvents()
        page = AbsencesPage(dossier, events, lambda: TODAY)
        qtbot.addWidget(page)
        page.resize(1200, 800)
        page.show()
        opened.append((page, dossier))
        return Opened(page, dossier, events)

    yield open_
    for page, dossier in opened:
        page.close()
        dossier.close()


def fill(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.clear()
    qtbot.keyClicks(editor, text)


def register(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot,
             fill_dialog: Callable[[AbsenceDialog], None]) -> list[AbsenceDialog]:
    """Patch the dialog's exec: fill its real fields, press Registreren, return the result."""
    seen: list[AbsenceDialog] = []

    def fake_exec(dialog: AbsenceDialog) -> int:
        seen.append(dialog)
        dialog.show()
        fill_dialog(dialog)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(absence_dialog.AbsenceDialog, "exec", fake_exec)
    return seen


# -- the list ---------------------------------------------------------------------


def test_list_shows_running_absences_with_days_contact_and_flags(demo_path: Path,
                                                                 open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    # (Other areas may add demo people; these are the absence area's cases.)
    names = {o.page.model.index(r, Column.EMPLOYEE).data() for r in range(o.page.model.rowCount())}
    assert names >= {"Ahmed Benali", "Els Wuyts", "Koen Verhaegen", "Tom Maes"}
    assert all(not a.returned_on or a.returned_on > TODAY for a in o.page.visible_absences())
    [koen] = o.row_texts("Koen Verhaegen")
    assert koen[Column.DAYS] == "113"
    assert koen[Column.DEPARTMENT] == "Zorg – afdeling Linde"
    # The same words as on Overzicht.
    assert koen[Column.NEXT_CONTACT] == f"{format_date(TODAY + timedelta(days=3))} (over 3 dagen)"
    [ahmed] = o.row_texts("Ahmed Benali")
    assert ahmed[Column.NEXT_CONTACT].endswith("dagen te laat)")
    [els] = o.row_texts("Els Wuyts")
    assert els[Column.NEXT_CONTACT] == "geen contact gewenst"
    [tom] = o.row_texts("Tom Maes")
    assert tom[Column.KIND] == "Arbeidsongeval"

    o.page.period.setCurrentIndex(o.page.period.findData(Period.ENDED.value))
    assert {o.page.model.index(r, Column.EMPLOYEE).data() for r in range(o.page.model.rowCount())} >= {
        "Koen Verhaegen", "Lotte De Wilde", "Ahmed Benali", "Sarah Janssens"}
    assert all(a.returned_on and a.returned_on <= TODAY for a in o.page.visible_absences())
    o.page.period.setCurrentIndex(o.page.period.findData(Period.ALL.value))
    o.page.search.setText("koen")
    assert len(o.page.visible_absences()) == 4  # three short ones and the long one
    o.page.search.setText("keuken")
    found = [o.page.model.index(r, Column.EMPLOYEE).data() for r in range(o.page.model.rowCount())]
    assert "Els Wuyts" in found and "Koen Verhaegen" not in found
    assert all(o.page.model.index(r, Column.DEPARTMENT).data() == "Keuken" for r in range(o.page.model.rowCount()))


def test_relapse_flag_for_ahmed(demo_path: Path, open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    [ahmed] = o.row_texts("Ahmed Benali")
    assert ahmed[Column.RELAPSE].startswith("mogelijk herval")
    relapse = o.open_absence("Ahmed Benali")
    o.page.select_absence(relapse.id)
    assert o.page.relapse_label.isVisible()
    text = o.page.relapse_label.text()
    assert "Mogelijk herval" in text and "binnen 8 weken" in text and "te bevestigen" in text
    assert o.page.relapse_box.isVisible() and o.page.relapse_box.isChecked()
    # The legal periods continue from the first absence: guaranteed salary ended long ago.
    timeline = o.page.timeline.model
    salary = next(m for m in timeline.milestones() if m.key == "einde_gewaarborgd_loon")
    assert salary.due < relapse.starts

    # Tom has no earlier absence: no flag.
    [tom] = o.row_texts("Tom Maes")
    assert tom[Column.RELAPSE] == ""
    o.page.select_absence(o.open_absence("Tom Maes").id)
    assert o.page.relapse_label.isHidden()


def test_absence_requested_selects_even_a_filtered_out_absence(demo_path: Path,
                                                                open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    sarah = o.dossier.absences.of_employee(o.employee_id("Sarah Janssens"))[0]
    o.events.absence_requested.emit(sarah.id, "")
    assert o.page.current_absence() == sarah
    assert o.page.period.currentData() == Period.ALL.value
    assert o.page.table.currentIndex().data() == "Sarah Janssens"
    assert "Sarah Janssens" in o.page.header.text()
    assert "afgelopen" in o.page.header.text()


# -- registering -------------------------------------------------------------------


def test_register_an_absence_through_the_dialog(qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    expected = TODAY + timedelta(days=10)

    def fill_dialog(dialog: AbsenceDialog) -> None:
        qtbot.keyClicks(dialog.employee.lineEdit(), "Fatima")
        assert dialog.starts.text() == format_date(TODAY)  # default: today
        dialog.kind.setCurrentIndex(dialog.kind.findData("ongeval_prive"))
        qtbot.keyClicks(dialog.expected_end, format_date(expected))
        qtbot.keyClicks(dialog.certificate_to, format_date(expected))
        assert dialog.relapse_label.isHidden()

    register(monkeypatch, qtbot, fill_dialog)
    with qtbot.waitSignal(o.events.absences_changed):
        created = o.page.new_absence()
    assert created is not None
    [row] = o.row_texts("Fatima Ouali")
    assert row[Column.STARTS] == format_date(TODAY)
    assert row[Column.EXPECTED_END] == format_date(expected)
    assert row[Column.KIND] == "Ongeval privéleven"
    assert o.page.current_absence() is not None and o.page.current_absence().id == created.id
    assert "Fatima Ouali" in o.page.header.text()

    o.dossier.close()
    with Dossier.open(demo_path) as again:
        [stored] = again.absences.of_employee(created.employee_id)
        assert (stored.starts, stored.expected_end, stored.kind.value) == (TODAY, expected, "ongeval_prive")
        assert [(c.starts, c.ends) for c in stored.certificates] == [(TODAY, expected)]
        # Default agreements from the procedure: every two weeks, monthly after the first month.
        assert [(a.valid_from, a.every_days, a.contact_role, a.contact_name) for a in stored.agreements] == [
            (TODAY, 14, ContactRole.LEIDINGGEVENDE, "Sofie Peeters"),
            (TODAY + timedelta(days=30), 30, ContactRole.LEIDINGGEVENDE, "Sofie Peeters"),
        ]
        assert stored.relapse_of is None


def test_new_absence_shortly_after_a_return_is_registered_as_relapse(
        qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    lotte_before = o.dossier.absences.of_employee(o.employee_id("Lotte De Wilde"))[0]

    def fill_dialog(dialog: AbsenceDialog) -> None:
        qtbot.keyClicks(dialog.employee.lineEdit(), "Lotte De Wilde")
        assert not dialog.relapse_label.isHidden()  # live, while typing
        assert dialog.relapse_label.text().startswith("Mogelijk herval — te bevestigen")
        assert "binnen 8 weken na de hervatting" in dialog.relapse_label.text()
        assert dialog.relapse_box.isChecked()
        # The dialog grows for the warning; the fields keep their height.
        assert dialog.height() >= dialog.sizeHint().height()

    register(monkeypatch, qtbot, fill_dialog)
    created = o.page.new_absence()
    assert created is not None and created.relapse_of == lotte_before.id
    [running] = [r for r in o.row_texts("Lotte De Wilde") if r[Column.RETURNED] == ""]
    assert running[Column.RELAPSE].startswith("mogelijk herval")


@pytest.mark.parametrize(("field", "text", "error", "message"), [
    ("expected_end", "01-01-2020", "expected_end_error", "Het verwachte einde ligt vóór het begin"),
    ("returned_on", "01-01-2020", "returned_on_error", "moet ná de eerste afwezigheidsdag liggen"),
    ("starts", "01-01-2099", "starts_error", "meer dan een jaar in de toekomst"),
    ("starts", "01-01-1850", "starts_error", "te ver in het verleden"),
    ("starts", "31-02-2026", "starts_error", "bestaat niet als datum"),
    ("starts", "", "starts_error", "begindatum"),
    ("certificate_to", "01-01-2020", "certificate_error", "Het attest eindigt vóór het begint"),
])
def test_bad_dates_show_a_dutch_message_next_to_the_field_and_store_nothing(
        qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch,
        field: str, text: str, error: str, message: str) -> None:
    o = open_page(demo_path)
    before = len(o.dossier.absences.all())

    def fill_dialog(dialog: AbsenceDialog) -> None:
        qtbot.keyClicks(dialog.employee.lineEdit(), "Fatima")
        if field == "starts" and not text:
            dialog.starts.clear()
            qtbot.keyClicks(dialog.returned_on, format_date(TODAY))  # a return date without a start
        else:
            fill(qtbot, getattr(dialog, field), text)

    seen = register(monkeypatch, qtbot, fill_dialog)
    assert o.page.new_absence() is None
    dialog = seen[0]
    assert dialog.result() == QDialog.DialogCode.Rejected
    label = getattr(dialog, error)
    assert not label.isHidden()
    assert message in label.text()
    others = [n for n in ("employee_error", "starts_error", "expected_end_error", "returned_on_error",
                          "certificate_error") if n != error]
    assert all(getattr(dialog, n).isHidden() for n in others)
    assert len(o.dossier.absences.all()) == before


def test_keyboard_only_registration(qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened],
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl+Shift+A, type a name, Tab, Enter: registered with today's date."""
    o = open_page(demo_path)

    def fake_exec(dialog: AbsenceDialog) -> int:
        dialog.show()  # Enter reaches the default button of a visible dialog only
        assert dialog.focusWidget() is dialog.employee  # the name comes first
        qtbot.keyClicks(dialog.employee.lineEdit(), "Fatima Ouali")
        qtbot.keyClick(dialog.starts, Qt.Key.Key_Return)
        return dialog.result()

    monkeypatch.setattr(absence_dialog.AbsenceDialog, "exec", fake_exec)
    with qtbot.waitActive(o.page):
        o.page.activateWindow()
    with qtbot.waitSignal(o.events.absences_changed):
        qtbot.keyClick(o.page.table, Qt.Key.Key_A,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [stored] = o.dossier.absences.of_employee(o.employee_id("Fatima Ouali"))
    assert stored.starts == TODAY


def test_overlapping_absence_is_refused_next_to_the_start_date(
        qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    before = len(o.dossier.absences.all())

    def fill_dialog(dialog: AbsenceDialog) -> None:
        qtbot.keyClicks(dialog.employee.lineEdit(), "Koen")
        fill(qtbot, dialog.starts, format_date(TODAY - timedelta(days=5)))

    seen = register(monkeypatch, qtbot, fill_dialog)
    assert o.page.new_absence() is None
    assert "overlapt met een andere afwezigheid" in seen[0].starts_error.text()
    assert not seen[0].starts_error.isHidden()
    assert len(o.dossier.absences.all()) == before


def test_unknown_or_ambiguous_employee_is_refused(qtbot: QtBot, demo_path: Path,
                                                  open_page: Callable[..., Opened],
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    seen = register(monkeypatch, qtbot, lambda d: qtbot.keyClicks(d.employee.lineEdit(), "Peeters"))
    assert o.page.new_absence() is None
    assert "Meerdere werknemers" in seen[0].employee_error.text()


def test_same_names_are_told_apart_by_department(qtbot: QtBot, dossier_path: Path,
                                                 open_page: Callable[..., Opened]) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Jan Peeters", department="Keuken")
        dossier.employees.add("Jan Peeters", department="Onderhoud")
    o = open_page(dossier_path)
    dialog = AbsenceDialog(o.dossier, TODAY, o.page)
    qtbot.addWidget(dialog)
    labels = [dialog.employee.itemText(i) for i in range(dialog.employee.count())]
    assert labels == ["Jan Peeters (Keuken)", "Jan Peeters (Onderhoud)"]
    qtbot.keyClicks(dialog.employee.lineEdit(), "Jan Peeters (Onderhoud)")
    assert dialog.selected_employee().department == "Onderhoud"


def test_relapse_column_agrees_with_the_check_against_the_persons_absences(
        demo_path: Path, open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    o.page.period.setCurrentIndex(o.page.period.findData(Period.ALL.value))
    rows = o.page.model.matching_rows()
    assert len(rows) == len(o.dossier.absences.all())
    flagged = []
    for row in rows:
        others = o.dossier.absences.of_employee(row.summary.employee_id)
        absence = next(a for a in others if a.id == row.summary.id)
        check = relapse_check(absence, others)
        assert row.relapse == check
        text = o.page.model.index(o.page.model.view_row(absence.id), Column.RELAPSE).data()
        if absence.relapse_of is not None or (check and check.possible):
            flagged.append(row.name)
            assert text.startswith("mogelijk herval")
        else:
            assert text == ""
    assert "Ahmed Benali" in flagged


def test_a_return_registered_from_the_running_list_stays_in_view(
        qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    tom = o.open_absence("Tom Maes")
    o.page.select_absence(tom.id)
    returned = o.page.dates.date_fields["returned_on"]
    fill(qtbot, returned.editor, format_date(TODAY))
    with qtbot.waitSignal(o.events.absences_changed):
        qtbot.keyClick(returned.editor, Qt.Key.Key_Return)
    # No longer running: gone from the list, but the detail still shows what was just typed.
    assert o.row_texts("Tom Maes") == []
    assert o.page.current_absence() is not None and o.page.current_absence().returned_on == TODAY
    assert returned.editor.text() == format_date(TODAY)
    o.page.period.setCurrentIndex(o.page.period.findData(Period.ENDED.value))
    assert o.page.table.currentIndex().data() == "Tom Maes"


# -- the detail --------------------------------------------------------------------


def test_editing_dates_in_the_detail_stores_or_refuses(qtbot: QtBot, demo_path: Path,
                                                       open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    koen = o.open_absence("Koen Verhaegen")
    o.page.select_absence(koen.id)
    returned = o.page.dates.date_fields["returned_on"]
    fill(qtbot, returned.editor, format_date(koen.starts - timedelta(days=1)))
    qtbot.keyClick(returned.editor, Qt.Key.Key_Return)
    assert not returned.label.isHidden()
    assert "ná de eerste afwezigheidsdag" in returned.label.text()
    assert o.dossier.absences.get(koen.id).returned_on is None

    back = TODAY + timedelta(days=10)
    fill(qtbot, returned.editor, back.strftime("%d/%m/%y"))
    with qtbot.waitSignal(o.events.absences_changed):
        qtbot.keyClick(returned.editor, Qt.Key.Key_Return)
    assert returned.label.isHidden()
    assert returned.editor.text() == format_date(back)
    assert o.dossier.absences.get(koen.id).returned_on == back
    [row] = [r for r in o.row_texts("Koen Verhaegen") if r[Column.RETURNED]]
    assert row[Column.RETURNED] == format_date(back)


def test_certificates_and_partial_returns(qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    tom = o.open_absence("Tom Maes")
    o.page.select_absence(tom.id)
    assert o.page.dates.cert_from.text() == format_date(tom.starts)
    fill(qtbot, o.page.dates.cert_to, format_date(tom.starts - timedelta(days=1)))
    assert not o.page.dates.add_certificate()
    assert "eindigt vóór het begint" in o.page.dates.cert_error.text()
    fill(qtbot, o.page.dates.cert_to, "31-12-2098")  # a typing error in the year
    qtbot.keyClick(o.page.dates.cert_to, Qt.Key.Key_Return)
    assert "meer dan een jaar in de toekomst" in o.page.dates.cert_error.text()
    assert o.page.dates.certificates.model().rowCount() == 0
    fill(qtbot, o.page.dates.cert_to, format_date(tom.starts + timedelta(days=13)))
    qtbot.keyClick(o.page.dates.cert_to, Qt.Key.Key_Return)
    assert o.page.dates.cert_error.isHidden()
    assert o.page.dates.certificates.model().rowCount() == 1
    assert o.page.dates.cert_from.text() == format_date(tom.starts + timedelta(days=14))  # next one follows on

    fill(qtbot, o.page.dates.partial_from, format_date(tom.starts + timedelta(days=5)))
    fill(qtbot, o.page.dates.partial_percentage, "150")
    assert not o.page.dates.add_partial_return()
    assert "tussen 0 en 100" in o.page.dates.partial_error.text()
    fill(qtbot, o.page.dates.partial_percentage, "50 %")
    assert o.page.dates.add_partial_return()
    assert o.page.dates.partials.model().index(0, 1).data() == "50 %"
    stored = o.dossier.absences.get(tom.id)
    assert [p.percentage for p in stored.partial_returns] == [50.0]
    assert "onderbreekt de termijnen niet" in o.page.timeline_intro.text()


def test_log_a_contact_through_the_dialog(qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    tom = o.open_absence("Tom Maes")
    o.page.select_absence(tom.id)

    def fake_exec(dialog: ContactDialog) -> int:
        # No agreement yet and nobody called: the procedure names Tom's manager.
        assert dialog.made_by.text() == "Jo Claes"
        assert dialog.date.text() == format_date(TODAY)
        assert dialog.next_contact.text() == format_date(TODAY + timedelta(days=14))
        qtbot.keyClicks(dialog.summary, "Tom is thuis en het gaat vooruit.")
        qtbot.keyClicks(dialog.agreements, "Jo belt vrijdag; Tom bezorgt het attest.")
        dialog.info_boxes[InfoItem.AANGIFTE_ZIEKENFONDS].setChecked(True)
        fill(qtbot, dialog.next_contact, format_date(TODAY + timedelta(days=4)))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(contact_dialog.ContactDialog, "exec", fake_exec)
    with qtbot.waitActive(o.page):  # keyboard shortcuts need the active window
        o.page.activateWindow()
    with qtbot.waitSignal(o.events.absences_changed):
        qtbot.keyClick(o.page.table, Qt.Key.Key_K,
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    log = o.page.contact.contacts.model()
    assert log.rowCount() == 1
    assert [log.index(0, c).data() for c in (1, 2, 4, 5, 6)] == [
        "Jo Claes", "Telefoon", "Tom is thuis en het gaat vooruit.", "Jo belt vrijdag; Tom bezorgt het attest.",
        format_date(TODAY + timedelta(days=4))]
    assert format_date(TODAY + timedelta(days=4)) in o.page.contact.next_contact_label.text()
    [tom_row] = o.row_texts("Tom Maes")
    assert tom_row[Column.NEXT_CONTACT].startswith(format_date(TODAY + timedelta(days=4)))

    o.dossier.close()
    with Dossier.open(demo_path) as again:
        [stored] = again.absences.get(tom.id).contacts
        assert (stored.made_by, stored.channel, stored.next_contact) == (
            "Jo Claes", Channel.TELEFOON, TODAY + timedelta(days=4))
        assert stored.info_given == frozenset({InfoItem.AANGIFTE_ZIEKENFONDS})


def test_contact_dialog_validates_and_cancel_stores_nothing(qtbot: QtBot, demo_path: Path,
                                                            open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    koen = o.open_absence("Koen Verhaegen")
    dialog = ContactDialog(o.dossier, koen, TODAY, o.page)
    qtbot.addWidget(dialog)
    assert dialog.made_by.text() == "Marc Van Damme"  # from the agreement
    assert dialog.next_contact.text() == format_date(TODAY + timedelta(days=30))  # monthly by now
    fill(qtbot, dialog.next_contact, format_date(TODAY - timedelta(days=1)))
    fill(qtbot, dialog.signed_on, "99-99-2026")
    fill(qtbot, dialog.date, format_date(koen.starts - timedelta(days=1)))
    dialog.made_by.clear()
    dialog.accept()
    assert "vóór het begin van de afwezigheid" in dialog.date_error.text()
    assert "wie het contact had" in dialog.made_by_error.text()
    assert "bestaat niet als datum" in dialog.signed_error.text()
    fill(qtbot, dialog.date, format_date(TODAY + timedelta(days=2)))
    dialog.accept()
    assert "in de toekomst" in dialog.date_error.text()
    fill(qtbot, dialog.date, format_date(TODAY))
    qtbot.keyClicks(dialog.made_by, "Marc")
    fill(qtbot, dialog.signed_on, "")
    dialog.accept()
    assert dialog.date_error.isHidden()
    assert "niet vóór dit contact" in dialog.next_error.text()
    dialog.reject()
    assert len(o.dossier.absences.get(koen.id).contacts) == len(koen.contacts)


def test_privacy_guard_warns_in_the_contact_summary(qtbot: QtBot, demo_path: Path,
                                                    open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    koen = o.open_absence("Koen Verhaegen")
    dialog = ContactDialog(o.dossier, koen, TODAY, o.page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.summary, "De planning is weer operationeel.")
    dialog.summary_guard.check_now()
    assert dialog.summary_guard.label.isHidden()
    qtbot.keyClicks(dialog.summary, " Hij heeft een depressie.")
    qtbot.waitUntil(lambda: dialog.summary_guard.label.isVisible())
    assert "“depressie”" in dialog.summary_guard.label.text()
    assert PRIVACY_EXPLANATION in dialog.summary_guard.label.text()
    assert dialog.agreements_guard.label.isHidden()
    # A warning does not block: the contact can still be stored.
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_no_contact_wanted_is_prominent_and_can_be_agreed(qtbot: QtBot, demo_path: Path,
                                                          open_page: Callable[..., Opened],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    o.page.select_absence(o.open_absence("Els Wuyts").id)
    assert o.page.no_contact_banner.isVisible()
    assert o.page.no_contact_banner.text().startswith("Geen contact gewenst")
    assert "geen herinneringen" in o.page.contact.next_contact_label.text()

    tom = o.open_absence("Tom Maes")
    o.page.select_absence(tom.id)
    assert o.page.no_contact_banner.isHidden()
    assert "Nog geen afspraak" in o.page.contact.agreement_label.text()

    def fake_exec(dialog: AgreementDialog) -> int:
        assert dialog.name.text() == "Jo Claes"  # the manager, from the organisation's procedure
        assert dialog.every.value() == 14
        qtbot.keyClicks(dialog.wishes, "Liefst per sms.")
        dialog.no_contact.setChecked(True)
        assert not dialog.every.isEnabled()
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(contact_dialog.AgreementDialog, "exec", fake_exec)
    assert o.page.contact.change_agreement() is not None
    assert o.page.no_contact_banner.isVisible()
    assert "Liefst per sms." in o.page.no_contact_banner.text()
    [row] = o.row_texts("Tom Maes")
    assert row[Column.NEXT_CONTACT] == "geen contact gewenst"
    [agreement] = o.dossier.absences.get(tom.id).agreements
    assert agreement.no_contact and agreement.every_days is None


def test_legal_timeline_of_koen(demo_path: Path, open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path)
    koen = o.open_absence("Koen Verhaegen")
    o.page.select_absence(koen.id)
    model = o.page.timeline.model
    keys = [model.milestone(r).key for r in range(model.rowCount())]
    assert set(keys) >= {"einde_gewaarborgd_loon", "melding_arbeidsarts", "inschatting_arbeidspotentieel",
                         "uiterste_aanvraag_traject", "medische_overmacht_mogelijk"}
    dues = [model.milestone(r).due for r in range(model.rowCount())]
    assert dues == sorted(dues)
    for r in range(model.rowCount()):
        milestone = model.milestone(r)
        assert model.index(r, TimelineColumn.DATE).data() == format_date(milestone.due)
        assert model.index(r, TimelineColumn.TITLE).data() == milestone.title
        certainty = model.index(r, TimelineColumn.CERTAINTY).data()
        assert ("te bevestigen" in certainty) == (not milestone.confirmed)
        state = model.index(r, TimelineColumn.WHEN).data()
        assert state.startswith("voorbij") == (milestone.due < TODAY)
        assert milestone.source in model.index(r, TimelineColumn.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    # The details line shows the first coming milestone with its source.
    details = o.page.timeline.details.text()
    assert "Bron:" in details


def test_timeline_marks_unconfirmed_milestones(qtbot: QtBot) -> None:
    timeline = LegalTimeline()
    qtbot.addWidget(timeline)
    # Began before 2026 and the 6 months end on a day that does not exist: two reasons to confirm.
    milestones = absence_milestones(date(2025, 8, 31), Statute.BEDIENDE)
    timeline.set_milestones(milestones, date(2026, 1, 10))
    model = timeline.model
    unconfirmed = [r for r in range(model.rowCount()) if not model.milestone(r).confirmed]
    assert unconfirmed
    for r in unconfirmed:
        assert model.index(r, TimelineColumn.CERTAINTY).data() == "⚠ te bevestigen"
        tooltip = model.index(r, TimelineColumn.CERTAINTY).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip.startswith("Te bevestigen:") and model.milestone(r).unconfirmed_reason in tooltip
    timeline.view.selectRow(unconfirmed[0])
    assert "Te bevestigen:" in timeline.details.text()
    states = {model.index(r, TimelineColumn.WHEN).data().split(" (")[0] for r in range(model.rowCount())}
    assert {"voorbij", "later"} <= states


def test_read_only_dossier_shows_but_does_not_edit(qtbot: QtBot, demo_path: Path,
                                                   open_page: Callable[..., Opened]) -> None:
    o = open_page(demo_path, read_only=True)
    assert not o.page.new_button.isEnabled()
    assert o.page.new_absence() is None
    koen = o.open_absence("Koen Verhaegen")
    assert o.page.select_absence(koen.id)
    assert o.page.dates.date_fields["starts"].editor.isReadOnly()
    assert not o.page.log_button.isEnabled()
    assert o.page.log_contact() is None
    assert not o.page.dates.cert_add.isEnabled()


def test_delete_an_absence_after_confirmation(demo_path: Path, open_page: Callable[..., Opened],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    o = open_page(demo_path)
    tom = o.open_absence("Tom Maes")
    o.page.select_absence(tom.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    o.page.delete_absence()
    assert o.row_texts("Tom Maes")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    o.page.delete_absence()
    assert o.row_texts("Tom Maes") == []
    assert o.page.current_absence() is None
    assert o.page.detail.currentWidget() is o.page.empty


@pytest.mark.parametrize(("text", "days"), [
    ("om de twee weken", 14), ("maandelijks", 30), ("wekelijks", 7), ("tweewekelijks", 14),
    ("elke week", 7), ("om de 10 dagen", 10), ("om de drie weken", 21), ("", None), ("af en toe", None),
])
def test_frequency_from_the_procedure_text(text: str, days: int | None) -> None:
    assert frequency_days(text) == days


def test_contact_role_from_the_procedure_text() -> None:
    assert role_from_procedure("De rechtstreeks leidinggevende") is ContactRole.LEIDINGGEVENDE
    assert role_from_procedure("De HR-verantwoordelijke") is ContactRole.HR
    assert role_from_procedure("De welzijnscel") is ContactRole.WELZIJNSCEL
    assert role_from_procedure("De zaakvoerder") is ContactRole.ANDERE
