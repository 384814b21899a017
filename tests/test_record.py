"""A `record` behaves as the frozen dataclass it replaces: same equality, hashing, printing."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from kmo_reintegratie.absence import Absence, IncapacityKind
from kmo_reintegratie.record import record


@record
class Visit:
    employee_id: int
    on: date
    note: str = ""
    shown_on_screen: bool = dataclasses.field(default=False, compare=False)


@dataclasses.dataclass(frozen=True)
class PlainVisit:
    employee_id: int
    on: date
    note: str = ""
    shown_on_screen: bool = dataclasses.field(default=False, compare=False)


@record
class OtherVisit:
    employee_id: int
    on: date
    note: str = ""
    shown_on_screen: bool = False


@record(slots=True)
class Pair:
    left: int
    right: int


@record
class Nothing:
    pass


@record
class Measure:
    value: float


@dataclasses.dataclass(frozen=True)
class PlainMeasure:
    value: float


def visits(kind: type) -> list:
    return [kind(1, date(2026, 3, 2)), kind(1, date(2026, 3, 2), shown_on_screen=True),
            kind(1, date(2026, 3, 2), "gebeld"), kind(2, date(2026, 3, 2))]


def test_equal_and_hashed_as_the_frozen_dataclass_would():
    ours, plain = visits(Visit), visits(PlainVisit)
    for a, pa in zip(ours, plain):
        for b, pb in zip(ours, plain):
            assert (a == b) == (pa == pb)
            assert (a != b) == (pa != pb)
            if a == b:
                assert hash(a) == hash(b)
        assert hash(a) == hash(pa)  # the same tuple of fields is hashed
    assert len(set(ours)) == len(set(plain)) == 3  # shown_on_screen is not compared


def test_another_class_with_the_same_fields_is_not_equal():
    assert Visit(1, date(2026, 3, 2)) != OtherVisit(1, date(2026, 3, 2))
    assert Visit(1, date(2026, 3, 2)) != (1, date(2026, 3, 2), "", False)


def test_printed_as_the_dataclass_prints():
    visit = Visit(1, date(2026, 3, 2), "gebeld")
    plain = PlainVisit(1, date(2026, 3, 2), "gebeld")
    assert repr(visit) == repr(plain).replace("PlainVisit", "Visit")
    assert repr(Nothing()) == "Nothing()"


def test_frozen_and_still_a_dataclass():
    visit = Visit(1, date(2026, 3, 2))
    with pytest.raises(dataclasses.FrozenInstanceError):
        visit.note = "anders"  # type: ignore[misc]
    changed = dataclasses.replace(visit, note="anders")
    assert changed.note == "anders" and visit.note == ""
    assert dataclasses.asdict(changed)["note"] == "anders"
    assert [f.name for f in dataclasses.fields(Visit)][:2] == ["employee_id", "on"]
    assert Visit.__match_args__ == ("employee_id", "on", "note", "shown_on_screen")


def test_one_field_compares_and_hashes_as_the_dataclass():
    assert Measure(1.0) == Measure(1) and Measure(1.0) != Measure(1.5)
    assert hash(Measure(2.5)) == hash(PlainMeasure(2.5))


def test_slots_and_no_fields():
    pair = Pair(1, 2)
    assert not hasattr(pair, "__dict__")
    assert pair == Pair(1, 2) and pair != Pair(2, 1) and hash(pair) == hash(Pair(1, 2))
    assert Nothing() == Nothing() and len({Nothing(), Nothing()}) == 1


def test_the_domain_records_compare_their_fields():
    first = Absence(id=1, employee_id=3, starts=date(2026, 1, 5), kind=IncapacityKind.ZIEKTE)
    assert first == dataclasses.replace(first)
    assert first != dataclasses.replace(first, starts=date(2026, 1, 6))
    assert {first, dataclasses.replace(first)} == {first}
    assert "starts=datetime.date(2026, 1, 5)" in repr(first)
