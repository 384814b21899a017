"""No input crashes the window: awkward keys, a broken clipboard, bad and huge import files.

A lone surrogate cannot be typed through this PySide version (it drops them when
text crosses into Qt), but other versions and a broken clipboard hand them to
Python; the editors' getters are replaced to deliver one, as such a clipboard would.
"""

from __future__ import annotations

import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStyleOptionViewItem,
)
from pytestqt.qtbot import QtBot

from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.staff_table import ImportProblem, ReadCancelled, read_table
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs import import_dialog
from kmo_reintegratie.ui.dialogs.absence_dialog import AbsenceDialog
from kmo_reintegratie.ui.dialogs.contact_dialog import ContactDialog
from kmo_reintegratie.ui.dialogs.employee_dialog import EmployeeDialog
from kmo_reintegratie.ui.dialogs.import_dialog import ImportDialog, Step
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.action_model import Column
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage

TODAY = date(2026, 3, 2)
BROKEN = "\ud800"  # half of a UTF-16 pair, as a broken clipboard delivers it


@pytest.fixture
def dossier(dossier_path: Path) -> Iterator[Dossier]:
    opened = Dossier.open(dossier_path)
    yield opened
    opened.close()


def type_text(qtbot: QtBot, editor: QLineEdit, text: str) -> None:
    """Type ``text`` key by key, also keys QTest cannot name (such as AZERTY's "²")."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(editor, char)
            continue
        key = Qt.Key.Key_twosuperior if char == "²" else Qt.Key.Key_unknown
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                editor, QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, char)
            )


def paste_broken(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Put ``text`` (with a lone surrogate) in ``editor`` as a broken clipboard would."""
    if isinstance(editor, QLineEdit):
        editor.setText(text)  # what Qt keeps of it
        editor.text = lambda: text  # type: ignore[method-assign]  # what Python may receive
    else:
        editor.setPlainText(text)
        editor.toPlainText = lambda: text  # type: ignore[method-assign]


# -- the organisation page -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("employee_count", "²", "geheel getal"),
        ("employee_count", "3²", "geheel getal"),
        ("employee_count", "9" * 5000, "tussen 1 en 100 000"),
        ("employee_count", "٣", "geheel getal"),
        ("contact_first_days", "²", "geheel getal"),
        ("contact_first_days", "9" * 5000, "tussen 0 en 365"),
        ("contact_first_days", "366", "tussen 0 en 365"),
    ],
)
def test_awkward_numbers_get_a_message_next_to_the_field(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path, name: str, text: str, message: str
) -> None:
    page = OrganisationPage(dossier, DossierEvents())
    qtbot.addWidget(page)
    bound = page.fields[name]
    if len(text) > 50:
        bound.editor.setText(text)  # type: ignore[union-attr]  # pasted
    else:
        type_text(qtbot, bound.editor, text)  # type: ignore[arg-type]
    assert bound.commit() is False
    assert message in bound.error and not bound.error_label.isHidden()
    # Kept for correction, up to the field's length limit (a paste is cut there).
    assert bound.editor.text() == text[: bound.editor.maxLength()]  # type: ignore[union-attr]
    dossier.close()
    with Dossier.open(dossier_path) as again:
        assert getattr(again.organisation.get(), name) is None


def test_a_lone_surrogate_in_organisation_fields_is_dropped(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path
) -> None:
    page = OrganisationPage(dossier, DossierEvents())
    qtbot.addWidget(page)
    for name, text in (
        ("name", f"Bakkerij{BROKEN} Janssens"),
        ("city", f"Gent{BROKEN}"),
        ("contact_procedure", f"Bellen{BROKEN} 😀 e\u0301"),
    ):
        paste_broken(page.fields[name].editor, text)  # type: ignore[arg-type]
        assert page.fields[name].commit(), page.fields[name].error
    dossier.close()
    with Dossier.open(dossier_path) as again:
        organisation = again.organisation.get()
        assert (organisation.name, organisation.city) == ("Bakkerij Janssens", "Gent")
        assert organisation.contact_procedure == "Bellen 😀 e\u0301"


def test_a_lone_surrogate_in_the_employee_dialog_is_dropped(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path
) -> None:
    dialog = EmployeeDialog(dossier, TODAY)
    qtbot.addWidget(dialog)
    paste_broken(dialog.editors["name"], f"Jan{BROKEN} Peeters")  # type: ignore[arg-type]
    paste_broken(dialog.editors["function"], f"Kok{BROKEN}")  # type: ignore[arg-type]
    assert dialog.save()
    dossier.close()
    with Dossier.open(dossier_path) as again:
        [stored] = again.employees.list()
        assert (stored.name, stored.function) == ("Jan Peeters", "Kok")


def test_a_lone_surrogate_in_the_absence_dialog_is_dropped(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path
) -> None:
    employee = dossier.employees.add("Els Wuyts")
    dialog = AbsenceDialog(dossier, TODAY)
    qtbot.addWidget(dialog)
    dialog.employee.setCurrentText("Els Wuyts")
    dialog.employee.currentText = lambda: f"Els{BROKEN} Wuyts"  # type: ignore[method-assign]
    paste_broken(dialog.starts, f"02-02-2026{BROKEN}")
    dialog.accept()
    assert dialog.created is not None, dialog.employee_error.text() + dialog.starts_error.text()
    dossier.close()
    with Dossier.open(dossier_path) as again:
        [absence] = again.absences.all()
        assert (absence.employee_id, absence.starts) == (employee.id, date(2026, 2, 2))


def test_a_lone_surrogate_in_the_contact_dialog_is_dropped(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path
) -> None:
    employee = dossier.employees.add("Els Wuyts")
    absence = dossier.absences.add(employee.id, date(2026, 2, 2))
    dialog = ContactDialog(dossier, absence, TODAY)
    qtbot.addWidget(dialog)
    dialog.date.setText("02-03-2026")
    paste_broken(dialog.made_by, f"Marc{BROKEN}")
    paste_broken(dialog.summary, f"Goed{BROKEN} gesprek")
    dialog.accept()
    assert dialog.saved is not None
    dossier.close()
    with Dossier.open(dossier_path) as again:
        [contact] = again.absences.get(absence.id).contacts
        assert (contact.made_by, contact.summary) == ("Marc", "Goed gesprek")


def test_a_lone_surrogate_in_the_action_plan_is_dropped(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path
) -> None:
    current = dossier.assessments.create_round("Zelfevaluatie 2026", TODAY)
    action = dossier.assessments.add_action(current.id, "c2.s1.5", "Brochure")
    page = ActionPlanPage(dossier, DossierEvents(), load_instrument(), lambda: TODAY)
    qtbot.addWidget(page)
    delegate = page.view.itemDelegate()
    for column, text in ((Column.WHAT, f"Brochure{BROKEN} herwerken"), (Column.WHO, f"An{BROKEN}")):
        index = page.proxy.index(0, column)
        editor = delegate.createEditor(page.view.viewport(), QStyleOptionViewItem(), index)
        assert isinstance(editor, QLineEdit)
        paste_broken(editor, text)
        delegate.setModelData(editor, page.proxy, index)  # what the table does on Enter
    dossier.close()
    with Dossier.open(dossier_path) as again:
        stored = again.assessments.action(action.id)
        assert (stored.what, stored.who) == ("Brochure herwerken", "An")


# -- the staff list reader: limits -----------------------------------------------------------


def _xlsx(path: Path, rows: list[list[object]], dimension: str | None = None) -> Path:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)
    if dimension is not None:  # make the sheet claim another size, as some exporters do
        with zipfile.ZipFile(path) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        sheet = parts["xl/worksheets/sheet1.xml"].decode()
        start = sheet.index("<dimension ")
        end = sheet.index("/>", start) + 2
        claim = f'<dimension ref="{dimension}"/>' if dimension else ""  # "": no record at all
        parts["xl/worksheets/sheet1.xml"] = (sheet[:start] + claim + sheet[end:]).encode()
        with zipfile.ZipFile(path, "w") as target:
            for name, data in parts.items():
                target.writestr(name, data)
    return path


def _refused_fast(path: Path, message: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ImportProblem, match=message):
        read_table(path)
    assert time.perf_counter() - started < 2


def test_a_sheet_claiming_too_many_rows_or_columns_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows: list[list[object]] = [["Naam", "Functie"], ["Jan", "Kok"]]
    wide = _xlsx(tmp_path / "breed.xlsx", rows, "A1:BZZ2")
    long = _xlsx(tmp_path / "lang.xlsx", rows, "A1:B150000")

    def never(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("openpyxl would first parse every shared string of a huge sheet")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    _refused_fast(wide, "2.054 kolommen")
    _refused_fast(long, "meer dan 100.000 rijen")


def test_a_sheet_wider_than_it_claims_is_refused_and_a_longer_one_read_whole(
    tmp_path: Path,
) -> None:
    wide = [["Naam", *[f"K{i}" for i in range(250)]], ["Jan", *range(250)]]
    _refused_fast(_xlsx(tmp_path / "breed.xlsx", wide, "A1:B2"), "251 kolommen")
    _refused_fast(_xlsx(tmp_path / "zonder.xlsx", wide, ""), "251 kolommen")
    rows: list[list[object]] = [
        ["Naam", "Functie"],
        *[[f"Medewerker {i}", "Kok"] for i in range(5)],
    ]
    table = read_table(_xlsx(tmp_path / "kort.xlsx", rows, "A1:B2"))
    assert len(table.rows) == 5  # the dimension said 2 rows; none is lost


def test_a_csv_over_the_limits_is_refused_fast(tmp_path: Path) -> None:
    wide = tmp_path / "breed.csv"
    wide.write_text(";".join(f"K{i}" for i in range(201)) + "\n" + ";".join("x" * 201) + "\n")
    _refused_fast(wide, "201 kolommen")
    long = tmp_path / "lang.csv"
    long.write_text("Naam;Functie\n" + ";\n" * 100_001)
    _refused_fast(long, "meer dan 100.000 rijen")


def test_a_progress_callback_can_stop_the_reading(tmp_path: Path) -> None:
    path = tmp_path / "lijst.csv"
    path.write_text("Naam;Functie\n" + "Jan;Kok\n" * 2000)
    seen: list[int] = []

    def stop(done: int, _total: int) -> None:
        seen.append(done)
        raise ReadCancelled

    with pytest.raises(ReadCancelled):
        read_table(path, stop)
    assert seen == [500]


# -- the import dialog ------------------------------------------------------------------------


def test_utf16_with_an_odd_byte_gets_a_dutch_message_in_the_dialog(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    path = tmp_path / "personeel.csv"
    path.write_bytes("Naam;Functie\nJan;Kok\n".encode("utf-16") + b"\x00")
    dialog = ImportDialog(dossier, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.load_file(path) is False
    assert "geen geldige tekst in UTF-16" in dialog.file_error.text()
    assert dialog.steps.currentIndex() == Step.FILE


def test_a_large_file_is_read_in_the_background(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    path = tmp_path / "groot.csv"
    path.write_text("Naam;Functie\n" + "".join(f"Medewerker {i};Kok\n" for i in range(15_000)))
    assert path.stat().st_size > import_dialog.READ_IN_BACKGROUND_FROM_BYTES
    dialog = ImportDialog(dossier, TODAY)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.file_read, timeout=20_000) as signal:
        assert dialog.load_file(path) is False  # returns at once; the window stays responsive
        assert dialog.reading is not None and dialog.reading.isVisible()
    assert signal.args == [True]
    assert dialog.steps.currentIndex() == Step.MAPPING and dialog.reading is None
    assert dialog.table is not None and len(dialog.table.rows) == 15_000


def test_reading_shows_progress_and_cancel_stops_it(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = threading.Event()

    def slow_read(path: Path, progress: object) -> object:
        done = 0
        try:
            while True:  # until cancelled; a real huge sheet reports like this
                done += 500
                progress(done, 100_000)  # type: ignore[operator]
                stopped.wait(0.01)
        except ReadCancelled:
            stopped.set()
            raise

    monkeypatch.setattr(import_dialog, "read_table", slow_read)
    monkeypatch.setattr(import_dialog, "READ_IN_BACKGROUND_FROM_BYTES", 0)
    path = tmp_path / "enorm.xlsx"
    path.write_bytes(b"PK")
    dialog = ImportDialog(dossier, TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load_file(path)
    qtbot.waitUntil(lambda: dialog.reading is not None and dialog.reading.value() >= 1000)
    assert dialog.reading is not None and "rijen gelezen" in dialog.reading.labelText()
    assert dialog.reading.maximum() == 100_000
    cancel = dialog.reading.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Annuleren"
    with qtbot.waitSignal(dialog.file_read) as signal:
        cancel.click()
    assert signal.args == [False]
    qtbot.waitUntil(stopped.is_set)  # the worker really stopped
    assert dialog.steps.currentIndex() == Step.FILE and dialog.table is None
    assert "geannuleerd" in dialog.file_error.text()


def _dry_run(qtbot: QtBot, dossier: Dossier, tmp_path: Path) -> ImportDialog:
    path = tmp_path / "lijst.csv"
    path.write_text("Naam;Functie\nAn Claes;Kok\nBram Maes;Kok\nEls Wuyts;Kok\n", encoding="utf-8")
    dialog = ImportDialog(dossier, TODAY)
    qtbot.addWidget(dialog)
    assert dialog.load_file(path)
    assert dialog.run_dry_run() is not None
    return dialog


def test_a_failing_row_imports_nothing_and_says_so(
    qtbot: QtBot, dossier: Dossier, dossier_path: Path, tmp_path: Path
) -> None:
    dialog = _dry_run(qtbot, dossier, tmp_path)
    assert dialog.plan is not None
    dialog.plan.additions[2].fields["name"] = " "  # the store refuses the third row
    assert dialog.apply() is False
    assert dialog.message.text().startswith("Er is niets geïmporteerd.")
    dossier.close()
    with Dossier.open(dossier_path) as again:
        assert again.employees.list() == []


def test_a_half_stored_import_is_not_called_nothing(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = _dry_run(qtbot, dossier, tmp_path)

    def half(additions: list[dict[str, object]], changes: object, *, effective: date) -> None:
        dossier.employees.add(str(additions[0]["name"]))  # committed on its own, then a failure
        raise ValueError("schijf weg")

    monkeypatch.setattr(dossier.employees, "apply_import", half)
    assert dialog.apply() is False
    assert "niets" not in dialog.message.text()
    assert "gedeeltelijk bewaard: 1 nieuwe" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_a_successful_import_reports_what_was_stored(
    qtbot: QtBot, dossier: Dossier, tmp_path: Path
) -> None:
    dialog = _dry_run(qtbot, dossier, tmp_path)
    with qtbot.waitSignal(dialog.imported) as signal:
        assert dialog.apply()
    assert signal.args == [3, 0]
    assert sorted(e.name for e in dossier.employees.list()) == [
        "An Claes",
        "Bram Maes",
        "Els Wuyts",
    ]
