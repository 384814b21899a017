"""Reading a staff list file (CSV or XLSX) into rows of cells. Pure: no Qt, no SQL.

The file is read whole and checked: encoding, delimiter, a title line above the header,
a quote left open, too many rows or columns. Any problem with the file, whatever its
bytes, is an ImportProblem with a Dutch message; nothing else escapes but the
ReadCancelled a ``progress`` callback raises to stop.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.record import record
from kmo_reintegratie.text import clean_text

MAX_ROWS = 20_000  # staff members; an SME's list is far shorter
MAX_SHEET_ROWS = 100_000  # rows of the sheet, empty ones included
MAX_COLUMNS = 200
MAX_CSV_BYTES = 30 * 1024 * 1024
PROGRESS_EVERY = 500  # rows between two progress reports

Cell = str | int | float | date | datetime | bool | None
# progress(rows read, rows expected or 0 when unknown); it raises ReadCancelled to stop.
Progress = Callable[[int, int], None]


class ImportProblem(ValueError):
    """The file cannot be imported as a whole; ``str()`` is the Dutch message."""


class ReadCancelled(Exception):
    """Raised by a ``progress`` callback to stop reading (the user cancelled)."""


# ---------------------------------------------------------------------------
# Reading


@record
class RawTable:
    """The cells of a staff list: every row has exactly ``len(headers)`` cells.

    ``row_numbers[i]`` is where row ``i`` sits in the file, counted the way a
    spreadsheet does (the header row is usually 1), for messages.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    row_numbers: tuple[int, ...]
    kind: str  # "CSV" or "XLSX"
    encoding: str = ""  # CSV only, in words: "UTF-8", "UTF-8 met BOM", "Windows-1252", ...
    delimiter: str = ""  # CSV only

    def describe(self) -> str:
        """Dutch one-liner: what was read and how."""
        count = f"{len(self.rows)} rij" if len(self.rows) == 1 else f"{len(self.rows)} rijen"
        if self.kind == "XLSX":
            return f"Excel-werkmap (eerste werkblad), {len(self.headers)} kolommen, {count}"
        return (f"CSV, gescheiden door {DELIMITER_NAMES.get(self.delimiter, self.delimiter)}, "
                f"tekenset {self.encoding}, {len(self.headers)} kolommen, {count}")


DELIMITER_NAMES = {";": "puntkomma's", ",": "komma's", "\t": "tabs", "|": "verticale strepen"}
_CSV_SUFFIXES = {".csv", ".txt", ".tsv", ""}
_XLSX_SUFFIXES = {".xlsx", ".xlsm"}
CONVERT_ADVICE = ("Open het in Excel of LibreOffice en bewaar het als Excel-werkmap (.xlsx) "
                   "of als CSV (puntkomma-gescheiden).")


def read_table(path: Path | str, progress: Progress | None = None) -> RawTable:
    """Read the first sheet of an .xlsx file or a CSV file (delimiter and encoding guessed).

    Raises ImportProblem with a Dutch message for anything that cannot be read
    completely; a table is either read in full or not at all. ``progress`` is
    called every few hundred rows; the ReadCancelled it may raise stops the
    reading and propagates.
    """
    report = progress or _no_progress
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise ImportProblem(
            f"Dit bestandstype ({suffix}) kan niet ingelezen worden. {CONVERT_ADVICE}")
    if suffix not in _CSV_SUFFIXES | _XLSX_SUFFIXES:
        raise ImportProblem(f"Dit is geen CSV- of Excel-bestand ({suffix}). Kies een .csv- of .xlsx-bestand.")
    try:
        size = path.stat().st_size
        if size == 0:
            raise ImportProblem("Het bestand is leeg.")
        if suffix in _XLSX_SUFFIXES:
            return _read_xlsx(path, report)
        if size > MAX_CSV_BYTES:
            raise ImportProblem("Het bestand is te groot voor een personeelslijst (meer dan 30 MB).")
        data = path.read_bytes()
        if data.startswith(b"PK\x03\x04"):
            return _read_xlsx(path, report)
    except PermissionError as error:
        raise ImportProblem("Het bestand kan niet gelezen worden: geen leesrechten, of het is nog "
                            "geopend in een ander programma. Sluit het en probeer opnieuw.") from error
    except OSError as error:
        raise ImportProblem(f"Het bestand kan niet gelezen worden ({os_error_text(error)}).") from error
    return _read_csv(data, report)


def _no_progress(_done: int, _total: int) -> None:
    pass


def _read_xlsx(path: Path, report: Progress) -> RawTable:
    # Imported here: openpyxl is only needed for .xlsx, which keeps start-up light.
    from kmo_reintegratie.staff_xlsx import read_xlsx

    return read_xlsx(path, report)


def too_wide(columns: int) -> ImportProblem:
    return ImportProblem(
        f"Het bestand heeft {_thousands(columns)} kolommen; een personeelslijst heeft er "
        f"hoogstens {MAX_COLUMNS}. Controleer of u het juiste bestand of werkblad koos, of "
        "verwijder de lege en overbodige kolommen.")


def too_long(rows: int) -> ImportProblem:
    return ImportProblem(
        f"Het bestand heeft meer dan {_thousands(rows)} rijen; dat is geen personeelslijst van "
        "een KMO. Controleer of u het juiste bestand of werkblad koos.")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")  # Belgian: 100.000


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "UTF-8 met BOM"
        except UnicodeDecodeError as error:
            line = data[: error.start].count(b"\n") + 1
            raise ImportProblem(
                f"Het bestand zegt UTF-8 te zijn, maar regel {line} bevat tekens in een andere "
                "codering. Bewaar het opnieuw als 'CSV UTF-8' vanuit uw rekenblad.") from error
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as error:
            # An odd number of bytes or half a character: cut off or not UTF-16 at all.
            raise ImportProblem(
                "Het bestand is geen geldige tekst in UTF-16 (het is afgebroken of beschadigd "
                f"rond byte {_thousands(error.start)}). Bewaar het opnieuw als 'CSV UTF-8' "
                "vanuit uw rekenblad.") from error
    if b"\x00" in data[:4096]:
        raise ImportProblem("Dit bestand is geen tekstbestand (CSV) en kan niet gelezen worden. "
                            "Kies een CSV- of Excel-bestand (.xlsx).")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1 (ISO-8859-1)"


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text[:65_536].splitlines()[:50] if line.strip()]
    best, best_score = ";", (0.0, 0)
    for delimiter in (";", ",", "\t", "|"):
        try:
            records = list(csv.reader(lines, delimiter=delimiter))
        except csv.Error:  # e.g. a value longer than the csv module's field limit
            continue
        width = len(records[0]) if records else 0
        if width < 2:
            continue
        score = (sum(len(r) == width for r in records) / len(records), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data: bytes, report: Progress) -> RawTable:
    text, encoding = _decode(data)
    if not text.strip():
        raise ImportProblem("Het bestand is leeg.")
    delimiter = _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    previous_end = 0
    try:
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if start > MAX_SHEET_ROWS:
                raise too_long(MAX_SHEET_ROWS)
            if start % PROGRESS_EVERY == 0:
                report(start, 0)
            if len(record) > MAX_COLUMNS and filled_width(record) > MAX_COLUMNS:
                raise too_wide(filled_width(record))
            if any(cell.strip() for cell in record):
                records.append((start, record))
                if len(records) > MAX_ROWS + 11:
                    break
    except csv.Error as error:
        # The csv module's own text is English: say what it means.
        raise ImportProblem(
            f"Regel {reader.line_num} kan niet gelezen worden: een waarde is te lang of een "
            "aanhalingsteken (\") staat op een verkeerde plaats.") from error
    for line, record in records:
        if any(len(cell) > 2000 and "\n" in cell for cell in record) or (
                record is records[-1][1] and _quote_left_open(text, delimiter)):
            raise ImportProblem(
                f"Op regel {line} begint een waarde met een aanhalingsteken (\") dat nergens gesloten "
                "wordt, zodat de rest van het bestand één waarde lijkt. Verbeter die regel.")
    return table_of_records(records, "CSV", encoding, delimiter)


def _quote_left_open(text: str, delimiter: str) -> bool:
    """Does the file end inside a quoted value? (The lenient reader swallows the rest silently.)"""
    try:
        for _record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "end of data" in str(error)
    return False


_VALUE_LIKE = re.compile(r"^\s*([-+]?\d+([.,]\d+)?\s*%?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*|\S+@\S+)\s*$")


def _filled(row: list[Cell]) -> int:
    return sum(1 for v in row if not isinstance(v, str) or v.strip())


def _looks_like_data(row: list[Cell]) -> bool:
    cells = [v for v in row if not isinstance(v, str) or v.strip()]
    values = sum(1 for v in cells if not isinstance(v, str) or _VALUE_LIKE.match(v))
    return values * 2 >= len(cells)


def table_of_records(records: list[tuple[int, list[Cell]]], kind: str, encoding: str,
                     delimiter: str) -> RawTable:
    """The table below the header row of ``records`` (number in the file, cells)."""
    if not records:  # e.g. only delimiters: ";;;"
        raise ImportProblem("Het bestand bevat enkel lege regels en geen gegevens.")
    # Exports often start with a title line ("Personeelslijst 2026"); skip such lines
    # when a proper header row with several names follows shortly.
    start = 0
    while start < min(len(records) - 1, 10) and _filled(records[start][1]) < 2 and any(
        _filled(r) >= 2 for _, r in records[start + 1:start + 11]
    ):
        start += 1
    header_cells = records[start][1]
    if _looks_like_data(header_cells):
        raise ImportProblem(
            "De eerste regel bevat gegevens in plaats van kolomnamen. Voeg bovenaan een kopregel "
            "toe, bijvoorbeeld: Naam;Functie;Afdeling;Statuut;Datum in dienst.")
    names = [cell_text(v) for v in header_cells]
    while names and not names[-1]:
        names.pop()
    headers = tuple(name or f"Kolom {i + 1}" for i, name in enumerate(names))
    width = len(headers)
    rows: list[tuple[Cell, ...]] = []
    numbers: list[int] = []
    for line, record in records[start + 1:]:
        if len(record) > width:
            if any(not isinstance(v, str) or v.strip() for v in record[width:]):
                if kind == "XLSX":
                    raise ImportProblem(
                        f"Rij {line} bevat gegevens in een kolom zonder kolomnaam (kolom {width + 1}). "
                        "Geef die kolom een naam in de eerste rij of maak ze leeg.")
                raise ImportProblem(
                    f"Regel {line} heeft {filled_width(record)} waarden, maar de kopregel maar {width} "
                    f"kolommen. Staat er een {_delimiter_word(delimiter)} te veel in bv. een adres of "
                    "functie? Zet zulke waarden tussen aanhalingstekens, of bewaar het bestand opnieuw "
                    "vanuit uw rekenblad.")
            record = record[:width]
        elif len(record) < width:
            record = [*record, *([""] * (width - len(record)))]
        rows.append(tuple(record))
        numbers.append(line)
    if len(rows) > MAX_ROWS:
        raise ImportProblem(
            f"Het bestand bevat meer dan {MAX_ROWS:,} rijen; dat is geen personeelslijst van een KMO. "
            "Controleer of u het juiste bestand of werkblad koos.".replace(",", "."))
    if not rows:
        raise ImportProblem("Het bestand bevat enkel kolomnamen en geen medewerkers.")
    return RawTable(headers, tuple(rows), tuple(numbers), kind, encoding, delimiter)


def filled_width(record: list[Cell]) -> int:
    width = len(record)
    while width and isinstance(record[width - 1], str) and not str(record[width - 1]).strip():
        width -= 1
    return width


def _delimiter_word(delimiter: str) -> str:
    return {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep"}.get(delimiter, "scheidingsteken")


def cell_text(value: Cell) -> str:
    """A cell as text (also in a preview): numbers without a spurious '.0', dates as dd-mm-jjjj."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value).strip()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    return str(value).strip()
