"""The information letter as the employee reads it (issue 14, point 2).

One consistent letter per kind of incapacity, no promise of guaranteed salary for a possible
relapse, a sentence that fits a wish for no contact, the address where a window envelope
shows it, and the salutation chosen in the print dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from pdf_text import contains, flat, page_texts, text_runs
from pytestqt.qtbot import QtBot
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from kmo_reintegratie.__main__ import main
from kmo_reintegratie.absence import Absence, Employee, IncapacityKind
from kmo_reintegratie.documents import letter_texts as lt
from kmo_reintegratie.documents.exporters_people import export_infobrief
from kmo_reintegratie.documents.info_letter_pdf import InfoLetter, render_info_letter
from kmo_reintegratie.documents.letter_layout import ADDRESS_LEFT, ADDRESS_TOP
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.legal.base import Statute
from kmo_reintegratie.organisation import Organisation
from kmo_reintegratie.preventive_request import PreventiveRequest
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.background import wait_for_background_jobs
from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog
from kmo_reintegratie.ui.dialogs.salutation_dialog import SalutationDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage

TODAY = date.today()
MM = 72 / 25.4
A4_HEIGHT = 297 * MM
ILLNESS_WISH = "We vinden het jammer dat u ziek bent"


def read(path: Path) -> str:
    """The letter's text, hyphenation undone, on one line."""
    return flat(" ".join(page_texts(path)))


def letter_of(dossier: Dossier, tmp_path: Path, name: str, **options: object) -> Path:
    [pdf] = export_infobrief(dossier, tmp_path / name, ExportOptions(employee=name, **options))
    return pdf


def render(tmp_path: Path, *, kind: IncapacityKind = IncapacityKind.ZIEKTE,
           statute: Statute = Statute.BEDIENDE, starts: date = TODAY - timedelta(days=3),
           address: str = "", **fields: object) -> str:
    employee = Employee(7, "Koen Verhaegen", staff_number="101", statute=statute,
                        in_service_from=date(2015, 9, 1), address=address)
    absence = Absence(1, 7, starts, kind=kind)
    letter = InfoLetter(Organisation(name="Ter Linde", city="Dendermonde"), employee, absence,
                        None, {}, TODAY, **fields)
    path = render_info_letter(letter, tmp_path / f"{kind.value}-{statute.value}.pdf")
    return read(path)


# --------------------------------------------------------------------------- per kind


def test_the_letter_after_a_work_accident_speaks_of_the_accident_and_its_insurer(
        demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        tom = letter_of(dossier, tmp_path, "Tom Maes")  # absent after a work accident
    text = read(tom)
    assert "Beste Tom," in text
    assert "We vinden het erg dat u een ongeval had" in text
    assert ILLNESS_WISH not in text and "ziek bent" not in text
    assert "Het ziekteattest" not in text and "Het medisch attest." in text
    pay = text[text.index(lt.PAY_HEADING):text.index("Bij wie kunt u terecht?")]
    assert "arbeidsongevallenverzekeraar" in pay
    assert "uitkering van uw ziekenfonds in plaats van uw loon" not in pay  # not the illness payer
    assert "31e dag" not in pay and "15e dag" not in pay
    assert "adviserend arts van uw ziekenfonds" not in text  # part-time return: the insurer
    assert "pas starten als uw tijdelijke arbeidsongeschiktheid door het ongeval voorbij is" in text
    assert "Voor een afwezigheid van één dag" not in text  # about illness only


def test_an_occupational_disease_names_fedris_and_an_illness_the_health_insurer(
        tmp_path: Path) -> None:
    disease = render(tmp_path, kind=IncapacityKind.BEROEPSZIEKTE)
    assert "Fedris" in disease and ILLNESS_WISH not in disease
    assert "arbeidsongevallenverzekeraar" not in disease
    illness = render(tmp_path)
    assert ILLNESS_WISH in illness and "Het ziekteattest." in illness
    assert "Fedris" not in illness and "arbeidsongevallenverzekeraar" not in illness
    assert flat(lt.PAY_BEDIENDE) in illness
    private = render(tmp_path, kind=IncapacityKind.ONGEVAL_PRIVE)
    assert "ongeval had" in private and ILLNESS_WISH not in private
    assert flat(lt.PAY_BEDIENDE) in private  # an accident in private life: as an illness


def test_an_arbeider_reads_the_arbeider_scheme_and_a_late_letter_the_past(tmp_path: Path) -> None:
    assert flat(lt.PAY_ARBEIDER) in render(tmp_path, statute=Statute.ARBEIDER)
    late = render(tmp_path, starts=TODAY - timedelta(days=60))
    assert "betaalden wij uw gewaarborgd loon" in late
    day_31 = TODAY - timedelta(days=60) + timedelta(days=30)
    assert f"Sinds {day_31.day} " in late and "Wij betalen eerst" not in late


def test_the_visit_before_the_return_and_the_trajectory_can_be_asked(tmp_path: Path) -> None:
    text = render(tmp_path)
    assert contains(text, "vragen om een bezoek voorafgaand aan de werkhervatting")
    assert contains(text, "schriftelijk vragen om een re-integratietraject te starten")
    assert "vanaf de eerste dag van uw arbeidsongeschiktheid" in text


# --------------------------------------------------------------------------- relapse, contact


def test_a_registered_relapse_promises_no_30_days(demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        ahmed = letter_of(dossier, tmp_path, "Ahmed Benali")  # registered as a relapse
    text = read(ahmed)
    assert "herval" in text
    for promise in ("eerste 30 kalenderdagen", "30e dag", "31e dag", "Wij betalen eerst"):
        assert promise not in text


def test_an_absence_soon_after_a_return_is_treated_as_a_possible_relapse(
        dossier_path: Path, tmp_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan Peeters", statute=Statute.BEDIENDE,
                                    in_service_from=date(2015, 1, 1))
        dossier.absences.add(jan.id, TODAY - timedelta(days=60),
                             returned_on=TODAY - timedelta(days=30))
        # 20 days after the return, not registered as a relapse.
        running = dossier.absences.add(jan.id, TODAY - timedelta(days=10))
        text = read(letter_of(dossier, tmp_path, "Jan Peeters"))
        assert "herval" in text and "30e dag" not in text
        # A work accident is never a relapse: guaranteed salary is due again.
        dossier.absences.update(running.id, kind=IncapacityKind.ARBEIDSONGEVAL)
        text = read(letter_of(dossier, tmp_path / "ongeval", "Jan Peeters"))
        assert "herval" not in text and "arbeidsongevallenverzekeraar" in text


def test_a_relapse_after_adapted_work_in_a_plan_gets_no_guaranteed_salary(
        dossier_path: Path, tmp_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        jan = dossier.employees.add("Jan Peeters", in_service_from=date(2015, 1, 1))
        first = dossier.absences.add(jan.id, TODAY - timedelta(days=200),
                                     returned_on=TODAY - timedelta(days=30),
                                     returned_to_adapted_work=True)
        dossier.absences.add(jan.id, TODAY - timedelta(days=5), relapse_of=first.id)
        text = read(letter_of(dossier, tmp_path, "Jan Peeters"))
    assert flat(lt.PAY_AFTER_REINTEGRATION_WORK) in text
    assert "Wij betalen eerst" not in text and "30e dag" not in text


def test_a_wish_for_no_contact_gets_its_own_sentence(demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        els = letter_of(dossier, tmp_path, "Els Wuyts")  # asked not to be contacted
    text = read(els)
    assert "Dit contact is bedoeld" not in text
    assert flat(lt.NO_CONTACT_RESPECTED) in text
    assert "U kunt zelf altijd contact opnemen met Sofie Peeters van de personeelsdienst." in text
    assert flat(lt.NO_CONTACT_LATER) in text
    assert "neemt contact met u op" not in text and "Zo staat het in" not in text


def test_an_old_default_intro_stored_in_a_dossier_is_replaced(demo_path: Path,
                                                             tmp_path: Path) -> None:
    [intro] = [t for t in lt.INFO_LETTER_TEXTS if t.key == "infobrief.inleiding"]
    with Dossier.open(demo_path) as dossier:
        dossier.absences.set_document_text("infobrief.inleiding", intro.earlier_defaults[0])
        text = read(letter_of(dossier, tmp_path, "Tom Maes"))
    assert "Bewaar hem bij de hand" not in text and ILLNESS_WISH not in text
    assert flat(intro.default) in text


# --------------------------------------------------------------------------- salutation, layout


def test_the_salutation_is_the_first_name_or_the_chosen_form(demo_path: Path,
                                                           tmp_path: Path) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        default = read(letter_of(dossier, tmp_path / "a", "Koen"))
        formal = read(letter_of(dossier, tmp_path / "b", "Koen",
                                salutation="Geachte heer Verhaegen"))
        with pytest.raises(ValueError, match="één brief"):
            export_infobrief(dossier, tmp_path / "c", ExportOptions(salutation="Beste collega,"))
    assert "Beste Koen," in default and "Beste Koen Verhaegen" not in default
    assert "Geachte heer Verhaegen," in formal and "Beste Koen" not in formal


def test_the_address_sits_in_the_window_of_the_envelope(tmp_path: Path) -> None:
    render(tmp_path, address="Kerkstraat 1 bus 3\n9200 Dendermonde\n")
    runs = [r for r in text_runs(tmp_path / "ziekte-bediende.pdf") if r.page == 1]

    def line(text: str) -> tuple[float, float]:
        run = next(r for r in runs if r.text.startswith(text))
        return run.x / MM, (A4_HEIGHT - run.y) / MM  # mm from the left and from the top

    lines = [line("Koen Verhaegen"), line("Kerkstraat 1 bus 3"), line("9200 Dendermonde")]
    for left, top in lines:
        assert left == pytest.approx(ADDRESS_LEFT / MM, abs=0.5)
        # A DL right window shows 105–195 mm across and 50–84 mm down, whatever the play.
        assert 105 <= left <= 195 and 50 <= top <= 84
    assert lines[0][1] == pytest.approx(ADDRESS_TOP / MM + 3.5, abs=1.5)  # baseline of line 1
    assert lines[0][1] < lines[1][1] < lines[2][1]  # one line each, in order
    text = read(tmp_path / "ziekte-bediende.pdf")
    assert "Ons kenmerk INFO-101-" in text and "Datum Dendermonde," in text


def test_the_preventive_letter_shares_the_window_layout_and_salutation(
        dossier: Dossier, tmp_path: Path) -> None:
    jan = dossier.employees.add("Jan Peeters", address="Kerkstraat 1\n9200 Dendermonde")
    dossier.preventive_requests.save(PreventiveRequest(0, jan.id, date(2026, 2, 1)))
    options = ExportOptions(salutation="Geachte heer Peeters")
    [pdf] = DOCUMENTS["preventief"].export(dossier, tmp_path / "pv", options)
    text = read(pdf)
    assert "Geachte heer Peeters," in text and "Aan Jan Peeters" not in text
    assert "Ons kenmerk PV-" in text
    kerkstraat = next(r for r in text_runs(pdf) if r.text.startswith("Kerkstraat 1"))
    assert kerkstraat.x == pytest.approx(ADDRESS_LEFT, abs=1)


@pytest.fixture
def dossier(dossier_path: Path) -> Iterator[Dossier]:
    with Dossier.open(dossier_path) as opened:
        yield opened


def test_the_command_line_takes_a_salutation_for_one_letter(
        demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "brieven"
    code = main(["export", str(demo_path), "infobrief", "-o", str(out), "--werknemer", "wuyts",
                 "--aanspreking", "Geachte mevrouw Wuyts"])
    assert code == 0, capsys.readouterr().err
    [letter] = list(out.iterdir())
    assert "Geachte mevrouw Wuyts," in read(letter)
    code = main(["export", str(demo_path), "plan", "-o", str(tmp_path / "p"),
                 "--aanspreking", "Beste Koen,"])
    assert code == 2 and "enkel voor een brief" in capsys.readouterr().err
    code = main(["export", str(demo_path), "infobrief", "-o", str(tmp_path / "alle"),
                 "--aanspreking", "Beste Koen,"])
    assert code == 2 and "één brief" in capsys.readouterr().err


# --------------------------------------------------------------------------- the dialog


def shown(qtbot: QtBot, dialog: QDialog) -> QDialog:
    """``dialog`` on screen and active, as after a click: keys go where a user's would."""
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_the_dialog_offers_three_salutations_by_keyboard(qtbot: QtBot) -> None:
    dialog = SalutationDialog("Marc Van Damme")
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    assert [b.text() for b in dialog.choices] == [
        "Beste Marc,", "Geachte heer Van Damme,", "Geachte mevrouw Van Damme,"]
    assert dialog.choices[0].isChecked() and dialog.choices[0].hasFocus()
    assert dialog.salutation() == "Beste Marc,"
    qtbot.keyClick(dialog.choices[0], Qt.Key.Key_Down)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    assert dialog.choices[2].isChecked()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.salutation() == "Geachte mevrouw Van Damme,"


def test_the_dialog_takes_an_own_salutation_but_not_an_empty_one(qtbot: QtBot) -> None:
    dialog = SalutationDialog("Jan Pieter Janssens")
    qtbot.addWidget(dialog)
    shown(qtbot, dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Andere
    qtbot.waitUntil(dialog.other.isChecked)  # a mnemonic clicks after a short animation
    assert dialog.other_edit.hasFocus()
    qtbot.keyClick(dialog.other_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "leeg" in dialog.error.text()
    qtbot.keyClicks(dialog.other_edit, "Beste Jan Pieter")
    qtbot.keyClick(dialog.other_edit, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.salutation() == "Beste Jan Pieter,"


def test_infobrief_afdrukken_asks_the_salutation_and_prints_the_shown_absence(
        qtbot: QtBot, demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = next(e for e in dossier.employees.list() if e.name == "Koen Verhaegen")
        old = dossier.absences.add(koen.id, TODAY - timedelta(days=400),
                                   returned_on=TODAY - timedelta(days=390))
    dossier = Dossier.open(demo_path)
    page = AbsencesPage(dossier, DossierEvents(), lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    assert page.select_absence(old.id)  # an earlier absence, not the running one
    page.contact.print_letter_button.click()
    dialog = page.findChild(SalutationDialog)
    assert dialog is not None and dialog.isVisible()
    shown(qtbot, dialog)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Down)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(page.findChildren(PrintPreviewDialog)), timeout=20_000)
    [preview] = page.findChildren(PrintPreviewDialog)
    assert old.starts.isoformat() in preview.pdf.name
    assert "Geachte heer Verhaegen," in read(preview.pdf)
    preview.close()
    page.close()
    dossier.close()
