"""The plan and the verslag as a professional signs them (issue 14, points 3, 4 and 7).

Every check reads the real PDF, page by page: the legal parts hold their own adaptations,
hours have a decimal comma, the signature blocks stay on one page with long texts, the
return checklist is an internal page after the signed ones, an inconsistent draft is
refused, and the verslag says who keeps it and what happens next.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pypdf
import pytest
from pytestqt.qtbot import QtBot

from kmo_reintegratie.absence import Employee, RegimePeriod
from kmo_reintegratie.documents.base import dutch_date
from kmo_reintegratie.documents.plan_pdf import PlanDocument, render_plan
from kmo_reintegratie.documents.report_pdf import ReportDocument, render_report
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.organisation import Organisation
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
    ScheduleStep,
    Trajectory,
    TrajectoryKind,
)
from kmo_reintegratie.trajectory_checks import (
    AFTERCARE,
    EVALUATION,
    SCHEDULE,
    check_plan_dates,
    plan_date_problems,
)

NAME = "Marie-Christine Anne-Sophie Vandenbrouck"  # 40 characters
SENTENCE = (
    "De werknemer werkt de eerste weken enkel in de voormiddag en krijgt een vaste werkplek "
    "dicht bij de ingang, met een in hoogte verstelbaar bureau en een aangepaste stoel. "
)
LONG = (SENTENCE * 5)[:600]
START = date(2027, 1, 4)
ORGANISATION = Organisation(
    name="Woonzorgcentrum Ter Linde en De Vijvers vzw – campus Sint-Gillis-Dendermonde",
    street="Lindestraat 14", postal_code="9200", city="Dendermonde",
)


def page_texts(path: Path) -> list[str]:
    """Each page on one line; a word hyphenated at a line end is whole again."""
    return [
        " ".join(page.extract_text().replace("-\n", "").split())
        for page in pypdf.PdfReader(path).pages
    ]


def employee(name: str = NAME, hours: float = 38) -> Employee:
    return Employee(1, name, function="Hoofdverpleegkundige", regimes=(RegimePeriod(date(2020, 1, 1), hours),))


def trajectory(kind: TrajectoryKind = TrajectoryKind.FORMEEL, decision: Decision = Decision.A) -> Trajectory:
    return Trajectory(
        1, 1, None, kind, Initiator.WERKGEVER, request_date=date(2026, 9, 1),
        request_received=date(2026, 9, 2), assessment_received=date(2026, 10, 1), decision=decision,
        decision_conditions=LONG[:300], consultation_on=date(2026, 10, 20),
    )


def long_plan(**changes: object) -> PlanVersion:
    plan = PlanVersion(
        1, 1, 1, date(2026, 12, 1),
        workstation_adaptations=LONG, adapted_work=LONG, other_work=LONG, training=LONG,
        valid_from=START, valid_until=START + timedelta(days=180),
        adaptations=tuple(
            Adaptation(kind, LONG[:450], kind is AdaptationKind.FUNCTION) for kind in AdaptationKind
        ),
        schedule=(
            ScheduleStep(START, START + timedelta(days=27), percentage=80, changes=LONG[:300]),
            ScheduleStep(START + timedelta(days=28), None, hours_per_week=37.5, changes="Voltijds"),
        ),
        evaluation_moments=(START + timedelta(days=30), START + timedelta(days=90)),
        aftercare_until=START + timedelta(days=365),
        checklist=ReturnChecklist(return_at="04-01-2027 om 8 uur", what_may_be_told=LONG[:300],
                                  mentor="Lotte De Wilde"),
    )
    return replace(plan, **changes)


def render_long_plan(tmp_path: Path, plan: PlanVersion | None = None,
                     kind: TrajectoryKind = TrajectoryKind.FORMEEL) -> list[str]:
    document = PlanDocument(ORGANISATION, employee(), trajectory(kind), plan or long_plan(), 38)
    return page_texts(render_plan(document, tmp_path / "plan.pdf"))


def between(text: str, first: str, second: str) -> str:
    return text[text.index(first) + len(first) : text.index(second)]


# --------------------------------------------------------------------------- plan: contents


def test_adaptations_sit_under_their_legal_part(tmp_path: Path) -> None:
    text = " ".join(render_long_plan(tmp_path))
    workstation = between(text, "1. Aanpassingen van de werkpost", "2. Aangepast werk")
    adapted = between(text, "2. Aangepast werk", "3. Ander werk")
    other = between(text, "3. Ander werk", "4. Opleiding")
    training = between(text, "4. Opleiding", "5. Geldigheidsduur")
    assert "De werkinstrumenten" in workstation and "De organisatie van het werk" in workstation
    for kind in ("De arbeidstijd", "De werkdagen/uren", "De arbeidstaken"):
        assert kind in adapted and kind not in workstation
    assert "Progressieve werkhervatting" in adapted  # the schedule is adapted work's progressivity
    assert "De functie" in other and "De functie" not in workstation
    assert "Specifieke ondersteuning" in training


def test_a_lasting_other_function_needs_a_contract_amendment(tmp_path: Path) -> None:
    text = " ".join(render_long_plan(tmp_path))
    other = between(text, "3. Ander werk", "4. Opleiding")
    assert "De andere functie is blijvend: daarvoor is een wijziging van de arbeidsovereenkomst nodig." in other
    temporary = long_plan(adaptations=(Adaptation(AdaptationKind.FUNCTION, "Onthaal", False),))
    text = " ".join(render_long_plan(tmp_path, temporary))
    assert (
        "Wordt de andere functie blijvend, dan is daarvoor een wijziging van de "
        "arbeidsovereenkomst nodig." in text
    )


def test_hours_have_a_decimal_comma_in_plan_and_verslag(tmp_path: Path) -> None:
    document = PlanDocument(ORGANISATION, employee(hours=37.5), trajectory(), long_plan(), 38)
    plan_text = " ".join(page_texts(render_plan(document, tmp_path / "plan.pdf")))
    assert "30,4 uur" in plan_text and "80 %" in plan_text  # 80 % of 38 hours
    assert "37,5 uur" in plan_text
    assert "30.4" not in plan_text and "37.5" not in plan_text
    report = ReportDocument(ORGANISATION, employee(), trajectory(decision=Decision.B), long_report(), 37.5)
    report_text = " ".join(page_texts(render_report(report, tmp_path / "verslag.pdf")))
    assert "37,5 uur per week" in report_text and "37.5" not in report_text


# --------------------------------------------------------------------------- plan: paper


def test_long_plan_keeps_both_signature_blocks_and_the_receipt_on_one_page(tmp_path: Path) -> None:
    pages = render_long_plan(tmp_path)
    [signed] = [page for page in pages if "Voor de werkgever" in page]
    assert "Ondertekening" in signed and "14 kalenderdagen" in signed
    assert "Ontvangst door de werknemer" in signed and "Ontvangen op" in signed
    assert f"De werknemer – {NAME}" in signed
    assert "niet akkoord — redenen:" in signed and signed.count("Handtekening") == 3


def test_every_page_names_the_person_and_the_plan_date(tmp_path: Path) -> None:
    pages = render_long_plan(tmp_path)
    assert len(pages) >= 4
    for number, page in enumerate(pages, start=1):
        assert f"{NAME} – Plan versie 1, 01-12-2026" in page, number
        assert f"pagina {number} van {len(pages)}" in page


def test_the_return_checklist_is_an_internal_page_after_the_signatures(tmp_path: Path) -> None:
    for kind in TrajectoryKind:
        pages = render_long_plan(tmp_path, kind=kind)
        *signed, internal = pages
        assert internal.startswith(ORGANISATION.name[:20]) or "Intern – niet voor de werknemer" in internal
        assert "Intern – niet voor de werknemer" in internal
        assert "Team geïnformeerd" in internal and "Nog te doen" in internal
        assert "Lotte De Wilde" in internal
        for page in signed:
            assert "Team geïnformeerd" not in page and "Nog te doen" not in page
            assert "Intern – niet voor de werknemer" not in page
        assert "Voor de werkgever" in signed[-1]  # the internal page comes right after


def test_informal_plan_has_no_receipt_term(tmp_path: Path) -> None:
    text = " ".join(render_long_plan(tmp_path, kind=TrajectoryKind.INFORMEEL))
    assert "Ontvangen op" not in text and "14 kalenderdagen" not in text
    assert "Voor de werkgever" in text and "niet akkoord — redenen:" in text


# --------------------------------------------------------------------------- plan: inconsistent dates


def inconsistent() -> PlanVersion:
    """Valid to 3 July 2027; talks in July and December 2027; aftercare only to February."""
    return long_plan(
        valid_until=date(2027, 7, 3),
        evaluation_moments=(date(2027, 2, 3), date(2027, 7, 5), date(2027, 12, 10)),
        aftercare_until=date(2027, 2, 28),
    )


def test_dates_that_contradict_each_other_are_found() -> None:
    problems = plan_date_problems(inconsistent())
    assert [p.field for p in problems] == [AFTERCARE, EVALUATION, EVALUATION]
    assert problems[0].message.startswith(
        "De nazorg eindigt op 28 februari 2027, vóór het einde van het plan (3 juli 2027).")
    assert ("evaluatiegesprek van 10 december 2027 ligt na het einde van het plan (3 juli 2027)"
            in problems[2].message)
    # An evaluation after the plan is aftercare when the aftercare runs that long.
    assert check_plan_dates(replace(inconsistent(), aftercare_until=date(2027, 12, 31))) == []
    steps = (ScheduleStep(START - timedelta(days=3), START + timedelta(days=10), hours_per_week=19),
             ScheduleStep(START + timedelta(days=11), date(2027, 8, 1), hours_per_week=38))
    found = plan_date_problems(long_plan(valid_until=date(2027, 7, 3), schedule=steps))
    assert [p.field for p in found] == [SCHEDULE, SCHEDULE]
    assert "vóór de start van het plan" in found[0].message and "na het einde van het plan" in found[1].message
    assert check_plan_dates(long_plan(valid_until=None)) == []  # check_plan reports that


def test_an_inconsistent_draft_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError) as refused:
        render_long_plan(tmp_path, inconsistent())
    message = str(refused.value)
    assert f"De data in het plan van {NAME} (versie 1) kloppen niet" in message
    assert "10 december 2027" in message and "Verbeter het plan vóór u het afdrukt." in message
    assert not (tmp_path / "plan.pdf").exists()


def test_a_version_already_handed_over_prints_with_the_warning_on_the_internal_page(tmp_path: Path) -> None:
    *signed, internal = render_long_plan(tmp_path, replace(inconsistent(), delivered_on=date(2026, 12, 2)))
    assert "Let op: de data van deze versie kloppen niet" in internal
    assert "Maak een nieuwe versie met kloppende data" in internal
    assert not any("kloppen niet" in page for page in signed)


# --------------------------------------------------------------------------- verslag


def long_report(reasons: str = LONG, first: str | None = None) -> MotivatedReport:
    return MotivatedReport(
        1, 1, date(2026, 12, 1),
        tuple(
            Consideration(subject, True, ReportGround.OBJECTIVE, first if first and i == 0 else reasons)
            for i, (subject, _label) in enumerate(REPORT_SUBJECTS)
        ),
        "De indicatoren van redelijke aanpassingen werden overlopen.",
    )


def render_long_report(
    tmp_path: Path, decision: Decision = Decision.B, report: MotivatedReport | None = None
) -> list[str]:
    document = ReportDocument(ORGANISATION, employee(), trajectory(decision=decision), report or long_report(), 38)
    return page_texts(render_report(document, tmp_path / "verslag.pdf"))


def test_verslag_is_kept_for_the_inspection_and_says_what_follows(tmp_path: Path) -> None:
    text = " ".join(render_long_report(tmp_path))
    assert ("De werkgever houdt het verslag ter beschikking van de inspectie Toezicht op het "
            "Welzijn op het Werk." in text)
    follows = between(text, "Wat nu volgt", "Verdeling")
    assert "Met dit verslag eindigt het re-integratietraject (te bevestigen)." in follows
    assert "verwijst de werknemer daarom door naar de bevoegde dienst van de Gewesten en Gemeenschappen" in follows
    assert ("VDAB (Vlaanderen), Le Forem (Wallonië), Actiris (Brussel) of ADG (Duitstalige "
            "Gemeenschap) (te bevestigen)" in follows)
    assert "binnen 6 maanden" in follows


def test_verslag_after_decision_a_refers_no_one(tmp_path: Path) -> None:
    follows = between(" ".join(render_long_report(tmp_path, Decision.A)), "Wat nu volgt", "Verdeling")
    assert "eindigt het re-integratietraject" in follows and "63 kalenderdagen" in follows
    assert "VDAB" not in follows and "6 maanden" not in follows


def test_verslag_signature_and_receipt_share_a_page_named_in_the_footer(tmp_path: Path) -> None:
    pages = render_long_report(tmp_path)
    [signed] = [page for page in pages if "Ondertekening" in page]
    assert "Voor de werkgever" in signed
    assert f"Voor ontvangst – de werknemer ({NAME})" in signed and "Ontvangen op" in signed
    assert "hoeft het verslag niet goed te keuren of te ondertekenen" in signed
    for page in pages:
        assert f"{NAME} – Gemotiveerd verslag, 01-12-2026" in page


def test_a_verslag_row_longer_than_a_page_says_vervolg(tmp_path: Path) -> None:
    very_long = " ".join(f"Overweging {n} werd met de arbeidsarts besproken." for n in range(140))
    pages = render_long_report(tmp_path, report=long_report(first=very_long))
    continued = [page for page in pages if "(vervolg)" in page]
    assert continued, pages
    assert continued[0].split("Motivering", 1)[1].lstrip().startswith("(vervolg)")
    text = " ".join(pages)
    assert "Overweging 0 werd" in text and "Overweging 139 werd met de arbeidsarts besproken." in text


# --------------------------------------------------------------------------- the editors


@pytest.fixture
def koen(demo_path: Path) -> Iterator[tuple[Dossier, Trajectory, Employee]]:
    """Koen's plan as a new version handed over today, with a talk after the plan and its aftercare."""
    dossier = Dossier.open(demo_path)
    koen = next(e for e in dossier.employees.list() if e.name == "Koen Verhaegen")
    found = dossier.trajectories.of_employee(koen.id)[0]
    plan = found.current_plan
    assert plan is not None and plan.valid_until is not None
    late = plan.valid_until + timedelta(days=5)
    saved = dossier.trajectories.save_plan(replace(
        plan, made_on=date.today(), aftercare_until=plan.valid_until - timedelta(days=30),
        evaluation_moments=(late,)))
    dossier.trajectories.record_plan_event(saved.id, delivered_on=date.today())
    yield dossier, dossier.trajectories.get(found.id), koen
    dossier.close()


def test_plan_editor_shows_date_problems_next_to_their_fields(
    qtbot: QtBot, koen: tuple[Dossier, Trajectory, Employee]
) -> None:
    from kmo_reintegratie.ui.widgets.plan_editor import PlanEditor

    dossier, found, person = koen
    plan = found.current_plan
    assert plan is not None and plan.valid_until is not None and plan.locked
    editor = PlanEditor(dossier, date.today)
    qtbot.addWidget(editor)
    editor.show()
    editor.load(found, person, None)
    # Handed over already: its dates are a warning, printing it again stays possible.
    late = dutch_date(plan.evaluation_moments[0])
    assert late in editor.evaluation.warning.text() and editor.evaluation.warning.isVisible()
    assert "vóór het einde van het plan" in editor.aftercare.warning.text()
    assert editor.actions.print_button.isEnabled()
    assert "Let op: de data van deze versie kloppen niet" in editor.actions.problems.text()
    # A change makes a new draft: now the contradicting dates block printing.
    editor.texts["training"].setPlainText("Opfrissing zorgdossier.")
    assert not editor.actions.print_button.isEnabled()
    assert "Nog te verbeteren" in editor.actions.problems.text()
    plan_end = editor.plan_end()
    assert plan_end is not None
    editor.aftercare.date_edit.set_value(plan_end + timedelta(days=400))
    editor.aftercare.edited.emit()
    assert editor.aftercare.warning.isHidden() and editor.evaluation.warning.isHidden()
    assert editor.actions.print_button.isEnabled()
    assert editor.commit_pending()  # stored now, not by a timer after the dossier is closed
    stored = dossier.trajectories.get(found.id).current_plan
    assert stored is not None and check_plan_dates(stored) == []


def test_plan_and_verslag_free_texts_warn_about_medical_words(
    qtbot: QtBot, koen: tuple[Dossier, Trajectory, Employee]
) -> None:
    from kmo_reintegratie.ui.widgets.plan_editor import PlanEditor
    from kmo_reintegratie.ui.widgets.report_editor import ReportEditor

    dossier, found, person = koen
    plan_editor = PlanEditor(dossier, date.today)
    qtbot.addWidget(plan_editor)
    plan_editor.show()
    plan_editor.load(found, person, None)
    guards = [*plan_editor.guards.values(), *plan_editor.adaptations.guards.values(),
              *plan_editor.checklist.guards.values()]
    for guard in guards:
        guard.editor.setFocus()
        if hasattr(guard.editor, "setPlainText"):
            guard.editor.setPlainText("Na de burn-out halftijds.")
        else:
            guard.editor.setText("Na de burn-out halftijds.")
        guard.check_now()
        assert guard.label.isVisible() and "burn-out" in guard.label.text()
    assert len(guards) == 4 + len(AdaptationKind) + 2
    plan_editor.autosave.cancel()  # nothing to store: the dossier closes after the test

    report_editor = ReportEditor(dossier, date.today)
    qtbot.addWidget(report_editor)
    report_editor.show()
    greet = next(t for t in dossier.trajectories.list() if t.report is not None)
    report_editor.load(greet)
    for guard in (*(row.guard for row in report_editor.rows), report_editor.disability_guard):
        guard.editor.setPlainText("Wegens depressie niet mogelijk.")
        guard.check_now()
        assert guard.label.isVisible() and "depressie" in guard.label.text()
    report_editor.autosave.cancel()
