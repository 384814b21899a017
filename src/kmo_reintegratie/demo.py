"""The demo dossier: a fictitious care home that shows everything the program does.

Every area adds its own demo data here, so ``kmo-reintegratie demo`` always
demonstrates the whole program. All people and companies are invented.
"""

from __future__ import annotations

from pathlib import Path

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


def write_demo(path: Path) -> Path:
    """Create a new demo dossier at ``path`` (which must not exist)."""
    with Dossier.create(path) as dossier:
        dossier.organisation.update(**DEMO_ORGANISATION)
        for role, fields in DEMO_ROLES.items():
            dossier.organisation.set_role_contact(role, **fields)
    return path
