"""When the next contact with an absent employee is due.

Since 2026 the work regulations say who contacts and how often; the program
turns that into a date per absence so the Monday-morning overview can list
whom to call this week and whom nobody has called for too long. An employee
who asked for no contact gets no reminders.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import Enum

from kmo_reintegratie.absence import Absence
from kmo_reintegratie.record import record

DEFAULT_FIRST_CONTACT_DAYS = 7
DEFAULT_EVERY_DAYS = 14


class DueState(str, Enum):
    NONE = "geen"
    NO_CONTACT = "geen_contact_gewenst"
    OVERDUE = "te_laat"
    THIS_WEEK = "deze_week"
    LATER = "later"

    @property
    def label(self) -> str:
        return {"geen": "", "geen_contact_gewenst": "Geen contact gewenst", "te_laat": "Te laat",
                "deze_week": "Deze week", "later": "Gepland"}[self.value]


@record
class ContactDue:
    due: date | None
    state: DueState
    reason: str


def end_of_week(today: date) -> date:
    """Sunday of the working week that matters on ``today``.

    On Saturday and Sunday "this week" means the coming week: that is the week
    a manager plans when looking at the list over the weekend.
    """
    sunday = today + timedelta(days=6 - today.weekday())
    return sunday + timedelta(days=7) if today.weekday() >= 5 else sunday


def next_contact(
    absence: Absence,
    today: date,
    *,
    first_contact_days: int | None = None,
    default_every_days: int = DEFAULT_EVERY_DAYS,
) -> ContactDue:
    """The next contact due for ``absence`` as seen on ``today``."""
    if not absence.is_open(today):
        return ContactDue(None, DueState.NONE, "De afwezigheid is afgelopen.")
    agreement = absence.agreement_on(today)
    if agreement is not None and agreement.no_contact:
        return ContactDue(None, DueState.NO_CONTACT,
                          "De werknemer vroeg geen contact; er komen geen herinneringen.")
    last = absence.last_contact()
    if last is not None and last.next_contact is not None:
        due, reason = last.next_contact, "afgesproken bij het laatste contact"
    elif last is not None:
        every = agreement.every_days if agreement and agreement.every_days else default_every_days
        due, reason = last.at.date() + timedelta(days=every), f"laatste contact + {every} dagen"
    else:
        first = DEFAULT_FIRST_CONTACT_DAYS if first_contact_days is None else first_contact_days
        due, reason = absence.starts + timedelta(days=first), f"eerste contact na {first} dagen"
    if due < today:
        state = DueState.OVERDUE
    elif due <= end_of_week(today):
        state = DueState.THIS_WEEK
    else:
        state = DueState.LATER
    return ContactDue(due, state, reason)
