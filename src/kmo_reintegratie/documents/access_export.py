"""The access export (GDPR art. 15): what the dossier holds about one person, as JSON.

The JSON file is the machine-readable half of the export (the readable half is
``access_export_pdf``). Keys are in **English** throughout: the section keys and the field
keys are the names the dossier itself uses for its tables and columns, so the file maps one
to one onto the dossier and a new field appears under its own name without a translation
table. Every section carries a Dutch ``title`` and a Dutch ``labels`` entry for each field,
and the ``export`` header a Dutch ``explanation``, so a person can read it without the
program. Dates are ISO (``2026-03-05``, with ``T10:30`` for a time), yes/no fields are
``true``/``false``; text is UTF-8, indented.

Plain data in, file out, no Qt.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from kmo_reintegratie.documents.output_guard import write_private
from kmo_reintegratie.record import record
from kmo_reintegratie.store.person_export import PersonRecords

PROGRAM = "KMO Re-integratie"
#: Raised when the layout of the JSON changes in a way a reader must know about.
FORMAT_VERSION = 1
#: Every record has these; the readable PDF leaves them out (the JSON keeps them).
TECHNICAL = ("id", "created_at", "updated_at")


@record
class Section:
    """One kind of record: a table of the dossier with a Dutch title and field labels."""

    key: str
    table: str
    title: str
    #: Every column of ``table`` with its Dutch label, in the order the PDF prints them.
    labels: dict[str, str]


_STAMPS = {"created_at": "Geregistreerd op", "updated_at": "Laatst gewijzigd op"}

SECTIONS: tuple[Section, ...] = (
    Section("employee", "employee", "Identiteit en dienstgegevens", {
        "id": "Nummer in het dossier", "name": "Naam", "staff_number": "Personeelsnummer",
        "function": "Functie", "department": "Afdeling", "statute": "Statuut",
        "in_service_from": "In dienst sinds", "out_of_service_from": "Uit dienst vanaf",
        "manager": "Leidinggevende", "phone": "Telefoon", "email": "E-mail", "address": "Adres",
        "health_surveillance": "Onder gezondheidstoezicht",
        "contract_under_3_months": "Contract korter dan 3 maanden",
        "anonymised_on": "Geanonimiseerd op", **_STAMPS,
    }),
    Section("working_regimes", "employee_regime", "Arbeidsregime", {
        "id": "Nummer", "employee_id": "Werknemer", "valid_from": "Geldt vanaf",
        "hours_per_week": "Uren per week", **_STAMPS,
    }),
    Section("absences", "absence", "Afwezigheden", {
        "id": "Nummer", "employee_id": "Werknemer", "starts": "Eerste afwezigheidsdag",
        "kind": "Soort", "expected_end": "Verwacht einde",
        "returned_on": "Hervatting (eerste werkdag)", "note": "Notitie",
        "relapse_of": "Herval van de afwezigheid",
        "temporary_incapacity_ended_on": "Einde tijdelijke arbeidsongeschiktheid "
        "(arbeidsongeval of beroepsziekte)",
        "returned_to_adapted_work": "Hervat in aangepast of ander werk (re-integratieplan)",
        **_STAMPS,
    }),
    Section("certificates", "certificate", "Attesten", {
        "id": "Nummer", "absence_id": "Afwezigheid", "starts": "Van", "ends": "Tot en met",
        "kind": "Soort", **_STAMPS,
    }),
    Section("partial_returns", "partial_return", "Gedeeltelijke werkhervatting", {
        "id": "Nummer", "absence_id": "Afwezigheid", "starts": "Vanaf",
        "percentage": "Percentage van het regime", "hours_per_week": "Uren per week", **_STAMPS,
    }),
    Section("contact_agreements", "contact_agreement", "Afspraken over het contact en wensen", {
        "id": "Nummer", "absence_id": "Afwezigheid", "valid_from": "Geldt vanaf",
        "contact_role": "Contactpersoon (rol)", "contact_name": "Naam contactpersoon",
        "channel": "Voorkeurkanaal", "every_days": "Frequentie (om de … dagen)",
        "employee_wishes": "Wensen van de werknemer",
        "no_contact": "Geen contact, op vraag van de werknemer", **_STAMPS,
    }),
    Section("contact_entries", "contact_entry", "Contacten", {
        "id": "Nummer", "absence_id": "Afwezigheid", "at": "Datum en uur",
        "made_by": "Wie nam contact", "channel": "Kanaal", "initiative": "Initiatief van",
        "summary": "Samenvatting", "agreements": "Afspraken", "info_given": "Informatie gegeven",
        "next_contact": "Volgend contact op", "signed_on": "Voor gezien getekend op", **_STAMPS,
    }),
    Section("force_majeure_checks", "force_majeure_check", "Procedure medische overmacht", {
        "absence_id": "Afwezigheid", "checklist": "Afgevinkte stappen",
        "notice_sent_on": "Aangetekende kennisgeving verstuurd op", **_STAMPS,
    }),
    Section("trajectories", "trajectory", "Re-integratietrajecten", {
        "id": "Nummer", "employee_id": "Werknemer", "absence_id": "Afwezigheid",
        "kind": "Soort", "initiator": "Gestart door", "request_date": "Datum van het verzoek",
        "request_received": "Ontvangen door de arbeidsarts",
        "assessment_received": "Beoordelingsformulier ontvangen (werkgever)",
        "assessment_received_by_employee": "Beoordelingsformulier ontvangen (werknemer)",
        "decision": "Beslissing van de arbeidsarts",
        "decision_conditions": "Voorwaarden en modaliteiten",
        "appeal_lodged_on": "Beroep ingesteld op",
        "appeal_decision_received": "Beslissing over het beroep ontvangen",
        "appeal_outcome": "Uitkomst van het beroep", "consultation_on": "Overleg op",
        "consultation_participants": "Deelnemers aan het overleg",
        "advising_physician_approval_on": "Toestemming adviserend arts op",
        "execution_notes": "Uitvoering", "evaluation_worked": "Evaluatie: wat werkte",
        "evaluation_better": "Evaluatie: wat kan beter", "closed_on": "Afgesloten op",
        "closing_reason": "Reden van afsluiten", **_STAMPS,
    }),
    Section("plan_versions", "plan_version", "Re-integratieplannen (elke versie)", {
        "id": "Nummer", "trajectory_id": "Traject", "version": "Versie", "made_on": "Opgemaakt op",
        "valid_from": "Geldig vanaf", "valid_until": "Geldig tot",
        "workstation_adaptations": "Aanpassingen van de werkpost",
        "adapted_work": "Aangepast werk", "other_work": "Ander werk", "training": "Opleiding",
        "adaptations": "Soorten aanpassingen", "schedule": "Werkhervatting in stappen",
        "evaluation_moments": "Evaluatiemomenten", "aftercare_until": "Nazorg tot en met",
        "checklist": "Voorbereiding van de terugkeer", "fixed_on": "Vastgelegd om te tekenen op",
        "delivered_on": "Bezorgd op", "signed_by_employer_on": "Getekend door de werkgever op",
        "response": "Antwoord van de werknemer", "response_on": "Antwoord op",
        "refusal_reasons": "Redenen van weigering", "reminder_sent_on": "Herinnering op",
        **_STAMPS,
    }),
    Section("motivated_reports", "motivated_report", "Gemotiveerde verslagen", {
        "id": "Nummer", "trajectory_id": "Traject", "made_on": "Opgemaakt op",
        "considerations": "Wat werd overwogen",
        "disability_accommodation": "Redelijke aanpassingen (handicap)",
        "delivered_on": "Bezorgd op", **_STAMPS,
    }),
    Section("preventive_requests", "preventive_request", "Preventieve verzoeken", {
        "id": "Nummer", "employee_id": "Werknemer", "requested_on": "Verzoek op",
        "visit_on": "Bezoek bij de arbeidsarts op", "advice_received_on": "Advies ontvangen op",
        "advice": "Advies van de arbeidsarts", "answered_on": "Beantwoord op",
        "answer": "Antwoord van de werkgever", **_STAMPS,
    }),
    Section("audit_entries", "audit_entry", "Logboek: wie uw gegevens behandelde", {
        "id": "Nummer", "at": "Wanneer", "actor": "Wie", "action": "Handeling",
        "record_kind": "Soort gegeven", "record_id": "Gegeven nr.",
        "employee_id": "Werknemer", "detail": "Toelichting",
    }),
)

#: Stored as 0/1 (or NULL: not known); written as true/false/null.
BOOLEAN_COLUMNS: dict[str, tuple[str, ...]] = {
    "employee": ("health_surveillance", "contract_under_3_months"),
    "absence": ("returned_to_adapted_work",),
    "contact_agreement": ("no_contact",),
}


@record
class AccessExport:
    """Everything one access export prints: the person's rows and the header facts."""

    organisation: str
    records: PersonRecords
    made_on: date
    program_version: str

    @property
    def name(self) -> str:
        return str(self.records.employee["name"])

    def rows(self, section: Section) -> tuple[dict[str, Any], ...]:
        """The records of ``section``, with yes/no fields as booleans."""
        flags = BOOLEAN_COLUMNS.get(section.table, ())
        return tuple(
            {key: _boolean(value) if key in flags else value for key, value in row.items()}
            for row in self.records.rows(section.table)
        )


def explanation(export: AccessExport) -> str:
    """The Dutch explanation at the top of both files."""
    return (
        f"Dit zijn alle gegevens die {export.organisation} in het programma {PROGRAM} over "
        f"{export.name} bewaart, opgemaakt op {export.made_on.strftime('%d-%m-%Y')} "
        "(recht op inzage, artikel 15 AVG). Over andere personen staat er niets in, behalve "
        "de namen van collega's die in uw eigen gegevens voorkomen, zoals wie contact met u "
        "opnam. Het programma bewaart geen medische gegevens (geen diagnose, klachten of "
        "behandeling). Het logboek toont wie uw gegevens behandelde en wanneer, niet de inhoud."
    )


def json_explanation(export: AccessExport) -> str:
    return explanation(export) + (
        " In dit bestand zijn de sleutels de Engelse veldnamen die het programma intern "
        "gebruikt; elk onderdeel heeft een Nederlandse titel ('title') en een Nederlandse "
        "omschrijving van elk veld ('labels'). Datums staan als JJJJ-MM-DD."
    )


def access_document(export: AccessExport) -> dict[str, Any]:
    """The JSON document as plain data (see the module docstring for its layout)."""
    return {
        "export": {
            "kind": "inzage",
            "made_on": export.made_on.isoformat(),
            "organisation": export.organisation,
            "program": PROGRAM,
            "program_version": export.program_version,
            "format_version": FORMAT_VERSION,
            "person": {"id": export.records.employee_id, "name": export.name},
            "explanation": json_explanation(export),
        },
        "sections": {
            section.key: {
                "title": section.title,
                "labels": section.labels,
                "records": list(export.rows(section)),
            }
            for section in SECTIONS
        },
    }


def write_access_json(export: AccessExport, path: Path) -> Path:
    """Write the JSON file privately (0600, whole or not at all); return ``path``."""
    text = json.dumps(access_document(export), ensure_ascii=False, indent=2) + "\n"
    return write_private(
        path, lambda target: Path(target).write_text(text, encoding="utf-8"),
        what="het JSON-bestand",
    )


def _boolean(value: Any) -> bool | None:
    return None if value is None else bool(value)
