"""Table model of the absences: running / ended / all, a search on name or department, sorting.

Made for dossiers with tens of thousands of absences (``demo PAD --groot``):

- Rows are light records (``AbsenceSummary``). The whole absence, with certificates and
  contacts, is read for the running ones (their next contact) and for the one the page shows.
- `Lopend` loads only the absences of the people absent now; `Afgelopen` and `Alle` load them
  all, once, and keep them until the next reload.
- The model filters and sorts itself, on keys computed once per load: a
  QSortFilterProxyModel asks Python for every row and for every comparison, seconds on
  50,000 rows. The view gets the result in chunks (``canFetchMore``/``fetchMore``), so it only
  lays out the rows it can show.
- A relapse check compares an absence with the person's previous one: found in one sorted
  pass per person over the light index, never pair by pair (for the people of the rows shown,
  or for everyone at the first sort on the column). The sort on ``Herval?`` needs only whether
  each check is possible: decided for the few absences within a window of their previous
  return, without writing the explanation; the whole check is made when its row is shown.

The day count, the next contact and the relapse flag depend on ``today``, which the page
injects (tests pick any day). No medical data exists to show: only dates, the kind of
incapacity and the contact state.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date, timedelta
from enum import Enum
from functools import cache
from heapq import heappop, heappush
from itertools import chain
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from kmo_reintegratie.absence import Absence, Employee, display_names
from kmo_reintegratie.contact_schedule import ContactDue, DueState, next_contact
from kmo_reintegratie.dates import format_date, relative_day
from kmo_reintegratie.legal import RelapseCheck, is_possible_relapse
from kmo_reintegratie.legal.base import OCCUPATIONAL_KINDS
from kmo_reintegratie.legal.relapse import relapse_days, window_start
from kmo_reintegratie.store.absence_repo import AbsenceSummary
from kmo_reintegratie.store.dossier import Dossier

ABSENCE_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
UNKNOWN = -2  # the previous absence of an index entry not looked for yet
TANGLED = -3  # ... of an entry whose person has overlapping absences: looked for again
#: Rows handed to the view at a time: a few screens full.
FETCH_ROWS = 200


class Column:
    EMPLOYEE = 0
    DEPARTMENT = 1
    STARTS = 2
    EXPECTED_END = 3
    RETURNED = 4
    DAYS = 5
    KIND = 6
    NEXT_CONTACT = 7
    RELAPSE = 8


HEADERS = ("Werknemer", "Afdeling", "Begin", "Verwacht einde", "Hervatting", "Dagen", "Soort",
           "Volgend contact", "Herval?")
DUE_COLOURS = {DueState.OVERDUE: QColor("#f8d7da"), DueState.THIS_WEEK: QColor("#fff3cd")}


class _Dated(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def employee_id(self) -> int: ...
    @property
    def starts(self) -> date: ...
    @property
    def returned_on(self) -> date | None: ...


def previous_absence(absence: Absence, others: list[Absence]) -> Absence | None:
    """The employee's most recent earlier absence that ended (returned) on or before ``absence`` starts."""
    earlier = [a for a in others if a.id != absence.id and a.returned_on is not None
               and a.returned_on <= absence.starts]
    return max(earlier, key=lambda a: a.returned_on or a.starts, default=None)


def previous_entries(by_start: Iterable[int], employee_ids: Sequence[int], starts: Sequence[str],
                     returns: Sequence[str | None], previous: list[int]) -> None:
    """Set ``previous[i]`` of every entry ``i`` of ``by_start`` to the entry of the same
    person's ``previous_absence`` (the most recent earlier absence that ended on or before
    ``i`` starts; of equal returns the first by start), or -1.

    ``by_start``: entries of whole people, in the order of their start, then id. Dates as ISO
    text (they compare like the dates). One sorted pass per person: absences that follow each
    other, the usual case, at once; a person with overlapping or unfinished absences with a
    heap of the returns still to come.
    """
    walk = sorted(by_start, key=employee_ids.__getitem__)  # stable: per person by start, id
    people = list(map(employee_ids.__getitem__, walk))
    ends = list(map(returns.__getitem__, walk))
    # The absence just before, when it is the same person's and ended by then: then the returns
    # rise with the starts and it is the most recent one. Otherwise the person is TANGLED.
    found = [before if person == before_person and end is not None and end <= begins
             else (TANGLED if person == before_person else -1)
             for before, before_person, person, end, begins in zip(
                 chain((-1,), walk), chain((None,), people), people, chain((None,), ends),
                 map(starts.__getitem__, walk))]
    for entry, before in zip(walk, found):
        previous[entry] = before
    if TANGLED in found:
        tangled = {person for person, before in zip(people, found) if before == TANGLED}
        _previous_tangled([(k, i) for k, (i, person) in enumerate(zip(walk, people)) if person in tangled],
                          employee_ids, starts, returns, previous)


def _previous_tangled(items: list[tuple[int, int]], employee_ids: Sequence[int], starts: Sequence[str],
                      returns: Sequence[str | None], previous: list[int]) -> None:
    """``previous_entries`` for people whose absences overlap: the returns not yet reached
    wait in a heap, the latest one reached is the previous (of equal ones, the first by start)."""
    person: int | None = None
    waiting: list[tuple[str, int, int]] = []
    latest, best = "", -1
    for k, i in items:
        if employee_ids[i] != person:
            person, waiting, latest, best = employee_ids[i], [], "", -1
        begins = starts[i]
        while waiting and waiting[0][0] <= begins:
            ends, _k, j = heappop(waiting)
            if ends > latest:
                latest, best = ends, j
        previous[i] = best
        if (ends_i := returns[i]) is not None:
            heappush(waiting, (ends_i, k, i))


def within_relapse_window(previous_return: date, new_start: date, previous_end: date | None) -> bool:
    """``is_possible_relapse(...).possible`` for an incapacity that is no work accident or
    occupational disease, without writing the explanation: for sorting thousands on it."""
    return (new_start - window_start(previous_return, previous_end)).days < relapse_days(new_start)[0]


def relapse_after(absence: _Dated, kind: object, previous: _Dated | None,
                  previous_end: date | None) -> RelapseCheck | None:
    """The relapse check against ``previous`` (whose last certificate day before the return is
    ``previous_end``), or None without a previous return."""
    if previous is None or previous.returned_on is None:
        return None
    return is_possible_relapse(previous.returned_on, absence.starts, previous_end=previous_end, kind=kind)


def relapse_check(absence: Absence, others: list[Absence]) -> RelapseCheck | None:
    """The relapse check against the previous absence's return, or None without a previous return."""
    previous = previous_absence(absence, others)
    if previous is None or previous.returned_on is None:
        return None
    # A certificate that ends on a Friday before a Monday return ends the incapacity on Friday.
    ends = [c.ends for c in previous.certificates if c.ends < previous.returned_on]
    return relapse_after(absence, absence.kind, previous, max(ends, default=None))


class AbsenceRow:
    """One absence in the list; the whole record (``absence``) and the employee are read when
    first asked for."""

    __slots__ = ("summary", "display_name", "department", "contact", "_model", "_absence")

    def __init__(self, summary: AbsenceSummary, display_name: str, department: str, contact: ContactDue,
                 model: AbsenceTableModel) -> None:
        self.summary = summary
        #: The employee's name, with department or number when two people share it.
        self.display_name = display_name
        self.department = department
        self.contact = contact
        self._model = model
        self._absence: Absence | None = None

    @property
    def name(self) -> str:
        return self.display_name or "?"

    @property
    def absence(self) -> Absence:
        # Kept by the row: a page still holds it after the absence was deleted (the undo text).
        if self._absence is None:
            self._absence = self._model.full_absence(self.summary.id)
        return self._absence

    @property
    def employee(self) -> Employee | None:
        return self._model.employee(self.summary.employee_id)

    @property
    def previous(self) -> AbsenceSummary | None:
        """The employee's previous absence that ended before this one began."""
        return self._model.previous_of(self.summary)

    @property
    def relapse(self) -> RelapseCheck | None:
        return self._model.relapse_check_of(self)

    @property
    def relapse_window_reached(self) -> bool:
        """Close enough after the previous return for the relapse check to matter: the window
        (which may start before the return, never after it) is at most this long."""
        previous = self.previous
        return previous is not None and previous.returned_on is not None and (
            self.summary.starts - previous.returned_on).days < relapse_days(self.summary.starts)[0]

    @property
    def possible_relapse(self) -> bool:
        if self.summary.relapse_of is not None:
            return True
        if not self.relapse_window_reached:
            return False
        check = self.relapse
        return bool(check and check.possible)


class Period(str, Enum):
    RUNNING = "lopend"
    ENDED = "afgelopen"
    ALL = "alle"

    @property
    def label(self) -> str:
        return {"lopend": "Lopend", "afgelopen": "Afgelopen", "alle": "Alle"}[self.value]


class AbsenceTableModel(QAbstractTableModel):
    """The absences that pass the filter, in the chosen order, fetched by the view in chunks.

    Filtering and sorting on the start date, the return, the name and the department use a
    light index of every absence; a row's other facts are read when the view fetches it.
    """

    def __init__(self, dossier: Dossier, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._dossier = dossier
        self.today = today
        self.period = Period.RUNNING
        self._words: list[str] = []
        self._sort = (Column.STARTS, Qt.SortOrder.DescendingOrder)
        self._everything = False  # every absence indexed, or those of the people absent now
        # The index: one entry per absence, in parallel lists (ISO dates: they sort as dates).
        self._ids: Sequence[int] = ()
        self._employee_ids: Sequence[int] = ()
        self._starts: Sequence[str] = ()
        self._returns: Sequence[str | None] = ()
        self._position: dict[int, int] = {}  # absence id -> index
        self._names: dict[int, str] = {}  # employee id -> name as listed
        self._departments: dict[int, str] = {}
        self._keys: dict[int, list[Any]] = {}  # sort keys per column, for every index entry
        self._orders: dict[tuple[int, bool], list[int]] = {}  # (column, descending) -> entries
        self._periods: dict[tuple[int, bool, Period], list[int]] = {}  # the same, of one period
        self._shown: list[int] = []  # index entries that pass the filter, in order
        self._fetched = 0
        self._first_contact_days: int | None = None  # the organisation's procedure
        # Read on demand, per load.
        self._rows: dict[int, AbsenceRow] = {}
        self._summaries: dict[int, AbsenceSummary] = {}
        self._full: dict[int, Absence] = {}
        self._employees: dict[int, Employee] = {}
        # Index entry -> the entry of the person's previous absence (-1: none; UNKNOWN: not yet
        # found); made per person, for the people of the rows made, or for all at once.
        self._previous: list[int] = []
        self._by_person: dict[int, list[int]] | None = None  # employee id -> entries
        self._checks: dict[int, RelapseCheck | None] = {}
        self._ends: dict[int, date | None] = {}  # previous absence id -> its last certificate day

    # -- loading ------------------------------------------------------------------------

    def load(self, today: date | None = None, *, keep: int | None = None) -> None:
        """Read the dossier again; ``keep`` stays loaded even when the filter hides it (the
        absence the page shows)."""
        if today is not None:
            self.today = today
        self._load(self.period is not Period.RUNNING, keep)

    def _load(self, everything: bool, keep: int | None = None) -> None:
        absences = self._dossier.absences
        # Of the people absent now, also the absences that ended: the previous ones of the
        # relapse checks. The Lopend filter leaves them out of the list.
        index = absences.index() if everything else absences.index(people_absent_on=self.today, also=keep)
        staff = self._dossier.employees.names()
        self._first_contact_days = self._dossier.organisation.get().contact_first_days
        self.beginResetModel()
        self._everything = everything
        self._ids, self._employee_ids, self._starts, self._returns = index
        self._position = dict(zip(self._ids, range(len(self._ids))))
        self._names = dict(zip((e.id for e in staff), display_names(staff)))  # type: ignore[arg-type]
        self._departments = {e.id: e.department for e in staff}
        self._keys, self._orders, self._periods = {}, {}, {}
        self._rows, self._summaries, self._full = {}, {}, {}
        self._employees, self._checks, self._ends = {}, {}, {}
        self._previous, self._by_person = [UNKNOWN] * len(self._ids), None
        self._refilter()
        self.endResetModel()

    def _materialize(self, entries: Iterable[int]) -> None:
        """Make the rows of these index entries: their summaries, the agreements and last
        contact of the running ones (their next contact), and their relapse checks."""
        todo = [i for i in entries if i not in self._rows]
        if not todo:
            return
        ids = [self._ids[i] for i in todo]
        missing = [absence_id for absence_id in ids if absence_id not in self._summaries]
        self._summaries.update((s.id, s) for s in self._dossier.absences.summaries(ids=missing))
        today = self.today
        # The next contact reads the agreements and the last contact, not the whole contact log.
        running = [absence_id for absence_id in ids if self._summaries[absence_id].is_open(today)
                   and absence_id not in self._full]
        contact_facts = {a.id: a for a in self._dossier.absences.for_next_contact(running)}
        first_days = self._first_contact_days
        made = []
        for i, absence_id in zip(todo, ids):
            summary = self._summaries[absence_id]
            facts = self._full.get(absence_id) or contact_facts.get(absence_id) or summary
            made.append(AbsenceRow(
                summary, self._names.get(summary.employee_id, ""), self._departments.get(summary.employee_id, ""),
                next_contact(facts, today, first_contact_days=first_days), self))
        self._rows.update(zip(todo, made))
        # Their relapse column: the previous absences and certificates of all of them at once.
        self._find_previous(todo)
        self._make_checks([r for r in made if r.summary.relapse_of is not None or r.relapse_window_reached])

    def full_absence(self, absence_id: int) -> Absence:
        """The whole absence (certificates, agreements, contacts), read once per load."""
        if absence_id not in self._full:
            self._full[absence_id] = self._dossier.absences.get(absence_id)
        return self._full[absence_id]

    def employee(self, employee_id: int) -> Employee | None:
        if employee_id not in self._employees:
            if employee_id not in self._names:
                return None
            self._employees[employee_id] = self._dossier.employees.get(employee_id)
        return self._employees[employee_id]

    # -- filtering and sorting ------------------------------------------------------------

    def set_filter(self, *, period: Period | None = None, text: str | None = None) -> None:
        if period is not None:
            self.period = period
        if text is not None:
            self._words = text.strip().casefold().split()
        if self.period is not Period.RUNNING and not self._everything:
            self._load(True)
            return
        self.beginResetModel()
        self._refilter()
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if (column, order) == self._sort:
            # QTableView.sortByColumn sorts twice (through the header's signal and itself); a
            # reload sorts on its own, so the same order again has nothing new to show.
            return
        self._sort = (column, order)
        self.beginResetModel()
        self._refilter()
        self.endResetModel()

    def _refilter(self) -> None:
        order = self._period_order()
        if self._words:
            words = self._words
            matching = {e for e, name in self._names.items()
                        if all(w in f"{name}\n{self._departments[e]}".casefold() for w in words)}
            employee_ids = self._employee_ids
            order = [i for i in order if employee_ids[i] in matching]
        self._shown = order
        self._fetched = min(len(order), FETCH_ROWS)

    def _period_order(self) -> list[int]:
        """The sorted entries of the chosen period (kept: each keystroke starts from them)."""
        column, order = self._sort
        key = (column, order == Qt.SortOrder.DescendingOrder, self.period)
        if key not in self._periods:
            entries = self._order(column, order)
            if self.period is not Period.ALL:
                today, returns, ended = self.today.isoformat(), self._returns, self.period is Period.ENDED
                entries = [i for i in entries if ((r := returns[i]) is not None and r <= today) == ended]
            self._periods[key] = entries
        return self._periods[key]

    def _order(self, column: int, order: Qt.SortOrder) -> list[int]:
        """All index entries sorted on ``column``; ties by start date, then id (descending: all
        reversed, as a proxy model sorts)."""
        descending = order == Qt.SortOrder.DescendingOrder
        if (column, descending) not in self._orders:
            # The index is in id order and Python's sort is stable: sorting on the start date
            # and then on the column gives (column, start, id) without building tuples.
            by_start = self._orders.get((Column.STARTS, False)) or \
                sorted(range(len(self._ids)), key=self._starts.__getitem__)
            ascending = by_start if column == Column.STARTS else \
                sorted(by_start, key=self._sort_keys(column).__getitem__)
            self._orders[(column, False)] = ascending
            self._orders[(column, True)] = ascending[::-1]
        return self._orders[(column, descending)]

    def _sort_keys(self, column: int) -> list[Any]:
        if column not in self._keys:
            self._keys[column] = self._make_sort_keys(column)
        return self._keys[column]

    def _make_sort_keys(self, column: int) -> list[Any]:
        if column in (Column.EMPLOYEE, Column.DEPARTMENT):
            texts = self._names if column == Column.EMPLOYEE else self._departments
            folded = {e: (text or ("?" if column == Column.EMPLOYEE else "")).casefold() for e, text in texts.items()}
            return [folded.get(e, "?" if column == Column.EMPLOYEE else "") for e in self._employee_ids]
        if column == Column.STARTS:
            return self._starts
        if column == Column.RETURNED:
            return [r or "9999-12-31" for r in self._returns]
        if column == Column.NEXT_CONTACT:
            today = self.today.isoformat()
            running = [i for i, (s, r) in enumerate(zip(self._starts, self._returns))
                       if s <= today and (r is None or r > today)]
            self._materialize(running)
            keys = [date.max] * len(self._ids)
            for i in running:
                keys[i] = self._rows[i].contact.due or date.max
            return keys
        if column == Column.RELAPSE:
            return self._relapse_keys()
        # The other columns need every absence's summary: read once, when sorted on.
        summaries = self._all_summaries()
        if column == Column.EXPECTED_END:
            return [s.expected_end or date.max for s in summaries]
        if column == Column.DAYS:
            return [s.days_absent(self.today) for s in summaries]
        if column == Column.KIND:
            labels = {kind: self.tr(kind.label).casefold() for kind in {s.kind for s in summaries}}
            return [labels[s.kind] for s in summaries]
        raise ValueError(f"no column {column}")

    def _all_summaries(self) -> list[AbsenceSummary]:
        """Every indexed absence's summary, in index order."""
        missing = [absence_id for absence_id in self._ids if absence_id not in self._summaries]
        if missing:
            found = self._dossier.absences.summaries() if self._everything else \
                self._dossier.absences.summaries(ids=missing)
            self._summaries.update((s.id, s) for s in found)
        return [self._summaries[absence_id] for absence_id in self._ids]

    # -- relapse checks --------------------------------------------------------------------

    def previous_of(self, summary: AbsenceSummary) -> AbsenceSummary | None:
        entry = self._position[summary.id]
        self._find_previous([entry])
        previous = self._previous[entry]
        return None if previous < 0 else self._summary_at(previous)

    def _summary_at(self, entry: int) -> AbsenceSummary:
        absence_id = self._ids[entry]
        if absence_id not in self._summaries:
            self._summaries.update((s.id, s) for s in self._dossier.absences.summaries(ids=[absence_id]))
        return self._summaries[absence_id]

    def _find_previous(self, entries: Collection[int]) -> None:
        """The previous absence of every absence of these entries' people, and the summaries of
        the entries' previous absences (one query)."""
        previous, employee_ids = self._previous, self._employee_ids
        people = {employee_ids[i] for i in entries if previous[i] == UNKNOWN}
        if people:
            self._people_previous(people)
        ids, summaries = self._ids, self._summaries
        missing = [ids[p] for i in entries if (p := previous[i]) >= 0 and ids[p] not in summaries]
        if missing:
            summaries.update((s.id, s) for s in self._dossier.absences.summaries(ids=missing))

    def _people_previous(self, people: set[int]) -> None:
        previous, employee_ids = self._previous, self._employee_ids
        if self._by_person is None:
            by_person: dict[int, list[int]] = defaultdict(list)
            for entry, employee_id in enumerate(employee_ids):
                by_person[employee_id].append(entry)
            self._by_person = by_person
        # Each person's entries are in id order: a stable sort on the start gives (start, id).
        entries_of = self._by_person
        starts = self._starts
        by_start = chain.from_iterable(sorted(entries_of[e], key=starts.__getitem__) for e in people)
        previous_entries(by_start, employee_ids, starts, self._returns, previous)

    def _relapse_keys(self) -> list[int]:
        """0 for every index entry flagged as a possible relapse, else 1: one pass over everyone
        for the previous absences; the rule only for the absences close after their previous
        return; the registered relapses and the occupational kinds from one scan."""
        previous, starts, returns, ids = self._previous, self._starts, self._returns, self._ids
        if UNKNOWN in previous:
            previous_entries(self._order(Column.STARTS, Qt.SortOrder.AscendingOrder), self._employee_ids,
                             starts, returns, previous)
        registered, occupational = self._dossier.absences.relapse_marks(OCCUPATIONAL_KINDS)
        keys = [1] * len(ids)
        position = self._position
        for absence_id in registered:
            if (i := position.get(absence_id)) is not None:
                keys[i] = 0
        # Close after the previous return: it lies after the window's length before the start
        # (ISO dates compare as text; one limit per start date). A work accident or occupational
        # disease is never a relapse.
        limits = {day: self._window_limit(day) for day in set(starts)}
        close = [i for i, (before, begins) in enumerate(zip(previous, starts))
                 if before >= 0 and returns[before] > limits[begins]]  # type: ignore[operator]
        close = [i for i in close if keys[i] and ids[i] not in occupational]
        wanted = {ids[previous[i]] for i in close} - self._ends.keys()
        if wanted:
            found = self._dossier.absences.last_certificate_days(wanted)
            self._ends.update((absence_id, found.get(absence_id)) for absence_id in wanted)
        day, ends = date.fromisoformat, self._ends
        for i in close:
            before = previous[i]
            if within_relapse_window(day(returns[before]), day(starts[i]), ends[ids[before]]):  # type: ignore[arg-type]
                keys[i] = 0
        return keys

    @staticmethod
    @cache
    def _window_limit(start: str) -> str:
        """The latest return, as ISO text, that is too early for the relapse window of an
        absence starting on ``start``: the window is at most this long after the return."""
        day = date.fromisoformat(start)
        return (day - timedelta(days=relapse_days(day)[0])).isoformat()

    def relapse_check_of(self, row: AbsenceRow) -> RelapseCheck | None:
        if row.summary.id not in self._checks:
            self._make_checks([row])
        return self._checks[row.summary.id]

    def _make_checks(self, rows: Sequence[AbsenceRow]) -> None:
        todo = [(r.summary, r.previous) for r in rows if r.summary.id not in self._checks]
        wanted = {previous.id for _s, previous in todo if previous is not None} - self._ends.keys()
        if wanted:
            found = self._dossier.absences.last_certificate_days(wanted)
            self._ends.update((absence_id, found.get(absence_id)) for absence_id in wanted)
        for summary, previous in todo:
            self._checks[summary.id] = relapse_after(
                summary, summary.kind, previous, self._ends.get(previous.id) if previous else None)

    # -- rows -------------------------------------------------------------------------------

    def row_at(self, row: int) -> AbsenceRow:
        """The row the view shows at ``row``."""
        entry = self._shown[row]
        if entry not in self._rows:
            # Made a chunk at a time: the rows around it are usually asked for next.
            start = row - row % FETCH_ROWS
            self._materialize(self._shown[start:start + FETCH_ROWS])
        return self._rows[entry]

    def find(self, absence_id: int) -> AbsenceRow | None:
        """The row of ``absence_id`` when it is loaded, shown or not."""
        position = self._position.get(absence_id)
        if position is None:
            return None
        self._materialize([position])
        return self._rows[position]

    def view_row(self, absence_id: int, *, fetch: bool = True) -> int:
        """Where the view shows ``absence_id`` (with ``fetch``: fetching up to it), or -1 when
        the filter hides it (or it lies further down than fetched)."""
        position = self._position.get(absence_id)
        if position is None:
            return -1
        try:
            row = self._shown.index(position)
        except ValueError:
            return -1
        if row >= self._fetched and not fetch:
            return -1
        if row >= self._fetched:
            self.beginInsertRows(QModelIndex(), self._fetched, row)
            self._fetched = row + 1
            self.endInsertRows()
        return row

    def matching_rows(self) -> list[AbsenceRow]:
        """Every row that passes the filter, in order (also those the view has not fetched yet)."""
        self._materialize(self._shown)
        return [self._rows[i] for i in self._shown]

    # -- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._fetched

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._fetched < len(self._shown)

    def fetchMore(self, parent: Index) -> None:
        more = min(FETCH_ROWS, len(self._shown) - self._fetched)
        if parent.isValid() or more <= 0:
            return
        self.beginInsertRows(QModelIndex(), self._fetched, self._fetched + more - 1)
        self._fetched += more
        self.endInsertRows()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == ABSENCE_ROLE:
            return row.summary
        if role == SORT_ROLE:
            return self._sort_keys_of(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.DAYS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.NEXT_CONTACT:
                return row.contact.reason
            if column == Column.RELAPSE and row.possible_relapse:
                return self._relapse_tooltip(row)
            return self._text(row, column) or None
        if column == Column.NEXT_CONTACT and row.contact.state in DUE_COLOURS:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(DUE_COLOURS[row.contact.state])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor("#212529"))
        if (column == Column.NEXT_CONTACT and row.contact.state is DueState.NO_CONTACT
                and role == Qt.ItemDataRole.ForegroundRole):
            return QBrush(QColor("#6c757d"))
        if column == Column.RELAPSE and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ForegroundRole) \
                and row.possible_relapse:
            return QBrush(QColor("#fff3cd" if role == Qt.ItemDataRole.BackgroundRole else "#212529"))
        return None

    def texts(self, column: int, rows: int) -> list[str]:
        """The texts of ``column`` in the first ``rows`` rows shown (to fit the column to them)."""
        return [self._text(self.row_at(row), column) for row in range(min(rows, self._fetched))]

    def _sort_keys_of(self, row: AbsenceRow, column: int) -> Any:
        return self._sort_keys(column)[self._position[row.summary.id]]

    def _text(self, row: AbsenceRow, column: int) -> str:
        absence = row.summary
        if column == Column.EMPLOYEE:
            return row.name
        if column == Column.DEPARTMENT:
            return row.department
        if column == Column.STARTS:
            return format_date(absence.starts)
        if column == Column.EXPECTED_END:
            return format_date(absence.expected_end)
        if column == Column.RETURNED:
            return format_date(absence.returned_on)
        if column == Column.DAYS:
            return str(absence.days_absent(self.today))
        if column == Column.KIND:
            return self.tr(absence.kind.label)
        if column == Column.NEXT_CONTACT:
            contact = row.contact
            if contact.state is DueState.NO_CONTACT:
                return self.tr("geen contact gewenst")
            if contact.due is None:
                return ""
            if contact.state in (DueState.OVERDUE, DueState.THIS_WEEK):
                # The same words as on Overzicht: "over 3 dagen", "4 dagen te laat".
                return f"{format_date(contact.due)} ({relative_day(contact.due, self.today)})"
            return format_date(contact.due)
        if column == Column.RELAPSE:
            if not row.possible_relapse:
                return ""
            check = row.relapse
            unsure = check is not None and not check.confirmed
            return self.tr("mogelijk herval (te bevestigen)") if unsure else self.tr("mogelijk herval")
        return ""

    def _relapse_tooltip(self, row: AbsenceRow) -> str:
        parts = []
        check = row.relapse
        if check is not None and check.possible:
            parts.append(check.explanation)
            if check.unconfirmed_reason:
                parts.append(self.tr("Te bevestigen: {0}").format(check.unconfirmed_reason))
        if row.summary.relapse_of is not None:
            parts.append(self.tr("Geregistreerd als herval: de wettelijke termijnen lopen door vanaf de "
                                 "vorige afwezigheid."))
        return "\n\n".join(parts)
