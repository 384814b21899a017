"""Do a plan's dates fit together? Validity, schedule steps, evaluation moments and aftercare.

A plan that runs "tot en met 8 juni 2027" cannot promise an evaluation talk on 10 december
2027 unless the aftercare runs that long, and aftercare that stops while the plan still
runs leaves its last months without follow-up. Pure rules, no I/O: the plan editor shows
each problem next to its field (``DateProblem.field``), and the plan PDF refuses a draft
whose dates contradict each other.

Only the relation between dates is checked here; a missing or reversed validity period is
``trajectory.check_plan``'s job, and without a complete validity nothing is reported.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from kmo_reintegratie.dates import long_date
from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.trajectory import PlanVersion

#: The fields a problem belongs to (where the editor shows it).
SCHEDULE, EVALUATION, AFTERCARE = "schedule", "evaluation", "aftercare"


@record
class DateProblem:
    field: str  # SCHEDULE, EVALUATION or AFTERCARE
    message: str  # Dutch, a full sentence


def plan_date_problems(plan: PlanVersion) -> list[DateProblem]:
    """What in ``plan``'s dates contradicts its validity period; empty when consistent.

    Schedule steps lie within the validity. Aftercare runs at least to the plan's last day.
    Evaluation moments lie between the plan's first day and the later of its last day and
    the end of the aftercare (an evaluation after the plan belongs to the aftercare).
    """
    start, end = plan.valid_from, plan.valid_until
    if start is None or end is None or end < start:
        return []
    problems: list[DateProblem] = []
    for number, step in enumerate(sorted(plan.schedule, key=lambda s: s.starts), start=1):
        if step.starts < start:
            problems.append(DateProblem(SCHEDULE, (
                f"Stap {number} van het uurrooster begint op {long_date(step.starts)}, vóór de "
                f"start van het plan ({long_date(start)}).")))
        elif step.starts > end:
            problems.append(DateProblem(SCHEDULE, (
                f"Stap {number} van het uurrooster begint op {long_date(step.starts)}, na het "
                f"einde van het plan ({long_date(end)}).")))
        elif step.ends is not None and step.ends > end:
            problems.append(DateProblem(SCHEDULE, (
                f"Stap {number} van het uurrooster loopt tot {long_date(step.ends)}, na het "
                f"einde van het plan ({long_date(end)}).")))
    aftercare = plan.aftercare_until
    if aftercare is not None and aftercare < end:
        problems.append(DateProblem(AFTERCARE, (
            f"De nazorg eindigt op {long_date(aftercare)}, vóór het einde van het plan "
            f"({long_date(end)}). Laat de nazorg minstens tot het einde van het plan lopen.")))
    followed_until = max(end, aftercare) if aftercare is not None else end
    for moment in sorted(set(plan.evaluation_moments)):
        if moment < start:
            problems.append(DateProblem(EVALUATION, (
                f"Het evaluatiegesprek van {long_date(moment)} ligt vóór de start van het plan "
                f"({long_date(start)}).")))
        elif moment > followed_until:
            problems.append(DateProblem(EVALUATION, _after_the_end(moment, end, aftercare)))
    return problems


def _after_the_end(moment: date, end: date, aftercare: date | None) -> str:
    if aftercare is not None and aftercare >= end:
        where = f"na het einde van de nazorg ({long_date(aftercare)})"
    else:
        where = f"na het einde van het plan ({long_date(end)})"
    return (f"Het evaluatiegesprek van {long_date(moment)} ligt {where}. Verleng de nazorg "
            "tot na dat gesprek, of schrap het.")


def check_plan_dates(plan: PlanVersion) -> list[str]:
    """The Dutch messages of :func:`plan_date_problems`."""
    return [problem.message for problem in plan_date_problems(plan)]
