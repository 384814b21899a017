"""Reading, mapping and planning a staff-list import (pure, no Qt)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from kmo_reintegratie.absence import Employee, RegimePeriod
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.staff_import import (
    ImportProblem,
    RawTable,
    guess_mapping,
    parse_hours,
    plan_import,
    read_table,
)
from kmo_reintegratie.store.dossier import Dossier

EFFECTIVE = date(2026, 3, 1)
SECRETARIAT_HEADER = "Personeelsnummer;Naam;Voornaam;Statuut;Datum in dienst;Arbeidsregime"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def table_of(tmp_path: Path, text: str) -> RawTable:
    return read_table(write(tmp_path / "lijst.csv", text))


# -- reading -----------------------------------------------------------------------------


def test_csv_with_semicolons_in_windows_1252(tmp_path: Path) -> None:
    path = write(tmp_path / "personeel.csv", "Naam;Functie;Adres\r\nZoë Dupré;Kok;Kerkstraat 1, 9000 Gent\r\n",
                 "cp1252")
    table = read_table(path)
    assert table.kind == "CSV"
    assert table.delimiter == ";"
    assert table.encoding == "Windows-1252"
    assert table.headers == ("Naam", "Functie", "Adres")
    assert table.rows == (("Zoë Dupré", "Kok", "Kerkstraat 1, 9000 Gent"),)
    assert "Windows-1252" in table.describe()


def test_csv_with_commas_and_bom(tmp_path: Path) -> None:
    path = write(tmp_path / "staff.csv",
                 'Name,Function,Department\n"Peeters, Jan",Chef,Keuken\nNoël Maes,Technicus,"Logistiek"\n',
                 "utf-8-sig")
    table = read_table(path)
    assert table.delimiter == ","
    assert table.encoding == "UTF-8 met BOM"
    assert table.headers[0] == "Name"  # no BOM glued to the first column name
    assert table.rows[0] == ("Peeters, Jan", "Chef", "Keuken")
    assert table.rows[1][0] == "Noël Maes"
    assert table.row_numbers == (2, 3)


def test_tab_separated_utf8_and_blank_lines(tmp_path: Path) -> None:
    table = table_of(tmp_path, "Naam\tAfdeling\n\nAn Peeters\tZorg\n\n")
    assert table.delimiter == "\t"
    assert table.encoding == "UTF-8"
    assert table.rows == (("An Peeters", "Zorg"),)
    assert table.row_numbers == (3,)


def test_xlsx_first_sheet_with_real_dates_and_numbers(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Personeel"
    sheet.append(["Stamnummer", "Familienaam", "Voornaam", "Statut", "Date d'entrée", "Tewerkstellingsbreuk"])
    sheet.append([1023, "Dupré", "Zoë", "employé", datetime(2019, 9, 1), 0.5])
    sheet.append([1024, "Benali", "Ahmed", "Ouvrier", datetime(2021, 2, 15), 1])
    workbook.create_sheet("Andere").append(["niet", "dit"])
    path = tmp_path / "personeel.xlsx"
    workbook.save(path)

    table = read_table(path)
    assert table.kind == "XLSX"
    assert table.headers[:3] == ("Stamnummer", "Familienaam", "Voornaam")
    assert table.rows[0][4] == datetime(2019, 9, 1)
    plan = plan_import(table, guess_mapping(table.headers), [], effective=EFFECTIVE)
    assert [a.fields for a in plan.additions] == [
        {"name": "Zoë Dupré", "staff_number": "1023", "statute": Statute.BEDIENDE,
         "in_service_from": date(2019, 9, 1), "hours_per_week": 19.0},
        {"name": "Ahmed Benali", "staff_number": "1024", "statute": Statute.ARBEIDER,
         "in_service_from": date(2021, 2, 15), "hours_per_week": 38.0},
    ]


def test_a_title_line_above_the_header_is_skipped(tmp_path: Path) -> None:
    table = table_of(tmp_path, "Personeelslijst 2026;;\nNaam;Functie;Afdeling\nJan Peeters;Kok;Keuken\n")
    assert table.headers == ("Naam", "Functie", "Afdeling")
    assert table.row_numbers == (3,)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.csv", b"", "Het bestand is leeg."),
        ("spaties.csv", b"  \r\n\r\n ", "Het bestand is leeg."),
        ("enkel_kop.csv", b"Naam;Functie\n", "enkel kolomnamen"),
        ("geen_kop.csv", b"Jan Peeters;12;01-02-2020;38\nEls Wuyts;13;01-03-2021;19\n", "kopregel"),
        ("scheef.csv", b"Naam;Functie\nJan Peeters;Kok\nEls Wuyts;Kok;Keuken;extra\n", "Regel 3 heeft 4 waarden"),
        ("binair.csv", b"\x00\x01\x02PDF\x00\x00", "geen tekstbestand"),
        ("oud.xls", b"\xd0\xcf\x11\xe0", ".xls"),
        ("brief.pdf", b"%PDF-1.4", "geen CSV- of Excel-bestand"),
        ("kapot.xlsx", b"PK\x03\x04 dit is geen werkmap", "beschadigd"),
        ("open_quote.csv", b'Naam;Adres\n"Jan;Kerkstraat 1\n' + b"x;y\n" * 600, "aanhalingsteken"),
        ("open_quote_kort.csv", b'Naam;Functie\nAn Claes;Kok\n"Koen;Kok\nEls;Kok\n', "regel 3 begint een waarde"),
    ],
)
def test_malformed_files_get_a_dutch_message(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportProblem, match=message):
        read_table(path)


def test_more_than_20000_rows_is_refused(tmp_path: Path) -> None:
    text = "Naam;Functie\n" + "".join(f"Medewerker {i};Kok\n" for i in range(20_001))
    with pytest.raises(ImportProblem, match="meer dan 20.000 rijen"):
        table_of(tmp_path, text)


def test_missing_file_is_a_dutch_message(tmp_path: Path) -> None:
    with pytest.raises(ImportProblem, match="kan niet gelezen worden"):
        read_table(tmp_path / "weg.csv")


# -- mapping -------------------------------------------------------------------------------


def test_guess_mapping_on_a_social_secretariat_export() -> None:
    headers = tuple(SECRETARIAT_HEADER.split(";"))
    assert guess_mapping(headers) == {
        "first_name": 2, "last_name": 1, "staff_number": 0, "statute": 3, "in_service_from": 4,
        "hours_per_week": 5,
    }


def test_guess_mapping_dutch_french_and_english_names() -> None:
    dutch = ("Naam", "Functie", "Dienst", "Statuut", "Indiensttreding", "Uren per week", "Leidinggevende",
             "GSM", "E-mailadres", "Adres", "Datum uit dienst")
    assert guess_mapping(dutch) == {
        "name": 0, "function": 1, "department": 2, "statute": 3, "in_service_from": 4,
        "out_of_service_from": 10, "hours_per_week": 5, "manager": 6, "phone": 7, "email": 8, "address": 9,
    }
    french = ("Matricule", "Nom", "Prénom", "Fonction", "Équipe", "Date d'entrée", "Taux d'occupation")
    assert guess_mapping(french) == {"first_name": 2, "last_name": 1, "staff_number": 0, "function": 3,
                                     "department": 4, "in_service_from": 5, "hours_per_week": 6}
    english = ("Employee ID", "Full name", "Team", "Hire date", "Weekly hours", "Email")
    assert guess_mapping(english) == {"name": 1, "staff_number": 0, "department": 2, "in_service_from": 3,
                                      "hours_per_week": 4, "email": 5}


@pytest.mark.parametrize(
    ("value", "hours"),
    [("38", 38.0), ("19,5", 19.5), ("19.5", 19.5), ("50%", 19.0), ("50 %", 19.0), ("0,5", 19.0),
     (0.8, 30.4), (1, 38.0), ("4/5", 30.4), ("19/38", 19.0), ("30 u", 30.0), ("38 u/week", 38.0), ("", None),
     (None, None)],
)
def test_parse_hours(value: object, hours: float | None) -> None:
    assert parse_hours(value) == hours  # type: ignore[arg-type]


def test_parse_hours_with_a_percentage_column_and_refusals() -> None:
    assert parse_hours("80", fraction_hint=True) == 30.4
    for wrong in ("75", "0", "veel", "-5"):
        with pytest.raises(ValueError):
            parse_hours(wrong)


# -- planning ---------------------------------------------------------------------------------


def employees() -> list[Employee]:
    return [
        Employee(1, "Koen Verhaegen", staff_number="101", function="Zorgkundige", department="Zorg",
                 statute=Statute.BEDIENDE, in_service_from=date(2012, 9, 1),
                 regimes=(RegimePeriod(date(2012, 9, 1), 38.0),)),
        Employee(2, "Els Wuyts", function="Keukenmedewerker", department="Keuken", statute=Statute.ARBEIDER,
                 regimes=(RegimePeriod(date(2015, 9, 1), 30.0),)),
        Employee(3, "Tom Maes", staff_number="103", function="Technicus"),
        Employee(4, "Ria Mertens", staff_number="104", function="Keukenverantwoordelijke"),
    ]


PLAN_CSV = (
    "Personeelsnummer;Naam;Functie;Afdeling;Statuut;Datum in dienst;Uren per week\n"
    "101;Koen Verhaegen;Zorgkundige;Zorg;bediende;01-09-2012;19\n"        # regime changes
    ";els wuyts;Kok;Keuken;arbeider;;\n"                                   # matched by name, function changes
    "0103;Tom Maes;Technicus;;;;\n"                                       # staff number w/o leading zero: unchanged
    "200;Jan Peeters;Kok;Keuken;ouvrier;15/03/2024;50%\n"                  # new
    ";;Kok;Keuken;;;\n"                                                    # no name
    "201;Zoë Dupré;Kok;Keuken;bediende;31/02/2024;38\n"                   # impossible date
    "202;An Claes;Kok;Keuken;kaderlid;01-01-2020;38\n"                    # unknown statute
    "203;Bram Jacobs;Kok;Keuken;arbeider;01-01-2020;75\n"                 # too many hours
    "204;Lies Wouters;Kok;Keuken;arbeider;01-01-2062;38\n"               # year typed wrong
)


def test_plan_additions_changes_unchanged_and_problems(tmp_path: Path) -> None:
    table = table_of(tmp_path, PLAN_CSV)
    plan = plan_import(table, guess_mapping(table.headers), employees(), effective=EFFECTIVE)

    assert [a.name for a in plan.additions] == ["Jan Peeters"]
    assert plan.additions[0].fields == {
        "name": "Jan Peeters", "staff_number": "200", "function": "Kok", "department": "Keuken",
        "statute": Statute.ARBEIDER, "in_service_from": date(2024, 3, 15), "hours_per_week": 19.0}
    assert [(c.employee_id, c.differences) for c in plan.changes] == [
        (1, {"hours_per_week": (38.0, 19.0)}),
        (2, {"function": ("Keukenmedewerker", "Kok")}),
    ]
    assert plan.unchanged == 1
    assert [(p.row, p.name) for p in plan.problems] == [(6, ""), (7, "Zoë Dupré"), (8, "An Claes"),
                                                        (9, "Bram Jacobs"), (10, "Lies Wouters")]
    messages = [str(p) for p in plan.problems]
    assert messages[0] == "Rij 6: De naam ontbreekt."
    assert "31/02/2024 bestaat niet als datum" in messages[1]
    assert "Statuut ‘kaderlid’ is onbekend" in messages[2]
    assert "tussen 0 en 60" in messages[3]
    assert "meer dan een jaar in de toekomst" in messages[4]
    assert plan.untouched == 1  # Ria Mertens is not in the file
    assert plan.summary() == ("1 nieuw, 2 gewijzigd, 1 ongewijzigd, 5 rijen met problemen (worden "
                              "overgeslagen); medewerkers die niet in het bestand staan blijven ongewijzigd")
    assert any("1 medewerker(s) uit het dossier staan niet in het bestand" in n for n in plan.notes)
    assert any("vanaf 01-03-2026" in n for n in plan.notes)


def test_plan_applies_to_a_real_dossier_and_never_deletes(tmp_path: Path, dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        koen = dossier.employees.add("Koen Verhaegen", staff_number="101", function="Zorgkundige",
                                     department="Zorg", in_service_from=date(2012, 9, 1), hours_per_week=38.0)
        els = dossier.employees.add("Els Wuyts", function="Keukenmedewerker", department="Keuken",
                                    statute=Statute.ARBEIDER, hours_per_week=30.0)
        ria = dossier.employees.add("Ria Mertens", staff_number="104")
        table = table_of(tmp_path, PLAN_CSV)
        plan = plan_import(table, guess_mapping(table.headers), dossier.employees.list(), effective=EFFECTIVE)
        additions, changes = plan.apply_arguments()
        dossier.employees.apply_import(additions, changes, effective=plan.effective)

    with Dossier.open(dossier_path) as dossier:
        by_name = {e.name: e for e in dossier.employees.list()}
    assert set(by_name) == {"Koen Verhaegen", "Els Wuyts", "Ria Mertens", "Tom Maes", "Jan Peeters"}
    assert by_name["Ria Mertens"] == ria
    assert by_name["Koen Verhaegen"].regimes == (RegimePeriod(date(2012, 9, 1), 38.0),
                                                 RegimePeriod(EFFECTIVE, 19.0))
    assert by_name["Els Wuyts"].function == "Kok"
    assert by_name["Els Wuyts"].id == els.id and by_name["Koen Verhaegen"].id == koen.id
    jan = by_name["Jan Peeters"]
    assert (jan.statute, jan.in_service_from, jan.regimes) == (
        Statute.ARBEIDER, date(2024, 3, 15), (RegimePeriod(date(2024, 3, 15), 19.0),))


def test_same_name_is_reported_not_guessed(tmp_path: Path) -> None:
    existing = [Employee(1, "Jan Peeters", department="Keuken"), Employee(2, "Jan Peeters", department="Zorg"),
                Employee(3, "An Peeters", staff_number="7"), Employee(4, "An Peeters", staff_number="8")]
    table = table_of(tmp_path, "Naam;Personeelsnr;Functie\nJan Peeters;;Kok\nAn Peeters;8;Kok\n"
                               "An Peeters;9;Kok\n")
    plan = plan_import(table, guess_mapping(table.headers), existing, effective=EFFECTIVE)
    assert [p.row for p in plan.problems] == [2]
    assert "2 medewerkers met deze naam" in plan.problems[0].message
    assert [(c.employee_id, c.fields) for c in plan.changes] == [(4, {"function": "Kok"})]
    assert [a.fields["staff_number"] for a in plan.additions] == ["9"]  # a third An Peeters


def test_duplicates_within_the_file(tmp_path: Path) -> None:
    table = table_of(tmp_path, "Naam;Personeelsnr\nKoen Verhaegen;101\nKoen Verhaegen;101\n"
                               "Nieuwe Kracht;500\nAndere Naam;500\nJan Peeters;\nJan Peeters;\n")
    plan = plan_import(table, guess_mapping(table.headers), [Employee(1, "Koen Verhaegen", staff_number="101")],
                       effective=EFFECTIVE)
    assert [(p.row, "rij 2" in p.message or "rij 4" in p.message) for p in plan.problems] == [(3, True), (5, True)]
    assert [a.name for a in plan.additions] == ["Nieuwe Kracht", "Jan Peeters", "Jan Peeters"]
    assert any("Rijen 6, 7 hebben dezelfde naam" in n for n in plan.notes)


def test_empty_cells_erase_nothing(tmp_path: Path) -> None:
    existing = [Employee(1, "Els Wuyts", function="Kok", phone="0470 11 22 33",
                         regimes=(RegimePeriod(date(2020, 1, 1), 30.0),))]
    table = table_of(tmp_path, "Naam;Functie;Telefoon;Uren\nEls Wuyts;;;\n")
    plan = plan_import(table, guess_mapping(table.headers), existing, effective=EFFECTIVE)
    assert (plan.changes, plan.unchanged) == ([], 1)


def test_a_plan_needs_a_name_column(tmp_path: Path) -> None:
    table = table_of(tmp_path, "Functie;Afdeling\nKok;Keuken\n")
    assert guess_mapping(table.headers) == {"function": 0, "department": 1}
    with pytest.raises(ImportProblem, match="Kies welke kolom de naam"):
        plan_import(table, guess_mapping(table.headers), [])


def test_ten_thousand_rows_are_planned(tmp_path: Path) -> None:
    lines = [SECRETARIAT_HEADER]
    lines += [f"{i:05d};Naam{i};Voornaam;{'arbeider' if i % 2 else 'bediende'};01/02/2015;"
              f"{'0,5' if i % 3 else '38'}" for i in range(10_000)]
    lines[5002] = "05001;;;arbeider;01/02/2015;38"  # one row without a name
    existing = [Employee(i + 1, f"Voornaam Naam{i}", staff_number=f"{i:05d}", statute=Statute.BEDIENDE,
                         in_service_from=date(2015, 2, 1)) for i in range(0, 10_000, 4)]
    table = read_table(write(tmp_path / "groot.csv", "\n".join(lines) + "\n", "cp1252"))
    assert len(table.rows) == 10_000

    plan = plan_import(table, guess_mapping(table.headers), existing, effective=EFFECTIVE)
    assert len(plan.problems) == 1 and plan.problems[0].row == 5003
    assert len(plan.additions) == 7_499
    assert len(plan.changes) + plan.unchanged == 2_500
    assert plan.untouched == 0 and plan.summary().startswith("7499 nieuw")
