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


class NewerDossierError(DossierError):
    """The file was written by a newer version of the program."""


class DossierInUseError(DossierError):
    """Another running instance holds the lock; read-only opening is possible."""

    title = "Dossier is al geopend"

    def __init__(self, path: Path | str, message: str, advice: str, holder: str) -> None:
        super().__init__(path, message, advice)
        self.holder = holder


class DossierWriteError(DossierError):
    """A change could not be stored (disk full, file became read-only, ...)."""

    title = "Wijziging niet opgeslagen"
