"""The command line, exercised through the installed ``kmo-reintegratie`` entry point."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from kmo_reintegratie import __version__
from kmo_reintegratie.store.dossier import Dossier


def entry_point() -> str:
    beside_python = Path(sys.executable).parent / "kmo-reintegratie"
    found = str(beside_python) if beside_python.exists() else shutil.which("kmo-reintegratie")
    assert found, "kmo-reintegratie is not installed; run the README's install command"
    return found


def run(*args: str, home: Path, temp: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KMO_REINTEGRATIE_HOME": str(home)}
    if temp is not None:
        env.update(TMPDIR=str(temp), TEMP=str(temp), TMP=str(temp))
    return subprocess.run(
        [entry_point(), *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )


def test_version(isolated_home: Path) -> None:
    result = run("--version", home=isolated_home)
    assert result.returncode == 0
    assert __version__ in result.stdout


def test_demo_writes_a_dossier_that_opens(tmp_path: Path, isolated_home: Path) -> None:
    target = tmp_path / "demo.kmo"
    result = run("demo", str(target), home=isolated_home)
    assert result.returncode == 0, result.stderr
    with Dossier.open(target) as dossier:
        organisation = dossier.organisation.get()
    assert organisation.name == "Woonzorgcentrum Ter Linde vzw"
    assert organisation.enterprise_number == "0456789133"


def test_demo_refuses_to_overwrite(tmp_path: Path, isolated_home: Path) -> None:
    target = tmp_path / "demo.kmo"
    target.write_text("iets belangrijks", encoding="utf-8")
    result = run("demo", str(target), home=isolated_home)
    assert result.returncode != 0
    assert "bestaat al" in result.stderr
    assert target.read_text(encoding="utf-8") == "iets belangrijks"


def many_rows(path: Path) -> Path:
    """A dossier made quickly with many rows: 300 people, each absent since a recent day."""
    with Dossier.create(path) as dossier, dossier.writing():
        for number in range(300):
            employee = dossier.employees.add(f"Werknemer {number:03d}",
                                             department=f"Afdeling {number % 7}")
            dossier.absences.add(employee.id, date.today() - timedelta(days=number % 90 + 1))
    return path


def new_dossier(path: Path) -> Path:
    Dossier.create(path).close()
    return path


def everything_under(folder: Path) -> dict[Path, tuple[int, int] | None]:
    """Every file (size, modification time) and folder below ``folder``."""
    return {path: (path.stat().st_size, path.stat().st_mtime_ns) if path.is_file() else None
            for path in folder.rglob("*")}


@pytest.mark.parametrize("kind", ["nieuw", "demo", "veel rijen"])
def test_check_startup_paints_every_dossier_and_leaves_nothing_behind(
    kind: str, tmp_path: Path, demo_path: Path, isolated_home: Path
) -> None:
    dossier = {"nieuw": lambda: new_dossier(tmp_path / "Nieuw.kmo"), "demo": lambda: demo_path,
               "veel rijen": lambda: many_rows(tmp_path / "Groot.kmo")}[kind]()
    temp = tmp_path / "tijdelijk"
    temp.mkdir()
    before = everything_under(tmp_path)

    result = run("--check-startup", str(dossier), home=isolated_home, temp=temp)

    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"[1-9][0-9]* ms", result.stdout.strip()), result.stdout
    # No lock, no backup copy, no settings, no scratch folder; the dossier as it was.
    assert everything_under(tmp_path) == before


def test_check_startup_on_a_bad_file_fails_with_dutch_message(tmp_path: Path, isolated_home: Path) -> None:
    bad = tmp_path / "slecht.kmo"
    bad.write_text("hallo", encoding="utf-8")
    result = run("--check-startup", str(bad), home=isolated_home)
    assert result.returncode != 0
    assert "geen KMO Re-integratie-dossier" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_unknown_document_lists_known_ones(demo_path: Path, tmp_path: Path, isolated_home: Path) -> None:
    result = run("export", str(demo_path), "bestaatniet", "-o", str(tmp_path / "x.pdf"), home=isolated_home)
    assert result.returncode != 0
    assert "onbekend document" in result.stderr
    assert "checklists" in result.stderr


def test_export_into_a_path_through_a_file_says_why_in_dutch(
    demo_path: Path, tmp_path: Path, isolated_home: Path
) -> None:
    blocker = tmp_path / "geen-map"
    blocker.write_text("een bestand, geen map")
    result = run("export", str(demo_path), "plan", "-o", str(blocker / "plannen"), home=isolated_home)
    assert result.returncode != 0
    assert "een deel van het pad is een bestand, geen map" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [["export"], ["demo"]])
def test_missing_arguments_give_usage_not_traceback(args: list[str], isolated_home: Path) -> None:
    result = run(*args, home=isolated_home)
    assert result.returncode == 2
    assert "gebruik" in result.stderr.lower() and "Traceback" not in result.stderr


def test_export_contactlog_writes_one_pdf_per_absence(demo_path: Path, tmp_path: Path, isolated_home: Path) -> None:
    out = tmp_path / "contactlogs"
    result = run("export", str(demo_path), "contactlog", "-o", str(out), "--employee", "koen", home=isolated_home)
    assert result.returncode == 0, result.stderr
    written = sorted(out.glob("*.pdf"))
    assert written and all("Koen" in p.name for p in written)


def test_export_of_the_checklists_into_a_folder_uses_a_default_name(
        demo_path: Path, tmp_path: Path, isolated_home: Path) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    result = run("export", str(demo_path), "checklists", "-o", str(folder), home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert [p.name for p in folder.iterdir()] == ["checklists.pdf"]


def test_an_export_is_in_the_logbook_with_the_person_not_the_content(
        demo_path: Path, tmp_path: Path, isolated_home: Path) -> None:
    from kmo_reintegratie.store import audit
    from kmo_reintegratie.store.dossier import Dossier

    result = run("export", str(demo_path), "contactlog", "-o", str(tmp_path / "uit"),
                 "--employee", "Koen Verhaegen", home=isolated_home)
    assert result.returncode == 0, result.stderr
    with Dossier.open(demo_path, read_only=True) as dossier:
        koen = next(e.id for e in dossier.employees.list() if e.name == "Koen Verhaegen")
        [entry] = audit.entries(dossier, koen, limit=1)
    assert (entry.action, entry.employee_id, entry.detail) == ("exported", koen, "Contactlog")


def test_demo_groot_writes_the_large_dossier(tmp_path: Path, isolated_home: Path) -> None:
    import sqlite3

    path = tmp_path / "groot.kmo"
    result = run("demo", str(path), "--groot", home=isolated_home)
    assert result.returncode == 0, result.stderr
    assert "Groot demodossier geschreven" in result.stdout
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT count(*) FROM employee").fetchone()[0] == 2000
        assert conn.execute("SELECT count(*) FROM absence").fetchone()[0] == 50_000
    finally:
        conn.close()
