"""KMO Re-integratie: offline re-integratiebeleid voor KMO's."""

from __future__ import annotations

import os
import sys
from pathlib import Path

DISTRIBUTION = "kmo-reintegratie"
_DIST_INFO_PREFIX = "kmo_reintegratie-"


def _version() -> str:
    """The version in pyproject.toml, the one place it is written.

    Installed, editable and frozen builds read it from the package metadata (the PyInstaller
    spec bundles it with copy_metadata); a source checkout run with PYTHONPATH=src has no
    metadata and reads pyproject.toml itself.
    """
    found = _metadata_version()
    if found:
        return found
    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        import tomllib

        return str(tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"])
    except (OSError, ValueError, KeyError):
        return "onbekend"


def _metadata_version() -> str | None:
    """``importlib.metadata.version(DISTRIBUTION)`` without importing importlib.metadata.

    That import (email parser, zipfile, csv) costs ~25 ms at every start, a tenth of the time
    to the first window. The same search: the first ``kmo_reintegratie-*.dist-info`` on
    sys.path, its METADATA's ``Version:`` header.
    """
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if not (name.lower().startswith(_DIST_INFO_PREFIX) and name.endswith(".dist-info")):
                continue
            try:
                with open(os.path.join(entry, name, "METADATA"), encoding="utf-8") as handle:
                    for line in handle:
                        if line.startswith("Version:"):
                            return line.partition(":")[2].strip()
                        if not line.strip():
                            break  # end of the headers
            except OSError:
                continue
    return None


__version__ = _version()
