"""Employees and their working-time history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from kmo_reintegratie.absence import AbsenceError, Employee, RegimePeriod
from kmo_reintegratie.dates import from_iso, iso
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.store.id_lists import chunks, marks

if TYPE_CHECKING:
    from kmo_reintegratie.store.undo_rows import DeletedRows
    from kmo_reintegratie.store.dossier import Dossier

EMPLOYEE_FIELDS = (
    "name", "staff_number", "function", "department", "statute", "in_service_from",
    "out_of_service_from", "manager", "phone", "email", "address", "health_surveillance",
    "contract_under_3_months",
)
DATE_FIELDS = ("in_service_from", "out_of_service_from")
# What ``list`` reads, in the order it unpacks them.
_LIST_COLUMNS = ("id", "name", "staff_number", "function", "department", "statute", "in_service_from",
                 "out_of_service_from", "manager", "phone", "email", "address", "health_surveillance",
                 "contract_under_3_months")


def _tri_state(value: object) -> bool | None:
    """SQLite's NULL / 0 / 1 for a fact that may not be known."""
    return None if value is None else bool(value)


def _employee(row: dict[str, Any], regimes: tuple[RegimePeriod, ...]) -> Employee:
    return Employee(
        id=row["id"],
        name=row["name"],
        staff_number=row["staff_number"],
        function=row["function"],
        department=row["department"],
        statute=Statute(row["statute"]),
        in_service_from=from_iso(row["in_service_from"]),
        out_of_service_from=from_iso(row["out_of_service_from"]),
        manager=row["manager"],
        phone=row["phone"],
        email=row["email"],
        address=row["address"],
        regimes=regimes,
        health_surveillance=bool(row.get("health_surveillance") or 0),
        contract_under_3_months=_tri_state(row.get("contract_under_3_months")),
    )


def _to_row(fields: dict[str, object]) -> dict[str, object]:
    row: dict[str, object] = {}
    for key, value in fields.items():
        if key not in EMPLOYEE_FIELDS:
            raise KeyError(f"onbekend veld: {key}")
        if key in DATE_FIELDS:
            value = iso(value)  # type: ignore[arg-type]
        elif key == "statute":
            value = Statute(value).value  # type: ignore[arg-type]
        elif key == "health_surveillance":
            value = int(bool(value))
        elif key == "contract_under_3_months":
            value = None if value is None else int(bool(value))
        elif key == "name":
            value = str(value).strip()
            if not value:
                raise AbsenceError("Een werknemer heeft een naam nodig.")
        row[key] = value
    return row


class EmployeeName(NamedTuple):
    """Who someone is in a list: enough to tell people with the same name apart."""

    id: int
    name: str
    staff_number: str
    department: str


class EmployeeRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    def names(self) -> list[EmployeeName]:
        """Everyone's name, number and department, by name (one light query, for long lists)."""
        return list(map(EmployeeName._make, self._dossier.execute(
            "SELECT id, name, staff_number, department FROM employee ORDER BY name COLLATE NOCASE, id")))

    def many(self, ids: Collection[int]) -> list[Employee]:
        """The employees ``ids`` with their regimes, in no particular order: the few a page
        shows of thousands (Overzicht: the people absent today)."""
        rows: list[dict[str, Any]] = []
        regimes: dict[int, list[RegimePeriod]] = defaultdict(list)
        for chunk in chunks(ids):
            rows += self._dossier.query(f"SELECT * FROM employee WHERE id IN ({marks(chunk)})", chunk)
            for employee_id, valid_from, hours in self._dossier.execute(
                    "SELECT employee_id, valid_from, hours_per_week FROM employee_regime "
                    f"WHERE employee_id IN ({marks(chunk)}) ORDER BY valid_from", chunk):
                regimes[employee_id].append(RegimePeriod(date.fromisoformat(valid_from), hours))
        return [_employee(r, tuple(regimes.get(r["id"], ()))) for r in rows]

    def list(self, *, include_former: bool = True) -> list[Employee]:
        """All employees with their regimes, in two queries (fast for thousands)."""
        db = self._dossier
        regimes: dict[int, list[RegimePeriod]] = defaultdict(list)
        for employee_id, valid_from, hours in db.execute(
            "SELECT employee_id, valid_from, hours_per_week FROM employee_regime ORDER BY valid_from"
        ):
            regimes[employee_id].append(RegimePeriod(date.fromisoformat(valid_from), hours))
        sql = f"SELECT {', '.join(_LIST_COLUMNS)} FROM employee"
        if not include_former:
            sql += " WHERE out_of_service_from IS NULL"
        # Plain rows rather than dicts, and each statute looked up once: thousands of people.
        statutes = {statute.value: statute for statute in Statute}
        no_regimes: tuple[RegimePeriod, ...] = ()
        return [
            Employee(id=employee_id, name=name, staff_number=staff_number, function=function,
                     department=department, statute=statutes[statute], in_service_from=from_iso(in_service),
                     out_of_service_from=from_iso(out_of_service), manager=manager, phone=phone, email=email,
                     address=address, regimes=tuple(regimes[employee_id]) if employee_id in regimes else no_regimes,
                     health_surveillance=bool(surveillance or 0), contract_under_3_months=_tri_state(short_contract))
            for (employee_id, name, staff_number, function, department, statute, in_service, out_of_service,
                 manager, phone, email, address, surveillance, short_contract)
            in db.execute(sql + " ORDER BY name COLLATE NOCASE, id")]

    def get(self, employee_id: int) -> Employee:
        db = self._dossier
        row = db.row("employee", employee_id)
        regimes = tuple(
            RegimePeriod(date.fromisoformat(r["valid_from"]), r["hours_per_week"])
            for r in db.query(
                "SELECT valid_from, hours_per_week FROM employee_regime WHERE employee_id = :id ORDER BY valid_from",
                {"id": employee_id},
            )
        )
        return _employee(row, regimes)

    def add(self, name: str, *, hours_per_week: float | None = None, regime_from: date | None = None,
            **fields: object) -> Employee:
        now = self._dossier.now()
        row = _to_row({"name": name, **fields})
        with self._dossier.writing() as db:
            employee_id = int(db["employee"].insert({**row, "created_at": now, "updated_at": now}).last_pk)
            if hours_per_week is not None:
                start = regime_from or row.get("in_service_from") or date(1900, 1, 1).isoformat()
                db["employee_regime"].insert(
                    {"employee_id": employee_id, "valid_from": start if isinstance(start, str) else start.isoformat(),
                     "hours_per_week": hours_per_week, "created_at": now, "updated_at": now}
                )
        return self.get(employee_id)

    def update(self, employee_id: int, **fields: object) -> Employee:
        row = _to_row(fields)
        if row:
            with self._dossier.writing() as db:
                db["employee"].update(employee_id, {**row, "updated_at": self._dossier.now()})
        return self.get(employee_id)

    def update_with_regimes(self, employee_id: int, regimes: Sequence[tuple[date, float]],
                            **fields: object) -> Employee:
        """Change an employee's fields and working-time history together: all stored or none."""
        with self._dossier.writing():
            self.update(employee_id, **fields)
            for valid_from, hours_per_week in regimes:
                self.set_regime(employee_id, valid_from, hours_per_week)
        return self.get(employee_id)

    def set_regime(self, employee_id: int, valid_from: date, hours_per_week: float) -> None:
        """Record a working-time change from ``valid_from`` (replaces one on the same date)."""
        if not 0 < hours_per_week <= 60:
            raise AbsenceError("Het aantal uren per week ligt tussen 0 en 60.")
        now = self._dossier.now()
        with self._dossier.writing() as db:
            db.execute(
                "INSERT INTO employee_regime (employee_id, valid_from, hours_per_week, created_at, updated_at) "
                "VALUES (:e, :f, :h, :now, :now) ON CONFLICT(employee_id, valid_from) "
                "DO UPDATE SET hours_per_week = excluded.hours_per_week, updated_at = excluded.updated_at",
                {"e": employee_id, "f": valid_from.isoformat(), "h": hours_per_week, "now": now},
            )

    def delete(self, employee_id: int) -> DeletedRows:
        """Delete the employee and all that is theirs; `Dossier.restore(result)` undoes it."""
        return self._dossier.delete("employee", employee_id)

    def count(self) -> int:
        return int(self._dossier.execute("SELECT count(*) FROM employee").fetchone()[0])

    def departments(self) -> list[str]:
        rows = self._dossier.execute(
            "SELECT DISTINCT department FROM employee WHERE department <> '' ORDER BY department COLLATE NOCASE"
        ).fetchall()
        return [r[0] for r in rows]

    def apply_import(
        self,
        additions: list[dict[str, object]],
        changes: list[tuple[int, dict[str, object]]],
        *,
        effective: date,
    ) -> list[int]:
        """Add and change employees in ONE transaction: all or nothing. Never deletes.

        A changed working time is recorded as a regime change from ``effective``. Returns
        the ids of the employees added, in the order of ``additions``.
        """
        now = self._dossier.now()
        columns = ", ".join(EMPLOYEE_FIELDS)
        values = ", ".join(f":{f}" for f in EMPLOYEE_FIELDS)
        defaults: dict[str, object] = {f: "" for f in EMPLOYEE_FIELDS} | {
            "statute": "bediende", "in_service_from": None, "out_of_service_from": None,
            "health_surveillance": 0, "contract_under_3_months": None}
        for fields in [*additions, *(f for _i, f in changes)]:
            hours = fields.get("hours_per_week")
            if hours is not None and not 0 < float(hours) <= 60:  # type: ignore[arg-type]
                raise AbsenceError("Het aantal uren per week ligt tussen 0 en 60.")
        added: list[int] = []
        with self._dossier.writing() as db:
            # Plain statements: sqlite-utils' insert() inspects the table for every
            # row (19 s for 10,000 employees against 0.1 s this way).
            for fields in additions:
                fields = dict(fields)
                hours = fields.pop("hours_per_week", None)
                row = defaults | _to_row(fields)
                cursor = db.execute(
                    f"INSERT INTO employee ({columns}, created_at, updated_at) VALUES ({values}, :now, :now)",
                    {**row, "now": now},
                )
                added.append(int(cursor.lastrowid))
                if hours is not None:
                    db.execute(
                        "INSERT INTO employee_regime (employee_id, valid_from, hours_per_week, created_at, updated_at) "
                        "VALUES (:e, :f, :h, :now, :now)",
                        {"e": cursor.lastrowid, "f": row["in_service_from"] or "1900-01-01", "h": hours, "now": now},
                    )
            for employee_id, fields in changes:
                fields = dict(fields)
                hours = fields.pop("hours_per_week", None)
                row = _to_row(fields)
                if row:
                    db["employee"].update(employee_id, {**row, "updated_at": now})
                if hours is not None:
                    db.execute(
                        "INSERT INTO employee_regime (employee_id, valid_from, hours_per_week, created_at, updated_at) "
                        "VALUES (:e, :f, :h, :now, :now) ON CONFLICT(employee_id, valid_from) "
                        "DO UPDATE SET hours_per_week = excluded.hours_per_week, updated_at = excluded.updated_at",
                        {"e": employee_id, "f": effective.isoformat(), "h": hours, "now": now},
                    )
        return added
