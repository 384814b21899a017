"""Exports from the window in the dossier's logbook: which file kind, never its content."""

from __future__ import annotations

from kmo_reintegratie.audit_log import AuditAction
from kmo_reintegratie.store import audit
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError


def log_export(dossier: Dossier | None, detail: str) -> None:
    """Record that a table or calendar with personal data left the program.

    The file is written already; a logbook that cannot be updated (a full disk) must not
    make the user believe the export failed, so a failure here is not shown.
    """
    if dossier is None or dossier.read_only or dossier.closed:
        return
    try:
        audit.record(dossier, AuditAction.EXPORTED, "document", detail=detail)
    except DossierError:
        pass
