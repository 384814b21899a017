"""Issue 13, points 14 and 15: the preventive request register and medical force majeure.

Rules, the checklist computed from the dossier's facts, storage across reopening, the letter
drafts' text and the command line's ``export``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pypdf
import pytest

from kmo_reintegratie import legal
from kmo_reintegratie.documents.force_majeure_pdf import INTENTION, RIGHT_ADAPTED_WORK, RIGHT_UNION
from kmo_reintegratie.documents.registry import DOCUMENTS, ExportOptions
from kmo_reintegratie.force_majeure import ForceMajeureCheck, Status, assess
from kmo_reintegratie.organisation import ValidationError
from kmo_reintegratie.preventive_request import PreventiveRequest, Stage, next_duty
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.trajectory import TrajectoryKind

TODAY = date(2026, 12, 6)


def _pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).replace("\n", " ")


# --------------------------------------------------------------------------- rules


def test_the_preventive_answer_has_no_invented_term_and_says_so() -> None:
    due = legal.preventive_answer_due(date(2026, 2, 1), date(2026, 2, 12))
    assert due.undated and not due.confirmed
    assert "zo snel mogelijk" in due.explanation
    assert "geen termijn in dagen" in (due.unconfirmed_reason or "")
    assert "IDEWE" in due.source and "feitenblad §3.2" in due.source
    assert not legal.duty_rule("preventief_verzoek_artikel").confirmed  # I.4-36: one source


def test_force_majeure_terms_after_the_notice_at_a_month_end() -> None:
    exam, finding = legal.force_majeure_dates(date(2026, 11, 30))
    assert exam.due == date(2026, 12, 10)
    # 30/11 + 3 months: 28/2/2027 (earlier reading), a Sunday: next working day 1/3/2027.
    assert finding.due == date(2027, 2, 28) and finding.next_working_day == date(2027, 3, 1)
    assert not finding.confirmed and "verzending" in (finding.unconfirmed_reason or "")
    assert "I.4-82/1" in finding.source and "werk.belgie.be" in finding.source


def test_next_duty_follows_the_request() -> None:
    request = PreventiveRequest(1, 1, date(2026, 2, 1))
    assert next_duty(request, TODAY).stage is Stage.WAITING_FOR_ADVICE
    advised = PreventiveRequest(1, 1, date(2026, 2, 1), advice_received_on=date(2026, 2, 12))
    duty = next_duty(advised, date(2026, 2, 19))
    assert duty.stage is Stage.TO_ANSWER
    assert "zo snel mogelijk" in duty.text and "7 dag" in duty.text
    assert duty.legal is not None and duty.legal.status == legal.TE_BEVESTIGEN
    done = PreventiveRequest(1, 1, date(2026, 2, 1), answered_on=date(2026, 2, 20), answer="Ja")
    assert next_duty(done, TODAY).stage is Stage.ANSWERED and next_duty(done, TODAY).legal is None


# --------------------------------------------------------------------------- checklist


@pytest.fixture
def dossier(dossier_path: Path):
    with Dossier.open(dossier_path) as opened:
        yield opened


def _assess(dossier: Dossier, absence_id: int, today: date = TODAY):
    absence = dossier.absences.get(absence_id)
    employee = dossier.employees.get(absence.employee_id)
    return assess(absence, employee, dossier.absences.of_employee(employee.id),
                  dossier.trajectories.of_employee(employee.id),
                  dossier.force_majeure.get(absence_id), today)


def test_nine_months_met_only_after_they_passed(dossier: Dossier) -> None:
    employee = dossier.employees.add("Jan Peeters")
    absence = dossier.absences.add(employee.id, date(2025, 12, 1))
    early = _assess(dossier, absence.id, date(2026, 8, 15))
    assert early.conditions[0].status is Status.NOT_MET
    assert "01-09-2026" in early.conditions[0].explanation
    later = _assess(dossier, absence.id)
    assert [c.status for c in later.conditions] == [Status.MET, Status.MET]
    assert later.possible_from == date(2026, 9, 1) and later.conditions_met


def test_a_short_relapse_does_not_interrupt_but_a_long_return_does(dossier: Dossier) -> None:
    employee = dossier.employees.add("Els Wuyts")
    first = dossier.absences.add(employee.id, date(2025, 12, 1), returned_on=date(2026, 3, 1))
    relapse = dossier.absences.add(employee.id, date(2026, 3, 11), relapse_of=first.id)
    assert _assess(dossier, relapse.id).possible_from == date(2026, 9, 1)  # 10 days of work
    other = dossier.employees.add("Tom Maes")
    first = dossier.absences.add(other.id, date(2025, 12, 1), returned_on=date(2026, 3, 1))
    relapse = dossier.absences.add(other.id, date(2026, 4, 1), relapse_of=first.id)
    result = _assess(dossier, relapse.id)
    assert result.possible_from == date(2027, 1, 1)  # a month of work restarts the 9 months
    assert result.conditions[0].status is Status.NOT_MET


def test_a_running_trajectory_blocks_and_an_informal_one_is_unsure(dossier: Dossier) -> None:
    employee = dossier.employees.add("Koen")
    absence = dossier.absences.add(employee.id, date(2025, 12, 1))
    informal = dossier.trajectories.add(employee.id, TrajectoryKind.INFORMEEL,
                                        legal.Initiator.WERKNEMER, absence_id=absence.id,
                                        request_date=date(2026, 10, 1))
    unsure = _assess(dossier, absence.id).conditions[1]
    assert unsure.status is Status.UNKNOWN and "informeel" in unsure.unconfirmed_reason
    dossier.trajectories.update(informal.id, closed_on=date(2026, 11, 1))
    dossier.trajectories.add(employee.id, TrajectoryKind.FORMEEL, legal.Initiator.WERKNEMER,
                             absence_id=absence.id, request_date=date(2026, 11, 20))
    assert _assess(dossier, absence.id).conditions[1].status is Status.NOT_MET


def test_a_partial_return_makes_the_nine_months_unsure(dossier: Dossier) -> None:
    employee = dossier.employees.add("Sarah")
    absence = dossier.absences.add(employee.id, date(2025, 12, 1))
    dossier.absences.add_partial_return(absence.id, date(2026, 5, 1), percentage=50)
    condition = _assess(dossier, absence.id).conditions[0]
    assert condition.status is Status.UNKNOWN and "gedeeltelijke" in condition.unconfirmed_reason


# --------------------------------------------------------------------------- storage


def test_requests_and_checklist_survive_reopening(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add("Jan Peeters")
        absence = dossier.absences.add(employee.id, date(2025, 12, 1))
        dossier.preventive_requests.save(PreventiveRequest(
            0, employee.id, date(2026, 2, 1), date(2026, 2, 10), date(2026, 2, 12),
            "Bureau in hoogte verstelbaar", date(2026, 2, 20), "Verstelbaar bureau vanaf 1 maart"))
        first = frozenset({"kennisgeving_intentie", "aangetekend_werknemer"})
        dossier.force_majeure.save(ForceMajeureCheck(absence.id, first, date(2026, 11, 30)))
        dossier.force_majeure.save(ForceMajeureCheck(  # a second save updates the same row
            absence.id, first | {"kennisgeving_vakbond"}, date(2026, 11, 30)))
    with Dossier.open(dossier_path) as dossier:
        [request] = dossier.preventive_requests.of_employee(employee.id)
        assert request.advice == "Bureau in hoogte verstelbaar"
        assert request.answered_on == date(2026, 2, 20)
        check = dossier.force_majeure.get(absence.id)
        assert check is not None and check.notice_sent_on == date(2026, 11, 30)
        assert check.ticked == first | {"kennisgeving_vakbond"}


def test_dates_out_of_order_are_refused_and_nothing_is_stored(dossier: Dossier) -> None:
    employee = dossier.employees.add("Jan Peeters")
    with pytest.raises(ValidationError, match="vóór het verzoek"):
        dossier.preventive_requests.save(PreventiveRequest(
            0, employee.id, date(2026, 2, 1), advice_received_on=date(2026, 1, 20)))
    with pytest.raises(ValidationError, match="Noteer het antwoord"):
        dossier.preventive_requests.save(PreventiveRequest(
            0, employee.id, date(2026, 2, 1), answered_on=date(2026, 2, 5)))
    assert dossier.preventive_requests.of_employee(employee.id) == []


# --------------------------------------------------------------------------- documents


def test_the_answer_letter_states_the_request_the_advice_and_the_answer(dossier: Dossier,
                                                                         tmp_path: Path) -> None:
    employee = dossier.employees.add("Jan Peeters")
    dossier.preventive_requests.save(PreventiveRequest(
        0, employee.id, date(2026, 2, 1), date(2026, 2, 10), date(2026, 2, 12),
        "Bureau in hoogte verstelbaar", date(2026, 2, 20), "Verstelbaar bureau vanaf 1 maart"))
    [pdf] = DOCUMENTS["preventief"].export(dossier, tmp_path / "brieven", ExportOptions())
    text = _pdf_text(pdf)
    assert "Antwoord op het advies na uw preventief verzoek" in text
    assert "Op 1 februari 2026 vroeg u ons na te gaan" in text
    assert "Bureau in hoogte verstelbaar" in text and "Verstelbaar bureau vanaf 1 maart" in text
    assert "geen medische gegevens" in text and "Voor ontvangst, de werknemer" in text


def test_the_notice_states_what_the_law_requires_and_that_the_contract_may_end(
        dossier: Dossier, tmp_path: Path) -> None:
    employee = dossier.employees.add("Jan Peeters")
    absence = dossier.absences.add(employee.id, date(2025, 12, 1))
    options = ExportOptions(absence_id=absence.id)
    [pdf] = DOCUMENTS["overmacht"].export(dossier, tmp_path / "out", options)
    text = " ".join(_pdf_text(pdf).split())
    for sentence in (INTENTION, RIGHT_ADAPTED_WORK, RIGHT_UNION):
        assert " ".join(sentence.split()) in text
    assert "AANGETEKEND" in text and "sinds 1 december 2025" in text
    assert "einde van de arbeidsovereenkomst" in text and "geen juridisch advies" in text


def test_nothing_to_print_is_said_in_dutch(dossier: Dossier, tmp_path: Path) -> None:
    for name in ("preventief", "overmacht"):
        with pytest.raises(ValueError, match="nog geen"):
            DOCUMENTS[name].export(dossier, tmp_path / name, ExportOptions())


def _entry_point() -> str:
    beside = Path(sys.executable).parent / "kmo-reintegratie"
    found = str(beside) if beside.exists() else shutil.which("kmo-reintegratie")
    assert found
    return found


def test_the_command_line_exports_both_letters(dossier_path: Path, tmp_path: Path,
                                               isolated_home: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add("Jan Peeters")
        absence = dossier.absences.add(employee.id, date(2025, 12, 1))
        dossier.preventive_requests.save(PreventiveRequest(0, employee.id, date(2026, 2, 1)))
        dossier.force_majeure.save(ForceMajeureCheck(absence.id, frozenset(), date(2026, 11, 30)))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "KMO_REINTEGRATIE_HOME": str(isolated_home)}
    for name, expected in (("preventief", "preventief-Jan_Peeters-2026-02-01.pdf"),
                           ("overmacht", "overmacht-Jan_Peeters-2025-12-01.pdf")):
        result = subprocess.run([_entry_point(), "export", str(dossier_path), name, "-o",
                                 str(tmp_path / name), "--werknemer", "peeters"],
                                capture_output=True, text=True, env=env, timeout=120, check=False)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / name / expected).read_bytes().startswith(b"%PDF")


def test_text_far_beyond_the_limits_still_prints(dossier: Dossier, tmp_path: Path) -> None:
    employee = dossier.employees.add("Jan Peeters")
    dossier.preventive_requests.save(PreventiveRequest(0, employee.id, date(2026, 2, 1)))
    long_text = ("Een gewone zin over het werk. " * 500 + "y" * 3_000)[:20_000]
    with dossier.writing() as db:  # as an older version might have stored it, past the limits
        db.execute("UPDATE preventive_request SET advice = :t, answer = :t, "
                   "answered_on = '2026-02-20'", {"t": long_text * 2})
    [pdf] = DOCUMENTS["preventief"].export(dossier, tmp_path / "lang", ExportOptions())
    assert len(pypdf.PdfReader(pdf).pages) > 1


def test_a_notice_sent_before_the_nine_months_is_flagged(dossier: Dossier) -> None:
    employee = dossier.employees.add("Jan Peeters")
    absence = dossier.absences.add(employee.id, date(2025, 12, 1))
    dossier.force_majeure.save(ForceMajeureCheck(absence.id, frozenset(), date(2026, 8, 20)))
    condition = _assess(dossier, absence.id).conditions[0]
    assert condition.status is Status.NOT_MET
    assert "kennisgeving van 20-08-2026 ligt vóór het einde" in condition.explanation
