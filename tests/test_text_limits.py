"""Every text field has a length limit, the same in the window and in the domain checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from kmo_reintegratie.organisation import Role, ValidationError, clean_field
from kmo_reintegratie.staff_import import _read_row
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.text_limits import EMAIL, FREE_TEXT, NAME, PHONE, check_length, limit_for
from kmo_reintegratie.trajectory import MotivatedReport, PlanVersion, check_plan_texts, check_report_texts
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage
from kmo_reintegratie.ui.widgets.bound_field import BoundField


@pytest.mark.parametrize(
    ("field", "limit"),
    [("email", EMAIL), ("phone", PHONE), ("name", NAME), ("function", NAME), ("address", 500),
     ("enterprise_number", 20), ("anything else", FREE_TEXT)],
)
def test_limits_per_field(field: str, limit: int) -> None:
    assert limit_for(field) == limit
    assert check_length(field, "a" * limit) == "a" * limit
    with pytest.raises(ValidationError, match=r"te lang \(maximaal [\d.]+ tekens\)"):
        check_length(field, "a" * (limit + 1))


def test_the_organisation_domain_refuses_a_5000_character_email_and_phone() -> None:
    with pytest.raises(ValidationError, match="te lang"):
        clean_field("email", "x" * 4_990 + "@example.be")
    with pytest.raises(ValidationError, match="te lang"):
        clean_field("phone", "0" * 5_000)
    assert clean_field("email", "an@example.be") == "an@example.be"


def test_staff_import_refuses_too_long_names_and_fields() -> None:
    _values, errors = _read_row(("x" * 300, "y" * 300), [("name", 0), ("email", 1)], False,
                                date(2026, 1, 1))
    assert len(errors) == 2 and all("te lang" in e for e in errors)


def test_plan_and_report_texts_have_limits() -> None:
    plan = PlanVersion(0, 1, 1, date(2026, 1, 1), adapted_work="x" * (FREE_TEXT + 1))
    assert check_plan_texts(plan) and not check_plan_texts(PlanVersion(0, 1, 1, date(2026, 1, 1)))
    report = MotivatedReport(0, 1, date(2026, 1, 1), disability_accommodation="x" * (FREE_TEXT + 1))
    assert check_report_texts(report)


def test_organisation_page_fields_have_max_lengths(qtbot: QtBot, dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        page = OrganisationPage(dossier, DossierEvents())
        qtbot.addWidget(page)
        email = page.findChild(QLineEdit, f"{Role.HR_CONTACT.value}.email")
        phone = page.findChild(QLineEdit, f"{Role.HR_CONTACT.value}.phone")
        name = page.findChild(QLineEdit, "name")
        assert (email.maxLength(), phone.maxLength(), name.maxLength()) == (EMAIL, PHONE, NAME)
        email.setText("x" * 5_027)  # a paste is cut at the limit
        assert len(email.text()) == EMAIL


def test_a_plain_text_field_refuses_more_than_free_text(qtbot: QtBot) -> None:
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    stored: list[str] = []
    bound = BoundField(editor, lambda text: stored.append(text) or None)
    editor.setPlainText("x" * (FREE_TEXT + 1))
    assert bound.commit() is False and "te lang" in bound.error and not stored
    editor.setPlainText("x" * FREE_TEXT)
    assert bound.commit() is True and len(stored) == 1
