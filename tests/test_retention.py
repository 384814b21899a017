"""Retention terms: the pure rules, the stored terms, and the review that erases item by item."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Channel, ContactRole
from kmo_reintegratie.erasure_rules import ANONYMISED_TEXT
from kmo_reintegratie.legal import Initiator
from kmo_reintegratie.legal.terms import add_months
from kmo_reintegratie.retention import (
    DEFAULTS,
    Category,
    RetentionFact,
    check_months,
    cut_off,
    due_items,
    term_months,
    term_text,
)
from kmo_reintegratie.store import erasure
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.retention_repo import RetentionRepository
from kmo_reintegratie.trajectory import Adaptation, AdaptationKind, PlanVersion, TrajectoryKind
from kmo_reintegratie.ui.dialogs.retention_review import ITEM_ROLE, RetentionReviewDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import CallbackCommand

TODAY = date.today()  # the shared demo dossier is written relative to today
LATER = date(TODAY.year + 6, 1, 1)  # every demo term has run out by then


def fact(category: Category, ended: date, record_id: int = 1) -> RetentionFact:
    return RetentionFact(category, record_id, 7, "Jan Peeters", ended, "iets")


# -- the pure rules ---------------------------------------------------------------------------


def test_a_term_runs_from_the_end_and_is_due_on_its_first_free_day() -> None:
    ended = fact(Category.ABSENCE, date(2024, 3, 31))
    assert DEFAULTS[Category.ABSENCE].months == 24
    assert due_items([ended], {}, date(2026, 3, 30)) == []
    [item] = due_items([ended], {}, date(2026, 3, 31))
    assert item.due_since == date(2026, 3, 31) and item.months == 24


def test_the_organisations_own_term_replaces_the_default() -> None:
    left = fact(Category.PERSON, date(2025, 2, 28))
    assert term_months(Category.PERSON, {Category.PERSON: None}) == 60
    assert due_items([left], {Category.PERSON: None}, date(2026, 3, 1)) == []
    [item] = due_items([left], {Category.PERSON: 12}, date(2026, 3, 1))
    assert item.due_since == date(2026, 2, 28) and item.months == 12


def test_month_ends_are_clamped_and_the_longest_overdue_comes_first() -> None:
    items = due_items([fact(Category.TRAJECTORY, date(2020, 2, 29), 2),
                       fact(Category.ABSENCE, date(2019, 1, 31), 3)],
                      {Category.TRAJECTORY: 12, Category.ABSENCE: 1}, date(2026, 1, 1))
    assert [(i.fact.record_id, i.due_since) for i in items] == [(3, date(2019, 2, 28)), (2, date(2021, 2, 28))]


def test_every_default_has_a_source_and_unsure_ones_say_why() -> None:
    for category in Category:
        default = DEFAULTS[category]
        assert default.source and default.counted_from.startswith("na ")
        assert default.confirmed or len(default.unconfirmed_reason) > 40
    assert term_text(24) == "2 jaar" and term_text(18) == "18 maanden" and term_text(1) == "1 maand"


def test_a_term_outside_what_the_file_accepts_is_refused_in_dutch() -> None:
    with pytest.raises(ValueError, match="tussen 1 en 1200 maanden"):
        check_months(0)
    assert check_months(None) is None and check_months(36) == 36


# -- what the dossier holds -------------------------------------------------------------------------


@pytest.fixture
def demo(demo_path: Path) -> Path:
    return demo_path


def test_terms_are_stored_and_reset_to_the_default(demo: Path) -> None:
    with Dossier.open(demo) as dossier:
        repo = RetentionRepository(dossier)
        assert repo.settings() == {c: None for c in Category}
        repo.set_months(Category.TRAJECTORY, 36)
        repo.set_months(Category.PERSON, 120)
        repo.set_months(Category.PERSON, None)
    with Dossier.open(demo, read_only=True) as dossier:
        assert RetentionRepository(dossier).settings() == {
            Category.ABSENCE: None, Category.TRAJECTORY: 36, Category.PERSON: None}


def test_facts_list_what_still_holds_personal_data_until_it_is_anonymised(demo: Path) -> None:
    with Dossier.open(demo) as dossier:
        greet = next(e for e in dossier.employees.list() if e.name == "Greet Van Hoof")
        facts = RetentionRepository(dossier).facts()
        theirs = {(f.category, f.ended_on) for f in facts if f.employee_id == greet.id}
        assert (Category.PERSON, greet.out_of_service_from) in theirs
        assert {c for c, _ in theirs} == set(Category)
        running = {t.id for t in dossier.trajectories.list() if t.closed_on is None}
        assert not running & {f.record_id for f in facts if f.category is Category.TRAJECTORY}
        erasure.anonymise_employee(dossier, greet.id, on=TODAY)
        after = RetentionRepository(dossier).facts()
    assert [f for f in after if f.employee_id == greet.id] == []
    assert len(after) == len(facts) - len(theirs)


# -- the review -------------------------------------------------------------------------------


@pytest.fixture
def review(qtbot: QtBot, demo: Path) -> Iterator[tuple[RetentionReviewDialog, Dossier, DossierEvents]]:
    dossier = Dossier.open(demo)
    events = DossierEvents()
    events.undo_stack = QUndoStack(events)
    events.undo_stack.push(CallbackCommand("iets", lambda: None, lambda: None))
    dialog = RetentionReviewDialog(dossier, events, lambda: LATER)
    qtbot.addWidget(dialog)
    dialog.show()
    yield dialog, dossier, events
    dialog.close()
    dossier.close()


def listed(dialog: RetentionReviewDialog) -> list[tuple[Category, int]]:
    items = [dialog.proxy.index(r, 0).data(ITEM_ROLE) for r in range(dialog.proxy.rowCount())]
    return [(i.fact.category, i.fact.record_id) for i in items]


def answer(monkeypatch: pytest.MonkeyPatch, choice: QMessageBox.StandardButton) -> list[str]:
    texts: list[str] = []

    def exec_(box: QMessageBox) -> int:
        texts.append(box.text())
        return int(choice.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return texts


def test_the_review_lists_what_is_due_and_later_deletes_nothing(review: tuple, qtbot: QtBot) -> None:
    dialog, dossier, _events = review
    due = listed(dialog)
    expected = {(f.category, f.record_id) for f in RetentionRepository(dossier).facts()}
    assert set(due) == expected and len(due) >= 5
    first = due[0]
    assert dialog.select(*first)
    dialog.later_button.click()
    assert first not in listed(dialog) and len(listed(dialog)) == len(due) - 1
    assert {(f.category, f.record_id) for f in RetentionRepository(dossier).facts()} == expected


def test_the_review_erases_only_what_was_confirmed(review: tuple, monkeypatch: pytest.MonkeyPatch) -> None:
    dialog, dossier, events = review
    trajectory = next(key for key in listed(dialog) if key[0] is Category.TRAJECTORY)
    dialog.select(*trajectory)
    texts = answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    dialog.erase_button.click()
    assert "niet ongedaan" in texts[0]
    assert trajectory in listed(dialog) and dossier.trajectories.get(trajectory[1])
    assert events.undo_stack.count() == 1

    answer(monkeypatch, QMessageBox.StandardButton.Yes)
    dialog.select(*trajectory)
    before = len(dossier.trajectories.list())
    dialog.erase_button.click()
    assert trajectory not in listed(dialog)
    assert len(dossier.trajectories.list()) == before - 1
    assert trajectory[1] not in {t.id for t in dossier.trajectories.list()}
    assert "gewist" in dialog.status.text()
    assert events.undo_stack.count() == 0  # an erasure cannot be undone through the history

    person = next(key for key in listed(dialog) if key[0] is Category.PERSON)
    dialog.select(*person)
    dialog.anonymise_button.click()
    assert dossier.employees.get(person[1]).name == f"Persoon {person[1]} (geanonimiseerd)"
    assert not [key for key in listed(dialog) if dossier_owner(dossier, key) == person[1]]


def dossier_owner(dossier: Dossier, key: tuple[Category, int]) -> int:
    category, record_id = key
    if category is Category.PERSON:
        return record_id
    table = "absence" if category is Category.ABSENCE else "trajectory"
    row = dossier.db.execute(f"SELECT employee_id FROM {table} WHERE id = :i", {"i": record_id}).fetchone()
    return int(row[0]) if row else -1


def test_a_longer_term_takes_items_off_the_review(qtbot: QtBot, demo: Path) -> None:
    with Dossier.open(demo) as dossier:
        RetentionRepository(dossier).set_months(Category.TRAJECTORY, 1200)
        dialog = RetentionReviewDialog(dossier, None, lambda: LATER)
        qtbot.addWidget(dialog)
        assert listed(dialog) and all(c is not Category.TRAJECTORY for c, _ in listed(dialog))


def test_read_only_the_review_shows_but_erases_nothing(qtbot: QtBot, demo: Path) -> None:
    with Dossier.open(demo, read_only=True) as dossier:
        dialog = RetentionReviewDialog(dossier, None, lambda: LATER)
        qtbot.addWidget(dialog)
        assert listed(dialog)
        assert not dialog.anonymise_button.isEnabled() and not dialog.erase_button.isEnabled()
        assert not dialog.act("erase")
        assert "alleen-lezen" in dialog.status.text()


# -- the count for the Overzicht (SQL) against the review's list (Python) -----------------------


def test_the_cut_off_is_the_last_end_day_whose_term_has_run_out() -> None:
    # With 6 months, 29, 30 and 31 August all run out on 28 February.
    assert cut_off(6, date(2026, 2, 28)) == date(2025, 8, 31)
    assert cut_off(24, date(2026, 2, 28)) == date(2024, 2, 29)
    day = date(2023, 12, 25)
    for _ in range(120):
        day += timedelta(days=5)
        for months in (1, 6, 12, 24, 60, 1200):
            last = cut_off(months, day)
            assert add_months(last, months) <= day < add_months(last + timedelta(days=1), months)


def test_the_sql_text_rule_is_the_python_rule(dossier_path: Path) -> None:
    import sys

    from kmo_reintegratie.erasure_rules import is_personal_text
    from kmo_reintegratie.store.retention_repo import BLANK, personal_text_sql

    assert set(BLANK) == {chr(i) for i in range(sys.maxunicode + 1) if chr(i).isspace()}
    texts = [None, "", " ", "\t\n", "\xa0", "\u3000\u2029", "x", " x ", "\xa0Belt terug", "Élise",
             "[", "[x]", ANONYMISED_TEXT, f" {ANONYMISED_TEXT}\n", f"\u2003{ANONYMISED_TEXT}\xa0",
             f"{ANONYMISED_TEXT} en meer", "\x00", "\x08", "~", "日本"]
    with Dossier.open(dossier_path, read_only=True) as dossier:
        for text in texts:
            found = dossier.db.execute(f"SELECT coalesce({personal_text_sql(':text')}, 0)",
                                       {"text": text, "blank": BLANK, "placeholder": ANONYMISED_TEXT}).fetchone()[0]
            assert bool(found) is is_personal_text(text), repr(text)


DAY = date(2026, 2, 28)  # month ends and a leap day around every cut-off


def crafted(path: Path) -> dict[str, int]:
    """A dossier with an item on each side of every cut-off of ``DAY`` (person term 6 months)."""
    ids: dict[str, int] = {}
    with Dossier.create(path) as dossier:
        RetentionRepository(dossier).set_months(Category.PERSON, 6)
        ann = dossier.employees.add("Ann Claes").id
        absences = dossier.absences

        def absence(key: str, starts: date, returned: date | None, employee: int = ann, note: str = "") -> int:
            ids[key] = absences.add(employee, starts, returned_on=returned, note=note).id
            return ids[key]

        def contact(absence_id: int, day: date, summary: str, agreements: str = "") -> None:
            absences.add_contact(absence_id, datetime(day.year, day.month, day.day, 10), made_by="HR",
                                 channel=Channel.TELEFOON, summary=summary, agreements=agreements)

        contact(absence("leap day", date(2024, 2, 1), date(2024, 2, 29)), date(2024, 2, 2), "Gebeld")
        eva = dossier.employees.add("Eva Janssens").id
        contact(absence("day after", date(2024, 2, 20), date(2024, 3, 1), eva), date(2024, 2, 21), "Gebeld")
        blank = absence("only blanks", date(2024, 1, 2), date(2024, 1, 10), note="\t\n")
        contact(blank, date(2024, 1, 3), ANONYMISED_TEXT, "  ")
        absence("odd note", date(2024, 1, 12), date(2024, 1, 20), note="\xa0Belt zelf terug")
        wishes = absence("wishes", date(2023, 5, 1), date(2023, 6, 1))
        absences.set_agreement(wishes, date(2023, 5, 1), contact_role=ContactRole.HR, employee_wishes="Liever mailen")
        quiet = absence("anonymised wishes", date(2023, 7, 10), date(2023, 8, 1))
        absences.set_agreement(quiet, date(2023, 7, 10), contact_role=ContactRole.HR,
                               employee_wishes=f" {ANONYMISED_TEXT} ")
        force = absence("force majeure", date(2023, 6, 10), date(2023, 7, 1))
        with dossier.writing() as db:
            db.execute("INSERT INTO force_majeure_check (absence_id) VALUES (:a)", {"a": force})
        contact(absence("running", date(2025, 1, 5), None), date(2025, 1, 6), "Gebeld")

        bert = dossier.employees.add("Bert Wouters", out_of_service_from=date(2025, 8, 31)).id
        absence("left without a return", date(2023, 1, 2), None, bert, note="Notitie")
        absence("long ago", date(2022, 1, 3), date(2022, 1, 5), bert, note="Notitie")
        dossier.employees.add("Chris Peeters", out_of_service_from=date(2025, 9, 1))
        gone = dossier.employees.add("Dirk Maes", out_of_service_from=date(2020, 1, 1)).id
        with dossier.writing() as db:
            db.execute("UPDATE employee SET anonymised_on = '2021-01-01' WHERE id = :e", {"e": gone})

        trajectories = dossier.trajectories

        def trajectory(key: str, closed: date, **texts: str) -> int:
            ids[key] = trajectories.add(ann, TrajectoryKind.INFORMEEL, Initiator.WERKGEVER).id
            trajectories.update(ids[key], closed_on=closed, **texts)
            return ids[key]

        trajectory("closed on the cut-off", date(2021, 2, 28), closing_reason="Hersteld")
        trajectory("closed a day later", date(2021, 3, 1), closing_reason="Hersteld")
        planned = trajectory("text in the plan only", date(2020, 5, 1))
        trajectories.save_plan(PlanVersion(0, planned, 0, date(2020, 3, 1), adaptations=(
            Adaptation(AdaptationKind.TASKS, "Geen nachtdiensten"),)))
        trajectory("no text", date(2020, 6, 1))
    return ids


def due_keys(dossier: Dossier, day: date) -> set[tuple[str, int]]:
    """What the review would list on ``day``: (category, record)."""
    repo = RetentionRepository(dossier)
    return {item.key for item in due_items(repo.facts(), repo.settings(), day)}


def test_the_count_equals_the_review_list_on_each_side_of_the_cut_off(tmp_path: Path) -> None:
    ids = crafted(tmp_path / "grenzen.kmo")
    with Dossier.open(tmp_path / "grenzen.kmo", read_only=True) as dossier:
        repo = RetentionRepository(dossier)
        due = due_keys(dossier, DAY)
        absences = {n for c, n in due if c == Category.ABSENCE.value}
        assert absences == {ids[k] for k in ("leap day", "odd note", "wishes", "force majeure", "long ago")}
        trajectories = {n for c, n in due if c == Category.TRAJECTORY.value}
        assert trajectories == {ids["closed on the cut-off"], ids["text in the plan only"]}
        people = [n for c, n in due if c == Category.PERSON.value]
        assert [dossier.employees.get(n).name for n in people] == ["Bert Wouters"]
        assert repo.due_count(DAY) == len(due) == 8
        # A day later the items just after each cut-off are due as well.
        later = date(2026, 3, 1)
        assert repo.due_count(later) == len(due_keys(dossier, later)) == 11
        for day in (date(2021, 3, 1), date(2024, 2, 29), date(2025, 12, 31), date(2030, 1, 1)):
            assert repo.due_count(day) == len(due_keys(dossier, day)), day


def test_the_count_equals_the_review_list_on_the_demo(demo: Path) -> None:
    with Dossier.open(demo) as dossier:
        repo = RetentionRepository(dossier)
        counts = [repo.due_count(day) for day in (TODAY, LATER)]
        assert counts == [len(due_keys(dossier, day)) for day in (TODAY, LATER)] and counts[1] >= 5
        repo.set_months(Category.ABSENCE, 1)
        repo.set_months(Category.TRAJECTORY, 1200)
        assert repo.due_count(TODAY) == len(due_keys(dossier, TODAY)) > counts[0]


@pytest.fixture(scope="module")
def large_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kmo_reintegratie.demo import write_large_demo

    return write_large_demo(tmp_path_factory.mktemp("groot") / "groot.kmo", TODAY)


def test_the_count_equals_the_review_list_on_the_large_demo(large_demo: Path) -> None:
    with Dossier.open(large_demo, read_only=True) as dossier:
        repo = RetentionRepository(dossier)
        for day in (TODAY, date(TODAY.year - 2, 2, 29 if TODAY.year % 4 == 2 else 28), LATER):
            assert repo.due_count(day) == len(due_keys(dossier, day)) > 1000, day
