"""Shared reportlab machinery for every printed document: fonts and text, styles, the page frame.

Plain data in, PDF out, no Qt. A document module builds a list of flowables ("story")
with the helpers here, in ``pdf_tables`` (tables, write boxes, signatures) and
``pdf_smileys`` (the drawn smileys), and hands it to ``build_pdf``, which adds the page frame (header,
"pagina x van y" footer, optional footer note), the PDF metadata, and writes the file
atomically.

What callers may rely on:

* Text goes through ``safe_text`` (for Paragraph markup) or ``printable`` (for plain canvas
  strings). Both replace characters the bundled font cannot draw (emoji, arrows …) by a
  visible stand-in instead of a black box, so any user text can be printed.
* ``styles()`` returns one shared set of ParagraphStyles; derive, don't mutate:
  ``ParagraphStyle("x", parent=styles().body, ...)``.
* ``build_pdf`` never leaves a half-written PDF: on failure the previous file at ``path``
  (if any) is untouched and no temporary file remains. The PDF gets mode 0600 on POSIX,
  and a ``path`` that is a dossier is refused with ``output_guard.OutputRefused``.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import escape

import reportlab
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as landscape_of
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageTemplate,
    Table,
)
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.bundled import bundled
from kmo_reintegratie.dates import format_date, long_date
from kmo_reintegratie.documents.output_guard import write_private

AUTHOR = "KMO Re-integratie"
# DejaVu Sans (shipped in resources/fonts, Bitstream Vera licence) draws what Vera cannot:
# the emoticons and symbols people type into comments and actions (😀 ☺ ★ ✓ …).
SYMBOL_FONT = "KmoSymbols"
FONT, FONT_BOLD, FONT_ITALIC, FONT_BOLD_ITALIC = (
    "Vera",
    "Vera-Bold",
    "Vera-Italic",
    "Vera-BoldItalic",
)

MARGIN_X = 2.0 * cm
MARGIN_TOP = 2.2 * cm
MARGIN_BOTTOM = 2.4 * cm

INK = colors.HexColor("#222222")
MUTED = colors.HexColor("#5f5f5f")
ACCENT = colors.HexColor("#1f3f5b")  # dark blue: headings, prints as dark grey
RULE = colors.HexColor("#8c8c8c")
HEADER_FILL = colors.HexColor("#e2e7ed")
ZEBRA = colors.HexColor("#f3f4f6")



def page_size(landscape: bool = False) -> tuple[float, float]:
    """A4, portrait or landscape, in points."""
    return landscape_of(A4) if landscape else A4


def content_width(landscape: bool = False) -> float:
    """Width of the text frame in points: what a full-width table may use."""
    return page_size(landscape)[0] - 2 * MARGIN_X


# --------------------------------------------------------------------------- fonts and text


@functools.cache
def register_fonts() -> str:
    """Register the Vera TrueType family shipped inside reportlab (once); return its name.

    The standard PDF fonts only know Latin-1 in reportlab; Vera covers the Dutch
    typography we need (ë, ’, “ ”, –, …) and is embedded, so every printer shows it.
    """
    folder = Path(reportlab.__file__).parent / "fonts"
    for name, file in (
        (FONT, "Vera.ttf"),
        (FONT_BOLD, "VeraBd.ttf"),
        (FONT_ITALIC, "VeraIt.ttf"),
        (FONT_BOLD_ITALIC, "VeraBI.ttf"),
    ):
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
    )
    return FONT


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode map, with code points above U+FFFF as UTF-16 surrogate pairs.

    reportlab 4 writes them as five hex digits, which PDF readers reject: an emoji would
    print but not copy, search or extract. Same map otherwise.
    """
    def hex16(code: int) -> str:
        return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()

    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{hex16(v)}>" for i, v in enumerate(subset)),
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


ttfonts.makeToUnicodeCMap = _to_unicode_cmap


@functools.cache
def _symbols() -> frozenset[int]:
    """Code points only the symbol font draws (a Paragraph shows them in that font)."""
    with resources.as_file(bundled("fonts", "DejaVuSans.ttf")) as path:
        pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(path)))
    face = pdfmetrics.getFont(SYMBOL_FONT).face  # type: ignore[attr-defined]
    return frozenset(cp for cp in face.charToGlyph if cp > 0x2000 and cp != 0xFFFF) - _drawable()


@functools.cache
def _drawable() -> frozenset[int]:
    """Code points the Vera family can draw (the four styles have the same coverage)."""
    register_fonts()
    face = pdfmetrics.getFont(FONT).face  # type: ignore[attr-defined]
    return frozenset(cp for cp in face.charToGlyph if cp >= 0x20 and cp != 0xFFFF)


FALLBACK = "?"
# Stand-ins that read better than "?" for characters people do type or paste.
_STAND_INS = {
    "→": "->",
    "←": "<-",
    "⇒": "=>",
    "↔": "<->",
    "✓": "v",
    "✔": "v",
    "✗": "x",
    "✘": "x",
    "☐": "[ ]",
    "□": "[ ]",
    "☑": "[v]",
    "☒": "[x]",
    "●": "•",
    "○": "o",
    "◦": "o",
    "▪": "•",
    "′": "'",
    "″": '"',
    "‐": "-",
    "‑": "-",
    "⁄": "/",
    "\u2028": "\n",
    "\u2029": "\n",
}
# Invisible helpers inside emoji sequences and text: dropped without a trace.
_INVISIBLE = re.compile(
    "[\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\ufeff\u20e3\U0001f3fb-\U0001f3ff\U000e0000-\U000e007f]"
)
_ZWJ = "\u200d"


def printable(text: str, *, symbols: bool = False) -> str:
    """``text`` with only characters the PDF font can draw; newlines kept as ``\\n``.

    Accented letters outside the font lose the accent (ę → e); emoji and other symbols
    become ``?`` (a ZWJ family emoji counts as one); control characters become spaces.
    With ``symbols``, characters the symbol font draws are kept (``safe_text`` marks them).
    """
    drawable = _drawable() | _symbols() if symbols else _drawable()
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    out: list[str] = []
    joined = False  # previous character was a zero-width joiner
    for char in text:
        if char == _ZWJ:
            joined = True
            continue
        if _INVISIBLE.match(char):
            continue
        glued, joined = joined, False
        code = ord(char)
        if char == "\n" or code in drawable:
            out.append(char)
        elif char in _STAND_INS:
            out.append(_STAND_INS[char])
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(" ")
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
            if base and all(ord(c) in drawable for c in base):
                out.append(base)
            elif not (glued and out and out[-1] == FALLBACK):
                out.append(FALLBACK)
    return "".join(out)


#: The most of one stored text a document prints. Far above what the window lets anyone type
#: (``text_limits``), so only text from an older dossier or a bug is ever shortened.
MAX_PRINTED_CHARS = 20_000
#: The longest run without a space that is printed whole: longer "words" (a pasted hash, a
#: 5,000-character e-mail address) are shortened so no cell grows taller than a page.
MAX_PRINTED_WORD = 200
ELLIPSIS = "…"
_LONG_WORD = re.compile(r"\S{%d,}" % (MAX_PRINTED_WORD + 1))


def shortened(text: str) -> str:
    """``text`` cut to ``MAX_PRINTED_CHARS`` and every word to ``MAX_PRINTED_WORD``, with "…"."""
    if len(text) > MAX_PRINTED_CHARS:
        text = text[: MAX_PRINTED_CHARS - 1].rstrip() + ELLIPSIS
    if len(text) > MAX_PRINTED_WORD:
        text = _LONG_WORD.sub(lambda m: m.group(0)[: MAX_PRINTED_WORD - 1] + ELLIPSIS, text)
    return text


def safe_text(text: str) -> str:
    """``text`` as Paragraph markup: printable, XML-escaped, line breaks as ``<br/>``.

    Emoji and symbols the text font lacks are set in the symbol font. Text of any length
    is accepted: it is shortened with "…" (``shortened``) so it always fits on pages.
    """
    marked = escape(printable(shortened(text), symbols=True)).replace("\n", "<br/>")
    symbols = _symbols()
    if not any(ord(c) in symbols for c in marked):
        return marked
    out: list[str] = []
    for in_symbol_font, run in itertools.groupby(marked, key=lambda c: ord(c) in symbols):
        chunk = "".join(run)
        out.append(f'<font name="{SYMBOL_FONT}">{chunk}</font>' if in_symbol_font else chunk)
    return "".join(out)


_URL = re.compile(r"(?:https?://|www\.)[^\s<]+")


def linked_text(text: str) -> str:
    """Like ``safe_text``, with web addresses (http…, www.…) as clickable links."""

    def link(match: re.Match[str]) -> str:
        address = match.group(0)
        target = address.rstrip(".,;:)!?")
        rest = address[len(target) :]
        href = target if target.startswith("http") else f"https://{target}"
        return f'<a href="{href}" color="#{ACCENT.hexval()[2:]}">{target}</a>{rest}'

    return _URL.sub(link, safe_text(text))


def dutch_date(value: date) -> str:
    """12 maart 2026"""
    return long_date(value)


def short_date(value: date) -> str:
    """12-03-2026"""
    return format_date(value)


# --------------------------------------------------------------------------- styles


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    label: ParagraphStyle  # bold run-in heading inside a section ("Voorbeelden")
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    header_cell: ParagraphStyle
    footer: ParagraphStyle


@functools.cache
def styles() -> Styles:
    """The shared paragraph styles (A4, body 10 pt). Shared objects: do not mutate."""
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=5,
        hyphenationLang="",
        alignment=TA_LEFT,
    )

    def heading(
        name: str, size: float, before: float, after: float, colour=ACCENT
    ) -> ParagraphStyle:
        return ParagraphStyle(
            name,
            parent=body,
            fontName=FONT_BOLD,
            fontSize=size,
            leading=size * 1.25,
            spaceBefore=before,
            spaceAfter=after,
            textColor=colour,
            keepWithNext=1,
        )

    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10.5, spaceAfter=3)
    cell = ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0)
    return Styles(
        title=heading("title", 22, 0, 10),
        subtitle=ParagraphStyle("subtitle", parent=body, fontSize=13, leading=17, textColor=MUTED),
        h1=heading("h1", 16, 14, 8),  # spaceBefore is dropped at the top of a page
        h2=heading("h2", 13, 12, 6),
        h3=heading("h3", 11.5, 10, 5, INK),
        label=heading("label", 10, 6, 3, INK),
        body=body,
        small=small,
        cell=cell,
        header_cell=ParagraphStyle("header_cell", parent=cell, fontName=FONT_BOLD),
        footer=ParagraphStyle("footer", parent=small, fontSize=7, leading=8.5, textColor=MUTED),
    )


# --------------------------------------------------------------------------- page frame


class _NumberedCanvas(Canvas):
    """Keeps every page until ``save`` so each can say "pagina x van y" (two passes)."""

    def __init__(self, *args, decorate: Callable[[Canvas, int, int], None], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._decorate = decorate
        self._pages: list[dict] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(self, number, total)
            super().showPage()
        super().save()


def fit_width(text: str, font: str, size: float, width: float) -> str:
    """``text``, or as much of it as fits in ``width`` points followed by "…"."""
    if stringWidth(text, font, size) <= width:
        return text
    # Bisect on the length: a 5,000-character name cut one character at a time took
    # seconds per page header.
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle] + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS



@dataclass(frozen=True)
class _Frame:
    header_left: str
    header_right: str
    footer_note: str | None
    landscape: bool
    header_on_first_page: bool

    def __call__(self, canvas: Canvas, number: int, total: int) -> None:
        width, height = page_size(self.landscape)
        left, right = MARGIN_X, width - MARGIN_X
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.setFillColor(MUTED)
        if number > 1 or self.header_on_first_page:
            y = height - 1.3 * cm
            # Both fit, or the shorter keeps its width and the longer is cut with "…".
            room = right - left - 1 * cm
            left_width = stringWidth(self.header_left, FONT_BOLD, 8)
            right_text = fit_width(self.header_right, FONT, 8, max(room / 2, room - left_width))
            left_text = fit_width(
                self.header_left, FONT_BOLD, 8, room - stringWidth(right_text, FONT, 8)
            )
            canvas.setFont(FONT_BOLD, 8)
            canvas.drawString(left, y, left_text)
            canvas.setFont(FONT, 8)
            canvas.drawRightString(right, y, right_text)
            canvas.line(left, y - 4, right, y - 4)
        top = MARGIN_BOTTOM - 0.6 * cm
        canvas.line(left, top, right, top)
        page_text = f"pagina {number} van {total}"
        canvas.setFont(FONT, 8)
        canvas.drawRightString(right, top - 11, page_text)
        if self.footer_note:
            note = RLParagraph(safe_text(self.footer_note), styles().footer)
            _, note_height = note.wrap(right - left - stringWidth(page_text, FONT, 8) - 1 * cm, top)
            note.drawOn(canvas, left, top - 3 - note_height)
        canvas.restoreState()


def build_pdf(
    path: Path | str,
    story: Sequence[Flowable],
    *,
    title: str,
    organisation_name: str,
    subject: str | None = None,
    header_title: str | None = None,
    landscape: bool = False,
    footer_note: str | None = None,
    header_on_first_page: bool = True,
) -> Path:
    """Render ``story`` on A4 pages with header and footer and write it to ``path``.

    Every page gets ``organisation_name`` (left) and ``header_title`` or ``title`` (right)
    at the top (page 1 only if ``header_on_first_page``), and at the bottom "pagina x van y"
    plus ``footer_note`` if given. ``title``/``subject`` go into the PDF metadata, the author
    is "KMO Re-integratie". The PDF is written beside ``path`` and renamed into place; an
    exception from rendering or writing propagates (e.g. ``PermissionError`` when the file
    is open in a viewer on Windows) and leaves ``path`` as it was.
    """
    register_fonts()
    path = Path(path)
    size = page_size(landscape)
    decorate = _Frame(
        printable(organisation_name).replace("\n", " ").strip(),
        printable(header_title or title).replace("\n", " ").strip(),
        footer_note,
        landscape,
        header_on_first_page,
    )

    def write(target: Path) -> None:
        doc = BaseDocTemplate(
            str(target),
            pagesize=size,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=title,
            author=AUTHOR,
            subject=subject or title,
            creator=AUTHOR,
            lang="nl-BE",
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], pagesize=size)])
        flowables = list(story)
        _let_rows_split(flowables)
        doc.build(flowables, canvasmaker=functools.partial(_NumberedCanvas, decorate=decorate))

    return _write_atomically(path, write)


def _let_rows_split(flowables: Sequence[object]) -> None:
    """Let every table, also inside KeepTogether or another table, split a row over pages.

    A row taller than a page (a long note from an older dossier) otherwise makes reportlab
    give up with LayoutError and the document cannot be printed at all.
    """
    for flowable in flowables:
        if isinstance(flowable, Table):
            flowable.splitInRow = 1
            for row in flowable._cellvalues:
                for cell in row:
                    _let_rows_split(cell if isinstance(cell, (list, tuple)) else [cell])
        elif isinstance(flowable, (list, tuple)):
            _let_rows_split(flowable)
        else:
            content = getattr(flowable, "_content", None)  # KeepTogether and its kin
            if isinstance(content, (list, tuple)):
                _let_rows_split(content)


def _write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    # The shared export guard: never over a dossier, mode 0600 from the first byte (a PDF
    # about an absence is personal data), renamed into place only when complete.
    return write_private(path, write, what="de PDF")
