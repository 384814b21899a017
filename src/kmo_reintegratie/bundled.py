"""Access to the files in ``resources/`` that ship inside the package.

``importlib.resources`` finds them in an installed, editable or frozen build;
running straight from a source checkout (``PYTHONPATH=src``) falls back to the
repository's ``resources/`` folder.
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


def bundled(*parts: str) -> Traversable:
    """The shipped resource at ``resources/<parts...>``."""
    try:
        root: Traversable = resources.files("kmo_reintegratie.resources")
    except ModuleNotFoundError:
        root = Path(__file__).resolve().parents[2] / "resources"
    for part in parts:
        root = root / part
    return root


def read_bundled_text(*parts: str) -> str:
    return bundled(*parts).read_text(encoding="utf-8")
