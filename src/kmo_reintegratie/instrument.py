"""The FOD WASO re-integration checklist instrument, as read-only Python objects.

The instrument text lives in ``resources/instrument/instrument.json`` (shipped as
``kmo_reintegratie.resources/instrument/instrument.json``). This module reads and validates
it and exposes it as frozen dataclasses. It has no Qt dependency and performs no I/O besides
reading that one resource.

What callers may rely on:

* Every ID (checklist, theme, section, question) is unique across the whole instrument and
  stable between releases: user databases store them. Question IDs have the form
  ``c<checklist>.q<section number>.<index>``, section IDs ``c<checklist>.s<section number>``.
* All collections are tuples in source order; all texts are non-empty, stripped strings.
* ``Theme.number`` is ``""`` when the source has no theme heading (checklist 4); display
  the title without a number in that case.
* ``Example.number`` is ``None`` when the source labels the example just "Voorbeeld."
  (the only example of its section).
* ``Question.truncated_in_source`` is True where the official text itself is cut off; the
  text is then kept exactly as published.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import field
from types import MappingProxyType
from typing import Any, Literal, TypeAlias, cast

from kmo_reintegratie.instrument_source import read_instrument_text
from kmo_reintegratie.record import record

__all__ = [
    "FORMAT_VERSION",
    "Block",
    "Checklist",
    "Example",
    "Instrument",
    "InstrumentError",
    "Link",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "Question",
    "Section",
    "Source",
    "Theme",
    "load_instrument",
    "parse_instrument",
]

FORMAT_VERSION = 1
"""The only ``format_version`` of instrument.json this module understands."""

ListStyle: TypeAlias = Literal["bullet", "numbered"]
_LIST_STYLES: tuple[str, ...] = ("bullet", "numbered")


class InstrumentError(ValueError):
    """The instrument data is malformed. The message starts with the path of the culprit."""


# --------------------------------------------------------------------------- text blocks


@record
class Paragraph:
    """A paragraph of running text."""

    text: str


@record
class ListItem:
    """One list item; ``children`` holds nested blocks (usually a nested list)."""

    text: str
    children: tuple[Block, ...] = ()


@record
class ListBlock:
    """A bulleted or numbered list. Numbers are implied by item order (starting at 1)."""

    style: ListStyle
    items: tuple[ListItem, ...]


Block: TypeAlias = Paragraph | ListBlock


# --------------------------------------------------------------------------- content


@record
class Source:
    """Who published the instrument; ``attribution`` is a ready-to-display Dutch sentence."""

    publisher: str
    research: str
    period: str
    attribution: str


@record
class Link:
    """A web link belonging to a section; ``url`` is absolute (http or https)."""

    label: str
    url: str


@record
class Example:
    """A good-practice quote ("Voorbeeld N.") and the sector it comes from."""

    number: int | None
    text: str
    sector: str


@record
class Question:
    """A policy question that users answer with a smiley."""

    id: str
    text: str
    truncated_in_source: bool = False


@record
class Section:
    """A section: questions, examples, advice and links. ``number`` is e.g. "1.1" or "2"."""

    id: str
    number: str
    title: str
    questions: tuple[Question, ...]
    examples: tuple[Example, ...]
    advice: tuple[Block, ...]
    links: tuple[Link, ...]
    checklist_id: str
    theme_id: str


@record
class Theme:
    """A numbered theme heading grouping sections (``number`` may be "", see module doc)."""

    id: str
    number: str
    title: str
    sections: tuple[Section, ...]


@record
class Checklist:
    """One of the four checklists."""

    id: str
    number: int
    title: str
    introduction: tuple[Block, ...]
    themes: tuple[Theme, ...]

    @property
    def sections(self) -> tuple[Section, ...]:
        """All sections of all themes, in source order."""
        return tuple(section for theme in self.themes for section in theme.sections)


@record
class Instrument:
    """The whole instrument. Lookups raise ``KeyError`` for unknown IDs."""

    title: str
    source: Source
    introduction: tuple[Block, ...]
    usage: tuple[Block, ...]
    checklists: tuple[Checklist, ...]
    _sections: Mapping[str, Section] = field(init=False, repr=False, compare=False)
    _questions: Mapping[str, Question] = field(init=False, repr=False, compare=False)
    _question_sections: Mapping[str, Section] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        sections = {s.id: s for c in self.checklists for s in c.sections}
        questions = {q.id: q for s in sections.values() for q in s.questions}
        owners = {q.id: s for s in sections.values() for q in s.questions}
        # frozen dataclass: the indexes are derived data, set once here
        object.__setattr__(self, "_sections", MappingProxyType(sections))
        object.__setattr__(self, "_questions", MappingProxyType(questions))
        object.__setattr__(self, "_question_sections", MappingProxyType(owners))

    def checklist(self, checklist_id: str) -> Checklist:
        """The checklist with this ID (e.g. "c2")."""
        for checklist in self.checklists:
            if checklist.id == checklist_id:
                return checklist
        raise KeyError(checklist_id)

    def section(self, section_id: str) -> Section:
        """The section with this ID (e.g. "c1.s1.1")."""
        return self._sections[section_id]

    def question(self, question_id: str) -> Question:
        """The question with this ID (e.g. "c1.q1.1.1")."""
        return self._questions[question_id]

    def section_of_question(self, question_id: str) -> Section:
        """The section that contains the question with this ID."""
        return self._question_sections[question_id]

    def all_sections(self) -> tuple[Section, ...]:
        """All sections of all checklists, in source order."""
        return tuple(self._sections.values())

    def all_questions(self) -> tuple[Question, ...]:
        """All questions of all checklists, in source order."""
        return tuple(self._questions.values())


# --------------------------------------------------------------------------- loading


@functools.cache
def load_instrument() -> Instrument:
    """Read, validate and return the bundled instrument (cached after the first call).

    Raises ``InstrumentError`` if the resource is not valid JSON or not a valid instrument,
    and ``OSError`` if it cannot be read.
    """
    text = read_instrument_text()
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InstrumentError(f"instrument.json: geen geldige JSON ({exc})") from exc
    return parse_instrument(data)


def parse_instrument(data: Any) -> Instrument:
    """Validate decoded instrument.json data and build an ``Instrument``.

    Raises ``InstrumentError`` naming the offending element's path (for example
    ``checklists[1].themes[0].sections[2].questions[0]: vraag zonder tekst``) on missing
    keys, wrong types, empty texts, duplicate IDs, unknown block types or list styles, and
    an unknown ``format_version``. Unknown extra keys are ignored.
    """
    return _Parser().instrument(data)


class _Parser:
    def __init__(self) -> None:
        self._ids: dict[str, str] = {}  # id -> path where first seen

    # -- helpers ---------------------------------------------------------------------

    @staticmethod
    def _object(value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise InstrumentError(f"{path or '(root)'}: verwacht een object, kreeg {_kind(value)}")
        return value

    @staticmethod
    def _field(obj: Mapping[str, Any], key: str, path: str) -> Any:
        if key not in obj:
            raise InstrumentError(f"{path or '(root)'}: verplicht veld '{key}' ontbreekt")
        return obj[key]

    def _list(self, obj: Mapping[str, Any], key: str, path: str) -> Sequence[Any]:
        value = self._field(obj, key, path)
        if not isinstance(value, list):
            raise InstrumentError(f"{_join(path, key)}: verwacht een lijst, kreeg {_kind(value)}")
        return value

    def _text(self, obj: Mapping[str, Any], key: str, path: str, what: str) -> str:
        if key not in obj or obj[key] is None:
            raise InstrumentError(f"{path or '(root)'}: {what} zonder {_DUTCH_KEY.get(key, key)}")
        value = obj[key]
        if not isinstance(value, str):
            raise InstrumentError(f"{_join(path, key)}: verwacht tekst, kreeg {_kind(value)}")
        if not value.strip():
            raise InstrumentError(f"{path or '(root)'}: {what} met lege {_DUTCH_KEY.get(key, key)}")
        return value.strip()

    def _id(self, obj: Mapping[str, Any], path: str, what: str) -> str:
        value = self._text(obj, "id", path, what)
        if value in self._ids:
            raise InstrumentError(
                f"{path}: dubbele id '{value}' (al gebruikt in {self._ids[value]})"
            )
        self._ids[value] = path
        return value

    # -- structure -------------------------------------------------------------------

    def instrument(self, data: Any) -> Instrument:
        root = self._object(data, "")
        version = self._field(root, "format_version", "")
        if isinstance(version, bool) or version != FORMAT_VERSION:
            raise InstrumentError(
                f"format_version: onbekende versie {version!r} (verwacht {FORMAT_VERSION})"
            )
        src = self._object(self._field(root, "source", ""), "source")
        source = Source(
            publisher=self._text(src, "publisher", "source", "bron"),
            research=self._text(src, "research", "source", "bron"),
            period=self._text(src, "period", "source", "bron"),
            attribution=self._text(src, "attribution", "source", "bron"),
        )
        checklists = tuple(
            self.checklist(item, f"checklists[{i}]")
            for i, item in enumerate(self._list(root, "checklists", ""))
        )
        if not checklists:
            raise InstrumentError("checklists: geen checklists")
        return Instrument(
            title=self._text(root, "title", "", "instrument"),
            source=source,
            introduction=self.blocks(root, "introduction", ""),
            usage=self.blocks(root, "usage", ""),
            checklists=checklists,
        )

    def checklist(self, value: Any, path: str) -> Checklist:
        obj = self._object(value, path)
        checklist_id = self._id(obj, path, "checklist")
        number = self._field(obj, "number", path)
        if isinstance(number, bool) or not isinstance(number, int):
            raise InstrumentError(
                f"{path}.number: verwacht een geheel getal, kreeg {_kind(number)}"
            )
        themes = tuple(
            self.theme(item, f"{path}.themes[{i}]", checklist_id)
            for i, item in enumerate(self._list(obj, "themes", path))
        )
        if not themes:
            raise InstrumentError(f"{path}: checklist zonder thema's")
        return Checklist(
            id=checklist_id,
            number=number,
            title=self._text(obj, "title", path, "checklist"),
            introduction=self.blocks(obj, "introduction", path),
            themes=themes,
        )

    def theme(self, value: Any, path: str, checklist_id: str) -> Theme:
        obj = self._object(value, path)
        theme_id = self._id(obj, path, "thema")
        number = self._field(obj, "number", path)
        if not isinstance(number, str):
            raise InstrumentError(f"{path}.number: verwacht tekst, kreeg {_kind(number)}")
        sections = tuple(
            self.section(item, f"{path}.sections[{i}]", checklist_id, theme_id)
            for i, item in enumerate(self._list(obj, "sections", path))
        )
        if not sections:
            raise InstrumentError(f"{path}: thema zonder secties")
        return Theme(
            id=theme_id,
            number=number.strip(),
            title=self._text(obj, "title", path, "thema"),
            sections=sections,
        )

    def section(self, value: Any, path: str, checklist_id: str, theme_id: str) -> Section:
        obj = self._object(value, path)
        section_id = self._id(obj, path, "sectie")
        questions = tuple(
            self.question(item, f"{path}.questions[{i}]")
            for i, item in enumerate(self._list(obj, "questions", path))
        )
        if not questions:
            raise InstrumentError(f"{path}: sectie zonder vragen")
        return Section(
            id=section_id,
            number=self._text(obj, "number", path, "sectie"),
            title=self._text(obj, "title", path, "sectie"),
            questions=questions,
            examples=tuple(
                self.example(item, f"{path}.examples[{i}]")
                for i, item in enumerate(self._list(obj, "examples", path))
            ),
            advice=self.blocks(obj, "advice", path),
            links=tuple(
                self.link(item, f"{path}.links[{i}]")
                for i, item in enumerate(self._list(obj, "links", path))
            ),
            checklist_id=checklist_id,
            theme_id=theme_id,
        )

    def question(self, value: Any, path: str) -> Question:
        obj = self._object(value, path)
        question_id = self._id(obj, path, "vraag")
        truncated = obj.get("truncated_in_source", False)
        if not isinstance(truncated, bool):
            raise InstrumentError(
                f"{path}.truncated_in_source: verwacht true/false, kreeg {_kind(truncated)}"
            )
        return Question(
            id=question_id,
            text=self._text(obj, "text", path, "vraag"),
            truncated_in_source=truncated,
        )

    def example(self, value: Any, path: str) -> Example:
        obj = self._object(value, path)
        number = obj.get("number")
        if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
            raise InstrumentError(
                f"{path}.number: verwacht een geheel getal of null, kreeg {_kind(number)}"
            )
        return Example(
            number=number,
            text=self._text(obj, "text", path, "voorbeeld"),
            sector=self._text(obj, "sector", path, "voorbeeld"),
        )

    def link(self, value: Any, path: str) -> Link:
        obj = self._object(value, path)
        url = self._text(obj, "url", path, "link")
        if not url.startswith(("https://", "http://")):
            raise InstrumentError(f"{path}.url: geen http(s)-adres: {url!r}")
        return Link(label=self._text(obj, "label", path, "link"), url=url)

    def blocks(self, obj: Mapping[str, Any], key: str, path: str) -> tuple[Block, ...]:
        where = _join(path, key)
        return tuple(
            self.block(item, f"{where}[{i}]") for i, item in enumerate(self._list(obj, key, path))
        )

    def block(self, value: Any, path: str) -> Block:
        obj = self._object(value, path)
        kind = self._field(obj, "type", path)
        if kind == "paragraph":
            return Paragraph(text=self._text(obj, "text", path, "alinea"))
        if kind == "list":
            style = self._field(obj, "style", path)
            if style not in _LIST_STYLES:
                raise InstrumentError(
                    f"{path}.style: onbekende lijststijl {style!r} (verwacht bullet of numbered)"
                )
            items = tuple(
                self.list_item(item, f"{path}.items[{i}]")
                for i, item in enumerate(self._list(obj, "items", path))
            )
            if not items:
                raise InstrumentError(f"{path}: lijst zonder items")
            return ListBlock(style=cast(ListStyle, style), items=items)
        raise InstrumentError(f"{path}.type: onbekend bloktype {kind!r}")

    def list_item(self, value: Any, path: str) -> ListItem:
        obj = self._object(value, path)
        children: tuple[Block, ...] = ()
        if "children" in obj:
            children = self.blocks(obj, "children", path)
        return ListItem(text=self._text(obj, "text", path, "lijstitem"), children=children)


_DUTCH_KEY = {
    "text": "tekst",
    "title": "titel",
    "id": "id",
    "number": "nummer",
    "sector": "sector",
    "label": "label",
    "url": "url",
    "publisher": "uitgever",
    "research": "onderzoekers",
    "period": "periode",
    "attribution": "vermelding",
}


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Mapping):
        return "een object"
    if isinstance(value, list):
        return "een lijst"
    if isinstance(value, str):
        return "tekst"
    if isinstance(value, (int, float)):
        return "een getal"
    return type(value).__name__
