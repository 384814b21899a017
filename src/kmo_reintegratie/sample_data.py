"""Generated staff and absence histories for large dossiers (benchmarks, tests, demo).

Deterministic for a given seed. The shape follows what the absence-policy seed
describes: many short absences (often around weekends), a few long ones, some
part-time regimes and regime changes, people joining and leaving.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kmo_reintegratie.store.bulk import bulk_load
from kmo_reintegratie.store.dossier import Dossier

DEPARTMENTS = ("Zorg – afdeling Linde", "Zorg – afdeling Eik", "Keuken", "Logistiek en onderhoud",
               "Administratie", "Schoonmaak")
FIRST = ("An", "Bart", "Chloé", "Dirk", "Els", "Femke", "Gert", "Hanne", "Ilias", "Jana", "Kobe", "Lien",
         "Mehdi", "Nele", "Olivier", "Pieter", "Rania", "Sam", "Tine", "Wout", "Yasmine", "Zoë")
LAST = ("Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters",
        "De Smet", "Dubois", "El Amrani", "Van Damme", "Lambrecht", "Vermeulen", "Hermans")


def generate(*, employees: int, spells: int, years: int, end: date, seed: int = 1,
             first_id: int = 1) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]],
                                         list[dict[str, Any]]]:
    """Rows for employees, regimes, absences and partial returns ending at ``end``."""
    rng = random.Random(seed)
    start = end - timedelta(days=365 * years)
    staff, regimes = [], []
    for n in range(employees):
        employee_id = first_id + n
        joined = start - timedelta(days=rng.randint(0, 3650)) if rng.random() < 0.8 else \
            start + timedelta(days=rng.randint(0, 365 * years - 30))
        left = joined + timedelta(days=rng.randint(200, 2500)) if rng.random() < 0.12 else None
        if left is not None and left > end:
            left = None
        staff.append({"id": employee_id, "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                      "staff_number": f"P{employee_id:05d}", "department": rng.choice(DEPARTMENTS),
                      "function": "Medewerker", "statute": rng.choice(("arbeider", "bediende")),
                      "in_service_from": joined.isoformat(),
                      "out_of_service_from": left.isoformat() if left else None})
        hours = rng.choice((38, 38, 38, 30.4, 28.5, 19))
        regimes.append({"employee_id": employee_id, "valid_from": joined.isoformat(), "hours_per_week": hours})
        if rng.random() < 0.15:
            change = start + timedelta(days=rng.randint(0, 365 * years))
            if change > joined:
                regimes.append({"employee_id": employee_id, "valid_from": change.isoformat(),
                                "hours_per_week": rng.choice((19, 30.4, 38))})
    # Spread spells over employees (a few have many, as in real absence data);
    # absences of one person never overlap.
    windows = []
    for person in staff:
        joined = date.fromisoformat(person["in_service_from"])
        left = date.fromisoformat(person["out_of_service_from"]) if person["out_of_service_from"] else end
        windows.append((max(start, joined), min(end, left)))
    capacity = [max(0, (hi - lo).days // 12) for lo, hi in windows]
    weights = [rng.paretovariate(2.0) if cap else 0.0 for cap in capacity]
    total_weight = sum(weights) or 1.0
    counts = [min(capacity[i], int(spells * weights[i] / total_weight)) for i in range(employees)]
    index = 0
    while sum(counts) < spells and any(c < cap for c, cap in zip(counts, capacity)):
        if counts[index] < capacity[index]:
            counts[index] += 1
        index = (index + 1) % employees
    absences, partials = [], []
    absence_id = first_id
    for person, (lo, hi), count in zip(staff, windows, counts):
        if count == 0:
            continue
        slot = (hi - lo).days / count  # each spell gets its own stretch of the window
        for n in range(count):
            slot_start = lo + timedelta(days=int(n * slot))
            slot_end = lo + timedelta(days=int((n + 1) * slot))
            room = (slot_end - slot_start).days
            long_spell = rng.random() < 0.05 and room > 40
            length = rng.randint(30, room - 1) if long_spell else rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 7, 10))
            length = max(1, min(length, room - 1))
            day = slot_start + timedelta(days=rng.randint(0, max(0, room - length - 1)))
            if day.weekday() >= 5 and rng.random() < 0.7:
                day -= timedelta(days=day.weekday() - 4)  # most spells start on a working day
                day = max(day, slot_start)
            returned = day + timedelta(days=length)
            open_now = returned > end
            absences.append({"id": absence_id, "employee_id": person["id"], "starts": day.isoformat(),
                             "kind": "ziekte" if rng.random() < 0.9 else "ongeval_prive",
                             "returned_on": None if open_now else returned.isoformat()})
            if length >= 60 and rng.random() < 0.4:
                partials.append({"absence_id": absence_id,
                                 "starts": (day + timedelta(days=length * 2 // 3)).isoformat(),
                                 "percentage": rng.choice((50, 60, 80))})
            absence_id += 1
    return staff, regimes, absences, partials


def write_large_dossier(path: Path, *, employees: int = 2000, spells: int = 50_000, years: int = 5,
                        end: date | None = None, seed: int = 1) -> Path:
    """A new dossier with generated staff and absences (e.g. the 2,000 / 50,000 benchmark)."""
    end = end or date.today()
    staff, regimes, absences, partials = generate(employees=employees, spells=spells, years=years, end=end, seed=seed)
    with Dossier.create(path) as dossier:
        dossier.organisation.update(name="Grote voorbeeldorganisatie (gegenereerd)", employee_count=employees)
        bulk_load(dossier, employees=staff, regimes=regimes, absences=absences, partial_returns=partials)
    return path
