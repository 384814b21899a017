"""`Analyse` driven through its real widgets; figures compared with the store's own answer."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt
from pytestqt.qtbot import QtBot

from kmo_reintegratie.analysis import (
    BRADFORD_NOTE,
    Period,
    month_period,
    quarter_period,
    year_period,
)
from kmo_reintegratie.sample_data import write_large_dossier
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.analysis_page import AnalysisPage

TODAY = date(2026, 6, 30)
MAY = month_period(2026, 5)
WAIT = 10_000


@pytest.fixture
def small(tmp_path: Path) -> Path:
    """The dossier of tests/test_analysis.py: four people, three absences in May 2026."""
    path = tmp_path / "klein.kmo"
    with Dossier.create(path) as dossier:
        employees = dossier.employees
        a = employees.add(
            "A", department="Zorg", hours_per_week=38, in_service_from=date(2020, 1, 1)
        )
        b = employees.add(
            "B", department="Zorg", hours_per_week=19, in_service_from=date(2020, 1, 1)
        )
        c = employees.add(
            "C", department="Keuken", hours_per_week=38, in_service_from=date(2020, 1, 1)
        )
        employees.set_regime(c.id, date(2026, 5, 18), 19)
        employees.add(
            "D", department="Keuken", hours_per_week=38, in_service_from=date(2026, 5, 18)
        )
        dossier.absences.add(a.id, date(2026, 5, 4), returned_on=date(2026, 5, 11))
        dossier.absences.add(b.id, date(2026, 4, 27), returned_on=date(2026, 5, 7))
        spell = dossier.absences.add(c.id, date(2026, 5, 12), returned_on=date(2026, 5, 20))
        dossier.absences.add_partial_return(spell.id, date(2026, 5, 18), percentage=50)
    return path


@dataclass
class Opened:
    page: AnalysisPage
    dossier: Dossier
    events: DossierEvents

    def expected(
        self, period: Period, department: str | None = None, key: str = "afwezigheidspercentage"
    ):
        result = self.dossier.analysis.analyse(period, department=department, today=TODAY)
        return next(f for f in result.figures if f.key == key)

    def show(self, qtbot: QtBot, period: Period) -> None:
        """Choose ``period`` and wait until its figures are on screen."""
        self.page.set_period(period)
        qtbot.waitUntil(
            lambda: self.page.result().period == period and not self.page.is_busy(), timeout=WAIT
        )

    def card_value(self, key: str = "afwezigheidspercentage") -> str:
        card = self.page.cards[key]
        return f"{card.value_label.text()} {card.unit_label.text()}".strip()


@pytest.fixture
def open_page(qtbot: QtBot) -> Iterator[Callable[..., Opened]]:
    opened: list[Opened] = []

    def open_(
        path: Path, today: date = TODAY, *, read_only: bool = False, wait: bool = True
    ) -> Opened:
        dossier = Dossier.open(path, read_only=read_only)
        events = DossierEvents()
        page = AnalysisPage(dossier, events, lambda: today)
        qtbot.addWidget(page)
        page.resize(1250, 900)
        page.show()
        item = Opened(page, dossier, events)
        opened.append(item)
        if wait:
            qtbot.waitUntil(lambda: page.result() is not None and not page.is_busy(), timeout=WAIT)
        return item

    yield open_
    for item in opened:
        item.page.close_reader()  # no "QThread: Destroyed while thread is still running"
        item.dossier.close()


def test_opens_on_the_current_year_with_the_stores_figure(small: Path, qtbot: QtBot) -> None:
    dossier = Dossier.open(small)
    page = AnalysisPage(dossier, DossierEvents(), lambda: TODAY)
    qtbot.addWidget(page)
    try:
        assert page.result() is None  # nothing computed for a page nobody looks at
        with qtbot.waitSignal(page.updated, timeout=WAIT):
            page.show()
            assert page.is_busy() and page.busy_label.text() == "Berekenen…"
        assert page.result().period == year_period(2026)
        expected = next(
            f
            for f in dossier.analysis.analyse(
                year_period(2026), department=None, today=TODAY
            ).figures
            if f.key == "afwezigheidspercentage"
        )
        assert page.cards["afwezigheidspercentage"].value_label.text() == expected.display
        assert not page.is_busy()
        # The year runs on after today: the figures stop there, and the page says so.
        assert page.scope_label.text() == (
            "Periode 01-01-2026 – 31-12-2026 · alle afdelingen · cijfers tot en met 30 juni 2026"
        )
    finally:
        page.close_reader()
        dossier.close()


def test_changing_the_period_in_the_widgets_updates_the_figures(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page, selector = opened.page, opened.page.period_selector
    year_value = opened.card_value()
    assert year_value == opened.expected(year_period(2026)).display

    with qtbot.waitSignal(page.updated, timeout=WAIT):
        qtbot.keyClicks(selector.kind_combo, "Maand")  # the month of today: June
    assert page.result().period == month_period(2026, 6)
    assert selector.month_combo.isVisible() and not selector.quarter_combo.isVisible()
    assert opened.card_value() == opened.expected(month_period(2026, 6)).display == "0,0 %"

    with qtbot.waitSignal(page.updated, timeout=WAIT):
        qtbot.keyClick(selector.month_combo, Qt.Key.Key_Up)  # May
    assert page.result().period == MAY
    assert opened.card_value() == opened.expected(MAY).display == "20,2 %"
    assert opened.card_value() != year_value
    assert "01-05-2026 – 31-05-2026" in page.scope_label.text()

    with qtbot.waitSignal(page.updated, timeout=WAIT):
        qtbot.keyClick(selector.year_spin, Qt.Key.Key_Down)  # May 2025: nobody absent
    assert page.result().period == month_period(2025, 5)
    assert opened.card_value() == "0,0 %"

    with qtbot.waitSignal(page.updated, timeout=WAIT):
        qtbot.keyClicks(selector.kind_combo, "Kwartaal")
    assert page.result().period == quarter_period(2025, 2)
    assert page.tables["trend"].model.rowCount() == 3


def test_quick_changes_show_only_the_newest_result(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page = opened.page
    shown: list[Period] = []
    page.updated.connect(lambda: shown.append(page.result().period))
    for month in (1, 2, 3, 4, 5):
        page.set_period(month_period(2026, month))
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    assert shown == [MAY]
    assert opened.card_value() == opened.expected(MAY).display


def test_custom_period_checks_the_dates(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page, selector = opened.page, opened.page.period_selector
    qtbot.keyClicks(selector.kind_combo, "Aangepast")
    qtbot.waitUntil(lambda: not page.is_busy(), timeout=WAIT)
    assert selector.from_edit.isVisible() and not selector.year_spin.isVisible()
    assert selector.from_edit.text() == "01-01-2026" and selector.to_edit.text() == "30-06-2026"

    selector.to_edit.clear()
    qtbot.keyClicks(selector.to_edit, "01-12-2025")
    qtbot.keyClick(selector.to_edit, Qt.Key.Key_Return)
    assert selector.message.text() == "De einddatum ligt vóór de begindatum."
    assert not page.is_busy()
    selector.to_edit.clear()
    qtbot.keyClicks(selector.to_edit, "31-02-2026")
    qtbot.keyClick(selector.to_edit, Qt.Key.Key_Return)
    assert "bestaat niet" in selector.message.text()

    selector.from_edit.clear()
    qtbot.keyClicks(selector.from_edit, "4-5-2026")
    selector.to_edit.clear()
    qtbot.keyClicks(selector.to_edit, "08-05-2026")
    with qtbot.waitSignal(page.updated, timeout=WAIT):
        qtbot.keyClick(selector.to_edit, Qt.Key.Key_Return)
    custom = Period(date(2026, 5, 4), date(2026, 5, 8))
    assert page.result().period == custom
    assert selector.message.text() == ""
    assert opened.card_value() == opened.expected(custom).display


def test_department_filter_narrows(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page = opened.page
    opened.show(qtbot, MAY)
    combo = page.department_combo
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Alle afdelingen",
        "Keuken",
        "Zorg",
    ]
    assert page.tables["afdelingen"].model.rowCount() == 2

    with qtbot.waitSignal(page.updated, timeout=WAIT):
        qtbot.keyClicks(combo, "Keuken")
    assert page.result().department == "Keuken"
    assert opened.card_value() == opened.expected(MAY, "Keuken").display
    assert page.cards["afwezigheidspercentage"].counts_label.text() == "2 werknemers · 1 periode"
    assert page.tables["afdelingen"].model.rowCount() == 1
    assert "Keuken" in page.scope_label.text()

    with qtbot.waitSignal(page.updated, timeout=WAIT):
        page.set_department(None)
    assert page.cards["afwezigheidspercentage"].counts_label.text() == "4 werknemers · 3 periodes"


def test_small_team_shows_counts_and_caution(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page = opened.page
    opened.show(qtbot, MAY)
    card = page.cards["afwezigheidspercentage"]
    assert card.counts_label.text() == "4 werknemers · 3 periodes"
    assert card.caution_label.isVisible()
    assert card.caution_label.text() == "⚠ Voorzichtig: weinig werknemers en periodes"
    assert card.caution_label.toolTip() == opened.expected(MAY).caution
    assert "slechts 4 werknemers en slechts 3 afwezigheidsperiodes" in card.caution_label.toolTip()
    assert "(s)" not in card.caution_label.toolTip()
    assert "Voorzichtig" in page.trend_note.text() and "Voorzichtig" in page.departments_note.text()
    assert "Voorzichtig" in page.weekday_note.text()  # 2 spells began in May
    trend = page.tables["trend"].model
    assert [trend.index(0, c).data() for c in (4, 5)] == ["4", "2"]  # people, new absences
    assert "Voorzichtig" in trend.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)


def test_formula_dialog_shows_formula_and_inputs(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page = opened.page
    opened.show(qtbot, MAY)
    qtbot.mouseClick(page.cards["afwezigheidspercentage"].formula_button, Qt.MouseButton.LeftButton)
    dialog = page.formula_dialog
    assert dialog.isVisible()
    assert dialog.formula_label.text().startswith(
        "Afwezige arbeidsuren ÷ contractuele arbeidsuren × 100"
    )
    assert dialog.inputs() == [("Afwezige arbeidsuren", "76"), ("Contractuele arbeidsuren", "376")]
    assert dialog.counts_label.text() == "Achter dit cijfer: 4 werknemers · 3 periodes."
    assert dialog.caution_label.isVisible() and "Voorzichtig" in dialog.caution_label.text()
    assert "01-05-2026 – 31-05-2026" in dialog.scope_label.text()
    dialog.close()

    qtbot.mouseClick(page.cards["gemiddelde_duur"].formula_button, Qt.MouseButton.LeftButton)
    assert page.formula_dialog.inputs() == [
        ("Afgelopen periodes", "3"),
        ("Kalenderdagen samen", "25"),
    ]
    page.formula_dialog.close()


def test_bradford_list_respects_the_threshold(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page = opened.page
    opened.show(qtbot, MAY)
    assert page.bradford_note.text().startswith(BRADFORD_NOTE) and page.bradford_note.isVisible()
    table = page.tables["bradford"]
    assert page.threshold_spin.value() == 125 and table.proxy.rowCount() == 0  # A 7, C 8, B 10

    spin = page.threshold_spin
    spin.lineEdit().selectAll()
    qtbot.keyClicks(spin, "8")
    qtbot.keyClick(spin, Qt.Key.Key_Return)
    rows = [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())]
    assert rows == ["B", "C"]  # highest score first; A (7) stays below
    assert page.result().bradford_threshold == 8
    assert [r.name for r in page.result().above_threshold()] == ["B", "C"]
    assert page.bradford_count.text().startswith("2 werknemers met een score van 8 of meer")
    assert opened.dossier.analysis.bradford_threshold() == 8  # stored

    # A recompute keeps the chosen threshold.
    with qtbot.waitSignal(page.updated, timeout=WAIT):
        page.set_period(month_period(2026, 6))
    assert page.result().bradford_threshold == 8
    assert [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())] == ["B", "C"]
    page.threshold_spin.setValue(7)
    assert table.proxy.rowCount() == 3

    # Sorting by clicking a column header, and back; the rows follow the new result.
    header = table.view.horizontalHeader()
    name_column = header.sectionViewportPosition(0) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(name_column, 5))
    order = header.sortIndicatorOrder()
    names = [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())]
    assert names == (["A", "B", "C"] if order == Qt.SortOrder.AscendingOrder else ["C", "B", "A"])
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(name_column, 5))
    names = [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())]
    assert names == (["C", "B", "A"] if order == Qt.SortOrder.AscendingOrder else ["A", "B", "C"])
    with qtbot.waitSignal(page.updated, timeout=WAIT):
        page.recompute()
    assert [table.proxy.index(r, 0).data() for r in range(table.proxy.rowCount())] == names


def test_read_only_dossier_uses_but_does_not_store_the_threshold(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small, read_only=True)
    page = opened.page
    page.threshold_spin.setValue(5)
    assert page.tables["bradford"].proxy.rowCount() == 3
    assert opened.dossier.analysis.bradford_threshold() == 125
    assert "niet bewaard" in page.threshold_spin.toolTip()


def test_every_table_exports_to_csv_and_xlsx(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot, tmp_path: Path
) -> None:
    opened = open_page(small)
    page = opened.page
    opened.show(qtbot, MAY)
    page.threshold_spin.setValue(8)

    assert page.export_table_to("bradford", tmp_path / "bradford.csv")
    with (tmp_path / "bradford.csv").open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream, delimiter=";"))
    one = "één afwezigheid van {0} dagen: geen patroon van korte afwezigheden"
    assert rows == [
        ["Naam", "Afdeling", "Periodes (S)", "Dagen (D)", "Score (S² × D)", "Opvolging"],
        ["B", "Zorg", "1", "10", "10", one.format(10)],
        ["C", "Keuken", "1", "8", "8", one.format(8)],
    ]
    assert "2 rijen geëxporteerd" in page.message.text()

    assert page.export_table_to("bradford", tmp_path / "bradford.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "bradford.xlsx").active
    assert list(sheet.iter_rows(min_row=2, values_only=True)) == [
        ("B", "Zorg", 1, 10, 10, one.format(10)),
        ("C", "Keuken", 1, 8, 8, one.format(8)),
    ]

    expected_rows = {"cijfers": 5, "trend": 1, "afdelingen": 2, "weekdagen": 7}
    for name, count in expected_rows.items():
        assert page.export_table_to(name, tmp_path / f"{name}.xlsx")
        assert page.export_table_to(name, tmp_path / f"{name}.csv")
        sheet = openpyxl.load_workbook(tmp_path / f"{name}.xlsx").active
        assert sheet.max_row == count + 1, name
        with (tmp_path / f"{name}.csv").open(encoding="utf-8-sig", newline="") as stream:
            assert len(list(csv.reader(stream, delimiter=";"))) == count + 1
    figures = openpyxl.load_workbook(tmp_path / "cijfers.xlsx").active
    first = [cell.value for cell in figures[2]]
    assert first[0] == "Afwezigheidspercentage" and first[1] == pytest.approx(20.2, abs=0.01)
    assert "Afwezige arbeidsuren: 76" in first[6]


def test_absence_changes_recompute_when_shown(
    small: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    opened = open_page(small)
    page = opened.page
    page.set_period(month_period(2026, 6))
    qtbot.waitUntil(
        lambda: page.result().period.start.month == 6 and not page.is_busy(), timeout=WAIT
    )
    assert opened.card_value() == "0,0 %"
    d = next(e for e in opened.dossier.employees.list() if e.name == "D")
    opened.dossier.absences.add(d.id, date(2026, 6, 1), returned_on=date(2026, 6, 6))

    page.hide()
    opened.events.absences_changed.emit(0)
    assert not page.is_busy()  # a hidden page waits until it is shown
    with qtbot.waitSignal(page.updated, timeout=WAIT):
        page.show()
    assert opened.card_value() == opened.expected(month_period(2026, 6)).display != "0,0 %"

    opened.dossier.employees.add(
        "E", department="Onthaal", hours_per_week=38, in_service_from=date(2020, 1, 1)
    )
    with qtbot.waitSignal(page.updated, timeout=WAIT):
        opened.events.employees_changed.emit()
    assert page.department_combo.findText("Onthaal") > 0
    assert page.cards["afwezigheidspercentage"].counts_label.text().startswith("5 werknemers")


def test_demo_dossier(demo_path: Path, open_page: Callable[..., Opened]) -> None:
    opened = open_page(demo_path, date.today())
    page = opened.page
    result = page.result()
    assert result is not None and result.period == year_period(date.today().year)
    assert page.trend_chart.sets[1].count() == 12
    assert [page.weekday_chart.category_axis.at(i) for i in range(7)] == [
        "ma",
        "di",
        "wo",
        "do",
        "vr",
        "za",
        "zo",
    ]
    assert page.departments_chart.category_axis.count() == len(result.departments)


def test_large_dossier_still_updates(
    tmp_path: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    path = write_large_dossier(
        tmp_path / "groot.kmo", employees=300, spells=3000, years=3, end=TODAY
    )
    opened = open_page(path)
    page = opened.page
    with qtbot.waitSignal(page.updated, timeout=WAIT):
        page.set_period(quarter_period(2026, 1))
    card = page.cards["afwezigheidspercentage"]
    assert card.value_label.text() == opened.expected(quarter_period(2026, 1)).display
    assert not card.caution_label.isVisible()  # 300 people and many spells: no caution
    assert page.tables["bradford"].proxy.rowCount() > 0


def test_destroying_the_page_stops_the_reader_thread(small: Path, qtbot: QtBot) -> None:
    dossier = Dossier.open(small)
    try:
        page = AnalysisPage(dossier, DossierEvents(), lambda: TODAY)
        thread = page._reader._thread
        with qtbot.waitSignal(page.updated, timeout=WAIT):
            page.show()
        page.set_period(MAY)  # still running when the page goes
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not thread.isRunning()
    finally:
        dossier.close()


# --------------------------------------------------------------------------- jaarverslag review


def test_jaarverslag_prints_only_the_lines_ticked_in_the_review(
    demo_path: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    from pypdf import PdfReader

    from kmo_reintegratie.ui.background import wait_for_background_jobs
    from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog

    today = date.today()
    opened = open_page(demo_path, today)
    page = opened.page
    page.report_year_spin.setValue(today.year)
    qtbot.mouseClick(page.print_report_button, Qt.MouseButton.LeftButton)
    dialog = page.review_dialog
    assert dialog.isVisible()
    texts = [line.text for line in dialog.lines]
    assert not any(box.isChecked() for box in dialog.checkboxes)  # nothing goes by default
    assert "Geen zin aangevinkt" in dialog.count_label.text()
    # A line that named an employee shows it replaced, with a hint to read it again.
    named = texts.index("Snel overleg met de arbeidsarts; [werknemer] werd goed geïnformeerd.")
    assert dialog.hints[named].isVisibleTo(dialog)
    assert dialog.hints[named].text() == (
        "Noemde Greet (vervangen door [werknemer]): is de persoon nog herkenbaar?"
    )
    assert not dialog.hints[texts.index("Nazorg iets langer voorzien.")].isVisibleTo(dialog)

    team = "Het gesprek vóór de terugkeer gaf rust; het team wist wat het mocht vertellen."
    aids = "Hulpmiddelen vroeg bestellen: de levering duurde drie weken."
    for text in (team, aids):
        qtbot.mouseClick(dialog.checkboxes[texts.index(text)], Qt.MouseButton.LeftButton)
    assert dialog.approved() == (team, aids)
    assert dialog.count_label.text() == "2 zinnen komen in het jaarverslag."
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(page.findChildren(PrintPreviewDialog)), timeout=20_000)
    [preview] = page.findChildren(PrintPreviewDialog)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(preview.pdf).pages)
    text = text.replace("- ", "")  # a word hyphenated at a line end
    assert "het team wist wat het mocht vertellen" in text  # "team" is a word, not a name
    assert "Hulpmiddelen vroeg bestellen" in text
    assert "Een meter of peter" not in text and "Nazorg iets langer" not in text  # not ticked
    assert "Team Dendermonde" not in text
    preview.close()


def test_cancelling_the_review_prints_nothing(
    demo_path: Path, open_page: Callable[..., Opened], qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QProgressDialog

    today = date.today()
    page = open_page(demo_path, today).page
    page.report_year_spin.setValue(today.year)
    page.print_report_button.click()
    dialog = page.review_dialog
    qtbot.mouseClick(dialog.checkboxes[0], Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(dialog.rejected, timeout=WAIT):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    # Printing starts with a progress dialog on the page, at once: there is none.
    assert page.findChildren(QProgressDialog) == []


def test_a_line_that_looks_medical_gets_a_hint() -> None:
    from kmo_reintegratie.annual_report import ReviewLine
    from kmo_reintegratie.ui.dialogs.annual_report_review import privacy_hint

    line = ReviewLine("Wat werkte", "Na de burn-out hielp deeltijds werk.", "Na de burn-out …")
    assert privacy_hint(line, ["Koen Verhaegen"]) == "Lijkt medisch: burn-out"
    assert privacy_hint(ReviewLine("Wat werkte", "Nazorg hielp.", "Nazorg hielp."), []) == ""
