"""Write a large, realistic staff list for trying out the import (all names invented).

Usage: python scripts/make_staff_list.py [OUTPUT.csv|OUTPUT.xlsx] [ROWS]   (default: personeel.csv, 2000)
The CSV is semicolon-separated in Windows-1252, like a Belgian Excel export.
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import date, timedelta
from pathlib import Path

FIRST = ("Jan", "Els", "Koen", "Sofie", "Ahmed", "Fatima", "Lotte", "Tom", "Zoë", "Noël", "Anaïs",
         "Marc", "An", "Ria", "Jo", "Sarah", "Bram", "Elif", "Mohamed", "Lena", "Wout", "Inès")
LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
        "De Smet", "Dupré", "Benali", "Ouali", "Van Damme", "Verhaegen", "De Wilde", "Lambrecht")
FUNCTIONS = ("Zorgkundige", "Verpleegkundige", "Keukenmedewerker", "Technicus", "Logistiek medewerker",
             "Administratief medewerker", "Poetshulp", "Animator")
DEPARTMENTS = ("Zorg – afdeling Eik", "Zorg – afdeling Linde", "Keuken", "Logistiek en onderhoud",
               "Administratie", "Schoonmaak")
HEADER = ("Personeelsnummer", "Naam", "Voornaam", "Functie", "Afdeling", "Statuut", "Datum in dienst",
          "Arbeidsregime", "Leidinggevende", "GSM", "E-mail")


def rows(count: int, seed: int = 7) -> list[list[object]]:
    rng = random.Random(seed)
    out: list[list[object]] = []
    for number in range(1, count + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        start = date(2000, 1, 1) + timedelta(days=rng.randrange(9000))
        regime = rng.choice(("38", "30,4", "19", "0,5", "80%", "4/5", "28,5"))
        out.append([f"{number:05d}", last, first, rng.choice(FUNCTIONS), rng.choice(DEPARTMENTS),
                    rng.choice(("arbeider", "bediende")), start.strftime("%d/%m/%Y"), regime,
                    f"{rng.choice(FIRST)} {rng.choice(LAST)}", f"04{rng.randrange(70, 99)} {rng.randrange(10**6):06d}",
                    f"{first.lower()}.{number}@voorbeeld.be"])
    return out


def main() -> int:
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("personeel.csv")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    data = rows(count)
    if target.suffix.lower() == ".xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(HEADER)
        for row in data:
            sheet.append(row)
        workbook.save(target)
    else:
        with target.open("w", encoding="cp1252", errors="replace", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(HEADER)
            writer.writerows(data)
    print(f"{target}: {count} medewerkers")
    return 0


if __name__ == "__main__":
    sys.exit(main())
