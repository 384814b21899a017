"""Generated staff and absence histories for large dossiers (benchmarks, tests, demo).

``generate_large_demo`` makes the rows of ``demo PAD --groot``; ``generate`` the plainer
staff-and-absences dossier of the older benchmarks. Deterministic for a given seed. The
shape follows what the absence-policy seed describes: many short absences (often around
weekends), a few long ones, some part-time regimes and regime changes, people joining and
leaving.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from kmo_reintegratie.store.bulk import bulk_load
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Adaptation,
    AdaptationKind,
    Consideration,
    MotivatedReport,
    PlanVersion,
    Response,
    ScheduleStep,
)

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


# -- the large demo dossier (`demo PAD --groot`) ------------------------------------------------
#
# Ten years of a care group with 2,000 people: the same kinds of facts as the demo (contact
# agreements and calls, certificates, possible relapses, partial returns, trajectories with
# plans, a yearly self-assessment), generated so that every list and figure has to cope with
# thousands of rows. Nothing medical is generated: only dates, kinds, who called and what was
# agreed.

LARGE_EMPLOYEES = 2000
LARGE_ABSENCES = 50_000
LARGE_CONTACTS = 100_000
LARGE_TRAJECTORIES = 500
LARGE_ROUNDS = 10
LARGE_ACTIONS = 1000
LARGE_YEARS = 10

# (department, weight, manager, ((function, statute), ...))
LARGE_DEPARTMENTS = (
    ("Zorg – afdeling Linde", 14, "Marc Van Damme",
     (("Zorgkundige", "bediende"), ("Verpleegkundige", "bediende"), ("Logistiek assistent zorg", "arbeider"))),
    ("Zorg – afdeling Eik", 14, "An Peeters",
     (("Zorgkundige", "bediende"), ("Verpleegkundige", "bediende"), ("Logistiek assistent zorg", "arbeider"))),
    ("Zorg – afdeling Beuk", 12, "Kristof Wouters",
     (("Zorgkundige", "bediende"), ("Verpleegkundige", "bediende"))),
    ("Zorg – afdeling Wilg", 12, "Hilde Jacobs",
     (("Zorgkundige", "bediende"), ("Verpleegkundige", "bediende"), ("Logistiek assistent zorg", "arbeider"))),
    ("Dagverzorgingscentrum", 6, "Leen Hermans", (("Zorgkundige", "bediende"), ("Animator", "bediende"))),
    ("Keuken", 9, "Ria Mertens", (("Kok", "arbeider"), ("Keukenmedewerker", "arbeider"))),
    ("Logistiek en onderhoud", 8, "Jo Claes",
     (("Technicus", "arbeider"), ("Logistiek medewerker", "arbeider"), ("Chauffeur", "arbeider"))),
    ("Schoonmaak", 10, "Sandra Lambrecht", (("Schoonmaker", "arbeider"),)),
    ("Animatie en ergotherapie", 5, "Leen Hermans", (("Ergotherapeut", "bediende"), ("Animator", "bediende"))),
    ("Administratie", 6, "Sofie Peeters",
     (("Administratief medewerker", "bediende"), ("Boekhouder", "bediende"), ("Onthaalmedewerker", "bediende"))),
)
LARGE_FIRST = FIRST + (
    "Anouk", "Arne", "Bram", "Charlotte", "Daan", "Dries", "Ella", "Emma", "Eva", "Fien", "Florian", "Hamza",
    "Ines", "Jasper", "Jens", "Joke", "Karim", "Katrien", "Laura", "Lars", "Lotte", "Louis", "Lucas", "Marie",
    "Mila", "Nina", "Noah", "Nora", "Rik", "Robbe", "Ruben", "Saar", "Senne", "Sofie", "Stijn", "Thomas",
    "Vic", "Wim", "Yusuf", "Émile")
LARGE_LAST = LAST + (
    "Aerts", "Bogaert", "Cools", "De Backer", "De Clercq", "De Meyer", "De Wilde", "Desmet", "Declercq",
    "Geerts", "Jansen", "Lemmens", "Martens", "Michiels", "Moens", "Pauwels", "Smets", "Stevens", "Van Acker",
    "Van den Broeck", "Van Hoof", "Verbeke", "Verhaegen", "Wuyts", "Yilmaz", "Azzouzi", "Benali", "Claeys")
HR = "Sofie Peeters (HR)"

SUMMARIES = (
    "Belt om te horen hoe het gaat; het team vangt het werk op.",
    "Kort gesprek; de werknemer neemt rust en waardeert het contact.",
    "De werknemer laat weten dat het attest verlengd is.",
    "Gesprek over praktische afspraken: attesten, loon en de sleutel van de kast.",
    "De werknemer denkt stilaan aan werken en vraagt naar aangepaste taken.",
    "Collega's sturen een kaartje; de werknemer bedankt het team.",
    "De werknemer vraagt om voortaan per e-mail te communiceren.",
    "Overleg over een mogelijke deeltijdse hervatting.",
)
AGREEMENTS = (
    "Volgende contact over twee weken.",
    "De leidinggevende belt volgende week opnieuw.",
    "HR stuurt het overzichtsdocument per e-mail.",
    "De werknemer neemt zelf contact op als er iets verandert.",
    "Gesprek op het werk plannen om een voorstel uit te werken.",
    "",
)
ACTION_TEXTS = (
    "Afwezigheidscijfers per afdeling elk kwartaal bespreken",
    "Overzichtsdocument voor zieke medewerkers actualiseren",
    "Contactprocedure toelichten aan nieuwe leidinggevenden",
    "Lijst van aangepaste taken per afdeling bijwerken",
    "Peter- of meterschap voorzien voor wie na lange afwezigheid terugkeert",
    "Terugkeergesprekken opnemen in de opleiding van leidinggevenden",
    "Tilhulpmiddelen per afdeling nakijken met de ergonoom",
    "Jaarlijks overleg met de arbeidsarts over lopende trajecten",
    "Onthaalbrochure aanvullen met de contactpersonen bij afwezigheid",
    "Werkpostanalyses actualiseren voor zware functies",
)
ACTION_OWNERS = ("Sofie Peeters (HR)", "Directie", "Bart De Smet (preventieadviseur)", "Hoofdverpleegkundigen",
                 "Ria Mertens", "Jo Claes")
ADAPTATIONS = {
    AdaptationKind.WORKING_TIME: "Progressieve hervatting: eerst halftijds, daarna stapsgewijs voltijds.",
    AdaptationKind.DAYS_AND_HOURS: "Geen nacht- of late diensten tijdens de eerste maanden.",
    AdaptationKind.TASKS: "Tijdelijk geen zware til- of duwtaken; een collega neemt die over.",
    AdaptationKind.WORK_EQUIPMENT: "Een hoog-laagbed en een tillift op de afdeling voorzien.",
    AdaptationKind.WORK_ORGANISATION: "Taakrotatie binnen het team, met een vaste collega als aanspreekpunt.",
    AdaptationKind.SUPPORT: "Wekelijks kort gesprek met de leidinggevende tijdens de eerste maand.",
}


@dataclass
class LargeDemo:
    """Plain rows for every table of the large demo dossier, with their ids already given."""

    employees: list[dict[str, Any]] = field(default_factory=list)
    regimes: list[dict[str, Any]] = field(default_factory=list)
    absences: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[dict[str, Any]] = field(default_factory=list)
    partial_returns: list[dict[str, Any]] = field(default_factory=list)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)
    trajectories: list[dict[str, Any]] = field(default_factory=list)
    plans: list[PlanVersion] = field(default_factory=list)
    reports: list[MotivatedReport] = field(default_factory=list)
    rounds: list[dict[str, Any]] = field(default_factory=list)
    answers: list[dict[str, Any]] = field(default_factory=list)
    actions: list[dict[str, Any]] = field(default_factory=list)


def generate_large_demo(today: date, *, seed: int = 2026) -> LargeDemo:
    """The rows of the large demo dossier as seen on ``today``; the same for the same arguments."""
    rng = random.Random(seed)
    demo = LargeDemo()
    _large_staff(rng, today, demo)
    _large_absences(rng, today, demo)
    _large_contacts(rng, today, demo)
    _large_trajectories(rng, today, demo)
    _large_assessments(rng, today, demo)
    return demo


def _large_staff(rng: random.Random, today: date, demo: LargeDemo) -> None:
    weights = [d[1] for d in LARGE_DEPARTMENTS]
    for employee_id in range(1, LARGE_EMPLOYEES + 1):
        department, _weight, manager, functions = rng.choices(LARGE_DEPARTMENTS, weights)[0]
        function, statute = rng.choice(functions)
        first, last = rng.choice(LARGE_FIRST), rng.choice(LARGE_LAST)
        joined = today - timedelta(days=rng.randint(60, 365 * 30))
        left = None
        if rng.random() < 0.1:  # people who left during the ten years
            left = joined + timedelta(days=rng.randint(200, 4000))
            left = left if left < today - timedelta(days=30) else None
        mail = unicodedata.normalize("NFKD", f"{first}.{last}").encode("ascii", "ignore").decode()
        demo.employees.append({
            "id": employee_id, "name": f"{first} {last}", "staff_number": str(10000 + employee_id),
            "function": function, "department": department, "statute": statute, "manager": manager,
            "in_service_from": joined.isoformat(), "out_of_service_from": left.isoformat() if left else None,
            "email": f"{mail.replace(' ', '').lower()}{employee_id}@terlinde.example",
            "health_surveillance": int(department.startswith(("Zorg", "Keuken")) and rng.random() < 0.7),
        })
        hours = rng.choice((38, 38, 38, 30.4, 30.4, 28.5, 19))
        demo.regimes.append({"employee_id": employee_id, "valid_from": joined.isoformat(), "hours_per_week": hours})
        if rng.random() < 0.15:  # a working-time change later on
            change = joined + timedelta(days=rng.randint(100, max(101, (today - joined).days)))
            if change < today:
                demo.regimes.append({"employee_id": employee_id, "valid_from": change.isoformat(),
                                     "hours_per_week": rng.choice((19, 30.4, 38))})


def _spell_counts(rng: random.Random, capacity: list[int], total: int, minimum: list[int]) -> list[int]:
    """Spells per person: a few people have many (as in real absence data), none above capacity."""
    # In proportion to the time in service: someone hired last year has had less time to be ill.
    weights = [rng.paretovariate(1.6) * cap for cap in capacity]
    rest = total - sum(minimum)
    scale = rest / (sum(weights) or 1.0)
    counts = [min(cap, low + int(w * scale)) for cap, low, w in zip(capacity, minimum, weights)]
    missing, index = total - sum(counts), 0
    while missing > 0:
        if counts[index] < capacity[index]:
            counts[index] += 1
            missing -= 1
        index = (index + 1) % len(counts)
    return counts


def _large_absences(rng: random.Random, today: date, demo: LargeDemo) -> None:
    start = today - timedelta(days=365 * LARGE_YEARS)
    plans: list[tuple[date, date, date | None]] = []  # per person: window, start of a running absence
    for person in demo.employees:
        lo = max(start, date.fromisoformat(person["in_service_from"]))
        left = person["out_of_service_from"]
        hi = date.fromisoformat(left) if left else today
        running = None
        # About 6% of the staff is absent today, a third of them for months already.
        if not left and rng.random() < 0.06:
            so_far = rng.randint(60, 900) if rng.random() < 0.33 else rng.randint(0, 25)
            running = today - timedelta(days=so_far)
            if running < lo + timedelta(days=30):
                running = None
        plans.append((lo, running - timedelta(days=3) if running else hi, running))
    capacity = [max(0, (hi - lo).days // 10) + (1 if running else 0) for lo, hi, running in plans]
    minimum = [1 if running else 0 for _lo, _hi, running in plans]
    counts = _spell_counts(rng, capacity, LARGE_ABSENCES, minimum)
    for person, (lo, hi, running), count in zip(demo.employees, plans, counts):
        spells = _person_spells(rng, lo, hi, count - (1 if running else 0))
        if running:
            spells.append((running, None))
        previous: dict[str, Any] | None = None
        for starts, returned in spells:
            absence = _absence_row(rng, today, person["id"], len(demo.absences) + 1, starts, returned, previous)
            demo.absences.append(absence)
            _certificates_and_partials(rng, today, absence, demo)
            previous = absence


def _person_spells(rng: random.Random, lo: date, hi: date, count: int) -> list[tuple[date, date]]:
    """``count`` ended absences between ``lo`` and ``hi``, each in its own stretch, never overlapping."""
    spells: list[tuple[date, date]] = []
    if count <= 0:
        return spells
    slot = (hi - lo).days / count
    for n in range(count):
        slot_start = lo + timedelta(days=int(n * slot))
        room = int((n + 1) * slot) - int(n * slot)
        if rng.random() < 0.05 and room > 40:
            length = rng.randint(30, min(room - 1, 500))
        else:
            length = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 7, 10, 14, 21))
        length = max(1, min(length, room - 1))
        day = slot_start + timedelta(days=rng.randint(0, max(0, room - length - 1)))
        if rng.random() < 0.35:  # many short absences start on a Monday
            day = max(slot_start, day - timedelta(days=day.weekday()))
        spells.append((day, day + timedelta(days=length)))
    return spells


def _absence_row(rng: random.Random, today: date, employee_id: int, absence_id: int, starts: date,
                 returned: date | None, previous: dict[str, Any] | None) -> dict[str, Any]:
    roll = rng.random()
    kind = ("ziekte" if roll < 0.86 else "ongeval_prive" if roll < 0.93 else "arbeidsongeval" if roll < 0.98
            else "zwangerschap")
    relapse_of = None
    if previous is not None and previous["returned_on"] and kind in ("ziekte", "ongeval_prive"):
        gap = (starts - date.fromisoformat(previous["returned_on"])).days
        if gap < 56 and rng.random() < 0.3:  # the certificate named the same illness
            relapse_of = previous["id"]
    expected = None
    if returned is None and rng.random() < 0.85:
        expected = today + timedelta(days=rng.randint(2, 60))
    return {"id": absence_id, "employee_id": employee_id, "starts": starts.isoformat(), "kind": kind,
            "expected_end": expected.isoformat() if expected else None,
            "returned_on": returned.isoformat() if returned else None, "relapse_of": relapse_of,
            "returned_to_adapted_work": 0,
            "note": "Attesten telkens per maand verlengd." if returned is None and expected and
                    (today - starts).days > 90 else ""}


def _certificates_and_partials(rng: random.Random, today: date, absence: dict[str, Any], demo: LargeDemo) -> None:
    starts = date.fromisoformat(absence["starts"])
    returned = absence["returned_on"] and date.fromisoformat(absence["returned_on"])
    expected = absence["expected_end"] and date.fromisoformat(absence["expected_end"])
    if returned:
        last = returned - timedelta(days=1)
        if returned.weekday() == 0 and (returned - starts).days > 3 and rng.random() < 0.4:
            last = returned - timedelta(days=3)  # a certificate up to Friday, back on Monday
        if (returned - starts).days == 1 and rng.random() < 0.5:
            last = None  # one day without certificate
    else:
        last = expected
    day = starts
    while last is not None and day <= last and day <= today + timedelta(days=60):
        ends = min(last, day + timedelta(days=29))
        demo.certificates.append({"absence_id": absence["id"], "starts": day.isoformat(), "ends": ends.isoformat(),
                                  "kind": absence["kind"]})
        day = ends + timedelta(days=1)
    length = ((returned or today) - starts).days
    if length >= 60 and rng.random() < 0.35:
        partial = starts + timedelta(days=length * 2 // 3)
        demo.partial_returns.append({"absence_id": absence["id"], "starts": partial.isoformat(),
                                     "percentage": rng.choice((50, 60, 80))})


def _large_contacts(rng: random.Random, today: date, demo: LargeDemo) -> None:
    managers = {e["id"]: e["manager"] for e in demo.employees}
    plans: list[tuple[dict[str, Any], int, int, bool]] = []  # absence, days to call in, every, no contact
    for absence in demo.absences:
        starts = date.fromisoformat(absence["starts"])
        end = date.fromisoformat(absence["returned_on"]) if absence["returned_on"] else today + timedelta(days=1)
        days = (end - starts).days
        every, no_contact = rng.choice((7, 14, 14, 14, 30)), False
        if days >= 8:
            no_contact = rng.random() < 0.04
            manager = managers[absence["employee_id"]]
            by_hr = rng.random() < 0.2
            demo.agreements.append({
                "absence_id": absence["id"], "valid_from": absence["starts"],
                "contact_role": "hr" if by_hr else "leidinggevende", "contact_name": HR if by_hr else manager,
                "channel": rng.choice(("telefoon", "telefoon", "email", "sms")),
                "every_days": None if no_contact else every, "no_contact": int(no_contact),
                "employee_wishes": "Wil voorlopig niet gecontacteerd worden; neemt zelf contact op met HR."
                if no_contact else rng.choice(("", "", "Liefst bellen in de voormiddag.")),
            })
            if not no_contact and days > 60 and rng.random() < 0.3:
                every = 30  # monthly after the first weeks
                demo.agreements.append({**demo.agreements[-1], "every_days": every,
                                        "valid_from": (starts + timedelta(days=35)).isoformat()})
        plans.append((absence, days, every, no_contact))
    weights = [0.0 if no_contact or days < 2 else (0.4 if days < 4 else 1 + days / 14)
               for _a, days, _e, no_contact in plans]
    counts = _spread(LARGE_CONTACTS, weights, [max(0, days - 1) for _a, days, _e, _n in plans])
    for (absence, days, every, _no), count in zip(plans, counts):
        _calls(rng, today, absence, days, every, count, managers[absence["employee_id"]], demo)


def _spread(total: int, weights: list[float], capacity: list[int]) -> list[int]:
    """``total`` split in proportion to ``weights``, none above its capacity; exact."""
    scale = total / (sum(weights) or 1.0)
    counts = [min(cap, int(w * scale)) for w, cap in zip(weights, capacity)]
    order = sorted(range(len(weights)), key=lambda i: -weights[i])
    missing = total - sum(counts)
    while missing > 0:
        for i in order:
            if missing and weights[i] and counts[i] < capacity[i]:
                counts[i] += 1
                missing -= 1
    return counts


def _calls(rng: random.Random, today: date, absence: dict[str, Any], days: int, every: int, count: int,
           manager: str, demo: LargeDemo) -> None:
    starts = date.fromisoformat(absence["starts"])
    if absence["returned_on"] is None and days > every + 12 and rng.random() < 0.25:
        days -= every + rng.randint(1, 10)  # nobody called lately: the next call is overdue
    step = (days - 1) / max(1, count)
    for n in range(count):
        day = starts + timedelta(days=1 + int(n * step + rng.random() * step * 0.5))
        day = min(day, today, starts + timedelta(days=days - 1))
        at = datetime.combine(day, time(rng.randint(8, 16), rng.choice((0, 15, 30, 45))))
        last_open = absence["returned_on"] is None and n == count - 1
        demo.contacts.append({
            "absence_id": absence["id"], "at": at.isoformat(timespec="minutes"),
            "made_by": manager if rng.random() < 0.8 else HR,
            "channel": rng.choice(("telefoon", "telefoon", "telefoon", "email", "sms", "gesprek_op_het_werk")),
            "initiative": "werknemer" if rng.random() < 0.15 else "werkgever",
            "summary": rng.choice(SUMMARIES), "agreements": rng.choice(AGREEMENTS),
            "info_given": '["aangifte_ziekenfonds", "overzichtsdocument"]' if n == 0 else "[]",
            # Some calls of running absences are overdue, as on a real Monday morning.
            "next_contact": (day + timedelta(days=every)).isoformat() if last_open or rng.random() < 0.5 else None,
            "signed_on": (day + timedelta(days=7)).isoformat() if rng.random() < 0.2 and
                         day + timedelta(days=7) <= today else None,
        })


def _large_trajectories(rng: random.Random, today: date, demo: LargeDemo) -> None:
    long_ones = [a for a in demo.absences if
                 ((date.fromisoformat(a["returned_on"]) if a["returned_on"] else today)
                  - date.fromisoformat(a["starts"])).days >= 90]
    running = [a for a in long_ones if a["returned_on"] is None]
    ended = [a for a in long_ones if a["returned_on"] is not None]
    chosen = running[:60] + rng.sample(ended, LARGE_TRAJECTORIES - min(60, len(running)))
    chosen.sort(key=lambda a: a["id"])
    for trajectory_id, absence in enumerate(chosen, start=1):
        _trajectory(rng, today, trajectory_id, absence, demo)


def _trajectory(rng: random.Random, today: date, trajectory_id: int, absence: dict[str, Any],
                demo: LargeDemo) -> None:
    starts = date.fromisoformat(absence["starts"])
    returned = date.fromisoformat(absence["returned_on"]) if absence["returned_on"] else None
    end = returned or today
    # Early enough for the plan to come before the return.
    request = min(starts + timedelta(days=rng.randint(30, max(31, (end - starts).days - 80))),
                  today - timedelta(days=80))
    formal = rng.random() < 0.4
    row: dict[str, Any] = {
        **dict.fromkeys(("request_received", "assessment_received", "assessment_received_by_employee",
                         "decision", "closed_on")),
        **dict.fromkeys(("decision_conditions", "closing_reason", "evaluation_worked", "evaluation_better"), ""),
        "id": trajectory_id, "employee_id": absence["employee_id"], "absence_id": absence["id"],
        "kind": "formeel" if formal else "informeel", "request_date": request.isoformat(),
        "initiator": rng.choice(("werknemer", "werknemer", "werkgever", "behandelend_arts", "adviserend_arts")
                                if formal else ("werknemer", "werknemer", "werkgever")),
    }
    talk = request
    if formal:
        received = request + timedelta(days=rng.randint(1, 3))
        assessed = min(received + timedelta(days=rng.randint(15, 40)), today)
        talk = min(assessed + timedelta(days=rng.randint(5, 20)), today)
        row.update(request_received=received.isoformat(), assessment_received=assessed.isoformat(),
                   assessment_received_by_employee=assessed.isoformat(),
                   decision="A" if rng.random() < 0.6 else "B",
                   decision_conditions="Geschikt voor aangepast werk: tijdelijk geen zware tiltaken.")
    row.update(consultation_on=talk.isoformat(),
               consultation_participants="De werknemer, de leidinggevende en Sofie Peeters (HR)")
    made = min(talk + timedelta(days=rng.randint(3, 14)), today - timedelta(days=10))
    valid_from = returned or made + timedelta(days=14)
    # Decision B and no other work possible: the draft plan stays a draft, a motivated report follows.
    reported = row.get("decision") == "B" and returned is not None and rng.random() < 0.3
    refused = formal and not reported and rng.random() < 0.08
    kinds = rng.sample(sorted(ADAPTATIONS, key=lambda k: k.value), rng.randint(1, 3))
    plan = PlanVersion(
        0, trajectory_id, 1, made_on=made,
        adapted_work="Eigen functie met aangepaste taken; de eerste weken zonder zware taken.",
        other_work="Ander werk binnen de organisatie, zonder tillen." if row.get("decision") == "B" else "",
        valid_from=valid_from, valid_until=valid_from + timedelta(days=rng.choice((90, 120, 180))),
        adaptations=tuple(Adaptation(k, ADAPTATIONS[k]) for k in kinds),
        schedule=(ScheduleStep(valid_from, valid_from + timedelta(days=27), percentage=50, changes="halftijds"),
                  ScheduleStep(valid_from + timedelta(days=28), None, percentage=100, changes="voltijds")),
        evaluation_moments=(valid_from + timedelta(days=30), valid_from + timedelta(days=90)),
        delivered_on=made + timedelta(days=1), signed_by_employer_on=made,
        response=Response.REFUSED if refused else Response.AGREED,
        response_on=min(made + timedelta(days=rng.randint(2, 8)), today),
        refusal_reasons="De werknemer wil eerst het advies van de behandelend arts afwachten." if refused else "",
    )
    if reported:
        plan = replace(plan, delivered_on=None, signed_by_employer_on=None, response=Response.PENDING,
                       response_on=None)
        demo.reports.append(_report(trajectory_id, made + timedelta(days=20)))
    demo.plans.append(plan)
    if not reported and rng.random() < 0.2 and made + timedelta(days=30) < today:  # adjusted after evaluation
        later = made + timedelta(days=30)
        demo.plans.append(replace(plan, version=2, made_on=later, delivered_on=later + timedelta(days=1),
                                  signed_by_employer_on=later, response_on=later + timedelta(days=3),
                                  response=Response.AGREED, refusal_reasons=""))
    closes = plan.valid_until + timedelta(days=rng.randint(5, 30)) if returned and plan.valid_until else None
    if reported:
        row.update(closed_on=(made + timedelta(days=22)).isoformat(), closing_reason="Gemotiveerd verslag bezorgd")
    elif closes is not None and closes < today:
        row.update(closed_on=closes.isoformat(), closing_reason="Volledig hervat; evaluatie positief",
                   evaluation_worked="Het gesprek vóór de terugkeer gaf rust.",
                   evaluation_better="Evaluatiemomenten vroeger vastleggen.")
        absence["returned_to_adapted_work"] = 1
    demo.trajectories.append(row)


def _report(trajectory_id: int, made: date) -> MotivatedReport:
    """Every possibility considered, with the demo's reasons why none of them works."""
    from kmo_reintegratie.demo import REPORT_REASONS

    return MotivatedReport(
        0, trajectory_id, made_on=made,
        considerations=tuple(Consideration(subject, True, *REPORT_REASONS[subject]) for subject, _ in REPORT_SUBJECTS),
        disability_accommodation="De indicatoren van redelijke aanpassingen werden overlopen; geen enkele "
                                 "aanpassing maakt het werk of ander werk mogelijk.",
        delivered_on=made + timedelta(days=2))


def _large_assessments(rng: random.Random, today: date, demo: LargeDemo) -> None:
    from kmo_reintegratie.instrument import load_instrument

    questions = [q.id for q in load_instrument().all_questions()]
    sections = sorted({q.rsplit(".", 1)[0].replace(".q", ".s", 1) for q in questions})
    latest = today.year if today >= date(today.year, 10, 20) else today.year - 1
    carried: list[dict[str, Any]] = []
    for number in range(LARGE_ROUNDS):
        year = latest - LARGE_ROUNDS + 1 + number
        round_id = number + 1
        demo.rounds.append({"id": round_id, "title": f"Zelfevaluatie {year}",
                            "held_on": date(year, 10, 15).isoformat(),
                            "based_on": round_id - 1 or None, "closed": int(number < LARGE_ROUNDS - 1)})
        for question in questions:
            roll = rng.random() + number * 0.04  # the policy improves a little every year
            demo.answers.append({"round_id": round_id, "question_id": question, "answer":
                                 "toegepast" if roll > 0.7 else "overwegen" if roll > 0.4 else "tekortkoming"})
        actions = [{**a, "round_id": round_id, "carried_from": a["id"], "status": "bezig"} for a in carried]
        while len(actions) < LARGE_ACTIONS // LARGE_ROUNDS:
            actions.append({"round_id": round_id, "section_id": rng.choice(sections),
                            "what": rng.choice(ACTION_TEXTS), "who": rng.choice(ACTION_OWNERS),
                            "due": date(year + 1, rng.randint(1, 12), 1).isoformat(),
                            "remarks": "", "status": "open", "carried_from": None})
        carried = []
        for action in actions:
            action["id"] = len(demo.actions) + 1
            if number < LARGE_ROUNDS - 1:  # a year of work before the next round
                action["status"] = "afgerond" if rng.random() < 0.85 else "bezig"
                if action["status"] == "bezig" and len(carried) < 10:
                    carried.append(action)
            elif action["carried_from"] is None:
                action["status"] = rng.choice(("open", "open", "bezig", "afgerond"))
            demo.actions.append(action)
