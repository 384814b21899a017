"""Make a document in the background and show it in the print preview.

Pages ask for a document by its registry name (the same names as the command
line's ``export``); the PDF is written to a private temporary folder by a worker
thread with its own read-only connection, then previewed. The folder holds personal
data: it is removed when the last preview of the job closes, and a folder that a
crash left behind is removed at the next start (:func:`remove_stale_previews`).
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.private_files import private_temporary_folder
from kmo_reintegratie.processes import pid_alive
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.background import run_in_background

if TYPE_CHECKING:
    from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog

PREVIEW_PREFIX = "kmo-druk-"
# A folder whose creator cannot be told apart (older versions, Windows) is a leftover
# after an hour; one of a process that still runs only after a day (its id may be reused).
UNKNOWN_CREATOR_STALE_AFTER = 3600.0
LIVE_CREATOR_STALE_AFTER = 24 * 3600.0
_CREATOR = re.compile(re.escape(PREVIEW_PREFIX) + r"(\d+)-")


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_") or "document"


class PreviewFolder:
    """The private folder (0700) of one print job, removed when its last preview closes.

    A per-person document opens one preview per person, all from this one folder.
    """

    def __init__(self) -> None:
        # The creator's process id in the name tells the next start whether it still runs.
        self.path = private_temporary_folder(f"{PREVIEW_PREFIX}{os.getpid()}-")
        self._open: set[int] = set()
        self._handed_out = False

    def keep_while_open(self, dialog: PrintPreviewDialog) -> None:
        key = id(dialog)
        self._open.add(key)
        dialog.finished.connect(lambda _result: self._closed(key, dialog.opened_elsewhere))
        # A preview deleted with its parent window is never "finished".
        dialog.destroyed.connect(lambda *_args: self._closed(key, False))

    def _closed(self, key: int, opened_elsewhere: bool) -> None:
        # A PDF reader may still be reading a file it was handed; such a folder is
        # removed at the next start instead (remove_stale_previews: its process is gone).
        self._handed_out = self._handed_out or opened_elsewhere
        if key in self._open:
            self._open.discard(key)
            if not self._open and not self._handed_out:
                self.remove()

    def remove(self) -> None:
        # A file still open elsewhere (a PDF reader on Windows) stays until the next start.
        shutil.rmtree(self.path, ignore_errors=True)


def print_document(
    parent: QWidget,
    dossier_path: Path,
    name: str,
    *,
    options: ExportOptions | None = None,
    title: str | None = None,
) -> None:
    """Export document ``name`` and open the preview; errors become a Dutch message."""
    kind = DOCUMENTS[name]
    options = options or ExportOptions()
    folder = PreviewFolder()
    # Exporters that write one file per person take a folder; the others a file.
    target = folder.path / f"{name}.pdf"
    progress = QProgressDialog(parent.tr("Document maken…"), "", 0, 0, parent)
    progress.setWindowTitle(title or kind.description)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def work() -> list[Path]:
        with Dossier.open(dossier_path, read_only=True) as dossier:
            return kind.export(dossier, target if not kind.per_person else folder.path, options)

    def done(paths: list[Path]) -> None:
        # The PDF viewer is loaded only when there is something to show (start light).
        from kmo_reintegratie.ui.dialogs.print_preview import show_pdf

        if not _still_shown(parent, progress):
            folder.remove()  # its page went away (another dossier, window closed): no preview
            return
        progress.close()
        if not paths:
            folder.remove()
            QMessageBox.information(parent, title or kind.description,
                                    parent.tr("Er is niets om af te drukken."))
            return
        for path in paths:
            dialog = show_pdf(parent, path, title or kind.description, _safe(path.stem) + ".pdf")
            folder.keep_while_open(dialog)

    def failed(error: Exception) -> None:
        folder.remove()
        shown = _still_shown(parent, progress)
        if shown:
            progress.close()
        if isinstance(error, DossierError):
            message = f"{error.message} {error.advice}".strip()
        elif isinstance(error, (ValueError, OSError)):
            message = str(error)
        else:
            raise error  # a bug: to the crash dialog, also when the page is gone
        if not shown:
            return
        QMessageBox.warning(parent, parent.tr("Document niet gemaakt"), message)

    run_in_background(work, on_done=done, on_error=failed)


def _still_shown(parent: QWidget, progress: QProgressDialog) -> bool:
    """Whether the page that asked still exists: a job may outlive it by seconds.

    Switching dossiers or closing the window deletes the page and, with it, the progress
    dialog; touching either then raises "Internal C++ object already deleted".
    """
    return shiboken6.isValid(parent) and shiboken6.isValid(progress)


def with_employee(options: ExportOptions | None, employee: str) -> ExportOptions:
    return replace(options or ExportOptions(), employee=employee)


# --------------------------------------------------------------------------- leftovers


def remove_stale_previews(now: float | None = None) -> int:
    """Remove this user's preview folders that a crash left behind; return how many.

    Cheap (one listing of the temporary folder) and never raises: it runs at every start.
    """
    now = time.time() if now is None else now
    try:
        entries = list(os.scandir(tempfile.gettempdir()))
    except OSError:
        return 0
    removed = 0
    for entry in entries:
        if not entry.name.startswith(PREVIEW_PREFIX):
            continue
        try:
            info = entry.stat(follow_symlinks=False)
            if not stat.S_ISDIR(info.st_mode) or not _is_own(info):
                continue
            if _is_stale(entry.name, now - info.st_mtime):
                shutil.rmtree(entry.path)
                removed += 1
        except OSError:
            continue  # someone else's, or in use: try again at the next start
    return removed


def _is_own(info: os.stat_result) -> bool:
    # Windows gives every user a temporary folder of their own.
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _is_stale(name: str, age: float) -> bool:
    match = _CREATOR.match(name)
    alive = _process_alive(int(match.group(1))) if match else None
    if alive is None:
        return age > UNKNOWN_CREATOR_STALE_AFTER
    return not alive or age > LIVE_CREATOR_STALE_AFTER


def _process_alive(pid: int) -> bool | None:
    """Whether process ``pid`` runs; None for a number no process can have."""
    if pid <= 0:
        return None
    return pid == os.getpid() or pid_alive(pid)
