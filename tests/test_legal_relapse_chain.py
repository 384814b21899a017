"""Relapse chains (issue 13 §1), the certificate's last day (§6) and the kind of incapacity (§2)."""

from __future__ import annotations

from datetime import date

from kmo_reintegratie.absence import IncapacityKind
from kmo_reintegratie.legal import (
    absence_milestones,
    is_possible_relapse,
    relapse_window,
    rule,
    salary_periods,
)

D = date


def by_key(milestones):
    return {m.key: m for m in milestones}


# Securex lex4you, "Wat gebeurt er in geval van meerdere keren herval?", with the 2026 dates of
# the issue: ill 23/9–10/10, worked 11/10–19/10, ill 20/10–11/11, worked 12/11–19/12, ill 20/12.
ARBEIDER_WORK = [(D(2026, 10, 11), D(2026, 10, 19)), (D(2026, 11, 12), D(2026, 12, 19))]


def test_securex_arbeider_chain_gives_a_new_guaranteed_salary_for_the_third_period():
    periods = salary_periods(D(2026, 9, 23), "arbeider", ARBEIDER_WORK)
    assert [p.outcome for p in periods] == ["nieuw", "herval", "nieuw"]
    assert periods[0].paid_days == (1, 18) and periods[0].anchor
    # The second period only paid the balance at 25,88 % (days 19–30, up to 31/10): no anchor.
    assert periods[1].paid_days == (19, 30) and not periods[1].anchor
    m = by_key(absence_milestones(D(2026, 9, 23), "arbeider", ARBEIDER_WORK))
    assert m["gewaarborgd_loon_einde_100_procent"].due == D(2026, 12, 26)
    assert m["gewaarborgd_loon_einde_85_procent"].due == D(2027, 1, 2)
    assert m["einde_gewaarborgd_loon"].due == D(2027, 1, 18)
    assert m["einde_gewaarborgd_loon"].confirmed
    assert "10 oktober 2026" in m["einde_gewaarborgd_loon"].explanation  # the anchor period


def test_securex_arbeider_second_period_pays_the_balance_to_31_october():
    m = by_key(absence_milestones(D(2026, 9, 23), "arbeider", ARBEIDER_WORK[:1]))
    assert m["einde_gewaarborgd_loon"].due == D(2026, 10, 31)
    assert "saldo (12 dagen)" in m["einde_gewaarborgd_loon"].explanation


def test_bediende_chain_of_the_issue_owes_a_new_salary_to_18_june_2026():
    # ill 1/1–15/2, worked 16/2–28/2, ill 1/3–31/3, worked 1/4–19/5, ill 20/5
    work = [(D(2026, 2, 16), D(2026, 2, 28)), (D(2026, 4, 1), D(2026, 5, 19))]
    periods = salary_periods(D(2026, 1, 1), "bediende", work)
    assert [p.outcome for p in periods] == ["nieuw", "herval", "nieuw"]
    assert periods[1].paid_days is None  # the 30 days were used in January
    m = by_key(absence_milestones(D(2026, 1, 1), "bediende", work))
    assert m["einde_gewaarborgd_loon"].due == D(2026, 6, 18)
    assert m["einde_gewaarborgd_loon"].confirmed


def test_bediende_balance_period_is_flagged_when_the_two_readings_differ():
    # ill 1/1–10/1 (10 days), worked 11/1–20/1, ill 21/1–25/1 (balance days 11–15),
    # worked 26/1–20/3, ill 21/3: 8 weeks after 25/1 but more than 8 weeks after 10/1.
    work = [(D(2026, 1, 11), D(2026, 1, 20)), (D(2026, 1, 26), D(2026, 3, 20))]
    periods = salary_periods(D(2026, 1, 1), "bediende", work)
    assert [p.outcome for p in periods] == ["nieuw", "herval", "herval"]
    assert periods[2].unconfirmed_reasons
    m = by_key(absence_milestones(D(2026, 1, 1), "bediende", work))
    assert not m["einde_gewaarborgd_loon"].confirmed
    assert "wettekst" in m["einde_gewaarborgd_loon"].unconfirmed_reason


def test_certificate_end_on_friday_with_monday_return_counts_no_extra_days():
    # Certificate 2/3–13/3/2026 (Friday), back on Monday 16/3, worked 14 days, ill from 30/3.
    work = [(D(2026, 3, 16), D(2026, 3, 29))]
    old = by_key(absence_milestones(D(2026, 3, 2), "bediende", work))
    new = by_key(absence_milestones(D(2026, 3, 2), "bediende", work,
                                    period_ends=[D(2026, 3, 13)]))
    assert old["einde_gewaarborgd_loon"].due == D(2026, 4, 14)  # 14 days used, 16 left
    assert new["einde_gewaarborgd_loon"].due == D(2026, 4, 16)  # 12 days used, 18 left
    window = relapse_window(D(2026, 3, 16), previous_end=D(2026, 3, 13))
    assert window.first_day == D(2026, 3, 14) and window.last_day == D(2026, 5, 8)


def test_relapse_window_counts_from_the_day_after_the_certificate():
    # 2025 (14 days): certificate ends Friday 7/3, return Monday 10/3, new incapacity 22/3.
    assert is_possible_relapse(D(2025, 3, 10), D(2025, 3, 22)).possible
    check = is_possible_relapse(D(2025, 3, 10), D(2025, 3, 22), previous_end=D(2025, 3, 7))
    assert not check.possible and check.confirmed
    assert "7 maart 2025" in check.explanation


def test_occupational_disease_relapse_gives_a_new_guaranteed_salary():
    work = [(D(2026, 3, 20), D(2026, 3, 29))]  # 10 days of work: within 8 weeks
    plain = by_key(absence_milestones(D(2026, 3, 2), "bediende", work))
    disease = by_key(absence_milestones(D(2026, 3, 2), "bediende", work,
                                        kind=IncapacityKind.BEROEPSZIEKTE))
    assert plain["einde_gewaarborgd_loon"].due == D(2026, 4, 10)  # balance only
    assert disease["einde_gewaarborgd_loon"].due == D(2026, 4, 28)  # 30 new days from 30/3
    check = is_possible_relapse(D(2026, 3, 20), D(2026, 3, 30), kind="arbeidsongeval")
    assert not check.possible and not check.relapse_rules_apply
    assert rule("herval_beroepsziekte_arbeidsongeval").source


def test_new_incapacity_during_reintegration_work_gives_no_guaranteed_salary():
    work = [(D(2026, 5, 4), D(2026, 8, 31))]  # adapted work under a plan, then ill again
    normal = by_key(absence_milestones(D(2026, 3, 2), "bediende", work))
    assert "einde_gewaarborgd_loon" in normal  # > 8 weeks of work: a new salary
    m = by_key(absence_milestones(D(2026, 3, 2), "bediende", work,
                                  reintegration_work=[D(2026, 5, 4)]))
    assert "einde_gewaarborgd_loon" not in m
    assert m["geen_gewaarborgd_loon"].due == D(2026, 9, 1)
    assert "ziekenfonds" in m["geen_gewaarborgd_loon"].explanation
    accident = by_key(absence_milestones(D(2026, 3, 2), "bediende", work,
                                         reintegration_work=[D(2026, 5, 4)],
                                         kind="arbeidsongeval"))
    assert accident["einde_gewaarborgd_loon"].due == D(2026, 9, 30)
