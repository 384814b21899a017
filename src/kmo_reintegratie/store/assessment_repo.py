"""Self-assessment rounds, their answers, section comments and actions.

Answers, comments, an action's text, deadline or status and a round's title store no one's
name: after them the dossier's names stay as read (``people_names.names_kept``), so the
privacy warnings of the next section need not read every person again.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from kmo_reintegratie.assessment import Action, ActionStatus, Answer, Round, RoundData
from kmo_reintegratie.dates import from_iso, iso

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

ACTION_FIELDS = ("what", "who", "due", "remarks", "status")


def _round(row: dict[str, Any]) -> Round:
    return Round(row["id"], row["title"], date.fromisoformat(row["held_on"]), row["based_on"], bool(row["closed"]))


def _action(row: dict[str, Any]) -> Action:
    return Action(
        id=row["id"],
        round_id=row["round_id"],
        section_id=row["section_id"],
        what=row["what"],
        who=row["who"],
        due=from_iso(row["due"]),
        remarks=row["remarks"],
        status=ActionStatus(row["status"]),
        carried_from=row["carried_from"],
    )


def _names_kept(dossier: "Dossier", before: int) -> None:
    # Imported here: a dossier is opened at start, the name finder is needed later.
    from kmo_reintegratie.store.people_names import names_kept

    names_kept(dossier, before)


class AssessmentRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    # -- rounds -----------------------------------------------------------------

    def rounds(self) -> list[Round]:
        """All rounds, newest first."""
        rows = self._dossier.query("SELECT * FROM assessment_round ORDER BY held_on DESC, id DESC")
        return [_round(r) for r in rows]

    def round(self, round_id: int) -> Round:
        return _round(self._dossier.row("assessment_round", round_id))

    def latest_round(self) -> Round | None:
        rounds = self.rounds()
        return rounds[0] if rounds else None

    def create_round(self, title: str, held_on: date, *, copy_from: int | None = None) -> Round:
        """Start a round, empty or from an earlier one's answers and unfinished actions.

        Earlier rounds are closed, so they stay readable but are not edited by accident.
        """
        title = title.strip()
        if not title:
            raise ValueError("Geef de ronde een titel, bv. 'Zelfevaluatie 2026'.")
        now = self._dossier.now()
        with self._dossier.writing() as db:
            db.execute("UPDATE assessment_round SET closed = 1, updated_at = :now WHERE closed = 0", {"now": now})
            round_id = db["assessment_round"].insert(
                {"title": title, "held_on": held_on.isoformat(), "based_on": copy_from,
                 "closed": 0, "created_at": now, "updated_at": now}
            ).last_pk
            if copy_from is not None:
                params = {"new": round_id, "old": copy_from, "now": now}
                db.execute(
                    "INSERT INTO assessment_answer (round_id, question_id, answer, created_at, updated_at) "
                    "SELECT :new, question_id, answer, :now, :now FROM assessment_answer WHERE round_id = :old",
                    params,
                )
                db.execute(
                    "INSERT INTO assessment_action (round_id, section_id, what, who, due, remarks, status, "
                    "carried_from, created_at, updated_at) "
                    "SELECT :new, section_id, what, who, due, remarks, status, id, :now, :now "
                    "FROM assessment_action WHERE round_id = :old AND status <> 'afgerond' ORDER BY id",
                    params,
                )
        return self.round(int(round_id))

    def set_round_closed(self, round_id: int, closed: bool) -> None:
        before = self._dossier.changes
        with self._dossier.writing() as db:
            db["assessment_round"].update(round_id, {"closed": int(closed), "updated_at": self._dossier.now()})
        _names_kept(self._dossier, before)

    def rename_round(self, round_id: int, title: str, held_on: date) -> None:
        if not title.strip():
            raise ValueError("Geef de ronde een titel.")
        before = self._dossier.changes
        with self._dossier.writing() as db:
            db["assessment_round"].update(
                round_id, {"title": title.strip(), "held_on": held_on.isoformat(), "updated_at": self._dossier.now()}
            )
        _names_kept(self._dossier, before)

    def delete_round(self, round_id: int) -> None:
        with self._dossier.writing() as db:
            db.execute("DELETE FROM assessment_round WHERE id = :id", {"id": round_id})

    # -- answers and comments ---------------------------------------------------------

    def answers(self, round_id: int) -> dict[str, Answer]:
        rows = self._dossier.execute(
            "SELECT question_id, answer FROM assessment_answer WHERE round_id = :r", {"r": round_id}
        ).fetchall()
        return {question: Answer(answer) for question, answer in rows}

    def set_answer(self, round_id: int, question_id: str, answer: Answer | None) -> None:
        """Store or clear (None) the answer to one question."""
        now = self._dossier.now()
        before = self._dossier.changes
        with self._dossier.writing() as db:
            if answer is None:
                db.execute(
                    "DELETE FROM assessment_answer WHERE round_id = :r AND question_id = :q",
                    {"r": round_id, "q": question_id},
                )
            else:
                db.execute(
                    "INSERT INTO assessment_answer (round_id, question_id, answer, created_at, updated_at) "
                    "VALUES (:r, :q, :a, :now, :now) ON CONFLICT(round_id, question_id) "
                    "DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at",
                    {"r": round_id, "q": question_id, "a": answer.value, "now": now},
                )
        _names_kept(self._dossier, before)

    def comments(self, round_id: int) -> dict[str, str]:
        rows = self._dossier.execute(
            "SELECT section_id, comment FROM assessment_comment WHERE round_id = :r", {"r": round_id}
        ).fetchall()
        return dict(rows)

    def set_comment(self, round_id: int, section_id: str, comment: str) -> None:
        now = self._dossier.now()
        before = self._dossier.changes
        with self._dossier.writing() as db:
            if not comment.strip():
                db.execute(
                    "DELETE FROM assessment_comment WHERE round_id = :r AND section_id = :s",
                    {"r": round_id, "s": section_id},
                )
            else:
                db.execute(
                    "INSERT INTO assessment_comment (round_id, section_id, comment, created_at, updated_at) "
                    "VALUES (:r, :s, :c, :now, :now) ON CONFLICT(round_id, section_id) "
                    "DO UPDATE SET comment = excluded.comment, updated_at = excluded.updated_at",
                    {"r": round_id, "s": section_id, "c": comment, "now": now},
                )
        _names_kept(self._dossier, before)

    # -- actions ------------------------------------------------------------------------

    def actions(self, round_id: int, section_id: str | None = None) -> list[Action]:
        sql = "SELECT * FROM assessment_action WHERE round_id = :r"
        params: dict[str, Any] = {"r": round_id}
        if section_id is not None:
            sql += " AND section_id = :s"
            params["s"] = section_id
        return [_action(r) for r in self._dossier.query(sql + " ORDER BY id", params)]

    def action(self, action_id: int) -> Action:
        return _action(self._dossier.row("assessment_action", action_id))

    def add_action(
        self,
        round_id: int,
        section_id: str,
        what: str,
        *,
        who: str = "",
        due: date | None = None,
        remarks: str = "",
        status: ActionStatus = ActionStatus.OPEN,
    ) -> Action:
        """Store a new action; an action without a description is refused (no phantom rows)."""
        if not what.strip():
            raise ValueError("Beschrijf eerst de actie.")
        now = self._dossier.now()
        with self._dossier.writing() as db:
            action_id = db["assessment_action"].insert(
                {"round_id": round_id, "section_id": section_id, "what": what, "who": who,
                 "due": iso(due), "remarks": remarks, "status": status.value,
                 "created_at": now, "updated_at": now}
            ).last_pk
        return self.action(int(action_id))

    def update_action(self, action_id: int, **changes: object) -> Action:
        unknown = set(changes) - set(ACTION_FIELDS)
        if unknown:
            raise KeyError(f"onbekende velden: {sorted(unknown)}")
        if "what" in changes and not str(changes["what"]).strip():
            raise ValueError("Een actie zonder omschrijving kan niet bewaard worden.")
        values: dict[str, object] = {}
        for key, value in changes.items():
            if key == "due":
                value = iso(value)  # type: ignore[arg-type]
            elif key == "status":
                value = ActionStatus(value).value
            values[key] = value
        before = self._dossier.changes
        with self._dossier.writing() as db:
            db["assessment_action"].update(action_id, {**values, "updated_at": self._dossier.now()})
        if "who" not in values:  # "Wie" may name someone new
            _names_kept(self._dossier, before)
        return self.action(action_id)

    def delete_action(self, action_id: int) -> Action:
        """Delete and return the action, so the caller can offer to undo."""
        action = self.action(action_id)
        with self._dossier.writing() as db:
            db.execute("DELETE FROM assessment_action WHERE id = :id", {"id": action_id})
        return action

    def restore_action(self, action: Action) -> Action:
        """Put a deleted action back, with its original id unless that id was given away since."""
        now = self._dossier.now()
        taken = self._dossier.execute("SELECT 1 FROM assessment_action WHERE id = :id", {"id": action.id}).fetchone()
        with self._dossier.writing() as db:
            new_id = db["assessment_action"].insert(
                {**({} if taken else {"id": action.id}), "round_id": action.round_id, "section_id": action.section_id,
                 "what": action.what, "who": action.who, "due": iso(action.due), "remarks": action.remarks,
                 "status": action.status.value, "carried_from": action.carried_from,
                 "created_at": now, "updated_at": now}
            ).last_pk
        return self.action(int(new_id))

    # -- everything at once ------------------------------------------------------------

    def round_data(self, round_id: int) -> RoundData:
        return RoundData(
            round=self.round(round_id),
            answers=self.answers(round_id),
            comments=self.comments(round_id),
            actions=tuple(self.actions(round_id)),
        )

    def who_suggestions(self) -> list[str]:
        """Earlier 'Wie' values, most used first (roles from the profile are added by the caller)."""
        rows = self._dossier.execute(
            "SELECT who FROM assessment_action WHERE trim(who) <> '' GROUP BY who ORDER BY count(*) DESC, who"
        ).fetchall()
        return [r[0] for r in rows]
