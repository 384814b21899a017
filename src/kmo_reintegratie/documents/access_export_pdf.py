"""The access export (GDPR art. 15) as a readable PDF, for the person it is about.

A cover with the person, the date and what the export holds, then one section per kind of
record (``access_export.SECTIONS``): short records as one table, longer ones as a framed
block per record. Every stored field is printed except the internal numbers and the times
of registration, which only the JSON file beside it holds; an empty section says "Geen
gegevens". Codes are printed as the window shows them ("Gesprek op het werk"), dates as
dd-mm-jjjj. Plain data in, PDF out, no Qt.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from reportlab.lib.units import cm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph

from kmo_reintegratie.absence import Channel, ContactRole, IncapacityKind, InfoItem, Initiative
from kmo_reintegratie.audit_log import action_label, kind_label
from kmo_reintegratie.documents.access_export import (
    PROGRAM,
    SECTIONS,
    TECHNICAL,
    AccessExport,
    Section,
    explanation,
)
from kmo_reintegratie.documents.base import (
    build_pdf,
    content_width,
    dutch_date,
    safe_text,
    short_date,
    styles,
)
from kmo_reintegratie.documents.pdf_tables import data_table
from kmo_reintegratie.force_majeure import STEPS
from kmo_reintegratie.legal import Decision, Initiator
from kmo_reintegratie.absence import format_hours
from kmo_reintegratie.trajectory import (
    REPORT_SUBJECTS,
    AdaptationKind,
    ReportGround,
    Response,
    TrajectoryKind,
)

TITLE = "Inzage in uw gegevens"
NO_DATA = "Geen gegevens."
#: Sections with few, short fields: one table with a row per record.
TABLE_SECTIONS = ("working_regimes", "certificates", "partial_returns", "audit_entries")
#: Column widths of those tables where equal shares would squeeze the longer texts.
_WIDTHS = {"audit_entries": ["23%", "16%", "14%", "21%", "11%", "15%"]}
#: Always the person the export is about: saying so on every row helps no one.
_OWN_ID = ("employee_id",)

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$")

_CHECKLIST_LABELS = {
    "return_at": "Eerste werkdag", "manager_informed": "Leidinggevende geïnformeerd",
    "team_informed": "Team geïnformeerd",
    "what_may_be_told": "Wat aan het team verteld mag worden",
    "adaptations_ready": "Aanpassingen klaar",
    "building_access": "Toegang tot het gebouw (badge, sleutels, codes)",
    "material_ready": "Materiaal en werkmiddelen klaar", "welcome_moment": "Onthaalmoment",
    "mentor": "Peter of meter",
}
_STEP_TITLES = {key: title for key, title, _rule in STEPS}
_SUBJECTS = dict(REPORT_SUBJECTS)


def render_access_pdf(export: AccessExport, path: Path, json_name: str | None = None) -> Path:
    """Write the readable access export to ``path`` (see ``base.build_pdf`` for failures).

    ``json_name`` is the file name of the JSON written beside it, named on the cover.
    """
    links = _Links(export)
    story: list[Flowable] = _cover(export, json_name)
    for section in SECTIONS:
        story += _section(section, export.rows(section), links)
    made = short_date(export.made_on)
    return build_pdf(
        path,
        story,
        title=f"Inzage-export – {export.name}",
        organisation_name=export.organisation,
        subject=f"Alle gegevens over {export.name} in het dossier (artikel 15 AVG)",
        footer_note=f"Vertrouwelijk – inzage-export van {export.name}, opgemaakt op {made}.",
    )


# --------------------------------------------------------------------------- cover


def _cover(export: AccessExport, json_name: str | None) -> list[Flowable]:
    st = styles()
    counts = [[section.title, len(export.records.rows(section.table)) or "Geen gegevens"]
              for section in SECTIONS]
    machine = (f"Bij dit document hoort het bestand {json_name}" if json_name
               else "Bij dit document hoort een JSON-bestand")
    story: list[Flowable] = [
        RLParagraph(TITLE, st.title),
        RLParagraph(safe_text(export.name), st.subtitle),
        Spacer(1, 0.4 * cm),
        _details([("Organisatie", export.organisation),
                  ("Opgemaakt op", dutch_date(export.made_on)),
                  ("Programma", f"{PROGRAM} {export.program_version}")]),
        RLParagraph(safe_text(explanation(export)), st.body),
        RLParagraph(safe_text(
            f"{machine}, met dezelfde gegevens in een vorm die een computer kan lezen, "
            "aangevuld met de interne nummers en het moment waarop elk gegeven geregistreerd "
            "en laatst gewijzigd werd."), st.body),
        Spacer(1, 0.3 * cm),
        RLParagraph("Wat dit document bevat", st.h2),
        data_table(["Onderdeel", "Aantal"], counts, ["75%", "25%"]),
        PageBreak(),
    ]
    return story


def _details(rows: list[tuple[str, str]]) -> Table:
    st = styles()
    data = [[RLParagraph(safe_text(label), st.cell),
             RLParagraph(f"<b>{safe_text(value)}</b>", st.cell)]
            for label, value in rows if value.strip()]
    table = Table(data, colWidths=[3.5 * cm, content_width() - 3.5 * cm], hAlign="LEFT",
                  spaceAfter=8)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


# --------------------------------------------------------------------------- sections


def _section(section: Section, rows: tuple[dict[str, Any], ...], links: _Links) -> list[Flowable]:
    st = styles()
    heading = RLParagraph(safe_text(section.title), st.h1)
    if not rows:
        return [CondPageBreak(2 * cm), heading, RLParagraph(NO_DATA, st.body)]
    story: list[Flowable] = [CondPageBreak(5 * cm)]
    columns = [c for c in section.labels if c not in TECHNICAL and c not in _OWN_ID]
    if section.key in TABLE_SECTIONS:
        table_rows = [[value_text(section.table, c, row.get(c), links) for c in columns]
                      for row in rows]
        header = [section.labels[c] for c in columns]
        return [*story, heading, data_table(header, table_rows, _WIDTHS.get(section.key))]
    for row in rows:
        fields = [(section.labels[c], value_text(section.table, c, row.get(c), links))
                  for c in columns]
        fields += [(section.labels.get(c, c), value_text(section.table, c, v, links))
                   for c, v in row.items() if c not in section.labels]  # a column not labelled yet
        shown = [[label, text] for label, text in fields if text]
        title = _record_title(section.key, row, links)
        table = data_table([title, ""], shown or [["", NO_DATA]], ["34%", "66%"], zebra=False)
        table.setStyle(TableStyle([("SPAN", (0, 0), (-1, 0))]))
        # A short record is not split over two pages; the first one keeps the heading with it.
        story.append(KeepTogether([heading, table] if len(story) == 1 else [table]))
    return story


def _record_title(key: str, row: dict[str, Any], links: _Links) -> str:
    def day(column: str) -> str:
        return _date_text(row.get(column)) or "datum onbekend"

    titles: dict[str, Callable[[], str]] = {
        "employee": lambda: str(row.get("name", "")),
        "absences": lambda: f"Afwezigheid vanaf {day('starts')}",
        "contact_agreements": lambda: f"Afspraak geldig vanaf {day('valid_from')}",
        "contact_entries": lambda: f"Contact op {day('at')}",
        "force_majeure_checks": lambda: f"Afwezigheid {links.absence(row.get('absence_id'))}",
        "trajectories": lambda: links.trajectory(row.get("id")).capitalize(),
        "plan_versions": lambda: f"Plan versie {row.get('version')} van {day('made_on')}",
        "motivated_reports": lambda: f"Gemotiveerd verslag van {day('made_on')}",
        "preventive_requests": lambda: f"Preventief verzoek van {day('requested_on')}",
    }
    return titles.get(key, lambda: f"Nummer {row.get('id', '')}")()


class _Links:
    """How a record names the absence or trajectory it belongs to: by date, not by number."""

    def __init__(self, export: AccessExport) -> None:
        records = export.records
        self._absences = {row["id"]: row for row in records.rows("absence")}
        self._trajectories = {row["id"]: row for row in records.rows("trajectory")}

    def absence(self, absence_id: Any) -> str:
        row = self._absences.get(absence_id)
        return f"vanaf {_date_text(row['starts'])}" if row else ""

    def trajectory(self, trajectory_id: Any) -> str:
        row = self._trajectories.get(trajectory_id)
        if row is None:
            return ""
        kind = _label(TrajectoryKind, row.get("kind")).lower()
        started = _date_text(row.get("request_date"))
        return f"{kind} van {started}" if started else kind


# --------------------------------------------------------------------------- values


def value_text(table: str, column: str, value: Any, links: _Links) -> str:
    """``value`` of ``table.column`` as the window would show it; "" for nothing stored."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    special = _SPECIAL.get((table, column)) or _SPECIAL.get(("*", column))
    if special is not None:
        return special(value, links)
    if isinstance(value, float):
        return format_hours(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return _date_text(value) if isinstance(value, str) else str(value)


def _date_text(value: Any) -> str:
    """ISO dates as dd-mm-jjjj, ISO times as "dd-mm-jjjj om uu:mm"; other text unchanged."""
    text = "" if value is None else str(value)
    if _ISO_DATE.match(text):
        return short_date(date.fromisoformat(text))
    if match := _ISO_TIME.match(text):
        return f"{short_date(date.fromisoformat(match.group(1)))} om {match.group(2)}"
    return text


def _label(enum: Any, value: Any) -> str:
    try:
        return str(enum(value).label)
    except ValueError:
        return str(value)


def _labelled(enum: Any) -> Callable[[Any, _Links], str]:
    return lambda value, _links: _label(enum, value)


def _lines(items: list[str]) -> str:
    return "\n".join(f"• {item}" for item in items if item)


def _adaptations(value: Any, _links: _Links) -> str:
    return _lines([f"{_label(AdaptationKind, a.get('kind'))}: {a.get('description', '')}"
                   + (" (blijvend)" if a.get("permanent") else "")
                   for a in _dicts(value)])


def _schedule(value: Any, _links: _Links) -> str:
    steps = []
    for step in _dicts(value):
        period = f"vanaf {_date_text(step.get('starts'))}"
        if step.get("ends"):
            period += f" tot en met {_date_text(step.get('ends'))}"
        if step.get("hours_per_week") is not None:
            period += f": {format_hours(float(step['hours_per_week']))} uur per week"
        elif step.get("percentage") is not None:
            period += f": {format_hours(float(step['percentage']))} % van het regime"
        steps.append(period + (f" – {step['changes']}" if step.get("changes") else ""))
    return _lines(steps)


def _checklist(value: Any, _links: _Links) -> str:
    if not isinstance(value, dict):
        return str(value)
    shown = []
    for key, item in value.items():
        if item in ("", None):
            continue
        text = ("ja" if item else "nee") if isinstance(item, bool) else str(item)
        shown.append(f"{_CHECKLIST_LABELS.get(key, key)}: {text}")
    return _lines(shown)


def _ticked_steps(value: Any, _links: _Links) -> str:
    ticked = value if isinstance(value, dict) else {}
    return _lines([_STEP_TITLES.get(key, key) for key, done in ticked.items() if done])


def _considerations(value: Any, _links: _Links) -> str:
    lines = []
    for item in _dicts(value):
        text = f"{_SUBJECTS.get(item.get('subject'), item.get('subject'))}: "
        text += "overwogen" if item.get("considered") else "niet overwogen"
        if item.get("ground"):
            text += f" – {_label(ReportGround, item['ground']).lower()}"
        lines.append(text + (f". {item['reasons']}" if item.get("reasons") else ""))
    return _lines(lines)


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


_SPECIAL: dict[tuple[str, str], Callable[[Any, _Links], str]] = {
    ("employee", "statute"): lambda value, _links: str(value).capitalize(),
    ("*", "kind"): _labelled(IncapacityKind),
    ("trajectory", "kind"): _labelled(TrajectoryKind),
    ("*", "channel"): _labelled(Channel),
    ("*", "contact_role"): _labelled(ContactRole),
    ("*", "initiative"): _labelled(Initiative),
    ("*", "initiator"): _labelled(Initiator),
    ("*", "decision"): _labelled(Decision),
    ("*", "response"): _labelled(Response),
    ("*", "info_given"): lambda value, _links: _lines(
        [_label(InfoItem, item) for item in value] if isinstance(value, list) else [str(value)]),
    ("*", "absence_id"): lambda value, links: links.absence(value) or str(value),
    ("absence", "relapse_of"): lambda value, links: links.absence(value) or str(value),
    ("*", "trajectory_id"): lambda value, links: links.trajectory(value) or str(value),
    ("*", "every_days"): lambda value, _links: f"om de {value} dagen",
    ("*", "percentage"): lambda value, _links: f"{format_hours(float(value))} %",
    ("*", "adaptations"): _adaptations,
    ("*", "schedule"): _schedule,
    ("*", "evaluation_moments"): lambda value, _links: ", ".join(
        _date_text(d) for d in value) if isinstance(value, list) else str(value),
    ("plan_version", "checklist"): _checklist,
    ("force_majeure_check", "checklist"): _ticked_steps,
    ("*", "considerations"): _considerations,
    ("audit_entry", "action"): lambda value, _links: action_label(str(value)),
    ("audit_entry", "record_kind"): lambda value, _links: kind_label(str(value)),
}
