"""Absent employees: employees, absences, contact agreements and the contact log.

Pure data and rules. No field anywhere holds a diagnosis, symptoms, treatment or
medication: an employer may not record them (GDPR art. 9; the occupational
physician keeps the health file). Only dates, the kind of incapacity, the
agreements about contact and what was agreed functionally are kept.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import field
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Protocol

from kmo_reintegratie.legal import Statute
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.record import record

FULL_TIME_HOURS = 38.0
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2100, 12, 31)
MAX_DAYS_AHEAD = 366  # further ahead is almost always a typing error in the year


def format_hours(hours: float) -> str:
    """19.0 → "19", 19.5 → "19,5" (Belgian decimal comma)."""
    return f"{hours:.2f}".rstrip("0").rstrip(".").replace(".", ",")


class EmployeeStatus(str, Enum):
    ACTIEF = "actief"
    UIT_DIENST = "uit_dienst"

    @property
    def label(self) -> str:
        return {"actief": "Actief", "uit_dienst": "Uit dienst"}[self.value]


class IncapacityKind(str, Enum):
    ZIEKTE = "ziekte"
    ONGEVAL_PRIVE = "ongeval_prive"
    ARBEIDSONGEVAL = "arbeidsongeval"
    BEROEPSZIEKTE = "beroepsziekte"
    ZWANGERSCHAP = "zwangerschap"
    ANDERE = "andere"

    @property
    def label(self) -> str:
        return {
            "ziekte": "Ziekte",
            "ongeval_prive": "Ongeval privéleven",
            "arbeidsongeval": "Arbeidsongeval",
            "beroepsziekte": "Beroepsziekte",
            "zwangerschap": "Zwangerschap-gerelateerd",
            "andere": "Andere",
        }[self.value]


class ContactRole(str, Enum):
    LEIDINGGEVENDE = "leidinggevende"
    HR = "hr"
    COLLEGA = "collega"
    WELZIJNSCEL = "welzijnscel"
    ANDERE = "andere"

    @property
    def label(self) -> str:
        return {"leidinggevende": "Leidinggevende", "hr": "HR", "collega": "Collega",
                "welzijnscel": "Welzijnscel", "andere": "Andere"}[self.value]


class Channel(str, Enum):
    TELEFOON = "telefoon"
    EMAIL = "email"
    BRIEF = "brief"
    SMS = "sms"
    HUISBEZOEK = "huisbezoek"
    GESPREK_OP_HET_WERK = "gesprek_op_het_werk"
    KAARTJE = "kaartje"

    @property
    def label(self) -> str:
        return {"telefoon": "Telefoon", "email": "E-mail", "brief": "Brief", "sms": "Sms",
                "huisbezoek": "Huisbezoek", "gesprek_op_het_werk": "Gesprek op het werk",
                "kaartje": "Kaartje / attentie"}[self.value]


class Initiative(str, Enum):
    WERKGEVER = "werkgever"
    WERKNEMER = "werknemer"

    @property
    def label(self) -> str:
        return {"werkgever": "Werkgever", "werknemer": "Werknemer"}[self.value]


class InfoItem(str, Enum):
    """Information given during a contact (checklist 2 of the instrument)."""

    OVERZICHTSDOCUMENT = "overzichtsdocument"
    AANGIFTE_ZIEKENFONDS = "aangifte_ziekenfonds"
    AANGEPAST_WERK = "aangepast_werk"
    BEZOEK_VOORAF = "bezoek_vooraf"
    VERTROUWENSPERSOON = "vertrouwenspersoon"

    @property
    def label(self) -> str:
        return {
            "overzichtsdocument": "Overzichtsdocument bezorgd",
            "aangifte_ziekenfonds": "Uitleg aangifte ziekenfonds",
            "aangepast_werk": "Mogelijkheden aangepast werk besproken",
            "bezoek_vooraf": "Bezoek voorafgaand aan werkhervatting vermeld",
            "vertrouwenspersoon": "Vertrouwenspersoon en arbeidsarts vermeld",
        }[self.value]


@record
class RegimePeriod:
    """Contractual working time from a date on (history of changes)."""

    valid_from: date
    hours_per_week: float

    @property
    def fraction(self) -> float:
        return self.hours_per_week / FULL_TIME_HOURS


@record
class Employee:
    id: int
    name: str
    staff_number: str = ""
    function: str = ""
    department: str = ""
    statute: Statute = Statute.BEDIENDE
    in_service_from: date | None = None
    out_of_service_from: date | None = None
    manager: str = ""
    phone: str = ""
    email: str = ""
    address: str = ""
    regimes: tuple[RegimePeriod, ...] = ()
    #: Under health surveillance (gezondheidstoezicht): after an absence of at least 4 weeks
    #: a return-to-work examination by the arbeidsarts is due.
    health_surveillance: bool = False
    #: A fixed-term contract shorter than 3 months (``None``: not known); a bediende on one
    #: falls under the arbeider scheme of guaranteed salary.
    contract_under_3_months: bool | None = None

    @property
    def status(self) -> EmployeeStatus:
        return EmployeeStatus.UIT_DIENST if self.out_of_service_from else EmployeeStatus.ACTIEF

    def regime_on(self, day: date) -> RegimePeriod | None:
        current = None
        for period in sorted(self.regimes, key=lambda p: p.valid_from):
            if period.valid_from <= day:
                current = period
        return current


@record
class CertificatePeriod:
    id: int
    absence_id: int
    starts: date
    ends: date
    kind: IncapacityKind = IncapacityKind.ZIEKTE


@record
class PartialReturn:
    id: int
    absence_id: int
    starts: date
    percentage: float | None = None
    hours_per_week: float | None = None


@record
class ContactAgreement:
    """Who keeps contact and how often, from a date on (may change over time)."""

    id: int
    absence_id: int
    valid_from: date
    contact_role: ContactRole = ContactRole.LEIDINGGEVENDE
    contact_name: str = ""
    channel: Channel = Channel.TELEFOON
    every_days: int | None = 14
    employee_wishes: str = ""
    no_contact: bool = False


@record
class ContactEntry:
    id: int
    absence_id: int
    at: datetime
    made_by: str
    channel: Channel
    initiative: Initiative = Initiative.WERKGEVER
    summary: str = ""
    agreements: str = ""
    info_given: frozenset[InfoItem] = frozenset()
    next_contact: date | None = None
    signed_on: date | None = None


@record
class Absence:
    id: int
    employee_id: int
    starts: date
    kind: IncapacityKind = IncapacityKind.ZIEKTE
    expected_end: date | None = None
    returned_on: date | None = None
    certificates: tuple[CertificatePeriod, ...] = ()
    partial_returns: tuple[PartialReturn, ...] = ()
    agreements: tuple[ContactAgreement, ...] = ()
    contacts: tuple[ContactEntry, ...] = ()
    note: str = ""
    relapse_of: int | None = None
    #: Work accident or occupational disease: the end of the temporary incapacity under that
    #: regime; a re-integration trajectory can only start after it.
    temporary_incapacity_ended_on: date | None = None
    #: The return that ended this absence was adapted or other work within a re-integration
    #: plan: a new incapacity after it gives no new guaranteed salary.
    returned_to_adapted_work: bool = False
    employee: Employee | None = field(default=None, compare=False)

    def is_open(self, today: date) -> bool:
        return self.starts <= today and (self.returned_on is None or self.returned_on > today)

    def last_day(self) -> date | None:
        """Last day of absence, when the return is known."""
        return self.returned_on - timedelta(days=1) if self.returned_on else None

    def days_absent(self, today: date) -> int:
        """Calendar days, the first day counting as day 1, up to today or the day before the return."""
        end = self.last_day() or today
        end = min(end, today)
        return max(0, (end - self.starts).days + 1)

    def agreement_on(self, day: date) -> ContactAgreement | None:
        current = None
        for agreement in sorted(self.agreements, key=lambda a: (a.valid_from, a.id)):
            if agreement.valid_from <= day:
                current = agreement
        if current is None and self.agreements:
            current = min(self.agreements, key=lambda a: (a.valid_from, a.id))
        return current

    def last_contact(self) -> ContactEntry | None:
        return max(self.contacts, key=lambda c: c.at) if self.contacts else None


def relapse_chain(absence: Absence, by_id: dict[int, Absence]) -> tuple[date, tuple[tuple[date, date], ...]]:
    """Start of the first absence of a relapse chain and the work periods in between.

    A relapse (``relapse_of``) continues the running legal periods of the absence
    it relapses from; ``legal.absence_milestones`` decides, from the length of
    each work period, whether the periods are interrupted.
    """
    resumptions: list[tuple[date, date]] = []
    current = absence
    seen = {absence.id}
    while current.relapse_of is not None and current.relapse_of in by_id and current.relapse_of not in seen:
        previous = by_id[current.relapse_of]
        seen.add(previous.id)
        if previous.returned_on is None or previous.returned_on >= current.starts:
            break
        resumptions.append((previous.returned_on, current.starts - timedelta(days=1)))
        current = previous
    return current.starts, tuple(reversed(resumptions))


class AbsenceError(ValidationError):
    """Input that would make the register inconsistent; str() is the Dutch message."""


def _check_range(*values: date | None) -> None:
    for value in values:
        if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise AbsenceError("Die datum ligt te ver in het verleden of de toekomst (1900–2100).")


def check_absence_dates(starts: date | None, expected_end: date | None, returned_on: date | None) -> None:
    if starts is None:
        if returned_on is not None or expected_end is not None:
            raise AbsenceError("Geef eerst de begindatum van de afwezigheid.")
        raise AbsenceError("De begindatum van de afwezigheid ontbreekt.")
    _check_range(starts, expected_end, returned_on)
    if expected_end is not None and expected_end < starts:
        raise AbsenceError("Het verwachte einde ligt vóór het begin van de afwezigheid.")
    if returned_on is not None and returned_on <= starts:
        raise AbsenceError("De datum van werkhervatting moet ná de eerste afwezigheidsdag liggen.")


def check_temporary_incapacity_end(starts: date, ended_on: date | None) -> None:
    """The end of a work-accident or occupational-disease incapacity lies within 1900–2100
    and not before the absence began."""
    if ended_on is None:
        return
    _check_range(ended_on)
    if ended_on < starts:
        raise AbsenceError(
            "Het einde van de tijdelijke ongeschiktheid ligt vóór het begin van de afwezigheid.")


def check_partial_return(absence: Absence, starts: date) -> None:
    if starts < absence.starts:
        raise AbsenceError("De gedeeltelijke hervatting begint vóór de afwezigheid.")
    if absence.returned_on is not None and starts >= absence.returned_on:
        raise AbsenceError(
            f"De werknemer hervatte volledig op {absence.returned_on:%d-%m-%Y}; een gedeeltelijke "
            "hervatting begint vóór die dag."
        )


def check_not_far_ahead(value: date | None, today: date) -> None:
    """Refuse a date more than a year ahead: almost always a typing error in the year."""
    if value is not None and value > today + timedelta(days=MAX_DAYS_AHEAD):
        raise AbsenceError("Die datum ligt meer dan een jaar in de toekomst; controleer het jaartal.")


def check_no_overlap(absences: list[Absence], starts: date, returned_on: date | None, *, ignore_id: int | None = None) -> None:
    """Refuse an absence that overlaps another absence of the same employee."""
    _check_range(starts, returned_on)  # also keeps the day arithmetic below in range
    new_end = returned_on - timedelta(days=1) if returned_on else LATEST_DATE
    for other in absences:
        if other.id == ignore_id:
            continue
        other_end = other.last_day() or LATEST_DATE
        if starts <= other_end and other.starts <= new_end:
            until = f"tot {other.returned_on:%d-%m-%Y}" if other.returned_on else "en loopt nog"
            raise AbsenceError(
                f"Deze periode overlapt met een andere afwezigheid van dezelfde werknemer "
                f"(vanaf {other.starts:%d-%m-%Y} {until}). Pas die afwezigheid aan of kies andere data."
            )


def check_certificate(absence: Absence, starts: date, ends: date) -> None:
    if ends < starts:
        raise AbsenceError("Het attest eindigt vóór het begint.")
    if starts < absence.starts:
        raise AbsenceError("Het attest begint vóór de eerste afwezigheidsdag.")
    _check_range(starts, ends)
    if absence.returned_on is not None and ends >= absence.returned_on:
        raise AbsenceError(
            f"De werknemer hervatte op {absence.returned_on:%d-%m-%Y}; een attest loopt hoogstens "
            "tot de dag ervoor. Pas eerst de datum van werkhervatting aan als die niet klopt."
        )
    for other in absence.certificates:
        if starts <= other.ends and other.starts <= ends:
            raise AbsenceError(
                f"Dit attest overlapt met het attest van {other.starts:%d-%m-%Y} tot {other.ends:%d-%m-%Y}."
            )


class Named(Protocol):
    """What telling people apart needs: an :class:`Employee` or a light name row."""

    @property
    def id(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def staff_number(self) -> str: ...
    @property
    def department(self) -> str: ...


def display_names(employees: Sequence[Named]) -> list[str]:
    """Names made distinct: a shared name gets its staff number or department in brackets."""
    counts = Counter(e.name.casefold() for e in employees)
    names = []
    for employee in employees:
        if counts[employee.name.casefold()] < 2:
            names.append(employee.name)
            continue
        extra = [part for part in (employee.staff_number, employee.department) if part.strip()]
        names.append(f"{employee.name} ({extra[0] if extra else f'#{employee.id}'})")
    # Same name and same number/department: show both, then the id as a last resort.
    again = Counter(n.casefold() for n in names)
    for i, employee in enumerate(employees):
        if again[names[i].casefold()] > 1:
            parts = [p for p in (employee.staff_number, employee.department) if p.strip()]
            names[i] = f"{employee.name} ({', '.join([*parts, f'#{employee.id}'])})"
    return names
