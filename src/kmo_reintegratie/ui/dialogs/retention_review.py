"""The review of what is kept longer than its retention term: item by item, the user decides.

Each due item (a person out of service, an ended absence with its contact log, a closed
trajectory) can be anonymised, erased or left for later. Each erasure is confirmed, is one
transaction and is logged; "Later" only hides the line until the review is opened again.
Nothing is removed without this review.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.retention import DEFAULTS, Category, DueItem, due_items, term_text
from kmo_reintegratie.store import erasure
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.retention_repo import RetentionRepository
from kmo_reintegratie.ui.dialogs.erase_dialog import after_erasure
from kmo_reintegratie.ui.events import DossierEvents

Index = QModelIndex | QPersistentModelIndex
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ITEM_ROLE = Qt.ItemDataRole.UserRole + 2

KIND_LABELS = {
    Category.PERSON: "Persoon",
    Category.ABSENCE: "Afwezigheid en contacten",
    Category.TRAJECTORY: "Traject, plannen en verslag",
}


class DueItemModel(QAbstractTableModel):
    PERSON, KIND, WHAT, SINCE, TERM = range(5)
    HEADERS = ("Persoon", "Soort", "Wat", "Verstreken sinds", "Termijn")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[DueItem] = []

    def load(self, items: list[DueItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[DueItem]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        fact, column = item.fact, index.column()
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.DisplayRole:
            return (fact.person, KIND_LABELS[fact.category], fact.description,
                    format_date(item.due_since), self._term(item))[column]
        if role == SORT_ROLE:
            return (fact.person.casefold(), fact.category.value, fact.ended_on.isoformat(),
                    item.due_since.isoformat(), item.months)[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            default = DEFAULTS[fact.category]
            tip = f"{default.label}: {term_text(item.months)} {default.counted_from}.\nBron: {default.source}"
            if not default.confirmed:
                tip += f"\nTe bevestigen: {default.unconfirmed_reason}"
            return tip
        return None

    @staticmethod
    def _term(item: DueItem) -> str:
        default = DEFAULTS[item.fact.category]
        text = term_text(item.months)
        if item.months == default.months and not default.confirmed:
            text += " (te bevestigen)"
        return text


class RetentionReviewDialog(QDialog):
    def __init__(self, dossier: Dossier, events: DossierEvents | None, today: Callable[[], date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self._repo = RetentionRepository(dossier)
        #: Items put off with "Later": hidden until the review is opened again.
        self._later: set[tuple[str, int]] = set()
        self.setWindowTitle(self.tr("Bewaartermijn verstreken"))
        self.resize(940, 520)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr(
            "Deze gegevens worden langer bewaard dan de bewaartermijn van uw organisatie "
            "(Organisatie › Bewaartermijnen). Kies per lijn: <b>Anonimiseren</b> haalt naam en "
            "vrije tekst weg en houdt de cijfers van voorbije jaren; <b>Wissen</b> haalt alles "
            "weg; <b>Later</b> laat de lijn staan tot de volgende keer. Niets verdwijnt zonder "
            "uw keuze, en wat verdwijnt, kan niet ongedaan gemaakt worden."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.model = DueItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.view = QTableView()
        self.view.setObjectName("dueItems")
        self.view.setModel(self.proxy)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(DueItemModel.SINCE, Qt.SortOrder.AscendingOrder)
        self.view.verticalHeader().hide()
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DueItemModel.WHAT, QHeaderView.ResizeMode.Stretch)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        layout.addWidget(self.view, 1)
        self.empty = QLabel(self.tr("Er is niets waarvan de bewaartermijn verstreken is."))
        self.empty.setObjectName("nothingDue")
        layout.addWidget(self.empty)
        self.status = QLabel()
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        buttons = QHBoxLayout()
        self.anonymise_button = self._button(buttons, "anonymiseItem", self.tr("&Anonimiseren…"),
                                             lambda: self.act("anonymise"))
        self.erase_button = self._button(buttons, "eraseItem", self.tr("&Wissen…"), lambda: self.act("erase"))
        self.later_button = self._button(buttons, "laterItem", self.tr("&Later"), self.later)
        buttons.addStretch(1)
        self._button(buttons, "closeReview", self.tr("Sluiten"), self.accept)
        layout.addLayout(buttons)
        if dossier.read_only:
            self.status.setText(self.tr("Dit dossier is alleen-lezen geopend: u kunt de lijst "
                                        "bekijken, maar niets anonimiseren of wissen."))
        self.reload()

    def _button(self, layout: QHBoxLayout, name: str, text: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(lambda _checked=False: slot())
        layout.addWidget(button)
        return button

    # -- data -------------------------------------------------------------------------------

    def reload(self) -> None:
        items = due_items(self._repo.facts(), self._repo.settings(), self._today())
        self.model.load([item for item in items if item.key not in self._later])
        self.empty.setVisible(self.model.rowCount() == 0)
        if self.proxy.rowCount():
            self.view.selectRow(0)
        self._update_buttons()

    def selected_item(self) -> DueItem | None:
        rows = self.view.selectionModel().selectedRows()
        return rows[0].data(ITEM_ROLE) if rows else None

    def select(self, category: Category, record_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            item = self.proxy.index(row, 0).data(ITEM_ROLE)
            if item.fact.category is category and item.fact.record_id == record_id:
                self.view.selectRow(row)
                return True
        return False

    def _update_buttons(self, *_args: object) -> None:
        chosen = self.selected_item() is not None
        writable = not self._dossier.read_only
        self.anonymise_button.setEnabled(chosen and writable)
        self.erase_button.setEnabled(chosen and writable)
        self.later_button.setEnabled(chosen)

    # -- actions ----------------------------------------------------------------------------

    def later(self) -> None:
        item = self.selected_item()
        if item is None:
            return
        self._later.add(item.key)
        self.status.setText(self.tr("{0}: later bekijken.").format(item.fact.description))
        self.reload()

    def act(self, action: str) -> bool:
        """Anonymise or erase the selected item after the user confirmed; True when done."""
        item = self.selected_item()
        if item is None or self._dossier.read_only:
            return False
        if not self._confirm(item, action):
            return False
        fact = item.fact
        try:
            _PERFORM[(fact.category, action)](self._dossier, fact.record_id, self._today())
        except (DossierError, LookupError) as error:
            text = f"{error.message} {error.advice}".strip() if isinstance(error, DossierError) else self.tr(
                "Dit gegeven bestaat niet meer; de lijst is bijgewerkt.")
            self.status.setText(text)
            self.reload()
            return False
        after_erasure(self._events)
        done = self.tr("geanonimiseerd") if action == "anonymise" else self.tr("gewist")
        self.status.setText(self.tr("{0} van {1}: {2}.").format(fact.description, fact.person, done))
        self.reload()
        return True

    def _confirm(self, item: DueItem, action: str) -> bool:
        fact = item.fact
        what = {
            Category.PERSON: (self.tr("Naam, contactgegevens en alle vrije tekst van {0} verdwijnen; "
                                      "de cijfers van voorbije jaren blijven."),
                              self.tr("{0} en alles wat bij hem of haar hoort, verdwijnt; voorbije "
                                      "jaarverslagen tellen deze persoon niet meer mee.")),
            Category.ABSENCE: (self.tr("De notities, contactverslagen en wensen bij deze afwezigheid "
                                       "van {0} verdwijnen, net als een procedure medische "
                                       "overmacht; de datums blijven."),
                               self.tr("Deze afwezigheid van {0} verdwijnt met haar attesten en "
                                       "contacten; voorbije jaarverslagen tellen ze niet meer mee.")),
            Category.TRAJECTORY: (self.tr("Alle tekst van dit traject van {0}, zijn plannen en verslag "
                                          "verdwijnt; soort, beslissing en datums blijven."),
                                  self.tr("Dit traject van {0} verdwijnt met zijn plannen en verslag; "
                                          "voorbije jaarverslagen tellen het niet meer mee.")),
        }[fact.category][0 if action == "anonymise" else 1].format(fact.person)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Anonimiseren?") if action == "anonymise" else self.tr("Wissen?"))
        box.setText(self.tr("<p><b>{0}</b></p><p>{1}</p><p>Dit kan niet ongedaan gemaakt worden. "
                            "Reservekopieën van vóór vandaag bevatten de gegevens nog tot ze "
                            "wegvallen.</p>").format(fact.description, what))
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Yes | buttons.Cancel)
        box.button(buttons.Yes).setText(self.tr("Anonimiseren") if action == "anonymise" else self.tr("Wissen"))
        box.button(buttons.Cancel).setText(self.tr("Annuleren"))
        box.setDefaultButton(buttons.Cancel)
        return buttons(box.exec()) == buttons.Yes


_PERFORM: dict[tuple[Category, str], Callable[[Dossier, int, date], None]] = {
    (Category.PERSON, "anonymise"): lambda d, i, today: erasure.anonymise_employee(d, i, on=today),
    (Category.PERSON, "erase"): lambda d, i, today: erasure.erase_employee(d, i),
    (Category.ABSENCE, "anonymise"): lambda d, i, today: erasure.anonymise_absence(d, i),
    (Category.ABSENCE, "erase"): lambda d, i, today: erasure.erase_absence(d, i),
    (Category.TRAJECTORY, "anonymise"): lambda d, i, today: erasure.anonymise_trajectory(d, i),
    (Category.TRAJECTORY, "erase"): lambda d, i, today: erasure.erase_trajectory(d, i),
}
