"""A band above the pages that says why the dossier cannot be changed, and what to do."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

IN_USE = "in_use"
NOT_WRITABLE = "not_writable"
OLDER_COPY = "older_copy"


class ReadOnlyBanner(QFrame):
    """Hidden while the dossier may be changed; otherwise one sentence and a way out."""

    copy_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("readOnlyBanner")
        self.setStyleSheet(
            "QFrame#readOnlyBanner { background: #fff4ce; border-bottom: 1px solid #e0c36a; }"
            "QFrame#readOnlyBanner QLabel { color: #4a3b00; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 12, 6)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.copy_button = QPushButton(self.tr("Kopie bewaren om te bewerken…"))
        self.copy_button.clicked.connect(self.copy_requested)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.copy_button)
        self.hide()

    def show_reason(self, reason: str) -> None:
        texts = {
            IN_USE: self.tr(
                "<b>Alleen-lezen.</b> Dit dossier is elders geopend; u kunt het hier bekijken en "
                "afdrukken, maar niet wijzigen."
            ),
            NOT_WRITABLE: self.tr(
                "<b>Alleen-lezen.</b> U mag niet schrijven op de plek waar dit dossier staat "
                "(een cd, een beveiligde netwerkmap of een bestand zonder schrijfrechten)."
            ),
            OLDER_COPY: self.tr(
                "<b>Alleen-lezen.</b> Dit dossier komt van een oudere versie en staat op een plek "
                "waar het niet bijgewerkt mag worden. U ziet een bijgewerkte kopie; het bestand "
                "zelf blijft ongewijzigd."
            ),
        }
        if reason not in texts:
            self.hide()
            return
        self.label.setText(texts[reason])
        # A copy of a dossier that is open elsewhere would fork the records; offer it only
        # where the file itself can never be changed here.
        self.copy_button.setVisible(reason != IN_USE)
        self.show()
