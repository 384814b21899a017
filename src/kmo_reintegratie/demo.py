"""The demo dossier: a fictitious care home that shows everything the program does.

Every area adds its own demo data here, so ``kmo-reintegratie demo`` always
demonstrates the whole program. All people and companies are invented.
"""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from kmo_reintegratie.assessment import ActionStatus, Answer
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.organisation import Role
from kmo_reintegratie.store.dossier import Dossier

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


def _write_assessments(dossier: Dossier) -> None:
    repo = dossier.assessments
    earlier = repo.create_round("Zelfevaluatie 2025", date(2025, 10, 15))
    answers = _demo_answers(2025, 0.0)
    for section, *_ in DEMO_ACTIONS_2025:
        answers[f"{section.replace('.s', '.q', 1)}.1"] = Answer.TEKORTKOMING
    for question_id, answer in answers.items():
        repo.set_answer(earlier.id, question_id, answer)
    repo.set_comment(earlier.id, "c2.s2.1",
                     "Nu belt wie er toevallig tijd heeft; niemand weet wie het contact houdt.")
    for section, what, who, due, remarks, _status in DEMO_ACTIONS_2025:
        repo.add_action(earlier.id, section, what, who=who, due=due, remarks=remarks)
    # A year of work: the earlier round's actions moved on before the new round.
    for action, (*_, status) in zip(repo.actions(earlier.id), DEMO_ACTIONS_2025):
        repo.update_action(action.id, status=status)

    current = repo.create_round("Zelfevaluatie 2026", date(2026, 10, 20), copy_from=earlier.id)
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
        action = repo.add_action(current.id, section, what, who=who, due=due, remarks=remarks)
        repo.update_action(action.id, status=status)
    repo.set_comment(current.id, "c3.s3.1", "Koen gaf aan dat een vaste collega de eerste weken hielp.")


def write_demo(path: Path) -> Path:
    """Create a new demo dossier at ``path`` (which must not exist)."""
    with Dossier.create(path) as dossier:
        dossier.organisation.update(**DEMO_ORGANISATION)
        for role, fields in DEMO_ROLES.items():
            dossier.organisation.set_role_contact(role, **fields)
        _write_assessments(dossier)
    return path
