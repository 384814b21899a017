"""No export writes over a dossier: not the command line, not a save dialog (issue 11, point 5)."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from kmo_reintegratie.__main__ import main
from kmo_reintegratie.documents.output_guard import OutputRefused
from kmo_reintegratie.documents.table_export import export_table
from kmo_reintegratie.instrument import load_instrument
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.print_preview import PrintPreviewDialog
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.action_plan_page import ActionPlanPage


def export(dossier: Path, document: str, out: Path, *extra: str) -> int:
    return main(["export", str(dossier), document, "-o", str(out), *extra])


def test_export_onto_its_own_dossier_is_refused_and_leaves_it_untouched(
    demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = demo_path.read_bytes()
    assert export(demo_path, "zelfevaluatie", demo_path) == 2
    assert demo_path.read_bytes() == before
    error = capsys.readouterr().err
    assert "demo.kmo is een dossier; kies een andere naam voor de PDF." in error
    assert "Traceback" not in error


def test_a_dossier_is_recognised_by_content_not_by_its_name(
    demo_path: Path, dossier_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    disguised = tmp_path / "x.pdf"
    shutil.copyfile(dossier_path, disguised)
    before = disguised.read_bytes()
    assert export(demo_path, "actieplan", disguised) == 2
    assert disguised.read_bytes() == before
    assert "x.pdf is een dossier" in capsys.readouterr().err


def test_a_dossier_with_the_default_name_in_the_output_folder_is_refused(
    demo_path: Path, dossier_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "uit"
    folder.mkdir()
    shutil.copyfile(dossier_path, folder / "zelfevaluatie.pdf")
    before = (folder / "zelfevaluatie.pdf").read_bytes()
    assert export(demo_path, "zelfevaluatie", folder) == 2
    assert (folder / "zelfevaluatie.pdf").read_bytes() == before


def test_per_person_export_never_writes_over_a_dossier_named_like_a_target(
    demo_path: Path, dossier_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert export(demo_path, "contactlog", tmp_path / "eerst", "--employee", "koen") == 0
    [name] = [p.name for p in (tmp_path / "eerst").iterdir()]
    folder = tmp_path / "uit"
    folder.mkdir()
    shutil.copyfile(dossier_path, folder / name)
    before = (folder / name).read_bytes()
    capsys.readouterr()

    assert export(demo_path, "contactlog", folder, "--employee", "koen") == 2
    assert (folder / name).read_bytes() == before
    assert f"staat een dossier met de naam {name}" in capsys.readouterr().err
    assert export(demo_path, "contactlog", demo_path) == 2  # the dossier as "folder"


def test_an_output_without_extension_becomes_a_pdf(demo_path: Path, tmp_path: Path) -> None:
    assert export(demo_path, "checklists", tmp_path / "lijsten") == 0
    assert (tmp_path / "lijsten.pdf").read_bytes().startswith(b"%PDF")
    assert not (tmp_path / "lijsten").exists()


def test_table_export_refuses_a_dossier_whatever_its_suffix(
    dossier_path: Path, tmp_path: Path
) -> None:
    for name in ("tabel.csv", "tabel.xlsx"):
        target = tmp_path / name
        shutil.copyfile(dossier_path, target)
        with pytest.raises(OutputRefused, match=f"{name} is een dossier"):
            export_table(target, ["a"], [[1]], sheet_title="Blad")
        assert target.read_bytes() == dossier_path.read_bytes()
    assert not list(tmp_path.glob(".*.tmp"))


# --------------------------------------------------------------------------- save dialogs


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, title, text, *_a: shown.append(f"{title}: {text}")
    )
    return shown


def choose(monkeypatch: pytest.MonkeyPatch, path: Path, file_filter: str = "") -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(path), file_filter))


def test_print_preview_does_not_save_over_a_dossier(
    qtbot: QtBot,
    demo_path: Path,
    dossier_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    assert export(demo_path, "checklists", tmp_path / "lijsten.pdf") == 0
    dialog = PrintPreviewDialog(tmp_path / "lijsten.pdf", "Checklists", "lijsten.pdf")
    qtbot.addWidget(dialog)
    archive = tmp_path / "archief.pdf"
    shutil.copyfile(dossier_path, archive)
    before = archive.read_bytes()

    choose(monkeypatch, archive)
    assert dialog.save_copy() is None
    assert archive.read_bytes() == before
    assert warnings and warnings[0].startswith("Niet opgeslagen: archief.pdf is een dossier")
    choose(monkeypatch, tmp_path / "archief")  # typed without extension: the same file
    assert dialog.save_copy() is None and archive.read_bytes() == before

    choose(monkeypatch, tmp_path / "kopie")
    assert dialog.save_copy() == tmp_path / "kopie.pdf"
    assert (tmp_path / "kopie.pdf").read_bytes() == (tmp_path / "lijsten.pdf").read_bytes()


def test_action_plan_export_does_not_write_over_a_dossier(
    qtbot: QtBot,
    demo_path: Path,
    dossier_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    target = tmp_path / "actieplan.xlsx"
    shutil.copyfile(dossier_path, target)
    before = target.read_bytes()
    with Dossier.open(demo_path) as dossier:
        page = ActionPlanPage(dossier, DossierEvents(), load_instrument(), date.today)
        qtbot.addWidget(page)
        choose(monkeypatch, tmp_path / "actieplan", "Excel-werkmap (*.xlsx)")  # typed, no suffix
        page.choose_export()
        page.close()
    assert target.read_bytes() == before
    assert warnings and "actieplan.xlsx is een dossier" in warnings[0]


def test_analysis_export_does_not_write_over_a_dossier(
    qtbot: QtBot,
    dossier_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    from kmo_reintegratie.ui.pages.analysis_page import AnalysisPage

    target = tmp_path / "bradford.csv"
    shutil.copyfile(dossier_path, target)
    before = target.read_bytes()
    dossier = Dossier.open(dossier_path)
    page = AnalysisPage(dossier, DossierEvents(), date.today)
    qtbot.addWidget(page)
    try:
        page.show()
        qtbot.waitUntil(lambda: page.result() is not None and not page.is_busy(), timeout=20_000)
        choose(monkeypatch, target, "CSV, puntkomma-gescheiden (*.csv)")
        page.choose_export("bradford")
    finally:
        page.close_reader()  # its thread holds a connection to the dossier
        dossier.close()
    assert target.read_bytes() == before
    assert warnings and "bradford.csv is een dossier" in warnings[0]
