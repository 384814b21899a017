"""Paper quality of the documents: readable type, Dutch hyphenation, nothing outside its cell.

Checked on the real PDFs: every document the demo dossier prints, and tables built with the
shared table code.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest
from pdf_text import contains, page_texts, small_print, text_runs, unhyphenated
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.documents import base, pdf_smileys, pdf_tables
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.force_majeure import ForceMajeureCheck
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.preventive_request import PreventiveRequest
from kmo_reintegratie.store.dossier import Dossier

#: Job titles and roles as the demo and real dossiers have them.
JOB_TITLES = (
    "Hoofdverpleegkundige",
    "Hoofdverpleegkundige afdeling",
    "Bart De Smet (preventieadviseur)",
    "Productieverantwoordelijke",
    "Magazijnmedewerker",
    "Vertrouwenspersoon",
)


@pytest.fixture(scope="module")
def full_demo(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> Path:
    """The demo plus what it lacks to print every document: a preventive request and a
    force majeure procedure."""
    path = tmp_path_factory.mktemp("paper") / "demo.kmo"
    shutil.copyfile(demo_template, path)
    with Dossier.open(path) as dossier:
        employee = dossier.employees.list()[0]
        dossier.preventive_requests.save(
            PreventiveRequest(
                0, employee.id, date(2026, 2, 1), date(2026, 2, 10), date(2026, 2, 12),
                "Bureau in hoogte verstelbaar", date(2026, 2, 20),
                "Verstelbaar bureau vanaf 1 maart",
            )
        )
        absence = dossier.absences.all()[0]
        dossier.force_majeure.save(ForceMajeureCheck(absence.id, frozenset(), date(2026, 11, 30)))
    return path


def build(path: Path, story: list, **kwargs: object) -> Path:
    options: dict[str, object] = {"title": "Proef", "organisation_name": "Ter Linde vzw"}
    options.update(kwargs)
    return base.build_pdf(path, story, **options)  # type: ignore[arg-type]


def broken_without_hyphen(
    text: str, words: Iterable[str], vocabulary: frozenset[str] = frozenset()
) -> list[str]:
    """The words of ``words`` that ``text`` breaks over two lines without a hyphen.

    A break into two words of ``vocabulary`` ("arts" / "en") is an ordinary line break.
    """
    found = []
    for word in words:
        for cut in range(1, len(word)):
            if word[:cut].lower() in vocabulary and word[cut:].lower() in vocabulary:
                continue
            if re.search(re.escape(word[:cut]) + r"[ \t]*\n\s*" + re.escape(word[cut:]), text):
                found.append(f"{word[:cut]}|{word[cut:]}")
    return found


def long_words(texts: Iterable[str], letters: int = 6) -> set[str]:
    return {w for t in texts for w in re.findall(r"[^\W\d_]{%d,}" % letters, t)}


# --------------------------------------------------------------------------- small print


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_no_document_prints_below_7_points_or_in_a_font_it_does_not_embed(
    name: str, full_demo: Path, tmp_path: Path
) -> None:
    with Dossier.open(full_demo, read_only=True) as dossier:
        written = DOCUMENTS[name].export(dossier, tmp_path / name, ExportOptions())
    assert written
    small = [
        f"{pdf.name} p.{run.page}: {run.size:g} pt {run.text!r}"
        for pdf in written
        for run in small_print(pdf)
    ]
    assert not small, "tekst kleiner dan 7 pt:\n" + "\n".join(small[:25])
    # Helvetica (reportlab's default for bullets and plain table cells) is not embedded.
    foreign = {
        f"{pdf.name} p.{run.page}: {run.font} {run.text!r}"
        for pdf in written
        for run in text_runs(pdf)
        if not re.search(r"BitstreamVera|DejaVu", run.font)
    }
    assert not foreign, "\n".join(sorted(foreign)[:25])


def test_the_scan_sees_small_type(tmp_path: Path) -> None:
    """The check above can fail: 6.5 pt text and a shrunken drawing are found."""
    from reportlab.graphics.shapes import Drawing, String

    drawing = Drawing(100, 20)
    drawing.add(String(0, 5, "klein label", fontName=base.FONT, fontSize=6.5))
    shrunk = Drawing(100, 20)
    shrunk.add(String(0, 5, "verkleind", fontName=base.FONT, fontSize=10))
    shrunk.scale(0.5, 0.5)
    pdf = build(tmp_path / "klein.pdf", [drawing, shrunk])
    assert {(run.text, run.size) for run in small_print(pdf)} == {
        ("klein label", 6.5),
        ("verkleind", 5.0),
    }


def test_the_unanswered_smiley_and_labels_print_at_7_points_or_more(tmp_path: Path) -> None:
    story = [pdf_smileys.smiley_drawing(None, 12), pdf_smileys.smiley_with_label(None, 16, 6)]
    pdf = build(tmp_path / "smiley.pdf", story)
    sizes = {run.text: run.size for run in text_runs(pdf)}
    assert sizes["?"] >= 7 and sizes["Niet beantwoord"] >= 7


# --------------------------------------------------------------------------- hyphenation


def test_narrow_columns_hyphenate_dutch_words(tmp_path: Path) -> None:
    rows = [[title, "Opmerking"] for title in JOB_TITLES]
    table = pdf_tables.data_table(["Functie", "Opmerking"], rows, [2.3 * cm, 6 * cm])
    text = page_texts(build(tmp_path / "smal.pdf", [table]))[0]
    assert "Hoofdverpleeg-\n" in text or "Hoofdver-\n" in text  # a hyphen where it breaks
    assert not broken_without_hyphen(text, long_words(JOB_TITLES))
    for title in JOB_TITLES:
        assert title in unhyphenated(text).replace("\n", " ")


def test_the_self_assessment_breaks_no_word_without_a_hyphen(
    full_demo: Path, tmp_path: Path
) -> None:
    instrument = load_instrument()
    with Dossier.open(full_demo, read_only=True) as dossier:
        [pdf] = DOCUMENTS["zelfevaluatie"].export(dossier, tmp_path / "z.pdf", ExportOptions())
        data = dossier.assessments.round_data(dossier.assessments.rounds()[0].id)
        functions = [e.function for e in dossier.employees.list()]
    texts = [*functions, *data.comments.values()]
    texts += [f"{a.what} {a.who} {a.remarks}" for a in data.actions]
    texts += [
        f"{s.title} {' '.join(q.text for q in s.questions)}"
        for checklist in instrument.checklists
        for s in checklist.sections
    ]
    words = long_words(texts)
    assert "Hoofdverpleegkundige" in words  # the demo's narrow "Wie" column has it
    vocabulary = frozenset(w.lower() for w in long_words(texts, letters=1))
    broken = [
        b for page in page_texts(pdf) for b in broken_without_hyphen(page, words, vocabulary)
    ]
    assert not broken


def test_short_words_and_headings_are_not_hyphenated_without_need(tmp_path: Path) -> None:
    st = base.styles()
    text = (
        "De werknemer bespreekt met de leidinggevende en de preventieadviseur hoe de "
        "werkpost wordt aangepast, welke taken tijdelijk wegvallen en hoe de "
        "hoofdverpleegkundige de planning opvolgt. "
    ) * 4
    story = [
        RLParagraph(
            "Marie-Christine Vandenbossche – plan versie 1 van 1 december 2026", st.subtitle
        ),
        RLParagraph(text, st.body),
    ]
    lines = page_texts(build(tmp_path / "tekst.pdf", story))[0].splitlines()
    hyphenated = [line for line in lines if re.search(r"\w-$", line)]
    # Ragged-right text breaks between words; a hyphen only where a line would gape.
    assert len(hyphenated) <= 1, hyphenated
    assert not any(line.endswith("decem-") for line in lines)


# --------------------------------------------------------------------------- long words


def _right_edges(pdf: Path, size: float, left: float, right: float) -> list[tuple[str, float]]:
    """Right ends of the text of ``size`` that starts between ``left`` and ``right``."""
    edges = []
    for run in text_runs(pdf):
        if run.size != size or not left <= run.x < right:
            continue
        font = base.FONT_BOLD if "Bold" in run.font else base.FONT
        edges.append((run.text, run.x + stringWidth(run.text, font, run.size)))
    return edges


@pytest.mark.parametrize(
    "word",
    [
        "x" * 80,
        "Hoofdverpleeg" + "x" * 60,
        "https://www.example.be/een/heel/lang/pad/naar/een/document.pdf",
        "marie-christine.vandenbossche-vandamme@woonzorgcentrum-terlinde.be",
        "Arbeidsongeschiktheidsuitkering" * 3,
    ],
)
def test_a_word_pyphen_cannot_break_stays_inside_its_cell(word: str, tmp_path: Path) -> None:
    width = 2.5 * cm
    rows = [[word, "rest"], [f"Bart De Smet {word} en meer", "rest"]]
    table = pdf_tables.data_table(["Wie", "Wat"], rows, [width, 10 * cm])
    pdf = build(tmp_path / "woord.pdf", [table])
    cell_size = base.styles().cell.fontSize
    right = base.MARGIN_X + width
    edges = _right_edges(pdf, cell_size, base.MARGIN_X, right)
    assert len(edges) >= 4
    outside = [(text, edge) for text, edge in edges if edge > right + 0.5]
    assert not outside
    everything = "".join(unhyphenated(" ".join(page_texts(pdf))).split())
    assert word.replace(" ", "") in everything  # nothing lost


def test_the_reading_helpers_undo_hyphenation_only() -> None:
    text = "de Hoofdver-\npleegkundige en Marie-\nChristine; de preventie-\nadviseur-\narbeidsarts"
    assert unhyphenated(text) == (
        "de Hoofdverpleegkundige en Marie-Christine; de preventieadviseurarbeidsarts"
    )
    assert contains(text, "Hoofdverpleegkundige en Marie-Christine")
    assert contains(text, "preventieadviseur-arbeidsarts")
    assert not contains(text, "Hoofdverpleegkundige of Marie")
