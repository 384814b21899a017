"""The organisation profile: who the employer is and who helps it.

Pure data and validation. The UI asks :func:`validate` for every edit and stores
the cleaned value only when there is no message; the message is shown next to
the field.
"""

from __future__ import annotations

import re
from dataclasses import field
from enum import Enum

from kmo_reintegratie.enterprise_number import (
    EnterpriseNumberError,
    format_enterprise_number,
    parse_enterprise_number,
)
from kmo_reintegratie.record import record
from kmo_reintegratie.text import clean_text, is_ascii_number
# ValidationError is re-exported: the window imports it from here.
from kmo_reintegratie.text_limits import ValidationError as ValidationError
from kmo_reintegratie.text_limits import check_length, limit_for


class Role(str, Enum):
    """The people the other areas need (letters, plans, suggestions for "Wie")."""

    EXTERNE_DIENST = "externe_dienst"
    ARBEIDSARTS = "arbeidsarts"
    PREVENTIEADVISEUR = "preventieadviseur"
    PREVENTIEADVISEUR_PSYCHOSOCIAAL = "preventieadviseur_psychosociaal"
    VERTROUWENSPERSOON = "vertrouwenspersoon"
    HR_CONTACT = "hr_contact"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.EXTERNE_DIENST: "Externe dienst voor preventie en bescherming op het werk",
    Role.ARBEIDSARTS: "Arbeidsarts (preventieadviseur-arbeidsarts)",
    Role.PREVENTIEADVISEUR: "Preventieadviseur",
    Role.PREVENTIEADVISEUR_PSYCHOSOCIAAL: "Preventieadviseur psychosociale aspecten",
    Role.VERTROUWENSPERSOON: "Vertrouwenspersoon",
    Role.HR_CONTACT: "HR-contactpersoon",
}


@record
class RoleContact:
    role: Role
    name: str = ""
    organisation: str = ""
    phone: str = ""
    email: str = ""

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.organisation or self.phone or self.email)


@record
class Organisation:
    name: str = ""
    enterprise_number: str = ""  # 10 digits, or "" when not filled in
    street: str = ""
    postal_code: str = ""
    city: str = ""
    sector: str = ""
    joint_committee: str = ""  # paritair comité, e.g. "PC 330"
    employee_count: int | None = None
    contact_by: str = ""
    contact_first_days: int | None = None
    contact_frequency_first_month: str = ""
    contact_frequency_after: str = ""
    contact_procedure: str = ""
    contact_in_work_regulations: bool = False
    roles: dict[Role, RoleContact] = field(default_factory=dict)

    @property
    def display_name(self) -> str:
        return self.name or "Naamloze organisatie"

    @property
    def enterprise_number_display(self) -> str:
        return format_enterprise_number(self.enterprise_number) if self.enterprise_number else ""

    def role(self, role: Role) -> RoleContact:
        return self.roles.get(role, RoleContact(role))


ORGANISATION_FIELDS = tuple(
    name for name in Organisation.__dataclass_fields__ if name != "roles"
)
ROLE_FIELDS = ("name", "organisation", "phone", "email")

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^\+?[0-9 ./()-]{6,20}$")


MAX_TEXT_LENGTH = 2000
MAX_EMPLOYEE_COUNT = 100_000
MAX_FIRST_DAYS = 365


def clean_field(field_name: str, text: str) -> object:
    """Turn what the user typed into the value to store, or raise ValidationError.

    Never raises anything else, whatever ``text`` holds; a returned string is
    storable as it is (see ``text.clean_text``).
    """
    text = clean_text(text).strip()
    if field_name in ("employee_count", "contact_first_days"):
        return _clean_count(field_name, text)
    # Names, addresses and numbers have their own, shorter limits (text_limits); other
    # profile texts keep this one.
    if len(text) > MAX_TEXT_LENGTH:
        raise ValidationError("Deze tekst is te lang (maximaal 2000 tekens).")
    if limit_for(field_name) < MAX_TEXT_LENGTH:
        check_length(field_name, text)
    if field_name == "enterprise_number":
        if not text:
            return ""
        try:
            return parse_enterprise_number(text)
        except EnterpriseNumberError as error:
            raise ValidationError(str(error)) from error
    if field_name == "postal_code":
        if text and not re.fullmatch(r"[1-9][0-9]{3}", text):
            raise ValidationError("Een Belgische postcode heeft 4 cijfers, bv. 9000.")
        return text
    if field_name == "contact_in_work_regulations":
        return text.lower() in ("1", "true", "ja")
    if field_name == "email":
        if text and not _EMAIL.match(text):
            raise ValidationError("Dit lijkt geen geldig e-mailadres (bv. naam@bedrijf.be).")
        return text
    if field_name == "phone":
        if text and not _PHONE.match(text):
            raise ValidationError("Een telefoonnummer bevat enkel cijfers, spaties, +, /, . of -.")
        return text
    return text


def _clean_count(field_name: str, text: str) -> int | None:
    if not text:
        return None
    # Only 0-9: "²" (a key on the Belgian keyboard) and other digits pass str.isdigit()
    # but not int(), and thousands of digits would overflow SQLite's INTEGER.
    if not is_ascii_number(text):
        raise ValidationError("Geef een geheel getal in, zonder punten of letters.")
    digits = text.lstrip("0")
    if field_name == "employee_count":
        if not digits or len(digits) > 6 or int(digits) > MAX_EMPLOYEE_COUNT:
            raise ValidationError("Het aantal werknemers ligt tussen 1 en 100 000.")
    elif len(digits) > 3 or int(digits or "0") > MAX_FIRST_DAYS:
        raise ValidationError("Geef een aantal dagen tussen 0 en 365.")
    return int(digits or "0")


def size_notes(employee_count: int | None) -> list[str]:
    """What changes with the organisation's size, in Dutch, marked when unconfirmed."""
    if employee_count is None:
        return ["Vul het aantal werknemers in: sommige verplichtingen hangen af van de grootte."]
    notes: list[str] = []
    if employee_count < 20:
        notes.append(
            "Minder dan 20 werknemers: de strafsanctie voor het niet opstarten van een formeel "
            "re-integratietraject (sinds 2026) geldt vermoedelijk niet — de exacte drempel "
            "(minstens of meer dan 20) is te bevestigen."
        )
    else:
        notes.append(
            "20 werknemers of meer: sinds 2026 is het niet opstarten van een formeel "
            "re-integratietraject strafbaar wanneer de arbeidsarts arbeidspotentieel vaststelt "
            "(drempel en sanctie te bevestigen)."
        )
    if employee_count < 50:
        notes.append(
            "Minder dan 50 werknemers: vrijgesteld van de solidariteitsbijdrage (2026) en u mag "
            "een ziekteattest vanaf de eerste dag blijven eisen via het arbeidsreglement of een "
            "cao (de regel van twee dagen per jaar zonder attest geldt vanaf 50 werknemers op "
            "1 januari)."
        )
        notes.append(
            "Zonder comité voor preventie en bescherming op het werk gebeurt het jaarlijkse overleg "
            "met de vakbondsafvaardiging of rechtstreeks met de werknemers (te bevestigen)."
        )
    else:
        notes.append(
            "50 werknemers of meer: solidariteitsbijdrage van 30% van de ziekte-uitkering in "
            "maand 2 en 3 (sinds 2026); jaarlijks verslag aan het comité voor preventie en "
            "bescherming op het werk."
        )
        notes.append(
            "50 werknemers of meer (telling op 1 januari): een werknemer mag sinds 2026 twee keer "
            "per kalenderjaar één dag afwezig zijn zonder ziekteattest (was drie keer); vanaf de "
            "derde keer mag u een attest vragen."
        )
    return notes
