"""Spare the program's start PySide6's reading of every module imported after it.

PySide6 lets a module choose ``from __feature__ import snake_case, true_property``. To
know which modules might, it reads the source of every module imported after
``PySide6.QtCore`` (``inspect.getsource``, the whole file) and looks for "PySide6" in it:
some 100 modules at this program's start, ~12 ms. No module of this program chooses a
feature, so the answer is known without reading: the ``ui`` package uses PySide6, the layers
below it do not. Reading or not, every module ends up without a feature.

This replaces a function of PySide6's internal ``shibokensupport.feature`` module; where that
module differs, nothing is replaced and PySide6 reads the sources as before.
"""

from __future__ import annotations

import sys
from types import ModuleType

#: Modules whose names start so use PySide6 (they import it); no other module does.
USES_PYSIDE = ("kmo_reintegratie.ui", "PySide6", "shiboken6")


def skip_feature_scan() -> bool:
    """Answer PySide6's question by module name from now on; False where PySide6 differs."""
    import PySide6.QtCore  # noqa: F401 - the scan is set up by this import

    feature = sys.modules.get("shibokensupport.feature")
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False
    feature._mod_uses_pyside = _uses_pyside  # type: ignore[union-attr]
    return True


def _uses_pyside(module: ModuleType) -> bool:
    return str(getattr(module, "__name__", "")).startswith(USES_PYSIDE)
