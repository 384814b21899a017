"""The re-integration plan as a PDF, to hand over and sign.

Organisation and employee, the trajectory's dates and decision, the five legal parts of
a plan (fact sheet §2.1: workstation adaptations, adapted work, other work, training,
validity), each with its own kinds of adaptation (``AdaptationKind.plan_part``), the
progressive schedule under the part it belongs to and, for a lasting other function, the
note that the employment contract must be amended; evaluation moments and aftercare, the
distribution, and on one page the signatures: the employer's, the employee's receipt
(the 14 days run from it) and the employee's "akkoord" / "niet akkoord — redenen:". The
return checklist is the employer's to-do list: it follows on a separate page headed
"Intern – niet voor de werknemer". Every page's footer names the person and "Plan versie
N, datum". A draft whose dates contradict each other is refused (``trajectory_checks``).

An informal trajectory prints the same plan titled "Afspraken over de terugkeer naar het
werk", without the formal references (Codex, decision, 14-day term, labour inspection).
Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.documents.base import (
    INK,
    MUTED,
    RULE,
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.contact_log_pdf import details_table, section_heading
from kmo_reintegratie.documents.pdf_tables import (
    data_table,
    signature_block,
)
from kmo_reintegratie.legal import decision_label
from kmo_reintegratie.organisation import Organisation, Role
from kmo_reintegratie.absence import format_hours
from kmo_reintegratie.record import record
from kmo_reintegratie.trajectory import (
    Adaptation,
    AdaptationKind,
    PlanVersion,
    Trajectory,
    TrajectoryKind,
)
from kmo_reintegratie.trajectory_checks import check_plan_dates

FORMAL_TITLE = "Re-integratieplan"
INFORMAL_TITLE = "Afspraken over de terugkeer naar het werk"
CODEX = "Codex over het welzijn op het werk, boek I, titel 4, hoofdstuk VI"

#: The five parts of a plan (fact sheet §2.1), in the legal order: (heading, attribute, what it covers).
PLAN_PARTS: tuple[tuple[str, str, str], ...] = (
    (
        "Aanpassingen van de werkpost",
        "workstation_adaptations",
        "Redelijke aanpassingen van de werkpost.",
    ),
    ("Aangepast werk", "adapted_work", "Werkvolume, uurrooster en progressiviteit."),
    ("Ander werk", "other_work", "Werkinhoud, werkvolume, uurrooster en progressiviteit."),
    ("Opleiding", "training", "Opleidingen om de nodige competenties te verwerven."),
    ("Geldigheidsduur", "", "Hoe lang dit plan geldt."),
)
NOT_APPLICABLE = "Niet van toepassing."
_LABEL_WIDTH = 5.6 * cm


@record
class PlanDocument:
    """Everything a printed plan shows; ``regime_hours``: the contractual hours per week."""

    organisation: Organisation
    employee: Employee
    trajectory: Trajectory
    plan: PlanVersion
    regime_hours: float | None = None

    @property
    def formal(self) -> bool:
        return self.trajectory.kind is TrajectoryKind.FORMEEL

    @property
    def title(self) -> str:
        return FORMAL_TITLE if self.formal else INFORMAL_TITLE


def render_plan(document: PlanDocument, path: Path) -> Path:
    """Write the plan to ``path`` (see ``base.build_pdf`` for failure behaviour).

    Raises ``InconsistentPlanError`` (a ValueError; nothing written) for a draft whose dates
    contradict each other (``trajectory_checks``): nobody should be asked to sign that. A
    version already handed over, signed or printed for signature stays printable as it was;
    its internal page then lists the contradictions.
    """
    st = styles()
    plan, employee = document.plan, document.employee
    problems = check_plan_dates(plan)
    if problems and not plan.locked:
        raise InconsistentPlanError(
            f"De data in het plan van {employee.name} (versie {plan.version}) kloppen niet:\n"
            + "\n".join(f"  - {problem}" for problem in problems)
            + "\nVerbeter het plan vóór u het afdrukt."
        )
    version = f"Plan versie {plan.version}, {short_date(plan.made_on)}"
    story: list[Flowable] = [
        RLParagraph(safe_text(document.title), document_title_style()),
        RLParagraph(
            safe_text(
                f"{employee.name} – plan versie {plan.version} van {dutch_date(plan.made_on)}"
            ),
            st.subtitle,
        ),
        Spacer(1, 0.3 * cm),
        *trajectory_header(
            document.organisation, employee, document.trajectory, document.regime_hours
        ),
        RLParagraph(safe_text(_introduction(document)), st.body),
        *section_heading(
            "Inhoud van het plan" if document.formal else "Wat we afspreken", room=7 * cm
        ),
        *_parts(plan, document.regime_hours),
        *_evaluation(plan),
        *section_heading("Verdeling"),
        *_distribution(document),
        _signatures(document),
        *_internal_page(document, problems),
    ]
    return build_pdf(
        path,
        story,
        title=f"{document.title} – {employee.name}",
        organisation_name=document.organisation.display_name,
        subject=f"{document.title} voor {employee.name}, versie {plan.version}",
        # The name goes in the footer, where it has the room: the header cut long names.
        header_title=document.title,
        footer_note=person_footer(employee.name, version),
    )


class InconsistentPlanError(ValueError):
    """The plan's dates contradict each other; ``str()`` lists the Dutch problems."""


# --------------------------------------------------------------------------- shared with the verslag


def document_title_style() -> ParagraphStyle:
    """The title a little smaller than the shared one, so long titles stay on one line."""
    return ParagraphStyle("plan-title", parent=styles().title, fontSize=19, leading=24)


def person_footer(name: str, document: str) -> str:
    """The footer of every page: a loose page of a signed document still names its person."""
    return f"{name} – {document}"


def bullet(text: str, *, markup: bool = False) -> Flowable:
    """A bullet line with a hanging indent; ``markup``: ``text`` is Paragraph markup already."""
    style = ParagraphStyle(
        "plan-bullet", parent=styles().body, leftIndent=12, bulletIndent=0, spaceAfter=3
    )
    return RLParagraph(text if markup else safe_text(text), style, bulletText="•")


def trajectory_header(
    organisation: Organisation,
    employee: Employee,
    trajectory: Trajectory,
    regime_hours: float | None,
) -> list[Flowable]:
    """Employer, employee and the trajectory's dates and decision (also used by the verslag)."""
    address = ", ".join(
        part
        for part in (organisation.street, f"{organisation.postal_code} {organisation.city}".strip())
        if part
    )
    employer = [
        ("Werkgever", organisation.display_name),
        ("Adres", address),
        ("Ondernemingsnummer", organisation.enterprise_number_display),
        ("Paritair comité", organisation.joint_committee),
    ]
    person = [
        ("Werknemer", employee.name),
        ("Personeelsnummer", employee.staff_number),
        ("Functie", employee.function),
        ("Afdeling", employee.department),
        ("Arbeidsregime", f"{format_hours(regime_hours)} uur per week" if regime_hours else ""),
    ]
    return [
        *section_heading("Werkgever en werknemer", "h3"),
        details_table(employer, _LABEL_WIDTH),
        details_table(person, _LABEL_WIDTH),
        *section_heading("Traject", "h3"),
        details_table(_trajectory_rows(trajectory), _LABEL_WIDTH),
        Spacer(1, 0.1 * cm),
    ]


def _trajectory_rows(t: Trajectory) -> list[tuple[str, str]]:
    def day(value: date | None) -> str:
        return dutch_date(value) if value else ""

    if t.kind is TrajectoryKind.FORMEEL:
        rows = [
            ("Soort", t.kind.label),
            ("Aangevraagd door", t.initiator.label),
            ("Datum van de aanvraag", day(t.request_date)),
            ("Ontvangen door de arbeidsarts", day(t.request_received)),
            ("Beoordelingsformulier ontvangen", day(t.assessment_received)),
            (
                "Beslissing van de arbeidsarts",
                decision_label(t.decision) if t.decision else "nog niet ontvangen",
            ),
            ("Voorwaarden en modaliteiten", t.decision_conditions),
            ("Beroep aangetekend op", day(t.appeal_lodged_on)),
            ("Beslissing in beroep ontvangen", day(t.appeal_decision_received)),
            ("Uitkomst van het beroep", t.appeal_outcome),
        ]
    else:
        rows = [
            ("Soort", "Informele afspraken over de terugkeer"),
            ("Op vraag van", t.initiator.label),
            ("Gestart op", day(t.request_date)),
            ("Voorwaarden en aandachtspunten", t.decision_conditions),
        ]
    rows += [
        ("Overleg op", day(t.consultation_on)),
        ("Deelnemers aan het overleg", t.consultation_participants),
        ("Toelating adviserend arts ziekenfonds (deeltijds werk)", day(t.advising_physician_approval_on)),
    ]
    return rows


# --------------------------------------------------------------------------- plan parts


def _introduction(document: PlanDocument) -> str:
    if document.formal:
        return (
            "De werkgever maakte dit re-integratieplan op in overleg met de werknemer, de "
            "preventieadviseur-arbeidsarts en andere nuttige personen, volgens de "
            f"{CODEX}. Het houdt rekening met de voorwaarden en modaliteiten op het formulier "
            "voor de re-integratiebeoordeling."
        )
    return (
        "De werknemer en de werkgever maakten deze afspraken samen, in onderling overleg, om "
        "de terugkeer naar het werk goed te laten verlopen. Ze kunnen in overleg worden "
        "bijgestuurd; een wijziging wordt een nieuwe versie."
    )


def _parts(plan: PlanVersion, regime_hours: float | None) -> list[Flowable]:
    """The five legal parts, each with its text, its kinds of adaptation and, where it belongs,
    the progressive schedule and the note on the employment contract."""
    st = styles()
    schedule_part = _schedule_part(plan)
    story: list[Flowable] = []
    for number, (heading, attribute, covers) in enumerate(PLAN_PARTS, start=1):
        top: list[Flowable] = [
            RLParagraph(safe_text(f"{number}. {heading}"), st.h3),
            RLParagraph(f"<i>{safe_text(covers)}</i>", st.small),
        ]
        if not attribute:
            story.append(KeepTogether([*top, RLParagraph(safe_text(_validity(plan)), st.body)]))
            continue
        body: list[Flowable] = []
        text = getattr(plan, attribute).strip()
        if text:
            body.append(RLParagraph(safe_text(text), st.body))
        adaptations = [a for a in plan.adaptations if a.kind.plan_part == attribute]
        if adaptations:
            body.append(_adaptations_table(adaptations))
        if attribute == schedule_part:
            body += _schedule(plan, regime_hours)
        body += [_contract_note(note) for note in _contract_notes(plan, attribute)]
        if not body:
            body.append(RLParagraph(_not_applicable(), st.body))
        # The heading stays with the start of its content; long content flows on.
        story += [KeepTogether([*top, body[0]]), *body[1:]]
    return story


def _adaptations_table(adaptations: list[Adaptation]) -> Flowable:
    return data_table(
        ["Soort aanpassing", "Omschrijving", "Duur"],
        [
            [a.kind.label, a.description, "Permanent" if a.permanent else "Tijdelijk"]
            for a in adaptations
        ],
        ["26%", "58%", "16%"],
    )


def _schedule_part(plan: PlanVersion) -> str:
    """The progressive schedule is the "progressiviteit" of adapted work, or of other work
    when the plan offers only other work."""
    def has(attribute: str) -> bool:
        return bool(getattr(plan, attribute).strip()) or any(
            a.kind.plan_part == attribute for a in plan.adaptations
        )

    return "other_work" if has("other_work") and not has("adapted_work") else "adapted_work"


def _contract_notes(plan: PlanVersion, attribute: str) -> list[str]:
    # Fact sheet §1.6: a definitive adaptation needs a new (or amended) employment contract.
    kinds = {a.kind: a for a in plan.adaptations}
    if attribute == "adapted_work":
        time = kinds.get(AdaptationKind.WORKING_TIME)
        if time is not None and time.permanent:
            return [
                "De aanpassing van de arbeidstijd is blijvend: daarvoor is een wijziging van de "
                "arbeidsovereenkomst nodig. Dit plan alleen volstaat daarvoor niet."
            ]
    if attribute == "other_work":
        function = kinds.get(AdaptationKind.FUNCTION)
        if function is not None and function.permanent:
            return [
                "De andere functie is blijvend: daarvoor is een wijziging van de "
                "arbeidsovereenkomst nodig. Dit plan alleen volstaat daarvoor niet."
            ]
        if function is not None or plan.other_work.strip():
            return [
                "Wordt de andere functie blijvend, dan is daarvoor een wijziging van de "
                "arbeidsovereenkomst nodig. Dit plan alleen volstaat daarvoor niet."
            ]
    return []


def _contract_note(text: str) -> Flowable:
    style = ParagraphStyle(
        "plan-contract-note",
        parent=styles().body,
        borderColor=RULE,
        borderWidth=0.6,
        borderPadding=5,
        leftIndent=5,
        rightIndent=5,
        spaceBefore=6,
        spaceAfter=10,
    )
    return RLParagraph(f"<b>Arbeidsovereenkomst.</b> {safe_text(text)}", style)


def _not_applicable() -> str:
    return f'<font color="#{MUTED.hexval()[2:]}">{NOT_APPLICABLE}</font>'


def _validity(plan: PlanVersion) -> str:
    if plan.valid_from and plan.valid_until:
        return f"Van {dutch_date(plan.valid_from)} tot en met {dutch_date(plan.valid_until)}."
    if plan.valid_from:
        return f"Vanaf {dutch_date(plan.valid_from)}; de einddatum is nog niet bepaald."
    return "Nog niet bepaald."


def _schedule(plan: PlanVersion, regime_hours: float | None) -> list[Flowable]:
    if not plan.schedule:
        return []
    rows = []
    for step in sorted(plan.schedule, key=lambda s: s.starts):
        hours = step.hours(regime_hours) if regime_hours else step.hours_per_week
        if step.percentage is not None:
            share = f"{format_hours(step.percentage)} %"
        elif hours is not None and regime_hours:
            share = f"{round(hours / regime_hours * 100)} %"
        else:
            share = ""
        rows.append(
            [
                step.starts,
                step.ends if step.ends else "verder",
                f"{format_hours(hours)} uur" if hours is not None else "",
                share,
                step.changes,
            ]
        )
    regime = (
        f" (arbeidsregime {format_hours(regime_hours)} uur per week)" if regime_hours else ""
    )
    # Kept together so the heading never ends a page; a schedule longer than a page still splits.
    return [
        KeepTogether(
            [
                RLParagraph("Progressieve werkhervatting", styles().label),
                RLParagraph(safe_text(f"Uren per week in elke stap{regime}."), styles().small),
                data_table(
                    ["Van", "Tot en met", "Uren per week", "Deel van het regime", "Wat verandert"],
                    rows,
                    ["14%", "14%", "14%", "14%", "44%"],
                ),
            ]
        )
    ]


def _evaluation(plan: PlanVersion) -> list[Flowable]:
    st = styles()
    if not plan.evaluation_moments and not plan.aftercare_until:
        return []
    story = section_heading("Evaluatie en nazorg")
    if plan.evaluation_moments:
        story.append(
            RLParagraph(
                "Op deze momenten bekijken we samen hoe het gaat en sturen we bij:", st.body
            )
        )
        story += [
            bullet(f"Evaluatiegesprek {n}: {dutch_date(d)}")
            for n, d in enumerate(sorted(plan.evaluation_moments), start=1)
        ]
    if plan.aftercare_until:
        story.append(
            RLParagraph(
                safe_text(
                    f"Nazorg tot {dutch_date(plan.aftercare_until)}: de leidinggevende volgt de "
                    "terugkeer op en de afspraken kunnen worden bijgestuurd."
                ),
                st.body,
            )
        )
    return story


def _distribution(document: PlanDocument) -> list[Flowable]:
    physician = document.organisation.role(Role.ARBEIDSARTS)
    who = ", ".join(part for part in (physician.name, physician.organisation) if part)
    physician_text = (
        f"de preventieadviseur-arbeidsarts ({who})" if who else "de preventieadviseur-arbeidsarts"
    )
    if document.formal:
        lines = [
            "Een exemplaar voor de werknemer.",
            f"Een exemplaar voor {physician_text}.",
            "De werkgever houdt het plan ter beschikking van de inspectie Toezicht op het Welzijn op het Werk.",
        ]
    else:
        lines = [
            "Een exemplaar voor de werknemer.",
            f"Met akkoord van de werknemer een exemplaar voor {physician_text}.",
        ]
    if document.plan.delivered_on:
        lines.append(f"Overhandigd aan de werknemer op {dutch_date(document.plan.delivered_on)}.")
    return [bullet(line) for line in lines]


def _signatures(document: PlanDocument) -> Flowable:
    """Heading, the rule on answering, the employer's block and the employee's: one page."""
    st = styles()
    name = document.employee.name
    if document.formal:
        note = (
            "De werknemer heeft 14 kalenderdagen, te rekenen vanaf de dag na ontvangst, om dit plan "
            "te ondertekenen voor akkoord of om de redenen van weigering te vermelden. Reageert de "
            "werknemer niet, dan neemt de werkgever contact op; blijft een reactie dan nog uit, dan "
            "geldt dat als weigering."
        )
    else:
        note = "Werkgever en werknemer ondertekenen deze afspraken; de werknemer kan aangeven waarom hij of zij niet akkoord gaat."
    parts: list[Flowable] = [
        RLParagraph("Ondertekening", st.h2),
        RLParagraph(safe_text(note), st.body),
        signature_block(
            ["Naam", "Datum", "Handtekening"],
            title=f"Voor de werkgever – {document.organisation.display_name}",
            width=content_width(),
        ),
        Spacer(1, 0.2 * cm),
    ]
    if document.formal:
        # The 14 days run from the receipt: the employee notes the day it was handed over.
        parts.append(
            signature_block(
                ["Ontvangen op", "Handtekening"],
                title=(
                    "Ontvangst door de werknemer (de 14 kalenderdagen lopen vanaf de dag na "
                    "ontvangst)"
                ),
                width=content_width(),
                signature_height=1.3 * cm,
            )
        )
        parts.append(Spacer(1, 0.2 * cm))
    parts += [
        employee_agreement_block(name),
        RLParagraph(
            safe_text(
                f"Hier eindigt {_the_document(document)}. De volgende pagina is een interne "
                "werkpagina van de werkgever."
            ),
            st.small,
        ),
    ]
    return KeepTogether(parts)


def _the_document(document: PlanDocument) -> str:
    return "het re-integratieplan" if document.formal else "de afspraken"


def _internal_page(document: PlanDocument, problems: list[str]) -> list[Flowable]:
    """The return checklist: the employer's to-do list, after the signed pages and apart."""
    st = styles()
    checklist = document.plan.checklist

    def done(value: bool) -> str:
        return "Ja" if value else "Nog te doen"

    rows = [
        ["Eerste werkdag", checklist.return_at or "Nog af te spreken"],
        ["Leidinggevende geïnformeerd", done(checklist.manager_informed)],
        ["Team geïnformeerd", done(checklist.team_informed)],
        ["Wat aan het team verteld mag worden", checklist.what_may_be_told or "Nog af te spreken"],
        ["Aanpassingen klaar", done(checklist.adaptations_ready)],
        ["Toegang tot het gebouw (badge, sleutels, codes)", done(checklist.building_access)],
        ["Materiaal en werkmiddelen klaar", done(checklist.material_ready)],
        ["Onthaalmoment", checklist.welcome_moment or "–"],
        ["Peter of meter", checklist.mentor or "–"],
    ]
    plan = document.plan
    story: list[Flowable] = [
        PageBreak(),
        RLParagraph("Intern – niet voor de werknemer", st.h1),
        RLParagraph(
            safe_text(
                f"Werkpagina van de werkgever bij {_the_document(document)} van "
                f"{document.employee.name}, versie {plan.version} van {dutch_date(plan.made_on)}. "
                "Ze hoort niet bij wat de werknemer ondertekent: geef ze niet mee aan de "
                "werknemer of de arbeidsarts."
            ),
            st.body,
        ),
    ]
    if problems:
        story += [
            RLParagraph("Let op: de data van deze versie kloppen niet", st.label),
            RLParagraph(
                "Deze versie werd al bezorgd, ondertekend of voor ondertekening afgedrukt en blijft "
                "zoals ze is. Maak een nieuwe versie met kloppende data en bezorg die opnieuw.",
                st.body,
            ),
            *[bullet(problem) for problem in problems],
        ]
    story += [
        RLParagraph("Voorbereiding van de eerste werkdag", st.h2),
        data_table(["Wat", "Stand van zaken"], rows, ["45%", "55%"]),
    ]
    return story


def _tick_box(size: float = 10) -> Drawing:
    drawing = Drawing(size + 2, size + 2)
    drawing.add(Rect(1, 1, size, size, strokeColor=INK, strokeWidth=0.8, fillColor=None))
    return drawing


class _WholeTable(Table):
    """A table that moves to the next page as a whole instead of splitting."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def employee_agreement_block(employee_name: str, *, reason_lines: int = 4) -> Flowable:
    """The employee's part: tick "akkoord" or "niet akkoord — redenen:", ruled lines, date, signature.

    Never split across pages.
    """
    st = styles()
    width = content_width()
    box, label, margin = 0.8 * cm, 3.2 * cm, 0.4 * cm
    line = width - box - label - margin
    data: list[list] = [
        [RLParagraph(safe_text(f"De werknemer – {employee_name}"), st.header_cell), "", "", ""],
        [_tick_box(), RLParagraph("akkoord", st.body), "", ""],
        [_tick_box(), RLParagraph("niet akkoord — redenen:", st.body), "", ""],
    ]
    heights: list[float | None] = [None, 0.8 * cm, 0.8 * cm]
    commands: list[tuple] = [
        ("BOX", (0, 0), (-1, -1), 0.7, RULE),
        ("SPAN", (0, 0), (-1, 0)),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("VALIGN", (0, 0), (-1, 0), "TOP"),
        ("SPAN", (1, 1), (2, 1)),
        ("SPAN", (1, 2), (2, 2)),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
    ]
    for _ in range(reason_lines):
        row = len(data)
        data.append(["", "", "", ""])
        heights.append(0.85 * cm)
        commands.append(("LINEBELOW", (1, row), (2, row), 0.5, INK))
    for text, height in (("Datum", 1.1 * cm), ("Handtekening", 1.9 * cm)):
        row = len(data)
        data.append(["", RLParagraph(text, st.cell), "", ""])
        heights.append(height)
        commands.append(("LINEBELOW", (2, row), (2, row), 0.5, INK))
    data.append(["", "", "", ""])
    heights.append(0.25 * cm)
    table = _WholeTable(
        data, colWidths=[box, label, line, margin], rowHeights=heights, hAlign="LEFT", spaceAfter=8
    )
    table.setStyle(TableStyle(commands))
    return KeepTogether([table])
