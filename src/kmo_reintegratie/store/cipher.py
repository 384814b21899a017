"""Dossiers protected with a password: recognising them, keying connections, converting.

A protected dossier is a SQLCipher 4 database: every page, the first one included, is
encrypted (AES-256, with an HMAC per page) under a key that SQLCipher's default KDF
derives from the password (PBKDF2-HMAC-SHA512, 256 000 iterations, salted with the 16
random bytes that begin the file). Neither the password nor a hint is stored anywhere:
a forgotten password means the data is gone.

The window process keeps the password of each dossier it has open in memory only
(:func:`remember` / :func:`forget`, done by ``Dossier`` itself), so that its workers, which
re-open the dossier by path, find it with :func:`password_for`. Never on disk, never in argv.

:func:`encrypt`, :func:`change_password` and :func:`decrypt` rewrite a dossier with
``sqlcipher_export()`` into a database ATTACHed beside it (0600, same folder), check the
result and rename it over the original: no plain copy of an encrypted dossier is written,
not even for a moment. The dossier's own backups follow its new password.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast

from kmo_reintegratie.private_files import create_private_file, flush_file, flush_folder
from kmo_reintegratie.store.errors import DossierError, DossierPasswordError

SQLITE_HEADER = b"SQLite format 3\x00"
# SQLite and SQLCipher pages are 512 to 65 536 bytes: a database is a whole number of them.
PAGE_UNIT = 512
SALT_SIZE = 16
# SQLCipher 4's defaults; only used to skip repeating the derivation for a known salt
# (a file made with other settings simply falls back to SQLCipher's own derivation).
KDF_ITERATIONS = 256_000
KEY_SIZE = 32
MINIMUM_LENGTH = 8

_DRIVER = "sqlcipher3.dbapi2"
# ERRORS, DATABASE_ERRORS, OPERATIONAL_ERRORS, INTEGRITY_ERRORS: sqlite3's class and, once
# SQLCipher is loaded, SQLCipher's; SQLCIPHER_ERRORS: SQLCipher's only (see __getattr__).
_ERROR_NAMES = {"ERRORS": "Error", "DATABASE_ERRORS": "DatabaseError",
                "OPERATIONAL_ERRORS": "OperationalError", "INTEGRITY_ERRORS": "IntegrityError",
                "SQLCIPHER_ERRORS": "Error"}

NEEDS_PASSWORD = "Dit dossier is beveiligd met een wachtwoord."
WRONG_PASSWORD = "Het wachtwoord is niet juist."
WRONG_ADVICE = ("Let op hoofdletters en de toetsenbordindeling (Caps Lock). Zonder het juiste "
                "wachtwoord kan niemand dit dossier openen.")

_SQLITE_NOTADB = 26


def _sqlcipher() -> Any:
    """SQLCipher's driver, imported on first use: a plain dossier never loads it (faster start)."""
    from sqlcipher3 import dbapi2

    return dbapi2


def __getattr__(name: str) -> tuple[type[Exception], ...]:
    """The error classes to catch, e.g. ``except cipher.ERRORS``.

    Computed when asked: before SQLCipher is loaded no SQLCipher error can occur, so
    sqlite3's classes are enough, and catching needs no import of SQLCipher.
    """
    kind = _ERROR_NAMES.get(name)
    if kind is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    driver = sys.modules.get(_DRIVER)
    ours = (getattr(driver, kind),) if driver is not None else ()
    return ours if name == "SQLCIPHER_ERRORS" else (getattr(sqlite3, kind), *ours)


def _errors() -> tuple[type[Exception], ...]:
    return __getattr__("ERRORS")


# -- recognising -------------------------------------------------------------


def looks_encrypted(path: Path | str) -> bool:
    """True when ``path`` may be a protected dossier: no SQLite header, whole pages, random bytes.

    Judged by content only. A wrong password and a file that is no dossier at all cannot be
    told apart; the messages say so.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(1024)
            size = os.fstat(handle.fileno()).st_size
    except OSError:
        return False
    return header_looks_encrypted(head, size)


def header_looks_encrypted(head: bytes, size: int) -> bool:
    if head.startswith(SQLITE_HEADER) or size < 2 * PAGE_UNIT or size % PAGE_UNIT:
        return False
    # Encrypted pages look random: a kilobyte of them holds nearly every byte value,
    # text (a PDF, a calendar, a letter) far fewer.
    return len(head) >= 1024 and len(set(head)) >= 160


def file_salt(path: Path) -> bytes | None:
    """The salt that begins an encrypted file; None for a plain, empty or missing one."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(SALT_SIZE)
    except OSError:
        return None
    return head if len(head) == SALT_SIZE and head != SQLITE_HEADER else None


# -- the passwords this process holds ------------------------------------------

_guard = threading.Lock()
_held: dict[str, tuple[str, int]] = {}  # file -> (password, how many open dossiers use it)
_pinned_passwords: dict[str, int] = {}  # passwords a conversion is using right now
_derived: dict[tuple[str, bytes], bytes] = {}  # (password, salt) -> key, while held or pinned


def _name(path: Path | str) -> str:
    return os.path.normcase(os.path.abspath(path))


def remember(path: Path | str, password: str) -> None:
    """Keep ``password`` in memory for ``path`` until as many :func:`forget` calls."""
    with _guard:
        before, count = _held.get(_name(path), (password, 0))
        _held[_name(path)] = (password, count + 1)
        if before != password:  # a new password for the file: the old one's keys may go
            _drop_keys_unless_used(before)


def forget(path: Path | str) -> None:
    with _guard:
        name = _name(path)
        if name not in _held:
            return
        password, count = _held.pop(name)
        if count > 1:
            _held[name] = (password, count - 1)
            return
        _drop_keys_unless_used(password)


def _in_use(password: str) -> bool:
    return password in _pinned_passwords or any(held == password for held, _ in _held.values())


def _drop_keys_unless_used(password: str) -> None:
    # Called with _guard held.
    if not _in_use(password):
        for key in [key for key in _derived if key[0] == password]:
            del _derived[key]


@contextmanager
def _pinned(*passwords: str | None) -> Iterator[None]:
    """Keep the keys derived for ``passwords`` during the block (a conversion's many copies)."""
    used = [password for password in passwords if password is not None]
    with _guard:
        for password in used:
            _pinned_passwords[password] = _pinned_passwords.get(password, 0) + 1
    try:
        yield
    finally:
        with _guard:
            for password in used:
                _pinned_passwords[password] -= 1
                if not _pinned_passwords[password]:
                    del _pinned_passwords[password]
                _drop_keys_unless_used(password)


@contextmanager
def holding(path: Path | str, password: str | None) -> Iterator[None]:
    """Hold ``password`` for ``path`` during the block (nothing when it is None)."""
    if password is None:
        yield
        return
    remember(path, password)
    try:
        yield
    finally:
        forget(path)


def password_for(path: Path | str) -> str | None:
    """The password this process holds for ``path``; None when it holds none."""
    with _guard:
        held = _held.get(_name(path))
    return held[0] if held else None


def _known_key(password: str, salt: bytes) -> bytes | None:
    """The derived key for a held password, computed once per salt; None otherwise."""
    with _guard:
        if not _in_use(password):
            return None
    return derive(password, salt)


def derive(password: str, salt: bytes) -> bytes:
    """SQLCipher 4's key for ``password`` and ``salt``; kept while the password is held."""
    with _guard:
        key = _derived.get((password, salt))
    if key is None:
        import hashlib  # only for a protected dossier: OpenSSL need not load at every start

        key = hashlib.pbkdf2_hmac("sha512", password.encode("utf-8"), salt, KDF_ITERATIONS,
                                  KEY_SIZE)
        with _guard:
            if _in_use(password):
                _derived[(password, salt)] = key
    return key


def new_salt() -> bytes:
    return os.urandom(SALT_SIZE)


def _raw_key(password: str, salt: bytes) -> str:
    """SQLCipher's raw key form with an explicit salt: a new file gets exactly this salt."""
    return f"x'{derive(password, salt).hex()}{salt.hex()}'"


# -- connections -----------------------------------------------------------------

_quieted = False


def _quiet() -> None:
    """SQLCipher reports a failed HMAC (a wrong password) on stderr; the user gets a message."""
    global _quieted
    if not _quieted:
        conn = _sqlcipher().connect(":memory:")
        try:
            conn.execute("PRAGMA cipher_log_level = NONE").fetchall()
        finally:
            conn.close()
        _quieted = True


def connect(path: Path, password: str | None, *, mode: str | None = None,
            sqlcipher_always: bool = False, salt: bytes | None = None,
            **options: Any) -> sqlite3.Connection:
    """A connection to ``path`` (``mode`` "ro"/"rw" never creates it), keyed with ``password``.

    Without a password this is a plain ``sqlite3`` connection, unless ``sqlcipher_always``
    (needed for ``sqlcipher_export``). An existing encrypted file is read once to check the
    key: a wrong password raises :class:`DossierPasswordError`. A new, empty file becomes
    encrypted by its first write, with ``salt`` when given (a backup shares its dossier's
    salt, so its key needs no second derivation), else with a random one.
    """
    target, uri = (f"{path.as_uri()}?mode={mode}", True) if mode else (str(path), False)
    if password is None and not sqlcipher_always:
        return sqlite3.connect(target, uri=uri, **options)
    _quiet()
    sqlcipher = _sqlcipher()
    conn = sqlcipher.connect(target, uri=uri, **options)
    if password is None:
        return cast(sqlite3.Connection, conn)
    existing = file_salt(path)
    if existing is None:
        conn.set_key(_raw_key(password, salt) if salt is not None else password)
        return cast(sqlite3.Connection, conn)
    key = _known_key(password, existing)
    if key is not None:
        conn.set_key(f"x'{key.hex()}'")
        if _key_fits(conn):
            return cast(sqlite3.Connection, conn)
        # Made with other KDF settings than SQLCipher 4's defaults: let SQLCipher derive it.
        conn.close()
        conn = sqlcipher.connect(target, uri=uri, **options)
    conn.set_key(password)
    if _key_fits(conn):
        return cast(sqlite3.Connection, conn)
    conn.close()
    raise DossierPasswordError(path, WRONG_PASSWORD, WRONG_ADVICE, wrong=True)


def as_sqlite3_error(error: Exception) -> Exception:
    """``error`` as the ``sqlite3`` exception of the same kind (SQLCipher's have own classes).

    Code that catches ``sqlite3.IntegrityError`` then works for encrypted dossiers too.
    """
    driver = sys.modules.get(_DRIVER)
    if driver is None or not isinstance(error, driver.Error):
        return error
    kind = getattr(sqlite3, type(error).__name__, sqlite3.Error)
    plain = kind(*error.args) if isinstance(kind, type) and issubclass(kind, sqlite3.Error) \
        else sqlite3.Error(*error.args)
    for name in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, name):
            setattr(plain, name, getattr(error, name))
    return plain


def _key_fits(conn: Any) -> bool:
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except _sqlcipher().DatabaseError as error:
        if getattr(error, "sqlite_errorcode", 0) & 0xFF == _SQLITE_NOTADB:
            return False
        raise
    return True


def password_fits(path: Path | str, password: str) -> bool:
    """Whether ``password`` opens the encrypted file ``path`` (reads only)."""
    try:
        connect(Path(path).absolute(), password, mode="ro").close()
    except DossierPasswordError:
        return False
    except _errors():
        return True  # the key fits; what else is wrong, opening will tell
    return True


def check_new_password(password: str) -> None:
    """Raise ValueError with a Dutch message for a password that may not be set."""
    if not password:
        raise ValueError("Het wachtwoord is leeg.")
    if "\x00" in password or "\n" in password or "\r" in password:
        raise ValueError("Het wachtwoord bevat een ongeldig teken.")
    if len(password) < MINIMUM_LENGTH:
        raise ValueError(f"Het wachtwoord moet minstens {MINIMUM_LENGTH} tekens lang zijn.")


# -- converting ---------------------------------------------------------------------


def encrypt(path: Path | str, password: str) -> int:
    """Protect the plain dossier ``path`` with ``password``; return how many backups followed."""
    check_new_password(password)
    return _change(Path(path).absolute(), None, password)


def change_password(path: Path | str, old: str, new: str) -> int:
    check_new_password(new)
    return _change(Path(path).absolute(), old, new)


def decrypt(path: Path | str, password: str) -> int:
    """Make the encrypted dossier ``path`` plain again (the plain file is the goal here)."""
    return _change(Path(path).absolute(), password, None)


def _change(path: Path, old: str | None, new: str | None) -> int:
    from kmo_reintegratie.store.backup import convert_backups, read_dossier_id
    from kmo_reintegratie.store.dossier import _acquire_lock, inspect_file

    if old is None and looks_encrypted(path):
        raise DossierError(path, "Dit dossier is al beveiligd met een wachtwoord.",
                           "Kies Wachtwoord wijzigen om een ander wachtwoord te kiezen.")
    # Nobody may have it open: a window writing to the old file would lose its work.
    lock = _acquire_lock(path, False)
    try:
        with _pinned(old, new):
            _, encrypted = inspect_file(path, old)
            if encrypted and old is None:
                raise DossierError(path, "Dit dossier is al beveiligd met een wachtwoord.")
            if not encrypted and old is not None:
                raise DossierError(path, "Dit dossier is niet beveiligd met een wachtwoord.")
            dossier_id = read_dossier_id(path, password=old)
            # One new salt for the dossier and its copies: one key derivation for them all.
            salt = new_salt()
            convert_file(path, old, new, salt)
            return convert_backups(path, dossier_id, old, new, salt)
    finally:
        lock.release()


def convert_file(path: Path, old: str | None, new: str | None, salt: bytes | None = None) -> None:
    """Rewrite the database ``path`` under the password ``new`` (None: plain) in one rename.

    The copy is written beside it under a temporary name (0600 from its creation), checked
    (integrity_check with the new key, identity, the rows of every table) and only then
    renamed over ``path``. On any failure ``path`` is untouched and nothing is left behind.
    The encrypted result gets ``salt`` (by default a new random one).
    """
    from kmo_reintegratie.store.dossier import _failure_text

    temporary = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    try:
        create_private_file(temporary)
        source = connect(path, old, mode="rw", sqlcipher_always=True)
        try:
            identity, rows = _contents(source)
            key = _raw_key(new, salt or new_salt()) if new is not None else ""
            source.execute("ATTACH DATABASE ? AS converted KEY ?", (str(temporary), key))
            # A failed conversion is deleted whole: it needs no journal.
            source.execute("PRAGMA converted.journal_mode = OFF")
            source.execute("SELECT sqlcipher_export('converted')").fetchall()
            # sqlcipher_export copies schema and rows, not the header fields that identify us.
            source.execute(f"PRAGMA converted.application_id = {int(identity[0])}")
            source.execute(f"PRAGMA converted.user_version = {int(identity[1])}")
            source.execute("DETACH DATABASE converted")
        finally:
            source.close()
        check = connect(temporary, new, mode="ro")
        try:
            result = check.execute("PRAGMA integrity_check").fetchall()
            if result != [("ok",)] or _contents(check) != (identity, rows):
                raise DossierError(path, "De omzetting kon niet gecontroleerd worden.",
                                   "Het dossier is niet gewijzigd.")
        finally:
            check.close()
        flush_file(temporary)
        os.replace(temporary, path)
        flush_folder(path.parent)
    except (OSError, *_errors()) as error:
        raise DossierError(
            path, f"Het dossier kon niet omgezet worden ({_failure_text(error)}).",
            "Het dossier is niet gewijzigd. Maak plaats vrij op de schijf en probeer opnieuw.",
        ) from error
    finally:
        for leftover in (temporary, temporary.with_name(temporary.name + "-journal")):
            try:
                leftover.unlink(missing_ok=True)
            except OSError:
                pass


def _contents(conn: sqlite3.Connection) -> tuple[tuple[int, int], dict[str, int]]:
    identity = (conn.execute("PRAGMA application_id").fetchone()[0],
                conn.execute("PRAGMA user_version").fetchone()[0])
    tables = [row[0] for row in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    rows = {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in tables}
    return identity, rows


