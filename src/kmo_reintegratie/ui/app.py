"""Starting the window: QApplication, settings, the first dossier."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QObject, QSettings, QTimer, QTranslator
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from kmo_reintegratie import __version__, paths
from kmo_reintegratie.crash_log import CrashedSession, SessionLog, crashed_sessions, forget
from kmo_reintegratie.private_files import private_temporary_folder
from kmo_reintegratie.store import early_check
from kmo_reintegratie.store.dossier import Dossier, load_writer
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.ui.dialogs.messages import show_dossier_error
from kmo_reintegratie.ui.excepthook import install_excepthook
from kmo_reintegratie.ui.icons import app_icon
from kmo_reintegratie.ui.main_window import MainWindow


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName(paths.APP_NAME)
    app.setDesktopFileName(paths.APP_SLUG)
    app.setWindowIcon(app_icon())
    install_qt_translations(app)  # type: ignore[arg-type]
    return app  # type: ignore[return-value]


def install_qt_translations(app: QApplication) -> None:
    """Qt's own texts in Dutch: Ja/Nee, Opslaan/Annuleren, the file dialog, Ongedaan maken/Knippen.

    PySide6 ships Qt's catalogues; without them every standard button is English.
    """
    if app.property("kmo_translations_installed"):
        return
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name in ("qtbase_nl",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    app.setProperty("kmo_translations_installed", True)


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
    # Finder hands a double-clicked dossier over as an event, not in argv (macOS only: a
    # filter on the application sees every event of the process, a Python call each).
    file_opens = install_file_open_handler(app) if sys.platform == "darwin" else None
    install_excepthook()
    crashed = crashed_sessions()
    session = SessionLog.start(os.getpid())
    settings = make_settings()
    if dossier_path is None and file_opens is not None:
        dossier_path = file_opens.take_pending()
    path = dossier_path or initial_dossier(settings)
    early_check.start(path)  # checked while the window is built
    window = MainWindow(settings)
    if dossier_path is None and not path.exists():
        try:
            Dossier.create(path).close()
        except DossierError as error:
            show_dossier_error(None, error)
    window.open_dossier(path)
    window.show()
    if file_opens is not None:
        file_opens.deliver_to(lambda handed: open_handed_over(window, handed))
    close_on_terminate(app)
    window.after_first_paint(collect_from_now_on)
    # The printing module is large: the window need not wait for it.
    window.after_first_paint(remove_stale_previews)
    # Nor for sqlite-utils, which the first edit needs: loaded while the user reads the page.
    window.after_first_paint(lambda: QTimer.singleShot(0, load_writer))
    if crashed:
        window.after_first_paint(lambda: report_crashed_sessions(window, crashed))
    window.after_first_paint(window.ask_user_name_once)
    try:
        return app.exec()
    finally:
        if session is not None:
            session.end()


def collect_from_now_on() -> None:
    """Turn Python's cycle collector on again, after the first paint (off while starting: see
    ``kmo_reintegratie.__main__``).

    What starting made stays for the session (modules, the window): frozen, the collector
    does not walk it again at every full collection, nor all at once in the first ones
    (~7 ms stalls just after the paint). The window unfreezes it when it closes the dossier
    whose pages are part of it.
    """
    gc.freeze()
    gc.enable()


def remove_stale_previews() -> None:
    """Remove what a crash left of earlier print previews: personal data."""
    from kmo_reintegratie.ui.printing import remove_stale_previews as remove

    remove()


class FileOpenHandler(QObject):
    """Dossiers the system hands over as a QFileOpenEvent (macOS Finder, "Open With").

    A dossier handed over before the window exists is kept for :meth:`take_pending`; once
    the window is there, :meth:`deliver_to` passes every handed-over dossier to it.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._pending: Path | None = None
        self._open: Callable[[Path], object] | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() != QEvent.Type.FileOpen or not isinstance(event, QFileOpenEvent):
            return False
        name = event.file() or event.url().toLocalFile()
        if not name:
            return False
        if self._open is None:
            self._pending = Path(name)
        else:
            self._open(Path(name))
        return True

    def take_pending(self) -> Path | None:
        pending, self._pending = self._pending, None
        return pending

    def deliver_to(self, open_dossier: Callable[[Path], object]) -> None:
        self._open = open_dossier
        pending = self.take_pending()
        if pending is not None:
            open_dossier(pending)


def install_file_open_handler(app: QApplication) -> FileOpenHandler:
    handler = FileOpenHandler(app)
    app.installEventFilter(handler)
    return handler


def open_handed_over(window: MainWindow, path: Path) -> None:
    """Open a dossier handed over by the system and bring the window to the front."""
    window.open_dossier(path)
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def close_on_terminate(app: QApplication) -> None:
    """SIGTERM (logging out, ``kill``) closes the window as the user would: edits saved, lock released.

    Python runs a signal handler only between bytecodes, which a Qt event loop
    waiting in C++ never executes; a slow no-op timer gives it the chance.
    """
    if not hasattr(signal, "SIGTERM") or sys.platform == "win32":
        return
    signal.signal(signal.SIGTERM, lambda _number, _frame: app.closeAllWindows())
    heartbeat = QTimer(app)
    heartbeat.timeout.connect(lambda: None)
    heartbeat.start(500)


def report_crashed_sessions(parent: QWidget, crashed: list[CrashedSession]) -> None:
    """Show the newest log of sessions that ended in a crash, then forget them all."""
    from kmo_reintegratie.ui.dialogs.crash import show_crashed_session

    newest = crashed[0]
    show_crashed_session(parent, newest.text, f"{newest.started:%d-%m-%Y %H:%M}")
    forget(crashed)


def check_startup(dossier_path: Path, started: float | None = None) -> int:
    """Start the real window on ``dossier_path``; print the ms until it is first painted.

    The clock runs from ``started`` (a ``time.perf_counter()`` value; the command line passes
    when its process started, so imports count), by default from this call. The window makes
    no daily backup and the check's scratch settings are removed, also when starting fails:
    it leaves nothing behind.
    """
    started = time.perf_counter() if started is None else started
    app = make_application()
    try:
        dossier = Dossier.open(dossier_path)
    except DossierError as error:
        print(f"Fout: {error.message} {error.advice}".strip(), file=sys.stderr)
        return 2
    scratch = private_temporary_folder("kmo-check-")
    try:
        return _paint_once(app, started, dossier, make_settings_for_check(scratch))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _paint_once(app: QApplication, started: float, dossier: Dossier, settings: QSettings) -> int:
    window = MainWindow(settings, dossier, daily_backup=False)
    painted: list[float] = []

    def on_paint() -> None:
        if not painted:
            painted.append((time.perf_counter() - started) * 1000)
            # At once: whoever times this process sees the line at the first paint.
            print(f"{painted[0]:.0f} ms", flush=True)
            app.quit()

    # The check ends the loop itself. Closing the last window would also ask for a quit,
    # one that arrives after the loop and ends the next event loop of this process at once.
    quit_on_last_window = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    deadline = QTimer()  # stopped afterwards: no late quit either
    deadline.setSingleShot(True)
    deadline.timeout.connect(app.quit)
    try:
        window.first_painted.connect(on_paint)
        window.show()
        deadline.start(20_000)
        app.exec()
    finally:
        deadline.stop()
        window.close()  # closes the dossier
        app.setQuitOnLastWindowClosed(quit_on_last_window)
        # Written now, while the scratch folder exists: written later, when Python drops
        # the object, Qt would make the removed folder again.
        settings.sync()
    if not painted:
        print("Fout: het venster werd niet binnen 20 seconden getoond.", file=sys.stderr)
        return 3
    return 0


def make_settings_for_check(folder: Path) -> QSettings:
    """Scratch settings in ``folder``: a startup check leaves the user's recent list and
    window geometry as they were.
    """
    return QSettings(str(folder / "instellingen.ini"), QSettings.Format.IniFormat)
