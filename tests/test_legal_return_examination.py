"""Issue 13, points 13 and 16 in the rules: the return-to-work examination under health
surveillance and one day without a certificate in a company of 50 or more."""

from __future__ import annotations

from datetime import date as D

from kmo_reintegratie import legal


def examination(**facts: object) -> legal.LegalDate | None:
    milestones = legal.absence_milestones(
        D(2026, 2, 2), "bediende", **facts)  # type: ignore[arg-type]
    found = [m for m in milestones if m.key == "werkhervattingsonderzoek"]
    assert len(found) <= 1
    return found[0] if found else None


def test_examination_is_due_on_the_return_day_with_the_latest_day_ten_working_days_later() -> None:
    # Absent Monday 2/2/2026, back Monday 9/3: five weeks.  Ten working days after 9/3 is 23/3.
    step = examination(health_surveillance=True, returned_on=D(2026, 3, 9))
    assert step is not None
    assert step.due == D(2026, 3, 9)
    assert not step.approximate and not step.undated
    assert step.title == "Werkhervattingsonderzoek (arbeidsarts)"
    assert "uiterlijk op 23 maart 2026" in step.explanation
    assert step.confirmed
    assert "S58" in step.source


def test_ten_working_days_skip_weekends_and_public_holidays() -> None:
    # Back Tuesday 31/3/2026: Easter Monday 6/4 is not a working day, so the 10th is 15/4.
    step = examination(health_surveillance=True, returned_on=D(2026, 3, 31))
    assert step is not None and "uiterlijk op 15 april 2026" in step.explanation


def test_before_the_return_the_expected_end_gives_an_approximate_day() -> None:
    # Certificate to Friday 6/3: expected back on Monday 9/3, marked ±.
    step = examination(health_surveillance=True, expected_return=D(2026, 3, 7))
    assert step is not None
    assert step.due == D(2026, 3, 9) and step.approximate
    assert "Registreer de werkhervatting" in step.explanation


def test_without_any_end_the_step_is_shown_without_a_due_date() -> None:
    step = examination(health_surveillance=True)
    assert step is not None and step.undated


def test_no_examination_for_a_short_absence_or_without_health_surveillance() -> None:
    assert examination(health_surveillance=True, returned_on=D(2026, 2, 27)) is None  # 25 days
    assert examination(health_surveillance=True, returned_on=D(2026, 3, 2)) is not None  # 28 days
    assert examination(returned_on=D(2026, 3, 9)) is None


def test_a_relapse_chain_counts_the_examination_from_the_last_absence() -> None:
    # First absence 5/1–1/2 (worked 2/2–15/2), relapse from 16/2, back 2/3: only 14 days.
    milestones = legal.absence_milestones(
        D(2026, 1, 5), "bediende", [(D(2026, 2, 2), D(2026, 2, 15))],
        health_surveillance=True, returned_on=D(2026, 3, 2))
    assert not any(m.key == "werkhervattingsonderzoek" for m in milestones)


def test_the_rule_is_in_the_registry_with_its_source() -> None:
    rule = legal.rule("werkhervattingsonderzoek")
    assert rule.confirmed and "10 werkdagen" in rule.note
    assert legal.rule("dag_zonder_attest").confirmed  # wetgeving.md §4.2 is [B+], not [?]


def test_one_day_without_certificate_needs_50_workers() -> None:
    assert legal.certificate_free_day_note(D(2026, 11, 20), employee_count=49) is None
    assert legal.certificate_free_day_note(D(2026, 11, 20), employee_count=None) is None
    note = legal.certificate_free_day_note(D(2026, 11, 20), employee_count=50)
    assert note is not None and "twee keer per kalenderjaar" in note
    third = legal.certificate_free_day_note(D(2026, 11, 20), employee_count=50, earlier_this_year=2)
    assert third is not None and "Voor deze dag mag u dus een attest vragen" in third
    before = legal.certificate_free_day_note(D(2025, 11, 20), employee_count=50)
    assert before is not None and "drie keer" in before


def test_a_single_day_includes_friday_absent_monday_back() -> None:
    friday = D(2026, 11, 20)
    assert legal.is_single_day(friday, returned_on=D(2026, 11, 23))
    assert legal.is_single_day(friday, expected_end=friday)
    assert not legal.is_single_day(friday, returned_on=D(2026, 11, 24))
    assert not legal.is_single_day(friday)
