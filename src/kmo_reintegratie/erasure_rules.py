"""What erasing or anonymising a person removes and what it keeps (pure rules).

Anonymising keeps exactly the facts the analysis and the annual reports of past years count:
absence dates and kind, certificate periods, partial returns, department, statute, working
time, service dates, and a trajectory's kind, initiator, decision and dates. Everything that
names or describes the person goes: name, staff number, function, manager, address,
telephone, e-mail, and every free text (notes, contact summaries and agreements, wishes,
plan and verslag texts, trajectory notes, preventive requests).

A free text that was filled in becomes :data:`ANONYMISED_TEXT` rather than empty: the
annual report counts *that* a plan described adapted work or that a lesson was noted, never
what it said, so its figures stay the same. An empty text stays empty.
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from kmo_reintegratie.record import record

ANONYMISED_TEXT = "[geanonimiseerd]"

#: Employee columns that identify the person; emptied (the name gets a neutral label).
EMPLOYEE_IDENTIFYING = ("staff_number", "function", "manager", "phone", "email", "address")

#: Free-text columns per table, replaced by :func:`anonymised_text`.
FREE_TEXT: dict[str, tuple[str, ...]] = {
    "absence": ("note",),
    "contact_agreement": ("employee_wishes",),
    "contact_entry": ("summary", "agreements"),
    "trajectory": ("decision_conditions", "appeal_outcome", "consultation_participants",
                   "execution_notes", "evaluation_worked", "evaluation_better", "closing_reason"),
    "plan_version": ("workstation_adaptations", "adapted_work", "other_work", "training",
                     "refusal_reasons"),
    "motivated_report": ("disability_accommodation",),
    "preventive_request": ("advice", "answer"),
}

#: Free text inside JSON columns: (table, column) → the text keys of each element (a list
#: of objects) or of the object itself.
JSON_TEXT: dict[tuple[str, str], tuple[str, ...]] = {
    ("plan_version", "adaptations"): ("description",),
    ("plan_version", "schedule"): ("changes",),
    ("plan_version", "checklist"): ("return_at", "what_may_be_told", "welcome_moment", "mentor"),
    ("motivated_report", "considerations"): ("reasons",),
}


def anonymised_name(employee_id: int) -> str:
    """The neutral label that replaces a name: unique, and telling nothing about the person."""
    return f"Persoon {employee_id} (geanonimiseerd)"


def anonymised_text(text: str | None) -> str:
    return ANONYMISED_TEXT if text and text.strip() else ""


def is_personal_text(text: str | None) -> bool:
    """A filled-in text that has not been anonymised yet."""
    return bool(text and text.strip() and text.strip() != ANONYMISED_TEXT)


def anonymised_json(text: str | None, keys: tuple[str, ...]) -> str:
    """A JSON column with the texts under ``keys`` anonymised; other values (kinds, dates,
    hours, ticks) untouched. Unreadable JSON holds nothing we can keep: it becomes empty."""
    try:
        value = json.loads(text or "null")
    except ValueError:
        return "[]"

    def clean(item: Any) -> Any:
        if isinstance(item, dict):
            return {k: anonymised_text(v) if k in keys and isinstance(v, str) else v
                    for k, v in item.items()}
        return item

    if isinstance(value, list):
        return json.dumps([clean(item) for item in value], ensure_ascii=False)
    if isinstance(value, dict):
        return json.dumps(clean(value), ensure_ascii=False)
    return text or ""


def json_has_personal_text(text: str | None, keys: tuple[str, ...]) -> bool:
    try:
        value = json.loads(text or "null")
    except ValueError:
        return bool(text)
    items = value if isinstance(value, list) else [value]
    return any(isinstance(item, dict) and is_personal_text(item.get(k) if isinstance(item.get(k), str) else "")
               for item in items for k in keys)


@record
class ErasureCounts:
    """What hangs under one person, counted for the confirmation."""

    absences: int = 0
    certificates: int = 0
    partial_returns: int = 0
    contacts: int = 0
    agreements: int = 0
    trajectories: int = 0
    plan_versions: int = 0
    reports: int = 0
    preventive_requests: int = 0
    force_majeure_checks: int = 0
    regimes: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, f.name) for f in fields(self))


def _n(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _trajectories(counts: ErasureCounts) -> str:
    text = _n(counts.trajectories, "traject", "trajecten")
    parts = []
    if counts.plan_versions:
        parts.append(_n(counts.plan_versions, "planversie", "planversies"))
    if counts.reports:
        parts.append(_n(counts.reports, "gemotiveerd verslag", "gemotiveerde verslagen"))
    return text + (" met " + " en ".join(parts) if parts else "")


def erased_parts(counts: ErasureCounts) -> list[str]:
    """Everything that goes when the person is erased, per kind: '3 afwezigheden', ...."""
    parts = []
    if counts.absences:
        extra = [p for p in (
            _n(counts.certificates, "attest", "attesten") if counts.certificates else "",
            _n(counts.partial_returns, "deeltijdse hervatting", "deeltijdse hervattingen")
            if counts.partial_returns else "") if p]
        parts.append(_n(counts.absences, "afwezigheid", "afwezigheden")
                     + (f" (met {' en '.join(extra)})" if extra else ""))
    if counts.contacts:
        parts.append(_n(counts.contacts, "contact", "contacten"))
    if counts.agreements:
        parts.append(_n(counts.agreements, "contactafspraak", "contactafspraken"))
    if counts.trajectories:
        parts.append(_trajectories(counts))
    if counts.preventive_requests:
        parts.append(_n(counts.preventive_requests, "preventief verzoek", "preventieve verzoeken"))
    if counts.force_majeure_checks:
        parts.append(_n(counts.force_majeure_checks, "procedure medische overmacht",
                        "procedures medische overmacht"))
    if counts.regimes:
        parts.append(_n(counts.regimes, "uurregeling", "uurregelingen"))
    return parts


def anonymised_parts(counts: ErasureCounts) -> list[str]:
    """What anonymising removes: the identity, and the free text of each kind of record."""
    parts = ["naam, personeelsnummer, functie, leidinggevende, adres, telefoon en e-mail"]
    texts = []
    if counts.absences:
        texts.append("de notities bij " + _n(counts.absences, "afwezigheid", "afwezigheden"))
    if counts.contacts:
        texts.append("het verslag en de afspraken van " + _n(counts.contacts, "contact", "contacten"))
    if counts.agreements:
        texts.append("de wensen in " + _n(counts.agreements, "contactafspraak", "contactafspraken"))
    if counts.trajectories:
        texts.append("alle tekst van " + _trajectories(counts))
    if counts.preventive_requests:
        texts.append("het advies en antwoord van "
                     + _n(counts.preventive_requests, "preventief verzoek", "preventieve verzoeken"))
    parts += texts
    if counts.force_majeure_checks:
        parts.append(_n(counts.force_majeure_checks, "procedure medische overmacht",
                        "procedures medische overmacht"))
    return parts
