"""Privacy guard: warn when free text about an employee looks medical.

An employer may not record medical data (diagnosis, symptoms, treatment,
medication). The program warns while the user types; it never blocks. The
words come from ``resources/privacy/medische_woorden.txt``, whose header
documents the entry syntax and the choices about false alarms.

What callers may rely on:

* ``find_medical_terms(text)`` returns the medical words in ``text`` as
  ``Match(start, end, word)`` with ``text[start:end] == word``, in text order,
  without overlaps. Matching ignores case and accents and only matches whole
  words (or whole phrases); an empty list means "nothing to warn about".
* It is fast enough to call on every keystroke: one precompiled regex, well
  under 10 ms for 10,000 characters.
* ``load_medical_terms()`` reads the packaged list once and caches it.
* ``PRIVACY_EXPLANATION`` is a short Dutch text to show with the warning.
* Text is normalised before matching (``fold_text``): case and accents, compatibility
  forms (full-width letters, ligatures, non-breaking spaces and hyphens), invisible
  characters (soft hyphen, zero-width spaces and joiners, byte-order mark) and letters of
  other scripts that look Latin (Cyrillic "а", Greek "ο"). Medical words are also found
  when broken over two lines with a hyphen ("depres-" / "sie") and with a digit drawn for
  a letter between letters ("kank3r", "burn0ut"). Positions always refer to the original
  text, so the highlighted span is what the user typed, invisible characters included.
* ``PersonNames``, ``find_person_names``: the names of people, see ``person_names``
  (importable from here too, as the window always did).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.person_names import PersonNames, find_person_names

__all__ = [
    "NAMES_EXPLANATION",
    "PRIVACY_EXPLANATION",
    "FoldedText",
    "Match",
    "MedicalTerms",
    "PersonNames",
    "find_medical_terms",
    "find_person_names",
    "fold",
    "fold_text",
    "load_medical_terms",
]

PRIVACY_EXPLANATION = (
    "Als werkgever mag u geen medische gegevens over een werknemer noteren, "
    "zoals een diagnose, symptomen, een behandeling of medicatie. "
    "Noteer alleen functionele informatie: wat de werknemer wel en niet kan, "
    "en wanneer hij of zij beschikbaar is. "
    "Medische vragen horen thuis bij de arbeidsarts."
)

NAMES_EXPLANATION = (
    "Deze tekst komt in een document voor het comité of in een anoniem overzicht. "
    "Beschrijf wat er gebeurde zonder te zeggen over wie het gaat."
)

_WORD_LIST_FOLDER = "privacy"
_WORD_LIST_NAME = "medische_woorden.txt"
_WILDCARD = "*"
_EXCLUSION = "!"


@record(slots=True)
class Match:
    """One medical word or phrase found in a text: ``text[start:end] == word``."""

    start: int
    end: int
    word: str


# Letters of other scripts drawn (almost) like Latin ones, and dashes drawn like a hyphen.
# Capitals are listed apart: the Greek capital eta "Η" looks like H, its small form like n.
_LOOK_ALIKES = {
    **dict(zip("АВЕКМНОРСТХУЅІЈ", "abekmhopctxysij")),  # Cyrillic capitals
    **dict(zip("авеёкмнорстхуѕіїјԁԛԝһӏ", "abeekmhopctxysiijdqwhl")),  # Cyrillic
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "abezhikmnoptyx")),  # Greek capitals
    **dict(zip("αειικνορτυχ", "aeiiknoptux")),  # Greek
    "ı": "i", "ɡ": "g", "ł": "l", "ø": "o", "đ": "d",
    "\u2010": "-", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\u2019": "'", "\u02bc": "'",
}


class _FoldTable(dict[int, str]):
    """``str.translate`` table: one character to what it is compared as (maybe "" or more).

    Compatibility forms are decomposed (NFKD: "ﬁ" → "fi", full-width "ｄ" → "d", a
    non-breaking space → " "), accents and other combining marks dropped, invisible format
    characters (soft hyphen, zero-width space and joiners, byte-order mark: category Cf)
    dropped, look-alike letters replaced, the rest lowercased.
    """

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if unicodedata.category(char) == "Cf":
            folded = ""
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            folded = "".join(_LOOK_ALIKES.get(c) or _lower(c) for c in base)
        self[code] = folded
        return folded


def _lower(char: str) -> str:
    lower = char.lower()
    if len(lower) != 1:  # "İ" lowercases to "i" plus a dot
        lower = "".join(
            c for c in unicodedata.normalize("NFKD", lower) if not unicodedata.combining(c)
        )
    return _LOOK_ALIKES.get(lower, lower)


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """``text`` as it is compared (see ``_FoldTable``), without positions."""
    return text.translate(_FOLD)


@record(slots=True)
class FoldedText:
    """A folded text and, for each of its characters, where it came from in the original."""

    text: str
    original_length: int
    #: ``origin[i]`` is the index in the original of ``text[i]``; None: the same index.
    origin: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original span of folded ``text[start:end]``: from the first character it came
        from to the last, with characters dropped right after it (a soft hyphen) included."""
        if self.origin is None:
            return start, end
        first = self.origin[start]
        if end >= len(self.origin):
            return first, self.original_length
        return first, max(self.origin[end - 1] + 1, self.origin[end])

    def without(self, spans: list[tuple[int, int]]) -> FoldedText:
        """This text with the folded ``spans`` left out (positions kept)."""
        origin = self.origin or range(len(self.text))
        kept_text, kept_origin, position = [], [], 0
        for start, end in spans:
            kept_text.append(self.text[position:start])
            kept_origin.extend(origin[position:start])
            position = end
        kept_text.append(self.text[position:])
        kept_origin.extend(origin[position:])
        return FoldedText("".join(kept_text), self.original_length, tuple(kept_origin))


def fold_text(text: str) -> FoldedText:
    """``text`` folded for comparison (see ``_FoldTable``), with its positions."""
    folded = text.translate(_FOLD)
    uneven = [c for c in set(text) if len(_FOLD[ord(c)]) != 1]
    if not uneven:
        return FoldedText(folded, len(text))
    origin: list[int] = []
    position = 0
    for found in re.finditer("[" + "".join(re.escape(c) for c in uneven) + "]", text):
        origin.extend(range(position, found.start()))
        origin.extend([found.start()] * len(_FOLD[ord(found.group())]))
        position = found.end()
    origin.extend(range(position, len(text)))
    return FoldedText(folded, len(text), tuple(origin))


# A word broken over two lines ("depres-" / "sie", as copied from a PDF) is one word.
_LINE_BREAK_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
# A digit between letters drawn for a letter: "kank3r", "burn0ut" (never a number: "covid-19").
_DIGIT_FOR_LETTER = re.compile(r"(?<=[^\W\d_])[013457](?=[^\W\d_])")
_DIGIT_LETTERS = str.maketrans("013457", "oieast")


def _for_medical_words(folded: FoldedText) -> FoldedText:
    breaks = [m.span() for m in _LINE_BREAK_HYPHEN.finditer(folded.text)]
    if breaks:
        folded = folded.without(breaks)
    if _DIGIT_FOR_LETTER.search(folded.text):
        text = _DIGIT_FOR_LETTER.sub(lambda m: m.group().translate(_DIGIT_LETTERS), folded.text)
        folded = FoldedText(text, folded.original_length, folded.origin)
    return folded


_ANY_LETTERS = r"\w*"
_WHITESPACE = r"\s+"
_WORD_END = r"(?!\w)"
# The regex takes the first alternative that fits, not the longest. Trying a
# phrase continuation, then literal characters, then a wildcard, then the word
# end makes the longer entry win: "hernia-operatie" over "hernia*" (whose
# wildcard would stop at the dash), "gebroken rib*" over a bare "gebroken*".
_ATOM_ORDER = {_WHITESPACE: 0, _ANY_LETTERS: 2, _WORD_END: 3}


def _entry_atoms(entry: str) -> list[str]:
    """Split one list entry (without ``!``) into regex atoms.

    An atom is one escaped folded character, ``\\w*`` for a wildcard,
    ``\\s+`` between the words of a phrase, and a final word-end check.
    Raises ``ValueError`` for a misplaced wildcard.
    """
    atoms: list[str] = []
    for index, token in enumerate(entry.split()):
        leading = token.startswith(_WILDCARD)
        trailing = token.endswith(_WILDCARD) and len(token) > 1
        core = token[1 if leading else 0 : len(token) - 1 if trailing else len(token)]
        if not core or _WILDCARD in core:
            raise ValueError(
                f"'*' mag alleen aan het begin of einde van een woord staan: {token!r}"
            )
        if index:
            atoms.append(_WHITESPACE)
        if leading:
            atoms.append(_ANY_LETTERS)
        atoms.extend(re.escape(char) for char in fold(core))
        if trailing:
            atoms.append(_ANY_LETTERS)
    atoms.append(_WORD_END)
    return atoms


def _alternation(entries: Iterable[str]) -> str:
    """One regex matching any of ``entries``, factored as a trie.

    Python's regex engine tries alternatives one by one but skips a branch at
    once when its first literal does not match; sharing prefixes in a trie
    keeps a 10,000-character check to about a millisecond with hundreds of
    entries.
    """
    trie: dict[str, dict] = {}
    for entry in entries:
        node = trie
        for atom in _entry_atoms(entry):
            node = node.setdefault(atom, {})
    if not trie:
        return "(?!)"

    def emit(node: dict[str, dict]) -> str:
        if not node:
            return ""
        branches = [
            atom + emit(child)
            for atom, child in sorted(node.items(), key=lambda item: _ATOM_ORDER.get(item[0], 1))
        ]
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return emit(trie)


@record(slots=True)
class MedicalTerms:
    """A parsed word list, compiled into one regex.

    ``terms`` and ``exclusions`` keep the entries as written (exclusions
    without their ``!``). Build one with ``from_lines``.
    """

    terms: tuple[str, ...]
    exclusions: tuple[str, ...]
    pattern: re.Pattern[str] = field(repr=False, compare=False)

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> MedicalTerms:
        """Parse word-list lines (syntax in ``medische_woorden.txt``).

        Blank lines and lines starting with ``#`` are ignored. Raises
        ``ValueError`` naming the line for an entry that cannot be used.
        """
        terms: list[str] = []
        exclusions: list[str] = []
        for number, raw in enumerate(lines, start=1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            target = terms
            if line.startswith(_EXCLUSION):
                target, line = exclusions, line[1:].strip()
            try:
                if not line:
                    raise ValueError("leeg item")
                _entry_atoms(line)
            except ValueError as error:
                raise ValueError(f"Woordenlijst, regel {number}: {error}") from None
            target.append(" ".join(line.split()))

        # Exclusions come first so that, at the same word, they win over terms.
        pattern = re.compile(
            rf"(?<!\w)(?:(?P<excluded>{_alternation(exclusions)})|{_alternation(terms)})"
        )
        return cls(tuple(terms), tuple(exclusions), pattern)

    def find(self, text: str) -> list[Match]:
        """Return the medical words in ``text``; see ``find_medical_terms``."""
        if not text:
            return []
        folded = _for_medical_words(fold_text(text))
        matches = []
        for found in self.pattern.finditer(folded.text):
            if found.group("excluded") is None:
                start, end = folded.span(found.start(), found.end())
                matches.append(Match(start, end, text[start:end]))
        return matches


def read_privacy_list(name: str) -> str:
    """The text of ``resources/privacy/<name>`` (installed or in a source checkout)."""
    try:
        package = resources.files("kmo_reintegratie.resources")
    except ModuleNotFoundError:
        # Running from a source checkout without installing (PYTHONPATH=src):
        # the resources folder sits at the top of the repository.
        folder = Path(__file__).resolve().parents[2] / "resources"
        return (folder / _WORD_LIST_FOLDER / name).read_text(encoding="utf-8")
    return (package / _WORD_LIST_FOLDER / name).read_text(encoding="utf-8")


def _read_word_list() -> str:
    return read_privacy_list(_WORD_LIST_NAME)


@cache
def load_medical_terms() -> MedicalTerms:
    """Return the packaged medical word list, parsed once and then cached."""
    return MedicalTerms.from_lines(_read_word_list().splitlines())


def find_medical_terms(text: str, terms: MedicalTerms | None = None) -> list[Match]:
    """Return the medical words and phrases in ``text``, in text order.

    Uses the packaged list unless ``terms`` is given. Matches ignore case and
    accents, cover whole words only, never overlap, and satisfy
    ``text[match.start:match.end] == match.word``.
    """
    if not text.strip():
        return []  # without loading the list (its first load compiles a large expression)
    if terms is None:
        terms = load_medical_terms()
    return terms.find(text)


# --------------------------------------------------------------------------- person names


def __getattr__(name: str) -> object:
    # The name finder builds on the folding above, so it lives in ``person_names``; importing
    # it at the top would be circular, hence on first use.
    if name in ("PersonNames", "find_person_names"):
        from kmo_reintegratie import person_names

        return getattr(person_names, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
