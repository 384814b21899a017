"""Help > Over and Help > Bronvermelding."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtWidgets  # QMessageBox looked up when shown (see dialogs.messages)

from kmo_reintegratie import __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def about_text() -> str:
    from html import escape  # these texts are rare: html is not loaded at every start

    return (
        f"<h3>KMO Re-integratie {escape(__version__)}</h3>"
        "<p>Helpt kleine en middelgrote ondernemingen om langdurig zieke werknemers op te volgen "
        "en hun terugkeer naar het werk voor te bereiden.</p>"
        "<p>Het programma werkt volledig offline: uw dossier blijft op deze computer en er wordt "
        "niets via het internet verstuurd. Het vraagt nooit naar een diagnose of andere medische "
        "gegevens.</p><p>Geen juridisch advies: controleer termijnen die als "
        "<i>te bevestigen</i> gemarkeerd zijn.</p>"
    )


def attribution_text() -> str:
    from html import escape

    from kmo_reintegratie.instrument import load_instrument  # not needed to start the window

    source = load_instrument().source
    return (
        "<h3>Bronvermelding</h3>"
        f"<p>{escape(source.attribution)}</p>"
        f"<p>Uitgever: {escape(source.publisher)}<br>Onderzoek: {escape(source.research)}, "
        f"{escape(source.period)}</p>"
        "<p>De wettelijke termijnen zijn samengesteld uit publieke bronnen (stand eind 2026); "
        "niet-bevestigde punten staan in het programma als <i>te bevestigen</i>.</p>"
    )


def show_about(parent: QWidget | None) -> None:
    QtWidgets.QMessageBox.about(parent, "Over KMO Re-integratie", about_text())


def show_attribution(parent: QWidget | None) -> None:
    QtWidgets.QMessageBox.information(parent, "Bronvermelding", attribution_text())
