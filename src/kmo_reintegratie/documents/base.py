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
  ``ParagraphStyle("x", parent=styles().body, ...)``. They hyphenate Dutch (pyphen), so a
  PDF reader may extract "Hoofdver-\npleegkundige". Nothing prints below ``MIN_FONT_SIZE``.
* Tables break between rows; the header row repeats only at the top of a page
  (``pdf_tables.keep_rows_whole``, applied by ``build_pdf``).
* The running header drops a trailing " – name" that does not fit; the person's name and
  the date belong in ``footer_note``, which wraps beside "pagina x van y" (at most three lines).
* ``build_pdf`` never leaves a half-written PDF: on failure the previous file at ``path``
  (if any) is untouched and no temporary file remains. The PDF gets mode 0600 on POSIX,
  and a ``path`` that is a dossier is refused with ``output_guard.OutputRefused``.
"""

from __future__ import annotations

import functools
import inspect
import itertools
import re
import unicodedata
from collections.abc import Callable, Sequence
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
)
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.bundled import bundled
from kmo_reintegratie.dates import format_date, long_date
from kmo_reintegratie.documents.output_guard import write_private
from kmo_reintegratie.record import record

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


@record
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


#: The smallest type any document prints: footers, legends, chart labels, smiley labels.
MIN_FONT_SIZE = 7.0
#: Dutch hyphenation by reportlab with pyphen's nl_NL patterns. Words shorter than this
#: are never hyphenated: "wer-ken" at a line end helps no one in ragged-right text.
HYPHENATE_FROM_LETTERS = 7
#: A word that fits on a line of its own is hyphenated only when moving it whole would leave
#: more than this share of the line empty (a word processor's "hyphenation zone"): narrow
#: columns hyphenate, body text only where the right edge would gape.
HYPHENATION_ZONE = 0.12
#: Running header and page number; the footer note (person, document, date) under the rule.
HEADER_SIZE = 8.0
FOOTER_SIZE = 7.5
FOOTER_LEADING = 9.0
#: A footer note wraps to at most this many lines (person, document and date fit in two).
FOOTER_NOTE_LINES = 3


def _refine_hyphenation() -> None:
    """Two corrections to reportlab's hyphenation, applied once to its two entry points.

    * reportlab hyphenates every word that does not fit at the end of a line, which put a
      hyphen on a third of the lines of ragged-right text: ``HYPHENATION_ZONE`` applies.
    * After "Hoofdverpleeg-" the rest of a word is never cut again, so an unbreakable rest
      ("xxxx…", an e-mail address after "https://") ran out of its table cell. Such a split
      is refused; reportlab then cuts the word without a hyphen, as before hyphenation.

    Should a reportlab version change these functions, hyphenation stays as reportlab does it.
    """
    from reportlab.platypus import paragraph as rl

    def refine(
        name: str,
        expected: tuple[str, ...],
        widths: Callable[[tuple], tuple[float, float, float]],
        again: Callable[[tuple, object], tuple],
        width_of: Callable[[tuple, object], float],
    ) -> None:
        original = getattr(rl, name, None)
        if original is None or getattr(original, "refined", False):
            return
        if tuple(inspect.signature(original).parameters)[: len(expected)] != expected:
            return

        def rest_breaks(pieces: list, args: tuple, room: float) -> bool:
            # The rest starts a fresh line: it must fit there or hyphenate again.
            while pieces and width_of(args, pieces[-1]) > room:
                pieces = original(*again(args, pieces[-1]))
            return bool(pieces)

        @functools.wraps(original)
        def hyphenate(*args: object) -> object:
            word, line, room = widths(args)
            if word <= room and room - (line - word) < HYPHENATION_ZONE * room:
                return None  # the word moves whole to the next line
            pieces = original(*args)
            return pieces if pieces and rest_breaks(pieces, args, room) else None

        hyphenate.refined = True  # type: ignore[attr-defined]
        setattr(rl, name, hyphenate)

    common = ("newWidth", "maxWidth")

    def word_width(args: tuple, text: object) -> float:
        return stringWidth(str(text), args[1], args[2])

    refine(
        "_hyphenateWord",
        ("hyphenator", "fontName", "fontSize", "w", "ww", *common),
        lambda a: (a[4], a[5], a[6]),
        lambda a, rest: (*a[:3], str(rest), *(word_width(a, rest),) * 2, *a[6:]),
        word_width,
    )
    refine(
        "_hyphenateFragWord",
        ("hyphenator", "FW", *common),
        lambda a: (a[1][0], a[2], a[3]),
        lambda a, rest: (a[0], rest, rest[0], *a[3:]),  # type: ignore[index]
        lambda a, rest: rest[0],  # type: ignore[index]
    )


_refine_hyphenation()


@functools.cache
def styles() -> Styles:
    """The shared paragraph styles (A4, body 10 pt). Shared objects: do not mutate.

    Every style hyphenates Dutch ("Hoofdverpleeg-kundige"): a narrow table column breaks a
    long word with a hyphen instead of cutting it anywhere. A word pyphen cannot hyphenate
    (a code, an e-mail address) and that is wider than its column is still cut (reportlab's
    ``splitLongWords``), and a web address is broken at a "/" when that saves a third of a line.
    """
    register_fonts()
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=10,
        leading=13.5,
        textColor=INK,
        spaceAfter=5,
        hyphenationLang="nl_NL",
        hyphenationMinWordLength=HYPHENATE_FROM_LETTERS,
        # 2: break "preventieadviseur-arbeidsarts" after its own "-", and move a word that
        # cannot be hyphenated at the end of a line to the next, where it can.
        embeddedHyphenation=2,
        uriWasteReduce=0.3,
        splitLongWords=1,
        bulletFontName=FONT,  # reportlab's default is Helvetica, not embedded
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
        footer=ParagraphStyle(
            "footer", parent=small, fontSize=FOOTER_SIZE, leading=FOOTER_LEADING, textColor=MUTED
        ),
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


def fit_width(text: str, font: str, size: float, width: float, *, at_word: bool = False) -> str:
    """``text``, or as much of it as fits in ``width`` points followed by "…".

    With ``at_word`` the cut falls between words when one ends in the last third of the room,
    so a name reads "Marie-Christine…" rather than "Marie-Chr…".
    """
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
    kept = text[:low]
    if at_word and low < len(text) and not text[low].isspace():
        space = kept.rfind(" ")
        if space > 0 and stringWidth(kept[:space], font, size) >= width * 2 / 3:
            kept = kept[:space]
    return (kept.rstrip(" –-,") if at_word else kept.rstrip()) + ELLIPSIS


def fit_heading(text: str, font: str, size: float, width: float) -> str:
    """A running header in ``width``: whole, else without its trailing " – " parts, else cut.

    A title like "Re-integratieplan – Marie-Christine Vandenbossche" loses the name as a
    whole rather than printing half of it; the name belongs in the footer note, which wraps.
    """
    if stringWidth(text, font, size) <= width:
        return text
    parts = text.split(" – ")
    while len(parts) > 1:
        parts.pop()
        shorter = " – ".join(parts)
        if stringWidth(shorter, font, size) <= width:
            return shorter
    return fit_width(parts[0], font, size, width, at_word=True)


def footer_note_paragraph(text: str, width: float) -> RLParagraph:
    """The footer note as it is printed: wrapped in ``width``, shortened with "…" beyond
    ``FOOTER_NOTE_LINES`` lines so it never runs off the paper."""
    return RLParagraph(safe_text(_footer_note_text(text, width)), styles().footer)


@functools.lru_cache(maxsize=8)  # the same note on every page
def _footer_note_text(text: str, width: float) -> str:
    style = styles().footer

    def fits(candidate: str) -> bool:
        _, height = RLParagraph(safe_text(candidate), style).wrap(width, 10_000)
        return height <= FOOTER_NOTE_LINES * style.leading + 0.1

    text = " ".join(text.split())
    if not fits(text):
        low, high = 0, len(text)
        while low < high:
            middle = (low + high + 1) // 2
            if fits(text[:middle].rstrip() + ELLIPSIS):
                low = middle
            else:
                high = middle - 1
        text = text[:low].rstrip() + ELLIPSIS
    return text


@record
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
            self._header(canvas, left, right, height - 1.3 * cm)
        top = MARGIN_BOTTOM - 0.6 * cm
        canvas.line(left, top, right, top)
        page_text = f"pagina {number} van {total}"
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.drawRightString(right, top - 11, page_text)
        if self.footer_note:
            # Beside the page number, never under it: the widest "pagina 888 van 888" is kept
            # free so the note wraps at the same place on every page.
            room = right - left - stringWidth("pagina 888 van 888", FONT, HEADER_SIZE) - 0.8 * cm
            note = footer_note_paragraph(self.footer_note, room)
            _, note_height = note.wrap(room, top)
            note.drawOn(canvas, left, top - 3 - note_height)
        canvas.restoreState()

    def _header(self, canvas: Canvas, left: float, right: float, y: float) -> None:
        # Both fit, or the shorter keeps its width (the organisation at most half) and the
        # longer gives way: the title drops a trailing " – name", the organisation is cut.
        room = right - left - 0.6 * cm  # the gap between the two
        left_width = stringWidth(self.header_left, FONT_BOLD, HEADER_SIZE)
        right_text = fit_heading(
            self.header_right, FONT, HEADER_SIZE, max(room / 2, room - left_width)
        )
        left_text = fit_width(
            self.header_left,
            FONT_BOLD,
            HEADER_SIZE,
            room - stringWidth(right_text, FONT, HEADER_SIZE),
            at_word=True,
        )
        canvas.setFont(FONT_BOLD, HEADER_SIZE)
        canvas.drawString(left, y, left_text)
        canvas.setFont(FONT, HEADER_SIZE)
        canvas.drawRightString(right, y, right_text)
        canvas.line(left, y - 4, right, y - 4)


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
        # Imported here: pdf_tables builds on this module's styles.
        from kmo_reintegratie.documents.pdf_tables import keep_rows_whole

        flowables = list(story)
        keep_rows_whole(flowables, doc.height)
        doc.build(flowables, canvasmaker=functools.partial(_NumberedCanvas, decorate=decorate))

    return _write_atomically(path, write)


def _write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    # The shared export guard: never over a dossier, mode 0600 from the first byte (a PDF
    # about an absence is personal data), renamed into place only when complete.
    return write_private(path, write, what="de PDF")
