"""Benchmark: what a password costs — the demo dossier (and a large one) plain against encrypted.

Times the key derivation on its own (SQLCipher's, Python's PBKDF2 with the same settings,
and a connection with the derived key held in memory), then opening, re-opening by a
worker, editing (one small transaction at a time, as autosave does), reading, a verified
backup, and the conversions (encrypt, change password, decrypt), each on a plain and on an
encrypted copy of the same dossier.
Usage: python benchmarks/encryption.py [--repeat 5] [--employees 2000 --spells 50000 | --no-large]
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from kmo_reintegratie import paths
from kmo_reintegratie.demo import write_demo
from kmo_reintegratie.sample_data import write_large_dossier
from kmo_reintegratie.store import backup, cipher
from kmo_reintegratie.store.dossier import Dossier

PASSWORD = "een zin van vier woorden"


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[float, float, Any]:
    """(median ms, max ms, last result)."""
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), max(times), result


def line(label: str, median: float, worst: float) -> None:
    print(f"  {label:<58} median {median:8.1f} ms  max {worst:8.1f} ms")


def pair(label: str, plain: Callable[[], Any], encrypted: Callable[[], Any], repeat: int) -> None:
    plain_ms, _, _ = timed(plain, repeat)
    encrypted_ms, worst, _ = timed(encrypted, repeat)
    factor = encrypted_ms / plain_ms if plain_ms else float("nan")
    print(f"  {label:<44} plain {plain_ms:8.1f} ms  encrypted {encrypted_ms:8.1f} ms"
          f"  (x{factor:4.1f}, max {worst:.1f})")


def key_derivation(encrypted: Path, repeat: int) -> None:
    print("Key derivation (PBKDF2-HMAC-SHA512, 256 000 iterations):")
    salt = encrypted.read_bytes()[:16]

    def by_sqlcipher() -> None:
        conn = sqlcipher.connect(f"{encrypted.as_uri()}?mode=ro", uri=True)
        conn.set_key(PASSWORD)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    def by_python() -> bytes:
        return hashlib.pbkdf2_hmac("sha512", PASSWORD.encode(), salt, cipher.KDF_ITERATIONS,
                                   cipher.KEY_SIZE)

    key = by_python()

    def with_held_key() -> None:
        conn = sqlcipher.connect(f"{encrypted.as_uri()}?mode=ro", uri=True)
        conn.set_key(f"x'{key.hex()}'")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.close()

    line("SQLCipher: connect + PRAGMA key + first read", *timed(by_sqlcipher, repeat)[:2])
    line("Python hashlib.pbkdf2_hmac, same settings", *timed(by_python, repeat)[:2])
    line("connect with the derived key held in memory", *timed(with_held_key, repeat)[:2])
    line("wrong password refused (password_fits)",
         *timed(lambda: cipher.password_fits(encrypted, "fout wachtwoord"), repeat)[:2])


def compare(plain: Path, encrypted: Path, repeat: int, edits: int) -> None:
    def open_close(path: Path, password: str | None) -> Callable[[], None]:
        return lambda: Dossier.open(path, password=password).close()

    pair("open + close (window; key derived once)", open_close(plain, None),
         open_close(encrypted, PASSWORD), repeat)
    main_plain, main_encrypted = Dossier.open(plain), Dossier.open(encrypted, password=PASSWORD)
    try:
        # As printing.py does: by path, the password found in memory.
        pair("worker re-opens read-only by path",
             lambda: Dossier.open(plain, read_only=True).close(),
             lambda: Dossier.open(encrypted, read_only=True).close(), repeat)

        def edit(dossier: Dossier) -> Callable[[], None]:
            def run() -> None:
                for number in range(edits):
                    with dossier.writing():
                        dossier.organisation.update(city=f"Gemeente {number}")
            return run

        pair(f"{edits} edits, one transaction each", edit(main_plain), edit(main_encrypted), repeat)
        pair("read: all employees + all absences",
             lambda: (main_plain.employees.list(), main_plain.absences.all()),
             lambda: (main_encrypted.employees.list(), main_encrypted.absences.all()), repeat)
        counter = iter(range(100_000))
        copies = plain.parent / f"kopieen-{plain.stem}"
        copies.mkdir(exist_ok=True)
        pair("write_backup (copy + integrity_check)",
             lambda: backup.write_backup(plain, copies / f"p{next(counter)}.kmo"),
             lambda: backup.write_backup(encrypted, copies / f"e{next(counter)}.kmo"), repeat)
    finally:
        main_plain.close()
        main_encrypted.close()


def conversions(plain: Path) -> None:
    work = plain.with_name("omzetten.kmo")
    shutil.copyfile(plain, work)
    line("encrypt (sqlcipher_export + check + rename)",
         *timed(lambda: cipher.encrypt(work, PASSWORD))[:2])
    line("change password",
         *timed(lambda: cipher.change_password(work, PASSWORD, PASSWORD + "!"))[:2])
    line("decrypt", *timed(lambda: cipher.decrypt(work, PASSWORD + "!"))[:2])
    # With the daily backups that rotation keeps (a year of use): they follow the password.
    dossier_id = backup.read_dossier_id(work) or "benchmark"
    for days in range(400, -1, -3):
        backup.daily_backup(work, dossier_id, now=datetime(2026, 12, 6, 9) - timedelta(days=days))
    count = len(backup.list_backups(dossier_id))
    line(f"encrypt, with {count} daily backups", *timed(lambda: cipher.encrypt(work, PASSWORD))[:2])
    line(f"change password, with {count} daily backups",
         *timed(lambda: cipher.change_password(work, PASSWORD, PASSWORD + "!"))[:2])


def measure(label: str, plain: Path, repeat: int, edits: int) -> None:
    encrypted = plain.with_name(plain.stem + "-versleuteld.kmo")
    shutil.copyfile(plain, encrypted)
    cipher.encrypt(encrypted, PASSWORD)
    print(f"\n{label}: {plain.stat().st_size / 1e6:.1f} MB plain, "
          f"{encrypted.stat().st_size / 1e6:.1f} MB encrypted")
    compare(plain, encrypted, repeat, edits)
    conversions(plain)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--spells", type=int, default=50_000)
    parser.add_argument("--no-large", dest="large", action="store_false")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kmo-encryption-bench-"))
    paths.set_home(work / "home")
    try:
        demo = write_demo(work / "demo.kmo")
        encrypted = work / "kdf.kmo"
        shutil.copyfile(demo, encrypted)
        cipher.encrypt(encrypted, PASSWORD)
        key_derivation(encrypted, args.repeat)
        measure("Demo dossier", demo, args.repeat, args.edits)
        if args.large:
            large = write_large_dossier(work / "groot.kmo", employees=args.employees,
                                        spells=args.spells, end=date(2026, 11, 22))
            measure(f"Large dossier ({args.employees} employees, {args.spells} spells)", large,
                    max(1, args.repeat // 2), args.edits)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
