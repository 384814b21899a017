"""The plan and the motivated report: what a reader finds in the PDFs made from the demo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie.__main__ import main
from kmo_reintegratie.documents import exporters_people
from kmo_reintegratie.documents.base import dutch_date
from kmo_reintegratie.documents.exporters_people import export_plan, export_verslag
from kmo_reintegratie.documents.plan_pdf import PLAN_PARTS
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.legal import Decision, decision_label
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Adaptation,
    AdaptationKind,
    PlanVersion,
    ScheduleStep,
    Trajectory,
)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """Each page's text on one line; words hyphenated at a line end (Dutch hyphenation) whole."""
    return [flat(page.extract_text().replace("-\n", "")) for page in pypdf.PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line knows plan and verslag (registered in documents/registry.py)."""
    for name, function in (
        ("plan", exporters_people.export_plan),
        ("verslag", exporters_people.export_verslag),
    ):
        assert name in DOCUMENTS and DOCUMENTS[name].per_person, function.__name__


def trajectory_of(dossier: Dossier, name: str) -> Trajectory:
    employee = next(e for e in dossier.employees.list() if e.name == name)
    return dossier.trajectories.of_employee(employee.id)[0]


@pytest.fixture
def koen_plan(
    demo_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, PlanVersion]:
    with Dossier.open(demo_path, read_only=True) as dossier:
        plan = trajectory_of(dossier, "Koen Verhaegen").current_plan
        written = export_plan(
            dossier, tmp_path_factory.mktemp("plan"), ExportOptions(employee="koen")
        )
    assert plan is not None and len(written) == 1
    return written[0], plan


# --------------------------------------------------------------------------- plan


def test_informal_plan_has_every_part_schedule_and_signatures(
    koen_plan: tuple[Path, PlanVersion],
) -> None:
    path, plan = koen_plan
    assert path.name == "plan-Koen_Verhaegen-v1.pdf"
    pages = pdf_pages(path)
    text = " ".join(pages)
    assert "Woonzorgcentrum Ter Linde vzw" in pages[0] and "Koen Verhaegen" in pages[0]
    assert "Afspraken over de terugkeer naar het werk" in pages[0]
    for number, (heading, _attribute, _covers) in enumerate(PLAN_PARTS, start=1):
        assert f"{number}. {heading}" in text
    assert flat(plan.adapted_work) in text and flat(plan.training) in text
    for hours in ("18 uur", "25 uur", "38 uur"):
        assert hours in text
    for step in plan.schedule:
        assert flat(step.changes) in text
    for adaptation in plan.adaptations:
        assert flat(adaptation.description) in text
    assert "Tijdelijk" in text
    assert "Toelating adviserend arts ziekenfonds" in text  # part-time work was allowed
    for moment in plan.evaluation_moments:
        assert dutch_date(moment) in text
    assert "Evaluatiegesprek 3" in text
    assert "Nazorg tot" in text
    assert "Lotte De Wilde" in text  # the mentor from the return checklist
    assert "Voor de werkgever" in text
    assert "akkoord" in text and "niet akkoord — redenen:" in text
    assert "Handtekening" in text
    assert "Een exemplaar voor de werknemer" in text
    for number, page in enumerate(pages, start=1):
        assert f"Plan versie 1, {plan.made_on:%d-%m-%Y}" in page
        assert f"pagina {number} van {len(pages)}" in page


def test_informal_plan_has_no_formal_references(koen_plan: tuple[Path, PlanVersion]) -> None:
    text = pdf_text(koen_plan[0]).lower()
    assert "re-integratieplan" not in text
    assert "codex" not in text
    assert "toezicht op het welzijn" not in text
    assert "14 kalenderdagen" not in text
    assert "beslissing" not in text


def test_formal_plan_has_references_and_decision(demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        trajectory = trajectory_of(dossier, "Ahmed Benali")
        assert trajectory.decision is Decision.B
        start = date.today() + timedelta(days=7)
        dossier.trajectories.save_plan(
            PlanVersion(
                0,
                trajectory.id,
                1,
                made_on=date.today(),
                other_work="Magazijnbeheer en bestellingen, zonder tillen boven 10 kg.",
                valid_from=start,
                valid_until=start + timedelta(days=180),
                adaptations=(
                    Adaptation(
                        AdaptationKind.WORK_EQUIPMENT, "Rolcontainers in plaats van dozen.", True
                    ),
                ),
                schedule=(
                    ScheduleStep(start, None, percentage=50, changes="Halftijds, voormiddagen"),
                ),
            )
        )
    with Dossier.open(demo_path, read_only=True) as dossier:
        [path] = export_plan(dossier, tmp_path, ExportOptions(employee="ahmed"))
    text = pdf_text(path)
    assert path.name == "plan-Ahmed_Benali-v1.pdf"
    assert "Re-integratieplan" in text
    assert "Codex over het welzijn op het werk" in text
    assert flat(decision_label(Decision.B)) in text
    assert "Geschikt voor werk zonder tillen boven 10 kg" in text  # conditions of the decision
    assert "Toezicht op het Welzijn op het Werk" in text
    assert "14 kalenderdagen" in text
    assert "Permanent" in text
    assert "19 uur" in text and "50 %" in text  # 50 % of his 38-hour regime
    assert "Niet van toepassing." in text  # the parts this plan leaves empty


def _dark_pixels(pdf: Path) -> int:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument

    document = QPdfDocument(None)
    assert document.load(str(pdf)) == QPdfDocument.Error.None_
    image = document.render(0, QSize(600, 850))
    assert not image.isNull()
    dark = 0
    for x in range(0, image.width(), 3):
        for y in range(0, image.height(), 3):
            colour = image.pixelColor(x, y)
            # QtPdf leaves the paper transparent: count only painted dark pixels.
            if colour.alpha() >= 128 and colour.lightness() < 200:
                dark += 1
    document.close()
    return dark


def test_plan_page_one_is_not_blank_when_rendered(
    koen_plan: tuple[Path, PlanVersion], qapp: object
) -> None:
    assert _dark_pixels(koen_plan[0]) > 1000


def test_verslag_page_one_is_not_blank_when_rendered(
    demo_path: Path, tmp_path: Path, qapp: object
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        [verslag] = export_verslag(dossier, tmp_path, ExportOptions())
    assert _dark_pixels(verslag) > 1000


def test_plan_through_the_command_line(
    demo_path: Path, tmp_path: Path, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["export", str(demo_path), "plan", "-o", str(tmp_path / "plannen")])
    assert code == 0, capsys.readouterr().err
    written = sorted(p.name for p in (tmp_path / "plannen").iterdir())
    assert "plan-Koen_Verhaegen-v1.pdf" in written
    assert len(written) == 6  # Koen's and the five earlier returns; no plan for Ahmed or Greet yet
    code = main(
        ["export", str(demo_path), "plan", "-o", str(tmp_path / "x"), "--employee", "greet"]
    )
    assert code != 0
    assert "Voor 'greet' is er niets af te drukken." in capsys.readouterr().err


# --------------------------------------------------------------------------- verslag


def test_verslag_shows_every_consideration_with_its_reasons(
    demo_path: Path, tmp_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        report = trajectory_of(dossier, "Greet Van Hoof").report
        written = export_verslag(dossier, tmp_path, ExportOptions())
    assert report is not None
    assert [p.name for p in written] == [f"verslag-Greet_Van_Hoof-{report.made_on.isoformat()}.pdf"]
    text = pdf_text(written[0])
    assert "Gemotiveerd verslag" in text
    assert flat(decision_label(Decision.B)) in text
    reasons = {c.subject: c for c in report.considerations}
    for subject, label in REPORT_SUBJECTS:
        assert label in text
        assert flat(reasons[subject].reasons) in text
    assert "Technisch onmogelijk" in text and "Objectief onmogelijk" in text
    assert "Om gegronde redenen redelijkerwijze niet te eisen" in text
    assert "protocol 2007" in text  # reasonable accommodation
    assert "Een exemplaar voor de werknemer" in text
    assert "Een exemplaar voor de preventieadviseur-arbeidsarts (Dr. Lies Van Acker" in text
    assert "Voor de werkgever" in text and "Handtekening" in text
    assert f"Gemotiveerd verslag, {report.made_on:%d-%m-%Y}" in pdf_pages(written[0])[-1]


def test_incomplete_verslag_is_refused(
    demo_path: Path, tmp_path: Path, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    with Dossier.open(demo_path) as dossier:
        report = trajectory_of(dossier, "Greet Van Hoof").report
        assert report is not None
        kept = tuple(c for c in report.considerations if c.subject != "ander_werk")
        dossier.trajectories.save_report(replace(report, considerations=kept))
    with Dossier.open(demo_path, read_only=True) as dossier, pytest.raises(ValueError) as refused:
        export_verslag(dossier, tmp_path / "a", ExportOptions())
    assert "Ander werk: nog niet als ernstig overwogen aangeduid." in str(refused.value)
    assert "Greet Van Hoof" in str(refused.value)
    assert not (tmp_path / "a").exists()

    code = main(["export", str(demo_path), "verslag", "-o", str(tmp_path / "b")])
    error = capsys.readouterr().err
    assert code != 0
    assert "Ander werk: nog niet als ernstig overwogen aangeduid." in error
    assert "Traceback" not in error
    assert not (tmp_path / "b").exists()


def test_an_older_plan_version_prints_when_asked(demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = next(t for t in dossier.trajectories.list() if t.current_plan is not None
                    and t.current_plan.locked)
        first = koen.current_plan
        # The new version also lets the aftercare cover the evaluation talks: a draft whose
        # dates contradict each other is not printed.
        dossier.trajectories.save_plan(replace(
            first, adapted_work="Gewijzigd: enkel vroege diensten.",
            aftercare_until=max(first.valid_until, *first.evaluation_moments)))
        export = export_plan
        [newest] = export(dossier, tmp_path / "a", ExportOptions(trajectory_id=koen.id))
        [older] = export(dossier, tmp_path / "b",
                         ExportOptions(trajectory_id=koen.id, plan_version=first.version))
    assert newest.name.endswith(f"-v{first.version + 1}.pdf")
    assert older.name.endswith(f"-v{first.version}.pdf")
    older_text = " ".join(p.extract_text() for p in pypdf.PdfReader(older).pages)
    newest_text = " ".join(p.extract_text() for p in pypdf.PdfReader(newest).pages)
    assert "enkel vroege diensten" in newest_text and "enkel vroege diensten" not in older_text
