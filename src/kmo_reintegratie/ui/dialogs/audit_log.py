"""Bestand › Logboek: who handled which record of this dossier, and when.

Shows the dossier's audit trail (``store.audit``) newest first, for everyone or for one
person, read-only. A long log is read a page at a time as the user scrolls
(``fetchMore``); for that reason the table is not sortable: sorting the pages read so
far would put an old entry above newer ones not read yet.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.analysis import format_number
from kmo_reintegratie.audit_log import AuditEntry
from kmo_reintegratie.store import audit
from kmo_reintegratie.store.dossier import Dossier

Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
WHEN_FORMAT = "%d-%m-%Y %H:%M"


class AuditLogModel(QAbstractTableModel):
    """The entries of one dossier (or one person), fetched ``PAGE`` at a time."""

    WHEN, WHO, ACTION, KIND, RECORD, PERSON = range(6)
    PAGE = 200

    def __init__(self, dossier: Dossier, names: dict[int, str], parent: Any = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self._names = names
        self._headers = (self.tr("Wanneer"), self.tr("Wie"), self.tr("Actie"), self.tr("Soort"),
                         self.tr("Welk record"), self.tr("Persoon"))
        self._person: int | None = None
        self._entries: list[AuditEntry] = []
        self._exhausted = False

    def set_person(self, employee_id: int | None) -> None:
        """Show the entries about ``employee_id`` (None: all) from the newest on."""
        self.beginResetModel()
        self._person = employee_id
        self._entries = []
        self._exhausted = False
        self.endResetModel()
        self.fetchMore(_ROOT)

    def person(self) -> int | None:
        return self._person

    def entry(self, row: int) -> AuditEntry:
        return self._entries[row]

    def canFetchMore(self, parent: Index = _ROOT) -> bool:  # noqa: N802 (Qt override)
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = _ROOT) -> None:  # noqa: N802 (Qt override)
        if parent.isValid() or self._exhausted:
            return
        before = self._entries[-1].id if self._entries else None
        batch = audit.entries(self._dossier, self._person, limit=self.PAGE, before_id=before)
        self._exhausted = len(batch) < self.PAGE
        if batch:
            start = len(self._entries)
            self.beginInsertRows(_ROOT, start, start + len(batch) - 1)
            self._entries.extend(batch)
            self.endInsertRows()

    def rowCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = _ROOT) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._headers)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Never editable: the log is the dossier's account of what happened.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._entries[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(entry, index.column())
        if role == ENTRY_ROLE:
            return entry
        return None

    def _display(self, entry: AuditEntry, column: int) -> str:
        if column == self.WHEN:
            return entry.at.strftime(WHEN_FORMAT) if entry.at.year > 1 else ""
        if column == self.WHO:
            return entry.actor or self.tr("(onbekend)")
        if column == self.ACTION:
            return entry.action_label
        if column == self.KIND:
            return entry.kind_label
        if column == self.RECORD:
            return entry.record_text
        return self.person_name(entry.employee_id)

    def person_name(self, employee_id: int | None) -> str:
        if employee_id is None:
            return ""
        return self._names.get(employee_id, self.tr("(gewist)"))


class AuditLogDialog(QDialog):
    """The logbook of ``dossier``; nothing in it can be changed."""

    def __init__(self, dossier: Dossier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self.setWindowTitle(self.tr("Logboek"))
        self.resize(980, 580)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Wie gegevens in dit dossier aanmaakte, wijzigde, verwijderde, afdrukte of "
            "exporteerde, en wanneer. De inhoud zelf staat niet in het logboek. Het logboek kan "
            "niet gewijzigd worden."))
        intro.setWordWrap(True)
        layout.addWidget(intro)

        names = {employee.id: employee.name for employee in dossier.employees.list()}
        filter_row = QHBoxLayout()
        label = QLabel(self.tr("&Persoon:"))
        self.person_combo = QComboBox()
        self.person_combo.setObjectName("auditPerson")
        self.person_combo.setMinimumContentsLength(28)
        self.person_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person_combo.addItem(self.tr("Alle personen"), None)
        for employee_id, name in names.items():
            self.person_combo.addItem(name, employee_id)
        for employee_id in audit.people(dossier):
            if employee_id not in names:
                self.person_combo.addItem(
                    self.tr("(gewist) nr. {0}").format(employee_id), employee_id)
        label.setBuddy(self.person_combo)
        filter_row.addWidget(label)
        filter_row.addWidget(self.person_combo)
        filter_row.addStretch(1)
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        filter_row.addWidget(self.count_label)
        layout.addLayout(filter_row)

        self.model = AuditLogModel(dossier, names, self)
        self.view = QTableView()
        self.view.setObjectName("auditLog")
        self.view.setModel(self.model)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        # One line per entry: a long log should fill the screen with entries, not padding.
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        for column, width in ((AuditLogModel.WHEN, 130), (AuditLogModel.WHO, 140),
                              (AuditLogModel.ACTION, 140), (AuditLogModel.KIND, 180),
                              (AuditLogModel.PERSON, 180)):
            header.resizeSection(column, width)
        header.setSectionResizeMode(AuditLogModel.RECORD, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.view, 1)

        self.empty_label = QLabel(self.tr("Er staat nog niets in het logboek."))
        self.empty_label.setObjectName("auditEmpty")
        layout.addWidget(self.empty_label)

        bottom = QHBoxLayout()
        self.actor_label = QLabel()
        self.actor_label.setObjectName("auditActor")
        self.actor_label.setWordWrap(True)
        bottom.addWidget(self.actor_label, 1)
        self.name_button = QPushButton(self.tr("&Naam wijzigen…"))
        self.name_button.clicked.connect(self._on_name_button_clicked)
        bottom.addWidget(self.name_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)

        self.person_combo.currentIndexChanged.connect(self._on_person_combo_current_index_changed)
        self._show_actor()
        self.show_person(None)

    def show_person(self, employee_id: int | None) -> None:
        """Show the entries about one person (None: everyone)."""
        index = self.person_combo.findData(employee_id)
        if index >= 0 and index != self.person_combo.currentIndex():
            self.person_combo.setCurrentIndex(index)  # shows them through the signal
            return
        self.model.set_person(employee_id)
        total = audit.count(self._dossier, employee_id)
        self.count_label.setText(self.tr("1 regel") if total == 1 else
                                 self.tr("{0} regels").format(format_number(total)))
        self.view.setVisible(total > 0)
        self.empty_label.setVisible(total == 0)
        if total:
            self.view.scrollToTop()

    def _on_person_combo_current_index_changed(self, index: int) -> None:
        self.show_person(self.person_combo.itemData(index))

    def _show_actor(self) -> None:
        if self._dossier.read_only:
            self.actor_label.setText(self.tr(
                "Dit dossier is alleen-lezen geopend: er wordt nu niets in het logboek genoteerd."))
            self.name_button.setVisible(False)
            return
        self.actor_label.setText(self.tr("Wat u nu doet, wordt genoteerd op naam van: {0}").format(
            audit.actor(self._dossier) or self.tr("(onbekend)")))

    def _on_name_button_clicked(self) -> None:
        from kmo_reintegratie.ui.dialogs.user_name import change_user_name

        if change_user_name(self, self._dossier) is not None:
            self._show_actor()


def show_audit_log(parent: QWidget, dossier: Dossier) -> AuditLogDialog:
    """Open the logbook of ``dossier`` over ``parent`` (window-modal; it deletes itself)."""
    dialog = AuditLogDialog(dossier, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
