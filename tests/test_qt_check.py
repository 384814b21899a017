"""The Dutch hint before Qt would abort for a missing X11 library (no Qt started here)."""

from __future__ import annotations

import ctypes.util
import io

import pytest

from kmo_reintegratie import qt_check
from kmo_reintegratie.qt_check import EXIT_MISSING_LIBRARY, check_system_libraries, uses_xcb

X11_DESKTOP = {"DISPLAY": ":0"}


def without(*names: str):
    """A find_library that knows every library except ``names``."""
    return lambda name: None if name in names else f"lib{name}.so"


@pytest.fixture
def nothing_loads(monkeypatch: pytest.MonkeyPatch) -> None:
    # The machine running the tests must not decide the outcome: only find_library does.
    monkeypatch.setattr(qt_check, "_loadable", lambda _soname: False)


def test_missing_xcb_cursor_gives_the_dutch_hint_and_exit_code_3(
    monkeypatch: pytest.MonkeyPatch, nothing_loads: None
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", without("xcb-cursor"))
    stderr = io.StringIO()

    code = check_system_libraries(stderr, X11_DESKTOP, "linux")

    assert code == EXIT_MISSING_LIBRARY == 3
    assert stderr.getvalue().strip() == (
        "KMO Re-integratie kan niet starten: de systeembibliotheek libxcb-cursor0 ontbreekt. "
        "Installeer ze met: sudo apt install libxcb-cursor0 (Debian/Ubuntu) "
        "of sudo dnf install xcb-util-cursor (Fedora)."
    )


def test_several_missing_libraries_are_named_together_with_one_command(
    monkeypatch: pytest.MonkeyPatch, nothing_loads: None
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", without("xcb-icccm", "xcb-keysyms", "xcb-shm"))
    stderr = io.StringIO()

    assert check_system_libraries(stderr, X11_DESKTOP, "linux") == 3

    text = stderr.getvalue()
    assert "de systeembibliotheken libxcb-icccm4, libxcb-keysyms1, libxcb-shm0 ontbreken" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1 libxcb-shm0 (Debian/Ubuntu)" in text
    assert "sudo dnf install xcb-util-wm xcb-util-keysyms libxcb (Fedora)" in text


def test_with_every_library_present_nothing_is_said(
    monkeypatch: pytest.MonkeyPatch, nothing_loads: None
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", without())
    stderr = io.StringIO()

    assert check_system_libraries(stderr, X11_DESKTOP, "linux") == 0
    assert stderr.getvalue() == ""


def test_a_library_the_linker_loads_is_present_even_if_the_search_misses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # find_library relies on ldconfig's cache, which some systems (NixOS, Flatpak) lack.
    monkeypatch.setattr(ctypes.util, "find_library", without("xcb-cursor"))
    monkeypatch.setattr(qt_check, "_loadable", lambda soname: soname == "libxcb-cursor.so.0")
    stderr = io.StringIO()

    assert check_system_libraries(stderr, X11_DESKTOP, "linux") == 0
    assert stderr.getvalue() == ""


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"DISPLAY": ":0"}, "win32"),
        ({"DISPLAY": ":0"}, "darwin"),
        ({}, "linux"),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"DISPLAY": ":0", "QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux"),
    ],
)
def test_no_check_where_qt_will_not_use_xcb(
    monkeypatch: pytest.MonkeyPatch, nothing_loads: None, environ: dict[str, str], platform: str
) -> None:
    monkeypatch.setattr(ctypes.util, "find_library", without("xcb-cursor"))
    stderr = io.StringIO()

    assert check_system_libraries(stderr, environ, platform) == 0
    assert stderr.getvalue() == ""


@pytest.mark.parametrize(
    "environ",
    [
        {"DISPLAY": ":0"},
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb"},
        {"DISPLAY": ":0", "QT_QPA_PLATFORM": "xcb:nograb;wayland"},
        # A Wayland session without a Wayland display: Qt falls back to xcb.
        {"DISPLAY": ":0", "XDG_SESSION_TYPE": "wayland"},
    ],
)
def test_xcb_is_checked_when_qt_will_use_it(environ: dict[str, str]) -> None:
    assert uses_xcb(environ, "linux")


def test_window_start_stops_with_code_3_before_qt(
    monkeypatch: pytest.MonkeyPatch, nothing_loads: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from kmo_reintegratie import __main__
    from kmo_reintegratie.ui import app

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_check.sys, "platform", "linux")
    monkeypatch.setattr(ctypes.util, "find_library", without("xcb-cursor"))
    monkeypatch.setattr(app, "run_gui", lambda _path: pytest.fail("Qt must not start"))

    assert __main__.main([]) == 3
    assert "libxcb-cursor0 ontbreekt" in capsys.readouterr().err


def test_command_line_tools_do_not_check(
    monkeypatch: pytest.MonkeyPatch, nothing_loads: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from kmo_reintegratie import __main__

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qt_check.sys, "platform", "linux")
    monkeypatch.setattr(ctypes.util, "find_library", without("xcb-cursor"))

    with pytest.raises(SystemExit) as stopped:
        __main__.main(["--version"])
    assert stopped.value.code == 0
    assert "ontbreekt" not in capsys.readouterr().err
