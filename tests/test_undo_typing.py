"""Redo of a trajectory delete while its plan editor still holds typed text: no crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage

from test_undo import answer_yes, ids, make_window


def test_redo_of_a_trajectory_delete_with_typing_pending_does_not_crash(
        qtbot: QtBot, tmp_path: Path, demo_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window(qtbot, tmp_path, demo_path)
    page = window.pages[TrajectoriesPage.nav_label]
    assert isinstance(page, TrajectoriesPage)
    window.go_to(TrajectoriesPage.nav_label)
    koen = ids(demo_path, "trajectory", "Koen Verhaegen")[0]
    assert page.select_trajectory(koen)
    answer_yes(monkeypatch)
    page.delete_button.click()
    window.undo_action.trigger()
    assert page.select_trajectory(koen)
    page.tabs.setCurrentIndex(Tab.PLAN)
    field = page.plan_editor.texts["training"]
    field.setFocus()
    qtbot.keyClicks(field, " getypt")
    window.redo_action.trigger()  # deletes again while the 400 ms save is pending
    qtbot.wait(600)
    window.undo_action.trigger()
    assert page.select_trajectory(koen)
    window.close()
