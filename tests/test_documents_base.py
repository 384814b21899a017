"""The shared PDF machinery, checked on the text a PDF reader extracts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pypdf
import pytest
from pdf_text import TextRun, contains, text_runs, unhyphenated
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, PageBreak
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.assessment import Answer
from kmo_reintegratie.documents import base, pdf_smileys, pdf_tables
from kmo_reintegratie.instrument import ListBlock, ListItem, Paragraph

TRICKY = "Café ‘t Hoekske – “ëïé” & <b> 😀\nregel 2"


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def build(path: Path, story: list[Flowable], **kwargs: object) -> Path:
    options: dict[str, object] = {"title": "Testdocument", "organisation_name": "Café ‘t Hoekske"}
    options.update(kwargs)
    return base.build_pdf(path, story, **options)  # type: ignore[arg-type]


def test_safe_text_escapes_markup_and_sets_emoji_in_the_symbol_font() -> None:
    assert base.safe_text(TRICKY) == (
        f'Café ‘t Hoekske – “ëïé” &amp; &lt;b&gt; <font name="{base.SYMBOL_FONT}">😀</font>'
        "<br/>regel 2"
    )
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji made of three
    # Neither font draws these: one "?" each (the family counts as one emoji).
    assert base.printable(f"a {family} b 👍🏽 c", symbols=True) == "a ? b ? c"
    assert base.printable("a 😀 b") == "a ? b"  # page headers: the text font only
    assert base.printable("Wałęsa → Łódź\tő\x07") == "Wałesa -> Łódz o "
    assert base.printable("één…“x”–’") == "één…“x”–’"  # Dutch typography is kept
    assert base.printable("a\r\nb\rc") == "a\nb\nc"


def test_tricky_text_prints_and_pages_are_numbered(tmp_path: Path) -> None:
    st = base.styles()
    story = [
        RLParagraph(base.safe_text(TRICKY), st.h1),
        RLParagraph(base.safe_text(TRICKY), st.body),
        PageBreak(),
        RLParagraph("Tweede pagina", st.body),
    ]
    path = build(tmp_path / "test.pdf", story, footer_note="Plan versie 2, 12-03-2026")
    first, second = page_texts(path)
    for expected in ("Café", "ëïé", "‘t Hoekske", "“ëïé”", "– “ëïé” & <b> 😀", "regel 2"):
        assert expected in first
    assert re.search(r"<b> 😀\s*\n\s*regel 2", first)  # the line break survived
    assert "pagina 1 van 2" in first and "pagina 2 van 2" in second
    assert "Plan versie 2, 12-03-2026" in second
    assert "Café ‘t Hoekske" in second and "Testdocument" in second  # header on every page


def test_metadata_and_landscape(tmp_path: Path) -> None:
    path = build(
        tmp_path / "plan.pdf",
        [RLParagraph("x", base.styles().body)],
        title="Actieplan",
        subject="Actieplan 2026",
        landscape=True,
    )
    reader = pypdf.PdfReader(path)
    assert reader.metadata is not None
    assert reader.metadata.title == "Actieplan"
    assert reader.metadata.author == "KMO Re-integratie"
    assert reader.metadata.subject == "Actieplan 2026"
    box = reader.pages[0].mediabox
    assert box.width > box.height


def test_header_can_be_left_off_the_cover(tmp_path: Path) -> None:
    story = [
        RLParagraph("Voorblad", base.styles().title),
        PageBreak(),
        RLParagraph("Inhoud", base.styles().body),
    ]
    path = build(tmp_path / "cover.pdf", story, header_on_first_page=False)
    first, second = page_texts(path)
    assert "Hoekske" not in first and "pagina 1 van 2" in first
    assert "Hoekske" in second


def test_long_paragraph_breaks_over_pages_without_loss(tmp_path: Path) -> None:
    words = [f"woord{n:04d}" for n in range(1000)]  # 10,000 characters with the spaces
    text = " ".join(words)
    assert len(text) >= 9_999
    path = build(tmp_path / "lang.pdf", [RLParagraph(base.safe_text(text), base.styles().body)])
    pages = page_texts(path)
    assert len(pages) >= 2
    found = set(" ".join(pages).split())
    assert set(words) <= found
    assert "woord0999" in pages[-1]


def test_only_the_pdf_is_left_after_success(tmp_path: Path) -> None:
    build(tmp_path / "ok.pdf", [RLParagraph("ok", base.styles().body)])
    assert [p.name for p in tmp_path.iterdir()] == ["ok.pdf"]


class Exploding(Flowable):
    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        raise RuntimeError("kapot")


def test_failed_render_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "kapot.pdf"
    with pytest.raises(RuntimeError, match="kapot"):
        build(path, [RLParagraph("begin", base.styles().body), PageBreak(), Exploding()])
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_render_keeps_the_previous_pdf(tmp_path: Path) -> None:
    path = tmp_path / "vorige.pdf"
    path.write_bytes(b"vorige versie")
    with pytest.raises(RuntimeError):
        build(path, [Exploding()])
    assert path.read_bytes() == b"vorige versie"
    assert [p.name for p in tmp_path.iterdir()] == ["vorige.pdf"]


def test_data_table_repeats_its_header_and_wraps_cells(tmp_path: Path) -> None:
    rows = [[f"rij {n}", date(2026, 3, 12), "Lange opmerking " * 20, None] for n in range(80)]
    rows.append(["laatste", 3, TRICKY, None])
    table = pdf_tables.data_table(
        ["Kolom A", "Datum", "Opmerking", "Leeg"], rows, ["15%", "15%", "55%", "15%"]
    )
    pages = page_texts(build(tmp_path / "tabel.pdf", [table]))
    assert len(pages) >= 3
    assert all("Kolom A" in page for page in pages)
    assert "12-03-2026" in pages[0]
    everything = flat(" ".join(pages))
    assert "rij 0 " in everything and "rij 79 " in everything
    assert "“ëïé” & <b> 😀" in everything


def test_a_huge_table_cell_splits_over_pages(tmp_path: Path) -> None:
    note = " ".join(f"notitie{n:04d}" for n in range(900))
    table = pdf_tables.data_table(
        ["Datum", "Notitie"], [[date(2026, 1, 5), note]], [3 * 28.35, 14 * 28.35]
    )
    pages = page_texts(build(tmp_path / "cel.pdf", [table]))
    assert len(pages) >= 2
    assert "notitie0899" in " ".join(pages)


def test_blocks_become_nested_lists(tmp_path: Path) -> None:
    blocks = (
        Paragraph("Inleiding met www.beswic.be."),
        ListBlock(
            "numbered",
            (
                ListItem(
                    "Eerste stap",
                    (ListBlock("bullet", (ListItem("Detail a"), ListItem("Detail b"))),),
                ),
                ListItem("Tweede stap"),
            ),
        ),
    )
    flowables = pdf_tables.blocks_flowables(blocks)
    assert len(flowables) == 2
    text = flat(" ".join(page_texts(build(tmp_path / "lijst.pdf", flowables))))
    assert "Inleiding met www.beswic.be." in text
    assert "1. Eerste stap" in text
    assert "– Detail a" in text and "– Detail b" in text  # nested bullets differ from "•"
    assert "2. Tweede stap" in text


def test_forms_and_signature_blocks_print_their_labels(tmp_path: Path) -> None:
    story = [
        pdf_tables.form_table(["Uit te voeren acties", "Wie", "Timing", "Opmerkingen"], rows=2),
        pdf_tables.write_box("Opmerkingen bij deze sectie"),
        pdf_tables.signature_block(["Naam", "Datum", "Handtekening werknemer"], title="Voor gezien"),
        pdf_tables.signature_row(
            [
                pdf_tables.signature_block(["Naam", "Handtekening"], title="Werkgever"),
                pdf_tables.signature_block(["Naam", "Handtekening"], title="Werknemer"),
            ]
        ),
    ]
    text = flat(" ".join(page_texts(build(tmp_path / "formulier.pdf", story))))
    for label in (
        "Uit te voeren acties",
        "Timing",
        "Opmerkingen bij deze sectie",
        "Voor gezien",
        "Handtekening werknemer",
        "Werkgever",
        "Werknemer",
    ):
        assert label in text


def test_smileys() -> None:
    assert [pdf_smileys.smiley_label(k) for k in ("toegepast", "overwegen", "tekortkoming", None)] == [
        "Toegepast",
        "Overwegen",
        "Tekortkoming",
        "Niet beantwoord",
    ]
    assert pdf_smileys.smiley_label(Answer.OVERWEGEN) == "Overwegen"
    drawing = pdf_smileys.smiley_drawing("tekortkoming", 24)
    assert isinstance(drawing, Drawing)
    assert (drawing.width, drawing.height) == (24, 24)
    with pytest.raises(ValueError):
        pdf_smileys.smiley_drawing("blij", 24)


def test_smileys_render_in_a_pdf(tmp_path: Path) -> None:
    kinds = [*Answer, None]
    story: list[Flowable] = [pdf_smileys.smiley_drawing(k, 30) for k in kinds]
    story += [pdf_smileys.smiley_with_label(k) for k in kinds]
    text = page_texts(build(tmp_path / "smileys.pdf", story))[0]
    assert "Niet beantwoord" in text and "Tekortkoming" in text


def test_dates() -> None:
    assert base.dutch_date(date(2026, 3, 12)) == "12 maart 2026"
    assert base.short_date(date(2026, 3, 12)) == "12-03-2026"


def test_documents_do_not_import_qt() -> None:
    folder = Path(base.__file__).parent
    for module in folder.glob("*.py"):
        assert "PySide6" not in module.read_text("utf-8"), module.name


# ------------------------------------------------------------- page breaks, header, footer


def _runs_of(path: Path, fragment: str) -> list[TextRun]:
    return [run for run in text_runs(path) if fragment in run.text]


def _frame_top() -> float:
    return base.page_size()[1] - base.MARGIN_TOP


def test_a_table_repeats_its_header_only_at_the_top_of_a_page(tmp_path: Path) -> None:
    # Rows of a third of a page: one never fits in what is left, so the table breaks often.
    rows = [
        [f"begin {n}", "Verslag van het gesprek. " * (30 + 9 * (n % 3)) + f"einde {n}"]
        for n in range(12)
    ]
    story = [
        RLParagraph("Inleiding " * 60, base.styles().body),
        pdf_tables.data_table(["Kolom A", "Kolom B"], rows, ["25%", "75%"]),
    ]
    path = build(tmp_path / "kop.pdf", story)
    pages = page_texts(path)
    assert len(pages) >= 3
    headers = _runs_of(path, "Kolom A")
    assert [run.page for run in headers] == list(range(1, len(pages) + 1))
    for run in headers[1:]:  # every continued part starts at the top of its page
        assert run.y > _frame_top() - 20, run
    for n in range(12):  # every row whole on one page
        [begin] = [i for i, page in enumerate(pages) if f"begin {n}\n" in page + "\n"]
        assert f"einde {n}" in unhyphenated(pages[begin]), n


def test_a_row_taller_than_a_page_splits_and_says_continued(tmp_path: Path) -> None:
    note = " ".join(f"notitie{n:04d}" for n in range(1_200))
    table = pdf_tables.data_table(
        ["Datum", "Notitie"], [[date(2026, 1, 5), note], [date(2026, 1, 6), "kort"]], ["20%", "80%"]
    )
    path = build(tmp_path / "lang.pdf", [RLParagraph("Begin", base.styles().body), table])
    pages = page_texts(path)
    assert len(pages) >= 3
    assert "05-01-2026" in pages[0] and "notitie0000" in pages[0]  # starts where it falls
    for page in pages[1:-1]:
        assert pdf_tables.CONTINUED in page  # the empty date cell of the continued row
    assert "notitie1199" in " ".join(pages) and "06-01-2026" in pages[-1]


def test_a_signature_block_in_a_table_still_moves_whole(tmp_path: Path) -> None:
    story = [
        RLParagraph("Tekst " * 700, base.styles().body),
        pdf_tables.signature_row(
            [
                pdf_tables.signature_block(["Naam", "Handtekening"], title="Werkgever"),
                pdf_tables.signature_block(["Naam", "Handtekening"], title="Werknemer"),
            ]
        ),
    ]
    pages = page_texts(build(tmp_path / "handtekening.pdf", story))
    [page] = [p for p in pages if "Werkgever" in p]
    assert "Werknemer" in page and page.count("Handtekening") == 2


LONG_NAME = "Marie-Christine Anne-Sophie Vandenbossche-Van Damme"


def test_the_running_header_drops_a_name_that_does_not_fit_instead_of_cutting_it(
    tmp_path: Path,
) -> None:
    title = f"Afspraken over de terugkeer naar het werk – {LONG_NAME}"
    path = build(
        tmp_path / "kop.pdf",
        [RLParagraph("Inhoud", base.styles().body)],
        title=title,
        organisation_name="Woonzorgcentrum Sint-Vincentius Dendermonde-Lebbeke vzw",
    )
    header = [run for run in text_runs(path) if run.y > _frame_top()]
    texts = [run.text for run in header]
    assert "Afspraken over de terugkeer naar het werk" in texts
    assert "Woonzorgcentrum Sint-Vincentius Dendermonde-Lebbeke vzw" in texts
    assert not any("Marie" in text or "…" in text for text in texts)
    # A title that does not fit without the name either is cut between words.
    cut = base.fit_heading("Overzicht " + "Vandenbossche " * 20, base.FONT, 8, 200)
    assert cut.endswith("Vandenbossche…")


def test_the_footer_note_wraps_beside_the_page_number_at_7_points_or_more(
    tmp_path: Path,
) -> None:
    st = base.styles()
    note = (
        f"Re-integratieplan voor {LONG_NAME}, versie 2 van 12 maart 2026 – "
        "afgedrukt op 14-03-2026"
    )
    path = build(
        tmp_path / "voet.pdf",
        [RLParagraph("Inhoud", st.body), PageBreak(), RLParagraph("x", st.body)],
        footer_note=note,
    )
    for page in (1, 2):
        runs = [run for run in text_runs(path) if run.page == page and run.y < base.MARGIN_BOTTOM]
        [number] = [run for run in runs if run.text.startswith("pagina")]
        note_runs = [run for run in runs if run is not number]
        assert len({round(run.y) for run in note_runs}) == 2  # two lines
        assert all(run.size >= 7 for run in runs)
        for run in note_runs:  # left of the page number, never under it
            end = run.x + stringWidth(run.text, base.FONT, run.size)
            assert end < number.x
    assert contains(page_texts(path)[1], note)


def test_an_endless_footer_note_is_shortened_on_the_paper(tmp_path: Path) -> None:
    path = build(
        tmp_path / "voet.pdf", [RLParagraph("x", base.styles().body)], footer_note="Naam " * 2_000
    )
    runs = [run for run in text_runs(path) if run.y < base.MARGIN_BOTTOM]
    lines = {round(run.y) for run in runs if not run.text.startswith("pagina")}
    assert len(lines) == base.FOOTER_NOTE_LINES
    assert min(run.y for run in runs) > 0.5 * cm
    assert any(run.text.endswith("…") for run in runs)


def test_a_row_that_fits_a_page_only_without_the_repeated_header_still_prints(tmp_path) -> None:
    """Found by random input: a long action under the header row ended in LayoutError."""
    import pypdf
    from reportlab.platypus import Paragraph, Table

    from kmo_reintegratie.documents.base import build_pdf, styles

    st = styles()
    for words in (360, 720):
        rows = [[Paragraph(h, st.header_cell) for h in ("Actie", "Wie", "Wanneer", "Opmerkingen")],
                [Paragraph("woord " * words + "einde", st.cell), Paragraph("Jo", st.cell),
                 Paragraph("mei", st.cell), Paragraph("-", st.cell)]]
        table = Table(rows, colWidths=[200, 100, 100, 81], repeatRows=1)
        path = build_pdf(tmp_path / f"rij-{words}.pdf", [table], title="Actieplan",
                         organisation_name="Test")
        text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
        assert "einde" in text and "Jo" in text
