"""Self-assessment rules and storage, on real dossier files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kmo_reintegratie.assessment import (
    Action,
    ActionStatus,
    Answer,
    Change,
    SectionState,
    Urgency,
    compare_sections,
    section_state,
)
from kmo_reintegratie.store.dossier import Dossier

T, O, K = Answer.TOEGEPAST, Answer.OVERWEGEN, Answer.TEKORTKOMING


def test_section_state_follows_the_instrument_rules() -> None:
    assert section_state([T, T, T], 0) is SectionState.IN_ORDER
    assert section_state([T, O], 0) is SectionState.CONSIDER
    assert section_state([T, K], 0) is SectionState.ACTION_NEEDED
    assert section_state([T, K], 1) is SectionState.ACTION_PLANNED
    assert section_state([None, K], 0) is SectionState.ACTION_NEEDED
    assert section_state([None, T], 0) is SectionState.INCOMPLETE
    assert section_state([None, None], 0) is SectionState.NOT_ANSWERED
    assert not SectionState.IN_ORDER.shows_advice and SectionState.CONSIDER.shows_advice


def test_comparison_by_mean_points() -> None:
    assert compare_sections([K, O], [O, O]) is Change.BETTER
    assert compare_sections([T], [K]) is Change.WORSE
    assert compare_sections([T, K], [K, T]) is Change.SAME
    assert compare_sections([None], [T]) is Change.NOT_COMPARABLE


def test_urgency_relative_to_today() -> None:
    action = Action(1, 1, "c1.s1.1", "x", due=date(2026, 3, 10))
    assert action.urgency(date(2026, 3, 11)) is Urgency.OVERDUE
    assert action.urgency(date(2026, 3, 1)) is Urgency.DUE_SOON
    assert action.urgency(date(2026, 1, 1)) is Urgency.NONE
    done = Action(1, 1, "c1.s1.1", "x", due=date(2026, 3, 10), status=ActionStatus.AFGEROND)
    assert done.urgency(date(2027, 1, 1)) is Urgency.NONE


def test_answers_comments_and_actions_survive_reopening(dossier_path: Path) -> None:
    tricky = "Opmerking met “quotes”, 'apostrof’, emoji 😀 en\nregeleinde. " + "x" * 10_000
    with Dossier.open(dossier_path) as dossier:
        r = dossier.assessments.create_round("Zelfevaluatie 2026", date(2026, 3, 1))
        dossier.assessments.set_answer(r.id, "c1.q1.1.1", K)
        dossier.assessments.set_answer(r.id, "c1.q1.1.2", T)
        dossier.assessments.set_answer(r.id, "c1.q1.1.2", None)
        dossier.assessments.set_comment(r.id, "c1.s1.1", tricky)
        dossier.assessments.add_action(r.id, "c1.s1.1", tricky, who="HR", due=date(2026, 6, 30))
    with Dossier.open(dossier_path) as dossier:
        data = dossier.assessments.round_data(r.id)
    assert data.answers == {"c1.q1.1.1": K}
    assert data.comments["c1.s1.1"] == tricky
    assert data.actions[0].what == tricky and data.actions[0].due == date(2026, 6, 30)


def test_empty_action_is_refused_not_stored(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        r = dossier.assessments.create_round("R", date(2026, 1, 1))
        with pytest.raises(ValueError):
            dossier.assessments.add_action(r.id, "c1.s1.1", "   ")
        assert dossier.assessments.actions(r.id) == []


def test_new_round_copies_answers_and_unfinished_actions_and_closes_the_old(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        repo = dossier.assessments
        old = repo.create_round("Zelfevaluatie 2025", date(2025, 10, 1))
        repo.set_answer(old.id, "c2.q1.1.1", K)
        repo.set_answer(old.id, "c3.q1.1.1", O)
        repo.add_action(old.id, "c2.s1.1", "Huisregels opschrijven", status=ActionStatus.OPEN)
        repo.add_action(old.id, "c2.s1.1", "Bezig ermee", status=ActionStatus.BEZIG)
        repo.add_action(old.id, "c2.s1.1", "Al gedaan", status=ActionStatus.AFGEROND)
        new = repo.create_round("Zelfevaluatie 2026", date(2026, 10, 1), copy_from=old.id)
        assert repo.answers(new.id) == {"c2.q1.1.1": K, "c3.q1.1.1": O}
        carried = repo.actions(new.id)
        assert [a.what for a in carried] == ["Huisregels opschrijven", "Bezig ermee"]
        assert all(a.carried_from is not None for a in carried)
        assert repo.round(old.id).closed and not repo.round(new.id).closed
        repo.set_answer(new.id, "c2.q1.1.1", T)
        assert repo.answers(old.id)["c2.q1.1.1"] is K  # the earlier round is untouched


def test_deleted_action_can_be_restored(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        repo = dossier.assessments
        r = repo.create_round("R", date(2026, 1, 1))
        action = repo.add_action(r.id, "c1.s1.1", "Iets doen", who="Jan")
        gone = repo.delete_action(action.id)
        assert repo.actions(r.id) == []
        repo.restore_action(gone)
        assert repo.actions(r.id)[0].what == "Iets doen"


def test_demo_has_a_closed_earlier_round_and_a_current_round_in_progress(demo_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        rounds = dossier.assessments.rounds()
        assert [r.closed for r in rounds] == [False, True]
        current = dossier.assessments.round_data(rounds[0].id)
        earlier = dossier.assessments.round_data(rounds[1].id)
    assert len(earlier.answers) == 93
    assert 0 < len(current.answers) < 93
    assert {a.status for a in current.actions} >= {ActionStatus.OPEN, ActionStatus.BEZIG}
    assert set(current.answers.values()) == {T, O, K}


def test_restoring_an_action_whose_id_was_reused_keeps_both(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        repo = dossier.assessments
        r = repo.create_round("R", date(2026, 1, 1))
        gone = repo.delete_action(repo.add_action(r.id, "c1.s1.1", "Eerste").id)
        repo.add_action(r.id, "c1.s1.1", "Nieuw")  # SQLite may hand out the same id again
        repo.restore_action(gone)
        assert sorted(a.what for a in repo.actions(r.id)) == ["Eerste", "Nieuw"]
