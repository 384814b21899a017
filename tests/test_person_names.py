"""Names never reach anonymous documents (issue 16, point 6).

The crafted cases of the issue: a short form ("Koen" for Koenraad), "Anne Marie" and
"Annemie" for Anne-Marie, a typo ("Verhaegh"), a manager who is not an employee ("Jef
Vermeulen"), the "desmet" in an e-mail address, a first name alone — masked in the printed
jaarverslag and flagged by the check before printing; "team", "wilde", "lies" untouched.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from kmo_reintegratie.documents.exporters_analysis import review_candidates
from kmo_reintegratie.documents.print_flags import Reason, check_before_printing
from kmo_reintegratie.documents.registry import EXPORTS, ExportOptions
from kmo_reintegratie.legal import Initiator
from kmo_reintegratie.organisation import Role
from kmo_reintegratie.person_names import Person, PersonNames
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.people_names import dossier_people, names_in_field
from kmo_reintegratie.trajectory import TrajectoryKind
from pdf_text import flat, page_texts

TODAY = date.today()

PEOPLE = [
    Person("Koenraad Verhaegen", employee=True),
    Person("Anne-Marie Desmet", employee=True),
    Person("Lotte De Wilde", employee=True),
    Person("Jef Vermeulen"),  # a manager, no employee
    Person("Elisabeth Claes"),  # the vertrouwenspersoon
]
NAMES = PersonNames.build(PEOPLE, phrases=["Team Dendermonde"])

# One line per way of writing a name, as a reader would write it; the name as it must be found.
CRAFTED = [
    ("Koen kreeg snel een aangepaste planning.", "Koen"),
    ("Anne Marie hielp bij de terugkeer.", "Anne Marie"),
    ("Annemie hielp bij de terugkeer.", "Annemie"),
    ("Verhaegh belde zelf terug.", "Verhaegh"),
    ("Jef Vermeulen volgde elke week op.", "Jef Vermeulen"),
    ("De afspraken gingen per mail naar a.desmet@gmail.com.", "a.desmet@gmail.com"),
    ("Lotte gaf de eerste dag uitleg.", "Lotte"),
]
ORDINARY = "Het team wilde de werkkledij aanpassen: de broeken knelden aan de lies."


def found(text: str, names: PersonNames = NAMES) -> list[str]:
    return [match.word for match in names.find(text)]


@pytest.mark.parametrize(("text", "name"), CRAFTED)
def test_each_crafted_way_of_writing_a_name_is_found(text: str, name: str) -> None:
    assert found(text) == [name]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Anne-Marie, ANNEMARIE en anne marie", ["Anne-Marie", "ANNEMARIE", "anne marie"]),
        ("Marie en Anne apart", ["Marie", "Anne"]),  # each part of a composed name
        ("Koenraad, Koens vraag en KOEN", ["Koenraad", "Koens", "KOEN"]),
        ("Verhaege en Verhaeghe", ["Verhaege", "Verhaeghe"]),  # one letter off, same sound
        ("Desmet, De Smet en de smet", ["Desmet", "De Smet"]),  # "de smet": no capital, no name
        ("Lies belde, Els ook; Elisabeth niet", ["Lies", "Els", "Elisabeth"]),
        ("Zoé en Zoe", []),  # nobody of that name
        ("koen.verhaegen@terlinde.be en kverhaegen@x.be", [
            "koen.verhaegen@terlinde.be", "kverhaegen@x.be"]),
        # A soft hyphen, a Cyrillic "о".
        ("Ver\u00adhaegen en K\u043een", ["Ver\u00adhaegen", "K\u043een"]),
    ],
)
def test_parts_forms_and_disguises_of_names(text: str, expected: list[str]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        ORDINARY,
        "Wilde hij terug? Hij wilde het team spreken.",  # "Wilde" opening a question
        "De verhalen van collega's; Verhalen helpen.",  # close to "Verhaegen", another word
        "Vermelden in het verslag, verhaegh in kleine letters.",  # a typo counts with a capital
        "info@terlinde.be en hr@terlinde.be",  # addresses of no one
        "Team Dendermonde",  # a team, no person: found only by the jaarverslag's phrases
    ],
)
def test_ordinary_words_are_left_alone(text: str) -> None:
    assert found(text, PersonNames.build(PEOPLE)) == []


def test_masking_uses_the_placeholder_of_the_person() -> None:
    text = "Koen en Jef Vermeulen, Team Dendermonde en het team."
    masked = NAMES.mask(text, employee="[werknemer]", other="[naam]")
    assert masked == "[werknemer] en [naam], [naam] en het team."
    for match in NAMES.find(text):
        assert text[match.start : match.end] == match.word


@pytest.mark.parametrize(
    ("field", "names"),
    [
        ("Sofie Peeters (HR)", ["Sofie Peeters"]),
        ("Directie", []),
        ("Hoofdverpleegkundige afdeling", []),
        ("HR en de preventieadviseur", []),
        ("Koen, Marc Van Damme (leidinggevende), Dr. Lies Van Acker", [
            "Koen", "Marc Van Damme", "Lies Van Acker"]),
        ("leidinggevende Jef Vermeulen", ["Jef Vermeulen"]),
    ],
)
def test_people_are_read_from_fields_that_may_hold_a_function(field: str, names: list[str]) -> None:
    assert names_in_field(field) == names


def test_a_team_name_is_no_person() -> None:
    assert names_in_field("Team Dendermonde", min_words=2) == []
    assert names_in_field("Dr. Jan Peeters (Team Dendermonde)", min_words=2) == ["Jan Peeters"]


# --------------------------------------------------------------------------- in a dossier


@pytest.fixture
def crafted(dossier_path: Path) -> Path:
    """Anne-Marie and Lotte work here; Koenraad's manager Jef Vermeulen does not. His
    trajectory closed this year with one lesson line per crafted way of writing a name."""
    with Dossier.open(dossier_path) as dossier:
        dossier.organisation.set_role_contact(Role.VERTROUWENSPERSOON, name="Elisabeth Claes",
                                              email="e.claes@preventa.be")
        dossier.organisation.set_role_contact(Role.EXTERNE_DIENST, name="Team Dendermonde")
        koen = dossier.employees.add("Koenraad Verhaegen", manager="Jef Vermeulen",
                                     email="koenraad.verhaegen@terlinde.be")
        dossier.employees.add("Anne-Marie Desmet", manager="Directie")
        dossier.employees.add("Lotte De Wilde", manager="Directie")
        trajectory = dossier.trajectories.add(
            koen.id, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER, request_date=TODAY)
        lines = [text for text, _ in CRAFTED] + [ORDINARY, "Team Dendermonde gaf advies."]
        dossier.trajectories.update(
            trajectory.id, closed_on=TODAY, evaluation_worked="\n".join(lines))
        round_ = dossier.assessments.create_round("Zelfevaluatie", TODAY)
        dossier.assessments.set_comment(round_.id, "c3.s3.1", " ".join(lines))
    return dossier_path


def test_the_dossier_names_managers_roles_and_addresses(crafted: Path) -> None:
    with Dossier.open(crafted, read_only=True) as dossier:
        people = dossier_people(dossier)
    assert {p.name for p in people.people} == {
        "Koenraad Verhaegen", "Anne-Marie Desmet", "Lotte De Wilde", "Jef Vermeulen",
        "Elisabeth Claes"}  # not "Directie", the manager of two
    assert people.phrases == ("Team Dendermonde",)
    assert "e.claes@preventa.be" in {e for p in people.people for e in p.emails}


def test_the_printed_jaarverslag_names_nobody(crafted: Path, tmp_path: Path) -> None:
    with Dossier.open(crafted, read_only=True) as dossier:
        approved = tuple(line.text for line in review_candidates(dossier, TODAY.year, TODAY))
        [pdf] = EXPORTS["jaarverslag"].export(
            dossier, tmp_path, ExportOptions(year=TODAY.year, approved_lessons=approved))
    text = flat(" ".join(page_texts(pdf)))
    assert "[werknemer] kreeg snel een aangepaste planning." in text  # the lessons are printed
    for _, name in CRAFTED:
        assert name not in text
    for part in ("Koen", "Anne", "Marie", "Verhae", "Jef", "Vermeulen", "desmet", "Lotte",
                 "Dendermonde", "Elisabeth"):
        assert not re.search(rf"\b{part}", text, re.IGNORECASE), part
    assert "[naam] volgde elke week op." in text  # the manager is no employee
    assert "Het team wilde de werkkledij aanpassen: de broeken knelden aan de lies." in text


def test_the_check_before_printing_flags_every_crafted_name(crafted: Path) -> None:
    with Dossier.open(crafted, read_only=True) as dossier:
        check = check_before_printing(dossier, "zelfevaluatie", ExportOptions(), TODAY)
    [comment] = [p for p in check.flagged if p.passage.where.startswith("Commentaar")]
    flagged = [f.word for f in comment.flags if f.reason is Reason.NAME]
    assert flagged == [name for _, name in CRAFTED]  # the team's name is no person's
    assert check.asks


def test_an_anonymised_person_is_no_longer_a_name(crafted: Path) -> None:
    from kmo_reintegratie.store.erasure import anonymise_employee

    with Dossier.open(crafted) as dossier:
        lotte = next(e for e in dossier.employees.list() if e.name == "Lotte De Wilde")
        anonymise_employee(dossier, lotte.id, on=TODAY)
        names = dossier_people(dossier).names()
    assert not names.find("Een persoon werd geanonimiseerd; Persoon 3 belde.")
    assert [m.word for m in names.find("Koen en Lotte")] == ["Koen"]


def test_the_names_read_once_follow_every_change_of_the_dossier(demo_path: Path) -> None:
    from kmo_reintegratie.store import audit
    from kmo_reintegratie.store.people_names import dossier_names

    with Dossier.open(demo_path) as dossier:
        assert not dossier_names(dossier).find("Jozefien belde.")
        dossier.employees.add("Jozefien Van Orshoven")
        assert [m.word for m in dossier_names(dossier).find("Jozefien belde.")] == ["Jozefien"]

        # An answer names no one: the names stay (and stay right).
        from kmo_reintegratie.assessment import Answer
        from kmo_reintegratie.instrument import load_instrument

        round_id = dossier.assessments.rounds()[0].id
        question = load_instrument().section("c1.s1.1").questions[0].id
        dossier.assessments.set_answer(round_id, question, Answer.TOEGEPAST)
        assert [m.word for m in dossier_names(dossier).find("Jozefien belde.")] == ["Jozefien"]

        # Unless it is the first write logged under a new name: the logbook names its writer.
        audit.set_actor(dossier, "Bram Coppens")
        assert not dossier_names(dossier).find("Bram belde.")
        dossier.assessments.set_comment(round_id, "c3.s3.1", "Alles loopt vlot.")
        assert [m.word for m in dossier_names(dossier).find("Bram belde.")] == ["Bram"]
