"""Any input into a validation or parsing function: a value or a Dutch refusal, never a crash.

For what is accepted, the value is stored in a real dossier and read back unchanged.
``st.text()`` includes lone surrogates and NUL characters; ``st.binary()`` any file.
"""

from __future__ import annotations

import copy
import json
import tempfile
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kmo_reintegratie.absence import (
    Absence,
    AbsenceError,
    CertificatePeriod,
    check_absence_dates,
    check_certificate,
    check_no_overlap,
    check_not_far_ahead,
    check_partial_return,
)
from kmo_reintegratie.dates import format_date, parse_date
from kmo_reintegratie.enterprise_number import (
    EnterpriseNumberError,
    format_enterprise_number,
    parse_enterprise_number,
)
from kmo_reintegratie.instrument import InstrumentError, parse_instrument
from kmo_reintegratie.legal import Decision, Initiator, Statute
from kmo_reintegratie.organisation import (
    ORGANISATION_FIELDS,
    ROLE_FIELDS,
    Role,
    ValidationError,
    clean_field,
)
from kmo_reintegratie.privacy import find_medical_terms
from kmo_reintegratie.staff_columns import parse_cell_date, parse_hours, parse_statute
from kmo_reintegratie.staff_import import ImportProblem, RawTable, plan_import, read_table
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.text import clean_text, is_ascii_number
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Consideration,
    MotivatedReport,
    PlanVersion,
    ReportGround,
    ScheduleStep,
    Trajectory,
    TrajectoryKind,
    check_plan,
    check_report,
    check_schedule,
    check_trajectory_dates,
)

FAST = settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
STORING = settings(
    max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)

# Text a Belgian keyboard, a broken clipboard or a foreign file can produce, besides st.text().
AWKWARD = st.sampled_from(
    [
        "²",
        "³",
        "٣",
        "１２",
        "\ud800",
        "\udfff",
        "\x00",
        "😀",
        "\u200f",
        "e\u0301",
        "9" * 5000,
        " ",
        "-1",
        "1e9",
        "nan",
        "0" * 30 + "7",
    ]
)
TEXT = st.one_of(
    st.text(),
    st.lists(AWKWARD, max_size=4).map("".join),
    st.from_regex(r"[0-9 ./²-]{0,14}", fullmatch=True),
)


@pytest.fixture(scope="module")
def dossier() -> Iterator[Dossier]:
    """One dossier for the whole module: hypothesis runs each test body many times."""
    with tempfile.TemporaryDirectory() as folder:
        opened = Dossier.create(Path(folder) / "eigenschappen.kmo")
        yield opened
        opened.close()


def _storable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return "\x00" not in text


# -- text --------------------------------------------------------------------------------------


@FAST
@given(TEXT)
@example("a\ud800b")
@example("\ud83d\ude00")  # a surrogate pair as two code points: the emoji it encodes
def test_clean_text_is_always_storable_and_keeps_valid_text(value: str) -> None:
    cleaned = clean_text(value)
    assert _storable(cleaned)
    assert clean_text(cleaned) == cleaned
    if _storable(value):
        assert cleaned == value  # emoji, RTL marks, combining accents: kept as typed


def test_clean_text_examples() -> None:
    assert clean_text("Jan\ud800 Peeters\x00") == "Jan Peeters"
    assert clean_text("\ud83d\ude00") == "😀"
    assert clean_text("\u200fשלום e\u0301") == "\u200fשלום e\u0301"
    assert not is_ascii_number("²") and not is_ascii_number("٣") and is_ascii_number("0123")


# -- organisation ------------------------------------------------------------------------------


@STORING
@given(name=st.sampled_from(ORGANISATION_FIELDS), text=TEXT)
@example(name="employee_count", text="²")
@example(name="employee_count", text="9" * 5000)
@example(name="contact_first_days", text="²")
@example(name="contact_first_days", text="9" * 5000)
@example(name="name", text="Bakkerij\ud800 Janssens")
def test_every_organisation_field_gives_a_value_or_a_message(
    dossier: Dossier, name: str, text: str
) -> None:
    try:
        value = clean_field(name, text)
    except ValidationError as error:
        assert str(error).strip()
        return
    if isinstance(value, str):
        assert _storable(value)
    if name == "employee_count":
        assert value is None or 1 <= value <= 100_000  # type: ignore[operator]
    if name == "contact_first_days":
        assert value is None or 0 <= value <= 365  # type: ignore[operator]
    dossier.organisation.update(**{name: value})
    assert getattr(dossier.organisation.get(), name) == value


@STORING
@given(role=st.sampled_from(list(Role)), name=st.sampled_from(ROLE_FIELDS), text=TEXT)
def test_every_role_field_gives_a_value_or_a_message(
    dossier: Dossier, role: Role, name: str, text: str
) -> None:
    try:
        value = clean_field(name, text)
    except ValidationError as error:
        assert str(error).strip()
        return
    dossier.organisation.set_role_contact(role, **{name: str(value)})
    assert getattr(dossier.organisation.get().role(role), name) == value


def _valid_number(body: int) -> str:
    digits = f"{body:08d}"
    return digits + f"{97 - int(digits) % 97:02d}"


@STORING
@given(
    st.one_of(
        TEXT,
        st.integers(0, 19_999_999).map(_valid_number),
        st.integers(0, 19_999_999).map(
            lambda n: "BE " + format_enterprise_number(_valid_number(n))
        ),
    )
)
def test_enterprise_number_is_ten_digits_or_a_dutch_message(dossier: Dossier, text: str) -> None:
    try:
        digits = parse_enterprise_number(text)
    except EnterpriseNumberError as error:
        assert error.problem in ("empty", "characters", "length", "first_digit", "check_digits")
        assert _storable(str(error))  # shown in the window as it is
        return
    assert len(digits) == 10 and is_ascii_number(digits)
    assert parse_enterprise_number(format_enterprise_number(digits)) == digits
    dossier.organisation.update(enterprise_number=digits)
    assert dossier.organisation.get().enterprise_number == digits


# -- dates, hours, statute, cells --------------------------------------------------------------


@STORING
@given(st.one_of(TEXT, st.dates(date(1850, 1, 1), date(2150, 1, 1)).map(format_date)))
def test_parse_date_gives_a_date_or_a_message(dossier: Dossier, text: str) -> None:
    try:
        day = parse_date(text)
    except ValidationError as error:
        assert str(error).strip()
        return
    if day is None:
        return
    assert parse_date(format_date(day)) == day
    stored = dossier.employees.add("Datum", in_service_from=day)
    assert dossier.employees.get(stored.id).in_service_from == day


CELLS = st.one_of(
    TEXT,
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
)


@STORING
@given(value=CELLS, fraction_hint=st.booleans())
@example(value="4/5", fraction_hint=False)
@example(value="1/0", fraction_hint=False)
@example(value="9" * 5000 + "/" + "9" * 5000, fraction_hint=False)
def test_parse_hours_gives_hours_or_a_message(
    dossier: Dossier, value: object, fraction_hint: bool
) -> None:
    try:
        hours = parse_hours(value, fraction_hint=fraction_hint)  # type: ignore[arg-type]
    except AbsenceError as error:
        assert str(error).strip()
        return
    if hours is None:
        return
    assert 0 < hours <= 60
    stored = dossier.employees.add("Uren", hours_per_week=hours)
    assert dossier.employees.get(stored.id).regimes[0].hours_per_week == hours


@STORING
@given(CELLS)
@example("Arbeider")
@example("employé")
def test_parse_statute_gives_a_statute_or_a_message(dossier: Dossier, value: object) -> None:
    try:
        statute = parse_statute(value)  # type: ignore[arg-type]
    except AbsenceError as error:
        assert str(error).strip()
        return
    if statute is None:
        return
    assert isinstance(statute, Statute)
    stored = dossier.employees.add("Statuut", statute=statute)
    assert dossier.employees.get(stored.id).statute is statute


@FAST
@given(CELLS)
def test_parse_cell_date_gives_a_date_or_a_message(value: object) -> None:
    try:
        day = parse_cell_date(value)  # type: ignore[arg-type]
    except ValidationError as error:
        assert str(error).strip()
        return
    assert day is None or isinstance(day, date)
    if isinstance(value, str) and day is not None:
        assert date(1900, 1, 1) <= day <= date(2100, 12, 31)


@FAST
@given(
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.dates()),
    st.one_of(st.none(), st.dates()),
    st.dates(date(1900, 1, 1), date(2100, 1, 1)),
)
def test_absence_date_checks_pass_or_give_a_message(
    starts: date | None, expected_end: date | None, returned_on: date | None, today: date
) -> None:
    for check in (
        lambda: check_absence_dates(starts, expected_end, returned_on),
        lambda: check_not_far_ahead(starts, today),
    ):
        try:
            check()
        except AbsenceError as error:
            assert str(error).strip()


NUMBERS = st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True))
STEPS = st.lists(
    st.builds(ScheduleStep, st.dates(), st.one_of(st.none(), st.dates()), NUMBERS, NUMBERS, TEXT),
    max_size=5,
)
REPORTS = st.builds(
    MotivatedReport,
    st.integers(),
    st.integers(),
    st.dates(),
    st.lists(
        st.builds(
            Consideration,
            st.sampled_from([key for key, _label in REPORT_SUBJECTS]),
            st.booleans(),
            st.one_of(st.none(), st.sampled_from(list(ReportGround))),
            TEXT,
        ),
        max_size=6,
    ).map(tuple),
    TEXT,
)


@FAST
@given(steps=STEPS, regime=st.one_of(st.none(), st.floats(0, 60)), report=REPORTS)
def test_trajectory_checks_give_dutch_messages_only(
    steps: list[ScheduleStep], regime: float | None, report: MotivatedReport
) -> None:
    for problem in (*check_schedule(steps, regime), *check_report(report)):
        assert isinstance(problem, str) and problem.strip()


# Stored absences hold dates the program accepted (1900-2100); new input may be anything.
STORED_DATES = st.dates(date(1900, 1, 1), date(2100, 12, 31))
ABSENCES = st.builds(
    Absence,
    st.integers(1, 5),
    st.just(1),
    STORED_DATES,
    expected_end=st.one_of(st.none(), STORED_DATES),
    returned_on=st.one_of(st.none(), STORED_DATES),
    certificates=st.lists(
        st.builds(CertificatePeriod, st.integers(), st.integers(), STORED_DATES, STORED_DATES),
        max_size=3,
    ).map(tuple),
)


@FAST
@given(
    absences=st.lists(ABSENCES, max_size=4),
    starts=st.dates(),
    ends=st.dates(),
    returned_on=st.one_of(st.none(), st.dates()),
)
@example(absences=[], starts=date(2000, 1, 1), ends=date.max, returned_on=date.min)
def test_absence_checks_pass_or_give_a_message(
    absences: list[Absence], starts: date, ends: date, returned_on: date | None
) -> None:
    checks = [lambda: check_no_overlap(absences, starts, returned_on, ignore_id=1)]
    for absence in absences:
        checks += [
            lambda a=absence: check_partial_return(a, starts),
            lambda a=absence: check_certificate(a, starts, ends),
        ]
    for check in checks:
        try:
            check()
        except AbsenceError as error:
            assert str(error).strip()


TRAJECTORIES = st.builds(
    Trajectory,
    st.integers(),
    st.integers(),
    st.one_of(st.none(), st.integers()),
    st.sampled_from(list(TrajectoryKind)),
    st.sampled_from(list(Initiator)),
    request_date=st.one_of(st.none(), st.dates()),
    request_received=st.one_of(st.none(), st.dates()),
    assessment_received=st.one_of(st.none(), st.dates()),
    decision=st.one_of(st.none(), st.sampled_from(list(Decision))),
    appeal_lodged_on=st.one_of(st.none(), st.dates()),
)
PLANS = st.builds(
    PlanVersion,
    st.integers(),
    st.integers(),
    st.integers(1, 9),
    st.dates(),
    adapted_work=TEXT,
    valid_from=st.one_of(st.none(), st.dates()),
    valid_until=st.one_of(st.none(), st.dates()),
    schedule=STEPS.map(tuple),
)


@FAST
@given(trajectory=TRAJECTORIES, plan=PLANS, regime=st.one_of(st.none(), st.floats(0, 60)))
def test_trajectory_and_plan_checks_give_dutch_messages_only(
    trajectory: Trajectory, plan: PlanVersion, regime: float | None
) -> None:
    for problem in (*check_trajectory_dates(trajectory), *check_plan(plan, regime)):
        assert isinstance(problem, str) and problem.strip()


# -- privacy guard -----------------------------------------------------------------------------


@FAST
@given(
    st.one_of(
        TEXT,
        st.lists(
            st.sampled_from(
                [
                    "migraine",
                    "Depressie",
                    "burn-out",
                    "ziek",
                    " ",
                    "\ud800",
                    "é",
                    "kan niet tillen",
                    "\n",
                ]
            ),
            max_size=12,
        ).map("".join),
    )
)
def test_medical_text_check_never_fails_and_points_at_the_words(text: str) -> None:
    matches = find_medical_terms(text)
    previous_end = 0
    for match in matches:
        assert text[match.start : match.end] == match.word
        assert match.start >= previous_end
        previous_end = match.end


# -- the checklist content -------------------------------------------------------------------

INSTRUMENT = json.loads(
    (
        Path(__file__).resolve().parents[1] / "resources" / "instrument" / "instrument.json"
    ).read_text(encoding="utf-8")
)
JSON_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 3),
    st.floats(),
    TEXT,
    st.just([]),
    st.just({}),
    st.just([None]),
    st.just({"type": "x"}),
)


@FAST
@given(st.data())
def test_damaged_instrument_content_gives_an_instrument_error(data: st.DataObject) -> None:
    damaged = copy.deepcopy(INSTRUMENT)
    parent, key, current = None, None, damaged
    for _ in range(data.draw(st.integers(1, 12))):  # walk to a random element ...
        if not isinstance(current, (dict, list)) or not current:
            break
        keys = sorted(current) if isinstance(current, dict) else list(range(len(current)))
        key = data.draw(st.sampled_from(keys))
        parent, current = current, current[key]
    if parent is None:
        return
    if data.draw(st.booleans()):  # ... and replace or delete it
        parent[key] = data.draw(JSON_VALUES)  # type: ignore[index]
    else:
        del parent[key]  # type: ignore[arg-type]
    try:
        parse_instrument(damaged)
    except InstrumentError as error:
        assert str(error).strip()


# -- the staff list reader ---------------------------------------------------------------------

ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"])
CSV_TEXT = st.lists(
    st.lists(st.text(max_size=12), min_size=1, max_size=5), min_size=1, max_size=8
).map(lambda rows: "\n".join(";".join(row) for row in [["Naam", "Functie"], *rows]))


def _read_bytes(data: bytes, suffix: str) -> RawTable | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"lijst{suffix}"
        path.write_bytes(data)
        try:
            return read_table(path)
        except ImportProblem as error:
            assert str(error).strip()
            return None


@FAST
@given(st.binary(max_size=2000))
@example(b"\xff\xfeN\x00a\x00a")  # UTF-16 with an odd number of bytes
@example(b"\xfe\xff\x00N\xd8\x00")  # UTF-16 with half a surrogate pair
@example(b"PK\x03\x04" + bytes(100))
@example(b'"' + b"x" * 200_000 + b'";y\n')
def test_any_bytes_as_csv_or_xlsx_give_a_table_or_a_dutch_message(data: bytes) -> None:
    for suffix in (".csv", ".xlsx"):
        table = _read_bytes(data, suffix)
        if table is not None:
            assert all(len(row) == len(table.headers) for row in table.rows)


@STORING
@given(text=CSV_TEXT, encoding=ENCODINGS)
def test_a_table_that_is_read_is_stored_as_read(dossier: Dossier, text: str, encoding: str) -> None:
    table = _read_bytes(text.encode(encoding, errors="replace"), ".csv")
    if table is None:
        return
    before = {e.id for e in dossier.employees.list()}
    plan = plan_import(table, {"name": 0}, [], effective=date(2026, 3, 2))
    additions, _changes = plan.apply_arguments()
    for fields in additions:
        assert _storable(str(fields["name"]))
    dossier.employees.apply_import(additions, [], effective=plan.effective)
    added = sorted((e for e in dossier.employees.list() if e.id not in before), key=lambda e: e.id)
    assert [e.name for e in added] == [str(fields["name"]) for fields in additions]


def test_utf16_with_an_odd_number_of_bytes_is_a_dutch_message(tmp_path: Path) -> None:
    path = tmp_path / "personeel.csv"
    path.write_bytes("Naam;Functie\nJan;Kok\n".encode("utf-16") + b"\x00")
    with pytest.raises(ImportProblem, match="geen geldige tekst in UTF-16"):
        read_table(path)


def test_reading_datetime_cells_keeps_them(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active.append(["Naam", "In dienst"])
    workbook.active.append(["Els", datetime(2020, 1, 2)])
    workbook.save(tmp_path / "l.xlsx")
    table = read_table(tmp_path / "l.xlsx")
    assert parse_cell_date(table.rows[0][1]) == date(2020, 1, 2)
