"""The check before printing: which free texts each document prints, what is flagged, and
the dialog that shows them (issue 14, points 12 and 13)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Channel, ContactRole
from kmo_reintegratie.documents.print_flags import (
    PrintCheck,
    Reason,
    check_before_printing,
    flag_passages,
)
from kmo_reintegratie.documents.printed_texts import (
    DOCUMENT_PRIVACY,
    Audience,
    Passage,
    printed_passages,
)
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.legal import Initiator
from kmo_reintegratie.preventive_request import PreventiveRequest
from kmo_reintegratie.privacy import PersonNames
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    Adaptation,
    AdaptationKind,
    Consideration,
    MotivatedReport,
    PlanVersion,
    ReportGround,
    ReturnChecklist,
    TrajectoryKind,
)
from kmo_reintegratie.ui.dialogs.print_check import PrintCheckDialog, marked_excerpt

TODAY = date(2026, 3, 20)
OPTIONS = ExportOptions()


@pytest.fixture
def dossier(dossier_path: Path) -> Iterator[Dossier]:
    """Koen is absent since March with contacts, a plan, a verslag and a preventive request;
    Lotte is absent without contacts; the round has a comment and an action."""
    dossier = Dossier.open(dossier_path)
    employees = dossier.employees
    koen = employees.add("Koen Verhaegen", department="Zorg – afdeling Linde")
    lotte = employees.add("Lotte De Wilde", department="Keuken")
    absence = dossier.absences.add(koen.id, date(2026, 3, 2))
    dossier.absences.add(lotte.id, date(2026, 3, 9))
    dossier.absences.set_agreement(
        absence.id, date(2026, 3, 2), contact_role=ContactRole.HR,
        employee_wishes="Liefst per e-mail, niet 's morgens.")
    dossier.absences.add_contact(
        absence.id, datetime(2026, 3, 12, 10, 0), made_by="Marc", channel=Channel.TELEFOON,
        summary="Hij vertelt dat het een burn-out is.", agreements="Marc belt over twee weken.")
    trajectory = dossier.trajectories.add(koen.id, TrajectoryKind.INFORMEEL, Initiator.WERKNEMER,
                                          absence_id=absence.id, request_date=date(2026, 3, 15))
    dossier.trajectories.save_plan(PlanVersion(
        0, trajectory.id, 1, date(2026, 3, 16), adapted_work="Halve dagen, geen nachtdiensten.",
        adaptations=(Adaptation(AdaptationKind.WORK_EQUIPMENT, "Een hoog-laagbureau."),),
        checklist=ReturnChecklist(what_may_be_told="Dat hij na een operatie terugkomt.",
                                  mentor="Lotte De Wilde")))
    reasons = "Er is geen andere functie vrij in een organisatie van deze omvang."
    dossier.trajectories.save_report(MotivatedReport(
        0, trajectory.id, date(2026, 3, 18),
        tuple(Consideration(s, True, ReportGround.OBJECTIVE, reasons) for s, _ in REPORT_SUBJECTS),
        disability_accommodation="Geen medicatie op het werk nodig."))
    dossier.preventive_requests.save(PreventiveRequest(
        0, koen.id, date(2026, 1, 5), advice="Geen zware lasten tillen.", answer="Akkoord."))
    round_ = dossier.assessments.create_round("Zelfevaluatie 2026", date(2026, 2, 1))
    dossier.assessments.set_comment(round_.id, "c3.s3.1", "Koen gaf aan dat een vaste collega hielp.")
    dossier.assessments.add_action(round_.id, "c2.s2.1", "Contactpersoon per afdeling aanduiden",
                                   who="Lotte De Wilde", remarks="Vraag het aan de wilde eend.")
    yield dossier
    dossier.close()


def passages(dossier: Dossier, name: str, options: ExportOptions = OPTIONS) -> dict[str, str]:
    return {p.where: p.text for p in printed_passages(dossier, name, options, TODAY)}


def test_every_document_has_an_audience() -> None:
    assert set(DOCUMENT_PRIVACY) == set(DOCUMENTS)
    committee = {n for n, p in DOCUMENT_PRIVACY.items() if p.audience is Audience.COMMITTEE}
    assert {"zelfevaluatie", "actieplan", "jaarverslag"} <= committee
    for personal in ("contactlog", "infobrief", "plan", "verslag"):
        assert DOCUMENT_PRIVACY[personal].audience is Audience.EMPLOYEE
        assert not DOCUMENT_PRIVACY[personal].names_matter  # a document about the person


def test_contact_log_prints_contacts_and_wishes_of_absences_with_contacts(dossier: Dossier) -> None:
    found = passages(dossier, "contactlog")
    assert found == {
        "Afspraak over contact vanaf 02-03-2026 – wensen van de werknemer":
            "Liefst per e-mail, niet 's morgens.",
        "Contact van 12-03-2026 – verslag": "Hij vertelt dat het een burn-out is.",
        "Contact van 12-03-2026 – afspraken": "Marc belt over twee weken.",
    }  # Lotte's absence has no contacts: no contact log, nothing of hers


def test_plan_prints_its_parts_adaptations_and_first_day(dossier: Dossier) -> None:
    found = passages(dossier, "plan")
    assert found["Plan – 2. Aangepast werk"] == "Halve dagen, geen nachtdiensten."
    assert found["Plan – aanpassing: de werkinstrumenten"] == "Een hoog-laagbureau."
    assert found["Eerste werkdag – wat aan het team verteld mag worden"] == (
        "Dat hij na een operatie terugkomt.")
    assert "Plan – 1. Aanpassingen van de werkpost" not in found  # empty texts are not listed
    assert passages(dossier, "plan", ExportOptions(plan_version=7)) == {}  # no such version


def test_verslag_prints_every_motivation(dossier: Dossier) -> None:
    found = passages(dossier, "verslag")
    motivations = [w for w in found if w.startswith("Verslag – motivering")]
    assert len(motivations) == len(REPORT_SUBJECTS)
    assert found["Verslag – redelijke aanpassingen"] == "Geen medicatie op het werk nodig."


def test_preventive_letter_and_info_letter(dossier: Dossier) -> None:
    assert set(passages(dossier, "preventief").values()) == {"Geen zware lasten tillen.", "Akkoord."}
    letter = printed_passages(dossier, "infobrief", OPTIONS, TODAY)
    # Two people absent today: their wishes say whose they are; the shared paragraphs do not.
    wishes = [p for p in letter if "Wensen" in p.where]
    assert [p.where for p in wishes] == ["Koen Verhaegen – Wensen van de werknemer over het contact"]
    assert any(p.where.startswith("Brief – ") for p in letter)


def test_assessment_report_and_action_plan(dossier: Dossier) -> None:
    found = passages(dossier, "zelfevaluatie")
    assert found["Commentaar bij checklist 3, sectie 3.1 (De medewerker in het begin verwelkomen)"] \
        == "Koen gaf aan dat een vaste collega hielp."
    assert "Zelfevaluatie 2026" in found.values()
    plan = printed_passages(dossier, "actieplan", OPTIONS, TODAY)
    assert [(p.where.split(" – ")[-1], p.names_expected) for p in plan] == [
        ("wat", False), ("wie", True), ("opmerkingen", False)]
    assert passages(dossier, "checklists") == {} and passages(dossier, "analyse") == {}


def test_a_name_that_matches_nobody_is_refused_in_dutch(dossier: Dossier) -> None:
    with pytest.raises(ValueError, match="Geen werknemer gevonden"):
        printed_passages(dossier, "contactlog", ExportOptions(employee="Zorro"), TODAY)


def test_medical_words_are_flagged_in_documents_for_the_employee(dossier: Dossier) -> None:
    check = check_before_printing(dossier, "contactlog", OPTIONS, TODAY)
    assert check.asks and check.audience is Audience.EMPLOYEE
    [flagged] = check.flagged
    assert flagged.passage.where == "Contact van 12-03-2026 – verslag"
    assert [(f.word, f.reason) for f in flagged.flags] == [("burn-out", Reason.MEDICAL)]
    # Names are expected in a document about the person: "Marc" is not flagged.
    plan = check_before_printing(dossier, "plan", OPTIONS, TODAY)
    assert [f.word for p in plan.flagged for f in p.flags] == ["operatie"]


def test_names_are_flagged_for_the_committee_but_not_in_the_who_column(dossier: Dossier) -> None:
    check = check_before_printing(dossier, "zelfevaluatie", OPTIONS, TODAY)
    assert check.asks and check.audience is Audience.COMMITTEE
    assert [(p.passage.where.split(" (")[0], [f.word for f in p.flags]) for p in check.flagged] == [
        ("Commentaar bij checklist 3, sectie 3.1", ["Koen"])]
    [flag] = check.flagged[0].flags
    assert flag.reason is Reason.NAME
    # "wilde eend" is no name, "Lotte De Wilde" as the one who acts is expected.
    assert not check_before_printing(dossier, "actieplan", OPTIONS, TODAY).flagged


def test_a_clean_dossier_asks_nothing(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        koen = dossier.employees.add("Koen Verhaegen")
        absence = dossier.absences.add(koen.id, date(2026, 3, 2))
        dossier.absences.add_contact(absence.id, datetime(2026, 3, 12, 10), made_by="HR",
                                     channel=Channel.EMAIL, summary="Koen wil graag bellen.")
        for name in DOCUMENTS:
            try:
                check = check_before_printing(dossier, name, OPTIONS, TODAY)
            except ValueError:
                continue
            assert not check.asks, name


def test_only_documents_that_leave_the_employer_ask() -> None:
    flagged = tuple(flag_passages([Passage("Bradford", "Na een depressie terug.")], None))
    assert PrintCheck("x", Audience.EMPLOYEE, flagged).asks
    assert PrintCheck("x", Audience.COMMITTEE, flagged).asks
    assert not PrintCheck("analyse", Audience.INTERNAL, flagged).asks
    assert not PrintCheck("x", Audience.COMMITTEE).asks


def test_flags_never_overlap_and_keep_text_order() -> None:
    names = PersonNames.from_names(["Iris Hernia"])
    [flagged] = flag_passages([Passage("x", "Iris had een hernia; Hernia belde.")], names)
    assert [(f.word, f.reason) for f in flagged.flags] == [
        ("Iris", Reason.NAME), ("hernia", Reason.MEDICAL), ("Hernia", Reason.MEDICAL)]
    assert flagged.reasons == (Reason.MEDICAL, Reason.NAME)


# --------------------------------------------------------------------------- the dialog


def test_dialog_lists_where_what_and_why(qtbot: QtBot, dossier: Dossier) -> None:
    check = check_before_printing(dossier, "contactlog", OPTIONS, TODAY)
    dialog = PrintCheckDialog(check, "Contactlog")
    qtbot.addWidget(dialog)
    text = dialog.passages.toPlainText()
    assert "Contact van 12-03-2026 – verslag" in text
    assert "Hij vertelt dat het een burn-out is." in text
    assert "Waarom: medisch woord “burn-out”" in text
    assert "voor de werknemer" in dialog.intro.text()
    assert "medische gegevens" in dialog.advice.text()
    assert dialog.cancel_button.isDefault() and not dialog.print_button.isDefault()


def test_enter_and_escape_cancel(qtbot: QtBot, dossier: Dossier) -> None:
    check = check_before_printing(dossier, "zelfevaluatie", OPTIONS, TODAY)
    for key in (Qt.Key.Key_Escape, Qt.Key.Key_Return):
        dialog = PrintCheckDialog(check, "Zelfevaluatie")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.keyClick(dialog, key)
        assert dialog.result() == PrintCheckDialog.DialogCode.Rejected
        assert "naam van een persoon “Koen”" in dialog.passages.toPlainText()


def test_a_long_passage_is_shown_around_its_flagged_words() -> None:
    text = "Een lange zin over het werk. " * 30 + "Daarna volgde een depressie. " + "Meer werk. " * 30
    [flagged] = flag_passages([Passage("Contact", text)], None)
    excerpt = marked_excerpt(flagged)
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert "<b>depressie</b>" in excerpt and len(excerpt) < 400
    assert "werk. Daarna" in excerpt  # cut between words, never inside one
