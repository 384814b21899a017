"""The documents the program can print, by the name used on the command line.

Each exporter takes an open dossier and an output path and writes PDF files;
it returns the paths written. Later areas add their documents here.

``DocumentKind.export`` is what the command line and the window call: it never writes
over the dossier being exported nor over any other dossier (``output_guard``), and
raises ``OutputRefused`` (a ``ValueError`` with a Dutch message) instead.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from kmo_reintegratie.documents.output_guard import OutputRefused, refuse_dossier_target
from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.assessment import RoundData
    from kmo_reintegratie.store.dossier import Dossier


@record
class ExportOptions:
    employee: str | None = None
    year: int | None = None
    date_from: str | None = None
    date_to: str | None = None
    #: A specific self-assessment round (the window prints the round on screen).
    round_id: int | None = None
    #: One employee by id (the window; same names are possible), instead of ``employee``.
    employee_id: int | None = None
    #: One trajectory (the window prints the plan or report on screen).
    trajectory_id: int | None = None
    #: This plan version (``plan`` with ``trajectory_id``); None for the current one.
    plan_version: int | None = None
    #: Only this department (``analyse``); None for the whole organisation.
    department: str | None = None
    #: One absence (``overmacht``: the notice of the absence on screen).
    absence_id: int | None = None
    #: One preventive request (``preventief``: the answer on screen).
    request_id: int | None = None
    #: People by initials rather than full names (``agenda``: event texts leave the program).
    initials: bool = True
    #: The salutation of a letter as chosen in the dialog ("Beste Koen,"); None: the default.
    salutation: str | None = None
    #: Free-text lines (lessons, refusal reasons) the user reviewed and approved for the
    #: jaarverslag; None: none are printed (the command line prints no unreviewed free
    #: text to the committee).
    approved_lessons: tuple[str, ...] | None = None


Exporter = Callable[["Dossier", Path, ExportOptions], list[Path]]


@record
class DocumentKind:
    name: str
    description: str
    exporter: Exporter
    #: Writes one PDF per person into a folder (``-o DIR``) instead of one file.
    per_person: bool = False
    #: Added to an output name without extension, and how messages name the file.
    suffix: str = ".pdf"
    what: str = "de PDF"

    @property
    def usage(self) -> str:
        """The description as the command line lists it: per-person documents take a folder."""
        return f"{self.description} (-o MAP)" if self.per_person else self.description

    def export(self, dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
        """Write the document(s) to ``out`` and return the paths written.

        A single document goes to ``out`` (``.pdf`` added when it has no extension) or,
        when ``out`` is a folder, to a default name inside it.

        Raises ``OutputRefused`` before writing when ``out`` is the dossier or another
        dossier; every file written is checked again just before (a per-person folder may
        hold a dossier under a target's name). Other ``ValueError``s: a wrong option, or
        nothing to print.
        """
        out = Path(out)
        what = "de map met de PDF's" if self.per_person else self.what
        refuse_dossier_target(out, dossier=dossier.path, what=what)
        if not self.per_person and not out.suffix and not out.is_dir():
            out = out.with_name(out.name + self.suffix)  # "-o rapport" means rapport.pdf
        try:
            return self.exporter(dossier, out, options)
        except OutputRefused as refused:
            if not self.per_person or refused.target.parent != out:
                raise
            # The user chose the folder, not the names in it: advise another folder.
            raise OutputRefused(
                refused.target,
                f"In {out} staat een dossier met de naam {refused.target.name}; "
                "kies een andere map voor de PDF's.",
            ) from None


def _instrument(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
    from kmo_reintegratie.documents.instrument_pdf import render_instrument
    from kmo_reintegratie.instrument import load_instrument

    if out.is_dir():  # "-o MAP", as for the other documents
        out = out / "checklists.pdf"
    # The stored name: paper gets a blank line to fill in, not a stand-in.
    render_instrument(load_instrument(), dossier.organisation.get().name, out)
    return [out]


def _rounds_to_print(dossier: "Dossier", round_id: int | None = None) -> tuple["RoundData", "RoundData | None"]:
    """The chosen (default: latest) round's data and the round before it (None when there is none)."""
    rounds = dossier.assessments.rounds()
    if not rounds:
        raise ValueError("Dit dossier heeft nog geen zelfevaluatie.")
    index = next((i for i, r in enumerate(rounds) if r.id == round_id), 0)
    previous = dossier.assessments.round_data(rounds[index + 1].id) if len(rounds) > index + 1 else None
    return dossier.assessments.round_data(rounds[index].id), previous


def _pdf_path(out: Path, default_name: str) -> Path:
    """``out`` itself, or ``default_name``.pdf inside it when it is a folder; parents made."""
    if out.is_dir():
        out = out / f"{default_name}.pdf"
    out.parent.mkdir(parents=True, exist_ok=True)
    return out


def _assessment_report(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
    from kmo_reintegratie.documents.assessment_report import render_assessment_report
    from kmo_reintegratie.instrument import load_instrument

    data, previous = _rounds_to_print(dossier, options.round_id)
    out = _pdf_path(out, "zelfevaluatie")
    name = dossier.organisation.get().name  # blank: a line to fill in on paper
    today = date.today()
    render_assessment_report(load_instrument(), name, data, out, today=today, previous=previous)
    return [out]


def _action_plan(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
    from kmo_reintegratie.documents.action_plan_pdf import render_action_plan
    from kmo_reintegratie.instrument import load_instrument

    data, _previous = _rounds_to_print(dossier, options.round_id)
    out = _pdf_path(out, "actieplan")
    name = dossier.organisation.get().name  # blank: a line to fill in on paper
    render_action_plan(load_instrument(), name, data, out, today=date.today())
    return [out]


def _people(name: str) -> Exporter:
    """The exporters that write one PDF per absence or trajectory (imported lazily: reportlab is slow)."""

    def export(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
        from kmo_reintegratie.documents import exporters_people

        return getattr(exporters_people, f"export_{name}")(dossier, out, options)

    return export


def _duty(module: str, function: str) -> Exporter:
    """Exporters of the preventive request and medical force majeure letters (lazy: reportlab)."""

    def export(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
        from importlib import import_module

        exporter = getattr(import_module(f"kmo_reintegratie.documents.{module}"), function)
        return exporter(dossier, out, options)  # type: ignore[no-any-return]

    return export


def _agenda(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
    from kmo_reintegratie.documents.calendar_export import export_agenda

    return export_agenda(dossier, out, options)


def _analysis(function: str) -> Exporter:
    def export(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
        from kmo_reintegratie.documents import exporters_analysis

        return getattr(exporters_analysis, function)(dossier, out, options)

    return export


DOCUMENTS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(
            "checklists",
            "De vier lege checklists van het instrument, om op papier in te vullen",
            _instrument,
        ),
        DocumentKind(
            "zelfevaluatie",
            "Verslag van de laatste zelfevaluatie: antwoorden, opmerkingen en acties",
            _assessment_report,
        ),
        DocumentKind(
            "actieplan",
            "Het actieplan van de laatste zelfevaluatie, liggend, geordend op deadline",
            _action_plan,
        ),
        DocumentKind(
            "contactlog",
            "Contactlog per afwezigheid, met afspraken en 'voor gezien' door de werknemer",
            _people("contactlog"),
            per_person=True,
        ),
        DocumentKind(
            "infobrief",
            "Persoonlijke informatiebrief voor wie vandaag afwezig is",
            _people("infobrief"),
            per_person=True,
        ),
        DocumentKind(
            "plan",
            "Re-integratieplan of afspraken over de terugkeer, met handtekeningen",
            _people("plan"),
            per_person=True,
        ),
        DocumentKind(
            "verslag",
            "Gemotiveerd verslag wanneer geen plan mogelijk is",
            _people("verslag"),
            per_person=True,
        ),
        DocumentKind(
            "preventief",
            "Antwoord van de werkgever op het advies na een preventief verzoek",
            _duty("preventive_letter_pdf", "export_preventief"),
            per_person=True,
        ),
        DocumentKind(
            "overmacht",
            "Ontwerp van de aangetekende kennisgeving medische overmacht",
            _duty("force_majeure_pdf", "export_overmacht"),
            per_person=True,
        ),
        DocumentKind(
            "analyse",
            "Afwezigheidsanalyse met formules, grafieken en Bradford-lijst – vertrouwelijk (--van/--tot)",
            _analysis("export_analyse"),
        ),
        DocumentKind(
            "jaarverslag",
            "Geanonimiseerd jaarverslag re-integratie voor het comité (--jaar)",
            _analysis("export_jaarverslag"),
        ),
    )
}

AGENDA = DocumentKind(
    "agenda",
    "Herinneringen voor de komende 90 dagen als agendabestand (.ics), met initialen "
    "(--volledige-namen)",
    _agenda,
    suffix=".ics",
    what="de agenda",
)


def _access(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
    from kmo_reintegratie.documents.exporters_access import export_inzage

    return export_inzage(dossier, out, options)


#: The access export (GDPR art. 15) of one person: a readable PDF and a JSON file. Not a
#: document to print for signature, so not in ``DOCUMENTS`` (the print preview and its checks).
ACCESS = DocumentKind(
    "inzage",
    "Inzage-export (AVG art. 15): alles over één persoon als PDF en JSON (--werknemer NAAM)",
    _access,
    per_person=True,
)

#: Everything ``kmo-reintegratie export`` can write: the PDF documents, the agenda and the
#: access export. These two stay out of ``DOCUMENTS``, whose every entry is one kind of PDF
#: per person or subject (tests print them all).
EXPORTS: dict[str, DocumentKind] = {**DOCUMENTS, AGENDA.name: AGENDA, ACCESS.name: ACCESS}
