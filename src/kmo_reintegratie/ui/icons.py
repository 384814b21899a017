"""Icons shipped in resources/icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from kmo_reintegratie.bundled import bundled

#: The window icon's sizes, rendered from kmo-reintegratie.svg (``packaging/icons.py``; a test
#: checks they still match it). A PNG is read in well under a millisecond; the SVG needs Qt's
#: SVG plugin and library, ~6 ms of every start.
APP_ICON_SIZES = (32, 64, 256)


@cache
def app_icon() -> QIcon:
    icon = QIcon()
    for size in APP_ICON_SIZES:
        pixmap = QPixmap()
        pixmap.loadFromData(bundled("icons", f"kmo-reintegratie-{size}.png").read_bytes(), "PNG")
        icon.addPixmap(pixmap)
    return icon
