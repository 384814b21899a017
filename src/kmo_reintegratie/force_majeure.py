"""The medical force majeure procedure (art. 34 Arbeidsovereenkomstenwet) as a checklist.

Two kinds of items: **conditions** the dossier can judge (9 months of uninterrupted
incapacity, no re-integration trajectory running) — each met, not met or unknown — and
**steps** the user ticks (what the registered notice states, to whom it went).  Nothing here
decides for the user: the procedure may end the employment contract and this is no legal
advice (:data:`ENDS_CONTRACT_WARNING`).  Pure: the caller passes the dossier's facts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import field
from datetime import date
from enum import Enum

from kmo_reintegratie.absence import Absence, Employee, relapse_chain
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import LegalDate, duty_rule, force_majeure_dates
from kmo_reintegratie.legal.duties import (
    REASON_INFORMAL_TRAJECTORY,
    REASON_PARTIAL_RETURN,
    REASON_SIX_MONTHS,
)
from kmo_reintegratie.legal.periods import normalise_resumptions, running_period
from kmo_reintegratie.overview import chain_absences, legal_dates
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import Trajectory, TrajectoryKind

NINE_MONTHS_KEY = "medische_overmacht_mogelijk"
ENDS_CONTRACT_WARNING = (
    "Deze procedure kan leiden tot het einde van de arbeidsovereenkomst wegens medische "
    "overmacht. Dit overzicht en de ontwerpbrief zijn geen juridisch advies: laat u bijstaan "
    "door uw sociaal secretariaat of een jurist voor u de kennisgeving verstuurt."
)


class Status(str, Enum):
    MET = "voldaan"
    NOT_MET = "niet_voldaan"
    UNKNOWN = "onbekend"

    @property
    def label(self) -> str:
        return {"voldaan": "Voldaan", "niet_voldaan": "Niet voldaan", "onbekend": "Onbekend"}[
            self.value]

    @property
    def symbol(self) -> str:
        return {"voldaan": "✔", "niet_voldaan": "✘", "onbekend": "?"}[self.value]


@record
class Item:
    """One line of the checklist. ``tickable`` items are steps the user confirms."""

    key: str
    title: str
    status: Status
    explanation: str
    source: str
    unconfirmed_reason: str = ""
    tickable: bool = False

    @property
    def confirmed(self) -> bool:
        return not self.unconfirmed_reason


#: The steps the user ticks, in order: (key, title, rule).  The three statements are what
#: werk.belgie.be and Mensura say the employer's notice must contain.
STEPS: tuple[tuple[str, str, str], ...] = (
    ("kennisgeving_intentie",
     "Kennisgeving vermeldt de intentie na te gaan of het overeengekomen werk definitief "
     "onmogelijk is", "medische_overmacht_kennisgeving"),
    ("kennisgeving_aangepast_werk",
     "Kennisgeving vermeldt het recht de arbeidsarts te vragen aangepast of ander werk te "
     "onderzoeken", "medische_overmacht_kennisgeving"),
    ("kennisgeving_vakbond",
     "Kennisgeving vermeldt het recht op bijstand door de vakbondsafvaardiging",
     "medische_overmacht_kennisgeving"),
    ("aangetekend_werknemer", "Aangetekend verstuurd aan de werknemer",
     "medische_overmacht_kennisgeving"),
    ("aangetekend_arbeidsarts", "Aangetekend verstuurd aan de preventieadviseur-arbeidsarts",
     "medische_overmacht_kennisgeving"),
    ("vaststelling_ontvangen",
     "Vaststelling van de arbeidsarts ontvangen (definitief ongeschikt of niet)",
     "medische_overmacht_onderzoek"),
    ("riziv_en_fonds",
     "Na eenzijdige beëindiging: RIZIV gemeld binnen 45 dagen, € 1.800 aan het Terug Naar "
     "Werk-fonds", "medische_overmacht_einde"),
)
STEP_KEYS = tuple(key for key, _title, _rule in STEPS)


@record
class ForceMajeureCheck:
    """What the user stored for one absence: the ticked steps and the date of the notice."""

    absence_id: int
    ticked: frozenset[str] = frozenset()
    notice_sent_on: date | None = None


@record
class Assessment:
    possible_from: date | None  # the 9-month date (None when the timeline has none)
    conditions: tuple[Item, ...]
    steps: tuple[Item, ...]
    dates: tuple[LegalDate, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def conditions_met(self) -> bool:
        return all(c.status is Status.MET for c in self.conditions)


def nine_months_date(absence: Absence, employee: Employee,
                     absences: Iterable[Absence]) -> LegalDate | None:
    """The milestone "procedure medische overmacht mogelijk" of the absence's relapse chain."""
    by_id = {a.id: a for a in absences}
    by_id[absence.id] = absence
    milestones = legal_dates(absence, employee, by_id)
    return next((m for m in milestones if m.key == NINE_MONTHS_KEY), None)


def incapacity_since(absence: Absence, absences: Iterable[Absence]) -> date:
    """First day of the uninterrupted incapacity still running (across a relapse chain)."""
    by_id = {a.id: a for a in absences}
    by_id[absence.id] = absence
    start, resumptions = relapse_chain(absence, by_id)
    try:
        return running_period(start, normalise_resumptions(start, resumptions)).start
    except ValueError:  # inconsistent chain: the absence's own start is the safe reading
        return absence.starts


def assess(absence: Absence, employee: Employee, absences: Iterable[Absence],
           trajectories: Iterable[Trajectory], check: ForceMajeureCheck | None,
           today: date) -> Assessment:
    """The checklist for ``absence`` on ``today`` (``absences``: the employee's absences)."""
    absences = list(absences)
    milestone = nine_months_date(absence, employee, absences)
    # Once the notice went out, the conditions had to hold on that day, not on today.
    on = check.notice_sent_on if check and check.notice_sent_on else today
    conditions = (_nine_months(absence, milestone, absences, on, on != today),
                  _no_trajectory(trajectories, on))
    ticked = check.ticked if check else frozenset()
    steps = tuple(
        Item(key, title, Status.MET if key in ticked else Status.UNKNOWN,
             duty_rule(rule).note, duty_rule(rule).source,
             "" if duty_rule(rule).confirmed else duty_rule(rule).note, tickable=True)
        for key, title, rule in STEPS
    )
    dates = force_majeure_dates(check.notice_sent_on) if check and check.notice_sent_on else ()
    return Assessment(milestone.due if milestone else None, conditions, steps, tuple(dates),
                      (ENDS_CONTRACT_WARNING, REASON_SIX_MONTHS))


def _nine_months(absence: Absence, milestone: LegalDate | None, absences: list[Absence],
                 on: date, at_notice: bool) -> Item:
    rule = duty_rule("medische_overmacht_voorwaarden")
    title = "Minstens 9 maanden ononderbroken arbeidsongeschikt"
    if milestone is None:
        return Item("negen_maanden", title, Status.UNKNOWN,
                    "De tijdlijn van deze afwezigheid geeft geen datum voor 9 maanden.",
                    rule.source,
                    "Kijk de data van de afwezigheid na.")
    reasons = [milestone.unconfirmed_reason or ""]
    by_id = {a.id: a for a in absences}
    chain = chain_absences(absence, by_id, len(absences))
    if any(a.partial_returns for a in chain):
        reasons.append(REASON_PARTIAL_RETURN)
    reason = " ".join(r for r in reasons if r)
    if absence.returned_on is not None and absence.returned_on <= on:
        return Item("negen_maanden", title, Status.NOT_MET,
                    f"De werknemer hervatte het werk op {format_date(absence.returned_on)}; de "
                    "procedure veronderstelt een lopende ononderbroken ongeschiktheid.",
                    rule.source, reason)
    if milestone.due > on:
        text = (f"De kennisgeving van {format_date(on)} ligt vóór het einde van de 9 maanden "
                f"({format_date(milestone.due)})." if at_notice else
                f"De 9 maanden verstrijken pas op {format_date(milestone.due)}.")
        return Item("negen_maanden", title, Status.NOT_MET, text, rule.source, reason)
    status = Status.UNKNOWN if REASON_PARTIAL_RETURN in reasons else Status.MET
    return Item("negen_maanden", title, status,
                f"Ononderbroken arbeidsongeschikt; de 9 maanden verstreken op "
                f"{format_date(milestone.due)} (een hervatting van minder dan 14 dagen "
                "onderbreekt niet).", milestone.source, reason)


def _no_trajectory(trajectories: Iterable[Trajectory], on: date) -> Item:
    rule = duty_rule("medische_overmacht_voorwaarden")
    title = "Er loopt geen re-integratietraject"
    running = [t for t in trajectories
               if (t.closed_on is None or t.closed_on > on)
               and (t.request_date is None or t.request_date <= on)]
    formal = [t for t in running if t.kind is TrajectoryKind.FORMEEL]
    if formal:
        since = formal[0].request_date
        return Item("geen_traject", title, Status.NOT_MET,
                    "Er loopt een formeel re-integratietraject"
                    + (f" (aangevraagd op {format_date(since)})" if since else "")
                    + ". Rond het eerst af; tijdens een lopend traject kan de procedure niet "
                      "starten.", rule.source)
    if running:
        return Item("geen_traject", title, Status.UNKNOWN,
                    "Er loopt een informeel traject.", rule.source, REASON_INFORMAL_TRAJECTORY)
    return Item("geen_traject", title, Status.MET,
                "In het dossier loopt geen re-integratietraject voor deze werknemer.", rule.source)


def ticked_from_json(data: Mapping[str, object]) -> frozenset[str]:
    """The ticked step keys of a stored checklist; unknown keys are ignored."""
    return frozenset(k for k, v in data.items() if k in STEP_KEYS and v is True)
