"""A dossier's password: asking it when opening, choosing a new one, and removing it.

The checks that cost a key derivation (a tenth of a second or more) run when the user
presses the button, under a busy cursor; a wrong password keeps the dialog open with a
Dutch message, so the user can try again or cancel.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.store.cipher import MINIMUM_LENGTH, check_new_password

ERROR_STYLE = "color:#b00020;"
WARNING_STYLE = "color:#8a1c1c;"
HINT_STYLE = "color: palette(placeholder-text);"
WRONG = "Het wachtwoord is niet juist. Let op hoofdletters en Caps Lock."
# Passwords that every guessing list starts with, in the languages of a Belgian office.
COMMON = {"wachtwoord", "paswoord", "password", "motdepasse", "azerty", "qwerty", "welkom",
          "bonjour", "letmein", "admin", "geheim"}


def strength(password: str) -> tuple[int, str]:
    """How hard ``password`` is to guess, 0 (refused) to 3, with a Dutch hint."""
    if len(password) < MINIMUM_LENGTH:
        return 0, f"Te kort: minstens {MINIMUM_LENGTH} tekens."
    bare = "".join(ch for ch in password.lower() if ch.isalpha())
    if bare in COMMON or len(set(password)) <= 3 or password.isdigit():
        return 1, "Zwak: dit wachtwoord raadt men snel. Kies een zin van enkele woorden."
    kinds = sum((any(ch.islower() for ch in password), any(ch.isupper() for ch in password),
                 any(ch.isdigit() for ch in password), any(not ch.isalnum() for ch in password)))
    words = len(password.split())
    if len(password) >= 16 or (words >= 4 and len(password) >= 14):
        return 3, "Sterk."
    if len(password) >= 12 and kinds >= 2:
        return 2, "Redelijk. Langer is sterker: een zin van vier of meer woorden is ideaal."
    return 1, "Zwak: kies een langer wachtwoord, bv. een zin van vier of meer woorden."


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


def _label(text: str, style: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    if name:
        label.setObjectName(name)
    return label


def _busy_check(check: Callable[[str], bool], password: str) -> bool:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return check(password)
    finally:
        QApplication.restoreOverrideCursor()


class AskPasswordDialog(QDialog):
    """Asks the current password; closes (Accepted) only once ``fits(password)`` holds.

    ``password`` holds it after Accepted.
    """

    def __init__(self, text: str, fits: Callable[[str], bool], parent: QWidget | None = None, *,
                 title: str = "", button: str = "", warning: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Wachtwoord"))
        self.setMinimumWidth(420)
        self._fits = fits
        self.password = ""
        layout = QVBoxLayout(self)
        layout.addWidget(_label(text))
        if warning:
            layout.addWidget(_label(warning, WARNING_STYLE, "passwordWarning"))
        self.field = _password_field("passwordField")
        self.field.textEdited.connect(lambda _text: self.error.clear())
        layout.addWidget(self.field)
        self.error = _label("", ERROR_STYLE, "passwordError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(button or self.tr("Openen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def accept(self) -> None:
        typed = self.field.text()
        if not typed:
            self.error.setText(self.tr("Typ het wachtwoord."))
            return
        if not _busy_check(self._fits, typed):
            self.error.setText(self.tr(WRONG))
            self.field.selectAll()
            self.field.setFocus()
            return
        self.password = typed
        super().accept()


def ask_password_to_open(parent: QWidget | None, file_name: str,
                         fits: Callable[[str], bool]) -> str | None:
    """The password of the protected dossier ``file_name``, checked; None when cancelled."""
    dialog = AskPasswordDialog(
        QApplication.translate("AskPasswordDialog",
                               "Het dossier «{0}» is beveiligd met een wachtwoord. Geef het "
                               "wachtwoord om het te openen.").format(file_name),
        fits, parent, title=QApplication.translate("AskPasswordDialog", "Wachtwoord nodig"),
    )
    try:
        return dialog.password if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


FORGOTTEN = ("Vergeet u dit wachtwoord, dan zijn de gegevens in dit dossier verloren: niemand "
             "kan ze nog openen, ook de makers van dit programma niet. Het wachtwoord en een "
             "geheugensteun worden nergens bewaard. Noteer het op een veilige plaats, niet bij "
             "de computer.")


class NewPasswordDialog(QDialog):
    """Choose a new password, typed twice, with a strength hint.

    ``first_time``: the explanation that a forgotten password means the data is gone, which
    the user must tick. ``current_fits``: ask the current password too (changing it).
    After Accepted, ``password`` and ``current`` hold them.
    """

    def __init__(self, parent: QWidget | None = None, *, first_time: bool,
                 current_fits: Callable[[str], bool] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Beveiligen met wachtwoord") if first_time
                            else self.tr("Wachtwoord wijzigen"))
        self.setMinimumWidth(480)
        self._current_fits = current_fits
        self.password = ""
        self.current = ""
        layout = QVBoxLayout(self)
        layout.addWidget(_label(self.tr(
            "Met een wachtwoord kan niemand het dossier lezen zonder dat wachtwoord, ook niet "
            "wie het bestand of een reservekopie ervan vindt. Het wachtwoord wordt gevraagd "
            "telkens u het dossier opent.") if first_time else self.tr(
            "Het nieuwe wachtwoord geldt ook voor de reservekopieën die het programma van dit "
            "dossier bewaart.")))
        form = QFormLayout()
        self.current_field: QLineEdit | None = None
        if current_fits is not None:
            self.current_field = _password_field("currentPasswordField")
            self.current_field.textEdited.connect(self._refresh)
            form.addRow(self.tr("&Huidig wachtwoord:"), self.current_field)
        self.new_field = _password_field("newPasswordField")
        self.repeat_field = _password_field("repeatPasswordField")
        form.addRow(self.tr("&Nieuw wachtwoord:"), self.new_field)
        self.strength = _label("", HINT_STYLE, "passwordStrength")
        form.addRow("", self.strength)
        form.addRow(self.tr("&Herhaal het wachtwoord:"), self.repeat_field)
        layout.addLayout(form)
        self.understood: QCheckBox | None = None
        if first_time:
            layout.addWidget(_label(self.tr(FORGOTTEN), WARNING_STYLE, "forgottenWarning"))
            self.understood = QCheckBox(self.tr(
                "Ik begrijp dat de gegevens verloren zijn als ik het wachtwoord vergeet."))
            self.understood.setObjectName("understoodCheck")
            self.understood.toggled.connect(self._refresh)
            layout.addWidget(self.understood)
        self.error = _label("", ERROR_STYLE, "passwordError")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Beveiligen") if first_time else self.tr("Wijzigen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Annuleren"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.new_field.textEdited.connect(self._refresh)
        self.repeat_field.textEdited.connect(self._refresh)
        (self.current_field or self.new_field).setFocus()
        self._refresh()

    def _refresh(self, *_args: object) -> None:
        """Strength hint, the one thing still wrong, and OK only when all is right."""
        new, repeated = self.new_field.text(), self.repeat_field.text()
        current = self.current_field.text() if self.current_field is not None else None
        self.strength.setText(self.tr(strength(new)[1]) if new else self.tr(
            "Minstens {0} tekens; een zin van enkele woorden is sterk en makkelijk te "
            "onthouden.").format(MINIMUM_LENGTH))
        try:
            check_new_password(new)
            valid = True
        except ValueError as error:
            valid = False
            # "Te kort" is already the strength hint; an invalid character is not.
            problem = str(error) if new and len(new) >= MINIMUM_LENGTH else ""
        if valid:
            problem = ""
            if current is not None and new == current:
                problem = self.tr("Het nieuwe wachtwoord is hetzelfde als het huidige.")
            elif repeated and repeated != new:
                problem = self.tr("De twee wachtwoorden verschillen.")
        self.error.setText(problem)
        self.ok_button.setEnabled(
            valid and not problem and repeated == new and current != ""
            and (self.understood is None or self.understood.isChecked()))

    def accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        if self.current_field is not None and self._current_fits is not None:
            if not _busy_check(self._current_fits, self.current_field.text()):
                self.error.setText(self.tr("Het huidige wachtwoord is niet juist."))
                self.current_field.selectAll()
                self.current_field.setFocus()
                return
            self.current = self.current_field.text()
        self.password = self.new_field.text()
        super().accept()


def choose_first_password(parent: QWidget | None) -> str | None:
    """A new password for a plain dossier, the loss of the data confirmed; None when cancelled."""
    dialog = NewPasswordDialog(parent, first_time=True)
    try:
        return dialog.password if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()


def choose_changed_password(parent: QWidget | None,
                            fits: Callable[[str], bool]) -> tuple[str, str] | None:
    """(current, new), the current one checked with ``fits``; None when cancelled."""
    dialog = NewPasswordDialog(parent, first_time=False, current_fits=fits)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.current, dialog.password
    finally:
        dialog.deleteLater()


REMOVE_WARNING = ("Zonder wachtwoord kan iedereen die het bestand of een reservekopie ervan "
                  "heeft, alle gegevens lezen, ook de afwezigheden van uw medewerkers.")


def ask_password_to_remove(parent: QWidget | None, fits: Callable[[str], bool]) -> str | None:
    """The current password, checked, to remove it; None when cancelled."""
    translate = QApplication.translate
    dialog = AskPasswordDialog(
        translate("AskPasswordDialog",
                  "Het dossier en de reservekopieën die het programma ervan bewaart, worden weer "
                  "gewone bestanden. Geef het huidige wachtwoord om het te verwijderen."),
        fits, parent, title=translate("AskPasswordDialog", "Wachtwoord verwijderen"),
        button=translate("AskPasswordDialog", "Wachtwoord verwijderen"),
        warning=translate("AskPasswordDialog", REMOVE_WARNING),
    )
    try:
        return dialog.password if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
