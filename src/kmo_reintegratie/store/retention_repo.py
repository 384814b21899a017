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
from kmo_reintegratie.retention import Category, RetentionFact, check_months
from kmo_reintegratie.trajectory import TrajectoryKind

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


class RetentionRepository:
    def __init__(self, dossier: Dossier) -> None:
        self._dossier = dossier

    # -- the organisation's terms ------------------------------------------------------------

    def settings(self) -> dict[Category, int | None]:
        """The organisation's term per category in months; None where it keeps the default."""
        stored = {category: months for category, months in self._dossier.db.execute(
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
        return [*self._people(), *self._absences(), *self._trajectories()]

    def _people(self) -> list[RetentionFact]:
        return [
            RetentionFact(Category.PERSON, employee_id, employee_id, name, date.fromisoformat(left),
                          f"Uit dienst sinds {format_date(date.fromisoformat(left))}")
            for employee_id, name, left in self._dossier.db.execute(
                "SELECT id, name, out_of_service_from FROM employee "
                "WHERE out_of_service_from IS NOT NULL AND anonymised_on IS NULL")
        ]

    def _absences(self) -> list[RetentionFact]:
        db = self._dossier.db
        ended = db.execute(
            "SELECT a.id, a.employee_id, e.name, a.starts, coalesce(a.returned_on, e.out_of_service_from), "
            "a.kind, a.note FROM absence a JOIN employee e ON e.id = a.employee_id "
            "WHERE coalesce(a.returned_on, e.out_of_service_from) IS NOT NULL").fetchall()
        with_text = self._absences_with_text()
        facts = []
        for absence_id, employee_id, name, starts, end, kind, note in ended:
            if not (is_personal_text(note) or absence_id in with_text):
                continue
            kind_label = IncapacityKind(kind).label.lower() if kind in IncapacityKind._value2member_map_ else kind
            facts.append(RetentionFact(
                Category.ABSENCE, absence_id, employee_id, name, date.fromisoformat(end),
                f"Afwezigheid ({kind_label}) van {format_date(date.fromisoformat(starts))} "
                f"tot {format_date(date.fromisoformat(end))}"))
        return facts

    def _absences_with_text(self) -> set[int]:
        db = self._dossier.db
        found = {absence_id for (absence_id,) in db.execute("SELECT absence_id FROM force_majeure_check")}
        for table in ("contact_entry", "contact_agreement"):
            # Filtered in SQL: the Overzicht asks at every change, and a contact log grows long.
            found |= {absence_id for (absence_id,) in db.execute(
                f"SELECT DISTINCT absence_id FROM {table} WHERE {_any_text(FREE_TEXT[table])}",
                {"placeholder": ANONYMISED_TEXT})}
        return found

    def _trajectories(self) -> list[RetentionFact]:
        db = self._dossier.db
        texts = FREE_TEXT["trajectory"]
        closed = db.execute(
            f"SELECT t.id, t.employee_id, e.name, t.kind, t.closed_on, {', '.join('t.' + c for c in texts)} "
            "FROM trajectory t JOIN employee e ON e.id = t.employee_id WHERE t.closed_on IS NOT NULL").fetchall()
        children = self._trajectory_children_with_text()
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

    def _trajectory_children_with_text(self) -> set[int]:
        found: set[int] = set()
        per_table: dict[str, list[str]] = defaultdict(list)
        for (table, column) in JSON_TEXT:
            per_table[table].append(column)
        closed = "trajectory_id IN (SELECT id FROM trajectory WHERE closed_on IS NOT NULL)"
        for table in ("plan_version", "motivated_report"):
            texts, jsons = FREE_TEXT[table], per_table[table]
            for trajectory_id, *values in self._dossier.db.execute(
                    f"SELECT trajectory_id, {', '.join((*texts, *jsons))} FROM {table} WHERE {closed}"):
                plain, structured = values[:len(texts)], values[len(texts):]
                if any(is_personal_text(v) for v in plain) or any(
                        json_has_personal_text(v, JSON_TEXT[(table, c)]) for c, v in zip(jsons, structured)):
                    found.add(trajectory_id)
        return found


def _any_text(columns: tuple[str, ...]) -> str:
    """SQL: one of ``columns`` holds text that is not anonymised (see ``is_personal_text``)."""
    return " OR ".join(f"(trim({c}) <> '' AND trim({c}) <> :placeholder)" for c in columns)
