"""Reading a printed PDF as a reader would: its text, hyphenation undone, and its type sizes.

The documents hyphenate Dutch (``documents/base.py``), so a PDF reader may extract
"Hoofdver-\\npleegkundige". Tests that look for a phrase compare ``unhyphenated`` text
(or use ``contains``) instead of fighting the hyphenation::

    from pdf_text import contains, page_texts, unhyphenated

    text = unhyphenated(" ".join(page_texts(pdf)))
    assert "Hoofdverpleegkundige" in text
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

import pypdf

# A hyphen at the end of a line, the next line starting with a lower-case letter: the
# word was hyphenated ("Hoofdver-" / "pleegkundige"), the hyphen is not part of it.
_BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=[a-zà-ÿ])")
# A hyphen at a line end before a capital is the word's own ("Marie-" / "Christine").
_BROKEN_AFTER_OWN_HYPHEN = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=[A-ZÀ-Þ])")


def page_texts(path: Path | str) -> list[str]:
    """The text pypdf extracts, one string per page."""
    return [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]


def unhyphenated(text: str) -> str:
    """``text`` with words broken over two lines joined again.

    "Hoofdver-\\npleegkundige" becomes "Hoofdverpleegkundige"; "Marie-\\nChristine" becomes
    "Marie-Christine" (a hyphen before a capital belongs to the word). A compound broken
    after its own hyphen before a lower-case letter ("preventieadviseur-\\narbeidsarts")
    cannot be told from a hyphenated word and loses its hyphen: compare such text with
    ``contains``.
    """
    return _BROKEN_AFTER_OWN_HYPHEN.sub("-", _BROKEN_WORD.sub("", text))


def flat(text: str) -> str:
    """``text`` unhyphenated, every run of white space one space."""
    return " ".join(unhyphenated(text).split())


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text``, wherever the PDF broke or hyphenated its lines.

    Spaces in ``phrase`` match any white space; between two letters a line break with or
    without a hyphen may occur; after a hyphen of ``phrase`` a line break may occur.
    """
    parts: list[str] = []
    for index, char in enumerate(phrase):
        if char.isspace():
            if parts and parts[-1] != r"\s+":
                parts.append(r"\s+")
            continue
        parts.append(re.escape(char))
        following = phrase[index + 1] if index + 1 < len(phrase) else ""
        if char == "-":
            parts.append(r"\s*")
        elif char.isalpha() and following.isalpha():
            parts.append(r"(?:-?[ \t]*\n\s*)?")
    return re.search("".join(parts), text) is not None


@dataclass(frozen=True)
class TextRun:
    """One piece of text as drawn: page (from 1), size in points as printed, position."""

    page: int
    size: float
    text: str
    x: float
    y: float
    font: str


def _multiply(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def text_runs(path: Path | str) -> list[TextRun]:
    """Every visible piece of text with the size it is printed at.

    The size is the font size of the ``Tf`` operator scaled by the text matrix and the
    current transformation (a chart or smiley drawn smaller prints smaller type).
    """
    runs: list[TextRun] = []
    for number, page in enumerate(pypdf.PdfReader(str(path)).pages, start=1):

        def visit(text, cm, tm, font, size, number=number) -> None:  # noqa: ANN001
            if not text.strip():
                return
            matrix = _multiply(list(tm), list(cm))
            runs.append(
                TextRun(
                    number,
                    round(size * math.hypot(matrix[2], matrix[3]), 2),
                    text.strip(),
                    matrix[4],
                    matrix[5],
                    str((font or {}).get("/BaseFont", "")),
                )
            )

        page.extract_text(visitor_text=visit)
    return runs


def small_print(path: Path | str, minimum: float = 7.0) -> list[TextRun]:
    """The text printed smaller than ``minimum`` points."""
    return [run for run in text_runs(path) if run.size < minimum - 0.01]
