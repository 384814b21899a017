"""The absence register: rules and storage on real dossier files."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from kmo_reintegratie.absence import AbsenceError, Channel, ContactRole, InfoItem
from kmo_reintegratie.contact_schedule import DueState, next_contact
from kmo_reintegratie.legal import Statute, is_possible_relapse
from kmo_reintegratie.store.dossier import Dossier

TODAY = date(2026, 11, 18)  # a Wednesday


def test_employee_with_regime_history_round_trip(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Jan Peeters", statute=Statute.ARBEIDER, hours_per_week=38,
                                  in_service_from=date(2020, 1, 6))
        dossier.employees.set_regime(e.id, date(2025, 9, 1), 19)
        twin = dossier.employees.add("Jan Peeters", department="Keuken")  # same name is allowed
    with Dossier.open(dossier_path) as dossier:
        employees = dossier.employees.list()
    assert [x.name for x in employees] == ["Jan Peeters", "Jan Peeters"]
    jan = next(x for x in employees if x.id == e.id)
    assert jan.statute is Statute.ARBEIDER
    assert jan.regime_on(date(2024, 1, 1)).hours_per_week == 38
    assert jan.regime_on(date(2026, 1, 1)).hours_per_week == 19
    assert next(x for x in employees if x.id == twin.id).department == "Keuken"


def test_absence_dates_are_checked(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("An")
        with pytest.raises(AbsenceError, match="ná de eerste afwezigheidsdag"):
            dossier.absences.add(e.id, date(2026, 3, 10), returned_on=date(2026, 3, 1))
        with pytest.raises(AbsenceError, match="te ver"):
            dossier.absences.add(e.id, date(1850, 3, 10))
        with pytest.raises(AbsenceError, match="te ver"):
            dossier.absences.add(e.id, date(2150, 3, 10))
        assert dossier.absences.of_employee(e.id) == []


def test_overlapping_absences_are_refused(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("An")
        dossier.absences.add(e.id, date(2026, 3, 1), returned_on=date(2026, 3, 20))
        with pytest.raises(AbsenceError, match="overlapt"):
            dossier.absences.add(e.id, date(2026, 3, 19))
        open_one = dossier.absences.add(e.id, date(2026, 3, 20))  # the return day itself is free
        with pytest.raises(AbsenceError, match="loopt nog"):
            dossier.absences.add(e.id, date(2026, 5, 1))
        other = dossier.employees.add("Bert")
        dossier.absences.add(other.id, date(2026, 3, 5))  # another employee: fine
        assert open_one.is_open(date(2026, 4, 1))


def test_certificates_extend_the_expected_end_and_may_not_overlap(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Koen")
        a = dossier.absences.add(e.id, date(2026, 1, 5))
        dossier.absences.add_certificate(a.id, date(2026, 1, 5), date(2026, 2, 4))
        dossier.absences.add_certificate(a.id, date(2026, 2, 5), date(2026, 3, 6))
        with pytest.raises(AbsenceError, match="overlapt"):
            dossier.absences.add_certificate(a.id, date(2026, 3, 1), date(2026, 3, 31))
        with pytest.raises(AbsenceError, match="eindigt vóór"):
            dossier.absences.add_certificate(a.id, date(2026, 4, 1), date(2026, 3, 31))
        assert dossier.absences.get(a.id).expected_end == date(2026, 3, 6)


def test_certificates_and_partial_returns_stay_before_the_return(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Ahmed")
        ended = dossier.absences.add(e.id, date(2026, 8, 1), returned_on=date(2026, 10, 19))
        later = dossier.absences.add(e.id, date(2026, 11, 9))
        dossier.absences.add_certificate(ended.id, date(2026, 8, 1), date(2026, 10, 18))  # fits
        with pytest.raises(AbsenceError, match="hervatte op 19-10-2026"):
            dossier.absences.add_certificate(ended.id, date(2026, 12, 1), date(2099, 12, 31))
        with pytest.raises(AbsenceError, match="hervatte volledig op 19-10-2026"):
            dossier.absences.add_partial_return(ended.id, date(2030, 1, 1), percentage=50)
        dossier.absences.add_partial_return(ended.id, date(2026, 10, 1), percentage=50)  # fits
        assert dossier.absences.get(ended.id).certificates[0].ends == date(2026, 10, 18)
        assert dossier.absences.get(later.id).certificates == ()


def test_relapse_within_eight_weeks_since_2026() -> None:
    assert is_possible_relapse(date(2026, 3, 2), date(2026, 4, 20)).possible
    assert not is_possible_relapse(date(2026, 3, 2), date(2026, 6, 1)).possible


def test_contact_due_overdue_this_week_and_no_contact(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Koen")
        a = dossier.absences.add(e.id, date(2026, 10, 1))
        fresh = dossier.absences.get(a.id)
        assert next_contact(fresh, TODAY, first_contact_days=7).state is DueState.OVERDUE  # 8 oct, nobody called
        dossier.absences.set_agreement(a.id, date(2026, 10, 1), contact_role=ContactRole.LEIDINGGEVENDE,
                                       every_days=14)
        dossier.absences.add_contact(a.id, datetime(2026, 11, 6, 10, 0), made_by="Marc", channel=Channel.TELEFOON,
                                     info_given={InfoItem.OVERZICHTSDOCUMENT})
        due = next_contact(dossier.absences.get(a.id), TODAY)
        assert due.due == date(2026, 11, 20) and due.state is DueState.THIS_WEEK
        dossier.absences.add_contact(a.id, datetime(2026, 11, 16, 10, 0), made_by="Marc",
                                     channel=Channel.TELEFOON, next_contact=date(2026, 12, 1))
        assert next_contact(dossier.absences.get(a.id), TODAY).state is DueState.LATER
        dossier.absences.set_agreement(a.id, date(2026, 11, 17), contact_role=ContactRole.HR, no_contact=True,
                                       every_days=None)
        assert next_contact(dossier.absences.get(a.id), TODAY).state is DueState.NO_CONTACT
        stored = dossier.absences.get(a.id).contacts[0]
    assert stored.info_given == frozenset({InfoItem.OVERZICHTSDOCUMENT})


def test_lists_read_the_next_contact_from_the_agreements_and_the_last_contact(dossier_path: Path) -> None:
    """The list of absences does not read whole contact logs: the light records it reads give
    the same next contact as the whole absence (of two contacts at the same minute, the first
    one noted counts, in both)."""
    with Dossier.open(dossier_path) as dossier:
        absences = dossier.absences
        e = dossier.employees.add("Koen")
        agreed = absences.add(e.id, date(2026, 10, 1))
        absences.set_agreement(agreed.id, date(2026, 10, 1), contact_role=ContactRole.LEIDINGGEVENDE, every_days=7)
        absences.add_contact(agreed.id, datetime(2026, 11, 2, 10, 0), made_by="Marc", channel=Channel.TELEFOON)
        absences.add_contact(agreed.id, datetime(2026, 11, 16, 10, 0), made_by="Marc", channel=Channel.TELEFOON,
                             next_contact=date(2026, 12, 1))
        absences.add_contact(agreed.id, datetime(2026, 11, 16, 10, 0), made_by="Els", channel=Channel.SMS)
        other = dossier.employees.add("Lien")
        quiet = absences.add(other.id, date(2026, 9, 1))
        absences.set_agreement(quiet.id, date(2026, 9, 1), contact_role=ContactRole.HR, no_contact=True,
                               every_days=None)
        nobody = absences.add(dossier.employees.add("Mo").id, date(2026, 11, 1))
        light = {a.id: a for a in absences.for_next_contact([agreed.id, quiet.id, nobody.id])}
        assert len(light) == 3 and len(light[agreed.id].contacts) == 1
        for absence_id in (agreed.id, quiet.id, nobody.id):
            whole = absences.get(absence_id)
            assert next_contact(light[absence_id], TODAY) == next_contact(whole, TODAY)
        assert next_contact(light[agreed.id], TODAY).due == date(2026, 12, 1)
        assert next_contact(light[quiet.id], TODAY).state is DueState.NO_CONTACT


def test_contact_before_the_absence_is_refused(dossier_path: Path) -> None:
    with Dossier.open(dossier_path) as dossier:
        e = dossier.employees.add("Koen")
        a = dossier.absences.add(e.id, date(2026, 10, 1))
        with pytest.raises(AbsenceError):
            dossier.absences.add_contact(a.id, datetime(2026, 9, 1, 9, 0), made_by="X", channel=Channel.SMS)


def test_days_absent_counts_calendar_days() -> None:
    from kmo_reintegratie.absence import Absence

    a = Absence(1, 1, date(2026, 2, 27))
    assert a.days_absent(date(2026, 3, 1)) == 3
    closed = Absence(1, 1, date(2026, 2, 27), returned_on=date(2026, 3, 2))
    assert closed.days_absent(date(2026, 12, 1)) == 3 and not closed.is_open(date(2026, 3, 2))


def test_demo_has_koen_a_relapse_and_someone_who_wants_no_contact(tmp_path: Path) -> None:
    from kmo_reintegratie.demo import write_demo

    path = write_demo(tmp_path / "demo.kmo", today=TODAY)
    with Dossier.open(path) as dossier:
        names = {e.id: e.name for e in dossier.employees.list()}
        running = dossier.absences.open_on(TODAY)
        koen = next(a for a in running if names[a.employee_id] == "Koen Verhaegen")
        assert koen.days_absent(TODAY) > 100 and len(koen.certificates) == 4 and len(koen.contacts) >= 5
        assert any(a.relapse_of for a in running)
        states = {names[a.employee_id]: next_contact(a, TODAY).state for a in running}
    assert states["Els Wuyts"] is DueState.NO_CONTACT
    assert states["Tom Maes"] in (DueState.THIS_WEEK, DueState.LATER, DueState.OVERDUE)
    assert states["Ahmed Benali"] is DueState.OVERDUE  # nobody called back as promised
    assert len(set(names.values())) == len(names) >= 10


def test_relapse_window_starts_after_the_certificates_last_day(dossier_path: Path) -> None:
    """A Friday certificate and a Monday return: the 8 weeks run from Saturday (issue 13, point 6)."""
    from kmo_reintegratie.ui.models.absence_model import relapse_check

    with Dossier.open(dossier_path) as dossier:
        person = dossier.employees.add("Lotte")
        first = dossier.absences.add(person.id, date(2026, 3, 2), returned_on=date(2026, 3, 16))
        dossier.absences.add_certificate(first.id, date(2026, 3, 2), date(2026, 3, 13))  # Friday
        # From Saturday 14/3, eight weeks end on 8/5; counted from the Monday return they
        # would end on 10/5, two days of guaranteed salary too many.
        inside = dossier.absences.add(person.id, date(2026, 5, 8))
        check = relapse_check(inside, dossier.absences.of_employee(person.id))
        assert check is not None and check.possible
        dossier.absences.delete(inside.id)
        outside = dossier.absences.add(person.id, date(2026, 5, 9))
        check = relapse_check(outside, dossier.absences.of_employee(person.id))
        assert check is not None and not check.possible


def test_issue_13_facts_are_stored_and_read_back_after_reopening(dossier_path: Path) -> None:
    from kmo_reintegratie.absence import IncapacityKind

    with Dossier.open(dossier_path) as dossier:
        worker = dossier.employees.add("Lies Aerts", health_surveillance=True,
                                       contract_under_3_months=False)
        dossier.employees.add("Mo Haddad")
        absence = dossier.absences.register(
            worker.id, date(2026, 9, 1), kind=IncapacityKind.BEROEPSZIEKTE,
            returned_on=date(2026, 11, 2), temporary_incapacity_ended_on=date(2026, 10, 30),
            returned_to_adapted_work=True)
        with pytest.raises(AbsenceError, match="vóór het begin"):
            dossier.absences.update(absence.id, temporary_incapacity_ended_on=date(2026, 8, 31))
        dossier.employees.apply_import([{"name": "Nel Imported"}], [], effective=date(2026, 11, 23))
    with Dossier.open(dossier_path, read_only=True) as dossier:
        by_name = {e.name: e for e in dossier.employees.list()}
        assert by_name["Lies Aerts"].health_surveillance
        assert by_name["Lies Aerts"].contract_under_3_months is False
        assert by_name["Mo Haddad"].contract_under_3_months is None  # not known
        assert not by_name["Nel Imported"].health_surveillance
        assert by_name["Nel Imported"].contract_under_3_months is None
        stored = dossier.absences.get(absence.id)
        assert stored.temporary_incapacity_ended_on == date(2026, 10, 30)
        assert stored.returned_to_adapted_work
