"""The coming reminders of a dossier as an iCalendar file (RFC 5545) for Outlook, Google, Apple.

``icalendar`` writes the format (folding, escaping, line ends) so this module only says
what goes in. Every reminder becomes one all-day VEVENT:

* ``UID`` is the reminder's key (see :mod:`kmo_reintegratie.reminders`) plus the dossier's
  identity: the same item gives the same UID in every export, so a calendar that imports
  the file again updates the event instead of adding a second one, and two client
  dossiers of one consultant never share a UID;
* ``SEQUENCE`` 0, ``DTSTAMP`` the moment of export, ``CLASS:PRIVATE`` and ``TRANSP:
  TRANSPARENT`` (a reminder does not make the manager look busy);
* legal steps and trajectory deadlines carry a display alarm one day before.

The file is written through :func:`output_guard.write_private`: mode 0600, whole or not
at all, and never over a dossier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.documents.output_guard import refuse_dossier_target, write_private
from kmo_reintegratie.reminders import (
    DEFAULT_HORIZON_DAYS,
    Reminder,
    action_origins,
    collect_reminders,
)

if TYPE_CHECKING:
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier

PRODUCT_ID = "-//KMO Re-integratie//Herinneringen//NL"
UID_DOMAIN = "kmo-reintegratie"
WHAT = "de agenda"


def dossier_reminders(dossier: "Dossier", today: date, *, horizon_days: int = DEFAULT_HORIZON_DAYS,
                      full_names: bool = False) -> list[Reminder]:
    """The reminders of an open dossier, from the same data the Overzicht page reads."""
    absences = dossier.absences.with_relapse_predecessors(dossier.absences.open_on(today))
    latest = dossier.assessments.latest_round()
    actions = dossier.assessments.actions(latest.id) if latest else []
    rounds = dossier.assessments.rounds()
    every_action = [a for r in rounds for a in dossier.assessments.actions(r.id)]
    return collect_reminders(
        today, absences, dossier.employees.list(), actions,
        trajectories=dossier.trajectories.list(),
        first_contact_days=dossier.organisation.get().contact_first_days,
        horizon_days=horizon_days, full_names=full_names, origins=action_origins(every_action),
    )


def uid(reminder: Reminder, dossier_id: str | None) -> str:
    """``absence-12-melding_arbeidsarts@<dossier id>.kmo-reintegratie``: what, and whose."""
    domain = f"{dossier_id}.{UID_DOMAIN}" if dossier_id else UID_DOMAIN
    return f"{reminder.key}@{domain}"


def calendar_bytes(reminders: Sequence[Reminder], *, dossier_id: str | None, name: str,
                   stamp: datetime | None = None) -> bytes:
    """The iCalendar text of ``reminders`` (imported here: only this export needs icalendar)."""
    from icalendar import Alarm, Calendar, Event

    stamp = stamp or datetime.now(timezone.utc)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for reminder in reminders:
        event = Event()
        event.add("uid", uid(reminder, dossier_id))
        event.add("dtstamp", stamp)
        event.add("sequence", 0)
        event.add("dtstart", reminder.day)
        event.add("dtend", reminder.day + timedelta(days=1))
        event.add("summary", reminder.title)
        event.add("description", reminder.description)
        event.add("categories", ["KMO Re-integratie"])
        event.add("class", "PRIVATE")
        event.add("transp", "TRANSPARENT")
        if reminder.alarm:
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", reminder.title)
            alarm.add("trigger", timedelta(days=-1))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical()


def write_calendar(path: Path, reminders: Sequence[Reminder], *, dossier_id: str | None,
                   name: str, stamp: datetime | None = None) -> Path:
    """Write ``reminders`` to ``path`` (private, atomic, never over a dossier); return ``path``."""
    content = calendar_bytes(reminders, dossier_id=dossier_id, name=name, stamp=stamp)
    return write_private(Path(path), lambda temporary: temporary.write_bytes(content), what=WHAT)


def export_dossier_calendar(dossier: "Dossier", path: Path, today: date, *,
                            horizon_days: int = DEFAULT_HORIZON_DAYS,
                            full_names: bool = False) -> tuple[Path, int]:
    """Write the dossier's reminders to ``path``; return the path and the number of events.

    Raises ``OutputRefused`` (a ``ValueError``) when ``path`` is this or another dossier.
    """
    refuse_dossier_target(path, dossier=dossier.path, what=WHAT)
    reminders = dossier_reminders(dossier, today, horizon_days=horizon_days, full_names=full_names)
    name = f"KMO Re-integratie – {dossier.organisation.get().display_name}"
    write_calendar(path, reminders, dossier_id=dossier.dossier_id, name=name)
    return Path(path), len(reminders)


def export_agenda(dossier: "Dossier", out: Path, options: "ExportOptions") -> list[Path]:
    """The command line's ``agenda``: the next 90 days from today."""
    if out.is_dir():
        out = out / "agenda.ics"
    out.parent.mkdir(parents=True, exist_ok=True)
    written, _count = export_dossier_calendar(dossier, out, date.today(),
                                              full_names=not options.initials)
    return [written]
