"""Absence figures aggregated in SQLite: hours, counts and sums per period and group.

Nothing here loads every absence into Python. The dossier is first *staged*
into indexed temporary tables with dates as whole day numbers (once, and again
only after the dossier changed); every recompute for another period or
department then runs a few aggregate queries over them that return a handful of
rows: per-day changes of working time per department, one row of counts, one
row per weekday, one row per employee absent in the Bradford window.

Temporary tables live outside the dossier file: staging writes nothing to it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kmo_reintegratie.analysis import (
    DEFAULT_BRADFORD_THRESHOLD,
    SHORT_SPELL_DAYS,
    Aggregates,
    AnalysisResult,
    BradfordRow,
    MonthPoint,
    Period,
    bradford_window,
    figures,
    month_period,
    months_in,
    weekday_distribution,
)
from kmo_reintegratie.holidays import is_public_holiday

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier

DEFAULT_DAY_HOURS = 38.0 / 5
_DN = "CAST(julianday({0}) AS INTEGER)"  # a date as SQLite's whole day number
FAR_PAST, FAR_FUTURE = "'0001-01-01'", "'9999-12-31'"

_STAGE_SQL = (
    "DROP TABLE IF EXISTS temp.t_dep",
    "DROP TABLE IF EXISTS temp.t_emp",
    "DROP TABLE IF EXISTS temp.t_regime",
    "DROP TABLE IF EXISTS temp.t_spell",
    "DROP TABLE IF EXISTS temp.t_seg",
    "CREATE TEMP TABLE t_dep AS SELECT DISTINCT department AS name FROM employee",
    f"""CREATE TEMP TABLE t_emp AS
        SELECT e.id, d.rowid AS dep, e.name,
               {_DN.format(f"coalesce(e.in_service_from, {FAR_PAST})")} AS s_from,
               {_DN.format(f"coalesce(date(e.out_of_service_from, '-1 day'), {FAR_FUTURE})")} AS s_to
        FROM employee e JOIN temp.t_dep d ON d.name = e.department""",
    "CREATE UNIQUE INDEX temp.t_emp_id ON t_emp (id)",
    # Regime spans; the first regime also covers the time before it, an
    # employee without a regime counts as full time.
    f"""CREATE TEMP TABLE t_regime AS
        SELECT employee_id,
               {_DN.format(f"CASE WHEN row_number() OVER w = 1 THEN {FAR_PAST} ELSE valid_from END")} AS r_from,
               {_DN.format(f"coalesce(date(lead(valid_from) OVER w, '-1 day'), {FAR_FUTURE})")} AS r_to,
               hours_per_week / 5.0 AS day_hours
        FROM employee_regime WINDOW w AS (PARTITION BY employee_id ORDER BY valid_from)
        UNION ALL
        SELECT id, {_DN.format(FAR_PAST)}, {_DN.format(FAR_FUTURE)}, {DEFAULT_DAY_HOURS}
        FROM employee WHERE id NOT IN (SELECT employee_id FROM employee_regime)""",
    "CREATE INDEX temp.t_regime_employee ON t_regime (employee_id)",
    # Spells up to today (an open absence counts as absent until today).
    f"""CREATE TEMP TABLE t_spell AS
        SELECT a.id, a.employee_id, e.dep, {_DN.format("a.starts")} AS starts,
               min(coalesce({_DN.format("date(a.returned_on, '-1 day')")}, :today), :today) AS last,
               {_DN.format("a.returned_on")} AS returned
        FROM absence a JOIN temp.t_emp e ON e.id = a.employee_id
        WHERE a.starts <= date(:today_iso)""",
    "CREATE INDEX temp.t_spell_starts ON t_spell (starts)",
    "CREATE INDEX temp.t_spell_last ON t_spell (last)",
    # Stretches of working time: kind 0 = contractual (service ∩ regime),
    # kind 1 = absent (absence piece between partial returns ∩ service ∩ regime),
    # with the hours per working day.
    f"""CREATE TEMP TABLE t_seg AS
        WITH pr AS (
            SELECT absence_id, {_DN.format("starts")} AS p_from, percentage, hours_per_week,
                   {_DN.format("lead(starts) OVER (PARTITION BY absence_id ORDER BY starts)")} - 1 AS next_last
            FROM partial_return
        ),
        piece AS (
            SELECT s.employee_id, s.dep, s.starts AS p_from,
                   coalesce((SELECT min(p_from) FROM pr WHERE pr.absence_id = s.id) - 1, s.last) AS p_to,
                   NULL AS pct, NULL AS hrs
            FROM temp.t_spell s
            UNION ALL
            SELECT s.employee_id, s.dep, pr.p_from, min(coalesce(pr.next_last, s.last), s.last),
                   pr.percentage, pr.hours_per_week
            FROM temp.t_spell s JOIN pr ON pr.absence_id = s.id
        )
        SELECT e.dep, 0 AS kind, r.day_hours AS h, max(e.s_from, r.r_from) AS a, min(e.s_to, r.r_to) AS z
        FROM temp.t_emp e JOIN temp.t_regime r ON r.employee_id = e.id
        WHERE max(e.s_from, r.r_from) <= min(e.s_to, r.r_to)
        UNION ALL
        SELECT pc.dep, 1, r.day_hours * CASE
                   WHEN pc.pct IS NOT NULL THEN 1 - pc.pct / 100.0
                   WHEN pc.hrs IS NOT NULL THEN max(0, 1 - pc.hrs / (r.day_hours * 5))
                   ELSE 1 END,
               max(pc.p_from, e.s_from, r.r_from), min(pc.p_to, e.s_to, r.r_to)
        FROM piece pc JOIN temp.t_emp e ON e.id = pc.employee_id
          JOIN temp.t_regime r ON r.employee_id = pc.employee_id
        WHERE max(pc.p_from, e.s_from, r.r_from) <= min(pc.p_to, e.s_to, r.r_to)""",
    "CREATE INDEX temp.t_seg_z ON t_seg (z)",
)

_DEP = "(:dep IS NULL OR dep = :dep)"

# Per-day changes of working time: +h on the first day of a stretch, −h the day
# after its last, summed per department. Python walks the days once.
_DELTAS_SQL = f"""
SELECT dep, kind, max(a, :lo), sum(h) FROM temp.t_seg WHERE z >= :lo AND a <= :hi AND {_DEP} GROUP BY 1, 2, 3
UNION ALL
SELECT dep, kind, min(z, :hi) + 1, -sum(h) FROM temp.t_seg WHERE z >= :lo AND a <= :hi AND {_DEP} GROUP BY 1, 2, 3
"""

_COUNTS_SQL = f"""
WITH spell AS (
    SELECT employee_id, starts, returned, last - starts + 1 AS length
    FROM temp.t_spell WHERE last >= :start AND starts <= :end AND {_DEP}
)
SELECT
    (SELECT count(*) FROM temp.t_emp WHERE s_from <= :end AND s_to >= :start AND {_DEP}),
    (SELECT coalesce(sum(min(s_to, :end) - max(s_from, :start) + 1), 0)
       FROM temp.t_emp WHERE s_from <= :end AND s_to >= :start AND {_DEP}),
    count(DISTINCT employee_id),
    coalesce(sum(starts >= :start), 0),
    count(*),
    coalesce(sum(returned IS NOT NULL AND returned <= :end + 1), 0),
    coalesce(sum(CASE WHEN returned IS NOT NULL AND returned <= :end + 1 THEN returned - starts END), 0),
    coalesce(sum(starts >= :start AND length <= {SHORT_SPELL_DAYS}), 0)
FROM spell
"""

# Day numbers: (dn + 1) % 7 is 0 on Monday, like Python's date.weekday().
_WEEKDAY_SQL = f"""
SELECT (starts + 1) % 7, count(*) FROM temp.t_spell WHERE starts BETWEEN :start AND :end AND {_DEP} GROUP BY 1
"""

_BRADFORD_SQL = """
SELECT s.employee_id, e.name, d.name, count(*), sum(min(s.last, :end) - max(s.starts, :start) + 1)
FROM temp.t_spell s JOIN temp.t_emp e ON e.id = s.employee_id JOIN temp.t_dep d ON d.rowid = s.dep
WHERE s.last >= :start AND s.starts <= :end AND (:dep IS NULL OR s.dep = :dep)
  AND e.s_to >= :today  -- a prompt for a conversation: only people in service today
GROUP BY s.employee_id
"""


class AnalysisRepository:
    def __init__(self, dossier: "Dossier") -> None:
        self._dossier = dossier
        self._staged: tuple[object, ...] | None = None

    @property
    def _conn(self) -> sqlite3.Connection:
        return self._dossier.conn

    # -- settings -------------------------------------------------------------------

    def bradford_threshold(self) -> int:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'bradford_threshold'").fetchone()
        return int(row[0]) if row else DEFAULT_BRADFORD_THRESHOLD

    def set_bradford_threshold(self, value: int) -> None:
        if not 1 <= value <= 100_000:
            raise ValueError("De drempel ligt tussen 1 en 100 000.")
        with self._dossier.writing() as db:
            db.execute("INSERT INTO meta (key, value) VALUES ('bradford_threshold', :v) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value", {"v": str(value)})

    def departments(self) -> list[str]:
        rows = self._conn.execute(
            "SELECT DISTINCT department FROM employee WHERE department <> '' ORDER BY department COLLATE NOCASE")
        return [r[0] for r in rows]

    # -- analysis ---------------------------------------------------------------------

    def analyse(self, period: Period, *, department: str | None, today: date,
                threshold: int | None = None) -> AnalysisResult:
        """All figures of the Analyse page for one period and department."""
        dep = self._stage(today, department)
        months = [month_period(y, m) for y, m in months_in(period)]
        previous_months = [month_period(y, m) for y, m in months_in(period.previous_year())]
        # A period of whole months is the sum of its months; only a custom period
        # needs a bucket of its own. Working time after today is not known yet.
        whole_months = period.start == months[0].start and period.end == months[-1].end
        candidates = [*((("period", period),) if not whole_months else ()),
                      *((f"m{i}", p) for i, p in enumerate(months)),
                      *((f"p{i}", p) for i, p in enumerate(previous_months))]
        buckets = [(name, Period(p.start, min(p.end, today))) for name, p in candidates if p.start <= today]
        hours = self._hours(buckets, dep) if buckets else {}
        if whole_months:
            for (bucket, dept, kind), value in list(hours.items()):
                if bucket.startswith("m"):
                    hours[("period", dept, kind)] = hours.get(("period", dept, kind), 0.0) + value

        def total(bucket: str, kind: int, dept: int | None = None) -> float:
            return sum(v for (b, d, k), v in hours.items() if b == bucket and k == kind and (dept is None or d == dept))

        counted = Period(period.start, max(period.start, min(period.end, today)))
        aggregates = replace(self._counts(counted, dep), contractual_hours=total("period", 0),
                             absent_hours=total("period", 1))
        trend = [MonthPoint(p.start.year, p.start.month, _pct(total(f"m{i}", 1), total(f"m{i}", 0)),
                            *self._month_counts(p, dep)) for i, p in enumerate(months)]
        trend_previous = [MonthPoint(p.start.year, p.start.month, _pct(total(f"p{i}", 1), total(f"p{i}", 0)),
                                     *self._month_counts(p, dep)) for i, p in enumerate(previous_months)]
        names = dict(self._conn.execute("SELECT rowid, name FROM temp.t_dep"))
        headcounts = dict(self._conn.execute(
            f"SELECT dep, count(*) FROM temp.t_emp WHERE s_from <= :end AND s_to >= :start AND {_DEP} GROUP BY dep",
            {"dep": dep, "start": _day_number(period.start), "end": _day_number(period.end)}))
        in_period = sorted({d for (b, d, _k) in hours if b == "period"} | set(headcounts),
                           key=lambda d: names.get(d, "").casefold())
        departments = [(names.get(d) or "(geen afdeling)", _pct(total("period", 1, d), total("period", 0, d)),
                        headcounts.get(d, 0)) for d in in_period]
        window = bradford_window(period, today)
        return AnalysisResult(
            period=period, department=department, figures=figures(aggregates, counted),
            weekday=weekday_distribution(aggregates), trend=trend, trend_previous=trend_previous,
            departments=departments, bradford=self._bradford(window, dep, today),
            bradford_threshold=threshold if threshold is not None else self.bradford_threshold(),
            bradford_span=window,
        )

    def aggregates(self, period: Period, *, department: str | None, today: date) -> Aggregates:
        """The period's aggregates alone (used by the annual report)."""
        dep = self._stage(today, department)
        counted = Period(period.start, max(period.start, min(period.end, today)))
        hours = self._hours([("period", counted)], dep) if period.start <= today else {}
        contractual = sum(v for (_b, _d, k), v in hours.items() if k == 0)
        absent = sum(v for (_b, _d, k), v in hours.items() if k == 1)
        return replace(self._counts(counted, dep), contractual_hours=contractual, absent_hours=absent)

    # -- helpers ------------------------------------------------------------------------

    def _stage(self, today: date, department: str | None) -> int | None:
        """Stage the dossier (again only after it changed); return the department's number."""
        conn = self._conn
        key = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes, today)
        if key != self._staged:
            for statement in _STAGE_SQL:
                conn.execute(statement, {"today": _day_number(today), "today_iso": today.isoformat()}
                             if ":today" in statement else {})
            if conn.in_transaction:
                conn.commit()  # only temporary tables were written
            # total_changes counts our own staging too: remember it after staging.
            self._staged = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes, today)
        if department is None:
            return None
        row = conn.execute("SELECT rowid FROM temp.t_dep WHERE name = :n", {"n": department}).fetchone()
        return int(row[0]) if row else -1

    def _hours(self, buckets: list[tuple[str, Period]], dep: int | None) -> dict[tuple[str, int, int], float]:
        """Contractual (0) and absent (1) working hours per (bucket, department, kind)."""
        first = min(p.start for _, p in buckets)
        last = max(p.end for _, p in buckets)
        lo, hi = _day_number(first), _day_number(last)
        deltas: dict[tuple[int, int], dict[int, float]] = {}
        for d, kind, day, delta in self._conn.execute(_DELTAS_SQL, {"lo": lo, "hi": hi, "dep": dep}):
            changes = deltas.setdefault((d, kind), {})
            changes[day] = changes.get(day, 0.0) + delta
        membership = []
        for offset in range(hi - lo + 1):
            day = first + timedelta(days=offset)
            working = day.weekday() < 5 and not is_public_holiday(day)
            membership.append([name for name, p in buckets if p.start <= day <= p.end] if working else [])
        hours: dict[tuple[str, int, int], float] = {}
        for (d, kind), changes in deltas.items():
            running = 0.0
            for offset, names in enumerate(membership):
                running += changes.get(lo + offset, 0.0)
                if names and running > 1e-9:
                    for name in names:
                        key = (name, d, kind)
                        hours[key] = hours.get(key, 0.0) + running
        return hours

    def _counts(self, period: Period, dep: int | None) -> Aggregates:
        params = {"dep": dep, "start": _day_number(period.start), "end": _day_number(period.end)}
        (employees, service_days, with_absence, started, overlapping, ended, ended_days,
         short) = self._conn.execute(_COUNTS_SQL, params).fetchone()
        weekday = [0] * 7
        for monday_first, count in self._conn.execute(_WEEKDAY_SQL, params):
            weekday[monday_first] = count
        return Aggregates(
            employees=employees, employees_with_absence=with_absence,
            average_headcount=service_days / period.days, spells_started=started,
            spells_overlapping=overlapping, ended_spells=ended, ended_spell_days=int(ended_days),
            short_spells=short, long_spells=started - short, weekday_starts=tuple(weekday),
        )

    def _month_counts(self, month: Period, dep: int | None) -> tuple[int, int]:
        """Employees in service during ``month`` and absences that began in it."""
        params = {"dep": dep, "start": _day_number(month.start), "end": _day_number(month.end)}
        employees = self._conn.execute(
            f"SELECT count(*) FROM temp.t_emp WHERE s_from <= :end AND s_to >= :start AND {_DEP}",
            params).fetchone()[0]
        spells = self._conn.execute(
            f"SELECT count(*) FROM temp.t_spell WHERE starts BETWEEN :start AND :end AND {_DEP}",
            params).fetchone()[0]
        return employees, spells

    def _bradford(self, window: Period, dep: int | None, today: date) -> list[BradfordRow]:
        params = {"dep": dep, "start": _day_number(window.start), "end": _day_number(window.end),
                  "today": _day_number(today)}
        rows = [BradfordRow(i, name, dept, spells, int(days))
                for i, name, dept, spells, days in self._conn.execute(_BRADFORD_SQL, params)]
        return sorted(rows, key=lambda r: (-r.score, r.name))


def _day_number(d: date) -> int:
    """SQLite's julianday() of a date, truncated: the numbers _DN gives."""
    return d.toordinal() + 1721424


def _pct(absent: float, contractual: float) -> float | None:
    return 100 * absent / contractual if contractual else None
