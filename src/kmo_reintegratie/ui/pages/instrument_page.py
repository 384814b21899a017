"""`Instrument`: the official checklists, read-only, with the source attribution."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QSplitter, QTextBrowser, QTreeView, QVBoxLayout, QWidget

from kmo_reintegratie.instrument import Instrument, load_instrument
from kmo_reintegratie.ui.instrument_html import checklist_html, introduction_html, section_html

TARGET_ROLE = Qt.ItemDataRole.UserRole + 1
STYLE = """
h1 { font-size: 20px; color: #1f4e5f; }
h2 { font-size: 17px; color: #1f4e5f; margin-top: 18px; }
h3 { font-size: 15px; margin-top: 14px; }
h4 { font-size: 13px; color: #444; }
p, li { line-height: 130%; }
"""


class InstrumentPage(QWidget):
    nav_label = "Instrument"

    def __init__(self, parent: QWidget | None = None, instrument: Instrument | None = None):
        super().__init__(parent)
        self._instrument = instrument or load_instrument()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("<h2>Instrument: de checklists van de FOD WASO</h2>")))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        layout.addWidget(self.splitter, 1)
        self.tree = QTreeView()
        self.tree.setHeaderHidden(True)
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self.tree.setModel(self._build_model())
        self.tree.expandAll()
        self.tree.setMinimumWidth(340)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.document().setDefaultStyleSheet(STYLE)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(self.browser)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([300, 800])
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree.setCurrentIndex(self.tree.model().index(0, 0))

    def _build_model(self) -> QStandardItemModel:
        model = QStandardItemModel(self)
        intro = QStandardItem(self.tr("Inleiding en gebruik"))
        intro.setData(("intro", ""), TARGET_ROLE)
        model.appendRow(intro)
        for checklist in self._instrument.checklists:
            item = QStandardItem(self.tr("Checklist {0}: {1}").format(checklist.number, checklist.title))
            item.setData(("checklist", checklist.id), TARGET_ROLE)
            item.setToolTip(checklist.title)
            for section in checklist.sections:
                child = QStandardItem(f"{section.number} {section.title}")
                child.setData(("section", section.id), TARGET_ROLE)
                child.setToolTip(section.title)
                item.appendRow(child)
            model.appendRow(item)
        return model

    def show_introduction(self) -> None:
        self.tree.setCurrentIndex(self.tree.model().index(0, 0))

    def _on_tree_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        kind, key = current.data(TARGET_ROLE) or ("intro", "")
        if kind == "checklist":
            checklist = next(c for c in self._instrument.checklists if c.id == key)
            html = checklist_html(checklist)
        elif kind == "section":
            html = section_html(self._instrument.section(key))
        else:
            html = introduction_html(self._instrument)
        self.browser.setHtml(html)
