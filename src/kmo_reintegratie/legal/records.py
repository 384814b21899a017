"""The frozen results every legal function returns: each carries its source and effective date.

A result is ``confirmed`` only when the rule and every fact behind the date are confirmed by a
source; otherwise ``unconfirmed_reason`` says in Dutch why the UI must show "te bevestigen".
Fields added after the first release all have defaults, so existing callers keep working.
"""

from __future__ import annotations

from datetime import date

from kmo_reintegratie.legal.base import BEVESTIGD, TE_BEVESTIGEN, Initiator
from kmo_reintegratie.record import record


@record
class Rule:
    """One legal rule (or calculation convention) with its source.

    ``effective_from`` is ``None`` only for calculation conventions of the app
    and for announced rules whose start date is unknown.  For unconfirmed
    rules ``note`` starts with the reason why the rule is "te bevestigen".
    """

    key: str
    title: str
    source: str
    effective_from: date | None
    confirmed: bool
    note: str = ""

    @property
    def status(self) -> str:
        return BEVESTIGD if self.confirmed else TE_BEVESTIGEN


@record
class LegalDate:
    """A dated milestone or deadline, with its legal source.

    ``due`` is the day computed from the dates the caller passed.  The optional fields say
    how sure that day is:

    * ``next_working_day``: ``due`` is a Saturday, Sunday or public holiday and a
      procedural term might move to this day (Judicial Code art. 53; "te bevestigen").
    * ``latest_end``: for a term that binds someone else (the employee's appeal), the last
      day on which it may still be running under any reading; only after this day has it
      surely ended.  ``None`` when that is ``next_working_day or due``.
    * ``approximate``: ``due`` rests on an estimate because a date is not known.
    * ``reading``: which reading of a term in months was taken, when they differ.
    * ``undated``: no due date applies (e.g. a trajectory that must wait for the end of a
      work-accident incapacity); ``due`` is then only the reference day of the rule.
    """

    key: str
    due: date
    title: str
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None
    next_working_day: date | None = None
    latest_end: date | None = None
    approximate: bool = False
    reading: str = ""
    undated: bool = False

    def __post_init__(self) -> None:
        if self.confirmed and self.unconfirmed_reason:
            raise ValueError("a confirmed date cannot have an unconfirmed_reason")
        if not self.confirmed and not self.unconfirmed_reason:
            raise ValueError("an unconfirmed date needs an unconfirmed_reason")
        if not self.source:
            raise ValueError("every legal date needs a source")

    @property
    def status(self) -> str:
        return BEVESTIGD if self.confirmed else TE_BEVESTIGEN

    @property
    def surely_ended_after(self) -> date:
        """The day after which the term has ended under every reading."""
        return self.latest_end or self.next_working_day or self.due


Milestone = LegalDate
Deadline = LegalDate


@record
class StartRule:
    """May the employer request a formal re-integration trajectory?

    ``earliest``: first date on which the employer may file the request given
    the facts passed (``None`` when that depends on an event that has not
    happened, e.g. a finding of work potential).  ``latest``: since 2026, the
    date by which the employer *must* request it once work potential was found.
    """

    allowed: bool
    earliest: date | None
    latest: date | None
    regime: str
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    @property
    def status(self) -> str:
        return BEVESTIGD if self.confirmed else TE_BEVESTIGEN


@record
class InitiatorRule:
    initiator: Initiator
    may_start: bool
    condition: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    @property
    def label(self) -> str:
        return self.initiator.label


@record
class RelapseWindow:
    """Dates on which a new incapacity is a possible relapse (herval)."""

    previous_return: date
    first_day: date
    last_day: date
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.first_day <= d <= self.last_day


@record
class RelapseCheck:
    possible: bool
    previous_return: date
    new_start: date
    last_day: date
    explanation: str
    source: str
    effective_from: date
    confirmed: bool
    unconfirmed_reason: str | None = None
    #: False when the kind of incapacity rules a relapse out (work accident, occupational
    #: disease): a new guaranteed salary is due whatever the dates.
    relapse_rules_apply: bool = True


@record
class AftercarePeriod:
    """Suggested aftercare period (a date range, both ends inclusive)."""

    start: date
    end: date
    explanation: str
    source: str
    note: str

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end
