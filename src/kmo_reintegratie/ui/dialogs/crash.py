"""The dialog for real bugs: says the work is safe, offers to copy the details."""

from __future__ import annotations

import traceback
from types import TracebackType

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie import __version__
from kmo_reintegratie.crash_log import system_description


def crash_report(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return (
        f"KMO Re-integratie {__version__}\n{system_description()}\n\n"
        + "".join(lines)
    )


class CrashDialog(QDialog):
    def __init__(self, report: str, parent: QWidget | None = None, *, title: str = "",
                 explanation: str = ""):
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Onverwachte fout"))
        layout = QVBoxLayout(self)
        message = QLabel(
            explanation or self.tr(
                "<b>Er liep iets mis in het programma.</b><br>Uw dossier is veilig: elke wijziging "
                "tot vlak voor de fout is al bewaard. U kunt verder werken; als de fout terugkomt, "
                "kopieer dan de details hieronder en bezorg ze aan wie het programma onderhoudt. "
                "De details bevatten geen gegevens uit uw dossier."
            )
        )
        message.setWordWrap(True)
        layout.addWidget(message)
        self.details = QPlainTextEdit(report)
        self.details.setReadOnly(True)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton(self.tr("Details kopiëren"), QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)


def show_crashed_session(parent: QWidget | None, log_text: str, started: str) -> None:
    """Tell the user, at the next start, that the previous session ended unexpectedly."""
    report = log_text.strip()
    if "Fatal Python error" not in report:
        report += "\n\n" + QApplication.translate(
            "CrashDialog", "Er werd geen foutspoor bewaard: het programma werd van buitenaf gestopt "
            "(bijvoorbeeld bij het afmelden of door Taakbeheer)."
        )
    dialog = CrashDialog(
        report,
        parent,
        title=QApplication.translate("CrashDialog", "KMO Re-integratie werd onverwacht afgesloten"),
        explanation=QApplication.translate(
            "CrashDialog",
            "<b>KMO Re-integratie werd onverwacht afgesloten</b> (vorige sessie, gestart op {0}).<br>"
            "Wat vóór het afsluiten bewaard was, staat in uw dossier; een tekst die u op dat "
            "moment aan het typen was, kan ontbreken. Kijk dat even na. Kopieer de details "
            "hieronder en bezorg ze aan wie het programma onderhoudt; ze bevatten geen gegevens "
            "uit uw dossier.",
        ).format(started),
    )
    dialog.exec()
