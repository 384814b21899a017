"""Every document prints whatever a dossier holds: an empty dossier, or text far beyond the limits.

An older dossier (or one written before the field limits) may hold a 5,000-character e-mail
address or a 50,000-character note; the documents must wrap, shorten or split it, never fail
with reportlab's LayoutError. A new dossier prints sensible PDFs or refuses in Dutch.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie.documents.analysis_pdf import TOO_LITTLE_DATA
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.organisation import Role
from kmo_reintegratie.store.dossier import Dossier

#: One "word" of 5,000 characters: no space where reportlab could break a line.
LONG_WORD = "x" * 4_990 + "@example.be"
#: Free text of 50,000 characters with ordinary words and a few very long ones.
LONG_TEXT = (("Een gewone zin met woorden. " * 1_000 + "y" * 3_000 + " ") * 3)[:50_000]

# Free-text columns outside the employee and organisation repositories, filled with raw SQL
# as an older version of the program might have left them.
FREE_TEXT_COLUMNS = {
    "assessment_round": ["title"],
    "assessment_comment": ["comment"],
    "assessment_action": ["what", "who", "remarks"],
    "absence": ["note"],
    "contact_agreement": ["contact_name", "employee_wishes"],
    "contact_entry": ["made_by", "summary", "agreements"],
    "document_text": ["text"],
    "trajectory": [
        "decision_conditions",
        "consultation_participants",
        "execution_notes",
        "evaluation_worked",
        "evaluation_better",
        "closing_reason",
    ],
    "plan_version": [
        "workstation_adaptations",
        "adapted_work",
        "other_work",
        "training",
        "refusal_reasons",
    ],
    "motivated_report": ["disability_accommodation"],
    "preventive_request": ["advice", "answer"],
}
# Free text inside the JSON columns, by key.
JSON_COLUMNS = {
    "plan_version": ["adaptations", "schedule", "checklist"],
    "motivated_report": ["considerations"],
}
JSON_TEXT_KEYS = {"description", "changes", "what_may_be_told", "welcome_moment", "mentor",
                  "return_at", "reasons"}


def _long_json(value: object) -> object:
    if isinstance(value, dict):
        return {
            k: (LONG_TEXT[:20_000] if k in JSON_TEXT_KEYS and isinstance(v, str) else _long_json(v))
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_long_json(v) for v in value]
    return value


def _fill_with_long_text(path: Path) -> None:
    with Dossier.open(path) as dossier:
        for employee in dossier.employees.list():
            dossier.employees.update(
                employee.id,
                name=f"{employee.name} {LONG_WORD}",
                staff_number=LONG_WORD,
                function=LONG_WORD,
                department=employee.department + LONG_WORD[:300],
                manager=LONG_WORD,
                phone="0" * 5_000,
                email=LONG_WORD,
                address=LONG_WORD,
            )
        dossier.organisation.update(
            name=LONG_WORD,
            street=LONG_WORD,
            city=LONG_WORD,
            sector=LONG_WORD,
            joint_committee=LONG_WORD,
            contact_by=LONG_WORD,
            contact_frequency_first_month=LONG_TEXT,
            contact_frequency_after=LONG_TEXT,
            contact_procedure=LONG_TEXT,
        )
        for role in Role:
            dossier.organisation.set_role_contact(
                role, name=LONG_WORD, organisation=LONG_WORD, phone="0" * 5_000, email=LONG_WORD
            )
        with dossier.writing() as db:
            # The demo has no preventive request and no force majeure procedure: add one of each.
            first = dossier.employees.list()[0]
            db.execute("INSERT INTO preventive_request (employee_id, requested_on, advice_received_on, "
                       "answered_on) VALUES (:e, '2026-09-01', '2026-09-20', '2026-10-01')",
                       {"e": first.id})
            absence = dossier.absences.all()[0]
            db.execute("INSERT INTO force_majeure_check (absence_id, checklist, notice_sent_on) "
                       "VALUES (:a, '{}', '2026-10-01')", {"a": absence.id})
            for table, columns in FREE_TEXT_COLUMNS.items():
                for column in columns:
                    # Two rows per table: every column is covered and the test stays quick.
                    db.execute(
                        f"UPDATE {table} SET {column} = :text "
                        f"WHERE rowid IN (SELECT rowid FROM {table} ORDER BY rowid LIMIT 2)",
                        {"text": LONG_TEXT},
                    )
            for table, columns in JSON_COLUMNS.items():
                for column in columns:
                    rows = db.execute(f"SELECT id, {column} FROM {table}").fetchall()
                    for row_id, value in rows:
                        if value:
                            db.execute(
                                f"UPDATE {table} SET {column} = :value WHERE id = :id",
                                {"value": json.dumps(_long_json(json.loads(value))), "id": row_id},
                            )


def _pdfs(written: list[Path]) -> list[Path]:
    assert written
    for path in written:
        assert path.read_bytes().startswith(b"%PDF")
    return written


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_prints_text_far_beyond_the_limits(
    name: str, demo_template: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    path = tmp_path_factory.getbasetemp() / "long-text.kmo"
    if not path.exists():  # once for all documents: filling takes a moment
        shutil.copyfile(demo_template, path)
        _fill_with_long_text(path)
    out = tmp_path_factory.mktemp(name)
    with Dossier.open(path, read_only=True) as dossier:
        employee = dossier.employees.list()[0]
        assert employee.email == LONG_WORD and len(employee.phone) == 5_000
        _pdfs(DOCUMENTS[name].export(dossier, out / name, ExportOptions()))


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_every_document_on_an_empty_dossier_prints_or_refuses_in_dutch(
    name: str, dossier_path: Path, tmp_path: Path
) -> None:
    with Dossier.open(dossier_path, read_only=True) as dossier:
        try:
            written = DOCUMENTS[name].export(dossier, tmp_path / name, ExportOptions())
        except ValueError as refusal:
            assert "nog geen" in str(refusal) or "niets af te drukken" in str(refusal)
        else:
            _pdfs(written)


def test_analysis_of_a_new_dossier_says_there_is_nothing_to_analyse(
    dossier_path: Path, tmp_path: Path
) -> None:
    with Dossier.open(dossier_path, read_only=True) as dossier:
        [pdf] = DOCUMENTS["analyse"].export(dossier, tmp_path / "analyse.pdf", ExportOptions())
    pages = pypdf.PdfReader(pdf).pages
    text = " ".join(" ".join(page.extract_text().split()) for page in pages)
    assert len(pages) == 1  # one honest page, not pages of zeros
    assert "geen enkele werknemer in dienst" in text


def test_analysis_of_one_month_prints_its_single_point(demo_path: Path, tmp_path: Path) -> None:
    year = date.today().year
    options = ExportOptions(date_from=f"{year}-03-01", date_to=f"{year}-03-31")
    with Dossier.open(demo_path, read_only=True) as dossier:
        [pdf] = DOCUMENTS["analyse"].export(dossier, tmp_path / "maart.pdf", options)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(pdf).pages)
    assert "Verloop per maand" in text and TOO_LITTLE_DATA in text
