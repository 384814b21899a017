"""The program icon in every format the installers need, made from the one SVG at build time.

Qt renders the SVG (the same renderer the program uses for its window icon); Pillow packs
the sizes into a Windows ``.ico`` and a macOS ``.icns``. Pillow writes ICNS on every
platform, so the macOS icon is made and checked the same way on Linux; ``iconutil`` is not
needed.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "kmo-reintegratie.svg"
NAME = "kmo-reintegratie"

PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512, 1024)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Explorer asks for, 256 for large icons
ICNS_SIZES = (16, 32, 64, 128, 256, 512, 1024)  # icp4 … ic10 (1024 is 512@2x)


def render_pngs(out: Path, svg: Path = SVG) -> dict[int, Path]:
    """One PNG per size in PNG_SIZES, rendered from the SVG; returns them by size."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (QPainter needs it)
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg}: geen geldig SVG-bestand")
    out.mkdir(parents=True, exist_ok=True)
    written: dict[int, Path] = {}
    for size in PNG_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"{NAME}-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"kan {path} niet schrijven")
        written[size] = path
    return written


def make_ico(pngs: dict[int, Path], path: Path) -> Path:
    """A Windows icon with every size of ICO_SIZES, each rendered at its own size."""
    from PIL import Image

    images = [Image.open(pngs[size]).convert("RGBA") for size in ICO_SIZES]
    largest = images[-1]
    largest.save(path, format="ICO", sizes=[(s, s) for s in ICO_SIZES],
                 append_images=images[:-1])
    return path


def make_icns(pngs: dict[int, Path], path: Path) -> Path:
    """A macOS icon; Pillow picks each ICNS entry from the sizes appended."""
    from PIL import Image

    images = [Image.open(pngs[size]).convert("RGBA") for size in ICNS_SIZES]
    images[-1].save(path, format="ICNS", append_images=images[:-1])
    return path


def build_icons(out: Path) -> dict[str, Path]:
    """PNGs, ``.ico`` and ``.icns`` in ``out``; returns the paths by kind."""
    pngs = render_pngs(out)
    return {
        "png": pngs[256],
        "ico": make_ico(pngs, out / f"{NAME}.ico"),
        "icns": make_icns(pngs, out / f"{NAME}.icns"),
    }


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "icons"
    for kind, file in build_icons(target).items():
        print(f"{kind}: {file}")
