"""The personal information letter for a sick employee (checklist 2, section 1.5).

A letter on paper — the employee is not expected to read the intranet or work mail while
ill — with: who keeps contact and how often, that contact is about support and not
control, what to do administratively (certificate, ziekenfonds), who can help (HR,
occupational physician, person of trust, psychosocial prevention adviser, from the
organisation page), that adapted work is possible and that a visit to the occupational
physician before returning to work can be asked for. The organisation's own wording comes
in through ``InfoLetter.texts`` (see ``letter_texts``). Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table, TableStyle
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import (
    Absence,
    ContactAgreement,
    ContactRole,
    Employee,
    IncapacityKind,
)
from kmo_reintegratie.documents.base import (
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    styles,
)
from kmo_reintegratie.documents.contact_log_pdf import CHANNEL_PHRASES, frequency_text
from kmo_reintegratie.documents.letter_texts import (
    NO_MEDICAL_QUESTIONS,
    ONE_DAY_WITHOUT_CERTIFICATE,
    ONE_DAY_WITHOUT_CERTIFICATE_FROM,
    ONE_DAY_WITHOUT_CERTIFICATE_THRESHOLD,
    SUPPORT_NOT_CONTROL,
    default_text,
)
from kmo_reintegratie.organisation import Organisation, Role, RoleContact

TITLE = "Informatie tijdens uw afwezigheid"
SUBJECT_LINE = "Betreft: wat u moet weten tijdens uw afwezigheid"

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
            "Voor vragen over uw werk en uw gezondheid, en voor een bezoek voorafgaand aan de "
            "werkhervatting. De arbeidsarts heeft medisch beroepsgeheim."
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


@dataclass(frozen=True)
class InfoLetter:
    """Everything one information letter prints.

    ``agreement``: the contact agreement valid on ``letter_date`` (None: the organisation's
    general contact procedure is described). ``texts``: the editable paragraphs by key;
    a missing key gets the default wording, an empty text leaves the paragraph out.
    """

    organisation: Organisation
    employee: Employee
    absence: Absence
    agreement: ContactAgreement | None
    texts: Mapping[str, str]
    letter_date: date


def render_info_letter(letter: InfoLetter, path: Path) -> Path:
    """Write the letter to ``path`` (see ``base.build_pdf`` for failure behaviour)."""
    st = styles()
    org = letter.organisation
    story: list[Flowable] = [
        _letterhead(org, letter.employee),
        Spacer(1, 0.8 * cm),
        RLParagraph(safe_text(_place_and_date(org, letter.letter_date)), _right()),
        Spacer(1, 0.4 * cm),
        RLParagraph(f"<b>{safe_text(SUBJECT_LINE)}</b>", st.body),
        Spacer(1, 0.3 * cm),
        RLParagraph(safe_text(f"Beste {letter.employee.name},"), st.body),
        *_editable(letter, "infobrief.inleiding"),
        _heading("Wie houdt contact met u?"),
        *_contact(letter),
        _heading("Wat moet u administratief doen?"),
        *_editable(letter, "infobrief.attest", "Het ziekteattest."),
        *_one_day_without_certificate(org, letter.letter_date),
        *_editable(letter, "infobrief.ziekenfonds", "Het ziekenfonds."),
        *_kind_note(letter.absence.kind),
        _heading("Bij wie kunt u terecht?"),
        *_support(org),
        _heading("Terugkeren naar het werk"),
        RLParagraph(
            "Terugkeren kan stap voor stap en met aangepast werk, tijdelijk of blijvend.",
            st.body,
        ),
        *_editable(letter, "infobrief.terugkeer"),
        RLParagraph(safe_text(_visit_text(org)), st.body),
        Spacer(1, 0.2 * cm),
        *_editable(letter, "infobrief.afsluiting"),
        _closing(letter),
    ]
    return build_pdf(
        path,
        story,
        title=f"{TITLE} – {letter.employee.name}",
        organisation_name=org.display_name,
        subject="Persoonlijke informatiebrief voor een zieke werknemer",
        footer_note="Persoonlijk – voor de werknemer.",
        header_on_first_page=False,
    )


# --------------------------------------------------------------------------- letter parts


def _right() -> ParagraphStyle:
    return ParagraphStyle("right", parent=styles().body, alignment=TA_RIGHT)


def _heading(text: str) -> Flowable:
    return RLParagraph(safe_text(text), styles().h3)


def _letterhead(org: Organisation, employee: Employee) -> Table:
    st = styles()
    sender = [f"<b>{safe_text(org.display_name)}</b>"]
    sender += [
        safe_text(line) for line in (org.street, f"{org.postal_code} {org.city}".strip()) if line
    ]
    if org.enterprise_number:
        sender.append(safe_text(f"Ondernemingsnummer {org.enterprise_number_display}"))
    small_grey = ParagraphStyle("sender", parent=st.small, fontSize=8.5, leading=11)
    receiver = [f"<b>{safe_text(employee.name)}</b>"]
    receiver += [safe_text(line) for line in employee.address.splitlines() if line.strip()]
    width = content_width()
    table = Table(
        [
            [
                RLParagraph("<br/>".join(sender), small_grey),
                RLParagraph("<br/>".join(receiver), st.body),
            ]
        ],
        colWidths=[width * 0.55, width * 0.45],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                # The addressee sits lower, where a window envelope shows it.
                ("TOPPADDING", (1, 0), (1, 0), 1.6 * cm),
            ]
        )
    )
    return table


def _place_and_date(org: Organisation, day: date) -> str:
    return f"{org.city}, {dutch_date(day)}" if org.city else dutch_date(day)


def _editable(letter: InfoLetter, key: str, lead: str = "") -> list[Flowable]:
    text = letter.texts.get(key, default_text(key)).strip()
    if not text:
        return []
    markup = safe_text(text)
    if lead:
        markup = f"<b>{safe_text(lead)}</b> {markup}"
    return [RLParagraph(markup, styles().body)]


def _contact(letter: InfoLetter) -> list[Flowable]:
    st = styles()
    org, agreement = letter.organisation, letter.agreement
    paragraphs: list[str] = []
    if agreement is not None and agreement.no_contact:
        who = agreement.contact_name or "de personeelsdienst"
        paragraphs.append(
            "U gaf aan dat u voorlopig niet gecontacteerd wilt worden. Dat respecteren we. U kunt "
            f"zelf altijd contact opnemen met {who}."
        )
    elif agreement is not None:
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
    no_contact = agreement is not None and agreement.no_contact
    if no_contact:
        paragraphs.append("Wilt u toch dat we u contacteren, laat het ons dan weten.")
    else:
        paragraphs.append(
            "Past dit moment of deze manier niet voor u, laat het ons dan weten: we passen de afspraak aan."
        )
    story: list[Flowable] = [RLParagraph(safe_text(p), st.body) for p in paragraphs]
    story.append(
        RLParagraph(
            f"<b>{safe_text(SUPPORT_NOT_CONTROL)}</b> {safe_text(NO_MEDICAL_QUESTIONS)}", st.body
        )
    )
    if org.contact_procedure.strip() and not no_contact:
        source = (
            "ons arbeidsreglement"
            if org.contact_in_work_regulations
            else "onze afspraken over contact"
        )
        quote = ParagraphStyle("quote", parent=st.body, leftIndent=12, textColor=st.small.textColor)
        story.append(
            RLParagraph(
                f"Zo staat het in {source}: <i>{safe_text(org.contact_procedure.strip())}</i>",
                quote,
            )
        )
    return story


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


#: What differs from an ordinary illness; the kinds not named here need no note.
KIND_NOTES = {
    IncapacityKind.ARBEIDSONGEVAL: (
        "Omdat uw afwezigheid volgt op een arbeidsongeval, doen wij de aangifte bij onze "
        "arbeidsongevallenverzekeraar. Die vergoedt het loonverlies en de kosten van het ongeval "
        "zodra ze het ongeval erkent. Geef uw afwezigheid toch ook aan bij uw ziekenfonds: zolang "
        "de verzekeraar niet beslist heeft, kan het ziekenfonds een uitkering voorschieten. De "
        "personeelsdienst houdt u op de hoogte van de beslissing."
    ),
    IncapacityKind.BEROEPSZIEKTE: (
        "Gaat het om een beroepsziekte, dan beslist Fedris (het federaal agentschap voor "
        "beroepsrisico's) over de erkenning en de vergoeding. Uw arts of de arbeidsarts helpt u "
        "bij die aanvraag; de aangifte bij uw ziekenfonds blijft ondertussen nodig."
    ),
}


def _one_day_without_certificate(org: Organisation, day: date) -> list[Flowable]:
    count = org.employee_count
    if (count is None or count < ONE_DAY_WITHOUT_CERTIFICATE_THRESHOLD
            or day < ONE_DAY_WITHOUT_CERTIFICATE_FROM):
        return []
    return [RLParagraph(safe_text(ONE_DAY_WITHOUT_CERTIFICATE), styles().body)]


def _kind_note(kind: IncapacityKind) -> list[Flowable]:
    note = KIND_NOTES.get(kind)
    return [RLParagraph(safe_text(note), styles().body)] if note else []


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
                "Vraag de personeelsdienst naar de namen van de arbeidsarts, de vertrouwenspersoon en "
                "de preventieadviseur psychosociale aspecten.",
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
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
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


def _visit_text(org: Organisation) -> str:
    physician = org.role(Role.ARBEIDSARTS).name
    who = f"de arbeidsarts ({physician})" if physician else "de arbeidsarts"
    return (
        f"U kunt {who} op elk moment vragen om een bezoek voorafgaand aan de werkhervatting, "
        "ook terwijl u nog arbeidsongeschikt bent. Samen bekijkt u wat u nodig hebt om het "
        "werk te hervatten, bijvoorbeeld een aanpassing van uw werkplek; het is geen onderzoek "
        "naar uw geschiktheid. U vraagt het bezoek rechtstreeks aan bij de arbeidsarts; de "
        "verplaatsingskosten zijn voor de werkgever."
    )


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
    return KeepTogether(
        [
            Spacer(1, 0.2 * cm),
            RLParagraph("Met vriendelijke groeten,", st.body),
            Spacer(1, 1.4 * cm),  # room for a handwritten signature
            RLParagraph("<br/>".join(lines), st.body),
        ]
    )
