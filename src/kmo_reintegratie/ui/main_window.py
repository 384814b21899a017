"""The main window: navigation between areas, the Bestand and Help menus.

A page is built (and its module imported) when it is first shown: the window paints
sooner and a page never shown costs nothing. A page built later loads the dossier as it
is then, so it misses no change made elsewhere.
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from functools import partial
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QSize, QTimer, Signal, SignalInstance
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent, QUndoStack, QWindow
from PySide6 import QtWidgets  # its dialogs looked up when shown (see dialogs.messages)
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie import paths
from kmo_reintegratie.instrument_source import section_labels
from kmo_reintegratie.store import cipher
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import (
    DamagedDossierError,
    DossierError,
    DossierInUseError,
    DossierLockUncertainError,
    DossierNotWritableError,
    DossierPasswordError,
)
from kmo_reintegratie.ui.dialogs.about import show_about, show_attribution
from kmo_reintegratie.ui.dialogs.messages import (
    ask_open_read_only,
    ask_restore_backup,
    ask_take_over,
    show_dossier_error,
)
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.icons import app_icon
from kmo_reintegratie.ui.widgets.read_only_banner import (
    IN_USE,
    NOT_WRITABLE,
    OLDER_COPY,
    ReadOnlyBanner,
)

if TYPE_CHECKING:  # the help window is built on first use: a fast start needs no manual
    from kmo_reintegratie.instrument import Instrument
    from kmo_reintegratie.ui.widgets.bound_field import BoundField
    from kmo_reintegratie.ui.dialogs.help_window import HelpWindow

log = logging.getLogger(__name__)

MAX_RECENT = 8
DOSSIER_FILTER = "KMO Re-integratie-dossiers (*.kmo);;Alle bestanden (*)"

# The navigation, in order: each page's ``nav_label`` (named here, not imported: the pages
# are imported when first shown).
OVERVIEW, ABSENCES, TRAJECTORIES = "Overzicht", "Afwezigheden", "Trajecten"
ASSESSMENT, ACTION_PLAN, ANALYSIS = "Zelfevaluatie", "Actieplan", "Analyse"
EMPLOYEES, ORGANISATION, INSTRUMENT = "Medewerkers", "Organisatie", "Instrument"
NAV_LABELS = (OVERVIEW, ABSENCES, TRAJECTORIES, ASSESSMENT, ACTION_PLAN, ANALYSIS, EMPLOYEES,
              ORGANISATION, INSTRUMENT)
#: The pages' modules, imported one per tick in idle time after the first paint (then the
#: privacy checks' word list and the dossier's names): a first click on a page then builds it
#: without first loading its code (20-50 ms each; QtCharts for Analyse) or that data.
PAGE_MODULES = tuple(f"kmo_reintegratie.ui.pages.{name}" for name in (
    "absences_page", "trajectories_page", "assessment_page", "action_plan_page", "employees_page",
    "analysis_page", "organisation_page", "instrument_page"))
PRELOAD_TICK_MS = 40


def _load_medical_terms() -> None:
    from kmo_reintegratie.privacy import load_medical_terms

    load_medical_terms()


class Pages(Mapping[str, QWidget]):
    """The window's pages by navigation label; ``pages[label]`` builds a page on first use.

    Iterating, ``len`` and ``in`` build nothing; :meth:`built` answers without building.
    """

    def __init__(self, labels: tuple[str, ...], build: Callable[[str], QWidget]) -> None:
        self._labels = labels
        self._build = build
        self._built: dict[str, QWidget] = {}

    def __getitem__(self, label: str) -> QWidget:
        page = self._built.get(label)
        if page is None:
            if label not in self._labels:
                raise KeyError(label)
            page = self._built[label] = self._build(label)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def __contains__(self, label: object) -> bool:
        return label in self._labels

    def built(self, label: str) -> QWidget | None:
        return self._built.get(label)

    def label_of(self, page: QWidget | None) -> str | None:
        return next((label for label, built in self._built.items() if built is page), None)


class _FirstPaint(QObject):
    """Calls ``on_paint`` once, right after the window's first paint.

    Watched on the window's own QWindow, not on a page: a widget covered by its children
    gets no paint event of its own. An exposed QWindow paints its widgets while it handles
    the expose or update request; ``on_paint`` is queued behind that.
    """

    PAINTING = (QEvent.Type.Expose, QEvent.Type.UpdateRequest, QEvent.Type.Paint)

    def __init__(self, handle: QWindow, on_paint: Callable[[], None]) -> None:
        super().__init__(handle)
        self._handle = handle
        self._on_paint: Callable[[], None] | None = on_paint
        handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (self._on_paint is not None and event.type() in self.PAINTING
                and self._handle.isExposed()):
            QTimer.singleShot(0, self._on_paint)
            self._on_paint = None
        return False


class MainWindow(QMainWindow):
    dossier_opened = Signal(Path)
    #: Once, right after the window was painted for the first time.
    first_painted = Signal()

    def __init__(
        self,
        settings: QSettings,
        dossier: Dossier | None = None,
        *,
        today: Callable[[], date] = date.today,
        daily_backup: bool = True,
    ):
        """``daily_backup=False``: no backup copy is made (the start-up check leaves nothing)."""
        super().__init__()
        self.settings = settings
        self.today = today
        self._daily_backup = daily_backup
        self.dossier: Dossier | None = None
        self.events: DossierEvents | None = None
        self.pages = Pages((), self._build_page)
        self._instrument: Instrument | None = None
        self._paint_watch: _FirstPaint | None = None
        self._painted = False
        self._after_paint: list[Callable[[], object]] = []
        self.help_window: HelpWindow | None = None
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(820, 560))

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.read_only_banner = ReadOnlyBanner()
        self.read_only_banner.copy_requested.connect(self._on_banner_copy_requested)
        outer.addWidget(self.read_only_banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        outer.addLayout(layout, 1)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(190)
        self.nav.setSpacing(2)
        self.nav.setStyleSheet(
            # No dotted focus frame inside the highlighted item: the highlight already shows where
            # the keyboard is, and the frame made the label look boxed in.
            "QListWidget#navigation { border: none; padding-top: 8px; font-size: 14px; outline: 0; }"
            "QListWidget#navigation::item { padding: 8px 12px; }"
        )
        self.stack = QStackedWidget()
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.nav.currentRowChanged.connect(self._on_nav_current_row_changed)

        self.status_path = QLabel()
        self.status_mode = QLabel()
        self.statusBar().addWidget(self.status_path, 1)
        self.statusBar().addPermanentWidget(self.status_mode)

        # One undo history per dossier: emptied whenever a dossier closes, so an undo never
        # reaches into a file that is no longer the one on screen.
        self.undo_stack = QUndoStack(self)
        self._build_menus()
        self._restore_geometry()
        if dossier is not None:
            self._install(dossier)
        else:
            self._update_title()

    # -- menus ---------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&Bestand"))
        new = QAction(self.tr("&Nieuw dossier…"), self)
        new.setShortcut(QKeySequence.StandardKey.New)
        new.triggered.connect(self.new_dossier)
        file_menu.addAction(new)
        open_action = QAction(self.tr("&Openen…"), self)
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self.choose_dossier)
        file_menu.addAction(open_action)
        self.recent_menu = file_menu.addMenu(self.tr("&Recente dossiers"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.backups_action = QAction(self.tr("Reserve&kopieën…"), self)
        self.backups_action.triggered.connect(self.show_backups)
        file_menu.addAction(self.backups_action)
        self.make_backup_action = QAction(self.tr("Reservekopie &maken…"), self)
        self.make_backup_action.triggered.connect(self.make_backup)
        file_menu.addAction(self.make_backup_action)
        self.calendar_action = QAction(self.tr("&Agenda exporteren…"), self)
        self.calendar_action.triggered.connect(self.export_calendar)
        file_menu.addAction(self.calendar_action)
        self.audit_log_action = QAction(self.tr("&Logboek…"), self)
        self.audit_log_action.setObjectName("auditLogAction")
        self.audit_log_action.triggered.connect(self.show_audit_log)
        file_menu.addAction(self.audit_log_action)
        name_action = QAction(self.tr("Uw &naam voor het logboek…"), self)
        name_action.setObjectName("userNameAction")
        name_action.triggered.connect(self.change_user_name)
        file_menu.addAction(name_action)
        for action in self._dossier_actions():
            action.setEnabled(False)  # until a dossier is open
        file_menu.addSeparator()
        self.protect_action = QAction(self.tr("&Beveiligen met wachtwoord…"), self)
        self.protect_action.setObjectName("protectAction")
        self.protect_action.triggered.connect(self.protect_with_password)
        self.change_password_action = QAction(self.tr("&Wachtwoord wijzigen…"), self)
        self.change_password_action.setObjectName("changePasswordAction")
        self.change_password_action.triggered.connect(self.change_password)
        self.remove_password_action = QAction(self.tr("Wachtwoord &verwijderen…"), self)
        self.remove_password_action.setObjectName("removePasswordAction")
        self.remove_password_action.triggered.connect(self.remove_password)
        for action in self._password_actions():
            file_menu.addAction(action)
        self._update_password_actions()
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Afsluiten"), self)
        # StandardKey.Quit is empty on Windows and some desktops: Ctrl+Q everywhere.
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("Be&werken"))
        # Own actions rather than createUndoAction(): that one writes "prefix text", and the
        # menu should read "Ongedaan maken: Medewerker … verwijderen".
        self.undo_action = QAction(self.tr("&Ongedaan maken"), self)
        self.undo_action.setObjectName("undoAction")
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setEnabled(False)
        self.undo_action.triggered.connect(lambda: self._step_history(self.undo_stack.undo))
        self.undo_stack.canUndoChanged.connect(self.undo_action.setEnabled)
        self.undo_stack.undoTextChanged.connect(self._on_undo_stack_undo_text_changed)
        edit_menu.addAction(self.undo_action)
        self.redo_action = QAction(self.tr("Opn&ieuw"), self)
        self.redo_action.setObjectName("redoAction")
        self.redo_action.setEnabled(False)
        self.redo_action.triggered.connect(lambda: self._step_history(self.undo_stack.redo))
        self.undo_stack.canRedoChanged.connect(self.redo_action.setEnabled)
        self.undo_stack.redoTextChanged.connect(self._on_undo_stack_redo_text_changed)
        # Ctrl+Y as Windows users know it, and the platform's own key (Ctrl+Shift+Z on Linux).
        redo_keys = [QKeySequence("Ctrl+Y")]
        redo_keys += [key for key in QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
                      if key not in redo_keys]  # the same key twice would be ambiguous
        self.redo_action.setShortcuts(redo_keys)
        edit_menu.addAction(self.redo_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        manual = QAction(self.tr("&Handleiding"), self)
        manual.setObjectName("manualAction")
        manual.triggered.connect(lambda: self.show_manual())
        help_menu.addAction(manual)
        # F1 is help about what is in front of the user: the chapter of the current page.
        page_help = QAction(self.tr("&Uitleg bij deze pagina"), self)
        page_help.setObjectName("pageHelpAction")
        page_help.setShortcut(QKeySequence("F1"))
        page_help.triggered.connect(self.show_page_help)
        help_menu.addAction(page_help)
        help_menu.addSeparator()
        about = QAction(self.tr("&Over KMO Re-integratie"), self)
        about.triggered.connect(lambda: show_about(self))
        help_menu.addAction(about)
        attribution = QAction(self.tr("&Bronvermelding"), self)
        attribution.triggered.connect(lambda: show_attribution(self))
        help_menu.addAction(attribution)

        for number in range(1, 10):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, row=number - 1: self._go_to_row(row))
            self.addAction(action)

    def show_manual(self, chapter: str = "") -> None:
        """Open the manual at ``chapter`` ("" = Eerste stappen); one window, reused."""
        from kmo_reintegratie.ui.dialogs.help_window import HelpWindow

        if self.help_window is None or not shiboken6.isValid(self.help_window):
            self.help_window = HelpWindow(self)
        self.help_window.open_chapter(chapter)

    def show_page_help(self) -> None:
        """The chapter of the page shown now; the first steps when no dossier is open."""
        from kmo_reintegratie.ui.dialogs.help_window import chapter_for_page

        self.show_manual(chapter_for_page(self.pages.label_of(self.current_page())))

    def _go_to_row(self, row: int) -> None:
        if row < self.nav.count():
            self.nav.setCurrentRow(row)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_dossiers()
        if not recent:
            empty = self.recent_menu.addAction(self.tr("(geen recente dossiers)"))
            empty.setEnabled(False)
            return
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.stem}  —  {path.parent}")
            action.triggered.connect(lambda _checked=False, path=path: self.open_dossier(path))
        self.recent_menu.addSeparator()
        clear = self.recent_menu.addAction(self.tr("Lijst wissen"))
        clear.triggered.connect(lambda: self.settings.setValue("recent_dossiers", []))

    # -- dossiers ------------------------------------------------------------

    def recent_dossiers(self) -> list[Path]:
        value = self.settings.value("recent_dossiers", [])
        if isinstance(value, str):
            value = [value]
        return [Path(p) for p in (value or [])]

    def _remember(self, path: Path) -> None:
        recent = [p for p in self.recent_dossiers() if p != path]
        self.settings.setValue("recent_dossiers", [str(p) for p in [path, *recent][:MAX_RECENT]])

    def choose_dossier(self) -> None:
        start = str(self.dossier.origin.parent if self.dossier else paths.documents_dir())
        name, _ = QtWidgets.QFileDialog.getOpenFileName(self, self.tr("Dossier openen"), start, DOSSIER_FILTER)
        if name:
            self.open_dossier(Path(name))

    def new_dossier(self) -> None:
        folder = self.dossier.origin.parent if self.dossier else paths.documents_dir()
        name, _ = QtWidgets.QFileDialog.getSaveFileName(
            self, self.tr("Nieuw dossier"), str(folder / "Nieuwe klant.kmo"), DOSSIER_FILTER
        )
        if not name:
            return
        path = Path(name)
        if path.suffix.lower() != paths.DOSSIER_SUFFIX:
            path = path.with_name(path.name + paths.DOSSIER_SUFFIX)
        if path.exists():
            # The save dialog already asked to overwrite; a dossier is never overwritten.
            show_dossier_error(
                self,
                DossierError(path, "Er bestaat al een dossier met deze naam.", "Kies een andere naam."),
            )
            return
        if not self._leave_current():
            return
        try:
            dossier = Dossier.create(path)
        except DossierError as error:
            show_dossier_error(self, error)
            return
        self._install(dossier)
        self.go_to("Organisatie")

    def open_dossier(self, path: Path) -> bool:
        """Open ``path`` in this window, asking the user where needed."""
        path = Path(path).absolute()
        if self.dossier is not None and self.dossier.origin == path:
            return True
        if not self._leave_current():
            return False
        opened = self._open(path)
        if opened is None:
            return False
        self._install(*opened)
        return True

    def _open(self, path: Path, password: str | None = None) -> tuple[Dossier, str] | None:
        """The opened dossier and, when read-only, why (for the banner); None after a message.

        A protected dossier's password is asked first (again after a wrong one); Cancel
        opens nothing.
        """
        try:
            return Dossier.open(path, password=password), ""
        except DossierPasswordError:
            from kmo_reintegratie.ui.dialogs.password import ask_password_to_open

            password = ask_password_to_open(self, path.name,
                                            lambda typed: cipher.password_fits(path, typed))
            return None if password is None else self._open(path, password)
        except DossierLockUncertainError as error:
            choice = ask_take_over(self, error)
            if choice == "take_over":
                return self._open_quietly(path, password, take_over_lock=True)
            if choice == "read_only":
                return self._open_read_only(path, IN_USE, password)
            return None
        except DossierInUseError as error:
            if not ask_open_read_only(self, error):
                return None
            return self._open_read_only(path, IN_USE, password)
        except DossierNotWritableError:
            return self._open_read_only(path, NOT_WRITABLE, password)
        except DamagedDossierError as error:
            if error.backup is None or not ask_restore_backup(self, error):
                if error.backup is None:
                    show_dossier_error(self, error)
                return None
            return self._restore_and_open(error.backup, path, password)
        except DossierError as error:
            show_dossier_error(self, error)
            return None

    def _open_quietly(self, path: Path, password: str | None,
                      **options: bool) -> tuple[Dossier, str] | None:
        try:
            dossier = Dossier.open(path, password=password, **options)
        except DossierError as error:
            show_dossier_error(self, error)
            return None
        return dossier, (OLDER_COPY if dossier.origin != dossier.path else IN_USE) if dossier.read_only else ""

    def _open_read_only(self, path: Path, reason: str,
                        password: str | None) -> tuple[Dossier, str] | None:
        opened = self._open_quietly(path, password, read_only=True)
        if opened is None:
            return None
        dossier, shown = opened
        return dossier, OLDER_COPY if shown == OLDER_COPY else reason

    def _restore_and_open(self, backup: Path, damaged: Path,
                          password: str | None) -> tuple[Dossier, str] | None:
        from kmo_reintegratie.store.backup import restore_backup

        try:
            restored = restore_backup(backup, damaged, password=password)
        except DossierError as error:
            show_dossier_error(self, error)
            return None
        QtWidgets.QMessageBox.information(
            self, self.tr("Reservekopie hersteld"),
            self.tr("De reservekopie is hersteld als {name} in dezelfde map; het beschadigde "
                    "bestand is bewaard.").format(name=restored.name),
        )
        return self._open(restored, password)

    # -- password ------------------------------------------------------------

    def _password_actions(self) -> tuple[QAction, QAction, QAction]:
        return self.protect_action, self.change_password_action, self.remove_password_action

    def _update_password_actions(self) -> None:
        # Converting rewrites the file: only a dossier this window may write.
        writable = self.dossier is not None and not self.dossier.read_only
        encrypted = self.dossier is not None and self.dossier.encrypted
        self.protect_action.setEnabled(writable and not encrypted)
        self.change_password_action.setEnabled(writable and encrypted)
        self.remove_password_action.setEnabled(writable and encrypted)

    def protect_with_password(self) -> None:
        from kmo_reintegratie.ui.dialogs.password import choose_first_password

        if self.dossier is None or self.dossier.read_only or self.dossier.encrypted:
            return
        new = choose_first_password(self)
        if new is not None:
            self._convert(lambda path: cipher.encrypt(path, new), None, new,
                          self.tr("Het dossier is beveiligd met een wachtwoord."))

    def change_password(self) -> None:
        from kmo_reintegratie.ui.dialogs.password import choose_changed_password

        if self.dossier is None or self.dossier.read_only or not self.dossier.encrypted:
            return
        path = self.dossier.path
        chosen = choose_changed_password(self, lambda typed: cipher.password_fits(path, typed))
        if chosen is not None:
            old, new = chosen
            self._convert(lambda file: cipher.change_password(file, old, new), old, new,
                          self.tr("Het wachtwoord is gewijzigd."))

    def remove_password(self) -> None:
        from kmo_reintegratie.ui.dialogs.password import ask_password_to_remove

        if self.dossier is None or self.dossier.read_only or not self.dossier.encrypted:
            return
        path = self.dossier.path
        old = ask_password_to_remove(self, lambda typed: cipher.password_fits(path, typed))
        if old is not None:
            self._convert(lambda file: cipher.decrypt(file, old), old, None,
                          self.tr("Het wachtwoord is verwijderd."))

    def _convert(self, operation: Callable[[Path], int], old: str | None, new: str | None,
                 done: str) -> None:
        """Rewrite the dossier in a worker (a key derivation per copy: about half a second for
        the demo), then open it again, under ``new`` or, after a failure, under ``old``."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        from kmo_reintegratie.ui.background import run_in_background

        assert self.dossier is not None
        path = self.dossier.path
        self._leave_current()
        # The file is replaced by its converted copy: no connection of ours may stay on it.
        self._close_dossier()
        self._update_title()
        progress = QProgressDialog(self.tr("Het dossier en zijn reservekopieën worden omgezet…"),
                                   "", 0, 0, self)
        progress.setWindowTitle(self.tr("Wachtwoord"))
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.show()

        def finished(_followed: int) -> None:
            progress.close()
            progress.deleteLater()
            if shiboken6.isValid(self) and self._reopen(path, new):
                self.statusBar().showMessage(done, 10_000)

        def failed(error: Exception) -> None:
            progress.close()
            progress.deleteLater()
            if not isinstance(error, DossierError):
                raise error
            if shiboken6.isValid(self):
                self._reopen(path, old)
                show_dossier_error(self, error)

        run_in_background(lambda: operation(path), on_done=finished, on_error=failed)

    def _reopen(self, path: Path, password: str | None) -> bool:
        opened = self._open(path, password)
        if opened is None:
            return False
        self._install(*opened)
        return True

    # -- backups -------------------------------------------------------------

    def show_backups(self) -> None:
        from kmo_reintegratie.ui.dialogs.backups import BackupsDialog

        if self.dossier is None:
            return
        dialog = BackupsDialog(self.dossier.origin, self.dossier.dossier_id, self)
        dialog.open_requested.connect(self.open_dossier)
        dialog.exec()
        dialog.deleteLater()

    def make_backup(self) -> None:
        """A copy to a place the user chooses, such as a USB stick."""
        from kmo_reintegratie.ui.dialogs.backups import make_backup_to_chosen_place

        if self.dossier is not None:
            make_backup_to_chosen_place(self, self.dossier.path)

    def _dossier_actions(self) -> tuple[QAction, ...]:
        return (self.backups_action, self.make_backup_action, self.calendar_action,
                self.audit_log_action)

    def show_audit_log(self) -> None:
        from kmo_reintegratie.ui.dialogs.audit_log import show_audit_log

        if self.dossier is not None:
            show_audit_log(self, self.dossier)

    def change_user_name(self) -> None:
        from kmo_reintegratie.ui.dialogs.user_name import change_user_name

        change_user_name(self, self.dossier if self.dossier and not self.dossier.read_only else None)

    def ask_user_name_once(self) -> None:
        """The name in the logbook, asked once per computer (after the window is shown: a
        question before the first paint would make the start look slow)."""
        from kmo_reintegratie.store import audit
        from kmo_reintegratie.ui.dialogs.user_name import ensure_user_name
        from kmo_reintegratie.user_identity import confirmed_name

        if confirmed_name() is not None:
            return
        name = ensure_user_name(self)
        if self.dossier is not None and not self.dossier.read_only:
            audit.set_actor(self.dossier, name)

    def export_calendar(self) -> None:
        """Coming legal steps, contacts and deadlines as an .ics file for Outlook, Google, Apple."""
        from kmo_reintegratie.ui.dialogs.calendar_export import export_calendar

        if self.dossier is not None:
            export_calendar(self, self.dossier.path, self.today())

    def _start_daily_backup(self, dossier: Dossier) -> None:
        """At most one backup a day, in a worker: a large dossier takes a moment to copy."""
        if not self._daily_backup or dossier is not self.dossier or dossier.read_only:
            return  # not wanted, or closed again before its turn came
        dossier_id = dossier.dossier_id
        if dossier_id is None:
            return
        from kmo_reintegratie.store.backup import daily_backup
        from kmo_reintegratie.ui.background import run_in_background

        path = dossier.path
        # Taken now: the dossier (and with it the password in memory) may close before the
        # worker starts.
        password = cipher.password_for(path)
        run_in_background(lambda: daily_backup(path, dossier_id, password=password),
                          on_done=lambda _made: None, on_error=self._on_daily_backup_failed)

    def _on_daily_backup_failed(self, error: Exception) -> None:
        if not isinstance(error, DossierError):
            raise error
        if shiboken6.isValid(self):
            self.statusBar().showMessage(
                self.tr("Geen reservekopie gemaakt: {0}").format(error.message), 15_000
            )

    def _on_banner_copy_requested(self) -> None:
        """A dossier that may not be changed here: save a copy elsewhere and work on that."""
        from kmo_reintegratie.ui.dialogs.backups import make_backup_to_chosen_place

        if self.dossier is None:
            return
        copy = make_backup_to_chosen_place(self, self.dossier.path)
        if copy is not None:
            self.open_dossier(copy)

    def _leave_current(self) -> bool:
        """Store pending edits before the dossier closes; always True.

        A save that fails is reported ("Niet alles kon bewaard worden: …") and the rest
        still goes on: closing the window or switching dossiers must never leave a dossier
        open with its lock behind because one value could not be stored.
        """
        failures: list[str] = []

        def attempt(store: Callable[[], object]) -> None:
            try:
                store()
            except Exception as error:  # noqa: BLE001 (any failure: the dossier still closes)
                log.exception("A pending save failed while leaving the dossier")
                failures.append(str(error) or type(error).__name__)

        # Every field waiting for its typing pause (organisation, absence note,
        # trajectory texts, assessment comment) is stored now, not 400 ms from now.
        for field in self._bound_fields():
            attempt(field.commit)
        assessment = self.pages.built(ASSESSMENT)
        if assessment is not None:
            from kmo_reintegratie.ui.pages.assessment_page import AssessmentPage

            assert isinstance(assessment, AssessmentPage)
            attempt(assessment.panel.commit_draft)  # a typed action not yet added is stored too
        if failures:
            shown = "; ".join(dict.fromkeys(failures[:3]))  # distinct, and a readable length
            QtWidgets.QMessageBox.warning(
                self,
                self.tr("Niet alles bewaard"),
                self.tr("Niet alles kon bewaard worden: {0}").format(shown),
            )
        return True

    def _install(self, dossier: Dossier, read_only_reason: str = "") -> None:
        current = self.nav.currentItem().text() if self.nav.currentItem() else None
        self._close_dossier()
        self.dossier = dossier
        self.events = DossierEvents(self)
        self.events.organisation_changed.connect(self._on_events_organisation_changed)
        # Connected before any page: the page asked for is shown (built) first, and then
        # shows what was asked.
        self.events.section_requested.connect(self._on_events_section_requested)
        self.events.employee_requested.connect(self._on_events_employee_requested)
        self.events.absence_requested.connect(self._on_events_absence_requested)
        self.events.trajectory_requested.connect(self._on_events_trajectory_requested)
        self.events.trajectory_start_requested.connect(
            self._on_events_trajectory_start_requested)
        self.events.write_failed.connect(self._on_events_write_failed)
        self.events.undo_stack = None if dossier.read_only else self.undo_stack
        self.pages = Pages(NAV_LABELS, self._build_page)
        for label in NAV_LABELS:
            self.stack.addWidget(QWidget())  # stands in for the page until it is first shown
            QListWidgetItem(self.tr(label), self.nav)
        self.go_to(current or OVERVIEW)
        self._remember(dossier.origin)
        self.status_path.setText(str(dossier.origin))
        self.status_mode.setText(self.tr("Alleen-lezen") if dossier.read_only else "")
        self.read_only_banner.show_reason(
            (read_only_reason or IN_USE) if dossier.read_only else ""
        )
        self._update_title()
        for action in self._dossier_actions():
            action.setEnabled(True)
        self._update_password_actions()
        self.dossier_opened.emit(dossier.origin)
        if self.isVisible():
            self._start_daily_backup(dossier)
        else:  # a window being opened: the copy waits until the window is on screen
            self.after_first_paint(lambda: self._start_daily_backup(dossier))
        self.after_first_paint(self._preload)

    def _preload(self) -> None:
        waiting: list[Callable[[], object]] = [
            partial(importlib.import_module, name) for name in PAGE_MODULES if name not in sys.modules]
        waiting.append(self._instrument_loaded)  # Zelfevaluatie and Actieplan; ~10 ms
        waiting.append(_load_medical_terms)  # cached; compiling its expression takes ~60 ms
        waiting.append(self._load_names)  # kept until the dossier changes
        timer = QTimer(self)
        timer.setInterval(PRELOAD_TICK_MS)

        def tick() -> None:
            if not waiting:
                timer.stop()
                timer.deleteLater()
                return
            try:
                waiting.pop(0)()
            except Exception:  # noqa: BLE001 - only for speed: what fails is done when needed
                log.debug("Preloading failed; left to first use", exc_info=True)

        timer.timeout.connect(tick)
        timer.start()

    def _bound_fields(self) -> list[BoundField]:
        """The pages' fields that store what is typed at a typing pause."""
        # Not imported for this: until a page made a field, its module is not even loaded.
        module = sys.modules.get("kmo_reintegratie.ui.widgets.bound_field")
        return [] if module is None else self.stack.findChildren(module.BoundField)

    def _load_names(self) -> None:
        from kmo_reintegratie.store.people_names import dossier_names

        if self.dossier is not None and not self.dossier.closed:
            dossier_names(self.dossier)

    def after_first_paint(self, work: Callable[[], object]) -> None:
        """Run ``work`` once the window has been painted (at once, when it has been already):
        what the user does not see waits, so the window appears sooner."""
        if self._painted:
            work()
        else:
            self._after_paint.append(work)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        # The QWindow exists from the first show on, and is exposed (painted) after it.
        handle = self.windowHandle()
        if self._paint_watch is None and handle is not None:
            self._paint_watch = _FirstPaint(handle, self._on_first_paint)

    def _on_first_paint(self) -> None:
        self._painted = True
        self.first_painted.emit()
        waiting, self._after_paint = self._after_paint, []
        for work in waiting:
            work()

    def _instrument_loaded(self) -> Instrument:
        if self._instrument is None:
            from kmo_reintegratie.instrument import load_instrument

            self._instrument = load_instrument()
        return self._instrument

    def _build_page(self, label: str) -> QWidget:
        """Build the page ``label`` on the open dossier and put it in its place in the stack."""
        page = self._new_page(label)
        index = NAV_LABELS.index(label)
        stand_in = self.stack.widget(index)
        self.stack.insertWidget(index, page)
        self.stack.removeWidget(stand_in)
        stand_in.deleteLater()
        return page

    def _new_page(self, label: str) -> QWidget:
        # Imported here, not at the top: the modules of pages not shown yet are not loaded.
        dossier, events, today = self.dossier, self.events, self.today
        assert dossier is not None and events is not None
        if label == OVERVIEW:
            from kmo_reintegratie.ui.pages.overview_page import OverviewPage

            overview = OverviewPage(dossier, events, section_labels(), today,
                                    after_paint=self.after_first_paint)
            overview.page_requested.connect(self._on_overview_page_requested)
            return overview
        if label == ABSENCES:
            from kmo_reintegratie.ui.pages.absences_page import AbsencesPage

            return AbsencesPage(dossier, events, today)
        if label == TRAJECTORIES:
            from kmo_reintegratie.ui.pages.trajectories_page import TrajectoriesPage

            trajectories = TrajectoriesPage(dossier, events, today)
            trajectories.print_requested.connect(self._on_trajectories_print_requested)
            return trajectories
        if label == ASSESSMENT:
            from kmo_reintegratie.ui.pages.assessment_page import AssessmentPage

            return AssessmentPage(dossier, events, self._instrument_loaded(), today)
        if label == ACTION_PLAN:
            from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage

            return ActionPlanPage(dossier, events, self._instrument_loaded(), today)
        if label == ANALYSIS:
            from kmo_reintegratie.ui.pages.analysis_page import AnalysisPage

            return AnalysisPage(dossier, events, today)
        if label == EMPLOYEES:
            from kmo_reintegratie.ui.pages.employees_page import EmployeesPage

            return EmployeesPage(dossier, events, today)
        if label == ORGANISATION:
            from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage

            return OrganisationPage(dossier, events)
        from kmo_reintegratie.ui.pages.instrument_page import InstrumentPage

        assert label == INSTRUMENT, label
        return InstrumentPage(instrument=self._instrument_loaded())

    def _on_nav_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(NAV_LABELS) and NAV_LABELS[row] in self.pages:
            self.stack.setCurrentWidget(self.pages[NAV_LABELS[row]])

    def _show_for(self, label: str, request: SignalInstance, *args: object) -> None:
        """Show the page a request is for. A page built for it just now is sent the request
        again: Qt does not call a slot connected while its signal is being emitted."""
        new = self.pages.built(label) is None
        self.go_to(label)
        if new and self.pages.built(label) is not None:
            request.emit(*args)

    def _on_events_section_requested(self, round_id: int, section_id: str) -> None:
        assert self.events is not None
        self._show_for(ASSESSMENT, self.events.section_requested, round_id, section_id)

    def _on_events_trajectory_requested(self, trajectory_id: int) -> None:
        assert self.events is not None
        self._show_for(TRAJECTORIES, self.events.trajectory_requested, trajectory_id)

    def _on_events_trajectory_start_requested(self, absence_id: int) -> None:
        assert self.events is not None
        self._show_for(TRAJECTORIES, self.events.trajectory_start_requested, absence_id)

    def _on_events_absence_requested(self, absence_id: int, tab: str) -> None:
        assert self.events is not None
        self._show_for(ABSENCES, self.events.absence_requested, absence_id, tab)

    def _on_events_employee_requested(self, employee_id: int) -> None:
        assert self.events is not None
        self._show_for(EMPLOYEES, self.events.employee_requested, employee_id)

    def _close_dossier(self) -> None:
        """Tear down the pages and close the dossier; the dossier is closed whatever happens."""
        try:
            self.undo_stack.clear()
            # Nothing of the old pages may run against the closed dossier: no typing-pause
            # save, no debounced refresh, no commit from an editor losing focus on deletion.
            for field in self._bound_fields():
                field.close()
            for timer in self.stack.findChildren(QTimer):
                timer.stop()
            self.pages = Pages((), self._build_page)  # first: emptying the list builds nothing
            self._instrument = None
            self.nav.clear()
            while self.stack.count():
                widget = self.stack.widget(0)
                close_reader = getattr(widget, "close_reader", None)  # the Analyse page's
                if close_reader is not None:
                    close_reader()  # its thread holds a connection to the file being closed
                self.stack.removeWidget(widget)
                widget.deleteLater()
            if self.events is not None:
                self.events.deleteLater()
                self.events = None
        finally:
            dossier, self.dossier = self.dossier, None
            if dossier is not None:
                dossier.close()
                # Its pages may have been frozen with the start (ui.app.collect_from_now_on):
                # collectable again, so a session of several dossiers keeps none of them.
                gc.unfreeze()
            self._update_password_actions()

    def _step_history(self, step: Callable[[], None]) -> None:
        """Undo or redo with the field being edited stored first and refreshed afterwards.

        Leaving the field stores what was typed (so it becomes the change undone) and lets the
        pages show the restored values in it; the focus comes back afterwards.
        """
        focused = QApplication.focusWidget()
        if focused is not None and self.isAncestorOf(focused):
            focused.clearFocus()
        else:
            focused = None
        # A plan draft waits for its typing pause without a field losing focus.
        for field in self._bound_fields():
            if field.pending:
                field.commit()
        step()
        if focused is not None and shiboken6.isValid(focused) and focused.isVisible():
            focused.setFocus()

    def _on_undo_stack_undo_text_changed(self, text: str) -> None:
        self.undo_action.setText(
            self.tr("&Ongedaan maken: {0}").format(text) if text else self.tr("&Ongedaan maken"))

    def _on_undo_stack_redo_text_changed(self, text: str) -> None:
        self.redo_action.setText(
            self.tr("Opn&ieuw: {0}").format(text) if text else self.tr("Opn&ieuw"))

    def _on_events_write_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 10_000)

    def go_to(self, label: str) -> None:
        for row in range(self.nav.count()):
            if self.nav.item(row).text() == label:
                self.nav.setCurrentRow(row)
                return
        if self.nav.count():
            self.nav.setCurrentRow(0)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()

    def _on_trajectories_print_requested(self, trajectory_id: int, document: str) -> None:
        from kmo_reintegratie.documents.registry import ExportOptions
        from kmo_reintegratie.ui.pages.trajectories_page import TrajectoriesPage
        from kmo_reintegratie.ui.printing import print_document

        if self.dossier is None:
            return
        options = ExportOptions(trajectory_id=trajectory_id)
        trajectories = self.pages.built(TRAJECTORIES)
        if document == "plan" and isinstance(trajectories, TrajectoriesPage):
            options = replace(options, plan_version=trajectories.plan_editor.shown_version())
        print_document(self, self.dossier.path, document, options=options)

    def _on_overview_page_requested(self, label: str) -> None:
        self.go_to(label)

    def _on_events_organisation_changed(self) -> None:
        self._update_title()

    def _update_title(self) -> None:
        if self.dossier is None:
            self.setWindowTitle("KMO Re-integratie")
            return
        name = self.dossier.organisation.get().display_name
        suffix = self.tr(" (alleen-lezen)") if self.dossier.read_only else ""
        self.setWindowTitle(f"{name}{suffix} — KMO Re-integratie")

    # -- window state ----------------------------------------------------------

    def _restore_geometry(self) -> None:
        geometry = self.settings.value("main_window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1100, 740)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        try:
            self._leave_current()
            self.settings.setValue("main_window/geometry", self.saveGeometry())
            self.settings.sync()
        finally:
            self._close_dossier()  # releases the lock, even after a failure above
        event.accept()
