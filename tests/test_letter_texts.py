"""The information letter's default texts say what the law says (issue 13, point 8)."""

from __future__ import annotations

from kmo_reintegratie.documents.letter_texts import INFO_LETTER_TEXTS


def test_the_health_insurer_pays_an_arbeider_from_day_15_and_a_bediende_from_day_31() -> None:
    [insurer] = [t for t in INFO_LETTER_TEXTS if t.key == "infobrief.ziekenfonds"]
    text = " ".join(insurer.default.split())
    assert "arbeider betaalt het ziekenfonds al vanaf de 15e dag" in text
    assert "bediende krijgt u daarna, vanaf de 31e dag" in text
    assert "eerste 30 kalenderdagen" not in text  # what the letter wrongly promised every statute
