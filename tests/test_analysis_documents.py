"""``analyse`` and ``jaarverslag`` exported from the demo dossier: their text, no names, not blank."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie.analysis import BRADFORD_NOTE, Period, figures, year_period
from kmo_reintegratie.annual_report import (
    ADDRESSEE,
    PLACEHOLDER,
    SMALL,
    count_text,
    trajectory_tables,
)
from kmo_reintegratie.assessment import ActionStatus, tally
from kmo_reintegratie.demo import write_demo
from kmo_reintegratie.documents.exporters_analysis import (
    analysis_period,
    export_analyse,
    export_jaarverslag,
    review_candidates,
)
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.legal import Initiator
from kmo_reintegratie.organisation import Role
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import TrajectoryKind

TODAY = date.today()
YEAR = TODAY.year


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path) -> str:
    """The text of every page, words that were hyphenated at a line end joined again."""
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages)
    return flat(re.sub(r"(?<=\w)-\n(?=\w)", "", text))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo") / "demo.kmo")


@pytest.fixture(scope="module")
def analyse_pdf(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("analyse") / "analyse.pdf"
    options = ExportOptions(date_from=f"{YEAR}-01-01", date_to=f"31-12-{YEAR}")
    with Dossier.open(demo, read_only=True) as dossier:  # as the command line opens it
        assert export_analyse(dossier, out, options) == [out]
    return out


@pytest.fixture(scope="module")
def jaarverslag_pdf(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("jaarverslag")
    with Dossier.open(demo, read_only=True) as dossier:
        (written,) = export_jaarverslag(dossier, folder, ExportOptions(year=YEAR))
    assert written == folder / f"jaarverslag-{YEAR}.pdf"
    return written


# --------------------------------------------------------------------------- analyse


def test_analyse_prints_figures_with_formulas_and_inputs(analyse_pdf: Path, demo: Path) -> None:
    text = pdf_text(analyse_pdf)
    with Dossier.open(demo, read_only=True) as dossier:
        result = dossier.analysis.analyse(year_period(YEAR), department=None, today=TODAY)
    assert f"01-01-{YEAR} – 31-12-{YEAR}" in text
    for figure in result.figures:
        assert flat(figure.title) in text
        assert flat(figure.formula) in text
        assert flat(figure.display) in text
        for label, value in figure.inputs:
            assert f"{label}: {value}" in text
    # 34 employees: no caution on the whole; the departments are small and say so.
    assert all(not f.caution for f in result.figures if f.key == "afwezigheidspercentage")
    assert "voorzichtig: < 20 werknemers" in text


def test_analyse_has_its_charts_with_legend_and_axis_titles(analyse_pdf: Path) -> None:
    text = pdf_text(analyse_pdf)
    assert f"{YEAR} {YEAR - 1} (vorig jaar)" in text  # the trend chart's legend
    assert "jan feb maa apr mei jun jul aug sep okt nov dec" in text
    assert "% van de arbeidsuren" in text
    assert "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag" in text
    assert "aantal nieuwe afwezigheidsperiodes" in text and "begindag" in text
    assert "afdeling (aantal werknemers)" in text and "Keuken (6)" in text


def test_analyse_is_confidential_and_has_the_bradford_list(analyse_pdf: Path) -> None:
    pages = [flat(p.extract_text()) for p in pypdf.PdfReader(analyse_pdf).pages]
    assert "VERTROUWELIJK" in pages[0]
    assert all("Vertrouwelijk" in page for page in pages)  # footer on every page
    text = " ".join(pages)
    assert flat(BRADFORD_NOTE) in text
    assert "Koen Verhaegen" in text  # for the manager only
    # Koen is long-term absent and returning, Els asked for no contact: no talk advised.
    assert "nu afwezig, terug verwacht op" in text and "vroeg geen contact" in text
    assert "voor niemand van hen is een gesprek aangewezen" in text
    assert "Niet iedereen boven de drempel krijgt een gesprek voorgesteld" in text


def test_analyse_default_period_is_the_current_year(demo: Path, tmp_path: Path) -> None:
    with Dossier.open(demo, read_only=True) as dossier:
        (path,) = export_analyse(dossier, tmp_path, ExportOptions())
    assert path == tmp_path / "analyse.pdf"
    assert f"Periode 01-01-{YEAR} – 31-12-{YEAR}" in pdf_text(path)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            ExportOptions(date_from="31-02-2026"),
            "begindatum \\(--van\\) '31-02-2026' is geen geldige datum",
        ),
        (ExportOptions(date_from="gisteren"), "Geef een datum in als dd-mm-jjjj"),
        (ExportOptions(date_to="2026-13-01"), "einddatum \\(--tot\\)"),
        (
            ExportOptions(date_from="01-06-2026", date_to="01-01-2026"),
            "einde van de periode ligt vóór het begin",
        ),
        (ExportOptions(date_from="01-01-2026"), None),
        (ExportOptions(year=1800), "kies een jaar van 1900"),
    ],
)
def test_bad_dates_give_a_dutch_error(
    options: ExportOptions, message: str | None, demo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "analyse.pdf"
    with Dossier.open(demo, read_only=True) as dossier:
        if message is None:  # a valid start date alone
            export_analyse(dossier, out, options)
            assert out.exists()
            return
        with pytest.raises(ValueError, match=message):
            export_analyse(dossier, out, options)
    assert not out.exists()


def test_period_from_the_options() -> None:
    today = date(2026, 11, 22)
    assert analysis_period(ExportOptions(), today) == year_period(2026)
    assert analysis_period(ExportOptions(year=2025), today) == year_period(2025)
    period = analysis_period(ExportOptions(date_from="1-3-2026"), today)
    assert (period.start, period.end) == (date(2026, 3, 1), date(2026, 12, 31))
    period = analysis_period(ExportOptions(date_to="2025-06-30", year=2024), today)
    assert (period.start, period.end) == (date(2025, 1, 1), date(2025, 6, 30))
    with pytest.raises(ValueError, match="begint na vandaag"):
        analysis_period(ExportOptions(date_from="01-12-2026"), today)


# --------------------------------------------------------------------------- jaarverslag


def test_jaarverslag_text(jaarverslag_pdf: Path, demo: Path) -> None:
    text = pdf_text(jaarverslag_pdf)
    assert f"Jaarverslag re-integratie {YEAR}" in text
    assert ADDRESSEE in text and "vakbondsafvaardiging" in text
    with Dossier.open(demo, read_only=True) as dossier:
        percentages = [
            figures(
                dossier.analysis.aggregates(year_period(y), department=None, today=TODAY),
                year_period(y) if y < YEAR else Period(date(y, 1, 1), TODAY),
            )[0].display
            for y in (YEAR, YEAR - 1)
        ]
        round_ = dossier.assessments.round_data(dossier.assessments.rounds()[0].id)
    assert f"Afwezigheidspercentage {percentages[0]} {percentages[1]}" in text
    # The trajectory tables as the anonymising rules made them (those rules have tests of their
    # own in test_annual_report); the demo's two formal trajectories never show as 1, 2 or 3.
    with Dossier.open(demo, read_only=True) as dossier:
        tables = trajectory_tables(dossier.trajectories.list(), year_period(YEAR))
    for table in tables:
        rows = " ".join(f"{row.label} {row.count}" for row in table.rows)
        assert flat(table.sentence or rows) in text
    # Two formal trajectories: no row of "< 5" per decision, one sentence instead.
    assert f"Beslissing van de arbeidsarts (formele trajecten): {SMALL}." in text
    assert f"beslissing B {SMALL}" not in text and "informeel of formeel" not in text
    # The self-assessment tally of the latest round and the action plan's progress.
    instrument = load_instrument()
    first = instrument.checklists[0]
    counts = tally(round_.answers.get(q.id) for s in first.sections for q in s.questions)
    assert f"{counts.total} {counts.toegepast} {counts.overwegen} {counts.tekortkoming}" in text
    statuses = [a.status for a in round_.actions]
    assert (
        f"Actieplan: {len(statuses)} acties — {statuses.count(ActionStatus.AFGEROND)} afgerond, "
        f"{statuses.count(ActionStatus.BEZIG)} bezig, {statuses.count(ActionStatus.OPEN)} open"
    ) in text
    assert "Geanonimiseerd: geen namen" in text


def names_in(text: str, names: list[str]) -> list[str]:
    found = []
    for name in names:
        parts = [
            name,
            *(p for p in name.split() if len(p) > 2 and p.lower() not in ("van", "der", "den")),
        ]
        found += [p for p in parts if re.search(rf"(?<!\w){re.escape(p)}(?!\w)", text)]
    return found


def test_jaarverslag_names_nobody(jaarverslag_pdf: Path, demo: Path) -> None:
    text = pdf_text(jaarverslag_pdf)
    with Dossier.open(demo, read_only=True) as dossier:
        organisation = dossier.organisation.get()
        employees = [e.name for e in dossier.employees.list()]
        contacts = [organisation.role(role).name for role in Role if organisation.role(role).name]
    assert len(employees) >= 12
    assert names_in(text, employees + contacts) == []


def test_jaarverslag_with_enough_trajectories_shows_lessons_without_names(
    demo: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "groot.kmo"
    copy.write_bytes(demo.read_bytes())
    with Dossier.open(copy) as dossier:
        employees = dossier.employees.list()
        for number, employee in enumerate(employees[:6]):
            first_name = employee.name.split()[0]
            added = dossier.trajectories.add(
                employee.id,
                TrajectoryKind.INFORMEEL,
                Initiator.WERKNEMER,
                request_date=TODAY - timedelta(days=40 + number),
            )
            dossier.trajectories.update(
                added.id,
                closed_on=TODAY,
                evaluation_worked=f"{first_name} kreeg een vaste collega als aanspreekpunt ({number}).",
            )
        lines = review_candidates(dossier, YEAR, TODAY)
        approved = tuple(line.text for line in lines)
        (path,) = export_jaarverslag(
            dossier, tmp_path, ExportOptions(year=YEAR, approved_lessons=approved)
        )
        (unreviewed,) = export_jaarverslag(dossier, tmp_path / "cli.pdf", ExportOptions(year=YEAR))
        names = [e.name for e in employees]
        closed = [t for t in dossier.trajectories.list() if t.closed_on and t.closed_on.year == YEAR]
    text = pdf_text(path)
    worked = sum(1 for t in closed if t.evaluation_worked.strip())
    better = sum(1 for t in closed if t.evaluation_better.strip())
    assert f"Wat werkte — uit {worked} afgesloten trajecten:" in text  # at least the six added here
    assert f"{PLACEHOLDER} kreeg een vaste collega als aanspreekpunt (0)." in text
    assert names_in(text, names) == []
    assert f"Wat kan beter — uit {count_text(better)} afgesloten trajecten:" in text
    # The same dossier from the command line: nobody reviewed the lines, so none is printed.
    cli = pdf_text(unreviewed)
    assert "Lessen: niet opgenomen (niet nagekeken)." in cli
    assert "aanspreekpunt" not in cli


def test_jaarverslag_refuses_a_future_year(demo: Path, tmp_path: Path) -> None:
    with (
        Dossier.open(demo, read_only=True) as dossier,
        pytest.raises(ValueError, match=f"tot en met {YEAR}"),
    ):
        export_jaarverslag(dossier, tmp_path, ExportOptions(year=YEAR + 1))


# --------------------------------------------------------------------------- rendering


@pytest.mark.parametrize("which", ["analyse", "jaarverslag"])
def test_first_page_is_not_blank_when_rendered(
    which: str, analyse_pdf: Path, jaarverslag_pdf: Path, qapp: object
) -> None:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    path = analyse_pdf if which == "analyse" else jaarverslag_pdf
    assert document.load(str(path)) == QPdfDocument.Error.None_

    def dark(page: int) -> int:
        image = document.render(page, QSize(600, 850))
        assert not image.isNull()
        count = 0
        for x in range(0, image.width(), 3):
            for y in range(0, image.height(), 3):
                colour = image.pixelColor(x, y)
                if colour.alpha() >= 128 and colour.lightness() < 200:  # paper is transparent
                    count += 1
        return count

    assert dark(0) > 800
    if which == "analyse":
        assert dark(1) > 1500  # the charts page: lines, bars and labels
    document.close()


def test_command_line_exports_both(demo: Path, tmp_path: Path, isolated_home: Path) -> None:
    assert {"analyse", "jaarverslag"} <= set(DOCUMENTS)
    import os
    import subprocess
    import sys

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "kmo_reintegratie", *args]
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": "offscreen",
            "KMO_REINTEGRATIE_HOME": str(isolated_home),
        }
        return subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=120, check=False
        )

    out = tmp_path / "a.pdf"
    result = run(
        "export",
        str(demo),
        "analyse",
        "-o",
        str(out),
        "--van",
        f"01-01-{YEAR}",
        "--tot",
        f"{YEAR}-12-31",
    )
    assert result.returncode == 0, result.stderr
    assert "vertrouwelijk" in pdf_text(out).lower() and "Alle afdelingen" in pdf_text(out)
    kitchen = tmp_path / "keuken.pdf"
    result = run("export", str(demo), "analyse", "-o", str(kitchen), "--afdeling", "Keuken")
    assert result.returncode == 0, result.stderr
    assert "Afdeling Keuken" in pdf_text(kitchen) and "Alle afdelingen" not in pdf_text(kitchen)
    unknown = run("export", str(demo), "analyse", "-o", str(kitchen), "--afdeling", "Bestaat niet")
    assert unknown.returncode != 0 and "geen afdeling 'Bestaat niet'" in unknown.stderr
    bad = run("export", str(demo), "analyse", "-o", str(out), "--van", "32-01-2026")
    assert (
        bad.returncode != 0 and "geen geldige datum" in bad.stderr and "Traceback" not in bad.stderr
    )
    result = run("export", str(demo), "jaarverslag", "-o", str(tmp_path), "--jaar", str(YEAR))
    assert result.returncode == 0, result.stderr
    assert ADDRESSEE in pdf_text(tmp_path / f"jaarverslag-{YEAR}.pdf")


def test_demo_has_two_years_of_absences_to_compare(demo: Path) -> None:
    with Dossier.open(demo, read_only=True) as dossier:
        last_year = dossier.analysis.analyse(year_period(YEAR - 1), department=None, today=TODAY)
        twelve_months = Period(TODAY - timedelta(days=364), TODAY)
        recent = dossier.analysis.analyse(twelve_months, department=None, today=TODAY)
    weekday = dict(last_year.weekday)
    assert sum(weekday.values()) >= 10  # a full year of spells a year ago
    assert sum(1 for p in recent.trend_previous if p.percentage) >= 6  # and the year before that
    assert weekday["maandag"] == max(weekday.values())
    assert len(last_year.departments) >= 4 and len(recent.above_threshold()) >= 1
