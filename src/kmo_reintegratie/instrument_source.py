"""The bundled ``instrument.json``: its text, and the labels of its sections at little cost.

The Overzicht names the section of each overdue action; building the whole instrument
(``kmo_reintegratie.instrument``: validation and a few thousand frozen objects) for that
would cost the start of the program some 15 ms, reading the labels from the decoded JSON
about one. The instrument module validates the same file, and a test ties the labels here
to its sections.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from types import MappingProxyType

from kmo_reintegratie.bundled import read_bundled_text


def read_instrument_text() -> str:
    """The text of the bundled instrument.json (``OSError`` if it cannot be read)."""
    return read_bundled_text("instrument", "instrument.json")


@functools.cache
def section_labels() -> Mapping[str, str]:
    """Each section's ID mapped to its number and title, as the Overzicht shows it: "1.2 Titel"."""
    data = json.loads(read_instrument_text())
    return MappingProxyType({
        section["id"].strip(): f"{section['number'].strip()} {section['title'].strip()}"
        for checklist in data["checklists"]
        for theme in checklist["themes"]
        for section in theme["sections"]
    })
