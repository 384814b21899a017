"""How long the dossier keeps personal data, and what is due for review.

Pure: the store hands over what it holds (:class:`RetentionFact`, one per record that still
holds personal data) and the organisation's own terms; :func:`due_items` says which terms
have run out. Nothing is ever deleted here or automatically: the user reviews each due item
and anonymises it, erases it or leaves it for later.

No Belgian rule gives a term for an employer's absence and re-integration records (see
/work/shared/domain/wetgeving.md §5: "[?] geen specifieke Belgische termijn gevonden"). The
defaults below lean on what public sources do say, and each is shown as "te bevestigen"
with its reasoning until someone confirms it:

* the GDPR's storage limitation (art. 5.1.e AVG): no longer than needed for the purpose;
  the Gegevensbeschermingsautoriteit asks employers to keep personnel data only as long as
  that purpose requires;
* social documents (personeelsregister, individuele rekening) are kept 5 years after the
  last entry (KB 8 augustus 1980, art. 25; werk.belgie.be "De sociale documenten";
  Securex "Wat is de bewaringstermijn van de sociale en fiscale documenten?");
* the re-integration plan and the motivated report are kept available to the inspection
  (Toezicht op het Welzijn op het Werk; Codex welzijn op het werk, and the FOD WASO's
  guidance, seed 004), without a stated duration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from enum import Enum

from kmo_reintegratie.legal.terms import add_months
from kmo_reintegratie.record import record

MIN_MONTHS, MAX_MONTHS = 1, 1200  # the CHECK of retention_setting (V11)


class Category(str, Enum):
    """What a term applies to; the values are stored in ``retention_setting.category``."""

    ABSENCE = "afwezigheid"
    TRAJECTORY = "traject"
    PERSON = "persoon"

    @property
    def label(self) -> str:
        return DEFAULTS[self].label


@record
class RetentionDefault:
    category: Category
    label: str
    #: What the term counts from, to finish "... maanden ..." in a sentence.
    counted_from: str
    months: int
    source: str
    confirmed: bool
    unconfirmed_reason: str = ""


DEFAULTS: dict[Category, RetentionDefault] = {
    Category.ABSENCE: RetentionDefault(
        Category.ABSENCE,
        "Contacten en details van een afwezigheid",
        "na het einde van de afwezigheid",
        24,
        "AVG art. 5.1.e (niet langer bewaren dan nodig); Gegevensbeschermingsautoriteit, "
        "gegevens van werknemers",
        False,
        "Geen wettelijke termijn gevonden. Voorstel: twee jaar na de terugkeer, lang genoeg "
        "voor een herval en voor vragen over de contactplicht. De datums blijven daarna "
        "anoniem bewaard voor de analyse en de jaarverslagen.",
    ),
    Category.TRAJECTORY: RetentionDefault(
        Category.TRAJECTORY,
        "Re-integratietrajecten, plannen en verslagen",
        "na het afsluiten van het traject",
        60,
        "Codex welzijn op het werk: het re-integratieplan en het gemotiveerd verslag blijven "
        "ter beschikking van het toezicht (FOD WASO); sociale documenten: 5 jaar "
        "(KB 8 augustus 1980, art. 25)",
        False,
        "Het plan en het verslag moeten ter beschikking van de inspectie blijven, maar hoe "
        "lang staat er niet bij. Voorstel: vijf jaar, zoals de sociale documenten.",
    ),
    Category.PERSON: RetentionDefault(
        Category.PERSON,
        "Personeelsgegevens van wie uit dienst is",
        "na de uitdiensttreding",
        60,
        "Sociale documenten (personeelsregister, individuele rekening): 5 jaar na de laatste "
        "vermelding (KB 8 augustus 1980, art. 25; werk.belgie.be; Securex)",
        False,
        "De vijf jaar gelden voor de sociale documenten; dit dossier is er geen. De termijn "
        "is hier naar analogie gekozen.",
    ),
}


def term_months(category: Category, settings: Mapping[Category, int | None]) -> int:
    """The organisation's own term for ``category``, else the default (months)."""
    months = settings.get(category)
    return months if months is not None else DEFAULTS[category].months


def term_text(months: int) -> str:
    """'6 maanden', '1 jaar', '5 jaar', '18 maanden' — years when they are whole."""
    if months % 12 == 0:
        return f"{months // 12} jaar"
    return "1 maand" if months == 1 else f"{months} maanden"


def check_months(months: int | None) -> int | None:
    """``months`` when it is a term the dossier can store (None: the default)."""
    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        raise ValueError(
            f"Een bewaartermijn ligt tussen {MIN_MONTHS} en {MAX_MONTHS} maanden."
        )
    return months


def cut_off(months: int, today: date) -> date:
    """The last end day whose term of ``months`` has run out by ``today``.

    A record is due exactly when it ended on or before this day: the inverse of the
    ``add_months`` in :func:`due_items`, month ends included (with 6 months, 29, 30 and
    31 August all run out on 28 February), so the store can count due items in SQL.
    """
    day = add_months(today, -months)  # its term ends on or before today: the clamp only shortens
    # Clamping maps up to three later days onto the same month end; they are due as well.
    while add_months(day + timedelta(days=1), months) <= today:
        day += timedelta(days=1)
    return day


def cut_offs(settings: Mapping[Category, int | None], today: date) -> dict[Category, date]:
    """:func:`cut_off` per category, with the organisation's terms or the defaults."""
    return {category: cut_off(term_months(category, settings), today) for category in Category}


@record
class RetentionFact:
    """One record that still holds personal data, and the day its term started to run."""

    category: Category
    record_id: int  # the absence, trajectory or employee
    employee_id: int
    person: str
    ended_on: date
    description: str


@record
class DueItem:
    fact: RetentionFact
    months: int
    due_since: date  # the first day after the term

    @property
    def key(self) -> tuple[str, int]:
        return (self.fact.category.value, self.fact.record_id)


def due_items(
    facts: Iterable[RetentionFact], settings: Mapping[Category, int | None], today: date
) -> list[DueItem]:
    """The facts whose term has run out by ``today``, the longest overdue first.

    An item of a person that is itself due is still listed on its own: the review shows
    everything due, and anonymising the person takes its absences and trajectories along.
    """
    due = []
    for fact in facts:
        months = term_months(fact.category, settings)
        since = add_months(fact.ended_on, months)
        if since <= today:
            due.append(DueItem(fact, months, since))
    order = list(Category)
    return sorted(due, key=lambda d: (d.due_since, order.index(d.fact.category), d.fact.record_id))
