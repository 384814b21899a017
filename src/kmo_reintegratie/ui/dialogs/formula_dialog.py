"""“Hoe berekend?”: the formula of one figure in plain Dutch, with its inputs."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.analysis import Figure, Period
from kmo_reintegratie.ui.models.rows_model import Row, RowsModel
from kmo_reintegratie.ui.widgets.analysis_charts import CAUTION_STYLE, counts_text


class FormulaDialog(QDialog):
    """Shows ``figure``: value, formula, the inputs table, the counts and any caution."""

    def __init__(
        self,
        figure: Figure,
        period: Period | None = None,
        department: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.figure = figure
        self.setWindowTitle(self.tr("Hoe berekend? — {0}").format(figure.title))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        self.heading = QLabel(
            f"<h3>{html.escape(figure.title)}: {html.escape(figure.display)}</h3>"
        )
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        if period is not None:
            scope = department or self.tr("alle afdelingen")
            self.scope_label = QLabel(self.tr("Periode {0} · {1}").format(period.label(), scope))
            layout.addWidget(self.scope_label)

        layout.addWidget(QLabel(self.tr("<b>Zo wordt het berekend</b>")))
        self.formula_label = QLabel(figure.formula[:1].upper() + figure.formula[1:] + ".")
        self.formula_label.setObjectName("formula")
        self.formula_label.setWordWrap(True)
        self.formula_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.formula_label)

        layout.addWidget(QLabel(self.tr("<b>Met deze gegevens</b>")))
        self.inputs_model = RowsModel((self.tr("Gegeven"), self.tr("Waarde")), self)
        self.inputs_model.set_rows([Row((name, value)) for name, value in figure.inputs])
        self.inputs_view = QTableView()
        self.inputs_view.setObjectName("inputs")
        self.inputs_view.setModel(self.inputs_model)
        self.inputs_view.verticalHeader().hide()
        self.inputs_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.inputs_view.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.ResizeToContents
        )
        self.inputs_view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
        rows_height = sum(self.inputs_view.rowHeight(r) for r in range(len(figure.inputs)))
        self.inputs_view.setFixedHeight(
            self.inputs_view.horizontalHeader().sizeHint().height() + rows_height + 4
        )
        layout.addWidget(self.inputs_view)

        self.counts_label = QLabel(
            self.tr("Achter dit cijfer: {0}.").format(
                counts_text(self, figure.employees, figure.spells)
            )
        )
        layout.addWidget(self.counts_label)
        self.caution_label = QLabel(figure.caution)
        self.caution_label.setObjectName("caution")
        self.caution_label.setWordWrap(True)
        self.caution_label.setStyleSheet(CAUTION_STYLE)
        self.caution_label.setVisible(bool(figure.caution))
        layout.addWidget(self.caution_label)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Sluiten"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def inputs(self) -> list[tuple[str, str]]:
        """The inputs as the table shows them."""
        model = self.inputs_model
        return [
            (model.index(r, 0).data(), model.index(r, 1).data()) for r in range(model.rowCount())
        ]
