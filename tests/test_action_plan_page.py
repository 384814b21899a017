"""`Actieplan` driven through its real widgets on the demo dossier."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QLabel, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.assessment import ActionStatus
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.action_model import Column
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage, StatusFilter

# Deadlines of the demo's current round ("Zelfevaluatie 2026"), by section.
DEMO_DUE = {
    "c2.s2.1": date(2026, 3, 1),
    "c3.s1.2": date(2026, 6, 30),
    "c4.s2": date(2026, 11, 30),
    "c3.s3.1": date(2026, 12, 15),
    "c1.s1.4": date(2027, 2, 28),
}
RED = QColor("#f8d7da")
YELLOW = QColor("#fff3cd")


@dataclass
class Opened:
    page: ActionPlanPage
    dossier: Dossier
    events: DossierEvents
    closed: bool = False

    def close(self) -> None:
        if not self.closed:
            self.page.close()
            self.dossier.close()
            self.closed = True


@pytest.fixture
def open_page(qtbot: QtBot) -> Iterator[Callable[..., Opened]]:
    opened: list[Opened] = []

    def open_(path: Path, today: date = date(2026, 12, 20), *, read_only: bool = False) -> Opened:
        dossier = Dossier.open(path, read_only=read_only)
        events = DossierEvents()
        page = ActionPlanPage(dossier, events, load_instrument(), lambda: today)
        qtbot.addWidget(page)
        page.resize(1100, 600)
        with qtbot.waitActive(page):  # keyboard shortcuts need the active window
            page.show()
            page.activateWindow()
        result = Opened(page, dossier, events)
        opened.append(result)
        return result

    yield open_
    for item in opened:
        item.close()


def sections(page: ActionPlanPage) -> list[str]:
    return [a.section_id for a in page.visible_actions()]


def cell(page: ActionPlanPage, section_id: str, column: int) -> QModelIndex:
    row = sections(page).index(section_id)
    return page.proxy.index(row, column)


def click_cell(qtbot: QtBot, page: ActionPlanPage, index: QModelIndex) -> None:
    qtbot.mouseClick(
        page.view.viewport(), Qt.MouseButton.LeftButton, pos=page.view.visualRect(index).center()
    )


def round_id(dossier: Dossier) -> int:
    latest = dossier.assessments.latest_round()
    assert latest is not None
    return latest.id


def test_sorted_by_deadline_and_header_click_reverses(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    page = open_page(demo_path).page
    assert "Zelfevaluatie 2026" in page.heading.text()
    dues = [a.due for a in page.visible_actions()]
    assert dues == sorted(DEMO_DUE.values())
    shown = [page.proxy.index(r, Column.DUE).data() for r in range(page.proxy.rowCount())]
    assert shown[0].startswith("01-03-2026")

    header = page.view.horizontalHeader()
    x = header.sectionViewportPosition(Column.DUE) + header.sectionSize(Column.DUE) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )
    assert [a.due for a in page.visible_actions()] == sorted(DEMO_DUE.values(), reverse=True)
    assert page.proxy.index(0, Column.DUE).data() == "28-02-2027"


@pytest.mark.parametrize(
    ("today", "late", "soon"),
    [
        (date(2026, 12, 20), {"c2.s2.1", "c3.s1.2", "c4.s2", "c3.s3.1"}, set()),
        (date(2026, 12, 5), {"c2.s2.1", "c3.s1.2", "c4.s2"}, {"c3.s3.1"}),
        (date(2026, 11, 1), {"c2.s2.1", "c3.s1.2"}, set()),
    ],
)
def test_overdue_and_due_soon_are_marked_relative_to_today(
    demo_path: Path, open_page: Callable[..., Opened], today: date, late: set[str], soon: set[str]
) -> None:
    page = open_page(demo_path, today).page
    for section_id, due_date in DEMO_DUE.items():
        due = cell(page, section_id, Column.DUE)
        what = cell(page, section_id, Column.WHAT)
        background = what.data(Qt.ItemDataRole.BackgroundRole)
        if section_id in late:
            assert due.data().endswith("(te laat)"), section_id
            assert background.color() == RED
        elif section_id in soon:
            assert due.data().endswith("(binnenkort)"), section_id
            assert background.color() == YELLOW
        else:
            assert due.data() == due_date.strftime("%d-%m-%Y"), section_id
            assert background is None
    legend = page.findChild(QLabel, "legend")
    assert legend.isVisible()
    assert all(
        word in legend.text() for word in ("Rood", "deadline voorbij", "Geel", "binnen twee weken")
    )


def test_status_filter_search_and_urgent_only_narrow_the_rows(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    with Dossier.open(demo_path) as dossier:
        action = dossier.assessments.actions(round_id(dossier), "c3.s1.2")[0]
        dossier.assessments.update_action(action.id, status=ActionStatus.AFGEROND)
    page = open_page(demo_path).page
    assert len(sections(page)) == 5
    assert page.count_label.text() == "5 acties"

    page.status_combo.setCurrentIndex(page.status_combo.findData(StatusFilter.AFGEROND.value))
    assert sections(page) == ["c3.s1.2"]
    assert page.count_label.text() == "1 van 5 acties"
    page.status_combo.setCurrentIndex(page.status_combo.findData(StatusFilter.NOT_DONE.value))
    assert "c3.s1.2" not in sections(page) and len(sections(page)) == 4
    page.status_combo.setCurrentIndex(page.status_combo.findData(StatusFilter.ALL.value))

    qtbot.keyClicks(page.search, "SOFIE")  # who, case-insensitive
    assert sections(page) == ["c4.s2"]
    page.search.clear()
    qtbot.keyClicks(page.search, "verwelkomen")  # words of the section title
    assert sections(page) == ["c3.s3.1"]
    page.search.clear()
    qtbot.keyClicks(page.search, "sectorfonds")  # remarks
    assert sections(page) == ["c1.s1.4"]
    page.search.clear()

    qtbot.mouseClick(page.urgent_check, Qt.MouseButton.LeftButton)
    # today 20-12-2026: the finished action and the one due in 2027 drop out
    assert sections(page) == ["c2.s2.1", "c4.s2", "c3.s3.1"]


def edit_due(qtbot: QtBot, page: ActionPlanPage, section_id: str, text: str) -> None:
    index = cell(page, section_id, Column.DUE)
    if page.view.currentIndex() != index:  # a click on the current cell would start a delayed edit
        click_cell(qtbot, page, index)
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_F2)

    def open_editor() -> QLineEdit | None:
        # The previous edit's editor may still await deletion: take the visible one.
        return next((e for e in page.view.viewport().findChildren(QLineEdit) if e.isVisible()), None)

    qtbot.waitUntil(lambda: open_editor() is not None)
    editor = open_editor()
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on the next turn of the event loop.
    qtbot.waitUntil(lambda: page.view.state() != QAbstractItemView.State.EditingState)


def test_invalid_deadline_is_refused_with_a_message_and_valid_one_is_stored(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo_path)
    page, dossier = opened.page, opened.dossier
    action = dossier.assessments.actions(round_id(dossier), "c3.s3.1")[0]

    edit_due(qtbot, page, "c3.s3.1", "31-02-2026")
    assert "bestaat niet als datum" in page.message.text()
    assert page.message.isVisible() and "b00020" in page.message.styleSheet()
    assert dossier.assessments.action(action.id).due == date(2026, 12, 15)

    with qtbot.waitSignal(opened.events.assessment_changed) as changed:
        edit_due(qtbot, page, "c3.s3.1", "15-01-2027")
    assert changed.args == [round_id(dossier)]
    assert page.message.text() == ""
    assert cell(page, "c3.s3.1", Column.DUE).data() == "15-01-2027"
    assert sections(page)[-2:] == ["c3.s3.1", "c1.s1.4"]  # re-sorted by the new deadline

    opened.close()
    with Dossier.open(demo_path) as reopened:
        assert reopened.assessments.action(action.id).due == date(2027, 1, 15)


def test_double_click_and_enter_ask_for_the_section(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo_path)
    page = opened.page
    index = cell(page, "c4.s2", Column.WHAT)
    with qtbot.waitSignal(opened.events.section_requested) as requested:
        # A real double-click is press, release, then the double-click press.
        click_cell(qtbot, page, index)
        qtbot.mouseDClick(
            page.view.viewport(),
            Qt.MouseButton.LeftButton,
            pos=page.view.visualRect(index).center(),
        )
    assert requested.args == [round_id(opened.dossier), "c4.s2"]
    assert (
        page.view.viewport().findChild(QLineEdit) is None
        or not page.view.viewport().findChild(QLineEdit).isVisible()
    )  # double-click navigates, it does not start editing

    click_cell(qtbot, page, cell(page, "c1.s1.4", Column.WHO))
    page.view.setFocus()
    with qtbot.waitSignal(opened.events.section_requested) as requested:
        qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert requested.args == [round_id(opened.dossier), "c1.s1.4"]


def test_delete_asks_first_and_is_gone_after_reopening(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []
    answer = QMessageBox.StandardButton.No

    def question(
        _parent: object, title: str, text: str, *_args: object
    ) -> QMessageBox.StandardButton:
        asked.append(f"{title} {text}")
        return answer

    monkeypatch.setattr(QMessageBox, "question", question)
    opened = open_page(demo_path)
    page = opened.page
    click_cell(qtbot, page, cell(page, "c4.s2", Column.WHAT))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Actie verwijderen?") and "Jaarlijks overleg" in asked[0]
    assert "c4.s2" in sections(page)  # "Nee" keeps it

    answer = QMessageBox.StandardButton.Yes
    page.view.setFocus()
    with qtbot.waitSignal(opened.events.assessment_changed):
        qtbot.keyClick(page.view, Qt.Key.Key_Delete)
    assert len(asked) == 2
    assert "c4.s2" not in sections(page)
    assert page.undo_bar.isVisible()

    opened.close()
    with Dossier.open(demo_path) as reopened:
        assert reopened.assessments.actions(round_id(reopened), "c4.s2") == []


def test_undo_brings_a_deleted_action_back(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    opened = open_page(demo_path)
    page = opened.page
    before = page.visible_actions()
    click_cell(qtbot, page, cell(page, "c3.s3.1", Column.WHAT))
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert "c3.s3.1" not in sections(page)
    assert "Peter- of meterschap" in page.undo_label.text()

    with qtbot.waitSignal(opened.events.assessment_changed):
        qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert page.visible_actions() == before
    assert not page.undo_bar.isVisible()
    assert page.selected_action() is not None and page.selected_action().section_id == "c3.s3.1"

    opened.close()
    with Dossier.open(demo_path) as reopened:
        assert [a.what for a in reopened.assessments.actions(round_id(reopened), "c3.s3.1")] == [
            "Peter- of meterschap voor wie na meer dan drie maanden terugkeert"
        ]


def test_export_writes_the_visible_rows_in_view_order(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, open_page: Callable[..., Opened]
) -> None:
    page = open_page(demo_path).page
    qtbot.keyClicks(page.search, "directie")
    assert sections(page) == ["c2.s2.1", "c1.s1.4"]

    assert page.export_to(tmp_path / "plan.csv")
    with (tmp_path / "plan.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    assert rows[0] == [
        "Checklist",
        "Sectie",
        "Te ondernemen actie",
        "Wie",
        "Deadline",
        "Status",
        "Opmerkingen",
    ]
    assert [r[4] for r in rows[1:]] == ["01-03-2026", "28-02-2027"]
    assert rows[1][0] == "2" and rows[1][1].startswith("2.1 ") and rows[1][5] == "Bezig"
    assert "plan.csv" in page.message.text()

    assert page.export_to(tmp_path / "plan.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "plan.xlsx").active
    assert sheet.max_row == 3
    assert sheet["C3"].value == "Leidinggevenden opleiden in het voeren van een terugkeergesprek"
    assert sheet["E2"].is_date and sheet["E2"].value.date() == date(2026, 3, 1)
    assert sheet["A2"].value == 2


def test_export_button_adds_the_chosen_suffix_and_reports_errors(
    qtbot: QtBot,
    demo_path: Path,
    tmp_path: Path,
    open_page: Callable[..., Opened],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = open_page(demo_path).page
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda *_a: (str(tmp_path / "actieplan"), "CSV, puntkomma-gescheiden (*.csv)"),
    )
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "actieplan.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text: warnings.append(f"{title}: {text}")
    )
    assert not page.export_to(tmp_path / "ontbreekt" / "plan.xlsx")
    assert (
        warnings
        and warnings[0].startswith("Exporteren mislukt")
        and "kon niet geschreven" in warnings[0]
    )
    assert not page.export_to(tmp_path / "plan.ods")
    assert ".xlsx (Excel) of .csv" in warnings[1]


def test_read_only_dossier_and_closed_round_cannot_be_edited(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo_path, read_only=True)
    page = opened.page
    assert not page.read_only_note.isVisible()  # the window's band says it, once
    click_cell(qtbot, page, cell(page, "c4.s2", Column.WHO))
    assert not page.delete_button.isEnabled()
    assert not (cell(page, "c4.s2", Column.WHO).flags() & Qt.ItemFlag.ItemIsEditable)
    opened.close()

    with Dossier.open(demo_path) as dossier:
        dossier.assessments.set_round_closed(round_id(dossier), True)
    page = open_page(demo_path).page
    assert page.read_only_note.isVisible() and "afgesloten" in page.read_only_note.text()
    click_cell(qtbot, page, cell(page, "c4.s2", Column.WHAT))
    assert not page.delete_button.isEnabled()
    assert not (cell(page, "c4.s2", Column.DUE).flags() & Qt.ItemFlag.ItemIsEditable)


def test_without_rounds_a_friendly_empty_state(
    dossier_path: Path, open_page: Callable[..., Opened]
) -> None:
    page = open_page(dossier_path).page
    assert page.empty_state.isVisible()
    assert "Nog geen zelfevaluatie" in page.empty_state.text()
    assert not page.view.isVisible()
    assert page.visible_actions() == []


def test_changes_elsewhere_reload_and_keep_the_selection(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo_path)
    page = opened.page
    click_cell(qtbot, page, cell(page, "c4.s2", Column.WHAT))
    current = round_id(opened.dossier)
    opened.dossier.assessments.add_action(
        current, "c2.s1.5", "Brochure herwerken", due=date(2026, 1, 10)
    )
    opened.events.assessment_changed.emit(current)
    assert sections(page)[0] == "c2.s1.5"  # still sorted by deadline
    assert page.selected_action() is not None and page.selected_action().section_id == "c4.s2"

    new = opened.dossier.assessments.create_round("Zelfevaluatie 2027", date(2027, 10, 1))
    opened.events.assessment_changed.emit(new.id)
    assert "Zelfevaluatie 2027" in page.heading.text()
    assert page.visible_actions() == []


def test_ctrl_f_focuses_the_search_field(
    qtbot: QtBot, demo_path: Path, open_page: Callable[..., Opened]
) -> None:
    page = open_page(demo_path).page
    page.view.setFocus()
    qtbot.waitUntil(page.view.hasFocus)
    qtbot.keyClick(page.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()


def test_an_export_is_in_the_logbook(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, open_page: Callable[..., Opened]
) -> None:
    from kmo_reintegratie.store import audit

    opened = open_page(demo_path)
    before = audit.count(opened.dossier)
    assert opened.page.export_to(tmp_path / "acties.csv")
    assert audit.count(opened.dossier) == before + 1
    [entry] = audit.entries(opened.dossier, limit=1)
    assert (entry.action, entry.detail) == ("exported", "Actieplan (tabel)")
