"""Belgian legal rules for long-term sick employees: pure date calculations.

No Qt, no SQL, no I/O and never "today": callers pass every date.  Each rule carries its
legal source and the date it took effect (:data:`RULES`); facts that the fact sheet
(``wetgeving.md``) marks ``[?]``, or where sources differ, are returned with
``confirmed=False`` and a Dutch ``unconfirmed_reason`` so the UI shows "te bevestigen".

One module per subject:

* :mod:`.rules` (with :mod:`.rule_texts`): the registry of rules, sources, effective dates;
* :mod:`.terms`: term arithmetic — months at month ends, weekends and public holidays;
* :mod:`.periods`, :mod:`.eligibility`, :mod:`.guaranteed_salary`, :mod:`.relapse`,
  :mod:`.salary_milestones`: guaranteed salary, eligibility and relapse (herval);
* :mod:`.milestones`: the milestones of an absence;
* :mod:`.trajectory_terms`: the terms of a formal trajectory;
* :mod:`.initiative`: who may start a trajectory;
* :mod:`.return_examination`: the return-to-work examination under health surveillance;
* :mod:`.certificate_free_day`: one day of absence without a certificate (50+ workers);
* :mod:`.base`, :mod:`.records`, :mod:`.aftercare`: shared enums, result types, aftercare.

``from kmo_reintegratie import legal`` and every name below keep working as before the split.
"""

from __future__ import annotations

from kmo_reintegratie.legal.aftercare import aftercare_period
from kmo_reintegratie.legal.base import (
    ARBEIDSONGEVAL,
    BEROEPSZIEKTE,
    BEVESTIGD,
    GUARANTEED_SALARY_DAYS,
    MEDICAL_FORCE_MAJEURE_2022,
    ONGEVAL_PRIVE,
    RELAPSE_DAYS_BEFORE_2026,
    RELAPSE_DAYS_SINCE_2026,
    RIT_2016,
    RIT_2022,
    RIT_2026,
    SHORT_RESUMPTION_DAYS,
    TE_BEVESTIGEN,
    UNIFIED_STATUTE_2014,
    ZIEKTE,
    Decision,
    Initiator,
    Statute,
    decision_explanation,
    decision_label,
    format_date_nl,
)
from kmo_reintegratie.legal.certificate_free_day import (
    certificate_free_day_note,
    is_single_day,
)
from kmo_reintegratie.legal.eligibility import NOT_GIVEN, Scheme, salary_scheme
from kmo_reintegratie.legal.guaranteed_salary import SalaryPeriod, salary_periods
from kmo_reintegratie.legal.initiative import employer_may_start, who_may_start
from kmo_reintegratie.legal.milestones import absence_milestones
from kmo_reintegratie.legal.periods import Resumption
from kmo_reintegratie.legal.records import (
    AftercarePeriod,
    Deadline,
    InitiatorRule,
    LegalDate,
    Milestone,
    RelapseCheck,
    RelapseWindow,
    Rule,
    StartRule,
)
from kmo_reintegratie.legal.relapse import is_possible_relapse, relapse_window
from kmo_reintegratie.legal.return_examination import return_examination
from kmo_reintegratie.legal.rules import RULES, rule
from kmo_reintegratie.legal.terms import (
    add_months,
    add_working_days,
    is_working_day,
    month_readings,
    months_after,
    next_working_day,
)
from kmo_reintegratie.legal.trajectory_terms import trajectory_deadlines

__all__ = [
    "ARBEIDSONGEVAL",
    "BEROEPSZIEKTE",
    "BEVESTIGD",
    "GUARANTEED_SALARY_DAYS",
    "MEDICAL_FORCE_MAJEURE_2022",
    "NOT_GIVEN",
    "ONGEVAL_PRIVE",
    "RELAPSE_DAYS_BEFORE_2026",
    "RELAPSE_DAYS_SINCE_2026",
    "RIT_2016",
    "RIT_2022",
    "RIT_2026",
    "RULES",
    "SHORT_RESUMPTION_DAYS",
    "TE_BEVESTIGEN",
    "UNIFIED_STATUTE_2014",
    "ZIEKTE",
    "AftercarePeriod",
    "Deadline",
    "Decision",
    "Initiator",
    "InitiatorRule",
    "LegalDate",
    "Milestone",
    "RelapseCheck",
    "RelapseWindow",
    "Resumption",
    "Rule",
    "SalaryPeriod",
    "Scheme",
    "StartRule",
    "Statute",
    "absence_milestones",
    "add_months",
    "add_working_days",
    "aftercare_period",
    "certificate_free_day_note",
    "decision_explanation",
    "decision_label",
    "employer_may_start",
    "format_date_nl",
    "is_possible_relapse",
    "is_single_day",
    "is_working_day",
    "month_readings",
    "months_after",
    "next_working_day",
    "relapse_window",
    "return_examination",
    "rule",
    "salary_periods",
    "salary_scheme",
    "trajectory_deadlines",
    "who_may_start",
]

# The preventive request and the medical force majeure procedure (issue 13, points 14-15).
from kmo_reintegratie.legal.duties import (  # noqa: E402
    DUTY_RULES,
    duty_rule,
    force_majeure_dates,
    preventive_answer_due,
)

__all__ += ["DUTY_RULES", "duty_rule", "force_majeure_dates", "preventive_answer_due"]
