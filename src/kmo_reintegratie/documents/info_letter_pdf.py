"""The personal information letter for an absent employee (checklist 2, section 1.5).

A letter on paper — the employee is not expected to read the intranet or work mail while
ill — with: who keeps contact and how often (or that a wish for no contact is respected),
that contact is about support and not control, what to do administratively, who pays the
salary, who can help (from the organisation page), and that the employee may ask the
arbeidsarts for a visit before the return to work or for a re-integration trajectory.

The wording follows the kind of incapacity: an accident at work gets no "ziek" and names
the accident insurer, an occupational disease Fedris, and a possible relapse promises no
new guaranteed salary. The organisation's own paragraphs come in through
``InfoLetter.texts`` (see ``letter_texts``). Address, reference and date sit where a
window envelope shows them (``WindowLetterhead``, shared with the other letters).
Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import (
    Absence,
    ContactAgreement,
    ContactRole,
    Employee,
    IncapacityKind,
)
from kmo_reintegratie.documents import letter_texts as lt
from kmo_reintegratie.documents.base import (
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    styles,
)
from kmo_reintegratie.documents.contact_log_pdf import CHANNEL_PHRASES, frequency_text
from kmo_reintegratie.documents.letter_layout import (
    WindowLetterhead,
    address_lines,
    letter_details,
    letter_reference,
    sender_lines,
)
from kmo_reintegratie.legal.eligibility import salary_scheme
from kmo_reintegratie.legal.base import GUARANTEED_SALARY_DAYS, Statute
from kmo_reintegratie.organisation import Organisation, Role, RoleContact
from kmo_reintegratie.record import record

TITLE = "Informatie tijdens uw afwezigheid"
SUBJECT_LINE = "Betreft: wat u moet weten tijdens uw afwezigheid"

# --------------------------------------------------------------------------- the letter

# Per role: the phrase after a name ("Marc, uw leidinggevende,") and the subject without one.
_ROLE_PHRASES = {
    ContactRole.LEIDINGGEVENDE: ("uw leidinggevende", "Uw leidinggevende"),
    ContactRole.HR: ("van de personeelsdienst", "Iemand van de personeelsdienst"),
    ContactRole.COLLEGA: ("uw collega", "Een collega"),
    ContactRole.WELZIJNSCEL: ("van de welzijnscel", "Iemand van de welzijnscel"),
    ContactRole.ANDERE: ("", "Iemand van onze organisatie"),
}

#: Who can help, in the order of the letter, with what each one does for the employee.
SUPPORT_ROLES: tuple[tuple[Role, str, str], ...] = (
    (
        Role.HR_CONTACT,
        "Personeelsdienst",
        "Voor praktische en administratieve vragen: attesten, ziekenfonds, loon.",
    ),
    (
        Role.ARBEIDSARTS,
        "Arbeidsarts",
        (
            "Voor vragen over uw werk en uw gezondheid, voor een bezoek voorafgaand aan de "
            "werkhervatting en voor een re-integratietraject. De arbeidsarts heeft medisch "
            "beroepsgeheim."
        ),
    ),
    (
        Role.VERTROUWENSPERSOON,
        "Vertrouwenspersoon",
        (
            "Luistert vertrouwelijk naar u, bijvoorbeeld als u zich zorgen maakt over uw terugkeer "
            "of over de relaties op het werk."
        ),
    ),
    (
        Role.PREVENTIEADVISEUR_PSYCHOSOCIAAL,
        "Preventieadviseur psychosociale aspecten",
        "Helpt bij stress, conflicten of ongewenst gedrag op het werk.",
    ),
)

_OCCUPATIONAL = (IncapacityKind.ARBEIDSONGEVAL, IncapacityKind.BEROEPSZIEKTE)


@record
class InfoLetter:
    """Everything one information letter prints.

    ``agreement``: the contact agreement valid on ``letter_date`` (None: the organisation's
    general contact procedure is described). ``texts``: the editable paragraphs by key;
    a missing key gets the default wording, an empty text leaves the paragraph out.
    ``salutation``: as chosen in the print dialog ("" for "Beste <voornaam>,");
    ``reference``: "" for one made from the staff number and the absence's start.
    ``possible_relapse``: the absence may continue an earlier one (no new guaranteed
    salary promised); ``after_reintegration_work``: it follows a return to adapted or
    other work inside a re-integration plan (no new guaranteed salary at all).
    """

    organisation: Organisation
    employee: Employee
    absence: Absence
    agreement: ContactAgreement | None
    texts: Mapping[str, str]
    letter_date: date
    salutation: str = ""
    reference: str = ""
    possible_relapse: bool = False
    after_reintegration_work: bool = False


def render_info_letter(letter: InfoLetter, path: Path) -> Path:
    """Write the letter to ``path`` (see ``base.build_pdf`` for failure behaviour)."""
    st = styles()
    org, employee, kind = letter.organisation, letter.employee, letter.absence.kind
    reference = letter.reference or letter_reference("INFO", employee, letter.absence.starts)
    salutation = letter.salutation or lt.default_salutation(employee.name)
    story: list[Flowable] = [
        WindowLetterhead(sender_lines(org), address_lines(employee),
                         letter_details(reference, org, letter.letter_date)),
        Spacer(1, 0.5 * cm),
        RLParagraph(f"<b>{safe_text(SUBJECT_LINE)}</b>", st.body),
        Spacer(1, 0.3 * cm),
        RLParagraph(safe_text(salutation), st.body),
        *_paragraph(lt.OPENING_WISH[kind], _text(letter, "infobrief.inleiding")),
        *_heading("Wie houdt contact met u?"),
        *_contact(letter),
        *_heading("Wat moet u administratief doen?"),
        *_editable(letter, "infobrief.attest",
                   lt.CERTIFICATE_LEAD.get(kind, lt.CERTIFICATE_LEAD_OTHER)),
        *_one_day_without_certificate(letter),
        *_editable(letter, "infobrief.ziekenfonds", "Het ziekenfonds."),
        *_kind_paperwork(kind),
        *_heading(lt.PAY_HEADING),
        RLParagraph(safe_text(pay_text(letter)), st.body),
        *_heading("Bij wie kunt u terecht?"),
        *_support(org),
        *_heading("Terugkeren naar het werk"),
        *_paragraph(lt.RETURN_STEP_BY_STEP, _text(letter, "infobrief.terugkeer"),
                    lt.PART_TIME_PERMISSION.get(kind, lt.PART_TIME_PERMISSION_OTHER)),
        RLParagraph(safe_text(lt.visit_text(org.role(Role.ARBEIDSARTS).name)), st.body),
        RLParagraph(safe_text(trajectory_text(letter)), st.body),
        _closing(letter),
    ]
    return build_pdf(
        path,
        story,
        title=f"{TITLE} – {employee.name}",
        organisation_name=org.display_name,
        subject="Persoonlijke informatiebrief voor een afwezige werknemer",
        footer_note=f"Persoonlijk – voor de werknemer. Ons kenmerk: {reference}.",
        header_on_first_page=False,
    )


def pay_text(letter: InfoLetter) -> str:
    """Who pays, for this kind of incapacity, statute and (possible) relapse."""
    kind, employee = letter.absence.kind, letter.employee
    if kind is IncapacityKind.ARBEIDSONGEVAL:
        return lt.PAY_WORK_ACCIDENT
    if kind is IncapacityKind.BEROEPSZIEKTE:
        return lt.PAY_OCCUPATIONAL_DISEASE
    if letter.after_reintegration_work:
        return lt.PAY_AFTER_REINTEGRATION_WORK
    if letter.possible_relapse:
        return lt.PAY_POSSIBLE_RELAPSE
    scheme = salary_scheme(employee.statute, letter.absence.starts, employee.in_service_from,
                           employee.contract_under_3_months)
    if scheme.eligible is False:
        return lt.PAY_NOT_ENTITLED
    arbeider = scheme.statute is Statute.ARBEIDER
    day_31 = letter.absence.starts + timedelta(days=GUARANTEED_SALARY_DAYS)
    returned = letter.absence.returned_on
    if letter.letter_date >= day_31 and (returned is None or returned > day_31):
        ended = lt.PAY_ARBEIDER_ENDED if arbeider else lt.PAY_BEDIENDE_ENDED
        return ended.format(since=dutch_date(day_31))
    return lt.PAY_ARBEIDER if arbeider else lt.PAY_BEDIENDE


def trajectory_text(letter: InfoLetter) -> str:
    kind = letter.absence.kind
    ended = letter.absence.temporary_incapacity_ended_on
    if kind in _OCCUPATIONAL and (ended is None or ended >= letter.letter_date):
        return lt.TRAJECTORY_AFTER_OCCUPATIONAL[kind]
    return lt.TRAJECTORY_REQUEST


# --------------------------------------------------------------------------- letter parts


def _heading(text: str) -> list[Flowable]:
    """A heading with at least three lines under it, the paragraph free to split after
    them: a heading kept with its whole paragraph left a third of page 1 empty."""
    loose = ParagraphStyle("letter-h3", parent=styles().h3, keepWithNext=0)
    return [CondPageBreak(2.6 * cm), RLParagraph(safe_text(text), loose)]


def _text(letter: InfoLetter, key: str) -> str:
    return lt.stored_or_default(key, letter.texts.get(key, lt.default_text(key))).strip()


def _paragraph(*sentences: str) -> list[Flowable]:
    """One paragraph of the non-empty ``sentences``; none when all are empty."""
    text = " ".join(s.strip() for s in sentences if s.strip())
    return [RLParagraph(safe_text(text), styles().body)] if text else []


def _editable(letter: InfoLetter, key: str, lead: str = "") -> list[Flowable]:
    text = _text(letter, key)
    if not text:
        return []
    markup = safe_text(text)
    if lead:
        markup = f"<b>{safe_text(lead)}</b> {markup}"
    return [RLParagraph(markup, styles().body)]


def _contact(letter: InfoLetter) -> list[Flowable]:
    st = styles()
    org, agreement = letter.organisation, letter.agreement
    if agreement is not None and agreement.no_contact:
        who = _named(agreement) or "de personeelsdienst"
        return [
            RLParagraph(safe_text(
                f"{lt.NO_CONTACT_RESPECTED} U kunt zelf altijd contact opnemen met {who}."),
                st.body),
            RLParagraph(safe_text(lt.NO_CONTACT_LATER), st.body),
            RLParagraph(safe_text(lt.NO_MEDICAL_QUESTIONS), st.body),
        ]
    paragraphs: list[str] = []
    if agreement is not None:
        phrase, subject = _ROLE_PHRASES[agreement.contact_role]
        if agreement.contact_name:
            who = f"{agreement.contact_name}, {phrase}," if phrase else agreement.contact_name
        else:
            who = subject
        how = frequency_text(agreement) if agreement.every_days else "geregeld"
        sentence = f"{who} neemt {how} {CHANNEL_PHRASES[agreement.channel]} contact met u op."
        paragraphs.append(sentence[0].upper() + sentence[1:])
        if agreement.employee_wishes.strip():
            paragraphs.append(
                f"U gaf aan: “{agreement.employee_wishes.strip()}” Daar houden we rekening mee."
            )
    else:
        paragraphs.append(_procedure_sentence(org, letter.employee))
    paragraphs[-1] += (" Past dit moment of deze manier niet voor u, laat het ons dan weten: we "
                       "passen de afspraak aan.")
    story: list[Flowable] = [RLParagraph(safe_text(p), st.body) for p in paragraphs]
    story.append(
        RLParagraph(
            f"<b>{safe_text(lt.SUPPORT_NOT_CONTROL)}</b> {safe_text(lt.NO_MEDICAL_QUESTIONS)}",
            st.body,
        )
    )
    if org.contact_procedure.strip():
        source = (
            "ons arbeidsreglement"
            if org.contact_in_work_regulations
            else "onze afspraken over contact"
        )
        quote = ParagraphStyle("quote", parent=st.body, fontSize=9, leading=12, leftIndent=12,
                               textColor=st.small.textColor)
        story.append(
            RLParagraph(
                f"Zo staat het in {source}: <i>{safe_text(org.contact_procedure.strip())}</i>",
                quote,
            )
        )
    return story


def _named(agreement: ContactAgreement) -> str:
    """"Sofie Peeters van de personeelsdienst", "Marc Van Damme, uw leidinggevende"."""
    if not agreement.contact_name:
        return ""
    phrase = _ROLE_PHRASES[agreement.contact_role][0]
    if not phrase:
        return agreement.contact_name
    joiner = " " if phrase.startswith("van ") else ", "
    return f"{agreement.contact_name}{joiner}{phrase}"


def _procedure_sentence(org: Organisation, employee: Employee) -> str:
    who = org.contact_by.strip() or "Iemand van onze organisatie"
    if "leidinggevende" in who.lower() and employee.manager.strip():
        # A name reads better than a role, and the employee knows whom to expect.
        who = f"{employee.manager.strip()}, uw leidinggevende,"
    parts = [f"{who} neemt contact met u op"]
    if org.contact_first_days:
        parts.append(f" binnen ongeveer {org.contact_first_days} dagen")
    frequencies = []
    if org.contact_frequency_first_month.strip():
        frequencies.append(f"{org.contact_frequency_first_month.strip()} tijdens de eerste maand")
    if org.contact_frequency_after.strip():
        frequencies.append(f"daarna {org.contact_frequency_after.strip()}")
    if frequencies:
        parts.append(", " + " en ".join(frequencies))
    return "".join(parts) + "."


def _one_day_without_certificate(letter: InfoLetter) -> list[Flowable]:
    count = letter.organisation.employee_count
    if (letter.absence.kind is not IncapacityKind.ZIEKTE or count is None
            or count < lt.ONE_DAY_WITHOUT_CERTIFICATE_THRESHOLD
            or letter.letter_date < lt.ONE_DAY_WITHOUT_CERTIFICATE_FROM):
        return []
    return [RLParagraph(safe_text(lt.ONE_DAY_WITHOUT_CERTIFICATE), styles().body)]


def _kind_paperwork(kind: IncapacityKind) -> list[Flowable]:
    if kind not in lt.KIND_PAPERWORK:
        return []
    lead, text = lt.KIND_PAPERWORK[kind]
    return [RLParagraph(f"<b>{safe_text(lead)}</b> {safe_text(text)}", styles().body)]


def _support(org: Organisation) -> list[Flowable]:
    st = styles()
    rows = []
    for role, title, what in SUPPORT_ROLES:
        contact = org.role(role)
        if contact.is_empty:
            continue
        rows.append(
            [
                RLParagraph(f"<b>{safe_text(title)}</b><br/>{safe_text(what)}", st.cell),
                RLParagraph(_contact_lines(contact), st.cell),
            ]
        )
    if not rows:
        return [
            RLParagraph(
                "Vraag de personeelsdienst naar de namen van de arbeidsarts, de "
                "vertrouwenspersoon en de preventieadviseur psychosociale aspecten.",
                st.body,
            )
        ]
    width = content_width()
    table = Table(rows, colWidths=[width * 0.58, width * 0.42], hAlign="LEFT", spaceAfter=6)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -2), 0.4, st.small.textColor),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return [table]


def _contact_lines(contact: RoleContact) -> str:
    lines = [f"<b>{safe_text(contact.name)}</b>" if contact.name else ""]
    lines.append(safe_text(contact.organisation))
    if contact.phone:
        lines.append(safe_text(f"tel. {contact.phone}"))
    lines.append(safe_text(contact.email))
    return "<br/>".join(line for line in lines if line)


def _closing(letter: InfoLetter) -> Flowable:
    st = styles()
    org = letter.organisation
    hr = org.role(Role.HR_CONTACT)
    if hr.name:
        signer, function = hr.name, "Personeelsdienst"
    elif letter.agreement is not None and letter.agreement.contact_name:
        signer, function = letter.agreement.contact_name, letter.agreement.contact_role.label
    else:
        signer, function = "", "Namens de werkgever"
    lines = [safe_text(line) for line in (signer, function, org.display_name) if line]
    # The last paragraph goes along: a greeting alone on a page reads as a lost page.
    return KeepTogether(
        [
            Spacer(1, 0.2 * cm),
            *_editable(letter, "infobrief.afsluiting"),
            RLParagraph("Met vriendelijke groeten,", st.body),
            Spacer(1, 1.2 * cm),  # room for a handwritten signature
            RLParagraph("<br/>".join(lines), st.body),
        ]
    )
