"""The monkey: one random user action per timer tick on whatever is on top.

Every tick schedules the next one *before* it acts. An action that opens a modal dialog
blocks inside ``exec()``; the next tick then runs in the dialog's nested event loop and
acts on ``QApplication.activeModalWidget()``, so dialogs are driven too. A dialog or popup
gets a small budget of actions, after which the monkey accepts or cancels it, which keeps
the nesting shallow.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)
from random_input_texts import random_text, shown
from random_input_widgets import (
    CTRL,
    KEYS,
    NONE,
    POPUP_KEYS,
    Key,
    Mod,
    alive,
    clean,
    describe,
    index_path,
    key_name,
    label,
    pointer,
    type_chars,
)

MAIN_ACTIONS = {"page": 6, "click": 20, "key": 14, "type": 20, "combo": 8, "view": 16,
                "menu": 4, "dossier": 1.5}
DIALOG_ACTIONS = {"click": 25, "key": 18, "type": 25, "combo": 10, "view": 12, "close": 6}
QUIT_WORDS = ("afsluiten",)
MAX_NESTING = 4          # actions blocked in exec() at once; deeper dialogs are closed at once
MODAL_SECONDS = 60.0     # a safety net only: wall time makes runs differ
DRAIN_TICKS = 400        # ticks allowed to close everything at the end
FREEZE_SECONDS = 3.0     # a longer wait between two ticks is reported: the window froze


class Monkey(QObject):
    """Drives ``window`` until ``max_actions`` or ``deadline``; then closes what it opened
    and calls ``on_finished(unwound)``.
    """

    def __init__(self, window: QWidget, seed: int, log: Callable[[str], None], *,
                 dossiers: list[Path], open_dossier: Callable[[Path], object],
                 max_actions: int | None, seconds: float | None, interval_ms: int,
                 on_finished: Callable[[bool], None]) -> None:
        super().__init__()
        self.window = window
        self.seed = seed
        self.rng = random.Random(f"{seed}:start")  # replaced before every action
        self.log = log
        self.dossiers = dossiers
        self.open_dossier = open_dossier
        self.max_actions = max_actions
        self.interval_ms = interval_ms
        self.on_finished = on_finished
        self.started = time.monotonic()
        self.deadline = self.started + seconds if seconds else None
        self.count = 0           # actions performed (and the number of the current one)
        self.depth = 0           # actions still inside a nested event loop
        self._budgets: dict[int, tuple[int, float]] = {}
        self._drain_ticks = 0
        self._last_tick = time.monotonic()
        #: (action, seconds): the event loop was blocked this long before the action.
        self.freezes: list[tuple[int, float]] = []
        self._finished = False

    # -- the loop ---------------------------------------------------------------

    def start(self) -> None:
        QTimer.singleShot(self.interval_ms, self._tick)

    def _done(self) -> bool:
        if self.max_actions is not None and self.count >= self.max_actions:
            return True
        return self.deadline is not None and time.monotonic() >= self.deadline

    def _tick(self) -> None:
        if self._finished:
            return
        QTimer.singleShot(self.interval_ms, self._tick)  # first: the action may block in exec()
        now = time.monotonic()
        if now - self._last_tick > FREEZE_SECONDS:
            self.freezes.append((self.count, round(now - self._last_tick, 1)))
            self.log(f"!!! freeze: the event loop was blocked {now - self._last_tick:.1f} s "
                     f"after action {self.count}")
        self._last_tick = now
        if self._done():
            self._drain()
            return
        self.count += 1
        # One generator per action: when timing changes what one action meets (a save or
        # a PDF that finished a little earlier), the actions after it stay the same.
        self.rng = random.Random(f"{self.seed}:{self.count}")
        self.depth += 1
        try:
            self._act(self.count)
        finally:
            self.depth -= 1

    def _say(self, number: int | str, where: str, what: str) -> None:
        elapsed = time.monotonic() - self.started
        self.log(f"{number:>6} t={elapsed:8.2f}s d={self.depth} [{where}] {what}")

    # -- what is on top ---------------------------------------------------------

    def _target(self) -> tuple[QWidget, str]:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            return popup, "popup"
        modal = QApplication.activeModalWidget()
        if modal is not None:
            return modal, "modal"
        # Print previews are shown without exec(): sometimes work in one, close extras.
        others = sorted(
            (w for w in QApplication.topLevelWidgets()
             if isinstance(w, QDialog) and w.isVisible() and w is not self.window),
            key=lambda w: (w.windowTitle(), type(w).__name__),
        )
        if len(others) > 2:
            return others[0], "window"  # it gets closed when its budget is spent
        if others and self.rng.random() < 0.15:
            return self.rng.choice(others), "window"
        return self.window, "main"

    def _where(self, target: QWidget, kind: str) -> str:
        if kind == "main":
            item = self.window.nav.currentItem()
            return f"page {item.text() if item else '-'}"
        return f"{kind} {type(target).__name__} {target.windowTitle()!r}"

    def _over_budget(self, target: QWidget, kind: str) -> bool:
        key = pointer(target)
        if key not in self._budgets:
            if len(self._budgets) > 200:
                self._budgets.clear()
            limit = self.rng.randint(1, 4) if kind == "popup" else self.rng.randint(1, 20)
            self._budgets[key] = (limit, time.monotonic())
        left, since = self._budgets[key]
        self._budgets[key] = (left - 1, since)
        return left <= 0 or time.monotonic() - since > MODAL_SECONDS or self.depth > MAX_NESTING

    # -- one action ---------------------------------------------------------------

    def _act(self, number: int) -> None:
        target, kind = self._target()
        where = self._where(target, kind)
        if kind != "main" and self._over_budget(target, kind):
            self._close(number, where, target, kind)
            return
        if kind == "popup":
            if self.rng.random() < 0.15:
                self._close(number, where, target, kind)
            else:
                self._key(number, where, target, POPUP_KEYS)
            return
        if kind in ("main", "window") and QApplication.activeWindow() is not target:
            # Shortcuts go to the active window (a preview shown on top would get them).
            # activateWindow() takes effect only after a trip through the event loop.
            QApplication.setActiveWindow(target)
        weights = MAIN_ACTIONS if kind == "main" else DIALOG_ACTIONS
        action = self.rng.choices(list(weights), weights=list(weights.values()))[0]
        widgets = [w for w in target.findChildren(QWidget)
                   if w.isVisible() and w.isEnabled() and w.window() is target]
        done = getattr(self, f"_do_{action}")(number, where, target, widgets)
        if not done:
            self._key(number, where, target, KEYS)

    def _key(self, number: int, where: str, target: QWidget,
             keys: tuple[tuple[Key, Mod], ...]) -> None:
        key, modifiers = self.rng.choice(keys)
        receiver = target.focusWidget() or target
        self._say(number, where, f"key {key_name(key, modifiers)} to {describe(receiver)}")
        QTest.keyClick(receiver, key, modifiers)

    def _do_key(self, number: int, where: str, target: QWidget, _widgets: list[QWidget]) -> bool:
        self._key(number, where, target, KEYS)
        return True

    def _do_page(self, number: int, where: str, target: QWidget, _widgets: list[QWidget]) -> bool:
        nav = self.window.nav
        row = self.rng.randrange(9)
        if self.rng.random() < 0.5 or row >= nav.count():
            self._say(number, where, f"key Ctrl+{row + 1} to main window")
            QTest.keyClick(self.window, Key(Key.Key_1.value + row), CTRL)
            return True
        item = nav.item(row)
        self._say(number, where, f"nav click row {row} {item.text()!r}")
        nav.scrollToItem(item)
        QTest.mouseClick(nav.viewport(), Qt.MouseButton.LeftButton, NONE,
                         nav.visualItemRect(item).center())
        return True

    def _do_click(self, number: int, where: str, target: QWidget, widgets: list[QWidget]) -> bool:
        buttons = [w for w in widgets if isinstance(w, (QAbstractButton, QTabBar, QHeaderView))
                   and not any(word in label(w) for word in QUIT_WORDS)]
        if not buttons:
            return False
        widget = self.rng.choice(buttons)
        if isinstance(widget, QTabBar):
            if widget.count() == 0:
                return False
            tab = self.rng.randrange(widget.count())
            self._say(number, where,
                      f"click tab {tab} {widget.tabText(tab)!r} of {describe(widget)}")
            QTest.mouseClick(widget, Qt.MouseButton.LeftButton, NONE, widget.tabRect(tab).center())
            return True
        if isinstance(widget, QHeaderView):
            return self._click_header(number, where, widget)
        self._say(number, where, f"click {describe(widget)}")
        QTest.mouseClick(widget, Qt.MouseButton.LeftButton, NONE, widget.rect().center())
        return True

    def _click_header(self, number: int, where: str, header: QHeaderView) -> bool:
        """A click on a column header: sorts where the view allows it."""
        shown_sections = [i for i in range(header.count()) if not header.isSectionHidden(i)]
        if not shown_sections:
            return False
        section = self.rng.choice(shown_sections)
        start, size = header.sectionViewportPosition(section), header.sectionSize(section)
        if header.orientation() == Qt.Orientation.Horizontal:
            point = QPoint(start + size // 2, header.height() // 2)
        else:
            point = QPoint(header.width() // 2, start + size // 2)
        self._say(number, where, f"click header section {section} of {describe(header)}")
        QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, NONE, point)
        return True

    def _do_type(self, number: int, where: str, target: QWidget, widgets: list[QWidget]) -> bool:
        editors = [w for w in widgets
                   if isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox))
                   and not w.isReadOnly()]
        if not editors:
            return False
        editor = self.rng.choice(editors)
        text = random_text(self.rng)
        select_all = self.rng.random() < 0.4
        paste = len(text) > 40 or "\x00" in text or self.rng.random() < 0.3
        after = self.rng.choice(("", "", "Return", "Tab"))
        self._say(number, where, f"type {shown(text)} into {describe(editor)}"
                  f"{' after Ctrl+A' if select_all else ''}{' by paste' if paste else ''}"
                  f"{' then ' + after if after else ''}")
        editor.setFocus(Qt.FocusReason.MouseFocusReason)
        if select_all:
            QTest.keyClick(editor, Key.Key_A, CTRL)
        if not text:
            QTest.keyClick(editor, Key.Key_Delete)
        elif paste:
            QApplication.clipboard().setText(text)
            QTest.keyClick(editor, Key.Key_V, CTRL)
        else:
            type_chars(editor, text)
        if after and alive(editor) and editor.isVisible():
            QTest.keyClick(editor, Key.Key_Return if after == "Return" else Key.Key_Tab)
        return True

    def _do_combo(self, number: int, where: str, target: QWidget, widgets: list[QWidget]) -> bool:
        combos = [w for w in widgets if isinstance(w, QComboBox) and w.count() > 0]
        if not combos:
            return False
        combo = self.rng.choice(combos)
        if self.rng.random() < 0.3:
            self._say(number, where, f"open popup of {describe(combo)}")
            combo.showPopup()
            return True
        key = self.rng.choice(
            (Key.Key_Down, Key.Key_Up, Key.Key_Home, Key.Key_End, Key.Key_PageDown))
        times = self.rng.randint(1, 3)
        self._say(number, where, f"combo {describe(combo)} (at {combo.currentIndex()} of "
                  f"{combo.count()}) key {key_name(key)} x{times}")
        combo.setFocus(Qt.FocusReason.TabFocusReason)
        for _ in range(times):
            if not (alive(combo) and combo.isVisible()):
                break
            QTest.keyClick(combo, key)
        return True

    def _do_view(self, number: int, where: str, target: QWidget, widgets: list[QWidget]) -> bool:
        views = [w for w in widgets if isinstance(w, QAbstractItemView)
                 and not isinstance(w, QHeaderView) and w.model() is not None
                 and w.model().rowCount(w.rootIndex()) > 0]
        if not views:
            return False
        view = self.rng.choice(views)
        index = self._random_index(view)
        how = self.rng.choices(("current", "click", "dclick", "keys"), weights=(3, 4, 3, 2))[0]
        path = index_path(index)
        self._say(number, where, f"{how} row {index.row()} col {index.column()} (path {path}) "
                  f"of {describe(view)}")
        if how == "current":
            view.setCurrentIndex(index)
            return True
        if how == "keys":
            view.setFocus(Qt.FocusReason.TabFocusReason)
            self._key(number, where, view, ((Key.Key_Down, NONE), (Key.Key_Up, NONE),
                                            (Key.Key_Space, NONE), (Key.Key_Return, NONE),
                                            (Key.Key_F2, NONE), (Key.Key_Delete, NONE)))
            return True
        view.scrollTo(index, QAbstractItemView.ScrollHint.EnsureVisible)
        rect = view.visualRect(index)
        if rect.isEmpty():
            view.setCurrentIndex(index)
            return True
        point: QPoint = rect.center()
        if how == "click":
            QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, NONE, point)
        else:
            QTest.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, NONE, point)
        return True

    def _random_index(self, view: QAbstractItemView) -> QModelIndex:
        model = view.model()
        parent = view.rootIndex()
        index = model.index(self.rng.randrange(model.rowCount(parent)), 0, parent)
        while model.rowCount(index) > 0 and self.rng.random() < 0.6:
            index = model.index(self.rng.randrange(model.rowCount(index)), 0, index)
        # columnCount() is private on list models; probing siblings works for every model.
        columns = [c for c in range(32) if index.siblingAtColumn(c).isValid()]
        return index.siblingAtColumn(self.rng.choice(columns)) if columns else index

    def _do_menu(self, number: int, where: str, target: QWidget, _widgets: list[QWidget]) -> bool:
        actions: list[tuple[str, QAction]] = []
        for top in self.window.menuBar().actions():  # type: ignore[attr-defined]
            menu = top.menu()
            if menu is None:
                continue
            for action in menu.actions():
                sub = action.menu()
                if sub is not None:
                    sub.aboutToShow.emit()  # the recent list is filled when it is shown
                    actions += [(f"{clean(top.text())} › {clean(action.text())}", a)
                                for a in sub.actions()]
                else:
                    actions.append((clean(top.text()), action))
        page = self.window.current_page()  # type: ignore[attr-defined]
        if page is not None:
            actions += [(f"page {type(page).__name__}", a) for a in page.findChildren(QAction)]
        usable = [(path, a) for path, a in actions if a.isEnabled() and not a.isSeparator()
                  and a.text() and not any(w in clean(a.text()).lower() for w in QUIT_WORDS)]
        if not usable:
            return False
        path, action = self.rng.choice(usable)
        self._say(number, where, f"menu {path} › {clean(action.text())!r}")
        action.trigger()
        return True

    def _do_dossier(self, number: int, where: str, target: QWidget,
                    _widgets: list[QWidget]) -> bool:
        path = self.rng.choice(self.dossiers)
        self._say(number, where, f"switch to dossier {path.name}")
        self.open_dossier(path)
        return True

    def _do_close(self, number: int, where: str, target: QWidget, _widgets: list[QWidget]) -> bool:
        self._close(number, where, target, "modal")
        return True

    # -- closing dialogs and popups -------------------------------------------------

    def _close(self, number: int | str, where: str, target: QWidget, kind: str) -> None:
        if kind == "popup":
            self._say(number, where, "close popup: key Escape")
            QTest.keyClick(target, Key.Key_Escape)
            if alive(target) and QApplication.activePopupWidget() is target:
                target.close()
            return
        buttons: list[QAbstractButton] = []
        if isinstance(target, QMessageBox):
            buttons = list(target.buttons())
        else:
            for box in target.findChildren(QDialogButtonBox):
                if box.isVisible():
                    buttons += [b for b in box.buttons() if b.isVisible() and b.isEnabled()]
        if buttons and self.rng.random() < 0.6:
            button = self.rng.choice(buttons)
            self._say(number, where, f"close: click {describe(button)}")
            button.click()
        elif isinstance(target, QDialog):
            self._say(number, where, "close: reject()")
            target.reject()
        else:
            self._say(number, where, "close: close()")
            target.close()
        # A dialog that refuses (a validation message) is cancelled the next time.
        key = pointer(target) if alive(target) else None
        if key is not None and key in self._budgets:
            self._budgets[key] = (0, self._budgets[key][1] - MODAL_SECONDS)

    def _drain(self) -> None:
        """After the last action: close popups, dialogs and previews, then finish."""
        self._drain_ticks += 1
        self.rng = random.Random(f"{self.seed}:end:{self._drain_ticks}")
        popup = QApplication.activePopupWidget()
        modal = QApplication.activeModalWidget()
        if self._drain_ticks > DRAIN_TICKS:
            self._finish(False)
        elif popup is not None:
            self._close("end", "popup", popup, "popup")
        elif modal is not None:
            if self._drain_ticks % 3 == 0 and isinstance(modal, QDialog):
                self._say("end", self._where(modal, "modal"), "close: reject()")
                modal.reject()
            else:
                self._close("end", self._where(modal, "modal"), modal, "modal")
        elif self.depth == 0:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, QDialog) and widget.isVisible():
                    self._say("end", self._where(widget, "window"), "close()")
                    widget.close()
            self._finish(True)

    def _finish(self, unwound: bool) -> None:
        if not self._finished:
            self._finished = True
            self.on_finished(unwound)
