"""The motivated report (gemotiveerd verslag) as a PDF.

When the employer cannot make a plan, the report shows for every kind of adaptation, for
adapted work and for other work that it was seriously considered and why it is not
possible: technically or objectively impossible, or not reasonably to be required on
well-founded grounds (fact sheet §2.2), taking into account reasonable accommodation for
people with a disability. Same header as the plan; what happens next (the trajectory ends; after
decision B the referral to the regional service and the 6-month term, with what the fact
sheet does not confirm marked "te bevestigen"); the distribution (employee, occupational
physician, kept for the labour inspection, seed 004); on one page the employer's
signature and the employee's receipt (not an agreement: the employee need not sign the
report, seed 004). Every page's footer names the person and the date. A report that
leaves a subject unconsidered is refused. Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.documents.base import (
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.contact_log_pdf import section_heading
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
    signature_block,
)
from kmo_reintegratie.documents.plan_pdf import (
    CODEX,
    bullet,
    document_title_style,
    person_footer,
    trajectory_header,
)
from kmo_reintegratie.legal import Decision
from kmo_reintegratie.organisation import Organisation, Role
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    MotivatedReport,
    Trajectory,
    TrajectoryKind,
    check_report,
)

TITLE = "Gemotiveerd verslag"


@record
class ReportDocument:
    organisation: Organisation
    employee: Employee
    trajectory: Trajectory
    report: MotivatedReport
    regime_hours: float | None = None


class IncompleteReportError(ValueError):
    """The report leaves a subject unconsidered; ``str()`` lists the Dutch problems."""


def render_report(document: ReportDocument, path: Path) -> Path:
    """Write the report to ``path``.

    Raises ``IncompleteReportError`` (a ValueError; nothing written) when ``check_report``
    finds a subject without ground and reasons. Otherwise see ``base.build_pdf``.
    """
    problems = check_report(document.report)
    if problems:
        raise IncompleteReportError(
            "Het gemotiveerd verslag is niet volledig:\n" + "\n".join(f"  - {p}" for p in problems)
        )
    st = styles()
    report, employee = document.report, document.employee
    formal = document.trajectory.kind is TrajectoryKind.FORMEEL
    story: list[Flowable] = [
        RLParagraph(TITLE, document_title_style()),
        RLParagraph(
            safe_text(f"{employee.name} – opgemaakt op {dutch_date(report.made_on)}"), st.subtitle
        ),
        Spacer(1, 0.3 * cm),
        *trajectory_header(
            document.organisation, employee, document.trajectory, document.regime_hours
        ),
        RLParagraph(safe_text(_introduction(formal)), st.body),
        *_considerations(report),
        *section_heading(
            "Redelijke aanpassingen voor personen met een handicap", "h3", room=3 * cm
        ),
        RLParagraph(
            safe_text(report.disability_accommodation.strip() or "Geen bijzondere toelichting."),
            st.body,
        ),
        *(_next_steps(document.trajectory) if formal else []),
        *section_heading("Verdeling"),
        *_distribution(document, formal),
        _signatures(document),
    ]
    return build_pdf(
        path,
        story,
        title=f"{TITLE} – {employee.name}",
        organisation_name=document.organisation.display_name,
        subject=f"{TITLE} van de werkgever over {employee.name}",
        header_title=TITLE,
        footer_note=person_footer(employee.name, f"{TITLE}, {short_date(report.made_on)}"),
    )


def _introduction(formal: bool) -> str:
    text = (
        "Na overleg en onderzoek kan de werkgever geen plan opmaken. Hieronder staat per "
        "mogelijkheid dat ze ernstig werd overwogen en waarom ze technisch of objectief "
        "onmogelijk is, of om gegronde redenen redelijkerwijze niet kan worden geëist."
    )
    if formal:
        text += f" Dit verslag vervangt het re-integratieplan, volgens de {CODEX}."
    return text


def _considerations(report: MotivatedReport) -> list[Flowable]:
    """The heading and the table of subjects; the heading starts a new page unless the
    table's first row fits under it (a row moves whole to the next page, and a row taller
    than a page repeats its subject as "(vervolg)": ``pdf_tables.data_table``)."""
    given = {c.subject: c for c in report.considerations}
    rows = []
    for subject, label in REPORT_SUBJECTS:
        consideration = given[subject]  # check_report guarantees every subject is there
        rows.append(
            [
                label,
                "Ja" if consideration.considered else "Nee",
                consideration.ground.label if consideration.ground else "",
                consideration.reasons,
            ]
        )
    header = ["Mogelijkheid", "Overwogen", "Waarom niet", "Motivering"]
    widths = ["20%", "15%", "21%", "44%"]
    _, first_row = data_table(header, rows[:1], widths).wrap(content_width(), 100_000)
    return [
        *section_heading("Wat ernstig werd overwogen", room=first_row + 1.5 * cm),
        data_table(header, rows, widths),
    ]


TO_CONFIRM = "<i>(te bevestigen)</i>"
REGIONAL_SERVICES = (
    "VDAB (Vlaanderen), Le Forem (Wallonië), Actiris (Brussel) of ADG (Duitstalige Gemeenschap)"
)


def _next_steps(trajectory: Trajectory) -> list[Flowable]:
    """What follows the report (fact sheet §1.5, §1.6; IDEWE 2026, seed 004)."""
    lines = [
        # §1.6: confirmed only in the terms from before 2022.
        f"Met dit verslag eindigt het re-integratietraject {TO_CONFIRM}.",
    ]
    if trajectory.decision is Decision.B:
        lines += [
            "De werknemer is definitief ongeschikt voor het overeengekomen werk (beslissing B) en "
            "het traject leidt niet tot een aanvaard plan. De preventieadviseur-arbeidsarts "
            "verwijst de werknemer daarom door naar de bevoegde dienst van de Gewesten en "
            "Gemeenschappen, voor begeleiding bij de re-integratie.",
            f"Welke dienst dat is, hangt af van de regio: {REGIONAL_SERVICES} {TO_CONFIRM}.",
            "Termijn: na beslissing B maakt de werkgever binnen 6 maanden een re-integratieplan "
            "op, of dit verslag als een plan niet mogelijk is. Vanaf wanneer de 6 maanden lopen, "
            f"en of het verslag dezelfde termijn heeft, is niet bevestigd {TO_CONFIRM}.",
        ]
    elif trajectory.decision is Decision.A:
        lines.append(
            "Termijn: na beslissing A maakt de werkgever binnen 63 kalenderdagen na ontvangst van "
            "het beoordelingsformulier een re-integratieplan op. Dat het verslag dezelfde termijn "
            f"heeft, is niet bevestigd {TO_CONFIRM}."
        )
    # Our own text with <i> markup: not escaped.
    return [
        *section_heading("Wat nu volgt", room=5 * cm),
        *[bullet(line, markup=True) for line in lines],
    ]


def _distribution(document: ReportDocument, formal: bool) -> list[Flowable]:
    physician = document.organisation.role(Role.ARBEIDSARTS)
    who = ", ".join(part for part in (physician.name, physician.organisation) if part)
    lines = [
        "Een exemplaar voor de werknemer.",
        f"Een exemplaar voor de preventieadviseur-arbeidsarts ({who})."
        if who
        else "Een exemplaar voor de preventieadviseur-arbeidsarts.",
    ]
    if formal:
        lines.append(
            "De werkgever houdt het verslag ter beschikking van de inspectie Toezicht op het "
            "Welzijn op het Werk."
        )
    if document.report.delivered_on:
        lines.append(f"Bezorgd op {dutch_date(document.report.delivered_on)}.")
    return [bullet(line) for line in lines]


def _signatures(document: ReportDocument) -> Flowable:
    """The employer's signature and the employee's receipt, with their heading: one page."""
    st = styles()
    return KeepTogether(
        [
            RLParagraph("Ondertekening", st.h2),
            signature_block(
                ["Naam", "Datum", "Handtekening"],
                title=f"Voor de werkgever – {document.organisation.display_name}",
                width=content_width(),
            ),
            Spacer(1, 0.2 * cm),
            RLParagraph(
                "De werknemer hoeft het verslag niet goed te keuren of te ondertekenen; een "
                "handtekening hieronder bevestigt enkel de ontvangst.",
                st.body,
            ),
            signature_block(
                ["Ontvangen op", "Handtekening"],
                title=f"Voor ontvangst – de werknemer ({document.employee.name})",
                width=content_width(),
                signature_height=1.3 * cm,
            ),
        ]
    )
