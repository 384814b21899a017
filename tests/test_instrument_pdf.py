"""The empty checklists as a PDF: all the instrument's text is there and page 1 is not blank."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie.documents.instrument_pdf import render_instrument
from kmo_reintegratie.instrument import Instrument, load_instrument


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    path = tmp_path_factory.mktemp("pdf") / "checklists.pdf"
    started = time.perf_counter()
    render_instrument(load_instrument(), "Bakkerij Zoë & Co", path, printed_on=date(2026, 3, 12))
    return path, time.perf_counter() - started


@pytest.fixture(scope="module")
def pages(rendered: tuple[Path, float]) -> list[str]:
    return [flat(page.extract_text()) for page in pypdf.PdfReader(rendered[0]).pages]


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument()


def test_every_section_title_and_question_is_printed(
    pages: list[str], instrument: Instrument
) -> None:
    text = " ".join(pages)
    missing_sections = [
        s.id for s in instrument.all_sections() if flat(f"{s.number} {s.title}") not in text
    ]
    missing_questions = [q.id for q in instrument.all_questions() if flat(q.text) not in text]
    assert missing_sections == []
    assert missing_questions == []
    for checklist in instrument.checklists:
        assert flat(checklist.title) in text
        for theme in checklist.themes:
            assert flat(theme.title) in text


def test_examples_advice_and_write_fields_are_printed(
    pages: list[str], instrument: Instrument
) -> None:
    text = " ".join(pages)
    section = instrument.section("c1.s1.1")
    assert flat(section.examples[0].sector) in text
    assert "Adviezen" in text and "Meer informatie" in text
    assert section.links[0].url in text
    for field in ("Uit te voeren acties", "Wie", "Timing", "Opmerkingen"):
        assert field in text
    assert text.count("Tekortkoming") >= len(instrument.all_questions())


def test_cover_names_organisation_date_and_source(pages: list[str], instrument: Instrument) -> None:
    cover = pages[0]
    assert flat(instrument.title) in cover
    assert "Bakkerij Zoë & Co" in cover
    assert "12 maart 2026" in cover
    assert flat(instrument.source.attribution) in cover
    assert all(flat(instrument.source.attribution) in page for page in pages)  # footer note
    assert "Hoe dit instrument gebruiken?" in " ".join(pages[1:4])


def test_page_count_and_speed(pages: list[str], rendered: tuple[Path, float]) -> None:
    assert 20 <= len(pages) <= 80
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1]
    assert all(len(page) > 200 for page in pages)  # no empty pages
    assert rendered[1] < 5  # about 0.5 s on a laptop; generous for slow CI machines


def test_without_organisation_name(tmp_path: Path) -> None:
    path = render_instrument(load_instrument(), "", tmp_path / "leeg.pdf")
    assert "Organisatie" in pypdf.PdfReader(path).pages[0].extract_text()


def test_first_pages_are_not_blank_when_rendered(
    rendered: tuple[Path, float], qapp: object
) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    assert document.load(str(rendered[0])) == QPdfDocument.Error.None_
    assert document.pageCount() > 20

    def sample(page: int) -> tuple[int, int]:
        image = document.render(page, QSize(600, 850))
        assert not image.isNull()
        dark = coloured = 0
        for x in range(0, image.width(), 3):
            for y in range(0, image.height(), 3):
                colour = image.pixelColor(x, y)
                if colour.alpha() < 128:  # QtPdf leaves the paper transparent
                    continue
                if colour.lightness() < 200:
                    dark += 1
                if colour.green() - colour.red() > 40 or colour.red() - colour.green() > 60:
                    coloured += 1
        return dark, coloured

    dark, _ = sample(0)
    assert dark > 500  # the cover's title and text (about 1,500 samples)
    first_questions = 3  # page 4: checklist 1 starts with questions and their smileys
    dark, coloured = sample(first_questions)
    assert dark > 2000  # about 4,500
    assert coloured > 50  # green and red smileys (about 100)
    document.close()
