"""The yearly report on re-integration for the prevention committee: anonymised data only.

Every year the employer gives the comité voor preventie en bescherming op het werk (in a
company without one: the union delegation or the staff) globalised and anonymised elements
from the re-integration plans and motivated reports, and evaluates the re-integration
policy (Codex I.4-80 et seq.; see ``shared/domain/wetgeving.md`` §4.1).

Pure: plain inputs in, an ``AnnualReport`` out, no Qt and no SQL. What a caller may rely on:

* No name of a person is in the report: free texts pass ``strip_names`` and only appear when
  at least ``ANONYMITY_THRESHOLD`` trajectories are behind them.
* Counts of people or trajectories from 1 to 4 never appear as a number: they read "< 5".
  In a group of categories that exclude each other (decision A/B/C …), small categories are
  merged into one row ("beslissing A, B of C: 7"); when that row would still be small, the
  smallest other category joins it, so a small number cannot be recovered by subtracting
  the shown rows from the total. When the whole group counts fewer than 5, every row reads
  "< 5" — zeros too, so a zero next to a small total does not tell which category the few
  people are in. A 0 on its own stays "0": nobody can be recognised in an empty category.
* Absence figures are organisation-wide; figures per department only for departments with
  at least 5 employees, the others merged into "overige afdelingen".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from kmo_reintegratie.analysis import Aggregates, Figure, Period, figures
from kmo_reintegratie.assessment import Action, ActionStatus, RoundData, Tally, Urgency, tally
from kmo_reintegratie.instrument import Instrument
from kmo_reintegratie.legal import Decision
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
TOO_FEW = "te weinig trajecten om zonder herkenning te rapporteren"
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


def join_or(labels: Sequence[str]) -> str:
    """ "beslissing A", "beslissing B", "beslissing C" → "beslissing A, B of C"."""
    if len(labels) == 1:
        return labels[0]
    words = [label.split() for label in labels]
    common = 0
    while all(len(w) > common + 1 for w in words) and len({w[common] for w in words}) == 1:
        common += 1
    prefix = " ".join(words[0][:common])
    rests = [" ".join(w[common:]) for w in words]
    joined = ", ".join(rests[:-1]) + " of " + rests[-1]
    return f"{prefix} {joined}" if prefix else joined


@dataclass(frozen=True)
class CountRow:
    label: str
    count: str  # already anonymised: "0", "< 5" or a number ≥ 5


@dataclass(frozen=True)
class CountTable:
    title: str
    rows: tuple[CountRow, ...]
    total: CountRow | None = None
    note: str = ""


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


# Name particles that are also ordinary words: never replaced on their own.
_PARTICLES = frozenset(
    ("van", "de", "der", "den", "le", "la", "du", "des", "het", "ter", "ten", "te", "op", "in")
    + ("vanden", "vander", "d'", "'t", "el", "al", "ben", "bin", "da", "di", "dos")
)


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def name_variants(name: str) -> set[str]:
    """The ways a name may be written in a text: whole, first name, surname, last word."""
    words = unicodedata.normalize("NFC", name).split()
    variants = {" ".join(words)}
    if len(words) > 1:
        variants.add(" ".join(words[1:]))  # "Van Damme"
    variants.update(w for w in words if len(w) > 1 and w.casefold() not in _PARTICLES)
    variants |= {_plain(v) for v in variants}  # "Zoë" typed as "Zoe"
    return {v for v in variants if v}


def strip_names(text: str, names: Iterable[str]) -> str:
    """``text`` with every name, first name or surname in ``names`` replaced by "[werknemer]".

    Case-insensitive, whole words only (a possessive "Koens" counts); particles such as
    "van" or "de" alone are left alone, so ordinary Dutch words survive. Repeated
    placeholders side by side ("[werknemer] [werknemer]") become one.
    """
    variants = sorted({v for n in names for v in name_variants(n)}, key=len, reverse=True)
    text = unicodedata.normalize("NFC", text)
    if not variants:
        return text
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(v) for v in variants) + r")(?:['’]?s)?(?!\w)",
        re.IGNORECASE,
    )
    stripped = pattern.sub(PLACEHOLDER, text)
    placeholder = re.escape(PLACEHOLDER)
    return re.sub(rf"{placeholder}(?:\s+{placeholder})+", PLACEHOLDER, stripped)


# --------------------------------------------------------------------------- absence


@dataclass(frozen=True)
class YearAbsence:
    """What the store aggregated for one year (``period`` clamped to today)."""

    period: Period
    aggregates: Aggregates
    departments: Mapping[str, Aggregates]


@dataclass(frozen=True)
class FigureRow:
    title: str
    this_year: str
    previous_year: str
    formula: str


@dataclass(frozen=True)
class DepartmentRow:
    label: str
    employees: str
    this_year: str
    previous_year: str


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f} %".replace(".", ",")


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


def department_rows(
    this: YearAbsence, previous: YearAbsence
) -> tuple[tuple[DepartmentRow, ...], str]:
    """Rows per department with ≥ 5 employees in each year it had staff, and the others merged.

    Returns the rows and a note; no rows when fewer than two groups would be left.
    """
    names = sorted(set(this.departments) | set(previous.departments), key=str.casefold)

    def size(name: str, year: YearAbsence) -> int:
        found = year.departments.get(name)
        return found.employees if found else 0

    def big_enough(name: str) -> bool:
        sizes = [n for n in (size(name, this), size(name, previous)) if n]
        return bool(sizes) and min(sizes) >= ANONYMITY_THRESHOLD

    alone = [n for n in names if big_enough(n)]
    others = [n for n in names if n not in alone]

    def others_small() -> bool:
        return any(
            0 < sum(size(n, y) for n in others) < ANONYMITY_THRESHOLD for y in (this, previous)
        )

    while others and others_small() and alone:
        smallest = min(alone, key=lambda n: (size(n, this), n.casefold()))
        alone.remove(smallest)
        others.append(smallest)
    if len(alone) + (1 if others else 0) < 2:
        return (), (
            f"Geen cijfers per afdeling: er zijn geen twee groepen van minstens "
            f"{ANONYMITY_THRESHOLD} werknemers. Kleinere afdelingen zouden personen herkenbaar maken."
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
            f"Afdelingen met minder dan {ANONYMITY_THRESHOLD} werknemers staan samen onder "
            f"“{OTHER_DEPARTMENTS}”."
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
    title: str, items: list[tuple[str, int]], total_label: str, note: str = ""
) -> CountTable:
    total = sum(n for _, n in items)
    return CountTable(title, anonymise_group(items), CountRow(total_label, count_text(total)), note)


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


def trajectory_tables(trajectories: Sequence[Trajectory], period: Period) -> tuple[CountTable, ...]:
    running = [t for t in trajectories if runs_in(t, period)]
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
        _table("Trajecten die liepen in het jaar", _kinds(running), "Samen"),
        _table("Gestart in het jaar", _kinds(started), "Samen"),
        _table("Afgesloten in het jaar", _kinds(closed), "Samen"),
        _table(
            "Beslissing van de arbeidsarts (formele trajecten)",
            [
                (f"beslissing {d.value}", decisions.count(d))
                for d in (Decision.A, Decision.B, Decision.C)
            ]
            + [("nog geen beslissing", decisions.count(None))],
            "Formele trajecten",
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
    return CountTable(
        "Stappen om aangepast of ander werk te vinden of de werkpost aan te passen",
        anonymise_independent(items, len(running)),
        CountRow("Trajecten die liepen in het jaar", count_text(len(running))),
        "Aantal trajecten waarin deze stap gezet werd; één traject kan meerdere stappen tellen.",
    )


@dataclass(frozen=True)
class GroundRow:
    subject: str
    grounds: tuple[CountRow, ...]


@dataclass(frozen=True)
class ReportGrounds:
    """Why no plan could be made: the motivated reports' grounds per kind of work."""

    reports: str
    rows: tuple[GroundRow, ...]
    withheld: str = ""


def report_grounds(trajectories: Sequence[Trajectory], period: Period) -> ReportGrounds:
    reports = [
        t.report
        for t in trajectories
        if runs_in(t, period) and t.report is not None and t.report.made_on <= period.end
    ]
    if len(reports) < ANONYMITY_THRESHOLD:
        return ReportGrounds(count_text(len(reports)), (), TOO_FEW if reports else "")
    rows = []
    for subject, label in REPORT_SUBJECTS:
        given = [
            next(
                (c.ground for c in r.considerations if c.subject == subject and c.considered), None
            )
            for r in reports
        ]
        items = [(ground.label.lower(), given.count(ground)) for ground in ReportGround]
        items.append(("niet overwogen", given.count(None)))
        rows.append(GroundRow(label, tuple(r for r in anonymise_group(items) if r.count != "0")))
    return ReportGrounds(str(len(reports)), tuple(rows))


@dataclass(frozen=True)
class TextList:
    title: str
    texts: tuple[str, ...]
    behind: str  # how many trajectories the texts come from, anonymised
    withheld: str = ""  # why no texts are shown, or ""


def _texts(title: str, sources: list[tuple[int, str]], names: Sequence[str]) -> TextList:
    """Free texts from trajectories: names stripped, sorted (not in trajectory order)."""
    sources = [(t, text.strip()) for t, text in sources if text.strip()]
    behind = len({t for t, _ in sources})
    if behind < ANONYMITY_THRESHOLD:
        return TextList(title, (), count_text(behind), TOO_FEW if behind else "")
    texts = sorted({strip_names(text, names) for _, text in sources}, key=str.casefold)
    return TextList(title, tuple(texts), str(behind))


def refusal_reasons(
    trajectories: Sequence[Trajectory], period: Period, names: Sequence[str]
) -> TextList:
    sources = [
        (t.id, p.refusal_reasons)
        for t in trajectories
        if runs_in(t, period)
        for p in t.plans
        if p.response is Response.REFUSED and (p.response_on is None or p.response_on <= period.end)
    ]
    return _texts("Redenen waarom een plan geweigerd werd", sources, names)


def lessons(
    trajectories: Sequence[Trajectory], period: Period, names: Sequence[str]
) -> tuple[TextList, TextList]:
    closed = [t for t in trajectories if _within(t.closed_on, period)]
    return (
        _texts("Wat werkte", [(t.id, t.evaluation_worked) for t in closed], names),
        _texts("Wat kan beter", [(t.id, t.evaluation_better) for t in closed], names),
    )


# --------------------------------------------------------------------------- self-assessment


@dataclass(frozen=True)
class ActionItem:
    what: str
    status: str
    due: date | None
    overdue: bool


@dataclass(frozen=True)
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
    data: RoundData, instrument: Instrument, year: int, today: date, names: Sequence[str]
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


@dataclass(frozen=True)
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


def build_annual_report(
    year: int,
    organisation_name: str,
    absence_this: YearAbsence,
    absence_previous: YearAbsence,
    trajectories: Sequence[Trajectory],
    *,
    names: Sequence[str],
    assessment: RoundData | None,
    instrument: Instrument,
    today: date,
) -> AnnualReport:
    """The anonymised report of ``year``.

    ``names``: every name that must not appear (employees, contact persons); ``assessment``:
    the self-assessment round to report (the latest held in or before ``year``), or None.
    """
    period = Period(date(year, 1, 1), date(year, 12, 31))
    period_note = ""
    if absence_this.period.end < period.end:
        period_note = (
            f"Het jaar {year} is nog niet voorbij: de afwezigheidscijfers lopen tot "
            f"{absence_this.period.end:%d-%m-%Y}."
        )
    departments, departments_note = department_rows(absence_this, absence_previous)
    worked, better = lessons(trajectories, period, names)
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
        refusals=refusal_reasons(trajectories, period, names),
        worked=worked,
        better=better,
        assessment=(
            assessment_summary(assessment, instrument, year, today, names) if assessment else None
        ),
    )
