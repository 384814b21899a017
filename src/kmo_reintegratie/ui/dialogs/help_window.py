"""The user manual: the bundled HTML chapters in ``resources/manual/``, shown offline.

The chapters are read through ``bundled()`` (importlib.resources), so the manual works
installed, editable and frozen alike. Links between chapters are plain relative links
(``privacy.html#medische-woorden``); the browser never follows a link by itself, so nothing
can reach the network.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.bundled import read_bundled_text

#: The chapters in reading order: file stem in resources/manual/ and the title in the list.
CHAPTERS: tuple[tuple[str, str], ...] = (
    ("eerste-stappen", "Eerste stappen"),
    ("overzicht", "Overzicht"),
    ("afwezigheden", "Afwezigheden"),
    ("trajecten", "Trajecten"),
    ("zelfevaluatie-en-actieplan", "Zelfevaluatie en actieplan"),
    ("analyse-en-jaarverslag", "Analyse en jaarverslag"),
    ("medewerkers", "Medewerkers"),
    ("organisatie", "Organisatie"),
    ("wettelijke-tijdlijn", "De wettelijke tijdlijn en haar bronnen"),
    ("privacy", "Privacy"),
    ("reservekopieen", "Reservekopieën"),
    ("opdrachtregel", "Opdrachtregel"),
)
FIRST_CHAPTER = CHAPTERS[0][0]

#: The chapter F1 opens for each page of the main window (keyed by the page's ``nav_label``).
PAGE_CHAPTERS: dict[str, str] = {
    "Overzicht": "overzicht",
    "Afwezigheden": "afwezigheden",
    "Trajecten": "trajecten",
    "Zelfevaluatie": "zelfevaluatie-en-actieplan",
    "Actieplan": "zelfevaluatie-en-actieplan",
    "Analyse": "analyse-en-jaarverslag",
    "Medewerkers": "medewerkers",
    "Organisatie": "organisatie",
    # The instrument is the checklists themselves: their use is explained with the self-assessment.
    "Instrument": "zelfevaluatie-en-actieplan",
}


def chapter_for_page(nav_label: str | None) -> str:
    """The chapter about page ``nav_label``; the first steps for no page or an unknown one."""
    return PAGE_CHAPTERS.get(nav_label or "", FIRST_CHAPTER)


def chapter_html(chapter: str) -> str:
    """The HTML of one chapter; KeyError for a name that is not in CHAPTERS."""
    if chapter not in dict(CHAPTERS):
        raise KeyError(chapter)
    return read_bundled_text("manual", f"{chapter}.html")


class HelpWindow(QDialog):
    """A chapter list on the left, the chapter on the right; modeless, so the user can work on."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Handleiding — KMO Re-integratie"))
        self.setObjectName("helpWindow")
        self._chapter = ""
        layout = QVBoxLayout(self)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        self.chapter_list = QListWidget()
        self.chapter_list.setObjectName("chapters")
        for name, title in CHAPTERS:
            item = QListWidgetItem(self.tr(title), self.chapter_list)
            item.setData(Qt.ItemDataRole.UserRole, name)
        # Long chapter titles wrap instead of hiding behind a horizontal scroll bar.
        self.chapter_list.setWordWrap(True)
        self.chapter_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.chapter_list.setMinimumWidth(180)
        self.chapter_list.setStyleSheet(
            "QListWidget#chapters { font-size: 14px; outline: 0; }"
            "QListWidget#chapters::item { padding: 5px 8px; }"
        )
        self.browser = QTextBrowser()
        self.browser.setObjectName("manual")
        # Links are handled here: a chapter link shows that chapter, anything else is ignored,
        # so a stray web address in a chapter can never open a connection.
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._on_browser_anchor_clicked)
        self.browser.document().setDocumentMargin(12)
        splitter.addWidget(self.chapter_list)
        splitter.addWidget(self.browser)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([250, 650])
        layout.addWidget(splitter, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        self.chapter_list.currentRowChanged.connect(self._on_chapter_list_row_changed)
        # Beside the main window on a 1366×768 laptop; never larger than the screen.
        available = self.screen().availableGeometry()
        self.resize(QSize(min(920, available.width() * 9 // 10),
                          min(640, available.height() * 9 // 10)))
        self.show_chapter(FIRST_CHAPTER)

    def chapter(self) -> str:
        """The name of the chapter shown now."""
        return self._chapter

    def show_chapter(self, chapter: str, anchor: str = "") -> None:
        """Show ``chapter`` (a name from CHAPTERS; otherwise the first steps), at ``anchor``."""
        names = [name for name, _title in CHAPTERS]
        if chapter not in names:
            chapter = FIRST_CHAPTER
        if chapter != self._chapter:
            self._chapter = chapter
            self.browser.setHtml(chapter_html(chapter))
            self.chapter_list.blockSignals(True)
            self.chapter_list.setCurrentRow(names.index(chapter))
            self.chapter_list.blockSignals(False)
        if anchor:
            self.browser.scrollToAnchor(anchor)
        else:
            self.browser.verticalScrollBar().setValue(0)

    def open_chapter(self, chapter: str) -> None:
        """Show ``chapter`` and bring the window to the front."""
        self.show_chapter(chapter)
        self.show()
        self.raise_()
        self.activateWindow()

    def _on_chapter_list_row_changed(self, row: int) -> None:
        if 0 <= row < len(CHAPTERS):
            self.show_chapter(CHAPTERS[row][0])

    def _on_browser_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme() or url.host():
            return  # not part of the manual: the manual is offline
        path = url.path()
        if not path:
            self.browser.scrollToAnchor(url.fragment())
            return
        name = path.rsplit("/", 1)[-1].removesuffix(".html")
        if name in dict(CHAPTERS):
            self.show_chapter(name, url.fragment())
