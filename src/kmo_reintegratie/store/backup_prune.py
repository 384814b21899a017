"""Backups made before an erasure still hold what was erased: count them, or remove them.

Built on the listing of :mod:`kmo_reintegratie.store.backup` (``list_backups``) and its
``daily_backup``, so a change in how backups are stored (encryption) needs nothing here.
Only the daily backups of this dossier are known; copies the user made elsewhere, and the
copy beside the dossier from before an upgrade, are the user's to remove.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.store.backup import BackupError, BackupInfo, daily_backup, list_backups

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


def backups_before(dossier: Dossier, moment: datetime) -> list[BackupInfo]:
    """The dossier's daily backups made before ``moment``, newest first."""
    found = list_backups(dossier.dossier_id, dossier_path=dossier.origin)
    return [backup for backup in found if backup.made_at <= moment]


def prune_before(dossier: Dossier, moment: datetime) -> tuple[list[Path], Path | None]:
    """Remove the daily backups made before ``moment``; then make a fresh one at once.

    Returns the removed files and the new backup (None when it could not be made: the
    erasure stands, and the next daily backup follows on the next opening). Raises
    :class:`BackupError` when a backup cannot be removed (the others are removed anyway).
    """
    removed: list[Path] = []
    failed: list[tuple[Path, OSError]] = []
    for backup in backups_before(dossier, moment):
        try:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
        except OSError as error:
            failed.append((backup.path, error))
    fresh = None
    dossier_id = dossier.dossier_id
    if dossier_id and not dossier.read_only:
        try:
            fresh = daily_backup(dossier.path, dossier_id)
        except BackupError:
            fresh = None
    if failed:
        path, error = failed[0]
        raise BackupError(
            path,
            f"{len(failed)} reservekopie(ën) kon(den) niet verwijderd worden ({os_error_text(error)}).",
            "Verwijder ze zelf via Bestand › Reservekopieën… of in de map van de reservekopieën.",
        )
    return removed, fresh
