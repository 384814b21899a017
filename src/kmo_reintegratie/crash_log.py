"""A log per window session, so a native crash is not silent.

A crash in Qt's C++ code ends the process without any Python exception: no
crash dialog, nothing on screen. ``faulthandler`` still writes the Python stack
of every thread to a file when the process dies by a fatal signal. Each session
writes to its own file (several windows may run at once), named after its
process id; a clean exit removes it. A file whose process no longer runs is the
trace of a session that ended unexpectedly, and the next start shows it.

The log holds program frames only (file names, line numbers, function names),
never dossier data.
"""

from __future__ import annotations

import faulthandler
import os
import re
import sys
from datetime import datetime
from pathlib import Path
from typing import IO, NamedTuple

from kmo_reintegratie import __version__, paths
from kmo_reintegratie.private_files import FILE_MODE, private_folder
from kmo_reintegratie.processes import pid_alive

_NAME = re.compile(r"sessie-(\d+)\.log")
_STARTED = re.compile(r"gestart (\d\d-\d\d-\d{4} \d\d:\d\d:\d\d)")
_STARTED_FORMAT = "%d-%m-%Y %H:%M:%S"


class CrashedSession(NamedTuple):  # not a dataclass: this module is read at every start
    log: Path
    started: datetime
    text: str


class SessionLog:
    """The running session's log; :meth:`end` on a clean exit removes it."""

    def __init__(self, path: Path, handle: IO[str]) -> None:
        self.path = path
        self._handle = handle

    @classmethod
    def start(cls, pid: int) -> "SessionLog | None":
        """Enable faulthandler into this session's file; None when it cannot be written."""
        folder = paths.crash_logs_dir()
        path = folder / f"sessie-{pid}.log"
        try:
            private_folder(folder)
            path.unlink(missing_ok=True)  # a file of an older process that had this id
            handle = open(path, "x", encoding="utf-8", opener=_private_opener)  # noqa: SIM115
            handle.write(
                f"KMO Re-integratie {__version__}, gestart {datetime.now():{_STARTED_FORMAT}}\n"
                f"{system_description()}\n\n"
            )
            handle.flush()
        except OSError:
            return None
        faulthandler.enable(file=handle, all_threads=True)
        return cls(path, handle)

    def end(self) -> None:
        faulthandler.disable()
        self._handle.close()
        self.path.unlink(missing_ok=True)


def system_description() -> str:
    """"Python 3.11.7 op Linux 6.1.0 x86_64 (glibc 2.36)": where a session ran, for a bug report.

    Not ``platform.platform()``: on Linux that reads the whole Python binary to name its C
    library, ~10 ms of every start (the session log is begun before the window); the C
    library's version comes from ``os.confstr`` instead. On macOS the Darwin release names the
    system (Darwin 23 is macOS 14).
    """
    python = "Python {}.{}.{}".format(*sys.version_info[:3])
    if sys.platform == "win32":
        version = sys.getwindowsversion()
        machine = os.environ.get("PROCESSOR_ARCHITECTURE", "")
        return f"{python} op Windows {version.major}.{version.minor}.{version.build} {machine}".rstrip()
    system = os.uname()
    text = f"{python} op {system.sysname} {system.release} {system.machine}"
    try:
        libc = os.confstr("CS_GNU_LIBC_VERSION")
    except (ValueError, OSError):  # not glibc (macOS, musl)
        libc = None
    return f"{text} ({libc})" if libc else text


def _private_opener(path: str, flags: int) -> int:
    return os.open(path, flags, FILE_MODE)


def crashed_sessions() -> list[CrashedSession]:
    """Logs of sessions whose process is gone without a clean exit, newest first."""
    folder = paths.crash_logs_dir()
    found: list[CrashedSession] = []
    try:
        candidates = list(folder.iterdir())
    except OSError:
        return []
    for log in candidates:
        match = _NAME.fullmatch(log.name)
        if match is None or pid_alive(int(match.group(1))):
            continue
        try:
            text = log.read_text(encoding="utf-8", errors="replace")
            modified = datetime.fromtimestamp(log.stat().st_mtime)
        except OSError:
            continue
        stamp = _STARTED.search(text)
        started = datetime.strptime(stamp.group(1), _STARTED_FORMAT) if stamp else modified
        found.append(CrashedSession(log, started, text))
    return sorted(found, key=lambda session: session.started, reverse=True)


def forget(sessions: list[CrashedSession]) -> None:
    for session in sessions:
        try:
            session.log.unlink(missing_ok=True)
        except OSError:
            pass
