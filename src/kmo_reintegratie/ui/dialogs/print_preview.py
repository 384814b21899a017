"""Preview a generated PDF, print it, save a copy or open it in the system viewer.

Documents are made by reportlab (documents/); this dialog only shows the file,
rendered by QtPdf, and sends its pages to a printer. A saved copy is private (0600)
and never written over a dossier.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.documents.output_guard import OutputRefused, write_private
from kmo_reintegratie.os_errors import os_error_text


class PrintPreviewDialog(QDialog):
    def __init__(self, pdf: Path, title: str, suggested_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self._suggested = suggested_name
        self.setWindowTitle(title)
        self.resize(900, 1000)
        self.document = QPdfDocument(self)
        self.document.load(str(pdf))
        layout = QVBoxLayout(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        layout.addWidget(self.view, 1)
        bar = QHBoxLayout()
        self.info = QLabel(self.tr("{0} pagina('s)").format(self.document.pageCount()))
        bar.addWidget(self.info, 1)
        self.print_button = QPushButton(self.tr("&Afdrukken…"))
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(self.tr("&Opslaan als PDF…"))
        self.save_button.clicked.connect(self.save_copy)
        self.open_button = QPushButton(self.tr("Openen in &PDF-lezer"))
        self.open_button.clicked.connect(self.open_elsewhere)
        #: Handed to another program: the file must outlive this preview.
        self.opened_elsewhere = False
        close = QPushButton(self.tr("&Sluiten"))
        close.clicked.connect(self.accept)
        for button in (self.print_button, self.save_button, self.open_button, close):
            bar.addWidget(button)
        layout.addLayout(bar)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_document)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_copy)

    def open_elsewhere(self) -> None:
        self.opened_elsewhere = True
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pdf)))

    def done(self, result: int) -> None:
        # Closed before the window goes (and with it, maybe, the job's temporary folder):
        # Windows cannot delete a file that QtPdf still holds open.
        self.document.close()
        super().done(result)

    def save_copy(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("PDF opslaan"), self._suggested, "PDF (*.pdf)")
        if not name:
            return None
        target = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        try:
            write_private(target, lambda temporary: shutil.copyfile(self.pdf, temporary))
        except OutputRefused:
            QMessageBox.warning(
                self,
                self.tr("Niet opgeslagen"),
                self.tr("{0} is een dossier. Kies een andere naam voor de PDF; het dossier "
                        "blijft zoals het was.").format(target.name),
            )
            return None
        except OSError as error:
            QMessageBox.warning(self, self.tr("Niet opgeslagen"),
                                self.tr("Het bestand kon niet bewaard worden: {0}").format(os_error_text(error)))
            return None
        self.info.setText(self.tr("Opgeslagen als {0}").format(target))
        return target

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        # The action plan is landscape: print it so, rather than shrunk onto a portrait page.
        printer.setPageOrientation(page_orientation(self.document))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        print_pdf(self.document, printer)


def page_orientation(document: QPdfDocument) -> QPageLayout.Orientation:
    """Landscape when the document's first page is wider than it is tall."""
    if document.pageCount() > 0:
        size = document.pagePointSize(0)
        if size.width() > size.height():
            return QPageLayout.Orientation.Landscape
    return QPageLayout.Orientation.Portrait


def print_pdf(document: QPdfDocument, printer: QPrinter) -> None:
    """Send each page, rendered at the printer's resolution, to ``printer``."""
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        first = printer.fromPage() - 1 if printer.fromPage() > 0 else 0
        last = printer.toPage() - 1 if printer.toPage() > 0 else document.pageCount() - 1
        for page in range(first, last + 1):
            if page > first:
                printer.newPage()
            target = QRectF(painter.viewport())
            size = document.pagePointSize(page)
            scale = min(target.width() / size.width(), target.height() / size.height())
            pixels = QSize(int(size.width() * scale), int(size.height() * scale))
            image = document.render(page, pixels)
            painter.drawImage(QPointF(0, 0), image)
    finally:
        painter.end()


def show_pdf(parent: QWidget | None, pdf: Path, title: str, suggested_name: str) -> PrintPreviewDialog:
    dialog = PrintPreviewDialog(pdf, title, suggested_name, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
