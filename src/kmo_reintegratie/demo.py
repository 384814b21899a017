"""The demo dossier: a fictitious care home that shows everything the program does.

Every area adds its own demo data here, so ``kmo-reintegratie demo`` always
demonstrates the whole program. All people and companies are invented.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kmo_reintegratie.absence import Channel, ContactRole, IncapacityKind, InfoItem, Initiative
from kmo_reintegratie.assessment import ActionStatus, Answer
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.legal import Decision, Initiator, Statute
from kmo_reintegratie.organisation import Role
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Adaptation,
    AdaptationKind,
    Consideration,
    MotivatedReport,
    PlanVersion,
    ReportGround,
    Response,
    ReturnChecklist,
    ScheduleStep,
    TrajectoryKind,
)

DEMO_ORGANISATION = {
    "name": "Woonzorgcentrum Ter Linde vzw",
    "enterprise_number": "0456789133",
    "street": "Lindestraat 14",
    "postal_code": "9200",
    "city": "Dendermonde",
    "sector": "Woonzorg (ouderenzorg)",
    "joint_committee": "PC 330",
    "employee_count": 34,
    "contact_by": "De rechtstreeks leidinggevende",
    "contact_first_days": 7,
    "contact_frequency_first_month": "om de twee weken",
    "contact_frequency_after": "maandelijks",
    "contact_procedure": (
        "De leidinggevende belt na ongeveer een week, daarna om de twee weken en vanaf de tweede "
        "maand maandelijks, op een moment dat de werknemer verkiest. De werknemer mag aangeven "
        "dat hij liever door HR of per e-mail gecontacteerd wordt. Het contact gaat over "
        "welzijn, praktische afspraken en de mogelijkheden om terug te keren — nooit over de "
        "reden van de afwezigheid."
    ),
    "contact_in_work_regulations": True,
}

DEMO_ROLES = {
    Role.EXTERNE_DIENST: {"name": "Team Dendermonde", "organisation": "Preventa EDPB (fictief)",
                          "phone": "052 20 30 40", "email": "dendermonde@preventa.example"},
    Role.ARBEIDSARTS: {"name": "Dr. Lies Van Acker", "organisation": "Preventa EDPB (fictief)",
                       "phone": "052 20 30 41", "email": "l.vanacker@preventa.example"},
    Role.PREVENTIEADVISEUR: {"name": "Bart De Smet", "organisation": "Ter Linde",
                             "phone": "052 11 22 33", "email": "bart.desmet@terlinde.example"},
    Role.PREVENTIEADVISEUR_PSYCHOSOCIAAL: {"name": "Nadia El Idrissi",
                                           "organisation": "Preventa EDPB (fictief)",
                                           "phone": "052 20 30 45",
                                           "email": "psychosociaal@preventa.example"},
    Role.VERTROUWENSPERSOON: {"name": "Griet Maes", "organisation": "Ter Linde",
                              "phone": "052 11 22 40", "email": "griet.maes@terlinde.example"},
    Role.HR_CONTACT: {"name": "Sofie Peeters", "organisation": "Ter Linde",
                      "phone": "052 11 22 30", "email": "hr@terlinde.example"},
}


# Sections where the care home found a shortcoming, with what it decided to do.
# (section, what, who, due, remarks, status in 2025, status in 2026)
DEMO_ACTIONS_2025 = (
    ("c1.s1.3", "Afwezigheidscijfers per afdeling elk kwartaal bespreken in het directieoverleg",
     "Sofie Peeters (HR)", date(2025, 12, 31), "Cijfers uit het sociaal secretariaat; geen namen.",
     ActionStatus.AFGEROND),
    ("c2.s1.5", "Overzichtsdocument voor zieke medewerkers opstellen: contactpersoon, aangifte "
     "ziekenfonds, vertrouwenspersoon, arbeidsarts",
     "Sofie Peeters (HR)", date(2026, 1, 31), "Laten nalezen door de vakbondsafvaardiging.",
     ActionStatus.AFGEROND),
    ("c2.s2.1", "Contactprocedure vastleggen in het arbeidsreglement (wie belt, hoe vaak)",
     "Directie", date(2026, 3, 1), "Wettelijk verplicht sinds 1 januari 2026.", ActionStatus.BEZIG),
    ("c3.s1.2", "Lijst maken van aangepaste taken per afdeling (zorg, keuken, onderhoud)",
     "Bart De Smet (preventieadviseur)", date(2026, 6, 30),
     "Samen met de hoofdverpleegkundigen; ergonoom van de externe dienst betrekken.", ActionStatus.OPEN),
)
DEMO_ACTIONS_2026 = (
    ("c3.s3.1", "Peter- of meterschap voor wie na meer dan drie maanden terugkeert",
     "Hoofdverpleegkundige afdeling", date(2026, 12, 15), "Eerste week: dagelijks kort gesprek.",
     ActionStatus.OPEN),
    ("c4.s2", "Jaarlijks overleg met arbeidsarts en preventieadviseur psychosociale aspecten "
     "over lopende trajecten",
     "Sofie Peeters (HR)", date(2026, 11, 30), "Zonder medische gegevens; enkel afspraken.",
     ActionStatus.BEZIG),
    ("c1.s1.4", "Leidinggevenden opleiden in het voeren van een terugkeergesprek",
     "Directie", date(2027, 2, 28), "Opleiding via het sectorfonds (VIVO).", ActionStatus.OPEN),
)


def _demo_answers(seed: int, improvement: float) -> dict[str, Answer]:
    """A plausible spread of answers; a higher ``improvement`` gives more ☺."""
    rng = random.Random(seed)
    answers = {}
    for question in load_instrument().all_questions():
        roll = rng.random() + improvement
        answers[question.id] = (
            Answer.TOEGEPAST if roll > 0.75 else Answer.OVERWEGEN if roll > 0.45 else Answer.TEKORTKOMING
        )
    return answers


def _years_after_2026(today: date) -> int:
    """How far to move the self-assessment story (told for autumn 2026) so it stays current."""
    return (today.year if today >= date(today.year, 10, 20) else today.year - 1) - 2026


def _moved(day: date, years: int) -> date:
    return day.replace(year=day.year + years)


def _write_assessments(dossier: Dossier, today: date) -> None:
    repo = dossier.assessments
    years = _years_after_2026(today)
    earlier = repo.create_round(f"Zelfevaluatie {2025 + years}", _moved(date(2025, 10, 15), years))
    answers = _demo_answers(2025, 0.0)
    for section, *_ in DEMO_ACTIONS_2025:
        answers[f"{section.replace('.s', '.q', 1)}.1"] = Answer.TEKORTKOMING
    for question_id, answer in answers.items():
        repo.set_answer(earlier.id, question_id, answer)
    repo.set_comment(earlier.id, "c2.s2.1",
                     "Nu belt wie er toevallig tijd heeft; niemand weet wie het contact houdt.")
    for section, what, who, due, remarks, _status in DEMO_ACTIONS_2025:
        repo.add_action(earlier.id, section, what, who=who, due=_moved(due, years), remarks=remarks)
    # A year of work: the earlier round's actions moved on before the new round.
    for action, (*_, status) in zip(repo.actions(earlier.id), DEMO_ACTIONS_2025):
        repo.update_action(action.id, status=status)

    current = repo.create_round(
        f"Zelfevaluatie {2026 + years}", _moved(date(2026, 10, 20), years), copy_from=earlier.id
    )
    improved = _demo_answers(2026, 0.25)
    instrument = load_instrument()
    # The current round is in progress: checklists 1 and 2 revisited, 3 partly, 4 not yet.
    for question in instrument.all_questions():
        checklist = question.id.split(".")[0]
        section_index = instrument.section_of_question(question.id).number
        if checklist in ("c1", "c2") or (checklist == "c3" and section_index.startswith("1")):
            repo.set_answer(current.id, question.id, improved[question.id])
        elif checklist == "c4":
            repo.set_answer(current.id, question.id, None)
    for section, what, who, due, remarks, status in DEMO_ACTIONS_2026:
        repo.set_answer(current.id, f"{section.replace('.s', '.q', 1)}.1", Answer.TEKORTKOMING)
        action = repo.add_action(
            current.id, section, what, who=who, due=_moved(due, years), remarks=remarks
        )
        repo.update_action(action.id, status=status)
    repo.set_comment(current.id, "c3.s3.1", "Een vaste collega hielp de eerste weken bij de terugkeer.")


# name, function, department, statute, years in service, hours per week, manager
DEMO_STAFF = (
    ("Koen Verhaegen", "Zorgkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 14, 38.0, "Marc Van Damme"),
    ("Lotte De Wilde", "Verpleegkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 6, 30.4, "Marc Van Damme"),
    ("Ahmed Benali", "Logistiek medewerker", "Logistiek en onderhoud", Statute.ARBEIDER, 9, 38.0, "Jo Claes"),
    ("Els Wuyts", "Keukenmedewerker", "Keuken", Statute.ARBEIDER, 11, 30.0, "Ria Mertens"),
    ("Tom Maes", "Technicus", "Logistiek en onderhoud", Statute.ARBEIDER, 3, 38.0, "Jo Claes"),
    ("Sarah Janssens", "Zorgkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 2, 28.5, "An Peeters"),
    ("Marc Van Damme", "Hoofdverpleegkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 18, 38.0, "Directie"),
    ("An Peeters", "Hoofdverpleegkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 12, 38.0, "Directie"),
    ("Ria Mertens", "Keukenverantwoordelijke", "Keuken", Statute.ARBEIDER, 20, 38.0, "Directie"),
    ("Jo Claes", "Verantwoordelijke onderhoud", "Logistiek en onderhoud", Statute.BEDIENDE, 7, 38.0, "Directie"),
    ("Fatima Ouali", "Administratief medewerker", "Administratie", Statute.BEDIENDE, 4, 19.0, "Sofie Peeters"),
    ("Sofie Peeters", "HR-verantwoordelijke", "Administratie", Statute.BEDIENDE, 8, 38.0, "Directie"),
)


# The rest of the 34 people of Ter Linde: no story of their own, only an ordinary
# absence history, so that `Analyse` and the jaarverslag have enough people behind
# their figures (a team of 13 would show "Voorzichtig" everywhere).
DEMO_BACKGROUND_STAFF = (
    ("Wim De Smedt", "Zorgkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 5, 38.0, "Marc Van Damme"),
    ("Nathalie Claeys", "Verpleegkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 10, 30.4, "Marc Van Damme"),
    ("Yasmina El Amrani", "Zorgkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 3, 28.5, "Marc Van Damme"),
    ("Pieter Goossens", "Zorgkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 8, 38.0, "Marc Van Damme"),
    ("Hilde Van Hecke", "Logistiek assistent zorg", "Zorg – afdeling Linde", Statute.ARBEIDER, 15, 19.0,
     "Marc Van Damme"),
    ("Jonas Verbeke", "Verpleegkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 2, 38.0, "Marc Van Damme"),
    ("Katrien Willems", "Zorgkundige", "Zorg – afdeling Linde", Statute.BEDIENDE, 12, 30.4, "Marc Van Damme"),
    ("Ilse Martens", "Zorgkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 9, 38.0, "An Peeters"),
    ("Dirk Vermeulen", "Verpleegkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 16, 38.0, "An Peeters"),
    ("Sanne De Backer", "Zorgkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 4, 28.5, "An Peeters"),
    ("Mohamed Azzouzi", "Zorgkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 6, 38.0, "An Peeters"),
    ("Greet Aerts", "Logistiek assistent zorg", "Zorg – afdeling Eik", Statute.ARBEIDER, 19, 19.0,
     "An Peeters"),
    ("Lien Desmet", "Verpleegkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 7, 30.4, "An Peeters"),
    ("Bert Wouters", "Zorgkundige", "Zorg – afdeling Eik", Statute.BEDIENDE, 1, 38.0, "An Peeters"),
    ("Patrick Lemmens", "Kok", "Keuken", Statute.ARBEIDER, 13, 38.0, "Ria Mertens"),
    ("Sevda Yilmaz", "Keukenmedewerker", "Keuken", Statute.ARBEIDER, 5, 24.0, "Ria Mertens"),
    ("Rudi Peeters", "Keukenmedewerker", "Keuken", Statute.ARBEIDER, 10, 30.0, "Ria Mertens"),
    ("Kevin Janssen", "Technicus", "Logistiek en onderhoud", Statute.ARBEIDER, 6, 38.0, "Jo Claes"),
    ("Martine Bogaert", "Schoonmaakster", "Logistiek en onderhoud", Statute.ARBEIDER, 14, 26.0, "Jo Claes"),
    ("Eva Michiels", "Boekhouder", "Administratie", Statute.BEDIENDE, 9, 30.4, "Sofie Peeters"),
    ("Tine Cools", "Onthaalmedewerker", "Administratie", Statute.BEDIENDE, 3, 19.0, "Sofie Peeters"),
)


def _write_absences(dossier: Dossier, today: date) -> None:
    """Koen's case from the absence-policy seed, plus a few typical situations.

    Nothing medical is written: only dates, kinds, who called and what was agreed.
    """
    ids: dict[str, int] = {}
    for number, (name, function, department, statute, years, hours, manager) in enumerate(DEMO_STAFF, start=101):
        employee = dossier.employees.add(
            name, staff_number=str(number), function=function, department=department, statute=statute,
            manager=manager,
            in_service_from=date(today.year - years, 9, 1), hours_per_week=hours,
            phone="0470 00 00 00", email=f"{name.split()[0].lower()}@terlinde.example",
        )
        ids[name] = employee.id
    absences = dossier.absences
    # Koen: several short absences in the last six months, then a long absence
    # extended month by month; regular calls, monthly later on.
    koen = ids["Koen Verhaegen"]
    long_start = today - timedelta(days=112)
    for offset, length in ((320, 3), (260, 2), (200, 4)):
        start = long_start - timedelta(days=offset - 120)
        absences.add(koen, start, returned_on=start + timedelta(days=length))
    long = absences.add(koen, long_start, note="Attesten telkens per maand verlengd.")
    for month in range(4):
        first = long_start + timedelta(days=30 * month)
        absences.add_certificate(long.id, first, first + timedelta(days=29))
    absences.set_agreement(long.id, long_start, contact_role=ContactRole.LEIDINGGEVENDE,
                           contact_name="Marc Van Damme", channel=Channel.TELEFOON, every_days=14,
                           employee_wishes="Liefst bellen in de voormiddag, niet tijdens het ophalen van de kinderen.")
    absences.set_agreement(long.id, long_start + timedelta(days=35), contact_role=ContactRole.LEIDINGGEVENDE,
                           contact_name="Marc Van Damme", channel=Channel.TELEFOON, every_days=30)
    calls = (
        (3, "Marc belt om te horen hoe het gaat en zegt dat het team het werk opvangt.",
         "Marc belt over een week opnieuw. Koen bezorgt het attest zelf aan HR.",
         {InfoItem.AANGIFTE_ZIEKENFONDS}),
        (10, "Koen vertelt dat hij rust neemt en waardeert het telefoontje.",
         "Overzichtsdocument per e-mail bezorgd; volgende contact over twee weken.",
         {InfoItem.OVERZICHTSDOCUMENT, InfoItem.VERTROUWENSPERSOON}),
        (24, "Kort gesprek; het gaat met ups en downs. Collega's sturen een kaartje.",
         "Marc belt voortaan maandelijks.", set()),
        (55, "Koen geeft aan dat hij stilaan aan werken denkt.",
         "Mogelijkheden van aangepast werk en het bezoek voorafgaand aan de werkhervatting uitgelegd.",
         {InfoItem.AANGEPAST_WERK, InfoItem.BEZOEK_VOORAF}),
        (86, "Koen wil over enkele weken deeltijds hervatten; hij bespreekt dit met zijn behandelend arts.",
         "Gesprek op het werk gepland om samen een voorstel uit te werken.", set()),
    )
    for day, summary, agreements, info in calls:
        at = datetime.combine(long_start + timedelta(days=day), time(10, 30))
        absences.add_contact(long.id, at, made_by="Marc Van Damme", channel=Channel.TELEFOON,
                             summary=summary, agreements=agreements, info_given=info,
                             next_contact=None, signed_on=at.date() + timedelta(days=7) if day < 30 else None)
    absences.add_contact(long.id, datetime.combine(long_start + timedelta(days=100), time(14, 0)),
                         made_by="Marc Van Damme", channel=Channel.GESPREK_OP_HET_WERK,
                         initiative=Initiative.WERKNEMER,
                         summary="Voorstel uitgewerkt: 18 uur per week, de eerste maanden zonder administratie.",
                         agreements="Voorstel gaat naar de arbeidsarts en de adviserend arts.",
                         next_contact=today + timedelta(days=3))

    # Lotte: a short absence last month.
    absences.add(ids["Lotte De Wilde"], today - timedelta(days=40), returned_on=today - timedelta(days=37))
    # Ahmed: back at work five weeks ago, absent again for two weeks: a possible relapse.
    first = absences.add(ids["Ahmed Benali"], today - timedelta(days=80), returned_on=today - timedelta(days=35),
                         kind=IncapacityKind.ONGEVAL_PRIVE)
    relapse = absences.add(ids["Ahmed Benali"], today - timedelta(days=14), kind=IncapacityKind.ONGEVAL_PRIVE,
                           relapse_of=first.id, expected_end=today + timedelta(days=16))
    # Jo promised to call back after a week and has not: the overview shows it as overdue.
    absences.set_agreement(relapse.id, relapse.starts, contact_role=ContactRole.LEIDINGGEVENDE,
                           contact_name="Jo Claes", channel=Channel.TELEFOON, every_days=7)
    absences.add_contact(relapse.id, datetime.combine(relapse.starts + timedelta(days=2), time(9, 0)),
                         made_by="Jo Claes", channel=Channel.TELEFOON,
                         summary="Ahmed laat weten dat hij opnieuw thuis is.", agreements="Jo belt volgende week.")
    # Els: absent for three weeks and asked not to be contacted.
    els = absences.add(ids["Els Wuyts"], today - timedelta(days=20), expected_end=today + timedelta(days=25))
    absences.set_agreement(els.id, els.starts, contact_role=ContactRole.HR, contact_name="Sofie Peeters",
                           channel=Channel.EMAIL, every_days=None, no_contact=True,
                           employee_wishes="Wil voorlopig niet gecontacteerd worden; neemt zelf contact op met HR.")
    # Tom: a short absence that started this week, nobody has called yet.
    absences.add(ids["Tom Maes"], today - timedelta(days=3), expected_end=today + timedelta(days=4),
                 kind=IncapacityKind.ARBEIDSONGEVAL)
    # Sarah: an absence last spring, long over.
    absences.add(ids["Sarah Janssens"], today - timedelta(days=200), returned_on=today - timedelta(days=189))


REPORT_REASONS = {
    AdaptationKind.WORKING_TIME.value: (ReportGround.OBJECTIVE,
        "Deeltijds werken kan, maar alle vrije uren vallen in nachtdiensten die de arbeidsarts uitsluit."),
    AdaptationKind.DAYS_AND_HOURS.value: (ReportGround.OBJECTIVE,
        "De keuken draait enkel van 6 tot 14 uur; een ander uurrooster bestaat niet in deze dienst."),
    AdaptationKind.TASKS.value: (ReportGround.TECHNICAL,
        "Alle taken in de keuken vragen langdurig rechtstaan en tillen van ketels, wat de arbeidsarts uitsluit."),
    AdaptationKind.FUNCTION.value: (ReportGround.NOT_REASONABLE,
        "De enige zittende functies (administratie) vragen een diploma en opleiding van meer dan twee jaar."),
    AdaptationKind.WORK_EQUIPMENT.value: (ReportGround.TECHNICAL,
        "Een tilhulp voor de ketels werd met de ergonoom bekeken maar past niet in de bestaande keuken."),
    AdaptationKind.WORK_ORGANISATION.value: (ReportGround.OBJECTIVE,
        "Met drie keukenmedewerkers is taakrotatie zonder tillen niet te organiseren."),
    AdaptationKind.SUPPORT.value: (ReportGround.OBJECTIVE,
        "Begeleiding of training neemt de fysieke beperkingen in de keukentaken niet weg."),
    "aangepast_werk": (ReportGround.OBJECTIVE,
        "Er is geen keukentaak zonder tillen of langdurig rechtstaan; samen met de arbeidsarts nagegaan."),
    "ander_werk": (ReportGround.NOT_REASONABLE,
        "Onthaal, onderhoud en zorg werden overlopen; geen vacature zonder tillen, ook niet na herschikking."),
}


def _write_trajectories(dossier: Dossier, today: date) -> None:
    """Koen's informal return, a formal trajectory with decision B, and a motivated report."""
    employees = {e.name: e for e in dossier.employees.list()}
    koen = employees["Koen Verhaegen"]
    koen_absence = next(a for a in dossier.absences.open_on(today) if a.employee_id == koen.id)
    repo = dossier.trajectories
    informal = repo.add(koen.id, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, absence_id=koen_absence.id,
                        request_date=today - timedelta(days=12))
    repo.update(informal.id, consultation_on=today - timedelta(days=12),
                assessment_received=today - timedelta(days=7),  # the visit before the return
                advising_physician_approval_on=today - timedelta(days=2),  # part-time work allowed
                consultation_participants="Koen, Marc Van Damme (leidinggevende), Sofie Peeters (HR)",
                decision_conditions="Bezoek voorafgaand aan de werkhervatting: deeltijds hervatten, eerste maanden "
                                    "zonder administratieve taken.")
    start = today + timedelta(days=10)
    month = start + timedelta(days=30)
    third = start + timedelta(days=61)
    plan = repo.save_plan(PlanVersion(
        0, informal.id, 1, made_on=today - timedelta(days=5),
        adapted_work="Zorgtaken op de eigen afdeling; de eerste maanden vrijgesteld van administratie en "
                     "permanenties van collega's.",
        training="Korte opfrissing van het nieuwe zorgdossier (2 uur, met een collega).",
        valid_from=start, valid_until=start + timedelta(days=180),
        adaptations=(
            Adaptation(AdaptationKind.WORKING_TIME, "Progressieve werkhervatting: 18, dan 25 uur, dan voltijds."),
            Adaptation(AdaptationKind.TASKS, "Geen administratieve taken en geen overname van permanenties."),
            Adaptation(AdaptationKind.DAYS_AND_HOURS, "Geen late diensten zolang de hervatting deeltijds is.",
                       permanent=False),
        ),
        schedule=(
            ScheduleStep(start, month - timedelta(days=1), hours_per_week=18,
                         changes="3 dagen van 6 uur, zonder administratie"),
            ScheduleStep(month, third - timedelta(days=1), hours_per_week=25,
                         changes="4 dagen; goedgekeurd door arbeidsarts en adviserend arts"),
            ScheduleStep(third, None, hours_per_week=38, changes="Voltijds; administratie geleidelijk terug"),
        ),
        evaluation_moments=(start + timedelta(days=30), start + timedelta(days=182), start + timedelta(days=365)),
        aftercare_until=start + timedelta(days=365),
        checklist=ReturnChecklist(return_at=f"{start:%d-%m-%Y} om 8 uur", manager_informed=True, team_informed=True,
                                  what_may_be_told="Koen komt deeltijds terug; geen details over de afwezigheid.",
                                  adaptations_ready=True, building_access=True, material_ready=False,
                                  welcome_moment="Koffie met het team om 8 uur", mentor="Lotte De Wilde"),
    ))
    repo.record_plan_event(plan.id, delivered_on=today - timedelta(days=5), response=Response.AGREED,
                           response_on=today - timedelta(days=3))

    ahmed = employees["Ahmed Benali"]
    ahmed_first = min(dossier.absences.of_employee(ahmed.id), key=lambda a: a.starts)
    formal = repo.add(ahmed.id, TrajectoryKind.FORMEEL, Initiator.WERKNEMER, absence_id=ahmed_first.id,
                      request_date=today - timedelta(days=60), request_received=today - timedelta(days=58))
    repo.update(formal.id, assessment_received=today - timedelta(days=15), decision=Decision.B,
                decision_conditions="Definitief ongeschikt voor het huidige werk. Geschikt voor werk zonder "
                                    "tillen boven 10 kg en zonder werken op hoogte.")

    greet = dossier.employees.add(
        "Greet Van Hoof", function="Keukenmedewerker", department="Keuken", statute=Statute.ARBEIDER,
        manager="Ria Mertens", in_service_from=date(today.year - 15, 3, 1), hours_per_week=38,
        out_of_service_from=today - timedelta(days=100),
    )
    greet_absence = dossier.absences.add(greet.id, today - timedelta(days=420), returned_on=today - timedelta(days=100),
                                         note="Arbeidsovereenkomst beëindigd.")
    reported = repo.add(greet.id, TrajectoryKind.FORMEEL, Initiator.WERKGEVER, absence_id=greet_absence.id,
                        request_date=today - timedelta(days=250), request_received=today - timedelta(days=248))
    repo.update(reported.id, assessment_received=today - timedelta(days=205), decision=Decision.B,
                decision_conditions="Geschikt voor werk zonder tillen en zonder langdurig rechtstaan.",
                consultation_on=today - timedelta(days=150),
                consultation_participants="Greet, Ria Mertens, Sofie Peeters, Dr. Lies Van Acker (arbeidsarts)")
    repo.save_report(MotivatedReport(
        0, reported.id, made_on=today - timedelta(days=120),
        considerations=tuple(Consideration(subject, True, *REPORT_REASONS[subject]) for subject, _ in REPORT_SUBJECTS),
        disability_accommodation="De indicatoren van redelijke aanpassingen (protocol 2007) werden overlopen: de "
                                 "kostprijs van een nieuwe keuken staat niet in verhouding tot de middelen van de vzw.",
        delivered_on=today - timedelta(days=118),
    ))
    repo.update(reported.id, closed_on=today - timedelta(days=118), closing_reason="Gemotiveerd verslag bezorgd",
                evaluation_worked="Snel overleg met de arbeidsarts; Greet werd goed geïnformeerd.",
                evaluation_better="Mogelijkheden voor ander werk vroeger in kaart brengen, al vóór de beslissing.")


# People whose story above is told in detail keep exactly that story (Fatima: never absent).
STORY_ONLY = {"Koen Verhaegen", "Ahmed Benali", "Tom Maes", "Fatima Ouali"}
HISTORY_DAYS = 2 * 365 + 90  # two full years back, so `Analyse` compares with the year before
# More than the 8 weeks of a possible relapse, so history never raises a relapse flag.
MARGIN = timedelta(days=60)


BACKGROUND = {row[0] for row in DEMO_BACKGROUND_STAFF}


def _write_background_staff(dossier: Dossier, today: date) -> None:
    for number, (name, function, department, statute, years, hours, manager) in enumerate(
            DEMO_BACKGROUND_STAFF, start=101 + len(DEMO_STAFF)):
        first = name.split()[0].lower()
        dossier.employees.add(
            name, staff_number=str(number), function=function, department=department, statute=statute,
            manager=manager,
            in_service_from=date(today.year - years, 9, 1), hours_per_week=hours,
            email=f"{first}@terlinde.example",
        )


# Earlier returns of background staff, each with an informal trajectory that ended well:
# (name, days before today the absence began, its length, what changed, lesson learnt).
PAST_RETURNS = (
    ("Nathalie Claeys", 330, 70, "Eerst vier halve dagen, geen nachtdiensten gedurende twee maanden.",
     "Het gesprek vóór de terugkeer gaf rust; het team wist wat het mocht vertellen."),
    ("Dirk Vermeulen", 300, 84, "Tijdelijk geen tilwerk; hulpmiddel voor transfers aangekocht.",
     "Hulpmiddelen vroeg bestellen: de levering duurde drie weken."),
    ("Patrick Lemmens", 270, 63, "Progressief van 19 naar 38 uur over zes weken.",
     "De vaste contactpersoon hielp; evaluatiemomenten vooraf vastleggen werkte goed."),
    ("Martine Bogaert", 240, 91, "Andere verdeling van de lokalen; zwaarste ruimtes tijdelijk door een collega.",
     "Een meter of peter de eerste weken maakte het verschil."),
    ("Eva Michiels", 215, 56, "Twee weken halftijds, daarna voltijds met een vrije woensdag.",
     "Sneller het eerste contact leggen: de eerste week bleef het stil."),
)


def _write_past_returns(dossier: Dossier, today: date) -> None:
    """Five informal trajectories that ended with an agreed plan, for the jaarverslag's counts."""
    employees = {e.name: e for e in dossier.employees.list()}
    repo = dossier.trajectories
    for name, began_days_ago, length, changes, lesson in PAST_RETURNS:
        person = employees[name]
        starts = today - timedelta(days=began_days_ago)
        returned = starts + timedelta(days=length)
        absence = dossier.absences.add(person.id, starts, returned_on=returned)
        talk = returned - timedelta(days=21)
        trajectory = repo.add(person.id, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, absence_id=absence.id,
                              request_date=talk)
        repo.update(trajectory.id, consultation_on=talk, assessment_received=talk + timedelta(days=7),
                    consultation_participants=f"{name.split()[0]}, {person.manager}, Sofie Peeters (HR)")
        plan = repo.save_plan(PlanVersion(
            0, trajectory.id, 1, made_on=talk + timedelta(days=8), adapted_work=changes,
            valid_from=returned, valid_until=returned + timedelta(days=90),
            adaptations=(Adaptation(AdaptationKind.WORKING_TIME, changes),),
            evaluation_moments=(returned + timedelta(days=30), returned + timedelta(days=90)),
        ))
        repo.record_plan_event(plan.id, delivered_on=talk + timedelta(days=9), response=Response.AGREED,
                               response_on=talk + timedelta(days=10))
        repo.update(trajectory.id, closed_on=returned + timedelta(days=95),
                    closing_reason="Volledig hervat; evaluatie na drie maanden positief",
                    evaluation_worked=lesson, evaluation_better="Nazorg iets langer voorzien.")


def _write_history(dossier: Dossier, today: date) -> None:
    """Two years of ordinary, ended absences, so every figure and chart of `Analyse` shows something.

    Seeded, so the demo is the same every time: mostly short spells (more often starting on a
    Monday), a few of some weeks, rarely one of one or two months.
    """
    rng = random.Random(2026)
    first_day, last_day = today - timedelta(days=HISTORY_DAYS), today - MARGIN
    for employee in dossier.employees.list():
        if employee.name in STORY_ONLY:
            continue
        taken = [
            (a.starts, a.returned_on or today + timedelta(days=365))
            for a in dossier.absences.of_employee(employee.id)
        ]
        earliest = max(first_day, employee.in_service_from or first_day)
        # About a third of the background staff had no absence at all in a year.
        wanted = rng.choice((0, 0, 1, 2, 2, 3, 4) if employee.name in BACKGROUND else (2, 3, 3, 4, 4, 5, 6))
        for _attempt in range(4 * wanted):
            if wanted == 0:
                break
            length = rng.choice((1, 1, 2, 2, 3, 3, 4, 5, 7, 10, 14, 21, 45))
            starts = earliest + timedelta(days=rng.randrange(max(1, (last_day - earliest).days)))
            if rng.random() < 0.4:  # many short absences start on a Monday
                starts -= timedelta(days=starts.weekday())
            elif starts.weekday() >= 5:  # a certificate from the weekend counts from Monday
                starts += timedelta(days=7 - starts.weekday())
            ends = starts + timedelta(days=length)
            if starts < earliest or ends > last_day or any(
                starts < b + MARGIN and a - MARGIN < ends for a, b in taken
            ):
                continue
            kind = IncapacityKind.ARBEIDSONGEVAL if length >= 14 and rng.random() < 0.2 else IncapacityKind.ZIEKTE
            dossier.absences.add(employee.id, starts, returned_on=ends, kind=kind)
            taken.append((starts, ends))
            wanted -= 1


def write_demo(path: Path, *, today: date | None = None) -> Path:
    """Create a new demo dossier at ``path`` (which must not exist).

    Absences are placed relative to ``today`` so the overview always shows a
    realistic Monday morning.
    """
    today = today or date.today()
    with Dossier.create(path) as dossier:
        # The logbook names the demo, not whoever happened to write it.
        from kmo_reintegratie.store import audit

        audit.set_actor(dossier, "Demo")
        dossier.organisation.update(**DEMO_ORGANISATION)
        for role, fields in DEMO_ROLES.items():
            dossier.organisation.set_role_contact(role, **fields)
        _write_assessments(dossier, today)
        _write_absences(dossier, today)
        _write_trajectories(dossier, today)
        _write_background_staff(dossier, today)
        _write_past_returns(dossier, today)
        _write_history(dossier, today)
    return path


def write_large_demo(path: Path, today: date | None = None) -> Path:
    """Create the large demo dossier (``demo PAD --groot``) at ``path``, which must not exist.

    Ten years of a care group of 2,000 people with 50,000 absences, 100,000 contacts, 500
    trajectories with plans and ten self-assessment rounds with 1,000 actions: generated,
    the same for the same ``today``, to try and measure the program on a large dossier.
    Nothing is left behind when writing fails.
    """
    from kmo_reintegratie.sample_data import LARGE_EMPLOYEES, generate_large_demo
    from kmo_reintegratie.store.large_demo import write_large_demo as store_rows

    path = Path(path)
    dossier = Dossier.create(path)  # refuses an existing file; leaves nothing when it fails
    try:
        with dossier:
            rows = generate_large_demo(today or date.today())
            dossier.organisation.update(**{**DEMO_ORGANISATION, "name": "Zorggroep Ter Linde vzw",
                                           "employee_count": LARGE_EMPLOYEES})
            for role, fields in DEMO_ROLES.items():
                dossier.organisation.set_role_contact(role, **fields)
            store_rows(dossier, rows)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path
