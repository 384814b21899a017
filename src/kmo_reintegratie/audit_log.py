"""The audit trail as the program shows it: one entry per handling of a record.

An entry says who did what to which kind of record, and when; it never holds the
record's content (a document's name at most). ``store.audit`` writes and reads them;
this module only gives them a shape and Dutch words.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from kmo_reintegratie.record import record


class AuditAction(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    DELETED = "deleted"
    PRINTED = "printed"
    EXPORTED = "exported"
    ERASED = "erased"
    ANONYMISED = "anonymised"
    OPENED_READ_ONLY = "opened_read_only"


ACTION_LABELS: dict[str, str] = {
    AuditAction.CREATED: "aangemaakt",
    AuditAction.CHANGED: "gewijzigd",
    AuditAction.DELETED: "verwijderd",
    AuditAction.PRINTED: "afgedrukt",
    AuditAction.EXPORTED: "geëxporteerd",
    AuditAction.ERASED: "gewist",
    AuditAction.ANONYMISED: "geanonimiseerd",
    AuditAction.OPENED_READ_ONLY: "alleen-lezen geopend",
}

#: Kinds of record about one person: the table names of the dossier.
PERSON_KINDS: dict[str, str] = {
    "employee": "Werknemer",
    "employee_regime": "Arbeidsregime",
    "absence": "Afwezigheid",
    "certificate": "Attest",
    "partial_return": "Gedeeltelijke hervatting",
    "contact_agreement": "Contactafspraak",
    "contact_entry": "Contact",
    "trajectory": "Re-integratietraject",
    "plan_version": "Re-integratieplan",
    "motivated_report": "Gemotiveerd verslag",
    "preventive_request": "Preventief verzoek",
    "force_majeure_check": "Medische overmacht",
}

#: Kinds of record about the organisation, and what is not one record.
OTHER_KINDS: dict[str, str] = {
    "organisation": "Organisatie",
    "role_contact": "Contactpersoon",
    "assessment_round": "Zelfevaluatie",
    "assessment_answer": "Antwoord zelfevaluatie",
    "assessment_comment": "Opmerking zelfevaluatie",
    "assessment_action": "Actie actieplan",
    "document_text": "Tekst van een brief",
    "retention_setting": "Bewaartermijn",
    "document": "Document",
    "dossier": "Dossier",
}

KIND_LABELS: dict[str, str] = PERSON_KINDS | OTHER_KINDS


#: Short names of the documents (by their command-line name) for the log's "printed" entries.
DOCUMENT_LABELS: dict[str, str] = {
    "checklists": "Lege checklists",
    "zelfevaluatie": "Verslag zelfevaluatie",
    "actieplan": "Actieplan",
    "contactlog": "Contactlog",
    "infobrief": "Informatiebrief",
    "plan": "Re-integratieplan",
    "verslag": "Gemotiveerd verslag",
    "preventief": "Antwoord na preventief verzoek",
    "overmacht": "Kennisgeving medische overmacht",
    "analyse": "Afwezigheidsanalyse",
    "jaarverslag": "Jaarverslag",
    "inzage": "Inzage-export",
}


def document_label(name: str) -> str:
    """The short Dutch name of document ``name``; a document added later by its own name."""
    return DOCUMENT_LABELS.get(name, name)


def action_label(action: str) -> str:
    """The Dutch word for ``action``; an unknown one (a newer version wrote it) as it is."""
    return ACTION_LABELS.get(action, action)


def kind_label(record_kind: str) -> str:
    return KIND_LABELS.get(record_kind, record_kind)


@record
class AuditEntry:
    id: int
    at: datetime
    #: The user name confirmed on the computer where it happened ("" when unknown).
    actor: str
    action: str
    record_kind: str
    record_id: int | None
    #: The person the record is about, if any; the person may since have been erased.
    employee_id: int | None
    #: A document's name or the like, never content.
    detail: str = ""

    @property
    def action_label(self) -> str:
        return action_label(self.action)

    @property
    def kind_label(self) -> str:
        return kind_label(self.record_kind)

    @property
    def record_text(self) -> str:
        """Which record, as the log shows it: "nr. 12", with the document's name if any."""
        parts = [f"nr. {self.record_id}"] if self.record_id is not None else []
        if self.detail:
            parts.append(self.detail)
        return " · ".join(parts)
