"""The absence analysis as a PDF for the employer: figures, charts and the Bradford list.

Confidential: the Bradford list names employees, so every page says "vertrouwelijk". The
committee gets the anonymised annual report instead (``annual_report_pdf``).

The charts are drawn with reportlab.graphics and stay readable in black and white: the two
years differ in line style and marker (solid with squares, dashed with open circles), bars
carry their value as text, and every chart has a written legend and axis titles.
Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Circle, Drawing, Line, Rect, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.analysis import (
    ADVICE_TALK,
    BRADFORD_EXCEPTIONS,
    BRADFORD_NOTE,
    MIN_EMPLOYEES,
    AnalysisResult,
    MonthPoint,
    count_words,
    format_number,
)
from kmo_reintegratie.dates import MONTHS
from kmo_reintegratie.documents.base import (
    FONT,
    FONT_BOLD,
    INK,
    MUTED,
    RULE,
    build_pdf,
    content_width,
    dutch_date,
    fit_width,
    safe_text,
    styles,
)
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
)
from kmo_reintegratie.record import record

TITLE = "Analyse van de afwezigheden"
CONFIDENTIAL = (
    "Vertrouwelijk: dit document noemt werknemers bij naam (Bradford-lijst). Enkel voor de "
    "werkgever en wie het afwezigheidsbeleid opvolgt; niet verspreiden. Het comité krijgt het "
    "geanonimiseerde jaarverslag."
)
PREVIOUS = colors.HexColor("#7a7a7a")  # the previous year: mid grey, dashed
BAR = colors.HexColor("#4a6682")  # bars: dark enough to print as a clear grey
_LABEL_SIZE = 7.5
#: Written in a chart that has fewer than two months with a figure: no line to draw.
TOO_LITTLE_DATA = "Te weinig gegevens voor een verloop"


@record
class AnalysisDocument:
    organisation_name: str
    result: AnalysisResult
    made_on: date


def period_text(result: AnalysisResult, made_on: date) -> str:
    """ "Periode 01-01-2026 – 31-12-2026 · cijfers tot en met 6 december 2026" (or without the
    second part when the period ended): a title must not promise days that have no figures."""
    text = f"Periode {result.period.label()}"
    until = result.period.counted_until(made_on)
    return f"{text} · cijfers tot en met {dutch_date(until)}" if until else text


def has_staff(result: AnalysisResult) -> bool:
    """Someone was in service in the period: without anyone there is nothing to analyse."""
    return any(f.employees for f in result.figures)


def render_analysis(document: AnalysisDocument, path: Path) -> Path:
    """Write the analysis to ``path`` (see ``base.build_pdf`` for failure behaviour).

    A period without anyone in service gives one page that says so, not pages of dashes.
    """
    result = document.result
    st = styles()
    story: list[Flowable] = [
        RLParagraph(TITLE, st.title),
        RLParagraph(safe_text(period_text(result, document.made_on)), st.subtitle),
        _details(document),
    ]
    if not has_staff(result):
        story.append(RLParagraph(safe_text(_nobody_text(result)), st.body))
    else:
        story += _full_story(result)
    return build_pdf(
        path,
        story,
        title=f"{TITLE} {result.period.label()}",
        organisation_name=document.organisation_name,
        subject="Afwezigheidscijfers met formules, grafieken en Bradford-lijst (vertrouwelijk)",
        header_title=f"{TITLE} – vertrouwelijk",
        footer_note=CONFIDENTIAL,
        header_on_first_page=False,
    )


def _nobody_text(result: AnalysisResult) -> str:
    where = f" van de afdeling {result.department}" if result.department else ""
    return (
        f"Er was in deze periode geen enkele werknemer{where} in dienst: er is niets te "
        "analyseren. Voeg de werknemers toe (met hun datum van indiensttreding en arbeidsregime) "
        "en registreer hun afwezigheden; daarna toont deze analyse de cijfers, grafieken en "
        "Bradford-lijst."
    )


def _full_story(result: AnalysisResult) -> list[Flowable]:
    st = styles()
    return [
        _confidential_box(),
        RLParagraph("Cijfers", st.h1),
        *_figures(result),
        CondPageBreak(8 * cm),
        RLParagraph("Verloop per maand", st.h1),
        *_trend(result),
        CondPageBreak(7 * cm),
        RLParagraph("Begindag van nieuwe afwezigheden", st.h1),
        *_weekdays(result),
        CondPageBreak(7 * cm),
        RLParagraph("Per afdeling", st.h1),
        *_departments(result),
        CondPageBreak(6 * cm),
        RLParagraph("Bradford-factor", st.h1),
        *_bradford(result),
    ]


# --------------------------------------------------------------------------- text parts


def _details(document: AnalysisDocument) -> Table:
    st = styles()
    rows = [
        ("Organisatie", document.organisation_name.strip() or "–"),
        ("Afdeling", document.result.department or "Alle afdelingen"),
        ("Gemaakt op", dutch_date(document.made_on)),
    ]
    table = Table(
        [[RLParagraph(safe_text(k), st.cell), RLParagraph(safe_text(v), st.body)] for k, v in rows],
        colWidths=[3.5 * cm, content_width() - 3.5 * cm],
        hAlign="LEFT",
        spaceAfter=8,
    )
    table.setStyle(
        TableStyle([("LEFTPADDING", (0, 0), (0, -1), 0), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return table


def _confidential_box() -> Table:
    st = styles()
    style = ParagraphStyle("confidential", parent=st.body, fontName=FONT_BOLD, textColor=INK)
    table = Table(
        [[RLParagraph("VERTROUWELIJK", style)], [RLParagraph(safe_text(CONFIDENTIAL), st.small)]],
        colWidths=[content_width()],
        hAlign="LEFT",
        spaceAfter=10,
    )
    table.setStyle(
        TableStyle([("BOX", (0, 0), (-1, -1), 1.2, INK), ("TOPPADDING", (0, 0), (-1, -1), 4)])
    )
    return table


def _figures(result: AnalysisResult) -> list[Flowable]:
    st = styles()
    caution_style = ParagraphStyle(
        "caution", parent=st.cell, textColor=MUTED, fontSize=8, leading=10
    )
    rows = []
    for figure in result.figures:
        inputs = "<br/>".join(f"{safe_text(k)}: {safe_text(v)}" for k, v in figure.inputs)
        detail: list[Flowable] = [
            RLParagraph(f"<i>{safe_text(figure.formula)}</i>", st.cell),
            RLParagraph(inputs, st.cell),
        ]
        if figure.caution:
            detail.append(RLParagraph(safe_text(figure.caution), caution_style))
        rows.append(
            [
                RLParagraph(f"<b>{safe_text(figure.title)}</b>", st.cell),
                RLParagraph(safe_text(figure.display), st.cell),
                detail,
            ]
        )
    return [
        RLParagraph(
            "Elk cijfer met zijn formule en de getallen waaruit het berekend is. Percentages "
            "tellen in werkdagen volgens het arbeidsregime; duur telt in kalenderdagen.",
            st.body,
        ),
        data_table(["Cijfer", "Waarde", "Formule en invoer"], rows, ["28%", "20%", "52%"]),
    ]


# --------------------------------------------------------------------------- charts


def _axis_max(value: float, *, integer: bool) -> tuple[float, float]:
    """A round maximum for a value axis and its step (about five steps)."""
    if value <= 0:
        return (5.0, 1.0) if integer else (1.0, 0.2)
    magnitude = 10 ** math.floor(math.log10(value))
    top = next(s * magnitude for s in (1, 2, 2.5, 5, 10) if s * magnitude >= value)
    if integer:
        step = max(1.0, math.ceil(top / 5))
        return step * math.ceil(value / step), step
    return top, top / 5


def _number(value: float, decimals: int) -> str:
    return format_number(value, decimals)


def _axis_format(step: float, suffix: str = "") -> Callable[[float], str]:
    decimals = 0 if step >= 1 else 1
    return lambda v: _number(v, decimals) + suffix


def _style_axes(chart: object) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):  # type: ignore[attr-defined]
        axis.labels.fontName = FONT
        axis.labels.fontSize = _LABEL_SIZE
        axis.labels.fillColor = INK
        axis.strokeColor = RULE
    chart.valueAxis.visibleGrid = 1  # type: ignore[attr-defined]
    chart.valueAxis.gridStrokeColor = colors.HexColor("#d0d0d0")  # type: ignore[attr-defined]
    chart.valueAxis.gridStrokeWidth = 0.4  # type: ignore[attr-defined]


def _text(x: float, y: float, text: str, size: float = _LABEL_SIZE, **kwargs: object) -> String:
    return String(
        x, y, text, fontName=kwargs.pop("font", FONT), fontSize=size, fillColor=INK, **kwargs
    )


def _month_label(point: MonthPoint, with_year: bool) -> str:
    name = MONTHS[point.month - 1][:3]
    return f"{name} {point.year % 100:02d}" if with_year else name


def trend_chart(result: AnalysisResult, width: float | None = None) -> Drawing:
    """Absence percentage per month of the period, beside the same months a year earlier."""
    width = width or content_width()
    height = 6.2 * cm
    points, earlier = result.trend, result.trend_previous
    values = [p.percentage for p in points]
    previous = [p.percentage for p in earlier][: len(points)]
    top, step = _axis_max(
        max([v for v in values + previous if v is not None] or [0]), integer=False
    )
    drawing = Drawing(width, height)
    chart = HorizontalLineChart()
    chart.x, chart.y = 34, 30
    chart.width, chart.height = width - chart.x - 8, height - chart.y - 34
    chart.data = [values, previous + [None] * (len(values) - len(previous))]
    with_year = len({p.year for p in points}) > 1
    names = [_month_label(p, with_year) for p in points]
    every = max(1, math.ceil(len(names) / 14))  # at most ~14 labels: no overlap
    chart.categoryAxis.categoryNames = [n if i % every == 0 else "" for i, n in enumerate(names)]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = _axis_format(step, " %")
    _style_axes(chart)
    # reportlab asserts on a joined line through fewer than two points (a new dossier, a
    # period of one month, months without staff): join only series that have two, and let
    # a single month show as its marker alone.
    chart.joinedLines = 0
    for index, series in enumerate(chart.data):
        if _plotted(series) >= 2:
            chart.lines[index].lineStyle = "joinedLine"
    chart.lines[0].strokeColor = INK
    chart.lines[0].strokeWidth = 1.8
    chart.lines[0].symbol = makeMarker("FilledSquare", size=4.5, fillColor=INK, strokeColor=INK)
    chart.lines[1].strokeColor = PREVIOUS
    chart.lines[1].strokeWidth = 1.3
    chart.lines[1].strokeDashArray = [4, 3]
    chart.lines[1].symbol = makeMarker(
        "Circle", size=4.5, fillColor=colors.white, strokeColor=PREVIOUS, strokeWidth=1
    )
    drawing.add(chart)
    if _plotted(values) < 2:
        drawing.add(
            _text(
                chart.x + chart.width / 2,
                chart.y + chart.height / 2,
                TOO_LITTLE_DATA,
                9,
                textAnchor="middle",
                font=FONT_BOLD,
            )
        )
    this_label, previous_label, _ = _year_labels(result)
    _legend(
        drawing,
        height - 12,
        [
            (this_label, INK, None, True),
            (previous_label, PREVIOUS, [4, 3], False),
        ],
    )
    drawing.add(_text(chart.x + chart.width, 4, "maand", textAnchor="end"))
    drawing.add(_text(0, height - 26, "% van de arbeidsuren", textAnchor="start"))
    return drawing


def _plotted(series: Sequence[float | None]) -> int:
    return sum(value is not None for value in series)


def _year_labels(result: AnalysisResult) -> tuple[str, str, str]:
    """The legend's two labels and the sentence that explains the lines."""
    period = result.period
    if period.start.year == period.end.year:
        year = period.start.year
        this, previous = f"{year}", f"{year - 1} (vorig jaar)"
        lines = f"in {year} (volle lijn met vierkantjes) naast dezelfde maanden in {year - 1}"
    else:
        this, previous = "gekozen periode", "een jaar eerder"
        lines = "in de gekozen periode (volle lijn met vierkantjes) naast een jaar eerder"
    return this, previous, lines + " (streepjeslijn met open bolletjes)"


def _legend(
    drawing: Drawing, y: float, entries: Sequence[tuple[str, object, list | None, bool]]
) -> None:
    """Line samples with their marker and label, left to right, at height ``y``."""
    x = 34.0
    for label, colour, dash, filled in entries:
        drawing.add(
            Line(x, y + 3, x + 22, y + 3, strokeColor=colour, strokeWidth=1.6, strokeDashArray=dash)
        )
        if filled:
            drawing.add(Rect(x + 8.75, y + 0.75, 4.5, 4.5, fillColor=colour, strokeColor=colour))
        else:
            drawing.add(Circle(x + 11, y + 3, 2.4, fillColor=colors.white, strokeColor=colour))
        drawing.add(_text(x + 27, y, label, 8))
        x += 27 + stringWidth(label, FONT, 8) + 18


def weekday_chart(result: AnalysisResult, width: float | None = None) -> Drawing:
    """Number of new absences per weekday they started on."""
    width = width or content_width()
    height = 5.4 * cm
    counts = [n for _, n in result.weekday]
    top, step = _axis_max(max(counts or [0]) * 1.15, integer=True)  # room for the labels
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 34, 26
    chart.width, chart.height = width - chart.x - 8, height - chart.y - 22
    chart.data = [counts]
    chart.categoryAxis.categoryNames = [name for name, _ in result.weekday]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = _axis_format(step)
    _style_axes(chart)
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = INK
    chart.bars[0].strokeWidth = 0.5
    chart.barWidth = 10
    chart.groupSpacing = 14
    chart.barLabelFormat = lambda v: format_number(v)
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(_text(0, height - 12, "aantal nieuwe afwezigheidsperiodes", textAnchor="start"))
    drawing.add(_text(chart.x + chart.width, 3, "begindag", textAnchor="end"))
    return drawing


MAX_DEPARTMENT_BARS = 24


def department_chart(result: AnalysisResult, width: float | None = None) -> Drawing:
    """Absence percentage per department (at most ``MAX_DEPARTMENT_BARS``, largest first)."""
    width = width or content_width()
    departments = result.departments[:MAX_DEPARTMENT_BARS]
    labels = [_fit(f"{name} ({n})", width * 0.42) for name, _, n in departments]
    values = [pct or 0.0 for _, pct, _ in departments]
    row = 17.0
    height = row * max(1, len(departments)) + 40
    top, step = _axis_max(max(values or [0]), integer=False)
    label_width = max([stringWidth(t, FONT, _LABEL_SIZE) for t in labels] or [40]) + 8
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 22
    chart.width, chart.height = width - label_width - 44, height - chart.y - 18
    # Bars are drawn bottom-up: reverse so the list reads top-down like the table.
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labelTextFormat = _axis_format(step, " %")
    _style_axes(chart)
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = INK
    chart.bars[0].strokeWidth = 0.5
    chart.barWidth = 9
    chart.barLabelFormat = lambda v: _number(v, 1) + " %"
    chart.barLabels.fontName = FONT_BOLD
    chart.barLabels.fontSize = _LABEL_SIZE
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    drawing.add(_text(chart.x + chart.width, 3, "% van de arbeidsuren", textAnchor="end"))
    drawing.add(_text(0, height - 10, "afdeling (aantal werknemers)", textAnchor="start"))
    return drawing


def _fit(text: str, width: float) -> str:
    return fit_width(text, FONT, _LABEL_SIZE, width)


# --------------------------------------------------------------------------- chart sections


def _small_numbers(result: AnalysisResult) -> str:
    headline = result.figures[0] if result.figures else None
    return headline.caution if headline and headline.caution else ""


def _caution_paragraph(text: str) -> list[Flowable]:
    if not text:
        return []
    style = ParagraphStyle("chart_caution", parent=styles().small, textColor=MUTED)
    return [RLParagraph(safe_text(text), style)]


def _trend(result: AnalysisResult) -> list[Flowable]:
    st = styles()
    lines = _year_labels(result)[2]
    return [
        KeepTogether(
            [
                RLParagraph(
                    safe_text(
                        f"Afwezigheidspercentage per maand {lines}. Maanden na vandaag hebben "
                        "nog geen cijfer."
                    ),
                    st.body,
                ),
                trend_chart(result),
                Spacer(1, 4),
                *_caution_paragraph(_small_numbers(result)),
            ]
        )
    ]


def _weekdays(result: AnalysisResult) -> list[Flowable]:
    st = styles()
    total = sum(n for _, n in result.weekday)
    caution = ""
    if total == 0:
        caution = "Geen nieuwe afwezigheden in deze periode."
    elif total < 10:
        caution = (
            f"Voorzichtig: slechts {count_words(total, 'nieuwe periode', 'nieuwe periodes')}; "
            "één afwezigheid meer of minder verandert het beeld."
        )
    return [
        KeepTogether(
            [
                RLParagraph(
                    "Op welke dag nieuwe afwezigheden begonnen. Een piek op maandag of vrijdag is "
                    "een vraag om over te praten, geen bewijs van iets.",
                    st.body,
                ),
                weekday_chart(result),
                Spacer(1, 4),
                *_caution_paragraph(caution),
            ]
        )
    ]


def _departments(result: AnalysisResult) -> list[Flowable]:
    st = styles()
    if not result.departments:
        return [RLParagraph("Geen werknemers in dienst in deze periode.", st.body)]
    story: list[Flowable] = [
        RLParagraph(
            "Afwezigheidspercentage per afdeling; tussen haakjes het aantal werknemers dat in de "
            "periode in dienst was. In een kleine afdeling weegt één afwezigheid zwaar.",
            st.body,
        ),
        department_chart(result),
        Spacer(1, 6),
    ]
    if len(result.departments) > MAX_DEPARTMENT_BARS:
        story.append(
            RLParagraph(
                f"De grafiek toont de eerste {MAX_DEPARTMENT_BARS} afdelingen; de tabel toont ze allemaal.",
                st.small,
            )
        )
    rows = [
        [
            name,
            "–" if pct is None else _number(pct, 1) + " %",
            format_number(n),
            f"voorzichtig: < {MIN_EMPLOYEES} werknemers" if n < MIN_EMPLOYEES else "",
        ]
        for name, pct, n in result.departments
    ]
    story.append(
        data_table(
            ["Afdeling", "Afwezigheid", "Werknemers", "Opmerking"],
            rows,
            ["34%", "16%", "14%", "36%"],
        )
    )
    return story


def _bradford(result: AnalysisResult) -> list[Flowable]:
    st = styles()
    window = result.bradford_period()
    story: list[Flowable] = [
        RLParagraph(safe_text(BRADFORD_NOTE), st.body),
        RLParagraph(
            safe_text(
                f"Berekend als S² × D over de 52 weken {window.label()}: S is het aantal "
                f"afwezigheidsperiodes, D het aantal afwezige kalenderdagen. Drempel voor een "
                f"gesprek: {result.bradford_threshold}."
            ),
            st.body,
        ),
    ]
    if not result.bradford:
        story.append(RLParagraph("Niemand was afwezig in die 52 weken.", st.body))
        return story
    bold = ParagraphStyle("bradford_above", parent=st.cell, fontName=FONT_BOLD)
    rows = []
    above = talks = 0
    for row in result.bradford:
        advice = result.advice(row)
        above += bool(advice)
        talks += advice == ADVICE_TALK
        cells = [
            row.name,
            row.department or "–",
            format_number(row.spells),
            format_number(row.days),
            format_number(row.score),
        ]
        # Rows above the threshold in bold: visible without colour. The advice says whether
        # a talk fits, or why not (absent today, no contact wanted, one long absence).
        style = bold if advice else st.cell
        row_cells: list[Flowable] = [RLParagraph(safe_text(c), style) for c in cells]
        row_cells.append(RLParagraph(safe_text(advice), bold if advice == ADVICE_TALK else st.cell))
        rows.append(row_cells)
    story.append(
        data_table(
            ["Werknemer", "Afdeling", "Periodes (S)", "Dagen (D)", "Score", "Opvolging"],
            rows,
            ["20%", "18%", "12%", "9%", "9%", "32%"],
        )
    )
    people = count_words(len(result.bradford), "werknemer", "werknemers")
    summary = f"{above} van {people} boven de drempel"
    if above:
        summary += "; " + (
            "voor niemand van hen is een gesprek aangewezen"
            if not talks
            else f"voor {talks} van hen is een gesprek aangewezen"
        )
    story.append(RLParagraph(safe_text(summary + "."), st.small))
    if above > talks:
        story.append(RLParagraph(safe_text(BRADFORD_EXCEPTIONS), st.small))
    return story


__all__ = [
    "AnalysisDocument",
    "department_chart",
    "render_analysis",
    "trend_chart",
    "weekday_chart",
]
