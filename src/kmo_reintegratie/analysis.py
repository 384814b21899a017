"""Absence figures: the formulas, in plain Dutch, over aggregates from the store.

Pure: the store aggregates in SQLite (hours, counts, sums per group) and hands
the totals in; this module turns them into figures with their formula and
inputs, and says when too few people or spells are behind a figure for it to
mean much.

Conventions (shown to the user):
* Absence percentage counts in **working days** (Monday to Friday, Belgian
  public holidays excluded), weighted by each employee's working-time regime
  on that day (hours per week / 5 per working day), only while in service.
  A partial return lowers the absent share from its start.
* Durations count **calendar days**, the first day of absence being day 1.
* Bradford factor: S² × D over the 52 weeks up to the end of the period,
  S = number of spells, D = absent calendar days in those 52 weeks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.absence import Absence

MIN_EMPLOYEES = 20
MIN_SPELLS = 10
SHORT_SPELL_DAYS = 30  # "≤ 1 month"
DEFAULT_BRADFORD_THRESHOLD = 125
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")


@record
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError("Het einde van de periode ligt vóór het begin.")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous_year(self) -> "Period":
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1))

    def label(self) -> str:
        return f"{self.start:%d-%m-%Y} – {self.end:%d-%m-%Y}"

    def counted_until(self, today: date) -> date | None:
        """The last day with figures when the period runs past ``today``; None otherwise.

        Nothing is known about days after today, so a title saying "01-01 – 31-12" must add
        "cijfers tot en met <today>" whenever this is not None.
        """
        return today if self.start <= today < self.end else None


def _shift_year(d: date, years: int) -> date:
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 29 February
        return d.replace(year=d.year + years, day=28)


def month_period(year: int, month: int) -> Period:
    start = date(year, month, 1)
    following = date(year + (month == 12), month % 12 + 1, 1)
    return Period(start, following - timedelta(days=1))


def quarter_period(year: int, quarter: int) -> Period:
    first = month_period(year, 3 * quarter - 2)
    last = month_period(year, 3 * quarter)
    return Period(first.start, last.end)


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31))


@record
class Aggregates:
    """What the store aggregated for one period and selection."""

    contractual_hours: float = 0.0
    absent_hours: float = 0.0
    employees: int = 0  # employees in service at some point in the period
    employees_with_absence: int = 0
    average_headcount: float = 0.0  # sum of days in service / period days
    spells_started: int = 0
    spells_overlapping: int = 0
    ended_spells: int = 0
    ended_spell_days: int = 0
    short_spells: int = 0  # started in the period, ≤ 30 days (or still running but ≤ 30 so far)
    long_spells: int = 0
    weekday_starts: tuple[int, ...] = (0, 0, 0, 0, 0, 0, 0)


@record
class Figure:
    key: str
    title: str
    value: float | None
    display: str
    formula: str
    inputs: tuple[tuple[str, str], ...]
    employees: int
    spells: int

    @property
    def caution(self) -> str:
        """Why the figure may mean little, or ""."""
        reasons = []
        if self.employees < MIN_EMPLOYEES:
            reasons.append(_few(self.employees, "werknemer", "werknemers"))
        if self.spells < MIN_SPELLS:
            reasons.append(_few(self.spells, "afwezigheidsperiode", "afwezigheidsperiodes"))
        if not reasons:
            return ""
        return "Voorzichtig: " + " en ".join(reasons) + " achter dit cijfer; kleine aantallen schommelen sterk."

    @property
    def short_caution(self) -> str:
        """The caution in a few words, for a card with the counts already next to it; or ""."""
        few_people, few_spells = self.employees < MIN_EMPLOYEES, self.spells < MIN_SPELLS
        if few_people and few_spells:
            return "⚠ Voorzichtig: weinig werknemers en periodes"
        if few_people:
            return "⚠ Voorzichtig: weinig werknemers"
        if few_spells:
            return "⚠ Voorzichtig: weinig periodes"
        return ""


def format_number(value: float | None, decimals: int = 0) -> str:
    """A number as Belgians write it: "50.634", "1.234,5"; "–" for no value.

    The one formatter for figures in the window and in every PDF of the analysis.
    """
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def format_percent(value: float | None, decimals: int = 1) -> str:
    """ "20,3 %"; "–" for no value."""
    return "–" if value is None else format_number(value, decimals) + " %"


def count_words(n: int, singular: str, plural: str) -> str:
    """ "1 werknemer", "12 werknemers", "1.204 werknemers": never "werknemer(s)"."""
    return f"{format_number(n)} {singular if n == 1 else plural}"


def _few(n: int, singular: str, plural: str) -> str:
    return f"geen {plural}" if n == 0 else "slechts " + count_words(n, singular, plural)


def _pct(value: float | None) -> str:
    return format_percent(value)


def _num(value: float | None, decimals: int = 1) -> str:
    return format_number(value, decimals)


def figures(agg: Aggregates, period: Period) -> list[Figure]:
    """The headline figures with their formula and inputs."""
    n, s = agg.employees, agg.spells_overlapping
    pct = 100 * agg.absent_hours / agg.contractual_hours if agg.contractual_hours else None
    years = period.days / 365.25
    frequency = agg.spells_started / agg.average_headcount / years if agg.average_headcount and years else None
    duration = agg.ended_spell_days / agg.ended_spells if agg.ended_spells else None
    without = 100 * (agg.employees - agg.employees_with_absence) / agg.employees if agg.employees else None
    classified = agg.short_spells + agg.long_spells
    short_share = 100 * agg.short_spells / classified if classified else None
    return [
        Figure(
            "afwezigheidspercentage", "Afwezigheidspercentage", pct, _pct(pct),
            "afwezige arbeidsuren ÷ contractuele arbeidsuren × 100, in werkdagen (ma–vr zonder "
            "feestdagen), volgens het arbeidsregime van elke werknemer en enkel in dienst",
            (("Afwezige arbeidsuren", _num(agg.absent_hours, 0)),
             ("Contractuele arbeidsuren", _num(agg.contractual_hours, 0))),
            n, s,
        ),
        Figure(
            "frequentie", "Frequentie", frequency, _num(frequency, 2) + " per werknemer per jaar",
            "nieuwe afwezigheidsperiodes in de periode ÷ gemiddeld aantal werknemers ÷ lengte van de periode in jaren",
            (("Nieuwe periodes", _num(agg.spells_started, 0)),
             ("Gemiddeld aantal werknemers", _num(agg.average_headcount, 1)),
             ("Periode in jaren", _num(years, 2))),
            n, s,
        ),
        Figure(
            "gemiddelde_duur", "Gemiddelde duur van afgelopen periodes", duration,
            _num(duration) + " kalenderdagen",
            "som van de kalenderdagen van de periodes die in deze periode eindigden ÷ hun aantal",
            (("Afgelopen periodes", _num(agg.ended_spells, 0)),
             ("Kalenderdagen samen", _num(agg.ended_spell_days, 0))),
            n, agg.ended_spells,
        ),
        Figure(
            "kort_lang", "Korte periodes (≤ 1 maand)", short_share,
            f"{_pct(short_share)} van de periodes ({_num(agg.short_spells, 0)} kort, "
            f"{_num(agg.long_spells, 0)} lang)",
            "periodes die in de periode begonnen, ingedeeld naar duur: kort is hoogstens 30 kalenderdagen "
            "(een lopende afwezigheid telt met haar duur tot vandaag)",
            (("Kort", _num(agg.short_spells, 0)), ("Lang", _num(agg.long_spells, 0))),
            n, classified,
        ),
        Figure(
            "zonder_afwezigheid", "Werknemers zonder afwezigheid", without, _pct(without),
            "werknemers in dienst zonder enige afwezigheid in de periode ÷ alle werknemers in dienst × 100",
            (("Zonder afwezigheid", _num(agg.employees - agg.employees_with_absence, 0)),
             ("Werknemers in dienst", _num(agg.employees, 0))),
            n, s,
        ),
    ]


def weekday_distribution(agg: Aggregates) -> list[tuple[str, int]]:
    return list(zip(WEEKDAYS, agg.weekday_starts))


def bradford(spells: int, days: int) -> int:
    """S² × D."""
    return spells * spells * days


def bradford_window(period: Period, today: date | None = None) -> Period:
    """The rolling 52 weeks up to the end of the period, or up to today if that is earlier.

    Days after today hold no absences yet; counting them would shrink the window.
    """
    end = min(period.end, today) if today is not None else period.end
    end = max(end, period.start)
    return Period(end - timedelta(weeks=52) + timedelta(days=1), end)


@record
class BradfordRow:
    employee_id: int
    name: str
    department: str
    spells: int
    days: int

    @property
    def score(self) -> int:
        return bradford(self.spells, self.days)


BRADFORD_NOTE = (
    "De Bradford-factor weegt veel korte afwezigheden zwaarder dan één lange. Een hoge score is een "
    "aanleiding voor een gesprek over hoe het gaat en wat kan helpen — geen oordeel, en nooit een reden "
    "om naar de oorzaak of een diagnose te vragen. De lijst toont enkel wie vandaag in dienst is."
)
ADVICE_TALK = "gesprek aangewezen"
#: Why the list does not advise a talk for everyone above the threshold (printed under it).
BRADFORD_EXCEPTIONS = (
    "Niet iedereen boven de drempel krijgt een gesprek voorgesteld. Wie vandaag afwezig is, volgt u "
    "op via de contactafspraken en bereidt u voor op de terugkeer; wie vroeg om geen contact, "
    "contacteert u daarvoor niet. Komt de score van één afwezigheid, of vooral van één van meer "
    "dan een maand (zonder die afwezigheid bleef de score onder de drempel), dan is er geen "
    "patroon van korte afwezigheden om over te praten."
)


@record
class BradfordContext:
    """What the list must know about a person beyond the counts, to advise well."""

    #: Calendar days of the longest absence in the 52 weeks (a relapse counts with the absence
    #: it relapses from: together they are one illness, not a pattern).
    longest: int = 0
    absent_today: bool = False
    expected_return: date | None = None
    #: The contact agreement of today's absence says the employee asked for no contact.
    no_contact: bool = False


def bradford_advice(row: "BradfordRow", threshold: int, context: BradfordContext | None) -> str:
    """What the list says next to ``row``: "" below the threshold, else a talk or why not."""
    if row.score < threshold:
        return ""
    context = context or BradfordContext()
    if context.no_contact:
        return "vroeg geen contact: geen gesprek voorstellen"
    if context.absent_today:
        if context.expected_return is not None:
            return (
                f"nu afwezig, terug verwacht op {context.expected_return:%d-%m-%Y}: de terugkeer "
                "voorbereiden in plaats van een gesprek"
            )
        return "nu afwezig: contact volgens de afspraken, geen gesprek over de score"
    if row.spells <= 1:
        return (
            f"één afwezigheid van {count_words(row.days, 'dag', 'dagen')}: geen patroon van "
            "korte afwezigheden"
        )
    # Leaving out a short absence always lowers S² a lot: only a long one can "explain" a score.
    longest = min(context.longest, row.days)
    if longest > SHORT_SPELL_DAYS and bradford(row.spells - 1, row.days - longest) < threshold:
        return (
            f"vooral één lange afwezigheid ({count_words(longest, 'dag', 'dagen')}): geen patroon "
            "van korte afwezigheden"
        )
    return ADVICE_TALK


def bradford_contexts(
    rows: Iterable["BradfordRow"], absences: Iterable["Absence"], window: "Period", today: date
) -> dict[int, BradfordContext]:
    """The context of each row's employee, from all their absences (any order)."""
    wanted = {row.employee_id for row in rows}
    by_id = {a.id: a for a in absences if a.employee_id in wanted}

    def root(absence: "Absence") -> int:
        seen = {absence.id}
        while absence.relapse_of in by_id and absence.relapse_of not in seen:
            absence = by_id[absence.relapse_of]
            seen.add(absence.id)
        return absence.id

    chains: dict[tuple[int, int], int] = {}
    current: dict[int, "Absence"] = {}
    for absence in by_id.values():
        last = min(absence.last_day() or today, today, window.end)
        first = max(absence.starts, window.start)
        if last >= first:
            key = (absence.employee_id, root(absence))
            chains[key] = chains.get(key, 0) + (last - first).days + 1
        if absence.is_open(today):
            current[absence.employee_id] = absence
    longest_of: dict[int, int] = {}
    for (employee_id, _root), days in chains.items():
        longest_of[employee_id] = max(longest_of.get(employee_id, 0), days)
    contexts = {}
    for employee_id in wanted:
        longest = longest_of.get(employee_id, 0)
        now = current.get(employee_id)
        agreement = now.agreement_on(today) if now is not None else None
        expected = now.expected_end if now is not None else None
        contexts[employee_id] = BradfordContext(
            longest=longest,
            absent_today=now is not None,
            expected_return=expected if expected is not None and expected > today else None,
            no_contact=agreement is not None and agreement.no_contact,
        )
    return contexts


@record
class MonthPoint:
    year: int
    month: int
    percentage: float | None
    employees: int  # in service at some time in the month
    spells: int = 0  # absences that began in the month

    def caution(self) -> bool:
        """Too few people or absences behind this month's figure for it to mean much."""
        return self.employees < MIN_EMPLOYEES or self.spells < MIN_SPELLS


@record
class AnalysisResult:
    period: Period
    department: str | None
    figures: list[Figure]
    weekday: list[tuple[str, int]]
    trend: list[MonthPoint]  # months of the period
    trend_previous: list[MonthPoint]  # the same months one year earlier
    departments: list[tuple[str, float | None, int]]  # name, percentage, employees
    bradford: list[BradfordRow] = field(default_factory=list)
    bradford_threshold: int = DEFAULT_BRADFORD_THRESHOLD
    #: The 52 weeks the Bradford scores cover (None: the 52 weeks up to the period's end).
    bradford_span: Period | None = None
    #: Per employee id, what the advice next to a score must take into account (may be empty:
    #: then everyone above the threshold reads "gesprek aangewezen").
    bradford_context: Mapping[int, BradfordContext] = field(default_factory=dict)

    def bradford_period(self) -> Period:
        return self.bradford_span or bradford_window(self.period)

    def advice(self, row: BradfordRow) -> str:
        """See ``bradford_advice``, with this result's threshold."""
        return bradford_advice(row, self.bradford_threshold, self.bradford_context.get(row.employee_id))

    def above_threshold(self) -> list[BradfordRow]:
        return [row for row in self.bradford if row.score >= self.bradford_threshold]


def months_in(period: Period) -> list[tuple[int, int]]:
    months = []
    year, month = period.start.year, period.start.month
    while (year, month) <= (period.end.year, period.end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
