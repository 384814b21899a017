"""Preventive requests per employee and the medical force majeure checklist per absence."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.dates import from_iso, iso
from kmo_reintegratie.force_majeure import ForceMajeureCheck, ticked_from_json
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.preventive_request import PreventiveRequest, check_request
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.text_limits import check_length

if TYPE_CHECKING:
    from kmo_reintegratie.store.undo_rows import DeletedRows
    from kmo_reintegratie.store.dossier import Dossier

REQUEST_DATES = ("requested_on", "visit_on", "advice_received_on", "answered_on")
REQUEST_TEXTS = ("advice", "answer")


def _request(r: dict[str, Any]) -> PreventiveRequest:
    return PreventiveRequest(
        id=r["id"], employee_id=r["employee_id"],
        requested_on=date.fromisoformat(r["requested_on"]),
        visit_on=from_iso(r["visit_on"]), advice_received_on=from_iso(r["advice_received_on"]),
        advice=r["advice"], answered_on=from_iso(r["answered_on"]), answer=r["answer"],
    )


class PreventiveRequestRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    def of_employee(self, employee_id: int) -> list[PreventiveRequest]:
        """Newest request first."""
        return [_request(r) for r in self._dossier.query(
            "SELECT * FROM preventive_request WHERE employee_id = :e "
            "ORDER BY requested_on DESC, id DESC", {"e": employee_id})]

    def all(self) -> list[PreventiveRequest]:
        return [_request(r) for r in self._dossier.query(
            "SELECT * FROM preventive_request ORDER BY requested_on, id")]

    def get(self, request_id: int) -> PreventiveRequest:
        return _request(self._dossier.row("preventive_request", request_id))

    def save(self, request: PreventiveRequest) -> PreventiveRequest:
        """Insert (``id`` 0) or update; refuses (``ValidationError``, nothing stored) when the
        dates are out of order or a text is too long."""
        request = replace(request, advice=clean_text(request.advice).strip(),
                          answer=clean_text(request.answer).strip())
        for name in REQUEST_TEXTS:
            check_length(name, getattr(request, name))
        problems = check_request(request)
        if problems:
            raise ValidationError(" ".join(problems))
        row = {**{k: iso(getattr(request, k)) for k in REQUEST_DATES},
               **{k: getattr(request, k) for k in REQUEST_TEXTS},
               "employee_id": request.employee_id, "updated_at": self._dossier.now()}
        with self._dossier.writing() as db:
            if request.id:
                db["preventive_request"].update(request.id, row)
                pk = request.id
            else:
                inserted = db["preventive_request"].insert({**row, "created_at": row["updated_at"]})
                pk = inserted.last_pk
        return self.get(int(pk))

    def delete(self, request_id: int) -> DeletedRows:
        return self._dossier.delete("preventive_request", request_id)


class ForceMajeureRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    def get(self, absence_id: int) -> ForceMajeureCheck | None:
        row = next(iter(self._dossier.query(
            "SELECT * FROM force_majeure_check WHERE absence_id = :a", {"a": absence_id})), None)
        if row is None:
            return None
        try:
            stored = json.loads(row["checklist"] or "{}")
        except ValueError:
            stored = {}  # a damaged cell loses the ticks, never the dossier
        ticked = ticked_from_json(stored) if isinstance(stored, dict) else frozenset()
        return ForceMajeureCheck(absence_id, ticked, from_iso(row["notice_sent_on"]))

    def absence_ids(self) -> list[int]:
        return [r["absence_id"] for r in self._dossier.query(
            "SELECT absence_id FROM force_majeure_check ORDER BY absence_id")]

    def save(self, check: ForceMajeureCheck) -> ForceMajeureCheck:
        now = self._dossier.now()
        row = {"absence_id": check.absence_id,
               "checklist": json.dumps({k: True for k in sorted(check.ticked)}),
               "notice_sent_on": iso(check.notice_sent_on), "now": now}
        with self._dossier.writing() as db:
            db.execute(
                "INSERT INTO force_majeure_check (absence_id, checklist, notice_sent_on, "
                "created_at, updated_at) VALUES (:absence_id, :checklist, :notice_sent_on, :now, :now) "
                "ON CONFLICT(absence_id) DO UPDATE SET checklist = excluded.checklist, "
                "notice_sent_on = excluded.notice_sent_on, updated_at = excluded.updated_at", row)
        stored = self.get(check.absence_id)
        assert stored is not None
        return stored
