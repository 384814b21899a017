"""The dossier: one SQLite file per organisation.

Open it with :meth:`Dossier.open` or :meth:`Dossier.create`; the repositories on
it (``dossier.organisation``, ...) are the only code that speaks SQL. Every
change is one transaction (:meth:`Dossier.writing`), in the default
rollback-journal mode, so the file on disk is always complete and can be copied
or mailed as one file. A journal left beside it by a crash is rolled back when
the dossier is opened again, before anything judges the file.

A dossier may be protected with a password (``store.cipher``): then every connection is
a SQLCipher connection keyed with it, and an open dossier holds its password in memory
so that workers re-opening it by path find it.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.private_files import (
    create_private_file,
    private_folder,
    private_temporary_folder,
)
from kmo_reintegratie.store import cipher, early_check
from kmo_reintegratie.store.errors import (
    DamagedDossierError,
    DossierError,
    DossierInUseError,
    DossierLockUncertainError,
    DossierNotWritableError,
    DossierPasswordError,
    DossierWriteError,
    NewerDossierError,
    NotADossierError,
    UncleanDossierError,
)
from kmo_reintegratie.store.lock import DossierLock
from kmo_reintegratie.store.migrations import APPLICATION_ID, SCHEMA_VERSION, migrate, user_version

if TYPE_CHECKING:
    import sqlite_utils

    from kmo_reintegratie.store.analysis_repo import AnalysisRepository
    from kmo_reintegratie.store.preventive_repo import (
        ForceMajeureRepository,
        PreventiveRequestRepository,
    )
    from kmo_reintegratie.store.undo_rows import DeletedRows

SQLITE_HEADER = cipher.SQLITE_HEADER

# Primary result codes (the low byte of sqlite3.Error.sqlite_errorcode).
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY, _SQLITE_IOERR = 5, 6, 8, 10
_SQLITE_FULL, _SQLITE_CANTOPEN = 13, 14
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26

#: Dossiers this process holds open for writing (under its lock), checked when they were opened.
#: Since then only this process wrote to them, through SQLite: a worker re-opening one to read
#: (an export, the analysis) skips the integrity check, which reads the whole file (~60 ms for 40 MB).
#: By path, the file's inode when opened: a file replaced under the same path is checked again.
_held: dict[Path, int] = {}


class Dossier:
    """An open dossier file. Close it when done, so the lock is released."""

    def __init__(self, path: Path, conn: sqlite3.Connection, lock: DossierLock | None, *,
                 origin: Path | None = None, scratch: Path | None = None,
                 password: str | None = None) -> None:
        from kmo_reintegratie.store.absence_repo import AbsenceRepository
        from kmo_reintegratie.store.assessment_repo import AssessmentRepository
        from kmo_reintegratie.store.employee_repo import EmployeeRepository
        from kmo_reintegratie.store.organisation_repo import OrganisationRepository
        from kmo_reintegratie.store.trajectory_repo import TrajectoryRepository

        #: The file SQLite has open; workers open it again by this path.
        self.path = path
        #: The file the user chose: ``path`` itself, except for an older dossier on
        #: read-only media, which is shown from an upgraded private copy.
        self.origin = origin or path
        #: The connection; reads go through :meth:`execute` and :meth:`query` on it.
        self.conn = conn
        #: Committed transactions since opening: what was read at the same count is current
        #: (only this process writes; it holds the lock).
        self.changes = 0
        self._depth = 0
        self._lock = lock
        self._scratch = scratch
        self.read_only = lock is None
        #: Protected with a password; the password itself is only in ``cipher``'s memory.
        self.encrypted = password is not None
        if password is not None:
            cipher.remember(path, password)
        #: The audit trail's triggers are on the connection (see :meth:`prepare_audit`).
        self._audited = False
        if not self.read_only:
            _held[path] = _inode(path)
        self.organisation = OrganisationRepository(self)
        self.assessments = AssessmentRepository(self)
        self.employees = EmployeeRepository(self)
        self.absences = AbsenceRepository(self)
        self.trajectories = TrajectoryRepository(self)

    # The repositories no page needs at start are made (and their modules imported) on first use.

    @cached_property
    def analysis(self) -> AnalysisRepository:
        from kmo_reintegratie.store.analysis_repo import AnalysisRepository

        return AnalysisRepository(self)

    @cached_property
    def preventive_requests(self) -> PreventiveRequestRepository:
        from kmo_reintegratie.store.preventive_repo import PreventiveRequestRepository

        return PreventiveRequestRepository(self)

    @cached_property
    def force_majeure(self) -> ForceMajeureRepository:
        from kmo_reintegratie.store.preventive_repo import ForceMajeureRepository

        return ForceMajeureRepository(self)

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils on the same connection, for writes and ``table.get``.

        Made on first use: importing sqlite-utils (with click, dateutil and pluggy) is a
        sixth of a cold start, and the first page only reads.
        """
        import sqlite_utils

        # No third-party sqlite-utils plugins on a dossier's connection.
        return sqlite_utils.Database(self.conn, execute_plugins=False)

    def execute(self, sql: str, parameters: Any = ()) -> sqlite3.Cursor:
        """One statement on the dossier's connection (as ``sqlite_utils.Database.execute``)."""
        try:
            return self.conn.execute(sql, parameters)
        except cipher.DATABASE_ERRORS as error:
            self._raise_if_damaged(error)
            raise

    def query(self, sql: str, parameters: Any = ()) -> Iterator[dict[str, Any]]:
        """The rows of a query as dicts by column name (as ``sqlite_utils.Database.query``)."""
        try:
            cursor = self.conn.execute(sql, parameters)
            keys = [column[0] for column in cursor.description]
            for row in cursor:
                yield dict(zip(keys, row))
        except cipher.DATABASE_ERRORS as error:
            self._raise_if_damaged(error)
            raise

    def _raise_if_damaged(self, error: Exception) -> None:
        """A read that finds the file damaged (a disk failing during the session; a worker's
        re-open of a held dossier is not checked again) says so in Dutch, with the newest backup."""
        if getattr(error, "sqlite_errorcode", 0) & 0xFF in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            raise _damaged(self.origin, cipher.password_for(self.path)) from error

    def row(self, table: str, row_id: int) -> dict[str, Any]:
        """The row of ``table`` with this ``id`` (LookupError when there is none)."""
        found = next(self.query(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,)), None)
        if found is None:
            raise LookupError(f"{table} {row_id} bestaat niet (meer)")
        return found

    @property
    def dossier_id(self) -> str | None:
        """The stable identity of this dossier (kept in the file; backups are filed by it)."""
        row = self.execute("SELECT value FROM meta WHERE key = 'dossier_id'").fetchone()
        return str(row[0]) if row else None

    # -- opening ---------------------------------------------------------

    @classmethod
    def create(cls, path: Path | str, *, password: str | None = None) -> "Dossier":
        """Create a new, empty dossier at ``path`` (which must not exist yet).

        The file is private (0600) from its first byte, and encrypted from its first page
        when a ``password`` is given; a failure leaves nothing behind.
        """
        path = Path(path)
        if path.exists():
            raise DossierError(path, "Er bestaat al een bestand met deze naam.", "Kies een andere naam.")
        # Build the file under a temporary name so that no half-made
        # dossier is left behind when something fails.
        temporary = path.with_name(path.name + ".nieuw")
        try:
            private_folder(path.parent)
            _remove_with_journal(temporary)
            create_private_file(temporary)
            conn = cipher.connect(temporary, password)
            try:
                migrate(conn)
            finally:
                conn.close()
            os.replace(temporary, path)
        except (OSError, *cipher.ERRORS) as error:
            _remove_with_journal(temporary)
            raise DossierError(
                path,
                f"Het dossier kan hier niet aangemaakt worden ({_failure_text(error)}).",
                "Kies een map waarin u mag schrijven, of maak plaats vrij op de schijf.",
            ) from error
        return cls.open(path, password=password)

    @classmethod
    def open(cls, path: Path | str, *, read_only: bool = False, take_over_lock: bool = False,
             password: str | None = None) -> "Dossier":
        """Open an existing dossier, upgrading an older one after a verified backup.

        Raises a :class:`DossierError` subclass, with nothing changed on disk,
        when the file is missing, not a dossier, damaged, from a newer version,
        on media without write permission (:class:`DossierNotWritableError`, so the
        caller may open it read-only), or already opened by another instance
        (unless ``read_only``; ``take_over_lock`` takes a lock the user has confirmed
        to be left behind on another computer). A protected dossier needs its
        ``password`` (by default the one this process holds for the path, see
        ``cipher.password_for``); without it, or with a wrong one, this raises
        :class:`DossierPasswordError`. A plain dossier ignores a password.
        """
        path = Path(path).absolute()
        password = password or cipher.password_for(path)
        # Held while opening, so that its key is derived once, not for every connection.
        with cipher.holding(path, password):
            return cls._open(path, read_only, take_over_lock, password)

    @classmethod
    def _open(cls, path: Path, read_only: bool, take_over_lock: bool,
              password: str | None) -> "Dossier":
        version, encrypted = inspect_file(path, password)
        key = password if encrypted else None
        if read_only:
            if version < SCHEMA_VERSION:
                return cls._open_upgraded_copy(path, key)
            return cls(path, _connect(path, read_only=True, password=key), None, password=key)
        if not _writable(path):
            raise DossierNotWritableError(
                path,
                "U mag niet schrijven in dit dossier of in de map waarin het staat.",
                "Het wordt alleen-lezen geopend. Kopieer het naar uw documenten om het te wijzigen.",
            )
        lock = _acquire_lock(path, take_over_lock)
        try:
            if version < SCHEMA_VERSION:
                backup_before_migration(path, version, password=key)
                conn = cipher.connect(path, key, mode="rw")
                try:
                    migrate(conn)
                finally:
                    conn.close()
            conn = _connect(path, read_only=False, password=key)
        except cipher.ERRORS as error:
            lock.release()
            raise DossierError(
                path,
                f"Het dossier kon niet bijgewerkt of geopend worden ({_failure_text(error)}).",
                "Het bestand is niet gewijzigd. Maak plaats vrij op de schijf en probeer opnieuw.",
            ) from error
        except BaseException:
            lock.release()
            raise
        return cls(path, conn, lock, password=key)

    @classmethod
    def _open_upgraded_copy(cls, path: Path, password: str | None) -> "Dossier":
        """Show an older dossier that may not be changed (a CD, a read-only share).

        The file itself stays untouched: a private copy is upgraded and opened
        read-only, and removed again when the dossier is closed. The copy of a protected
        dossier is encrypted with the same password.
        """
        from kmo_reintegratie.store.backup import write_backup

        scratch = private_temporary_folder("kmo-alleen-lezen-")
        copy = scratch / path.name
        try:
            write_backup(path, copy, password=password)
            conn = cipher.connect(copy, password)
            try:
                migrate(conn)
            finally:
                conn.close()
            return cls(copy, _connect(copy, read_only=True, password=password), None,
                       origin=path, scratch=scratch, password=password)
        except (OSError, *cipher.ERRORS) as error:
            shutil.rmtree(scratch, ignore_errors=True)
            raise DossierError(
                path,
                f"Dit oudere dossier kon niet getoond worden ({_failure_text(error)}).",
                "Kopieer het naar een map waarin u mag schrijven en open het daar.",
            ) from error
        except BaseException:
            shutil.rmtree(scratch, ignore_errors=True)
            raise

    @property
    def closed(self) -> bool:
        """Closed by ``close``: a background job that ends later must not write any more."""
        return getattr(self, "_closed", False)

    def close(self) -> None:
        self._closed = True
        self.conn.close()
        if not self.read_only:
            _held.pop(self.path, None)
        if self.encrypted:
            cipher.forget(self.path)
        if self._lock is not None:
            self._lock.release()
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def __enter__(self) -> "Dossier":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------

    @contextmanager
    def writing(self) -> Iterator[sqlite_utils.Database]:
        """One transaction: everything inside is stored together or not at all.

        Blocks nest (the inner one becomes a savepoint), so a user action made of
        several repository calls can be wrapped as a whole. Environment failures
        (disk full, file gone read-only, locked) become :class:`DossierWriteError`.
        Other SQLite errors are raised as ``sqlite3``'s classes, also for an encrypted
        dossier (whose SQLCipher connection has classes of its own).
        """
        if self.read_only:
            raise DossierWriteError(
                self.path, "Dit dossier is alleen-lezen geopend.", "Open het opnieuw om te wijzigen."
            )
        try:
            if not self._audited:
                # Inside the try: it reads the file, which may be locked or gone like any write.
                self.prepare_audit()
            self._depth += 1
            try:
                # sqlite-utils >= 4: its write methods join the transaction atomic() opens
                # instead of committing on their own; `with conn:` no longer groups them.
                with self.db.atomic():
                    yield self.db
            finally:
                self._depth -= 1
            if self._depth == 0:
                self.changes += 1
        except cipher.OPERATIONAL_ERRORS as error:
            message = _write_failure_message(error)
            if message is None:
                if isinstance(error, sqlite3.Error):
                    raise
                raise cipher.as_sqlite3_error(error) from error
            raise DossierWriteError(self.path, message, "Probeer het opnieuw.") from error
        except cipher.SQLCIPHER_ERRORS as error:
            raise cipher.as_sqlite3_error(error) from error
        except UnicodeEncodeError as error:
            # A broken clipboard can paste half a character (a lone surrogate).
            raise DossierWriteError(
                self.path,
                "Een tekst bevat een ongeldig teken en is niet opgeslagen.",
                "Typ de tekst opnieuw in plaats van ze te plakken.",
            ) from error

    @property
    def audit_prepared(self) -> bool:
        """The connection has the audit trail's triggers (see :meth:`prepare_audit`)."""
        return self._audited

    def prepare_audit(self) -> None:
        """Give the connection the audit trail's triggers, before its first write.

        Not at opening: the seventy triggers take ~8 ms of a start, and showing the first
        page writes nothing. Every write of the program goes through :meth:`writing`.
        """
        if self._audited or self.read_only:
            return
        from kmo_reintegratie.store.audit import install

        install(self.conn)
        self._audited = True

    def delete(self, table: str, row_id: int) -> DeletedRows:
        """Delete one record and what cascades from it, in one transaction; what went, for
        :meth:`restore` (``undo_rows``, loaded on the first delete: opening needs none)."""
        from kmo_reintegratie.store.undo_rows import delete_rows

        return delete_rows(self, table, row_id)

    def restore(self, deleted: DeletedRows) -> None:
        """Undo a repository delete: put back the rows it returned, with the same ids."""
        from kmo_reintegratie.store.undo_rows import restore_rows

        restore_rows(self, deleted)

    def now(self) -> str:
        return datetime.now().strftime("%Y-%m-%dT%H:%M:%S")


def _inode(path: Path) -> int:
    try:
        return path.stat().st_ino
    except OSError:
        return -1


def load_writer() -> None:
    """Import what writing needs (sqlite-utils) now, in idle time, instead of at the first edit."""
    import sqlite_utils  # noqa: F401


def _acquire_lock(path: Path, take_over: bool) -> DossierLock:
    lock = DossierLock(path)
    try:
        holder = lock.acquire(take_over=take_over)
    except OSError as error:
        raise DossierError(
            path,
            f"Het dossier kan niet vergrendeld worden ({os_error_text(error)}).",
            "Maak plaats vrij op de schijf of kies een map waarin u mag schrijven.",
        ) from error
    if holder is None:
        return lock
    if holder.certain:
        raise DossierInUseError(
            path,
            f"Dit dossier is al geopend door {holder.describe()}.",
            "Sluit het daar eerst, of open het hier alleen-lezen.",
            holder.describe(),
        )
    raise DossierLockUncertainError(
        path,
        f"Het dossier lijkt open op {holder.host or 'een andere computer'} sinds {holder.since}.",
        "Is het daar gesloten? Neem het dan hier over. Is het daar nog open, "
        "open het hier dan alleen-lezen, anders gaat werk verloren.",
        holder.describe(),
    )


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _connect(path: Path, *, read_only: bool, password: str | None = None) -> sqlite3.Connection:
    # mode=rw never creates a file: a dossier that vanished is an error, not a new one.
    conn = cipher.connect(path, password, mode="ro" if read_only else "rw")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA busy_timeout = 3000")
    # Deleted personal data is overwritten in the file, not left in free pages.
    conn.execute("PRAGMA secure_delete = ON")
    return conn


def _remove_with_journal(path: Path) -> None:
    for leftover in (path, journal_path(path)):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + "-journal")


def _failure_text(error: BaseException) -> str:
    """A short Dutch reason for an environment failure, for inside a sentence."""
    if isinstance(error, OSError):
        return os_error_text(error)
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_FULL:
        return "de schijf is vol"
    if code == _SQLITE_IOERR:
        return "schrijffout: de schijf is vol, het bestand werd te groot of de schijf is weg"
    if code == _SQLITE_READONLY:
        return "het bestand is alleen-lezen"
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return "het bestand is vergrendeld door een ander programma"
    if code == _SQLITE_CANTOPEN:
        return "het bestand kan niet geopend worden"
    return str(error)


def _write_failure_message(error: Exception) -> str | None:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == _SQLITE_FULL:
        return "De schijf is vol; de laatste wijziging is niet opgeslagen."
    if code == _SQLITE_IOERR:
        return ("Het dossier kon niet geschreven worden (de schijf is vol, het bestand werd te groot "
                "of de schijf is niet meer bereikbaar); de laatste wijziging is niet opgeslagen.")
    if code == _SQLITE_READONLY:
        return "Het dossier is niet meer beschrijfbaar; de laatste wijziging is niet opgeslagen."
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return "Het dossier is tijdelijk vergrendeld door een ander programma."
    if code == _SQLITE_CANTOPEN:
        return ("Het dossier is niet meer bereikbaar (een USB-stick of netwerkschijf weggenomen?); "
                "de laatste wijziging is niet opgeslagen.")
    return None


def is_dossier_file(path: Path | str) -> bool:
    """True when ``path`` is an existing dossier (or any SQLite database), judged by content.

    Exports and save dialogs refuse such a target whatever its extension: a PDF
    written over ``klant.kmo`` would destroy the organisation's records. A file that
    looks like a password-protected dossier is refused as well.
    """
    try:
        with open(path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError:
        return False
    return header == SQLITE_HEADER or cipher.looks_encrypted(path)


def inspect(path: Path, password: str | None = None) -> int:
    """Check that ``path`` is a dossier this version can open; return its schema version.

    A journal left by a crash is rolled back first when the file and its folder
    are writable (only a read-write connection can); that restores the last
    committed state. Otherwise this only reads: a foreign, newer or damaged file
    is byte-identical afterwards. A protected dossier needs its ``password``
    (:class:`DossierPasswordError` otherwise).
    """
    return inspect_file(path, password)[0]


def inspect_file(path: Path, password: str | None) -> tuple[int, bool]:
    """:func:`inspect`, and whether the file is protected with a password."""
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
    encrypted = cipher.looks_encrypted(path)
    if encrypted and password is None:
        raise DossierPasswordError(path, cipher.NEEDS_PASSWORD,
                                   "Geef het wachtwoord om het te openen.", wrong=False)
    if not encrypted and (not header.startswith(SQLITE_HEADER) or len(header) < 100):
        raise NotADossierError(
            path,
            "Dit bestand is geen KMO Re-integratie-dossier.",
            "Kies een bestand met de extensie .kmo dat met dit programma gemaakt is.",
        )
    key = password if encrypted else None
    if not encrypted:
        # The header fields are judged before any recovery writes to the file
        # (those of an encrypted file are encrypted too: judged after the key).
        _check_identity(path, int.from_bytes(header[68:72], "big"), int.from_bytes(header[60:64], "big"))
    if _has_journal(path):
        # SQLite plays a hot journal back page by page, whatever the key: a wrong password
        # cannot spoil the recovery.
        _recover(path, key)
    try:
        conn = cipher.connect(path, key, mode="ro")
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = user_version(conn)
            _check_identity(path, application_id, version)
            held = path in _held and _held[path] == _inode(path)
            check = ("ok" if held else early_check.take(path)
                     or conn.execute("PRAGMA quick_check").fetchone()[0])
            if check != "ok":
                raise sqlite3.DatabaseError(check)
        finally:
            conn.close()
    except cipher.DATABASE_ERRORS as error:
        if _has_journal(path) and not _writable(path):
            raise UncleanDossierError(
                path,
                "Het dossier werd niet netjes afgesloten en kan op deze plek niet hersteld worden.",
                "Open het vanaf een plek waar u mag schrijven (kopieer het samen met het bestand "
                f"'{journal_path(path).name}' ernaast naar uw documenten).",
            ) from error
        raise _damaged(path, key) from error
    return version, encrypted


def _check_identity(path: Path, application_id: int, version: int) -> None:
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


def _has_journal(path: Path) -> bool:
    try:
        return journal_path(path).stat().st_size > 0
    except OSError:
        return False


def _recover(path: Path, password: str | None) -> None:
    """Let SQLite roll back a hot journal: a read on a read-write connection does it.

    A journal of a transaction that another process is still writing is not
    hot; SQLite then simply reads the committed state.
    """
    if not _writable(path):
        return
    try:
        conn = cipher.connect(path, password, mode="rw", timeout=3.0)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            conn.close()
    except (*cipher.ERRORS, DossierPasswordError):
        pass  # judged by the read-only check that follows


def _damaged(path: Path, password: str | None = None) -> DamagedDossierError:
    from kmo_reintegratie.store.backup import newest_verified_backup

    try:
        backup = newest_verified_backup(path, password=password)
    except Exception:  # noqa: BLE001 - the damage message must come, backup or not
        backup = None
    if backup is None:
        advice = ("Er is geen gecontroleerde reservekopie van dit dossier op deze computer. "
                  "Bewaar dit bestand voor onderzoek.")
        return DamagedDossierError(path, DAMAGED, advice, None)
    made = backup.made_at.strftime("%d-%m-%Y %H:%M")
    advice = (f"De jongste gecontroleerde reservekopie is van {made}. U kunt ze herstellen als nieuw "
              "bestand naast dit dossier; dit bestand blijft bewaard voor onderzoek.")
    return DamagedDossierError(path, DAMAGED, advice, backup.path)


DAMAGED = "Het dossier is beschadigd of onvolledig en kan niet gelezen worden."


def backup_before_migration(path: Path, version: int, *, password: str | None = None) -> Path:
    """Copy the file beside itself before an upgrade, verified (and encrypted with the
    dossier's ``password``); return the copy's path."""
    from kmo_reintegratie.store.backup import write_backup

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}-kopie-v{version}-{stamp}{path.suffix}")
    try:
        return write_backup(path, backup, password=password)
    except DossierPasswordError:
        raise
    except DossierError as error:
        raise DossierError(
            path,
            "Voor het bijwerken kon geen reservekopie gemaakt worden; het dossier is niet gewijzigd.",
            "Maak plaats vrij op de schijf en probeer opnieuw.",
        ) from error
