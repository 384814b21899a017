"""Contact log and information letter: what a reader finds in the PDFs made from the demo."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pypdf
import pytest
from pdf_text import flat as unbroken

from kmo_reintegratie.__main__ import main
from kmo_reintegratie.absence import Absence
from kmo_reintegratie.documents import exporters_people
from kmo_reintegratie.documents.exporters_people import (
    export_contactlog,
    export_infobrief,
    file_name_part,
)
from kmo_reintegratie.documents.letter_texts import (
    INFO_LETTER_TEXTS,
    SUPPORT_NOT_CONTROL,
    default_text,
)
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.organisation import Role
from kmo_reintegratie.store.dossier import Dossier


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """Each page's text on one line, words the PDF hyphenated joined again."""
    return [unbroken(page.extract_text()) for page in pypdf.PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return " ".join(pdf_pages(path))


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line knows contactlog and infobrief (registered in documents/registry.py)."""
    for name, function in (
        ("contactlog", exporters_people.export_contactlog),
        ("infobrief", exporters_people.export_infobrief),
    ):
        assert name in DOCUMENTS and DOCUMENTS[name].per_person, function.__name__


def koen_absence(dossier: Dossier) -> Absence:
    """Koen's long absence, running today in the demo."""
    koen = next(e for e in dossier.employees.list() if e.name == "Koen Verhaegen")
    return next(a for a in dossier.absences.of_employee(koen.id) if a.is_open(date.today()))


# --------------------------------------------------------------------------- contact log


def test_contactlog_writes_one_pdf_per_absence_with_contacts(
    demo_path: Path, tmp_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        absence = koen_absence(dossier)
        with_contacts = [a for a in dossier.absences.all() if a.contacts]
        written = export_contactlog(dossier, tmp_path / "uit", ExportOptions())
    assert len(written) == len(with_contacts) == 2
    koen_file = tmp_path / "uit" / f"contactlog-Koen_Verhaegen-{absence.starts.isoformat()}.pdf"
    assert koen_file in written
    text = pdf_text(koen_file)
    for contact in absence.contacts:
        assert flat(contact.summary) in text
        assert flat(contact.agreements) in text
        assert contact.at.strftime("%d-%m-%Y") in text
    assert "Liefst bellen in de voormiddag" in text  # the employee's wishes in the agreement
    assert "om de twee weken" in text and "maandelijks" in text
    assert "Voor gezien" in text
    assert "handtekening werknemer" in text.lower()
    assert "Bevat geen medische gegevens" in text
    pages = pdf_pages(koen_file)
    assert f"pagina {len(pages)} van {len(pages)}" in pages[-1]


def test_contactlog_for_one_employee_through_the_command_line(
    demo_path: Path, tmp_path: Path, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "koen"
    code = main(["export", str(demo_path), "contactlog", "-o", str(out), "--employee", "koen"])
    assert code == 0, capsys.readouterr().err
    files = sorted(p.name for p in out.iterdir())
    assert len(files) == 1 and files[0].startswith("contactlog-Koen_Verhaegen-")
    assert str(out / files[0]) in capsys.readouterr().out


def test_unknown_employee_fails_with_a_dutch_message(
    demo_path: Path, tmp_path: Path, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    for document in ("contactlog", "infobrief"):
        code = main(
            [
                "export",
                str(demo_path),
                document,
                "-o",
                str(tmp_path / "x"),
                "--employee",
                "Jan Niemand",
            ]
        )
        error = capsys.readouterr().err
        assert code != 0
        assert "Geen werknemer gevonden met naam 'Jan Niemand'" in error
        assert "Traceback" not in error
    assert not (tmp_path / "x").exists() or not any((tmp_path / "x").iterdir())


def test_output_must_be_a_folder(demo_path: Path, tmp_path: Path) -> None:
    existing = tmp_path / "bestand.pdf"
    existing.write_text("niet overschrijven", encoding="utf-8")
    with (
        Dossier.open(demo_path, read_only=True) as dossier,
        pytest.raises(ValueError, match="geef een map"),
    ):
        export_contactlog(dossier, existing, ExportOptions())
    assert existing.read_text(encoding="utf-8") == "niet overschrijven"


def test_file_names_keep_dutch_letters_and_drop_separators() -> None:
    assert file_name_part("Koen Verhaegen") == "Koen_Verhaegen"
    assert file_name_part("Zoë / Anaïs\\De:Wit?") == "Zoë_Anaïs_De_Wit"
    assert file_name_part("../..") == "naamloos"


# --------------------------------------------------------------------------- information letter


def test_infobrief_tells_the_employee_what_checklist_2_asks(
    demo_path: Path, tmp_path: Path
) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        absence = koen_absence(dossier)
        organisation = dossier.organisation.get()
        written = export_infobrief(dossier, tmp_path, ExportOptions(employee="Koen"))
    assert [p.name for p in written] == [
        f"infobrief-Koen_Verhaegen-{absence.starts.isoformat()}.pdf"
    ]
    text = pdf_text(written[0])
    assert "Beste Koen," in text  # not a mail-merge "Beste Koen Verhaegen,"
    assert "Beste Koen Verhaegen" not in text
    assert (
        "Marc Van Damme, uw leidinggevende, neemt maandelijks telefonisch contact met u op." in text
    )
    for role in (
        Role.ARBEIDSARTS,
        Role.VERTROUWENSPERSOON,
        Role.PREVENTIEADVISEUR_PSYCHOSOCIAAL,
        Role.HR_CONTACT,
    ):
        assert organisation.role(role).name in text
    assert organisation.role(Role.ARBEIDSARTS).phone in text
    assert "ziekenfonds" in text
    assert "aangepast werk" in text
    assert "bezoek voorafgaand aan de werkhervatting" in text
    assert flat(SUPPORT_NOT_CONTROL) in text
    for paragraph in INFO_LETTER_TEXTS:
        assert flat(paragraph.default) in text
    assert "Met vriendelijke groeten" in text


def test_infobrief_uses_the_organisations_own_paragraphs(demo_path: Path, tmp_path: Path) -> None:
    own = "Mail uw attest naar attest@terlinde.example of geef het af aan het onthaal (Lindestraat 14)."
    with Dossier.open(demo_path) as dossier:
        dossier.absences.set_document_text("infobrief.attest", own)
        dossier.absences.set_document_text("infobrief.afsluiting", "")  # left out
    with Dossier.open(demo_path, read_only=True) as dossier:
        [letter] = export_infobrief(dossier, tmp_path, ExportOptions(employee="verhaegen"))
    text = pdf_text(letter)
    assert own in text
    assert flat(default_text("infobrief.attest")) not in text
    assert flat(default_text("infobrief.afsluiting")) not in text
    assert flat(SUPPORT_NOT_CONTROL) in text  # fixed: an edit cannot remove it


def test_infobrief_for_everyone_absent_today(demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path, read_only=True) as dossier:
        absent = {
            e.name
            for e in dossier.employees.list()
            if any(a.is_open(date.today()) for a in dossier.absences.of_employee(e.id))
        }
        written = export_infobrief(dossier, tmp_path, ExportOptions())
    assert absent == {"Koen Verhaegen", "Ahmed Benali", "Els Wuyts", "Tom Maes"}
    assert len(written) == len(absent)
    els = next(p for p in written if "Els_Wuyts" in p.name)
    text = pdf_text(els)
    assert "niet gecontacteerd wilt worden" in text  # her wish, not a call schedule
    assert "neemt contact met u op" not in text
    tom = next(p for p in written if "Tom_Maes" in p.name)
    # No agreement yet: the organisation's contact procedure, with the manager's name.
    assert (
        "Jo Claes, uw leidinggevende, neemt contact met u op binnen ongeveer 7 dagen"
        in pdf_text(tom)
    )
    # Tom's absence follows a work accident: the insurer, not only the ziekenfonds.
    assert "arbeidsongevallenverzekeraar" in pdf_text(tom)
    assert "arbeidsongevallenverzekeraar" not in pdf_text(els)


def test_infobrief_through_the_command_line(
    demo_path: Path, tmp_path: Path, registered: None, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        [
            "export",
            str(demo_path),
            "infobrief",
            "-o",
            str(tmp_path / "brieven"),
            "--werknemer",
            "ahmed",
        ]
    )
    assert code == 0, capsys.readouterr().err
    [letter] = list((tmp_path / "brieven").iterdir())
    assert letter.name.startswith("infobrief-Ahmed_Benali-")
    assert "Jo Claes, uw leidinggevende" in pdf_text(letter)
