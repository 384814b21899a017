"""`Analyse`: absence figures for a period and department, with charts, tables and export.

The figures are computed by ``dossier.analysis.analyse`` in a ``DossierReader``
thread (its own read-only connection), never in the UI thread; while it runs
the page says "Berekenen…". Only the newest request is shown, so quickly
stepping through periods never shows an older answer last.

Call ``close_reader()`` before dropping the page (the main window does, when it
closes a dossier); the page also stops the reader when it is destroyed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.analysis import (
    BRADFORD_EXCEPTIONS,
    BRADFORD_NOTE,
    MIN_EMPLOYEES,
    MIN_SPELLS,
    AnalysisResult,
    Period,
    format_number,
)
from kmo_reintegratie.dates import format_date, long_date
from kmo_reintegratie.documents.registry import ExportOptions
from kmo_reintegratie.os_errors import os_error_text
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.background import DossierReader
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.analysis_models import (
    AnalysisSortProxy,
    AnalysisTableModel,
    BradfordModel,
    BradfordThresholdProxy,
    DepartmentsModel,
    FiguresModel,
    TrendModel,
    WeekdayModel,
)
from kmo_reintegratie.ui.widgets.analysis_charts import (
    CAUTION_STYLE,
    MIN_CHART_HEIGHT,
    DepartmentsChart,
    FigureCard,
    TrendChart,
    WeekdayChart,
    counts_text,
)
from kmo_reintegratie.ui.widgets.column_fit import fit_columns
from kmo_reintegratie.ui.widgets.period_selector import PeriodSelector
from kmo_reintegratie.ui.widgets.wrapping_header import WrappingHeader

FIGURE_CARDS = (
    ("afwezigheidspercentage", "Afwezigheidspercentage"),
    ("frequentie", "Frequentie"),
    ("gemiddelde_duur", "Gemiddelde duur"),
    ("kort_lang", "Korte periodes (≤ 1 maand)"),
    ("zonder_afwezigheid", "Werknemers zonder afwezigheid"),
)
DEBOUNCE_MS = 150
ERROR_STYLE = "color:#b00020;"


@dataclass
class _Table:
    model: AnalysisTableModel
    proxy: AnalysisSortProxy
    view: QTableView
    export_button: QPushButton


class AnalysisPage(QWidget):
    nav_label = "Analyse"
    #: A new result is shown (emitted after every widget shows it).
    updated = Signal()

    def __init__(
        self,
        dossier: Dossier,
        events: DossierEvents,
        today: Callable[[], date],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self._today = today
        self._result: AnalysisResult | None = None
        self._shown_today = today()
        self._stale = False
        self._reader_closed = False
        # Known here, in the UI thread while the dossier is open: an answer of the reader may
        # arrive after the dossier closed, so showing it must not ask the dossier anything.
        self._has_employees = dossier.employees.count() > 0
        self._reader = DossierReader(dossier.path, self)
        self._reader.answered.connect(self._on_reader_answered)
        self._reader.failed.connect(self._on_reader_failed)
        self.destroyed.connect(partial(_stop_reader, self._reader))
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.recompute)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        layout = QVBoxLayout(content)

        self.heading = QLabel(self.tr("<h2>Analyse</h2>"))
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(self.heading)
        self.scope_label = QLabel()
        self.scope_label.setObjectName("scope")
        self.scope_label.setWordWrap(True)
        layout.addWidget(self.scope_label)
        self.empty_label = QLabel()
        self.empty_label.setObjectName("emptyAnalysis")
        self.empty_label.setWordWrap(True)
        self.empty_label.setStyleSheet(
            "#emptyAnalysis { background:#e8eef7; color:#1f2d3d;"
            " border-left:4px solid #2b6cb0; padding:6px 10px; }"
        )
        self.empty_label.hide()
        layout.addWidget(self.empty_label)

        bar = QHBoxLayout()
        self.period_selector = PeriodSelector(self._shown_today)
        self.period_selector.changed.connect(self._on_period_selector_changed)
        bar.addWidget(self.period_selector, 1)
        department_label = QLabel(self.tr("&Afdeling:"))
        self.department_combo = QComboBox()
        self.department_combo.setObjectName("department")
        self.department_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        department_label.setBuddy(self.department_combo)
        self._load_departments()
        self.department_combo.currentIndexChanged.connect(self._on_department_combo_changed)
        bar.addWidget(department_label)
        bar.addWidget(self.department_combo)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setFixedWidth(70)
        self.busy_bar.setTextVisible(False)
        self.busy_label = QLabel(self.tr("Berekenen…"))
        self.busy_label.setObjectName("busy")
        bar.addWidget(self.busy_bar)
        bar.addWidget(self.busy_label)
        layout.addLayout(bar)
        layout.addLayout(self._print_row())

        cards = QHBoxLayout()
        self.cards: dict[str, FigureCard] = {}
        for key, title in FIGURE_CARDS:
            card = FigureCard(key, self.tr(title))
            card.formula_requested.connect(self._on_card_formula_requested)
            cards.addWidget(card)
            self.cards[key] = card
        layout.addLayout(cards)

        # The trend gets the full width (24 bars); the two smaller charts share a row.
        self.trend_chart, self.trend_note = TrendChart(), QLabel()
        self.departments_chart, self.departments_note = DepartmentsChart(), QLabel()
        self.weekday_chart, self.weekday_note = WeekdayChart(), QLabel()
        layout.addLayout(self._chart_column(self.trend_chart, self.trend_note))
        charts = QHBoxLayout()
        charts.addLayout(self._chart_column(self.departments_chart, self.departments_note), 3)
        charts.addLayout(self._chart_column(self.weekday_chart, self.weekday_note), 2)
        layout.addLayout(charts)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tables")
        self.tabs.setMinimumHeight(300)
        self.tables: dict[str, _Table] = {}
        self.tabs.addTab(self._bradford_tab(), self.tr("Gesprek voorstellen (Bradford)"))
        for name, model, label in (
            ("cijfers", FiguresModel(self), "Cijfers"),
            ("trend", TrendModel(self), "Trend per maand"),
            ("afdelingen", DepartmentsModel(self), "Afdelingen"),
            ("weekdagen", WeekdayModel(self), "Weekdagen"),
        ):
            tab = QWidget()
            tab_layout = QVBoxLayout(tab)
            self._add_table(name, model, AnalysisSortProxy(self), tab_layout)
            self.tabs.addTab(tab, self.tr(label))
        layout.addWidget(self.tabs, 1)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        events.absences_changed.connect(self._on_events_absences_changed)
        events.employees_changed.connect(self._on_events_employees_changed)
        # Computed when first shown: the main window builds every page at start-up.
        self._stale = True

    @staticmethod
    def _chart_column(chart: QWidget, note: QLabel) -> QVBoxLayout:
        column = QVBoxLayout()
        chart.setMinimumHeight(max(chart.minimumHeight(), MIN_CHART_HEIGHT))
        column.addWidget(chart, 1)
        note.setWordWrap(True)
        column.addWidget(note)
        return column

    def _print_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.print_analysis_button = QPushButton(self.tr("Analyse &afdrukken…"))
        self.print_analysis_button.setObjectName("printAnalysis")
        self.print_analysis_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_analysis_button.setToolTip(
            self.tr("De cijfers en grafieken van deze periode en afdeling als PDF (Ctrl+P). "
                    "Vertrouwelijk: de Bradford-lijst noemt werknemers.")
        )
        self.print_analysis_button.clicked.connect(self._on_print_analysis_button_clicked)
        row.addWidget(self.print_analysis_button)
        row.addSpacing(24)
        year_label = QLabel(self.tr("&Jaarverslag preventiecomité, jaar:"))
        self.report_year_spin = QSpinBox()
        self.report_year_spin.setObjectName("reportYear")
        self.report_year_spin.setRange(2000, self._shown_today.year)
        # Early in the year the report is about the year that just ended.
        self.report_year_spin.setValue(
            self._shown_today.year - (1 if self._shown_today.month <= 3 else 0)
        )
        year_label.setBuddy(self.report_year_spin)
        self.print_report_button = QPushButton(self.tr("Jaar&verslag afdrukken…"))
        self.print_report_button.setObjectName("printAnnualReport")
        self.print_report_button.setToolTip(
            self.tr("Het geanonimiseerde jaarverslag: geen namen, groepen van minder dan "
                    "5 personen als \u201c< 5\u201d.")
        )
        self.print_report_button.clicked.connect(self._on_print_report_button_clicked)
        row.addWidget(year_label)
        row.addWidget(self.report_year_spin)
        row.addWidget(self.print_report_button)
        row.addStretch(1)
        return row

    def print_options(
        self, name: str, approved_lessons: tuple[str, ...] | None = None
    ) -> ExportOptions:
        """What ``analyse`` or ``jaarverslag`` prints for the choices on screen.

        ``approved_lessons``: the free-text lines of the jaarverslag ticked in the review
        (None: none reviewed, so none printed).
        """
        if name == "jaarverslag":
            return ExportOptions(
                year=self.report_year_spin.value(), approved_lessons=approved_lessons
            )
        period = self.period_selector.period()
        if period is None:
            raise ValueError(self.tr("Kies eerst een geldige periode."))
        return ExportOptions(
            date_from=period.start.isoformat(),
            date_to=period.end.isoformat(),
            department=self.department_combo.currentData(),
        )

    def _print(self, name: str, approved_lessons: tuple[str, ...] | None = None) -> None:
        from kmo_reintegratie.ui.printing import print_document

        try:
            options = self.print_options(name, approved_lessons)
        except ValueError as error:
            self.show_message(str(error), error=True)
            return
        print_document(self, self._dossier.path, name, options=options)

    def _on_print_analysis_button_clicked(self) -> None:
        self._print("analyse")

    def _on_print_report_button_clicked(self) -> None:
        self.review_annual_report()

    def review_annual_report(self) -> None:
        """Ask which free-text lines may go to the committee, then print the jaarverslag.

        Without lines to review the report prints at once; cancelling prints nothing.
        """
        from kmo_reintegratie.documents.exporters_analysis import masked_names, review_candidates
        from kmo_reintegratie.ui.dialogs.annual_report_review import AnnualReportReviewDialog

        year = self.report_year_spin.value()
        try:
            lines = review_candidates(self._dossier, year, self._today())
            # Everyone the jaarverslag masks, not only employees: a manager or contact too.
            names = masked_names(self._dossier)
        except ValueError as error:
            self.show_message(str(error), error=True)
            return
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return
        if not lines:
            self._print("jaarverslag", ())
            return
        self.review_dialog = AnnualReportReviewDialog(year, lines, names, self)
        self.review_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.review_dialog.accepted.connect(self._on_review_dialog_accepted)
        self.review_dialog.open()

    def _on_review_dialog_accepted(self) -> None:
        # Emitted before the dialog is deleted: its ticks can still be read.
        self._print("jaarverslag", self.review_dialog.approved())

    def _bradford_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        self.bradford_note = QLabel(self.tr(BRADFORD_NOTE) + " " + self.tr(BRADFORD_EXCEPTIONS))
        self.bradford_note.setObjectName("bradfordNote")
        self.bradford_note.setWordWrap(True)
        self.bradford_note.setStyleSheet(
            "#bradfordNote { background:#e8eef7; color:#1f2d3d;"
            " border-left:4px solid #2b6cb0; padding:6px 10px; }"
        )
        layout.addWidget(self.bradford_note)
        row = QHBoxLayout()
        label = QLabel(self.tr("&Drempel (score vanaf):"))
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setObjectName("bradfordThreshold")
        self.threshold_spin.setRange(1, 100_000)
        self.threshold_spin.setKeyboardTracking(False)
        self.threshold_spin.setValue(self._dossier.analysis.bradford_threshold())
        if self._dossier.read_only:
            self.threshold_spin.setToolTip(
                self.tr("Alleen-lezen: de drempel geldt nu, maar wordt niet bewaard.")
            )
        self.threshold_spin.valueChanged.connect(self._on_threshold_spin_changed)
        label.setBuddy(self.threshold_spin)
        row.addWidget(label)
        row.addWidget(self.threshold_spin)
        self.bradford_count = QLabel()
        self.bradford_count.setObjectName("bradfordCount")
        self.bradford_count.setWordWrap(True)
        row.addWidget(self.bradford_count, 1)
        layout.addLayout(row)
        proxy = BradfordThresholdProxy(self)
        proxy.set_threshold(self.threshold_spin.value())
        self._add_table("bradford", BradfordModel(self), proxy, layout)
        return tab

    def _add_table(
        self, name: str, model: AnalysisTableModel, proxy: AnalysisSortProxy, layout: QVBoxLayout
    ) -> None:
        proxy.setSourceModel(model)
        view = QTableView()
        view.setObjectName(f"{name}Table")
        # Long titles over short numbers: two lines keep the table within a small laptop.
        view.setHorizontalHeader(WrappingHeader(view))
        view.setModel(proxy)
        view.horizontalHeader().setSortIndicator(*model.SORT)
        view.setSortingEnabled(True)
        view.setAlternatingRowColors(True)
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        # Fitted once per result, not by ResizeToContents at every show: a Bradford list of
        # thousands made each return to this page measure thousands of cells (~100 ms).
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(model.STRETCH, QHeaderView.ResizeMode.Stretch)
        model.modelReset.connect(lambda: fit_columns(view, model.texts))
        view.setWordWrap(True)
        layout.addWidget(view, 1)
        button = QPushButton(self.tr("&Exporteren…"))
        button.setObjectName(f"{name}Export")
        button.setToolTip(self.tr("Deze tabel bewaren als Excel-werkmap (.xlsx) of CSV"))
        button.clicked.connect(lambda _checked=False, n=name: self.choose_export(n))
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(button)
        layout.addLayout(row)
        self.tables[name] = _Table(model, proxy, view, button)

    # -- public hooks -----------------------------------------------------------------------

    def result(self) -> AnalysisResult | None:
        """The result the page shows now."""
        return self._result

    def is_busy(self) -> bool:
        return self.busy_label.isVisibleTo(self)

    def set_period(self, period: Period) -> None:
        self.period_selector.set_period(period)
        self.recompute()

    def set_department(self, name: str | None) -> None:
        index = self.department_combo.findData(name) if name is not None else 0
        if index < 0:
            raise ValueError(f"Onbekende afdeling: {name}")
        with QSignalBlocker(self.department_combo):
            self.department_combo.setCurrentIndex(index)
        self.recompute()

    def close_reader(self) -> None:
        """Stop the background thread (idempotent); call before the page is dropped."""
        if not self._reader_closed:
            self._reader_closed = True
            self._debounce.stop()
            self._reader.shutdown()

    # -- computing --------------------------------------------------------------------------

    def recompute(self) -> None:
        """Ask the reader thread for the figures of the chosen period and department."""
        from kmo_reintegratie.documents.exporters_analysis import with_bradford_context

        self._debounce.stop()
        self._stale = False
        period = self.period_selector.period()
        if period is None or self._reader_closed:
            return
        department = self.department_combo.currentData()
        today = self._today()
        threshold = self.threshold_spin.value()
        self._shown_today = today
        self._reader.ask(
            lambda d: with_bradford_context(
                d,
                d.analysis.analyse(period, department=department, today=today, threshold=threshold),
                today,
            )
        )
        self._set_busy(True)

    def _schedule(self) -> None:
        self._set_busy(True)
        self._debounce.start()

    def _set_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.busy_label.setVisible(busy)

    def _on_reader_answered(self, result: object) -> None:
        if not isinstance(result, AnalysisResult):
            return
        self._result = replace(result, bradford_threshold=self.threshold_spin.value())
        self._show(self._result)
        self._set_busy(self._reader.busy or self._debounce.isActive())
        self.updated.emit()

    def _on_reader_failed(self, error: object) -> None:
        self._set_busy(self._reader.busy or self._debounce.isActive())
        if isinstance(error, DossierError):
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)
            return
        raise error if isinstance(error, BaseException) else RuntimeError(str(error))

    # -- showing ------------------------------------------------------------------------------

    def _show(self, result: AnalysisResult) -> None:
        scope = result.department or self.tr("alle afdelingen")
        text = self.tr("Periode {0} · {1}").format(result.period.label(), scope)
        until = result.period.counted_until(self._shown_today)
        if until is not None:
            text += self.tr(" · cijfers tot en met {0}").format(long_date(until))
        self.scope_label.setText(text)
        figures = {f.key: f for f in result.figures}
        for key, card in self.cards.items():
            card.set_figure(figures.get(key))
        for table in self.tables.values():
            table.model.set_result(result)
        self.trend_chart.set_trend(result.trend, result.trend_previous)
        self.departments_chart.set_departments(result.departments)
        self.weekday_chart.set_weekdays(result.weekday)
        percentage = figures.get("afwezigheidspercentage")
        if percentage is not None:
            self._note(
                self.trend_note,
                counts_text(self, percentage.employees, percentage.spells),
                percentage.caution,
            )
        small = [name for name, _pct, n in result.departments if n < MIN_EMPLOYEES]
        departments = (
            self.tr("1 afdeling")
            if len(small) == 1
            else self.tr("{0} afdelingen").format(format_number(len(small)))
        )
        self._note(
            self.departments_note,
            self.tr("Tussen haakjes: het aantal werknemers in dienst in de periode."),
            self.tr(
                "Voorzichtig: {0} met minder dan {1} werknemers; kleine aantallen "
                "schommelen sterk."
            ).format(departments, MIN_EMPLOYEES)
            if small
            else "",
        )
        started = sum(count for _day, count in result.weekday)
        self._note(
            self.weekday_note,
            (
                self.tr("1 periode begon in de periode.")
                if started == 1
                else self.tr("{0} periodes begonnen in de periode.").format(format_number(started))
            ),
            self.tr("Voorzichtig: minder dan {0} periodes; toeval speelt sterk mee.").format(
                MIN_SPELLS
            )
            if started < MIN_SPELLS
            else "",
        )
        self._show_bradford_count()
        self._show_empty_state(result, percentage.employees if percentage is not None else 0)

    def _show_empty_state(self, result: AnalysisResult, employees: int) -> None:
        """Nobody to count: say what to do instead of "slechts 0 werknemer(s)"."""
        if employees > 0:
            self.empty_label.hide()
            return
        if not self._has_employees:
            text = self.tr("Nog geen werknemers: voeg ze toe onder Medewerkers. Daarna verschijnen "
                           "hier de cijfers over afwezigheid.")
        elif result.department:
            text = self.tr("Geen werknemers van {0} in dienst in deze periode.").format(
                result.department)
        else:
            text = self.tr("Geen werknemers in dienst in deze periode.")
        self.empty_label.setText(text)
        self.empty_label.show()
        # A caution about small numbers means nothing when there is no one to count.
        for card in self.cards.values():
            card.caution_label.hide()
            card.caution_label.setToolTip("")
        for note in (self.trend_note, self.weekday_note):  # the band above already says it
            self._note(note, "", "")

    @staticmethod
    def _note(label: QLabel, text: str, caution: str) -> None:
        label.setText(f"{text} — {caution}" if caution else text)
        label.setStyleSheet(CAUTION_STYLE if caution else "")

    def _show_bradford_count(self) -> None:
        if self._result is None:
            return
        window = self._result.bradford_period()
        until = window.end
        shown = self.tables["bradford"].proxy.rowCount()
        people = (
            self.tr("1 werknemer")
            if shown == 1
            else self.tr("{0} werknemers").format(format_number(shown))
        )
        self.bradford_count.setText(
            self.tr(
                "{0} met een score van {1} of meer, over de 52 weken van {2} tot en met {3}."
            ).format(
                people,
                format_number(self.threshold_spin.value()),
                format_date(window.start),
                format_date(until),
            )
        )

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(ERROR_STYLE if error else "")

    # -- reacting -----------------------------------------------------------------------------

    def _on_period_selector_changed(self) -> None:
        if self.period_selector.period() is not None:
            self._schedule()

    def _on_department_combo_changed(self, _index: int) -> None:
        self._schedule()

    def _on_threshold_spin_changed(self, value: int) -> None:
        self.tables["bradford"].proxy.set_threshold(value)
        if self._result is not None:
            self._result = replace(self._result, bradford_threshold=value)
            self.tables["bradford"].model.set_result(self._result)  # the advice follows it
        self._show_bradford_count()
        if self._dossier.read_only:
            return
        try:
            self._dossier.analysis.set_bradford_threshold(value)
        except DossierError as error:
            self.show_message(f"{error.message} {error.advice}".strip(), error=True)

    def _on_card_formula_requested(self, key: str) -> None:
        from kmo_reintegratie.ui.dialogs.formula_dialog import FormulaDialog

        card = self.cards[key]
        if card.figure is None or self._result is None:
            return
        self.formula_dialog = FormulaDialog(
            card.figure, self._result.period, self._result.department, self
        )
        self.formula_dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.formula_dialog.open()

    def _on_events_absences_changed(self, _absence_id: int) -> None:
        self._on_dossier_changed()

    def _on_events_employees_changed(self) -> None:
        self._has_employees = self._dossier.employees.count() > 0
        self._load_departments()
        self._on_dossier_changed()

    def _on_dossier_changed(self) -> None:
        # A hidden page recomputes when it is shown again, not for every change elsewhere.
        if self.isVisible():
            self._schedule()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.recompute()

    def _load_departments(self) -> None:
        current = self.department_combo.currentData()
        with QSignalBlocker(self.department_combo):
            self.department_combo.clear()
            self.department_combo.addItem(self.tr("Alle afdelingen"), None)
            for name in self._dossier.analysis.departments():
                self.department_combo.addItem(name, name)
            index = self.department_combo.findData(current) if current is not None else 0
            self.department_combo.setCurrentIndex(max(index, 0))

    # -- export ---------------------------------------------------------------------------------

    def choose_export(self, name: str) -> None:
        table = self.tables[name]
        period = self._result.period.label() if self._result else ""
        suggested = (
            self._dossier.path.parent / f"{_file_name(f'{table.model.title()} {period}')}.xlsx"
        )
        xlsx_filter = self.tr("Excel-werkmap (*.xlsx)")
        filters = ";;".join((xlsx_filter, self.tr("CSV, puntkomma-gescheiden (*.csv)")))
        chosen_name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("{0} exporteren").format(table.model.title()),
            str(suggested),
            filters,
            xlsx_filter,
        )
        if not chosen_name:
            return
        path = Path(chosen_name)
        if path.suffix.lower() not in (".xlsx", ".csv"):
            path = path.with_name(path.name + (".csv" if "*.csv" in chosen else ".xlsx"))
        self.export_table_to(name, path)

    def export_table_to(self, name: str, path: Path) -> bool:
        """Write table ``name`` (cijfers, trend, afdelingen, weekdagen, bradford) as shown.

        The rows are the visible ones, in view order; the file type follows the suffix.
        """
        # openpyxl is loaded by the first export, not by showing the page.
        from kmo_reintegratie.documents.table_export import export_table

        table = self.tables[name]
        rows = table.proxy.export_rows()
        try:
            export_table(path, table.model.header(), rows, sheet_title=table.model.title())
        except PermissionError as error:
            reason = self.tr(
                "Het bestand is niet beschrijfbaar. Is het nog geopend in Excel? Sluit het en "
                "probeer opnieuw, of kies een andere naam.\n\n({0})"
            ).format(os_error_text(error))
        except OSError as error:
            reason = self.tr("Het bestand kon niet geschreven worden: {0}").format(
                os_error_text(error)
            )
        except ValueError as error:
            reason = str(error)
        else:
            count = (
                self.tr("1 rij")
                if len(rows) == 1
                else self.tr("{0} rijen").format(format_number(len(rows)))
            )
            self.show_message(self.tr("{0} geëxporteerd naar {1}").format(count, path))
            from kmo_reintegratie.ui.export_log import log_export

            log_export(self._dossier, f"Analyse: tabel {name}")
            return True
        QMessageBox.warning(
            self,
            self.tr("Exporteren mislukt"),
            self.tr("De tabel kon niet geëxporteerd worden naar {0}.\n\n{1}").format(path, reason),
        )
        return False


def _stop_reader(reader: DossierReader) -> None:
    """Stop the reader of a destroyed page (idempotent)."""
    try:
        reader.shutdown()
    except RuntimeError:  # at interpreter exit Qt may have deleted the thread object first
        pass


def _file_name(text: str) -> str:
    return re.sub(r'[<>:"/\\|?*\x00-\x1f]', "-", text).strip(" .") or "Analyse"
