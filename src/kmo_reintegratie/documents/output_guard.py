"""Where an export may be written: never over a dossier, private and whole or not at all.

Every file the program exports (PDF, CSV, XLSX, the preview's "Opslaan als PDF") goes
through :func:`write_private`, so the command line, the print preview and the table
exports share one guard:

* a target that is an existing dossier (any SQLite database, judged by content, whatever
  its extension) or the dossier being exported is refused with :class:`OutputRefused`, a
  ``ValueError`` with a Dutch message, before anything is written;
* the content is written to a temporary file beside the target, created with mode 0600
  on POSIX (exports hold personal data), and renamed into place; on failure the previous
  file at the target is untouched and no temporary file remains.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


class OutputRefused(ValueError):
    """The chosen target must not be written; the message says why, in Dutch."""

    def __init__(self, target: Path, message: str) -> None:
        super().__init__(message)
        #: The file that was not written.
        self.target = target


def is_same_file(first: Path, second: Path) -> bool:
    """True when both paths name one existing file (also through links or another spelling)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def refuse_dossier_target(
    target: Path | str, *, dossier: Path | str | None = None, what: str = "de PDF"
) -> None:
    """Raise :class:`OutputRefused` when writing ``target`` would destroy a dossier.

    ``dossier`` is the dossier being exported (refused even before it is judged by content);
    ``what`` names the file in the message ("de PDF", "de export").
    """
    # Imported here: the store pulls in sqlite-utils, which listing the documents does not need.
    from kmo_reintegratie.store.dossier import is_dossier_file

    target = Path(target)
    if (dossier is not None and is_same_file(target, Path(dossier))) or is_dossier_file(target):
        message = f"{target.name} is een dossier; kies een andere naam voor {what}."
        raise OutputRefused(target, message)


def write_private(path: Path, write: Callable[[Path], object], *, what: str = "de PDF") -> Path:
    """Write a file via ``write(temporary_path)`` and rename it to ``path``; return ``path``.

    Refuses a dossier as target (see the module docstring) before ``write`` runs.
    """
    path = Path(path)
    refuse_dossier_target(path, what=what)
    # mkstemp creates the file exclusively with mode 0600, whatever the umask: nobody
    # else on the machine can read the personal data, not even while it is written.
    handle, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    os.close(handle)  # the writers open the file by name (Windows allows one writer)
    temporary = Path(name)
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path
