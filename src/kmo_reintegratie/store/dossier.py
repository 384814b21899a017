"""The dossier: one SQLite file per organisation.

Open it with :meth:`Dossier.open` or :meth:`Dossier.create`; the repositories on
it (``dossier.organisation``, ...) are the only code that speaks SQL. Every
change is committed at once, in the default rollback-journal mode, so the file
on disk is always complete and can be copied or mailed as one file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlite_utils

from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.store.errors import (
    DossierError,
    DossierInUseError,
    DossierWriteError,
    NewerDossierError,
    NotADossierError,
)
from kmo_reintegratie.store.lock import DossierLock
from kmo_reintegratie.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version

SQLITE_HEADER = b"SQLite format 3\x00"


class Dossier:
    """An open dossier file. Close it when done, so the lock is released."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: DossierLock | None) -> None:
        from kmo_reintegratie.store.absence_repo import AbsenceRepository
        from kmo_reintegratie.store.analysis_repo import AnalysisRepository
        from kmo_reintegratie.store.assessment_repo import AssessmentRepository
        from kmo_reintegratie.store.employee_repo import EmployeeRepository
        from kmo_reintegratie.store.organisation_repo import OrganisationRepository
        from kmo_reintegratie.store.trajectory_repo import TrajectoryRepository

        self.path = path
        self.db = sqlite_utils.Database(conn)
        self._lock = lock
        self.read_only = lock is None
        self.organisation = OrganisationRepository(self)
        self.assessments = AssessmentRepository(self)
        self.employees = EmployeeRepository(self)
        self.absences = AbsenceRepository(self)
        self.trajectories = TrajectoryRepository(self)
        self.analysis = AnalysisRepository(self)

    # -- opening ---------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str) -> "Dossier":
        """Create a new, empty dossier at ``path`` (which must not exist yet)."""
        path = Path(path)
        if path.exists():
            raise DossierError(path, "Er bestaat al een bestand met deze naam.", "Kies een andere naam.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Build the file under a temporary name so that no half-made
            # dossier is left behind when something fails.
            temporary = path.with_name(path.name + ".nieuw")
            temporary.unlink(missing_ok=True)
            conn = sqlite3.connect(temporary)
            try:
                migrate(conn)
            finally:
                conn.close()
            os.replace(temporary, path)
        except OSError as error:
            raise DossierError(
                path,
                f"Het dossier kan hier niet aangemaakt worden ({os_error_text(error)}).",
                "Kies een map waarin u mag schrijven.",
            ) from error
        return cls.open(path)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False) -> "Dossier":
        """Open an existing dossier, upgrading an older one after a backup.

        Raises a :class:`DossierError` subclass, with nothing changed on disk,
        when the file is missing, not a dossier, damaged, from a newer version,
        or already opened by another instance (unless ``read_only``).
        """
        path = Path(path).absolute()
        version = inspect(path)
        lock: DossierLock | None = None
        if not read_only:
            if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
                raise DossierError(
                    path,
                    "U hebt geen schrijfrechten op dit dossier of de map waarin het staat.",
                    "Open het alleen-lezen, of kopieer het naar een map waarin u mag schrijven.",
                )
            lock = DossierLock(path)
            holder = lock.acquire()
            if holder is not None:
                raise DossierInUseError(
                    path,
                    f"Dit dossier is al geopend door {holder.describe()}.",
                    "Sluit het daar eerst, of open het hier alleen-lezen.",
                    holder.describe(),
                )
        elif version < SCHEMA_VERSION:
            raise DossierError(
                path,
                "Dit dossier komt van een oudere versie en moet eerst bijgewerkt worden.",
                "Open het zonder alleen-lezen, zodat het programma het kan bijwerken.",
            )
        try:
            if version < SCHEMA_VERSION:
                backup_before_migration(path, version)
                conn = sqlite3.connect(path)
                try:
                    migrate(conn)
                finally:
                    conn.close()
            conn = _connect(path, read_only=read_only)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        return cls(path, conn, lock)

    def close(self) -> None:
        self.db.conn.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> "Dossier":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[sqlite_utils.Database]:
        """One committed transaction; environment failures become DossierWriteError."""
        if self.read_only:
            raise DossierWriteError(
                self.path, "Dit dossier is alleen-lezen geopend.", "Open het opnieuw om te wijzigen."
            )
        try:
            with self.db.conn:
                yield self.db
        except sqlite3.OperationalError as error:
            text = str(error).lower()
            if "full" in text:
                message = "De schijf is vol; de laatste wijziging is niet opgeslagen."
            elif "readonly" in text or "read-only" in text:
                message = "Het dossier is niet meer beschrijfbaar; de laatste wijziging is niet opgeslagen."
            elif "locked" in text or "busy" in text:
                message = "Het dossier is tijdelijk vergrendeld door een ander programma."
            else:
                raise
            raise DossierWriteError(self.path, message, "Probeer het opnieuw.") from error

    def now(self) -> str:
        return datetime.now().strftime("%Y-%m-%dT%H:%M:%S")


def _connect(path: Path, *, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 3000")
    return conn


def inspect(path: Path) -> int:
    """Check that ``path`` is a dossier this version can open; return its schema version.

    Reads only: the file is byte-identical afterwards, whatever it turns out to be.
    """
    if not path.exists():
        raise NotADossierError(path, "Dit bestand bestaat niet (meer).", "Kies een ander dossier.")
    if path.is_dir():
        raise NotADossierError(path, "Dit is een map, geen dossierbestand.", "Kies een .kmo-bestand.")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except PermissionError as error:
        raise NotADossierError(
            path,
            "U hebt geen leesrechten op dit bestand.",
            "Vraag de eigenaar van het bestand of uw systeembeheerder om toegang.",
        ) from error
    except OSError as error:
        raise NotADossierError(path, f"Het bestand kan niet gelezen worden ({os_error_text(error)}).") from error
    if not header:
        raise NotADossierError(path, "Het bestand is leeg.", "Kies een ander dossier of maak een nieuw.")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise NotADossierError(
            path,
            "Dit bestand is geen KMO Re-integratie-dossier.",
            "Kies een bestand met de extensie .kmo dat met dit programma gemaakt is.",
        )
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = user_version(conn)
            if application_id != APPLICATION_ID:
                raise NotADossierError(
                    path,
                    "Dit is een databank van een ander programma, geen KMO Re-integratie-dossier.",
                    "Kies een bestand met de extensie .kmo dat met dit programma gemaakt is.",
                )
            if version > SCHEMA_VERSION:
                raise NewerDossierError(
                    path,
                    "Dit dossier is gemaakt met een nieuwere versie van KMO Re-integratie.",
                    "Installeer de nieuwste versie om het te openen. Het bestand is niet gewijzigd.",
                )
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(check)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotADossierError(
            path,
            "Het dossier is beschadigd of onvolledig en kan niet gelezen worden.",
            "Gebruik een reservekopie (bijvoorbeeld het bestand met '-kopie-' in de naam "
            "in dezelfde map) en bewaar dit bestand voor onderzoek.",
        ) from error
    return version


def backup_before_migration(path: Path, version: int) -> Path:
    """Copy the file beside itself before an upgrade; return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}-kopie-v{version}-{stamp}{path.suffix}")
    try:
        shutil.copy2(path, backup)
    except OSError as error:
        raise DossierError(
            path,
            "Voor het bijwerken kon geen reservekopie gemaakt worden; het dossier is niet gewijzigd.",
            "Maak plaats vrij op de schijf en probeer opnieuw.",
        ) from error
    return backup
