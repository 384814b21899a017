"""The annual re-integration report for the prevention committee as a PDF.

Prints an ``annual_report.AnnualReport``, which holds anonymised data only: this module
adds no data of its own, so whatever reaches the paper passed the anonymisation there.
Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.annual_report import (
    ADDRESSEE,
    ADDRESSEE_WITHOUT_COMMITTEE,
    ANONYMITY_THRESHOLD,
    NOT_REVIEWED,
    SMALL,
    AnnualReport,
    AssessmentSummary,
    CountTable,
    ReportGrounds,
    TextList,
)
from kmo_reintegratie.assessment import ANSWER_ORDER
from kmo_reintegratie.documents.base import (
    FONT_BOLD,
    HEADER_FILL,
    MUTED,
    RULE,
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
    signature_block,
    write_box,
)

TITLE = "Jaarverslag re-integratie"


def render_annual_report(report: AnnualReport, path: Path) -> Path:
    """Write ``report`` to ``path`` (see ``base.build_pdf`` for failure behaviour).

    An organisation with nobody in service, no trajectory and no self-assessment gets one
    page that says there is nothing to report, with the committee's evaluation below it.
    """
    if report.nothing_to_report:
        story: list[Flowable] = [*_heading(report), *_nothing(report), *_closing(report)]
    else:
        story = [
            *_heading(report),
            *_introduction(),
            *_absence(report),
            *_trajectories(report),
            *_steps(report),
            *_reasons(report),
            *_lessons(report),
            *_assessment(report),
            *_closing(report),
        ]
    return build_pdf(
        path,
        story,
        title=f"{TITLE} {report.year}",
        organisation_name=report.organisation_name,
        subject=f"Geglobaliseerde en geanonimiseerde gegevens over re-integratie in {report.year}",
        footer_note=(
            f"Geanonimiseerd: geen namen; aantallen van 1 tot {ANONYMITY_THRESHOLD - 1} als "
            f"“{SMALL}”."
        ),
        header_on_first_page=False,
    )


def _p(text: str, style: ParagraphStyle | None = None) -> RLParagraph:
    return RLParagraph(safe_text(text), style or styles().body)


def _muted() -> ParagraphStyle:
    return ParagraphStyle("muted", parent=styles().small, textColor=MUTED)


def _heading(report: AnnualReport) -> list[Flowable]:
    st = styles()
    return [
        _p(f"{TITLE} {report.year}", st.title),
        _p(report.organisation_name, st.subtitle),
        Spacer(1, 6),
        RLParagraph(f"<b>Aan het {safe_text(ADDRESSEE)}</b>", st.body),
        _p(ADDRESSEE_WITHOUT_COMMITTEE, st.small),
        _p(f"Opgemaakt op {dutch_date(report.made_on)}.", st.body),
    ]


def _introduction() -> list[Flowable]:
    st = styles()
    return [
        _p(
            "Elk jaar bezorgt de werkgever het comité geglobaliseerde en geanonimiseerde gegevens "
            "uit de re-integratieplannen en gemotiveerde verslagen — minstens de stappen om "
            "aangepast of ander werk te vinden en de redenen waarom geen plan kon of een plan "
            "geweigerd werd — en evalueert hij samen met het comité het re-integratiebeleid.",
            st.body,
        ),
        _p(
            f"Dit verslag noemt niemand. Elk aantal van 1 tot {ANONYMITY_THRESHOLD - 1} personen "
            f"of trajecten staat er als “{SMALL}”, en kleine categorieën zijn samengevoegd, "
            "zodat niemand herkend kan worden, ook niet in een kleine onderneming; waar een "
            "tabel daardoor niets meer zou zeggen, staat er één zin. Vrije tekst "
            "(redenen van weigering, lessen) staat er enkel in zoals iemand hem zin per zin "
            "nalas en goedkeurde, en zonder namen.",
            st.body,
        ),
    ]


def _nothing(report: AnnualReport) -> list[Flowable]:
    st = styles()
    return [
        Spacer(1, 6),
        _p(f"Over {report.year} is er niets te rapporteren.", st.h1),
        _p(
            f"Er was in {report.year} niemand in dienst, er liep geen re-integratietraject en "
            "er werd nog geen zelfevaluatie gehouden. Zodra er werknemers, afwezigheden of "
            "trajecten in het dossier staan, toont dit verslag de afwezigheidscijfers, de "
            "trajecten, de stappen en de redenen, zonder namen.",
            st.body,
        ),
        Spacer(1, 10),
    ]


# --------------------------------------------------------------------------- absence


def _absence(report: AnnualReport) -> list[Flowable]:
    st = styles()
    year, previous = report.year, report.year - 1
    story: list[Flowable] = [
        _p(f"1. Afwezigheid in {year} tegenover {previous}", st.h1),
        _p("Cijfers voor de hele organisatie, zonder onderscheid naar persoon.", st.body),
        data_table(
            ["Cijfer", str(year), str(previous)],
            [[r.title, r.this_year, r.previous_year] for r in report.absence],
            ["46%", "27%", "27%"],
        ),
    ]
    if report.period_note:
        story.append(_p(report.period_note, st.small))
    story.append(_p("Hoe berekend", st.label))
    story += [
        RLParagraph(f"<b>{safe_text(r.title)}</b>: {safe_text(r.formula)}", _muted())
        for r in report.absence
    ]
    section: list[Flowable] = [_p("Per afdeling", st.h3)]
    if report.departments:
        section.append(
            data_table(
                [
                    "Afdeling",
                    f"Werknemers {year}",
                    f"Afwezigheid {year}",
                    f"Afwezigheid {previous}",
                ],
                [[r.label, r.employees, r.this_year, r.previous_year] for r in report.departments],
                ["40%", "20%", "20%", "20%"],
            )
        )
    if report.departments_note:
        section.append(_p(report.departments_note, st.body))
    return [*story, KeepTogether(section)]  # the note explains the rows: not on the next page


# --------------------------------------------------------------------------- trajectories


def _count_table(table: CountTable, width: float | None = None) -> list[Flowable]:
    st = styles()
    if table.sentence:  # the rows would only repeat the total: say it in words
        return [_p(table.sentence, st.body)]
    rows: list[list] = [[row.label, row.count] for row in table.rows]
    if table.total is not None:
        bold = ParagraphStyle("total", parent=st.cell, fontName=FONT_BOLD)
        rows.append(
            [
                RLParagraph(safe_text(table.total.label), bold),
                RLParagraph(safe_text(table.total.count), bold),
            ]
        )
    width = width or content_width() * 0.7
    flowables: list[Flowable] = [
        data_table([table.title, "Aantal"], rows, [width * 0.78, width * 0.22], zebra=False)
    ]
    if table.note:
        flowables.append(_p(table.note, _muted()))
    return [KeepTogether(flowables)]


def _trajectories(report: AnnualReport) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        CondPageBreak(6 * cm),
        _p(f"2. Re-integratietrajecten in {report.year}", st.h1),
    ]
    if report.running == "0":
        story.append(_p(f"In {report.year} liep er geen re-integratietraject.", st.body))
        return story
    story.append(
        _p(
            "Informele trajecten (een afspraak met de werknemer, zonder arbeidsarts) en formele "
            "re-integratietrajecten via de arbeidsarts, die in het jaar liepen.",
            st.body,
        )
    )
    for table in report.trajectories:
        story += _count_table(table)
    return story


def _steps(report: AnnualReport) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        CondPageBreak(6 * cm),
        _p("3. Stappen om aangepast of ander werk te vinden", st.h1),
    ]
    if report.running == "0":
        return [*story, _p("Zonder trajecten werden er geen stappen gezet.", st.body)]
    return [*story, *_count_table(report.steps, content_width() * 0.85)]


def _reasons(report: AnnualReport) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [
        CondPageBreak(6 * cm),
        _p("4. Redenen: geen plan of een geweigerd plan", st.h1),
        _p("Gemotiveerde verslagen", st.h3),
        *_grounds(report.grounds),
        _p("Geweigerde plannen", st.h3),
        *_text_list(report.refusals, "geweigerde plannen"),
    ]
    if report.refusals.withheld == NOT_REVIEWED:
        story.append(_p(_REVIEW_HINT, st.small))
    return story


def _grounds(grounds: ReportGrounds) -> list[Flowable]:
    st = styles()
    if not grounds.rows:
        return [_p("Er werd geen gemotiveerd verslag opgemaakt.", st.body)]
    intro = _p(
        f"Aantal gemotiveerde verslagen: {grounds.reports}. Per soort aanpassing of werk de "
        "redenen waarom de werkgever het niet kon aanbieden, zoals de verslagen ze gaven. Zonder "
        "aantallen: in een kleine onderneming zou een aantal tonen over wie het gaat.",
        st.body,
    )
    rows = [[row.subject, "; ".join(row.grounds)] for row in grounds.rows]
    return [intro, data_table(["Aanpassing of werk", "Redenen"], rows, ["38%", "62%"])]


_REVIEW_HINT = (
    "Vrije tekst komt enkel in het jaarverslag nadat iemand elke zin nalas en goedkeurde "
    "(in het venster: Analyse › Jaarverslag afdrukken…)."
)


def _text_list(texts: TextList, what: str) -> list[Flowable]:
    st = styles()
    if texts.behind == "0":
        return [_p(f"{texts.title}: geen {what}.", st.body)]
    if texts.withheld:
        return [_p(f"{texts.title} (uit {texts.behind} {what}): {texts.withheld}.", st.body)]
    story: list[Flowable] = [_p(f"{texts.title} — uit {texts.behind} {what}:", st.body)]
    item = ParagraphStyle("item", parent=st.body, leftIndent=10)
    story += [RLParagraph(f"• {safe_text(text)}", item) for text in texts.texts]
    return story


def _lessons(report: AnnualReport) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [CondPageBreak(5 * cm), _p("5. Lessen uit de afgesloten trajecten", st.h1)]
    if report.closed == "0":
        return [*story, _p(f"In {report.year} werd geen traject afgesloten.", st.body)]
    texts = (report.worked, report.better)
    if all(t.withheld == NOT_REVIEWED or t.behind == "0" for t in texts):
        return [*story, _p(f"Lessen: {NOT_REVIEWED}. {_REVIEW_HINT}", st.body)]
    return [
        *story,
        _p(
            "Wat de evaluatie bij het afsluiten van een traject opleverde, zonder namen; enkel "
            "de zinnen die bij het nalezen goedgekeurd werden.",
            st.body,
        ),
        *_text_list(report.worked, "afgesloten trajecten"),
        *_text_list(report.better, "afgesloten trajecten"),
    ]


# --------------------------------------------------------------------------- self-assessment


def _assessment(report: AnnualReport) -> list[Flowable]:
    st = styles()
    story: list[Flowable] = [CondPageBreak(7 * cm), _p("6. Zelfevaluatie en actieplan", st.h1)]
    summary = report.assessment
    if summary is None:
        story.append(
            _p("Er is nog geen zelfevaluatie met het instrument van de FOD WASO gehouden.", st.body)
        )
        return story
    story.append(_p(f"{summary.round_title}, gehouden op {dutch_date(summary.held_on)}.", st.body))
    if summary.note:
        story.append(_p(summary.note, st.small))
    story.append(_tally_table(summary))
    story += _actions(summary, report)
    return story


def _tally_table(summary: AssessmentSummary) -> Table:
    header = ["Checklist", "Vragen", *(k.label for k in ANSWER_ORDER), "Niet beantwoord"]
    rows = [
        [name, t.total, *(t.count(k) for k in ANSWER_ORDER), t.total - t.answered]
        for name, t in (*summary.checklists, ("Samen", summary.total))
    ]
    table = data_table(header, rows, ["32%", "10%", "13%", "14%", "16.5%", "14.5%"])
    table.setStyle(
        TableStyle(
            [
                ("LINEABOVE", (0, -1), (-1, -1), 1, RULE),
                ("BACKGROUND", (0, -1), (-1, -1), HEADER_FILL),
            ]
        )
    )
    return table


def _actions(summary: AssessmentSummary, report: AnnualReport) -> list[Flowable]:
    st = styles()
    total = summary.open + summary.busy + summary.done
    progress = (
        f"Actieplan: {total} acties — {summary.done} afgerond, {summary.busy} bezig, "
        f"{summary.open} open; {summary.overdue} over de deadline "
        f"(stand op {short_date(report.made_on)})."
    )
    story: list[Flowable] = [Spacer(1, 4), _p(progress, st.body)]
    if summary.actions:
        rows = [[a.what, a.status, a.due, "te laat" if a.overdue else ""] for a in summary.actions]
        story.append(
            data_table(["Actie", "Status", "Deadline", ""], rows, ["58%", "14%", "16%", "12%"])
        )
    return story


# --------------------------------------------------------------------------- closing


def _closing(report: AnnualReport) -> list[Flowable]:
    st = styles()
    number = "" if report.nothing_to_report else "7. "  # alone, it is the only section
    section = [
        _p(f"{number}Evaluatie van het re-integratiebeleid", st.h1),
        _p(
            "In te vullen na de bespreking: wat het comité van het beleid vindt en welke "
            "aanpassingen het voorstelt (collectieve mogelijkheden voor aangepast of ander werk, "
            "contacten tijdens de afwezigheid, opvang bij de terugkeer).",
            st.body,
        ),
        write_box("Bevindingen en voorstellen van het comité", 5 * cm),
        signature_block(
            ["Besproken op", "Voorzitter", "Handtekening"], title=f"Jaarverslag {report.year}"
        ),
    ]
    return [KeepTogether(section)]  # the committee's page stays whole
