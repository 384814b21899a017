"""Absence figures computed by hand on a tiny dossier (May 2026: 18 working days)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from kmo_reintegratie.analysis import (
    MIN_EMPLOYEES,
    Period,
    bradford,
    bradford_window,
    month_period,
    quarter_period,
    year_period,
)
from kmo_reintegratie.holidays import working_days
from kmo_reintegratie.store.dossier import Dossier

MAY = month_period(2026, 5)
TODAY = date(2026, 6, 30)


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """A: full time, 4–10 May absent (back 11 May). B: 19 h, absent 27 April–6 May (crosses the
    period start; 1 May is a holiday). C: 38 h, 19 h from 18 May; absent 12–19 May with a 50 %
    partial return from 18 May. D: joins on 18 May, never absent."""
    path = tmp_path / "klein.kmo"
    with Dossier.create(path) as dossier:
        employees = dossier.employees
        a = employees.add("A", department="Zorg", hours_per_week=38, in_service_from=date(2020, 1, 1))
        b = employees.add("B", department="Zorg", hours_per_week=19, in_service_from=date(2020, 1, 1))
        c = employees.add("C", department="Keuken", hours_per_week=38, in_service_from=date(2020, 1, 1))
        employees.set_regime(c.id, date(2026, 5, 18), 19)
        employees.add("D", department="Keuken", hours_per_week=38, in_service_from=date(2026, 5, 18))
        dossier.absences.add(a.id, date(2026, 5, 4), returned_on=date(2026, 5, 11))
        dossier.absences.add(b.id, date(2026, 4, 27), returned_on=date(2026, 5, 7))
        spell = dossier.absences.add(c.id, date(2026, 5, 12), returned_on=date(2026, 5, 20))
        dossier.absences.add_partial_return(spell.id, date(2026, 5, 18), percentage=50)
    return path


def test_may_2026_has_18_working_days() -> None:
    assert working_days(MAY.start, MAY.end) == 18


def test_absence_percentage_by_hand(small: Path) -> None:
    with Dossier.open(small) as dossier:
        agg = dossier.analysis.aggregates(MAY, department=None, today=TODAY)
    # Contract: A 18×7.6, B 18×3.8, C 9×7.6 + 9×3.8 (regime change), D 9×7.6 (joined 18 May).
    assert agg.contractual_hours == pytest.approx(136.8 + 68.4 + 102.6 + 68.4)
    # Absent: A 5×7.6; B 4, 5, 6 May (1 May holiday) 3×3.8; C 12, 13, 15 May ×7.6 (14 May holiday)
    # and 18, 19 May at half of 3.8.
    assert agg.absent_hours == pytest.approx(38 + 11.4 + 22.8 + 3.8)


def test_counts_by_hand(small: Path) -> None:
    with Dossier.open(small) as dossier:
        result = dossier.analysis.analyse(MAY, department=None, today=TODAY, threshold=5)
    by_key = {f.key: f for f in result.figures}
    assert by_key["afwezigheidspercentage"].value == pytest.approx(100 * 76.0 / 376.2)
    assert by_key["gemiddelde_duur"].value == pytest.approx((7 + 10 + 8) / 3)  # calendar days
    assert by_key["zonder_afwezigheid"].value == pytest.approx(25.0)  # only D
    assert by_key["kort_lang"].value == pytest.approx(100.0)  # A and C started in May, both ≤ 30 days
    headcount = (31 + 31 + 31 + 14) / 31
    assert by_key["frequentie"].value == pytest.approx(2 / headcount / (31 / 365.25))
    assert dict(result.weekday)["maandag"] == 1 and dict(result.weekday)["dinsdag"] == 1
    assert "Voorzichtig" in by_key["afwezigheidspercentage"].caution  # 4 < 20 employees
    departments = {name: (pct, n) for name, pct, n in result.departments}
    assert departments["Keuken"][1] == 2
    assert departments["Keuken"][0] == pytest.approx(100 * 26.6 / (102.6 + 68.4))
    scores = {row.name: row.score for row in result.bradford}
    assert scores["A"] == bradford(1, 7)  # one spell, 4–10 May
    assert [row.name for row in result.above_threshold()][:1] == ["B"]  # B: 1 spell, 10 days → 10


def test_bradford_window_ends_today_in_a_running_year() -> None:
    running = bradford_window(year_period(2026), date(2026, 11, 23))
    assert running == Period(date(2025, 11, 25), date(2026, 11, 23))  # a full 52 weeks
    assert running.days == 364
    ended = bradford_window(year_period(2025), date(2026, 11, 23))
    assert ended.end == date(2025, 12, 31) and ended.days == 364


def test_each_month_counts_its_people_and_new_absences(small: Path) -> None:
    with Dossier.open(small) as dossier:
        result = dossier.analysis.analyse(Period(date(2026, 4, 1), date(2026, 5, 31)),
                                          department=None, today=TODAY)
    april, may = result.trend
    assert (april.employees, april.spells) == (3, 1)  # B began 27 April; D joined in May
    assert (may.employees, may.spells) == (4, 2)  # A and C began in May
    assert may.caution() and all(p.spells == 0 for p in result.trend_previous)


def test_bradford_list_leaves_out_who_has_left(small: Path) -> None:
    with Dossier.open(small) as dossier:
        b = next(e for e in dossier.employees.list() if e.name == "B")
        dossier.employees.update(b.id, out_of_service_from=date(2026, 6, 1))
        result = dossier.analysis.analyse(MAY, department=None, today=TODAY, threshold=5)
    assert [row.name for row in result.bradford] == ["C", "A"]  # B left in June: not listed


def test_department_filter(small: Path) -> None:
    with Dossier.open(small) as dossier:
        keuken = dossier.analysis.aggregates(MAY, department="Keuken", today=TODAY)
    assert keuken.employees == 2
    assert keuken.absent_hours == pytest.approx(26.6)


def test_open_absence_counts_until_today_and_future_is_unknown(tmp_path: Path) -> None:
    path = tmp_path / "open.kmo"
    with Dossier.create(path) as dossier:
        e = dossier.employees.add("E", hours_per_week=38, in_service_from=date(2020, 1, 1))
        dossier.absences.add(e.id, date(2026, 5, 25))  # still absent
        result = dossier.analysis.analyse(year_period(2026), department=None, today=date(2026, 5, 29))
        may = next(p for p in result.trend if p.month == 5)
        june = next(p for p in result.trend if p.month == 6)
    # 1–29 May: 18 working days (1, 14 and 25 May are holidays); absent 26–29 May: 4 days.
    assert may.percentage == pytest.approx(100 * 4 / 18)
    assert june.percentage is None


def test_trend_has_previous_year_months(small: Path) -> None:
    with Dossier.open(small) as dossier:
        result = dossier.analysis.analyse(quarter_period(2026, 2), department=None, today=TODAY)
    assert [(p.year, p.month) for p in result.trend] == [(2026, 4), (2026, 5), (2026, 6)]
    assert [(p.year, p.month) for p in result.trend_previous] == [(2025, 4), (2025, 5), (2025, 6)]
    assert result.trend_previous[0].percentage == 0.0


def test_custom_period_and_validation(small: Path) -> None:
    with Dossier.open(small) as dossier:
        custom = dossier.analysis.analyse(Period(date(2026, 5, 4), date(2026, 5, 8)), department=None, today=TODAY)
    pct = next(f for f in custom.figures if f.key == "afwezigheidspercentage").value
    # 4–8 May: A and B absent all 5 days, C present (7.6 × 5), D not yet in service.
    assert pct == pytest.approx(100 * (5 * 7.6 + 3 * 3.8) / (5 * 7.6 + 5 * 3.8 + 5 * 7.6))
    with pytest.raises(ValueError):
        Period(date(2026, 5, 8), date(2026, 5, 4))
    assert MIN_EMPLOYEES == 20


# --------------------------------------------------------------------------- numbers and words


def test_numbers_as_belgians_write_them() -> None:
    from kmo_reintegratie.analysis import count_words, format_number, format_percent

    assert format_number(50634.4) == "50.634"
    assert format_number(1234.56, 1) == "1.234,6"
    assert format_number(999) == "999" and format_number(None) == "–"
    assert format_percent(20.345) == "20,3 %"
    assert count_words(1, "werknemer", "werknemers") == "1 werknemer"
    assert count_words(1204, "werknemer", "werknemers") == "1.204 werknemers"


def test_a_caution_uses_singular_and_plural_not_werknemer_s() -> None:
    from kmo_reintegratie.analysis import Aggregates, figures

    one = figures(Aggregates(employees=1, spells_overlapping=0), MAY)[0]
    assert one.caution.startswith("Voorzichtig: slechts 1 werknemer en geen afwezigheidsperiodes")
    assert "(s)" not in one.caution


def test_a_period_past_today_says_where_the_figures_stop() -> None:
    assert year_period(2026).counted_until(TODAY) == TODAY
    assert MAY.counted_until(TODAY) is None  # May is over on 30 June


# --------------------------------------------------------------------------- Bradford advice


def test_bradford_advises_a_talk_only_for_a_pattern_of_short_absences() -> None:
    from kmo_reintegratie.absence import Absence, ContactAgreement
    from kmo_reintegratie.analysis import (
        ADVICE_TALK,
        BradfordRow,
        bradford_advice,
        bradford_contexts,
    )

    window = bradford_window(year_period(2026), TODAY)
    short = [(date(2026, m, 2), date(2026, m, 5)) for m in (1, 2, 3, 4)]  # 4 × 3 days
    absences = [Absence(i, 1, s, returned_on=r) for i, (s, r) in enumerate(short, start=1)]
    # 2: three short absences and one of 60 days that is still running, return expected.
    absences += [Absence(10 + i, 2, s, returned_on=r) for i, (s, r) in enumerate(short[:3])]
    absences.append(Absence(20, 2, TODAY - timedelta(days=59), expected_end=date(2026, 7, 20)))
    # 3: absent today and asked for no contact.
    absences.append(
        Absence(
            30, 3, date(2026, 6, 1),
            agreements=(ContactAgreement(1, 30, date(2026, 6, 1), no_contact=True),),
        )
    )
    # 4: one short absence, then a long one of 70 days, back at work.
    absences += [
        Absence(40, 4, date(2026, 1, 5), returned_on=date(2026, 1, 8)),
        Absence(41, 4, date(2026, 2, 1), returned_on=date(2026, 4, 12)),
    ]
    rows = [
        BradfordRow(1, "Kort", "", 4, 12),
        BradfordRow(2, "Terug", "", 4, 69),
        BradfordRow(3, "Geen contact", "", 1, 30),
        BradfordRow(4, "Lang", "", 2, 73),
    ]
    contexts = bradford_contexts(rows, absences, window, TODAY)
    advice = {row.name: bradford_advice(row, 125, contexts[row.employee_id]) for row in rows}
    assert advice["Kort"] == ADVICE_TALK  # 4² × 12 = 192: a pattern
    assert advice["Terug"].startswith("nu afwezig, terug verwacht op 20-07-2026")
    assert advice["Geen contact"] == ""  # 30 < 125: below the threshold, nothing to say
    assert bradford_advice(rows[2], 10, contexts[3]).startswith("vroeg geen contact")
    assert advice["Lang"] == (
        "vooral één lange afwezigheid (70 dagen): geen patroon van korte afwezigheden"
    )
    assert contexts[4].longest == 70 and not contexts[4].absent_today
