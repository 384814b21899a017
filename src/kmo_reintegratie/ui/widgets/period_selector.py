"""The period chooser of `Analyse`: a month, quarter, year or custom range.

Emits ``changed`` when the chosen period changes; a custom range that cannot be read
shows its Dutch message next to the fields and ``period()`` is then None.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QWidget

from kmo_reintegratie.analysis import Period, month_period, quarter_period, year_period
from kmo_reintegratie.dates import MONTHS, format_date, parse_date
from kmo_reintegratie.ui.widgets.date_field import DateField

ERROR_STYLE = "color:#b00020;"

PERIOD_KINDS = (
    ("month", "Maand"),
    ("quarter", "Kwartaal"),
    ("year", "Jaar"),
    ("custom", "Aangepast"),
)
QUARTERS = (
    "1e kwartaal (jan–mrt)",
    "2e kwartaal (apr–jun)",
    "3e kwartaal (jul–sep)",
    "4e kwartaal (okt–dec)",
)


class PeriodSelector(QWidget):
    """Maand / kwartaal / jaar / aangepast; ``period()`` is None while custom dates are wrong."""

    changed = Signal()

    def __init__(self, today: date, parent: QWidget | None = None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Periode:"))
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("periodKind")
        for kind, text in PERIOD_KINDS:
            self.kind_combo.addItem(self.tr(text), kind)
        label.setBuddy(self.kind_combo)
        self.month_combo = QComboBox()
        self.month_combo.setObjectName("periodMonth")
        self.month_combo.addItems([m.capitalize() for m in MONTHS])
        self.quarter_combo = QComboBox()
        self.quarter_combo.setObjectName("periodQuarter")
        self.quarter_combo.addItems([self.tr(q) for q in QUARTERS])
        self.year_spin = QSpinBox()
        self.year_spin.setObjectName("periodYear")
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setAccessibleName(self.tr("Jaar"))
        self.from_edit = DateField()
        self.from_edit.setObjectName("periodFrom")
        self.to_label = QLabel(self.tr("tot en met"))
        self.to_edit = DateField()
        self.to_edit.setObjectName("periodTo")
        for edit in (self.from_edit, self.to_edit):
            edit.setPlaceholderText(self.tr("dd-mm-jjjj"))
            edit.setMaximumWidth(edit.date_width())
            edit.editingFinished.connect(self._on_date_edit_finished)
        self.message = QLabel()
        self.message.setObjectName("periodMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        for widget in (
            label,
            self.kind_combo,
            self.month_combo,
            self.quarter_combo,
            self.year_spin,
            self.from_edit,
            self.to_label,
            self.to_edit,
        ):
            layout.addWidget(widget)
        layout.addWidget(self.message, 1)
        layout.addStretch(0)
        self.reset(today)
        self.kind_combo.currentIndexChanged.connect(self._on_kind_combo_changed)
        self.month_combo.currentIndexChanged.connect(self._on_field_changed)
        self.quarter_combo.currentIndexChanged.connect(self._on_field_changed)
        self.year_spin.valueChanged.connect(self._on_field_changed)

    def reset(self, today: date) -> None:
        """The default: the current year (figures up to today); month and quarter of today."""
        self.month_combo.setCurrentIndex(today.month - 1)
        self.quarter_combo.setCurrentIndex((today.month - 1) // 3)
        self.set_period(
            year_period(today.year), custom_default=Period(date(today.year, 1, 1), today)
        )

    def set_period(self, period: Period, *, custom_default: Period | None = None) -> None:
        """Show ``period`` in the widgets without emitting ``changed``."""
        year, month = period.start.year, period.start.month
        if period == month_period(year, month):
            kind = "month"
        elif month % 3 == 1 and period == quarter_period(year, (month + 2) // 3):
            kind = "quarter"
        elif period == year_period(year):
            kind = "year"
        else:
            kind = "custom"
        custom = period if kind == "custom" else custom_default
        blockers = [
            QSignalBlocker(w)
            for w in (
                self.kind_combo,
                self.month_combo,
                self.quarter_combo,
                self.year_spin,
                self.from_edit,
                self.to_edit,
            )
        ]
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.year_spin.setValue(year)
        if kind in ("month", "quarter"):  # a year keeps the month and quarter chosen before
            self.month_combo.setCurrentIndex(month - 1)
            self.quarter_combo.setCurrentIndex((month - 1) // 3)
        if custom is not None:
            self.from_edit.setText(format_date(custom.start))
            self.to_edit.setText(format_date(custom.end))
        del blockers
        self.message.clear()
        self._show_fields()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def period(self) -> Period | None:
        kind, year = self.kind(), self.year_spin.value()
        if kind == "month":
            return month_period(year, self.month_combo.currentIndex() + 1)
        if kind == "quarter":
            return quarter_period(year, self.quarter_combo.currentIndex() + 1)
        if kind == "year":
            return year_period(year)
        try:
            start, end = parse_date(self.from_edit.text()), parse_date(self.to_edit.text())
            if start is None or end is None:
                raise ValueError(self.tr("Vul een begin- en een einddatum in (dd-mm-jjjj)."))
            if end < start:
                raise ValueError(self.tr("De einddatum ligt vóór de begindatum."))
            period = Period(start, end)
        except ValueError as error:  # ValidationError is a ValueError with a Dutch message
            self.message.setText(str(error))
            return None
        self.message.clear()
        return period

    def _show_fields(self) -> None:
        kind = self.kind()
        self.year_spin.setVisible(kind != "custom")
        self.month_combo.setVisible(kind == "month")
        self.quarter_combo.setVisible(kind == "quarter")
        for widget in (self.from_edit, self.to_label, self.to_edit, self.message):
            widget.setVisible(kind == "custom")

    def _on_kind_combo_changed(self, _index: int) -> None:
        self._show_fields()
        self.changed.emit()

    def _on_field_changed(self, _value: object) -> None:
        self.changed.emit()

    def _on_date_edit_finished(self) -> None:
        self.changed.emit()
