"""Render the real window offscreen to PNG files, for the README and for review.

Usage: python scripts/screenshot.py [OUTPUT_DIR]   (default: docs/)
Writes one PNG per navigation area, from a fresh demo dossier.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings  # noqa: E402

from kmo_reintegratie.demo import write_demo  # noqa: E402
from kmo_reintegratie.store.dossier import Dossier  # noqa: E402
from kmo_reintegratie.ui.app import make_application  # noqa: E402
from kmo_reintegratie.ui.main_window import MainWindow  # noqa: E402


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "docs"
    out.mkdir(parents=True, exist_ok=True)
    app = make_application()
    scratch = Path(tempfile.mkdtemp(prefix="kmo-shot-"))
    dossier = Dossier.open(write_demo(scratch / "Ter Linde.kmo"))
    window = MainWindow(QSettings(str(scratch / "s.ini"), QSettings.Format.IniFormat), dossier)
    window.resize(1200, 800)
    window.show()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        app.processEvents()
        page = window.current_page()
        deadline = time.monotonic() + 20
        # Analyse computes in a worker thread; photograph the figures, not "Berekenen…".
        while getattr(page, "is_busy", lambda: False)() and time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.02)
        app.processEvents()
        name = window.nav.item(row).text().lower().replace(" ", "-")
        target = out / f"screenshot-{name}.png"
        window.grab().save(str(target))
        print(target)
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
