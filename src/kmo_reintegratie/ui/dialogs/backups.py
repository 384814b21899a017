"""Bestand › Reservekopieën… and Bestand › Reservekopie maken….

The dialog lists the daily backups of one dossier and restores one as a new
file beside the original; the original is never overwritten. All file work is
done by ``store.backup``; listing 23 copies takes a few milliseconds, so it runs
in the UI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie import paths
from kmo_reintegratie.store.backup import (
    BackupInfo,
    backup_folder,
    list_backups,
    read_dossier_id,
    restore_backup,
    write_backup,
)
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.models.analysis_models import number

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
BACKUP_ROLE = Qt.ItemDataRole.UserRole + 2
DATE_FORMAT = "%d-%m-%Y %H:%M"


def _tr(text: str) -> str:
    return QCoreApplication.translate("BackupsDialog", text)


def size_text(size: int) -> str:
    """Bytes as a Belgian reads them: "850 kB", "1,2 MB", "4,3 GB"."""
    if size < 1_000_000:
        return number(size / 1000, 0, " kB")
    if size < 1_000_000_000:
        return number(size / 1_000_000, 1, " MB")
    return number(size / 1_000_000_000, 1, " GB")


class BackupsModel(QAbstractTableModel):
    DATE, SIZE, EMPLOYEES, VERIFIED = range(4)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._headers = (
            self.tr("Datum"),
            self.tr("Grootte"),
            self.tr("Werknemers"),
            self.tr("Gecontroleerd"),
        )
        self._backups: list[BackupInfo] = []

    def set_backups(self, backups: list[BackupInfo]) -> None:
        self.beginResetModel()
        self._backups = list(backups)
        self.endResetModel()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._backups)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        backup = self._backups[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(backup, column)
        if role == SORT_ROLE:
            return (
                backup.made_at.isoformat(),
                backup.size,
                backup.employee_count or -1,
                int(backup.verified),
            )[column]
        if role == BACKUP_ROLE:
            return backup
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (self.SIZE, self.EMPLOYEES):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.ToolTipRole and column == self.VERIFIED and not backup.verified:
            return self.tr("Deze kopie is niet (meer) dezelfde als na de controle bij het maken.")
        return None

    def _display(self, backup: BackupInfo, column: int) -> str:
        if column == self.DATE:
            return backup.made_at.strftime(DATE_FORMAT)
        if column == self.SIZE:
            return size_text(backup.size)
        if column == self.EMPLOYEES:
            return "–" if backup.employee_count is None else str(backup.employee_count)
        return self.tr("ja") if backup.verified else self.tr("nee")


class BackupsDialog(QDialog):
    """The daily backups of the dossier at ``dossier_path``, newest first.

    ``open_requested(Path)`` is emitted with a restored file that the user wants to open now.
    """

    open_requested = Signal(object)

    def __init__(
        self, dossier_path: Path, dossier_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.dossier_path = Path(dossier_path)
        # A damaged dossier has no readable id: its backups are then found by its path.
        self.dossier_id = dossier_id if dossier_id else read_dossier_id(self.dossier_path)
        self.setWindowTitle(self.tr("Reservekopieën"))
        self.resize(560, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Reservekopieën van “{0}” op deze computer. Het programma bewaart de "
                "kopieën van de laatste 7 dagen, 4 weken en 12 maanden. Herstellen maakt een "
                "nieuw bestand naast het dossier; het dossier zelf blijft ongewijzigd."
            ).format(self.dossier_path.stem)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.empty_label = QLabel(
            self.tr(
                "Er zijn nog geen reservekopieën van dit dossier. Het programma maakt er "
                "één per dag, telkens u het dossier opent."
            )
        )
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)

        self.model = BackupsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(BackupsModel.DATE, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self._on_view_double_clicked)
        layout.addWidget(self.view)

        buttons = QDialogButtonBox()
        self.restore_button = QPushButton(self.tr("Herstellen als nieuw bestand…"))
        self.folder_button = QPushButton(self.tr("Map openen"))
        self.close_button = QPushButton(self.tr("Sluiten"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.folder_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        backups = list_backups(self.dossier_id, dossier_path=self.dossier_path)
        self.model.set_backups(backups)
        self.empty_label.setVisible(not backups)
        self.view.setVisible(bool(backups))
        self.restore_button.setEnabled(bool(backups))
        self.folder_button.setEnabled(self.folder() is not None)
        if backups:
            self.view.selectRow(0)

    def folder(self) -> Path | None:
        return backup_folder(self.dossier_id, dossier_path=self.dossier_path)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(BACKUP_ROLE) if rows else None

    def _on_view_double_clicked(self, _index: QModelIndex) -> None:
        self._on_restore_button_clicked()

    def _on_restore_button_clicked(self) -> None:
        backup = self.selected_backup()
        if backup is None:
            return
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            restored = restore_backup(backup.path, self.dossier_path)
        except DossierError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(
                self, self.tr("Herstellen mislukt"), f"{error.message} {error.advice}".strip()
            )
            return
        QApplication.restoreOverrideCursor()
        answer = QMessageBox.question(
            self,
            self.tr("Reservekopie hersteld"),
            self.tr(
                "De reservekopie van {0} staat nu als nieuw bestand naast het dossier:\n\n{1}\n\n"
                "Het dossier zelf is niet gewijzigd. Nu openen?"
            ).format(backup.made_at.strftime(DATE_FORMAT), restored),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            # Closed first: the receiver may open the file and show its own dialogs.
            self.accept()
            self.open_requested.emit(restored)

    def _on_folder_button_clicked(self) -> None:
        folder = self.folder()
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def make_backup_to_chosen_place(parent: QWidget, dossier_path: Path) -> Path | None:
    """Ask where (a USB stick), write a verified backup there; return it, or None.

    Never overwrites: the save dialog's own question is switched off, and a
    chosen file that exists is refused with a message.
    """
    dossier_path = Path(dossier_path)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    suggested = Path(documents or Path.home()) / (
        f"{dossier_path.stem}-reservekopie-{date.today():%Y-%m-%d}{paths.DOSSIER_SUFFIX}"
    )
    title = _tr("Reservekopie maken")
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        title,
        str(suggested),
        _tr("Dossiers (*.kmo)"),
        "",
        QFileDialog.Option.DontConfirmOverwrite,
    )
    if not chosen:
        return None
    target = Path(chosen)
    if not target.suffix:
        target = target.with_name(target.name + paths.DOSSIER_SUFFIX)
    if target.exists():
        QMessageBox.warning(
            parent,
            title,
            _tr(
                "Er bestaat al een bestand “{0}”. Een reservekopie overschrijft nooit een bestaand "
                "bestand; kies een andere naam."
            ).format(target.name),
        )
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        write_backup(dossier_path, target)
    except DossierError as error:
        QApplication.restoreOverrideCursor()
        QMessageBox.warning(
            parent, _tr("Reservekopie mislukt"), f"{error.message} {error.advice}".strip()
        )
        return None
    QApplication.restoreOverrideCursor()
    QMessageBox.information(
        parent, title, _tr("De reservekopie is gemaakt en gecontroleerd:\n\n{0}").format(target)
    )
    return target
