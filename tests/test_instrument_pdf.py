"""The empty checklists as a PDF: all the instrument's text is there and page 1 is not blank."""

from __future__ import annotations

import re
import time
from datetime import date
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie.documents.instrument_pdf import render_instrument
from kmo_reintegratie.instrument import Instrument, load_instrument


def flat(text: str) -> str:
    """``text`` with single spaces and without hyphens, on both sides of a comparison: the
    PDF hyphenates Dutch at line ends ("arbeidson-" / "geschiktheid")."""
    return " ".join(text.replace("-\n", "").replace("-", "").split())


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


def test_usage_explains_this_booklets_parts_not_the_brochures_kaders(pages: list[str]) -> None:
    text = " ".join(pages)
    usage = text[text.index("Hoe dit instrument gebruiken?") : text.index("Checklist 1 –", 2000)]
    assert "kader" not in usage.lower()
    # Advice may speak of "het kader" of a contact; no text speaks of this booklet's boxes.
    assert not re.search(r"(eerste|tweede|derde|volgende) kader", text)
    parts = ("Vragen:", "Voorbeelden uit de praktijk:", "Adviezen:", "Uw opmerkingen en acties:")
    assert all(part in usage for part in parts)
    assert "Tekortkoming: hier moet de organisatie prioritair actie nemen" in usage


def test_writing_room_stays_on_the_page_with_the_end_of_its_section(
    rendered: tuple[Path, float], instrument: Instrument
) -> None:
    # Page header and footer are drawn after the page's content: what comes before the
    # heading in the extracted text is body text of the same page.
    raw_pages = [page.extract_text() for page in pypdf.PdfReader(rendered[0]).pages]
    headings = 0
    for number, raw in enumerate(raw_pages, start=1):
        for match in re.finditer(r"Uw opmerkingen en acties bij [\d.]+", raw):
            headings += 1
            before, after = raw[: match.start()], raw[match.end() :]
            assert len(before.strip()) > 40, f"pagina {number} begint met {match.group(0)}"
            assert "Opmerkingen bij deze sectie" in after and "Uit te voeren acties" in after
    assert headings == len(instrument.all_sections())
    first_14 = next(raw for raw in raw_pages if "Uw opmerkingen en acties bij 1.4" in raw)
    assert "Adviezen" in first_14 or "preventieadviseurs" in first_14  # with 1.4's last advice


def test_an_organisation_without_a_name_gets_a_line_to_fill_in(
    dossier_path: Path, tmp_path: Path
) -> None:
    from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
    from kmo_reintegratie.store.dossier import Dossier

    out = tmp_path / "checklists.pdf"
    with Dossier.open(dossier_path, read_only=True) as dossier:
        assert dossier.organisation.get().name == ""
        DOCUMENTS["checklists"].export(dossier, out, ExportOptions())
    pages = [flat(page.extract_text()) for page in pypdf.PdfReader(out).pages]
    assert not any("Naamloze" in page for page in pages)
    assert "Organisatie Afgedrukt op" in pages[0]  # nothing printed on the line to fill in


def test_no_print_smaller_than_seven_points_on_a_checklist_page(
    rendered: tuple[Path, float],
) -> None:
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            scale = abs(tm[0] * cm[0] * tm[3] * cm[3]) ** 0.5 or abs(tm[0] * cm[0])
            sizes.append(size * scale)

    pypdf.PdfReader(rendered[0]).pages[3].extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 6.99  # the smiley names under the tick boxes included


def test_no_theme_or_section_title_ends_a_page(
    rendered: tuple[Path, float], instrument: Instrument
) -> None:
    titles = [flat(f"{s.number} {s.title}") for s in instrument.all_sections()]
    titles += [flat(t.title) for c in instrument.checklists for t in c.themes]
    for number, page in enumerate(pypdf.PdfReader(rendered[0]).pages[1:], start=2):
        raw = page.extract_text()
        body = flat(raw[: raw.rindex("Bakkerij Zoë & Co")])  # the page header follows the body
        assert not any(body.endswith(title) for title in titles), f"pagina {number}"
