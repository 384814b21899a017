"""Retention: the organisation's own terms, and the records that still hold personal data.

``facts()`` lists only what an erasure or anonymisation would still change: an ended absence
with text or a force majeure procedure, a closed trajectory with text, a person out of
service who is not anonymised yet. Once anonymised, an item is no longer a fact to review.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING

from kmo_reintegratie.absence import IncapacityKind
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.erasure_rules import (
    ANONYMISED_TEXT,
    FREE_TEXT,
    JSON_TEXT,
    is_personal_text,
    json_has_personal_text,
)
from kmo_reintegratie.retention import Category, RetentionFact, check_months, cut_offs
from kmo_reintegratie.trajectory import TrajectoryKind

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


class RetentionRepository:
    def __init__(self, dossier: Dossier) -> None:
        self._dossier = dossier

    # -- the organisation's terms ------------------------------------------------------------

    def settings(self) -> dict[Category, int | None]:
        """The organisation's term per category in months; None where it keeps the default."""
        stored = {category: months for category, months in self._dossier.execute(
            "SELECT category, months FROM retention_setting")}
        return {category: stored.get(category.value) for category in Category}

    def set_months(self, category: Category, months: int | None) -> None:
        """Store the organisation's term (None: back to the default)."""
        months = check_months(months)
        with self._dossier.writing() as db:
            if months is None:
                db.execute("DELETE FROM retention_setting WHERE category = :c", {"c": category.value})
            else:
                db.execute("INSERT INTO retention_setting (category, months) VALUES (:c, :m) "
                           "ON CONFLICT(category) DO UPDATE SET months = excluded.months",
                           {"c": category.value, "m": months})

    # -- what the dossier holds ----------------------------------------------------------------

    def facts(self) -> list[RetentionFact]:
        """Every record that still holds personal data; the review's list (see ``due_count``)."""
        return [*self._people(), *self._absences(), *self._trajectories()]

    def due_count(self, today: date) -> int:
        """How many facts' terms have run out by ``today``: ``len(due_items(facts(), …))``.

        Counted in SQL against one cut-off day per category, without building the facts:
        the Overzicht asks at every change, and a large dossier holds tens of thousands.
        """
        limits = cut_offs(self.settings(), today)
        db = self._dossier
        people = db.execute(
            f"SELECT count(*) FROM employee WHERE {_PERSON_KEPT} AND out_of_service_from <= :until",
            {"until": limits[Category.PERSON].isoformat()}).fetchone()[0]
        absences = db.execute(
            f"SELECT count(*) FROM absence a JOIN employee e ON e.id = a.employee_id "
            f"WHERE {_ABSENCE_END} <= :until AND {_ABSENCE_TEXT}",
            {**_TEXT_PARAMS, "until": limits[Category.ABSENCE].isoformat()}).fetchone()[0]
        # Few trajectories, and their texts include JSON: the list's own rule, up to the cut-off.
        trajectories = len(self._trajectories(until=limits[Category.TRAJECTORY]))
        return int(people) + int(absences) + trajectories

    def _people(self) -> list[RetentionFact]:
        return [
            RetentionFact(Category.PERSON, employee_id, employee_id, name, date.fromisoformat(left),
                          f"Uit dienst sinds {format_date(date.fromisoformat(left))}")
            for employee_id, name, left in self._dossier.execute(
                f"SELECT id, name, out_of_service_from FROM employee WHERE {_PERSON_KEPT}")
        ]

    def _absences(self) -> list[RetentionFact]:
        ended = self._dossier.execute(
            f"SELECT a.id, a.employee_id, e.name, a.starts, {_ABSENCE_END}, a.kind "
            f"FROM absence a JOIN employee e ON e.id = a.employee_id "
            f"WHERE {_ABSENCE_END} IS NOT NULL AND {_ABSENCE_TEXT}", _TEXT_PARAMS).fetchall()
        facts = []
        for absence_id, employee_id, name, starts, end, kind in ended:
            kind_label = IncapacityKind(kind).label.lower() if kind in IncapacityKind._value2member_map_ else kind
            facts.append(RetentionFact(
                Category.ABSENCE, absence_id, employee_id, name, date.fromisoformat(end),
                f"Afwezigheid ({kind_label}) van {format_date(date.fromisoformat(starts))} "
                f"tot {format_date(date.fromisoformat(end))}"))
        return facts

    def _trajectories(self, until: date | None = None) -> list[RetentionFact]:
        """Closed trajectories with text; with ``until``, only those closed on or before it."""
        db = self._dossier
        texts = FREE_TEXT["trajectory"]
        limit = {"until": until.isoformat() if until else None}
        closed = db.execute(
            f"SELECT t.id, t.employee_id, e.name, t.kind, t.closed_on, {', '.join('t.' + c for c in texts)} "
            f"FROM trajectory t JOIN employee e ON e.id = t.employee_id WHERE {_CLOSED_UNTIL}", limit).fetchall()
        children = self._trajectory_children_with_text(limit)
        facts = []
        for trajectory_id, employee_id, name, kind, closed_on, *values in closed:
            if not (any(is_personal_text(v) for v in values) or trajectory_id in children):
                continue
            kind_label = TrajectoryKind(kind).value if kind in TrajectoryKind._value2member_map_ else kind
            day = date.fromisoformat(closed_on)
            facts.append(RetentionFact(
                Category.TRAJECTORY, trajectory_id, employee_id, name, day,
                f"{kind_label.capitalize()} traject, afgesloten op {format_date(day)}"))
        return facts

    def _trajectory_children_with_text(self, limit: dict[str, str | None]) -> set[int]:
        found: set[int] = set()
        per_table: dict[str, list[str]] = defaultdict(list)
        for (table, column) in JSON_TEXT:
            per_table[table].append(column)
        closed = f"trajectory_id IN (SELECT t.id FROM trajectory t WHERE {_CLOSED_UNTIL})"
        for table in ("plan_version", "motivated_report"):
            texts, jsons = FREE_TEXT[table], per_table[table]
            for trajectory_id, *values in self._dossier.execute(
                    f"SELECT trajectory_id, {', '.join((*texts, *jsons))} FROM {table} WHERE {closed}", limit):
                plain, structured = values[:len(texts)], values[len(texts):]
                if any(is_personal_text(v) for v in plain) or any(
                        json_has_personal_text(v, JSON_TEXT[(table, c)]) for c, v in zip(jsons, structured)):
                    found.add(trajectory_id)
        return found


#: What ``str.strip()`` removes (``str.isspace``): SQL's ``trim`` is told the same characters, so
#: a text of only tabs or line breaks is empty in SQL too, exactly as in ``is_personal_text``.
BLANK = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
         "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
_TEXT_PARAMS = {"blank": BLANK, "placeholder": ANONYMISED_TEXT}


def personal_text_sql(column: str) -> str:
    """SQL for ``is_personal_text(column)``: filled in and not anonymised (needs ``_TEXT_PARAMS``).

    ``trim`` with a set of characters is slow on tens of thousands of rows, so two shortcuts
    come first: an empty text is not personal, and one that starts with a printable ASCII
    character other than the placeholder's "[" is (that character survives ``strip()``).
    """
    return (f"(CASE WHEN {column} = '' THEN 0 "
            f"WHEN unicode({column}) BETWEEN 33 AND 126 AND unicode({column}) <> 91 THEN 1 "
            f"ELSE trim({column}, :blank) NOT IN ('', :placeholder) END)")


def _any_text(table: str, alias: str) -> str:
    return " OR ".join(personal_text_sql(f"{alias}.{c}") for c in FREE_TEXT[table])


_CLOSED_UNTIL = "t.closed_on IS NOT NULL AND (:until IS NULL OR t.closed_on <= :until)"
_PERSON_KEPT = "out_of_service_from IS NOT NULL AND anonymised_on IS NULL"
#: An absence ends at the return, or when the person left without one (NULL: still running).
_ABSENCE_END = "coalesce(a.returned_on, e.out_of_service_from)"
#: The absence's note, a force majeure procedure, or a contact or agreement with text.
#: The contacts come first only because they are the most common reason: fewer checks follow.
_ABSENCE_TEXT = (
    f"(EXISTS (SELECT 1 FROM contact_entry c WHERE c.absence_id = a.id AND ({_any_text('contact_entry', 'c')})) "
    f"OR {_any_text('absence', 'a')} "
    "OR a.id IN (SELECT absence_id FROM force_majeure_check) "
    f"OR EXISTS (SELECT 1 FROM contact_agreement g WHERE g.absence_id = a.id "
    f"AND ({_any_text('contact_agreement', 'g')})))"
)
