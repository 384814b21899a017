import time

import pytest

from kmo_reintegratie.privacy import (
    PRIVACY_EXPLANATION,
    Match,
    MedicalTerms,
    PersonNames,
    find_medical_terms,
    find_person_names,
    load_medical_terms,
)


def words(text: str) -> list[str]:
    return [match.word for match in find_medical_terms(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hij heeft een depressie", ["depressie"]),
        ("depressieve klachten", ["depressieve"]),
        ("na zijn operatie", ["operatie"]),
        ("twee operaties achter de rug", ["operaties"]),
        ("ze werd geopereerd aan de knie", ["geopereerd"]),
        ("neemt antidepressiva", ["antidepressiva"]),
        ("Chemotherapie gestart", ["Chemotherapie"]),
        ("hernia", ["hernia"]),
        ("hernia-operatie gepland", ["hernia-operatie"]),
        ("DIAGNOSE", ["DIAGNOSE"]),
        ("De diagnose van het probleem", ["diagnose"]),  # accepted false alarm
        ("Diagnosé door de specialist", ["Diagnosé"]),
        ("burn-out sinds maart", ["burn-out"]),
        ("Burnout", ["Burnout"]),
        ("longkanker en een hersentumor", ["longkanker", "hersentumor"]),
        ("medicatie en medicijnen", ["medicatie", "medicijnen"]),
        ("gaat naar de psychiater en de psycholoog", ["psychiater", "psycholoog"]),
        ("opgenomen in het ziekenhuis", ["ziekenhuis"]),
        ("ziekenhuisopname", ["ziekenhuisopname"]),
        ("kinesitherapie en fysiotherapie", ["kinesitherapie", "fysiotherapie"]),
        ("bij de kiné", ["kiné"]),
        ("een gebroken been", ["gebroken been"]),
        ("een gebroken\n  been", ["gebroken\n  been"]),
        ("een fractuur van de pols", ["fractuur"]),
        ("heeft last van migraine", ["migraine"]),
        ("een angststoornis en een paniekaanval", ["angststoornis", "paniekaanval"]),
        ("verslaving, alcoholisme", ["verslaving", "alcoholisme"]),
        ("diabetes type 2", ["diabetes"]),
        ("hartinfarct, beroerte", ["hartinfarct", "beroerte"]),
        ("multiple sclerose", ["multiple sclerose"]),
        ("revalidatie", ["revalidatie"]),
        ("symptomen van long covid", ["symptomen", "long covid"]),
        ("covid-19", ["covid"]),
        ("hoofdpijn en rugpijn, neemt pijnstillers", ["hoofdpijn", "rugpijn", "pijnstillers"]),
        ("slaappillen", ["slaappillen"]),
        ("de griep", ["griep"]),
        ("therapie bij een therapeut", ["therapie", "therapeut"]),
        ("RÖNTGENFOTO", ["RÖNTGENFOTO"]),
        ("een Patiënt, twee PATIENTEN", ["Patiënt", "PATIENTEN"]),
    ],
)
def test_true_positives(text: str, expected: list[str]) -> None:
    assert words(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "operationeel",
        "De operationele planning",
        "operator",
        "heftruckoperatoren",
        "ziekenfonds",
        "arbeidsarts",
        "adviserend arts",
        "huisarts",
        "behandelend arts",
        "therapeutische werkhervatting",
        "Therapeutische  Werkhervatting aangevraagd",
        "ziek",
        "ziekte",
        "ziekteverlof",
        "arbeidsongeschiktheid",
        "medisch attest",
        "contact opnemen",
        "planning",
        "zwangerschap",
        "zwangerschapsverlof",
        "moederschapsrust",
        "pijnpunt",
        "de pijnpunten in het proces",
        "behandeling van het dossier",
        "coöperatie",
        "co-operatie",
        "hij kankert op zijn baas",
        "psychosociale risico's",
        "hospitalisatieverzekering",
        "het bedrijf opereert in Europa",
        "overleg via MS Teams",
        "chemie",
        "automatisch",
        "begrip",
        "",
    ],
)
def test_false_positives_do_not_match(text: str) -> None:
    assert find_medical_terms(text) == []


def test_exclusion_only_covers_its_own_words() -> None:
    assert words("therapeutische werkhervatting na een depressie") == ["depressie"]
    assert words("therapeutische begeleiding") == ["therapeutische"]


def test_spans() -> None:
    text = "Sinds de operatie neemt Jan\tANTIDEPRESSIVA; zie diagnose."
    matches = find_medical_terms(text)
    assert matches == [
        Match(9, 17, "operatie"),
        Match(28, 42, "ANTIDEPRESSIVA"),
        Match(48, 56, "diagnose"),
    ]
    for match in matches:
        assert text[match.start : match.end] == match.word


def test_spans_stay_correct_after_accents_and_special_characters() -> None:
    # Characters before the match whose lowercase or decomposition is longer
    # than one character must not shift the offsets.
    text = "İstanbul, ﬁnale, café, ß: de ĳzeren diagnose"
    [match] = find_medical_terms(text)
    assert match.word == "diagnose"
    assert text[match.start : match.end] == "diagnose"


def test_word_boundaries() -> None:
    assert words("xdepressie") == ["xdepressie"]  # *depressi* covers compounds
    assert words("hernia's") == ["hernia"]
    assert words("dialyse_") == []  # underscore is a word character
    assert words("dialyse2") == []
    assert words("(operatie)") == ["operatie"]


def test_long_text_is_checked_quickly() -> None:
    # Speed is measured by hand (about 1 ms); here only the result is checked.
    sentence = (
        "De werknemer kan vanaf maandag halftijds werken volgens de planning. "
        "Contact opnemen met de arbeidsarts over de therapeutische werkhervatting. "
    )
    half = sentence * (5000 // len(sentence))
    text = half + "depressie " + half
    text += " " * (10_000 - len(text))
    assert len(text) == 10_000
    start = len(half)
    assert find_medical_terms(text) == [Match(start, start + 9, "depressie")]


def test_load_is_cached_and_sizeable() -> None:
    terms = load_medical_terms()
    assert terms is load_medical_terms()
    assert len(terms.terms) >= 120
    assert "therapeutische werkhervatting*" in terms.exclusions


def test_custom_terms() -> None:
    terms = MedicalTerms.from_lines(
        [
            "# comment",
            "",
            "  griep  ",
            "pols*",
            "*breuk",
            "*ontsteking*",
            "rode   hond",
            "!polsslag",
        ]
    )
    assert terms.terms == ("griep", "pols*", "*breuk", "*ontsteking*", "rode hond")
    assert terms.exclusions == ("polsslag",)
    found = find_medical_terms(
        "Griepje? griep, polsbandje, polsslag, beenbreuk, breukje, longontstekingen, Rode hond",
        terms,
    )
    assert [match.word for match in found] == [
        "griep",
        "polsbandje",
        "beenbreuk",
        "longontstekingen",
        "Rode hond",
    ]


def test_empty_custom_list_matches_nothing() -> None:
    assert find_medical_terms("depressie", MedicalTerms.from_lines([])) == []


@pytest.mark.parametrize("line", ["*", "**", "de*pressie", "!", "woord *"])
def test_malformed_entries_are_rejected(line: str) -> None:
    with pytest.raises(ValueError, match="regel 2"):
        MedicalTerms.from_lines(["# ok", line])


def test_explanation() -> None:
    assert "arbeidsarts" in PRIVACY_EXPLANATION
    assert "diagnose" in PRIVACY_EXPLANATION
    assert PRIVACY_EXPLANATION.count(". ") + 1 <= 3


# --------------------------------------------------------------------------- person names

STAFF = ["Koen Verhaegen", "Lotte De Wilde", "Roos Peeters", "An Claes",
         "Marie-Christine Van Damme", "Zoë D'Hondt", "Ben Maes"]


def names_in(text: str, people: list[str] = STAFF) -> list[str]:
    return [match.word for match in find_person_names(text, people)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Koen gaf aan dat een vaste collega hielp.", ["Koen"]),
        ("koen verhaegen belde", ["koen verhaegen"]),  # whole name, as typed
        ("VERHAEGEN", ["VERHAEGEN"]),
        ("Koens afspraak, Koen's vraag", ["Koens", "Koen"]),
        ("Zoe d'hondt en Zoë", ["Zoe d'hondt", "Zoë"]),  # accents folded
        ("Marie-Christine en Van Damme", ["Marie-Christine", "Van Damme"]),
        ("Lotte De Wilde, De Wilde, Wilde", ["Lotte De Wilde", "De Wilde", "Wilde"]),
        ("Roos belde; Ben ook.", ["Roos", "Ben"]),  # ordinary words with a capital: names
        ("Verhaegen,\nKoen", ["Verhaegen", "Koen"]),
    ],
)
def test_person_names_are_found(text: str, expected: list[str]) -> None:
    assert names_in(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "hij wilde niet; de wilde eend",  # "Wilde" of "De Wilde" is also a verb
        "een rode roos, ik ben er",  # "Roos", "Ben" are ordinary words in lower case
        "van de directie, in de keuken",  # particles alone are no names
        "an en An: te kort om een naam te zijn",  # "An" has two letters
        "Koenraad en Verhaegenstraat",  # whole words only
    ],
)
def test_ordinary_words_are_no_names(text: str) -> None:
    assert names_in(text) == []


def test_name_spans_and_ignored_words() -> None:
    text = "😀 Koen Verhaegen en Linde"
    names = PersonNames.from_names(["Koen Verhaegen", "Linde Aerts"], ignore=["afdeling Linde"])
    [match] = names.find(text)
    assert text[match.start:match.end] == match.word == "Koen Verhaegen"


def test_names_are_found_quickly_in_a_long_text() -> None:
    names = PersonNames.from_names([f"Voornaam{i} Achternaam{i}" for i in range(1000)] + STAFF)
    text = "Koen gaf aan dat een vaste collega de eerste weken hielp. " * 200
    start = time.perf_counter()
    found = names.find(text)
    assert len(found) == 200
    assert time.perf_counter() - start < 0.2
