"""`Overzicht`: the Monday-morning page — who is absent, whom to call, what is due."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import shiboken6
from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCommandLinkButton,
    QGroupBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from kmo_reintegratie.absence import Employee, display_names
from kmo_reintegratie.contact_schedule import DueState
from kmo_reintegratie.dates import format_date, legal_date_text, relative_day
from kmo_reintegratie.overview import AbsentNow, Overview, build_overview
from kmo_reintegratie.ui.widgets.column_fit import fit_columns
from kmo_reintegratie.store.dossier import Dossier
from kmo_reintegratie.ui.events import DossierEvents
from kmo_reintegratie.ui.models.rows_model import TARGET_ROLE, Row, RowsModel

#: The first steps in an empty dossier: object name, title, description, and the page it opens
#: (that page's ``nav_label``; the overview names them instead of importing the pages).
FIRST_STEPS = (
    ("stepOrganisation", "1. Organisatie invullen",
     "Naam, ondernemingsnummer, betrokken personen en de contactprocedure bij afwezigheid.",
     "Organisatie"),
    ("stepEmployees", "2. Medewerkers toevoegen of importeren",
     "Eén voor één, of de personeelslijst uit een CSV- of Excel-bestand van uw sociaal "
     "secretariaat.",
     "Medewerkers"),
    ("stepAssessment", "3. Eerste zelfevaluatie",
     "De vier checklists van de FOD WASO overlopen en acties noteren.",
     "Zelfevaluatie"),
)




class OverviewPage(QScrollArea):
    nav_label = "Overzicht"
    #: A first step asks for another page (its ``nav_label``); the main window shows it.
    page_requested = Signal(str)

    def __init__(self, dossier: Dossier, events: DossierEvents, section_labels: Mapping[str, str],
                 today: Callable[[], date], parent: QWidget | None = None, *,
                 after_paint: Callable[[Callable[[], object]], None] | None = None):
        """``section_labels``: the instrument's sections by ID, as "1.2 Titel"
        (``instrument_source.section_labels()``). ``after_paint(work)``: runs ``work`` once the
        window is painted (the main window's ``after_first_paint``); by default at once."""
        super().__init__(parent)
        self._dossier = dossier
        self._after_paint = after_paint or (lambda work: work())
        self._events = events
        self._section_labels = section_labels
        self._today = today
        self._contact_by = ""
        self._names: dict[int, str] = {}
        #: Changed while another page was in front: computed again when this one is shown.
        self._stale = False
        self._retention_pending = False
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setSpacing(14)
        self.heading = QLabel()
        self.heading.setObjectName("overviewHeading")
        layout.addWidget(self.heading)
        self.retention = QCommandLinkButton()
        self.retention.setObjectName("retentionDue")
        self.retention.setDescription(self.tr(
            "Nakijken, item per item: anonimiseren, wissen of later. Niets verdwijnt vanzelf."))
        self.retention.setMaximumWidth(760)
        self.retention.clicked.connect(lambda _checked=False: self.open_retention_review())
        self.retention.hide()  # until counted, just after the first paint
        layout.addWidget(self.retention)
        self.review: QWidget | None = None
        self.first_steps = self._first_steps_box(layout)
        self.absent = self._section(layout, "absentNow", self.tr("Nu afwezig"),
                                    (self.tr("Werknemer"), self.tr("Afdeling"), self.tr("Dagen"),
                                     self.tr("Volgende wettelijke stap"), self.tr("Contact")), stretch=3)
        self.contacts = self._section(layout, "contactsDue", self.tr("Contact opnemen: deze week en te laat"),
                                      (self.tr("Werknemer"), self.tr("Wanneer"), self.tr("Contactpersoon"),
                                       self.tr("Waarom")), stretch=3)
        self.milestones = self._section(layout, "milestonesSoon",
                                        self.tr("Wettelijke stappen in de komende 14 dagen"),
                                        (self.tr("Datum"), self.tr("Werknemer"), self.tr("Stap"),
                                         self.tr("Status")), stretch=2)
        self.deadlines = self._section(layout, "trajectoryDeadlines",
                                       self.tr("Termijnen van re-integratietrajecten (waarschuwing 7 dagen vooraf)"),
                                       (self.tr("Datum"), self.tr("Werknemer"), self.tr("Termijn"),
                                        self.tr("Status")), stretch=2)
        self.actions = self._section(layout, "overdueActions", self.tr("Acties uit het actieplan die te laat zijn"),
                                     (self.tr("Deadline"), self.tr("Actie"), self.tr("Wie"),
                                      self.tr("Sectie")), stretch=1)
        # The section title is as long as the action: both give way on a small laptop.
        self.actions.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addStretch(1)
        self.setWidget(content)
        for signal in (events.absences_changed, events.employees_changed, events.assessment_changed,
                       events.organisation_changed, events.trajectories_changed):
            signal.connect(self.refresh)
        self.refresh()

    def _section(self, layout: QVBoxLayout, name: str, title: str, headers: tuple[str, ...],
                 stretch: int | None = None) -> QTableView:
        """A titled table; ``stretch`` is the column that gives way (elides) when the window is narrow."""
        box = QGroupBox(title)
        box.setObjectName(name + "Box")
        inner = QVBoxLayout(box)
        view = QTableView()
        view.setObjectName(name)
        model = RowsModel(headers, view)
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().hide()
        view.setWordWrap(False)
        # Fitted once per fill (fit_columns), not by ResizeToContents at every layout.
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        if stretch is None:
            view.horizontalHeader().setStretchLastSection(True)
        else:
            view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        view.activated.connect(self._on_view_activated)
        view.doubleClicked.connect(self._on_view_activated)
        inner.addWidget(view)
        empty = QLabel()
        empty.setObjectName(name + "Empty")
        empty.setStyleSheet("color: palette(placeholder-text);")
        inner.addWidget(empty)
        layout.addWidget(box)
        return view

    def _first_steps_box(self, layout: QVBoxLayout) -> QGroupBox:
        box = QGroupBox(self.tr("Zo begint u"))
        box.setObjectName("firstSteps")
        inner = QVBoxLayout(box)
        for name, title, description, target in FIRST_STEPS:
            button = QCommandLinkButton(self.tr(title), self.tr(description))
            button.setObjectName(name)
            button.clicked.connect(
                lambda _checked=False, label=target: self.page_requested.emit(label)
            )
            inner.addWidget(button)
        more = QLabel(self.tr("Meer uitleg vindt u onder Help › Handleiding (F1)."))
        more.setObjectName("firstStepsHelp")
        more.setStyleSheet("color: palette(placeholder-text);")
        inner.addWidget(more)
        box.setMaximumWidth(760)  # a readable line, not the width of a wide screen
        layout.addWidget(box)
        return box

    def is_empty_dossier(self) -> bool:
        """No employees yet: nothing to follow up, so the page shows the first steps."""
        return not self._names

    # -- data -----------------------------------------------------------------

    def overview(self, *, count_retention: bool = True) -> Overview:
        """The page's figures; without ``count_retention`` the retention count is left at 0
        (``refresh`` counts after the page is painted: on a large dossier it is the slowest part)."""
        today = self._today()
        absences = self._dossier.absences.open_on(today)
        absences = self._dossier.absences.with_relapse_predecessors(absences)
        latest = self._dossier.assessments.latest_round()
        actions = self._dossier.assessments.actions(latest.id) if latest else []
        organisation = self._dossier.organisation.get()
        self._contact_by = organisation.contact_by
        staff = self._dossier.employees.names()
        self._names = dict(zip((e.id for e in staff), display_names(staff)))
        trajectories = self._dossier.trajectories.running()
        # Whole records only for the people the page shows: a large dossier has thousands.
        involved = self._dossier.employees.many(
            {a.employee_id for a in absences} | {t.employee_id for t in trajectories})
        # Only a count: the review dialog lists the items itself when it opens.
        return build_overview(today, absences, involved, actions, trajectories=trajectories,
                              first_contact_days=organisation.contact_first_days,
                              retention_due_count=self._retention_due(today) if count_retention else 0)

    def _retention_due(self, today: date) -> int:
        # Counted after the first paint: its module (and the erasure rules) can wait as well.
        from kmo_reintegratie.store.retention_repo import RetentionRepository

        return RetentionRepository(self._dossier).due_count(today)

    def _count_soon(self) -> None:
        if shiboken6.isValid(self):  # the window may have been closed before its first paint
            QTimer.singleShot(0, self, self._show_retention_due)

    def _show_retention_due(self) -> None:
        """The one line about records kept past their term, counted after the page is shown."""
        self._retention_pending = False
        if self._dossier.closed:
            return
        due = self._retention_due(self._today())
        self.retention.setText(self.tr("Bewaartermijn verstreken: 1 item") if due == 1
                               else self.tr("Bewaartermijn verstreken: {0} items").format(due))
        self.retention.setVisible(due > 0)

    def _name(self, employee: Employee) -> str:
        return self._names.get(employee.id, employee.name)

    def _next_step_text(self, row: AbsentNow) -> tuple[str, str]:
        """What to do next for an absent person, and the explanation behind it."""
        if row.certificate_expired_on is not None:
            return self.tr("Attest verlopen op {0} — nieuw attest of werkhervatting registreren").format(
                format_date(row.certificate_expired_on)), self.tr(
                "Het laatste ziekteattest en de verwachte einddatum zijn voorbij, maar er is geen "
                "werkhervatting geregistreerd.")
        if row.trajectory_step is not None and row.trajectory_step_first:
            step = row.trajectory_step
            text = self.tr("Traject: {0}").format(step.title)
            if step.due is not None:
                text = f"{format_date(step.due)}: {text}"
            if not step.confirmed:
                text += self.tr(" (te bevestigen)")
            return text, step.explanation or step.note
        step = row.next_step
        if step is None:
            return "", ""
        text = f"{legal_date_text(step)}: {step.title}"
        if not step.confirmed:
            text += self.tr(" (te bevestigen)")
        return text, step.explanation

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self, *_args: object) -> None:
        # Behind another page of a window on screen, the figures wait until this page is shown:
        # on a large dossier they take tens of milliseconds, and every edit elsewhere asks again.
        self._stale = not self.isVisible() and self.window().isVisible()
        if self._stale:
            return
        data = self.overview(count_retention=False)
        today = data.today
        self.first_steps.setVisible(self.is_empty_dossier())
        # The welcome is a sentence, not a one-line heading: it wraps instead of widening the page.
        self.heading.setWordWrap(self.is_empty_dossier())
        if self.is_empty_dossier():
            self.heading.setText(self.tr(
                "<h2>Overzicht</h2><p>Welkom. Dit dossier is nog leeg. Zet eerst deze drie "
                "stappen; daarna toont deze pagina elke week wie afwezig is, wie u contacteert en "
                "wat er te doen is.</p>"))
        else:
            self.heading.setText(self.tr(
                "<h2>Overzicht</h2><p>{0} · {1} werknemer(s) afwezig · "
                "{2} contact(en) te plannen</p>"
            ).format(format_date(today), len(data.absent_now), len(data.contacts)))
        if not self._retention_pending:
            self._retention_pending = True
            self._after_paint(self._count_soon)
        absent_rows = []
        for row in data.absent_now:
            step_text, tooltip = self._next_step_text(row)
            contact = row.contact
            contact_text = contact.state.label if contact.state is DueState.NO_CONTACT else (
                f"{format_date(contact.due)} ({relative_day(contact.due, today)})" if contact.due else "")
            level = "urgent" if contact.state is DueState.OVERDUE else (
                "soon" if row.certificate_expired_on else "")
            absent_rows.append(Row(
                (self._name(row.employee), row.employee.department, str(row.days), step_text, contact_text),
                ("afwezigheid", row.absence.id),
                tooltip=tooltip, level=level,
            ))
        self._fill(self.absent, absent_rows, self.tr("Niemand is vandaag afwezig."))

        contact_rows = []
        for todo in data.contacts:
            agreement = todo.absence.agreement_on(today)
            # Without an agreement the organisation's procedure applies: usually the manager.
            who = (agreement.contact_name or agreement.contact_role.label) if agreement else (
                todo.employee.manager or self._contact_by)
            due = todo.contact.due
            contact_rows.append(Row(
                (self._name(todo.employee), f"{format_date(due)} ({relative_day(due, today)})" if due else "", who,
                 todo.contact.reason),
                ("afwezigheid", todo.absence.id, "contact"),
                level="urgent" if todo.contact.state is DueState.OVERDUE else "soon",
            ))
        for todo in data.no_contact:
            contact_rows.append(Row(
                (self._name(todo.employee), self.tr("geen contact gewenst"), "", todo.contact.reason),
                ("afwezigheid", todo.absence.id, "contact"), level="info",
            ))
        self._fill(self.contacts, contact_rows, self.tr("Geen contacten te plannen deze week."))

        milestone_rows = [
            Row(
                (f"{legal_date_text(m.milestone)} ({relative_day(m.milestone.due, today)})", self._name(m.employee),
                 m.milestone.title, self.tr("te bevestigen") if not m.milestone.confirmed else self.tr("bevestigd")),
                ("afwezigheid", m.absence.id, "tijdlijn"),
                tooltip=f"{m.milestone.explanation}\nBron: {m.milestone.source}"
                + (f"\nTe bevestigen: {m.milestone.unconfirmed_reason}" if m.milestone.unconfirmed_reason else ""),
                level="soon" if (m.milestone.due - today).days <= 7 else "",
            )
            for m in data.milestones
        ]
        self._fill(self.milestones, milestone_rows, self.tr("Geen wettelijke stappen in de komende twee weken."))

        deadline_rows = [
            Row(
                (f"{format_date(d.deadline.due)} ({relative_day(d.deadline.due, today)})", self._name(d.employee),
                 d.deadline.title, self.tr("te bevestigen") if not d.deadline.confirmed else self.tr("bevestigd")),
                ("traject", d.trajectory.id),
                tooltip=f"{d.deadline.explanation}\nBron: {d.deadline.source}"
                + (f"\nTe bevestigen: {d.deadline.unconfirmed_reason}" if d.deadline.unconfirmed_reason else ""),
                level="urgent" if d.deadline.due < today else ("soon" if d.warn(today) else ""),
            )
            for d in data.deadlines
        ]
        self._fill(self.deadlines, deadline_rows, self.tr("Geen termijnen van trajecten in de komende twee weken."))

        action_rows = []
        for action in data.overdue_actions:
            section = self._section_labels.get(action.section_id, action.section_id)
            action_rows.append(Row(
                (format_date(action.due), action.what, action.who, section),
                ("sectie", (action.round_id, action.section_id)), level="urgent",
            ))
        self._fill(self.actions, action_rows, self.tr("Geen acties over hun deadline."))

    def _fill(self, view: QTableView, rows: list[Row], empty_text: str) -> None:
        model = view.model()
        assert isinstance(model, RowsModel)
        model.set_rows(rows)
        fit_columns(view, lambda column: (row.cells[column] for row in rows))
        empty = view.parentWidget().findChild(QLabel, view.objectName() + "Empty")
        empty.setText(empty_text)
        empty.setVisible(not rows)
        view.setVisible(bool(rows))
        # In an empty dossier a box that would only say "nothing" gives way to the first steps.
        view.parentWidget().setVisible(bool(rows) or not self.is_empty_dossier())
        # Show every row without an inner scrollbar: the page itself scrolls.
        height = view.horizontalHeader().height() + 4 + sum(view.rowHeight(r) for r in range(len(rows)))
        view.setFixedHeight(max(60, height))

    def open_retention_review(self) -> QWidget:
        """The review of what is kept longer than its term (window-modal, returns at once)."""
        from kmo_reintegratie.ui.dialogs.retention_review import RetentionReviewDialog

        if self.review is not None:
            self.review.deleteLater()
        dialog = RetentionReviewDialog(self._dossier, self._events, self._today, self)
        self.review = dialog
        dialog.open()
        return dialog

    def _on_view_activated(self, index: QModelIndex) -> None:
        target = index.data(TARGET_ROLE)
        if not target:
            return
        kind, key, *tab = target
        if kind == "afwezigheid":
            self._events.absence_requested.emit(int(key), tab[0] if tab else "")
        elif kind == "traject":
            self._events.trajectory_requested.emit(int(key))
        elif kind == "sectie":
            round_id, section_id = key
            self._events.section_requested.emit(int(round_id), str(section_id))

