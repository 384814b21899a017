"""Importing a staff list (CSV or XLSX): read, map the columns, plan. Pure: no Qt, no SQL.

``read_table(path)`` → ``guess_mapping(table.headers)`` (the user may correct it)
→ ``plan_import(table, mapping, existing)``: the dry run. The plan is applied in one
transaction by ``dossier.employees.apply_import(*plan.apply_arguments(),
effective=plan.effective)``. Nothing here ever deletes: employees that are not in
the file are left alone, and an empty cell never erases a stored value.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
import warnings
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from kmo_reintegratie.absence import FULL_TIME_HOURS, AbsenceError, Employee, check_not_far_ahead
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.organisation import ValidationError

MAX_ROWS = 20_000
MAX_CSV_BYTES = 30 * 1024 * 1024
MAX_HOURS = 60.0

Cell = str | int | float | date | datetime | bool | None


class ImportProblem(ValueError):
    """The file cannot be imported as a whole; ``str()`` is the Dutch message."""


# ---------------------------------------------------------------------------
# Reading


@dataclass(frozen=True)
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
_CONVERT_ADVICE = ("Open het in Excel of LibreOffice en bewaar het als Excel-werkmap (.xlsx) "
                   "of als CSV (puntkomma-gescheiden).")


def read_table(path: Path | str) -> RawTable:
    """Read the first sheet of an .xlsx file or a CSV file (delimiter and encoding guessed).

    Raises ImportProblem with a Dutch message for anything that cannot be read
    completely; a table is either read in full or not at all.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".xls", ".ods", ".numbers"):
        raise ImportProblem(f"Dit bestandstype ({suffix}) kan niet ingelezen worden. {_CONVERT_ADVICE}")
    if suffix not in _CSV_SUFFIXES | _XLSX_SUFFIXES:
        raise ImportProblem(f"Dit is geen CSV- of Excel-bestand ({suffix}). Kies een .csv- of .xlsx-bestand.")
    try:
        size = path.stat().st_size
        if size == 0:
            raise ImportProblem("Het bestand is leeg.")
        if suffix in _XLSX_SUFFIXES:
            return _read_xlsx(path)
        if size > MAX_CSV_BYTES:
            raise ImportProblem("Het bestand is te groot voor een personeelslijst (meer dan 30 MB).")
        data = path.read_bytes()
    except PermissionError as error:
        raise ImportProblem("Het bestand kan niet gelezen worden: geen leesrechten, of het is nog "
                            "geopend in een ander programma. Sluit het en probeer opnieuw.") from error
    except OSError as error:
        raise ImportProblem(f"Het bestand kan niet gelezen worden ({error.strerror or error}).") from error
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(path)
    return _read_csv(data)


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
        return data.decode("utf-16"), "UTF-16"
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
        records = list(csv.reader(lines, delimiter=delimiter))
        width = len(records[0]) if records else 0
        if width < 2:
            continue
        score = (sum(len(r) == width for r in records) / len(records), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data: bytes) -> RawTable:
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
            if any(cell.strip() for cell in record):
                records.append((start, record))
                if len(records) > MAX_ROWS + 11:
                    break
    except csv.Error as error:
        raise ImportProblem(f"Regel {reader.line_num} kan niet gelezen worden ({error}).") from error
    for line, record in records:
        if any(len(cell) > 2000 and "\n" in cell for cell in record) or (
                record is records[-1][1] and _quote_left_open(text, delimiter)):
            raise ImportProblem(
                f"Op regel {line} begint een waarde met een aanhalingsteken (\") dat nergens gesloten "
                "wordt, zodat de rest van het bestand één waarde lijkt. Verbeter die regel.")
    return _table(records, "CSV", encoding, delimiter)


def _quote_left_open(text: str, delimiter: str) -> bool:
    """Does the file end inside a quoted value? (The lenient reader swallows the rest silently.)"""
    try:
        for _record in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as error:
        return "end of data" in str(error)
    return False


def _read_xlsx(path: Path) -> RawTable:
    import openpyxl  # only needed for .xlsx; keeps start-up light
    from openpyxl.utils.exceptions import InvalidFileException

    with warnings.catch_warnings():
        # openpyxl warns about styles, data validation, ... it does not read; irrelevant here.
        warnings.simplefilter("ignore")
        try:
            workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, EOFError) as error:
            raise ImportProblem(
                "Dit Excel-bestand is beschadigd, met een wachtwoord beveiligd of geen echt "
                f".xlsx-bestand. {_CONVERT_ADVICE}") from error
        try:
            if not workbook.worksheets:
                raise ImportProblem("Deze Excel-werkmap bevat geen werkbladen.")
            records: list[tuple[int, list[Cell]]] = []
            for number, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
                row = ["" if v is None else v for v in values]
                if any(not isinstance(v, str) or v.strip() for v in row):
                    records.append((number, row))
                    if len(records) > MAX_ROWS + 11:
                        break
        except (zipfile.BadZipFile, KeyError, ValueError) as error:
            raise ImportProblem(f"Dit Excel-bestand is beschadigd. {_CONVERT_ADVICE}") from error
        finally:
            workbook.close()
    if not records:
        raise ImportProblem("Het eerste werkblad van dit Excel-bestand is leeg.")
    return _table(records, "XLSX", "", "")


_VALUE_LIKE = re.compile(r"^\s*([-+]?\d+([.,]\d+)?\s*%?|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}.*|\S+@\S+)\s*$")


def _filled(row: list[Cell]) -> int:
    return sum(1 for v in row if not isinstance(v, str) or v.strip())


def _looks_like_data(row: list[Cell]) -> bool:
    cells = [v for v in row if not isinstance(v, str) or v.strip()]
    values = sum(1 for v in cells if not isinstance(v, str) or _VALUE_LIKE.match(v))
    return values * 2 >= len(cells)


def _table(records: list[tuple[int, list[Cell]]], kind: str, encoding: str, delimiter: str) -> RawTable:
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
    names = [_cell_text(v) for v in header_cells]
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
                    f"Regel {line} heeft {_filled_width(record)} waarden, maar de kopregel maar {width} "
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


def _filled_width(record: list[Cell]) -> int:
    width = len(record)
    while width and isinstance(record[width - 1], str) and not str(record[width - 1]).strip():
        width -= 1
    return width


def _delimiter_word(delimiter: str) -> str:
    return {";": "puntkomma", ",": "komma", "\t": "tab", "|": "verticale streep"}.get(delimiter, "scheidingsteken")


def _cell_text(value: Cell) -> str:
    """A cell as text: numbers without a spurious '.0', dates as dd-mm-jjjj."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return format_date(value.date())
    if isinstance(value, date):
        return format_date(value)
    return str(value).strip()


def cell_text(value: Cell) -> str:
    """How a cell is shown in a preview."""
    return _cell_text(value)


# ---------------------------------------------------------------------------
# Mapping columns to fields

FIELD_LABELS = {
    "name": "Naam (volledig)",
    "first_name": "Voornaam",
    "last_name": "Familienaam",
    "staff_number": "Personeelsnummer",
    "function": "Functie",
    "department": "Afdeling / team",
    "statute": "Statuut",
    "in_service_from": "Datum in dienst",
    "out_of_service_from": "Datum uit dienst",
    "hours_per_week": "Uren per week / breuk",
    "manager": "Leidinggevende",
    "phone": "Telefoon",
    "email": "E-mail",
    "address": "Adres",
}
FIELDS = tuple(FIELD_LABELS)
_BARE_NAME = ("naam", "nom", "name")
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("naam", "volledige naam", "naam en voornaam", "naam voornaam", "voornaam en naam",
             "voornaam naam", "naam werknemer", "naam medewerker", "werknemer", "medewerker",
             "personeelslid", "nom", "nom et prenom", "nom prenom", "prenom et nom", "prenom nom",
             "nom complet", "travailleur", "name", "full name", "employee", "employee name"),
    "first_name": ("voornaam", "voornaam werknemer", "prenom", "first name", "firstname", "given name"),
    "last_name": ("familienaam", "achternaam", "naam familie", "nom de famille", "last name",
                  "lastname", "surname", "family name"),
    "staff_number": ("personeelsnummer", "personeelsnr", "personeel nr", "stamnummer", "stamnr",
                     "werknemersnummer", "werknemer nr", "werknemersnr", "nr werknemer", "nummer",
                     "matricule", "numero de matricule", "n matricule", "numero travailleur",
                     "staff number", "employee number", "employee id", "personnel number", "nr", "id"),
    "function": ("functie", "functieomschrijving", "functiebenaming", "beroep", "job", "fonction",
                 "function", "job title", "position", "poste"),
    "department": ("afdeling", "dienst", "team", "ploeg", "departement", "afdeling team", "entiteit",
                   "service", "equipe", "department", "unit"),
    "statute": ("statuut", "werknemerscategorie", "categorie", "categorie werknemer", "type werknemer",
                "arbeider bediende", "statut", "ouvrier employe", "statute", "status code"),
    "in_service_from": ("datum in dienst", "in dienst", "in dienst sinds", "indiensttreding",
                        "datum indiensttreding", "datum van indiensttreding", "begin contract",
                        "begindatum contract", "startdatum", "begindatum", "anciënniteitsdatum",
                        "date d entree", "date entree", "date d entree en service", "entree en service",
                        "entree", "start date", "hire date", "date of hire", "date hired"),
    "out_of_service_from": ("datum uit dienst", "uit dienst", "uitdiensttreding", "datum uitdiensttreding",
                            "einde contract", "einddatum contract", "einddatum", "date de sortie",
                            "sortie", "date sortie", "end date", "termination date", "leave date"),
    "hours_per_week": ("uren per week", "uren week", "uur per week", "aantal uren", "aantal uren per week",
                       "wekelijkse arbeidsduur", "arbeidsduur", "arbeidsregime", "regime", "werkregime",
                       "tewerkstellingsbreuk", "breuk", "tewerkstellingsgraad", "tewerkstelling",
                       "prestatiebreuk", "fractie", "percentage tewerkstelling", "contracturen", "uren",
                       "heures par semaine", "heures semaine", "regime de travail", "fraction d occupation",
                       "taux d occupation", "hours per week", "weekly hours", "hours", "fte", "vte"),
    "manager": ("leidinggevende", "direct leidinggevende", "rechtstreeks leidinggevende",
                "directe leidinggevende", "chef", "verantwoordelijke", "responsable", "superieur",
                "manager", "line manager", "supervisor"),
    "phone": ("telefoon", "telefoonnummer", "tel", "telefoon gsm", "gsm", "gsm nummer", "gsmnummer",
              "mobiel", "mobiel nummer", "telephone", "portable", "gsm prive", "phone", "mobile"),
    "email": ("e mail", "email", "mail", "e mailadres", "emailadres", "mailadres", "e mail adres",
              "courriel", "adresse e mail", "adresse mail", "email address"),
    "address": ("adres", "woonadres", "domicilie", "domicilieadres", "straat en nummer", "adresse",
                "domicile", "address", "home address"),
}
_FRACTION_WORDS = ("breuk", "fractie", "percentage", "graad", "fte", "vte", "fraction", "taux", "%")


def _normal(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").casefold()
    return " " + " ".join(re.sub(r"[^a-z0-9]+", " ", plain).split()) + " "


_NORMAL_SYNONYMS: dict[str, tuple[str, ...]] = {}


def _best_matches(normal: str, synonyms: dict[str, tuple[str, ...]]) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    for field_name, words in synonyms.items():
        score = 0
        for word in words:
            key = _NORMAL_SYNONYMS.get(word) or _NORMAL_SYNONYMS.setdefault(word, _normal(word))
            if normal == key:
                score = max(score, 1000 + len(key))
            elif key in normal:
                score = max(score, len(key))
        if score:
            found.append((score, field_name))
    return found


def guess_mapping(headers: tuple[str, ...] | list[str]) -> dict[str, int]:
    """Field → column index, guessed from Dutch, French and English column names.

    With separate first-name and name columns (``Voornaam``, ``Naam``), ``Naam``
    is the family name and the full name becomes "Voornaam Familienaam".
    """
    normals = [_normal(h) for h in headers]
    has_first_name = any(
        max(_best_matches(n, _SYNONYMS), default=(0, ""))[1] == "first_name" for n in normals
    )
    synonyms = dict(_SYNONYMS)
    if has_first_name:  # then "Naam" is the family name, and no column holds the full name
        del synonyms["name"]
        synonyms["last_name"] = (*_SYNONYMS["last_name"], *_BARE_NAME)
    candidates = [
        (score, -column, field_name)
        for column, normal in enumerate(normals)
        for score, field_name in _best_matches(normal, synonyms)
    ]
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for _score, negative_column, field_name in sorted(candidates, reverse=True):
        column = -negative_column
        if field_name not in mapping and column not in used:
            mapping[field_name] = column
            used.add(column)
    if "name" in mapping:  # a full name and a family name without first name: keep the full name
        mapping.pop("last_name", None)
    return {f: mapping[f] for f in FIELDS if f in mapping}


def mapping_problem(mapping: dict[str, int]) -> str:
    """'' when a plan can be made, else the Dutch reason (the name is required)."""
    if "name" in mapping or "last_name" in mapping or "first_name" in mapping:
        return ""
    return ("Kies welke kolom de naam van de medewerker bevat (de volledige naam, of voornaam "
            "en familienaam).")


# ---------------------------------------------------------------------------
# Values


def parse_hours(value: Cell, *, fraction_hint: bool = False) -> float | None:
    """Working time as hours per week (38 = full time).

    ``""`` → None; ``38``, ``"19,5"``, ``"19 u"`` → hours; ``"50%"``, ``0.5``, ``"4/5"``
    → that fraction of 38 hours. With ``fraction_hint`` (a column named
    "tewerkstellingsbreuk", "percentage", ...) a bare ``80`` means 80 %.
    Raises AbsenceError with a Dutch message otherwise.
    """
    if value is None or isinstance(value, (date, bool)):
        if value is None:
            return None
        raise AbsenceError(f"‘{_cell_text(value)}’ is geen arbeidsregime.")
    unit = ""
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().lower().replace(" ", "")
        if not text:
            return None
        if ratio := re.fullmatch(r"(\d+(?:[.,]\d+)?)/(\d+(?:[.,]\d+)?)", text):
            top, bottom = (float(g.replace(",", ".")) for g in ratio.groups())
            if bottom == 0:
                raise AbsenceError(f"‘{value}’ is geen geldige breuk.")
            return _check_hours(round(top / bottom * FULL_TIME_HOURS, 2), value)
        match = re.fullmatch(
            r"(\d+(?:[.,]\d+)?)(%|u|uur|uren|h|u/week|u/w|uur/week|uren/week|h/week|h/w|/week)?", text)
        if not match:
            raise AbsenceError(
                f"‘{value}’ is geen arbeidsregime; geef uren per week (bv. 19 of 19,5) of een "
                "breuk (bv. 50% of 0,5).")
        number = float(match.group(1).replace(",", "."))
        unit = match.group(2) or ""
    if unit == "%" or (fraction_hint and not unit and 1 < number <= 100):
        hours = number / 100 * FULL_TIME_HOURS
    elif not unit and number <= 1:
        hours = number * FULL_TIME_HOURS
    else:
        hours = number
    return _check_hours(round(hours, 2), value)


def _check_hours(hours: float, value: Cell) -> float:
    if not 0 < hours <= MAX_HOURS:
        raise AbsenceError(f"Arbeidsregime ‘{_cell_text(value)}’: het aantal uren per week ligt tussen 0 en 60.")
    return hours


def format_hours(hours: float) -> str:
    """19.0 → "19", 19.5 → "19,5" (Belgian decimal comma)."""
    return f"{hours:.2f}".rstrip("0").rstrip(".").replace(".", ",")


_STATUTES = {
    "arbeider": Statute.ARBEIDER, "arbeiders": Statute.ARBEIDER, "arbeidster": Statute.ARBEIDER,
    "arb": Statute.ARBEIDER, "ouvrier": Statute.ARBEIDER, "ouvriere": Statute.ARBEIDER,
    "ouvriers": Statute.ARBEIDER, "worker": Statute.ARBEIDER, "blue collar": Statute.ARBEIDER,
    "bediende": Statute.BEDIENDE, "bedienden": Statute.BEDIENDE, "bed": Statute.BEDIENDE,
    "employe": Statute.BEDIENDE, "employee": Statute.BEDIENDE, "employes": Statute.BEDIENDE,
    "bediende wit": Statute.BEDIENDE, "white collar": Statute.BEDIENDE, "clerk": Statute.BEDIENDE,
}


def parse_statute(value: Cell) -> Statute | None:
    """'arbeider' / 'bediende' in Dutch, French or English; '' → None; else AbsenceError."""
    text = _normal(_cell_text(value)).strip()
    if not text:
        return None
    if text in _STATUTES:
        return _STATUTES[text]
    found = {s for word, s in _STATUTES.items() if len(word) > 3 and f" {word} " in f" {text} "}
    if len(found) == 1:
        return found.pop()
    raise AbsenceError(f"Statuut ‘{_cell_text(value)}’ is onbekend; gebruik arbeider of bediende.")


_DATE_WITH_TIME = re.compile(r"^(\S+?)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")


def parse_cell_date(value: Cell) -> date | None:
    """A date from a cell: a real Excel date, an Excel day number, or dd-mm-jjjj text."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1 <= value <= 73_050:  # an Excel serial day number up to 2100
            return date(1899, 12, 30) + timedelta(days=int(value))
        raise ValidationError(f"{_cell_text(value)} is geen datum.")
    text = str(value).strip()
    if match := _DATE_WITH_TIME.match(text):
        text = match.group(1)
    return parse_date(text)


# ---------------------------------------------------------------------------
# Planning (the dry run)

_TEXT_FIELDS = ("staff_number", "function", "department", "manager", "phone", "email", "address")


@dataclass(frozen=True)
class RowProblem:
    row: int
    message: str
    name: str = ""

    def __str__(self) -> str:
        who = f" ({self.name})" if self.name else ""
        return f"Rij {self.row}{who}: {self.message}"


@dataclass(frozen=True)
class PlannedAddition:
    row: int
    fields: dict[str, object]  # employee fields + optional "hours_per_week"

    @property
    def name(self) -> str:
        return str(self.fields["name"])


@dataclass(frozen=True)
class PlannedChange:
    row: int
    employee_id: int
    name: str
    differences: dict[str, tuple[object, object]]  # field → (old, new)

    @property
    def fields(self) -> dict[str, object]:
        return {key: new for key, (_old, new) in self.differences.items()}


@dataclass
class ImportPlan:
    """What an import would do. Applying it never deletes anything."""

    effective: date
    additions: list[PlannedAddition] = field(default_factory=list)
    changes: list[PlannedChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    untouched: int = 0  # employees in the dossier that are not in the file

    @property
    def has_work(self) -> bool:
        return bool(self.additions or self.changes)

    def apply_arguments(self) -> tuple[list[dict[str, object]], list[tuple[int, dict[str, object]]]]:
        """``(additions, changes)`` in the shapes ``EmployeeRepository.apply_import`` takes."""
        return ([dict(a.fields) for a in self.additions],
                [(c.employee_id, c.fields) for c in self.changes])

    def summary(self) -> str:
        problems = len(self.problems)
        text = (f"{len(self.additions)} nieuw, {len(self.changes)} gewijzigd, {self.unchanged} ongewijzigd, "
                + ("1 rij met problemen (wordt overgeslagen)" if problems == 1
                   else f"{problems} rijen met problemen (worden overgeslagen)"))
        return text + "; medewerkers die niet in het bestand staan blijven ongewijzigd"


def describe_value(field_name: str, value: object) -> str:
    """A planned value in Dutch, for the dry-run list."""
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Statute):
        return value.label
    if field_name == "hours_per_week" and isinstance(value, (int, float)):
        return f"{format_hours(float(value))} u/week"
    return str(value)


def _number_key(number: str) -> str:
    """Staff numbers compare without leading zeros (a spreadsheet often drops them)."""
    number = number.strip().casefold()
    return (number.lstrip("0") or "0") if number.isdigit() else number


def _current_hours(employee: Employee, day: date) -> float | None:
    period = employee.regime_on(day)
    if period is None and employee.regimes:
        period = min(employee.regimes, key=lambda p: p.valid_from)
    return period.hours_per_week if period else None


def _read_row(cells: tuple[Cell, ...], columns: list[tuple[str, int]],
              fraction_hint: bool, today: date) -> tuple[dict[str, object], list[str]]:
    values: dict[str, object] = {}
    errors: list[str] = []
    raw = {name: cells[column] for name, column in columns}
    full = " ".join(_cell_text(raw.get("name")).split())
    if not full:
        full = " ".join(" ".join(_cell_text(raw.get(p)) for p in ("first_name", "last_name")).split())
    values["name"] = full
    for name in _TEXT_FIELDS:
        if name in raw:
            text = _cell_text(raw[name])
            if len(text) > 2000:
                errors.append(f"{FIELD_LABELS[name]} is te lang (maximaal 2000 tekens).")
            elif text:
                values[name] = text
    for name in ("in_service_from", "out_of_service_from"):
        if name in raw:
            try:
                day = parse_cell_date(raw[name])
                check_not_far_ahead(day, today)
            except ValidationError as error:
                errors.append(f"{FIELD_LABELS[name]}: {error}")
            else:
                if day is not None:
                    values[name] = day
    if "statute" in raw:
        try:
            statute = parse_statute(raw["statute"])
        except AbsenceError as error:
            errors.append(str(error))
        else:
            if statute is not None:
                values["statute"] = statute
    if "hours_per_week" in raw:
        try:
            hours = parse_hours(raw["hours_per_week"], fraction_hint=fraction_hint)
        except AbsenceError as error:
            errors.append(str(error))
        else:
            if hours is not None:
                values["hours_per_week"] = hours
    start, end = values.get("in_service_from"), values.get("out_of_service_from")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.append("De datum uit dienst ligt vóór de datum in dienst.")
    if not full:
        errors.insert(0, "De naam ontbreekt.")
    return values, errors


def _differences(employee: Employee, values: dict[str, object], effective: date) -> dict[str, tuple[object, object]]:
    differences: dict[str, tuple[object, object]] = {}
    for name, new in values.items():
        if name == "hours_per_week":
            old_hours = _current_hours(employee, effective)
            if old_hours is None or abs(old_hours - float(new)) > 0.005:  # type: ignore[arg-type]
                differences[name] = (old_hours, new)
            continue
        old = getattr(employee, name)
        if name == "name":
            same = old.casefold() == str(new).casefold()
        elif name == "staff_number":
            same = _number_key(old) == _number_key(str(new))
        elif name in _TEXT_FIELDS:
            same = " ".join(old.split()) == " ".join(str(new).split())
        else:
            same = old == new
        if not same:
            differences[name] = (old, new)
    return differences


def plan_import(table: RawTable, mapping: dict[str, int], existing: list[Employee], *,
                effective: date | None = None) -> ImportPlan:
    """The dry run: what importing ``table`` with ``mapping`` would add and change.

    Rows are matched to ``existing`` employees by staff number when both have
    one, else by name (case-insensitive) when exactly one employee has that
    name; an ambiguous name is a problem, never a guess. A row with any problem
    is skipped as a whole. A changed working time becomes a regime change from
    ``effective`` (default: today). Raises ImportProblem when no name column is
    mapped.
    """
    if problem := mapping_problem(mapping):
        raise ImportProblem(problem)
    effective = effective or date.today()
    for name, column in mapping.items():
        if name not in FIELD_LABELS or not 0 <= column < len(table.headers):
            raise ValueError(f"ongeldige kolomtoewijzing: {name} → {column}")
    columns = list(mapping.items())
    fraction_hint = "hours_per_week" in mapping and any(
        w in table.headers[mapping["hours_per_week"]].casefold() for w in _FRACTION_WORDS)

    by_number: dict[str, list[Employee]] = defaultdict(list)
    by_name: dict[str, list[Employee]] = defaultdict(list)
    for employee in existing:
        if employee.staff_number.strip():
            by_number[_number_key(employee.staff_number)].append(employee)
        by_name[employee.name.casefold()].append(employee)

    plan = ImportPlan(effective)
    matched_rows: dict[int, int] = {}  # employee id → row that matched it
    new_numbers: dict[str, int] = {}
    new_names: dict[str, list[int]] = defaultdict(list)
    without_statute = 0
    for cells, row in zip(table.rows, table.row_numbers):
        values, errors = _read_row(cells, columns, fraction_hint, effective)
        name = str(values["name"])
        if errors:
            plan.problems.append(RowProblem(row, " ".join(errors), name))
            continue
        number = _number_key(str(values.get("staff_number", "")))
        match: Employee | None = None
        if number and len(by_number.get(number, ())) == 1:
            match = by_number[number][0]
        elif number and len(by_number.get(number, ())) > 1:
            plan.problems.append(RowProblem(row, f"Personeelsnummer {values['staff_number']} komt meer dan "
                                                 "eens voor in het dossier; pas het daar eerst aan.", name))
            continue
        else:
            same_name = by_name.get(name.casefold(), [])
            candidates = [e for e in same_name if not (number and e.staff_number.strip())]
            if len(same_name) > 1 and candidates:
                plan.problems.append(RowProblem(
                    row, f"Er zijn {len(same_name)} medewerkers met deze naam in het dossier; het "
                    "programma gokt niet welke bedoeld is. Vul het personeelsnummer in het bestand en in "
                    "het dossier in.", name))
                continue
            match = candidates[0] if candidates else None
        if match is not None:
            if match.id in matched_rows:
                plan.problems.append(RowProblem(
                    row, f"Deze rij en rij {matched_rows[match.id]} passen allebei bij {match.name} in het "
                    "dossier; deze rij wordt overgeslagen. Gaat het om twee mensen, vul dan in het dossier "
                    "het personeelsnummer in.", name))
                continue
            matched_rows[match.id] = row
            differences = _differences(match, values, effective)
            if differences:
                plan.changes.append(PlannedChange(row, match.id, match.name, differences))
            else:
                plan.unchanged += 1
            continue
        if number:
            if number in new_numbers:
                plan.problems.append(RowProblem(
                    row, f"Personeelsnummer {values['staff_number']} staat ook al op rij "
                    f"{new_numbers[number]}; deze rij wordt overgeslagen.", name))
                continue
            new_numbers[number] = row
        else:
            new_names[name.casefold()].append(row)
        if "statute" not in values:
            without_statute += 1
        plan.additions.append(PlannedAddition(row, values))

    plan.untouched = len(existing) - len(matched_rows)
    _add_notes(plan, new_names, without_statute)
    return plan


def _add_notes(plan: ImportPlan, new_names: dict[str, list[int]], without_statute: int) -> None:
    if plan.untouched:
        plan.notes.append(
            f"{plan.untouched} medewerker(s) uit het dossier staan niet in het bestand; zij blijven "
            "ongewijzigd. Een import verwijdert nooit iets.")
    plan.notes.append("Lege cellen wissen niets: de bestaande gegevens blijven dan behouden.")
    if without_statute:
        plan.notes.append(
            f"{without_statute} nieuwe medewerker(s) zonder statuut worden als bediende bewaard. "
            "Controleer het statuut: het gewaarborgd loon verschilt voor arbeiders en bedienden.")
    if any("hours_per_week" in c.differences for c in plan.changes):
        plan.notes.append(
            f"Gewijzigde arbeidsregimes gelden vanaf {format_date(plan.effective)}; het vroegere "
            "regime blijft in de geschiedenis.")
    for rows in new_names.values():
        if len(rows) > 1:
            plan.notes.append(
                "Rijen " + ", ".join(str(r) for r in rows) + " hebben dezelfde naam zonder "
                "personeelsnummer: ze worden als aparte medewerkers toegevoegd.")
