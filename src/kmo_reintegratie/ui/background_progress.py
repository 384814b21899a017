"""Background work that reports progress and can be cancelled (reading an import file).

``run_with_progress(fn, ...)`` runs ``fn(progress)`` through ``run_in_background``.
The worker calls ``progress.report(done, total)``; the UI thread gets
``on_progress(done, total)`` by signal, never the worker touching a widget. The UI
calls ``progress.cancel()``; the worker sees ``progress.cancelled`` at its next
report and stops as it sees fit. After a cancel neither ``on_done`` nor
``on_error`` is called: the UI has already moved on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from kmo_reintegratie.ui.background import run_in_background


class Progress(QObject):
    """Shared between the UI thread (which owns it) and one worker."""

    _reported = Signal(int, int)

    def __init__(
        self, on_progress: Callable[[int, int], None], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._on_progress = on_progress
        self._cancel = threading.Event()
        self.running = True
        # A slot of an object living in the UI thread: a report from the worker is queued.
        self._reported.connect(self._on_progress_reported)

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        """Ask the worker to stop; safe to call more than once."""
        self._cancel.set()

    def report(self, done: int, total: int) -> None:
        """Called in the worker: ``total`` 0 means "unknown"."""
        self._reported.emit(done, total)

    @Slot(int, int)
    def _on_progress_reported(self, done: int, total: int) -> None:
        if not self.cancelled:
            self._on_progress(done, total)


def run_with_progress(
    fn: Callable[[Progress], Any],
    *,
    on_progress: Callable[[int, int], None],
    on_done: Callable[[Any], None],
    on_error: Callable[[Exception], None],
) -> Progress:
    """Run ``fn(progress)`` in a worker thread; returns the ``Progress`` to cancel it with."""
    progress = Progress(on_progress)

    def finish(result: Any) -> None:
        progress.running = False
        if not progress.cancelled:
            on_done(result)

    def fail(error: Exception) -> None:
        progress.running = False
        if not progress.cancelled:
            on_error(error)

    run_in_background(lambda: fn(progress), on_done=finish, on_error=fail)
    return progress
