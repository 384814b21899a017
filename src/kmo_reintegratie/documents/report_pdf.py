"""The motivated report (gemotiveerd verslag) as a PDF.

When the employer cannot make a plan, the report shows for every kind of adaptation, for
adapted work and for other work that it was seriously considered and why it is not
possible: technically or objectively impossible, or not reasonably to be required on
well-founded grounds (fact sheet §2.2), taking into account reasonable accommodation for
people with a disability. Same header as the plan, the distribution (employee,
occupational physician) and the employer's signature. A report that leaves a subject
unconsidered is refused. Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
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
    trajectory_header,
)
from kmo_reintegratie.organisation import Organisation, Role
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    MotivatedReport,
    Trajectory,
    TrajectoryKind,
    check_report,
)

TITLE = "Gemotiveerd verslag"


@dataclass(frozen=True)
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
        *section_heading("Wat ernstig werd overwogen"),
        _considerations(report),
        *section_heading(
            "Redelijke aanpassingen voor personen met een handicap", "h3", room=3 * cm
        ),
        RLParagraph(
            safe_text(report.disability_accommodation.strip() or "Geen bijzondere toelichting."),
            st.body,
        ),
        *section_heading("Verdeling"),
        *_distribution(document),
        *_signature(document),
    ]
    return build_pdf(
        path,
        story,
        title=f"{TITLE} – {employee.name}",
        organisation_name=document.organisation.display_name,
        subject=f"{TITLE} van de werkgever over {employee.name}",
        footer_note=f"{TITLE}, {short_date(report.made_on)}",
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


def _considerations(report: MotivatedReport) -> Flowable:
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
    return data_table(
        ["Mogelijkheid", "Overwogen", "Waarom niet", "Motivering"],
        rows,
        ["20%", "15%", "21%", "44%"],
    )


def _distribution(document: ReportDocument) -> list[Flowable]:
    physician = document.organisation.role(Role.ARBEIDSARTS)
    who = ", ".join(part for part in (physician.name, physician.organisation) if part)
    lines = [
        "Een exemplaar voor de werknemer.",
        f"Een exemplaar voor de preventieadviseur-arbeidsarts ({who})."
        if who
        else "Een exemplaar voor de preventieadviseur-arbeidsarts.",
    ]
    if document.report.delivered_on:
        lines.append(f"Bezorgd op {dutch_date(document.report.delivered_on)}.")
    return [bullet(line) for line in lines]


def _signature(document: ReportDocument) -> list[Flowable]:
    return [
        Spacer(1, 0.3 * cm),
        KeepTogether(
            [
                RLParagraph("Ondertekening", styles().h2),
                signature_block(
                    ["Naam", "Datum", "Handtekening"],
                    title=f"Voor de werkgever – {document.organisation.display_name}",
                    width=content_width(),
                ),
            ]
        ),
    ]
