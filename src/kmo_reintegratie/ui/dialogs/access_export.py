"""Medewerkers › Inzage-export…: what the dossier holds about one person, for that person.

:func:`export_access` asks for a folder, writes the readable PDF and the JSON file there in
the background (``ui.background``; the worker reads through a read-only connection of its
own, the window keeps its lock), records the export in the audit trail and says where the
files are, with a button that opens the folder. Nothing is printed or previewed: the files
are for the person, not for signature. Failures become a Dutch message.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QWidget

from kmo_reintegratie.documents.registry import ACCESS, ExportOptions
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.background import run_in_background

if TYPE_CHECKING:
    from kmo_reintegratie.absence import Employee
    from kmo_reintegratie.store.dossier import Dossier


class AccessExportJob(QObject):
    """One running access export; lives as long as the widget that asked for it."""

    #: The files written (PDF, JSON), once the message saying where they are is shown.
    finished = Signal(object)
    #: The Dutch message shown when nothing (or not everything) was written.
    failed = Signal(str)

    def __init__(self, parent: QWidget, dossier: Dossier, employee: Employee, folder: Path) -> None:
        super().__init__(parent)
        self._parent = parent
        self._dossier = dossier
        self._employee = employee
        self.folder = folder
        self.title = parent.tr("Inzage-export van {0}").format(employee.name)
        #: The message shown at the end (non-blocking, so the window stays usable).
        self.message_box: QMessageBox | None = None
        self.open_folder_button = None
        self._progress = QProgressDialog(parent.tr("Inzage-export maken…"), "", 0, 0, parent)
        self._progress.setWindowTitle(self.title)
        self._progress.setCancelButton(None)
        self._progress.setWindowModality(Qt.WindowModality.WindowModal)
        self._progress.setMinimumDuration(300)

    def start(self) -> None:
        path, folder = self._dossier.path, self.folder
        options = ExportOptions(employee_id=self._employee.id)

        def work() -> list[Path]:
            from kmo_reintegratie.store.dossier import Dossier

            # Opened in the worker: an SQLite connection stays in the thread that made it.
            with Dossier.open(path, read_only=True) as dossier:
                return ACCESS.export(dossier, folder, options)

        run_in_background(work, on_done=self._on_work_done, on_error=self._on_work_failed)

    def _still_shown(self) -> bool:
        # Closing the window or switching dossiers deletes the page while the worker runs.
        return shiboken6.isValid(self._parent) and shiboken6.isValid(self._progress)

    def _on_work_done(self, written: list[Path]) -> None:
        if not self._still_shown():
            return
        self._progress.close()
        self._record_export()
        names = "\n".join(path.name for path in written)
        text = self._parent.tr("Inzage-export bewaard in {0}:\n\n{1}").format(self.folder, names)
        box = self._message(QMessageBox.Icon.Information, text)
        self.open_folder_button = box.addButton(self._parent.tr("Map &openen"),
                                                QMessageBox.ButtonRole.ActionRole)
        box.addButton(self._parent.tr("Sluiten"), QMessageBox.ButtonRole.AcceptRole)
        box.buttonClicked.connect(self._on_message_button_clicked)
        box.open()
        self.finished.emit(written)

    def _on_work_failed(self, error: Exception) -> None:
        if isinstance(error, DossierError):
            message = f"{error.message} {error.advice}".strip()
        elif isinstance(error, OSError):
            message = self._parent.tr("De inzage-export kon niet geschreven worden: {0}").format(
                os_error_text(error))
        elif isinstance(error, ValueError):
            message = str(error)
        else:
            raise error  # a bug: to the crash dialog
        if not self._still_shown():
            return
        self._progress.close()
        self._message(QMessageBox.Icon.Warning, message).open()
        self.failed.emit(message)

    def _record_export(self) -> None:
        """One audit entry: the person's data left the program (not what it held)."""
        from kmo_reintegratie.store import audit
        from kmo_reintegratie.store.errors import DossierWriteError

        try:
            audit.record(self._dossier, "exported", "employee", self._employee.id,
                         self._employee.id, detail="inzage-export")
        except DossierWriteError:
            pass  # the files are written; a full disk is reported at the next change

    def _message(self, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(icon, self.title, text, QMessageBox.StandardButton.NoButton,
                          self._parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.message_box = box
        return box

    def _on_message_button_clicked(self, button: object) -> None:
        if button is self.open_folder_button:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.folder)))


def export_access(parent: QWidget, dossier: Dossier, employee: Employee) -> AccessExportJob | None:
    """Ask a folder and export everything about ``employee`` into it, in the background.

    Returns the running job (its ``finished``/``failed`` signals say how it ended), or None
    when the user cancelled the folder choice.
    """
    start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = QFileDialog.getExistingDirectory(
        parent, parent.tr("Map kiezen voor de inzage-export van {0}").format(employee.name),
        start or str(Path.home()),
    )
    if not folder:
        return None
    job = AccessExportJob(parent, dossier, employee, Path(folder))
    job.start()
    return job
