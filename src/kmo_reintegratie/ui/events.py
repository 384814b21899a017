"""Cross-page notification: pages emit and listen here, never call each other."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

#: The tabs of an absence in `Afwezigheden` that another page can ask for.
ABSENCE_TABS = ("attesten", "contact", "tijdlijn")


class DossierEvents(QObject):
    """One per open dossier; pages connect to what they show."""

    organisation_changed = Signal()
    #: Answers, comments, actions or rounds of the self-assessment changed (round id).
    assessment_changed = Signal(int)
    #: Someone asks to show a section of a round in `Zelfevaluatie` (round id, section id).
    section_requested = Signal(int, str)
    #: Employees were added, changed or imported.
    employees_changed = Signal()
    #: An absence, its certificates, agreements or contacts changed (absence id; 0 = several).
    absences_changed = Signal(int)
    #: Someone asks to show an absence in `Afwezigheden` (absence id, and the tab to open:
    #: one of ABSENCE_TABS, or "" to keep the tab the user had open).
    absence_requested = Signal(int, str)
    #: Someone asks to show an employee in `Medewerkers` (employee id).
    employee_requested = Signal(int)
    #: Trajectories, plans or reports changed (trajectory id; 0 = several).
    trajectories_changed = Signal(int)
    #: Someone asks to show a trajectory in `Trajecten` (trajectory id).
    trajectory_requested = Signal(int)
    #: Someone asks to start a trajectory for an absence (absence id).
    trajectory_start_requested = Signal(int)
    #: A write failed for a reason the user can act on (disk full, read-only...).
    write_failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: The dossier's undo stack, set by the main window; None for a page shown on its own.
        self.undo_stack: QUndoStack | None = None
