"""Guaranteed salary over a chain of incapacities: relapses, kinds of incapacity, eligibility.

The walk over the periods follows art. 52 §1 (arbeider) and art. 70–71 (bediende) of the
Arbeidsovereenkomstenwet as the social secretariats explain them:

* A new incapacity within the relapse window only continues the balance of the running
  entitlement.  With several relapses the window runs from the day after the **last period
  that gave rise to guaranteed salary** (Securex, "meerdere keren herval"): for an arbeider a
  period in which a day at 100 % or 85,88 % (day 1–14) was paid; a period that only paid the
  balance at 25,88 % does not count.  For a bediende every day of the 30 is salary of art. 70,
  so a period that paid any of it counts; when the other reading (only a period that started
  the entitlement counts) would give another answer, the result is flagged.
* An occupational disease or a work accident gives a new guaranteed salary, relapse or not.
* A new incapacity during adapted or other work inside a re-integration trajectory gives no
  new guaranteed salary (the sickness fund pays at once) unless it is an occupational disease
  or a work accident.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from kmo_reintegratie.legal.base import (
    ARBEIDER_FIRST_PARAGRAPH_DAYS,
    GUARANTEED_SALARY_DAYS,
    OCCUPATIONAL_KINDS,
    Statute,
    format_date_nl,
    normalise_kind,
)
from kmo_reintegratie.legal.eligibility import NOT_GIVEN, ServiceStart, salary_scheme
from kmo_reintegratie.legal.periods import (
    IncapacityPeriod,
    Resumption,
    incapacity_periods,
    normalise_resumptions,
)
from kmo_reintegratie.legal.records import RelapseCheck
from kmo_reintegratie.legal.relapse import is_possible_relapse
from kmo_reintegratie.record import record

_nl = format_date_nl
_THRESHOLDS = (7, ARBEIDER_FIRST_PARAGRAPH_DAYS, GUARANTEED_SALARY_DAYS)


@record
class SalaryPeriod:
    """What one period of incapacity gave: ``paid_days`` as day numbers of the entitlement.

    ``outcome`` is ``"nieuw"`` (a new entitlement), ``"herval"`` (balance only) or ``"geen"``
    (no guaranteed salary: not eligible, or a new incapacity during re-integration work).
    ``anchor``: the relapse window of a later period runs from the day after this period.
    """

    period: IncapacityPeriod
    outcome: str
    paid_days: tuple[int, int] | None
    anchor: bool
    explanation: str
    unconfirmed_reasons: tuple[str, ...] = ()


@dataclass
class SalaryWalk:
    """The result of :func:`walk`: the periods and the entitlement running in the last one."""

    statute: Statute
    periods: list[SalaryPeriod] = field(default_factory=list)
    entitlement_start: date | None = None
    marks: dict[int, date] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    eligible: bool | None = True


def _kind_of(index: int, kinds: Sequence[object], last_kind: object, count: int) -> str | None:
    if index < len(kinds) and kinds[index] is not None:
        return normalise_kind(kinds[index])
    return normalise_kind(last_kind) if index == count - 1 else None


def walk(start: date, statute: Statute, resumptions: tuple[Resumption, ...],
         periods: tuple[IncapacityPeriod, ...], *, kinds: Sequence[object] = (),
         kind: object = None, reintegration_work: frozenset[date] = frozenset(),
         in_service_from: ServiceStart = NOT_GIVEN,
         contract_under_3_months: bool | None = None) -> SalaryWalk:
    """Walk the periods and decide, for each, which guaranteed salary it gives."""
    result = SalaryWalk(statute)
    used = 0
    anchor: IncapacityPeriod | None = None  # reading of the law text (every paid period)
    anchor_fresh: IncapacityPeriod | None = None  # other reading (bediende only)
    scheme = statute
    for period in periods:
        i = period.index
        kind_i = _kind_of(i, kinds, kind, len(periods))
        back = resumptions[i - 1][0] if i > 0 else None
        check_reasons: list[str] = []
        if i == 0 or anchor is None:
            outcome = "nieuw"
            text = ""
        elif kind_i in OCCUPATIONAL_KINDS:
            outcome = "nieuw"
            text = (f"Nieuwe ongeschiktheid op {_nl(period.start)} door een "
                    f"{'beroepsziekte' if kind_i == 'beroepsziekte' else 'arbeidsongeval'}: "
                    "opnieuw gewaarborgd loon, ook al zou het een herval zijn.")
        elif back is not None and back in reintegration_work:
            outcome = "geen"
            text = (f"Nieuwe ongeschiktheid op {_nl(period.start)} tijdens aangepast of ander "
                    "werk in een re-integratietraject: geen nieuw gewaarborgd loon, het "
                    "ziekenfonds betaalt meteen (tenzij het een beroepsziekte of arbeidsongeval "
                    "van die periode is).")
        else:
            check = _check(anchor, periods, resumptions, period.start)
            outcome = "herval" if check.possible else "nieuw"
            check_reasons = [check.unconfirmed_reason] if check.unconfirmed_reason else []
            if scheme is Statute.BEDIENDE and anchor_fresh is not None and anchor_fresh != anchor:
                other = _check(anchor_fresh, periods, resumptions, period.start)
                if other.possible != check.possible:
                    check_reasons.append(_reading_reason(anchor, anchor_fresh, period.start))
            since = _nl(anchor.end) if anchor.end else ""
            text = (f"Nieuwe ongeschiktheid op {_nl(period.start)} binnen de hervaltermijn na "
                    f"de periode die gewaarborgd loon deed ontstaan (einde {since}): geen nieuw "
                    "gewaarborgd loon" if check.possible else
                    f"Nieuwe ongeschiktheid op {_nl(period.start)} meer dan de hervaltermijn na "
                    f"de laatste periode die gewaarborgd loon deed ontstaan (einde {since}): "
                    "nieuw gewaarborgd loon")
        if outcome == "nieuw":
            sch = salary_scheme(statute, period.start, in_service_from, contract_under_3_months)
            scheme = sch.statute
            used = 0
            result.entitlement_start = period.start
            result.marks = {}
            result.notes = [*sch.notes] + ([text + "."] if text else [])
            result.reasons = [*check_reasons, *sch.reasons]
            result.eligible = sch.eligible
            result.statute = scheme
            if sch.eligible is False:
                outcome = "geen"
        elif outcome == "herval":
            result.reasons.extend(r for r in check_reasons if r not in result.reasons)
            left = max(0, GUARANTEED_SALARY_DAYS - used)
            result.notes.append(
                text + (f", enkel het saldo ({left} dagen) loopt verder." if left else
                        ", het gewaarborgd loon was al opgebruikt."))
        else:
            result.notes.append(text)
        paid = None
        is_anchor = False
        if outcome != "geen":
            length = period.length
            first_day = used + 1
            last_day = GUARANTEED_SALARY_DAYS if length is None else min(
                GUARANTEED_SALARY_DAYS, used + length)
            if first_day <= last_day:
                paid = (first_day, last_day)
                for n in _THRESHOLDS:
                    if first_day <= n <= last_day:
                        result.marks[n] = period.start + timedelta(days=n - used - 1)
                limit = (ARBEIDER_FIRST_PARAGRAPH_DAYS if scheme is Statute.ARBEIDER
                         else GUARANTEED_SALARY_DAYS)
                is_anchor = first_day <= limit and period.end is not None
            used += GUARANTEED_SALARY_DAYS if length is None else length
        if is_anchor:
            anchor = period
            if outcome == "nieuw":
                anchor_fresh = period
        result.periods.append(SalaryPeriod(period, outcome, paid, is_anchor,
                                           result.notes[-1] if result.notes else "",
                                           tuple(check_reasons)))
    return result


def _check(anchor: IncapacityPeriod, periods: tuple[IncapacityPeriod, ...],
           resumptions: tuple[Resumption, ...], new_start: date) -> RelapseCheck:
    back = resumptions[anchor.index][0]
    end = anchor.end if anchor.end_from_certificate else None
    return is_possible_relapse(back, new_start, previous_end=end)


def _reading_reason(anchor: IncapacityPeriod, fresh: IncapacityPeriod, new_start: date) -> str:
    return (
        f"Bediende: de periode die eindigde op {_nl(anchor.end or new_start)} betaalde enkel "
        "een saldo van het gewaarborgd loon. Volgens de wettekst (een periode die aanleiding "
        "gaf tot betaling van het gewaarborgd loon) loopt de hervaltermijn vanaf die periode; "
        "telt enkel een periode die het recht opende, dan loopt hij vanaf de periode die "
        f"eindigde op {_nl(fresh.end or new_start)} en is de uitkomst anders. De app volgt de "
        "wettekst."
    )


def salary_periods(start: date, statute: Statute | str, resumptions: Sequence[Resumption] = (),
                   *, period_ends: Sequence[date] = (), kind: object = None,
                   period_kinds: Sequence[object] = (),
                   reintegration_work: Sequence[date] = (),
                   in_service_from: ServiceStart = NOT_GIVEN,
                   contract_under_3_months: bool | None = None) -> tuple[SalaryPeriod, ...]:
    """Per period of a relapse chain: new entitlement, relapse (balance) or no salary.

    Same arguments as :func:`absence_milestones`.  The absence list can show, per absence,
    whether it is a relapse measured from the right period of the chain.
    """
    st = Statute(str(statute).lower())
    res = normalise_resumptions(start, resumptions)
    result = walk(start, st, res, incapacity_periods(start, res, period_ends),
                  kinds=period_kinds, kind=kind, reintegration_work=frozenset(reintegration_work),
                  in_service_from=in_service_from,
                  contract_under_3_months=contract_under_3_months)
    return tuple(result.periods)
