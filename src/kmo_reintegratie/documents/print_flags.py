"""The check before printing: which printed free texts hold a medical word or a person's name.

Pure (no Qt). ``check_before_printing`` reads what a document will print
(``printed_texts``) and flags, per passage, the medical words
(``privacy.find_medical_terms``) and, where names matter (anonymous documents and
documents for the committee), the names of everyone the dossier stores (employees,
managers, contact persons, the organisation's roles, mentors: ``store.people_names``)
as ``person_names`` finds them — the same finder that masks the jaarverslag. The window
asks before printing a flagged document for the employee or the committee; an internal
document is never held up.

Fast enough for the worker that makes the PDF: a few milliseconds for a demo-sized
dossier; the dossier reads are the same the exporter does next.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from kmo_reintegratie.documents.printed_texts import (
    DOCUMENT_PRIVACY,
    Audience,
    Passage,
    printed_passages,
)
from kmo_reintegratie.person_names import PersonNames
from kmo_reintegratie.privacy import find_medical_terms
from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier


class Reason(str, Enum):
    MEDICAL = "medisch woord"
    NAME = "naam van een persoon"


@record
class Flag:
    """``passage.text[start:end] == word``, flagged for ``reason``."""

    start: int
    end: int
    word: str
    reason: Reason


@record
class FlaggedPassage:
    passage: Passage
    flags: tuple[Flag, ...]  # in text order, never overlapping

    @property
    def reasons(self) -> tuple[Reason, ...]:
        return tuple(r for r in Reason if any(f.reason is r for f in self.flags))


@record
class PrintCheck:
    document: str
    audience: Audience
    flagged: tuple[FlaggedPassage, ...] = ()

    @property
    def asks(self) -> bool:
        """Whether the user is asked before printing: flagged text for the employee or committee."""
        return bool(self.flagged) and self.audience is not Audience.INTERNAL


def dossier_names(dossier: Dossier) -> PersonNames:
    """Everyone the dossier names; words of the organisation's and departments' names alone
    are no name ("afdeling Linde"). Kept per open dossier until it changes."""
    from kmo_reintegratie.store.people_names import dossier_names as kept_names

    return kept_names(dossier)


def flag_passages(
    passages: Iterable[Passage], names: PersonNames | None
) -> list[FlaggedPassage]:
    """The passages with a medical word, or with a name when ``names`` is given."""
    result = []
    for passage in passages:
        medical = find_medical_terms(passage.text)
        flags = [Flag(m.start, m.end, m.word, Reason.MEDICAL) for m in medical]
        if names is not None and not passage.names_expected:
            for match in names.find(passage.text):
                if not any(match.start < f.end and f.start < match.end for f in flags):
                    flags.append(Flag(match.start, match.end, match.word, Reason.NAME))
        if flags:
            result.append(FlaggedPassage(passage, tuple(sorted(flags, key=lambda f: f.start))))
    return result


def check_before_printing(
    dossier: Dossier, name: str, options: ExportOptions, today: date
) -> PrintCheck:
    """What the window shows before printing document ``name`` (see ``PrintCheck.asks``).

    An unknown document name counts as one for the employee, without texts to check.
    """
    privacy = DOCUMENT_PRIVACY.get(name)
    if privacy is None or privacy.audience is Audience.INTERNAL:
        return PrintCheck(name, privacy.audience if privacy else Audience.EMPLOYEE)
    passages = printed_passages(dossier, name, options, today)
    if not passages:
        return PrintCheck(name, privacy.audience)
    names = dossier_names(dossier) if privacy.names_matter else None
    return PrintCheck(name, privacy.audience, tuple(flag_passages(passages, names)))
