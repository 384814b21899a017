"""`Actieplan` with many actions, and its privacy warnings once the dossier's names are kept.

The names of everyone in a dossier are read once and kept until the dossier changes
(``store.people_names.dossier_names``); the action plan reads them right after its first
paint. These tests check what a user notices: a person added later is still warned about,
and a round with hundreds of actions is listed whole, sorted, searchable and readable.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.action_model import Column
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage

TODAY = date(2026, 12, 20)
NEWCOMER = "Jozefien Van Orshoven"
ABOUT_NEWCOMER = "Terugkeergesprek met Jozefien voorbereiden"
ABOUT_LOTTE = "Met Lotte De Wilde haar terugkeer bespreken"
MANY = 600
LONG_TEXT = " ".join(["Werkpost aanpassen en de afspraken met de ploeg opvolgen."] * 6)


@pytest.fixture
def dossier(demo_path: Path) -> Iterator[Dossier]:
    opened = Dossier.open(demo_path)
    yield opened
    opened.close()


def open_page(qtbot: QtBot, dossier: Dossier, events: DossierEvents | None = None,
              size: tuple[int, int] = (1100, 600)) -> ActionPlanPage:
    page = ActionPlanPage(dossier, events or DossierEvents(), load_instrument(), lambda: TODAY)
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    qtbot.waitExposed(page)
    return page


def latest_round(dossier: Dossier) -> int:
    latest = dossier.assessments.latest_round()
    assert latest is not None
    return latest.id


def what_cell(page: ActionPlanPage, what: str) -> QModelIndex:
    row = next(r for r, a in enumerate(page.visible_actions()) if a.what == what)
    return page.proxy.index(row, Column.WHAT)


def tooltip(index: QModelIndex) -> str:
    return str(index.data(Qt.ItemDataRole.ToolTipRole))


def names_warning(index: QModelIndex) -> bool:
    """The cell shows the warning icon, and its tooltip says it names a person."""
    return (index.data(Qt.ItemDataRole.DecorationRole) is not None
            and "de naam van een persoon" in tooltip(index))


# -- names for the committee ------------------------------------------------------------


def page_about_lotte_and_the_newcomer(qtbot: QtBot, dossier: Dossier,
                                      events: DossierEvents) -> ActionPlanPage:
    """Actions naming Lotte (staff) and Jozefien (not yet), with the names read."""
    round_id = latest_round(dossier)
    for what in (ABOUT_LOTTE, ABOUT_NEWCOMER):
        dossier.assessments.add_action(round_id, "c3.s3.1", what, due=date(2027, 1, 15))
    page = open_page(qtbot, dossier, events)
    # The names are read right after the table is painted; then Lotte's name warns.
    qtbot.waitUntil(lambda: names_warning(what_cell(page, ABOUT_LOTTE)))
    return page


def test_a_person_added_later_is_still_warned_about_in_the_table(
    qtbot: QtBot, dossier: Dossier
) -> None:
    events = DossierEvents()
    page = page_about_lotte_and_the_newcomer(qtbot, dossier, events)
    assert "“Lotte De Wilde” is de naam van een persoon" in tooltip(what_cell(page, ABOUT_LOTTE))
    assert not names_warning(what_cell(page, ABOUT_NEWCOMER))  # nobody called Jozefien yet

    # Medewerkers adds her (through the store, as its dialog does) and says so.
    dossier.employees.add(NEWCOMER)
    events.employees_changed.emit()
    qtbot.waitUntil(lambda: names_warning(what_cell(page, ABOUT_NEWCOMER)))
    assert "“Jozefien” is de naam van een persoon" in tooltip(what_cell(page, ABOUT_NEWCOMER))
    assert names_warning(what_cell(page, ABOUT_LOTTE))  # the others' warnings stay


def test_a_person_added_later_is_warned_about_while_an_action_is_edited(
    qtbot: QtBot, dossier: Dossier
) -> None:
    dossier.assessments.add_action(latest_round(dossier), "c3.s3.1", ABOUT_LOTTE)
    page = open_page(qtbot, dossier)
    qtbot.waitUntil(lambda: names_warning(what_cell(page, ABOUT_LOTTE)))  # the names are read
    dossier.employees.add(NEWCOMER)  # no page told: the dossier itself has changed

    first = page.proxy.index(0, Column.WHAT)
    page.view.setFocus()
    page.view.setCurrentIndex(first)
    page.view.edit(first)
    editor = next(e for e in page.view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.setText("Afspraken met Jozefien Van Orshoven opvolgen")
    qtbot.waitUntil(lambda: "fff3cd" in editor.styleSheet())  # the editor turns amber
    assert "“Jozefien Van Orshoven” is de naam van een persoon" in editor.toolTip()
    assert page.view.state() == QAbstractItemView.State.EditingState


def test_typing_in_an_open_editor_survives_the_warnings_being_redone(
    qtbot: QtBot, dossier: Dossier
) -> None:
    events = DossierEvents()
    page = page_about_lotte_and_the_newcomer(qtbot, dossier, events)
    index = what_cell(page, ABOUT_LOTTE).siblingAtColumn(Column.REMARKS)
    page.view.setFocus()
    page.view.setCurrentIndex(index)
    page.view.edit(index)
    editor = next(e for e in page.view.viewport().findChildren(QLineEdit) if e.isVisible())
    qtbot.keyClicks(editor, "Nog af te spreken")

    # Meanwhile someone is added elsewhere: every warning of the table is redone.
    dossier.employees.add(NEWCOMER)
    events.employees_changed.emit()
    qtbot.waitUntil(lambda: names_warning(what_cell(page, ABOUT_NEWCOMER)))
    assert page.view.state() == QAbstractItemView.State.EditingState
    assert editor.text() == "Nog af te spreken"  # not the stored (empty) remark again


# -- a round with many actions ----------------------------------------------------------


@pytest.fixture
def crowded(demo_path: Path) -> Iterator[Dossier]:
    """The demo's latest round with MANY more actions, one with a long text among them."""
    opened = Dossier.open(demo_path)
    round_id = latest_round(opened)
    sections = [s.id for checklist in load_instrument().checklists for s in checklist.sections]
    with opened.writing():  # one transaction
        for number in range(MANY):
            opened.assessments.add_action(
                round_id, sections[number % len(sections)], f"Actie {number:03d}",
                who="Directie" if number % 2 else "Preventieadviseur",
                due=date(2027, 1, 1) + timedelta(days=number),
                remarks=LONG_TEXT if number == MANY - 1 else "")
    yield opened
    opened.close()


def test_every_action_of_a_crowded_round_is_listed_in_deadline_order(
    qtbot: QtBot, crowded: Dossier
) -> None:
    page = open_page(qtbot, crowded)
    stored = crowded.assessments.actions(latest_round(crowded))
    assert len(stored) == MANY + 5
    shown = page.visible_actions()
    assert {a.id for a in shown} == {a.id for a in stored}
    assert [a.due for a in shown] == sorted(a.due for a in stored)
    assert page.count_label.text() == f"{MANY + 5} acties"

    qtbot.keyClicks(page.search, f"actie {MANY - 1}")
    assert [a.what for a in page.visible_actions()] == [f"Actie {MANY - 1}"]
    assert page.count_label.text() == f"1 van {MANY + 5} acties"
    page.search.clear()
    assert len(page.visible_actions()) == MANY + 5


def test_a_header_click_sorts_a_crowded_round_on_status_then_deadline(
    qtbot: QtBot, crowded: Dossier
) -> None:
    page = open_page(qtbot, crowded)
    page.view.sortByColumn(Column.WHO, Qt.SortOrder.AscendingOrder)
    shown = page.visible_actions()
    assert [a.who.casefold() for a in shown] == sorted(a.who.casefold() for a in shown)
    directie = [a.due for a in shown if a.who == "Directie"]
    assert directie == sorted(directie)  # equal "Wie": by deadline
    page.view.sortByColumn(Column.DUE, Qt.SortOrder.DescendingOrder)
    assert page.visible_actions()[0].what == f"Actie {MANY - 1:03d}"


def test_the_last_action_of_a_crowded_round_is_shown_whole(qtbot: QtBot, crowded: Dossier) -> None:
    page = open_page(qtbot, crowded, size=(1024, 700))
    last = page.visible_actions()[-1]
    assert last.remarks == LONG_TEXT
    assert page.select_action(last.id)
    index = page.proxy.index(page.proxy.rowCount() - 1, Column.REMARKS)

    def shown_whole() -> bool:
        # Scrolled to and not cut off at the bottom, as high as its wrapped text needs.
        return (page.view.viewport().rect().contains(page.view.visualRect(index))
                and page.view.rowHeight(index.row()) >= page.view.sizeHintForRow(index.row()))

    qtbot.waitUntil(shown_whole)
    assert page.view.rowHeight(index.row()) > 3 * page.view.fontMetrics().height()  # wrapped
