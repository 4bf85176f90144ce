"""The form of one Vorlage: sections in the order of the paper form, undo over every edit, live checks."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import Problem
from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.masterdata import OrganizationKind
from kimdesk.domain.model import Cell, Paper
from kimdesk.domain.validation import validate_paper
from kimdesk.l10n.i18n import _
from kimdesk.services.funding import overrides_to_decide, refresh_funding
from kimdesk.services.paper_form import problems_by_section
from kimdesk.ui.editor.auto_height import grow_with_content
from kimdesk.ui.editor.commands import EditCommand, UndoKeyFilter
from kimdesk.ui.editor.fields import PaperFields
from kimdesk.ui.editor.finance_overrides import ask_overrides
from kimdesk.ui.editor.problem_summary import ProblemSummary
from kimdesk.ui.editor.widgets import MasterData, Section
from kimdesk.ui.tasks import serve_events


class PaperEditor(PaperFields, QScrollArea):
    """Edits a copy of a Vorlage; ``paper()`` is the current state, ``undo_stack`` every step to it."""

    paper_changed = Signal()
    problems_changed = Signal(list)
    #: A Mitzeichnung step changed the stored Vorlage (state, signatures); the editor has reloaded it.
    workflow_changed = Signal(object)

    def __init__(
        self, paper: Paper, master: MasterData, catalogue: FundingCatalogue, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.master = master
        self._base = paper
        self._loading = False
        self._burst = 0
        self.undo_stack = QUndoStack(self)
        self._pushing = False
        self.undo_stack.indexChanged.connect(self._index_changed)
        self._seal_timer = QTimer(self)
        self._seal_timer.setSingleShot(True)
        self._seal_timer.setInterval(1500)
        self._seal_timer.timeout.connect(self.seal)
        self._undo_filter = UndoKeyFilter(self)
        self.sections: dict[str, Section] = {}
        self.widget_problems: dict[str, list[str]] = {}
        self.problems: list[Problem] = []

        content = QWidget()
        self.form = QVBoxLayout(content)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.form.addWidget(self.heading)
        self.dates = QLabel()
        self.dates.setTextFormat(Qt.TextFormat.PlainText)
        self.dates.setAccessibleName(_("Angelegt und zuletzt geändert"))
        self.form.addWidget(self.dates)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("background: #fff3c4; color: #4a3b00; padding: 6px;")
        self.banner.setAccessibleName(_("Hinweis zur Bearbeitung"))
        self.banner.hide()
        self.form.addWidget(self.banner)
        self.problem_summary = ProblemSummary(self._jump_to_problem)
        self.form.addWidget(self.problem_summary)

        self._build_all(catalogue)
        self.form.addStretch(1)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self._heights = grow_with_content(self, content, min_lines=6)
        self.setFrameShape(QFrame.Shape.NoFrame)
        for widget in content.findChildren(QLineEdit) + content.findChildren(QPlainTextEdit):
            widget.installEventFilter(self._undo_filter)
        for rich in (self.rationale, self.resolution):
            rich.edit.installEventFilter(self._undo_filter)
            rich.edit.setUndoRedoEnabled(False)

        serve_events()
        self.populate(paper)
        serve_events()
        self._snapshot, _problems = self.collect()
        self._refresh_problems(self._snapshot)

    # --- state -----------------------------------------------------------------------------------
    @property
    def base(self) -> Paper:
        return self._base

    def set_base(self, paper: Paper) -> None:
        """After a save: new version, modified stamp; the widgets keep what they show."""
        self._base = paper
        self._snapshot = replace(
            self._snapshot,
            version=paper.version,
            modified_at=paper.modified_at,
            modified_by=paper.modified_by,
        )
        self._update_heading(paper)

    def paper(self) -> Paper:
        """The Vorlage as the form shows it now."""
        return self._snapshot

    def set_database_read_only(self) -> None:
        """The database may only be read: every field read-only, whatever the Vorlage's state."""
        self.database_read_only = True
        self._apply_lock(self._base)
        self.sign_off_panel.setEnabled(False)

    @property
    def read_only(self) -> bool:
        return self._base.is_locked or self.database_read_only

    def reload(self, paper: Paper) -> None:
        """Show ``paper`` as stored (after a Mitzeichnung step): no undo history, locked or editable."""
        self._base = paper
        self.undo_stack.clear()
        self._restore(paper)

    def _workflow_changed(self, paper: Paper) -> None:
        self.reload(paper)
        self.workflow_changed.emit(paper)

    # --- edits and undo --------------------------------------------------------------------------
    def seal(self) -> None:
        """End the current typing burst: the next edit is a separate undo step."""
        self._burst += 1

    def _index_changed(self, _index: int) -> None:
        if not self._pushing:  # undo/redo: the next edit must not merge into a command off the stack
            self.seal()

    def _on_change(self, key: str, text: str | None = None) -> None:
        if self._loading:
            return
        paper, widget_problems = self.collect()
        self.widget_problems = widget_problems
        if paper != self._snapshot:
            merge_key = f"{key}#{self._burst}" if key else None
            command = EditCommand(text or _("Bearbeiten"), merge_key, self._snapshot, paper, self._restore)
            self._snapshot = paper
            self._pushing = True
            try:
                self.undo_stack.push(command)
            finally:
                self._pushing = False
            if merge_key is not None:
                self._seal_timer.start()
            self.paper_changed.emit()
        self._refresh_problems(paper)

    def _on_structure(self, text: str) -> None:
        self.seal()
        self._on_change("", text)

    def take_over_funding(self) -> None:
        """ "Tabelle übernehmen": the NKF cells proposed from the modules, as one undo step.

        Overrides that no longer match the computation are listed first; the clerk keeps or
        replaces each one (cancel: nothing changes). Nothing is replaced silently.
        """

        paper, _problems = self.collect()
        keep: set[Cell] = set()
        disagreements = overrides_to_decide(paper, self.funding.catalogue)
        if disagreements:
            chosen = ask_overrides(self, disagreements)
            if chosen is None:
                return
            keep = chosen
        updated = refresh_funding(paper, self.funding.catalogue, keep=keep)
        if updated is paper:
            return
        self.seal()
        self._loading = True
        try:
            self.finance.set_value(updated.financial_impact)
            self.funding.set_value(updated.funding_modules)
            self.finance.refresh_marks()
        finally:
            self._loading = False
        self._on_change("", _("Tabelle übernehmen"))

    # --- master data -----------------------------------------------------------------------------
    def unknown_names(self) -> list[tuple[OrganizationKind, str]]:
        """The Amt and the Gremien typed that the master data does not know."""
        found = [(OrganizationKind.COMMITTEE, name) for name in self.consultations.unknown_committees()]
        if self.department.unknown():
            found.insert(0, (OrganizationKind.DEPARTMENT, self.department.currentText().strip()))
        return found

    def set_master(self, master: MasterData) -> None:
        """Master data changed elsewhere (settings, import, the assistant): the pickers offer it at once.

        Names typed before now resolve to the new master data (no undo step). A draft shows a renamed Amt,
        Gremium or Berichterstatter under the new name at once; a Vorlage past Entwurf keeps its names.
        """
        self.master = master
        self._name_as_master()
        self.signature_fields.set_persons(master.persons)
        self._snapshot, self.widget_problems = self.collect()
        self._refresh_problems(self._snapshot)
        self.paper_changed.emit()

    def _restore(self, paper: Paper) -> None:
        self.populate(paper)
        self._name_as_master()  # undo/redo to a state from before a rename: a draft gets today's names

    def _name_as_master(self) -> None:
        """The pickers offer ``self.master``; a draft shows a renamed Amt, Gremium or person as named now."""
        follow = not self._base.is_locked
        self.department.refresh(self.master.departments, follow=follow)
        self.consultations.set_master(self.master, follow=follow)
        self._snapshot, self.widget_problems = self.collect()
        self._refresh_problems(self._snapshot)
        self.paper_changed.emit()

    # --- problems --------------------------------------------------------------------------------
    def _refresh_problems(self, paper: Paper) -> None:
        self.problems = validate_paper(paper)
        per_section = problems_by_section(self.widget_problems, self.problems)
        for key, section in self.sections.items():
            section.set_problems(per_section.get(key, []))
        self.problem_summary.set_problems(
            [(key, message) for key, messages in per_section.items() for message in messages]
        )
        # Shown while the Vorlage can be edited, whether or not anything is missing: no jumping.
        self.problem_summary.setVisible(not paper.is_locked)
        self.problems_changed.emit([str(p) for p in self.problems])

    def all_problem_texts(self) -> list[str]:
        return list(self.problem_summary.messages)

    def _jump_to_problem(self, key: str) -> None:
        section = self.sections.get(key)
        if section is not None:
            self.ensureWidgetVisible(section)
            section.setFocus()
            focus = section.nextInFocusChain()
            if focus is not None:
                focus.setFocus()
