"""Tables to CSV and XLSX, read back the way a spreadsheet would read them."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from kmo_reintegratie.documents import table_export
from kmo_reintegratie.documents.table_export import export_table, write_csv, write_xlsx

HEADER = ["Checklist", "Sectie", "Te ondernemen actie", "Wie", "Deadline", "Status"]
ROWS = [
    [
        1,
        "1.3 Opvolging",
        "Cijfers bespreken met de “directie”",
        "Zoë Peeters",
        date(2026, 3, 5),
        "Open",
    ],
    [2, "2.1 Contact", 'Zeg "hallo";\ntweede regel', "", None, "Afgerond"],
    [3, "3.1 Terugkeer", "- eerst de arbeidsarts bellen", "=SOM(A1)", date(2027, 12, 31), "Bezig"],
]


def test_csv_has_bom_semicolons_and_dutch_dates(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "actieplan.csv", HEADER, ROWS)
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel recognises UTF-8 only with a BOM
    assert raw.decode("utf-8-sig").splitlines()[0] == ";".join(HEADER)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0] == HEADER
    assert rows[1] == [
        "1",
        "1.3 Opvolging",
        "Cijfers bespreken met de “directie”",
        "Zoë Peeters",
        "05-03-2026",
        "Open",
    ]
    assert rows[2] == ["2", "2.1 Contact", 'Zeg "hallo";\ntweede regel', "", "", "Afgerond"]
    assert len(rows) == 4


def test_csv_keeps_text_that_looks_like_a_formula_as_text(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "actieplan.csv", HEADER, ROWS)
    with path.open(encoding="utf-8-sig", newline="") as stream:
        row = list(csv.reader(stream, delimiter=";"))[3]
    assert row[2] == "'- eerst de arbeidsarts bellen"
    assert row[3] == "'=SOM(A1)"
    assert row[4] == "31-12-2027"


def test_xlsx_has_bold_frozen_header_real_dates_and_filter(tmp_path: Path) -> None:
    long_text = ("Lange opmerking met ë en é. " * 400)[:10_000]
    rows = [*ROWS, [4, "4.2 Overleg", long_text, "Directie", datetime(2026, 1, 2, 9, 30), "Open"]]
    path = write_xlsx(tmp_path / "actieplan.xlsx", HEADER, rows, sheet_title="Actieplan: 2026/2027")

    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Actieplan- 2026-2027"
    assert [c.value for c in sheet[1]] == HEADER
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:F5"
    due = sheet.cell(row=2, column=5)
    assert due.is_date and due.value.date() == date(2026, 3, 5)
    assert due.number_format == "DD-MM-YYYY"
    assert sheet.cell(row=3, column=5).value is None
    assert sheet.cell(row=3, column=3).value == 'Zeg "hallo";\ntweede regel'
    assert sheet.cell(row=4, column=4).value == "=SOM(A1)"  # text, not a formula
    assert sheet.cell(row=4, column=4).data_type == "s"
    assert sheet.cell(row=5, column=3).value == long_text
    assert sheet.cell(row=2, column=1).value == 1
    widths = [sheet.column_dimensions[letter].width for letter in "ABCDEF"]
    assert all(8 <= w <= 60 for w in widths)
    assert widths[2] == 60  # the long action text wraps in a capped column


def test_xlsx_drops_control_characters_and_caps_cell_length(tmp_path: Path) -> None:
    rows = [["a\x00b\x07c", "x" * 40_000]]
    path = write_xlsx(tmp_path / "t.xlsx", ["A", "B"], rows, sheet_title="T")
    sheet = openpyxl.load_workbook(path).active
    assert sheet["A2"].value == "abc"
    assert len(sheet["B2"].value) == 32_767


def test_export_table_chooses_by_suffix(tmp_path: Path) -> None:
    export_table(tmp_path / "plan.CSV", HEADER, ROWS, sheet_title="Actieplan")
    export_table(tmp_path / "plan.xlsx", HEADER, ROWS, sheet_title="Actieplan")
    assert (tmp_path / "plan.CSV").read_bytes().startswith(b"\xef\xbb\xbf")
    assert openpyxl.load_workbook(tmp_path / "plan.xlsx").active["A1"].value == "Checklist"
    with pytest.raises(ValueError, match=r"\.xlsx \(Excel\) of \.csv"):
        export_table(tmp_path / "plan.txt", HEADER, ROWS, sheet_title="Actieplan")
    assert not (tmp_path / "plan.txt").exists()


def test_failed_export_leaves_the_earlier_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "plan.csv"
    target.write_text("vorige export", encoding="utf-8")

    def broken_writer(*_args: object, **_kwargs: object) -> None:
        raise OSError("schijf vol")

    monkeypatch.setattr(table_export.csv, "writer", broken_writer)
    with pytest.raises(OSError, match="schijf vol"):
        write_csv(target, HEADER, ROWS)
    assert target.read_text(encoding="utf-8") == "vorige export"
    assert not list(tmp_path.glob(".*.tmp"))


def test_export_into_missing_folder_raises_oserror(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_xlsx(tmp_path / "bestaat-niet" / "plan.xlsx", HEADER, ROWS, sheet_title="Actieplan")
