"""Dossier.writing() is one transaction, whatever sqlite-utils does inside it.

sqlite-utils 4 commits each write method on its own unless a transaction is
open; these tests raise halfway through a user action and look at what a user
would see after reopening the dossier: nothing of it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils

from kmo_reintegratie.absence import AbsenceError
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierWriteError


class Halfway(Exception):
    pass


def employee_names(path: Path) -> list[str]:
    with Dossier.open(path, read_only=True) as dossier:
        return [e.name for e in dossier.employees.list()]


WRITES: dict[str, Callable[[sqlite_utils.Database], None]] = {
    "execute": lambda db: db.execute("INSERT INTO employee (name) VALUES ('Via execute')"),
    "insert": lambda db: db["employee"].insert({"name": "Via insert"}),
    "insert_all": lambda db: db["employee"].insert_all([{"name": "Een"}, {"name": "Twee"}]),
    "upsert": lambda db: db["employee"].upsert({"id": 1, "name": "Via upsert"}, pk="id"),
    "update": lambda db: db["employee"].update(1, {"name": "Gewijzigd"}),
    "delete": lambda db: db["employee"].delete(1),
    "executescript": lambda db: db.executescript("INSERT INTO employee (name) VALUES ('Script');"),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_an_error_after_a_write_leaves_nothing(dossier_path: Path, write) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Bestaand")
        with pytest.raises(Halfway):
            with dossier.writing() as db:
                write(db)
                raise Halfway
        assert [e.name for e in dossier.employees.list()] == ["Bestaand"]
        assert not dossier.db.conn.in_transaction
    assert employee_names(dossier_path) == ["Bestaand"]


def test_nested_blocks_are_one_transaction(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        with pytest.raises(Halfway):
            with dossier.writing():
                dossier.employees.add("Eerste", hours_per_week=38)
                dossier.employees.add("Tweede")  # a repository's own writing() nests
                raise Halfway
    assert employee_names(dossier_path) == []


def test_a_failed_inner_block_can_be_caught_and_the_rest_is_kept(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        with dossier.writing():
            dossier.employees.add("Blijft")
            with pytest.raises(Halfway):
                with dossier.writing() as db:
                    db["employee"].insert({"name": "Weg"})
                    raise Halfway
    assert employee_names(dossier_path) == ["Blijft"]


def test_another_connection_sees_nothing_until_the_block_ends(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        with dossier.writing() as db:
            db["employee"].insert_all([{"name": f"P{i}"} for i in range(3)])
            other = sqlite3.connect(dossier_path)
            try:
                # A reader still sees the committed state: the insert is not committed.
                assert other.execute("SELECT count(*) FROM employee").fetchone()[0] == 0
            finally:
                other.close()
    assert len(employee_names(dossier_path)) == 3


def test_import_with_a_failing_third_row_stores_nothing(dossier_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"name": "Rij een", "hours_per_week": 38},
        {"name": "Rij twee", "hours_per_week": 19},
        {"name": "   "},  # refused while rows one and two are already written
    ]
    with Dossier.open(dossier_path) as dossier:
        with pytest.raises(AbsenceError):
            dossier.employees.apply_import(rows, [], effective=date(2026, 3, 1))
    assert employee_names(dossier_path) == []


def test_import_with_impossible_hours_stores_nothing(dossier_path: Path) -> None:
    rows: list[dict[str, object]] = [{"name": "A", "hours_per_week": 38}, {"name": "B", "hours_per_week": 99}]
    with Dossier.open(dossier_path) as dossier:
        with pytest.raises(AbsenceError):
            dossier.employees.apply_import(rows, [], effective=date(2026, 3, 1))
    assert employee_names(dossier_path) == []


def test_a_full_disk_during_an_import_stores_nothing_and_says_so(dossier_path: Path) -> None:
    rows: list[dict[str, object]] = [
        {"name": f"Werknemer {i:05d}", "function": "x" * 400, "hours_per_week": 38} for i in range(3000)
    ]
    with Dossier.open(dossier_path) as dossier:
        pages = dossier.db.execute("PRAGMA page_count").fetchone()[0]
        dossier.db.execute(f"PRAGMA max_page_count = {pages + 20}")
        with pytest.raises(DossierWriteError) as raised:
            dossier.employees.apply_import(rows, [], effective=date(2026, 3, 1))
        assert "vol" in raised.value.message
        assert dossier.employees.count() == 0
    assert employee_names(dossier_path) == []


def test_new_employee_with_regime_is_all_or_nothing(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        with pytest.raises(sqlite3.IntegrityError):
            dossier.employees.add("Zonder uren", hours_per_week=0)  # the regime's CHECK refuses 0
        assert dossier.employees.list() == []


def test_read_only_dossier_refuses_a_write_block(dossier_path: Path) -> None:
    with Dossier.open(dossier_path, read_only=True) as dossier:
        with pytest.raises(DossierWriteError):
            with dossier.writing():
                pass


def test_an_absence_with_an_impossible_agreement_is_not_stored_at_all(dossier_path: Path) -> None:
    from kmo_reintegratie.absence import ContactRole

    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add("Koen")
        with pytest.raises(AbsenceError):
            dossier.absences.register(
                employee.id, date(2026, 3, 2), certificate=(date(2026, 3, 2), date(2026, 3, 20)),
                agreements=[{"valid_from": date(2026, 3, 2), "contact_role": ContactRole.LEIDINGGEVENDE},
                            {"valid_from": date(2026, 3, 2), "contact_role": ContactRole.LEIDINGGEVENDE,
                             "every_days": 0}],
            )
        assert dossier.absences.of_employee(employee.id) == []
        assert dossier.db.execute("SELECT count(*) FROM certificate").fetchone()[0] == 0
        assert dossier.db.execute("SELECT count(*) FROM contact_agreement").fetchone()[0] == 0


def test_employee_fields_and_regimes_are_changed_together_or_not_at_all(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add("Els", hours_per_week=38, function="Kok")
        with pytest.raises(AbsenceError):
            dossier.employees.update_with_regimes(
                employee.id, [(date(2026, 1, 1), 30), (date(2026, 6, 1), 99)], function="Chef"
            )
        after = dossier.employees.get(employee.id)
        assert after.function == "Kok"
        assert [r.hours_per_week for r in after.regimes] == [38]
