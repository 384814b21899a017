"""`Trajecten` on a dossier with hundreds of trajectories, driven through its real widgets.

The list reads the closed trajectories without their plans and builds the Plan, Verslag and
Opvolging tabs only when they are first opened: these tests check that nothing a user sees
changes by that.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import PlanVersion, TrajectoryKind
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE
from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage

TODAY = date(2026, 5, 4)
CLOSED = 220
RUNNING = 40  # even: half with a delivered plan, half still without a plan
SURNAMES = ("Peeters", "de Smet", "Van Damme", "Claes", "ünal", "Maes", "el Amrani", "Wouters")
NAME, KIND, NEXT_STEP, STATUS = range(4)


@dataclass(frozen=True)
class Many:
    path: Path
    names: dict[int, str]  # trajectory id -> the employee's name
    closed: tuple[int, ...]
    waiting_for_answer: tuple[int, ...]  # running, plan delivered on 28-04-2026
    without_plan: tuple[int, ...]  # running, decision A, no plan yet


def _write(path: Path) -> Many:
    names: dict[int, str] = {}
    closed, answer, no_plan = [], [], []
    with Dossier.open(path) as dossier, dossier.writing():
        store = dossier.trajectories
        for number in range(CLOSED + RUNNING):
            name = f"{SURNAMES[number % len(SURNAMES)]} {number:03d}"
            employee = dossier.employees.add(name, hours_per_week=38, regime_from=date(2020, 1, 1))
            running = number >= CLOSED
            asked = date(2026, 2, 2) if running else date(2022, 1, 3) + timedelta(days=3 * number)
            absence = dossier.absences.add(employee.id, asked - timedelta(days=60))
            kind = TrajectoryKind.INFORMEEL if not running and number % 3 == 0 else TrajectoryKind.FORMEEL
            trajectory = store.add(employee.id, kind, Initiator.WERKNEMER, absence_id=absence.id,
                                   request_date=asked, request_received=asked + timedelta(days=1))
            if kind is TrajectoryKind.FORMEEL:
                store.update(trajectory.id, assessment_received=asked + timedelta(days=28), decision=Decision.A)
            names[trajectory.id] = name
            if running and number % 2:
                no_plan.append(trajectory.id)
                continue
            store.save_plan(PlanVersion(
                0, trajectory.id, 1, asked + timedelta(days=40), adapted_work=f"Aangepast werk voor {name}",
                valid_from=asked + timedelta(days=60), valid_until=asked + timedelta(days=150),
                delivered_on=date(2026, 4, 28) if running else asked + timedelta(days=45)))
            if running:
                answer.append(trajectory.id)
            else:
                store.update(trajectory.id, closed_on=asked + timedelta(days=160), closing_reason="Hervat")
                closed.append(trajectory.id)
    return Many(path, names, tuple(closed), tuple(answer), tuple(no_plan))


@pytest.fixture(scope="module")
def many_template(tmp_path_factory: pytest.TempPathFactory) -> Many:
    folder = tmp_path_factory.mktemp("many")
    path = folder / "veel.kmo"
    Dossier.create(path).close()
    return _write(path)


@pytest.fixture
def many(many_template: Many, tmp_path: Path) -> Many:
    """A copy for this test alone."""
    path = Path(shutil.copy(many_template.path, tmp_path / "veel.kmo"))
    return Many(path, many_template.names, many_template.closed, many_template.waiting_for_answer,
                many_template.without_plan)


@dataclass
class Opened:
    page: TrajectoriesPage
    dossier: Dossier
    events: DossierEvents


@pytest.fixture
def opened(qtbot: QtBot, many: Many) -> Iterator[Opened]:
    dossier = Dossier.open(many.path)
    events = DossierEvents()
    page = TrajectoriesPage(dossier, events, lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(1250, 850)
    page.show()
    yield Opened(page, dossier, events)
    page.close()
    dossier.close()


def rows(page: TrajectoriesPage) -> list[list[str]]:
    model = page.view.model()
    return [[model.index(row, column).data() for column in range(4)] for row in range(model.rowCount())]


def row_of(page: TrajectoriesPage) -> dict[int, list[str]]:
    model = page.view.model()
    return {model.index(row, 0).data(TARGET_ROLE)[1]: [model.index(row, c).data() for c in range(4)]
            for row in range(model.rowCount())}


def click_row(qtbot: QtBot, page: TrajectoriesPage, trajectory_id: int) -> None:
    """Scroll to the trajectory's line and click it, as a user would."""
    model = page.view.model()
    index = next(model.index(row, 0) for row in range(model.rowCount())
                 if model.index(row, 0).data(TARGET_ROLE) == ("traject", trajectory_id))
    page.view.scrollTo(index)
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center())
    assert page.trajectory is not None and page.trajectory.id == trajectory_id


def test_every_trajectory_is_listed_with_the_next_step_its_plan_gives(opened: Opened, many: Many) -> None:
    shown = row_of(opened.page)

    assert len(shown) == CLOSED + RUNNING
    assert {tid: cells[NAME] for tid, cells in shown.items()} == many.names
    for tid in many.closed:
        assert shown[tid][NEXT_STEP] == "—" and shown[tid][STATUS] == "afgesloten"
    # Only a running trajectory's plan says what comes next: the answer to a delivered plan ...
    for tid in many.waiting_for_answer:
        assert shown[tid][NEXT_STEP] == "12-05-2026 antwoord werknemer" and shown[tid][STATUS] == "lopend"
    # ... or the plan itself, due today.
    for tid in many.without_plan:
        assert shown[tid][NEXT_STEP] == "04-05-2026 plan/verslag" and shown[tid][STATUS] == "lopend"
    assert {cells[KIND] for cells in shown.values()} == {"formeel · A", "informeel"}


def test_a_closed_trajectory_far_down_the_list_shows_its_whole_plan(
    qtbot: QtBot, opened: Opened, many: Many
) -> None:
    page = opened.page
    oldest = many.closed[0]  # the last line of the list as it opens
    click_row(qtbot, page, oldest)

    name = many.names[oldest]
    assert name in page.title.text() and "afgesloten" in page.title.text()
    assert page.details.fields["closing_reason"].editor.toPlainText() == "Hervat"
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    assert editor.isVisible()
    assert editor.texts["adapted_work"].toPlainText() == f"Aangepast werk voor {name}"
    assert editor.version_combo.currentText().startswith("Versie 1 van ")


def test_sorting_on_every_column_orders_all_lines_and_keeps_the_selection(
    qtbot: QtBot, opened: Opened, many: Many
) -> None:
    page = opened.page
    chosen = many.waiting_for_answer[3]
    click_row(qtbot, page, chosen)
    everything = sorted(map(tuple, rows(page)))

    page.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
    assert [r[NAME] for r in rows(page)] == sorted(many.names.values(), key=str.casefold)
    page.view.sortByColumn(NAME, Qt.SortOrder.DescendingOrder)
    assert [r[NAME] for r in rows(page)] == sorted(many.names.values(), key=str.casefold, reverse=True)
    page.view.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
    assert [r[STATUS] for r in rows(page)] == ["afgesloten"] * CLOSED + ["lopend"] * RUNNING
    page.view.sortByColumn(KIND, Qt.SortOrder.DescendingOrder)
    assert [r[KIND] for r in rows(page)] == sorted((r[KIND] for r in rows(page)), reverse=True)
    # The next step by date: today's plans, then the answers due next week, the closed ones last.
    page.view.sortByColumn(NEXT_STEP, Qt.SortOrder.AscendingOrder)
    steps = [r[NEXT_STEP] for r in rows(page)]
    assert steps == (["04-05-2026 plan/verslag"] * (RUNNING // 2) + ["12-05-2026 antwoord werknemer"] * (RUNNING // 2)
                     + ["—"] * CLOSED)

    assert sorted(map(tuple, rows(page))) == everything  # the same lines, only in another order
    assert page.view.currentIndex().data(TARGET_ROLE) == ("traject", chosen)
    assert page.trajectory is not None and page.trajectory.id == chosen


def test_a_tab_opened_later_shows_the_trajectory_chosen_before(qtbot: QtBot, opened: Opened, many: Many) -> None:
    page = opened.page
    first, second = many.waiting_for_answer[0], many.closed[5]
    click_row(qtbot, page, first)
    click_row(qtbot, page, second)  # still on Verloop

    page.tabs.setCurrentIndex(Tab.PLAN)
    assert page.plan_editor.texts["adapted_work"].toPlainText() == f"Aangepast werk voor {many.names[second]}"
    page.tabs.setCurrentIndex(Tab.OPVOLGING)
    delivered = opened.dossier.trajectories.get(second).plans[0].delivered_on
    assert delivered is not None
    assert page.followup.plan_state.text().startswith(f"Plan versie 1 bezorgd op {format_date(delivered)};")
    page.tabs.setCurrentIndex(Tab.PLAN)
    click_row(qtbot, page, first)  # the tabs built by now follow the new choice
    assert page.plan_editor.texts["adapted_work"].toPlainText() == f"Aangepast werk voor {many.names[first]}"
    assert page.followup.plan_state.text().startswith("Plan versie 1 bezorgd op 28-04-2026;")
    page.tabs.setCurrentIndex(Tab.VERSLAG)
    assert page.report_editor.isVisible()
    assert page.report_editor.trajectory is not None and page.report_editor.trajectory.id == first


def test_a_trajectory_closed_or_added_elsewhere_updates_its_line(opened: Opened, many: Many) -> None:
    page, dossier = opened.page, opened.dossier
    running = many.without_plan[0]
    dossier.trajectories.update(running, closed_on=date(2026, 5, 1), closing_reason="Ander werk")
    opened.events.trajectories_changed.emit(running)

    assert row_of(page)[running][NEXT_STEP:] == ["—", "afgesloten"]

    employee = dossier.employees.add("Zoë Nieuw", hours_per_week=38, regime_from=date(2020, 1, 1))
    added = dossier.trajectories.add(employee.id, TrajectoryKind.INFORMEEL, Initiator.WERKGEVER,
                                     request_date=date(2026, 5, 4))
    opened.events.trajectories_changed.emit(added.id)

    shown = row_of(page)
    assert len(shown) == CLOSED + RUNNING + 1
    assert shown[added.id][NAME] == "Zoë Nieuw" and shown[added.id][STATUS] == "lopend"
