"""`Trajecten` driven through its real widgets, on real dossier files."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.demo import write_demo
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import REPORT_SUBJECTS, ReportGround, Response, TrajectoryKind
from kmo_reintegratie.trajectory_steps import StepState
from kmo_reintegratie.ui.dialogs import new_trajectory as dialog_module
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE
from kmo_reintegratie.ui.pages.trajectories_page import Tab, TrajectoriesPage
from kmo_reintegratie.ui.widgets.plan_schedule import Column

TODAY = date(2026, 5, 4)


@dataclass
class Opened:
    page: TrajectoriesPage
    dossier: Dossier
    events: DossierEvents


@pytest.fixture
def open_page(qtbot: QtBot) -> Iterator[Callable[..., Opened]]:
    opened: list[Opened] = []

    def open_(path: Path, *, today: date = TODAY, read_only: bool = False) -> Opened:
        dossier = Dossier.open(path, read_only=read_only)
        events = DossierEvents()
        page = TrajectoriesPage(dossier, events, lambda: today)
        qtbot.addWidget(page)
        page.resize(1250, 850)
        page.show()
        result = Opened(page, dossier, events)
        opened.append(result)
        return result

    yield open_
    for item in opened:
        item.page.close()
        item.dossier.close()


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_demo(tmp_path_factory.mktemp("demo") / "demo.kmo", today=TODAY)


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of the demo dossier of TODAY for this test alone."""
    return Path(shutil.copy(demo_template, tmp_path / "demo.kmo"))


@pytest.fixture
def ahmed_like(dossier_path: Path) -> tuple[Path, int]:
    """A fresh dossier: an employee of 38 h/week absent since January, a formal trajectory with decision A."""
    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add("Ahmed Benali", hours_per_week=38, regime_from=date(2020, 1, 1))
        absence = dossier.absences.add(employee.id, date(2026, 1, 5))
        trajectory = dossier.trajectories.add(employee.id, TrajectoryKind.FORMEEL, Initiator.WERKNEMER,
                                              absence_id=absence.id, request_date=date(2026, 3, 1),
                                              request_received=date(2026, 3, 3))
        dossier.trajectories.update(trajectory.id, assessment_received=date(2026, 4, 10), decision=Decision.A)
    return dossier_path, trajectory.id


def trajectory_of(dossier: Dossier, name: str) -> int:
    employees = {e.id: e.name for e in dossier.employees.list()}
    return next(t.id for t in dossier.trajectories.list() if employees[t.employee_id] == name)


def type_into(qtbot: QtBot, widget: QWidget, text: str, *, enter: bool = False) -> None:
    widget.setFocus()
    if isinstance(widget, QLineEdit):
        widget.selectAll()
    qtbot.keyClicks(widget, text)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def tick(qtbot: QtBot, box: QCheckBox) -> None:
    """Click the check box's indicator."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def edit_cell(qtbot: QtBot, page: TrajectoriesPage, row: int, column: int, text: str) -> None:
    """Type into a schedule cell through the table's own editor, as a user would."""
    view = page.plan_editor.schedule.view
    index = view.model().index(row, column)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # The delegate commits on Return through a queued call.
    qtbot.waitUntil(lambda: view.state() is not QAbstractItemView.State.EditingState)


def test_build_a_plan_through_the_form_and_find_it_after_reopening(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    opened = open_page(path)
    page = opened.page
    assert page.select_trajectory(trajectory_id)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    assert not editor.dirty
    type_into(qtbot, editor.texts["adapted_work"], "Magazijnwerk zonder heffen boven 10 kg.")
    type_into(qtbot, editor.texts["training"], "Opleiding heftruck (1 dag).")
    type_into(qtbot, editor.valid_from, "18-05-2026")
    type_into(qtbot, editor.valid_until, "17-11-2026")
    check, description, _duration = editor.adaptations.rows[next(iter(editor.adaptations.rows))]
    tick(qtbot, check)
    assert check.isChecked() and description.isEnabled()
    type_into(qtbot, description, "Progressief: 19, dan 28,5 uur, dan voltijds.")
    qtbot.mouseClick(editor.schedule.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, page, 0, Column.ENDS, "14-06-2026")
    edit_cell(qtbot, page, 0, Column.PERCENTAGE, "50")
    edit_cell(qtbot, page, 0, Column.CHANGES, "Halve dagen, voormiddag")
    qtbot.mouseClick(editor.schedule.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, page, 1, Column.ENDS, "12-07-2026")
    edit_cell(qtbot, page, 1, Column.HOURS, "28,5")
    qtbot.mouseClick(editor.schedule.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, page, 2, Column.HOURS, "38")
    assert editor.schedule.problems.isHidden()
    assert "38 uur per week" in editor.schedule.regime_label.text()
    assert editor.schedule.view.model().index(0, Column.RESULT).data() == "19 u (50%)"
    qtbot.mouseClick(editor.evaluation.quick_buttons[1], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.evaluation.quick_buttons[6], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.aftercare.suggest_button, Qt.MouseButton.LeftButton)
    assert "helft" in editor.aftercare.explanation.text()
    type_into(qtbot, editor.checklist.texts["mentor"], "Jo Claes")
    assert editor.actions.problems.isHidden()

    # No Bewaren: the plan is stored after the typing pause.
    with qtbot.waitSignal(opened.events.trajectories_changed) as changed:
        pass
    assert changed.args == [trajectory_id]
    assert not editor.dirty
    assert "versie 1" in editor.actions.message.text()
    opened.page.close()
    opened.dossier.close()

    with Dossier.open(path) as dossier:
        plan = dossier.trajectories.get(trajectory_id).current_plan
    assert plan is not None and plan.version == 1
    assert plan.adapted_work == "Magazijnwerk zonder heffen boven 10 kg."
    assert (plan.valid_from, plan.valid_until) == (date(2026, 5, 18), date(2026, 11, 17))
    assert [(s.starts, s.ends, s.hours_per_week, s.percentage) for s in plan.schedule] == [
        (date(2026, 5, 18), date(2026, 6, 14), None, 50.0),
        (date(2026, 6, 15), date(2026, 7, 12), 28.5, None),
        (date(2026, 7, 13), None, 38.0, None),
    ]
    assert plan.schedule[0].changes == "Halve dagen, voormiddag"
    assert plan.adaptations[0].description.startswith("Progressief")
    assert plan.evaluation_moments == (date(2026, 6, 18), date(2026, 11, 18))
    # The proposed aftercare reaches at least the last evaluation.
    assert plan.aftercare_until == date(2026, 11, 18)
    assert plan.checklist.mentor == "Jo Claes"


def test_schedule_above_the_regime_is_kept_as_draft_and_cannot_be_fixed_or_printed(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    page = open_page(path).page
    page.select_trajectory(trajectory_id)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    type_into(qtbot, editor.valid_from, "18-05-2026")
    type_into(qtbot, editor.valid_until, "17-11-2026")
    type_into(qtbot, editor.texts["adapted_work"], "Lichter werk")
    qtbot.mouseClick(editor.schedule.add_button, Qt.MouseButton.LeftButton)
    edit_cell(qtbot, page, 0, Column.HOURS, "40")
    assert "meer dan het arbeidsregime van 38 uur" in editor.schedule.problems.text()
    assert editor.schedule.problems.isVisible()
    assert not editor.actions.print_button.isEnabled()
    qtbot.waitUntil(lambda: not editor.dirty)  # stored as a draft after the typing pause
    assert "meer dan het arbeidsregime" in editor.actions.problems.text()
    assert not editor.actions.delivered_button.isEnabled()
    with Dossier.open(path, read_only=True) as other:
        plans = other.trajectories.get(trajectory_id).plans
    stored = [(p.version, p.schedule[0].hours_per_week, p.delivered_on) for p in plans]
    assert stored == [(1, 40.0, None)]
    # A text that is no number is refused in the cell itself.
    edit_cell(qtbot, page, 0, Column.HOURS, "veel")
    assert "geen getal" in editor.schedule.edit_error.text()


def test_plan_without_validity_is_kept_as_draft_but_cannot_be_delivered_or_printed(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    opened = open_page(path)
    editor = opened.page.plan_editor
    opened.page.select_trajectory(trajectory_id)
    type_into(qtbot, editor.texts["other_work"], "Onthaal aan de balie")
    qtbot.waitUntil(lambda: not editor.dirty)
    assert opened.dossier.trajectories.get(trajectory_id).current_plan is not None
    assert "geldigheidsduur" in editor.actions.problems.text()
    assert not editor.actions.delivered_button.isEnabled()
    assert not editor.actions.print_button.isEnabled()
    assert "rode kader" in editor.actions.print_button.toolTip()
    # The whole list of problems can be read: the red box is as tall as its text (or scrolls).
    box = editor.actions.problems
    qtbot.waitUntil(lambda: box.height() >= min(130, box.label.heightForWidth(box.viewport().width())))


def test_another_trajectory_shows_its_plan_and_report_from_the_top(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    page.select_trajectory(trajectory_of(opened.dossier, "Koen Verhaegen"))
    page.tabs.setCurrentIndex(Tab.PLAN)
    bar = page.plan_editor.scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum())
    page.select_trajectory(trajectory_of(opened.dossier, "Ahmed Benali"))
    assert bar.value() == 0


def test_editing_a_delivered_plan_creates_version_2_and_version_1_stays_readable(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    koen = trajectory_of(opened.dossier, "Koen Verhaegen")
    page.select_trajectory(koen)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    assert editor.banner.isVisible()
    assert "wijzigingen worden een nieuwe versie (versie 2)" in editor.banner.text()
    old_training = editor.texts["training"].toPlainText()
    editor.texts["training"].setFocus()
    editor.texts["training"].moveCursor(editor.texts["training"].textCursor().MoveOperation.End)
    qtbot.keyClicks(editor.texts["training"], " Plus een dag EHBO.")
    qtbot.waitUntil(lambda: not editor.dirty)
    assert "versie 2" in editor.actions.message.text()
    assert editor.texts["training"].hasFocus()  # the form was not reloaded under the typing
    assert editor.texts["training"].textCursor().atEnd()
    assert editor.version_combo.count() == 2
    assert not editor.banner.isVisible()  # version 2 is a draft again
    printed: list[tuple[int, str]] = []
    page.print_requested.connect(lambda *args: printed.append(args))
    assert editor.actions.print_button.isEnabled()
    qtbot.mouseClick(editor.actions.print_button, Qt.MouseButton.LeftButton)
    assert printed == [(koen, "plan")]

    editor.version_combo.setCurrentIndex(editor.version_combo.findData(1))
    editor.version_combo.activated.emit(editor.version_combo.currentIndex())
    assert editor.texts["training"].toPlainText() == old_training
    assert editor.texts["training"].isReadOnly()
    assert "alleen-lezen" in editor.banner.text()
    assert not editor.actions.delivered_button.isEnabled()

    with Dossier.open(demo, read_only=True) as other:
        plans = other.trajectories.get(koen).plans
    assert [p.version for p in plans] == [1, 2]
    assert plans[0].training == old_training and plans[0].delivered_on is not None
    assert plans[1].training.endswith("Plus een dag EHBO.") and plans[1].delivered_on is None


def test_delivery_and_signature_are_recorded_and_start_the_14_days_for_the_answer(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_page(demo)
    page = opened.page
    koen = trajectory_of(opened.dossier, "Koen Verhaegen")
    page.select_trajectory(koen)
    editor = page.plan_editor
    assert not editor.actions.delivered_button.isEnabled()  # version 1 was delivered already
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("03-05-2026", True))
    qtbot.mouseClick(editor.actions.signed_button, Qt.MouseButton.LeftButton)
    assert opened.dossier.trajectories.get(koen).current_plan.signed_by_employer_on == date(2026, 5, 3)
    assert "ondertekend door werkgever 03-05-2026" in editor.status.text()
    assert not editor.actions.signed_button.isEnabled()

    type_into(qtbot, editor.checklist.texts["mentor"], "Lotte De Wilde en Jo")
    qtbot.waitUntil(lambda: not editor.dirty)
    assert editor.shown is not None and editor.shown.version == 2
    assert editor.actions.delivered_button.isEnabled()
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("31-12-2099", True))
    qtbot.mouseClick(editor.actions.delivered_button, Qt.MouseButton.LeftButton)
    assert "toekomst" in editor.actions.problems.text()
    assert opened.dossier.trajectories.get(koen).current_plan.delivered_on is None
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("04-05-2026", True))
    with qtbot.waitSignal(opened.events.trajectories_changed):
        qtbot.mouseClick(editor.actions.delivered_button, Qt.MouseButton.LeftButton)
    assert opened.dossier.trajectories.get(koen).current_plan.delivered_on == TODAY
    answer = next(s for s in page.details.timeline.steps() if s.key == "instemming_werknemer")
    assert answer.state is StepState.HUIDIG
    assert "18-05-2026" in page.followup.plan_state.text()


def test_overdue_term_is_marked_in_the_list_and_the_timeline(
    ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    page = open_page(path, today=date(2026, 7, 1)).page  # plan due 63 days after 10 April: 12 June
    page.select_trajectory(trajectory_id)
    row = page.proxy.index(0, 2)
    assert "12-06-2026" in row.data() and "te laat" in row.data()
    assert row.data(Qt.ItemDataRole.BackgroundRole) is not None
    badge = page.details.timeline.findChild(QLabel, "stepState_plan")
    assert badge.text() == "Te laat"
    label = page.details.timeline.findChild(QLabel, "step_plan")
    assert "19 dag(en) voorbij" in label.text()
    assert "Volgende stap" in page.details.timeline.summary.text()


def test_decision_before_the_request_shows_a_message_next_to_the_field_and_stores_nothing(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    opened = open_page(path)
    page = opened.page
    page.select_trajectory(trajectory_id)
    field = page.details.fields["assessment_received"]
    type_into(qtbot, field.editor, "01-02-2026", enter=True)
    assert field.error_label.isVisible()
    assert "vóór" in field.error_label.text()
    assert field.editor.text() == "01-02-2026"  # kept for correction, not thrown away
    with Dossier.open(path, read_only=True) as other:
        assert other.trajectories.get(trajectory_id).assessment_received == date(2026, 4, 10)
    type_into(qtbot, field.editor, "12-04-2026", enter=True)
    assert not field.error_label.isVisible()
    assert opened.dossier.trajectories.get(trajectory_id).assessment_received == date(2026, 4, 12)


def test_decision_b_shows_the_appeal_and_decision_c_explains_there_is_no_plan(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    opened = open_page(path)
    page = opened.page
    page.select_trajectory(trajectory_id)
    assert not page.details.appeal_box.isVisible()
    combo = page.details.fields["decision"].editor
    with qtbot.waitSignal(opened.events.trajectories_changed):
        combo.setCurrentIndex(combo.findData(Decision.B.value))
        page.details.fields["decision"].commit()
    assert page.details.appeal_box.isVisible()
    assert "beroep" in page.details.decision_explanation.text()
    assert any(s.key == "beroep" for s in page.details.timeline.steps())
    combo.setCurrentIndex(combo.findData(Decision.C.value))
    page.details.fields["decision"].commit()
    assert "geen re-integratieplan" in page.details.decision_explanation.text()
    assert not any(s.key == "plan" for s in page.details.timeline.steps())
    page.tabs.setCurrentIndex(Tab.PLAN)
    assert page.plan_editor.blocked.isVisible()
    assert "géén re-integratieplan" in page.plan_editor.blocked.text()
    assert not page.plan_editor.actions.isVisible()


def test_informal_trajectory_hides_decision_and_appeal_and_explains_the_route(
    demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    page.select_trajectory(trajectory_of(opened.dossier, "Koen Verhaegen"))
    decision = page.details.fields["decision"].editor
    assert not decision.isVisibleTo(page)
    assert not page.details.appeal_box.isVisibleTo(page)
    assert "adviserend arts" in page.details.kind_note.text()
    assert not any(s.legal for s in page.details.timeline.steps())
    # Part-time work needs the advising physician's approval: a date of its own, a step in the timeline.
    approval = page.details.fields["advising_physician_approval_on"].editor
    assert approval.isVisibleTo(page) and approval.text()
    [step] = [s for s in page.details.timeline.steps() if s.key == "toelating"]
    assert step.done_on is not None and format_date(step.done_on) == approval.text()
    page.tabs.setCurrentIndex(Tab.VERSLAG)
    assert "formele" in page.report_editor.note.text()
    assert not page.report_editor.print_button.isVisible()


def test_report_cannot_be_printed_while_a_kind_is_unconsidered(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    opened = open_page(path)
    page = opened.page
    page.select_trajectory(trajectory_id)
    page.tabs.setCurrentIndex(Tab.VERSLAG)
    report = page.report_editor
    assert not report.print_button.isEnabled()
    assert not report.can_print()
    assert len(report.problems_found()) == len(REPORT_SUBJECTS)
    assert "ernstig overwogen" in report.print_button.toolTip()
    for row in report.rows:
        tick(qtbot, row.considered)
        row.ground.setCurrentIndex(row.ground.findData(ReportGround.OBJECTIVE.value))
        type_into(qtbot, row.reasons, "Onderzocht met de arbeidsarts: dit kan niet in ons magazijn.")
    last = report.rows[-1]
    last.reasons.clear()
    type_into(qtbot, last.reasons, "Kan niet.")
    assert not report.print_button.isEnabled()
    assert report.problems.isVisible()
    assert "Ander werk: motiveer concreet" in report.problems.text()
    qtbot.waitUntil(lambda: not report.dirty)  # an incomplete draft is stored too
    assert "Vul het aan" in report.message.text()
    type_into(qtbot, last.reasons, " Er is geen andere functie zonder heffen in een bedrijf van 12 mensen.")
    assert report.can_print()
    assert report.print_button.isEnabled()
    assert report.problems.isHidden()
    with qtbot.waitSignal(page.print_requested) as printed:
        qtbot.mouseClick(report.print_button, Qt.MouseButton.LeftButton)
    assert printed.args == [trajectory_id, "verslag"]  # printing stored the last words first
    with Dossier.open(path, read_only=True) as other:
        stored = other.trajectories.get(trajectory_id).report
    assert stored is not None and all(c.considered for c in stored.considerations)
    assert stored.considerations[-1].reasons.startswith("Kan niet. Er is geen andere functie")


def test_employee_answer_refusal_needs_reasons_and_no_answer_after_reminder_counts_as_refusal(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    koen = trajectory_of(opened.dossier, "Koen Verhaegen")
    opened.dossier.trajectories.record_plan_event(
        opened.dossier.trajectories.get(koen).current_plan.id, response=Response.PENDING, response_on=None)
    opened.events.trajectories_changed.emit(koen)
    page.select_trajectory(koen)
    page.tabs.setCurrentIndex(Tab.OPVOLGING)
    follow = page.followup
    follow.response.setCurrentIndex(follow.response.findData(Response.REFUSED.value))
    type_into(qtbot, follow.response_on, "03-05-2026")
    qtbot.mouseClick(follow.answer_button, Qt.MouseButton.LeftButton)
    assert "redenen" in follow.error.text()
    assert opened.dossier.trajectories.get(koen).current_plan.response is Response.PENDING
    follow.response.setCurrentIndex(follow.response.findData(Response.PENDING.value))
    assert not follow.refusal_button.isEnabled()
    type_into(qtbot, follow.reminder_on, "04-05-2026")
    qtbot.mouseClick(follow.reminder_button, Qt.MouseButton.LeftButton)
    assert follow.refusal_button.isEnabled()
    qtbot.mouseClick(follow.refusal_button, Qt.MouseButton.LeftButton)
    plan = opened.dossier.trajectories.get(koen).current_plan
    assert plan.response is Response.REFUSED
    assert "herinnering van 04-05-2026" in plan.refusal_reasons
    type_into(qtbot, follow.fields["evaluation_worked"].editor, "Vaste mentor")
    follow.fields["evaluation_worked"].commit()
    assert opened.dossier.trajectories.get(koen).evaluation_worked == "Vaste mentor"


def test_new_trajectory_follows_the_rule_on_when_the_employer_may_start(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_page(demo)
    page = opened.page
    seen: dict[str, str] = {}

    def fake_exec(dialog: dialog_module.NewTrajectoryDialog) -> int:
        dialog.employee.setCurrentIndex(dialog.employee.findText("Ahmed Benali"))
        dialog.formal.setChecked(True)
        dialog.initiator.setCurrentIndex(dialog.initiator.findData(Initiator.WERKGEVER.value))
        assert dialog.absence.currentData() is not None  # the running absence is linked
        dialog.request_date.setText("04-05-2026")
        dialog.request_received.setText("05-05-2026")
        dialog.accept()
        seen["refused"] = dialog.error.text()
        seen["rules"] = dialog.rules.text()
        assert dialog.result() == 0
        tick(qtbot, dialog.consent)
        seen["allowed"] = dialog.rules.text()
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialog_module.NewTrajectoryDialog, "exec", fake_exec)
    before = len(opened.dossier.trajectories.list())
    with qtbot.waitSignal(opened.events.trajectories_changed):
        created = page.new_trajectory()
    assert "RIT 3.0" in seen["rules"] and "Niet toegelaten" in seen["rules"]
    assert "instemming" in seen["refused"]
    assert "Werknemer" in seen["rules"] and "Adviserend arts" in seen["rules"]
    assert "Toegelaten" in seen["allowed"]
    assert created is not None and created.initiator is Initiator.WERKGEVER
    assert len(opened.dossier.trajectories.list()) == before + 1
    assert page.trajectory is not None and page.trajectory.id == created.id
    assert created.request_received == date(2026, 5, 5)


def test_new_trajectory_refuses_a_receipt_before_the_request(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    page = open_page(demo).page

    def fake_exec(dialog: dialog_module.NewTrajectoryDialog) -> int:
        dialog.request_date.setText("04-05-2026")
        dialog.request_received.setText("01-05-2026")
        dialog.accept()
        assert "vóór" in dialog.error.text()
        dialog.request_date.setText("31-02-2026")
        dialog.accept()
        assert "bestaat niet" in dialog.request_date.error.text()
        return dialog.result()

    monkeypatch.setattr(dialog_module.NewTrajectoryDialog, "exec", fake_exec)
    assert page.new_trajectory() is None


def test_list_shows_next_term_and_selects_a_requested_trajectory(
    demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    rows = {page.proxy.index(r, 0).data(): [page.proxy.index(r, c).data() for c in range(4)]
            for r in range(page.proxy.rowCount())}
    assert rows["Ahmed Benali"][1] == "formeel · B"
    assert rows["Koen Verhaegen"][1] == "informeel"
    assert "plan/verslag" in rows["Ahmed Benali"][2] and "te bevestigen" in rows["Ahmed Benali"][2]
    assert rows["Greet Van Hoof"][3] == "afgesloten"
    assert rows["Koen Verhaegen"][3] == "lopend"
    greet = trajectory_of(opened.dossier, "Greet Van Hoof")
    opened.events.trajectory_requested.emit(greet)
    assert page.trajectory is not None and page.trajectory.id == greet
    assert "Greet Van Hoof" in page.title.text()
    assert page.view.selectionMode() is QAbstractItemView.SelectionMode.SingleSelection


def test_read_only_dossier_allows_no_editing(demo: Path, open_page: Callable[..., Opened]) -> None:
    opened = open_page(demo, read_only=True)
    page = opened.page
    page.select_trajectory(trajectory_of(opened.dossier, "Ahmed Benali"))
    assert not page.new_button.isEnabled()
    assert page.new_trajectory() is None
    assert not page.details.fields["decision_conditions"].editor.isEnabled()
    assert page.plan_editor.texts["adapted_work"].isReadOnly()
    assert not page.plan_editor.schedule.add_button.isEnabled()
    assert page.report_editor.rows[0].reasons.isReadOnly()
    assert not page.report_editor.delivered_button.isEnabled()
    assert not page.followup.fields["execution_notes"].editor.isEnabled()


def test_switching_trajectory_right_after_typing_stores_the_plan_without_asking(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened], monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = open_page(demo)
    page = opened.page
    koen = trajectory_of(opened.dossier, "Koen Verhaegen")
    ahmed = trajectory_of(opened.dossier, "Ahmed Benali")
    page.select_trajectory(ahmed)
    editor = page.plan_editor
    type_into(qtbot, editor.texts["other_work"], "Onthaal")
    asked: list[object] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a))
    assert editor.dirty  # still within the typing pause
    page.select_trajectory(koen)
    assert page.trajectory is not None and page.trajectory.id == koen
    assert asked == []
    assert opened.dossier.trajectories.get(ahmed).current_plan.other_work == "Onthaal"


def test_a_text_over_its_limit_keeps_the_user_on_the_trajectory_with_the_reason(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    koen = trajectory_of(opened.dossier, "Koen Verhaegen")
    ahmed = trajectory_of(opened.dossier, "Ahmed Benali")
    page.select_trajectory(ahmed)
    editor = page.plan_editor
    editor.texts["other_work"].setPlainText("x" * 100_000)  # a paste far beyond a few pages
    page.select_trajectory(koen)
    assert page.trajectory is not None and page.trajectory.id == ahmed
    assert page.view.currentIndex().data(TARGET_ROLE) == ("traject", ahmed)
    assert len(editor.texts["other_work"].toPlainText()) == 100_000  # nothing thrown away
    assert "Ander werk" in editor.actions.problems.text()


def test_closing_shows_in_title_list_and_timeline_and_is_announced(
    qtbot: QtBot, ahmed_like: tuple[Path, int], open_page: Callable[..., Opened]
) -> None:
    path, trajectory_id = ahmed_like
    opened = open_page(path)
    page = opened.page
    page.select_trajectory(trajectory_id)
    reason = page.details.fields["closing_reason"]
    with qtbot.waitSignal(reason.saved):  # stored shortly after typing stops
        type_into(qtbot, reason.editor, "Werknemer hervatte volledig")
    with qtbot.waitSignal(opened.events.trajectories_changed) as changed:
        type_into(qtbot, page.details.fields["closed_on"].editor, "02-05-2026", enter=True)
    assert changed.args == [trajectory_id]
    assert "afgesloten" in page.title.text()
    assert page.proxy.index(0, 3).data() == "afgesloten"
    assert page.details.timeline.steps()[-1].state is StepState.GEDAAN
    with Dossier.open(path, read_only=True) as other:
        stored = other.trajectories.get(trajectory_id)
    assert stored.closed_on == date(2026, 5, 2)
    assert stored.closing_reason == "Werknemer hervatte volledig"


def test_empty_dossier_explains_a_trajectory_and_offers_to_start_one(
    qtbot: QtBot, dossier_path: Path, open_page: Callable[..., Opened],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Dossier.open(dossier_path) as dossier:
        dossier.employees.add("Sara Peeters", hours_per_week=38, regime_from=date(2020, 1, 1))
    opened = open_page(dossier_path)
    page = opened.page
    # No disabled form with empty boxes: an explanation and one button.
    assert page.intro.isVisible() and not page.splitter.isVisible()
    text = page.intro.findChild(QLabel, "trajectoryIntroText").text()
    assert "informeel" in text and "formeel" in text and "arbeidsarts" in text
    assert page.intro_button.isVisible() and page.intro_button.isEnabled()
    assert page.intro_button.text() == "Nieuw traject…"

    def fake_exec(dialog: dialog_module.NewTrajectoryDialog) -> int:
        dialog.employee.setCurrentIndex(dialog.employee.findText("Sara Peeters"))
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialog_module.NewTrajectoryDialog, "exec", fake_exec)
    with qtbot.waitSignal(opened.events.trajectories_changed):
        qtbot.mouseClick(page.intro_button, Qt.MouseButton.LeftButton)
    assert page.splitter.isVisible() and not page.intro.isVisible()
    assert page.trajectory is not None and "Sara Peeters" in page.title.text()


def test_empty_read_only_dossier_cannot_start_a_trajectory(
    dossier_path: Path, open_page: Callable[..., Opened]
) -> None:
    page = open_page(dossier_path, read_only=True).page
    assert page.intro.isVisible()
    assert not page.intro_button.isEnabled()


def test_choosing_another_version_right_after_typing_keeps_the_typed_words(
    qtbot: QtBot, demo: Path, open_page: Callable[..., Opened]
) -> None:
    opened = open_page(demo)
    page = opened.page
    koen = trajectory_of(opened.dossier, "Koen Verhaegen")
    page.select_trajectory(koen)
    page.tabs.setCurrentIndex(Tab.PLAN)
    editor = page.plan_editor
    type_into(qtbot, editor.texts["other_work"], "Onthaal")
    qtbot.waitUntil(lambda: not editor.dirty)  # version 2 now exists
    type_into(qtbot, editor.texts["other_work"], " en post")
    assert editor.dirty
    editor.version_combo.setCurrentIndex(editor.version_combo.findData(1))
    editor.version_combo.activated.emit(editor.version_combo.currentIndex())
    assert editor.shown_version() == 1
    stored = opened.dossier.trajectories.get(koen).current_plan
    assert stored is not None and stored.version == 2 and stored.other_work == "Onthaal en post"
