"""Plan and verslag store themselves as the user types: nothing typed is lost (issue 15, point 1).

Every editor is tested the same way: type through the keyboard, leave at once (close the
window, as Ctrl+Q does, or open another dossier) within the typing pause, open the dossier
again in a new window and find the text in the editor.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.lock import lock_path
from kmo_reintegratie.trajectory import TrajectoryKind
from kmo_reintegratie.ui.main_window import MainWindow
from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage

TYPED = " Getypt en meteen weggegaan."

#: Where to type: (tab, how to find the editor on the page).
EDITORS: dict[str, tuple[int, Callable[[TrajectoriesPage], QPlainTextEdit]]] = {
    "plan: 4. Opleiding": (Tab.PLAN, lambda page: page.plan_editor.texts["training"]),
    "plan: 1. Werkpost": (Tab.PLAN, lambda page: page.plan_editor.texts["workstation_adaptations"]),
    "verslag: motivering": (Tab.VERSLAG, lambda page: page.report_editor.rows[0].reasons),
    "verslag: handicap": (Tab.VERSLAG, lambda page: page.report_editor.disability),
}


def make_window(qtbot: QtBot, tmp_path: Path, path: Path) -> MainWindow:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(path), today=date.today)
    qtbot.addWidget(window)
    window.show()
    return window


def trajectories_page(window: MainWindow) -> TrajectoriesPage:
    window.go_to(TrajectoriesPage.nav_label)
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    return page


def formal_trajectory_with_report_room(path: Path) -> int:
    """A formal trajectory whose plan is still a draft and whose verslag can be written."""
    with Dossier.open(path, read_only=True) as dossier:
        return next(
            t.id for t in dossier.trajectories.list()
            if t.kind is TrajectoryKind.FORMEEL and t.decision not in (None, Decision.C)
            and not (t.report and t.report.delivered_on)
            and not (t.current_plan and t.current_plan.locked)
        )


def type_and_leave(qtbot: QtBot, tmp_path: Path, path: Path, trajectory_id: int, editor_name: str,
                   leave: str) -> str:
    """Type at the end of the editor, leave within the typing pause; returns the editor's text."""
    window = make_window(qtbot, tmp_path, path)
    page = trajectories_page(window)
    assert page.select_trajectory(trajectory_id)
    tab, find = EDITORS[editor_name]
    page.tabs.setCurrentIndex(tab)
    editor = find(page)
    assert not editor.isReadOnly()
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, TYPED)
    assert page.plan_editor.dirty or page.report_editor.dirty  # still within the typing pause
    expected = editor.toPlainText().strip()
    if leave == "close":
        window.close()  # what Ctrl+Q and the window's close button do
    else:
        other = tmp_path / "ander.kmo"
        shutil.copyfile(path, other)
        assert window.open_dossier(other)
        qtbot.wait(600)  # past the typing pause of the page that is gone: nothing may fire late
        window.close()
    assert not lock_path(path).exists()
    return expected


def shown_after_reopening(qtbot: QtBot, tmp_path: Path, path: Path, trajectory_id: int,
                          editor_name: str) -> str:
    window = make_window(qtbot, tmp_path, path)
    page = trajectories_page(window)
    assert page.select_trajectory(trajectory_id)
    tab, find = EDITORS[editor_name]
    page.tabs.setCurrentIndex(tab)
    text = find(page).toPlainText()
    window.close()
    return text


@pytest.mark.parametrize("leave", ["close", "switch"])
@pytest.mark.parametrize("editor_name", list(EDITORS))
def test_typed_text_is_there_after_leaving_at_once_and_reopening(
    qtbot: QtBot, tmp_path: Path, demo_path: Path, editor_name: str, leave: str
) -> None:
    trajectory_id = formal_trajectory_with_report_room(demo_path)
    typed = type_and_leave(qtbot, tmp_path, demo_path, trajectory_id, editor_name, leave)
    assert typed.endswith(TYPED.strip())
    assert shown_after_reopening(qtbot, tmp_path, demo_path, trajectory_id, editor_name) == typed


def test_typing_in_a_delivered_plan_keeps_the_delivered_version_and_stores_a_new_one(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        trajectory = next(t for t in dossier.trajectories.list()
                          if t.current_plan is not None and t.current_plan.locked)
    assert trajectory.current_plan is not None
    delivered = trajectory.current_plan
    typed = type_and_leave(qtbot, tmp_path, demo_path, trajectory.id, "plan: 4. Opleiding", "close")
    with Dossier.open(demo_path, read_only=True) as dossier:
        plans = dossier.trajectories.get(trajectory.id).plans
    assert plans[-2] == delivered  # what was delivered or signed is never altered
    assert plans[-1].version == delivered.version + 1 and not plans[-1].locked
    assert plans[-1].training == typed


def test_an_incomplete_plan_is_stored_as_a_draft_with_its_problems_listed(
    qtbot: QtBot, tmp_path: Path, dossier_path: Path
) -> None:
    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add("Sara Peeters", hours_per_week=38,
                                         regime_from=date(2020, 1, 1))
        trajectory = dossier.trajectories.add(employee.id, TrajectoryKind.INFORMEEL,
                                              Initiator.WERKNEMER)
    window = make_window(qtbot, tmp_path, dossier_path)
    page = trajectories_page(window)
    assert page.select_trajectory(trajectory.id)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    field = editor.texts["training"]
    field.setFocus()
    qtbot.keyClicks(field, "Opleiding kassasysteem")
    qtbot.waitUntil(lambda: not editor.dirty)  # the 400 ms typing pause
    assert "geldigheidsduur" in editor.actions.problems.text()  # still listed
    assert not editor.actions.delivered_button.isEnabled()
    assert "Automatisch bewaard" in editor.actions.message.text()
    with Dossier.open(dossier_path, read_only=True) as other:
        plan = other.trajectories.get(trajectory.id).current_plan
    assert plan is not None and plan.training == "Opleiding kassasysteem" and not plan.locked
    window.close()


def test_printing_a_plan_for_signature_fixes_that_version(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    """What was printed for signature is never changed: typing afterwards makes a new version."""
    with Dossier.open(demo_path, read_only=True) as dossier:
        trajectory_id = next(t.id for t in dossier.trajectories.list()
                             if t.current_plan is not None and t.current_plan.locked)
    window = make_window(qtbot, tmp_path, demo_path)
    page = trajectories_page(window)
    assert page.select_trajectory(trajectory_id)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    field = editor.texts["training"]
    field.setFocus()
    qtbot.keyClicks(field, " Tweede versie.")  # a change to a delivered plan: a new draft version
    editor.commit_pending()
    assert editor.shown is not None and not editor.shown.locked
    assert editor.actions.print_button.isEnabled(), editor.actions.problems.text()
    printed: list[tuple[int, str]] = []
    editor.print_requested.connect(lambda t, d: printed.append((t, d)))
    qtbot.mouseClick(editor.actions.print_button, Qt.MouseButton.LeftButton)
    assert printed == [(trajectory_id, "plan")]
    assert window.dossier is not None
    fixed = window.dossier.trajectories.get(trajectory_id).current_plan
    assert fixed is not None and fixed.fixed_on is not None and fixed.locked
    assert "vastgelegd bij het afdrukken" in editor.status.text()
    field = editor.texts["training"]
    field.setFocus()
    field.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(field, " en een opleiding")
    editor.commit_pending()
    plans = window.dossier.trajectories.get(trajectory_id).plans
    assert plans[-2] == fixed
    assert plans[-1].version == fixed.version + 1 and plans[-1].training.endswith("een opleiding")
    window.close()
