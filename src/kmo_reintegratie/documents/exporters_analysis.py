"""Exporters for the absence analysis (``analyse``) and the annual report (``jaarverslag``).

Each ``export_*(dossier, out, options)`` reads what it needs from an open dossier (read-only
is enough), writes one PDF to ``out`` (a file, or ``<name>.pdf`` inside ``out`` when it is a
folder) and returns ``[path]``. Wrong options raise ``ValueError`` with a Dutch message,
which the command line shows before exiting non-zero.

* ``analyse``: the period from ``--van``/``--tot`` (ISO or dd-mm-jjjj), else the year of
  ``--jaar``, else the current calendar year; one of the two dates alone extends to the
  start or end of its year.
* ``jaarverslag``: the year of ``--jaar``, else the current year (a running year is
  reported up to today, and the report says so). Free text (refusal reasons, lessons) is
  printed only as approved in ``options.approved_lessons``; the command line approves none,
  and the report says so. ``review_candidates`` gives the lines the window asks about.

The renderers are imported inside the functions so that listing the documents (the
command line's ``--help``) does not load reportlab.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.analysis import Period, year_period
from kmo_reintegratie.dates import parse_date

if TYPE_CHECKING:
    from kmo_reintegratie.analysis import AnalysisResult
    from kmo_reintegratie.annual_report import Names, ReviewLine, YearAbsence
    from kmo_reintegratie.assessment import RoundData
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier

FIRST_YEAR = 1900
FORMAT_HINT = "Gebruik jjjj-mm-dd of dd-mm-jjjj, bijvoorbeeld 2026-01-01 of 01-01-2026."


def export_analyse(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """The analysis of the chosen period (and department, if any): ``analyse.pdf``."""
    return [write_analysis(dossier, out, options, today=date.today())]


def export_jaarverslag(dossier: Dossier, out: Path, options: ExportOptions) -> list[Path]:
    """The anonymised annual report for the prevention committee: ``jaarverslag-<jaar>.pdf``."""
    return [write_annual_report(dossier, out, options, today=date.today())]


# --------------------------------------------------------------------------- analyse


def _parse(text: str, option: str, what: str) -> date:
    try:
        value = parse_date(text)
    except ValueError as error:
        raise ValueError(f"De {what} ({option}) '{text}' is geen geldige datum. {error}") from None
    if value is None:
        raise ValueError(f"De {what} ({option}) is leeg. {FORMAT_HINT}")
    return value


def _check_year(year: int, today: date) -> int:
    if not FIRST_YEAR <= year <= today.year:
        raise ValueError(
            f"Het jaar {year} kan niet: kies een jaar van {FIRST_YEAR} tot en met {today.year}."
        )
    return year


def analysis_period(options: ExportOptions, today: date) -> Period:
    """The period asked for by ``--van``/``--tot``/``--jaar`` (see the module docstring)."""
    start = _parse(options.date_from, "--van", "begindatum") if options.date_from else None
    end = _parse(options.date_to, "--tot", "einddatum") if options.date_to else None
    if start is None and end is None:
        return year_period(_check_year(options.year or today.year, today))
    start = start or date((end or today).year, 1, 1)
    end = end or date(start.year, 12, 31)
    period = Period(start, end)  # refuses an end before the start, in Dutch
    if period.start > today:
        raise ValueError(
            f"De periode begint na vandaag ({today:%d-%m-%Y}); er zijn nog geen cijfers."
        )
    return period


def write_analysis(dossier: Dossier, out: Path, options: ExportOptions, *, today: date) -> Path:
    from kmo_reintegratie.documents.analysis_pdf import AnalysisDocument, render_analysis

    period = analysis_period(options, today)
    department = options.department or None
    if department is not None and department not in dossier.analysis.departments():
        raise ValueError(f"Er is geen afdeling '{department}' in dit dossier.")
    result = dossier.analysis.analyse(period, department=department, today=today)
    result = with_bradford_context(dossier, result, today)
    document = AnalysisDocument(dossier.organisation.get().display_name, result, today)
    return render_analysis(document, _pdf_path(out, "analyse"))


def with_bradford_context(dossier: Dossier, result: AnalysisResult, today: date) -> AnalysisResult:
    """``result`` with what the Bradford list needs to advise a talk or explain why not
    (absent today, no contact wanted, one long absence); read-only, one pass."""
    from dataclasses import replace

    from kmo_reintegratie.analysis import bradford_contexts

    if not result.bradford:
        return result
    # The listed people's absences light (dates and relapse links), and whole (with their
    # contact agreements) only those running today: reading every absence whole took seconds.
    light = dossier.absences.summaries(employee_ids={row.employee_id for row in result.bradford})
    whole = {a.id: a for a in dossier.absences.many([a.id for a in light if a.is_open(today)])}
    absences = [whole.get(a.id, a) for a in light]
    contexts = bradford_contexts(result.bradford, absences, result.bradford_period(), today)  # type: ignore[arg-type]
    return replace(result, bradford_context=contexts)


# --------------------------------------------------------------------------- jaarverslag


def write_annual_report(
    dossier: Dossier, out: Path, options: ExportOptions, *, today: date
) -> Path:
    from kmo_reintegratie.annual_report import build_annual_report
    from kmo_reintegratie.documents.annual_report_pdf import render_annual_report
    from kmo_reintegratie.instrument import load_instrument

    year = _check_year(options.year or today.year, today)
    organisation = dossier.organisation.get()
    employees = dossier.employees.list()
    report = build_annual_report(
        year,
        organisation.display_name,
        _year_absence(dossier, year, today, {e.department for e in employees}),
        _year_absence(dossier, year - 1, today, {e.department for e in employees}),
        dossier.trajectories.list(),
        names=masked_names(dossier),
        assessment=_round_of(dossier, year),
        instrument=load_instrument(),
        today=today,
        approved=options.approved_lessons,
    )
    return render_annual_report(report, _pdf_path(out, f"jaarverslag-{year}"))


def masked_names(dossier: Dossier) -> Names:
    """What the jaarverslag must not name: every person stored anywhere in the dossier
    (employees; managers, contact persons, colleagues who made a contact, the people in
    the organisation's roles, mentors, the "Wie" of actions: ``store.people_names``), their
    stored e-mail addresses, and the external service's team name as a whole phrase (it
    names no person, and its words, "Team", are ordinary words)."""
    from kmo_reintegratie.annual_report import Names
    from kmo_reintegratie.store.people_names import dossier_people

    found = dossier_people(dossier)
    return Names(
        employees=tuple(p.name for p in found.people if p.employee),
        contacts=tuple(p.name for p in found.people if not p.employee and p.name),
        phrases=found.phrases,
        emails=tuple(e for p in found.people for e in p.emails),
    )


def review_candidates(dossier: Dossier, year: int, today: date) -> tuple[ReviewLine, ...]:
    """The free-text lines the jaarverslag of ``year`` could print, names replaced, for the
    user to review and approve one by one (``ExportOptions.approved_lessons``)."""
    from kmo_reintegratie.annual_report import review_lines

    year = _check_year(year, today)
    return review_lines(dossier.trajectories.list(), year_period(year), masked_names(dossier))


def _year_absence(dossier: Dossier, year: int, today: date, departments: set[str]) -> YearAbsence:
    from kmo_reintegratie.annual_report import YearAbsence

    period = year_period(year)
    counted = Period(period.start, max(period.start, min(period.end, today)))
    analysis = dossier.analysis
    return YearAbsence(
        counted,
        analysis.aggregates(period, department=None, today=today),
        {d: analysis.aggregates(period, department=d, today=today) for d in sorted(departments)},
    )


def _round_of(dossier: Dossier, year: int) -> RoundData | None:
    """The latest self-assessment round held in ``year``, else the latest before it."""
    rounds = [r for r in dossier.assessments.rounds() if r.held_on.year <= year]
    if not rounds:
        return None
    latest = max(rounds, key=lambda r: (r.held_on, r.id))
    return dossier.assessments.round_data(latest.id)


def _pdf_path(out: Path, default_name: str) -> Path:
    """``out`` itself, or ``default_name``.pdf inside it when it is a folder; parents made."""
    out = Path(out)
    if out.is_dir():
        out = out / f"{default_name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    return out
