"""Organisation profile validation (the rules behind the messages next to fields)."""

from __future__ import annotations

import pytest

from kmo_reintegratie.enterprise_number import EnterpriseNumberError, parse_enterprise_number
from kmo_reintegratie.organisation import ValidationError, clean_field, size_notes


def test_enterprise_number_is_normalised_from_every_common_form() -> None:
    for text in ("0456.789.133", "BE0456789133", "be 0456 789 133", "0456789133"):
        assert clean_field("enterprise_number", text) == "0456789133"


def test_enterprise_number_with_wrong_check_digits_says_so() -> None:
    with pytest.raises(ValidationError, match="controlecijfers"):
        clean_field("enterprise_number", "0456.789.134")


def test_enterprise_number_of_wrong_length_says_how_many_digits() -> None:
    with pytest.raises(ValidationError, match="10 cijfers"):
        clean_field("enterprise_number", "0456.789.13345")


def test_empty_enterprise_number_is_allowed() -> None:
    assert clean_field("enterprise_number", "  ") == ""


@pytest.mark.parametrize("text", ["12a", "-3", "0", "200000", "²", "3²", "٣", "１２", "9" * 5000, "0" * 7])
def test_employee_count_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValidationError):
        clean_field("employee_count", text)


@pytest.mark.parametrize("text", ["²", "366", "9" * 5000, "7 dagen"])
def test_first_contact_days_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValidationError):
        clean_field("contact_first_days", text)


def test_counts_accept_leading_zeros_and_the_limits() -> None:
    assert clean_field("employee_count", "0030") == 30
    assert clean_field("employee_count", "100000") == 100_000
    assert clean_field("contact_first_days", "0") == 0
    assert clean_field("contact_first_days", "365") == 365


def test_a_lone_surrogate_and_nul_are_dropped_from_text() -> None:
    assert clean_field("name", "Bakkerij\ud800 Janssens\x00") == "Bakkerij Janssens"
    assert clean_field("enterprise_number", "0456\ud800.789.133") == "0456789133"


def test_an_invisible_character_in_an_enterprise_number_is_named() -> None:
    with pytest.raises(EnterpriseNumberError, match="'U\\+200B'"):
        parse_enterprise_number("0456\u200b789133")


def test_postal_code_and_email_are_checked() -> None:
    assert clean_field("postal_code", "9000") == "9000"
    with pytest.raises(ValidationError, match="4 cijfers"):
        clean_field("postal_code", "900")
    with pytest.raises(ValidationError, match="e-mailadres"):
        clean_field("email", "jan@")


def test_size_notes_change_at_20_and_50_employees() -> None:
    small = " ".join(size_notes(12))
    medium = " ".join(size_notes(30))
    large = " ".join(size_notes(80))
    assert "Minder dan 20" in small and "Minder dan 50" in small
    assert "20 werknemers of meer" in medium and "Minder dan 50" in medium
    assert "50 werknemers of meer" in large
    assert "te bevestigen" in small


def test_retention_terms_are_edited_in_the_profile(qtbot, demo_path) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QGroupBox, QLabel, QSpinBox

    from kmo_reintegratie.retention import Category
    from kmo_reintegratie.store.dossier import Dossier
    from kmo_reintegratie.store.retention_repo import RetentionRepository
    from kmo_reintegratie.ui.events import DossierEvents
    from kmo_reintegratie.ui.pages.organisation_page import OrganisationPage

    with Dossier.open(demo_path) as dossier:
        events = DossierEvents()
        page = OrganisationPage(dossier, events)
        qtbot.addWidget(page)
        box = page.widget().findChild(QGroupBox, "retentionTerms")
        assert box is not None and box.title() == "Bewaartermijnen" and box.isEnabled()
        spin = box.findChild(QSpinBox, "retention.afwezigheid")
        assert spin.value() == 0 and spin.text() == "standaard (2 jaar)"
        hint = box.findChild(QLabel, "retentionHint.afwezigheid")
        assert "te bevestigen" in hint.text() and "Bron:" in hint.toolTip()
        with qtbot.waitSignal(events.organisation_changed):
            spin.setValue(36)
        box.findChild(QSpinBox, "retention.persoon").setValue(120)
        box.findChild(QSpinBox, "retention.persoon").setValue(0)
    with Dossier.open(demo_path, read_only=True) as dossier:
        assert RetentionRepository(dossier).settings() == {
            Category.ABSENCE: 36, Category.TRAJECTORY: None, Category.PERSON: None}
        page = OrganisationPage(dossier, DossierEvents())
        qtbot.addWidget(page)
        box = page.widget().findChild(QGroupBox, "retentionTerms")
        assert not box.isEnabled()
        assert box.findChild(QSpinBox, "retention.afwezigheid").text() == "36 maanden"
