"""The analysis and the jaarverslag as printed: an empty dossier, names, reasons, numbers.

Every assertion reads the text of the real PDF (hyphenation undone, see ``pdf_text``).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kmo_reintegratie.analysis import format_number, year_period
from kmo_reintegratie.documents.exporters_analysis import review_candidates
from kmo_reintegratie.documents.registry import EXPORTS, ExportOptions
from kmo_reintegratie.store.dossier import Dossier
from pdf_text import flat, page_texts

TODAY = date.today()
YEAR = TODAY.year


def text_of(path: Path) -> str:
    return flat(" ".join(page_texts(path)))


def export(dossier_path: Path, name: str, out: Path, **options: object) -> list[Path]:
    with Dossier.open(dossier_path, read_only=True) as dossier:  # as the command line does
        return EXPORTS[name].export(dossier, out, ExportOptions(**options))  # type: ignore[arg-type]


# --------------------------------------------------------------------------- an empty dossier


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_every_document_on_an_empty_dossier_is_a_file_or_a_dutch_refusal(
    name: str, dossier_path: Path, tmp_path: Path
) -> None:
    kind = EXPORTS[name]
    out = tmp_path / ("uit" if kind.per_person else f"uit{kind.suffix}")
    try:
        written = export(dossier_path, name, out)
    except ValueError as refusal:  # "… er is niets af te drukken", never a traceback
        message = str(refusal)
        assert re.search(r"\b(niets|nog geen|niemand|geen)\b", message), message
        return
    assert written and all(path.stat().st_size > 0 for path in written)


def test_the_analysis_of_an_empty_dossier_is_one_page_that_says_so(
    dossier_path: Path, tmp_path: Path
) -> None:
    [pdf] = export(dossier_path, "analyse", tmp_path / "analyse.pdf")
    pages = page_texts(pdf)
    text = text_of(pdf)
    assert len(pages) == 1
    assert "geen enkele werknemer in dienst: er is niets te analyseren" in text
    assert "slechts 0" not in text and "Bradford-factor" not in text


def test_the_jaarverslag_of_an_empty_dossier_says_there_is_nothing_to_report(
    dossier_path: Path, tmp_path: Path
) -> None:
    [pdf] = export(dossier_path, "jaarverslag", tmp_path, year=YEAR)
    text = text_of(pdf)
    assert len(page_texts(pdf)) == 1  # not four pages of zeros
    assert f"Over {YEAR} is er niets te rapporteren." in text
    assert "Evaluatie van het re-integratiebeleid" in text  # the committee still evaluates
    assert "7. Evaluatie" not in text and "Trajecten die liepen" not in text
    assert not re.search(r"\b0\b", text.replace(f"{YEAR}", ""))


# --------------------------------------------------------------------------- jaarverslag


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kmo_reintegratie.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("demo") / "demo.kmo")


@pytest.fixture(scope="module")
def reviewed(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo's jaarverslag with every candidate line approved."""
    with Dossier.open(demo, read_only=True) as dossier:
        approved = tuple(line.text for line in review_candidates(dossier, YEAR, TODAY))
    folder = tmp_path_factory.mktemp("reviewed")
    [pdf] = export(demo, "jaarverslag", folder, year=YEAR, approved_lessons=approved)
    return text_of(pdf)


@pytest.fixture(scope="module")
def unreviewed(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    [pdf] = export(demo, "jaarverslag", tmp_path_factory.mktemp("cli"), year=YEAR)
    return text_of(pdf)


def test_names_are_masked_but_the_word_team_is_kept(reviewed: str, demo: Path) -> None:
    # The external service of the demo is called "Team Dendermonde"; a lesson says "team".
    assert "het team wist wat het mocht vertellen" in reviewed
    assert "Dendermonde" not in reviewed
    assert "[werknemer] werd goed geïnformeerd" in reviewed  # "Greet" was named
    with Dossier.open(demo, read_only=True) as dossier:
        people = [e.name for e in dossier.employees.list()]
    assert not [name for name in people if name in reviewed]
    assert "Greet" not in reviewed


def test_the_command_line_prints_no_unreviewed_lesson_and_says_so(unreviewed: str) -> None:
    assert "Lessen: niet opgenomen (niet nagekeken)." in unreviewed
    assert "Hulpmiddelen vroeg bestellen" not in unreviewed


def test_reasons_per_kind_of_adaptation_are_listed_without_counts(unreviewed: str) -> None:
    # The demo has fewer than 5 motivated reports: the reasons are still there.
    assert "te weinig trajecten om zonder herkenning te rapporteren" not in unreviewed
    assert "Aanpassing of werk Redenen" in unreviewed
    assert "Aanpassing: de arbeidstijd objectief onmogelijk" in unreviewed
    assert not re.search(r"onmogelijk: \d|niet te eisen: \d", unreviewed)


def test_merged_categories_give_way_to_one_honest_sentence(unreviewed: str) -> None:
    assert "informeel of formeel" not in unreviewed
    assert "Informeel en formeel staan niet apart" in unreviewed
    assert "plan akkoord, plan zonder antwoord of geen plan" not in unreviewed


def test_a_small_kitchen_is_not_shown_with_its_own_percentage(unreviewed: str, demo: Path) -> None:
    with Dossier.open(demo, read_only=True) as dossier:
        kitchen = dossier.analysis.aggregates(year_period(YEAR), department="Keuken", today=TODAY)
    # Six people, four of them absent: the kitchen's percentage would point at people.
    assert kitchen.employees >= 5 and 0 < kitchen.employees_with_absence < 5
    departments = unreviewed[unreviewed.index("Per afdeling") : unreviewed.index("2. Re-integratie")]
    assert "Keuken" not in departments and "overige afdelingen" in departments
    assert "1 tot 4 afwezigen" in departments


def test_the_running_year_stops_at_today_in_words(unreviewed: str) -> None:
    if TODAY.month == 12 and TODAY.day == 31:
        pytest.skip("on 31 December the year is complete")
    from kmo_reintegratie.dates import long_date

    assert f"de afwezigheidscijfers lopen tot en met {long_date(TODAY)}." in unreviewed


# --------------------------------------------------------------------------- analyse


@pytest.fixture(scope="module")
def analysis_text(demo: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    [pdf] = export(demo, "analyse", tmp_path_factory.mktemp("analyse") / "a.pdf", year=YEAR)
    return text_of(pdf)


def test_analysis_says_its_figures_stop_at_today(analysis_text: str) -> None:
    from kmo_reintegratie.dates import long_date

    if TODAY.month == 12 and TODAY.day == 31:
        pytest.skip("on 31 December the year is complete")
    assert (
        f"Periode 01-01-{YEAR} – 31-12-{YEAR} · cijfers tot en met {long_date(TODAY)}"
        in analysis_text
    )


def test_analysis_writes_thousands_with_a_dot(analysis_text: str, demo: Path) -> None:
    with Dossier.open(demo, read_only=True) as dossier:
        hours = dossier.analysis.aggregates(year_period(YEAR), department=None, today=TODAY)
    assert hours.contractual_hours >= 1000
    assert re.fullmatch(r"\d{1,3}(\.\d{3})+", format_number(hours.contractual_hours))
    found = re.search(r"Contractuele arbeidsuren: (\S+)", analysis_text)
    assert found and re.fullmatch(r"\d{1,3}(\.\d{3})+", found.group(1)), found
    # The same hours (summed per month, so within rounding), never "51520".
    assert abs(int(found.group(1).replace(".", "")) - hours.contractual_hours) < 2


def test_no_document_says_werknemer_s(analysis_text: str, unreviewed: str) -> None:
    for text in (analysis_text, unreviewed):
        assert "(s)" not in text and "(en)" not in text
    assert re.search(r"\d+ van \d+ werknemers boven de drempel", analysis_text)
