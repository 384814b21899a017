"""The yearly report on re-integration for the prevention committee: anonymised data only.

Every year the employer gives the comité voor preventie en bescherming op het werk (in a
company without one: the union delegation or the staff) globalised and anonymised elements
from the re-integration plans and motivated reports, and evaluates the re-integration
policy (Codex I.4-80 et seq.; see ``shared/domain/wetgeving.md`` §4.1).

Pure: plain inputs in, an ``AnnualReport`` out, no Qt and no SQL. What a caller may rely on:

* No name of a person is in the report: free texts pass ``strip_names``, which replaces
  every name of every person stored in the dossier as ``person_names`` finds them (parts,
  short forms, misspellings, e-mail addresses) and organisation-specific names as whole
  phrases, never an ordinary word ("team" stays when the external service is "Team
  Dendermonde"). Free text (refusal reasons, lessons) is printed only line by line as
  someone reviewed and approved it (``review_lines``; the command line approves none).
* Counts of people or trajectories from 1 to 4 never appear as a number: they read "< 5".
  In a group of categories that exclude each other (decision A/B/C …), small categories are
  merged into one row ("beslissing A, B of C: 7"); when that row would still be small, the
  smallest other category joins it, so a small number cannot be recovered by subtracting
  the shown rows from the total. When the whole group counts fewer than 5, every row reads
  "< 5" — zeros too, so a zero next to a small total does not tell which category the few
  people are in. A 0 on its own stays "0": nobody can be recognised in an empty category.
  A table whose rows would say nothing more than its total carries one honest sentence
  instead (``CountTable.sentence``).
* The reasons of the motivated reports (the legal grounds per kind of work) and, with fewer
  than 5 trajectories, the steps taken are listed without counts: the law asks for them.
* Absence figures are organisation-wide; a percentage per department only for departments
  with at least 5 employees and nobody or at least 5 people absent, the others merged into
  "overige afdelingen".
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from kmo_reintegratie.analysis import Aggregates, Figure, Period, figures, format_percent
from kmo_reintegratie.assessment import Action, ActionStatus, RoundData, Tally, Urgency, tally
from kmo_reintegratie.dates import long_date
from kmo_reintegratie.instrument import Instrument
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.person_names import Person, PersonNames
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    AdaptationKind,
    ReportGround,
    Response,
    Trajectory,
    TrajectoryKind,
)

ANONYMITY_THRESHOLD = 5
SMALL = f"< {ANONYMITY_THRESHOLD}"
PLACEHOLDER = "[werknemer]"
OTHER_DEPARTMENTS = "overige afdelingen"
ADDRESSEE = "comité voor preventie en bescherming op het werk"
ADDRESSEE_WITHOUT_COMMITTEE = (
    "In een onderneming zonder comité gaat dit verslag naar de vakbondsafvaardiging of, "
    "zonder vakbondsafvaardiging, rechtstreeks naar de werknemers."
)
# Absence figures that describe absence spells rather than the whole staff: hidden when
# fewer than 5 spells are behind them (one long absence is one recognisable person).
_SPELL_FIGURES = ("gemiddelde_duur", "kort_lang")


def count_text(n: int) -> str:
    """ "< 5" for 1 to 4, otherwise the number; 0 stays "0" (see the module docstring)."""
    return SMALL if 0 < n < ANONYMITY_THRESHOLD else str(n)


def join_or(labels: Sequence[str], conjunction: str = "of") -> str:
    """ "beslissing A", "beslissing B", "beslissing C" → "beslissing A, B of C"."""
    if len(labels) == 1:
        return labels[0]
    words = [label.split() for label in labels]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    prefix = " ".join(words[0][:common])
    rests = [" ".join(w[common:]) for w in words]
    joined = ", ".join(rests[:-1]) + f" {conjunction} " + rests[-1]
    return f"{prefix} {joined}" if prefix else joined


@record
class CountRow:
    label: str
    count: str  # already anonymised: "0", "< 5" or a number ≥ 5


@record
class CountTable:
    title: str
    rows: tuple[CountRow, ...]
    total: CountRow | None = None
    note: str = ""
    #: When the rows would say nothing (all "< 5", or every category merged into one row),
    #: the one honest sentence printed instead of the table; "" to print the table.
    sentence: str = ""


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def says_nothing(
    title: str, items: Sequence[tuple[str, int]], rows: Sequence[CountRow], none: str
) -> str:
    """The sentence that replaces a table of categories that exclude each other, or "".

    "informeel of formeel 8 / Samen 8" is a table that only repeats its total: it becomes
    "Trajecten die liepen in het jaar: 8. Informeel en formeel staan niet apart: …".
    """
    total = sum(n for _, n in items)
    if total == 0:
        return f"{title}: {none}."
    if total < ANONYMITY_THRESHOLD:
        return (
            f"{title}: {SMALL}. Per categorie staat er geen aantal: bij zo weinig trajecten "
            "zou dat personen herkenbaar maken."
        )
    filled = [row for row in rows if row.count != "0"]
    merged = [label for label, n in items if n]
    if len(filled) != 1 or len(merged) < 2:
        return ""
    zeros = [label for label, n in items if not n]
    sentence = (
        f"{title}: {total}. {_capital(join_or(merged, 'en'))} staan niet apart: kleinere "
        "aantallen zouden personen herkenbaar maken."
    )
    return sentence + "".join(f" {_capital(label)}: 0." for label in zeros)


def anonymise_group(items: Sequence[tuple[str, int]]) -> tuple[CountRow, ...]:
    """Rows for categories that exclude each other, small ones merged (module docstring)."""
    counts = [n for _, n in items]
    total = sum(counts)
    if 0 < total < ANONYMITY_THRESHOLD:
        return tuple(CountRow(label, SMALL) for label, _ in items)
    merged = {i for i, n in enumerate(counts) if 0 < n < ANONYMITY_THRESHOLD}
    if merged and sum(counts[i] for i in merged) < ANONYMITY_THRESHOLD:
        large = [i for i, n in enumerate(counts) if n >= ANONYMITY_THRESHOLD]
        merged.add(min(large, key=lambda i: (counts[i], i)))
    rows: list[CountRow] = []
    for index, (label, n) in enumerate(items):
        if index not in merged:
            rows.append(CountRow(label, str(n)))
        elif index == min(merged):
            labels = [items[i][0] for i in sorted(merged)]
            rows.append(CountRow(join_or(labels), str(sum(counts[i] for i in merged))))
    return tuple(rows)


def anonymise_independent(
    items: Sequence[tuple[str, int]], population: int
) -> tuple[CountRow, ...]:
    """Rows for counts that may overlap (a plan with several adaptations), out of ``population``.

    Fewer than 5 behind the whole table: every row "< 5", zeros too.
    """
    if 0 < population < ANONYMITY_THRESHOLD:
        return tuple(CountRow(label, SMALL) for label, _ in items)
    return tuple(CountRow(label, count_text(n)) for label, n in items)


# --------------------------------------------------------------------------- names


OTHER_PLACEHOLDER = "[naam]"


@record
class Names:
    """Who and what the report must not name (found as ``person_names`` finds names).

    ``employees`` and ``contacts`` are people: their whole name in any case; a first name,
    surname or short form alone ("Koen" for Koenraad), a misspelt surname, an e-mail address
    with their name in it; words that are also ordinary words only with a capital, so "de
    wilde" or "lies" in a sentence stay. ``phrases`` are names that are not of a person (an
    external service's team: "Team Dendermonde"): only the whole phrase is replaced, so the
    word "team" stays. ``emails``: addresses stored in the dossier, replaced wherever found.
    """

    employees: tuple[str, ...] = ()
    contacts: tuple[str, ...] = ()
    phrases: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()


def _as_names(names: Names | Iterable[str]) -> Names:
    return names if isinstance(names, Names) else Names(employees=tuple(names))


@functools.lru_cache(maxsize=8)
def _person_names(names: Names) -> PersonNames:
    people = [Person(n, employee=True) for n in names.employees]
    people += [Person(n) for n in names.contacts]
    people += [Person("", emails=(e,)) for e in names.emails]
    return PersonNames.build(people, phrases=names.phrases)


def strip_names(text: str, names: Names | Iterable[str]) -> str:
    """``text`` with the names in ``names`` replaced (see ``Names``); a plain list of names
    is taken as employees.

    Employees read "[werknemer]", contacts and organisation names "[naam]". Whole words only
    (a possessive "Koens" counts); particles such as "van" or "de" alone are left alone.
    Repeated placeholders side by side ("[werknemer] [werknemer]") become one.
    """
    text = unicodedata.normalize("NFC", text)
    stripped = _person_names(_as_names(names)).mask(
        text, employee=PLACEHOLDER, other=OTHER_PLACEHOLDER
    )
    for placeholder in (PLACEHOLDER, OTHER_PLACEHOLDER):
        escaped = re.escape(placeholder)
        stripped = re.sub(rf"{escaped}(?:[\s-]+{escaped})+", placeholder, stripped)
    return stripped


def find_names(text: str, names: Names | Iterable[str]) -> list[str]:
    """The names in ``text`` that ``strip_names`` would replace, as written, in text order."""
    text = unicodedata.normalize("NFC", text)
    return [m.word for m in _person_names(_as_names(names)).find(text)]


# --------------------------------------------------------------------------- absence


@record
class YearAbsence:
    """What the store aggregated for one year (``period`` clamped to today)."""

    period: Period
    aggregates: Aggregates
    departments: Mapping[str, Aggregates]


@record
class FigureRow:
    title: str
    this_year: str
    previous_year: str
    formula: str


@record
class DepartmentRow:
    label: str
    employees: str
    this_year: str
    previous_year: str


def _percent(value: float | None) -> str:
    return format_percent(value)


def _figure_text(figure: Figure, aggregates: Aggregates) -> str:
    if figure.employees < ANONYMITY_THRESHOLD:
        return f"niet getoond ({SMALL} werknemers)"
    if figure.key in _SPELL_FIGURES and figure.spells < ANONYMITY_THRESHOLD:
        return f"niet getoond ({SMALL} periodes)" if figure.spells else "geen periodes"
    if figure.key == "kort_lang":  # its display names the numbers of spells
        return _percent(figure.value) + " kort"
    if figure.key == "zonder_afwezigheid":
        # With the headcount known, the share tells how many people were absent.
        absent = aggregates.employees_with_absence
        if (
            0 < absent < ANONYMITY_THRESHOLD
            or 0 < aggregates.employees - absent < ANONYMITY_THRESHOLD
        ):
            return f"niet getoond ({SMALL} werknemers in een groep)"
    return figure.display


def absence_rows(this: YearAbsence, previous: YearAbsence) -> tuple[FigureRow, ...]:
    current = figures(this.aggregates, this.period)
    earlier = {f.key: f for f in figures(previous.aggregates, previous.period)}
    return tuple(
        FigureRow(
            f.title,
            _figure_text(f, this.aggregates),
            _figure_text(earlier[f.key], previous.aggregates),
            f.formula,
        )
        for f in current
    )


def _pct_of(aggregates: Iterable[Aggregates]) -> str:
    items = list(aggregates)
    contractual = sum(a.contractual_hours for a in items)
    absent = sum(a.absent_hours for a in items)
    return _percent(100 * absent / contractual if contractual else None)


def _recognisable(employees: int, absent: int) -> bool:
    """A percentage over 1 to 4 people, or over 1 to 4 absent people, points at persons:
    "Keuken, 6 werknemers, 20,3 %" with four of them absent tells who was away long."""
    return 0 < employees < ANONYMITY_THRESHOLD or 0 < absent < ANONYMITY_THRESHOLD


def department_rows(
    this: YearAbsence, previous: YearAbsence
) -> tuple[tuple[DepartmentRow, ...], str]:
    """Rows per department that passes the small-numbers rule in each year, the others merged.

    A department stands alone when it has at least 5 employees and either nobody or at
    least 5 people absent, in both years; the others are merged into "overige afdelingen",
    which must pass the same rule (else the smallest department shown joins it, so a hidden
    figure cannot be recovered by subtraction). Returns the rows and a note; no rows when
    fewer than two groups would be left.
    """
    names = sorted(set(this.departments) | set(previous.departments), key=str.casefold)

    def size(name: str, year: YearAbsence) -> int:
        found = year.departments.get(name)
        return found.employees if found else 0

    def absent(name: str, year: YearAbsence) -> int:
        found = year.departments.get(name)
        return found.employees_with_absence if found else 0

    def safe(group: Sequence[str]) -> bool:
        return not any(
            _recognisable(sum(size(n, y) for n in group), sum(absent(n, y) for n in group))
            for y in (this, previous)
        )

    alone = [n for n in names if safe([n]) and (size(n, this) or size(n, previous))]
    others = [n for n in names if n not in alone]

    def others_small() -> bool:
        return not safe(others)

    while others and others_small() and alone:
        smallest = min(alone, key=lambda n: (size(n, this), n.casefold()))
        alone.remove(smallest)
        others.append(smallest)
    if len(alone) + (1 if others else 0) < 2:
        return (), (
            f"Geen cijfers per afdeling: er zijn geen twee groepen van minstens "
            f"{ANONYMITY_THRESHOLD} werknemers met niemand of minstens {ANONYMITY_THRESHOLD} "
            "afwezigen. Kleinere groepen zouden personen herkenbaar maken."
        )
    rows = [
        DepartmentRow(
            name or "(geen afdeling)",
            count_text(size(name, this)),
            _pct_of([this.departments[name]] if name in this.departments else []),
            _pct_of([previous.departments[name]] if name in previous.departments else []),
        )
        for name in alone
    ]
    note = ""
    if others:
        rows.append(
            DepartmentRow(
                OTHER_DEPARTMENTS,
                count_text(sum(size(n, this) for n in others)),
                _pct_of(this.departments[n] for n in others if n in this.departments),
                _pct_of(previous.departments[n] for n in others if n in previous.departments),
            )
        )
        note = (
            f"Afdelingen met minder dan {ANONYMITY_THRESHOLD} werknemers of met 1 tot "
            f"{ANONYMITY_THRESHOLD - 1} afwezigen staan samen onder “{OTHER_DEPARTMENTS}”: "
            "hun percentage zou tonen wie afwezig was."
        )
    return tuple(rows), note


# --------------------------------------------------------------------------- trajectories


def started_on(trajectory: Trajectory) -> date | None:
    """The first date known of a trajectory (request, consultation, plan or report)."""
    known = [
        d
        for d in (trajectory.request_date, trajectory.request_received, trajectory.consultation_on)
        if d is not None
    ]
    known += [p.made_on for p in trajectory.plans]
    if trajectory.report is not None:
        known.append(trajectory.report.made_on)
    return min(known) if known else None


def _within(day: date | None, period: Period) -> bool:
    return day is not None and period.start <= day <= period.end


def runs_in(trajectory: Trajectory, period: Period) -> bool:
    """Started by the end of ``period`` (or date unknown) and not closed before it."""
    start = started_on(trajectory)
    closed = trajectory.closed_on
    return (start is None or start <= period.end) and (closed is None or closed >= period.start)


def _kinds(trajectories: Sequence[Trajectory]) -> list[tuple[str, int]]:
    return [
        ("informeel", sum(t.kind is TrajectoryKind.INFORMEEL for t in trajectories)),
        ("formeel", sum(t.kind is TrajectoryKind.FORMEEL for t in trajectories)),
    ]


def _table(
    title: str, items: list[tuple[str, int]], total_label: str, none: str, note: str = ""
) -> CountTable:
    total = sum(n for _, n in items)
    rows = anonymise_group(items)
    return CountTable(
        title,
        rows,
        CountRow(total_label, count_text(total)),
        note,
        says_nothing(title, items, rows, none),
    )


def _decision(trajectory: Trajectory, period: Period) -> Decision | None:
    received = trajectory.assessment_received
    if received is not None and received > period.end:
        return None  # not yet known at the end of the year
    return trajectory.decision


def _plan_outcome(trajectory: Trajectory, period: Period) -> str:
    plans = [p for p in trajectory.plans if p.made_on <= period.end]
    if not plans:
        return "geen plan"
    plan = max(plans, key=lambda p: p.version)
    if plan.response_on is not None and plan.response_on > period.end:
        return "plan zonder antwoord"
    return {
        Response.AGREED: "plan akkoord",
        Response.REFUSED: "plan geweigerd",
        Response.PENDING: "plan zonder antwoord",
    }[plan.response]


def _kind_tables(*groups: Sequence[Trajectory]) -> tuple[CountTable, ...]:
    """Running, started and closed, informal or formal: three tables, or one sentence when
    none of them may show the split (three times "informeel of formeel 8 / Samen 8")."""
    titles = ("Trajecten die liepen in het jaar", "Gestart in het jaar", "Afgesloten in het jaar")
    tables = tuple(
        _table(title, _kinds(group), "Samen", "geen") for title, group in zip(titles, groups)
    )
    sizes = [len(group) for group in groups]
    if not all(t.sentence for t in tables) or any(0 < n < ANONYMITY_THRESHOLD for n in sizes):
        return tables
    counts = "; ".join(
        f"{title[0].lower() + title[1:] if i else title}: {n or 'geen'}"
        for i, (title, n) in enumerate(zip(titles, sizes))
    )
    sentence = (
        f"{counts}. Informeel en formeel staan niet apart: kleinere aantallen zouden personen "
        "herkenbaar maken."
    )
    return (CountTable("Trajecten", (), None, "", sentence),)


def trajectory_tables(trajectories: Sequence[Trajectory], period: Period) -> tuple[CountTable, ...]:
    running = [t for t in trajectories if runs_in(t, period)]
    if 0 < len(running) < ANONYMITY_THRESHOLD:
        # Every table would read "< 5" row after row: one sentence says it once.
        return (
            CountTable(
                "Trajecten",
                (),
                CountRow("Trajecten die liepen in het jaar", SMALL),
                "",
                f"Er liepen {SMALL} trajecten (informeel en formeel samen). Hoeveel er startten "
                "of afgesloten werden, welke beslissing de arbeidsarts nam en hoe het plan "
                "afliep, staat er niet per aantal: bij zo weinig trajecten zou elk aantal "
                "personen herkenbaar maken.",
            ),
        )
    started = [t for t in running if _within(started_on(t), period)]
    closed = [t for t in running if _within(t.closed_on, period)]
    formal = [t for t in running if t.kind is TrajectoryKind.FORMEEL]
    decisions = [_decision(t, period) for t in formal]
    outcomes = [_plan_outcome(t, period) for t in running]
    endings = [
        "met een gemotiveerd verslag"
        if t.report is not None
        else "na een re-integratieplan"
        if t.plans
        else "op een andere manier"
        for t in closed
    ]
    return (
        *_kind_tables(running, started, closed),
        _table(
            "Beslissing van de arbeidsarts (formele trajecten)",
            [
                (f"beslissing {d.value}", decisions.count(d))
                for d in (Decision.A, Decision.B, Decision.C)
            ]
            + [("nog geen beslissing", decisions.count(None))],
            "Formele trajecten",
            "geen formele trajecten",
            "A: op termijn hervatten, intussen aangepast of ander werk · B: definitief ongeschikt, "
            "wel aangepast of ander werk · C: beoordeling (voorlopig) niet mogelijk.",
        ),
        _table(
            "Re-integratieplan",
            [
                (label, outcomes.count(label))
                for label in ("plan akkoord", "plan geweigerd", "plan zonder antwoord", "geen plan")
            ],
            "Trajecten",
            "geen trajecten",
            "Stand van het laatste plan van elk traject op het einde van het jaar.",
        ),
        _table(
            "Hoe de trajecten eindigden",
            [
                (label, endings.count(label))
                for label in (
                    "met een gemotiveerd verslag",
                    "na een re-integratieplan",
                    "op een andere manier",
                )
            ],
            "Afgesloten trajecten",
            "geen traject afgesloten",
        ),
    )


def steps_table(trajectories: Sequence[Trajectory], period: Period) -> CountTable:
    """What was done to find adapted or other work or adapt the workstation (plans)."""
    running = [t for t in trajectories if runs_in(t, period)]
    plans = [[p for p in t.plans if p.made_on <= period.end] for t in running]

    def with_(test: Callable[[Trajectory, list], bool]) -> int:
        return sum(bool(test(t, p)) for t, p in zip(running, plans))

    items = [
        (
            "overleg met de werknemer",
            with_(lambda t, p: t.consultation_on and t.consultation_on <= period.end),
        ),
        ("re-integratieplan opgemaakt", with_(lambda t, p: p)),
    ]
    items += [
        (
            f"aanpassing: {kind.label.lower()}",
            with_(lambda t, p, k=kind: any(a.kind is k for v in p for a in v.adaptations)),
        )
        for kind in AdaptationKind
    ]
    items += [
        (
            "aanpassing van de werkpost",
            with_(lambda t, p: any(v.workstation_adaptations.strip() for v in p)),
        ),
        ("aangepast werk", with_(lambda t, p: any(v.adapted_work.strip() for v in p))),
        ("ander werk", with_(lambda t, p: any(v.other_work.strip() for v in p))),
        ("opleiding", with_(lambda t, p: any(v.training.strip() for v in p))),
    ]
    title = "Stappen om aangepast of ander werk te vinden of de werkpost aan te passen"
    sentence = ""
    if 0 < len(running) < ANONYMITY_THRESHOLD:
        # The law asks for the steps: with so few trajectories they are listed, not counted.
        taken = [label for label, n in items if n]
        sentence = (
            f"Er liepen {SMALL} trajecten. Gezette stappen, zonder aantallen omdat die bij zo "
            "weinig trajecten personen herkenbaar zouden maken: "
            + ("; ".join(taken) if taken else "geen van de stappen uit deze lijst")
            + "."
        )
    return CountTable(
        title,
        anonymise_independent(items, len(running)),
        CountRow("Trajecten die liepen in het jaar", count_text(len(running))),
        "Aantal trajecten waarin deze stap gezet werd; één traject kan meerdere stappen tellen.",
        sentence,
    )


@record
class GroundRow:
    subject: str
    #: The reasons given in the year's reports for this kind of work, in the law's order,
    #: without counts: a count of 1 in a small company names the person.
    grounds: tuple[str, ...]


@record
class ReportGrounds:
    """Why no plan could be made: the motivated reports' grounds per kind of work."""

    reports: str
    rows: tuple[GroundRow, ...]


NOT_CONSIDERED = "niet overwogen"


def report_grounds(trajectories: Sequence[Trajectory], period: Period) -> ReportGrounds:
    """The reasons per kind of work, listed without counts (the law asks for the reasons).

    The grounds are the legal list (technisch, objectief, redelijkerwijze niet), never free
    text, so they can be listed from the first report on.
    """
    reports = [
        t.report
        for t in trajectories
        if runs_in(t, period) and t.report is not None and t.report.made_on <= period.end
    ]
    if not reports:
        return ReportGrounds("0", ())
    rows = []
    for subject, label in REPORT_SUBJECTS:
        given = {
            next(
                (c.ground for c in r.considerations if c.subject == subject and c.considered), None
            )
            for r in reports
        }
        grounds = [ground.label.lower() for ground in ReportGround if ground in given]
        if None in given:
            grounds.append(NOT_CONSIDERED)
        rows.append(GroundRow(label, tuple(grounds)))
    return ReportGrounds(count_text(len(reports)), tuple(rows))


NOT_REVIEWED = "niet opgenomen (niet nagekeken)"
NONE_APPROVED = "niet opgenomen (geen enkele zin goedgekeurd bij het nalezen)"
REFUSALS = "Redenen waarom een plan geweigerd werd"
WORKED = "Wat werkte"
BETTER = "Wat kan beter"


@record
class TextList:
    title: str
    texts: tuple[str, ...]
    behind: str  # how many trajectories the texts come from, anonymised
    withheld: str = ""  # why no texts are shown, or ""


@record
class ReviewLine:
    """One line of free text that may go into the jaarverslag after someone approved it."""

    section: str  # REFUSALS, WORKED or BETTER
    text: str  # as it would be printed: names replaced
    original: str  # as typed, for the privacy hints of the review


def _lines(text: str) -> list[str]:
    """The lines of a free text, without list bullets: each is reviewed on its own."""
    lines = (line.strip().lstrip("-•*–").strip() for line in text.splitlines())
    return [line for line in lines if line]


def _free_texts(trajectories: Sequence[Trajectory], period: Period) -> dict[str, list[tuple[int, str]]]:
    """Per section, (trajectory id, text) of every free text the year's report could print."""
    refusals = [
        (t.id, p.refusal_reasons)
        for t in trajectories
        if runs_in(t, period)
        for p in t.plans
        if p.response is Response.REFUSED and (p.response_on is None or p.response_on <= period.end)
    ]
    closed = [t for t in trajectories if _within(t.closed_on, period)]
    return {
        REFUSALS: refusals,
        WORKED: [(t.id, t.evaluation_worked) for t in closed],
        BETTER: [(t.id, t.evaluation_better) for t in closed],
    }


def review_lines(
    trajectories: Sequence[Trajectory], period: Period, names: Names | Iterable[str]
) -> tuple[ReviewLine, ...]:
    """Every line that could be printed, names replaced, sorted per section (not in the order
    of the trajectories, which would tell whose line is whose), each text once."""
    lines: list[ReviewLine] = []
    for section, sources in _free_texts(trajectories, period).items():
        seen: dict[str, ReviewLine] = {}
        for _, text in sources:
            for line in _lines(text):
                printed = strip_names(line, names)
                seen.setdefault(printed, ReviewLine(section, printed, line))
        lines += sorted(seen.values(), key=lambda r: r.text.casefold())
    return tuple(lines)


def _texts(
    title: str,
    sources: list[tuple[int, str]],
    names: Names | Iterable[str],
    approved: Iterable[str] | None,
) -> TextList:
    """The approved lines of ``sources`` (None: nobody reviewed them, so none)."""
    sources = [(t, text) for t, text in sources if text.strip()]
    behind = count_text(len({t for t, _ in sources}))
    if not sources:
        return TextList(title, (), "0")
    if approved is None:
        return TextList(title, (), behind, NOT_REVIEWED)
    chosen = set(approved)
    printed = {strip_names(line, names) for _, text in sources for line in _lines(text)}
    texts = tuple(sorted((t for t in printed if t in chosen), key=str.casefold))
    return TextList(title, texts, behind, "" if texts else NONE_APPROVED)


def refusal_reasons(
    trajectories: Sequence[Trajectory],
    period: Period,
    names: Names | Iterable[str],
    approved: Iterable[str] | None = None,
) -> TextList:
    """Why plans were refused: only the lines in ``approved`` (see ``review_lines``)."""
    return _texts(REFUSALS, _free_texts(trajectories, period)[REFUSALS], names, approved)


def lessons(
    trajectories: Sequence[Trajectory],
    period: Period,
    names: Names | Iterable[str],
    approved: Iterable[str] | None = None,
) -> tuple[TextList, TextList]:
    """What worked and what could be better: only the lines in ``approved``."""
    texts = _free_texts(trajectories, period)
    return (
        _texts(WORKED, texts[WORKED], names, approved),
        _texts(BETTER, texts[BETTER], names, approved),
    )


# --------------------------------------------------------------------------- self-assessment


@record
class ActionItem:
    what: str
    status: str
    due: date | None
    overdue: bool


@record
class AssessmentSummary:
    """The self-assessment round and its action plan. Not about people: no threshold."""

    round_title: str
    held_on: date
    checklists: tuple[tuple[str, Tally], ...]
    total: Tally
    open: int
    busy: int
    done: int
    overdue: int
    actions: tuple[ActionItem, ...]
    note: str = ""


def assessment_summary(
    data: RoundData,
    instrument: Instrument,
    year: int,
    today: date,
    names: Names | Sequence[str],
) -> AssessmentSummary:
    checklists = tuple(
        (
            f"Checklist {c.number} – {c.title}",
            tally(data.answers.get(q.id) for s in c.sections for q in s.questions),
        )
        for c in instrument.checklists
    )
    actions: list[Action] = sorted(data.actions, key=lambda a: (a.due or date.max, a.id))
    statuses = [a.status for a in actions]
    overdue = [a.urgency(today) is Urgency.OVERDUE for a in actions]
    note = ""
    if data.round.held_on.year != year:
        note = (
            f"In {year} werd geen zelfevaluatie gehouden; dit is de laatste ronde van vóór "
            f"dat jaar."
        )
    return AssessmentSummary(
        round_title=strip_names(data.round.title, names),
        held_on=data.round.held_on,
        checklists=checklists,
        total=sum((t for _, t in checklists), Tally()),
        open=statuses.count(ActionStatus.OPEN),
        busy=statuses.count(ActionStatus.BEZIG),
        done=statuses.count(ActionStatus.AFGEROND),
        overdue=sum(overdue),
        actions=tuple(
            ActionItem(strip_names(a.what, names), a.status.label, a.due, late)
            for a, late in zip(actions, overdue)
        ),
        note=note,
    )


# --------------------------------------------------------------------------- the report


@record
class AnnualReport:
    year: int
    organisation_name: str
    made_on: date
    period_note: str  # "" or why the year's figures stop before 31 December
    absence: tuple[FigureRow, ...]
    departments: tuple[DepartmentRow, ...]
    departments_note: str
    trajectories: tuple[CountTable, ...]
    steps: CountTable
    grounds: ReportGrounds
    refusals: TextList
    worked: TextList
    better: TextList
    assessment: AssessmentSummary | None
    #: Trajectories that ran in the year (anonymised): "0" means sections 2 to 5 have nothing.
    running: str = "0"
    #: Closed in the year (anonymised): "0" means no lessons to draw.
    closed: str = "0"
    #: Employees in service at some time in the year (0 only for an empty organisation).
    staff: int = 0

    @property
    def nothing_to_report(self) -> bool:
        """Nobody in service, no trajectory and no self-assessment: one page that says so is
        the whole report, rather than pages of zeros."""
        return self.staff == 0 and self.running == "0" and self.assessment is None


def build_annual_report(
    year: int,
    organisation_name: str,
    absence_this: YearAbsence,
    absence_previous: YearAbsence,
    trajectories: Sequence[Trajectory],
    *,
    names: Names | Sequence[str],
    assessment: RoundData | None,
    instrument: Instrument,
    today: date,
    approved: Iterable[str] | None = None,
) -> AnnualReport:
    """The anonymised report of ``year``.

    ``names``: every name that must not appear (see ``Names``; a plain list counts as
    employees); ``assessment``: the self-assessment round to report (the latest held in or
    before ``year``), or None; ``approved``: the free-text lines (as ``review_lines`` gives
    them) that someone reviewed and approved — None when nobody did, and then no free text
    is printed.
    """
    period = Period(date(year, 1, 1), date(year, 12, 31))
    period_note = ""
    if absence_this.period.end < period.end:
        period_note = (
            f"Het jaar {year} is nog niet voorbij: de afwezigheidscijfers lopen tot en met "
            f"{long_date(absence_this.period.end)}."
        )
    departments, departments_note = department_rows(absence_this, absence_previous)
    approved = tuple(approved) if approved is not None else None
    worked, better = lessons(trajectories, period, names, approved)
    running = [t for t in trajectories if runs_in(t, period)]
    closed = [t for t in trajectories if _within(t.closed_on, period)]
    return AnnualReport(
        year=year,
        organisation_name=organisation_name,
        made_on=today,
        period_note=period_note,
        absence=absence_rows(absence_this, absence_previous),
        departments=departments,
        departments_note=departments_note,
        trajectories=trajectory_tables(trajectories, period),
        steps=steps_table(trajectories, period),
        grounds=report_grounds(trajectories, period),
        refusals=refusal_reasons(trajectories, period, names, approved),
        worked=worked,
        better=better,
        assessment=(
            assessment_summary(assessment, instrument, year, today, names) if assessment else None
        ),
        running=count_text(len(running)),
        closed=count_text(len(closed)),
        staff=absence_this.aggregates.employees,
    )
