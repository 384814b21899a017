"""Everyone a dossier names, wherever it is stored: what anonymous documents must not name.

Read-only, a handful of queries (a few milliseconds for the demo). The employees' names are
names by design; the other fields (a manager, the colleague who made a contact, the "Wie" of
an action, the participants of a consultation, a mentor, the people in the organisation's
roles, the logbook's users) may hold a function instead ("Directie", "Sofie (HR)"), so they
are read with ``names_in_field``. People who were anonymised are no longer anyone.

``dossier_names`` keeps what it read per open dossier: on a large dossier reading everyone
takes tens of milliseconds (100,000 contacts to scan for who made them), and the action
plan and every section of the self-assessment ask for the names again.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from kmo_reintegratie.organisation import Role
from kmo_reintegratie.person_names import (
    NAME_PARTICLES,
    TITLES,
    DossierPeople,
    Person,
    PersonNames,
    name_lists,
)
from kmo_reintegratie.privacy import fold

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

# Fields that name people among other things, one column each (table, column).
_MENTIONS = (
    ("employee", "manager"),
    ("contact_agreement", "contact_name"),
    ("contact_entry", "made_by"),
    ("assessment_action", "who"),
    ("trajectory", "consultation_participants"),
    ("audit_entry", "actor"),
)


_FIELD_SEPARATORS = re.compile(r"[,;/&+\n]|\s(?:en|of|met|and)\s", re.IGNORECASE)
_BRACKETS = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# Words ending so say what someone does ("Keukenverantwoordelijke", "Huisarts").
_ROLE_SUFFIXES = (
    "verantwoordelijke", "kundige", "medewerker", "medewerkster", "adviseur", "adviseuse",
    "leider", "leidster", "coordinator", "hoofd", "dienst", "directeur", "assistent", "manager",
    "persoon", "arts",
)


def _is_role(key: str, roles: frozenset[str]) -> bool:
    if key in name_lists().functions or key in roles:
        return True
    return any(key.endswith(s) and len(key) - len(s) >= 4 for s in _ROLE_SUFFIXES)


def names_in_field(text: str, roles: Iterable[str] = (), *, min_words: int = 1) -> list[str]:
    """The people named in a field that may also hold a function or a team.

    A name is a run of capitalised words (particles between them allowed); words in
    brackets, titles, functions ("Directie", "Hoofdverpleegkundige", the words of
    ``roles``) and all-capital abbreviations ("HR") are not. ``min_words``: the least
    number of words that are not particles ("Team Dendermonde" names no person with 2).
    """
    return _names_in_field(text, _role_keys(roles), min_words)


def _role_keys(roles: Iterable[str]) -> frozenset[str]:
    return frozenset(w for r in roles for w in re.findall(r"\w+", fold(r)))


def _names_in_field(text: str, role_keys: frozenset[str], min_words: int) -> list[str]:
    found: list[str] = []
    for piece in _FIELD_SEPARATORS.split(_BRACKETS.sub(" ", text)):
        run: list[str] = []

        def flush() -> None:
            while run and fold(run[-1]) in NAME_PARTICLES:
                run.pop()
            if sum(fold(w) not in NAME_PARTICLES for w in run) >= min_words:
                found.append(" ".join(run))
            run.clear()

        for token in piece.split():
            word = token.strip(".,:;!?\"'“”‘’")
            key = fold(word)
            if not word or key in TITLES:
                continue
            if key in NAME_PARTICLES:
                run.append(word)
            elif word[0].isupper() and any(c.islower() for c in word) and not _is_role(
                key.replace("-", ""), role_keys
            ):
                run.append(word)
            else:
                flush()
        flush()
    return list(dict.fromkeys(found))


def dossier_people(dossier: Dossier) -> DossierPeople:
    """The people of ``dossier`` (employees, managers, contacts, roles, mentors, users), the
    external service's team name as a phrase, and the organisation's and departments' names."""
    db = dossier
    employees = db.execute(
        "SELECT name, email, function, department FROM employee WHERE anonymised_on IS NULL"
    ).fetchall()
    functions = {function for _, _, function, _ in employees if function}
    role_keys = _role_keys(functions)  # once, not for every field read
    people = [
        Person(name, employee=True, emails=(email,) if email else ())
        for name, email, _, _ in employees
    ]
    ignore = {department for *_, department in employees if department}
    ignore.update(row[0] for row in db.execute("SELECT name FROM organisation") if row[0])

    phrases = []
    for role, name, organisation, email in db.execute(
        "SELECT role, name, organisation, email FROM role_contact"
    ):
        service = role == Role.EXTERNE_DIENST.value
        if service and name.strip():
            phrases.append(name.strip())
        # A team's name ("Team Dendermonde") is no person; a full name in it is.
        found = _names_in_field(name, role_keys, 2 if service else 1)
        emails = (email,) if email else ()
        people.extend(Person(n, emails=emails) for n in found)
        if emails and not found:
            people.append(Person("", emails=emails))
        if organisation:
            ignore.add(organisation)

    for table, column in _MENTIONS:
        # Empty ones are left out here, not in SQL: trim() on each of 100,000 contacts costs
        # more than the few distinct values it would leave out.
        for (text,) in db.execute(f"SELECT DISTINCT {column} FROM {table}"):  # noqa: S608
            if text and text.strip():
                people.extend(Person(n) for n in _names_in_field(text, role_keys, 1))
    for (checklist,) in db.execute("SELECT DISTINCT checklist FROM plan_version"):
        mentor = json.loads(checklist or "{}").get("mentor") or ""
        people.extend(Person(n) for n in _names_in_field(mentor, role_keys, 1))

    return DossierPeople(
        people=tuple(dict.fromkeys(people)),
        phrases=tuple(phrases),
        ignore=tuple(sorted(ignore)),
    )


@dataclass
class _Read:
    """What ``dossier_names`` read: at which version, and whether its writer is known."""

    version: tuple[int, int]
    names: PersonNames
    #: The name this process logs its writes under, when the logbook held it already (so a
    #: write logged under it names no one new); None otherwise.
    actor: str | None


# Per open dossier. Weak: a closed dossier's names go with it.
_read: WeakKeyDictionary[Dossier, _Read] = WeakKeyDictionary()


def _version(dossier: Dossier) -> tuple[int, int]:
    """Changes since the names were read show in this: ``changes`` counts this process's
    transactions; ``data_version`` moves when another connection wrote (a dossier opened
    read-only while someone else holds it)."""
    return dossier.changes, dossier.execute("PRAGMA data_version").fetchone()[0]


def dossier_names(dossier: Dossier) -> PersonNames:
    """Everyone ``dossier`` names, ready to be found in texts (``dossier_people(…).names()``).

    Read once and kept until the dossier changes (see also ``names_kept``): a caller may ask
    at every load. Inside a transaction that is not committed yet the names are read afresh
    and not kept.
    """
    version = _version(dossier)
    kept = _read.get(dossier)
    if kept is not None and kept.version == version:
        return kept.names
    names = dossier_people(dossier).names()
    if not dossier.conn.in_transaction:
        _read[dossier] = _Read(version, names, _logged_actor(dossier))
    return names


def _logged_actor(dossier: Dossier) -> str | None:
    from kmo_reintegratie.store import audit

    actor = audit.actor(dossier)
    if not actor:
        return None
    logged = dossier.execute("SELECT 1 FROM audit_entry WHERE actor = ? LIMIT 1", (actor,))
    return actor if logged.fetchone() is not None else None


def names_are_read(dossier: Dossier) -> bool:
    """Whether ``dossier_names`` would answer at once (what it read is still current)."""
    kept = _read.get(dossier)
    return kept is not None and kept.version == _version(dossier)


def names_kept(dossier: Dossier, before: int) -> None:
    """After one write that stores no one's name (an answer, a comment, an action's text or
    deadline): the names read when ``dossier.changes`` was ``before`` are still everyone.

    Kept only when exactly that one transaction was committed since and the logbook already
    held the name it was logged under; otherwise they are read again when next asked for.
    """
    kept = _read.get(dossier)
    if kept is None or kept.actor is None or dossier.conn.in_transaction:
        return
    version = _version(dossier)
    if kept.version != (before, version[1]) or dossier.changes != before + 1:
        return
    from kmo_reintegratie.store import audit

    if audit.actor(dossier) == kept.actor:
        kept.version = version
