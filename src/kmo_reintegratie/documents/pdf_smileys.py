"""The three smileys drawn for print (never emoji): the mouth carries the meaning, colour is a second signal."""

from __future__ import annotations

from reportlab.graphics.shapes import Circle, Drawing, Group, Line, String
from reportlab.graphics.shapes import Path as ShapePath
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from kmo_reintegratie.assessment import Answer
from kmo_reintegratie.documents.base import FONT, FONT_BOLD, INK, MIN_FONT_SIZE

SMILEY_COLOURS = {
    "toegepast": colors.HexColor("#2e7d32"),
    "overwegen": colors.HexColor("#d08a00"),
    "tekortkoming": colors.HexColor("#c62828"),
    None: colors.HexColor("#9e9e9e"),
}


def _kind(kind: str | None) -> str | None:
    if kind is None:
        return None
    key = str(getattr(kind, "value", kind))
    if key not in SMILEY_COLOURS:
        raise ValueError(f"onbekend antwoord: {kind!r}")
    return key


def smiley_label(kind: str | None) -> str:
    """Toegepast / Overwegen / Tekortkoming / Niet beantwoord."""
    key = _kind(kind)
    return Answer(key).label if key else "Niet beantwoord"


def smiley_group(kind: str | None, size: float, x: float = 0, y: float = 0) -> Group:
    """A drawn smiley (not an emoji) in the square (x, y, size), for use in a Drawing.

    The mouth carries the meaning — smile, straight line, frown with frowning brows — so
    it reads in black and white; the colour is a second signal. ``None``: grey "?".
    """
    key = _kind(kind)
    colour = SMILEY_COLOURS[key]
    line = max(0.6, size / 14)
    r = size / 2 - line
    cx, cy = x + size / 2, y + size / 2
    group = Group()
    tint = (
        colors.white
        if key is None
        else colors.linearlyInterpolatedColor(colors.white, colour, 0, 1, 0.18)
    )
    group.add(Circle(cx, cy, r, strokeColor=colour, strokeWidth=line, fillColor=tint))
    if key is None:
        # Never below the documents' smallest type: a 7 pt "?" still fits a 12 pt circle.
        font_size = max(size * 0.55, MIN_FONT_SIZE)
        group.add(
            String(
                cx,
                cy - font_size * 0.36,
                "?",
                fontName=FONT_BOLD,
                fontSize=font_size,
                fillColor=colour,
                textAnchor="middle",
            )
        )
        return group
    for side in (-1, 1):
        group.add(
            Circle(
                cx + side * r * 0.35, cy + r * 0.25, r * 0.13, fillColor=colour, strokeColor=None
            )
        )
    mouth = ShapePath(strokeColor=colour, strokeWidth=line * 1.3, fillColor=None, strokeLineCap=1)
    left, right, mouth_y = cx - r * 0.45, cx + r * 0.45, cy - r * 0.35
    if key == "toegepast":
        mouth.moveTo(left, mouth_y)
        mouth.curveTo(
            left + r * 0.15,
            mouth_y - r * 0.35,
            right - r * 0.15,
            mouth_y - r * 0.35,
            right,
            mouth_y,
        )
    elif key == "tekortkoming":
        mouth.moveTo(left, mouth_y - r * 0.2)
        mouth.curveTo(
            left + r * 0.15,
            mouth_y + r * 0.12,
            right - r * 0.15,
            mouth_y + r * 0.12,
            right,
            mouth_y - r * 0.2,
        )
        for side in (-1, 1):  # frowning brows: "boos" unmistakable in black and white
            group.add(
                Line(
                    cx + side * r * 0.58,
                    cy + r * 0.6,
                    cx + side * r * 0.18,
                    cy + r * 0.45,
                    strokeColor=colour,
                    strokeWidth=line,
                    strokeLineCap=1,
                )
            )
    else:
        mouth.moveTo(left, mouth_y)
        mouth.lineTo(right, mouth_y)
    group.add(mouth)
    return group


def smiley_drawing(kind: str | None, size: float = 18) -> Drawing:
    """A smiley as a flowable of ``size`` × ``size`` points (see ``smiley_group``)."""
    drawing = Drawing(size, size)
    drawing.add(smiley_group(kind, size))
    return drawing


def smiley_with_label(
    kind: str | None, size: float = 18, label_size: float = MIN_FONT_SIZE
) -> Drawing:
    """A smiley with its label centred underneath, as one flowable (label at least 7 pt)."""
    label_size = max(label_size, MIN_FONT_SIZE)
    width = max(size, stringWidth(smiley_label(kind), FONT, label_size))
    drawing = Drawing(width, size + label_size * 1.5)
    drawing.add(smiley_group(kind, size, (width - size) / 2, label_size * 1.5))
    drawing.add(
        String(
            width / 2,
            1,
            smiley_label(kind),
            fontName=FONT,
            fontSize=label_size,
            fillColor=INK,
            textAnchor="middle",
        )
    )
    return drawing

