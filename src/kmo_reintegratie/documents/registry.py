"""The documents the program can print, by the name used on the command line.

Each exporter takes an open dossier and an output path and writes PDF files;
it returns the paths written. Later areas add their documents here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kmo_reintegratie.store.dossier import Dossier


@dataclass(frozen=True)
class ExportOptions:
    employee: str | None = None
    year: int | None = None
    date_from: str | None = None
    date_to: str | None = None


Exporter = Callable[["Dossier", Path, ExportOptions], list[Path]]


@dataclass(frozen=True)
class DocumentKind:
    name: str
    description: str
    export: Exporter


def _instrument(dossier: "Dossier", out: Path, options: ExportOptions) -> list[Path]:
    from kmo_reintegratie.documents.instrument_pdf import render_instrument
    from kmo_reintegratie.instrument import load_instrument

    render_instrument(load_instrument(), dossier.organisation.get().display_name, out)
    return [out]


DOCUMENTS: dict[str, DocumentKind] = {
    kind.name: kind
    for kind in (
        DocumentKind(
            "checklists",
            "De vier lege checklists van het instrument, om op papier in te vullen",
            _instrument,
        ),
    )
}
