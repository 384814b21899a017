"""The names of the people in a dossier: found in free text, masked in anonymous documents.

Pure (no Qt, no SQL): the store collects who is named where (``store.people_names``); the
check before printing flags what ``find`` finds, the jaarverslag replaces it (``mask``).
Text is normalised as the privacy guard does it (``privacy.fold_text``: case, accents,
invisible characters, look-alike letters), so "Ver\u00adhaegen" is still a name.

What callers may rely on:

* ``PersonNames.build(people, phrases=…, ignore=…)`` prepares once (fast to search many
  texts); ``find(text)`` gives ``NameMatch(start, end, word, employee)`` in text order,
  never overlapping, ``text[start:end] == word``; ``mask`` replaces them.
* A person's name is found written as:
  - the whole name, or its surname with particles ("Van Damme"), in any case;
  - each word of it alone ("Anne", "Marie", "Verhaegen"; one of two letters, "An", only
    with its capital); a composed first name with a hyphen, a space or joined
    ("Anne-Marie", "Anne Marie", "Annemarie");
    a surname with its particle joined or apart ("Desmet" for "De Smet", "De Smet" with
    its capital for "Desmet");
  - a usual Flemish short form of a first name (``namen.txt``: "Koen" for Koenraad,
    "Annemie" for Anne-Marie); only from the long form to the short one;
  - with a capital, a surname of 6 letters or more misspelt: one letter off ("Verhaege"),
    or written the other way Flemish surnames are ("Verhaegh", "Verhaeghe" for Verhaegen);
  - an e-mail address stored in the dossier, or one whose local part or domain holds a
    name ("k.desmet@…"): the whole address.
* Never an ordinary word: particles never alone; a name word that is also a Dutch word
  ("Roos", "Lies": ``resources/privacy/namen.txt``) or that follows a particle ("Wilde" of
  "De Wilde") only with a capital, and sentence openers ("Ben", "Wil") not as the first
  word of a sentence either; words of ``ignore`` (the organisation's and departments'
  names) never alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from kmo_reintegratie.privacy import FoldedText, fold, fold_text, read_privacy_list
from kmo_reintegratie.record import record

__all__ = [
    "NAME_PARTICLES",
    "DossierPeople",
    "NameLists",
    "NameMatch",
    "Person",
    "PersonNames",
    "find_person_names",
    "name_lists",
]

#: Parts of names that are ordinary words: never a name on their own ("Van", "De").
NAME_PARTICLES = frozenset(
    "van de der den het ter ten te op in vanden vander vande d t le la du des el al bin"
    " da di do dos del della von zu".split()
)
MIN_NAME_LETTERS = 3
#: A misspelt surname is only looked for when the stored one is this long.
TYPO_MIN_LETTERS = 6
TITLES = frozenset(
    "dr dokter prof professor mevr mevrouw mw dhr mr meneer mijnheer heer ir ing lic drs".split()
)


@record
class NameLists:
    """``resources/privacy/namen.txt``: short forms, ordinary words, sentence openers and
    functions (its header explains each)."""

    short_forms: dict[str, tuple[str, ...]]
    ordinary: frozenset[str]
    sentence: frozenset[str]
    functions: frozenset[str]

    @classmethod
    def parse(cls, text: str) -> NameLists:
        sections: dict[str, list[str]] = {}
        current: list[str] = []
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if line.startswith("[") and line.endswith("]"):
                current = sections.setdefault(line[1:-1], [])
            elif line:
                current.append(line)
        short_forms = {}
        for line in sections.get("korte vormen", []):
            long_form, _, shorts = line.partition(":")
            short_forms[fold(long_form.strip())] = tuple(
                fold(s.strip()) for s in shorts.split(",") if s.strip()
            )

        def words(section: str) -> frozenset[str]:
            return frozenset(fold(w) for line in sections.get(section, []) for w in line.split())

        return cls(short_forms, words("gewone woorden"), words("zinsbegin"), words("functies"))


@cache
def name_lists() -> NameLists:
    """The packaged ``namen.txt``, parsed once."""
    return NameLists.parse(read_privacy_list("namen.txt"))


# Surnames written joined or apart ("Desmet", "De Smet"): the particles they start with.
_JOINED_PARTICLES = ("vanden", "vander", "vande", "van", "der", "den", "de", "le", "la")
# The first of them a word starts with (alternatives are tried in this order).
_JOINED_PARTICLE = re.compile("|".join(_JOINED_PARTICLES))
_WORD = re.compile(r"\w+")
# Between the words of one name: spaces, or a hyphen or apostrophe ("Marie-Christine", "D'Hondt").
_JOINER = re.compile(r"\s+|\s*[-']\s*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_PIECE = re.compile(r"[^\W\d_]+")
# What may stand before the first word of a sentence: opening quotes, brackets, bullets.
_SENTENCE_LEAD = " \t\"'“‘«([-–•*"


@record(slots=True)
class Person:
    """One person as stored: a name (may be empty when only an address is known)."""

    name: str
    employee: bool = False
    emails: tuple[str, ...] = ()


@record(slots=True)
class NameMatch:
    """A name found in a text: ``text[start:end] == word``; ``employee`` if it is an employee's."""

    start: int
    end: int
    word: str
    employee: bool = False


def _deletions(word: str) -> set[str]:
    return {word} | {word[:i] + word[i + 1 :] for i in range(len(word))}


def _one_edit_apart(a: str, b: str) -> bool:
    """At most one letter inserted, deleted, changed, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


_SOUNDS = (("sch", "s"), ("ae", "a"), ("gh", "g"), ("ck", "k"), ("c", "k"), ("dt", "t"),
           ("th", "t"), ("ph", "f"), ("ij", "i"), ("y", "i"), ("ue", "u"))
_DOUBLED = re.compile(r"(.)\1+")


def sound_key(word: str) -> str:
    """How a Flemish surname sounds: "Verhaegen", "Verhaeghe" and "Verhaegh" share "verhag"."""
    for written, sound in _SOUNDS:
        word = word.replace(written, sound)
    word = _DOUBLED.sub(r"\1", word)
    if word.endswith("d"):
        word = word[:-1] + "t"
    for ending in ("en", "e", "s", "n"):
        if word.endswith(ending) and len(word) - len(ending) >= 5:
            return word[: -len(ending)]
    return word


@dataclass(frozen=True, eq=False)
class PersonNames:
    """The names of the people in a dossier, folded, ready to be found in texts.

    Build one with ``build`` (or ``from_names`` for plain names) once per check.
    """

    words: dict[str, bool] = field(default_factory=dict)  # folded word → an employee's
    sequences: dict[tuple[str, ...], bool] = field(default_factory=dict)
    capital_only: frozenset[str] = frozenset()
    surnames: dict[str, bool] = field(default_factory=dict)  # for misspellings
    emails: dict[str, bool] = field(default_factory=dict)
    longest: int = 1
    _near: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _sounds: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_names(cls, names: Iterable[str], *, ignore: Iterable[str] = ()) -> PersonNames:
        """Every name in ``names`` (each an employee's), see ``build``."""
        return cls.build((Person(n, employee=True) for n in names), ignore=ignore)

    @classmethod
    def build(
        cls,
        people: Iterable[Person],
        *,
        phrases: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> PersonNames:
        """The names of ``people``; ``phrases`` are names of no person ("Team Dendermonde"):
        only found whole. ``ignore``: texts whose words are never a name on their own (the
        organisation's name, department names), so "Linde" of "afdeling Linde" is no one."""
        tables = _Tables({w for text in ignore for w in _WORD.findall(fold(text))})
        for person in sorted(people, key=lambda p: not p.employee):
            tables.add_person(person)
        for phrase in phrases:
            tables.add_phrase(phrase)
        return tables.names()

    # ----------------------------------------------------------------------- finding

    def find(self, text: str) -> list[NameMatch]:
        """The names in ``text``, in text order, longest first ("Koen Verhaegen" as one)."""
        if not text or not (self.words or self.sequences or self.emails):
            return []
        folded = fold_text(text)
        plain = folded.text
        found: list[NameMatch] = []

        def keep(start: int, end: int, employee: bool) -> None:
            first, last = folded.span(start, end)
            found.append(NameMatch(first, last, text[first:last], employee))

        addresses = []
        for address in _EMAIL.finditer(plain):
            owner = self._address_owner(address.group())
            if owner is not None:
                addresses.append(address.span())
                keep(address.start(), address.end(), owner)
        tokens = [
            t for t in _WORD.finditer(plain)
            if not any(a <= t.start() < b for a, b in addresses)
        ]
        index = 0
        while index < len(tokens):
            end, employee = self._sequence_end(text, folded, tokens, index)
            if end > index:
                keep(tokens[index].start(), tokens[end].end(), employee)
                index = end + 1
                continue
            token = tokens[index]
            owner = self._word_owner(text, folded, token)
            if owner is not None:
                keep(token.start(), token.end(), owner)
            index += 1
        found.sort(key=lambda m: m.start)
        return found

    def mask(self, text: str, *, employee: str, other: str) -> str:
        """``text`` with every name replaced by ``employee`` or ``other`` (an employee's or not)."""
        pieces = []
        position = 0
        for match in self.find(text):
            pieces.append(text[position : match.start])
            pieces.append(employee if match.employee else other)
            position = match.end
        pieces.append(text[position:])
        return "".join(pieces)

    def _capital(self, text: str, folded: FoldedText, start: int) -> bool:
        first, _ = folded.span(start, start + 1)
        return text[first].isupper()

    def _word_owner(self, text: str, folded: FoldedText, token: re.Match[str]) -> bool | None:
        """Whether the single word ``token`` is a name (and an employee's), else None."""
        word = token.group()
        if word not in self.words and word.endswith("s") and word[:-1] in self.words:
            word = word[:-1]  # a possessive: "Koens afspraak"
        capital = self._capital(text, folded, token.start())
        if word in self.words:
            if word not in self.capital_only:
                return self.words[word]
            if not capital:
                return None
            if word in name_lists().sentence and _starts_sentence(text, folded, token.start()):
                return None
            return self.words[word]
        if not capital or len(word) < TYPO_MIN_LETTERS - 1 or word in name_lists().ordinary:
            return None
        return self._misspelt_owner(word)

    def _misspelt_owner(self, word: str) -> bool | None:
        for key in _deletions(word):
            for surname in self._near.get(key, ()):
                if _one_edit_apart(word, surname):
                    return self.surnames[surname]
        if len(word) >= TYPO_MIN_LETTERS:
            surname = self._sounds.get(sound_key(word))
            if surname is not None:
                return self.surnames[surname]
        return None

    def _address_owner(self, address: str) -> bool | None:
        """Whose address this is: a stored one, or one with a name in it ("k.desmet@…")."""
        local, _, domain = address.partition("@")
        pieces = _EMAIL_PIECE.findall(local)
        for piece in pieces + _EMAIL_PIECE.findall(domain.split(".")[0]):
            if len(piece) >= MIN_NAME_LETTERS and piece in self.words:
                return self.words[piece]
        joined = "".join(pieces)
        for word, employee in self.words.items():
            if len(word) < 4 or word in self.capital_only:
                continue
            if joined.startswith(word) or joined.endswith(word):  # "koenv", "kdesmet"
                return employee
        return self.emails.get(address)

    def _sequence_end(
        self, text: str, folded: FoldedText, tokens: list[re.Match[str]], first: int
    ) -> tuple[int, bool]:
        """Index of the last token of the longest name starting at ``first`` (``first`` if none)."""
        plain = folded.text
        last = min(len(tokens), first + self.longest) - 1
        while last > first:
            span = tokens[first : last + 1]
            joined = all(
                _JOINER.fullmatch(plain, span[i].end(), span[i + 1].start())
                for i in range(len(span) - 1)
            )
            words = tuple(token.group() for token in span)
            if joined and words in self.sequences and self._written_as_name(text, folded, span):
                return last, self.sequences[words]
            last -= 1
        return first, False

    def _written_as_name(self, text: str, folded: FoldedText, span: list[re.Match[str]]) -> bool:
        """"de wilde" is a name only as "De Wilde"; "koen verhaegen", "lies van acker" (two words
        that are no particles) however they are written."""
        needs_capital = [t for t in span if t.group() not in NAME_PARTICLES]
        if len(needs_capital) > 1 or any(t.group() not in self.capital_only for t in needs_capital):
            return True
        return any(self._capital(text, folded, t.start()) for t in needs_capital)


class _Tables:
    """What ``PersonNames.build`` collects, person by person (see the module docstring)."""

    def __init__(self, ignored: set[str]) -> None:
        self.lists = name_lists()
        self.ignored = ignored
        self.words: dict[str, bool] = {}
        self.sequences: dict[tuple[str, ...], bool] = {}
        self.surnames: dict[str, bool] = {}
        self.emails: dict[str, bool] = {}
        self.after_particle: set[str] = set()  # "wilde" of "De Wilde"
        self.alone: set[str] = set()  # somewhere a name word without a particle before it
        self.short_words: set[str] = set()  # "an", "jo"
        self.split_rests: set[str] = set()  # "smet" of "Desmet" written "De Smet"

    @staticmethod
    def _add(table: dict, key: object, employee: bool) -> None:
        table[key] = table.get(key, False) or employee

    def _word(self, word: str, employee: bool, *, alone: bool = True) -> None:
        self._add(self.words, word, employee)
        (self.alone if alone else self.after_particle).add(word)

    def add_person(self, person: Person) -> None:
        # Run for every employee of a dossier (thousands): dictionary updates are written out.
        flag = person.employee
        words, sequences, surnames = self.words, self.sequences, self.surnames
        for address in person.emails:
            if address.strip():
                self._add(self.emails, fold(address.strip()), flag)
        folded = fold(person.name)
        parts = _WORD.findall(folded)
        while parts and parts[0] in TITLES:
            parts = parts[1:]
        if not parts:
            return
        for start in range(len(parts) - 1):  # "koen verhaegen", "van damme"
            if start == 0 or parts[start] in NAME_PARTICLES:
                key = tuple(parts[start:])
                sequences[key] = sequences.get(key, False) or flag
            if start and parts[start] in NAME_PARTICLES:  # "desmet", "vandamme"
                joined = "".join(parts[start:])
                self._word(joined, flag)
                surnames[joined] = surnames.get(joined, False) or flag
        joined_names = []
        for token in folded.split():  # "marie-christine", "d'hondt": one name
            if token.isalnum():
                continue  # one word (\w is what isalnum accepts, and "_")
            pieces = _WORD.findall(token)
            if len(pieces) > 1:
                self._add(sequences, tuple(pieces), flag)
                joined_names.append("".join(pieces))
        if len(parts) >= 3 and parts[1] not in NAME_PARTICLES and sum(
            p not in NAME_PARTICLES for p in parts
        ) >= 3:  # "Anne Marie Peeters"
            self._add(sequences, tuple(parts[:2]), flag)
            joined_names.append(parts[0] + parts[1])
        for joined in joined_names:
            self._word(joined, flag)
        for word in parts[1:]:  # "Desmet" written "De Smet"
            particle = _JOINED_PARTICLE.match(word)
            if particle and len(word) - particle.end() >= MIN_NAME_LETTERS:
                rest = word[particle.end() :]
                self._add(sequences, (particle.group(), rest), flag)
                self.split_rests.add(rest)
        ignored, alone, after_particle = self.ignored, self.alone, self.after_particle
        for index, word in enumerate(parts):
            if len(word) < 2 or word in NAME_PARTICLES or word in ignored:
                continue
            words[word] = words.get(word, False) or flag
            if index and parts[index - 1] in NAME_PARTICLES:
                after_particle.add(word)
            else:
                alone.add(word)
            if len(word) < MIN_NAME_LETTERS:
                self.short_words.add(word)
            if index:
                surnames[word] = surnames.get(word, False) or flag
        short_forms = self.lists.short_forms
        for long_form in [*parts, *joined_names]:
            for short in short_forms.get(long_form, ()):
                if short not in ignored:
                    self._word(short, flag)

    def add_phrase(self, phrase: str) -> None:
        pieces = tuple(_WORD.findall(fold(phrase)))
        if len(pieces) > 1:
            self.sequences.setdefault(pieces, False)
        elif pieces and pieces[0] not in self.words:
            self._word(pieces[0], False, alone=False)  # one word of a team's name: its capital

    def names(self) -> PersonNames:
        capital_only = (
            (set(self.words) & self.lists.ordinary)
            | (self.after_particle - self.alone)
            | self.short_words
            | (self.split_rests - set(self.words))
        )
        surnames = {
            s: e for s, e in self.surnames.items()
            if len(s) >= TYPO_MIN_LETTERS and s not in self.lists.ordinary
            and s not in capital_only
        }
        near: dict[str, list[str]] = {}
        for surname in surnames:
            for key in _deletions(surname):
                near.setdefault(key, []).append(surname)
        return PersonNames(
            words=self.words,
            sequences=self.sequences,
            capital_only=frozenset(capital_only),
            surnames=surnames,
            emails=self.emails,
            longest=max((len(s) for s in self.sequences), default=1),
            _near={k: tuple(v) for k, v in near.items()},
            _sounds={sound_key(s): s for s in surnames if len(sound_key(s)) >= 5},
        )


def _starts_sentence(text: str, folded: FoldedText, start: int) -> bool:
    """Whether the word at folded ``start`` opens a sentence or a line."""
    position, _ = folded.span(start, start + 1)
    while position and text[position - 1] in _SENTENCE_LEAD + "\n\r":
        position -= 1
        if text[position] in "\n\r":
            return True
    return position == 0 or text[position - 1] in ".!?:"


def find_person_names(text: str, names: PersonNames | Iterable[str]) -> list[NameMatch]:
    """The names of people in ``text``, in text order, without overlaps.

    ``names`` is a prepared ``PersonNames`` (faster for many texts) or employees' full names.
    """
    if not isinstance(names, PersonNames):
        names = PersonNames.from_names(names)
    return names.find(text)


@record
class DossierPeople:
    """Everyone a dossier names (``store.people_names.dossier_people`` collects them)."""

    people: tuple[Person, ...] = ()
    #: Names of no person, found only whole (the external service's team).
    phrases: tuple[str, ...] = ()
    #: The organisation's and departments' names: their words are never a name alone.
    ignore: tuple[str, ...] = ()

    def names(self) -> PersonNames:
        """The people's names for the check before printing: a team's name is no person's,
        and the organisation's and departments' words alone are no name."""
        return PersonNames.build(self.people, ignore=self.ignore)
