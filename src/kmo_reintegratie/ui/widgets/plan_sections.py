"""Parts of the plan form: the kinds of adaptation, evaluation moments, the return checklist.

Free texts that may end up in the printed plan carry the privacy warning (``privacy_guard``);
the evaluation moments show, beside the list, the moments that fall outside the plan and
its aftercare (``trajectory_checks``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.dates import format_date
from kmo_reintegratie.legal import add_months
from kmo_reintegratie.text import clean_text
from kmo_reintegratie.text_limits import LINE, NAME
from kmo_reintegratie.trajectory import Adaptation, AdaptationKind, ReturnChecklist
from kmo_reintegratie.ui.widgets.privacy_guard import PrivacyGuard, attach_privacy_guard
from kmo_reintegratie.ui.widgets.trajectory_forms import (
    WARNING_STYLE,
    DateEdit,
    error_label,
    show_error,
    wrapped,
)

TEMPORARY, PERMANENT = "tijdelijk", "permanent"


class AdaptationsEditor(QWidget):
    """The kinds of adaptation of checklist 3, point 1.2, each temporary or permanent."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setVerticalSpacing(4)
        self.rows: dict[AdaptationKind, tuple[QCheckBox, QLineEdit, QComboBox]] = {}
        self.guards: dict[AdaptationKind, PrivacyGuard] = {}
        for index, kind in enumerate(AdaptationKind):
            row = 2 * index  # the row under it holds the privacy warning, when there is one
            check = QCheckBox(kind.label)
            check.setObjectName(f"adaptation_{kind.value}")
            check.setToolTip(kind.hint)
            description = QLineEdit()
            description.setMaxLength(LINE)  # trajectory.check_plan_texts
            description.setObjectName(f"adaptationText_{kind.value}")
            description.setPlaceholderText(kind.hint)
            description.setAccessibleName(f"{kind.label}: omschrijving")
            duration = QComboBox()
            duration.setObjectName(f"adaptationDuration_{kind.value}")
            duration.addItem(self.tr("tijdelijk"), TEMPORARY)
            duration.addItem(self.tr("permanent"), PERMANENT)
            duration.setAccessibleName(f"{kind.label}: tijdelijk of permanent")
            grid.addWidget(check, row, 0)
            grid.addWidget(description, row, 1)
            grid.addWidget(duration, row, 2)
            self.guards[kind] = attach_privacy_guard(description)
            grid.addWidget(self.guards[kind].label, row + 1, 1, 1, 2)
            check.toggled.connect(lambda on, d=description, c=duration: (d.setEnabled(on), c.setEnabled(on)))
            check.toggled.connect(lambda *_: self.edited.emit())
            description.textEdited.connect(lambda *_: self.edited.emit())
            duration.currentIndexChanged.connect(lambda *_: self.edited.emit())
            self.rows[kind] = (check, description, duration)
        grid.setColumnStretch(1, 1)

    def set_editable(self, editable: bool) -> None:
        """Read-only: disabled, and "—" instead of the examples in empty descriptions (they look like data)."""
        self.setEnabled(editable)
        for kind, (_check, description, _duration) in self.rows.items():
            description.setPlaceholderText(kind.hint if editable else "—")

    def adaptations(self) -> tuple[Adaptation, ...]:
        return tuple(
            Adaptation(kind, clean_text(description.text()).strip(),
                       duration.currentData() == PERMANENT)
            for kind, (check, description, duration) in self.rows.items() if check.isChecked()
        )

    def set_adaptations(self, adaptations: tuple[Adaptation, ...]) -> None:
        given = {a.kind: a for a in adaptations}
        for kind, (check, description, duration) in self.rows.items():
            adaptation = given.get(kind)
            for widget in (check, description, duration):
                widget.blockSignals(True)
            check.setChecked(adaptation is not None)
            description.setText(adaptation.description if adaptation else "")
            description.setCursorPosition(0)
            duration.setCurrentIndex(1 if adaptation and adaptation.permanent else 0)
            description.setEnabled(adaptation is not None)
            duration.setEnabled(adaptation is not None)
            for widget in (check, description, duration):
                widget.blockSignals(False)


class EvaluationEditor(QWidget):
    """Evaluation moments, with quick choices relative to the start of the plan."""

    edited = Signal()

    def __init__(self, plan_start: Callable[[], date | None], parent: QWidget | None = None):
        super().__init__(parent)
        self._plan_start = plan_start
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.list = QListWidget()
        self.list.setObjectName("evaluationMoments")
        self.list.setMaximumHeight(90)
        row.addWidget(self.list, 1)
        buttons = QVBoxLayout()
        self.quick_buttons: dict[int, QPushButton] = {}
        for months, text in ((1, self.tr("na 1 maand")), (6, self.tr("na 6 maanden")), (12, self.tr("na 1 jaar"))):
            button = QPushButton(text)
            button.setObjectName(f"evaluationAfter{months}")
            button.clicked.connect(lambda _checked=False, m=months: self._add_after(m))
            buttons.addWidget(button)
            self.quick_buttons[months] = button
        # Removing sits with the quick buttons beside the list, so the row below stays narrow
        # enough for a small laptop.
        self.remove_button = QPushButton(self.tr("Geselecteerde verwijderen"))
        self.remove_button.clicked.connect(self._remove_selected)
        buttons.addWidget(self.remove_button)
        row.addLayout(buttons)
        layout.addLayout(row)
        other = QHBoxLayout()
        self.date_edit = DateEdit("evaluationDate")
        self.add_button = QPushButton(self.tr("Datum toevoegen"))
        self.add_button.clicked.connect(self._add_typed)
        other.addWidget(self.date_edit)
        other.addWidget(self.add_button)
        other.addStretch(1)
        layout.addLayout(other)
        self.error = error_label("evaluationError")
        layout.addWidget(self.error)
        layout.addWidget(self.date_edit.error)
        self.warning = wrapped(name="evaluationWarning", style=WARNING_STYLE)
        self.warning.hide()
        layout.addWidget(self.warning)

    def moments(self) -> tuple[date, ...]:
        return tuple(sorted(self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())))

    def set_moments(self, moments: tuple[date, ...]) -> None:
        self.list.clear()
        for moment in sorted(set(moments)):
            item = QListWidgetItem(format_date(moment))
            item.setData(Qt.ItemDataRole.UserRole, moment)
            self.list.addItem(item)
        show_error(self.error, "")

    def set_editable(self, editable: bool) -> None:
        # Hidden, not only greyed: an empty date box and "add" buttons invite typing.
        for widget in (*self.quick_buttons.values(), self.date_edit, self.add_button, self.remove_button):
            widget.setEnabled(editable)
            widget.setVisible(editable)
        if not editable:
            show_error(self.date_edit.error, "")

    def set_warnings(self, messages: list[str]) -> None:
        """Moments that do not fit the plan's dates, shown under the list (empty: none)."""
        show_error(self.warning, "\n".join(messages))

    def _add(self, moment: date) -> None:
        self.set_moments((*self.moments(), moment))
        self.edited.emit()

    def _add_after(self, months: int) -> None:
        start = self._plan_start()
        if start is None:
            show_error(self.error, self.tr("Vul eerst de geldigheidsduur (van) of het uurrooster in: de "
                                           "evaluatiemomenten worden gerekend vanaf de start van het plan."))
            return
        self._add(add_months(start, months))

    def _add_typed(self) -> None:
        value, ok = self.date_edit.checked_value()
        if ok and value is not None:
            self._add(value)
            self.date_edit.clear()

    def _remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))
        self.edited.emit()


CHECKS = (
    ("manager_informed", "De leidinggevende is verwittigd en kent de aanpassingen"),
    ("team_informed", "Het team is verwittigd"),
    ("adaptations_ready", "Aanpassingen en werkplek zijn klaar op dag 1"),
    ("building_access", "Toegang tot het gebouw op dag 1 (badge, sleutels, codes)"),
    ("material_ready", "Het nodige materiaal is er (pc, kledij, gereedschap)"),
)
TEXTS = (
    ("return_at", "Verwacht op (datum en uur)", "bv. dd-mm-jjjj om 8 uur, onthaal gebouw B"),
    ("what_may_be_told", "Wat mag het team weten", "Wat de werknemer zelf afsprak dat verteld mag worden"),
    ("welcome_moment", "Welkomstmoment", "bv. koffie met het team om 8 uur"),
    ("mentor", "Mentor of aanspreekpunt", "Naam van de collega die de eerste weken helpt"),
)

#: The checklist texts someone may fill with more than a date or a name.
GUARDED = ("what_may_be_told", "welcome_moment")


class ChecklistEditor(QWidget):
    """The practical preparation of the first day back (checklist 3, point 2)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        # Long labels go above their field on a small laptop instead of pushing it off screen.
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.texts: dict[str, QLineEdit] = {}
        self.checks: dict[str, QCheckBox] = {}
        self.guards: dict[str, PrivacyGuard] = {}
        form.addRow(wrapped(self.tr(
            "Een overhaaste, onvoorbereide terugkeer is voor niemand prettig. Geef de werknemer en het team "
            "tijdig de praktische informatie.")))
        for name, label, placeholder in TEXTS[:2]:
            form.addRow(self.tr(label), self._field(name, placeholder))
        for name, label in CHECKS:
            check = QCheckBox(self.tr(label))
            check.setObjectName(f"checklist_{name}")
            check.toggled.connect(lambda *_: self.edited.emit())
            self.checks[name] = check
            form.addRow("", check)
        for name, label, placeholder in TEXTS[2:]:
            form.addRow(self.tr(label), self._field(name, placeholder))

    def _field(self, name: str, placeholder: str) -> QWidget:
        """The line edit, with the privacy warning under it for the texts people write freely."""
        edit = self._text(name, placeholder)
        if name not in GUARDED:
            return edit
        self.guards[name] = attach_privacy_guard(edit)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(edit)
        layout.addWidget(self.guards[name].label)
        return box

    def _text(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(NAME if name == "mentor" else LINE)  # trajectory.check_plan_texts
        edit.setObjectName(f"checklist_{name}")
        edit.setPlaceholderText(self.tr(placeholder))
        edit.textEdited.connect(lambda *_: self.edited.emit())
        self.texts[name] = edit
        return edit

    def set_editable(self, editable: bool) -> None:
        """Read-only: disabled, and "—" instead of the examples in empty texts."""
        self.setEnabled(editable)
        for name, _label, placeholder in TEXTS:
            self.texts[name].setPlaceholderText(self.tr(placeholder) if editable else "—")

    def checklist(self) -> ReturnChecklist:
        values: dict[str, object] = {
            name: clean_text(edit.text()).strip() for name, edit in self.texts.items()}
        values.update({name: check.isChecked() for name, check in self.checks.items()})
        return ReturnChecklist(**values)  # type: ignore[arg-type]

    def set_checklist(self, checklist: ReturnChecklist) -> None:
        for item in fields(ReturnChecklist):
            value = getattr(checklist, item.name)
            widget = self.texts.get(item.name) or self.checks.get(item.name)
            if widget is None:
                continue
            widget.blockSignals(True)
            if isinstance(widget, QLineEdit):
                widget.setText(value)
                widget.setCursorPosition(0)
            else:
                widget.setChecked(bool(value))
            widget.blockSignals(False)
