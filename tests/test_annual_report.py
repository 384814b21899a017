"""The annual report's data: the anonymity threshold, merged categories, names stripped."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kmo_reintegratie.analysis import Aggregates, Period
from kmo_reintegratie.annual_report import (
    NONE_APPROVED,
    NOT_REVIEWED,
    OTHER_DEPARTMENTS,
    OTHER_PLACEHOLDER,
    PLACEHOLDER,
    SMALL,
    CountTable,
    Names,
    YearAbsence,
    absence_rows,
    anonymise_group,
    build_annual_report,
    count_text,
    department_rows,
    find_names,
    join_or,
    lessons,
    refusal_reasons,
    report_grounds,
    review_lines,
    steps_table,
    strip_names,
    trajectory_tables,
)
from kmo_reintegratie.assessment import Action, ActionStatus, Answer, Round, RoundData
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Adaptation,
    AdaptationKind,
    Consideration,
    MotivatedReport,
    PlanVersion,
    ReportGround,
    Response,
    Trajectory,
    TrajectoryKind,
)

YEAR = 2026
PERIOD = Period(date(YEAR, 1, 1), date(YEAR, 12, 31))
NAMES = ["Koen Verhaegen", "Marc Van Damme", "Zoë De Smet", "An Peeters"]


def trajectory(
    number: int,
    *,
    kind: TrajectoryKind = TrajectoryKind.FORMEEL,
    decision: Decision | None = None,
    plan: Response | None = None,
    refusal: str = "",
    report: bool = False,
    closed: date | None = None,
    worked: str = "",
) -> Trajectory:
    plans = ()
    if plan is not None:
        plans = (
            PlanVersion(
                number,
                number,
                1,
                made_on=date(YEAR, 3, 1),
                adaptations=(Adaptation(AdaptationKind.WORKING_TIME, "deeltijds"),),
                response=plan,
                response_on=date(YEAR, 3, 10),
                refusal_reasons=refusal,
            ),
        )
    made = (
        MotivatedReport(
            number,
            number,
            date(YEAR, 4, 1),
            tuple(
                Consideration(s, True, ReportGround.OBJECTIVE, "x" * 30) for s, _ in REPORT_SUBJECTS
            ),
        )
        if report
        else None
    )
    return Trajectory(
        number,
        number,
        None,
        kind,
        Initiator.WERKNEMER,
        request_date=date(YEAR, 2, 1),
        assessment_received=date(YEAR, 2, 20) if decision else None,
        decision=decision,
        closed_on=closed,
        evaluation_worked=worked,
        plans=plans,
        report=made,
    )


def counts(table: CountTable) -> dict[str, str]:
    return {row.label: row.count for row in table.rows}


# --------------------------------------------------------------------------- the threshold


@pytest.mark.parametrize(("n", "text"), [(0, "0"), (1, SMALL), (4, SMALL), (5, "5"), (12, "12")])
def test_count_text_hides_one_to_four(n: int, text: str) -> None:
    assert SMALL == "< 5"
    assert count_text(n) == text


def test_three_trajectories_show_every_category_as_small() -> None:
    trajectories = [
        trajectory(1, kind=TrajectoryKind.INFORMEEL, plan=Response.AGREED),
        trajectory(2, decision=Decision.B, closed=date(YEAR, 6, 1)),
        trajectory(3, decision=Decision.A, plan=Response.REFUSED, refusal="te zwaar"),
    ]
    # Every table would be rows of "< 5": one honest sentence for all of them.
    [table] = trajectory_tables(trajectories, PERIOD)
    assert table.rows == () and table.sentence.startswith(f"Er liepen {SMALL} trajecten")
    # In a larger year a table of few formal trajectories still reads "< 5" in every row,
    # zeros too (they would tell where the few are), and says so in one sentence.
    informal = [trajectory(i, kind=TrajectoryKind.INFORMEEL) for i in range(10, 16)]
    tables = trajectory_tables([*trajectories, *informal], PERIOD)
    decisions = next(t for t in tables if "Beslissing" in t.title)
    assert {row.count for row in decisions.rows} == {SMALL}
    assert decisions.sentence.startswith(f"{decisions.title}: {SMALL}.")
    steps = steps_table(trajectories, PERIOD)
    assert {row.count for row in steps.rows} == {SMALL}
    assert steps.total is not None and steps.total.count == SMALL
    # The law asks for the steps: with so few trajectories they are listed without counts.
    assert "re-integratieplan opgemaakt; aanpassing: de arbeidstijd" in steps.sentence
    listed = steps.sentence.replace(SMALL, "")
    assert "opleiding" not in listed and not any(c.isdigit() for c in listed)


def test_tables_merged_into_one_row_become_one_honest_sentence() -> None:
    kinds = [TrajectoryKind.INFORMEEL] * 6 + [TrajectoryKind.FORMEEL] * 2
    plans = [Response.AGREED] * 5 + [None] * 2 + [Response.PENDING]
    trajectories = [
        trajectory(i, kind=k, plan=r) for i, (k, r) in enumerate(zip(kinds, plans), start=1)
    ]
    tables = {t.title: t for t in trajectory_tables(trajectories, PERIOD)}
    # "informeel of formeel 8 / Samen 8" three times: one sentence for the three tables.
    assert "Trajecten die liepen in het jaar" not in tables
    assert tables["Trajecten"].sentence == (
        "Trajecten die liepen in het jaar: 8; gestart in het jaar: 8; afgesloten in het jaar: "
        "geen. Informeel en formeel staan niet apart: kleinere aantallen zouden personen "
        "herkenbaar maken."
    )
    # "plan akkoord, plan zonder antwoord of geen plan 8": the zero row still tells something.
    plan = tables["Re-integratieplan"]
    assert plan.sentence == (
        "Re-integratieplan: 8. Plan akkoord, plan zonder antwoord en geen plan staan niet apart: "
        "kleinere aantallen zouden personen herkenbaar maken. Plan geweigerd: 0."
    )
    # A table that shows a real split keeps its rows.
    ten = [trajectory(i, kind=TrajectoryKind.INFORMEEL) for i in range(1, 6)]
    ten += [trajectory(i, kind=TrajectoryKind.FORMEEL) for i in range(6, 11)]
    running = trajectory_tables(ten, PERIOD)[0]
    assert running.sentence == "" and counts(running) == {"informeel": "5", "formeel": "5"}


def test_seven_decisions_of_two_two_and_three_are_merged() -> None:
    decisions = [Decision.A] * 2 + [Decision.B] * 2 + [Decision.C] * 3
    trajectories = [trajectory(i, decision=d) for i, d in enumerate(decisions, start=1)]
    table = next(t for t in trajectory_tables(trajectories, PERIOD) if "Beslissing" in t.title)
    assert counts(table) == {"beslissing A, B of C": "7", "nog geen beslissing": "0"}
    assert table.total is not None and table.total.count == "7"


def test_a_small_rest_takes_the_smallest_large_category_along() -> None:
    # Shown alone, "b: < 5" could be recovered as total − a; merged it cannot.
    rows = anonymise_group([("a", 10), ("b", 6), ("c", 1), ("d", 0)])
    assert [(r.label, r.count) for r in rows] == [("a", "10"), ("b of c", "7"), ("d", "0")]
    rows = anonymise_group([("a", 9), ("b", 3), ("c", 2)])
    assert [(r.label, r.count) for r in rows] == [("a", "9"), ("b of c", "5")]
    assert all(r.count == "0" for r in anonymise_group([("a", 0), ("b", 0)]))


def test_join_or_names_a_shared_first_word_once() -> None:
    assert join_or(["plan akkoord", "plan geweigerd"]) == "plan akkoord of geweigerd"
    assert join_or(["informeel", "formeel"]) == "informeel of formeel"
    assert join_or(["beslissing A"]) == "beslissing A"


# --------------------------------------------------------------------------- names and texts


def test_names_are_masked_but_ordinary_words_stay() -> None:
    names = Names(
        employees=("Koen Verhaegen", "Lotte De Wilde"),
        contacts=("Dr. Lies Van Acker",),
        phrases=("Team Dendermonde",),
    )
    text = (
        "Het gesprek gaf rust; het team wist wat het mocht vertellen. Team Dendermonde en "
        "dr. lies van acker volgden op. Ze wilde terug; Lotte ook. Koen belde de dokter."
    )
    stripped = strip_names(text, names)
    assert stripped == (
        "Het gesprek gaf rust; het team wist wat het mocht vertellen. [naam] en "
        "dr. [naam] volgden op. Ze wilde terug; [werknemer] ook. [werknemer] belde de dokter."
    )
    assert find_names(text, names) == [
        "Team Dendermonde", "lies van acker", "Lotte", "Koen"
    ]
    # A part of a name counts only with its capital: "wilde" and "lies" are ordinary words.
    assert strip_names("De Wilde wilde de lies niet.", names) == f"{PLACEHOLDER} wilde de lies niet."
    assert OTHER_PLACEHOLDER == "[naam]"


def test_strip_names_replaces_names_first_names_and_surnames() -> None:
    text = (
        "Koen sprak met Marc Van Damme en met Van Damme zelf; Koens collega Zoe hielp. "
        "De arbeidsarts van de dienst was erbij, net als AN PEETERS."
    )
    stripped = strip_names(text, NAMES)
    for word in ("Koen", "Marc", "Damme", "Zoe", "PEETERS", "AN "):
        assert word not in stripped
    assert stripped.count(PLACEHOLDER) == 6
    assert "De arbeidsarts van de dienst" in stripped  # particles alone are ordinary words
    assert strip_names("Niets te verbergen.", NAMES) == "Niets te verbergen."
    assert strip_names("Koen", []) == "Koen"


def test_free_texts_are_printed_only_as_reviewed_and_without_names() -> None:
    refused = [
        trajectory(i, plan=Response.REFUSED, refusal=f"Koen Verhaegen vond het plan {i} te zwaar")
        for i in range(1, 3)
    ]
    refused.append(trajectory(3, plan=Response.REFUSED, refusal="Marc wil geen nachtdienst"))
    # Nobody reviewed them (the command line): none, and the report says why.
    unreviewed = refusal_reasons(refused, PERIOD, NAMES)
    assert unreviewed.texts == () and unreviewed.withheld == NOT_REVIEWED
    assert unreviewed.behind == SMALL

    lines = review_lines(refused, PERIOD, NAMES)
    assert [line.text for line in lines] == [
        f"{PLACEHOLDER} vond het plan 1 te zwaar",
        f"{PLACEHOLDER} vond het plan 2 te zwaar",
        f"{PLACEHOLDER} wil geen nachtdienst",
    ]
    assert lines[2].original == "Marc wil geen nachtdienst"
    # Approved lines print even from fewer than 5 trajectories: someone read them.
    chosen = refusal_reasons(refused, PERIOD, NAMES, approved=[lines[2].text])
    assert chosen.texts == (f"{PLACEHOLDER} wil geen nachtdienst",) and chosen.withheld == ""
    none = refusal_reasons(refused, PERIOD, NAMES, approved=())
    assert none.texts == () and none.withheld == NONE_APPROVED


def test_lessons_come_from_trajectories_closed_in_the_year() -> None:
    closed = [
        trajectory(i, closed=date(YEAR, 5, i), worked=f"Snel overleg met An ({i})\n- Nazorg hielp")
        for i in range(1, 6)
    ]
    earlier = trajectory(9, closed=date(YEAR - 1, 5, 1), worked="Oud")
    texts = [line.text for line in review_lines([*closed, earlier], PERIOD, NAMES)]
    assert "Oud" not in texts and "Nazorg hielp" in texts  # one line each, bullets gone
    worked, better = lessons([*closed, earlier], PERIOD, NAMES, approved=texts)
    assert worked.behind == "5" and "Oud" not in worked.texts
    assert all(t.startswith(f"Snel overleg met {PLACEHOLDER}") or t == "Nazorg hielp" for t in worked.texts)
    assert better.behind == "0" and better.withheld == ""


def test_report_grounds_are_listed_without_counts_from_the_first_report() -> None:
    assert report_grounds([], PERIOD).rows == ()
    one = report_grounds([trajectory(1, report=True)], PERIOD)
    assert one.reports == SMALL and len(one.rows) == len(REPORT_SUBJECTS)
    assert one.rows[0].grounds == ("objectief onmogelijk",)

    many = [trajectory(i, report=True) for i in range(1, 7)]
    grounds = report_grounds(many, PERIOD)
    assert grounds.reports == "6"
    assert grounds.rows[0].grounds == ("objectief onmogelijk",)  # a reason, not "… : 6"


# --------------------------------------------------------------------------- absence


def aggregates(employees: int, absent: float = 10.0, spells: int = 6) -> Aggregates:
    return Aggregates(
        contractual_hours=1000.0 * employees,
        absent_hours=absent * employees,
        employees=employees,
        employees_with_absence=min(employees, spells),
        average_headcount=float(employees),
        spells_started=spells,
        spells_overlapping=spells,
        ended_spells=spells,
        ended_spell_days=10 * spells,
        short_spells=spells,
    )


def year(year_: int, departments: dict[str, Aggregates]) -> YearAbsence:
    total = Aggregates(
        contractual_hours=sum(a.contractual_hours for a in departments.values()),
        absent_hours=sum(a.absent_hours for a in departments.values()),
        employees=sum(a.employees for a in departments.values()),
        employees_with_absence=2,
        average_headcount=sum(a.average_headcount for a in departments.values()),
        spells_started=2,
        spells_overlapping=2,
        ended_spells=2,
        ended_spell_days=40,
    )
    return YearAbsence(Period(date(year_, 1, 1), date(year_, 12, 31)), total, departments)


def test_small_departments_are_merged_into_other_departments() -> None:
    this = year(
        YEAR, {"Zorg": aggregates(8), "Keuken": aggregates(3, 30), "Onthaal": aggregates(2, 5)}
    )
    previous = year(
        YEAR - 1, {"Zorg": aggregates(7), "Keuken": aggregates(3), "Onthaal": aggregates(2)}
    )
    rows, note = department_rows(this, previous)
    assert [(r.label, r.employees) for r in rows] == [("Zorg", "8"), (OTHER_DEPARTMENTS, "5")]
    assert rows[0].this_year == "1,0 %"
    assert rows[1].this_year == "2,0 %"  # (90 + 10) ÷ (3000 + 2000) hours, not a mean of %
    assert OTHER_DEPARTMENTS in note


def test_no_department_figures_when_no_two_groups_of_five() -> None:
    this = year(YEAR, {"Keuken": aggregates(3), "Onthaal": aggregates(2)})
    rows, note = department_rows(this, this)
    assert rows == () and "Geen cijfers per afdeling" in note
    # One big department and a small rest: the rest alone would be recognisable.
    this = year(YEAR, {"Zorg": aggregates(9), "Keuken": aggregates(2)})
    rows, _ = department_rows(this, this)
    assert rows == ()


def test_absence_figures_of_both_years_with_spell_figures_hidden_below_five() -> None:
    this = year(YEAR, {"Zorg": aggregates(8)})
    previous = year(YEAR - 1, {"Zorg": aggregates(6)})
    rows = {r.title: r for r in absence_rows(this, previous)}
    assert rows["Afwezigheidspercentage"].this_year == "1,0 %"
    assert rows["Afwezigheidspercentage"].previous_year == "1,0 %"
    assert (
        rows["Gemiddelde duur van afgelopen periodes"].this_year
        == f"niet getoond ({SMALL} periodes)"
    )
    # 8 employees, 2 of them absent: the share without absence would tell "2".
    assert rows["Werknemers zonder afwezigheid"].this_year.startswith("niet getoond")
    tiny = year(YEAR, {"Zorg": aggregates(3)})
    assert absence_rows(tiny, tiny)[0].this_year == f"niet getoond ({SMALL} werknemers)"


# --------------------------------------------------------------------------- the whole report


def test_the_report_holds_no_name_and_counts_the_action_plan() -> None:
    instrument = load_instrument()
    questions = instrument.checklists[0].sections[0].questions
    data = RoundData(
        Round(1, "Zelfevaluatie 2026", date(YEAR, 10, 1)),
        answers={questions[0].id: Answer.TOEGEPAST, questions[1].id: Answer.TEKORTKOMING},
        actions=(
            Action(
                1,
                1,
                "c1.s1.1",
                "Werkplek van Koen aanpassen",
                who="Marc Van Damme",
                due=date(YEAR, 6, 1),
                status=ActionStatus.OPEN,
            ),
            Action(2, 1, "c1.s1.1", "Procedure", due=date(YEAR, 12, 1), status=ActionStatus.BEZIG),
            Action(3, 1, "c1.s1.1", "Brochure", status=ActionStatus.AFGEROND),
        ),
    )
    trajectories = [
        trajectory(
            i,
            decision=Decision.B,
            plan=Response.REFUSED,
            refusal=f"Zoë De Smet: reden {i}",
            closed=date(YEAR, 9, i),
            worked="Koen Verhaegen werd goed opgevangen",
        )
        for i in range(1, 8)
    ]
    this = year(YEAR, {"Zorg": aggregates(8)})
    report = build_annual_report(
        YEAR,
        "Bakkerij Het Brood",
        this,
        year(YEAR - 1, {"Zorg": aggregates(8)}),
        trajectories,
        names=NAMES,
        assessment=data,
        instrument=instrument,
        today=date(YEAR, 11, 1),
    )
    text = repr(dataclasses.asdict(report))
    for name in NAMES:
        for part in name.split():
            if part not in ("Van", "De"):
                assert part not in text, part
    assert report.refusals.behind == "7" and report.worked.behind == "7"
    assert report.refusals.withheld == NOT_REVIEWED and report.worked.texts == ()
    summary = report.assessment
    assert summary is not None
    assert (summary.open, summary.busy, summary.done, summary.overdue) == (1, 1, 1, 1)
    assert summary.checklists[0][1].toegepast == 1 and summary.checklists[0][1].tekortkoming == 1
    assert summary.actions[0].what == f"Werkplek van {PLACEHOLDER} aanpassen"
    assert report.period_note == ""


def test_a_department_percentage_over_few_absent_people_is_not_shown() -> None:
    def department(employees: int, absent: int) -> Aggregates:
        return dataclasses.replace(aggregates(employees), employees_with_absence=absent)

    # A kitchen of 6 with 4 of them absent at 20 %: its percentage points at those four.
    this = year(
        YEAR,
        {"Zorg": department(9, 5), "Onthaal": department(10, 0), "Keuken": department(6, 4)},
    )
    previous = year(
        YEAR - 1,
        {"Zorg": department(9, 6), "Onthaal": department(10, 5), "Keuken": department(6, 0)},
    )
    rows, note = department_rows(this, previous)
    labels = [r.label for r in rows]
    assert "Keuken" not in labels and OTHER_DEPARTMENTS in labels
    # The merged rest must pass the rule too: the smallest shown department joined it.
    assert labels == ["Onthaal", OTHER_DEPARTMENTS]
    assert "1 tot 4 afwezigen" in note
    # Nobody absent, or five and more: the percentage says nothing about a person.
    assert [r.label for r in department_rows(previous, previous)[0]] == ["Keuken", "Onthaal", "Zorg"]
