"""The `Preventieve verzoeken` and `Medische overmacht` dialogs, as a user meets them.

Stored, closed, reopened: the dialog shows what was typed; the privacy guard warns on
medical words; the buttons on `Medewerkers` and `Afwezigheden` open them when they apply.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.force_majeure import ForceMajeureDialog
from kmo_reintegratie.ui.dialogs.preventive_requests import PreventiveRequestsDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage
from kmo_reintegratie.ui.pages.employees_page import EmployeesPage

TODAY = date.today()


@pytest.fixture
def people(dossier_path: Path) -> Path:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan Peeters")
        dossier.absences.add(jan.id, TODAY - timedelta(days=300))  # about 10 months
        els = dossier.employees.add("Els Wuyts")
        dossier.absences.add(els.id, TODAY - timedelta(days=60))
    return dossier_path


def _employee(dossier: Dossier, name: str):
    return next(e for e in dossier.employees.list() if e.name == name)


def test_a_request_typed_in_the_dialog_is_there_after_reopening(qtbot: QtBot, people: Path) -> None:
    with Dossier.open(people) as dossier:
        jan = _employee(dossier, "Jan Peeters")
        dialog = PreventiveRequestsDialog(dossier, jan, TODAY)
        qtbot.addWidget(dialog)
        dialog.requested_on.setText("01-02-2026")
        dialog.advice_received_on.setText("12-02-2026")
        dialog.advice.setPlainText("Bureau in hoogte verstelbaar")
        assert dialog.save() is not None
        assert "zo snel mogelijk" in dialog.duty.text() and "Te bevestigen" in dialog.duty.text()
        dialog.answered_on.setText("20-02-2026")
        dialog.answer.setPlainText("Verstelbaar bureau vanaf 1 maart")
        assert dialog.save() is not None
        dialog.close()
    with Dossier.open(people) as dossier:
        dialog = PreventiveRequestsDialog(dossier, _employee(dossier, "Jan Peeters"), TODAY)
        qtbot.addWidget(dialog)
        assert dialog.table.model().rowCount() == 1
        assert dialog.requested_on.text() == "01-02-2026"
        assert dialog.advice.toPlainText() == "Bureau in hoogte verstelbaar"
        assert dialog.answer.toPlainText() == "Verstelbaar bureau vanaf 1 maart"
        assert "Beantwoord op 20-02-2026" in dialog.duty.text()
        dialog.close()


def test_medical_words_in_the_advice_are_flagged_and_bad_dates_refused(
        qtbot: QtBot, people: Path) -> None:
    with Dossier.open(people) as dossier:
        dialog = PreventiveRequestsDialog(dossier, _employee(dossier, "Jan Peeters"), TODAY)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.advice.setPlainText("Hij heeft een hernia")
        dialog.advice_guard.check_now()
        assert dialog.advice_guard.has_warning() and dialog.advice_guard.label.isVisible()
        dialog.requested_on.setText("01-02-2026")
        dialog.visit_on.setText("15-01-2026")
        assert dialog.save() is None
        assert "vóór het verzoek" in dialog.error.text()
        assert dossier.preventive_requests.of_employee(_employee(dossier, "Jan Peeters").id) == []
        dialog.close()


def test_force_majeure_ticks_and_notice_date_are_kept(qtbot: QtBot, people: Path) -> None:
    with Dossier.open(people) as dossier:
        jan = _employee(dossier, "Jan Peeters")
        [absence] = dossier.absences.of_employee(jan.id)
        dialog = ForceMajeureDialog(dossier, absence, jan, TODAY)
        qtbot.addWidget(dialog)
        assert "einde van de arbeidsovereenkomst" in dialog.warning.text()
        assert "geen juridisch advies" in dialog.warning.text()
        assert "Voldaan" in dialog.condition_labels["negen_maanden"].text()
        assert "Voldaan" in dialog.condition_labels["geen_traject"].text()
        dialog.steps["kennisgeving_intentie"].setChecked(True)
        dialog.steps["aangetekend_arbeidsarts"].setChecked(True)
        dialog.notice_sent_on.setText("01-12-2026")
        assert dialog.save() is not None
        assert "ten vroegste" in dialog.dates.text() and "11-12-2026" in dialog.dates.text()
        dialog.close()
    with Dossier.open(people) as dossier:
        jan = _employee(dossier, "Jan Peeters")
        [absence] = dossier.absences.of_employee(jan.id)
        dialog = ForceMajeureDialog(dossier, absence, jan, TODAY)
        qtbot.addWidget(dialog)
        ticked = {key for key, box in dialog.steps.items() if box.isChecked()}
        assert ticked == {"kennisgeving_intentie", "aangetekend_arbeidsarts"}
        assert dialog.notice_sent_on.text() == "01-12-2026"
        dialog.close()


def test_the_absence_page_offers_force_majeure_only_after_nine_months(
        qtbot: QtBot, people: Path) -> None:
    with Dossier.open(people) as dossier:
        page = AbsencesPage(dossier, DossierEvents(), lambda: TODAY)
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        jan_absence = dossier.absences.of_employee(_employee(dossier, "Jan Peeters").id)[0]
        els_absence = dossier.absences.of_employee(_employee(dossier, "Els Wuyts").id)[0]
        assert page.select_absence(els_absence.id)
        assert not page.force_majeure_button.isEnabled()
        assert "Mogelijk vanaf" in page.force_majeure_button.toolTip()
        assert page.open_force_majeure() is None
        assert page.select_absence(jan_absence.id)
        assert page.force_majeure_button.isEnabled()
        dialog = page.open_force_majeure()
        assert isinstance(dialog, ForceMajeureDialog) and dialog.isVisible()
        dialog.close()
        page.close()


def test_the_staff_page_opens_the_register_of_the_selected_employee(
        qtbot: QtBot, people: Path) -> None:
    with Dossier.open(people) as dossier:
        page = EmployeesPage(dossier, DossierEvents(), lambda: TODAY)
        qtbot.addWidget(page)
        page.show()
        assert not page.preventive_button.isEnabled()
        assert page.select_employee(_employee(dossier, "Els Wuyts").id)
        assert page.preventive_button.isEnabled()
        dialog = page.open_preventive_requests()
        assert isinstance(dialog, PreventiveRequestsDialog)
        assert "Els Wuyts" in dialog.windowTitle()
        dialog.close()
        page.close()


def test_read_only_dossier_shows_but_does_not_store(qtbot: QtBot, people: Path) -> None:
    with Dossier.open(people, read_only=True) as dossier:
        dialog = PreventiveRequestsDialog(dossier, _employee(dossier, "Jan Peeters"), TODAY)
        qtbot.addWidget(dialog)
        assert not dialog.save_button.isEnabled() and dialog.advice.isReadOnly()
        dialog.close()


def test_print_buttons_store_first_and_print_the_record_on_screen(
        qtbot: QtBot, people: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kmo_reintegratie.ui import printing

    asked: list[tuple[str, object]] = []
    def fake_print(_parent: object, _path: Path, name: str, *, options: object, title: str) -> None:
        asked.append((name, options))

    monkeypatch.setattr(printing, "print_document", fake_print)
    with Dossier.open(people) as dossier:
        jan = _employee(dossier, "Jan Peeters")
        dialog = PreventiveRequestsDialog(dossier, jan, TODAY)
        qtbot.addWidget(dialog)
        dialog.requested_on.setText("01-02-2026")
        dialog.print_answer()
        [request] = dossier.preventive_requests.of_employee(jan.id)  # stored before printing
        [absence] = dossier.absences.of_employee(jan.id)
        fm = ForceMajeureDialog(dossier, absence, jan, TODAY)
        qtbot.addWidget(fm)
        fm.notice_sent_on.setText("01-12-2026")
        fm.print_notice()
        assert dossier.force_majeure.get(absence.id) is not None
        dialog.close()
        fm.close()
    (first, first_options), (second, second_options) = asked
    assert first == "preventief" and second == "overmacht"
    assert first_options.request_id == request.id  # type: ignore[attr-defined]
    assert second_options.absence_id == absence.id  # type: ignore[attr-defined]
