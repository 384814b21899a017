"""Exports and previews hold personal data: private, and gone when done (issue 11, point 6)."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.documents.table_export import export_table
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui import app
from kmo_reintegratie.ui.background import wait_for_background_jobs
from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog
from kmo_reintegratie.ui.printing import print_document, remove_stale_previews

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def common_umask() -> Iterator[None]:
    """The umask most systems use, under which a plain new file is world-readable (0644)."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.fixture
def temp_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test only."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@posix_only
def test_exported_pdf_csv_and_xlsx_are_private(
    common_umask: None, demo_path: Path, tmp_path: Path
) -> None:
    earlier = tmp_path / "actieplan.pdf"
    earlier.write_bytes(b"an older export, readable by all")
    os.chmod(earlier, 0o644)
    with Dossier.open(demo_path, read_only=True) as dossier:
        [pdf] = DOCUMENTS["actieplan"].export(dossier, earlier, ExportOptions())
        people = DOCUMENTS["contactlog"].export(dossier, tmp_path / "logs", ExportOptions())
    assert mode(pdf) == 0o600 and pdf.read_bytes().startswith(b"%PDF")
    assert people and {mode(p) for p in people} == {0o600}
    for name in ("tabel.csv", "tabel.xlsx"):
        assert mode(export_table(tmp_path / name, ["Naam"], [["Koen"]], sheet_title="T")) == 0o600
    assert not list(tmp_path.rglob(".*.tmp"))


@posix_only
def test_a_saved_copy_of_a_preview_is_private(
    common_umask: None,
    qtbot: QtBot,
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        [pdf] = DOCUMENTS["checklists"].export(dossier, tmp_path / "c.pdf", ExportOptions())
    dialog = PrintPreviewDialog(pdf, "Checklists", "c.pdf")
    qtbot.addWidget(dialog)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(tmp_path / "k"), ""))
    assert mode(dialog.save_copy()) == 0o600


def previews(qtbot: QtBot, parent: QWidget) -> list[PrintPreviewDialog]:
    """The previews of one job (all opened at once, when the document is ready)."""
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(parent.findChildren(PrintPreviewDialog)), timeout=20_000)
    return parent.findChildren(PrintPreviewDialog)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_preview_folder_is_private_and_removed_when_the_preview_closes(
    common_umask: None, qtbot: QtBot, parent: QWidget, demo_path: Path, temp_dir: Path
) -> None:
    print_document(parent, demo_path, "zelfevaluatie")
    [dialog] = previews(qtbot, parent)
    folder = dialog.pdf.parent
    assert folder.parent == temp_dir and folder.name.startswith("kmo-druk-")
    if sys.platform != "win32":
        assert mode(folder) == 0o700 and mode(dialog.pdf) == 0o600
    dialog.close()
    qtbot.waitUntil(lambda: not folder.exists())
    assert list(temp_dir.iterdir()) == []


def test_per_person_previews_keep_their_folder_until_the_last_one_closes(
    qtbot: QtBot, parent: QWidget, demo_path: Path, temp_dir: Path
) -> None:
    print_document(parent, demo_path, "contactlog")
    *first, last = previews(qtbot, parent)
    folder = last.pdf.parent
    assert first and {d.pdf.parent for d in first} == {folder}
    for dialog in first:
        dialog.close()
    qtbot.waitUntil(lambda: len(parent.findChildren(PrintPreviewDialog)) == 1)
    assert last.pdf.exists()
    last.accept()
    qtbot.waitUntil(lambda: not folder.exists())


def test_a_pdf_handed_to_a_reader_outlives_its_preview(
    qtbot: QtBot, parent: QWidget, demo_path: Path, temp_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    handed: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: handed.append(url.toLocalFile()) or True)
    print_document(parent, demo_path, "zelfevaluatie")
    [dialog] = previews(qtbot, parent)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert handed == [str(dialog.pdf)]
    dialog.accept()
    assert Path(handed[0]).exists()  # the reader may still be reading it; removed at next start


def test_a_failed_print_job_leaves_no_folder(
    qtbot: QtBot,
    parent: QWidget,
    dossier_path: Path,
    temp_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    print_document(parent, dossier_path, "zelfevaluatie")  # no self-assessment yet
    wait_for_background_jobs()
    qtbot.waitUntil(lambda: bool(shown), timeout=20_000)
    assert "nog geen zelfevaluatie" in shown[0]
    assert list(temp_dir.iterdir()) == []


def finished_process_id() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_previews_left_by_a_crash_are_removed_at_the_next_start(temp_dir: Path) -> None:
    def folder(name: str, age_hours: float = 0) -> Path:
        path = temp_dir / name
        path.mkdir()
        (path / "zelfevaluatie.pdf").write_bytes(b"%PDF personal data")
        then = time.time() - age_hours * 3600
        os.utime(path, (then, then))
        return path

    crashed = folder(f"kmo-druk-{finished_process_id()}-ab12")
    old_version = folder("kmo-druk-x1y2z3", age_hours=2)
    still_open = folder(f"kmo-druk-{os.getpid()}-cd34", age_hours=2)
    just_made = folder("kmo-druk-q9r8s7")
    other = folder("iets-anders", age_hours=48)
    (temp_dir / "kmo-druk-bestand").write_text("geen map", encoding="utf-8")

    expected = 1 if sys.platform == "win32" else 2  # Windows cannot ask for the process
    assert remove_stale_previews() == expected
    assert not old_version.exists()
    assert crashed.exists() == (sys.platform == "win32")
    assert still_open.exists() and just_made.exists() and other.exists()
    assert (temp_dir / "kmo-druk-bestand").exists()


def test_removing_stale_previews_never_raises(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "bestaat-niet"))
    assert remove_stale_previews() == 0


def test_check_startup_leaves_no_scratch_settings_behind(
    qtbot: QtBot, demo_path: Path, temp_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app.check_startup(demo_path) == 0
    assert capsys.readouterr().out.strip().endswith(" ms")
    assert list(temp_dir.glob("kmo-check-*")) == []


def test_check_startup_removes_its_settings_also_when_it_fails(
    qtbot: QtBot, demo_path: Path, temp_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_app: object, _started: float, dossier: Dossier, _settings: object) -> int:
        assert list(temp_dir.glob("kmo-check-*"))  # made, and about to be left behind
        dossier.close()
        raise RuntimeError("kapot")

    monkeypatch.setattr(app, "_paint_once", broken)
    with pytest.raises(RuntimeError, match="kapot"):
        app.check_startup(demo_path)
    assert list(temp_dir.glob("kmo-check-*")) == []
