"""The letters' wording: what the law says, per kind of incapacity, and a natural salutation."""

from __future__ import annotations

import pytest

from kmo_reintegratie.absence import IncapacityKind
from kmo_reintegratie.documents import letter_texts as lt


def flat(text: str) -> str:
    return " ".join(text.split())


def test_the_health_insurer_pays_an_arbeider_from_day_15_and_a_bediende_from_day_31() -> None:
    assert "Vanaf de 15e dag betaalt ook uw ziekenfonds een uitkering" in flat(lt.PAY_ARBEIDER)
    assert "Vanaf de 31e dag krijgt u een uitkering van uw ziekenfonds" in flat(lt.PAY_BEDIENDE)
    for text in (lt.PAY_ARBEIDER, lt.PAY_BEDIENDE):
        assert "eerste 30 kalenderdagen" not in text  # what the letter wrongly promised


def test_a_possible_relapse_promises_no_guaranteed_salary_days() -> None:
    text = flat(lt.PAY_POSSIBLE_RELAPSE)
    assert "herval" in text and "geen nieuw gewaarborgd loon" in text
    for promise in ("30", "31e dag", "15e dag", "eerste 30 kalenderdagen"):
        assert promise not in text


def test_only_an_illness_is_called_ziek() -> None:
    assert "ziek bent" in lt.OPENING_WISH[IncapacityKind.ZIEKTE]
    for kind in IncapacityKind:
        if kind is not IncapacityKind.ZIEKTE:
            assert "ziek" not in lt.OPENING_WISH[kind].lower(), kind
    # The editable paragraphs are the same in every letter: nothing about an illness.
    for paragraph in lt.INFO_LETTER_TEXTS:
        assert "ziek bent" not in paragraph.default
        assert "ziekteattest" not in paragraph.default
        assert "Bewaar hem bij de hand" not in paragraph.default


def test_every_kind_of_incapacity_has_its_opening() -> None:
    assert set(lt.OPENING_WISH) == set(IncapacityKind)


def test_an_old_default_stored_unchanged_gets_todays_wording() -> None:
    [intro] = [t for t in lt.INFO_LETTER_TEXTS if t.key == "infobrief.inleiding"]
    old = intro.earlier_defaults[0]
    assert "Bewaar hem bij de hand" in old
    rewrapped = "  " + old.replace(" ", "\n", 3)  # as an editor may have stored it
    assert lt.stored_or_default("infobrief.inleiding", rewrapped) == intro.default
    own = "Beste collega, we denken aan je."
    assert lt.stored_or_default("infobrief.inleiding", own) == own
    assert lt.stored_or_default("infobrief.inleiding", "") == ""  # left out stays left out


@pytest.mark.parametrize(
    ("name", "first", "surname"),
    [
        ("Koen Verhaegen", "Koen", "Verhaegen"),
        ("Marc Van Damme", "Marc", "Van Damme"),
        ("Nadia El Idrissi", "Nadia", "El Idrissi"),
        ("Koen van den Broeck", "Koen", "van den Broeck"),
        ("Marie-Christine Vandenbroucke", "Marie-Christine", "Vandenbroucke"),
        ("Verhaegen, Koen", "Koen", "Verhaegen"),
        ("  Koen   Verhaegen ", "Koen", "Verhaegen"),
        ("Cher", "Cher", "Cher"),
        ("Lotte De Wilde", "Lotte", "De Wilde"),
    ],
)
def test_names_split_into_first_name_and_surname(name: str, first: str, surname: str) -> None:
    assert lt.split_name(name) == (first, surname)


def test_the_three_salutations_and_the_default() -> None:
    assert lt.salutation_choices("Marc Van Damme") == (
        "Beste Marc,", "Geachte heer Van Damme,", "Geachte mevrouw Van Damme,")
    assert lt.default_salutation("Koen Verhaegen") == "Beste Koen,"
    assert lt.default_salutation("   ") == "Beste collega,"


def test_a_typed_salutation_is_tidied_or_refused_in_dutch() -> None:
    assert lt.clean_salutation("  Geachte   heer Verhaegen ") == "Geachte heer Verhaegen,"
    assert lt.clean_salutation("Dag Koen!") == "Dag Koen!"
    with pytest.raises(ValueError, match="aanspreking is leeg"):
        lt.clean_salutation(" \n ")
    with pytest.raises(ValueError, match="te lang"):
        lt.clean_salutation("Beste " + "a" * 200)
