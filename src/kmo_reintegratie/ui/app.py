"""Starting the window: QApplication, settings, the first dossier."""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from kmo_reintegratie import __version__, paths
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.dialogs.crash import install_excepthook
from kmo_reintegratie.ui.dialogs.messages import show_dossier_error
from kmo_reintegratie.ui.icons import app_icon
from kmo_reintegratie.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(paths.APP_NAME)
    app.setDesktopFileName(paths.APP_SLUG)
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def make_settings() -> QSettings:
    path = paths.settings_file()
    return QSettings(str(path), QSettings.Format.IniFormat)


def initial_dossier(settings: QSettings) -> Path:
    """The last dossier used, or the default one (created if needed)."""
    recent = settings.value("recent_dossiers", [])
    if isinstance(recent, str):
        recent = [recent]
    for candidate in recent or []:
        if Path(candidate).exists():
            return Path(candidate)
    return paths.default_dossier()


def open_or_create(path: Path) -> Dossier:
    if not path.exists() and path == paths.default_dossier():
        return Dossier.create(path)
    return Dossier.open(path)


def run_gui(dossier_path: Path | None) -> int:
    app = make_application()
    install_excepthook()
    settings = make_settings()
    window = MainWindow(settings)
    path = dossier_path or initial_dossier(settings)
    if dossier_path is None and not path.exists():
        try:
            Dossier.create(path).close()
        except DossierError as error:
            show_dossier_error(None, error)
    window.open_dossier(path)
    window.show()
    return app.exec()


class _FirstPaint(QObject):
    def __init__(self, on_paint: object) -> None:
        super().__init__()
        self._on_paint = on_paint

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._on_paint)  # type: ignore[arg-type]
        return False


def check_startup(dossier_path: Path) -> int:
    """Start the real window on ``dossier_path``; print ms until the first page is painted."""
    started = time.perf_counter()
    app = make_application()
    try:
        dossier = Dossier.open(dossier_path)
    except DossierError as error:
        print(f"Fout: {error.message} {error.advice}".strip(), file=sys.stderr)
        return 2
    window = MainWindow(make_settings_for_check(), dossier)
    painted: list[float] = []

    def on_paint() -> None:
        if not painted:
            painted.append((time.perf_counter() - started) * 1000)
            app.quit()

    page = window.current_page()
    watcher = _FirstPaint(on_paint)
    (page or window).installEventFilter(watcher)
    window.show()
    QTimer.singleShot(20_000, app.quit)
    app.exec()
    window.close()
    if not painted:
        print("Fout: het venster werd niet binnen 20 seconden getoond.", file=sys.stderr)
        return 3
    print(f"{painted[0]:.0f} ms")
    return 0


def make_settings_for_check() -> QSettings:
    # A startup check must not change the user's recent list or window geometry.
    scratch = Path(tempfile.mkdtemp(prefix="kmo-check-")) / "instellingen.ini"
    return QSettings(str(scratch), QSettings.Format.IniFormat)
