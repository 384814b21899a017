"""Make a document in the background and show it in the print preview.

Pages ask for a document by its registry name (the same names as the command
line's ``export``); the PDF is written to a private temporary folder by a worker
thread with its own read-only connection, then previewed. The folder holds personal
data: it is removed when the last preview of the job closes, and a folder that a
crash left behind is removed at the next start (:func:`remove_stale_previews`).

Before a document for the employee or the committee is made, the same worker checks its
free texts for medical words and names (``documents.print_flags``); flagged texts are
shown and the user is asked (``dialogs.print_check``).

Every document shown is recorded as "printed" in the audit trail of the window's own,
writable dossier (never the worker's read-only connection), with the document's name and
the person it is about; a dossier opened read-only records nothing.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kmo_reintegratie.audit_log import AuditAction, document_label
from kmo_reintegratie.documents.print_flags import PrintCheck, check_before_printing
from kmo_reintegratie.documents.registry import DOCUMENTS, DocumentKind, ExportOptions
from kmo_reintegratie.private_files import private_temporary_folder
from kmo_reintegratie.processes import pid_alive
from kmo_reintegratie.store import audit
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
    dossier_path: Path | Dossier,
    name: str,
    *,
    options: ExportOptions | None = None,
    title: str | None = None,
) -> None:
    """Check the texts, export document ``name`` and open the preview; errors become Dutch.

    A document for the employee or the committee whose free texts hold a medical word or,
    where names matter, a person's name is made only after the user saw those texts and
    chose "Toch afdrukken" (``dialogs.print_check``). The check runs in the same worker as
    the export, before it: nothing is written when the user cancels.

    The preview is logged in the open dossier: pass it as ``dossier_path``, or pass its
    path and it is found as the ``_dossier``/``dossier`` of ``parent`` or a widget above.
    """
    kind = DOCUMENTS[name]
    if isinstance(dossier_path, Dossier):
        log_to: Dossier | None = dossier_path
        dossier_path = dossier_path.path
    else:
        log_to = _open_dossier_of(parent, dossier_path)
    _make(parent, dossier_path, kind, options or ExportOptions(), title or kind.description,
          check=True, log_to=log_to)


def _open_dossier_of(widget: QWidget | None, path: Path) -> Dossier | None:
    """The dossier a page or the main window holds open at ``path``, if any."""
    while widget is not None:
        for attribute in ("_dossier", "dossier"):
            found = getattr(widget, attribute, None)
            if isinstance(found, Dossier) and found.path == Path(path):
                return found
        widget = widget.parentWidget()
    return None


def _subject(options: ExportOptions) -> tuple[str, int | None]:
    """The record a document is about, the most specific first."""
    for kind, record_id in (("trajectory", options.trajectory_id),
                            ("absence", options.absence_id),
                            ("preventive_request", options.request_id),
                            ("employee", options.employee_id),
                            ("assessment_round", options.round_id)):
        if record_id is not None:
            return kind, record_id
    return "document", None


def _log_printed(parent: QWidget, dossier: Dossier | None, kind: DocumentKind,
                 options: ExportOptions) -> None:
    if dossier is None or dossier.read_only or dossier.closed:
        return  # closed: the window moved on to another dossier while the PDF was made
    record_kind, record_id = _subject(options)
    detail = document_label(kind.name)
    if options.plan_version is not None:
        detail += f", versie {options.plan_version}"
    try:
        audit.record(dossier, AuditAction.PRINTED, record_kind, record_id, options.employee_id,
                     detail=detail)
    except DossierError as error:
        # The document is shown all the same (the user has it already); they learn why
        # the log lacks it.
        QMessageBox.warning(parent, parent.tr("Logboek niet bijgewerkt"), parent.tr(
            "Het afdrukken kon niet in het logboek van het dossier genoteerd worden. {0}"
        ).format(error.message))


def _make(
    parent: QWidget,
    dossier_path: Path,
    kind: DocumentKind,
    options: ExportOptions,
    title: str,
    *,
    check: bool,
    log_to: Dossier | None,
) -> None:
    folder = PreviewFolder()
    # Exporters that write one file per person take a folder; the others a file.
    target = folder.path / f"{kind.name}.pdf"
    progress = QProgressDialog(parent.tr("Document maken…"), "", 0, 0, parent)
    progress.setWindowTitle(title)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def work() -> list[Path] | PrintCheck:
        with Dossier.open(dossier_path, read_only=True) as dossier:
            if check:
                found = check_before_printing(dossier, kind.name, options, date.today())
                if found.asks:
                    return found
            return kind.export(dossier, target if not kind.per_person else folder.path, options)

    def done(result: list[Path] | PrintCheck) -> None:
        if not _still_shown(parent, progress):
            folder.remove()  # its page went away (another dossier, window closed): no preview
            return
        progress.close()
        if isinstance(result, PrintCheck):
            from kmo_reintegratie.ui.dialogs.print_check import ask_before_printing

            folder.remove()  # nothing was written
            ask_before_printing(
                parent, result, title,
                lambda: _make(parent, dossier_path, kind, options, title, check=False,
                              log_to=log_to),
            )
            return
        # The PDF viewer is loaded only when there is something to show (start light).
        from kmo_reintegratie.ui.dialogs.print_preview import show_pdf

        if not result:
            folder.remove()
            QMessageBox.information(parent, title, parent.tr("Er is niets om af te drukken."))
            return
        _log_printed(parent, log_to, kind, options)
        for path in result:
            dialog = show_pdf(parent, path, title, _safe(path.stem) + ".pdf")
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
