"""Tests for the transcribed FOD WASO instrument and its loader."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kmo_reintegratie.instrument import (
    Block,
    Instrument,
    InstrumentError,
    ListBlock,
    Paragraph,
    load_instrument,
    parse_instrument,
)

JSON_PATH = Path(__file__).resolve().parents[1] / "resources" / "instrument" / "instrument.json"


@pytest.fixture(scope="module")
def instrument() -> Instrument:
    return load_instrument()


@pytest.fixture()
def raw() -> dict[str, Any]:
    return json.loads(JSON_PATH.read_text(encoding="utf-8"))


def _block_texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    for block in blocks:
        if isinstance(block, Paragraph):
            yield block.text
        else:
            for item in block.items:
                yield item.text
                yield from _block_texts(item.children)


def _all_texts(inst: Instrument) -> Iterator[str]:
    yield inst.title
    yield inst.source.attribution
    yield from _block_texts(inst.introduction)
    yield from _block_texts(inst.usage)
    for checklist in inst.checklists:
        yield checklist.title
        yield from _block_texts(checklist.introduction)
        for theme in checklist.themes:
            yield theme.title
            for section in theme.sections:
                yield section.title
                yield from (q.text for q in section.questions)
                for example in section.examples:
                    yield example.text
                    yield example.sector
                yield from _block_texts(section.advice)
                yield from (link.label for link in section.links)


# --------------------------------------------------------------------------- content


def test_counts(instrument: Instrument) -> None:
    assert len(instrument.checklists) == 4
    assert [c.number for c in instrument.checklists] == [1, 2, 3, 4]
    assert len(instrument.all_sections()) == 35
    assert len(instrument.all_questions()) == 93
    assert [len(c.sections) for c in instrument.checklists] == [10, 12, 10, 3]


def test_ids_unique_and_consistent(instrument: Instrument) -> None:
    ids: list[str] = []
    for checklist in instrument.checklists:
        ids.append(checklist.id)
        for theme in checklist.themes:
            ids.append(theme.id)
            assert theme.id.startswith(f"{checklist.id}.t")
            for section in theme.sections:
                ids.append(section.id)
                assert section.id == f"{checklist.id}.s{section.number}"
                assert section.checklist_id == checklist.id
                assert section.theme_id == theme.id
                for index, question in enumerate(section.questions, start=1):
                    ids.append(question.id)
                    assert question.id == f"{checklist.id}.q{section.number}.{index}"
    assert len(ids) == len(set(ids))


def test_section_labels_read_without_the_instrument_match_its_sections(instrument: Instrument) -> None:
    from kmo_reintegratie.instrument_source import section_labels

    assert dict(section_labels()) == {
        section.id: f"{section.number} {section.title}" for section in instrument.all_sections()}


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("c1.q1.1.1", "Worden er op regelmatige basis risicoanalyses uitgevoerd?"),
        (
            "c1.q1.1.2",
            (
                "Is welzijn op het werk een bedrijfsprioriteit? Is het geïntegreerd in de "
                "bedrijfscultuur?"
            ),
        ),
        (
            "c1.q2.1.2",
            (
                "Wordt er, naar het einde van de herstelperiode toe, met de medewerker gezocht naar "
                "een geschikte formule om het werk te kunnen hervatten? [Dit wordt verder behandeld "
                "in checklists 2 en 3.]"
            ),
        ),
        (
            "c2.q1.2.2",
            (
                "Kan de zieke medewerker indien nodig hulp krijgen bij de aangifte (bijvoorbeeld "
                "vanuit het HR-departement)?"
            ),
        ),
        (
            "c2.q1.6.4",
            "Als er een vervanger is, is er dan een leer-/inwerkperiode voor de vervanger?",
        ),
        (
            "c3.q1.1.1",
            (
                "Wordt de arbeidsarts geïnformeerd over alle re-integratiemogelijkheden in het "
                "bedrijf? Is er een samenwerking tussen het bedrijf en de arbeidsarts voordat de "
                "arbeidsarts over de arbeidsbeperkingen rapporteert?"
            ),
        ),
        (
            "c3.q3.3.2",
            (
                "Wordt er regelmatig met de medewerker overlegd om te kijken of de aanpassingen "
                "adequaat zijn, en of er een goede (re-)integratie in het team is?"
            ),
        ),
        ("c3.q2.4.2", "Heeft de medewerker op Dag-1 toegang tot het gebouw?"),
        (
            "c4.q3.3",
            "Ondersteunt de bedrijfscultuur de re-integratie van langdurig zieke medewerkers?",
        ),
        (
            "c4.q1.3",
            (
                "Wordt het re-integratiebeleid collectief besproken? Evolueert het beleid met de "
                "bevindingen van de verschillende actoren?"
            ),
        ),
    ],
)
def test_questions_verbatim(instrument: Instrument, question_id: str, text: str) -> None:
    assert instrument.question(question_id).text == text


def test_truncated_question_is_marked(instrument: Instrument) -> None:
    truncated = [q for q in instrument.all_questions() if q.truncated_in_source]
    assert [q.id for q in truncated] == ["c2.q2.3.2"]
    assert truncated[0].text.endswith("dat de contactpersoon...")
    assert instrument.section_of_question("c2.q2.3.2").id == "c2.s2.3"


def test_titles(instrument: Instrument) -> None:
    assert (
        instrument.checklists[0].title == "Voorafgaand aan arbeidsongeschiktheid: risicopreventie"
    )
    assert instrument.checklists[0].themes[0].title == (
        "Met risicopreventie absenteïsme tegengaan – Zorgen voor gezonde "
        "arbeidsomstandigheden; negatieve psychische en fysieke werkimpact beperken"
    )
    assert instrument.section("c1.s1.1").title == "De risico’s bepalen"
    assert instrument.checklist("c3").title == "De effectieve re-integratie"


def test_every_section_has_questions(instrument: Instrument) -> None:
    for section in instrument.all_sections():
        assert section.questions, section.id


def test_examples_have_sectors(instrument: Instrument) -> None:
    examples = [e for s in instrument.all_sections() for e in s.examples]
    assert len(examples) > 60
    for example in examples:
        assert example.sector
        assert not example.sector.startswith("(") and not example.sector.endswith(")")
        assert not example.text.startswith("Voorbeeld")
    first = instrument.section("c1.s1.1").examples[0]
    assert first.number == 1
    assert first.sector == "Dagbladdrukkerij"
    assert first.text.startswith("“In de productiehal")
    assert first.text.endswith("bediscussieerd.”")


def test_nested_advice_lists_exist(instrument: Instrument) -> None:
    nested = instrument.section("c3.s1.2").advice[0]
    assert isinstance(nested, ListBlock) and nested.style == "bullet"
    children = nested.items[0].children
    assert isinstance(children[0], ListBlock) and len(children[0].items) == 7

    welzijnscel = instrument.section("c2.s2.4").advice[0]
    assert isinstance(welzijnscel, ListBlock)
    numbered = welzijnscel.items[1].children[0]
    assert isinstance(numbered, ListBlock) and numbered.style == "numbered"
    assert len(numbered.items) == 3


def test_links(instrument: Instrument) -> None:
    urls = [link.url for s in instrument.all_sections() for link in s.links]
    assert "https://www.beswic.be/nl" in urls
    assert "https://www.vdab.be/arbeidshandicap/voorwaardenvop" in urls
    assert all(url.startswith("https://") for url in urls)


def test_no_extraction_damage(instrument: Instrument) -> None:
    for text in _all_texts(instrument):
        assert "re- integratie" not in text, text
        assert "  " not in text, text
        assert text == text.strip(), text
        assert "⚫" not in text and "○" not in text, text
        assert "\n" not in text and "\t" not in text, text
        # page numbers end up alone or at the edge of a joined paragraph
        assert not re.fullmatch(r"\d+", text), text
        assert not re.search(r"(^\d+\s)|(\s\d+$)", text), text


def test_front_matter(instrument: Instrument) -> None:
    assert "Citéa" in instrument.source.attribution
    intro_list = instrument.introduction[2]
    assert isinstance(intro_list, ListBlock) and intro_list.style == "numbered"
    assert len(intro_list.items) == 4
    usage_list = instrument.usage[1]
    assert isinstance(usage_list, ListBlock) and len(usage_list.items) == 3


def test_load_is_cached() -> None:
    assert load_instrument() is load_instrument()


# --------------------------------------------------------------------------- validation


def test_parse_roundtrip(raw: dict[str, Any]) -> None:
    assert len(parse_instrument(raw).all_questions()) == 93


def test_rejects_duplicate_id(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    bad["checklists"][1]["themes"][0]["sections"][2]["questions"][0]["id"] = "c1.q1.1.1"
    with pytest.raises(InstrumentError) as info:
        parse_instrument(bad)
    message = str(info.value)
    assert "checklists[1].themes[0].sections[2].questions[0]" in message
    assert "c1.q1.1.1" in message


def test_rejects_missing_question_text(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    del bad["checklists"][1]["themes"][0]["sections"][2]["questions"][0]["text"]
    with pytest.raises(InstrumentError, match=re.escape("checklists[1].themes[0].sections[2]")):
        parse_instrument(bad)


def test_rejects_empty_question_text(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    bad["checklists"][0]["themes"][0]["sections"][0]["questions"][1]["text"] = "  "
    with pytest.raises(InstrumentError, match=re.escape("checklists[0].themes[0].sections[0]")):
        parse_instrument(bad)


def test_rejects_unknown_block_type(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    bad["checklists"][2]["themes"][0]["sections"][1]["advice"][0]["type"] = "table"
    with pytest.raises(InstrumentError) as info:
        parse_instrument(bad)
    assert "checklists[2].themes[0].sections[1].advice[0]" in str(info.value)
    assert "table" in str(info.value)


def test_rejects_unknown_format_version(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    bad["format_version"] = 2
    with pytest.raises(InstrumentError, match="format_version"):
        parse_instrument(bad)


def test_rejects_missing_key_and_wrong_type(raw: dict[str, Any]) -> None:
    bad = copy.deepcopy(raw)
    del bad["checklists"][0]["themes"][1]["sections"][0]["examples"]
    with pytest.raises(InstrumentError, match=re.escape("checklists[0].themes[1].sections[0]")):
        parse_instrument(bad)
    bad = copy.deepcopy(raw)
    bad["checklists"][3]["themes"] = {"not": "a list"}
    with pytest.raises(InstrumentError, match=re.escape("checklists[3].themes")):
        parse_instrument(bad)


def test_unnumbered_examples_read_voorbeeld_not_voorbeeld_none() -> None:
    from kmo_reintegratie.instrument import load_instrument
    from kmo_reintegratie.ui.instrument_html import guidance_html

    sections = [s for c in load_instrument().checklists for s in c.sections]
    unnumbered = [s for s in sections if any(e.number is None for e in s.examples)]
    assert unnumbered  # the source has them (issue 15: 10 of the sections)
    for section in sections:
        assert "Voorbeeld None" not in guidance_html(section)
    assert "<b>Voorbeeld.</b>" in guidance_html(unnumbered[0])
