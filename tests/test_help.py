"""The bundled manual: every chapter loads, links resolve, F1 opens the page's chapter."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kmo_reintegratie.bundled import bundled
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.help_window import (
    CHAPTERS,
    FIRST_CHAPTER,
    PAGE_CHAPTERS,
    HelpWindow,
    chapter_html,
)
from kmo_reintegratie.ui.main_window import MainWindow

TITLES = dict(CHAPTERS)


class _Links(HTMLParser):
    """The hrefs and the ids (anchors) of one chapter."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.hrefs.append(str(values["href"]))
        for key in ("id", "name"):
            if values.get(key):
                self.ids.add(str(values[key]))


def _parsed(chapter: str) -> _Links:
    links = _Links()
    links.feed(chapter_html(chapter))
    return links


def make_window(qtbot: QtBot, tmp_path: Path, dossier_path: Path | None) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(dossier_path) if dossier_path else None)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    with qtbot.waitActive(window):  # keyboard shortcuts need the active window
        window.show()
        window.activateWindow()
    return window


def help_window(window: MainWindow) -> HelpWindow:
    assert window.help_window is not None and window.help_window.isVisible()
    return window.help_window


def test_the_issue_asks_for_these_chapters() -> None:
    assert [title for _name, title in CHAPTERS] == [
        "Eerste stappen", "Overzicht", "Afwezigheden", "Trajecten", "Zelfevaluatie en actieplan",
        "Analyse en jaarverslag", "Medewerkers", "Organisatie",
        "De wettelijke tijdlijn en haar bronnen", "Privacy", "Reservekopieën", "Opdrachtregel",
    ]


def test_every_shipped_file_is_a_chapter_and_every_chapter_is_shipped() -> None:
    shipped = {entry.name for entry in bundled("manual").iterdir() if entry.name.endswith(".html")}
    assert shipped == {f"{name}.html" for name, _title in CHAPTERS}


@pytest.mark.parametrize("chapter", [name for name, _title in CHAPTERS])
def test_every_chapter_loads_with_its_title_and_no_outside_link(chapter: str) -> None:
    html = chapter_html(chapter)
    assert "<h1" in html and TITLES[chapter] in re.search(r"<h1[^>]*>(.*?)</h1>", html).group(1)
    for href in _parsed(chapter).hrefs:
        assert not QUrl(href).scheme(), f"{chapter}: {href} leaves the offline manual"


@pytest.mark.parametrize("chapter", [name for name, _title in CHAPTERS])
def test_every_internal_link_resolves_to_a_chapter_and_anchor(chapter: str) -> None:
    for href in _parsed(chapter).hrefs:
        target, _, anchor = href.partition("#")
        name = target.removesuffix(".html") if target else chapter
        assert name in TITLES, f"{chapter}: {href} names no chapter"
        if anchor:
            assert anchor in _parsed(name).ids, f"{chapter}: {href} names no anchor"


def test_clicking_a_link_in_the_browser_shows_that_chapter(qtbot: QtBot) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show()
    window.browser.anchorClicked.emit(QUrl("privacy.html#medische-woorden"))
    assert window.chapter() == "privacy"
    assert "De waarschuwing bij medische woorden" in window.browser.toPlainText()
    assert window.chapter_list.currentItem().text() == "Privacy"
    window.browser.anchorClicked.emit(QUrl("https://example.org/"))
    assert window.chapter() == "privacy"  # a web address is not followed: the manual is offline


def test_choosing_a_chapter_in_the_list_shows_it(qtbot: QtBot) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show()
    row = [name for name, _title in CHAPTERS].index("opdrachtregel")
    item = window.chapter_list.item(row)
    rect = window.chapter_list.visualItemRect(item)
    qtbot.mouseClick(window.chapter_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.chapter() == "opdrachtregel"
    assert "kmo-reintegratie backup DOSSIER -o KOPIE" in window.browser.toPlainText()


def test_every_page_of_the_window_has_a_chapter(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    assert set(window.pages) == set(PAGE_CHAPTERS)
    assert set(PAGE_CHAPTERS.values()) <= set(TITLES)


@pytest.mark.parametrize(
    ("page", "title"),
    [
        ("Overzicht", "Overzicht"),
        ("Afwezigheden", "Afwezigheden"),
        ("Analyse", "Analyse en jaarverslag"),
        ("Actieplan", "Zelfevaluatie en actieplan"),
        ("Organisatie", "Organisatie"),
    ],
)
def test_f1_opens_the_chapter_of_the_current_page(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path, page: str, title: str
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    window.go_to(page)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = help_window(window)
    assert shown.browser.toPlainText().startswith(title)
    assert shown.chapter_list.currentItem().text() == title


def test_f1_follows_the_page_and_reuses_the_window(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    window.go_to("Medewerkers")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    first = help_window(window)
    assert first.chapter() == "medewerkers"
    window.go_to("Trajecten")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert help_window(window) is first
    assert first.chapter() == "trajecten"
    assert "Een re-integratietraject bereidt" in first.browser.toPlainText()


def test_help_menu_opens_the_manual_at_the_first_steps(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    window = make_window(qtbot, tmp_path, dossier_path)
    window.go_to("Analyse")
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Help")
    manual = next(a for a in help_menu.actions() if a.text() == "&Handleiding")
    manual.trigger()
    shown = help_window(window)
    assert shown.chapter() == FIRST_CHAPTER
    assert shown.browser.toPlainText().startswith("Eerste stappen")
    page_help = next(a for a in help_menu.actions() if a.shortcut().toString() == "F1")
    assert page_help.isEnabled()


def test_f1_without_a_dossier_opens_the_first_steps(qtbot: QtBot, tmp_path: Path) -> None:
    window = make_window(qtbot, tmp_path, None)
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert help_window(window).chapter() == FIRST_CHAPTER


def test_help_window_at_1366x768(qtbot: QtBot, tmp_path: Path, dossier_path: Path) -> None:
    """Fits a laptop screen; the picture is for looking at (/tmp/kmo-help-window.png)."""
    window = make_window(qtbot, tmp_path, dossier_path)
    window.go_to("Afwezigheden")
    qtbot.keyClick(window, Qt.Key.Key_F1)
    shown = help_window(window)
    screen = QApplication.primaryScreen().availableGeometry()
    assert shown.width() <= min(screen.width(), 1366) and shown.height() <= 768
    assert not shown.browser.horizontalScrollBar().isVisible()
    shown.grab().save(str(tmp_path / "help.png"))
