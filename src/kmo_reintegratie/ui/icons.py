"""Icons shipped in resources/icons."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon, QPixmap

from kmo_reintegratie.bundled import bundled


@cache
def app_icon() -> QIcon:
    pixmap = QPixmap()
    pixmap.loadFromData(bundled("icons", "kmo-reintegratie.svg").read_bytes(), "SVG")
    return QIcon(pixmap)
