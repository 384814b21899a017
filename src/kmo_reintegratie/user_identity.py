"""Who works with the program on this computer: the name the audit trail records.

The user confirms a name once per computer (a consultant gives their own); it is kept
in a private file in the user's configuration folder, never in the dossier's lock file.
Until a name is confirmed the operating system's login name stands in for it.
"""

from __future__ import annotations

import getpass
import os
import re
from pathlib import Path

from kmo_reintegratie import paths
from kmo_reintegratie.private_files import create_private_file, private_folder
from kmo_reintegratie.text import clean_text

MAX_LENGTH = 80
_SPACES = re.compile(r"\s+")


def name_file() -> Path:
    return paths.config_dir() / "gebruiker.txt"


def suggested_name() -> str:
    """The operating system's login name, or "" when the system cannot tell."""
    try:
        return clean_name(getpass.getuser())
    except (OSError, KeyError, ImportError, ValueError):
        # getuser() raises OSError (3.13) or KeyError (pwd) for an unnamed account.
        return ""


def confirmed_name() -> str | None:
    """The name confirmed on this computer; None when none was (or the file is unreadable)."""
    try:
        text = name_file().read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    try:
        return clean_name(text.splitlines()[0] if text else "")
    except ValueError:
        return None


def actor_name() -> str:
    """The name entries of the audit trail are written under."""
    return confirmed_name() or suggested_name()


def clean_name(text: str) -> str:
    """``text`` as one tidy line; a ValueError with a Dutch message when it cannot be a name."""
    name = _SPACES.sub(" ", clean_text(text)).strip()
    if not name:
        raise ValueError("Geef een naam, bijvoorbeeld uw voornaam en naam.")
    if len(name) > MAX_LENGTH:
        raise ValueError(f"Die naam is te lang (meer dan {MAX_LENGTH} tekens).")
    if not name.isprintable():
        raise ValueError("De naam bevat een teken dat niet getoond kan worden.")
    return name


def confirm_name(text: str) -> str:
    """Store ``text`` as this computer's user name (a private file, written whole); return it.

    Raises ValueError (Dutch) for an empty or unusable name and OSError when the
    configuration folder cannot be written.
    """
    name = clean_name(text)
    target = name_file()
    private_folder(target.parent)
    temporary = target.with_name(target.name + ".nieuw")
    temporary.unlink(missing_ok=True)
    create_private_file(temporary)
    try:
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return name
