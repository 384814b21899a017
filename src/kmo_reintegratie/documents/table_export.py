"""A table (header + rows of plain values) written as CSV or as an Excel workbook.

Plain data in, a file out, no Qt. Values may be ``str``, ``int``, ``float``,
``date`` or ``None`` (an empty cell). Both writers write to a temporary file
beside the target and rename it into place, so a failed export never leaves a
half-written file (or destroys the previous export) under the chosen name. The file
gets mode 0600 on POSIX, and a target that is a dossier is refused with
``output_guard.OutputRefused`` (a ``ValueError``).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from kmo_reintegratie.documents.output_guard import write_private

DATE_FORMAT = "%d-%m-%Y"
XLSX_DATE_FORMAT = "DD-MM-YYYY"
XLSX_MAX_CELL = 32_767  # Excel refuses longer cell text
MIN_WIDTH, MAX_WIDTH = 8, 60
# A spreadsheet reads a text cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime(DATE_FORMAT + " %H:%M")
    if isinstance(value, date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def _csv_cell(value: object) -> str:
    text = _text(value)
    if isinstance(value, str) and text.startswith(_FORMULA_START):
        # "- eerst bellen" would show as #NAAM? in Excel, and "=..." would run as a
        # formula; the apostrophe keeps it text (OWASP's advice for CSV exports).
        return "'" + text
    return text


def write_csv(path: Path | str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """Write ``rows`` as CSV that Excel in a Belgian locale opens correctly.

    Excel with Belgian (nl-BE/fr-BE) regional settings expects ``;`` as list
    separator (``,`` is the decimal separator there) and only recognises UTF-8
    when the file starts with a byte-order mark; without it "ë" becomes "Ã«".
    Dates are written as dd-mm-jjjj; newlines and quotes inside a cell are quoted.
    """

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as stream:
            writer = csv.writer(
                stream, delimiter=";", quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n"
            )
            writer.writerow([_csv_cell(h) for h in header])
            writer.writerows([_csv_cell(v) for v in row] for row in rows)

    return _replace_atomically(Path(path), write)


def _xlsx_value(value: object) -> object:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters make openpyxl refuse
        if len(value) > XLSX_MAX_CELL:
            value = value[: XLSX_MAX_CELL - 1] + "…"
    return value


def _sheet_title(title: str) -> str:
    cleaned = _SHEET_TITLE_FORBIDDEN.sub("-", title).strip("' ")
    return cleaned[:31] or "Blad1"


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 11
    return max((len(line) for line in str(value).splitlines()), default=0)


def write_xlsx(
    path: Path | str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    sheet_title: str,
) -> Path:
    """Write an Excel workbook: bold frozen header, autofilter, real date cells."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_title)
    sheet.append([_xlsx_value(h) for h in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    widths = [_width(h) for h in header]
    top_wrapped = Alignment(vertical="top", wrap_text=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column, value=_xlsx_value(value))
            if isinstance(value, str) and cell.data_type == "f":
                cell.data_type = "s"  # user text that starts with "=" is text, not a formula
            if isinstance(value, date):
                cell.number_format = XLSX_DATE_FORMAT
            cell.alignment = top_wrapped
            if column > len(widths):
                widths.append(0)
            widths[column - 1] = max(widths[column - 1], _width(value))
    for column, width in enumerate(widths, start=1):
        # Long text wraps inside a capped column instead of making one huge column.
        sheet.column_dimensions[get_column_letter(column)].width = min(
            max(width + 2, MIN_WIDTH), MAX_WIDTH
        )
    sheet.freeze_panes = "A2"
    if header:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{max(1, len(rows) + 1)}"
    return _replace_atomically(Path(path), lambda tmp: workbook.save(tmp))


def export_table(
    path: Path | str,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    sheet_title: str,
) -> Path:
    """Write CSV or XLSX, chosen by the file name's suffix."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return write_csv(path, header, rows)
    if suffix == ".xlsx":
        return write_xlsx(path, header, rows, sheet_title=sheet_title)
    raise ValueError(
        f"Kan niet exporteren naar “{path.name}”: kies een bestandsnaam die eindigt op "
        ".xlsx (Excel) of .csv."
    )


def _replace_atomically(path: Path, write: Callable[[Path], object]) -> Path:
    # The shared export guard: never over a dossier, mode 0600 (the rows hold personal
    # data), renamed into place only when complete.
    return write_private(path, write, what="de export")
