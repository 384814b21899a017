"""Milestones of one absence: guaranteed salary, the 4-week report, RIT 3.0, force majeure.

Absence thresholds ("after 4 weeks", "after 9 months") give the first day on which the period
has fully elapsed, counting the first day of incapacity as day 1: ``due = start + period``.
The guaranteed salary milestone is the *last* paid day (day 30 = ``start + 29 days``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from kmo_reintegratie.legal.base import (
    ARBEIDSONGEVAL,
    MEDICAL_FORCE_MAJEURE_2022,
    OCCUPATIONAL_KINDS,
    RIT_2026,
    Statute,
    format_date_nl,
    normalise_kind,
)
from kmo_reintegratie.legal.eligibility import NOT_GIVEN, ServiceStart
from kmo_reintegratie.legal.guaranteed_salary import walk
from kmo_reintegratie.legal.periods import (
    Resumption,
    incapacity_periods,
    normalise_resumptions,
    running_period,
)
from kmo_reintegratie.legal.records import LegalDate, Milestone
from kmo_reintegratie.legal.return_examination import return_examination
from kmo_reintegratie.legal.rule_texts import (
    REASON_RESUMPTION_ANALOGY,
    REASON_RIT3_OLD_ABSENCE,
    REASON_SHORT_RESUMPTION_COUNTED,
)
from kmo_reintegratie.legal.rules import make, rule
from kmo_reintegratie.legal.salary_milestones import salary_milestones
from kmo_reintegratie.legal.terms import months_after

_nl = format_date_nl

_ORDER = {
    "gewaarborgd_loon_einde_100_procent": 0,
    "gewaarborgd_loon_einde_85_procent": 1,
    "melding_arbeidsarts": 2,
    "einde_gewaarborgd_loon": 3,
    "geen_gewaarborgd_loon": 3,
    "traject_na_tijdelijke_ongeschiktheid": 4,
    "inschatting_arbeidspotentieel": 4,
    "uiterste_aanvraag_traject": 5,
    "medische_overmacht_mogelijk": 6,
    "werkhervattingsonderzoek": 7,
}


def absence_milestones(start: date, statute: Statute | str,
                       resumptions: Iterable[Resumption] = (), *,
                       period_ends: Iterable[date] = (),
                       kind: object = None,
                       period_kinds: Sequence[object] = (),
                       reintegration_work: Iterable[date] = (),
                       in_service_from: ServiceStart = NOT_GIVEN,
                       contract_under_3_months: bool | None = None,
                       health_surveillance: bool = False,
                       returned_on: date | None = None,
                       expected_return: date | None = None) -> tuple[Milestone, ...]:
    """Milestones of one absence, sorted by date.

    ``start`` is the first day of incapacity; ``resumptions`` are periods of effective work
    in between as inclusive ``(from, to)`` pairs.  Optional facts, all keyword-only:

    * ``period_ends``: the certificates' last days; a period of incapacity ends on the
      latest one before the return instead of the day before the return (Friday
      certificate, Monday return).
    * ``kind`` (of the running period) and ``period_kinds`` (one per period, oldest first):
      values of ``absence.IncapacityKind``.  A work accident or occupational disease gives a
      new guaranteed salary after a relapse, and its trajectory waits for the end of the
      temporary incapacity under that regime (no 8-week or 6-month due date).
    * ``reintegration_work``: first days of the resumptions that were adapted or other work
      inside a re-integration trajectory: a new incapacity after them gives no new
      guaranteed salary (unless work accident or occupational disease).
    * ``in_service_from`` (``None`` = not known) and ``contract_under_3_months``: the
      eligibility conditions; not passing ``in_service_from`` skips the check.
    * ``health_surveillance``: the worker is under health surveillance; with
      ``returned_on`` (first day back) or ``expected_return`` (estimated first day back) the
      return-to-work examination is dated on that day (approximate for an estimate).

    Keys: ``einde_gewaarborgd_loon`` (plus, under the arbeider scheme,
    ``gewaarborgd_loon_einde_100_procent`` and ``gewaarborgd_loon_einde_85_procent``) or
    ``geen_gewaarborgd_loon``; ``melding_arbeidsarts``; ``inschatting_arbeidspotentieel`` and
    ``uiterste_aanvraag_traject``, or ``traject_na_tijdelijke_ongeschiktheid`` (undated) for
    a work accident or occupational disease; ``medische_overmacht_mogelijk``;
    ``werkhervattingsonderzoek`` under health surveillance after an absence of 4 weeks.

    A rule is left out when its due date lies before the rule took effect.  The 2026 rules
    for an absence that began before 1 January 2026 but fall due after it are returned
    flagged "te bevestigen" (only one unofficial source limits them to newer absences).
    """
    statute = Statute(str(statute).lower())
    res = normalise_resumptions(start, resumptions)
    periods = incapacity_periods(start, res, period_ends)
    salary = walk(start, statute, res, periods, kinds=period_kinds, kind=kind,
                  reintegration_work=frozenset(reintegration_work),
                  in_service_from=in_service_from,
                  contract_under_3_months=contract_under_3_months)
    running = running_period(start, res)
    rs = running.start
    analogy = [REASON_RESUMPTION_ANALOGY] if res else []
    since = f"sinds {_nl(rs)}" + (" (na een werkhervatting)" if rs != start else "")

    milestones: list[LegalDate] = salary_milestones(salary, statute, bool(res))

    due = rs + timedelta(weeks=4)
    if due >= rule("melding_arbeidsarts").effective_from:  # type: ignore[operator]
        milestones.append(make(
            "melding_arbeidsarts", due, "Arbeidsongeschiktheid melden aan de arbeidsarts",
            f"De werknemer is {since} 4 weken arbeidsongeschikt. De werkgever meldt elke "
            "arbeidsongeschiktheid van minstens 4 weken aan de preventieadviseur-arbeidsarts, "
            "die de werknemer dan informeert over het bezoek voorafgaand aan de werkhervatting "
            "en het re-integratietraject. Dit is geen controlegeneeskunde.",
            "melding_arbeidsarts", analogy))

    current_kind = normalise_kind(kind)
    if current_kind is None and period_kinds:
        current_kind = normalise_kind(period_kinds[-1])
    if current_kind in OCCUPATIONAL_KINDS:
        milestones.append(_occupational_trajectory(rs, current_kind))
    else:
        milestones.extend(_rit3(rs, since, analogy))

    due, month_reasons, reading = months_after(rs, 9, latest=False)
    if due >= MEDICAL_FORCE_MAJEURE_2022:
        bridged = [REASON_SHORT_RESUMPTION_COUNTED] if running.bridged else []
        milestones.append(make(
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
            "medische_overmacht", [*bridged, *month_reasons], reading=reading))

    if health_surveillance:
        # The examination follows this absence itself (the last period of a relapse chain),
        # not the legal periods that a relapse continues.
        examination = return_examination(periods[-1].start, returned_on=returned_on,
                                         expected_return=expected_return)
        if examination is not None and examination.due >= examination.effective_from:
            milestones.append(examination)

    return tuple(sorted(milestones, key=lambda m: (m.due, _ORDER.get(m.key, 99))))


def _rit3(rs: date, since: str, analogy: list[str]) -> list[LegalDate]:
    out: list[LegalDate] = []

    def add(key: str, due: date, title: str, explanation: str, rule_key: str,
            reasons: list[str], *, deadline: bool = False, reading: str = "") -> None:
        # A rule of 2026 cannot be due before it existed; for an older absence it is shown
        # flagged rather than hidden (see absence_milestones).
        if rs < RIT_2026:
            if due < RIT_2026:
                return
            reasons = [*reasons, REASON_RIT3_OLD_ABSENCE]
        out.append(make(key, due, title, explanation, rule_key, reasons, deadline=deadline,
                        reading=reading))

    add("inschatting_arbeidspotentieel", rs + timedelta(weeks=8),
        "Inschatting van het arbeidspotentieel door de arbeidsarts mogelijk",
        f"De werknemer is {since} 8 weken arbeidsongeschikt. Sinds 2026 kan de werkgever de "
        "preventieadviseur-arbeidsarts vragen een inschatting van het arbeidspotentieel te "
        "maken; daarvoor is geen instemming van de werknemer nodig. Of de werkgever dat moet "
        "doen of enkel kan, verschillen de bronnen. Stelt de arbeidsarts arbeidspotentieel "
        "vast, dan mag de werkgever zonder instemming een traject aanvragen. De arbeidsarts "
        "deelt geen medische gegevens mee.",
        "inschatting_arbeidspotentieel", analogy)

    due, month_reasons, reading = months_after(rs, 6, latest=True)
    add("uiterste_aanvraag_traject", due,
        "Uiterste datum aanvraag re-integratietraject (bij arbeidspotentieel)",
        "Stelde de arbeidsarts arbeidspotentieel vast, dan moet de werkgever sinds 2026 een "
        "formeel re-integratietraject aanvragen, uiterlijk 6 maanden na het begin van de "
        f"arbeidsongeschiktheid ({_nl(rs)}). Zonder vastgesteld arbeidspotentieel geldt "
        "deze verplichting niet. Niet-opstarten is strafbaar; vanaf welk aantal werknemers "
        "en met welke sanctie is te bevestigen.",
        "uiterste_aanvraag_traject", [*analogy, *month_reasons], deadline=True, reading=reading)
    return out


def _occupational_trajectory(rs: date, kind: str) -> LegalDate:
    what = "arbeidsongeval" if kind == ARBEIDSONGEVAL else "beroepsziekte"
    return make(
        "traject_na_tijdelijke_ongeschiktheid", rs,
        f"Re-integratietraject pas na het einde van de tijdelijke ongeschiktheid ({what})",
        f"Deze afwezigheid is een {what}. Een re-integratietraject kan pas starten zodra de "
        f"tijdelijke arbeidsongeschiktheid in de regeling {what} beëindigd is; de "
        "terugkeerprocedures van die regeling (verzekeraar, Fedris) gaan voor. De inschatting "
        "van het arbeidspotentieel na 8 weken en de uiterste aanvraag na 6 maanden krijgen "
        "daarom geen vervaldag.",
        "traject_beroepsrisico", undated=True)
