"""Make a document in the background and show it in the print preview.

Pages ask for a document by its registry name (the same names as the command
line's ``export``); the PDF is written to a temporary folder by a worker thread
with its own read-only connection, then previewed.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.background import run_in_background
from kmo_reintegratie.ui.dialogs.print_preview import show_pdf


def _safe(text: str) -> str:
    return re.sub(r"[^\w.-]+", "_", text).strip("_") or "document"


def print_document(parent: QWidget, dossier_path: Path, name: str, *, options: ExportOptions | None = None,
                   title: str | None = None) -> None:
    """Export document ``name`` and open the preview; errors become a Dutch message."""
    kind = DOCUMENTS[name]
    options = options or ExportOptions()
    folder = Path(tempfile.mkdtemp(prefix="kmo-druk-"))
    # Exporters that write one file per person take a folder; the others a file.
    target = folder / f"{name}.pdf"
    progress = QProgressDialog(parent.tr("Document maken…"), "", 0, 0, parent)
    progress.setWindowTitle(title or kind.description)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(300)

    def work() -> list[Path]:
        with Dossier.open(dossier_path, read_only=True) as dossier:
            return kind.export(dossier, target if not kind.per_person else folder, options)

    def done(paths: list[Path]) -> None:
        progress.close()
        if not paths:
            QMessageBox.information(parent, title or kind.description,
                                    parent.tr("Er is niets om af te drukken."))
            return
        for path in paths:
            show_pdf(parent, path, title or kind.description, _safe(path.stem) + ".pdf")

    def failed(error: Exception) -> None:
        progress.close()
        if isinstance(error, DossierError):
            message = f"{error.message} {error.advice}".strip()
        elif isinstance(error, (ValueError, OSError)):
            message = str(error)
        else:
            raise error
        QMessageBox.warning(parent, parent.tr("Document niet gemaakt"), message)

    run_in_background(work, on_done=done, on_error=failed)


def with_employee(options: ExportOptions | None, employee: str) -> ExportOptions:
    return replace(options or ExportOptions(), employee=employee)
