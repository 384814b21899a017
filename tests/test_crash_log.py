"""A session that dies natively leaves a trace; the next start shows it once."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kmo_reintegratie import paths
from kmo_reintegratie.crash_log import SessionLog, crashed_sessions
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.lock import lock_path

CRASHING_SESSION = """
import faulthandler, os, sys
from pathlib import Path
from kmo_reintegratie.crash_log import SessionLog
from kmo_reintegratie.store.dossier import Dossier
dossier = Dossier.open(Path(sys.argv[1]))
SessionLog.start(os.getpid())
faulthandler._sigsegv()  # what a crash inside Qt's C++ code looks like to Python
"""


@pytest.mark.skipif(sys.platform == "win32", reason="SIGSEGV of a child process")
def test_a_native_crash_is_reported_at_the_next_start_and_its_lock_taken_over(
    dossier_path: Path, isolated_home: Path
) -> None:
    process = subprocess.run([sys.executable, "-c", CRASHING_SESSION, str(dossier_path)],
                             capture_output=True, text=True, timeout=60,
                             env={**os.environ, "KMO_REINTEGRATIE_HOME": str(isolated_home)})
    assert process.returncode != 0
    assert lock_path(dossier_path).exists()  # left behind by the crash
    [session] = crashed_sessions()
    assert "Segmentation fault" in session.text
    assert "KMO Re-integratie" in session.text.splitlines()[0]
    with Dossier.open(dossier_path) as dossier:  # our own crashed process: taken over silently
        assert not dossier.read_only


def test_a_clean_session_leaves_no_log(isolated_home: Path) -> None:
    session = SessionLog.start(os.getpid())
    assert session is not None and session.path.exists()
    if sys.platform != "win32":
        assert session.path.stat().st_mode & 0o777 == 0o600
    assert crashed_sessions() == []  # a running session is not a crashed one
    session.end()
    assert list(paths.crash_logs_dir().iterdir()) == []


def test_the_report_is_shown_once_with_the_trace(
    qtbot: QtBot, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QWidget

    from kmo_reintegratie.ui import app
    from kmo_reintegratie.ui.dialogs.crash import CrashDialog

    folder = paths.crash_logs_dir()
    folder.mkdir(parents=True)
    dead = 2**31 - 7  # no process has this id
    (folder / f"sessie-{dead}.log").write_text(
        "KMO Re-integratie 0.1.0, gestart 05-12-2026 09:12:00\n\nFatal Python error: Segmentation fault\n",
        encoding="utf-8",
    )
    shown: list[tuple[str, str]] = []

    def record(dialog: CrashDialog) -> int:
        shown.append((dialog.windowTitle(), dialog.details.toPlainText()))
        return 0

    monkeypatch.setattr(CrashDialog, "exec", record)
    parent = QWidget()
    qtbot.addWidget(parent)
    app.report_crashed_sessions(parent, crashed_sessions())
    assert shown[0][0] == "KMO Re-integratie werd onverwacht afgesloten"
    assert "Segmentation fault" in shown[0][1]
    assert crashed_sessions() == []


def test_an_unexpected_exception_opens_the_crash_dialog_with_its_details(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kmo_reintegratie.ui.dialogs.crash import CrashDialog
    from kmo_reintegratie.ui.excepthook import install_excepthook

    shown: list[str] = []

    def record(dialog: CrashDialog) -> int:
        shown.append(dialog.details.toPlainText())
        return 0

    monkeypatch.setattr(CrashDialog, "exec", record)
    monkeypatch.setattr(sys, "excepthook", lambda *_details: None)  # Python's own output
    install_excepthook()
    try:
        raise ValueError("een fout in het programma")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert len(shown) == 1
    assert "ValueError: een fout in het programma" in shown[0]
    assert f"Python {sys.version_info.major}.{sys.version_info.minor}." in shown[0]
