"""Backups of a dossier: written consistently, verified, rotated and restored.

All backup code lives in this module. The backup of a dossier protected with a
password is encrypted with the same password (SQLCipher's backup API between two
connections keyed alike) and checked with that key; ``_open_source`` and ``_open_copy``
apply it. The password is the one given, else the one this process holds for the
dossier (``cipher.password_for``).

A backup is made with SQLite's online backup API: it copies a consistent
snapshot even while another connection or process has the dossier open and is
writing, and never contains an uncommitted change. Every copy is written under
a temporary name beside its target (mode 0600 from creation), checked with
``PRAGMA integrity_check`` and only then renamed into place, so a failure (disk
full, file-size limit, no permission) leaves no partial file behind.

Daily backups live in ``paths.backups_dir() / <dossier id>/`` as
``YYYY-MM-DD_HHMM.kmo``. An ``info.json`` beside them records where the dossier
was and which copies passed the check, so the backups of a dossier too damaged
to read its id can still be found by its path.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from kmo_reintegratie import paths
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.private_files import (
    create_private_file,
    flush_file,
    flush_folder,
    private_folder,
)
from kmo_reintegratie.record import record
from kmo_reintegratie.store import cipher
from kmo_reintegratie.store.errors import DossierError, DossierPasswordError
from kmo_reintegratie.store.migrations import APPLICATION_ID

NAME_FORMAT = "%Y-%m-%d_%H%M"
BACKUP_NAME = re.compile(r"^\d{4}-\d{2}-\d{2}_\d{4}\.kmo$")
INFO_FILE = "info.json"
KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 12
# The id names a folder: nothing that could climb out of backups_dir().
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
BUSY_TIMEOUT_S = 3.0
BUSY_ATTEMPTS = 3  # each waits BUSY_TIMEOUT_S inside SQLite: a writer rarely holds a lock this long
LEFTOVER_AGE_S = 3600
NOTHING_LEFT = (
    "Kies een andere plaats of maak ruimte vrij. Er is geen onvolledig bestand achtergebleven."
)


class BackupError(DossierError):
    """A backup could not be made, read or restored; no partial file was left behind."""

    title = "Reservekopie mislukt"


class BackupExistsError(BackupError):
    """The target exists and overwriting it was not asked for."""


@record
class BackupInfo:
    path: Path
    made_at: datetime
    size: int
    employee_count: int | None  # None: unreadable, or a schema from before employees
    verified: bool  # passed integrity_check when written, and still the same file


# -- one consistent, verified copy ----------------------------------------


def write_backup(source: Path, target: Path, *, overwrite: bool = False,
                 password: str | None = None) -> Path:
    """Copy the dossier ``source`` to ``target`` consistently; return ``target``.

    Raises :class:`BackupExistsError` for an existing target unless ``overwrite``,
    and :class:`BackupError` (Dutch message and advice) for every other failure,
    with no file left at ``target`` or beside it. The copy of an encrypted dossier
    is encrypted with its password (:class:`DossierPasswordError` without it).
    """
    source, target = Path(source).absolute(), Path(target).absolute()
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    created = False
    try:
        _refuse_target(source, target, overwrite)
        key = _key(source, password)
        create_private_file(temporary)
        created = True
        _copy(source, temporary, key)
        _verify_copy(source, temporary, key)
        flush_file(temporary)
        _move_into_place(temporary, target, overwrite)
        created = False
    except OSError as error:
        raise BackupError(
            target,
            f"De reservekopie kon niet geschreven worden ({os_error_text(error)}).",
            NOTHING_LEFT,
        ) from error
    except cipher.ERRORS as error:
        raise _write_failure(target, error) from error
    finally:
        if created:
            _remove(temporary)
    flush_folder(target.parent)
    return target


def _refuse_target(source: Path, target: Path, overwrite: bool) -> None:
    if not source.is_file():
        raise BackupError(source, "Het dossier bestaat niet (meer).", "Kies een bestaand dossier.")
    if target.is_dir():
        raise BackupError(target, "Dit is een map.", "Geef een bestandsnaam voor de reservekopie.")
    if target.exists() and os.path.samefile(source, target):
        raise BackupError(
            target,
            "Een reservekopie kan niet over het dossier zelf geschreven worden.",
            "Kies een andere bestandsnaam.",
        )
    if target.exists() and not overwrite:
        raise BackupExistsError(
            target,
            "Er bestaat al een bestand met deze naam.",
            "Kies een andere naam; een reservekopie overschrijft nooit zomaar een bestand.",
        )


def _key(path: Path, password: str | None) -> str | None:
    """The password to open ``path`` with: None for a plain file; refused when unknown."""
    if not cipher.looks_encrypted(path):
        return None
    key = password or cipher.password_for(path)
    if key is None:
        raise DossierPasswordError(path, cipher.NEEDS_PASSWORD,
                                   "Geef het wachtwoord om er een reservekopie van te maken.",
                                   wrong=False)
    return key


def _open_source(path: Path, password: str | None = None) -> sqlite3.Connection:
    # mode=rw, never create: like every open, SQLite may roll back a hot journal
    # left by a crash (a read-only connection cannot); otherwise nothing is written.
    # On write-protected media SQLite opens it read-only by itself.
    return cipher.connect(path, password, mode="rw", timeout=BUSY_TIMEOUT_S)


def _open_copy(path: Path, *, read_only: bool, password: str | None = None,
               salt: bytes | None = None) -> sqlite3.Connection:
    if read_only:
        return cipher.connect(path, password, mode="ro", timeout=BUSY_TIMEOUT_S)
    return cipher.connect(path, password, isolation_level=None, salt=salt)


def _copy(source: Path, temporary: Path, password: str | None = None) -> None:
    try:
        src = _open_source(source, password)
    except cipher.ERRORS as error:
        raise _source_failure(source, error) from error
    try:
        try:
            application_id = src.execute("PRAGMA application_id").fetchone()[0]
        except cipher.ERRORS as error:
            raise _source_failure(source, error) from error
        if application_id != APPLICATION_ID:
            raise BackupError(
                source,
                "Dit bestand is geen KMO Re-integratie-dossier.",
                "Kies een bestand met de extensie .kmo dat met dit programma gemaakt is.",
            )
        # The same password and salt on both sides: the copy needs no key derivation of its own.
        dst = _open_copy(temporary, read_only=False, password=password,
                         salt=cipher.file_salt(source))
        try:
            # A failed copy is deleted whole, so it needs no journal (nor a journal file to clean).
            dst.execute("PRAGMA journal_mode = OFF")
            # pages=-1 copies everything under one read lock: a consistent snapshot, no restarts.
            src.backup(dst, pages=-1, progress=_give_up_when_locked(source), sleep=0.05)
        finally:
            dst.close()
    finally:
        src.close()


def _give_up_when_locked(source: Path) -> Callable[[int, int, int], None]:
    busy = 0

    def progress(status: int, remaining: int, total: int) -> None:
        nonlocal busy
        if status in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
            busy += 1
            if busy >= BUSY_ATTEMPTS:
                raise BackupError(
                    source,
                    "Het dossier blijft vergrendeld door een ander programma.",
                    "Probeer het over enkele ogenblikken opnieuw.",
                )

    return progress


def _verify_copy(source: Path, temporary: Path, password: str | None = None) -> None:
    conn = _open_copy(temporary, read_only=True, password=password)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
    finally:
        conn.close()
    if result != [("ok",)]:
        # The backup API copies pages as they are: a damaged copy means a damaged dossier.
        raise BackupError(
            source,
            "Het dossier is beschadigd; er is geen reservekopie van gemaakt.",
            "Herstel een eerdere reservekopie (Bestand › Reservekopieën…).",
        )




def _move_into_place(temporary: Path, target: Path, overwrite: bool) -> None:
    if overwrite:
        os.replace(temporary, target)
        return
    try:
        # A hard link never replaces: no race with a file that appeared meanwhile.
        os.link(temporary, target)
    except FileExistsError:
        raise BackupExistsError(
            target, "Er bestaat al een bestand met deze naam.", "Kies een andere naam."
        ) from None
    except OSError:
        # FAT USB sticks and some shares have no hard links.
        if target.exists():
            raise BackupExistsError(
                target, "Er bestaat al een bestand met deze naam.", "Kies een andere naam."
            ) from None
        os.rename(temporary, target)
    else:
        os.unlink(temporary)


def _remove(path: Path) -> None:
    for leftover in (path, path.with_name(path.name + "-journal")):
        try:
            leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _source_failure(source: Path, error: Exception) -> BackupError:
    text = str(error).lower()
    if "readonly" in text or "read-only" in text:
        return BackupError(
            source,
            "Het dossier werd niet netjes afgesloten en kan hier niet hersteld worden.",
            "Open het vanaf een plek waar u mag schrijven en maak dan de reservekopie.",
        )
    if "locked" in text or "busy" in text:
        return BackupError(
            source,
            "Het dossier is vergrendeld door een ander programma.",
            "Probeer het over enkele ogenblikken opnieuw.",
        )
    return BackupError(
        source,
        "Dit bestand is geen leesbaar KMO Re-integratie-dossier.",
        "Kies een bestand met de extensie .kmo dat met dit programma gemaakt is.",
    )


def _write_failure(target: Path, error: Exception) -> BackupError:
    text = str(error).lower()
    if "full" in text:
        reason = "de schijf is vol"
    elif "disk i/o" in text:
        # What SQLite says for EFBIG (file-size limit, FAT's 4 GB) and a pulled USB stick.
        reason = "de schijf weigerde verder te schrijven: vol, bestand te groot of verwijderd"
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        reason = "u mag op die plaats niet schrijven"
    elif "locked" in text or "busy" in text:
        reason = "het dossier is vergrendeld door een ander programma"
    else:
        reason = str(error)
    return BackupError(
        target,
        f"De reservekopie kon niet geschreven worden ({reason}).",
        NOTHING_LEFT,
    )


# -- the dossier's identity ------------------------------------------------


def read_dossier_id(path: Path, *, password: str | None = None) -> str | None:
    """The dossier's stable id (``meta.dossier_id``); None when absent or unreadable. Reads only."""
    path = Path(path).absolute()
    try:
        conn = _open_copy(path, read_only=True, password=_key(path, password))
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
                return None
            row = conn.execute("SELECT value FROM meta WHERE key = 'dossier_id'").fetchone()
        finally:
            conn.close()
    except (*cipher.ERRORS, OSError, DossierPasswordError):
        return None
    value = row[0] if row else None
    return value if isinstance(value, str) and SAFE_ID.match(value) else None


# -- daily backups and their rotation ---------------------------------------


def daily_backup(
    dossier_path: Path, dossier_id: str, *, now: datetime | None = None,
    password: str | None = None,
) -> Path | None:
    """Back up the dossier once per calendar day into its own folder; rotate the older copies.

    Returns the new copy, or None when one of today already exists. Raises
    :class:`BackupError` when the copy cannot be made (the dossier is untouched).
    """
    now = now or datetime.now()
    dossier_path = Path(dossier_path).absolute()
    if not SAFE_ID.match(dossier_id):
        # It names a folder: an id like "../x" from a tampered file must not escape backups_dir().
        raise BackupError(
            dossier_path,
            "Dit dossier heeft geen bruikbare identiteit; "
            "er is geen dagelijkse reservekopie gemaakt.",
            "Maak een reservekopie met Bestand › Reservekopie maken….",
        )
    folder = paths.backups_dir() / dossier_id
    try:
        private_folder(folder)
    except OSError as error:
        raise BackupError(
            folder,
            f"De map voor reservekopieën kan niet gemaakt worden ({os_error_text(error)}).",
            "Controleer de vrije ruimte en de rechten op uw gebruikersmap.",
        ) from error
    info = _read_info(folder)
    verified = info.get("verified")
    verified = dict(verified) if isinstance(verified, dict) else {}
    made: Path | None = None
    if not any(made_at.date() == now.date() for made_at in _backup_files(folder)):
        made = write_backup(dossier_path, folder / f"{now:{NAME_FORMAT}}.kmo", password=password)
        verified[made.name] = made.stat().st_size
    prune(folder)
    present = {path.name for path in _backup_files(folder).values()}
    info["verified"] = {name: size for name, size in verified.items() if name in present}
    info.update(dossier_id=dossier_id, dossier_path=str(dossier_path))
    info.update(dossier_name=dossier_path.stem, updated_at=now.isoformat(timespec="seconds"))
    _write_info(folder, info)
    return made


def rotate(
    made_at: Iterable[datetime],
    *,
    days: int = KEEP_DAYS,
    weeks: int = KEEP_WEEKS,
    months: int = KEEP_MONTHS,
) -> set[datetime]:
    """Which backups to keep: the newest of each of the last ``days`` days that have one,
    of the last ``weeks`` ISO weeks and of the last ``months`` months (one copy may serve several).

    Periods are counted among those that have copies, not back from today: after
    months without opening the dossier, its older copies are still kept.
    """
    newest_first = sorted(set(made_at), reverse=True)
    periods: list[tuple[Callable[[datetime], Hashable], int]] = [
        (lambda t: t.date(), days),
        (lambda t: tuple(t.isocalendar())[:2], weeks),
        (lambda t: (t.year, t.month), months),
    ]
    keep: set[datetime] = set()
    for period_of, count in periods:
        seen: set[Hashable] = set()
        for moment in newest_first:
            period = period_of(moment)
            if period in seen:
                continue
            if len(seen) == count:
                break
            seen.add(period)
            keep.add(moment)
    return keep


def prune(folder: Path) -> list[Path]:
    """Delete the backups in ``folder`` that :func:`rotate` does not keep; return them.

    Only files named like a daily backup are touched, and temporary files that a
    crash left behind more than an hour ago.
    """
    backups = _backup_files(folder)
    keep = rotate(backups)
    removed = [path for made_at, path in backups.items() if made_at not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    for leftover in folder.glob(".*.tmp"):
        try:
            if time.time() - leftover.stat().st_mtime > LEFTOVER_AGE_S:
                leftover.unlink()
        except OSError:
            pass
    return removed


def _backup_files(folder: Path) -> dict[datetime, Path]:
    found: dict[datetime, Path] = {}
    try:
        entries = list(folder.iterdir())
    except OSError:
        return found
    for path in entries:
        if BACKUP_NAME.match(path.name):
            try:
                found[datetime.strptime(path.stem, NAME_FORMAT)] = path
            except ValueError:  # e.g. 2026-13-45_9999.kmo
                continue
    return found


def _read_info(folder: Path) -> dict[str, Any]:
    try:
        info = json.loads((folder / INFO_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


def _write_info(folder: Path, info: dict[str, Any]) -> None:
    temporary = folder / f".{INFO_FILE}.{secrets.token_hex(4)}.tmp"
    try:
        create_private_file(temporary)
        temporary.write_text(json.dumps(info, ensure_ascii=False, indent=2), "utf-8")
        os.replace(temporary, folder / INFO_FILE)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise BackupError(
            folder / INFO_FILE,
            "De gegevens bij de reservekopieën konden niet bewaard worden "
            f"({os_error_text(error)}).",
            "Maak ruimte vrij op de schijf.",
        ) from error


# -- finding and restoring ---------------------------------------------------


def backup_folder(
    dossier_id: str | None = None, *, dossier_path: Path | None = None
) -> Path | None:
    """The folder with the dossier's daily backups, or None when there is none.

    By id when given; without an id (an unreadable dossier) by the path recorded
    in ``info.json``, the most recently updated folder if several match.
    """
    root = paths.backups_dir()
    if dossier_id is not None:
        folder = root / dossier_id
        return folder if SAFE_ID.match(dossier_id) and folder.is_dir() else None
    if dossier_path is None:
        return None
    wanted = _comparable(Path(dossier_path))
    try:
        candidates = [folder for folder in root.iterdir() if folder.is_dir()]
    except OSError:
        return None
    matches = []
    for folder in candidates:
        info = _read_info(folder)
        recorded = info.get("dossier_path")
        if isinstance(recorded, str) and _comparable(Path(recorded)) == wanted:
            matches.append((str(info.get("updated_at", "")), folder))
    return max(matches)[1] if matches else None


def list_backups(
    dossier_id: str | None = None, *, dossier_path: Path | None = None,
    password: str | None = None,
) -> list[BackupInfo]:
    """The dossier's daily backups, newest first (see :func:`backup_folder`).

    Encrypted copies are read with ``password``, by default the one this process holds
    for ``dossier_path``; without it they count as unchecked.
    """
    folder = backup_folder(dossier_id, dossier_path=dossier_path)
    if folder is None:
        return []
    if password is None and dossier_path is not None:
        password = cipher.password_for(dossier_path)
    verified = _read_info(folder).get("verified", {})
    result = []
    for made_at, path in sorted(_backup_files(folder).items(), reverse=True):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        employees, intact = _peek(path, size, password)
        checked = isinstance(verified, dict) and verified.get(path.name) == size
        result.append(BackupInfo(path, made_at, size, employees, intact and checked))
    return result


def newest_verified_backup(dossier_path: Path, *, password: str | None = None) -> BackupInfo | None:
    """The newest backup that passed the check when written and passes a quick check now."""
    password = password or cipher.password_for(dossier_path)
    dossier_id = read_dossier_id(dossier_path, password=password)
    for backup in list_backups(dossier_id, dossier_path=dossier_path, password=password):
        if backup.verified and _quick_check(backup.path, password):
            return backup
    return None


def restore_backup(backup: Path, beside: Path, *, password: str | None = None) -> Path:
    """Write ``backup`` as a new, verified file beside the dossier ``beside``; return it.

    Named ``<stem>-hersteld-<date of the backup>.kmo``, with -2, -3 … when taken:
    never overwrites anything, least of all the original. An encrypted backup is read
    with ``password`` (by default the one held for ``beside``) and stays encrypted.
    """
    backup, beside = Path(backup).absolute(), Path(beside).absolute()
    password = password or cipher.password_for(beside) or cipher.password_for(backup)
    try:
        made_at = datetime.strptime(backup.stem, NAME_FORMAT)
    except ValueError:
        made_at = datetime.now()
    stem = f"{beside.stem}-hersteld-{made_at:%Y-%m-%d}"
    suffix = beside.suffix or paths.DOSSIER_SUFFIX
    for number in range(1, 1000):
        name = f"{stem}{'' if number == 1 else f'-{number}'}{suffix}"
        try:
            return write_backup(backup, beside.with_name(name), password=password)
        except BackupExistsError:
            continue
    raise BackupError(
        beside, "Er staan te veel herstelde kopieën naast dit dossier.", "Ruim er enkele op."
    )


def _comparable(path: Path) -> str:
    return os.path.normcase(os.path.abspath(path))


def _peek(path: Path, size: int, password: str | None = None) -> tuple[int | None, bool]:
    """(employees, intact): ours, and as long as its pages say (not truncated)."""
    try:
        conn = _open_copy(path, read_only=True, password=_key(path, password))
        try:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            pages = int(conn.execute("PRAGMA page_count").fetchone()[0])
            # int(): SQLCipher answers the page size as text.
            page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
            try:
                employees = conn.execute("SELECT count(*) FROM employee").fetchone()[0]
            except cipher.OPERATIONAL_ERRORS:  # a copy of a dossier from before version 4
                employees = None
        finally:
            conn.close()
    except (*cipher.ERRORS, DossierPasswordError):
        return None, False
    return employees, application_id == APPLICATION_ID and pages * page_size == size


def _quick_check(path: Path, password: str | None = None) -> bool:
    try:
        conn = _open_copy(path, read_only=True, password=_key(path, password))
        try:
            return conn.execute("PRAGMA quick_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except (*cipher.ERRORS, DossierPasswordError):
        return False


# -- following the dossier's password ------------------------------------------------


def convert_backups(dossier_path: Path, dossier_id: str | None, old: str | None,
                    new: str | None, salt: bytes | None = None) -> int:
    """Put the dossier's own copies under its new password ``new`` (None: plain); return how many.

    These are its daily backups and the copies made beside it before an upgrade. A copy
    under another password is left as it is; a plain copy that cannot be encrypted (it is
    damaged) is removed, for it would keep the data readable for anyone.
    """
    folder = backup_folder(dossier_id, dossier_path=dossier_path)
    daily = list(_backup_files(folder).values()) if folder is not None else []
    pattern = f"{_glob_escape(dossier_path.stem)}-kopie-v*{dossier_path.suffix}"
    converted: dict[Path, int] = {}
    for path in [*daily, *sorted(dossier_path.parent.glob(pattern))]:
        if cipher.looks_encrypted(path) != (old is not None):
            continue
        try:
            cipher.convert_file(path, old, new, salt)
        except DossierError:
            if old is None:
                path.unlink(missing_ok=True)
            continue
        converted[path] = path.stat().st_size
    info = _read_info(folder) if folder is not None else {}
    verified = info.get("verified")
    if folder is not None and isinstance(verified, dict):
        # A converted copy passed integrity_check under its new key; only its size changed.
        for path in daily:
            if path.name in verified:
                if path in converted:
                    verified[path.name] = converted[path]
                elif not path.exists():
                    del verified[path.name]
        _write_info(folder, info)
    return len(converted)


def _glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)
