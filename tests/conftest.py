"""Shared fixtures: every test gets its own folders; no global dossier, no shared window."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Settings and default dossiers live below tmp_path, never in the real home."""
    home = tmp_path / "home"
    monkeypatch.setenv("KMO_REINTEGRATIE_HOME", str(home))
    return home


@pytest.fixture
def dossier_path(tmp_path: Path) -> Path:
    from kmo_reintegratie.store.dossier import Dossier

    path = tmp_path / "Testbedrijf.kmo"
    Dossier.create(path).close()
    return path


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo dossier, written once per run (half a second each time otherwise)."""
    from kmo_reintegratie.demo import write_demo

    return write_demo(tmp_path_factory.mktemp("demo-template") / "demo.kmo")


@pytest.fixture
def demo_path(tmp_path: Path, demo_template: Path) -> Path:
    """A fresh copy of the demo dossier: each test may change its own."""
    path = tmp_path / "demo.kmo"
    shutil.copyfile(demo_template, path)
    return path
