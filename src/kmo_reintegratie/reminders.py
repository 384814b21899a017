"""The coming reminders of a dossier, as one list: what the calendar export writes.

Pure: the caller passes the dossier's data and today's date. The legal steps, planned
contacts and trajectory deadlines come from :func:`kmo_reintegratie.overview.build_overview`
(so the calendar says what the Overzicht page says); open actions of the action plan are
taken from the latest round directly (the overview only lists the overdue ones).

What callers may rely on:

* one :class:`Reminder` per coming item whose due date lies on or before ``today +
  horizon_days``; an item already due (an overdue contact, action or trajectory deadline)
  is placed on ``today`` with ``overdue_since`` set, so it is not lost in the past of a
  calendar;
* ``key`` names what the reminder is about, never when it falls (``absence-12-melding_
  arbeidsarts``, ``contact-12``, ``trajectory-3-plan``, ``action-5``): a later export
  gives the same key, so a calendar that re-imports it updates the event;
* titles and descriptions hold no medical data: never the absence's note or kind, only
  the legal step's own title and explanation; a person is named by initials unless
  ``full_names`` is chosen.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import Enum

from kmo_reintegratie.absence import Absence, Employee, display_names
from kmo_reintegratie.assessment import Action, ActionStatus
from kmo_reintegratie.contact_schedule import DueState
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import LegalDate
from kmo_reintegratie.overview import build_overview
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import Trajectory

DEFAULT_HORIZON_DAYS = 90
#: Longer action texts are cut in the title (a calendar shows one line); the description
#: keeps the whole text.
TITLE_TEXT_LIMIT = 80


class ReminderKind(str, Enum):
    LEGAL_STEP = "wettelijke_stap"
    CONTACT = "contact"
    TRAJECTORY_DEADLINE = "termijn_traject"
    ACTION = "actie"


@record
class Reminder:
    #: What the reminder is about, stable across exports (the calendar UID is built on it).
    key: str
    kind: ReminderKind
    #: The day the reminder is shown: the due day, or today when that has passed.
    day: date
    title: str
    description: str
    #: The due day when it lies before ``day`` (the item is late).
    overdue_since: date | None = None

    @property
    def alarm(self) -> bool:
        """Legal steps and trajectory deadlines warn a day ahead: missing them has legal effect."""
        return self.kind in (ReminderKind.LEGAL_STEP, ReminderKind.TRAJECTORY_DEADLINE)


def initials(name: str) -> str:
    """``"Koen Verhaegen"`` → ``"K.V."``; particles keep their case (``"J.V.d.B."``)."""
    parts = name.replace("-", " ").replace(",", " ").split()
    letters = [next((c for c in part if c.isalnum()), "") for part in parts]
    letters = [c for c in letters if c]
    if not letters:
        return "?"
    letters[0] = letters[0].upper()
    return "".join(f"{c}." for c in letters)


def action_origins(actions: Iterable[Action]) -> dict[int, int]:
    """Each action's id → the id of the action it was first carried from (itself if none).

    A new self-assessment round copies the open actions with new ids; keying the reminder
    on the first one keeps one calendar event through all rounds.
    """
    by_id = {a.id: a for a in actions}
    origins: dict[int, int] = {}
    for action in by_id.values():
        current, seen = action, {action.id}
        while current.carried_from in by_id and current.carried_from not in seen:
            current = by_id[current.carried_from]  # type: ignore[index]
            seen.add(current.id)
        origins[action.id] = current.id
    return origins


def collect_reminders(
    today: date,
    absences: Iterable[Absence],
    employees: Iterable[Employee],
    actions: Iterable[Action] = (),
    *,
    trajectories: Iterable[Trajectory] = (),
    first_contact_days: int | None = None,
    horizon_days: int = DEFAULT_HORIZON_DAYS,
    full_names: bool = False,
    origins: dict[int, int] | None = None,
) -> list[Reminder]:
    """The coming reminders, by day and then by title (see the module docstring).

    ``actions``: the latest round's actions; ``origins``: from :func:`action_origins` over
    all rounds (without it an action is keyed on its own id).
    """
    staff = list(employees)
    horizon = today + timedelta(days=horizon_days)
    overview = build_overview(today, absences, staff, (), trajectories=trajectories,
                              first_contact_days=first_contact_days, horizon_days=horizon_days)
    shown = dict(zip((e.id for e in staff), display_names(staff)))

    def who(employee: Employee) -> str:
        return shown.get(employee.id, employee.name) if full_names else initials(employee.name)

    reminders = [
        _legal(f"absence-{row.absence.id}-{row.milestone.key}", ReminderKind.LEGAL_STEP,
               "Wettelijke stap", row.milestone, who(row.employee), today)
        for row in overview.milestones
    ]
    for row in overview.absent_now:
        due = row.contact.due
        if due is None or row.contact.state is DueState.NO_CONTACT or due > horizon:
            continue
        reminders.append(_dated(
            f"contact-{row.absence.id}", ReminderKind.CONTACT, due, today,
            f"Contact opnemen met {who(row.employee)}",
            f"Gepland contact met {who(row.employee)} ({row.contact.reason}).",
        ))
    reminders.extend(
        _legal(f"trajectory-{row.trajectory.id}-{row.deadline.key}",
               ReminderKind.TRAJECTORY_DEADLINE, "Termijn traject", row.deadline,
               who(row.employee), today)
        for row in overview.deadlines
        if not row.deadline.undated
    )
    first_of = origins or {}
    for action in actions:
        if action.due is None or action.status is ActionStatus.AFGEROND or action.due > horizon:
            continue
        text = " ".join(action.what.split())
        short = text if len(text) <= TITLE_TEXT_LIMIT else text[: TITLE_TEXT_LIMIT - 1] + "…"
        lines = [f"Actie uit het actieplan: {text}"]
        if action.who.strip():
            lines.append(f"Wie: {action.who.strip()}")
        lines.append(f"Stand: {action.status.label}")
        reminders.append(_dated(f"action-{first_of.get(action.id, action.id)}", ReminderKind.ACTION,
                                action.due, today, f"Actie: {short}", "\n".join(lines)))
    reminders.sort(key=lambda r: (r.day, r.title, r.key))
    return reminders


def _legal(key: str, kind: ReminderKind, label: str, step: LegalDate, person: str,
           today: date) -> Reminder:
    lines = [step.explanation]
    if step.approximate:
        lines.append("De datum is bij benadering berekend.")
    if not step.confirmed:
        lines.append(f"Te bevestigen: {step.unconfirmed_reason or 'de bron bevestigt dit niet.'}")
    lines.append(f"Bron: {step.source}")
    return _dated(key, kind, step.due, today, f"{label}: {step.title} — {person}",
                  "\n\n".join(line for line in lines if line))


def _dated(key: str, kind: ReminderKind, due: date, today: date, title: str,
           description: str) -> Reminder:
    if due >= today:
        return Reminder(key, kind, due, title, description)
    # A calendar shows the past nowhere a manager looks: a late item moves to today.
    late = f"Te laat: gepland op {format_date(due)}.\n\n{description}"
    return Reminder(key, kind, today, f"Te laat: {title}", late, overdue_since=due)
