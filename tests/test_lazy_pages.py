"""Pages built when first shown: nothing missed, nothing loaded before it is needed."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kmo_reintegratie import paths
from kmo_reintegratie.dates import format_date
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.background import wait_for_background_jobs
from kmo_reintegratie.ui.dialogs import absence_dialog, new_trajectory
from kmo_reintegratie.ui.dialogs.absence_dialog import AbsenceDialog
from kmo_reintegratie.ui.dialogs.new_trajectory import NewTrajectoryDialog
from kmo_reintegratie.ui.main_window import (
    ABSENCES,
    EMPLOYEES,
    NAV_LABELS,
    OVERVIEW,
    TRAJECTORIES,
    MainWindow,
)

TODAY = date.today()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, demo_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path), today=lambda: TODAY)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def built(window: MainWindow) -> list[str]:
    return [label for label in NAV_LABELS if window.pages.built(label) is not None]


def test_only_the_page_shown_is_built(window: MainWindow) -> None:
    assert built(window) == [OVERVIEW]
    assert tuple(window.pages) == NAV_LABELS and len(window.pages) == len(NAV_LABELS)
    assert "Analyse" in window.pages and "Bestaat niet" not in window.pages
    assert built(window) == [OVERVIEW]  # asking what there is builds nothing

    window.go_to("Analyse")
    assert built(window) == [OVERVIEW, "Analyse"]
    assert window.current_page() is window.pages["Analyse"]
    with pytest.raises(KeyError):
        window.pages["Bestaat niet"]


def test_every_page_is_in_its_place_and_named_as_it_names_itself(window: MainWindow) -> None:
    for row, label in enumerate(NAV_LABELS):
        page = window.pages[label]  # built on asking, also without being shown
        assert type(page).nav_label == label  # type: ignore[attr-defined]
        assert window.stack.indexOf(page) == row
        assert window.nav.item(row).text() == label
    assert window.stack.count() == len(NAV_LABELS)  # the stand-ins are gone


def test_an_absence_added_on_afwezigheden_is_offered_on_a_page_never_shown_before(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    dossier = window.dossier
    assert dossier is not None
    absent = {a.employee_id for a in dossier.absences.open_on(TODAY)}
    person = next(e for e in dossier.employees.list()
                  if e.id not in absent and not e.out_of_service_from)

    def register(dialog: AbsenceDialog) -> int:
        dialog.show()
        qtbot.keyClicks(dialog.employee.lineEdit(), person.name)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(absence_dialog.AbsenceDialog, "exec", register)
    window.go_to(ABSENCES)
    created = window.pages[ABSENCES].new_absence()  # type: ignore[attr-defined]
    assert created is not None and created.employee_id == person.id
    assert window.pages.built(TRAJECTORIES) is None

    offered: list[tuple[str, object]] = []

    def look(dialog: NewTrajectoryDialog) -> int:
        combo = dialog.absence
        offered.extend((combo.itemText(i), combo.itemData(i)) for i in range(combo.count()))
        return 0  # Annuleren

    monkeypatch.setattr(new_trajectory.NewTrajectoryDialog, "exec", look)
    window.go_to(TRAJECTORIES)
    trajectories = window.pages[TRAJECTORIES]
    assert window.current_page() is trajectories
    assert trajectories.new_trajectory(employee_id=person.id) is None  # type: ignore[attr-defined]
    assert (f"{format_date(TODAY)} – lopend", created.id) in offered

    # The page built at the start heard of it too.
    window.go_to(OVERVIEW)
    overview = window.pages[OVERVIEW]
    model = overview.absent.model()  # type: ignore[attr-defined]
    assert person.name in [model.index(row, 0).data() for row in range(model.rowCount())]


def test_a_page_built_for_a_request_still_shows_what_was_asked(window: MainWindow) -> None:
    dossier, events = window.dossier, window.events
    assert dossier is not None and events is not None
    trajectory = dossier.trajectories.list()[-1]
    events.trajectory_requested.emit(trajectory.id)
    page = window.pages[TRAJECTORIES]
    assert window.current_page() is page
    assert page.trajectory is not None and page.trajectory.id == trajectory.id  # type: ignore[attr-defined]

    employee = dossier.employees.list()[-1]
    events.employee_requested.emit(employee.id)
    people = window.pages[EMPLOYEES]
    assert window.current_page() is people
    selected = people.selected_employee()  # type: ignore[attr-defined]
    assert selected is not None and selected.id == employee.id


def test_the_daily_backup_waits_for_the_first_paint(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, Dossier.open(demo_path))
    qtbot.addWidget(window)
    QApplication.processEvents()
    assert not paths.backups_dir().exists()  # the window is not there yet: nothing to wait for

    with qtbot.waitSignal(window.first_painted):
        window.show()
    qtbot.waitUntil(lambda: any(paths.backups_dir().rglob("*.kmo")), timeout=20_000)
    assert wait_for_background_jobs()
    window.close()


def test_what_the_start_made_is_frozen_until_its_dossier_closes(
    qtbot: QtBot, tmp_path: Path, demo_path: Path
) -> None:
    import gc

    from kmo_reintegratie.ui.app import collect_from_now_on

    settings = QSettings(str(tmp_path / "instellingen.ini"), QSettings.Format.IniFormat)
    other = tmp_path / "ander.kmo"
    Dossier.create(other).close()
    gc.disable()  # as the command line starts the window
    try:
        window = MainWindow(settings, Dossier.open(demo_path), daily_backup=False)
        qtbot.addWidget(window)
        window.after_first_paint(collect_from_now_on)
        with qtbot.waitSignal(window.first_painted):
            window.show()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0  # not walked again by every full collection
        window.open_dossier(other)
        assert gc.get_freeze_count() == 0  # the first dossier's pages can be collected
        window.close()
    finally:
        gc.unfreeze()
        gc.enable()


HEAVY = ("openpyxl", "reportlab", "PySide6.QtCharts", "PySide6.QtPdf", "sqlcipher3",
         "icalendar", "pyphen", "kmo_reintegratie.ui.pages.absences_page",
         # The first page only reads: writing's library, and what only protected dossiers need.
         "sqlite_utils", "hashlib", "kmo_reintegratie.store.analysis_repo",
         # The Overzicht names sections from the instrument's text, not its objects.
         "kmo_reintegratie.instrument")

FIRST_PAINT = """
import sys
from pathlib import Path
from kmo_reintegratie.ui.app import check_startup
code = check_startup(Path(sys.argv[1]))
print(*[name for name in sys.argv[2:] if name in sys.modules])
sys.exit(code)
"""


def test_the_first_paint_loads_no_export_chart_pdf_encryption_or_writing_library(
    demo_path: Path, isolated_home: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "KMO_REINTEGRATIE_HOME": str(isolated_home)}
    done = subprocess.run([sys.executable, "-c", FIRST_PAINT, str(demo_path), *HEAVY], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    painted, loaded = done.stdout.splitlines()
    assert painted.endswith(" ms")
    assert loaded.split() == []


SCAN = """
import inspect
from kmo_reintegratie.ui.feature_scan import skip_feature_scan
skipped = skip_feature_scan()
read = []
real_getsource = inspect.getsource
inspect.getsource = lambda module: read.append(module.__name__) or real_getsource(module)
import kmo_reintegratie.retention, kmo_reintegratie.ui.widgets.column_fit
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
print(skipped, QLabel("Overzicht").text(), *read)
"""


def test_the_program_start_has_pyside_read_no_module_source(isolated_home: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCAN], env=env, capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    skipped, label, *read = done.stdout.split()
    assert label == "Overzicht"
    # A PySide6 whose feature module differs keeps reading: slower, not wrong.
    assert read == [] if skipped == "True" else "kmo_reintegratie.retention" in read
