"""Failures of the dossier file that a user can understand and act on.

These are the environment's problems (a locked, read-only or foreign file), not
bugs: the UI shows ``message`` and ``advice`` in a dialog. Anything else that
escapes the store is a bug and goes to the crash dialog.
"""

from __future__ import annotations

from pathlib import Path


class DossierError(Exception):
    """A dossier could not be opened or written, for a reason the user can fix."""

    title = "Dossier kan niet geopend worden"

    def __init__(self, path: Path | str, message: str, advice: str = "") -> None:
        super().__init__(message)
        self.path = Path(path)
        self.message = message
        self.advice = advice

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" + (f" {self.advice}" if self.advice else "")


class NotADossierError(DossierError):
    """The file is missing, not SQLite, corrupt, or another program's database."""


class DamagedDossierError(NotADossierError):
    """The file is ours but SQLite cannot read it whole; ``backup`` is the newest verified copy."""

    title = "Dossier beschadigd"

    def __init__(self, path: Path | str, message: str, advice: str, backup: Path | None) -> None:
        super().__init__(path, message, advice)
        self.backup = backup


class UncleanDossierError(NotADossierError):
    """A crash left a journal that cannot be rolled back here (read-only place)."""


class DossierNotWritableError(DossierError):
    """The file or its folder may not be written: open it read-only instead."""

    title = "Dossier alleen-lezen"


class NewerDossierError(DossierError):
    """The file was written by a newer version of the program."""


class DossierInUseError(DossierError):
    """Another running instance holds the lock; read-only opening is possible."""

    title = "Dossier is al geopend"

    def __init__(self, path: Path | str, message: str, advice: str, holder: str) -> None:
        super().__init__(path, message, advice)
        self.holder = holder


class DossierLockUncertainError(DossierInUseError):
    """The lock names another computer, or a process that cannot be verified: ask the user."""

    title = "Dossier mogelijk nog open"


class DossierWriteError(DossierError):
    """A change could not be stored (disk full, file became read-only, ...)."""

    title = "Wijziging niet opgeslagen"


class DossierPasswordError(DossierError):
    """The dossier is protected with a password, and none or a wrong one was given.

    ``wrong`` tells the two apart: the window asks again, the command line names the option.
    """

    title = "Wachtwoord nodig"

    def __init__(self, path: Path | str, message: str, advice: str, *, wrong: bool) -> None:
        super().__init__(path, message, advice)
        self.wrong = wrong
