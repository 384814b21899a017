"""Eligibility for guaranteed salary (issue 13 §7) and work-accident trajectories (§2)."""

from __future__ import annotations

from datetime import date

import pytest

from kmo_reintegratie.legal import Statute, absence_milestones, employer_may_start, salary_scheme

D = date


def by_key(milestones):
    return {m.key: m for m in milestones}


def test_arbeider_with_less_than_one_month_of_service_gets_no_guaranteed_salary():
    m = by_key(absence_milestones(D(2026, 3, 1), "arbeider", in_service_from=D(2026, 2, 15)))
    assert "einde_gewaarborgd_loon" not in m
    no_salary = m["geen_gewaarborgd_loon"]
    assert no_salary.due == D(2026, 3, 1)
    assert "nog geen maand" in no_salary.explanation and "15 maart 2026" in no_salary.explanation
    ok = by_key(absence_milestones(D(2026, 3, 15), "arbeider", in_service_from=D(2026, 2, 15)))
    assert ok["einde_gewaarborgd_loon"].confirmed


def test_unknown_start_of_service_is_said():
    m = by_key(absence_milestones(D(2026, 3, 2), "arbeider", in_service_from=None))
    assert not m["einde_gewaarborgd_loon"].confirmed
    assert "indiensttreding is niet gekend" in m["einde_gewaarborgd_loon"].unconfirmed_reason
    # Not passing the fact at all keeps the former behaviour for existing callers.
    assert by_key(absence_milestones(D(2026, 3, 2), "arbeider"))["einde_gewaarborgd_loon"].confirmed


def test_bediende_on_a_short_contract_follows_the_arbeider_scheme():
    m = by_key(absence_milestones(D(2026, 3, 2), "bediende", in_service_from=D(2026, 1, 5),
                                  contract_under_3_months=True))
    assert m["gewaarborgd_loon_einde_100_procent"].due == D(2026, 3, 8)
    assert "regeling van de arbeiders" in m["einde_gewaarborgd_loon"].explanation
    too_new = by_key(absence_milestones(D(2026, 3, 2), "bediende", in_service_from=D(2026, 2, 20),
                                        contract_under_3_months=True))
    assert "geen_gewaarborgd_loon" in too_new


def test_bediende_with_less_than_three_months_and_unknown_contract_is_flagged():
    m = by_key(absence_milestones(D(2026, 3, 2), "bediende", in_service_from=D(2026, 1, 5)))
    assert "gewaarborgd_loon_einde_100_procent" not in m
    assert not m["einde_gewaarborgd_loon"].confirmed
    assert "minder dan 3 maanden" in m["einde_gewaarborgd_loon"].unconfirmed_reason
    long = by_key(absence_milestones(D(2026, 3, 2), "bediende", in_service_from=D(2025, 1, 5)))
    assert long["einde_gewaarborgd_loon"].confirmed
    assert salary_scheme(Statute.BEDIENDE, D(2026, 3, 2), D(2025, 1, 5)).eligible is True
    with pytest.raises(ValueError):
        salary_scheme(Statute.ARBEIDER, D(2026, 3, 2), D(2026, 4, 1))


def test_work_accident_absence_has_no_8_week_or_6_month_due_date():
    m = by_key(absence_milestones(D(2026, 3, 2), "bediende", kind="arbeidsongeval"))
    assert "inschatting_arbeidspotentieel" not in m
    assert "uiterste_aanvraag_traject" not in m
    waiting = m["traject_na_tijdelijke_ongeschiktheid"]
    assert waiting.undated and waiting.confirmed
    assert "Fedris" in waiting.source
    assert "einde_gewaarborgd_loon" in m and "melding_arbeidsarts" in m


def test_employer_may_start_after_a_work_accident_only_once_the_temporary_incapacity_ended():
    blocked = employer_may_start(D(2026, 3, 2), D(2026, 5, 4), consent=True, kind="beroepsziekte")
    assert not blocked.allowed and "Fedris" in blocked.explanation
    ended = employer_may_start(D(2026, 3, 2), D(2026, 6, 1), kind="arbeidsongeval",
                               temporary_incapacity_ended=D(2026, 5, 15))
    assert ended.allowed and ended.earliest == D(2026, 5, 16)
