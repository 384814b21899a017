"""Absences with their certificates, partial returns, contact agreements and contact log."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from kmo_reintegratie.absence import (
    Absence,
    AbsenceError,
    CertificatePeriod,
    Channel,
    ContactAgreement,
    ContactEntry,
    ContactRole,
    IncapacityKind,
    InfoItem,
    Initiative,
    PartialReturn,
    check_absence_dates,
    check_certificate,
    check_no_overlap,
    check_partial_return,
    check_temporary_incapacity_end,
)
from kmo_reintegratie.dates import from_iso, iso
from kmo_reintegratie.store.id_lists import chunks, marks

if TYPE_CHECKING:
    from kmo_reintegratie.store.undo_rows import DeletedRows
    from kmo_reintegratie.store.dossier import Dossier


def _certificate(r: dict[str, Any]) -> CertificatePeriod:
    return CertificatePeriod(r["id"], r["absence_id"], date.fromisoformat(r["starts"]),
                             date.fromisoformat(r["ends"]), IncapacityKind(r["kind"]))


def _partial(r: dict[str, Any]) -> PartialReturn:
    return PartialReturn(r["id"], r["absence_id"], date.fromisoformat(r["starts"]), r["percentage"], r["hours_per_week"])


def _agreement(r: dict[str, Any]) -> ContactAgreement:
    return ContactAgreement(
        r["id"], r["absence_id"], date.fromisoformat(r["valid_from"]), ContactRole(r["contact_role"]),
        r["contact_name"], Channel(r["channel"]), r["every_days"], r["employee_wishes"], bool(r["no_contact"]),
    )


# Members by value through a dict, not Enum(value): a long absence has hundreds of contacts,
# and the Overzicht reads those of everyone absent today.
_CHANNELS = Channel._value2member_map_
_INITIATIVES = Initiative._value2member_map_
_NOTHING_GIVEN: frozenset[InfoItem] = frozenset()


def _contact(r: dict[str, Any]) -> ContactEntry:
    given = r["info_given"]
    return ContactEntry(
        id=r["id"], absence_id=r["absence_id"], at=datetime.fromisoformat(r["at"]), made_by=r["made_by"],
        channel=_CHANNELS[r["channel"]], initiative=_INITIATIVES[r["initiative"]], summary=r["summary"],  # type: ignore[arg-type]
        agreements=r["agreements"],
        info_given=frozenset(map(InfoItem, json.loads(given))) if given and given != "[]" else _NOTHING_GIVEN,
        next_contact=from_iso(r["next_contact"]), signed_on=from_iso(r["signed_on"]),
    )


def _absence(r: dict[str, Any], **children: Any) -> Absence:
    return Absence(
        id=r["id"], employee_id=r["employee_id"], starts=date.fromisoformat(r["starts"]),
        kind=IncapacityKind(r["kind"]), expected_end=from_iso(r["expected_end"]),
        returned_on=from_iso(r["returned_on"]), note=r["note"], relapse_of=r["relapse_of"],
        temporary_incapacity_ended_on=from_iso(r.get("temporary_incapacity_ended_on")),
        returned_to_adapted_work=bool(r.get("returned_to_adapted_work") or 0), **children)


_KINDS = {kind.value: kind for kind in IncapacityKind}
_SUMMARY_COLUMNS = "id, employee_id, starts, kind, expected_end, returned_on, relapse_of"


class AbsenceSummary(NamedTuple):
    """An absence without its certificates, agreements and contacts: for lists of thousands.

    Reads like an :class:`Absence` for these fields, with the same ``is_open``,
    ``last_day`` and ``days_absent``.
    """

    id: int
    employee_id: int
    starts: date
    kind: IncapacityKind
    expected_end: date | None
    returned_on: date | None
    relapse_of: int | None

    # Absence's own rules, which read only these fields.
    def is_open(self, today: date) -> bool:
        return Absence.is_open(self, today)  # type: ignore[arg-type]

    def last_day(self) -> date | None:
        return Absence.last_day(self)  # type: ignore[arg-type]

    def days_absent(self, today: date) -> int:
        return Absence.days_absent(self, today)  # type: ignore[arg-type]


class AbsenceIndex(NamedTuple):
    """Every absence in four parallel lists, by id (``AbsenceRepository.index``)."""

    ids: list[int]
    employee_ids: list[int]
    starts: list[str]
    returns: list[str | None]


def _summary(row: tuple[Any, ...]) -> AbsenceSummary:
    absence_id, employee_id, starts, kind, expected_end, returned_on, relapse_of = row
    return AbsenceSummary._make((absence_id, employee_id, date.fromisoformat(starts),
                                 _KINDS.get(kind, IncapacityKind.ANDERE),
                                 expected_end and date.fromisoformat(expected_end),
                                 returned_on and date.fromisoformat(returned_on), relapse_of))



class AbsenceRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier

    # -- light reading, for lists of thousands ----------------------------------------------

    def index(self, *, people_absent_on: date | None = None, also: int | None = None) -> AbsenceIndex:
        """The ids, employee ids, starts and returns of every absence, by id; the dates as
        stored (ISO text, which sorts and compares like the dates): enough to filter and sort a
        list of tens of thousands.

        With ``people_absent_on``: only the absences of the people with an absence that has
        not ended on that day, and of the person of absence ``also``.
        """
        # Each column as one JSON array: SQLite builds it and json.loads reads it, twice as
        # fast as a Python tuple per row for 50,000 absences.
        where, parameters = "", {}
        if people_absent_on is not None:
            where = ("WHERE employee_id IN (SELECT employee_id FROM absence "
                     "WHERE returned_on IS NULL OR returned_on > :d OR id = :also)")
            parameters = {"d": people_absent_on.isoformat(), "also": also}
        columns = self._dossier.execute(
            "SELECT json_group_array(id), json_group_array(employee_id), json_group_array(starts), "
            f"json_group_array(returned_on) FROM (SELECT * FROM absence {where} ORDER BY id)", parameters).fetchone()
        return AbsenceIndex._make(map(json.loads, columns))

    def summaries(self, *, ids: Collection[int] | None = None,
                  employee_ids: Collection[int] | None = None) -> list[AbsenceSummary]:
        """Light records of the absences ``ids``, or of all absences of ``employee_ids``, or of
        every absence; in no particular order."""
        if ids is None and employee_ids is None:
            return list(map(_summary, self._dossier.execute(f"SELECT {_SUMMARY_COLUMNS} FROM absence")))
        column, values = ("id", ids) if ids is not None else ("employee_id", employee_ids)
        return list(map(_summary, self._in_chunks(
            f"SELECT {_SUMMARY_COLUMNS} FROM absence WHERE {column} IN ({{}})", values or ())))

    def many(self, ids: Collection[int]) -> list[Absence]:
        """The absences ``ids`` whole, with certificates, agreements and contacts (few at a time)."""
        rows: list[dict[str, Any]] = []
        for chunk in chunks(ids):
            rows += self._dossier.query(f"SELECT * FROM absence WHERE id IN ({marks(chunk)})", chunk)
        return self._assemble(rows)

    def for_next_contact(self, ids: Collection[int]) -> list[Absence]:
        """The absences ``ids`` with their contact agreements and only their last contact (of
        equal times the first noted): what ``contact_schedule.next_contact`` reads, for lists;
        no certificates or partial returns."""
        rows: list[dict[str, Any]] = []
        agreements: dict[int, list[ContactAgreement]] = defaultdict(list)
        last: dict[int, ContactEntry] = {}
        for chunk in chunks(ids):
            rows += self._dossier.query(f"SELECT * FROM absence WHERE id IN ({marks(chunk)})", chunk)
            for r in self._dossier.query(f"SELECT * FROM contact_agreement WHERE absence_id IN ({marks(chunk)}) "
                                         "ORDER BY valid_from, id", chunk):
                agreements[r["absence_id"]].append(_agreement(r))
            for r in self._dossier.query(
                    "SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY absence_id ORDER BY at DESC, id) "
                    f"AS latest FROM contact_entry WHERE absence_id IN ({marks(chunk)})) WHERE latest = 1", chunk):
                last[r["absence_id"]] = _contact(r)
        return [_absence(r, agreements=tuple(agreements.get(r["id"], ())),
                         contacts=(last[r["id"]],) if r["id"] in last else ()) for r in rows]

    def relapse_marks(self, kinds: Collection[str]) -> tuple[set[int], set[int]]:
        """In one scan: the ids of the absences registered as a relapse (``relapse_of`` set),
        and those of the absences of these ``kinds`` (``IncapacityKind`` values)."""
        values = [IncapacityKind(kind).value for kind in kinds]
        registered: set[int] = set()
        of_kinds: set[int] = set()
        for absence_id, is_relapse, kind in self._dossier.execute(
                "SELECT id, relapse_of IS NOT NULL, kind FROM absence "
                f"WHERE relapse_of IS NOT NULL OR kind IN ({marks(values)})", values):
            if is_relapse:
                registered.add(absence_id)
            if kind in values:
                of_kinds.add(absence_id)
        return registered, of_kinds

    def exists(self, absence_id: int) -> bool:
        found = self._dossier.execute("SELECT 1 FROM absence WHERE id = :id", {"id": absence_id}).fetchone()
        return found is not None

    def last_certificate_days(self, absence_ids: Collection[int]) -> dict[int, date]:
        """Per ended absence: the last day of its last certificate that ends before the return.

        A Friday certificate with a Monday return ends the incapacity on Friday: the relapse
        window runs from the day after it. Absences without such a certificate are left out.
        """
        return {absence_id: date.fromisoformat(ends) for absence_id, ends in self._in_chunks(
            "SELECT c.absence_id, max(c.ends) FROM certificate c JOIN absence a ON a.id = c.absence_id "
            "WHERE c.absence_id IN ({}) AND c.ends < a.returned_on GROUP BY c.absence_id", absence_ids)}

    def _in_chunks(self, sql: str, values: Collection[int]) -> list[tuple[Any, ...]]:
        found: list[tuple[Any, ...]] = []
        for chunk in chunks(values):
            found += self._dossier.execute(sql.format(marks(chunk)), chunk).fetchall()
        return found

    # -- reading --------------------------------------------------------------------

    def _assemble(self, rows: list[dict[str, Any]]) -> list[Absence]:
        if not rows:
            return []
        db = self._dossier
        ids = [r["id"] for r in rows]
        placeholders = ",".join("?" * len(ids)) if len(ids) < 900 else None
        children: dict[str, dict[int, list[Any]]] = {}
        for table, convert, order in (
            ("certificate", _certificate, "starts"),
            ("partial_return", _partial, "starts"),
            ("contact_agreement", _agreement, "valid_from, id"),
            # By time, and of equal times in the order noted (``last_contact`` takes the first).
            ("contact_entry", _contact, "at, id"),
        ):
            grouped: dict[int, list[Any]] = defaultdict(list)
            if placeholders:
                query = db.query(f"SELECT * FROM {table} WHERE absence_id IN ({placeholders}) ORDER BY {order}", ids)
            else:
                query = db.query(f"SELECT * FROM {table} ORDER BY {order}")
            for r in query:
                grouped[r["absence_id"]].append(convert(r))
            children[table] = grouped
        return [
            _absence(r, certificates=tuple(children["certificate"].get(r["id"], ())),
                     partial_returns=tuple(children["partial_return"].get(r["id"], ())),
                     agreements=tuple(children["contact_agreement"].get(r["id"], ())),
                     contacts=tuple(children["contact_entry"].get(r["id"], ())))
            for r in rows
        ]

    def get(self, absence_id: int) -> Absence:
        return self._assemble([self._dossier.row("absence", absence_id)])[0]

    def of_employee(self, employee_id: int) -> list[Absence]:
        rows = list(self._dossier.query(
            "SELECT * FROM absence WHERE employee_id = :e ORDER BY starts DESC", {"e": employee_id}
        ))
        return self._assemble(rows)

    def open_on(self, day: date) -> list[Absence]:
        """Absences running on ``day`` (started, not yet returned)."""
        rows = list(self._dossier.query(
            "SELECT * FROM absence WHERE starts <= :d AND (returned_on IS NULL OR returned_on > :d) ORDER BY starts",
            {"d": day.isoformat()},
        ))
        return self._assemble(rows)

    def with_relapse_predecessors(self, absences: list[Absence]) -> list[Absence]:
        """``absences`` plus the earlier absences their relapse chains point to."""
        known = {a.id: a for a in absences}
        pending = [a.relapse_of for a in absences if a.relapse_of is not None]
        while pending:
            absence_id = pending.pop()
            if absence_id in known:
                continue
            previous = self.get(absence_id)
            known[absence_id] = previous
            if previous.relapse_of is not None:
                pending.append(previous.relapse_of)
        return list(known.values())

    def all(self) -> list[Absence]:
        return self._assemble(list(self._dossier.query("SELECT * FROM absence ORDER BY starts")))

    # -- writing --------------------------------------------------------------------------

    def add(self, employee_id: int, starts: date, *, kind: IncapacityKind = IncapacityKind.ZIEKTE,
            expected_end: date | None = None, returned_on: date | None = None, note: str = "",
            relapse_of: int | None = None, temporary_incapacity_ended_on: date | None = None,
            returned_to_adapted_work: bool = False) -> Absence:
        """Register an absence; refuses impossible or overlapping dates with a Dutch AbsenceError."""
        check_absence_dates(starts, expected_end, returned_on)
        check_temporary_incapacity_end(starts, temporary_incapacity_ended_on)
        check_no_overlap(self.of_employee(employee_id), starts, returned_on)
        now = self._dossier.now()
        with self._dossier.writing() as db:
            absence_id = db["absence"].insert({
                "employee_id": employee_id, "starts": starts.isoformat(), "kind": IncapacityKind(kind).value,
                "expected_end": iso(expected_end), "returned_on": iso(returned_on), "note": note,
                "relapse_of": relapse_of, "created_at": now, "updated_at": now,
                "temporary_incapacity_ended_on": iso(temporary_incapacity_ended_on),
                "returned_to_adapted_work": int(returned_to_adapted_work),
            }).last_pk
        return self.get(int(absence_id))

    def register(self, employee_id: int, starts: date, *, kind: IncapacityKind = IncapacityKind.ZIEKTE,
                 expected_end: date | None = None, returned_on: date | None = None,
                 relapse_of: int | None = None, certificate: tuple[date, date] | None = None,
                 agreements: Sequence[dict[str, Any]] = (),
                 temporary_incapacity_ended_on: date | None = None,
                 returned_to_adapted_work: bool = False) -> Absence:
        """A new absence with its first certificate and contact agreements: all stored or none."""
        with self._dossier.writing():
            absence = self.add(employee_id, starts, kind=kind, expected_end=expected_end,
                               returned_on=returned_on, relapse_of=relapse_of,
                               temporary_incapacity_ended_on=temporary_incapacity_ended_on,
                               returned_to_adapted_work=returned_to_adapted_work)
            if certificate is not None:
                self.add_certificate(absence.id, *certificate, kind=kind)
            for agreement in agreements:
                self.set_agreement(absence.id, **agreement)
        return self.get(absence.id)

    def update(self, absence_id: int, **fields: object) -> Absence:
        current = self.get(absence_id)
        merged = {
            "starts": current.starts, "expected_end": current.expected_end,
            "returned_on": current.returned_on, **fields,
        }
        check_absence_dates(merged["starts"], merged["expected_end"], merged["returned_on"])  # type: ignore[arg-type]
        ended = fields.get("temporary_incapacity_ended_on", current.temporary_incapacity_ended_on)
        check_temporary_incapacity_end(merged["starts"], ended)  # type: ignore[arg-type]
        check_no_overlap(self.of_employee(current.employee_id), merged["starts"], merged["returned_on"],  # type: ignore[arg-type]
                         ignore_id=absence_id)
        row: dict[str, object] = {}
        for key, value in fields.items():
            if key in ("starts", "expected_end", "returned_on", "temporary_incapacity_ended_on"):
                row[key] = iso(value)  # type: ignore[arg-type]
            elif key == "returned_to_adapted_work":
                row[key] = int(bool(value))
            elif key == "kind":
                row[key] = IncapacityKind(value).value  # type: ignore[arg-type]
            elif key in ("note", "relapse_of"):
                row[key] = value
            else:
                raise KeyError(f"onbekend veld: {key}")
        with self._dossier.writing() as db:
            db["absence"].update(absence_id, {**row, "updated_at": self._dossier.now()})
        return self.get(absence_id)

    def delete(self, absence_id: int) -> DeletedRows:
        """Delete the absence with its certificates, agreements and contacts (undoable)."""
        return self._dossier.delete("absence", absence_id)

    def add_certificate(self, absence_id: int, starts: date, ends: date,
                        kind: IncapacityKind = IncapacityKind.ZIEKTE) -> CertificatePeriod:
        check_certificate(self.get(absence_id), starts, ends)
        now = self._dossier.now()
        with self._dossier.writing() as db:
            pk = db["certificate"].insert({"absence_id": absence_id, "starts": starts.isoformat(),
                                           "ends": ends.isoformat(), "kind": IncapacityKind(kind).value,
                                           "created_at": now, "updated_at": now}).last_pk
            # A certificate that runs past the expected end extends it.
            db.execute(
                "UPDATE absence SET expected_end = :e, updated_at = :now WHERE id = :a "
                "AND (expected_end IS NULL OR expected_end < :e) AND returned_on IS NULL",
                {"e": ends.isoformat(), "a": absence_id, "now": now},
            )
        return _certificate(db["certificate"].get(pk))

    def delete_certificate(self, certificate_id: int) -> DeletedRows:
        return self._dossier.delete("certificate", certificate_id)

    def add_partial_return(self, absence_id: int, starts: date, *, percentage: float | None = None,
                           hours_per_week: float | None = None) -> PartialReturn:
        check_partial_return(self.get(absence_id), starts)
        if percentage is None and hours_per_week is None:
            raise AbsenceError("Geef een percentage of een aantal uren per week.")
        if percentage is not None and not 0 < percentage < 100:
            raise AbsenceError("Het percentage ligt tussen 0 en 100.")
        now = self._dossier.now()
        with self._dossier.writing() as db:
            pk = db["partial_return"].insert({"absence_id": absence_id, "starts": starts.isoformat(),
                                              "percentage": percentage, "hours_per_week": hours_per_week,
                                              "created_at": now, "updated_at": now}).last_pk
        return _partial(db["partial_return"].get(pk))

    def set_agreement(self, absence_id: int, valid_from: date, *, contact_role: ContactRole,
                      contact_name: str = "", channel: Channel = Channel.TELEFOON, every_days: int | None = 14,
                      employee_wishes: str = "", no_contact: bool = False,
                      agreement_id: int | None = None) -> ContactAgreement:
        if every_days is not None and not 1 <= every_days <= 365:
            raise AbsenceError("De frequentie ligt tussen 1 en 365 dagen.")
        now = self._dossier.now()
        row = {"absence_id": absence_id, "valid_from": valid_from.isoformat(),
               "contact_role": ContactRole(contact_role).value, "contact_name": contact_name,
               "channel": Channel(channel).value, "every_days": every_days,
               "employee_wishes": employee_wishes, "no_contact": int(no_contact), "updated_at": now}
        with self._dossier.writing() as db:
            if agreement_id is None:
                agreement_id = int(db["contact_agreement"].insert({**row, "created_at": now}).last_pk)
            else:
                db["contact_agreement"].update(agreement_id, row)
        return _agreement(db["contact_agreement"].get(agreement_id))

    def add_contact(self, absence_id: int, at: datetime, *, made_by: str, channel: Channel,
                    initiative: Initiative = Initiative.WERKGEVER, summary: str = "", agreements: str = "",
                    info_given: frozenset[InfoItem] | set[InfoItem] = frozenset(),
                    next_contact: date | None = None, signed_on: date | None = None) -> ContactEntry:
        absence = self.get(absence_id)
        if at.date() < absence.starts:
            raise AbsenceError("Dit contact ligt vóór het begin van de afwezigheid.")
        if next_contact is not None and next_contact < at.date():
            raise AbsenceError("Het volgende contact kan niet vóór dit contact liggen.")
        if signed_on is not None and signed_on < at.date():
            raise AbsenceError("De werknemer kan het verslag niet vóór het contact gezien hebben.")
        now = self._dossier.now()
        with self._dossier.writing() as db:
            pk = db["contact_entry"].insert({
                "absence_id": absence_id, "at": at.isoformat(timespec="minutes"), "made_by": made_by,
                "channel": Channel(channel).value, "initiative": Initiative(initiative).value,
                "summary": summary, "agreements": agreements,
                "info_given": json.dumps(sorted(i.value for i in info_given)),
                "next_contact": iso(next_contact), "signed_on": iso(signed_on),
                "created_at": now, "updated_at": now,
            }).last_pk
        return _contact(db["contact_entry"].get(pk))

    def update_contact(self, contact_id: int, **fields: object) -> ContactEntry:
        row: dict[str, object] = {}
        for key, value in fields.items():
            if key in ("next_contact", "signed_on"):
                row[key] = iso(value)  # type: ignore[arg-type]
            elif key == "info_given":
                row[key] = json.dumps(sorted(InfoItem(i).value for i in value))  # type: ignore[attr-defined]
            elif key == "at":
                row[key] = value.isoformat(timespec="minutes")  # type: ignore[attr-defined]
            elif key in ("made_by", "summary", "agreements"):
                row[key] = value
            elif key in ("channel", "initiative"):
                row[key] = getattr(value, "value", value)
            else:
                raise KeyError(f"onbekend veld: {key}")
        with self._dossier.writing() as db:
            db["contact_entry"].update(contact_id, {**row, "updated_at": self._dossier.now()})
        return _contact(self._dossier.row("contact_entry", contact_id))

    def delete_contact(self, contact_id: int) -> DeletedRows:
        return self._dossier.delete("contact_entry", contact_id)

    # -- organisation-wide letter texts -------------------------------------------------------

    def document_text(self, key: str, default: str) -> str:
        row = self._dossier.execute("SELECT text FROM document_text WHERE key = :k", {"k": key}).fetchone()
        return row[0] if row else default

    def set_document_text(self, key: str, text: str) -> None:
        now = self._dossier.now()
        with self._dossier.writing() as db:
            db.execute(
                "INSERT INTO document_text (key, text, created_at, updated_at) VALUES (:k, :t, :now, :now) "
                "ON CONFLICT(key) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at",
                {"k": key, "t": text, "now": now},
            )
