"""The large demo dossier (``demo PAD --groot``) and the lists on it.

The dossier is written once for this file (a few seconds); the tests read it and never change
it. Timing is the benchmark's business (benchmarks/large_dossier.py): these tests check what
a user sees — the counts, consistent facts, and lists that still find, sort and flag right.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.qtbot import QtBot

from kmo_reintegratie.sample_data import generate_large_demo
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import check_trajectory_dates
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.absence_model import AbsenceTableModel, Column, Period, relapse_check
from kmo_reintegratie.ui.models.employee_model import Column as StaffColumn
from kmo_reintegratie.ui.models.employee_model import EmployeeFilter, EmployeeTableModel, StatusFilter
from kmo_reintegratie.ui.models.rows_model import Row, RowsModel, SortedRowsProxy
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage

TODAY = date(2026, 11, 23)  # a Monday


@pytest.fixture(scope="session")
def large_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kmo_reintegratie.demo import write_large_demo

    return write_large_demo(tmp_path_factory.mktemp("groot") / "groot.kmo", TODAY)


@pytest.fixture
def large(large_path: Path) -> Iterator[Dossier]:
    with Dossier.open(large_path, read_only=True) as dossier:
        yield dossier


def count(dossier: Dossier, sql: str) -> int:
    return int(dossier.db.execute(sql).fetchone()[0])


# -- the dossier -----------------------------------------------------------------------------


def test_the_large_demo_has_the_promised_size(large: Dossier) -> None:
    assert count(large, "SELECT count(*) FROM employee") == 2000
    assert count(large, "SELECT count(*) FROM absence") == 50_000
    assert count(large, "SELECT count(*) FROM contact_entry") == 100_000
    assert count(large, "SELECT count(*) FROM trajectory") == 500
    assert count(large, "SELECT count(*) FROM trajectory WHERE id NOT IN (SELECT trajectory_id FROM plan_version)") == 0
    assert count(large, "SELECT count(*) FROM assessment_round") == 10
    assert count(large, "SELECT count(*) FROM assessment_action") == 1000
    # Ten years of history, up to today.
    first, last = large.db.execute("SELECT min(starts), max(starts) FROM absence").fetchone()
    assert date.fromisoformat(first).year == TODAY.year - 10 and date.fromisoformat(last) <= TODAY


def test_the_large_demo_has_the_shapes_of_the_demo(large: Dossier) -> None:
    staff = large.employees.list()
    assert len({e.department for e in staff}) >= 8 and {e.statute.value for e in staff} == {"arbeider", "bediende"}
    assert any(len(e.regimes) > 1 for e in staff) and any(e.out_of_service_from for e in staff)
    running = large.absences.open_on(TODAY)
    assert 50 < len(running) < 200  # a few per cent of the staff is absent on a Monday
    assert any((TODAY - a.starts).days > 365 for a in running)
    for sql in ("SELECT count(*) FROM absence WHERE relapse_of IS NOT NULL",
                "SELECT count(*) FROM partial_return", "SELECT count(*) FROM certificate",
                "SELECT count(*) FROM contact_agreement WHERE no_contact = 1",
                "SELECT count(*) FROM motivated_report",
                "SELECT count(*) FROM trajectory WHERE closed_on IS NULL",
                "SELECT count(*) FROM assessment_action WHERE carried_from IS NOT NULL"):
        assert count(large, sql) > 0, sql
    rounds = large.assessments.rounds()
    assert sum(not r.closed for r in rounds) == 1 and rounds[0].held_on.year in (TODAY.year, TODAY.year - 1)


def test_the_facts_agree_with_the_programs_own_rules(large: Dossier) -> None:
    assert large.db.execute("PRAGMA foreign_key_check").fetchall() == []
    # No one is absent twice at the same time; every certificate and contact lies in its absence.
    assert count(large, "SELECT count(*) FROM absence a JOIN absence b ON a.employee_id = b.employee_id "
                        "AND a.id < b.id AND a.starts < coalesce(b.returned_on, '9999') "
                        "AND b.starts < coalesce(a.returned_on, '9999')") == 0
    assert count(large, "SELECT count(*) FROM certificate c JOIN absence a ON a.id = c.absence_id "
                        "WHERE c.starts < a.starts OR c.ends >= coalesce(a.returned_on, '9999')") == 0
    assert count(large, "SELECT count(*) FROM contact_entry c JOIN absence a ON a.id = c.absence_id "
                        f"WHERE date(c.at) < a.starts OR date(c.at) > '{TODAY}' "
                        "OR c.next_contact < date(c.at)") == 0
    assert count(large, "SELECT count(*) FROM absence a JOIN absence p ON p.id = a.relapse_of "
                        "WHERE p.employee_id <> a.employee_id OR p.returned_on > a.starts") == 0
    assert all(check_trajectory_dates(t) == [] for t in large.trajectories.list())


def test_writing_refuses_an_existing_file_and_leaves_nothing_when_it_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kmo_reintegratie.demo import write_large_demo
    from kmo_reintegratie.store import large_demo
    from kmo_reintegratie.store.errors import DossierError

    existing = tmp_path / "bestaand.kmo"
    existing.write_text("iets anders")
    with pytest.raises(DossierError):
        write_large_demo(existing, TODAY)
    assert existing.read_text() == "iets anders"

    class Halfway(Exception):
        pass

    insert = large_demo._insert

    def failing(conn: object, table: str, rows: object, now: str) -> None:
        if table == "contact_entry":  # after the staff and the absences
            raise Halfway
        insert(conn, table, rows, now)  # type: ignore[arg-type]

    monkeypatch.setattr(large_demo, "_insert", failing)
    target = tmp_path / "groot.kmo"
    with pytest.raises(Halfway):
        write_large_demo(target, TODAY)
    assert list(tmp_path.iterdir()) == [existing]


def test_check_startup_paints_the_large_dossier_and_leaves_it_as_it_was(
        large_path: Path, isolated_home: Path) -> None:
    before = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in large_path.parent.iterdir())
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KMO_REINTEGRATIE_HOME": str(isolated_home)}
    done = subprocess.run([sys.executable, "-m", "kmo_reintegratie", "--check-startup", str(large_path)],
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"[1-9][0-9]* ms", done.stdout.strip()), done.stdout
    after = sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in large_path.parent.iterdir())
    assert after == before  # no lock, no journal, no backup beside it; the file untouched


def test_the_same_day_gives_the_same_dossier() -> None:
    first, second = generate_large_demo(TODAY), generate_large_demo(TODAY)
    assert first.absences == second.absences and first.contacts[-100:] == second.contacts[-100:]
    assert first.plans == second.plans


# -- Afwezigheden --------------------------------------------------------------------------------


def all_absences(large: Dossier) -> AbsenceTableModel:
    model = AbsenceTableModel(large, TODAY)
    model.set_filter(period=Period.ALL)
    return model


def shown(model: AbsenceTableModel, column: int) -> list[str]:
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_the_list_hands_its_rows_out_in_chunks_and_counts_them_all(qtbot: QtBot, large: Dossier) -> None:
    model = all_absences(large)
    assert len(model.matching_rows()) == 50_000
    assert 0 < model.rowCount() < 50_000 and model.canFetchMore(QModelIndex())
    before = model.rowCount()
    model.fetchMore(QModelIndex())
    assert model.rowCount() > before
    model.set_filter(period=Period.RUNNING)
    running = {a.id for a in large.absences.open_on(TODAY)}
    assert {row.summary.id for row in model.matching_rows()} >= running


def test_search_finds_by_name_and_by_department(large: Dossier) -> None:
    model = all_absences(large)
    model.set_filter(text="peeters")
    names = [row.name for row in model.matching_rows()]
    expected = count(large, "SELECT count(*) FROM absence a JOIN employee e ON e.id = a.employee_id "
                            "WHERE e.name LIKE '%peeters%'")
    assert len(names) == expected > 0 and all("peeters" in name.casefold() for name in names)
    model.set_filter(text="keuken")
    rows = model.matching_rows()
    assert len(rows) == count(large, "SELECT count(*) FROM absence a JOIN employee e ON e.id = a.employee_id "
                                     "WHERE e.department = 'Keuken'")
    assert {row.department for row in rows} == {"Keuken"}
    model.set_filter(text="")
    assert len(model.matching_rows()) == 50_000


def test_sorting_orders_all_rows(large: Dossier) -> None:
    model = all_absences(large)
    model.sort(Column.STARTS, Qt.SortOrder.DescendingOrder)
    starts = [row.summary.starts for row in model.matching_rows()]
    assert starts == sorted(starts, reverse=True)
    model.sort(Column.DAYS, Qt.SortOrder.DescendingOrder)
    days = [int(text) for text in shown(model, Column.DAYS)]
    assert days == sorted(days, reverse=True) and days[0] > 365
    model.sort(Column.RELAPSE, Qt.SortOrder.AscendingOrder)
    flags = [text.startswith("mogelijk herval") for text in shown(model, Column.RELAPSE)]
    assert all(flags)  # the possible relapses first


def test_the_relapse_column_agrees_with_the_check_against_all_absences(large: Dossier) -> None:
    model = all_absences(large)
    rows = model.matching_rows()[::97]  # a spread of 500 absences over ten years
    for row in rows:
        others = large.absences.of_employee(row.summary.employee_id)
        absence = next(a for a in others if a.id == row.summary.id)
        check = relapse_check(absence, others)
        assert row.relapse == check
        assert row.possible_relapse == (absence.relapse_of is not None or bool(check and check.possible))
    assert any(row.possible_relapse for row in rows) and not all(row.possible_relapse for row in rows)


def test_the_page_shows_an_ended_absence_far_down_the_list(qtbot: QtBot, large: Dossier) -> None:
    page = AbsencesPage(large, DossierEvents(), lambda: TODAY)
    qtbot.addWidget(page)
    page.show()
    oldest = int(large.db.execute("SELECT id FROM absence ORDER BY starts, id LIMIT 1").fetchone()[0])
    assert page.select_absence(oldest)
    assert page.period.currentData() == Period.ALL.value
    assert page.table.currentIndex().data(Qt.ItemDataRole.UserRole + 1).id == oldest
    assert page.current_absence() == large.absences.get(oldest)
    page.search.setText("afdeling eik")
    assert {row.department for row in page.model.matching_rows()} == {"Zorg – afdeling Eik"}


# -- Medewerkers and other lists ---------------------------------------------------------------------


def test_staff_sort_on_department_then_by_name(large: Dossier) -> None:
    model = EmployeeTableModel()
    model.load(large.employees.list(), TODAY)
    proxy = EmployeeFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(status=StatusFilter.ALL)
    proxy.sort(StaffColumn.DEPARTMENT, Qt.SortOrder.DescendingOrder)
    rows = [(proxy.index(r, StaffColumn.DEPARTMENT).data(), proxy.index(r, StaffColumn.NAME).data())
            for r in range(proxy.rowCount())]
    assert len(rows) == 2000
    departments = [d for d, _name in rows]
    assert departments == sorted(departments, reverse=True)
    zorg = [name.casefold() for d, name in rows if d == departments[0]]
    assert zorg == sorted(zorg)  # equal departments keep the order by name
    proxy.set_filter(text="keuken")
    assert {proxy.index(r, StaffColumn.DEPARTMENT).data() for r in range(proxy.rowCount())} == {"Keuken"}


def test_a_rows_list_sorts_itself_behind_its_proxy() -> None:
    model = RowsModel(("Naam", "Volgende stap"))
    model.set_rows([Row(("Bram", "b"), ("x", 1), sort_keys=("bram", "2")),
                    Row(("An", "a"), ("x", 2), sort_keys=("an", "2")),
                    Row(("Cas", "c"), ("x", 3), sort_keys=("cas", "1"))])
    proxy = SortedRowsProxy()
    proxy.setSourceModel(model)
    proxy.sort(1, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Cas", "Bram", "An"]  # ties as given
    proxy.sort(0, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["Cas", "Bram", "An"]
    model.set_rows([Row(("Dirk", "d"), sort_keys=("dirk", "0")), *[model.row(r) for r in range(3)]])
    assert [proxy.index(r, 0).data() for r in range(4)] == ["Dirk", "Cas", "Bram", "An"]  # still sorted
