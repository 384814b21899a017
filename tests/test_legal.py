"""Tests for the pure legal-rules module (fixed dates only)."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from dataclasses import FrozenInstanceError
from datetime import date

import pytest

from kmo_reintegratie import legal
from kmo_reintegratie.legal import (
    RULES,
    Decision,
    Initiator,
    LegalDate,
    Statute,
    absence_milestones,
    add_months,
    aftercare_period,
    decision_explanation,
    decision_label,
    employer_may_start,
    is_possible_relapse,
    relapse_window,
    rule,
    trajectory_deadlines,
    who_may_start,
)

D = date


def by_key(milestones):
    result = {m.key: m for m in milestones}
    assert len(result) == len(milestones), "duplicate milestone key"
    return result


# ---------------------------------------------------------------------------
# add_months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (D(2026, 1, 15), 6, D(2026, 7, 15)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2026, 10, 31), 1, D(2026, 11, 30)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2028, 2, 29), 12, D(2029, 2, 28)),
        (D(2026, 3, 31), -1, D(2026, 2, 28)),
        (D(2026, 12, 1), 1, D(2027, 1, 1)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_month_convention_is_marked_unconfirmed():
    r = rule("termijnen_maanden")
    assert not r.confirmed
    assert r.status == "te bevestigen"


# ---------------------------------------------------------------------------
# absence_milestones: simple absence


def test_simple_absence_bediende_2026():
    ms = absence_milestones(D(2026, 3, 2), Statute.BEDIENDE)
    m = by_key(ms)
    assert set(m) == {
        "einde_gewaarborgd_loon",
        "melding_arbeidsarts",
        "inschatting_arbeidspotentieel",
        "uiterste_aanvraag_traject",
        "medische_overmacht_mogelijk",
    }
    assert m["einde_gewaarborgd_loon"].due == D(2026, 3, 31)  # day 30
    assert m["melding_arbeidsarts"].due == D(2026, 3, 30)  # 4 weeks
    assert m["inschatting_arbeidspotentieel"].due == D(2026, 4, 27)  # 8 weeks
    assert m["uiterste_aanvraag_traject"].due == D(2026, 9, 2)  # 6 months
    assert m["medische_overmacht_mogelijk"].due == D(2026, 12, 2)  # 9 months
    # Only the 8-week assessment is flagged: sources differ on "moet" versus "kan" (issue 13 §9).
    for x in ms:
        assert x.confirmed == (x.key != "inschatting_arbeidspotentieel"), x.key
    assert "moet" not in m["inschatting_arbeidspotentieel"].title
    assert "verschillen" in m["inschatting_arbeidspotentieel"].unconfirmed_reason
    assert m["inschatting_arbeidspotentieel"].effective_from == D(2026, 1, 1)
    assert m["uiterste_aanvraag_traject"].effective_from == D(2026, 1, 1)
    assert m["melding_arbeidsarts"].effective_from == D(2022, 10, 1)
    assert m["medische_overmacht_mogelijk"].effective_from == D(2022, 11, 28)


def test_milestones_sorted_by_date():
    for statute in Statute:
        ms = absence_milestones(D(2026, 3, 2), statute, [(D(2026, 3, 20), D(2026, 3, 29))])
        dues = [x.due for x in ms]
        assert dues == sorted(dues)
    keys = [x.key for x in absence_milestones(D(2026, 3, 2), "bediende")]
    assert keys == [
        "melding_arbeidsarts",
        "einde_gewaarborgd_loon",
        "inschatting_arbeidspotentieel",
        "uiterste_aanvraag_traject",
        "medische_overmacht_mogelijk",
    ]


def test_every_milestone_has_source_effective_date_and_dutch_text():
    cases = [
        (D(2026, 3, 2), "arbeider", ()),
        (D(2025, 10, 1), "bediende", ()),
        (D(2027, 8, 31), "bediende", [(D(2027, 9, 10), D(2027, 9, 15))]),
    ]
    for start, statute, res in cases:
        for m in absence_milestones(start, statute, res):
            assert isinstance(m, LegalDate)
            assert m.source.strip()
            assert isinstance(m.effective_from, date)
            assert m.title.strip() and m.explanation.strip()
            assert m.confirmed == (m.unconfirmed_reason is None)


def test_milestone_is_frozen():
    m = absence_milestones(D(2026, 3, 2), "bediende")[0]
    with pytest.raises(FrozenInstanceError):
        m.due = D(2030, 1, 1)  # type: ignore[misc]


# ---------------------------------------------------------------------------
# arbeider vs bediende


def test_arbeider_has_guaranteed_salary_phases():
    m = by_key(absence_milestones(D(2026, 3, 2), "arbeider"))
    assert m["gewaarborgd_loon_einde_100_procent"].due == D(2026, 3, 8)  # day 7
    assert m["gewaarborgd_loon_einde_85_procent"].due == D(2026, 3, 15)  # day 14
    assert m["einde_gewaarborgd_loon"].due == D(2026, 3, 31)  # day 30, same as bediende
    assert "85,88" in m["einde_gewaarborgd_loon"].explanation
    assert "arbeider" in m["einde_gewaarborgd_loon"].title.lower()


def test_bediende_has_no_phases():
    m = by_key(absence_milestones(D(2026, 3, 2), "bediende"))
    assert "gewaarborgd_loon_einde_100_procent" not in m
    assert "gewaarborgd_loon_einde_85_procent" not in m
    assert "100 %" in m["einde_gewaarborgd_loon"].explanation
    assert "bediende" in m["einde_gewaarborgd_loon"].title.lower()
    assert m["einde_gewaarborgd_loon"].source != ""


def test_statute_accepts_plain_strings_and_rejects_unknown():
    assert absence_milestones(D(2026, 3, 2), "Bediende") == absence_milestones(
        D(2026, 3, 2), Statute.BEDIENDE
    )
    with pytest.raises(ValueError):
        absence_milestones(D(2026, 3, 2), "zelfstandige")


# ---------------------------------------------------------------------------
# resumptions


def test_short_resumption_does_not_interrupt():
    # ill 2–19 March, back at work 20–29 March (10 days), ill again from 30 March
    ms = absence_milestones(D(2026, 3, 2), "bediende", [(D(2026, 3, 20), D(2026, 3, 29))])
    m = by_key(ms)
    assert m["melding_arbeidsarts"].due == D(2026, 3, 30)
    assert m["inschatting_arbeidspotentieel"].due == D(2026, 4, 27)
    assert m["uiterste_aanvraag_traject"].due == D(2026, 9, 2)
    assert m["medische_overmacht_mogelijk"].due == D(2026, 12, 2)
    # the fact sheet is silent on resumptions for these -> flagged
    for key in ("melding_arbeidsarts", "inschatting_arbeidspotentieel",
                "uiterste_aanvraag_traject", "medische_overmacht_mogelijk"):
        assert not m[key].confirmed
        assert m[key].unconfirmed_reason
    # relapse within 8 weeks: only the balance of 12 days from 30 March
    assert m["einde_gewaarborgd_loon"].due == D(2026, 4, 10)
    assert m["einde_gewaarborgd_loon"].confirmed
    assert "saldo" in m["einde_gewaarborgd_loon"].explanation


def test_resumption_of_13_days_still_bridges_but_14_restarts():
    bridged = by_key(absence_milestones(D(2026, 3, 2), "bediende",
                                        [(D(2026, 3, 20), D(2026, 4, 1))]))  # 13 days
    assert bridged["medische_overmacht_mogelijk"].due == D(2026, 12, 2)
    restarted = by_key(absence_milestones(D(2026, 3, 2), "bediende",
                                          [(D(2026, 3, 20), D(2026, 4, 2))]))  # 14 days
    assert restarted["medische_overmacht_mogelijk"].due == D(2027, 1, 3)
    assert restarted["medische_overmacht_mogelijk"].confirmed


def test_long_resumption_restarts_counting():
    # back at work 20 March – 30 April (42 days); ill again from 1 May
    m = by_key(absence_milestones(D(2026, 3, 2), "bediende", [(D(2026, 3, 20), D(2026, 4, 30))]))
    assert m["melding_arbeidsarts"].due == D(2026, 5, 29)
    assert m["inschatting_arbeidspotentieel"].due == D(2026, 6, 26)
    assert m["uiterste_aanvraag_traject"].due == D(2026, 11, 1)
    assert m["medische_overmacht_mogelijk"].due == D(2027, 2, 1)
    assert m["medische_overmacht_mogelijk"].confirmed  # >= 14 days interrupts: confirmed rule
    # 42 days after the return is still within 8 weeks: relapse, balance of 12 days
    assert m["einde_gewaarborgd_loon"].due == D(2026, 5, 12)


def test_resumption_longer_than_8_weeks_gives_new_guaranteed_salary():
    # back at work 20 March – 30 June (103 days); ill again from 1 July
    m = by_key(absence_milestones(D(2026, 3, 2), "arbeider", [(D(2026, 3, 20), D(2026, 6, 30))]))
    assert m["einde_gewaarborgd_loon"].due == D(2026, 7, 30)
    assert m["gewaarborgd_loon_einde_100_procent"].due == D(2026, 7, 7)
    assert m["gewaarborgd_loon_einde_85_procent"].due == D(2026, 7, 14)


def test_relapse_after_guaranteed_salary_used_up():
    # 40 days ill, 20 days at work, relapse: no new guaranteed salary (2026, 8 weeks)
    m = by_key(absence_milestones(D(2026, 1, 5), "bediende", [(D(2026, 2, 14), D(2026, 3, 5))]))
    assert m["einde_gewaarborgd_loon"].due == D(2026, 2, 3)
    assert "opgebruikt" in m["einde_gewaarborgd_loon"].explanation


def test_relapse_before_2026_uses_14_days():
    # 2025: 20 days at work > 14 days -> new guaranteed salary
    m = by_key(absence_milestones(D(2025, 3, 3), "bediende", [(D(2025, 3, 10), D(2025, 3, 29))]))
    assert m["einde_gewaarborgd_loon"].due == D(2025, 4, 28)


def test_invalid_resumptions_rejected():
    with pytest.raises(ValueError):
        absence_milestones(D(2026, 3, 2), "bediende", [(D(2026, 3, 1), D(2026, 3, 5))])
    with pytest.raises(ValueError):
        absence_milestones(D(2026, 3, 2), "bediende", [(D(2026, 3, 10), D(2026, 3, 5))])
    with pytest.raises(ValueError):
        absence_milestones(D(2026, 3, 2), "bediende",
                           [(D(2026, 3, 10), D(2026, 3, 12)), (D(2026, 3, 12), D(2026, 3, 20))])


def test_resumptions_order_does_not_matter():
    a = [(D(2026, 3, 10), D(2026, 3, 12)), (D(2026, 4, 10), D(2026, 4, 12))]
    assert absence_milestones(D(2026, 3, 2), "arbeider", a) == absence_milestones(
        D(2026, 3, 2), "arbeider", list(reversed(a))
    )


# ---------------------------------------------------------------------------
# month ends and leap years


def test_month_end_31_august_non_leap():
    m = by_key(absence_milestones(D(2026, 8, 31), "bediende"))
    assert m["uiterste_aanvraag_traject"].due == D(2027, 2, 28)
    assert not m["uiterste_aanvraag_traject"].confirmed
    assert "laatste dag van de maand" in m["uiterste_aanvraag_traject"].unconfirmed_reason
    assert m["medische_overmacht_mogelijk"].due == D(2027, 5, 31)  # 31 May exists
    assert m["medische_overmacht_mogelijk"].confirmed


def test_month_end_31_august_leap_year():
    m = by_key(absence_milestones(D(2027, 8, 31), "bediende"))
    assert m["uiterste_aanvraag_traject"].due == D(2028, 2, 29)
    assert not m["uiterste_aanvraag_traject"].confirmed


def test_absence_starting_on_29_february():
    m = by_key(absence_milestones(D(2028, 2, 29), "bediende"))
    assert m["einde_gewaarborgd_loon"].due == D(2028, 3, 29)
    assert m["melding_arbeidsarts"].due == D(2028, 3, 28)
    assert m["inschatting_arbeidspotentieel"].due == D(2028, 4, 25)
    assert m["uiterste_aanvraag_traject"].due == D(2028, 8, 29)
    assert m["medische_overmacht_mogelijk"].due == D(2028, 11, 29)


# ---------------------------------------------------------------------------
# effective dates of rules


def test_2026_rules_for_absence_started_in_2025():
    m = by_key(absence_milestones(D(2025, 10, 1), "bediende"))
    # 8 weeks fell due before the rule existed: not emitted
    assert "inschatting_arbeidspotentieel" not in m
    # 6 months falls due in 2026: shown, but flagged
    assert m["uiterste_aanvraag_traject"].due == D(2026, 4, 1)
    assert not m["uiterste_aanvraag_traject"].confirmed
    assert "vóór 1 januari 2026" in m["uiterste_aanvraag_traject"].unconfirmed_reason
    assert m["melding_arbeidsarts"].confirmed
    assert m["medische_overmacht_mogelijk"].due == D(2026, 7, 1)
    assert m["medische_overmacht_mogelijk"].confirmed


def test_2026_rules_for_absence_started_in_december_2025():
    m = by_key(absence_milestones(D(2025, 12, 1), "bediende"))
    assert m["inschatting_arbeidspotentieel"].due == D(2026, 1, 26)
    assert not m["inschatting_arbeidspotentieel"].confirmed


def test_old_absence_only_has_guaranteed_salary():
    m = by_key(absence_milestones(D(2022, 1, 3), "bediende"))
    assert set(m) == {"einde_gewaarborgd_loon"}
    assert m["einde_gewaarborgd_loon"].due == D(2022, 2, 1)


# ---------------------------------------------------------------------------
# trajectory_deadlines


def test_beoordeling_only():
    d = trajectory_deadlines(request_received=D(2025, 3, 1))
    assert set(d) == {"beoordeling"}
    assert d["beoordeling"].due == D(2025, 4, 19)  # 49 days, a Saturday before Easter
    assert not d["beoordeling"].confirmed
    assert d["beoordeling"].next_working_day == D(2025, 4, 22)  # Easter Monday is skipped too
    assert d["beoordeling"].effective_from == D(2022, 10, 1)
    weekday = trajectory_deadlines(request_received=D(2025, 3, 5))["beoordeling"]
    assert weekday.due == D(2025, 4, 23) and weekday.confirmed and weekday.next_working_day is None


def test_decision_a_63_days():
    d = trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 10),
                             decision=Decision.A)
    assert set(d) == {"beoordeling", "plan"}
    assert d["plan"].due == D(2025, 6, 12)  # 10 April + 63 days
    assert d["plan"].confirmed


def test_decision_b_appeal_and_plan():
    d = trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 10),
                             decision="B")
    assert set(d) == {"beoordeling", "beroep", "plan"}
    assert d["beroep"].due == D(2025, 5, 1)  # 21 days after the employer's receipt
    assert d["beroep"].approximate and not d["beroep"].confirmed  # employee's receipt unknown
    assert d["beroep"].latest_end == D(2025, 5, 6)
    assert d["plan"].due == D(2025, 10, 10)  # earliest candidate: 6 months after the form
    assert not d["plan"].confirmed
    assert "vertrekpunt" in d["plan"].unconfirmed_reason
    assert "6 november 2025" in d["plan"].explanation  # alternative: after the appeal term


def test_decision_b_after_appeal_decision():
    d = trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 10),
                             decision=Decision.B, appeal_decision_received=D(2025, 6, 5))
    assert d["plan"].due == D(2025, 12, 5)
    assert not d["plan"].confirmed


def test_decision_c_has_no_plan():
    d = trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 10),
                             decision=Decision.C)
    assert "plan" not in d
    assert "beroep" not in d
    assert "nieuw_traject_na_c" in d
    assert not d["nieuw_traject_na_c"].confirmed
    text = decision_explanation(Decision.C)
    assert "géén re-integratieplan" in text
    assert "te bevestigen" in text
    with pytest.raises(ValueError):
        trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 10),
                             decision=Decision.C, plan_delivered=D(2025, 5, 1))


def test_instemming_14_days():
    d = trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 10),
                             decision=Decision.A, plan_delivered=D(2025, 6, 1))
    assert d["instemming_werknemer"].due == D(2025, 6, 15)  # a Sunday
    assert not d["instemming_werknemer"].confirmed
    assert d["instemming_werknemer"].next_working_day == D(2025, 6, 16)
    monday = trajectory_deadlines(request_received=D(2025, 3, 1),
                                  assessment_received=D(2025, 4, 10),
                                  decision=Decision.A, plan_delivered=D(2025, 6, 2))
    assert monday["instemming_werknemer"].due == D(2025, 6, 16)
    assert monday["instemming_werknemer"].confirmed


def test_decision_on_29_february():
    a = trajectory_deadlines(request_received=D(2028, 1, 20), assessment_received=D(2028, 2, 29),
                             decision=Decision.A)
    assert a["beoordeling"].due == D(2028, 3, 9)
    assert a["plan"].due == D(2028, 5, 2)
    b = trajectory_deadlines(request_received=D(2028, 1, 20), assessment_received=D(2028, 2, 29),
                             decision=Decision.B)
    assert b["beroep"].due == D(2028, 3, 21)
    assert b["plan"].due == D(2028, 8, 29)


def test_rit3_trajectory_terms_cite_idewe_and_are_confirmed():
    d = trajectory_deadlines(request_received=D(2026, 2, 2), assessment_received=D(2026, 3, 2),
                             decision=Decision.A, plan_delivered=D(2026, 4, 1))
    assert d["beoordeling"].due == D(2026, 3, 23)
    assert d["plan"].due == D(2026, 5, 4)
    assert d["instemming_werknemer"].due == D(2026, 4, 15)
    # Seed 004 (IDEWE, 2026) states the 49/63/14-day terms under the 2026 rules (issue 13 §9).
    for deadline in d.values():
        assert deadline.confirmed, deadline.key
        assert "seed 004" in deadline.source
        assert deadline.effective_from == D(2026, 1, 1)
    assert rule("rit3_termijnen").confirmed


def test_trajectory_deadlines_validation():
    with pytest.raises(ValueError):
        trajectory_deadlines(request_received=D(2022, 9, 1))
    with pytest.raises(ValueError):
        trajectory_deadlines(request_received=D(2025, 3, 1), decision=Decision.A)
    with pytest.raises(ValueError):
        trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 2, 1))
    with pytest.raises(ValueError):
        trajectory_deadlines(request_received=D(2025, 3, 1), assessment_received=D(2025, 4, 1),
                             decision="D")


def test_decision_labels_and_explanations():
    for dec in Decision:
        assert decision_label(dec).startswith(f"Beslissing {dec.value}")
        assert len(decision_explanation(dec)) > 80
        assert dec.explanation == decision_explanation(dec.value)
    assert "63" in decision_explanation("A")
    assert "21" in decision_explanation("B")


# ---------------------------------------------------------------------------
# employer_may_start / who_may_start


def test_employer_2025_three_months():
    early = employer_may_start(D(2025, 6, 2), D(2025, 8, 1))
    assert not early.allowed
    assert early.earliest == D(2025, 9, 2)
    assert early.effective_from == D(2022, 10, 1)
    assert early.source
    ok = employer_may_start(D(2025, 6, 2), D(2025, 9, 2))
    assert ok.allowed and ok.confirmed


def test_employer_2025_certificate():
    r = employer_may_start(D(2025, 6, 2), D(2025, 7, 1), certificate_received=D(2025, 6, 20))
    assert r.allowed
    assert r.earliest == D(2025, 6, 20)


def test_employer_2025_short_resumption_does_not_interrupt():
    r = employer_may_start(D(2025, 6, 2), D(2025, 9, 2),
                           resumptions=[(D(2025, 7, 1), D(2025, 7, 10))])
    assert r.allowed and r.earliest == D(2025, 9, 2)
    r = employer_may_start(D(2025, 6, 2), D(2025, 9, 2),
                           resumptions=[(D(2025, 7, 1), D(2025, 7, 31))])
    assert not r.allowed and r.earliest == D(2025, 11, 1)


def test_employer_2026_consent_from_day_one():
    r = employer_may_start(D(2026, 2, 2), D(2026, 2, 3), consent=True)
    assert r.allowed
    assert r.earliest == D(2026, 2, 2)
    assert r.effective_from == D(2026, 1, 1)
    assert r.confirmed


def test_employer_2026_without_consent():
    r = employer_may_start(D(2026, 2, 2), D(2026, 2, 10))
    assert not r.allowed
    assert r.earliest is None
    assert "30 maart 2026" in r.explanation  # 8-week assessment
    assert "2 augustus 2026" in r.explanation  # 6-month latest request
    found = employer_may_start(D(2026, 2, 2), D(2026, 4, 20), work_potential_found=D(2026, 4, 15))
    assert found.allowed
    assert found.earliest == D(2026, 4, 15)
    assert found.latest == D(2026, 8, 2)
    assert found.confirmed


def test_employer_absence_2025_request_2026_uses_rit3():
    r = employer_may_start(D(2025, 11, 3), D(2026, 1, 5), consent=True)
    assert r.allowed and "3.0" in r.regime
    no = employer_may_start(D(2025, 6, 2), D(2026, 1, 5))
    assert not no.allowed
    assert not no.confirmed  # fate of the 3-month route under RIT 3.0 unknown
    late = employer_may_start(D(2025, 11, 3), D(2026, 1, 10), work_potential_found=D(2026, 1, 8))
    assert late.latest == D(2026, 5, 3)
    assert not late.confirmed


def test_employer_request_before_absence_rejected():
    with pytest.raises(ValueError):
        employer_may_start(D(2026, 2, 2), D(2026, 1, 2))


def test_who_may_start():
    now = {r.initiator: r for r in who_may_start(D(2026, 3, 1))}
    assert set(now) == set(Initiator)
    assert now[Initiator.WERKNEMER].may_start
    assert now[Initiator.BEHANDELEND_ARTS].may_start
    assert now[Initiator.WERKGEVER].may_start
    assert not now[Initiator.ADVISEREND_ARTS].may_start
    assert "instemming" in now[Initiator.WERKGEVER].condition
    in_2025 = {r.initiator: r for r in who_may_start(D(2025, 3, 1))}
    assert "3 maanden" in in_2025[Initiator.WERKGEVER].condition
    old = {r.initiator: r for r in who_may_start(D(2020, 3, 1))}
    assert old[Initiator.ADVISEREND_ARTS].may_start
    assert not old[Initiator.ADVISEREND_ARTS].confirmed
    for r in who_may_start(D(2026, 3, 1)):
        assert r.source and isinstance(r.effective_from, date)


# ---------------------------------------------------------------------------
# relapse


def test_relapse_2026_inside_and_outside_8_weeks():
    inside = is_possible_relapse(D(2026, 3, 2), D(2026, 4, 26))  # 55 days after return
    assert inside.possible and inside.confirmed
    assert inside.source and inside.effective_from == D(2026, 1, 1)
    boundary = is_possible_relapse(D(2026, 3, 2), D(2026, 4, 27))  # 56 days
    assert not boundary.possible
    assert not boundary.confirmed
    outside = is_possible_relapse(D(2026, 3, 2), D(2026, 5, 15))
    assert not outside.possible and outside.confirmed
    assert "nieuw gewaarborgd loon" in outside.explanation


def test_relapse_2025_uses_14_days():
    assert is_possible_relapse(D(2025, 3, 3), D(2025, 3, 16)).possible  # 13 days
    assert not is_possible_relapse(D(2025, 3, 3), D(2025, 3, 20)).possible
    assert is_possible_relapse(D(2025, 3, 3), D(2025, 3, 20)).confirmed


def test_relapse_transition_2025_2026_flagged():
    r = is_possible_relapse(D(2025, 12, 15), D(2026, 1, 20))  # 36 days
    assert r.possible
    assert not r.confirmed


def test_relapse_window():
    w = relapse_window(D(2026, 3, 2))
    assert w.first_day == D(2026, 3, 2)
    assert w.last_day == D(2026, 4, 26)
    assert D(2026, 4, 26) in w and D(2026, 4, 27) not in w
    assert w.confirmed and w.source
    old = relapse_window(D(2025, 3, 3))
    assert old.last_day == D(2025, 3, 16)
    transition = relapse_window(D(2025, 12, 1))
    assert transition.last_day == D(2026, 1, 25)
    assert not transition.confirmed


def test_relapse_new_start_before_return_rejected():
    with pytest.raises(ValueError):
        is_possible_relapse(D(2026, 3, 2), D(2026, 3, 1))


# ---------------------------------------------------------------------------
# aftercare


def test_aftercare_half_of_absence():
    p = aftercare_period(D(2026, 1, 5), D(2026, 3, 2))  # 56 days absent
    assert p.start == D(2026, 3, 2)
    assert p.days == 28
    assert p.end == D(2026, 3, 29)
    assert D(2026, 3, 29) in p and D(2026, 3, 30) not in p
    assert p.source


def test_aftercare_odd_duration_rounds_up():
    p = aftercare_period(D(2026, 1, 1), D(2026, 1, 4))  # 3 days absent
    assert p.days == 2
    assert p.end == D(2026, 1, 5)
    with pytest.raises(ValueError):
        aftercare_period(D(2026, 1, 4), D(2026, 1, 4))


# ---------------------------------------------------------------------------
# registry and purity


def test_rules_registry():
    keys = [r.key for r in RULES]
    assert len(keys) == len(set(keys))
    for r in RULES:
        assert r.title.strip() and r.source.strip()
        if not r.confirmed:
            assert r.note.strip(), r.key  # the reason
    legal_rule_keys = {
        "gewaarborgd_loon_bediende", "gewaarborgd_loon_arbeider", "melding_arbeidsarts",
        "inschatting_arbeidspotentieel", "uiterste_aanvraag_traject", "medische_overmacht",
        "beoordeling_49_dagen", "beroep_21_dagen", "plan_beslissing_a", "plan_beslissing_b",
        "instemming_werknemer_14_dagen", "werkgever_start_2022", "werkgever_start_2026",
        "herval_14_dagen", "herval_8_weken",
    }
    for key in legal_rule_keys:
        assert isinstance(rule(key).effective_from, date), key
    assert rule("werkgever_start_2026").effective_from == D(2026, 1, 1)
    assert not rule("plan_beslissing_b").confirmed
    assert not rule("rit3_oude_afwezigheden").confirmed


def test_package_is_pure():
    allowed = {"__future__", "calendar", "collections", "dataclasses", "datetime", "enum", "math",
               "kmo_reintegratie.legal", "kmo_reintegratie.holidays", "kmo_reintegratie.record"}
    modules = [importlib.import_module(f"kmo_reintegratie.legal.{m.name}")
               for m in pkgutil.iter_modules(legal.__path__)]
    assert len(modules) >= 6
    for module in [legal, *modules]:
        source = inspect.getsource(module)
        imported = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported.update(a.name for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
        roots = {"kmo_reintegratie.legal" if n.startswith("kmo_reintegratie.legal") else
                 n if n.startswith("kmo_reintegratie") else n.split(".")[0] for n in imported}
        assert roots <= allowed, module.__name__
        assert "today(" not in source
        assert "open(" not in source
        assert len(source.splitlines()) <= 300, module.__name__
