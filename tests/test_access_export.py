"""The access export (GDPR art. 15): everything about one person, nothing about anyone else.

Read as the person would: the JSON file parsed, the PDF's extracted text and a rendered page.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
import subprocess
from datetime import date, timedelta
from pathlib import Path

import pytest

from kmo_reintegratie.documents.access_export import SECTIONS
from kmo_reintegratie.documents.registry import EXPORTS, ExportOptions
from kmo_reintegratie.force_majeure import ForceMajeureCheck
from kmo_reintegratie.preventive_request import PreventiveRequest
from kmo_reintegratie.store import audit
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.person_export import (
    AUDIT_TABLE,
    NOT_PERSONAL,
    PERSON_TABLES,
    schema_columns,
    schema_tables,
)
from pdf_text import flat, page_texts

KOEN = "Koen Verhaegen"
#: Demo people who are or were absent and whom Koen's own records never name.
OTHERS = ("Ahmed Benali", "Els Wuyts", "Tom Maes", "Greet Van Hoof", "Nathalie Claeys")
COVERED = {link.table for link in PERSON_TABLES} | {AUDIT_TABLE}


def export(dossier_path: Path, out: Path, **options: object) -> list[Path]:
    with Dossier.open(dossier_path, read_only=True) as dossier:  # as the command line does
        options_ = ExportOptions(**options)  # type: ignore[arg-type]
        return EXPORTS["inzage"].export(dossier, out, options_)


def pdf_text(path: Path) -> str:
    return flat(" ".join(page_texts(path)))


@pytest.fixture
def koen_filled(demo_path: Path) -> Path:
    """The demo with the kinds of record the demo leaves empty for Koen filled in."""
    with Dossier.open(demo_path) as dossier:
        koen = next(e for e in dossier.employees.list() if e.name == KOEN)
        absence = max(dossier.absences.of_employee(koen.id), key=lambda a: a.starts)
        dossier.absences.add_partial_return(absence.id, absence.starts + timedelta(days=40),
                                            percentage=50)
        dossier.preventive_requests.save(PreventiveRequest(
            0, koen.id, absence.starts - timedelta(days=20),
            answer="Tilhulp besteld voor kamer 12."))
        dossier.force_majeure.save(ForceMajeureCheck(
            absence.id, frozenset({"aangetekend_werknemer"}), absence.starts + timedelta(days=60)))
    return demo_path


# --------------------------------------------------------------------------- nothing forgotten


def test_every_table_of_the_schema_is_exported_or_named_not_personal(dossier_path: Path) -> None:
    with Dossier.open(dossier_path, read_only=True) as dossier:
        tables = set(schema_tables(dossier))
    assert not COVERED & set(NOT_PERSONAL)
    forgotten = tables - COVERED - set(NOT_PERSONAL)
    assert not forgotten, f"add these tables to store/person_export.py: {sorted(forgotten)}"
    assert COVERED | set(NOT_PERSONAL) <= tables  # no stale names either


def test_every_table_that_points_to_a_person_is_exported(dossier_path: Path) -> None:
    """A new table with a link to a person's records cannot be filed as "not personal"."""
    conn = sqlite3.connect(dossier_path)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        linked = {name for name in names
                  for row in conn.execute(f"PRAGMA foreign_key_list({name})")
                  if row[2] in COVERED}
        person_columns = {name for name in names
                          for row in conn.execute(f"PRAGMA table_info({name})")
                          if row[1] in ("employee_id", "absence_id", "trajectory_id")}
    finally:
        conn.close()
    assert linked | person_columns <= COVERED


def test_every_exported_column_has_a_dutch_label(dossier_path: Path) -> None:
    assert {section.table for section in SECTIONS} == COVERED
    assert len({section.key for section in SECTIONS}) == len(SECTIONS)
    with Dossier.open(dossier_path, read_only=True) as dossier:
        for section in SECTIONS:
            assert set(section.labels) == set(schema_columns(dossier, section.table)), section.table
            assert all(label.strip() for label in section.labels.values())


# --------------------------------------------------------------------------- one person's export


def test_the_export_holds_everything_about_koen_and_nothing_about_other_people(
    koen_filled: Path, tmp_path: Path
) -> None:
    pdf, data_file = export(koen_filled, tmp_path / "uit", employee=KOEN)
    today = date.today().isoformat()
    assert pdf.name == f"inzage-Koen_Verhaegen-{today}.pdf"
    assert data_file.name == f"inzage-Koen_Verhaegen-{today}.json"
    raw = data_file.read_text("utf-8")
    data = json.loads(raw)
    text = pdf_text(pdf)

    with Dossier.open(koen_filled, read_only=True) as dossier:
        people = {e.name: e for e in dossier.employees.list()}
        koen = people[KOEN]
        koen_absences = dossier.absences.of_employee(koen.id)
        contacts = [c for a in koen_absences for c in a.contacts]
        other_notes = [text for name in OTHERS
                       for a in dossier.absences.of_employee(people[name].id)
                       for c in a.contacts for text in (c.summary, c.agreements) if text]
        koen_log = audit.count(dossier, koen.id)

    assert data["export"]["person"] == {"id": koen.id, "name": KOEN}
    assert data["export"]["made_on"] == today and data["export"]["program_version"]
    assert "artikel 15 AVG" in data["export"]["explanation"]
    sections = data["sections"]
    assert set(sections) == {section.key for section in SECTIONS}
    assert sections["employee"]["records"][0]["name"] == KOEN
    assert len(sections["absences"]["records"]) == len(koen_absences) == 4

    # Every contact of every absence, with who made it and the "voor gezien" date.
    assert len(contacts) == 6
    assert len(sections["contact_entries"]["records"]) == len(contacts)
    for contact in contacts:
        assert contact.summary in raw and contact.summary in text
        if contact.signed_on:
            assert contact.signed_on.strftime("%d-%m-%Y") in text
    assert "Voor gezien getekend op" in text and "Marc Van Damme" in text
    assert "Liefst bellen in de voormiddag" in text  # the wishes in the contact agreement
    # Certificates, partial returns, plans, preventive requests, force majeure, the log.
    assert len(sections["certificates"]["records"]) == 4
    assert sections["partial_returns"]["records"][0]["percentage"] == 50
    assert sections["plan_versions"]["records"][0]["schedule"][0]["hours_per_week"] == 18
    assert "Werkhervatting in stappen" in text and "18 uur per week" in text
    assert "Tilhulp besteld voor kamer 12." in text
    assert "Aangetekend verstuurd aan de werknemer" in text
    assert koen_log > 0
    assert len(sections["audit_entries"]["records"]) == koen_log
    assert {e["employee_id"] for e in sections["audit_entries"]["records"]} == {koen.id}

    # Nobody else: not their names, not their notes.
    assert other_notes
    for name in OTHERS:
        assert name not in raw and name not in text, name
    for note in other_notes:
        assert note not in raw and note not in text, note


def test_an_empty_kind_of_record_says_so(demo_path: Path, tmp_path: Path) -> None:
    pdf, data_file = export(demo_path, tmp_path / "uit", employee=KOEN)
    data = json.loads(data_file.read_text("utf-8"))
    assert data["sections"]["motivated_reports"]["records"] == []
    text = pdf_text(pdf)
    assert "Gemotiveerde verslagen Geen gegevens." in text
    assert "Preventieve verzoeken Geen gegevens." in text


def test_the_pdf_renders_a_readable_cover(koen_filled: Path, tmp_path: Path) -> None:
    from PIL import Image

    pdf, _ = export(koen_filled, tmp_path / "uit", employee=KOEN)
    pages = page_texts(pdf)
    cover = flat(pages[0])
    assert "Inzage in uw gegevens" in cover and KOEN in cover
    assert date.today().strftime("%d-%m-%Y") in flat(pages[-1])  # footer: name and date
    assert all(KOEN in flat(page) for page in pages)
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(pdf),
                    str(tmp_path / "p")], check=True)
    for png in sorted(tmp_path.glob("p-*.png")):
        with Image.open(png) as image:
            dark = sum(image.convert("L").histogram()[:128])
        assert dark > 800, png  # text and tables, not a page with only its frame


def test_the_files_are_private_and_in_a_private_folder(demo_path: Path, tmp_path: Path) -> None:
    written = export(demo_path, tmp_path / "nieuw" / "uit", employee="koen verhaegen")
    assert len(written) == 2
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "nieuw" / "uit").stat().st_mode) == 0o700


def test_an_older_export_of_a_former_employee_is_possible(demo_path: Path, tmp_path: Path) -> None:
    pdf, data_file = export(demo_path, tmp_path / "uit", employee="Greet Van Hoof")
    data = json.loads(data_file.read_text("utf-8"))
    assert data["sections"]["employee"]["records"][0]["out_of_service_from"]
    assert len(data["sections"]["motivated_reports"]["records"]) == 1
    assert "Wat werd overwogen" in pdf_text(pdf)
    assert KOEN not in data_file.read_text("utf-8")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (None, "over één persoon"),
        ("Peeters", "past bij 3 werknemers"),
        ("Niemand Bekend", "Geen werknemer gevonden"),
    ],
)
def test_anything_but_one_person_is_refused_in_dutch(
    demo_path: Path, tmp_path: Path, name: str | None, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        export(demo_path, tmp_path / "uit", employee=name)
    assert not (tmp_path / "uit").exists()


# --------------------------------------------------------------------------- command line


def test_the_command_line_writes_both_files(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kmo_reintegratie.__main__ import main

    out = tmp_path / "c16" / "out"
    assert main(["export", str(demo_path), "inzage", "--employee", KOEN, "-o", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    assert sorted(Path(p).suffix for p in printed) == [".json", ".pdf"]
    assert all(Path(p).parent == out and Path(p).exists() for p in printed)

    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = capsys.readouterr().out
    assert "inzage" in help_text and "alles over één persoon als PDF en JSON" in help_text


def test_the_command_line_refuses_an_ambiguous_name(
    demo_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kmo_reintegratie.__main__ import main

    assert main(["export", str(demo_path), "inzage", "--werknemer", "Peeters",
                 "-o", str(tmp_path / "uit")]) != 0
    assert "geef de volledige naam" in capsys.readouterr().err


# --------------------------------------------------------------------------- the window


def test_the_window_asks_a_folder_exports_and_opens_it(
    qtbot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog, QWidget

    from kmo_reintegratie.ui.background import wait_for_background_jobs
    from kmo_reintegratie.ui.dialogs.access_export import export_access

    folder = tmp_path / "gekozen map"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(folder))
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    page = QWidget()
    qtbot.addWidget(page)
    with Dossier.open(demo_path) as dossier:
        koen = next(e for e in dossier.employees.list() if e.name == KOEN)
        before = audit.count(dossier, koen.id)
        job = export_access(page, dossier, koen)
        assert job is not None
        qtbot.waitUntil(lambda: job.message_box is not None, timeout=30_000)
        assert wait_for_background_jobs()
        box = job.message_box
        assert "Inzage-export bewaard in" in box.text() and str(folder) in box.text()
        written = sorted(p.suffix for p in folder.iterdir())
        assert written == [".json", ".pdf"]
        job.open_folder_button.click()
        assert opened == [str(folder)]
        # The export itself is in the person's log: exported, not what.
        [newest] = audit.entries(dossier, koen.id, limit=1)
        assert (newest.action, newest.detail) == ("exported", "inzage-export")
        assert audit.count(dossier, koen.id) == before + 1


def test_the_window_does_nothing_when_no_folder_is_chosen(
    qtbot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QWidget

    from kmo_reintegratie.ui.dialogs.access_export import export_access

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: "")
    page = QWidget()
    qtbot.addWidget(page)
    with Dossier.open(demo_path, read_only=True) as dossier:
        assert export_access(page, dossier, dossier.employees.list()[0]) is None


def test_the_window_says_in_dutch_why_nothing_was_written(
    qtbot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QWidget

    from kmo_reintegratie.ui.background import wait_for_background_jobs
    from kmo_reintegratie.ui.dialogs.access_export import export_access

    not_a_folder = tmp_path / "bestand.txt"
    not_a_folder.write_text("x")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *args, **kwargs: str(not_a_folder))
    page = QWidget()
    qtbot.addWidget(page)
    with Dossier.open(demo_path, read_only=True) as dossier:
        job = export_access(page, dossier, dossier.employees.list()[0])
        assert job is not None
        with qtbot.waitSignal(job.failed, timeout=30_000) as failed:
            pass
        assert wait_for_background_jobs()
    assert "is een bestand" in failed.args[0]
    assert job.message_box is not None and "is een bestand" in job.message_box.text()
