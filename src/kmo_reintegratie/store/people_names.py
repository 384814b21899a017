"""Everyone a dossier names, wherever it is stored: what anonymous documents must not name.

Read-only, a handful of queries (a few milliseconds for the demo). The employees' names are
names by design; the other fields (a manager, the colleague who made a contact, the "Wie" of
an action, the participants of a consultation, a mentor, the people in the organisation's
roles, the logbook's users) may hold a function instead ("Directie", "Sofie (HR)"), so they
are read with ``names_in_field``. People who were anonymised are no longer anyone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from kmo_reintegratie.organisation import Role
from kmo_reintegratie.person_names import (
    NAME_PARTICLES,
    TITLES,
    DossierPeople,
    Person,
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
    role_keys = frozenset(w for r in roles for w in re.findall(r"\w+", fold(r)))
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
        found = names_in_field(name, functions, min_words=2 if service else 1)
        emails = (email,) if email else ()
        people.extend(Person(n, emails=emails) for n in found)
        if emails and not found:
            people.append(Person("", emails=emails))
        if organisation:
            ignore.add(organisation)

    for table, column in _MENTIONS:
        for (text,) in db.execute(
            f"SELECT DISTINCT {column} FROM {table} WHERE trim({column}) <> ''"  # noqa: S608
        ):
            people.extend(Person(n) for n in names_in_field(text, functions))
    for (checklist,) in db.execute("SELECT DISTINCT checklist FROM plan_version"):
        mentor = json.loads(checklist or "{}").get("mentor") or ""
        people.extend(Person(n) for n in names_in_field(mentor, functions))

    return DossierPeople(
        people=tuple(dict.fromkeys(people)),
        phrases=tuple(phrases),
        ignore=tuple(sorted(ignore)),
    )
