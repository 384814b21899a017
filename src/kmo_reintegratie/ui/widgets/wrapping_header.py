"""A table header that puts long column titles on two lines.

"Zelfde maand vorig jaar (%)" over a column of "12,3" made a table of numbers wider
than a small laptop; on two lines the column is as narrow as its longest line.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHeaderView, QWidget


class WrappingHeader(QHeaderView):
    """Horizontal header; sizes each section for its title broken at the best space."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        # A QTableView's own header is clickable for sorting; a replacement must say so.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def sectionSizeFromContents(self, logical_index: int) -> QSize:  # noqa: N802 (Qt override)
        size = super().sectionSizeFromContents(logical_index)
        model = self.model()
        text = str(model.headerData(logical_index, self.orientation()) or "") if model else ""
        words = text.split()
        if len(words) < 2:
            return size
        metrics = self.fontMetrics()
        widest_line = min(
            max(metrics.horizontalAdvance(" ".join(words[:i])),
                metrics.horizontalAdvance(" ".join(words[i:])))
            for i in range(1, len(words))
        )
        saved = metrics.horizontalAdvance(text) - widest_line
        return QSize(size.width() - saved, size.height() + metrics.lineSpacing())
