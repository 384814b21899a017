"""`Medewerkers` driven through its real widgets: list, dialog and import."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QLineEdit, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Employee, RegimePeriod
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog
from kmo_reintegratie.ui.dialogs.import_dialog import ImportDialog, Step
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.employee_model import (
    Column,
    EmployeeFilter,
    EmployeeTableModel,
    StatusFilter,
)
from kmo_reintegratie.ui.pages.employees_page import EmployeesPage

TODAY = date(2026, 11, 23)


@dataclass
class Opened:
    page: EmployeesPage
    dossier: Dossier
    events: DossierEvents
    closed: bool = False

    def close(self) -> None:
        if not self.closed:
            self.page.close()
            self.dossier.close()
            self.closed = True


@pytest.fixture
def open_page(qtbot: QtBot) -> Iterator[Callable[..., Opened]]:
    opened: list[Opened] = []

    def open_(path: Path, *, read_only: bool = False) -> Opened:
        dossier = Dossier.open(path, read_only=read_only)
        events = DossierEvents()
        page = EmployeesPage(dossier, events, lambda: TODAY)
        qtbot.addWidget(page)
        page.resize(1100, 650)
        with qtbot.waitActive(page):  # keyboard shortcuts need the active window
            page.show()
            page.activateWindow()
        result = Opened(page, dossier, events)
        opened.append(result)
        return result

    yield open_
    for item in opened:
        item.close()


def names(page: EmployeesPage) -> list[str]:
    return [e.name for e in page.visible_employees()]


def stored(path: Path) -> dict[str, Employee]:
    with Dossier.open(path, read_only=True) as dossier:
        return {e.name: e for e in dossier.employees.list()}


def editor(dialog: EmployeeDialog, name: str) -> QLineEdit:
    widget = dialog.findChild(QLineEdit, name)
    assert widget is not None, name
    return widget


def click(qtbot: QtBot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


# -- the list -------------------------------------------------------------------------------


def test_demo_list_with_count_and_regimes(open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path).page
    total = len(stored(demo_path))
    assert page.model.rowCount() == total
    assert page.count_label.text().startswith(f"{total} medewerkers, ")
    row = names(page).index("Fatima Ouali")
    assert page.proxy.index(row, Column.REGIME).data() == "19 u (50%)"
    row = names(page).index("Koen Verhaegen")
    assert page.proxy.index(row, Column.REGIME).data() == "38 u/week"
    assert page.proxy.index(row, Column.IN_SERVICE).data() == "01-09-2012"


def test_search_narrows_the_list(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path).page
    before = len(names(page))
    qtbot.keyClicks(page.search, "keuken")
    shown = page.visible_employees()
    assert 0 < len(shown) < before
    assert all("keuken" in f"{e.function} {e.department}".casefold() for e in shown)
    assert page.count_label.text().endswith(f"— {len(shown)} getoond")
    page.search.clear()
    qtbot.keyClicks(page.search, "ria mertens")  # also finds who has Ria as manager
    assert {"Ria Mertens", "Els Wuyts"} <= set(names(page))
    page.search.clear()
    assert len(names(page)) == before


def test_ctrl_f_focuses_the_search(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path).page
    page.view.setFocus()
    qtbot.keyClick(page, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_sort_by_clicking_the_headers(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path).page
    assert names(page) == sorted(names(page), key=str.casefold)
    header = page.view.horizontalHeader()

    def click_header(column: int) -> None:
        x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))

    click_header(Column.NAME)
    assert names(page) == sorted(names(page), key=str.casefold, reverse=True)
    click_header(Column.IN_SERVICE)
    starts = [e.in_service_from for e in page.visible_employees()]
    assert starts == sorted(starts)  # type: ignore[type-var]
    click_header(Column.REGIME)
    hours = [e.regime_on(TODAY).hours_per_week for e in page.visible_employees()]  # type: ignore[union-attr]
    assert hours == sorted(hours)


def test_status_filter_and_out_of_service(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    opened = open_page(demo_path)
    page = opened.page
    active = len(names(page))
    page.select_employee(next(e.id for e in page.visible_employees() if e.name == "Tom Maes"))
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("30-11-2026", True))
    with qtbot.waitSignal(opened.events.employees_changed):
        click(qtbot, page.out_button)
    assert stored(demo_path)["Tom Maes"].out_of_service_from == date(2026, 11, 30)
    assert "Tom Maes" not in names(page) and len(names(page)) == active - 1
    page.status_combo.setCurrentIndex(page.status_combo.findData(StatusFilter.FORMER.value))
    assert "Tom Maes" in names(page)
    row = names(page).index("Tom Maes")
    assert page.proxy.index(row, Column.STATUS).data() == "Uit dienst"
    assert page.proxy.index(row, Column.STATUS).data(Qt.ItemDataRole.ToolTipRole) == "Uit dienst vanaf 30-11-2026"


def test_delete_warns_about_absences(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(demo_path).page
    texts: list[str] = []

    def answer(box: QMessageBox, choice: QMessageBox.StandardButton) -> int:
        texts.append(box.text())
        return int(choice.value)

    page.select_employee(next(e.id for e in page.visible_employees() if e.name == "Ahmed Benali"))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, QMessageBox.StandardButton.Cancel))
    click(qtbot, page.delete_button)
    assert "Ahmed Benali" in stored(demo_path)
    assert "2 afwezigheid/afwezigheden" in texts[0] and "uit dienst" in texts[0]

    monkeypatch.setattr(QMessageBox, "exec", lambda box: answer(box, QMessageBox.StandardButton.Yes))
    click(qtbot, page.delete_button)
    assert "Ahmed Benali" not in stored(demo_path)
    assert "Ahmed Benali" not in names(page)


def test_employee_requested_selects_even_when_filtered(open_page: Callable[..., Opened], demo_path: Path) -> None:
    opened = open_page(demo_path)
    with Dossier.open(demo_path, read_only=True) as dossier:
        lotte = next(e for e in dossier.employees.list() if e.name == "Lotte De Wilde")
    opened.page.search.setText("keuken")
    opened.events.employee_requested.emit(lotte.id)
    selected = opened.page.selected_employee()
    assert selected is not None and selected.id == lotte.id
    assert opened.page.search.text() == ""


def test_read_only_dossier_cannot_be_changed(open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path, read_only=True).page
    page.select_employee(page.visible_employees()[0].id)
    assert not page.new_button.isEnabled() and not page.import_button.isEnabled()
    assert not page.out_button.isEnabled() and not page.delete_button.isEnabled()
    assert page.edit_button.text() == "&Bekijken…"
    assert page.open_import(Path("x.csv")) is None


# -- the employee dialog ------------------------------------------------------------------------


def test_add_an_employee_through_the_dialog(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    opened = open_page(demo_path)
    page = opened.page
    qtbot.keyClick(page, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = page.dialog
    assert isinstance(dialog, EmployeeDialog) and dialog.isVisible()
    qtbot.keyClicks(editor(dialog, "name"), "Zo")
    editor(dialog, "name").insert("ë")  # QTest types ASCII only
    qtbot.keyClicks(editor(dialog, "name"), " Dupont")
    qtbot.keyClicks(editor(dialog, "staff_number"), "0815")
    qtbot.keyClicks(editor(dialog, "function"), "Kok")
    department = dialog.findChild(QComboBox, "department")
    assert department is not None
    qtbot.keyClicks(department.lineEdit(), "Keuken")
    statute = dialog.findChild(QComboBox, "statute")
    assert statute is not None
    statute.setCurrentIndex(statute.findData(Statute.ARBEIDER.value))
    qtbot.keyClicks(editor(dialog, "in_service_from"), "1-3-2024")
    qtbot.keyClicks(editor(dialog, "hours"), "19,5")
    qtbot.keyClicks(editor(dialog, "email"), "zoe@voorbeeld.be")
    with qtbot.waitSignal(opened.events.employees_changed):
        click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()

    zoe = stored(demo_path)["Zoë Dupont"]
    assert (zoe.staff_number, zoe.function, zoe.department, zoe.statute, zoe.in_service_from, zoe.email) == (
        "0815", "Kok", "Keuken", Statute.ARBEIDER, date(2024, 3, 1), "zoe@voorbeeld.be")
    assert zoe.regimes == (RegimePeriod(date(2024, 3, 1), 19.5),)
    selected = page.selected_employee()
    assert selected is not None and selected.name == "Zoë Dupont"
    assert page.message.text() == "Zoë Dupont toegevoegd."


def test_a_wrong_date_shows_a_message_and_stores_nothing(
    qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path
) -> None:
    page = open_page(demo_path).page
    before = stored(demo_path)
    click(qtbot, page.new_button)
    dialog = page.dialog
    assert isinstance(dialog, EmployeeDialog)
    qtbot.keyClicks(editor(dialog, "name"), "Jan Peeters")
    qtbot.keyClicks(editor(dialog, "in_service_from"), "31-02-2024")
    qtbot.keyClicks(editor(dialog, "email"), "geen-adres")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert dialog.errors["in_service_from"].isVisible()
    assert dialog.errors["in_service_from"].text() == "31-02-2024 bestaat niet als datum; controleer dag en maand."
    assert "e-mailadres" in dialog.errors["email"].text()
    assert stored(demo_path) == before

    # A year typed wrong (2062 for 2026) is refused too.
    editor(dialog, "in_service_from").clear()
    qtbot.keyClicks(editor(dialog, "in_service_from"), "01-09-2062")
    click(qtbot, dialog.ok_button)
    assert "meer dan een jaar in de toekomst" in dialog.errors["in_service_from"].text()
    assert stored(demo_path) == before

    editor(dialog, "in_service_from").clear()
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    assert not dialog.isVisible()
    assert stored(demo_path) == before


def test_a_name_is_required_and_a_shared_name_is_flagged(
    qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path
) -> None:
    page = open_page(demo_path).page
    dialog = page.open_new_employee()
    assert dialog is not None
    click(qtbot, dialog.ok_button)
    assert dialog.errors["name"].text() == "Een werknemer heeft een naam nodig."
    qtbot.keyClicks(editor(dialog, "name"), "els wuyts")
    assert dialog.name_note.isVisible()


def test_edit_adds_a_working_time_change(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path).page
    page.select_employee(next(e.id for e in page.visible_employees() if e.name == "Els Wuyts"))
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    dialog = page.dialog
    assert isinstance(dialog, EmployeeDialog) and dialog.isVisible()
    assert editor(dialog, "name").text() == "Els Wuyts"
    assert dialog.history_model.rowCount() == 1
    regime_from = editor(dialog, "regime_from")
    regime_from.clear()
    qtbot.keyClicks(regime_from, "01-01-2027")
    qtbot.keyClicks(editor(dialog, "hours"), "50%")
    click(qtbot, dialog.add_regime_button)
    assert dialog.history_model.rowCount() == 2
    assert dialog.history_model.item(0, 1).text() == "19 u (50%) (nog niet bewaard)"
    editor(dialog, "function").clear()
    qtbot.keyClicks(editor(dialog, "function"), "Kok")
    click(qtbot, dialog.ok_button)
    assert not dialog.isVisible()
    els = stored(demo_path)["Els Wuyts"]
    assert els.function == "Kok"
    assert els.regimes[-1] == RegimePeriod(date(2027, 1, 1), 19.0)


def test_same_names_are_shown_distinctly(open_page: Callable[..., Opened], dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Jan Peeters", department="Keuken")
        dossier.employees.add("Jan Peeters", department="Zorg")
        dossier.employees.add("Jan Peeters", staff_number="12", department="Zorg")
        dossier.employees.add("An Claes")
    page = open_page(dossier_path).page
    shown = [page.proxy.index(row, Column.NAME).data() for row in range(page.proxy.rowCount())]
    assert sorted(shown) == ["An Claes", "Jan Peeters (12)", "Jan Peeters (Keuken)", "Jan Peeters (Zorg)"]


# -- import -------------------------------------------------------------------------------------

IMPORT_CSV = (
    "Personeelsnummer;Naam;Voornaam;Functie;Statuut;Datum in dienst;Arbeidsregime\r\n"
    "9001;Dupré;Zoë;Kok;bediende;01/09/2019;0,5\r\n"
    "9002;Peeters;Jan;Kok;arbeider;15/03/2024;38\r\n"
    ";Verhaegen;Koen;Zorgkundige;bediende;01/09/2012;80%\r\n"
    "9003;Maes;Bram;Kok;arbeider;31/02/2024;38\r\n"
)


def test_import_csv_with_preview_and_dry_run(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
                                             tmp_path: Path) -> None:
    opened = open_page(demo_path)
    page = opened.page
    before = stored(demo_path)
    path = tmp_path / "personeel.csv"
    path.write_bytes(IMPORT_CSV.encode("cp1252"))

    dialog = page.open_import(path)
    assert isinstance(dialog, ImportDialog) and dialog.isVisible()
    assert dialog.steps.currentIndex() == Step.MAPPING
    assert "Windows-1252" in dialog.file_label.text()
    assert dialog.combos["first_name"].currentText() == "Voornaam"
    assert dialog.combos["last_name"].currentText() == "Naam"
    assert dialog.combos["hours_per_week"].currentText() == "Arbeidsregime"
    assert dialog.preview_model.rowCount() == 4
    assert dialog.preview_model.index(0, 1).data() == "Dupré"
    assert "→ Familienaam" in dialog.preview_model.headerData(1, Qt.Orientation.Horizontal)

    click(qtbot, dialog.dry_run_button)
    assert dialog.steps.currentIndex() == Step.DRY_RUN
    assert dialog.summary.text() == (
        "2 nieuw, 1 gewijzigd, 0 ongewijzigd, 1 rij met problemen (wordt overgeslagen); medewerkers die "
        "niet in het bestand staan blijven ongewijzigd.")
    assert dialog.lists["additions"].stringList()[0].startswith("Rij 2: Zoë Dupré — 9001, Kok, bediende, 19 u/week")
    assert dialog.lists["changes"].stringList() == [
        "Rij 4: Koen Verhaegen — Uren per week / breuk: 38 u/week → 30,4 u/week"]
    assert "31/02/2024 bestaat niet als datum" in dialog.lists["problems"].stringList()[0]
    assert stored(demo_path) == before  # the dry run wrote nothing

    with qtbot.waitSignal(opened.events.employees_changed):
        click(qtbot, dialog.import_button)
    assert not dialog.isVisible()
    assert page.message.text() == "Import klaar: 2 medewerker(s) toegevoegd, 1 gewijzigd."
    assert {"Zoë Dupré", "Jan Peeters"} <= set(names(page))
    opened.close()

    after = stored(demo_path)
    assert set(after) == set(before) | {"Zoë Dupré", "Jan Peeters"}  # nothing deleted
    assert after["Zoë Dupré"].regimes == (RegimePeriod(date(2019, 9, 1), 19.0),)
    assert after["Jan Peeters"].statute is Statute.ARBEIDER
    assert after["Koen Verhaegen"].regime_on(TODAY) == RegimePeriod(TODAY, 30.4)
    assert "Bram Maes" not in after


def test_import_xlsx_with_preview_and_dry_run(qtbot: QtBot, open_page: Callable[..., Opened],
                                              dossier_path: Path, tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Naam", "Functie", "Afdeling", "Statuut", "In dienst sinds", "Uren per week"])
    sheet.append(["Els Wuyts", "Kok", "Keuken", "Arbeider", datetime(2015, 9, 1), 30])
    sheet.append(["Ahmed Benali", "Technicus", "Logistiek", "ouvrier", datetime(2017, 9, 1), 38])
    path = tmp_path / "personeel.xlsx"
    workbook.save(path)
    page = open_page(dossier_path).page

    dialog = page.open_import(path)
    assert dialog is not None and dialog.steps.currentIndex() == Step.MAPPING
    assert "Excel-werkmap" in dialog.file_label.text()
    assert dialog.preview_model.index(0, 4).data() == "01-09-2015"
    click(qtbot, dialog.dry_run_button)
    assert dialog.summary.text().startswith("2 nieuw, 0 gewijzigd, 0 ongewijzigd, 0 rijen met problemen")
    click(qtbot, dialog.import_button)
    assert names(page) == ["Ahmed Benali", "Els Wuyts"]
    els = stored(dossier_path)["Els Wuyts"]
    assert (els.in_service_from, els.regimes) == (date(2015, 9, 1), (RegimePeriod(date(2015, 9, 1), 30.0),))


def test_a_dry_run_alone_changes_nothing(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
                                         tmp_path: Path) -> None:
    page = open_page(demo_path).page
    before = stored(demo_path)
    path = tmp_path / "personeel.csv"
    path.write_bytes(IMPORT_CSV.encode("cp1252"))
    dialog = page.open_import(path)
    assert dialog is not None
    click(qtbot, dialog.dry_run_button)
    click(qtbot, dialog.back_button)
    assert dialog.steps.currentIndex() == Step.MAPPING
    click(qtbot, dialog.dry_run_button)
    click(qtbot, dialog.cancel_button)
    assert not dialog.isVisible()
    assert stored(demo_path) == before


def test_a_bad_file_gets_a_dutch_message(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
                                         tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = open_page(demo_path).page
    path = tmp_path / "scheef.csv"
    path.write_text("Naam;Functie\nJan Peeters;Kok;Keuken\n", encoding="utf-8")
    dialog = page.open_import(path)
    assert dialog is not None and dialog.steps.currentIndex() == Step.FILE
    assert "Regel 2 heeft 3 waarden, maar de kopregel maar 2 kolommen" in dialog.file_error.text()
    assert not dialog.dry_run_button.isVisible() and not dialog.import_button.isVisible()

    good = tmp_path / "goed.csv"
    good.write_text("Naam;Functie\nJan Peeters;Kok\n", encoding="utf-8")
    monkeypatch.setattr("PySide6.QtWidgets.QFileDialog.getOpenFileName", lambda *a, **k: (str(good), ""))
    click(qtbot, dialog.findChild(QPushButton, "chooseFile"))
    assert dialog.steps.currentIndex() == Step.MAPPING


def test_the_name_column_is_required(qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
                                     tmp_path: Path) -> None:
    page = open_page(demo_path).page
    path = tmp_path / "lijst.csv"
    path.write_text("Medewerker;Functie\nJan Peeters;Kok\n", encoding="utf-8")
    dialog = page.open_import(path)
    assert dialog is not None and dialog.dry_run_button.isEnabled()
    dialog.combos["name"].setCurrentIndex(0)  # "(niet importeren)"
    assert not dialog.dry_run_button.isEnabled()
    assert "b00020" in dialog.mapping_note.styleSheet()


def test_nothing_to_import_disables_the_import_button(qtbot: QtBot, open_page: Callable[..., Opened],
                                                      demo_path: Path, tmp_path: Path) -> None:
    page = open_page(demo_path).page
    path = tmp_path / "lijst.csv"
    path.write_text("Naam;Functie\nKoen Verhaegen;Zorgkundige\n", encoding="utf-8")
    dialog = page.open_import(path)
    assert dialog is not None
    click(qtbot, dialog.dry_run_button)
    assert dialog.summary.text().startswith("0 nieuw, 0 gewijzigd, 1 ongewijzigd")
    assert not dialog.import_button.isEnabled()


# -- speed --------------------------------------------------------------------------------------


def test_model_with_2000_employees(qtbot: QtBot) -> None:
    staff = [
        Employee(i, f"Voornaam Naam{i % 1500}", staff_number=str(i), function=f"Functie {i % 40}",
                 department=f"Afdeling {i % 12}", statute=Statute.ARBEIDER if i % 2 else Statute.BEDIENDE,
                 in_service_from=date(2000 + i % 25, 1 + i % 12, 1), manager=f"Chef {i % 30}",
                 out_of_service_from=date(2025, 1, 1) if i % 50 == 0 else None,
                 regimes=(RegimePeriod(date(2010, 1, 1), 38.0 if i % 3 else 19.0),))
        for i in range(1, 2001)
    ]
    model = EmployeeTableModel()
    proxy = EmployeeFilter()
    proxy.setSourceModel(model)
    started = time.perf_counter()
    model.load(staff, TODAY)
    proxy.sort(Column.NAME)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    proxy.set_filter(text="naam12", status=StatusFilter.ALL)
    filtered = time.perf_counter() - started
    started = time.perf_counter()
    proxy.sort(Column.IN_SERVICE, Qt.SortOrder.DescendingOrder)
    resorted = time.perf_counter() - started
    print(f"\n2000 medewerkers: laden+sorteren {loaded * 1000:.0f} ms, zoeken {filtered * 1000:.0f} ms, "
          f"hersorteren {resorted * 1000:.0f} ms")
    assert model.rowCount() == 2000
    assert 0 < proxy.rowCount() < 2000
    # Names shared by several employees get their staff number.
    assert sum(1 for row in range(model.rowCount()) if "(" in model.index(row, Column.NAME).data()) > 0


def test_columns_fit_the_widest_name_of_many(open_page: Callable[..., Opened], dossier_path: Path) -> None:
    """Of many people the columns are fitted without measuring every name; a short name of
    wide letters still gets its room, as does the longest staff number."""
    with Dossier.open(dossier_path) as dossier:
        for i in range(120):
            dossier.employees.add(f"Lies Vandenbroucke-Verstraeten {i}", staff_number=str(1000 + i))
        dossier.employees.add("WWWWWWWW MMMMMMMM WWWWWWW", staff_number="9" * 12)
    o = open_page(dossier_path)
    o.page.resize(1400, 650)
    metrics = o.page.view.fontMetrics()
    assert o.page.view.columnWidth(Column.NAME) >= metrics.horizontalAdvance("WWWWWWWW MMMMMMMM WWWWWWW")
    assert o.page.view.columnWidth(Column.STAFF_NUMBER) >= metrics.horizontalAdvance("9" * 12)
    assert o.page.count_label.text() == "121 medewerkers, 0 uit dienst"
    o.page.search.setText("WWW")
    assert o.page.count_label.text() == "121 medewerkers, 0 uit dienst — 1 getoond"


# -- erasing a person's data -----------------------------------------------------------------------


def test_erase_dialog_anonymises_by_default_after_confirmation(
        qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    from PySide6.QtGui import QUndoStack

    from kmo_reintegratie.ui.dialogs.erase_dialog import EraseDialog
    from kmo_reintegratie.ui.undo import CallbackCommand

    opened = open_page(demo_path)
    page, events = opened.page, opened.events
    events.undo_stack = QUndoStack(events)
    events.undo_stack.push(CallbackCommand("iets", lambda: None, lambda: None))
    greet = stored(demo_path)["Greet Van Hoof"]
    page.select_employee(greet.id)
    assert ("Gegevens wissen…" in [a.text() for a in page.view.actions()]
            and page.erase_action.isEnabled())
    click(qtbot, page.erase_button)
    dialog = page.dialog
    assert isinstance(dialog, EraseDialog) and dialog.isVisible()
    assert dialog.anonymise_radio.isChecked()
    assert not dialog.ok_button.isEnabled()  # nothing happens without the confirmation
    assert "de notities bij 4 afwezigheden" in dialog.what_goes.text()
    assert "niet ongedaan" in dialog.confirm_check.text()
    dialog.confirm_check.setChecked(True)
    assert dialog.ok_button.text() == "Anonimiseren"
    click(qtbot, dialog.ok_button)
    after = stored(demo_path)
    assert "Greet Van Hoof" not in after and f"Persoon {greet.id} (geanonimiseerd)" in after
    assert "geanonimiseerd" in page.message.text()
    assert f"Persoon {greet.id} (geanonimiseerd)" in [e.name for e in page.model.employees()]
    assert events.undo_stack.count() == 0


def test_erase_all_removes_the_person_and_can_prune_older_backups(
        qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path) -> None:
    from kmo_reintegratie.store.backup import daily_backup, list_backups

    opened = open_page(demo_path)
    page = opened.page
    daily_backup(demo_path, opened.dossier.dossier_id or "", now=datetime(2026, 10, 1, 9))
    koen = stored(demo_path)["Koen Verhaegen"]
    page.select_employee(koen.id)
    dialog = page.erase_selected()
    assert dialog is not None
    assert "1 dagelijkse reservekopie van 01-10-2026" in dialog.backups_note.text()
    dialog.erase_radio.setChecked(True)
    assert "6 contacten" in dialog.what_goes.text() and dialog.ok_button.text() == "Alles wissen"
    dialog.prune_check.setChecked(True)
    dialog.confirm_check.setChecked(True)
    click(qtbot, dialog.ok_button)
    assert "Koen Verhaegen" not in stored(demo_path)
    assert "gewist" in page.message.text() and "1 oudere reservekopie(ën) verwijderd" in page.message.text()
    backups = list_backups(opened.dossier.dossier_id)
    assert len(backups) == 1 and b"Koen Verhaegen" not in backups[0].path.read_bytes()


def test_erasing_is_not_offered_read_only(open_page: Callable[..., Opened], demo_path: Path) -> None:
    page = open_page(demo_path, read_only=True).page
    page.select_employee(stored(demo_path)["Koen Verhaegen"].id)
    assert not page.erase_button.isEnabled() and not page.erase_action.isEnabled()
    assert page.erase_selected() is None


def test_an_anonymised_person_can_only_be_erased(open_page: Callable[..., Opened], demo_path: Path) -> None:
    from kmo_reintegratie.store import erasure

    opened = open_page(demo_path)
    greet = stored(demo_path)["Greet Van Hoof"]
    erasure.anonymise_employee(opened.dossier, greet.id, on=TODAY)
    opened.page.reload()
    opened.page.select_employee(greet.id)
    dialog = opened.page.erase_selected()
    assert dialog is not None and dialog.erase_radio.isChecked()
    assert not dialog.anonymise_radio.isEnabled()
    assert dialog.anonymise_radio.text() == "Anonimiseren (al gebeurd op 23-11-2026)"


def test_access_export_is_offered_for_the_selected_person_also_read_only(
        qtbot: QtBot, open_page: Callable[..., Opened], demo_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    asked: list[str] = []
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda parent, caption, *rest, **kw: asked.append(caption) or "")
    page = open_page(demo_path, read_only=True).page
    assert not page.access_action.isEnabled()  # nobody selected yet
    page.select_employee(next(e.id for e in page.visible_employees() if e.name == "Koen Verhaegen"))
    assert page.access_action.isEnabled()
    assert page.access_action in page.view.actions()
    page.access_action.trigger()
    assert asked == ["Map kiezen voor de inzage-export van Koen Verhaegen"]


def test_a_title_wider_than_its_column_ends_in_an_ellipsis_and_shows_whole_as_tooltip(
    open_page: Callable[..., Opened], demo_path: Path
) -> None:
    page = open_page(demo_path).page
    page.resize(830, 650)  # the table's share of a 1024 px window
    header = page.view.horizontalHeader()
    manager = next(c for c in range(header.count())
                   if header.model().headerData(c, Qt.Orientation.Horizontal) == "Leidinggevende")
    assert header.textElideMode() == Qt.TextElideMode.ElideRight
    assert header.model().headerData(manager, Qt.Orientation.Horizontal,
                                     Qt.ItemDataRole.ToolTipRole) == "Leidinggevende"
