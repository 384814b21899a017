"""Constants and enumerations shared by every legal module: statutes, decisions, initiators.

The dates on which the regimes took effect are those of the fact sheet (``wetgeving.md`` §0).
Kinds of incapacity are plain strings equal to the values of ``absence.IncapacityKind``:
this package sits below ``absence`` (which imports :class:`Statute` from here), so it
cannot import that enum without a cycle.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

TE_BEVESTIGEN = "te bevestigen"
BEVESTIGD = "bevestigd"

# Dates on which the rules took effect (fact sheet §0).
RIT_2016 = date(2016, 12, 1)  # KB 28 oktober 2016
RIT_2022 = date(2022, 10, 1)  # KB 11 september 2022 ("RIT 2.0")
MEDICAL_FORCE_MAJEURE_2022 = date(2022, 11, 28)  # wet 30 oktober 2022
RIT_2026 = date(2026, 1, 1)  # wet + KB BS 30 december 2025 ("RIT 3.0")
UNIFIED_STATUTE_2014 = date(2014, 1, 1)  # eenheidsstatuut (reference date only)
# KB 28 mei 2003 (health surveillance), now Codex book I title 4: reference date only.
RETURN_EXAMINATION_REFERENCE = date(2003, 5, 28)

GUARANTEED_SALARY_DAYS = 30
ARBEIDER_FIRST_PARAGRAPH_DAYS = 14  # 100 % and 85,88 %: the days that anchor a relapse window
SHORT_RESUMPTION_DAYS = 14  # a resumption shorter than this does not interrupt
RELAPSE_DAYS_BEFORE_2026 = 14
RELAPSE_DAYS_SINCE_2026 = 8 * 7

# Values of absence.IncapacityKind (see the module docstring).
ZIEKTE = "ziekte"
ONGEVAL_PRIVE = "ongeval_prive"
ARBEIDSONGEVAL = "arbeidsongeval"
BEROEPSZIEKTE = "beroepsziekte"
#: Kinds covered by the work-accident or occupational-disease regime (Fedris): their own
#: return-to-work procedures come first, and a relapse gives a new guaranteed salary.
OCCUPATIONAL_KINDS = frozenset({ARBEIDSONGEVAL, BEROEPSZIEKTE})

_MONTHS_NL = (
    "januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december",
)
_WEEKDAYS_NL = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


def format_date_nl(d: date) -> str:
    """Format a date the Dutch way: ``2 maart 2026``."""
    return f"{d.day} {_MONTHS_NL[d.month - 1]} {d.year}"


def weekday_nl(d: date) -> str:
    """Dutch name of the weekday: ``maandag`` … ``zondag``."""
    return _WEEKDAYS_NL[d.weekday()]


def normalise_kind(kind: object) -> str | None:
    """``IncapacityKind.ARBEIDSONGEVAL`` or ``"arbeidsongeval"`` → ``"arbeidsongeval"``."""
    if kind is None:
        return None
    value = getattr(kind, "value", kind)
    return str(value).lower()


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
        return DECISION_LABELS[self]

    @property
    def explanation(self) -> str:
        return DECISION_EXPLANATIONS[self]


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


DECISION_LABELS = {
    Decision.A: "Beslissing A – op termijn hervatten, intussen aangepast of ander werk",
    Decision.B: "Beslissing B – definitief ongeschikt, wel aangepast of ander werk",
    Decision.C: "Beslissing C – re-integratiebeoordeling (voorlopig) niet mogelijk",
}

DECISION_EXPLANATIONS = {
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
        "De werknemer kan één keer beroep aantekenen, binnen 21 kalenderdagen na de dag "
        "waarop hij het formulier ontving, aangetekend bij de arts-sociaal inspecteur én bij "
        "de werkgever. De werkgever maakt binnen 6 maanden een re-integratieplan op, of een "
        "gemotiveerd verslag als dat niet mogelijk is; het vertrekpunt van die 6 maanden is "
        "te bevestigen."
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
