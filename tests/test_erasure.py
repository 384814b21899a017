"""Erasure and anonymisation (GDPR art. 17): what goes, what stays, and that past reports hold.

Real dossiers in tmp_path; figures compared through the same domain functions the analysis
and jaarverslag exporters use.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from kmo_reintegratie.analysis import AnalysisResult, year_period
from kmo_reintegratie.annual_report import AnnualReport, build_annual_report
from kmo_reintegratie.documents.exporters_analysis import _year_absence, masked_names, with_bradford_context
from kmo_reintegratie.erasure_rules import (
    ANONYMISED_TEXT,
    ErasureCounts,
    anonymised_json,
    anonymised_parts,
    erased_parts,
)
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.store import erasure
from kmo_reintegratie.store.backup import daily_backup, list_backups
from kmo_reintegratie.store.backup_prune import backups_before, prune_before
from kmo_reintegratie.store.dossier import Dossier

TODAY = date.today()  # the demo dossier is written relative to today
KOEN, GREET = "Koen Verhaegen", "Greet Van Hoof"


def employee_id(dossier: Dossier, name: str) -> int:
    return next(e.id for e in dossier.employees.list() if e.name == name)


def rows(dossier: Dossier, sql: str, **params: object) -> list[tuple]:
    return [tuple(r) for r in dossier.db.execute(sql, params).fetchall()]


def analysis(dossier: Dossier, year: int) -> AnalysisResult:
    result = dossier.analysis.analyse(year_period(year), department=None, today=TODAY)
    result = with_bradford_context(dossier, result, TODAY)
    # The Bradford list names people (and breaks ties by name): the name is what anonymising
    # changes on purpose; the scores stay.
    bradford = sorted((replace(row, name="") for row in result.bradford), key=lambda r: r.employee_id)
    return replace(result, bradford=bradford)


def annual_report(dossier: Dossier, year: int) -> AnnualReport:
    departments = {e.department for e in dossier.employees.list()}
    return build_annual_report(
        year, dossier.organisation.get().display_name,
        _year_absence(dossier, year, TODAY, departments),
        _year_absence(dossier, year - 1, TODAY, departments),
        dossier.trajectories.list(), names=masked_names(dossier),
        assessment=None, instrument=load_instrument(), today=TODAY, approved=None)


def figures(path: Path) -> list[object]:
    with Dossier.open(path, read_only=True) as dossier:
        return [part for year in (TODAY.year - 1, TODAY.year)
                for part in (analysis(dossier, year), annual_report(dossier, year))]


# -- anonymising -----------------------------------------------------------------------------


def test_anonymising_everyone_keeps_the_figures_of_past_and_current_year(demo_path: Path) -> None:
    before = figures(demo_path)
    with Dossier.open(demo_path) as dossier:
        people = [e.id for e in dossier.employees.list()]
        for person in people:
            erasure.anonymise_employee(dossier, person, on=TODAY)
        names = {e.name for e in dossier.employees.list()}
    assert names == {f"Persoon {i} (geanonimiseerd)" for i in people}
    after = figures(demo_path)
    assert after == before
    # Not trivially equal: the reports do have figures to compare.
    report = before[1]
    assert isinstance(report, AnnualReport) and report.staff > 0 and report.absence


def test_anonymising_removes_identity_and_free_text_and_keeps_the_facts(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = employee_id(dossier, KOEN)
        summaries = [s for (s,) in rows(
            dossier, "SELECT summary FROM contact_entry WHERE absence_id IN "
            "(SELECT id FROM absence WHERE employee_id = :e) AND summary <> ''", e=koen)]
        plan_text = rows(dossier, "SELECT adapted_work FROM plan_version WHERE trajectory_id IN "
                                  "(SELECT id FROM trajectory WHERE employee_id = :e)", e=koen)[0][0]
        dates = rows(dossier, "SELECT id, starts, returned_on, kind FROM absence WHERE employee_id = :e", e=koen)
        certificates = rows(dossier, "SELECT starts, ends FROM certificate WHERE absence_id IN "
                                     "(SELECT id FROM absence WHERE employee_id = :e)", e=koen)
        original = dossier.employees.get(koen)
        erasure.anonymise_employee(dossier, koen, on=TODAY)
        person = dossier.employees.get(koen)
        stored = rows(dossier, "SELECT anonymised_on FROM employee WHERE id = :e", e=koen)[0][0]
        assert rows(dossier, "SELECT id, starts, returned_on, kind FROM absence WHERE employee_id = :e",
                    e=koen) == dates
        assert rows(dossier, "SELECT starts, ends FROM certificate WHERE absence_id IN "
                             "(SELECT id FROM absence WHERE employee_id = :e)", e=koen) == certificates
        texts = {s for (s,) in rows(dossier, "SELECT summary FROM contact_entry WHERE absence_id IN "
                                             "(SELECT id FROM absence WHERE employee_id = :e)", e=koen)}
    assert summaries and plan_text
    assert person.name == f"Persoon {koen} (geanonimiseerd)" and stored == TODAY.isoformat()
    assert (person.staff_number, person.function, person.manager, person.email, person.phone,
            person.address) == ("", "", "", "", "", "")
    assert (person.department, person.statute, person.regimes, person.in_service_from) == (
        original.department, original.statute, original.regimes, original.in_service_from)
    assert texts <= {ANONYMISED_TEXT, ""}
    content = demo_path.read_bytes()
    for gone in (KOEN, original.staff_number and f"'{original.staff_number}'", summaries[0][:30], plan_text[:30]):
        assert gone and gone.encode() not in content, gone


def test_anonymising_json_keeps_kinds_dates_and_ticks() -> None:
    adaptations = '[{"kind": "uren", "description": "Halve dagen voor Koen", "permanent": false}]'
    assert anonymised_json(adaptations, ("description",)) == (
        f'[{{"kind": "uren", "description": "{ANONYMISED_TEXT}", "permanent": false}}]')
    checklist = '{"return_at": "maandag 9u", "manager_informed": true, "mentor": ""}'
    assert anonymised_json(checklist, ("return_at", "mentor")) == (
        f'{{"return_at": "{ANONYMISED_TEXT}", "manager_informed": true, "mentor": ""}}')


def test_a_failure_halfway_stores_nothing(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = employee_id(dossier, KOEN)
        # A real SQLite failure on the last table the anonymisation touches.
        with dossier.writing() as db:
            db.execute("CREATE TRIGGER refuse BEFORE UPDATE ON plan_version "
                       "BEGIN SELECT RAISE(ABORT, 'geweigerd'); END")
        before = rows(dossier, "SELECT summary FROM contact_entry ORDER BY id")
        with pytest.raises(sqlite3.DatabaseError):
            erasure.anonymise_employee(dossier, koen, on=TODAY)
        assert dossier.employees.get(koen).name == KOEN
        assert rows(dossier, "SELECT summary FROM contact_entry ORDER BY id") == before


# -- erasing ---------------------------------------------------------------------------------


OWNED = {
    "absence": "employee_id = :e",
    "employee_regime": "employee_id = :e",
    "trajectory": "employee_id = :e",
    "preventive_request": "employee_id = :e",
    "certificate": "absence_id IN (SELECT id FROM absence WHERE employee_id = :e)",
    "contact_entry": "absence_id IN (SELECT id FROM absence WHERE employee_id = :e)",
    "contact_agreement": "absence_id IN (SELECT id FROM absence WHERE employee_id = :e)",
    "partial_return": "absence_id IN (SELECT id FROM absence WHERE employee_id = :e)",
    "plan_version": "trajectory_id IN (SELECT id FROM trajectory WHERE employee_id = :e)",
    "motivated_report": "trajectory_id IN (SELECT id FROM trajectory WHERE employee_id = :e)",
}


def test_erasing_removes_the_person_and_every_row_under_them(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen = employee_id(dossier, KOEN)
        owned = {table: rows(dossier, f"SELECT id FROM {table} WHERE {where}", e=koen)
                 for table, where in OWNED.items()}
        total = {table: rows(dossier, f"SELECT count(*) FROM {table}")[0][0] for table in OWNED}
        summary = rows(dossier, "SELECT summary FROM contact_entry WHERE summary <> '' AND absence_id IN "
                                "(SELECT id FROM absence WHERE employee_id = :e)", e=koen)[0][0]
        erasure.erase_employee(dossier, koen)
        assert rows(dossier, "SELECT count(*) FROM employee WHERE id = :e", e=koen) == [(0,)]
        for table, ids in owned.items():
            left = rows(dossier, f"SELECT count(*) FROM {table}")[0][0]
            assert left == total[table] - len(ids), table
            for (row_id,) in ids:
                assert rows(dossier, f"SELECT 1 FROM {table} WHERE id = :i", i=row_id) == [], table
    assert sum(map(len, owned.values())) > 10  # Koen has absences, contacts and a trajectory
    content = demo_path.read_bytes()
    assert KOEN.encode() not in content and summary[:30].encode() not in content


def test_items_are_erased_or_anonymised_on_their_own(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        greet = employee_id(dossier, GREET)
        trajectory = dossier.trajectories.of_employee(greet)[0]
        absences = dossier.absences.of_employee(greet)
        noted = next(a for a in absences if a.note)
        other = next(a for a in absences if a.id != noted.id)
        erasure.anonymise_trajectory(dossier, trajectory.id)
        after = dossier.trajectories.get(trajectory.id)
        assert (after.kind, after.decision, after.closed_on) == (trajectory.kind, trajectory.decision,
                                                                 trajectory.closed_on)
        assert trajectory.evaluation_worked and after.evaluation_worked == ANONYMISED_TEXT
        erasure.anonymise_absence(dossier, noted.id)
        assert dossier.absences.get(noted.id).note == ANONYMISED_TEXT
        erasure.erase_absence(dossier, other.id)
        assert {a.id for a in dossier.absences.of_employee(greet)} == {a.id for a in absences} - {other.id}
        erasure.erase_trajectory(dossier, trajectory.id)
        assert dossier.trajectories.of_employee(greet) == []
        assert dossier.employees.get(greet).name == GREET  # the person stays


def test_the_audit_trail_records_that_an_erasure_happened_not_what_went(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        koen, greet = employee_id(dossier, KOEN), employee_id(dossier, GREET)
        start = rows(dossier, "SELECT max(id) FROM audit_entry")[0][0] or 0
        erasure.anonymise_employee(dossier, greet, on=TODAY)
        erasure.erase_employee(dossier, koen)
        logged = rows(dossier, "SELECT action, record_kind, record_id, employee_id, detail FROM audit_entry "
                               "WHERE id > :start ORDER BY id", start=start)
        # The per-row triggers work again afterwards.
        dossier.employees.update(employee_id(dossier, "Lotte De Wilde"), function="Verpleegkundige")
        after = rows(dossier, "SELECT action, record_kind FROM audit_entry WHERE id > :start", start=start)
    assert logged == [("anonymised", "employee", greet, greet, ""), ("erased", "employee", koen, koen, "")]
    assert ("changed", "employee") in after


def test_counts_and_what_goes_are_listed_in_dutch(demo_path: Path) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        counts = erasure.counts(dossier, employee_id(dossier, KOEN))
        mentions = erasure.mentions_elsewhere(dossier, employee_id(dossier, "Marc Van Damme"))
    assert counts.absences == 4 and counts.contacts == 6 and counts.trajectories == 1
    assert "4 afwezigheden (met 4 attesten)" in erased_parts(counts)
    assert "1 traject met 1 planversie" in erased_parts(counts)
    assert mentions > 0  # a manager and contact person of others
    made = ErasureCounts(absences=3, contacts=12, trajectories=1, plan_versions=2)
    assert erased_parts(made) == ["3 afwezigheden", "12 contacten", "1 traject met 2 planversies"]
    assert anonymised_parts(made)[-1] == "alle tekst van 1 traject met 2 planversies"


# -- backups -----------------------------------------------------------------------------------


def test_backups_before_the_erasure_are_counted_and_pruned_on_request(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        dossier_id = dossier.dossier_id
        assert dossier_id
        for day in (datetime(2026, 9, 1, 9), datetime(2026, 10, 1, 9), datetime(2026, 11, 2, 9)):
            daily_backup(demo_path, dossier_id, now=day)
        moment = datetime.now()
        erasure.erase_employee(dossier, employee_id(dossier, KOEN))
        older = backups_before(dossier, moment)
        assert [b.made_at.date() for b in older] == [date(2026, 11, 2), date(2026, 10, 1), date(2026, 9, 1)]
        assert all(KOEN.encode() in b.path.read_bytes() for b in older)
        removed, fresh = prune_before(dossier, moment)
    assert sorted(removed) == sorted(b.path for b in older)
    left = list_backups(dossier_id)
    assert fresh is not None and [b.path for b in left] == [fresh]
    assert KOEN.encode() not in fresh.read_bytes()
