"""The letterhead shared by the letters: sender, the address in a window envelope, reference, date.

Plain data in, flowables out; no Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.documents.base import (
    FONT,
    FONT_BOLD,
    MARGIN_TOP,
    MARGIN_X,
    RULE,
    dutch_date,
    fit_width,
    printable,
    safe_text,
    styles,
)
from kmo_reintegratie.organisation import Organisation

# --------------------------------------------------------------------------- window envelope

# The common Belgian/European right-window envelope: DL (110 × 220 mm, also sold as C5/6)
# with a 100 × 45 mm window 20 mm from the right edge and 15 mm from the bottom. An A4
# folded in three (99 mm panels) shows through it, with the few mm of play it has in the
# envelope, about 95–195 mm from the left and 50–84 mm from the top of the sheet. The
# address starts 110 mm from the left (so a 90 mm window, from 105 mm, shows it too) and
# 52 mm from the top, and keeps within 32 mm of height.
ADDRESS_LEFT = 110 * mm
ADDRESS_TOP = 52 * mm
ADDRESS_WIDTH = A4[0] - MARGIN_X - ADDRESS_LEFT
ADDRESS_HEIGHT = 32 * mm
#: Where the sheet is folded for a DL envelope, marked in the left margin.
FOLD_MARKS = (99 * mm, 198 * mm)


def _fitted(lines: Sequence[tuple[str, bool]], style: ParagraphStyle, width: float,
            height: float) -> RLParagraph:
    """``lines`` (text, bold) in one paragraph that fits ``width`` × ``height``.

    A smaller size first; for absurdly long text one cut line per entry, as many as fit.
    """
    # Never below 7 pt: smaller print is not readable on paper.
    for size in sorted({max(7.0, style.fontSize - step) for step in (0, 1, 2)}, reverse=True):
        fitted = ParagraphStyle("fitted", parent=style, fontSize=size, leading=size * 1.3)
        markup = "<br/>".join(f"<b>{safe_text(t)}</b>" if bold else safe_text(t)
                              for t, bold in lines)
        paragraph = RLParagraph(markup, fitted)
        if paragraph.wrap(width, height)[1] <= height:
            return paragraph
    room = max(1, int(height // fitted.leading))
    cut = [f"<b>{safe_text(fit_width(printable(t), FONT_BOLD, size, width))}</b>" if bold
           else safe_text(fit_width(printable(t), FONT, size, width)) for t, bold in lines[:room]]
    return RLParagraph("<br/>".join(cut), fitted)


class WindowLetterhead(Flowable):
    """The sender top left, the addressee in the envelope window, reference and date beside it.

    Must be the first flowable of the story: its height reaches from the top margin to
    under the window, and it draws at absolute positions on the page. ``details`` are
    (label, value) rows such as ("Ons kenmerk", "INFO-101-20260816"), printed left of the
    window where they stay inside the envelope.
    """

    def __init__(self, sender: Sequence[tuple[str, bool]], addressee: Sequence[tuple[str, bool]],
                 details: Sequence[tuple[str, str]] = ()):
        super().__init__()
        self.sender = list(sender)
        self.addressee = list(addressee)
        self.details = list(details)

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = ADDRESS_TOP + ADDRESS_HEIGHT - MARGIN_TOP
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        origin_x, origin_y = canvas.absolutePosition(0, 0)
        page_height = A4[1]

        def place(paragraph: RLParagraph, left: float, top: float, width: float) -> None:
            _, height = paragraph.wrap(width, page_height)
            paragraph.drawOn(canvas, left - origin_x, page_height - top - height - origin_y)

        st = styles()
        # Names and addresses are never hyphenated.
        sender_style = ParagraphStyle("sender", parent=st.small, fontSize=8.5, leading=11,
                                      hyphenationLang="")
        address_style = ParagraphStyle("address", parent=st.body, hyphenationLang="")
        sender_width = ADDRESS_LEFT - MARGIN_X - 8 * mm
        place(_fitted(self.sender, sender_style, sender_width, ADDRESS_TOP - MARGIN_TOP - 4 * mm),
              MARGIN_X, MARGIN_TOP, sender_width)
        place(_fitted(self.addressee, address_style, ADDRESS_WIDTH, ADDRESS_HEIGHT),
              ADDRESS_LEFT, ADDRESS_TOP, ADDRESS_WIDTH)
        if self.details:
            table = _details_table(self.details, sender_width)
            _, height = table.wrapOn(canvas, sender_width, ADDRESS_HEIGHT)
            table.drawOn(canvas, MARGIN_X - origin_x,
                         page_height - ADDRESS_TOP - height - origin_y)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        for top in FOLD_MARKS:
            y = page_height - top - origin_y
            canvas.line(5 * mm - origin_x, y, 9 * mm - origin_x, y)
        canvas.restoreState()


def sender_lines(org: Organisation) -> list[tuple[str, bool]]:
    lines = [(org.display_name, True)]
    lines += [(line, False) for line in (org.street, f"{org.postal_code} {org.city}".strip())
              if line]
    if org.enterprise_number:
        lines.append((f"Ondernemingsnummer {org.enterprise_number_display}", False))
    return lines


def address_lines(employee: Employee) -> list[tuple[str, bool]]:
    """The employee's name and address, one line each, as the envelope shows them."""
    return [(employee.name, False)] + [
        (line.strip(), False) for line in employee.address.splitlines() if line.strip()
    ]


def _details_table(details: Sequence[tuple[str, str]], width: float) -> Table:
    st = styles()
    label = ParagraphStyle("detail_label", parent=st.small, fontSize=9, leading=12,
                           hyphenationLang="")
    value = ParagraphStyle("detail", parent=st.body, fontSize=9, leading=12,
                           hyphenationLang="")
    table = Table([[RLParagraph(safe_text(k), label), RLParagraph(safe_text(v), value)]
                   for k, v in details], colWidths=[24 * mm, width - 24 * mm], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def letter_details(reference: str, org: Organisation, day: date) -> list[tuple[str, str]]:
    """"Ons kenmerk" and the date (with the place) as the letterhead prints them."""
    return [("Ons kenmerk", reference), ("Datum", place_and_date(org, day))]


def place_and_date(org: Organisation, day: date) -> str:
    return f"{org.city}, {dutch_date(day)}" if org.city else dutch_date(day)


def letter_reference(prefix: str, employee: Employee, day: date) -> str:
    """A reference both sides can quote: "INFO-101-20260816" (staff number, else the id)."""
    who = employee.staff_number.strip() or f"W{employee.id}"
    return f"{prefix}-{who}-{day:%Y%m%d}"
