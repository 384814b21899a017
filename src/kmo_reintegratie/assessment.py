"""Self-assessment with the FOD WASO instrument: answers, section states, actions.

The rules follow the instrument's "Hoe dit instrument gebruiken?": a tevreden
smiley means TOEGEPAST and the advice can be skipped; a neutrale smiley means
OVERWEGEN, advice worth reading but no action required; a boze smiley means
TEKORTKOMING: priority action, so the section needs at least one action.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import field
from datetime import date, timedelta
from enum import Enum

from kmo_reintegratie.record import record

DUE_SOON_DAYS = 14


class Answer(str, Enum):
    TOEGEPAST = "toegepast"
    OVERWEGEN = "overwegen"
    TEKORTKOMING = "tekortkoming"

    @property
    def label(self) -> str:
        return {"toegepast": "Toegepast", "overwegen": "Overwegen", "tekortkoming": "Tekortkoming"}[self.value]

    @property
    def smiley_name(self) -> str:
        return {"toegepast": "tevreden smiley", "overwegen": "neutrale smiley", "tekortkoming": "boze smiley"}[
            self.value
        ]

    @property
    def explanation(self) -> str:
        return {
            "toegepast": "De organisatie heeft maatregelen genomen die op de vraag antwoorden.",
            "overwegen": "Gepaste maatregelen ontbreken, maar er is nu geen prioriteit om eraan te werken.",
            "tekortkoming": "De organisatie beantwoordt niet aan de vraag maar zou dat wel moeten: prioritair actie nemen.",
        }[self.value]

    @property
    def points(self) -> int:
        return {"toegepast": 2, "overwegen": 1, "tekortkoming": 0}[self.value]


ANSWER_ORDER = (Answer.TOEGEPAST, Answer.OVERWEGEN, Answer.TEKORTKOMING)


class SectionState(str, Enum):
    NOT_ANSWERED = "niet_beantwoord"
    INCOMPLETE = "onvolledig"
    IN_ORDER = "in_orde"
    CONSIDER = "overwegen"
    ACTION_NEEDED = "actie_nodig"
    ACTION_PLANNED = "actie_gepland"

    @property
    def label(self) -> str:
        return {
            "niet_beantwoord": "Nog niet beantwoord",
            "onvolledig": "Onvolledig beantwoord",
            "in_orde": "In orde",
            "overwegen": "Te overwegen",
            "actie_nodig": "Actie nodig",
            "actie_gepland": "Actie gepland",
        }[self.value]

    @property
    def shows_advice(self) -> bool:
        """Examples and advice unfolded (they stay available when folded)."""
        return self in (SectionState.CONSIDER, SectionState.ACTION_NEEDED, SectionState.ACTION_PLANNED)

    @property
    def shows_actions(self) -> bool:
        return self in (SectionState.ACTION_NEEDED, SectionState.ACTION_PLANNED, SectionState.CONSIDER)


def section_state(answers: Sequence[Answer | None], action_count: int) -> SectionState:
    """State of a section from its questions' answers (None = not answered yet)."""
    given = [a for a in answers if a is not None]
    if Answer.TEKORTKOMING in given:
        return SectionState.ACTION_PLANNED if action_count else SectionState.ACTION_NEEDED
    if not given:
        return SectionState.NOT_ANSWERED
    if len(given) < len(answers):
        return SectionState.INCOMPLETE
    if Answer.OVERWEGEN in given:
        return SectionState.CONSIDER
    return SectionState.IN_ORDER


def unfolds_guidance(answers: Sequence[Answer | None], action_count: int) -> bool:
    """Whether examples, advice and actions are shown: a ☹ or a 😐 anywhere in the section.

    A 😐 unfolds them at once, even while other questions are still unanswered.
    """
    return section_state(answers, action_count).shows_advice or Answer.OVERWEGEN in answers


@record
class Tally:
    """Answered/total and the count of each smiley."""

    total: int = 0
    toegepast: int = 0
    overwegen: int = 0
    tekortkoming: int = 0

    @property
    def answered(self) -> int:
        return self.toegepast + self.overwegen + self.tekortkoming

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.answered == self.total

    def count(self, answer: Answer) -> int:
        return int(getattr(self, answer.value))

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(
            self.total + other.total,
            self.toegepast + other.toegepast,
            self.overwegen + other.overwegen,
            self.tekortkoming + other.tekortkoming,
        )


def tally(answers: Iterable[Answer | None]) -> Tally:
    values = list(answers)
    return Tally(
        total=len(values),
        toegepast=values.count(Answer.TOEGEPAST),
        overwegen=values.count(Answer.OVERWEGEN),
        tekortkoming=values.count(Answer.TEKORTKOMING),
    )


class ActionStatus(str, Enum):
    OPEN = "open"
    BEZIG = "bezig"
    AFGEROND = "afgerond"

    @property
    def label(self) -> str:
        return {"open": "Open", "bezig": "Bezig", "afgerond": "Afgerond"}[self.value]


class Urgency(str, Enum):
    NONE = "geen"
    DUE_SOON = "binnenkort"
    OVERDUE = "te_laat"

    @property
    def label(self) -> str:
        return {"geen": "", "binnenkort": "Binnenkort", "te_laat": "Te laat"}[self.value]


@record
class Round:
    id: int
    title: str
    held_on: date
    based_on: int | None = None
    closed: bool = False


@record
class Action:
    id: int
    round_id: int
    section_id: str
    what: str
    who: str = ""
    due: date | None = None
    remarks: str = ""
    status: ActionStatus = ActionStatus.OPEN
    carried_from: int | None = None

    def urgency(self, today: date) -> Urgency:
        if self.due is None or self.status is ActionStatus.AFGEROND:
            return Urgency.NONE
        if self.due < today:
            return Urgency.OVERDUE
        if self.due <= today + timedelta(days=DUE_SOON_DAYS):
            return Urgency.DUE_SOON
        return Urgency.NONE


@record
class RoundData:
    """Everything of one round, as the report and the comparison need it."""

    round: Round
    answers: dict[str, Answer] = field(default_factory=dict)  # question id → answer
    comments: dict[str, str] = field(default_factory=dict)  # section id → comment
    actions: tuple[Action, ...] = ()

    def actions_of(self, section_id: str) -> list[Action]:
        return [a for a in self.actions if a.section_id == section_id]


class Change(str, Enum):
    BETTER = "beter"
    WORSE = "slechter"
    SAME = "gelijk"
    NOT_COMPARABLE = "niet_vergelijkbaar"

    @property
    def label(self) -> str:
        return {"beter": "Beter", "slechter": "Slechter", "gelijk": "Gelijk",
                "niet_vergelijkbaar": "Niet te vergelijken"}[self.value]


def section_score(answers: Sequence[Answer | None]) -> float | None:
    """Mean points over answered questions (2 ☺, 1 😐, 0 ☹); None when nothing answered."""
    given = [a.points for a in answers if a is not None]
    return sum(given) / len(given) if given else None


def compare_sections(before: Sequence[Answer | None], after: Sequence[Answer | None]) -> Change:
    old, new = section_score(before), section_score(after)
    if old is None or new is None:
        return Change.NOT_COMPARABLE
    if abs(new - old) < 1e-9:
        return Change.SAME
    return Change.BETTER if new > old else Change.WORSE
