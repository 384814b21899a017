"""The Zelfevaluatie report and the Actieplan as PDFs: exported headless, read back as text."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie.assessment import (
    Action,
    ActionStatus,
    Answer,
    Round,
    RoundData,
    Urgency,
    tally,
)
from kmo_reintegratie.documents.action_plan_pdf import render_action_plan
from kmo_reintegratie.documents.assessment_report import render_assessment_report
from kmo_reintegratie.instrument import Instrument, load_instrument
from kmo_reintegratie.organisation import Organisation
from kmo_reintegratie.store.dossier import Dossier

TODAY = date(2026, 11, 2)


def flat(text: str) -> str:
    """``text`` with single spaces and without hyphens, on both sides of a comparison: the
    PDF hyphenates Dutch at line ends ("arbeidson-" / "geschiktheid")."""
    return " ".join(text.replace("-\n", "").replace("-", "").split())


def page_texts(path: Path) -> list[str]:
    return [flat(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def export(dossier: Path, document: str, out: Path, home: Path) -> subprocess.CompletedProcess[str]:
    """``kmo-reintegratie export DOSSIER document -o out`` through the installed entry point."""
    beside_python = Path(sys.executable).parent / "kmo-reintegratie"
    program = str(beside_python) if beside_python.exists() else shutil.which("kmo-reintegratie")
    assert program, "kmo-reintegratie is not installed; run the README's install command"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KMO_REINTEGRATIE_HOME": str(home)}
    return subprocess.run(
        [program, "export", str(dossier), document, "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kmo_reintegratie.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("demo") / "demo.kmo")


@pytest.fixture(scope="module")
def rounds(demo: Path) -> tuple[RoundData, RoundData]:
    """The demo's latest round and the one before, as the exporter reads them."""
    with Dossier.open(demo, read_only=True) as dossier:
        latest, earlier = dossier.assessments.rounds()[:2]
        return dossier.assessments.round_data(latest.id), dossier.assessments.round_data(earlier.id)


@pytest.fixture(scope="module")
def report(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    out = folder / "nieuwe map" / "zelfevaluatie.pdf"  # parent folders are created
    result = export(demo, "zelfevaluatie", out, folder / "home")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(out)
    return out


@pytest.fixture(scope="module")
def plan(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    out = folder / "actieplan.pdf"
    result = export(demo, "actieplan", out, folder / "home")
    assert result.returncode == 0, result.stderr
    return out


def test_report_prints_sections_round_counts_actions_and_source(
    report: Path, rounds: tuple[RoundData, RoundData], instrument: Instrument
) -> None:
    data, earlier = rounds
    pages = page_texts(report)
    text = " ".join(pages)
    missing = [s.id for s in instrument.all_sections() if flat(f"{s.number} {s.title}") not in text]
    assert missing == []
    assert flat(data.round.title) in pages[0]
    assert flat(earlier.round.title) in pages[0]  # compared with the round before
    assert "Woonzorgcentrum Ter Linde vzw" in pages[0]
    summary = pages[1]
    assert "Overzicht" in summary and "Stand per sectie" in summary
    for checklist in instrument.checklists:
        counts = tally(data.answers.get(q.id) for s in checklist.sections for q in s.questions)
        unanswered = counts.total - counts.answered
        # the summary table: title, then each smiley with its count, then "answered van total"
        assert (
            f"{checklist.number}. {flat(checklist.title)} {counts.toegepast} {counts.overwegen} "
            f"{counts.tekortkoming} ? {unanswered} {counts.answered} van {counts.total}"
        ) in summary
        # and spelled out at the start of the checklist's chapter
        assert (
            f"{counts.total} vragen: {counts.toegepast} toegepast, {counts.overwegen} overwegen, "
            f"{counts.tekortkoming} tekortkoming, {unanswered} niet beantwoord"
        ) in text
    assert data.actions
    for action in data.actions:
        assert text.count(flat(action.what)) >= 2  # under its section and in the plan
    assert flat(data.comments["c3.s3.1"]) in text
    assert "Niet beantwoord" in text  # checklist 4 is not answered yet in the demo
    assert "t.o.v. vorige ronde: beter" in text
    late = [a for a in data.actions if a.urgency(date.today()) is Urgency.OVERDUE]
    assert text.count("te laat") >= (2 * len(late) if late else 0)
    assert "pagina 1 van" in pages[0]
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1]
    attribution = flat(instrument.source.attribution)
    assert all(attribution in page for page in pages)
    assert all(len(page) > 300 for page in pages)  # no empty pages


def test_action_plan_is_landscape_and_ordered_by_deadline(
    plan: Path, rounds: tuple[RoundData, RoundData]
) -> None:
    data, _ = rounds
    reader = pypdf.PdfReader(plan)
    box = reader.pages[0].mediabox
    assert box.width > box.height
    text = " ".join(page_texts(plan))
    for column in ("Checklist / sectie", "Actie", "Wie", "Deadline", "Status", "Opmerkingen"):
        assert column in text
    expected = sorted(data.actions, key=lambda a: (a.due is None, a.due or date.max))
    positions = [text.index(flat(action.what)) for action in expected]
    assert positions == sorted(positions)
    assert f"{len(data.actions)} acties:" in text
    assert "pagina 1 van" in text


def test_exporting_without_a_round_says_so(dossier_path: Path, tmp_path: Path) -> None:
    for document in ("zelfevaluatie", "actieplan"):
        out = tmp_path / f"{document}.pdf"
        result = export(dossier_path, document, out, tmp_path / "home")
        assert result.returncode != 0
        assert "Dit dossier heeft nog geen zelfevaluatie." in result.stderr
        assert "Traceback" not in result.stderr
        assert not out.exists()


def _long_text(marker: str) -> str:
    """About 10,000 characters with emoji, quotes and line breaks; every line numbered."""
    lines = []
    index = 0
    while sum(len(line) + 1 for line in lines) < 10_000:
        lines.append(
            f"{marker}{index:03d} “aanhalingstekens” ‘enkel’ \"recht\" 'ook' 😀 ëïé’ – tekst"
        )
        index += 1
    return "\n".join(lines) + "\n\nSlotwoord"


def test_long_texts_with_emoji_survive_the_database_and_the_pdf(
    dossier_path: Path, tmp_path: Path, instrument: Instrument
) -> None:
    comment, remarks = _long_text("opm"), _long_text("act")
    assert len(comment) >= 10_000
    with Dossier.open(dossier_path) as dossier:
        repo = dossier.assessments
        r = repo.create_round("Ronde “lang” 😀", date(2026, 3, 1))
        repo.set_answer(r.id, "c1.q1.1.1", Answer.TEKORTKOMING)
        repo.set_comment(r.id, "c1.s1.1", comment)
        repo.add_action(r.id, "c1.s1.1", "Lange actie", due=date(2026, 6, 30), remarks=remarks)
    with Dossier.open(dossier_path, read_only=True) as dossier:
        data = dossier.assessments.round_data(dossier.assessments.latest_round().id)  # type: ignore[union-attr]
    assert data.comments["c1.s1.1"] == comment
    assert data.actions[0].remarks == remarks

    report = render_assessment_report(
        instrument, "Café ‘t Hoekske", data, tmp_path / "lang.pdf", today=TODAY
    )
    plan = render_action_plan(
        instrument, "Café ‘t Hoekske", data, tmp_path / "plan.pdf", today=TODAY
    )
    for path in (report, plan):
        text = " ".join(page_texts(path))
        markers = "act" if path == plan else "opm"
        count = comment.count("\n") + 1 - 2  # numbered lines; not the blank and "Slotwoord"
        missing = [i for i in range(count) if f"{markers}{i:03d}" not in text]
        assert missing == []  # nothing cut off, even across pages
        assert "Slotwoord" in text
        assert "“aanhalingstekens” ‘enkel’ \"recht\" 'ook' 😀 ëïé’" in text
        assert "Café ‘t Hoekske" in text
    report_text = " ".join(page_texts(report))
    assert "act099" in report_text and "Ronde “lang” 😀" in report_text
    assert len(pypdf.PdfReader(plan).pages) >= 2  # the long row broke across pages


def test_report_without_previous_round_marks_late_and_unanswered(
    tmp_path: Path, instrument: Instrument
) -> None:
    section = instrument.section("c2.s1.1")
    data = RoundData(
        round=Round(1, "Eerste ronde", date(2026, 3, 1)),
        answers={section.questions[0].id: Answer.TEKORTKOMING},
        actions=(
            Action(1, 1, section.id, "Te laat: procedure", due=date(2026, 10, 1)),
            Action(2, 1, section.id, "Zonder deadline"),
            Action(
                3, 1, section.id, "Al klaar", due=date(2026, 1, 1), status=ActionStatus.AFGEROND
            ),
        ),
    )
    text = " ".join(
        page_texts(render_assessment_report(instrument, "", data, tmp_path / "r.pdf", today=TODAY))
    )
    assert "t.o.v. vorige ronde" not in text
    assert "Stand: Actie gepland" in text
    # the overdue action, under its section and in the plan, and in the plan's summary
    assert text.count("te laat") == 3
    assert "3 acties: 2 open, 0 bezig, 1 afgerond – 1 te laat" in text
    assert text.count("Niet beantwoord") >= len(instrument.all_questions()) - 1
    plan_text = " ".join(
        page_texts(render_action_plan(instrument, "", data, tmp_path / "p.pdf", today=TODAY))
    )
    order = [
        plan_text.index(what) for what in ("Al klaar", "Te laat: procedure", "Zonder deadline")
    ]
    assert order == sorted(order)


def _opaque_samples(path: Path, page: int) -> tuple[int, int]:
    """(dark, coloured) among every third pixel of ``page`` rendered by QtPdf."""
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    assert document.load(str(path)) == QPdfDocument.Error.None_
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
            if abs(colour.green() - colour.red()) > 40 or colour.red() - colour.blue() > 80:
                coloured += 1
    document.close()
    return dark, coloured


def test_cover_and_summary_are_not_blank_when_rendered(report: Path, qapp: object) -> None:
    dark, _ = _opaque_samples(report, 0)
    assert dark > 300  # title, round and details
    dark, coloured = _opaque_samples(report, 1)
    assert dark > 1000  # the count table and the section states
    assert coloured > 50  # green, amber and red smileys


def test_cover_names_the_round_and_the_source_once(
    report: Path, rounds: tuple[RoundData, RoundData], instrument: Instrument, tmp_path: Path
) -> None:
    data, _ = rounds
    cover = page_texts(report)[0]
    assert data.round.title == "Zelfevaluatie 2026"
    assert cover.count("Zelfevaluatie 2026") == 1  # the title, not again as subtitle or row
    assert "Zelfevaluatie Zelfevaluatie" not in cover
    assert cover.count(flat(instrument.source.attribution)) == 1  # the footer
    assert "Uitgever" not in cover and "Bron" not in cover
    # A round whose name does not say what it is gets "Zelfevaluatie" above it.
    named = RoundData(round=Round(1, "Ronde voorjaar", date(2026, 3, 1)))
    path = render_assessment_report(instrument, "X", named, tmp_path / "r.pdf", today=TODAY)
    assert page_texts(path)[0].startswith("Zelfevaluatie Ronde voorjaar ")
    assert pypdf.PdfReader(path).metadata.title == "Zelfevaluatie – Ronde voorjaar"


def test_deadlines_say_today_tomorrow_soon_or_late(tmp_path: Path, instrument: Instrument) -> None:
    section = instrument.section("c2.s1.1").id
    due = {
        "Gisteren": TODAY - timedelta(days=1),
        "Vandaag": TODAY,
        "Morgen": TODAY + timedelta(days=1),
        "Volgende week": TODAY + timedelta(days=6),
        "Volgende maand": TODAY + timedelta(days=30),
    }
    actions = [Action(i, 1, section, what, due=day) for i, (what, day) in enumerate(due.items(), 1)]
    actions.append(Action(9, 1, section, "Al klaar", due=TODAY, status=ActionStatus.AFGEROND))
    data = RoundData(round=Round(1, "Zelfevaluatie 2026", TODAY), actions=tuple(actions))
    expected = {
        "Gisteren": "te laat",
        "Vandaag": "vandaag",
        "Morgen": "morgen",
        "Volgende week": "binnenkort",
        "Volgende maand": "Open",  # nothing to say: the status follows
    }
    for path in (
        render_action_plan(instrument, "X", data, tmp_path / "plan.pdf", today=TODAY),
        render_assessment_report(instrument, "X", data, tmp_path / "verslag.pdf", today=TODAY),
    ):
        text = " ".join(page_texts(path))
        for what, word in expected.items():
            assert flat(f"{what} {due[what]:%d-%m-%Y} {word}") in text, (path.name, what)
        assert flat(f"Al klaar {TODAY:%d-%m-%Y} Afgerond") in text  # done: no "vandaag"
        assert text.count("binnenkort") == text.count("Volgende week")


def test_action_plan_has_an_approval_line_and_a_follow_up_column(
    tmp_path: Path, instrument: Instrument
) -> None:
    section = instrument.section("c3.s1.2").id
    actions = tuple(
        Action(
            i, 1, section, f"Actie nummer {i:02d}", who="Directie",
            due=TODAY + timedelta(days=i), remarks="Met de preventieadviseur bespreken. " * 3,
        )
        for i in range(1, 41)
    )
    data = RoundData(round=Round(1, "Zelfevaluatie 2026", TODAY), actions=actions)
    path = render_action_plan(instrument, "X", data, tmp_path / "plan.pdf", today=TODAY)
    pages = page_texts(path)
    assert len(pages) >= 3
    for page in pages:  # the column heads every page of the table, empty to write in
        assert "Deadline Status Opmerkingen Opvolging" in page
    approval = "Besproken / goedgekeurd op …"
    assert [approval in page for page in pages] == [False] * (len(pages) - 1) + [True]
    last = pages[-1]
    assert last.index("Actie nummer 40") < last.index(approval)
    assert re.search(r"goedgekeurd op …+ door …+", last)


def test_an_organisation_without_a_name_gets_a_line_not_a_stand_in(
    tmp_path: Path, instrument: Instrument, rounds: tuple[RoundData, RoundData]
) -> None:
    data, _ = rounds
    stand_in = Organisation().display_name  # what the exporters pass for a dossier without name
    report = render_assessment_report(instrument, stand_in, data, tmp_path / "r.pdf", today=TODAY)
    plan = render_action_plan(instrument, stand_in, data, tmp_path / "p.pdf", today=TODAY)
    for path in (report, plan):
        assert not any(stand_in in page for page in page_texts(path))
    assert "Organisatie Datum" in page_texts(report)[0]  # an empty line on the cover
    assert re.search(r"Organisatie: …{10,} · zelfevaluatie van", page_texts(plan)[0])


def test_no_theme_or_section_title_ends_a_page(report: Path, instrument: Instrument) -> None:
    titles = [flat(f"{s.number} {s.title}") for s in instrument.all_sections()]
    titles += [flat(t.title) for c in instrument.checklists for t in c.themes]
    for number, page in enumerate(pypdf.PdfReader(report).pages[1:], start=2):
        raw = page.extract_text()
        body = flat(raw[: raw.rindex("Woonzorgcentrum Ter Linde vzw")])  # the header follows
        assert not any(body.endswith(title) for title in titles), f"pagina {number}"
