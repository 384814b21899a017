"""Before Qt starts on Linux: name a missing X11 system library in Dutch.

Qt's xcb platform plugin needs a few system libraries that PySide6 does not ship and that not
every desktop installs (since Qt 6.5 above all ``libxcb-cursor0``). Without one of them Qt prints
an English message and aborts the process (exit 134) before any window could explain it. This
module looks for those libraries without importing Qt, so the command line can print what to
install and stop with its own exit code instead.

ctypes is imported only where Qt will use xcb: every start passes here, and most need no search.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NamedTuple, TextIO

EXIT_MISSING_LIBRARY = 3


class SystemLibrary(NamedTuple):  # not a dataclass: this module is read at every start
    name: str  # as ctypes.util.find_library takes it
    soname: str  # as the xcb plugin asks the dynamic linker for it
    debian: str  # package on Debian and Ubuntu
    fedora: str  # package on Fedora


# The xcb plugin's own dependencies (ldd on libqxcb.so and libQt6XcbQpa.so of PySide6 6.11)
# apart from libxcb, libX11 and libxkbcommon, which no X11 desktop can run without. The first
# one is the one users actually meet; the others are missing on minimal or server installs.
XCB_LIBRARIES = (
    SystemLibrary("xcb-cursor", "libxcb-cursor.so.0", "libxcb-cursor0", "xcb-util-cursor"),
    SystemLibrary("xcb-icccm", "libxcb-icccm.so.4", "libxcb-icccm4", "xcb-util-wm"),
    SystemLibrary("xcb-keysyms", "libxcb-keysyms.so.1", "libxcb-keysyms1", "xcb-util-keysyms"),
    SystemLibrary("xcb-image", "libxcb-image.so.0", "libxcb-image0", "xcb-util-image"),
    SystemLibrary(
        "xcb-render-util", "libxcb-render-util.so.0", "libxcb-render-util0", "xcb-util-renderutil"
    ),
    SystemLibrary("xcb-util", "libxcb-util.so.1", "libxcb-util1", "xcb-util"),
    SystemLibrary(
        "xkbcommon-x11", "libxkbcommon-x11.so.0", "libxkbcommon-x11-0", "libxkbcommon-x11"
    ),
    SystemLibrary("xcb-xkb", "libxcb-xkb.so.1", "libxcb-xkb1", "libxcb"),
    SystemLibrary("xcb-randr", "libxcb-randr.so.0", "libxcb-randr0", "libxcb"),
    SystemLibrary("xcb-shape", "libxcb-shape.so.0", "libxcb-shape0", "libxcb"),
    SystemLibrary("xcb-shm", "libxcb-shm.so.0", "libxcb-shm0", "libxcb"),
    SystemLibrary("xcb-sync", "libxcb-sync.so.1", "libxcb-sync1", "libxcb"),
    SystemLibrary("xcb-xfixes", "libxcb-xfixes.so.0", "libxcb-xfixes0", "libxcb"),
)

Finder = Callable[[str], "str | None"]


def uses_xcb(environ: Mapping[str, str], platform: str | None = None) -> bool:
    """True when Qt will first try its xcb plugin (and so needs the libraries above)."""
    if not (platform or sys.platform).startswith("linux") or not environ.get("DISPLAY"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        # "xcb", "xcb:option=value" or a fallback list "xcb;wayland": only the first counts.
        first = requested.split(";", 1)[0].split(":", 1)[0].strip()
        return first == "xcb"
    # Unset: in a Wayland session Qt tries Wayland first and falls back to xcb only when no
    # Wayland display answers; a missing xcb library must not stop a start that would work.
    wayland = environ.get("XDG_SESSION_TYPE", "").lower() == "wayland"
    return not (wayland and environ.get("WAYLAND_DISPLAY"))


def missing_xcb_libraries(
    find: Finder | None = None, loadable: Callable[[str], bool] | None = None
) -> list[SystemLibrary]:
    """The libraries of XCB_LIBRARIES that neither the dynamic linker nor a search can find."""
    import ctypes.util

    find = find or ctypes.util.find_library
    loadable = loadable or _loadable
    # Missing only when every way fails: refusing a start that Qt would have managed is worse
    # than Qt's own abort. Loading by soname is what Qt does and takes microseconds; the search
    # (ldconfig, a subprocess) only runs for a library that could not be loaded.
    return [lib for lib in XCB_LIBRARIES if not loadable(lib.soname) and find(lib.name) is None]


def missing_library_text(missing: list[SystemLibrary]) -> str:
    """One Dutch paragraph: what is missing and the command that installs it."""
    debian = " ".join(dict.fromkeys(lib.debian for lib in missing))
    fedora = " ".join(dict.fromkeys(lib.fedora for lib in missing))
    if len(missing) == 1:
        what = f"de systeembibliotheek {missing[0].debian} ontbreekt"
    else:
        what = f"de systeembibliotheken {', '.join(lib.debian for lib in missing)} ontbreken"
    return (
        f"KMO Re-integratie kan niet starten: {what}. "
        f"Installeer ze met: sudo apt install {debian} (Debian/Ubuntu) "
        f"of sudo dnf install {fedora} (Fedora)."
    )


def check_system_libraries(
    stderr: TextIO | None = None,
    environ: Mapping[str, str] | None = None,
    platform: str | None = None,
    find: Finder | None = None,
    loadable: Callable[[str], bool] | None = None,
) -> int:
    """0 when the window may start; otherwise print a Dutch hint and return EXIT_MISSING_LIBRARY.

    Call it before the first QApplication; it never imports Qt.
    """
    if not uses_xcb(os.environ if environ is None else environ, platform):
        return 0
    missing = missing_xcb_libraries(find, loadable)
    if not missing:
        return 0
    print(missing_library_text(missing), file=stderr or sys.stderr)
    return EXIT_MISSING_LIBRARY


def _loadable(soname: str) -> bool:
    import ctypes

    if any((folder / soname).exists() for folder in _bundled_folders()):
        return True
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def _bundled_folders() -> list[Path]:
    """Where a frozen build may keep its own copies; Qt finds them there through its rpath."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    package = Path(next(iter(spec.submodule_search_locations)))
    return [package / "Qt" / "lib", package.parent]
