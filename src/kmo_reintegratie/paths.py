"""Where the program keeps its files.

One place decides every location so that tests and portable use can move all of
them with ``KMO_REINTEGRATIE_HOME`` (or ``--data-dir``). Nothing is created at
import time; callers create a folder when they are about to write into it.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "KMO Re-integratie"
APP_SLUG = "kmo-reintegratie"
DOSSIER_SUFFIX = ".kmo"
HOME_ENV = "KMO_REINTEGRATIE_HOME"


def _override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value) if value else None


def _platformdirs():  # type: ignore[no-untyped-def]
    # Imported when a location is first asked, not with this module (every start imports it).
    import platformdirs

    return platformdirs


def set_home(path: Path) -> None:
    """Make every location live below ``path`` (used by ``--data-dir``)."""
    os.environ[HOME_ENV] = str(path)


def documents_dir() -> Path:
    """Folder where new dossiers are proposed; the user's documents by default."""
    home = _override()
    if home is not None:
        return home / "Dossiers"
    return Path(_platformdirs().user_documents_dir()) / APP_NAME


def config_dir() -> Path:
    """Per-user settings: window geometry, recent dossiers."""
    home = _override()
    if home is not None:
        return home / "config"
    return Path(_platformdirs().user_config_dir(APP_SLUG, appauthor=False))


def data_dir() -> Path:
    """Per-user data folder: backups, the logs of sessions that ended in a crash."""
    home = _override()
    if home is not None:
        return home / "gegevens"
    return Path(_platformdirs().user_data_dir(APP_SLUG, appauthor=False))


def crash_logs_dir() -> Path:
    return data_dir() / "sessies"


def backups_dir() -> Path:
    """Per-user data folder of the daily backups, one sub-folder per dossier."""
    home = _override()
    if home is not None:
        return home / "reservekopieen"
    return Path(_platformdirs().user_data_dir(APP_SLUG, appauthor=False)) / "reservekopieen"


def settings_file() -> Path:
    return config_dir() / "instellingen.ini"


def default_dossier() -> Path:
    """The dossier opened when the program starts without a choice to make."""
    return documents_dir() / f"Mijn organisatie{DOSSIER_SUFFIX}"
