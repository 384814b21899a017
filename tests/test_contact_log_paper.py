"""The contact log on paper: what the employee signs and what a loose page still says.

Every test reads the real PDF: its text (pypdf), where text stands on the page, and the
frame lines of the signature boxes from the page's drawing operators.
"""

from __future__ import annotations

import re
import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pypdf
import pytest
from pypdf.generic import ContentStream

from kmo_reintegratie.absence import Channel, ContactRole, InfoItem, Initiative
from kmo_reintegratie.documents.exporters_people import export_contactlog
from kmo_reintegratie.documents.registry import ExportOptions
from kmo_reintegratie.store.dossier import Dossier

LONG_NAME = "Marie-Christine Anne-Sophie Vandenberghe-Vanderstraeten"
CALLER = "Jean-Baptiste Vanderhaeghen-Schoonbroodt"
CONTACTS = 30
CONTACT_DATES = {
    (datetime(2026, 1, 6) + timedelta(weeks=week)).strftime("%d-%m-%Y") for week in range(CONTACTS)
}


def flat(text: str) -> str:
    """Single spaces, Dutch hyphenation at line ends undone ("vertrouwens-" / "persoon")."""
    return " ".join(re.sub(r"(?<=[a-zë])-\n(?=[a-z])", "", text).split())


def pages_of(path: Path) -> list[pypdf.PageObject]:
    return list(pypdf.PdfReader(path).pages)


def placed_text(page: pypdf.PageObject) -> list[tuple[str, float]]:
    """Every text run on ``page`` with its height on the page (points from the bottom)."""
    runs: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            runs.append((text.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return runs


def stroked_lines(page: pypdf.PageObject) -> list[tuple[float, float, float, float, float]]:
    """Every straight line the page strokes, as (x0, y0, x1, y1, width) on the page."""
    matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
    stack: list[tuple[list[float], float]] = []
    width, start = 1.0, (0.0, 0.0)
    lines = []

    def on_page(x: float, y: float) -> tuple[float, float]:
        a, b, c, d, e, f = matrix
        return a * x + c * y + e, b * x + d * y + f

    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        values = [float(v) for v in operands if isinstance(v, (int, float))]
        if operator == b"q":
            stack.append((matrix[:], width))
        elif operator == b"Q":
            matrix, width = stack.pop()
        elif operator == b"cm":
            a, b, c, d, e, f = values
            m = matrix
            matrix = [
                a * m[0] + b * m[2], a * m[1] + b * m[3],
                c * m[0] + d * m[2], c * m[1] + d * m[3],
                e * m[0] + f * m[2] + m[4], e * m[1] + f * m[3] + m[5],
            ]
        elif operator == b"w":
            width = values[0]
        elif operator == b"m":
            start = on_page(*values)
        elif operator == b"l":
            end = on_page(*values)
            lines.append((*start, *end, width))
            start = end
    return lines


@pytest.fixture(scope="module")
def koen_log(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("koen")
    demo = folder / "demo.kmo"
    shutil.copyfile(demo_template, demo)
    with Dossier.open(demo, read_only=True) as dossier:
        written = export_contactlog(dossier, folder / "uit", ExportOptions(employee="Koen"))
    assert len(written) == 1
    return written[0]


@pytest.fixture(scope="module")
def long_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A dossier without organisation name; a long absence of someone with a long double name,
    called weekly by someone with one too, with long and short reports in turn."""
    report = (
        "We bespraken hoe het team het werk opvangt en welke taken later eventueel aangepast "
        "kunnen worden. "
    ) * 4
    folder = tmp_path_factory.mktemp("lang")
    dossier_path = folder / "Zonder naam.kmo"
    Dossier.create(dossier_path).close()
    with Dossier.open(dossier_path) as dossier:
        employee = dossier.employees.add(LONG_NAME, function="Hoofdverpleegkundige", manager=CALLER)
        absence = dossier.absences.add(employee.id, date(2026, 1, 5))
        dossier.absences.set_agreement(
            absence.id, date(2026, 1, 5), contact_role=ContactRole.LEIDINGGEVENDE,
            contact_name=CALLER, every_days=7,
        )
        for week in range(CONTACTS):
            dossier.absences.add_contact(
                absence.id, datetime(2026, 1, 6, 10, 0) + timedelta(weeks=week), made_by=CALLER,
                channel=Channel.TELEFOON, summary=report if week % 2 else "Kort gesprek.",
                agreements="Volgende week opnieuw bellen.",
                initiative=Initiative.WERKNEMER if week % 3 == 0 else Initiative.WERKGEVER,
            )
        written = export_contactlog(dossier, folder / "uit", ExportOptions())
    assert len(written) == 1
    return written[0]


def test_employee_gets_lines_for_remarks_and_a_box_as_large_as_the_employers(
    koen_log: Path,
) -> None:
    page = pages_of(koen_log)[-1]
    raw = page.extract_text()
    # On one line, not "Handtekening" / "werknemer".
    assert "Handtekening werknemer" in raw.splitlines()
    assert "Handtekening werkgever" in raw.splitlines()
    assert "opmerkingen noteren" in flat(raw)  # the promise, and the room it promises:
    placed = dict(placed_text(page))
    remarks_top = placed["Opmerkingen van de werknemer"]
    boxes_top = placed["Voor gezien door de werknemer"]
    full_width = [
        line for line in stroked_lines(page)
        if abs(line[1] - line[3]) < 0.1 and abs(line[2] - line[0]) > 450
        and boxes_top < line[1] < remarks_top
    ]
    assert len(full_width) >= 4
    # The two frames: vertical strokes of the box width, two per box.
    sides = sorted(
        (round(x0, 1), round(min(y0, y1), 1), round(abs(y1 - y0), 1))
        for x0, y0, x1, y1, width in stroked_lines(page)
        if abs(x0 - x1) < 0.1 and abs(width - 0.7) < 0.01
    )
    assert len(sides) == 4
    (left1, bottom1, height1), (right1, *_), (left2, bottom2, height2), (right2, *_) = sides
    assert height1 == height2 and bottom1 == bottom2  # equal height, side by side
    assert abs((right1 - left1) - (right2 - left2)) < 0.5  # equal width
    assert height1 > 100  # room to sign, not a line


def test_information_given_continues_in_lower_case_after_a_semicolon(koen_log: Path) -> None:
    text = " ".join(flat(page.extract_text()) for page in pages_of(koen_log))
    assert "Overzichtsdocument bezorgd; vertrouwenspersoon en arbeidsarts vermeld" in text
    assert (
        "Mogelijkheden aangepast werk besproken; bezoek voorafgaand aan werkhervatting vermeld"
        in text
    )
    assert not re.search(r"; [A-Z]", text)


def test_every_page_is_confidential_and_names_the_person_and_the_print_date(
    long_log: Path,
) -> None:
    pages = [flat(page.extract_text()) for page in pages_of(long_log)]
    assert len(pages) >= 4
    assert "VERTROUWELIJK" in pages[0]
    printed = date.today().strftime("%d-%m-%Y")
    for page in pages:
        assert "Vertrouwelijk – contactlog van" in page
        assert f"{LONG_NAME}, afwezigheid vanaf 05-01-2026, afgedrukt op {printed}" in page


def test_many_contacts_repeat_the_header_row_only_at_the_top_of_a_page(long_log: Path) -> None:
    pages = pages_of(long_log)
    seen = 0
    for number, page in enumerate(pages, start=1):
        placed = placed_text(page)
        headers = [y for text, y in placed if text == "Datum en contact"]
        stamps = [y for text, y in placed if text in CONTACT_DATES]
        seen += len(stamps)
        if not stamps:
            continue
        assert len(headers) == 1, f"pagina {number}: de kop {len(headers)} keer"
        assert all(y < headers[0] for y in stamps), f"pagina {number}: kop niet bovenaan"
        if number > 1:  # a continued table starts right under the page header
            assert headers[0] >= max(y for text, y in placed if y < 780) - 1
    assert seen == CONTACTS


def test_long_names_break_between_their_parts_not_inside_them(long_log: Path) -> None:
    whole_or_at_own_hyphen = re.compile(r"Jean-\n?Baptiste\sVanderhaeghen-\n?Schoonbroodt")
    broken = re.compile(r"Jean-\n?Baptiste\s(\S+)")
    found = 0
    for page in pages_of(long_log):
        raw = page.extract_text()
        found += len(whole_or_at_own_hyphen.findall(raw))
        for match in broken.finditer(raw):
            assert match.group(1) in ("Vanderhaeghen-", "Vanderhaeghen-Schoonbroodt"), match[0]
    assert found >= CONTACTS + 1  # every contact, the agreement and the manager


def test_without_organisation_name_a_line_to_fill_in(long_log: Path) -> None:
    text = " ".join(flat(page.extract_text()) for page in pages_of(long_log))
    assert "Naamloze organisatie" not in text
    assert re.search(r"Werkgever _{20,}", text)
