"""`Organisatie`: the profile, the people involved and the contact procedure."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QHBoxLayout,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.documents.letter_texts import INFO_LETTER_TEXTS, LetterText, stored_or_default
from kmo_reintegratie.organisation import (
    ROLE_FIELDS,
    Organisation,
    Role,
    ValidationError,
    clean_field,
    size_notes,
)
from kmo_reintegratie.retention import DEFAULTS, MAX_MONTHS, Category, term_text
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.store.errors import DossierError
from kmo_reintegratie.store.retention_repo import RetentionRepository
from kmo_reintegratie.text_limits import limit_for
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.undo import recording_rows
from kmo_reintegratie.ui.widgets.bound_field import BoundField

CONTACT_BY_CHOICES = (
    "De rechtstreeks leidinggevende",
    "De HR-verantwoordelijke",
    "Een aangewezen collega",
    "De welzijnscel",
    "De zaakvoerder",
)


class OrganisationPage(QScrollArea):
    nav_label = "Organisatie"

    def __init__(self, dossier: Dossier, events: DossierEvents, parent: QWidget | None = None):
        super().__init__(parent)
        self._dossier = dossier
        self._events = events
        self.fields: dict[str, BoundField] = {}
        #: What each field is called in Bewerken › Ongedaan maken.
        self._labels: dict[str, str] = {}
        self.role_fields: dict[tuple[Role, str], BoundField] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)

        content = QWidget()
        content.setMaximumWidth(980)
        layout = QVBoxLayout(content)
        layout.setSpacing(16)
        heading = QLabel(self.tr("<h2>Organisatie</h2>"))
        layout.addWidget(heading)
        if dossier.read_only:
            # "Saved at once" would be untrue here; the band above the pages says why.
            text = self.tr(
                "De personen hieronder verschijnen in brieven, plannen en als suggestie bij acties."
            )
        else:
            text = self.tr(
                "Wijzigingen worden meteen bewaard. De personen die u hier invult, "
                "verschijnen in brieven, plannen en als suggestie bij acties."
            )
        self.intro = QLabel(text)
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        boxes = (
            self._build_profile(),
            self._build_people(),
            self._build_contact_procedure(),
            self._build_letter_texts(),
            self._build_retention(),
        )
        for box in boxes:
            layout.addWidget(box)
            # Only the fields go grey: the heading and intro stay readable.
            box.setEnabled(not dossier.read_only)
        layout.addStretch(1)
        self.setWidget(content)
        self.reload()
        if dossier.read_only:
            self._show_empty_as_dash(content)

    # -- building ----------------------------------------------------------

    def _field(self, name: str, editor: QLineEdit | QPlainTextEdit | QComboBox | QCheckBox) -> BoundField:
        editor.setObjectName(name)
        bound = BoundField(editor, lambda text, name=name: self._save(name, text), self,
                           limit=limit_for(name))
        bound.saved.connect(self._on_field_saved)
        self.fields[name] = bound
        return bound

    def _build_profile(self) -> QGroupBox:
        box = QGroupBox(self.tr("Gegevens van de organisatie"))
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows = (
            ("name", self.tr("&Naam"), self.tr("Officiële naam van de onderneming")),
            ("enterprise_number", self.tr("&Ondernemingsnummer"), "0123.456.789"),
            ("street", self.tr("&Straat en nummer"), ""),
            ("postal_code", self.tr("&Postcode"), "9000"),
            ("city", self.tr("&Gemeente"), ""),
            ("sector", self.tr("Se&ctor"), self.tr("bv. Woonzorg, Bouw, Handel")),
            ("joint_committee", self.tr("&Paritair comité"), self.tr("bv. PC 330")),
            ("employee_count", self.tr("&Aantal werknemers"), self.tr("bv. 30")),
        )
        for name, label, placeholder in rows:
            self._labels[name] = label.replace("&", "")
            editor = QLineEdit()
            editor.setPlaceholderText(placeholder)
            bound = self._field(name, editor)
            form.addRow(label, bound.widget())
        self.size_notes = QLabel()
        self.size_notes.setObjectName("sizeNotes")
        self.size_notes.setWordWrap(True)
        self.size_notes.setTextFormat(Qt.TextFormat.RichText)
        self.size_notes.setMinimumWidth(480)
        form.addRow("", self.size_notes)
        return box

    def _build_people(self) -> QGroupBox:
        box = QGroupBox(self.tr("Betrokken personen en diensten"))
        grid = QGridLayout(box)
        headers = (self.tr("Naam"), self.tr("Organisatie / dienst"), self.tr("Telefoon"), self.tr("E-mail"))
        for column, text in enumerate(headers, start=1):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        for row, role in enumerate(Role, start=1):
            label = QLabel(role.label)
            label.setWordWrap(True)
            label.setMinimumWidth(190)
            grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
            for column, field_name in enumerate(ROLE_FIELDS, start=1):
                editor = QLineEdit()
                editor.setObjectName(f"{role.value}.{field_name}")
                editor.setAccessibleName(f"{role.label} – {headers[column - 1]}")
                bound = BoundField(
                    editor,
                    lambda text, role=role, field_name=field_name: self._save_role(role, field_name, text),
                    self,
                    limit=limit_for(field_name),
                )
                bound.saved.connect(self._on_field_saved)
                self.role_fields[(role, field_name)] = bound
                grid.addWidget(bound.widget(), row, column, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(3, 2)
        grid.setColumnStretch(4, 3)
        return box

    def _build_contact_procedure(self) -> QGroupBox:
        box = QGroupBox(self.tr("Contactprocedure bij afwezigheid"))
        form = QFormLayout(box)
        explanation = QLabel(
            self.tr(
                "Sinds 1 januari 2026 moet elke werkgever contact houden met arbeidsongeschikte "
                "werknemers. Het arbeidsreglement vermeldt minstens <b>wie</b> contact opneemt en "
                "<b>hoe vaak</b>. Het contact dient om de terugkeer te ondersteunen en mag nooit "
                "gebruikt worden om te controleren of de afwezigheid gegrond is."
            )
        )
        explanation.setWordWrap(True)
        form.addRow(explanation)
        contact_by = QComboBox()
        contact_by.setEditable(True)
        contact_by.addItems(["", *CONTACT_BY_CHOICES])
        self._labels.update({
            "contact_by": self.tr("Wie neemt contact op"),
            "contact_first_days": self.tr("Eerste contact na (dagen)"),
            "contact_frequency_first_month": self.tr("Frequentie eerste maand"),
            "contact_frequency_after": self.tr("Frequentie daarna"),
            "contact_procedure": self.tr("Afspraken over contact"),
            "contact_in_work_regulations": self.tr("Opgenomen in het arbeidsreglement"),
        })
        form.addRow(self.tr("&Wie neemt contact op"), self._field("contact_by", contact_by).widget())
        first = QLineEdit()
        first.setPlaceholderText(self.tr("bv. 7"))
        form.addRow(
            self.tr("Eerste contact na (&dagen)"), self._field("contact_first_days", first).widget()
        )
        month1 = QLineEdit()
        month1.setPlaceholderText(self.tr("bv. om de twee weken"))
        form.addRow(
            self.tr("Frequentie eerste &maand"),
            self._field("contact_frequency_first_month", month1).widget(),
        )
        after = QLineEdit()
        after.setPlaceholderText(self.tr("bv. maandelijks"))
        form.addRow(
            self.tr("Frequentie &daarna"), self._field("contact_frequency_after", after).widget()
        )
        procedure = QPlainTextEdit()
        procedure.setPlaceholderText(
            self.tr("Kanalen, wat besproken wordt, wat de werknemer mag weigeren, ...")
        )
        procedure.setFixedHeight(90)
        form.addRow(self.tr("&Afspraken"), self._field("contact_procedure", procedure).widget())
        in_rules = QCheckBox(self.tr("Opgenomen in het arbeidsreglement"))
        form.addRow("", self._field("contact_in_work_regulations", in_rules).widget())
        return box

    def _build_letter_texts(self) -> QGroupBox:
        box = QGroupBox(self.tr("Eigen teksten in de informatiebrief voor zieke werknemers"))
        box.setObjectName("letterTexts")
        form = QFormLayout(box)
        note = QLabel(
            self.tr(
                "Deze alinea's staan in elke informatiebrief (Afwezigheden › Infobrief afdrukken). "
                "Pas ze één keer aan voor uw organisatie; een lege alinea wordt weggelaten. "
                "De zin dat contact dient om te steunen en niet om te controleren staat er altijd in."
            )
        )
        note.setWordWrap(True)
        form.addRow(note)
        self.letter_fields: dict[str, BoundField] = {}
        for text in INFO_LETTER_TEXTS:
            editor = QPlainTextEdit()
            editor.setObjectName(text.key)
            editor.setFixedHeight(80)
            editor.setTabChangesFocus(True)
            editor.setPlaceholderText(text.hint)
            bound = BoundField(editor, lambda value, text=text: self._save_letter_text(text, value), self)
            self.letter_fields[text.key] = bound
            form.addRow(text.title, bound.widget())
        return box

    def _build_retention(self) -> QGroupBox:
        box = QGroupBox(self.tr("Bewaartermijnen"))
        box.setObjectName("retentionTerms")
        form = QFormLayout(box)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        note = QLabel(self.tr(
            "Hoe lang dit dossier persoonsgegevens bewaart. Is een termijn voorbij, dan toont het "
            "Overzicht de gegevens om na te kijken: u kiest zelf of ze geanonimiseerd of gewist "
            "worden; niets verdwijnt vanzelf. Er is geen wettelijke termijn voor deze gegevens: "
            "de voorstellen zijn <i>te bevestigen</i>. Houd de muis op een termijn voor de bron en "
            "de redenering."))
        note.setWordWrap(True)
        form.addRow(note)
        self.retention_spins: dict[Category, QSpinBox] = {}
        for category in Category:
            default = DEFAULTS[category]
            spin = QSpinBox()
            spin.setObjectName(f"retention.{category.value}")
            spin.setRange(0, MAX_MONTHS)
            spin.setSuffix(self.tr(" maanden"))
            spin.setSpecialValueText(self.tr("standaard ({0})").format(term_text(default.months)))
            spin.setKeyboardTracking(False)  # store the number typed, not each digit on the way
            spin.setMinimumWidth(150)
            spin.setAccessibleName(default.label)
            spin.valueChanged.connect(
                lambda value, category=category: self._save_retention(category, value))
            self.retention_spins[category] = spin
            status = self.tr("te bevestigen") if not default.confirmed else self.tr("bevestigd")
            hint = QLabel(self.tr("{0} · standaard {1}, {2}").format(
                default.counted_from, term_text(default.months), status))
            hint.setObjectName(f"retentionHint.{category.value}")
            hint.setWordWrap(True)
            tip = self.tr("Bron: {0}").format(default.source)
            if not default.confirmed:
                tip += "\n" + self.tr("Te bevestigen: {0}").format(default.unconfirmed_reason)
            for widget in (spin, hint):
                widget.setToolTip(tip)
            row = QHBoxLayout()
            row.addWidget(spin)
            row.addWidget(hint, 1)
            label = QLabel(default.label)
            label.setBuddy(spin)
            label.setWordWrap(True)
            label.setMinimumWidth(190)
            form.addRow(label, row)
        return box

    def _save_retention(self, category: Category, months: int) -> None:
        text = self.tr("Bewaartermijn “{0}” wijzigen").format(DEFAULTS[category].label)
        try:
            with self._recording(text, "retention_setting", {"category": category.value},
                                 f"retention:{category.value}"):
                RetentionRepository(self._dossier).set_months(category, months or None)
        except DossierError as error:
            self._events.write_failed.emit(f"{error.message} {error.advice}".strip())
            return
        self._events.organisation_changed.emit()

    def _save_letter_text(self, letter_text: LetterText, value: str) -> None:
        if len(value) > 4000:
            raise ValidationError(self.tr("Deze alinea is te lang (maximaal 4000 tekens)."))
        text = self.tr("Informatiebrief: alinea “{0}” wijzigen").format(letter_text.title)
        with self._recording(text, "document_text", {"key": letter_text.key},
                             f"letter:{letter_text.key}"):
            self._dossier.absences.set_document_text(letter_text.key, value.strip())

    @staticmethod
    def _show_empty_as_dash(content: QWidget) -> None:
        """Read-only: an empty field shows "—" instead of an example.

        Greyed out, an example such as 0123.456.789 or 9000 reads as the organisation's own
        data, and there is nothing to type anyway.
        """
        for editor in content.findChildren(QLineEdit):
            editor.setPlaceholderText("—")
        for editor in content.findChildren(QPlainTextEdit):
            editor.setPlaceholderText("—")

    # -- data --------------------------------------------------------------

    def reload(self) -> None:
        organisation = self._dossier.organisation.get()
        for name, bound in self.fields.items():
            bound.load(_display(organisation, name))
        for (role, field_name), bound in self.role_fields.items():
            bound.load(getattr(organisation.role(role), field_name))
        self._update_size_notes(organisation.employee_count)
        for text in INFO_LETTER_TEXTS:
            # An older dossier may hold an earlier default unchanged: show what is printed.
            stored = self._dossier.absences.document_text(text.key, text.default)
            self.letter_fields[text.key].load(stored_or_default(text.key, stored))
        settings = RetentionRepository(self._dossier).settings()
        for category, spin in self.retention_spins.items():
            spin.blockSignals(True)
            spin.setValue(settings[category] or 0)
            spin.blockSignals(False)

    def _save(self, name: str, text: str) -> str | None:
        value = clean_field(name, text)
        with self._recording(self.tr("Organisatie: {0} wijzigen").format(self._labels[name]),
                             "organisation", {"id": 1}, f"organisation:{name}"):
            self._dossier.organisation.update(**{name: value})
        if name == "employee_count":
            self._update_size_notes(value if isinstance(value, int) else None)
        if name == "enterprise_number":
            # Show the normalised form (0123.456.789) that every document will use.
            return _display(self._dossier.organisation.get(), name)
        # Other text is left as typed: reloading it would move the cursor mid-word.
        return None

    def _save_role(self, role: Role, field_name: str, text: str) -> None:
        value = clean_field(field_name, text)
        with self._recording(self.tr("Betrokkene “{0}” wijzigen").format(role.label),
                             "role_contact", {"role": role.value}, f"role:{role.value}:{field_name}"):
            self._dossier.organisation.set_role_contact(role, **{field_name: str(value)})

    # -- undo --------------------------------------------------------------------------

    def _recording(self, text: str, table: str, where: dict[str, Any],
                   merge_key: str) -> AbstractContextManager[None]:
        """Put the change on the undo stack; the pauses of one field's edit make one step."""
        return recording_rows(self._events, self._dossier, text, table, where,
                              self._on_undone, merge_key=merge_key)

    def _on_undone(self) -> None:
        # This page shows what it stored itself and does not follow organisation_changed
        # (that would move the cursor while typing): after an undo or redo it reloads.
        self.reload()
        self._events.organisation_changed.emit()

    def _update_size_notes(self, count: int | None) -> None:
        self.size_notes.setText("<br>".join(f"• {note}" for note in size_notes(count)))

    def _on_field_saved(self) -> None:
        self._events.organisation_changed.emit()

    def commit_all(self) -> bool:
        """Store what is still waiting for the typing pause; False if a value is refused."""
        ok = True
        for bound in (*self.fields.values(), *self.role_fields.values(), *self.letter_fields.values()):
            ok = bound.commit() and ok
        return ok


def _display(organisation: Organisation, name: str) -> str:
    if name == "enterprise_number":
        return organisation.enterprise_number_display
    value = getattr(organisation, name)
    if isinstance(value, bool):
        return "1" if value else "0"
    return "" if value is None else str(value)
