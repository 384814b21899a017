"""Issue 13 on the screens: what a user enters (health surveillance, a short contract, the
end of a work-accident incapacity, a return to adapted work, the employee's receipt of the
form, a back-dated contact) and what the program then shows.  Real widgets, real dossiers."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TypeVar

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Absence, ContactRole, IncapacityKind
from kmo_reintegratie.documents.info_letter_pdf import InfoLetter, render_info_letter
from kmo_reintegratie.documents.letter_texts import ONE_DAY_WITHOUT_CERTIFICATE
from kmo_reintegratie.legal import Decision, Initiator, Statute
from kmo_reintegratie.overview import build_overview, legal_dates
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import TrajectoryKind
from kmo_reintegratie.ui.dialogs.absence_dialog import AbsenceDialog
from kmo_reintegratie.ui.dialogs.contact_dialog import ContactDialog
from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog
from kmo_reintegratie.ui.dialogs.new_trajectory import NewTrajectoryDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage
from kmo_reintegratie.ui.widgets.trajectory_details import TrajectoryDetails

TODAY = date(2026, 11, 23)  # a Monday
W = TypeVar("W", bound=QWidget)


@pytest.fixture
def dossier(dossier_path: Path) -> Iterator[Dossier]:
    with Dossier.open(dossier_path) as opened:
        yield opened


@pytest.fixture
def keep(qtbot: QtBot) -> Iterator[Callable[[W], W]]:
    """Register a widget and hold it until the test ends: pytest-qt only keeps a weak
    reference, and a window collected halfway a paint event of another one crashes Qt."""
    kept: list[QWidget] = []

    def keep_(widget: W) -> W:
        qtbot.addWidget(widget)
        kept.append(widget)
        return widget

    yield keep_
    for widget in kept:
        widget.close()


def fill(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    editor.clear()
    qtbot.keyClicks(editor, text)


def click(qtbot: QtBot, widget: object) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]


def choose(combo: QComboBox, data: object) -> None:
    combo.setCurrentIndex(combo.findData(data))


def timeline_keys(page: AbsencesPage, absence_id: int) -> dict[str, object]:
    assert page.select_absence(absence_id)
    return {m.key: m for m in page.timeline.model.milestones()}


def absences_page(keep: Callable[[AbsencesPage], AbsencesPage], dossier: Dossier) -> AbsencesPage:
    page = keep(AbsencesPage(dossier, DossierEvents(), lambda: TODAY))
    page.resize(1366, 768)
    page.show()
    return page


# -- point 13: health surveillance and the return-to-work examination ------------------------

def test_health_surveillance_in_the_employee_dialog_adds_the_examination_to_timeline_and_overview(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier, dossier_path: Path) -> None:
    an = dossier.employees.add("An Peeters", in_service_from=date(2020, 1, 6))
    dialog = keep(EmployeeDialog(dossier, TODAY, an))
    dialog.show()
    assert not dialog.health_surveillance.isChecked()
    click(qtbot, dialog.health_surveillance)
    click(qtbot, dialog.ok_button)
    with Dossier.open(dossier_path, read_only=True) as other:
        assert other.employees.get(an.id).health_surveillance

    # Ill since 19 October, returning next Monday 30 November: 6 weeks.
    absence = dossier.absences.add(an.id, date(2026, 10, 19), returned_on=date(2026, 11, 30))
    page = absences_page(keep, dossier)
    step = timeline_keys(page, absence.id)["werkhervattingsonderzoek"]
    assert step.due == date(2026, 11, 30)  # type: ignore[attr-defined]
    assert "uiterlijk op 14 december 2026" in step.explanation  # type: ignore[attr-defined]

    overview = build_overview(TODAY, dossier.absences.all(), dossier.employees.list())
    assert [m.milestone.title for m in overview.milestones if m.employee.id == an.id] == [
        "Werkhervattingsonderzoek (arbeidsarts)"]


def test_without_a_return_the_certificate_end_gives_an_approximate_examination_day(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    bart = dossier.employees.add("Bart Claes", health_surveillance=True)
    absence = dossier.absences.register(bart.id, date(2026, 10, 19),
                                        certificate=(date(2026, 10, 19), date(2026, 11, 27)))
    page = absences_page(keep, dossier)
    step = timeline_keys(page, absence.id)["werkhervattingsonderzoek"]
    assert step.due == date(2026, 11, 30) and step.approximate  # type: ignore[attr-defined]
    row = next(r for r in range(page.timeline.model.rowCount())
               if page.timeline.model.milestone(r).key == "werkhervattingsonderzoek")
    assert page.timeline.model.index(row, 0).data() == "± 30-11-2026"


# -- point 7: a contract shorter than three months -------------------------------------------

def test_a_short_contract_changes_the_guaranteed_salary_and_unknown_says_so(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier, dossier_path: Path) -> None:
    cleo = dossier.employees.add("Cleo Janssens", statute=Statute.BEDIENDE,
                                 in_service_from=date(2026, 10, 26))
    absence = dossier.absences.add(cleo.id, date(2026, 11, 16))
    page = absences_page(keep, dossier)
    unknown = timeline_keys(page, absence.id)["einde_gewaarborgd_loon"]
    assert not unknown.confirmed  # type: ignore[attr-defined]
    reason = unknown.unconfirmed_reason  # type: ignore[attr-defined]
    assert "minder dan 3 maanden in dienst" in reason

    dialog = keep(EmployeeDialog(dossier, TODAY, cleo))
    dialog.show()
    contract = dialog.editors["contract_under_3_months"]
    assert isinstance(contract, QComboBox) and contract.currentText() == "onbekend"
    choose(contract, "ja")
    click(qtbot, dialog.ok_button)
    with Dossier.open(dossier_path, read_only=True) as other:
        assert other.employees.get(cleo.id).contract_under_3_months is True

    page.close()
    page = absences_page(keep, dossier)
    # Arbeider scheme: one month of service needed, not reached on 16 November.
    none = timeline_keys(page, absence.id)["geen_gewaarborgd_loon"]
    assert "nog geen maand" in none.explanation  # type: ignore[attr-defined]

    again = keep(EmployeeDialog(dossier, TODAY, dossier.employees.get(cleo.id)))
    contract = again.editors["contract_under_3_months"]
    assert isinstance(contract, QComboBox) and contract.currentData() == "ja"
    choose(contract, "nee")
    click(qtbot, again.ok_button)
    assert dossier.employees.get(cleo.id).contract_under_3_months is False
    [employee] = dossier.employees.list()
    ends = {m.key: m for m in legal_dates(dossier.absences.get(absence.id), employee, {})}
    assert ends["einde_gewaarborgd_loon"].confirmed


# -- point 2: kind of incapacity ---------------------------------------------------------------

def test_the_absence_dialog_asks_for_the_end_of_a_work_accident_incapacity_only_when_it_applies(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    dirk = dossier.employees.add("Dirk Wouters")
    dialog = keep(AbsenceDialog(dossier, TODAY, employee_id=dirk.id))
    dialog.show()
    assert not dialog.temporary_end.isVisible()
    choose(dialog.kind, IncapacityKind.ARBEIDSONGEVAL.value)
    assert dialog.temporary_end.isVisible()
    label = dialog._form.labelForField(dialog._temporary_end_row)
    assert isinstance(label, QLabel) and "Einde tijdelijke ongeschiktheid" in label.text()
    fill(qtbot, dialog.starts, "02-11-2026")
    fill(qtbot, dialog.temporary_end, "01-11-2026")
    click(qtbot, dialog.ok_button)
    assert "vóór het begin" in dialog.temporary_end_error.text()
    assert dossier.absences.of_employee(dirk.id) == []
    fill(qtbot, dialog.temporary_end, "20-11-2026")
    click(qtbot, dialog.ok_button)
    [stored] = dossier.absences.of_employee(dirk.id)
    assert stored.kind is IncapacityKind.ARBEIDSONGEVAL
    assert stored.temporary_incapacity_ended_on == date(2026, 11, 20)


def test_a_return_to_adapted_work_in_the_dates_tab_means_no_new_guaranteed_salary(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    eva = dossier.employees.add("Eva Maes", statute=Statute.BEDIENDE,
                                in_service_from=date(2015, 1, 5))
    first = dossier.absences.add(eva.id, date(2026, 5, 4), returned_on=date(2026, 9, 7))
    # Five months later, not a relapse of the same illness by the dates; registered as one.
    second = dossier.absences.add(eva.id, date(2026, 11, 9), relapse_of=first.id)
    page = absences_page(keep, dossier)
    assert "einde_gewaarborgd_loon" in timeline_keys(page, second.id)
    page.select_absence(first.id)
    box = page.dates.adapted_work
    assert box.isEnabled() and not box.isChecked()
    with qtbot.waitSignal(page._events.absences_changed):
        click(qtbot, box)
    assert dossier.absences.get(first.id).returned_to_adapted_work
    after = timeline_keys(page, second.id)
    assert "einde_gewaarborgd_loon" not in after
    none = after["geen_gewaarborgd_loon"]
    assert "aangepast of ander werk" in none.explanation  # type: ignore[attr-defined]


def test_the_dates_tab_shows_the_end_of_the_temporary_incapacity_for_a_work_accident(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    fien = dossier.employees.add("Fien Goossens")
    accident = dossier.absences.add(fien.id, date(2026, 9, 1), kind=IncapacityKind.ARBEIDSONGEVAL)
    illness = dossier.absences.add(dossier.employees.add("Gert Smet").id, date(2026, 9, 1))
    page = absences_page(keep, dossier)
    page.tabs.setCurrentIndex(0)
    page.select_absence(illness.id)
    field = page.dates.date_fields["temporary_incapacity_ended_on"]
    assert not field.editor.isVisible()
    page.select_absence(accident.id)
    assert field.editor.isVisible()
    fill(qtbot, field.editor, "13-11-2026")
    with qtbot.waitSignal(page._events.absences_changed):
        qtbot.keyClick(field.editor, Qt.Key.Key_Return)
    assert dossier.absences.get(accident.id).temporary_incapacity_ended_on == date(2026, 11, 13)


def test_a_trajectory_for_a_work_accident_waits_for_the_end_of_the_temporary_incapacity(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    hans = dossier.employees.add("Hans Peeters")
    accident = dossier.absences.add(hans.id, date(2026, 6, 1), kind=IncapacityKind.ARBEIDSONGEVAL)

    def dialog_for(absence: Absence) -> NewTrajectoryDialog:
        dialog = keep(NewTrajectoryDialog(dossier.employees.list(), {hans.id: [absence]}, TODAY,
                                          employee_id=hans.id, absence_id=absence.id))
        dialog.show()
        return dialog

    dialog = dialog_for(accident)
    for initiator in (Initiator.WERKNEMER, Initiator.WERKGEVER):
        choose(dialog.initiator, initiator.value)
        assert dialog.error.isVisible()
        assert dialog.error.text().startswith("Dit traject moet wachten.")
        assert "tijdelijke arbeidsongeschiktheid" in dialog.rules.text()

    ended = dossier.absences.update(accident.id, temporary_incapacity_ended_on=date(2026, 11, 13))
    dialog = dialog_for(ended)
    choose(dialog.initiator, Initiator.WERKNEMER.value)
    assert not dialog.error.isVisible()
    assert "eindigde op 13 november 2026" in dialog.rules.text()


# -- point 3: the employee's own receipt of the form -------------------------------------------

def test_the_appeal_box_has_the_employees_receipt_of_the_form(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    ines = dossier.employees.add("Ines Wuyts")
    absence = dossier.absences.add(ines.id, date(2026, 3, 2))
    trajectory = dossier.trajectories.add(ines.id, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                                          absence_id=absence.id, request_date=date(2026, 8, 3),
                                          request_received=date(2026, 8, 4))
    trajectory = dossier.trajectories.update(trajectory.id, assessment_received=date(2026, 8, 31),
                                             decision=Decision.B)
    details = keep(TrajectoryDetails(dossier, lambda: TODAY))
    details.resize(900, 1000)
    details.show()
    details.load(trajectory)
    assert details.appeal_box.isVisible()
    field = details.fields["assessment_received_by_employee"]
    form = details._forms["assessment_received_by_employee"]
    label = form.labelForField(field.editor.parentWidget())
    assert label.text() == "Formulier ontvangen door werknemer"
    fill(qtbot, field.editor, "03-09-2026")
    assert field.commit()
    stored = dossier.trajectories.get(trajectory.id)
    assert stored.assessment_received_by_employee == date(2026, 9, 3)
    appeal = next(s for s in details.timeline.steps() if s.key == "beroep")
    assert appeal.due == date(2026, 9, 24)  # 21 days from the day after 3 September


# -- point 11: a back-dated contact --------------------------------------------------------

def test_a_back_dated_contact_proposes_the_next_one_from_the_agreement_valid_then(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier) -> None:
    jan = dossier.employees.add("Jan Verhoeven")
    absence = dossier.absences.add(jan.id, date(2026, 9, 1))
    dossier.absences.set_agreement(absence.id, date(2026, 9, 1), contact_role=ContactRole.HR,
                                   every_days=7)
    dossier.absences.set_agreement(absence.id, TODAY, contact_role=ContactRole.HR, every_days=14)
    dialog = keep(ContactDialog(dossier, dossier.absences.get(absence.id), TODAY))
    dialog.show()
    assert dialog.next_contact.text() == "07-12-2026"  # today + 14 under today's agreement
    fill(qtbot, dialog.date, "27-09-2026")
    assert dialog.next_contact.text() == "04-10-2026"  # weekly, as agreed on 27 September
    click(qtbot, dialog.ok_button)
    [entry] = dossier.absences.get(absence.id).contacts
    assert entry.at.date() == date(2026, 9, 27) and entry.next_contact == date(2026, 10, 4)


# -- point 16: one day without a certificate -------------------------------------------------

def test_one_day_without_certificate_in_size_notes_letter_and_absence_dialog(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier, tmp_path: Path) -> None:
    kim = dossier.employees.add("Kim Dewitte")
    page = keep(OrganisationPage(dossier, DossierEvents()))
    page._update_size_notes(60)
    rule = "twee keer per kalenderjaar één dag afwezig zijn zonder ziekteattest"
    assert rule in page.size_notes.text()
    page._update_size_notes(12)
    assert "twee keer per kalenderjaar één dag" not in page.size_notes.text()

    absence = dossier.absences.add(kim.id, date(2026, 11, 20), returned_on=TODAY)
    texts: dict[int, str] = {}
    for count in (60, 12):
        dossier.organisation.update(employee_count=count)
        letter = InfoLetter(dossier.organisation.get(), kim, absence, None, {}, TODAY)
        path = render_info_letter(letter, tmp_path / f"brief-{count}.pdf")
        texts[count] = " ".join(
            " ".join(p.extract_text().split()) for p in pypdf.PdfReader(path).pages)
    assert ONE_DAY_WITHOUT_CERTIFICATE in texts[60]
    assert ONE_DAY_WITHOUT_CERTIFICATE not in texts[12]


@pytest.mark.parametrize(("count", "shown"), [(60, True), (12, False)])
def test_the_absence_dialog_notes_a_day_without_certificate_from_50_workers(
        qtbot: QtBot, keep: Callable[[W], W], dossier: Dossier, count: int, shown: bool) -> None:
    kim = dossier.employees.add("Kim Dewitte")
    dossier.absences.add(kim.id, date(2026, 3, 4), returned_on=date(2026, 3, 5))  # in March
    dossier.organisation.update(employee_count=count)
    dialog = keep(AbsenceDialog(dossier, TODAY, employee_id=kim.id))
    dialog.show()
    fill(qtbot, dialog.starts, "20-11-2026")  # Friday
    fill(qtbot, dialog.returned_on, "23-11-2026")  # back on Monday
    assert dialog.one_day_note.isVisible() is shown
    if shown:
        assert "twee keer per kalenderjaar" in dialog.one_day_note.text()
        assert "Eerder in 2026 al geregistreerd: 1 afwezigheid" in dialog.one_day_note.text()
        fill(qtbot, dialog.certificate_to, "20-11-2026")
        assert not dialog.one_day_note.isVisible()
