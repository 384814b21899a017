"""The charts and figure cards of `Analyse`.

Charts are QtCharts views that take their text and background colours from the
widget palette (so dark mode works) and re-apply them when the palette
changes. Bars use two fixed colours that differ in lightness, so a grey print
still tells this year from last year. Fonts never go below 9 pt and every axis
has a Dutch title, so a grabbed or printed chart stays readable.
"""

from __future__ import annotations

import html
import re

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QLocale, QMargins, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.analysis import Figure, MonthPoint, format_number

CURRENT = QColor("#2b6cb0")  # dark enough on white paper, light enough on a dark background
PREVIOUS = QColor("#a3b8cc")
MIN_POINT_SIZE = 9.0
MIN_CHART_HEIGHT = 290
BAR_ROW_HEIGHT = 28  # px per department bar, so its label is never cut
CAUTION_STYLE = (
    "background:#fff3cd; color:#664d03; border:1px solid #e0c36b; "
    "border-radius:4px; padding:3px 6px;"
)
_VALUE_SPLIT = re.compile(r"^(–|-?[\d.,]+(?:\s%)?)\s*(.*)$")


def _font(base: QFont, *, scale: float = 1.0, bold: bool = False) -> QFont:
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else MIN_POINT_SIZE
    font.setPointSizeF(max(MIN_POINT_SIZE, size) * scale)
    font.setBold(bold)
    return font


class AnalysisChart(QChartView):
    """A bar chart with one category axis and one value axis, in the palette's colours."""

    HORIZONTAL = False

    def __init__(
        self, title: str, value_title: str, category_title: str = "", parent: QWidget | None = None
    ):
        chart = QChart()
        super().__init__(chart, parent)
        self._title = title
        chart.setTitle(title)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setBackgroundRoundness(0)
        chart.setMargins(QMargins(4, 4, 4, 4))
        # Numbers in Dutch notation: 4,5 rather than 4.5.
        chart.setLocale(QLocale(QLocale.Language.Dutch, QLocale.Country.Belgium))
        chart.setLocalizeNumbers(True)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(300, 250)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.category_axis = QBarCategoryAxis()
        self.category_axis.setTitleText(category_title)
        self.value_axis = QValueAxis()
        self.value_axis.setTitleText(value_title)
        self.value_axis.setMinorTickCount(0)
        category_side, value_side = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
        if self.HORIZONTAL:
            category_side, value_side = value_side, category_side
        chart.addAxis(self.category_axis, category_side)
        chart.addAxis(self.value_axis, value_side)
        self.sets: list[QBarSet] = []
        self.apply_palette()

    # -- data -----------------------------------------------------------------------------

    def show_bars(
        self,
        categories: list[str],
        sets: list[tuple[str, QColor, list[float]]],
        *,
        decimals: int,
        labels: bool,
        legend: bool,
        empty_text: str = "",
    ) -> None:
        """Replace the bars: one set per (name, colour, values), one value per category."""
        chart = self.chart()
        chart.removeAllSeries()
        series: QAbstractBarSeries = QHorizontalBarSeries() if self.HORIZONTAL else QBarSeries()
        self.sets = []
        for name, colour, values in sets:
            bar_set = QBarSet(name)
            bar_set.append([round(v, decimals) for v in values])
            bar_set.setColor(colour)
            bar_set.setBorderColor(colour.darker(130))
            series.append(bar_set)
            self.sets.append(bar_set)
        series.setLabelsVisible(labels)
        series.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value")
        series.setLabelsPrecision(6)
        chart.addSeries(series)
        self.category_axis.clear()
        self.category_axis.append(categories or [" "])
        series.attachAxis(self.category_axis)
        series.attachAxis(self.value_axis)
        top = max((v for _n, _c, values in sets for v in values), default=0.0)
        # Room above the tallest bar for its label.
        self.value_axis.setRange(0, max(top * (1.2 if labels else 1.05), 1.0 if decimals else 4.0))
        self.value_axis.applyNiceNumbers()
        self.value_axis.setLabelFormat(
            f"%.{decimals}f" if self.value_axis.max() < 10 or not decimals else "%.0f"
        )
        chart.legend().setVisible(legend)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setTitle(self._title + (f" — {empty_text}" if empty_text else ""))
        self.apply_palette()

    # -- colours and fonts ------------------------------------------------------------------

    def apply_palette(self) -> None:
        palette = self.palette()
        text = palette.color(QPalette.ColorRole.WindowText)
        base = palette.color(QPalette.ColorRole.Base)
        grid = palette.color(QPalette.ColorRole.Mid)
        chart = self.chart()
        chart.setBackgroundBrush(QBrush(base))
        chart.setBackgroundPen(QPen(grid))
        chart.setTitleBrush(QBrush(text))
        chart.setTitleFont(_font(self.font(), scale=1.15, bold=True))
        legend = chart.legend()
        legend.setLabelColor(text)
        legend.setFont(_font(self.font()))
        for axis in (self.category_axis, self.value_axis):
            axis.setLabelsBrush(QBrush(text))
            axis.setLabelsFont(_font(self.font()))
            axis.setTitleBrush(QBrush(text))
            axis.setTitleFont(_font(self.font(), bold=True))
            axis.setLinePenColor(grid)
            axis.setGridLineColor(grid)
        for bar_set in self.sets:
            bar_set.setLabelColor(text)
            bar_set.setLabelFont(_font(self.font()))
        self.setBackgroundBrush(QBrush(base))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (
            QEvent.Type.PaletteChange,
            QEvent.Type.ApplicationPaletteChange,
            QEvent.Type.FontChange,
        ):
            self.apply_palette()
        super().changeEvent(event)


MONTH_ABBREVIATIONS = (
    "jan",
    "feb",
    "mrt",
    "apr",
    "mei",
    "jun",
    "jul",
    "aug",
    "sep",
    "okt",
    "nov",
    "dec",
)


def _month_label(point: MonthPoint) -> str:
    return MONTH_ABBREVIATIONS[point.month - 1]


def _span(points: list[MonthPoint]) -> str:
    years = sorted({p.year for p in points})
    return str(years[0]) if len(years) == 1 else f"{years[0]}–{years[-1]}"


class TrendChart(AnalysisChart):
    """Absence percentage per month, next to the same months one year earlier."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            self.tr("Afwezigheid per maand"), self.tr("Afwezigheid (%)"), self.tr("Maand"), parent
        )

    def set_trend(self, trend: list[MonthPoint], previous: list[MonthPoint]) -> None:
        if not trend:
            self.show_bars(
                [], [], decimals=1, labels=False, legend=False, empty_text=self.tr("geen gegevens")
            )
            return
        crosses_year = len({p.year for p in trend}) > 1
        categories = [
            f"{_month_label(p)} {p.year % 100:02d}" if crosses_year else _month_label(p)
            for p in trend
        ]
        now = [p.percentage or 0.0 for p in trend]
        before = [p.percentage or 0.0 for p in previous] + [0.0] * (len(trend) - len(previous))
        self.show_bars(
            categories,
            [
                (_span(previous) if previous else self.tr("Vorig jaar"), PREVIOUS, before),
                (_span(trend), CURRENT, now),
            ],
            decimals=1,
            labels=len(trend) <= 3,
            legend=True,
        )


class DepartmentsChart(AnalysisChart):
    """Absence percentage per department; the labels say how many employees are behind it."""

    HORIZONTAL = True

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            self.tr("Afwezigheid per afdeling"), self.tr("Afwezigheid (%)"), "", parent
        )

    def set_departments(self, departments: list[tuple[str, float | None, int]]) -> None:
        # A horizontal chart draws its first category at the bottom: reverse for reading order.
        rows = list(reversed(departments))
        # One line per bar, "name (n)": Qt elides a second label line when bars are close.
        categories = [
            self.tr("{0} ({1})").format(html.escape(_shorten(name)), format_number(n))
            for name, _pct, n in rows
        ]
        self.setMinimumHeight(max(MIN_CHART_HEIGHT, 120 + BAR_ROW_HEIGHT * len(rows)))
        self.show_bars(
            categories,
            [(self.tr("Afwezigheid"), CURRENT, [pct or 0.0 for _n, pct, _e in rows])],
            decimals=1,
            labels=True,
            legend=False,
            empty_text="" if rows else self.tr("geen gegevens"),
        )


class WeekdayChart(AnalysisChart):
    """On which weekday the absences of the period began."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(
            self.tr("Begindag van afwezigheid"),
            self.tr("Begonnen periodes"),
            self.tr("Weekdag"),
            parent,
        )

    def set_weekdays(self, weekday: list[tuple[str, int]]) -> None:
        categories = [day[:2] for day, _count in weekday]
        counts = [float(count) for _day, count in weekday]
        self.show_bars(
            categories,
            [(self.tr("Begonnen periodes"), CURRENT, counts)],
            decimals=0,
            labels=True,
            legend=False,
            empty_text="" if any(counts) else self.tr("geen afwezigheden"),
        )


def _shorten(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_display(display: str) -> tuple[str, str]:
    """ "8,3 kalenderdagen" → ("8,3", "kalenderdagen"); "12,5 %" → ("12,5 %", "")."""
    match = _VALUE_SPLIT.match(display)
    return (match.group(1), match.group(2)) if match else (display, "")


class FigureCard(QFrame):
    """One headline figure: title, value, how many people and spells, caution, formula button."""

    formula_requested = Signal(str)

    def __init__(self, key: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.figure: Figure | None = None
        self.setObjectName("figureCard")
        self.setStyleSheet(
            "#figureCard { border:1px solid palette(mid); border-radius:6px;"
            " background:palette(base); }"
        )
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(3)
        self.title_label = QLabel(title)
        self.title_label.setWordWrap(True)
        self.title_label.setFont(_font(self.font(), bold=True))
        layout.addWidget(self.title_label)
        self.value_label = QLabel("–")
        self.value_label.setObjectName("figureValue")
        self.value_label.setFont(_font(self.font(), scale=2.0, bold=True))
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.value_label)
        self.unit_label = QLabel()
        self.unit_label.setWordWrap(True)
        layout.addWidget(self.unit_label)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("figureCounts")
        self.counts_label.setWordWrap(True)  # five cards side by side on a 1280-px laptop
        layout.addWidget(self.counts_label)
        self.caution_label = QLabel()
        self.caution_label.setObjectName("figureCaution")
        self.caution_label.setWordWrap(True)
        self.caution_label.setStyleSheet(CAUTION_STYLE)
        self.caution_label.hide()
        layout.addWidget(self.caution_label)
        layout.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.formula_button = QPushButton(self.tr("? Hoe berekend?"))
        self.formula_button.setObjectName("formulaButton")
        self.formula_button.setToolTip(self.tr("Toon de formule en de gegevens achter dit cijfer"))
        self.formula_button.setAccessibleName(self.tr("Hoe berekend: {0}").format(title))
        self.formula_button.setEnabled(False)
        self.formula_button.clicked.connect(self._on_formula_button_clicked)
        row.addWidget(self.formula_button)
        layout.addLayout(row)

    def set_figure(self, figure: Figure | None) -> None:
        self.figure = figure
        self.formula_button.setEnabled(figure is not None)
        if figure is None:
            self.value_label.setText("–")
            self.unit_label.clear()
            self.counts_label.clear()
            self.caution_label.hide()
            return
        value, unit = split_display(figure.display)
        self.title_label.setText(figure.title)
        self.value_label.setText(value)
        self.unit_label.setText(unit)
        self.unit_label.setVisible(bool(unit))
        self.counts_label.setText(counts_text(self, figure.employees, figure.spells))
        # Five cards side by side: the few words here, the whole caution on hover and in "Hoe berekend?".
        self.caution_label.setText(figure.short_caution)
        self.caution_label.setToolTip(figure.caution)
        self.caution_label.setVisible(bool(figure.caution))
        self.setToolTip(figure.formula)

    def _on_formula_button_clicked(self) -> None:
        self.formula_requested.emit(self.key)


def counts_text(widget: QWidget, employees: int, spells: int) -> str:
    """ "12 werknemers · 3 periodes", translated through ``widget``."""
    people = (
        widget.tr("1 werknemer")
        if employees == 1
        else widget.tr("{0} werknemers").format(format_number(employees))
    )
    periods = (
        widget.tr("1 periode")
        if spells == 1
        else widget.tr("{0} periodes").format(format_number(spells))
    )
    return f"{people} · {periods}"
