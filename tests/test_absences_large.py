"""`Afwezigheden`: the Herval? column and its sort, on a small dossier with every kind of case
and on one with thousands of absences.

A new absence is a possible relapse when it starts within 14 days (8 weeks since 2026) after
the end of the same person's previous incapacity, unless it is a work accident or an
occupational disease; an absence registered as a relapse is flagged too. The list finds the
previous absences and the windows in one pass per person; these tests compare what the page
shows with the check made against each person's own absences.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Channel, IncapacityKind
from kmo_reintegratie.legal import is_possible_relapse
from kmo_reintegratie.sample_data import write_large_dossier
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.absence_model import (
    Column,
    Period,
    previous_entries,
    relapse_check,
    within_relapse_window,
)
from kmo_reintegratie.ui.pages.absences_page import AbsencesPage

TODAY = date(2026, 6, 15)
D = date


@pytest.fixture
def cases(tmp_path: Path) -> Iterator[tuple[Dossier, dict[str, int]]]:
    """One person per case; returns the dossier and the id of each case's second absence."""
    dossier = Dossier.create(tmp_path / "herval.kmo")
    absences, ids = dossier.absences, {}

    def person(name: str) -> int:
        return dossier.employees.add(name, department="Zorg").id

    anna = person("Anna Herval")  # back at work for a week: a relapse (14 days before 2026)
    absences.add(anna, D(2025, 3, 3), returned_on=D(2025, 3, 17))
    ids["anna"] = absences.add(anna, D(2025, 3, 24), returned_on=D(2025, 4, 7)).id
    bart = person("Bart Later")  # 15 days: a new incapacity
    absences.add(bart, D(2025, 5, 1), returned_on=D(2025, 5, 12))
    ids["bart"] = absences.add(bart, D(2025, 5, 27), returned_on=D(2025, 6, 10)).id
    carla = person("Carla Acht")  # since 2026 the window is 8 weeks; still absent today
    absences.add(carla, D(2026, 1, 5), returned_on=D(2026, 2, 2))
    ids["carla"] = absences.add(carla, D(2026, 3, 16)).id
    dirk = person("Dirk Attest")  # certificate up to Friday, back on Monday: the window starts on Saturday
    first = absences.add(dirk, D(2025, 6, 2), returned_on=D(2025, 6, 9))
    absences.add_certificate(first.id, D(2025, 6, 2), D(2025, 6, 6))
    ids["dirk"] = absences.add(dirk, D(2025, 6, 21), returned_on=D(2025, 6, 30)).id
    els = person("Els Ongeval")  # a work accident is never a relapse
    absences.add(els, D(2025, 9, 1), returned_on=D(2025, 9, 15))
    ids["els"] = absences.add(els, D(2025, 9, 20), kind=IncapacityKind.ARBEIDSONGEVAL,
                              returned_on=D(2025, 10, 1)).id
    frank = person("Frank Geregistreerd")  # months later, but registered as a relapse
    earlier = absences.add(frank, D(2024, 1, 8), returned_on=D(2024, 2, 5))
    ids["frank"] = absences.add(frank, D(2024, 9, 2), returned_on=D(2024, 9, 16), relapse_of=earlier.id).id
    greet = person("Greet Eenmaal")
    ids["greet"] = absences.add(greet, D(2025, 1, 6), returned_on=D(2025, 1, 20)).id
    yield dossier, ids
    dossier.close()


def open_page(qtbot: QtBot, dossier: Dossier, period: Period) -> AbsencesPage:
    page = AbsencesPage(dossier, DossierEvents(), lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1024, 700)
    page.show()
    page.period.setCurrentIndex(page.period.findData(period.value))
    return page


def relapse_texts(page: AbsencesPage) -> dict[int, str]:
    model = page.model
    return {model.index(row, 0).data(Qt.ItemDataRole.UserRole + 1).id: model.index(row, Column.RELAPSE).data()
            for row in range(model.rowCount())}


def test_the_relapse_column_flags_each_case(qtbot: QtBot, cases: tuple[Dossier, dict[str, int]]) -> None:
    dossier, ids = cases
    page = open_page(qtbot, dossier, Period.ALL)
    texts = relapse_texts(page)
    flagged = {name for name, absence_id in ids.items() if texts[absence_id]}
    assert flagged == {"anna", "carla", "frank"}
    assert all(texts[ids[name]].startswith("mogelijk herval") for name in flagged)
    page.select_absence(ids["dirk"])  # no warning above the detail either
    assert page.relapse_label.isHidden()
    page.select_absence(ids["anna"])
    assert page.relapse_label.isVisible() and "binnen 14 dagen" in page.relapse_label.text()


def test_sorting_on_herval_puts_the_possible_relapses_first_by_start(
        qtbot: QtBot, cases: tuple[Dossier, dict[str, int]]) -> None:
    dossier, ids = cases
    page = open_page(qtbot, dossier, Period.ALL)
    page.table.sortByColumn(Column.RELAPSE, Qt.SortOrder.AscendingOrder)
    order = [a.id for a in page.visible_absences()]
    assert order[:3] == [ids["frank"], ids["anna"], ids["carla"]]  # by start date
    assert not any(relapse_texts(page)[absence_id] for absence_id in order[3:])
    page.table.sortByColumn(Column.RELAPSE, Qt.SortOrder.DescendingOrder)
    assert [a.id for a in page.visible_absences()][-3:] == [ids["carla"], ids["anna"], ids["frank"]]


def test_the_running_list_compares_with_an_absence_that_ended(
        qtbot: QtBot, cases: tuple[Dossier, dict[str, int]]) -> None:
    dossier, ids = cases
    page = open_page(qtbot, dossier, Period.RUNNING)
    assert [a.id for a in page.visible_absences()] == [ids["carla"]]  # the ended one is not listed
    assert relapse_texts(page)[ids["carla"]].startswith("mogelijk herval")
    page.table.sortByColumn(Column.RELAPSE, Qt.SortOrder.DescendingOrder)
    assert [a.id for a in page.visible_absences()] == [ids["carla"]]


@pytest.fixture
def many(tmp_path: Path) -> Iterator[Dossier]:
    """300 people with 6,000 absences over three years up to mid-2026, some with a
    certificate that ends before the return, some registered as relapses."""
    path = write_large_dossier(tmp_path / "veel.kmo", employees=300, spells=6000, years=3, end=TODAY, seed=7)
    dossier = Dossier.open(path)
    rng = random.Random(18)
    rows = dossier.query("SELECT id, employee_id, starts, returned_on FROM absence ORDER BY id")
    ended = [r for r in rows if r["returned_on"] and
             date.fromisoformat(r["returned_on"]) - date.fromisoformat(r["starts"]) > timedelta(days=4)]
    for row in rng.sample(ended, 150):
        starts, returned = date.fromisoformat(row["starts"]), date.fromisoformat(row["returned_on"])
        dossier.absences.add_certificate(row["id"], starts, returned - timedelta(days=rng.randint(1, 4)))
    for row in rng.sample(ended, 40):
        earlier = dossier.execute("SELECT id FROM absence WHERE employee_id = ? AND returned_on <= ? LIMIT 1",
                                  (row["employee_id"], row["starts"])).fetchone()
        if earlier:
            dossier.absences.update(row["id"], relapse_of=earlier[0])
    yield dossier
    dossier.close()


def test_thousands_of_absences_flag_and_sort_as_each_persons_own_check(qtbot: QtBot, many: Dossier) -> None:
    expected: set[int] = set()
    for (employee_id,) in many.execute("SELECT id FROM employee").fetchall():
        own = many.absences.of_employee(employee_id)
        for absence in own:
            check = relapse_check(absence, own)
            if absence.relapse_of is not None or (check is not None and check.possible):
                expected.add(absence.id)
    assert 100 < len(expected) < 5900  # the case is not trivial either way
    page = open_page(qtbot, many, Period.ALL)
    page.table.sortByColumn(Column.RELAPSE, Qt.SortOrder.AscendingOrder)
    order = [a.id for a in page.visible_absences()]
    assert len(order) == 6000
    assert set(order[:len(expected)]) == expected
    model = page.model
    shown = [model.index(row, Column.RELAPSE).data() for row in range(model.rowCount())]
    assert shown[0].startswith("mogelijk herval") and all(shown[:min(len(shown), len(expected))])
    # The rows further down (fetched as the view scrolls) agree too.
    assert {row.summary.id for row in model.matching_rows() if row.possible_relapse} == expected


def test_previous_entries_agree_with_the_check_against_all_absences() -> None:
    """Also for people with overlapping or unfinished absences (imported data, older files)."""
    rng = random.Random(5)
    for _round in range(200):
        absences = []
        for absence_id in range(1, rng.randint(1, 12)):
            starts = D(2025, 1, 1) + timedelta(days=rng.randint(0, 120))
            returned = None if rng.random() < 0.15 else starts + timedelta(days=rng.randint(1, 30))
            absences.append((absence_id, rng.choice((1, 2)), starts, returned))
        ids = [a[0] for a in absences]
        employees = [a[1] for a in absences]
        starts = [a[2].isoformat() for a in absences]
        returns = [a[3].isoformat() if a[3] else None for a in absences]
        previous = [-2] * len(absences)
        by_start = sorted(range(len(absences)), key=starts.__getitem__)
        previous_entries(by_start, employees, starts, returns, previous)
        for entry, (absence_id, employee_id, begins, _returned) in enumerate(absences):
            # The pairwise rule, over the person's absences in the order of their start.
            own = sorted((a for a in absences if a[1] == employee_id), key=lambda a: (a[2], a[0]))
            earlier = [a for a in own if a[0] != absence_id and a[3] is not None and a[3] <= begins]
            best = max(earlier, key=lambda a: a[3], default=None)
            assert previous[entry] == (ids.index(best[0]) if best else -1)


def test_the_sort_key_rule_is_the_relapse_rule() -> None:
    for previous_return in (D(2025, 3, 10), D(2025, 12, 15), D(2026, 2, 2)):
        for end_before in (None, 1, 3, 10):
            previous_end = previous_return - timedelta(days=end_before) if end_before else None
            for days in range(0, 70):
                starts = previous_return + timedelta(days=days)
                assert within_relapse_window(previous_return, starts, previous_end) == is_possible_relapse(
                    previous_return, starts, previous_end=previous_end).possible


def test_a_long_contact_log_is_shown_whole_newest_first(qtbot: QtBot, dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        person = dossier.employees.add("Hilde Veelcontact")
        absence = dossier.absences.add(person.id, D(2025, 1, 6))
        for day in range(150):
            dossier.absences.add_contact(absence.id, datetime(2025, 1, 6, 9) + timedelta(days=day),
                                         made_by="Leidinggevende", channel=Channel.TELEFOON,
                                         summary=f"Gesprek {day + 1}")
        page = open_page(qtbot, dossier, Period.RUNNING)
        assert page.select_absence(absence.id)
        log = page.contact.contacts
        assert log.model().rowCount() == 150
        assert log.model().index(0, 4).data() == "Gesprek 150"
        assert log.model().index(149, 4).data() == "Gesprek 1"
        # The date column fits its text (fitted to the first rows, all of the same shape).
        first = log.model().index(0, 0).data()
        assert log.columnWidth(0) >= log.fontMetrics().horizontalAdvance(first)
