"""Which column holds which field of a staff list, and how a cell becomes a value.

Column names are matched in Dutch, French and English; values are read the way social
secretariats and spreadsheets write them (hours or fractions, statutes, dates).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta

from kmo_reintegratie.absence import FULL_TIME_HOURS, AbsenceError
from kmo_reintegratie.dates import parse_date
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.staff_table import Cell, cell_text

MAX_HOURS = 60.0


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
FRACTION_WORDS = ("breuk", "fractie", "percentage", "graad", "fte", "vte", "fraction", "taux", "%")


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
        raise AbsenceError(f"‘{cell_text(value)}’ is geen arbeidsregime.")
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
        raise AbsenceError(f"Arbeidsregime ‘{cell_text(value)}’: het aantal uren per week ligt tussen 0 en 60.")
    return hours


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
    text = _normal(cell_text(value)).strip()
    if not text:
        return None
    if text in _STATUTES:
        return _STATUTES[text]
    found = {s for word, s in _STATUTES.items() if len(word) > 3 and f" {word} " in f" {text} "}
    if len(found) == 1:
        return found.pop()
    raise AbsenceError(f"Statuut ‘{cell_text(value)}’ is onbekend; gebruik arbeider of bediende.")


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
        raise ValidationError(f"{cell_text(value)} is geen datum.")
    text = str(value).strip()
    if match := _DATE_WITH_TIME.match(text):
        text = match.group(1)
    return parse_date(text)
