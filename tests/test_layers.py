"""The layers stay visible: Qt only in ui/, SQL only in store/."""

from __future__ import annotations

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "kmo_reintegratie"
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)", re.MULTILINE)
SQL_USE = re.compile(r"^\s*(from|import)\s+(sqlite3|sqlite_utils)|\.execute\(", re.MULTILINE)


def python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_nothing_outside_ui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in python_files(PACKAGE)
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and QT_IMPORT.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_sql_lives_only_in_store() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in python_files(PACKAGE)
        if path.relative_to(PACKAGE).parts[0] != "store" and SQL_USE.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_readme_test_command_is_what_ci_runs() -> None:
    root = PACKAGE.parents[1]
    readme = (root / "README.md").read_text("utf-8")
    ci = (root / ".ci" / "run").read_text("utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line and not line.startswith("#"))
    assert command.strip() in readme


def test_every_package_is_listed_for_the_wheel() -> None:
    import tomllib

    root = PACKAGE.parents[1]
    listed = set(tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["packages"])
    found = {
        ".".join(("kmo_reintegratie", *init.parent.relative_to(PACKAGE).parts)).rstrip(".")
        for init in PACKAGE.rglob("__init__.py")
    }
    assert found <= listed
