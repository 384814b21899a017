"""Term arithmetic: weekends and holidays (issue 13 §4), month ends (§5), the appeal term (§3)."""

from __future__ import annotations

from datetime import date

from kmo_reintegratie.legal import (
    Decision,
    absence_milestones,
    employer_may_start,
    month_readings,
    next_working_day,
    trajectory_deadlines,
)

D = date


def by_key(milestones):
    return {m.key: m for m in milestones}


def test_month_end_readings_of_30_november_plus_3_months():
    assert month_readings(D(2024, 11, 30), 3) == (D(2025, 2, 28), D(2025, 3, 1))
    assert month_readings(D(2025, 1, 15), 3) == (D(2025, 4, 15), D(2025, 4, 15))


def test_earliest_date_takes_the_later_reading():
    early = employer_may_start(D(2024, 11, 30), D(2025, 2, 28))
    assert not early.allowed
    assert early.earliest == D(2025, 3, 1)
    assert not early.confirmed and "1 maart 2025" in early.unconfirmed_reason
    m = by_key(absence_milestones(D(2025, 5, 30), "bediende"))
    force_majeure = m["medische_overmacht_mogelijk"]  # 30/5/2025 + 9 months
    assert force_majeure.due == D(2026, 3, 1)
    assert force_majeure.reading == "laatste lezing" and not force_majeure.confirmed
    assert "28 februari 2026" in force_majeure.unconfirmed_reason


def test_latest_date_takes_the_earlier_reading():
    m = by_key(absence_milestones(D(2026, 8, 31), "bediende"))
    latest = m["uiterste_aanvraag_traject"]
    assert latest.due == D(2027, 2, 28)
    assert latest.reading == "vroegste lezing"
    assert "1 maart 2027" in latest.unconfirmed_reason


def test_deadline_on_a_weekend_shows_the_next_working_day_flagged():
    # 3/3/2025 + 49 days = Easter Monday 21/4/2025
    d = trajectory_deadlines(request_received=D(2025, 3, 3))["beoordeling"]
    assert d.due == D(2025, 4, 21)
    assert d.next_working_day == D(2025, 4, 22)
    assert not d.confirmed and "art. 53" in d.unconfirmed_reason
    assert "feestdag" in d.unconfirmed_reason
    assert next_working_day(D(2025, 12, 25)) == D(2025, 12, 26)
    assert next_working_day(D(2026, 1, 2)) == D(2026, 1, 2)


def test_latest_request_on_a_sunday_is_flagged():
    # 6/6/2026 + 6 months = Sunday 6/12/2026
    m = by_key(absence_milestones(D(2026, 6, 6), "bediende"))
    latest = m["uiterste_aanvraag_traject"]
    assert latest.due == D(2026, 12, 6) and latest.next_working_day == D(2026, 12, 7)
    assert not latest.confirmed


def test_appeal_term_not_over_on_monday_22_september_2025():
    # Issue 13 §3: form received 31/8/2025 by the employer; today is Monday 22/9/2025.
    today = D(2025, 9, 22)
    appeal = trajectory_deadlines(request_received=D(2025, 7, 1),
                                  assessment_received=D(2025, 8, 31),
                                  decision=Decision.B)["beroep"]
    assert appeal.due == D(2025, 9, 21)  # a Sunday, counted from the employer's receipt
    assert appeal.approximate and not appeal.confirmed
    assert appeal.next_working_day == D(2025, 9, 22)
    assert appeal.latest_end == D(2025, 9, 24)
    assert not appeal.surely_ended_after < today  # never "geen beroep" on 22/9
    assert "ontvangst door de werknemer" in appeal.unconfirmed_reason


def test_appeal_term_from_the_employees_receipt_across_a_weekend():
    deadlines = trajectory_deadlines(request_received=D(2025, 7, 1),
                                     assessment_received=D(2025, 8, 29),
                                     assessment_received_by_employee=D(2025, 9, 1),
                                     decision=Decision.B)
    appeal = deadlines["beroep"]
    assert appeal.due == D(2025, 9, 22) and appeal.confirmed and not appeal.approximate
    assert appeal.surely_ended_after == D(2025, 9, 22)
    weekend = trajectory_deadlines(request_received=D(2025, 7, 1),
                                   assessment_received=D(2025, 8, 29),
                                   assessment_received_by_employee=D(2025, 8, 30),
                                   decision=Decision.B)["beroep"]
    assert weekend.due == D(2025, 9, 20)  # Saturday
    assert weekend.surely_ended_after == D(2025, 9, 22) and not weekend.confirmed
    assert "pas na 22 september 2025" in weekend.unconfirmed_reason
