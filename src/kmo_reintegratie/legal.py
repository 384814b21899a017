"""Belgian legal rules for long-term sick employees: pure date calculations.

This module has no Qt, no SQL, no I/O and never asks for "today": callers pass
every date.  Each rule carries its legal source and the date it took effect;
facts that the project's fact sheet (``wetgeving.md``) marks ``[?]`` (not
confirmed) are returned with ``confirmed=False`` and a Dutch
``unconfirmed_reason`` so the UI can show them as "te bevestigen".

Counting conventions (see also :data:`RULES`):

* Procedure terms of the formal re-integration trajectory (RIT) are counted in
  **calendar days from the day after receipt** of the form or document
  (fact sheet §0, confirmed).  "49 days after receipt on 1 March" is therefore
  due on 19 April: ``due = received + 49 days``.
* Absence thresholds ("after 4 weeks", "after 9 months") give the first day on
  which the period has fully elapsed, counting the first day of incapacity as
  day 1: ``due = start + period``.  The guaranteed salary milestone is the
  *last* paid day (day 30 = ``start + 29 days``).
* Terms in months keep the day number and are clamped to the last day of the
  month when that day does not exist (31 August + 6 months = 28 or 29
  February), see :func:`add_months`.  The fact sheet does not state which
  convention Belgian law uses for this, so the convention is "te bevestigen";
  a milestone whose date was clamped is flagged.
* Whether a term ending on a Saturday, Sunday or public holiday moves to the
  next working day is not in the fact sheet; nothing is moved here.

Resumptions (``resumptions``) are periods of effective work in between, as
``(first_day_at_work, last_day_at_work)`` pairs, both inclusive.  All periods
of incapacity of one absence are assumed to concern the same illness (the app
stores no diagnosis); a different illness should be registered as a new
absence.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from math import ceil

__all__ = [
    "BEVESTIGD",
    "RULES",
    "TE_BEVESTIGEN",
    "AftercarePeriod",
    "Deadline",
    "Decision",
    "Initiator",
    "InitiatorRule",
    "LegalDate",
    "Milestone",
    "RelapseCheck",
    "RelapseWindow",
    "Rule",
    "StartRule",
    "Statute",
    "absence_milestones",
    "add_months",
    "aftercare_period",
    "decision_explanation",
    "decision_label",
    "employer_may_start",
    "format_date_nl",
    "is_possible_relapse",
    "relapse_window",
    "rule",
    "trajectory_deadlines",
    "who_may_start",
]

TE_BEVESTIGEN = "te bevestigen"
BEVESTIGD = "bevestigd"

# Dates on which the rules took effect (fact sheet §0).
RIT_2016 = date(2016, 12, 1)  # KB 28 oktober 2016
RIT_2022 = date(2022, 10, 1)  # KB 11 september 2022 ("RIT 2.0")
MEDICAL_FORCE_MAJEURE_2022 = date(2022, 11, 28)  # wet 30 oktober 2022
RIT_2026 = date(2026, 1, 1)  # wet + KB BS 30 december 2025 ("RIT 3.0")
UNIFIED_STATUTE_2014 = date(2014, 1, 1)  # eenheidsstatuut (reference date only)

GUARANTEED_SALARY_DAYS = 30
SHORT_RESUMPTION_DAYS = 14  # a resumption shorter than this does not interrupt
RELAPSE_DAYS_BEFORE_2026 = 14
RELAPSE_DAYS_SINCE_2026 = 8 * 7

_MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
)


def format_date_nl(d: date) -> str:
    """Format a date the Dutch way: ``2 maart 2026``."""
    return f"{d.day} {_MONTHS_NL[d.month - 1]} {d.year}"


_nl = format_date_nl


# ---------------------------------------------------------------------------
# Enums


class Statute(StrEnum):
    """Employment statute; determines how the guaranteed salary is paid."""

    ARBEIDER = "arbeider"
    BEDIENDE = "bediende"

    @property
    def label(self) -> str:
        return {"arbeider": "Arbeider", "bediende": "Bediende"}[self.value]


class Decision(StrEnum):
    """Decision of the occupational physician (PA-AA) since 1 October 2022.

    Not to be confused with the legacy decisions A–E (2016 – 30 September
    2022), which had a different meaning.
    """

    A = "A"
    B = "B"
    C = "C"

    @property
    def label(self) -> str:
        return _DECISION_LABELS[self]

    @property
    def explanation(self) -> str:
        return _DECISION_EXPLANATIONS[self]


class Initiator(StrEnum):
    """Who can ask the occupational physician to start a formal trajectory."""

    WERKNEMER = "werknemer"
    BEHANDELEND_ARTS = "behandelend_arts"
    WERKGEVER = "werkgever"
    ADVISEREND_ARTS = "adviserend_arts"

    @property
    def label(self) -> str:
        return {
            "werknemer": "Werknemer",
            "behandelend_arts": "Behandelend arts",
            "werkgever": "Werkgever",
            "adviserend_arts": "Adviserend arts van het ziekenfonds",
        }[self.value]


# ---------------------------------------------------------------------------
# Data classes


@dataclass(frozen=True)
class Rule:
    """One legal rule (or calculation convention) with its source.

    ``effective_from`` is ``None`` only for calculation conventions of the app
    and for announced rules whose start date is unknown.  For unconfirmed
    rules ``note`` starts with the reason why the rule is "te bevestigen".
    """

    key: str
    title: str
    source: str
    effective_from: date | None
    confirmed: bool
    note: str = ""

    @property
    def status(self) -> str:
        return BEVESTIGD if self.confirmed else TE_BEVESTIGEN


@dataclass(frozen=True)
class LegalDate:
    """A dated milestone or deadline, with its legal source."""

    key: str
    due: date
    title: str
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    def __post_init__(self) -> None:
        if self.confirmed and self.unconfirmed_reason:
            raise ValueError("a confirmed date cannot have an unconfirmed_reason")
        if not self.confirmed and not self.unconfirmed_reason:
            raise ValueError("an unconfirmed date needs an unconfirmed_reason")
        if not self.source:
            raise ValueError("every legal date needs a source")

    @property
    def status(self) -> str:
        return BEVESTIGD if self.confirmed else TE_BEVESTIGEN


Milestone = LegalDate
Deadline = LegalDate


@dataclass(frozen=True)
class StartRule:
    """May the employer request a formal re-integration trajectory?

    ``earliest``: first date on which the employer may file the request given
    the facts passed (``None`` when that depends on an event that has not
    happened, e.g. a finding of work potential).  ``latest``: since 2026, the
    date by which the employer *must* request it once work potential was found.
    """

    allowed: bool
    earliest: date | None
    latest: date | None
    regime: str
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    @property
    def status(self) -> str:
        return BEVESTIGD if self.confirmed else TE_BEVESTIGEN


@dataclass(frozen=True)
class InitiatorRule:
    initiator: Initiator
    may_start: bool
    condition: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    @property
    def label(self) -> str:
        return self.initiator.label


@dataclass(frozen=True)
class RelapseWindow:
    """Dates on which a new incapacity is a possible relapse (herval)."""

    previous_return: date
    first_day: date
    last_day: date
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.first_day <= d <= self.last_day


@dataclass(frozen=True)
class RelapseCheck:
    possible: bool
    previous_return: date
    new_start: date
    last_day: date
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None


@dataclass(frozen=True)
class AftercarePeriod:
    """Suggested aftercare period (a date range, both ends inclusive)."""

    start: date
    end: date
    explanation: str
    source: str
    note: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


# ---------------------------------------------------------------------------
# Rule registry (the "Bronnen" view lists these)

_SRC_GUARANTEED = (
    "Arbeidsovereenkomstenwet van 3 juli 1978 (gewaarborgd loon); "
    "feitenblad §4.2 (S62, S63, S64)"
)
_SRC_RELAPSE_OLD = "Arbeidsovereenkomstenwet van 3 juli 1978 (herval); feitenblad §4.2 (S66)"
_SRC_RELAPSE_2026 = (
    "Wet gepubliceerd in het BS van 30 december 2025 (Terug-naar-werk 3.0); "
    "feitenblad §4.2 (S66, S15, S24)"
)
_SRC_RIT_2016 = "KB 28 oktober 2016 (BS 24 november 2016); feitenblad §0 en §1.1 (S27, S35, S3)"
_SRC_RIT_2022 = (
    "Codex welzijn op het werk, boek I titel 4 hoofdstuk VI, gewijzigd door het KB van "
    "11 september 2022 (BS 20 september 2022)"
)
_SRC_RIT_2026 = (
    "Codex welzijn op het werk, boek I titel 4 hoofdstuk VI, gewijzigd door het KB "
    "gepubliceerd in het BS van 30 december 2025 (RIT 3.0)"
)
_SRC_REPORT = (
    "Codex welzijn op het werk, art. I.4-4 §3 (KB 11 september 2022); "
    "feitenblad §3.3 (S5, S53)"
)
_SRC_FORCE_MAJEURE = (
    "Art. 34 Arbeidsovereenkomstenwet (wet van 30 oktober 2022, BS 18 november 2022); "
    "procedure art. I.4-82 Codex welzijn op het werk; feitenblad §1.7 (S6, S7, S41, S42)"
)

_REASON_MONTH_END = (
    "De berekende dag bestaat niet in die maand; de app neemt de laatste dag van de maand. "
    "Welke rekenwijze de wet hier volgt, staat niet in het feitenblad."
)
_REASON_RIT3_OLD_ABSENCE = (
    "De afwezigheid begon vóór 1 januari 2026. Of deze verplichting van RIT 3.0 ook geldt "
    "voor afwezigheden die vóór 2026 begonnen, is niet bevestigd (enkel een niet-officiële "
    "bron zegt dat ze alleen geldt voor afwezigheden vanaf 1 januari 2026)."
)
_REASON_RESUMPTION_ANALOGY = (
    "Het feitenblad zegt niet hoe een werkhervatting deze termijn beïnvloedt. De app past "
    "naar analogie de 14-dagenregel toe: een hervatting van minder dan 14 dagen onderbreekt "
    "niet, een langere hervatting laat de termijn opnieuw beginnen."
)
_REASON_SHORT_RESUMPTION_COUNTED = (
    "Een hervatting van minder dan 14 dagen onderbreekt de termijn niet, maar het "
    "feitenblad zegt niet of de gewerkte dagen meetellen. De app telt ze mee "
    "(vroegst mogelijke datum)."
)
_REASON_RIT3_TERMS = (
    "Traject gestart onder RIT 3.0 (vanaf 1 januari 2026). Dat deze termijn ongewijzigd "
    "bleef, wordt verondersteld maar door geen bron expliciet herhaald."
)
_REASON_PLAN_B_START = (
    "Het vertrekpunt van de 6 maanden bij beslissing B is niet bevestigd: ontvangst van het "
    "formulier, einde van de beroepstermijn of ontvangst van de beroepsbeslissing."
)


def _r(key: str, title: str, source: str, effective_from: date | None,
       confirmed: bool, note: str = "") -> Rule:
    return Rule(key, title, source, effective_from, confirmed, note)


RULES: tuple[Rule, ...] = (
    # --- calculation conventions -----------------------------------------
    _r("termijnen_kalenderdagen",
       "Termijnen in kalenderdagen, te tellen vanaf de dag na ontvangst",
       "KB 11 september 2022; feitenblad §0 (S3, S17, S18)", RIT_2022, True,
       "Vroeger (2016 – 30/9/2022) golden voor een deel van de termijnen werkdagen."),
    _r("termijnen_maanden",
       "Termijnen in maanden: zelfde dagnummer, anders laatste dag van de maand",
       "Rekenconventie van de app; niet in het feitenblad", None, False,
       "Welke rekenwijze de Belgische wet volgt voor termijnen in maanden (bv. 6 maanden na "
       "31 augustus), staat niet in het feitenblad. De app neemt hetzelfde dagnummer en, als "
       "die dag niet bestaat, de laatste dag van de maand (31 augustus + 6 maanden = "
       "28 of 29 februari). Vermoedelijk analoog aan het Gerechtelijk Wetboek (eigen kennis)."),
    _r("termijn_weekend_feestdag",
       "Termijn die eindigt op een zaterdag, zondag of feestdag",
       "Niet in het feitenblad", None, False,
       "Of zo'n termijn verschuift naar de volgende werkdag, staat niet in het feitenblad. "
       "De app verschuift niets: reken veiligheidshalve met de berekende datum."),
    _r("hervatting_analogie",
       "Werkhervatting tijdens de termijnen van 4 weken, 8 weken en 6 maanden",
       "Rekenconventie van de app; niet in het feitenblad", None, False,
       _REASON_RESUMPTION_ANALOGY),
    # --- guaranteed salary and relapse ------------------------------------
    _r("gewaarborgd_loon_bediende",
       "Gewaarborgd loon bediende: 30 kalenderdagen 100 % door de werkgever",
       _SRC_GUARANTEED, UNIFIED_STATUTE_2014, True,
       "Voor bedienden met een overeenkomst van onbepaalde duur of van minstens 3 maanden. "
       "Vanaf dag 31 betaalt het ziekenfonds. Ingangsdatum: het feitenblad geeft geen datum; "
       "1 januari 2014 (eenheidsstatuut) is een referentiedatum, de regeling zelf is ouder."),
    _r("gewaarborgd_loon_arbeider",
       "Gewaarborgd loon arbeider: 30 kalenderdagen (100 %, 85,88 %, 25,88 % + ziekenfonds)",
       _SRC_GUARANTEED, UNIFIED_STATUTE_2014, True,
       "Voor arbeiders met minstens 1 maand dienst. Dag 1–7: 100 %; dag 8–14: 85,88 %; "
       "dag 15–30: 25,88 % van het begrensde loon (+ 85,88 % van het deel boven de grens) "
       "door de werkgever, plus 60 % van het begrensde loon door het ziekenfonds. "
       "Ingangsdatum: het feitenblad geeft geen datum; 1 januari 2014 is een referentiedatum."),
    _r("herval_14_dagen",
       "Herval binnen 14 dagen: geen nieuw gewaarborgd loon (tot 31 december 2025)",
       _SRC_RELAPSE_OLD, UNIFIED_STATUTE_2014, True,
       "Enkel bij dezelfde ziekte of hetzelfde ongeval; alleen het saldo van het gewaarborgd "
       "loon blijft verschuldigd. Ingangsdatum: referentiedatum, niet in het feitenblad."),
    _r("herval_8_weken",
       "Herval binnen 8 weken: geen nieuw gewaarborgd loon (sinds 1 januari 2026)",
       _SRC_RELAPSE_2026, RIT_2026, True,
       "Enkel bij dezelfde ziekte of hetzelfde ongeval (medisch attest); alleen het saldo van "
       "het gewaarborgd loon blijft verschuldigd. Te bevestigen: de exacte grensdag en welke "
       "regel geldt voor een hervatting in 2025 gevolgd door een herval in 2026."),
    # --- absence milestones -----------------------------------------------
    _r("melding_arbeidsarts",
       "Arbeidsongeschiktheid van 4 weken melden aan de arbeidsarts",
       _SRC_REPORT, RIT_2022, True,
       "De arbeidsarts (of verpleegkundige) informeert de werknemer daarna over het bezoek "
       "voorafgaand aan de werkhervatting en het re-integratietraject."),
    _r("inschatting_arbeidspotentieel",
       "Na 8 weken: arbeidsarts vragen het arbeidspotentieel in te schatten",
       _SRC_RIT_2026 + "; feitenblad §1.1 (S9, S24, S25, S26, S36)", RIT_2026, True,
       "Geen instemming van de werknemer nodig."),
    _r("uiterste_aanvraag_traject",
       "Uiterlijk 6 maanden na het begin: re-integratietraject aanvragen bij arbeidspotentieel",
       _SRC_RIT_2026 + "; feitenblad §1.1 (S24, S25, S26, S36)", RIT_2026, True,
       "Enkel als de arbeidsarts arbeidspotentieel vaststelde. Strafsanctie bij niet-opstarten: "
       "principe bevestigd; drempel (minstens 20 of meer dan 20 werknemers) en bedrag te "
       "bevestigen."),
    _r("rit3_oude_afwezigheden",
       "Gelden de 8-weken- en 6-maandenregel ook voor afwezigheden van vóór 2026?",
       "Feitenblad §1.1 (enkel S14, niet-officieel)", RIT_2026, False,
       _REASON_RIT3_OLD_ABSENCE),
    _r("medische_overmacht",
       "Medische overmacht: procedure mogelijk na 9 maanden ononderbroken ongeschiktheid",
       _SRC_FORCE_MAJEURE, MEDICAL_FORCE_MAJEURE_2022, True,
       "Een hervatting van minder dan 14 dagen onderbreekt de 9 maanden niet. Enkel als er "
       "geen re-integratietraject loopt."),
    _r("medische_overmacht_6_maanden",
       "Aangekondigd: medische overmacht al na 6 maanden",
       "Feitenblad §1.7 (S24: 'weldra')", None, False,
       "Aangekondigd door de regering, maar niet bevestigd dat het in werking is; latere "
       "bronnen van 2026 vermelden het niet."),
    # --- formal trajectory --------------------------------------------------
    _r("initiatief_werknemer",
       "De werknemer kan een traject starten vanaf dag 1",
       _SRC_RIT_2016 + "; feitenblad §1.1 (S19, S20, S21)", RIT_2016, True),
    _r("initiatief_behandelend_arts",
       "De behandelend arts kan een traject starten, met instemming van de werknemer",
       _SRC_RIT_2016 + "; feitenblad §1.1 (S19, S20)", RIT_2016, True),
    _r("initiatief_adviserend_arts",
       "De adviserend arts van het ziekenfonds kan geen traject meer starten",
       _SRC_RIT_2022 + "; feitenblad §1.1 (S3, S5, S22)", RIT_2022, True,
       "Blijft wel betrokken en kan doorverwijzen of adviseren."),
    _r("werkgever_start_2016",
       "Werkgever start traject na 4 maanden ongeschiktheid (1/12/2016 – 30/9/2022)",
       _SRC_RIT_2016, RIT_2016, False,
       "Het feitenblad vermeldt enkel dat de termijn vroeger 4 maanden was; de overige "
       "voorwaarden van de oude regeling zijn niet nagekeken."),
    _r("werkgever_start_2022",
       "Werkgever start traject na 3 maanden ononderbroken ongeschiktheid of bij attest "
       "definitieve ongeschiktheid (1/10/2022 – 31/12/2025)",
       _SRC_RIT_2022 + "; feitenblad §1.1 (S3, S19, S20, S23)", RIT_2022, True,
       "Een hervatting van minder dan 14 dagen onderbreekt de 3 maanden niet."),
    _r("werkgever_start_2026",
       "Werkgever start traject vanaf dag 1 met instemming van de werknemer, of na een "
       "inschatting die arbeidspotentieel vaststelt (sinds 1/1/2026)",
       _SRC_RIT_2026 + "; feitenblad §0 en §1.1 (S9, S24, S25)", RIT_2026, True,
       "RIT 3.0 geldt enkel voor trajecten opgestart vanaf 1 januari 2026."),
    _r("beoordeling_49_dagen",
       "Re-integratiebeoordeling binnen 49 kalenderdagen na ontvangst van het verzoek",
       _SRC_RIT_2022 + "; feitenblad §1.2 (S3, S29)", RIT_2022, True,
       "Was 40 werkdagen."),
    _r("beroep_21_dagen",
       "Beroep tegen beslissing B binnen 21 kalenderdagen",
       _SRC_RIT_2022 + "; feitenblad §1.4 (S33, S1)", RIT_2022, True,
       "Was 7 werkdagen. Eén keer per traject, enkel tegen beslissing B, aangetekend aan de "
       "arts-sociaal inspecteur en aan de werkgever."),
    _r("plan_beslissing_a",
       "Re-integratieplan binnen 63 kalenderdagen na beslissing A",
       _SRC_RIT_2022 + "; feitenblad §1.5 (S3, S29)", RIT_2022, True,
       "Was 55 werkdagen."),
    _r("plan_beslissing_b",
       "Re-integratieplan binnen 6 maanden na beslissing B",
       _SRC_RIT_2022 + "; feitenblad §1.4 en §1.5 (S3, S34)", RIT_2022, False,
       _REASON_PLAN_B_START + " Was 12 maanden."),
    _r("gemotiveerd_verslag",
       "Gemotiveerd verslag als geen plan mogelijk is",
       _SRC_RIT_2022 + "; feitenblad §1.5 en §2.2 (S38, S48)", RIT_2022, False,
       "Termijn niet bevestigd (vermoedelijk dezelfde als voor het plan). Te bezorgen aan de "
       "werknemer en de arbeidsarts."),
    _r("instemming_werknemer_14_dagen",
       "Werknemer stemt binnen 14 kalenderdagen in met het plan of weigert met redenen",
       _SRC_RIT_2022 + "; feitenblad §1.5 (S3, S18)", RIT_2022, True,
       "Was 5 dagen. Geen reactie: de werkgever contacteert de werknemer; opnieuw geen "
       "reactie geldt als weigering."),
    _r("rit3_termijnen",
       "Termijnen 49 dagen, 63 dagen, 6 maanden en 14 dagen onder RIT 3.0",
       _SRC_RIT_2026 + "; feitenblad §1.2 (S31)", RIT_2026, False, _REASON_RIT3_TERMS),
    _r("beslissing_c",
       "Beslissing C: beoordeling (voorlopig) niet mogelijk, geen re-integratieplan",
       _SRC_RIT_2022 + "; feitenblad §1.3 (S28, S4, S30)", RIT_2022, True),
    _r("nieuw_traject_na_c",
       "Nieuw traject na beslissing C",
       "IDEWE-webpagina (seed 004); feitenblad §1.3 en §6 punt 3: niet bevestigd",
       RIT_2022, False,
       "Opvolging na beslissing C staat niet in de bronnen van het feitenblad. IDEWE vermeldt: "
       "ten vroegste na drie maanden een nieuw traject, tenzij de arbeidsarts goede redenen "
       "heeft om daarvan af te wijken; vertrekpunt niet vermeld."),
    # --- good practice ------------------------------------------------------
    _r("nazorg_helft",
       "Nazorg: vuistregel de helft van de verzuimperiode",
       "Praktijktip (seed 002, Nederlandse bron); geen Belgische wettelijke regel", None, True,
       "Richtlijn, geen wettelijke verplichting."),
)

_RULES_BY_KEY: dict[str, Rule] = {r.key: r for r in RULES}
assert len(_RULES_BY_KEY) == len(RULES), "duplicate rule key"


def rule(key: str) -> Rule:
    """Look up a rule of :data:`RULES` by key (``KeyError`` if unknown)."""
    return _RULES_BY_KEY[key]


def _make(key: str, due: date, title: str, explanation: str, rule_key: str,
          reasons: Iterable[str] = ()) -> LegalDate:
    r = rule(rule_key)
    all_reasons = [] if r.confirmed else [r.note]
    for reason in reasons:
        if reason and reason not in all_reasons:
            all_reasons.append(reason)
    assert r.effective_from is not None, rule_key
    return LegalDate(
        key=key,
        due=due,
        title=title,
        explanation=explanation,
        source=r.source,
        effective_from=r.effective_from,
        confirmed=not all_reasons,
        unconfirmed_reason=" ".join(all_reasons) or None,
    )


# ---------------------------------------------------------------------------
# Date helpers


def _add_months_clamped(d: date, n: int) -> tuple[date, bool]:
    month_index = d.year * 12 + (d.month - 1) + n
    year, month0 = divmod(month_index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(d.day, last)), d.day > last


def add_months(d: date, n: int) -> date:
    """Add ``n`` calendar months (``n`` may be negative), clamping to month end.

    31 August 2025 + 6 → 28 February 2026; 31 August 2027 + 6 → 29 February
    2028.  The fact sheet does not say which convention Belgian law uses for
    terms in months, so this convention is "te bevestigen" (rule
    ``termijnen_maanden``).
    """
    return _add_months_clamped(d, n)[0]


def _months_after(d: date, n: int) -> tuple[date, list[str]]:
    result, clamped = _add_months_clamped(d, n)
    return result, ([_REASON_MONTH_END] if clamped else [])


Resumption = tuple[date, date]


def _normalise_resumptions(
    start: date, resumptions: Iterable[Resumption]
) -> tuple[Resumption, ...]:
    result = sorted((tuple(r) for r in resumptions), key=lambda r: r[0])
    previous_end: date | None = None
    for first, last in result:
        if first <= start:
            raise ValueError("een werkhervatting moet na het begin van de afwezigheid vallen")
        if last < first:
            raise ValueError("einde van een werkhervatting ligt vóór het begin")
        if previous_end is not None and first <= previous_end + timedelta(days=1):
            raise ValueError("werkhervattingen overlappen of sluiten op elkaar aan")
        previous_end = last
    return tuple(result)  # type: ignore[return-value]


@dataclass(frozen=True)
class _Running:
    start: date  # start of the currently running (uninterrupted) period
    bridged: tuple[Resumption, ...]  # short resumptions inside that period


def _running_period(start: date, resumptions: tuple[Resumption, ...]) -> _Running:
    current = start
    bridged: list[Resumption] = []
    for first, last in resumptions:
        if (last - first).days + 1 >= SHORT_RESUMPTION_DAYS:
            current = last + timedelta(days=1)
            bridged = []
        else:
            bridged.append((first, last))
    return _Running(current, tuple(bridged))


# ---------------------------------------------------------------------------
# 1. Absence milestones

_ORDER = {
    "gewaarborgd_loon_einde_100_procent": 0,
    "gewaarborgd_loon_einde_85_procent": 1,
    "melding_arbeidsarts": 2,
    "einde_gewaarborgd_loon": 3,
    "inschatting_arbeidspotentieel": 4,
    "uiterste_aanvraag_traject": 5,
    "medische_overmacht_mogelijk": 6,
}


def _guaranteed_salary(start: date, statute: Statute,
                       resumptions: tuple[Resumption, ...]) -> list[LegalDate]:
    """Walk the periods of incapacity; a relapse only continues the balance."""
    segments: list[tuple[date, date | None]] = []
    seg_start = start
    for first, last in resumptions:
        segments.append((seg_start, first - timedelta(days=1)))
        seg_start = last + timedelta(days=1)
    segments.append((seg_start, None))

    thresholds = (7, 14, GUARANTEED_SALARY_DAYS)
    used = 0
    marks: dict[int, date] = {}
    entitlement_start = start
    notes: list[str] = []
    reasons: list[str] = []
    for i, (s, e) in enumerate(segments):
        if i > 0:
            back_at_work = resumptions[i - 1][0]
            check = is_possible_relapse(back_at_work, s)
            if check.possible:
                if check.unconfirmed_reason:
                    reasons.append(check.unconfirmed_reason)
                if used >= GUARANTEED_SALARY_DAYS:
                    notes.append(
                        f"Nieuwe ongeschiktheid op {_nl(s)} binnen de hervaltermijn: geen nieuw "
                        "gewaarborgd loon, het gewaarborgd loon was al opgebruikt.")
                else:
                    notes.append(
                        f"Nieuwe ongeschiktheid op {_nl(s)} binnen de hervaltermijn: geen nieuw "
                        f"gewaarborgd loon, enkel het saldo ({GUARANTEED_SALARY_DAYS - used} "
                        "dagen) loopt verder.")
            else:
                used = 0
                marks = {}
                entitlement_start = s
                notes = []
                reasons = [check.unconfirmed_reason] if check.unconfirmed_reason else []
        length = None if e is None else (e - s).days + 1
        for n in thresholds:
            if n > used and (length is None or n <= used + length):
                marks[n] = s + timedelta(days=n - used - 1)
        used += length if length is not None else GUARANTEED_SALARY_DAYS

    if resumptions:
        notes.append(
            "De app gaat ervan uit dat alle periodes van deze afwezigheid dezelfde ziekte "
            "betreffen; bij een andere ziekte (medisch attest) loopt een nieuw gewaarborgd loon.")
    extra = (" " + " ".join(notes)) if notes else ""
    end = marks[GUARANTEED_SALARY_DAYS]
    first_fund_day = _nl(end + timedelta(days=1))
    out: list[LegalDate] = []
    if statute is Statute.BEDIENDE:
        explanation = (
            "Bediende (overeenkomst van onbepaalde duur of van minstens 3 maanden): de "
            f"werkgever betaalt 30 kalenderdagen 100 % van het brutoloon (vanaf "
            f"{_nl(entitlement_start)}). Dit is de laatste dag. Vanaf {first_fund_day} betaalt "
            "het ziekenfonds een uitkering." + extra)
        out.append(_make("einde_gewaarborgd_loon", end, "Einde gewaarborgd loon (bediende)",
                         explanation, "gewaarborgd_loon_bediende", reasons))
    else:
        explanation = (
            "Arbeider (minstens 1 maand in dienst): de werkgever betaalt 30 kalenderdagen "
            f"gewaarborgd loon (vanaf {_nl(entitlement_start)}): dag 1–7 100 %, dag 8–14 "
            "85,88 %, dag 15–30 25,88 % van het begrensde loon (+ 85,88 % van het deel boven de "
            "grens), aangevuld met 60 % van het begrensde loon door het ziekenfonds. Dit is de "
            f"laatste dag. Vanaf {first_fund_day} betaalt enkel het ziekenfonds." + extra)
        out.append(_make("einde_gewaarborgd_loon", end, "Einde gewaarborgd loon (arbeider)",
                         explanation, "gewaarborgd_loon_arbeider", reasons))
        if 7 in marks:
            out.append(_make(
                "gewaarborgd_loon_einde_100_procent", marks[7],
                "Laatste dag gewaarborgd loon aan 100 % (arbeider)",
                "Dag 7 van het gewaarborgd loon van een arbeider. Vanaf dag 8 tot dag 14 betaalt "
                "de werkgever 85,88 %." + extra,
                "gewaarborgd_loon_arbeider", reasons))
        if 14 in marks:
            out.append(_make(
                "gewaarborgd_loon_einde_85_procent", marks[14],
                "Laatste dag gewaarborgd loon aan 85,88 % (arbeider)",
                "Dag 14 van het gewaarborgd loon van een arbeider. Vanaf dag 15 tot dag 30 betaalt "
                "de werkgever 25,88 % van het begrensde loon (+ 85,88 % boven de grens) en het "
                "ziekenfonds 60 % van het begrensde loon." + extra,
                "gewaarborgd_loon_arbeider", reasons))
    return out


def absence_milestones(start: date, statute: Statute | str,
                       resumptions: Iterable[Resumption] = ()) -> tuple[Milestone, ...]:
    """Milestones of one absence, sorted by date.

    ``start`` is the first day of incapacity; ``resumptions`` are periods of
    effective work in between as inclusive ``(from, to)`` pairs.  Milestones
    are computed for the currently running period: a resumption of 14 days or
    more restarts the counting.

    Keys: ``einde_gewaarborgd_loon`` (plus, for arbeiders,
    ``gewaarborgd_loon_einde_100_procent`` and
    ``gewaarborgd_loon_einde_85_procent``), ``melding_arbeidsarts``,
    ``inschatting_arbeidspotentieel``, ``uiterste_aanvraag_traject``,
    ``medische_overmacht_mogelijk``.

    A rule is left out when its due date lies before the rule took effect
    (the obligation cannot have existed).  The 2026 rules (8 weeks, 6 months)
    for an absence that began before 1 January 2026 but falls due after it are
    returned flagged "te bevestigen": the fact sheet confirms that RIT 3.0
    applies to trajectories started from 2026, but whether these obligations
    cover older absences rests on one unofficial source only, so the app
    shows the possible obligation rather than hiding it.
    """
    statute = Statute(str(statute).lower())
    res = _normalise_resumptions(start, resumptions)
    running = _running_period(start, res)
    rs = running.start
    analogy = [_REASON_RESUMPTION_ANALOGY] if res else []
    since = f"sinds {_nl(rs)}" + (" (na een werkhervatting)" if rs != start else "")

    milestones: list[LegalDate] = list(_guaranteed_salary(start, statute, res))

    due = rs + timedelta(weeks=4)
    if due >= rule("melding_arbeidsarts").effective_from:  # type: ignore[operator]
        milestones.append(_make(
            "melding_arbeidsarts", due, "Arbeidsongeschiktheid melden aan de arbeidsarts",
            f"De werknemer is {since} 4 weken arbeidsongeschikt. De werkgever meldt elke "
            "arbeidsongeschiktheid van minstens 4 weken aan de preventieadviseur-arbeidsarts, "
            "die de werknemer dan informeert over het bezoek voorafgaand aan de werkhervatting "
            "en het re-integratietraject. Dit is geen controlegeneeskunde.",
            "melding_arbeidsarts", analogy))

    def rit3(key: str, due: date, title: str, explanation: str, rule_key: str,
             reasons: list[str]) -> None:
        if rs >= RIT_2026:
            milestones.append(_make(key, due, title, explanation, rule_key, reasons))
        elif due >= RIT_2026:
            milestones.append(_make(key, due, title, explanation, rule_key,
                                    [*reasons, _REASON_RIT3_OLD_ABSENCE]))

    rit3("inschatting_arbeidspotentieel", rs + timedelta(weeks=8),
         "Arbeidsarts vragen het arbeidspotentieel in te schatten",
         f"De werknemer is {since} 8 weken arbeidsongeschikt. Sinds 2026 moet de werkgever "
         "de preventieadviseur-arbeidsarts vragen een inschatting van het arbeidspotentieel "
         "te maken; daarvoor is geen instemming van de werknemer nodig. De arbeidsarts "
         "deelt geen medische gegevens mee.",
         "inschatting_arbeidspotentieel", analogy)

    due, month_reasons = _months_after(rs, 6)
    rit3("uiterste_aanvraag_traject", due,
         "Uiterste datum aanvraag re-integratietraject (bij arbeidspotentieel)",
         "Stelde de arbeidsarts arbeidspotentieel vast, dan moet de werkgever sinds 2026 een "
         "formeel re-integratietraject aanvragen, uiterlijk 6 maanden na het begin van de "
         f"arbeidsongeschiktheid ({_nl(rs)}). Zonder vastgesteld arbeidspotentieel geldt "
         "deze verplichting niet. Niet-opstarten is strafbaar; vanaf welk aantal werknemers "
         "en met welke sanctie is te bevestigen.",
         "uiterste_aanvraag_traject", [*analogy, *month_reasons])

    due, month_reasons = _months_after(rs, 9)
    if due >= MEDICAL_FORCE_MAJEURE_2022:
        bridged = [_REASON_SHORT_RESUMPTION_COUNTED] if running.bridged else []
        milestones.append(_make(
            "medische_overmacht_mogelijk", due, "Procedure medische overmacht mogelijk",
            f"De werknemer is {since} 9 maanden ononderbroken arbeidsongeschikt (een hervatting "
            "van minder dan 14 dagen onderbreekt niet). Werkgever of werknemer kan dan, als er "
            "geen re-integratietraject loopt, de procedure medische overmacht starten met een "
            "aangetekende kennisgeving aan de andere partij en de arbeidsarts. De arbeidsarts "
            "onderzoekt ten vroegste 10 kalenderdagen na de aanvraag en beslist binnen 3 "
            "maanden. Dit is een mogelijkheid, geen verplichting. Beëindigt de werkgever "
            "eenzijdig, dan volgt een melding aan het RIZIV binnen 45 dagen en een bijdrage van "
            "€ 1.800 aan het Terug Naar Werk-fonds. Aangekondigd maar te bevestigen: start al "
            "na 6 maanden.",
            "medische_overmacht", [*bridged, *month_reasons]))

    return tuple(sorted(milestones, key=lambda m: (m.due, _ORDER.get(m.key, 99))))


# ---------------------------------------------------------------------------
# 2. Trajectory deadlines and decisions

_DECISION_LABELS = {
    Decision.A: "Beslissing A – op termijn hervatten, intussen aangepast of ander werk",
    Decision.B: "Beslissing B – definitief ongeschikt, wel aangepast of ander werk",
    Decision.C: "Beslissing C – re-integratiebeoordeling (voorlopig) niet mogelijk",
}

_DECISION_EXPLANATIONS = {
    Decision.A: (
        "De werknemer zal het overeengekomen werk op termijn kunnen hervatten, eventueel met "
        "een aanpassing van de werkpost, en kan intussen aangepast of ander werk doen. Het "
        "formulier voor de re-integratiebeoordeling vermeldt de voorwaarden en modaliteiten. "
        "De werkgever maakt binnen 63 kalenderdagen na ontvangst van het formulier een "
        "re-integratieplan op, of een gemotiveerd verslag als dat niet mogelijk is."
    ),
    Decision.B: (
        "De werknemer is definitief ongeschikt voor het overeengekomen werk, maar kan wel "
        "aangepast of ander werk doen; het formulier vermeldt de voorwaarden en modaliteiten. "
        "De werknemer kan één keer beroep aantekenen, binnen 21 kalenderdagen, aangetekend "
        "bij de arts-sociaal inspecteur én bij de werkgever. De werkgever maakt binnen 6 "
        "maanden een re-integratieplan op, of een gemotiveerd verslag als dat niet mogelijk "
        "is; het vertrekpunt van die 6 maanden is te bevestigen."
    ),
    Decision.C: (
        "Om medische redenen is het (voorlopig) niet mogelijk een re-integratiebeoordeling te "
        "doen, bijvoorbeeld omdat nog onduidelijk is of de werknemer tijdelijk of definitief "
        "ongeschikt is, of omdat hij nog in behandeling is. Er volgt géén re-integratieplan. "
        "Wat daarna gebeurt (herbeoordeling door de arbeidsarts, wanneer de werkgever opnieuw "
        "een traject kan aanvragen) is te bevestigen: de bronnen van het feitenblad zeggen er "
        "niets over. IDEWE vermeldt dat ten vroegste na drie maanden een nieuw traject kan "
        "starten, tenzij de arbeidsarts goede redenen heeft om daarvan af te wijken."
    ),
}


def decision_label(decision: Decision | str) -> str:
    return Decision(decision).label


def decision_explanation(decision: Decision | str) -> str:
    """Dutch explanation of decision A, B or C (regime since 1 October 2022)."""
    return Decision(decision).explanation


def trajectory_deadlines(
    *,
    request_received: date,
    assessment_received: date | None = None,
    decision: Decision | str | None = None,
    plan_delivered: date | None = None,
    appeal_decision_received: date | None = None,
) -> dict[str, Deadline]:
    """Deadlines of a formal re-integration trajectory (regime since 1/10/2022).

    ``request_received``: date the occupational physician received the
    request; ``assessment_received``: date the employer received the
    re-integration assessment form (FRB) with ``decision``;
    ``plan_delivered``: date the plan was handed to the employee;
    ``appeal_decision_received``: date the appeal decision was received
    (decision B only).

    Keys that apply: ``beoordeling`` (49 days), ``beroep`` (B: 21 days),
    ``plan`` (A: 63 days; B: 6 months, starting point "te bevestigen"; the due
    date is the earliest candidate), ``nieuw_traject_na_c`` (C, unconfirmed),
    ``instemming_werknemer`` (14 days after the plan is delivered).

    For trajectories started from 1 January 2026 every term is flagged: the
    fact sheet assumes but does not confirm that RIT 3.0 kept them.
    Raises ``ValueError`` for trajectories requested before 1 October 2022
    (other terms, partly in working days) and for inconsistent input.
    """
    if request_received < RIT_2022:
        raise ValueError("trajecten van vóór 1 oktober 2022 volgen andere termijnen")
    dec = Decision(decision) if decision is not None else None
    if dec is not None and assessment_received is None:
        raise ValueError("een beslissing vereist de datum van ontvangst van het formulier")
    if assessment_received is not None and assessment_received < request_received:
        raise ValueError("het formulier kan niet vóór het verzoek ontvangen zijn")
    if plan_delivered is not None:
        if dec is Decision.C:
            raise ValueError("na beslissing C volgt geen re-integratieplan")
        if assessment_received is not None and plan_delivered < assessment_received:
            raise ValueError("het plan kan niet vóór het formulier bezorgd zijn")
    if appeal_decision_received is not None and dec is not Decision.B:
        raise ValueError("beroep is enkel mogelijk tegen beslissing B")

    rit3 = [_REASON_RIT3_TERMS] if request_received >= RIT_2026 else []
    out: dict[str, Deadline] = {}

    out["beoordeling"] = _make(
        "beoordeling", request_received + timedelta(days=49),
        "Uiterste datum re-integratiebeoordeling",
        "De preventieadviseur-arbeidsarts doet de re-integratiebeoordeling binnen 49 "
        f"kalenderdagen na ontvangst van het verzoek ({_nl(request_received)}), te tellen "
        "vanaf de dag na ontvangst.",
        "beoordeling_49_dagen", rit3)

    if dec is Decision.A:
        assert assessment_received is not None
        out["plan"] = _make(
            "plan", assessment_received + timedelta(days=63),
            "Uiterste datum re-integratieplan (beslissing A)",
            "Bij beslissing A maakt de werkgever binnen 63 kalenderdagen na ontvangst van het "
            f"formulier ({_nl(assessment_received)}) een re-integratieplan op, in overleg met de "
            "werknemer en de arbeidsarts. Kan dat niet, dan bezorgt hij een gemotiveerd verslag "
            "aan de werknemer en de arbeidsarts (termijn vermoedelijk dezelfde, te bevestigen).",
            "plan_beslissing_a", rit3)
    elif dec is Decision.B:
        assert assessment_received is not None
        appeal_due = assessment_received + timedelta(days=21)
        out["beroep"] = _make(
            "beroep", appeal_due, "Uiterste datum beroep werknemer (beslissing B)",
            "De werknemer kan binnen 21 kalenderdagen na ontvangst van beslissing B één keer "
            "beroep aantekenen met een aangetekende brief aan de arts-sociaal inspecteur van "
            "Toezicht op het Welzijn op het Werk én aan de werkgever. De beroepsbeslissing volgt "
            "binnen 42 kalenderdagen na ontvangst van het beroep. Beroep kan niet tegen de "
            "voorwaarden en modaliteiten.",
            "beroep_21_dagen", rit3)
        if appeal_decision_received is not None:
            plan_due, month_reasons = _months_after(appeal_decision_received, 6)
            basis = (f"Er werd beroep aangetekend: de app rekent 6 maanden vanaf de ontvangst van "
                     f"de beroepsbeslissing ({_nl(appeal_decision_received)}).")
        else:
            plan_due, month_reasons = _months_after(assessment_received, 6)
            later, _ = _months_after(appeal_due, 6)
            basis = (f"De app toont veiligheidshalve de vroegste datum: 6 maanden na ontvangst "
                     f"van het formulier ({_nl(assessment_received)}). Loopt de termijn pas na "
                     f"het einde van de beroepstermijn, dan is het {_nl(later)}; na een beroep "
                     "loopt hij vanaf de ontvangst van de beroepsbeslissing.")
        out["plan"] = _make(
            "plan", plan_due, "Uiterste datum re-integratieplan (beslissing B)",
            "Bij beslissing B maakt de werkgever binnen 6 maanden een re-integratieplan op, of "
            "een gemotiveerd verslag als dat niet mogelijk is. " + basis,
            "plan_beslissing_b", [*rit3, *month_reasons])
    elif dec is Decision.C:
        assert assessment_received is not None
        again, month_reasons = _months_after(assessment_received, 3)
        out["nieuw_traject_na_c"] = _make(
            "nieuw_traject_na_c", again, "Mogelijk opnieuw een traject aanvragen (na beslissing C)",
            "Na beslissing C volgt geen re-integratieplan. Volgens IDEWE kan ten vroegste na "
            "drie maanden een nieuw traject starten, tenzij de arbeidsarts goede redenen heeft "
            "om daarvan af te wijken; de app rekent vanaf de ontvangst van het formulier.",
            "nieuw_traject_na_c", [*rit3, *month_reasons])

    if plan_delivered is not None:
        out["instemming_werknemer"] = _make(
            "instemming_werknemer", plan_delivered + timedelta(days=14),
            "Uiterste datum reactie werknemer op het plan",
            "De werknemer heeft 14 kalenderdagen na ontvangst van het plan "
            f"({_nl(plan_delivered)}) om het te ondertekenen voor akkoord of de redenen van "
            "weigering te vermelden. Reageert hij niet, dan contacteert de werkgever hem; "
            "opnieuw geen reactie geldt als weigering.",
            "instemming_werknemer_14_dagen", rit3)
    return out


# ---------------------------------------------------------------------------
# 3. Who may start a trajectory


def _regime(request_date: date) -> str:
    if request_date < RIT_2016:
        raise ValueError("het re-integratietraject bestaat sinds 1 december 2016")
    if request_date < RIT_2022:
        return "2016"
    if request_date < RIT_2026:
        return "2022"
    return "2026"


_REGIME_LABELS = {
    "2016": "RIT 2016 (1/12/2016 – 30/9/2022)",
    "2022": "RIT 2.0 (1/10/2022 – 31/12/2025)",
    "2026": "RIT 3.0 (sinds 1/1/2026)",
}


def employer_may_start(
    absence_start: date,
    request_date: date,
    *,
    consent: bool = False,
    certificate_received: date | None = None,
    work_potential_found: date | None = None,
    resumptions: Iterable[Resumption] = (),
) -> StartRule:
    """May the employer request a formal trajectory on ``request_date``?

    The regime follows the date of the request (RIT 3.0 applies to
    trajectories started from 1 January 2026, whatever the absence start):

    * 1/10/2022 – 31/12/2025: after 3 months of uninterrupted incapacity (a
      resumption of less than 14 days does not interrupt), or as soon as the
      employee delivered a certificate of definitive incapacity from the
      treating physician (``certificate_received``).
    * since 1/1/2026: from day 1 with the employee's ``consent``, or once the
      occupational physician found work potential (``work_potential_found``,
      the assessment the employer must ask for after 8 weeks); in that case
      the employer must request it at the latest 6 months after the start.
    * 1/12/2016 – 30/9/2022: after 4 months (unconfirmed details).
    """
    if request_date < absence_start:
        raise ValueError("het verzoek kan niet vóór het begin van de afwezigheid vallen")
    regime = _regime(request_date)
    res = _normalise_resumptions(absence_start, (r for r in resumptions if r[0] <= request_date))
    running = _running_period(absence_start, res)
    rs = running.start
    bridged = [_REASON_SHORT_RESUMPTION_COUNTED] if running.bridged else []

    def result(allowed: bool, earliest: date | None, latest: date | None, explanation: str,
               rule_key: str, reasons: list[str]) -> StartRule:
        r = rule(rule_key)
        all_reasons = ([] if r.confirmed else [r.note]) + [x for x in reasons if x]
        assert r.effective_from is not None
        return StartRule(allowed, earliest, latest, _REGIME_LABELS[regime], explanation,
                         r.source, r.effective_from, not all_reasons,
                         " ".join(dict.fromkeys(all_reasons)) or None)

    if regime == "2016":
        earliest, month_reasons = _months_after(rs, 4)
        allowed = request_date >= earliest
        return result(
            allowed, earliest, None,
            "Oude regeling (verzoek vóór 1 oktober 2022): de werkgever kon een traject aanvragen "
            f"na 4 maanden arbeidsongeschiktheid, dus vanaf {_nl(earliest)}.",
            "werkgever_start_2016", [*bridged, *month_reasons])

    if regime == "2022":
        three_months, month_reasons = _months_after(rs, 3)
        if certificate_received is not None and certificate_received <= request_date:
            return result(
                True, max(certificate_received, absence_start), None,
                "De werknemer bezorgde een attest van definitieve ongeschiktheid van de "
                f"behandelend arts ({_nl(certificate_received)}): de werkgever mag het traject "
                "vanaf dan aanvragen, ook vóór 3 maanden. Zonder attest kon dat vanaf "
                f"{_nl(three_months)} (3 maanden ononderbroken ongeschiktheid).",
                "werkgever_start_2022", [])
        allowed = request_date >= three_months
        return result(
            allowed, three_months, None,
            "Tot eind 2025 mag de werkgever een re-integratietraject aanvragen na 3 maanden "
            "ononderbroken arbeidsongeschiktheid (een hervatting van minder dan 14 dagen "
            f"onderbreekt niet), hier vanaf {_nl(three_months)}, of vroeger zodra de werknemer "
            "een attest van definitieve ongeschiktheid van de behandelend arts bezorgt."
            + ("" if allowed else " Op de datum van het verzoek is dat nog niet het geval."),
            "werkgever_start_2022", [*bridged, *month_reasons])

    # RIT 3.0
    latest, month_reasons = _months_after(rs, 6)
    latest_reasons = list(month_reasons)
    if rs < RIT_2026:
        latest_reasons.append(_REASON_RIT3_OLD_ABSENCE)
    if res:
        latest_reasons.append(_REASON_RESUMPTION_ANALOGY)
    assessment = rs + timedelta(weeks=8)
    obligation = (
        f"Stelt de arbeidsarts arbeidspotentieel vast, dan moet de werkgever het traject "
        f"uiterlijk op {_nl(latest)} aanvragen (6 maanden na het begin).")
    if consent:
        return result(
            True, absence_start, None,
            "Sinds 1 januari 2026 mag de werkgever een re-integratietraject aanvragen vanaf de "
            "eerste dag van de arbeidsongeschiktheid, mits de werknemer instemt.",
            "werkgever_start_2026", [])
    if work_potential_found is not None and work_potential_found <= request_date:
        return result(
            True, max(work_potential_found, absence_start), latest,
            "De arbeidsarts stelde arbeidspotentieel vast "
            f"({_nl(work_potential_found)}): de werkgever mag het traject zonder instemming van "
            "de werknemer aanvragen. " + obligation,
            "werkgever_start_2026", latest_reasons)
    reasons: list[str] = []
    if certificate_received is not None or request_date >= add_months(rs, 3):
        reasons.append(
            "Of de vroegere routes (na 3 maanden ongeschiktheid of met een attest van "
            "definitieve ongeschiktheid) onder RIT 3.0 nog bestaan, staat niet in het "
            "feitenblad.")
    return result(
        False, None, None,
        "Sinds 1 januari 2026 mag de werkgever een re-integratietraject aanvragen met "
        "instemming van de werknemer (vanaf dag 1), of zonder instemming zodra de arbeidsarts "
        "in een inschatting arbeidspotentieel vaststelt. Die inschatting moet de werkgever "
        f"vragen na 8 weken ongeschiktheid (vanaf {_nl(assessment)}). " + obligation,
        "werkgever_start_2026", reasons)


def who_may_start(request_date: date) -> tuple[InitiatorRule, ...]:
    """Who may ask the occupational physician to start a trajectory on that date."""
    regime = _regime(request_date)

    def make(initiator: Initiator, may: bool, condition: str, rule_key: str) -> InitiatorRule:
        r = rule(rule_key)
        assert r.effective_from is not None
        return InitiatorRule(initiator, may, condition, r.source, r.effective_from,
                             r.confirmed, None if r.confirmed else r.note)

    if regime == "2016":
        employer = make(Initiator.WERKGEVER, True,
                        "Na 4 maanden arbeidsongeschiktheid.", "werkgever_start_2016")
    elif regime == "2022":
        employer = make(Initiator.WERKGEVER, True,
                        "Na 3 maanden ononderbroken arbeidsongeschiktheid (hervatting van "
                        "minder dan 14 dagen onderbreekt niet), of zodra de werknemer een "
                        "attest van definitieve ongeschiktheid van de behandelend arts bezorgt.",
                        "werkgever_start_2022")
    else:
        employer = make(Initiator.WERKGEVER, True,
                        "Vanaf dag 1 met instemming van de werknemer, of zonder instemming "
                        "zodra de arbeidsarts arbeidspotentieel vaststelt (inschatting te vragen "
                        "na 8 weken); dan verplicht uiterlijk 6 maanden na het begin.",
                        "werkgever_start_2026")
    if regime == "2016":
        advisory = InitiatorRule(
            Initiator.ADVISEREND_ARTS, True,
            "Kon tot 30 september 2022 een traject starten.",
            _SRC_RIT_2016, RIT_2016, False,
            "Het feitenblad vermeldt enkel dat de adviserend arts sinds 1 oktober 2022 geen "
            "traject meer kan starten; de voorwaarden van vóór die datum zijn niet nagekeken.")
    else:
        advisory = make(Initiator.ADVISEREND_ARTS, False,
                        "Kan sinds 1 oktober 2022 geen traject meer starten; blijft betrokken en "
                        "kan doorverwijzen of adviseren.", "initiatief_adviserend_arts")
    return (
        make(Initiator.WERKNEMER, True,
             "Vanaf de eerste dag van de arbeidsongeschiktheid, ongeacht de duur; schriftelijk "
             "verzoek aan de preventieadviseur-arbeidsarts.", "initiatief_werknemer"),
        make(Initiator.BEHANDELEND_ARTS, True,
             "Vanaf de eerste dag, mits instemming van de werknemer.",
             "initiatief_behandelend_arts"),
        employer,
        advisory,
    )


# ---------------------------------------------------------------------------
# 4. Relapse (herval)


def _relapse_days(new_start: date) -> tuple[int, str]:
    if new_start >= RIT_2026:
        return RELAPSE_DAYS_SINCE_2026, "herval_8_weken"
    return RELAPSE_DAYS_BEFORE_2026, "herval_14_dagen"


_RELAPSE_MEANING = (
    "Het is enkel een herval als het medisch attest dezelfde ziekte of hetzelfde ongeval "
    "vermeldt; dan is geen nieuw gewaarborgd loon verschuldigd, enkel het saldo. Bij een "
    "andere ziekte loopt een nieuw gewaarborgd loon."
)
_REASON_RELAPSE_TRANSITION = (
    "De werknemer hervatte vóór 1 januari 2026 en werd in 2026 opnieuw ongeschikt, meer dan "
    "14 dagen na de hervatting. Of dan de oude termijn (14 dagen) of de nieuwe (8 weken) "
    "geldt, staat niet in het feitenblad."
)
_REASON_RELAPSE_BOUNDARY = (
    "De nieuwe ongeschiktheid begint precies op de grensdag. Het feitenblad zegt 'binnen … na "
    "hervatting', een bron rekent vanaf het einde van de vorige ongeschiktheid: de exacte "
    "grensdag is te bevestigen."
)


def relapse_window(previous_return: date) -> RelapseWindow:
    """Dates on which a new incapacity would be a possible relapse.

    ``previous_return`` is the first day back at work.  The window runs from
    that day up to 14 days (relapse before 2026) or 8 weeks (relapse from
    1 January 2026) after the end of the previous incapacity, i.e. a work
    period of less than 14 days / 8 weeks.  The regime follows the date of the
    new incapacity; for a return in late 2025 the window is shown up to the
    8-week limit, flagged "te bevestigen".
    """
    short_last = previous_return + timedelta(days=RELAPSE_DAYS_BEFORE_2026 - 1)
    long_last = previous_return + timedelta(days=RELAPSE_DAYS_SINCE_2026 - 1)
    if long_last < RIT_2026:
        r, last, reason = rule("herval_14_dagen"), short_last, None
        weeks = "14 dagen"
    elif previous_return >= RIT_2026:
        r, last, reason = rule("herval_8_weken"), long_last, None
        weeks = "8 weken"
    else:
        r, last, weeks = rule("herval_8_weken"), long_last, "8 weken"
        reason = (
            f"Hervatting vóór 2026: een nieuwe ongeschiktheid vóór 1 januari 2026 is enkel een "
            f"herval tot en met {_nl(short_last)} (14 dagen). Of een nieuwe ongeschiktheid "
            "vanaf 1 januari 2026 na een hervatting in 2025 onder de oude termijn (14 dagen) of "
            "de nieuwe (8 weken) valt, staat niet in het feitenblad; de app toont de ruimste "
            "periode.")
    assert r.effective_from is not None
    return RelapseWindow(
        previous_return, previous_return, last,
        f"Een nieuwe arbeidsongeschiktheid die begint van {_nl(previous_return)} tot en met "
        f"{_nl(last)} (binnen {weeks} na de hervatting) is een mogelijk herval. "
        + _RELAPSE_MEANING,
        r.source, r.effective_from, reason is None, reason)


def is_possible_relapse(previous_return: date, new_start: date) -> RelapseCheck:
    """Is a new incapacity starting on ``new_start`` a possible relapse?

    ``previous_return`` is the first day back at work after the previous
    incapacity.  Before 2026 the new incapacity must start within 14 days,
    since 1 January 2026 within 8 weeks (fact sheet §4.2).  Only the same
    illness makes it a real relapse; the app cannot know that.
    """
    if new_start < previous_return:
        raise ValueError("de nieuwe ongeschiktheid begint vóór de hervatting")
    days, rule_key = _relapse_days(new_start)
    r = rule(rule_key)
    offset = (new_start - previous_return).days
    last = previous_return + timedelta(days=days - 1)
    possible = offset < days
    reasons: list[str] = []
    if offset == days:
        reasons.append(_REASON_RELAPSE_BOUNDARY)
    if (new_start >= RIT_2026 and previous_return < RIT_2026
            and RELAPSE_DAYS_BEFORE_2026 <= offset <= RELAPSE_DAYS_SINCE_2026):
        reasons.append(_REASON_RELAPSE_TRANSITION)
    term = "8 weken" if days == RELAPSE_DAYS_SINCE_2026 else "14 dagen"
    if possible:
        text = (f"De nieuwe ongeschiktheid ({_nl(new_start)}) begint binnen {term} na de "
                f"hervatting ({_nl(previous_return)}). ")
    else:
        text = (f"De nieuwe ongeschiktheid ({_nl(new_start)}) begint meer dan {term} na de "
                f"hervatting ({_nl(previous_return)}): geen herval, een nieuw gewaarborgd loon "
                "is verschuldigd. ")
    assert r.effective_from is not None
    return RelapseCheck(
        possible, previous_return, new_start, last,
        text + (_RELAPSE_MEANING if possible else ""),
        r.source, r.effective_from, not reasons, " ".join(reasons) or None)


# ---------------------------------------------------------------------------
# 5. Aftercare


def aftercare_period(absence_start: date, return_date: date) -> AftercarePeriod:
    """Suggested aftercare period: half of the absence, starting on the return.

    The absence lasted ``return_date - absence_start`` days; the aftercare
    lasts half of that, rounded up, from ``return_date`` (inclusive).
    """
    absence_days = (return_date - absence_start).days
    if absence_days <= 0:
        raise ValueError("de hervatting moet na het begin van de afwezigheid vallen")
    days = ceil(absence_days / 2)
    end = return_date + timedelta(days=days - 1)
    r = rule("nazorg_helft")
    return AftercarePeriod(
        return_date, end,
        f"De afwezigheid duurde {absence_days} dagen. Vuistregel: de nazorgperiode duurt de "
        f"helft daarvan ({days} dagen), van {_nl(return_date)} tot en met {_nl(end)}. Blijf in "
        "die periode contact houden, vraag na of aanpassingen nog werken en let op signalen van "
        "nieuwe uitval.",
        r.source, r.note)
