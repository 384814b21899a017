"""Agenda exporteren: reminders as an .ics file, read back with icalendar (issue 15, point 8)."""

from __future__ import annotations

import os
import stat
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from kmo_reintegratie.__main__ import main
from kmo_reintegratie.documents.calendar_export import export_dossier_calendar
from kmo_reintegratie.documents.output_guard import OutputRefused
from kmo_reintegratie.reminders import initials
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.dialogs.calendar_export import CalendarExportDialog, export_calendar

TODAY = date.today()  # the demo dossier is written relative to today
SECRET = "GEHEIME-NOTITIE-XYZ"


def _export(dossier_path: Path, out: Path, *, horizon_days: int = 90,
            full_names: bool = False) -> int:
    with Dossier.open(dossier_path, read_only=True) as dossier:
        _written, count = export_dossier_calendar(
            dossier, out, TODAY, horizon_days=horizon_days, full_names=full_names
        )
    return count


def _events(path: Path) -> dict[str, object]:
    calendar = Calendar.from_ical(path.read_bytes())
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _text(path: Path) -> str:
    """The file's text with content lines unfolded, so a word split by folding is found."""
    return path.read_bytes().decode("utf-8").replace("\r\n ", "").replace("\\n", "\n")


def _uid(events: dict[str, object], prefix: str) -> str:
    [uid] = [u for u in events if u.startswith(prefix + "@")]
    return uid


def _ids(dossier_path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Employee name → id and employee name → id of the open absence."""
    with Dossier.open(dossier_path, read_only=True) as dossier:
        staff = {e.name: e.id for e in dossier.employees.list()}
        absences = {name: a.id for name, eid in staff.items()
                    for a in dossier.absences.open_on(TODAY) if a.employee_id == eid}
    return staff, absences


def test_initials() -> None:
    assert initials("Koen Verhaegen") == "K.V."
    assert initials("Jan Van den Broeck") == "J.V.d.B."
    assert initials("anne-marie peeters") == "A.m.p."
    assert initials("  ") == "?"


def test_every_kind_of_reminder_becomes_one_all_day_event(demo_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "agenda.ics"
    count = _export(demo_path, out)
    events = _events(out)
    assert count == len(events) > 0
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600 or os.name == "nt"
    _staff, absence = _ids(demo_path)
    # Els: 4 weeks absent 8 days from now, the legal report to the arbeidsarts.
    step = events[_uid(events, f"absence-{absence['Els Wuyts']}-melding_arbeidsarts")]
    title = "Wettelijke stap: Arbeidsongeschiktheid melden aan de arbeidsarts — E.W."
    assert step["SUMMARY"] == title
    assert step.decoded("DTSTART") == TODAY - timedelta(days=20) + timedelta(days=28)
    assert step.decoded("DTEND") == step.decoded("DTSTART") + timedelta(days=1)
    assert int(step["SEQUENCE"]) == 0 and "DTSTAMP" in step
    [alarm] = step.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY" and alarm.decoded("TRIGGER") == timedelta(days=-1)
    # Ahmed's report after a relapse is not confirmed by the fact sheet.
    relapse = events[_uid(events, f"absence-{absence['Ahmed Benali']}-melding_arbeidsarts")]
    assert "Te bevestigen" in str(relapse["DESCRIPTION"])
    # Koen: the next call agreed at the last contact, in three days; no alarm for a contact.
    contact = events[_uid(events, f"contact-{absence['Koen Verhaegen']}")]
    assert contact["SUMMARY"] == "Contact opnemen met K.V."
    assert contact.decoded("DTSTART") == TODAY + timedelta(days=3)
    assert not contact.walk("VALARM")
    # Els asked for no contact: no contact reminder.
    assert not [u for u in events if u.startswith(f"contact-{absence['Els Wuyts']}@")]
    # Ahmed's formal trajectory: the appeal deadline, with an alarm.
    [deadline] = [e for u, e in events.items() if u.startswith("trajectory-") and "-beroep@" in u]
    summary = str(deadline["SUMMARY"])
    assert summary.startswith("Termijn traject: ") and summary.endswith("— A.B.")
    assert deadline.walk("VALARM")
    # Open actions of the action plan; an overdue one is shown today, marked late.
    actions = [e for u, e in events.items() if u.startswith("action-")]
    assert actions
    late = [e for e in actions if str(e["SUMMARY"]).startswith("Te laat: Actie: ")]
    assert late and all(e.decoded("DTSTART") == TODAY for e in late)
    assert all("Wie: " in str(e["DESCRIPTION"]) for e in actions)


def test_uids_are_stable_across_exports_and_rounds(demo_path: Path, tmp_path: Path) -> None:
    first, second, third = tmp_path / "1.ics", tmp_path / "2.ics", tmp_path / "3.ics"
    _export(demo_path, first)
    _export(demo_path, second)
    assert set(_events(first)) == set(_events(second))
    # A new self-assessment round copies the open actions with new ids: same events.
    with Dossier.open(demo_path) as dossier:
        latest = dossier.assessments.latest_round()
        assert latest is not None
        dossier.assessments.create_round("Volgende ronde", TODAY, copy_from=latest.id)
    _export(demo_path, third)
    assert set(_events(third)) == set(_events(first))
    with Dossier.open(demo_path, read_only=True) as dossier:
        assert all(u.endswith(f"@{dossier.dossier_id}.kmo-reintegratie") for u in _events(first))


def test_initials_by_default_full_names_when_chosen(demo_path: Path, tmp_path: Path) -> None:
    short, full = tmp_path / "initialen.ics", tmp_path / "namen.ics"
    _export(demo_path, short)
    _export(demo_path, full, full_names=True)
    assert "Koen Verhaegen" not in _text(short) and "Contact opnemen met K.V." in _text(short)
    assert "Contact opnemen met Koen Verhaegen" in _text(full)
    assert "Ahmed Benali" in _text(full) and "Ahmed Benali" not in _text(short)


def test_no_notes_wishes_or_kind_of_absence_in_any_text(demo_path: Path, tmp_path: Path) -> None:
    with Dossier.open(demo_path) as dossier:
        for absence in dossier.absences.all():
            dossier.absences.update(absence.id, note=SECRET)
    out = tmp_path / "agenda.ics"
    _export(demo_path, out, full_names=True)
    text = _text(out).casefold()
    assert SECRET.casefold() not in text
    # Contact summaries and the employee's wishes stay in the dossier too.
    assert "voormiddag" not in text and "opnieuw thuis" not in text
    # Tom's work accident and Ahmed's private accident: the kind is not named. ("ziekte" is
    # not checked: a cited source is called "... vanuit ziekte weer aan de slag".)
    assert "ongeval" not in text


def test_horizon_limits_the_events(demo_path: Path, tmp_path: Path) -> None:
    near, far = tmp_path / "near.ics", tmp_path / "far.ics"
    assert _export(demo_path, near, horizon_days=5) < _export(demo_path, far, horizon_days=365)
    assert all(e.decoded("DTSTART") <= TODAY + timedelta(days=5) for e in _events(near).values())


def test_an_empty_dossier_gives_an_empty_calendar(dossier_path: Path, tmp_path: Path) -> None:
    out = tmp_path / "leeg.ics"
    assert _export(dossier_path, out) == 0
    assert Calendar.from_ical(out.read_bytes()).walk("VEVENT") == []


def test_a_dossier_is_never_overwritten(demo_path: Path, dossier_path: Path) -> None:
    before = dossier_path.read_bytes()
    with pytest.raises(OutputRefused, match="is een dossier; kies een andere naam voor de agenda"):
        _export(demo_path, dossier_path)
    assert dossier_path.read_bytes() == before


def test_command_line_writes_the_agenda(demo_path: Path, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "agenda.ics"
    assert main(["export", str(demo_path), "agenda", "-o", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    assert _events(out) and "Koen Verhaegen" not in _text(out)
    named = tmp_path / "namen"  # no extension: .ics is added
    assert main(["export", str(demo_path), "agenda", "-o", str(named), "--volledige-namen"]) == 0
    assert "Koen Verhaegen" in _text(tmp_path / "namen.ics")
    before = demo_path.read_bytes()
    assert main(["export", str(demo_path), "agenda", "-o", str(demo_path)]) == 2
    assert "kies een andere naam voor de agenda" in capsys.readouterr().err
    assert demo_path.read_bytes() == before


def test_dialog_defaults_to_90_days_and_initials(qtbot: QtBot) -> None:
    dialog = CalendarExportDialog()
    qtbot.addWidget(dialog)
    assert dialog.horizon.value() == 90 and not dialog.full_names.isChecked()
    assert dialog.full_names.text() == "Volledige namen gebruiken"


def _choose(monkeypatch: pytest.MonkeyPatch, target: Path, *, days: int = 90,
            full_names: bool = False) -> list[str]:
    """Answer the choices dialog and the save dialog; return the texts of message boxes."""

    def fake_exec(dialog: CalendarExportDialog) -> int:
        dialog.horizon.setValue(days)
        dialog.full_names.setChecked(full_names)
        return 1

    shown: list[str] = []
    monkeypatch.setattr(CalendarExportDialog, "exec", fake_exec)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *args, **kwargs: (str(target), "")))
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(
            lambda parent, title, text, *rest, _kind=kind: shown.append(f"{_kind}: {text}")))
    return shown


def test_dialog_writes_the_file_and_says_how_many_events(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = _choose(monkeypatch, tmp_path / "mijn agenda", days=30, full_names=True)
    written = export_calendar(parent, demo_path, TODAY)
    assert written == tmp_path / "mijn agenda.ics"
    events = _events(written)
    [message] = shown
    assert message.startswith(f"information: {len(events)} afspraken voor de komende 30 dagen")
    assert "Contact opnemen met Koen Verhaegen" in _text(written)


def test_dialog_refuses_a_dossier_as_target(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    before = demo_path.read_bytes()
    shown = _choose(monkeypatch, demo_path)
    assert export_calendar(parent, demo_path, TODAY) is None
    assert shown == ["warning: demo.kmo is een dossier; kies een andere naam voor de agenda."]
    assert demo_path.read_bytes() == before


def test_dialog_cancelled_writes_nothing(
    qtbot: QtBot, demo_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    monkeypatch.setattr(CalendarExportDialog, "exec", lambda dialog: 0)
    assert export_calendar(parent, demo_path, TODAY) is None
    assert list(tmp_path.glob("*.ics")) == []


def test_a_carried_action_keeps_the_key_of_the_first_one() -> None:
    from kmo_reintegratie.assessment import Action
    from kmo_reintegratie.reminders import action_origins, collect_reminders

    first = Action(1, 1, "1.1", "Procedure opstellen", due=TODAY + timedelta(days=3))
    carried = Action(7, 2, "1.1", "Procedure opstellen", due=TODAY + timedelta(days=3),
                     carried_from=1)
    again = Action(12, 3, "1.1", "Procedure opstellen", due=TODAY - timedelta(days=2),
                   carried_from=7)
    origins = action_origins([first, carried, again])
    assert origins == {1: 1, 7: 1, 12: 1}
    [reminder] = collect_reminders(TODAY, [], [], [again], origins=origins)
    assert reminder.key == "action-1" and reminder.day == TODAY and not reminder.alarm
    assert reminder.overdue_since == TODAY - timedelta(days=2)
    assert reminder.title == "Te laat: Actie: Procedure opstellen"
