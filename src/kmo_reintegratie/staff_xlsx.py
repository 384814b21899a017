"""Reading the first sheet of an .xlsx staff list (openpyxl, read-only). Pure: no Qt, no SQL.

Used by ``staff_table.read_table``, which also words the operating-system errors.
"""

from __future__ import annotations

import re
import warnings
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from kmo_reintegratie.staff_table import (
    CONVERT_ADVICE,
    MAX_COLUMNS,
    MAX_ROWS,
    MAX_SHEET_ROWS,
    PROGRESS_EVERY,
    Cell,
    ImportProblem,
    Progress,
    RawTable,
    ReadCancelled,
    filled_width,
    table_of_records,
    too_long,
    too_wide,
)

if TYPE_CHECKING:
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

# A full staff list (20,000 rows of 200 cells) stays far below this; a sheet without a
# dimension record is scanned whole by openpyxl before the first row, so its size counts.
MAX_SHEET_XML_BYTES = 256 * 1024 * 1024
_HEAD_BYTES = 1024 * 1024
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\s+ref=\"[A-Z]*[0-9]*:?([A-Z]*)([0-9]*)\"")
_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")
_ROW_END = re.compile(rb"</(?:\w+:)?row>")
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_SMALL_PART = 4 * 1024 * 1024  # workbook.xml and its relations are a few KB


def read_xlsx(path: Path, report: Progress) -> RawTable:
    """The first sheet of ``path``; see ``staff_table.read_table``."""
    import openpyxl

    # Before openpyxl: loading a workbook parses all its shared strings, which for a huge
    # sheet alone takes minutes, and only then can its size be seen.
    check_declared_size(*declared_size(path))
    damaged = ImportProblem(
        "Dit Excel-bestand is beschadigd, met een wachtwoord beveiligd of geen echt "
        f".xlsx-bestand. {CONVERT_ADVICE}"
    )
    with warnings.catch_warnings():
        # openpyxl warns about styles, data validation, ... it does not read; irrelevant here.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except OSError:
            raise  # read_table words it
        except Exception as error:  # noqa: BLE001 — on arbitrary bytes openpyxl raises zip, XML,
            raise damaged from error  # zlib, key and value errors: all mean "not a good workbook"
        try:
            if not workbook.worksheets:
                raise ImportProblem("Deze Excel-werkmap bevat geen werkbladen.")
            records = _xlsx_records(workbook.worksheets[0], report)
        except (ImportProblem, ReadCancelled, OSError):
            raise
        except Exception as error:  # noqa: BLE001 — see above
            raise ImportProblem(f"Dit Excel-bestand is beschadigd. {CONVERT_ADVICE}") from error
        finally:
            workbook.close()
    if not records:
        raise ImportProblem("Het eerste werkblad van dit Excel-bestand is leeg.")
    return table_of_records(records, "XLSX", "", "")


def _xlsx_records(sheet: ReadOnlyWorksheet, report: Progress) -> list[tuple[int, list[Cell]]]:
    # The dimension record says how big the sheet claims to be: refuse a huge one before
    # reading a cell (a 20,000 x 2,000 sheet took minutes). It may lie either way, so
    # the limits are checked again while reading, and rows are not cut off at it.
    declared_rows = sheet.max_row or 0
    check_declared_size(declared_rows, sheet.max_column or 0)
    sheet.reset_dimensions()
    records: list[tuple[int, list[Cell]]] = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        if number > MAX_SHEET_ROWS:
            raise too_long(MAX_SHEET_ROWS)
        if number % PROGRESS_EVERY == 0:
            report(number, declared_rows)
        row = ["" if v is None else v for v in values]
        if len(row) > MAX_COLUMNS and filled_width(row) > MAX_COLUMNS:
            raise too_wide(filled_width(row))
        if any(not isinstance(v, str) or v.strip() for v in row):
            records.append((number, row))
            if len(records) > MAX_ROWS + 11:
                break
    return records


def check_declared_size(rows: int, columns: int, xml_bytes: int = 0) -> None:
    """Refuse a sheet that claims to be beyond the limits (0 means "not said")."""
    if columns > MAX_COLUMNS:
        raise too_wide(columns)
    if rows > MAX_SHEET_ROWS:
        raise too_long(MAX_SHEET_ROWS)
    if xml_bytes > MAX_SHEET_XML_BYTES:
        raise ImportProblem(
            "Het eerste werkblad is te groot voor een personeelslijst (meer dan "
            f"{MAX_SHEET_XML_BYTES // 1024 // 1024} MB aan gegevens). Controleer of u het juiste "
            "bestand of werkblad koos."
        )


def declared_size(path: Path) -> tuple[int, int, int]:
    """(rows, columns, bytes of XML) of the first sheet, as far as its start tells; 0: unknown.

    Reads only the workbook's table of contents and the first megabyte of the first
    sheet: the dimension record, or else the cells of the first row. Any problem
    means "unknown": openpyxl then judges the file.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            name = _first_sheet(archive)
            xml_bytes = archive.getinfo(name).file_size
            with archive.open(name) as sheet:
                head = sheet.read(_HEAD_BYTES)
    except Exception:  # noqa: BLE001 — see the docstring
        return 0, 0, 0
    if match := _DIMENSION.search(head):
        letters, digits = match.group(1).decode(), match.group(2).decode()
        columns = 0
        for letter in letters:
            columns = columns * 26 + ord(letter) - ord("A") + 1
        return (int(digits) if digits else 0), columns, xml_bytes
    # No dimension: count the cells of the first row (all of the head if it never ends).
    row_end = _ROW_END.search(head)
    first_row = head[: row_end.start()] if row_end else head
    return 0, len(_CELL.findall(first_row)), xml_bytes


def _first_sheet(archive: zipfile.ZipFile) -> str:
    """The archive member of the first sheet, found the way openpyxl finds it."""
    workbook = _small_xml(archive, "xl/workbook.xml")
    first = next(e for e in workbook.iter() if e.tag.rpartition("}")[2] == "sheet")
    relations = _small_xml(archive, "xl/_rels/workbook.xml.rels")
    target = next(
        e.get("Target", "") for e in relations.iter() if e.get("Id") == first.get(_RELATIONSHIP_ID)
    )
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _small_xml(archive: zipfile.ZipFile, name: str) -> ElementTree.Element:
    if archive.getinfo(name).file_size > _SMALL_PART:
        raise ValueError(f"{name} is te groot")
    return ElementTree.fromstring(archive.read(name))
