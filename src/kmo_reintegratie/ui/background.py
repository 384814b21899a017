"""Work that may take longer than ~100 ms runs here, never in the UI thread.

``run_in_background`` runs a plain function in Qt's thread pool and hands the
result (or the exception) back to the UI thread by signal. Workers never touch
widgets. ``DossierReader`` is a long-lived thread with its own read-only
connection to the dossier, for repeated queries such as the analysis, whose
staging tables are kept per connection.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot

_running: set["_JobSignals"] = set()


class _JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, fn: Callable[[], Any], signals: _JobSignals) -> None:
        super().__init__()
        self._fn = fn
        self.signals = signals

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as error:  # noqa: BLE001 — handed to the UI thread, which decides
            self._emit(self.signals.failed, error)
            return
        self._emit(self.signals.finished, result)

    @staticmethod
    def _emit(signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:
            # The application quit while this job ran (a startup check ends before the
            # daily backup of an encrypted dossier does): nobody is left to tell.
            pass


def run_in_background(
    fn: Callable[[], Any],
    *,
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> _JobSignals:
    """Run ``fn()`` in a worker thread; call ``on_done(result)`` or ``on_error(exc)`` in the UI thread."""
    signals = _JobSignals()
    _running.add(signals)

    def finish(result: Any) -> None:
        _running.discard(signals)
        on_done(result)

    def fail(error: Exception) -> None:
        _running.discard(signals)
        on_error(error)

    signals.finished.connect(finish)
    signals.failed.connect(fail)
    QThreadPool.globalInstance().start(_Job(fn, signals))
    return signals


def wait_for_background_jobs(timeout_ms: int = 30_000) -> bool:
    """Block until queued jobs are done (used on exit and by tests)."""
    return QThreadPool.globalInstance().waitForDone(timeout_ms)


class _ReaderWorker(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        self._dossier: Any = None

    @Slot(int, object)
    def run(self, request: int, fn: object) -> None:
        try:
            if self._dossier is None:
                from kmo_reintegratie.store.dossier import Dossier

                # Opened in this thread: SQLite connections stay in the thread that made them.
                self._dossier = Dossier.open(self._path, read_only=True)
            result = fn(self._dossier)  # type: ignore[operator]
        except Exception as error:  # noqa: BLE001
            self.failed.emit(request, error)
            return
        self.done.emit(request, result)

    @Slot()
    def close(self) -> None:
        if self._dossier is not None:
            self._dossier.close()
            self._dossier = None


class DossierReader(QObject):
    """A worker thread with a read-only connection; only the newest request's answer is delivered."""

    answered = Signal(object)
    failed = Signal(object)
    _submit = Signal(int, object)
    _close = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("dossier-reader")
        self._worker = _ReaderWorker(path)
        self._worker.moveToThread(self._thread)
        self._submit.connect(self._worker.run)
        self._close.connect(self._worker.close)
        # quit() may end the thread's loop before the queued close ran: closing once more as
        # the thread finishes, in that thread, never leaves its connection (or the password
        # of an encrypted dossier) behind.
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._worker.done.connect(self._on_worker_done)
        self._worker.failed.connect(self._on_worker_failed)
        self._latest = 0
        self.busy = False
        self._thread.start()

    def ask(self, fn: Callable[[Any], Any]) -> int:
        """Run ``fn(read_only_dossier)`` in the reader thread; returns the request number."""
        self._latest += 1
        self.busy = True
        self._submit.emit(self._latest, fn)
        return self._latest

    def _on_worker_done(self, request: int, result: object) -> None:
        if request == self._latest:
            self.busy = False
            self.answered.emit(result)

    def _on_worker_failed(self, request: int, error: object) -> None:
        if request == self._latest:
            self.busy = False
            self.failed.emit(error)

    def shutdown(self) -> None:
        if self._thread.isRunning():
            self._close.emit()
            self._thread.quit()
            self._thread.wait(10_000)
