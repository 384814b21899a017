"""Letter draft: the employer's answer to the advice after a preventive request (since 2026).

The employer must examine the request and the arbeidsarts's advice seriously and tell the
worker as soon as possible what follows, or why not (``legal.duty_rule("preventief_verzoek")``).
The letter restates the dates, the advice on work adaptations and the answer, with room for
signatures; an empty answer leaves lines to write on.  Plain data in, PDF out, no Qt;
``export_preventief`` reads the dossier for the command line and the print preview.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from kmo_reintegratie.absence import Employee
from kmo_reintegratie.documents.base import build_pdf, content_width, dutch_date, safe_text, styles
from kmo_reintegratie.documents.letter_layout import (
    WindowLetterhead,
    address_lines,
    letter_details,
    letter_reference,
    sender_lines,
)
from kmo_reintegratie.documents.letter_texts import clean_salutation, default_salutation
from kmo_reintegratie.organisation import Organisation, Role
from kmo_reintegratie.preventive_request import PreventiveRequest
from kmo_reintegratie.record import record

if TYPE_CHECKING:
    from kmo_reintegratie.documents.registry import ExportOptions
    from kmo_reintegratie.store.dossier import Dossier

TITLE = "Antwoord op het advies na uw preventief verzoek"
NO_DIAGNOSIS = ("Deze brief bevat geen medische gegevens: het advies van de arbeidsarts gaat "
                "enkel over aanpassingen van het werk.")
DRAFT_NOTE = ("Ontwerp van de werkgever – lees na en vul aan vóór ondertekening; geen juridisch "
              "advies.")


@record
class PreventiveAnswerLetter:
    organisation: Organisation
    employee: Employee
    request: PreventiveRequest
    letter_date: date
    #: As chosen when printing; "" for "Beste <voornaam>,".
    salutation: str = ""


def render_preventive_answer(letter: PreventiveAnswerLetter, path: Path) -> Path:
    """Write the letter to ``path`` (see ``base.build_pdf`` for failure behaviour)."""
    st = styles()
    org, request = letter.organisation, letter.request
    physician = org.role(Role.ARBEIDSARTS).name
    arts = f"de arbeidsarts ({physician})" if physician else "de arbeidsarts"
    reference = letter_reference("PV", letter.employee, request.requested_on)
    salutation = letter.salutation or default_salutation(letter.employee.name)
    story: list[Flowable] = [
        WindowLetterhead(sender_lines(org), address_lines(letter.employee),
                         letter_details(reference, org, letter.letter_date)),
        Spacer(1, 0.5 * cm),
        Paragraph(f"<b>Betreft: {safe_text(TITLE.lower().capitalize())}</b>", st.body),
        Spacer(1, 0.3 * cm),
        Paragraph(safe_text(salutation), st.body),
        Paragraph(safe_text(
            f"Op {dutch_date(request.requested_on)} vroeg u ons na te gaan of een aanpassing van "
            "uw werkpost, of aangepast of ander werk, mogelijk is, zodat u aan het werk kunt "
            "blijven. Wij hebben uw vraag ernstig onderzocht."), st.body),
    ]
    advice_line = f"{arts[0].upper()}{arts[1:]} gaf"
    if request.visit_on:
        advice_line += f", na uw bezoek op {dutch_date(request.visit_on)},"
    if request.advice_received_on:
        advice_line += f" op {dutch_date(request.advice_received_on)}"
    advice_line += " advies over aanpassingen van uw werk."
    story.append(Paragraph(safe_text(advice_line), st.body))
    if request.advice.strip():
        story.append(Paragraph("<b>Het advies in het kort</b>", st.label))
        story.append(Paragraph(safe_text(request.advice), st.body))
    story.append(Paragraph("<b>Ons antwoord</b>", st.label))
    if request.answer.strip():
        story.append(Paragraph(safe_text(request.answer), st.body))
    else:
        story += [Spacer(1, 0.5 * cm), _lines(6)]
    story += [
        Paragraph(safe_text(
            "Hebt u vragen over dit antwoord, of verandert uw situatie, laat het ons dan weten. "
            "U kunt ook altijd zelf contact opnemen met de arbeidsarts."), st.body),
        Paragraph(safe_text(NO_DIAGNOSIS), st.small),
        Spacer(1, 0.4 * cm),
        _signatures(letter, request.answered_on),
    ]
    return build_pdf(path, story, title=f"{TITLE} – {letter.employee.name}",
                     organisation_name=org.display_name, subject=TITLE,
                     footer_note=f"Persoonlijk – voor de werknemer. Ons kenmerk: {reference}. "
                     + DRAFT_NOTE,
                     header_on_first_page=False)


def _lines(count: int) -> Table:
    table = Table([[""] for _ in range(count)], colWidths=[content_width()],
                  rowHeights=[0.75 * cm] * count)
    table.setStyle(TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.4, styles().small.textColor)]))
    return table


def _signatures(letter: PreventiveAnswerLetter, answered_on: date | None) -> Table:
    st = styles()
    hr = letter.organisation.role(Role.HR_CONTACT).name
    day = dutch_date(answered_on) if answered_on else "……………………"
    left = Paragraph("<br/>".join([
        "<b>Voor de werkgever</b>", safe_text(hr or "Naam: ……………………"), f"Datum: {safe_text(day)}",
        "<br/><br/>Handtekening"]), st.cell)
    right = Paragraph("<br/>".join([
        "<b>Voor ontvangst, de werknemer</b>", safe_text(letter.employee.name),
        "Datum: ……………………", "<br/><br/>Handtekening"]), st.cell)
    width = content_width()
    table = Table([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (0, 0), 0)]))
    return table


def export_preventief(dossier: "Dossier", out: Path, options: "ExportOptions") -> list[Path]:
    """One letter per preventive request: ``preventief-<naam>-<datum verzoek>.pdf``.

    ``options.request_id`` prints one request (the window); ``options.employee`` or
    ``employee_id`` narrows to those employees. ``options.salutation`` replaces "Beste
    <voornaam>," and is refused for more than one letter.
    """
    from kmo_reintegratie.documents.exporters_people import (
        _write,
        file_name_part,
        selected_employees,
    )

    organisation = dossier.organisation.get()
    employees = {e.id: e for e in selected_employees(dossier, options)}
    requests = [r for r in dossier.preventive_requests.all() if r.employee_id in employees
                and options.request_id in (None, r.id)]
    if not requests:
        raise ValueError("Er is nog geen preventief verzoek geregistreerd; er is niets af te "
                         "drukken.")
    salutation = "" if options.salutation is None else clean_salutation(options.salutation)
    if salutation and len(requests) > 1:
        raise ValueError(
            f"Een eigen aanspreking past bij één brief, maar er zouden er {len(requests)} "
            "gemaakt worden. Kies één werknemer (--werknemer NAAM)."
        )
    today = date.today()
    jobs: list[tuple[str, Callable[[Path], Path]]] = []
    for request in requests:
        employee = employees[request.employee_id]
        # Dated the day the employer answered, like the signature under it.
        letter = PreventiveAnswerLetter(organisation, employee, request,
                                        request.answered_on or today, salutation)
        name = (f"preventief-{file_name_part(letter.employee.name)}-"
                f"{request.requested_on.isoformat()}.pdf")
        jobs.append((name, lambda path, letter=letter: render_preventive_answer(letter, path)))
    return _write(out, jobs)
