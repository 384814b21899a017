"""Files and folders that hold personal data are private to the user.

Absence records are health-related personal data: with the common umask 022 a
new file would be readable by every account on the machine. On POSIX every file
the program writes with personal data (dossier, lock, backups, exports,
previews) gets mode 0600 and every folder of its own 0700. SQLite gives its
journal the mode of the database file, so a private dossier has a private
journal. On Windows the user's profile already keeps other accounts out and
these modes mean nothing, so the functions do nothing there.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = sys.platform != "win32"


def make_private(path: Path | str) -> None:
    """Give an existing file mode 0600 (a folder 0700); silently keep what cannot change.

    A file on a FAT USB stick or a share may refuse chmod; it is still written.
    """
    if not POSIX:
        return
    try:
        mode = FOLDER_MODE if os.path.isdir(path) else FILE_MODE
        os.chmod(path, mode)
    except OSError:
        pass


def private_folder(path: Path | str) -> Path:
    """Create ``path`` (and missing parents) as a folder of the program's own, mode 0700.

    An existing folder is left as it is: it may be the user's, shared on purpose.
    """
    path = Path(path)
    if path.is_dir():
        return path
    missing = [p for p in [path, *path.parents] if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for created in missing:
        make_private(created)
    return path


def create_private_file(path: Path | str) -> None:
    """Create an empty file that must not exist yet, mode 0600 from the first byte."""
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, FILE_MODE)
    os.close(fd)


def private_temporary_folder(prefix: str) -> Path:
    """A new temporary folder only this user can read (``mkdtemp`` already uses 0700)."""
    import tempfile  # not loaded with the dossier: opening one makes no temporary folder

    return Path(tempfile.mkdtemp(prefix=prefix))


def flush_file(path: Path) -> None:
    """Make a written file's contents durable before it is renamed into place."""
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def flush_folder(folder: Path) -> None:
    """Make a rename itself durable (POSIX); where a folder cannot be synced, skip it."""
    if not POSIX:
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
