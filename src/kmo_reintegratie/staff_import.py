"""Importing a staff list (CSV or XLSX): read, map the columns, plan. Pure: no Qt, no SQL.

``read_table(path)`` → ``guess_mapping(table.headers)`` (the user may correct it)
→ ``plan_import(table, mapping, existing)``: the dry run. The plan is applied in one
transaction by ``dossier.employees.apply_import(*plan.apply_arguments(),
effective=plan.effective)``. Nothing here ever deletes: employees that are not in
the file are left alone, and an empty cell never erases a stored value.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from kmo_reintegratie.absence import AbsenceError, Employee, check_not_far_ahead, format_hours
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Statute
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.record import record
from kmo_reintegratie.staff_columns import (
    FIELD_LABELS,
    FIELDS,
    FRACTION_WORDS,
    guess_mapping,
    mapping_problem,
    parse_cell_date,
    parse_hours,
    parse_statute,
)
from kmo_reintegratie.staff_table import (
    Cell,
    ImportProblem,
    RawTable,
    cell_text,
    read_table,
)
from kmo_reintegratie.text_limits import limit_for, too_long_message

__all__ = [
    "FIELDS", "FIELD_LABELS", "ImportPlan", "ImportProblem", "RawTable", "cell_text", "describe_value",
    "format_hours", "guess_mapping", "mapping_problem", "parse_cell_date", "parse_hours", "parse_statute",
    "plan_import", "read_table",
]


# ---------------------------------------------------------------------------
# Planning (the dry run)

_TEXT_FIELDS = ("staff_number", "function", "department", "manager", "phone", "email", "address")


@record
class RowProblem:
    row: int
    message: str
    name: str = ""

    def __str__(self) -> str:
        who = f" ({self.name})" if self.name else ""
        return f"Rij {self.row}{who}: {self.message}"


@record
class PlannedAddition:
    row: int
    fields: dict[str, object]  # employee fields + optional "hours_per_week"

    @property
    def name(self) -> str:
        return str(self.fields["name"])


@record
class PlannedChange:
    row: int
    employee_id: int
    name: str
    differences: dict[str, tuple[object, object]]  # field → (old, new)

    @property
    def fields(self) -> dict[str, object]:
        return {key: new for key, (_old, new) in self.differences.items()}


@dataclass
class ImportPlan:
    """What an import would do. Applying it never deletes anything."""

    effective: date
    additions: list[PlannedAddition] = field(default_factory=list)
    changes: list[PlannedChange] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    untouched: int = 0  # employees in the dossier that are not in the file

    @property
    def has_work(self) -> bool:
        return bool(self.additions or self.changes)

    def apply_arguments(self) -> tuple[list[dict[str, object]], list[tuple[int, dict[str, object]]]]:
        """``(additions, changes)`` in the shapes ``EmployeeRepository.apply_import`` takes."""
        return ([dict(a.fields) for a in self.additions],
                [(c.employee_id, c.fields) for c in self.changes])

    def summary(self) -> str:
        problems = len(self.problems)
        text = (f"{len(self.additions)} nieuw, {len(self.changes)} gewijzigd, {self.unchanged} ongewijzigd, "
                + ("1 rij met problemen (wordt overgeslagen)" if problems == 1
                   else f"{problems} rijen met problemen (worden overgeslagen)"))
        return text + "; medewerkers die niet in het bestand staan blijven ongewijzigd"


def describe_value(field_name: str, value: object) -> str:
    """A planned value in Dutch, for the dry-run list."""
    if value is None or value == "":
        return "(leeg)"
    if isinstance(value, date):
        return format_date(value)
    if isinstance(value, Statute):
        return value.label
    if field_name == "hours_per_week" and isinstance(value, (int, float)):
        return f"{format_hours(float(value))} u/week"
    return str(value)


def _number_key(number: str) -> str:
    """Staff numbers compare without leading zeros (a spreadsheet often drops them)."""
    number = number.strip().casefold()
    return (number.lstrip("0") or "0") if number.isdigit() else number


def _current_hours(employee: Employee, day: date) -> float | None:
    period = employee.regime_on(day)
    if period is None and employee.regimes:
        period = min(employee.regimes, key=lambda p: p.valid_from)
    return period.hours_per_week if period else None


def _read_row(cells: tuple[Cell, ...], columns: list[tuple[str, int]],
              fraction_hint: bool, today: date) -> tuple[dict[str, object], list[str]]:
    values: dict[str, object] = {}
    errors: list[str] = []
    raw = {name: cells[column] for name, column in columns}
    full = " ".join(cell_text(raw.get("name")).split())
    if not full:
        full = " ".join(" ".join(cell_text(raw.get(p)) for p in ("first_name", "last_name")).split())
    values["name"] = full
    for name in _TEXT_FIELDS:
        if name in raw:
            text = cell_text(raw[name])
            if len(text) > limit_for(name):
                errors.append(f"{FIELD_LABELS[name]}: {too_long_message(limit_for(name))}")
            elif text:
                values[name] = text
    for name in ("in_service_from", "out_of_service_from"):
        if name in raw:
            try:
                day = parse_cell_date(raw[name])
                check_not_far_ahead(day, today)
            except ValidationError as error:
                errors.append(f"{FIELD_LABELS[name]}: {error}")
            else:
                if day is not None:
                    values[name] = day
    if "statute" in raw:
        try:
            statute = parse_statute(raw["statute"])
        except AbsenceError as error:
            errors.append(str(error))
        else:
            if statute is not None:
                values["statute"] = statute
    if "hours_per_week" in raw:
        try:
            hours = parse_hours(raw["hours_per_week"], fraction_hint=fraction_hint)
        except AbsenceError as error:
            errors.append(str(error))
        else:
            if hours is not None:
                values["hours_per_week"] = hours
    start, end = values.get("in_service_from"), values.get("out_of_service_from")
    if isinstance(start, date) and isinstance(end, date) and end < start:
        errors.append("De datum uit dienst ligt vóór de datum in dienst.")
    if not full:
        errors.insert(0, "De naam ontbreekt.")
    elif len(full) > limit_for("name"):
        errors.insert(0, f"{FIELD_LABELS['name']}: {too_long_message(limit_for('name'))}")
    return values, errors


def _differences(employee: Employee, values: dict[str, object], effective: date) -> dict[str, tuple[object, object]]:
    differences: dict[str, tuple[object, object]] = {}
    for name, new in values.items():
        if name == "hours_per_week":
            old_hours = _current_hours(employee, effective)
            if old_hours is None or abs(old_hours - float(new)) > 0.005:  # type: ignore[arg-type]
                differences[name] = (old_hours, new)
            continue
        old = getattr(employee, name)
        if name == "name":
            same = old.casefold() == str(new).casefold()
        elif name == "staff_number":
            same = _number_key(old) == _number_key(str(new))
        elif name in _TEXT_FIELDS:
            same = " ".join(old.split()) == " ".join(str(new).split())
        else:
            same = old == new
        if not same:
            differences[name] = (old, new)
    return differences


def plan_import(table: RawTable, mapping: dict[str, int], existing: list[Employee], *,
                effective: date | None = None) -> ImportPlan:
    """The dry run: what importing ``table`` with ``mapping`` would add and change.

    Rows are matched to ``existing`` employees by staff number when both have
    one, else by name (case-insensitive) when exactly one employee has that
    name; an ambiguous name is a problem, never a guess. A row with any problem
    is skipped as a whole. A changed working time becomes a regime change from
    ``effective`` (default: today). Raises ImportProblem when no name column is
    mapped.
    """
    if problem := mapping_problem(mapping):
        raise ImportProblem(problem)
    effective = effective or date.today()
    for name, column in mapping.items():
        if name not in FIELD_LABELS or not 0 <= column < len(table.headers):
            raise ValueError(f"ongeldige kolomtoewijzing: {name} → {column}")
    columns = list(mapping.items())
    fraction_hint = "hours_per_week" in mapping and any(
        w in table.headers[mapping["hours_per_week"]].casefold() for w in FRACTION_WORDS)

    by_number: dict[str, list[Employee]] = defaultdict(list)
    by_name: dict[str, list[Employee]] = defaultdict(list)
    for employee in existing:
        if employee.staff_number.strip():
            by_number[_number_key(employee.staff_number)].append(employee)
        by_name[employee.name.casefold()].append(employee)

    plan = ImportPlan(effective)
    matched_rows: dict[int, int] = {}  # employee id → row that matched it
    new_numbers: dict[str, int] = {}
    new_names: dict[str, list[int]] = defaultdict(list)
    without_statute = 0
    for cells, row in zip(table.rows, table.row_numbers):
        values, errors = _read_row(cells, columns, fraction_hint, effective)
        name = str(values["name"])
        if errors:
            plan.problems.append(RowProblem(row, " ".join(errors), name))
            continue
        number = _number_key(str(values.get("staff_number", "")))
        match: Employee | None = None
        if number and len(by_number.get(number, ())) == 1:
            match = by_number[number][0]
        elif number and len(by_number.get(number, ())) > 1:
            plan.problems.append(RowProblem(row, f"Personeelsnummer {values['staff_number']} komt meer dan "
                                                 "eens voor in het dossier; pas het daar eerst aan.", name))
            continue
        else:
            same_name = by_name.get(name.casefold(), [])
            candidates = [e for e in same_name if not (number and e.staff_number.strip())]
            if len(same_name) > 1 and candidates:
                plan.problems.append(RowProblem(
                    row, f"Er zijn {len(same_name)} medewerkers met deze naam in het dossier; het "
                    "programma gokt niet welke bedoeld is. Vul het personeelsnummer in het bestand en in "
                    "het dossier in.", name))
                continue
            match = candidates[0] if candidates else None
        if match is not None:
            if match.id in matched_rows:
                plan.problems.append(RowProblem(
                    row, f"Deze rij en rij {matched_rows[match.id]} passen allebei bij {match.name} in het "
                    "dossier; deze rij wordt overgeslagen. Gaat het om twee mensen, vul dan in het dossier "
                    "het personeelsnummer in.", name))
                continue
            matched_rows[match.id] = row
            differences = _differences(match, values, effective)
            if differences:
                plan.changes.append(PlannedChange(row, match.id, match.name, differences))
            else:
                plan.unchanged += 1
            continue
        if number:
            if number in new_numbers:
                plan.problems.append(RowProblem(
                    row, f"Personeelsnummer {values['staff_number']} staat ook al op rij "
                    f"{new_numbers[number]}; deze rij wordt overgeslagen.", name))
                continue
            new_numbers[number] = row
        else:
            new_names[name.casefold()].append(row)
        if "statute" not in values:
            without_statute += 1
        plan.additions.append(PlannedAddition(row, values))

    plan.untouched = len(existing) - len(matched_rows)
    _add_notes(plan, new_names, without_statute)
    return plan


def _add_notes(plan: ImportPlan, new_names: dict[str, list[int]], without_statute: int) -> None:
    if plan.untouched:
        plan.notes.append(
            f"{plan.untouched} medewerker(s) uit het dossier staan niet in het bestand; zij blijven "
            "ongewijzigd. Een import verwijdert nooit iets.")
    plan.notes.append("Lege cellen wissen niets: de bestaande gegevens blijven dan behouden.")
    if without_statute:
        plan.notes.append(
            f"{without_statute} nieuwe medewerker(s) zonder statuut worden als bediende bewaard. "
            "Controleer het statuut: het gewaarborgd loon verschilt voor arbeiders en bedienden.")
    if any("hours_per_week" in c.differences for c in plan.changes):
        plan.notes.append(
            f"Gewijzigde arbeidsregimes gelden vanaf {format_date(plan.effective)}; het vroegere "
            "regime blijft in de geschiedenis.")
    for rows in new_names.values():
        if len(rows) > 1:
            plan.notes.append(
                "Rijen " + ", ".join(str(r) for r in rows) + " hebben dezelfde naam zonder "
                "personeelsnummer: ze worden als aparte medewerkers toegevoegd.")
