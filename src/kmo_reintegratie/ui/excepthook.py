"""Unexpected exceptions shown in a dialog instead of lost on stderr."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication


def install_excepthook() -> None:
    """Show every unexpected exception in the crash dialog (after Python's own output)."""
    previous = sys.excepthook

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        previous(exc_type, exc, tb)
        if QApplication.instance() is None or issubclass(exc_type, KeyboardInterrupt):
            return
        # The dialog is loaded when it is needed: a session without a bug does not wait for it.
        from kmo_reintegratie.ui.dialogs.crash import CrashDialog, crash_report

        CrashDialog(crash_report(exc_type, exc, tb)).exec()

    sys.excepthook = hook
