"""The Mitzeichnung panel of the editor: who has signed, who is due, and signing at this PC with a PIN.

The texts and rows come from ``services.signoff_view``; the actions (``signoff_actions``) run every
service call off the GUI thread and hand the reloaded Vorlage to the editor through ``workflow_changed``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain import signoff as rules
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.l10n.i18n import _
from kimdesk.services import signoff_view as view
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.signoff_view import PanelState, load_state
from kimdesk.ui.editor.sign_dialog import SignDialog
from kimdesk.ui.editor.signoff_actions import SignOffActions
from kimdesk.ui.editor.signoff_dialogs import ActionDialog, StartDialog, alert_label
from kimdesk.ui.read_only_table import ReadOnlyTable
from kimdesk.ui.tasks import run_task

if TYPE_CHECKING:  # the signing code (cryptography) loads on a worker, not with the window
    from kimdesk.services.pdf_signatures import SignedPdfMaker

_STATE_COLOURS = {
    PaperStatus.DRAFT: ("#e8e8e8", "#303030"),
    PaperStatus.IN_SIGN_OFF: ("#fff3c4", "#4a3b00"),
    PaperStatus.RELEASED: ("#d7f0d8", "#0f4a14"),
    PaperStatus.WITHDRAWN: ("#d0d0d0", "#202020"),
    PaperStatus.DECIDED: ("#dcecff", "#0b2e59"),
}


class SignOffPanel(QWidget):
    """State, Umlauf rows, who is due, last rejection, content hash, history; and the actions.

    ``attach(uow_factory)`` enables the actions; until then it shows the Vorlage it was given.
    """

    #: The Vorlage as stored after an action (the editor reloads it).
    workflow_changed = Signal(object)
    #: A status line for the main window.
    message = Signal(str)
    #: The panel finished loading (or reloading) status and history.
    loaded = Signal()

    def __init__(
        self,
        paper: Paper,
        office: Office,
        *,
        current: Callable[[], Paper] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Mitzeichnung"))
        self._paper = paper
        self._office = office
        self._current = current
        self._state: PanelState | None = None
        #: Counts the loads started; only the newest one's result is shown (an older one, read before
        #: a change, may finish after it on the other pool thread).
        self._loads = 0
        self._uow_factory: UnitOfWorkFactory | None = None
        self.pdf_maker: Callable[[], SignedPdfMaker] | None = None
        self._prepare: Callable[[], bool] | None = None
        self.busy = False
        self.runner = SignOffActions(self, self)

        top = QHBoxLayout()
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.state_label.setAccessibleName(_("Stand der Mitzeichnung"))
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        self.hash_label = QLabel()
        self.hash_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hash_label.setAccessibleName(_("Prüfsumme des Inhalts"))
        top.addWidget(self.state_label)
        top.addStretch(1)
        top.addWidget(self.hash_label)

        self.rejection = alert_label(_("Letzte Ablehnung"))
        self.rejection.setFrameShape(QFrame.Shape.StyledPanel)
        self.rejection.hide()
        self.broken = alert_label(_("Warnung zur Prüfsumme"))
        self.broken.hide()
        self.due_label = QLabel()
        self.due_label.setWordWrap(True)
        self.due_label.setTextFormat(Qt.TextFormat.PlainText)
        self.due_label.setAccessibleName(_("Wer jetzt zeichnen kann"))

        self.table = ReadOnlyTable(
            [_(c) for c in view.COLUMNS],
            _("Mitzeichnungen des Umlaufs"),
            stretch=view.COL_REMARK,
            in_scrolling_form=True,
        )
        self.empty_label = QLabel(_("Noch kein Umlauf – die Vorlage ist nicht in der Mitzeichnung gewesen."))
        self.empty_label.setWordWrap(True)

        self.start_button = QPushButton(_("Umlauf &starten …"))
        self.sign_button = QPushButton(_("&Mitzeichnen …"))
        self.reject_button = QPushButton(_("Ab&lehnen …"))
        self.withdraw_button = QPushButton(_("Zurü&ckziehen …"))
        self.back_button = QPushButton(_("In Ent&wurf zurücknehmen …"))
        for button, slot in (
            (self.start_button, self.open_start_dialog),
            (self.sign_button, self.open_sign_dialog),
            (self.reject_button, self.open_reject_dialog),
            (self.withdraw_button, self.withdraw),
            (self.back_button, self.back_to_draft),
        ):
            button.setAccessibleName(button.text().replace("&", "").replace(" …", ""))
            button.clicked.connect(lambda _checked=False, s=slot: s())
        buttons = QGridLayout()
        buttons.addWidget(self.start_button, 0, 0)
        buttons.addWidget(self.sign_button, 0, 1)
        buttons.addWidget(self.reject_button, 0, 2)
        buttons.addWidget(self.withdraw_button, 1, 0)
        buttons.addWidget(self.back_button, 1, 1, 1, 2)
        buttons.setColumnStretch(3, 1)

        self.busy_label = QLabel()
        self.busy_label.setWordWrap(True)
        self.busy_label.setAccessibleName(_("Meldung der Mitzeichnung"))
        self.busy_label.hide()

        self.history_button = QToolButton()
        self.history_button.setCheckable(True)
        self.history_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.history_button.setArrowType(Qt.ArrowType.RightArrow)
        self.history_button.setAccessibleName(_("Verlauf ein- oder ausklappen"))
        self.history_button.toggled.connect(self._toggle_history)
        self.history = ReadOnlyTable(
            [_(c) for c in view.HISTORY_COLUMNS],
            _("Verlauf der Mitzeichnung"),
            stretch=view.HISTORY_DETAILS,
            in_scrolling_form=True,
        )
        self.history.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.rejection)
        layout.addWidget(self.broken)
        layout.addWidget(self.due_label)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        layout.addWidget(self.busy_label)
        layout.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.history)
        self.show_paper(paper)

    # --- data -------------------------------------------------------------------------------------
    @property
    def attached(self) -> bool:
        return self._uow_factory is not None

    @property
    def state(self) -> PanelState | None:
        return self._state

    @property
    def paper(self) -> Paper:
        """The Vorlage as last stored or shown."""
        return self._paper

    @property
    def office(self) -> Office:
        return self._office

    @property
    def uow_factory(self) -> UnitOfWorkFactory | None:
        return self._uow_factory

    @property
    def dialog(self) -> ActionDialog | None:
        """The open action dialog, if any."""
        return self.runner.dialog

    def attach(
        self,
        uow_factory: UnitOfWorkFactory,
        *,
        prepare: Callable[[], bool] | None = None,
        maker: Callable[[], SignedPdfMaker] | None = None,
    ) -> None:
        """Enable the actions; ``prepare`` runs before each one (the page saves unsaved edits there);
        ``maker`` gives (on a worker thread: it loads the PDF libraries) what signs the PDF when a
        Mitzeichnung releases the Vorlage."""
        self._uow_factory = uow_factory
        self.pdf_maker = maker
        self._prepare = prepare
        self.refresh()

    def refresh(self) -> None:
        """Reload status, history and office off the GUI thread."""
        if self._uow_factory is None or not self._paper.reference:
            return
        uow_factory, reference = self._uow_factory, self._paper.reference
        self.set_busy(True, _("Mitzeichnung wird geladen …"))
        self._loads += 1
        load = self._loads
        run_task(
            lambda: load_state(uow_factory, reference),
            lambda state: self._loaded(state, load),
            lambda exc: self._load_failed(exc, load),
        )

    def _loaded(self, state: PanelState, load: int) -> None:
        # closed meanwhile, or read before a newer load
        if not shiboken6.isValid(self) or load != self._loads:
            return
        self.set_busy(False)
        self._apply_state(state)

    def _load_failed(self, exc: BaseException, load: int) -> None:
        if not shiboken6.isValid(self) or load != self._loads:
            return
        self.set_busy(False)
        if not isinstance(exc, KimdeskError):
            raise exc
        self._show_note(_("Mitzeichnung nicht lesbar: {error}").format(error=exc.message))

    def _apply_state(self, state: PanelState) -> None:
        self._state = state
        self._office = state.office
        self._paper = state.paper
        self.show_paper(state.paper)
        self.loaded.emit()

    def action_done(self, text: str, state: PanelState) -> None:
        """An action is stored and the Vorlage reloaded: show it, say so, tell the editor."""
        self._apply_state(state)
        self._show_note(text)
        self.message.emit(text)
        self.workflow_changed.emit(state.paper)

    def show_paper(self, paper: Paper) -> None:
        """Show ``paper`` (the editor calls this whenever it shows a Vorlage); history from the last load."""
        self._paper = paper
        state = self._state if self._state is not None and self._state.paper.id == paper.id else None
        status = paper.status
        background, colour = _STATE_COLOURS.get(status, ("#e8e8e8", "#303030"))
        self.state_label.setText(_("Stand: {state}").format(state=_(status.label)))
        self.state_label.setStyleSheet(f"background: {background}; color: {colour}; padding: 4px 8px;")
        content_hash = rules.content_hash(paper)
        self.hash_label.setText(
            _("Prüfsumme des Inhalts: {hash}").format(hash=rules.short_hash(content_hash))
        )
        self.hash_label.setToolTip(content_hash)
        for label, text in (
            (self.rejection, view.rejection_text(paper)),
            (self.broken, view.broken_text(paper)),
            (self.due_label, view.due_text(paper, self._office)),
        ):
            label.setText(text)
            label.setVisible(bool(text))
        signatures = state.signatures if state is not None else None
        revoked = state.revoked if state is not None else None
        self.table.set_rows(view.sign_off_rows(paper, self._office, view.today(), signatures, revoked))
        self.table.setVisible(self.table.rowCount() > 0)
        self.empty_label.setVisible(self.table.rowCount() == 0)
        self.empty_label.setText(view.empty_text(paper))
        entries = state.status.history if state is not None else []
        self.history.set_rows(view.history_rows(entries, state.office if state is not None else self._office))
        self.history_button.setText(view.history_title(len(entries)))
        self._update_buttons()

    def _toggle_history(self, shown: bool) -> None:
        self.history.setVisible(shown)
        self.history_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)

    def _update_buttons(self) -> None:
        status = self._paper.status
        ready = self.attached and not self.busy and bool(self._paper.reference)
        has_due = bool(rules.due_roles(self._paper))
        self.start_button.setEnabled(ready and status is PaperStatus.DRAFT)
        self.sign_button.setEnabled(ready and has_due)
        self.reject_button.setEnabled(ready and has_due)
        self.withdraw_button.setEnabled(ready and status is not PaperStatus.WITHDRAWN)
        self.back_button.setEnabled(ready and status in (PaperStatus.IN_SIGN_OFF, PaperStatus.RELEASED))

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        if busy:
            self._show_note(text)
        elif self.busy_label.text() == text or not text:
            self.busy_label.hide()
        self._update_buttons()

    def _show_note(self, text: str) -> None:
        self.busy_label.setText(text)
        self.busy_label.setVisible(bool(text))

    # --- actions (see SignOffActions) -------------------------------------------------------------
    def ready_for_action(self) -> bool:
        """Attached, idle, and unsaved edits saved."""
        if self._uow_factory is None or self.busy:
            return False
        return self._prepare is None or self._prepare()

    def paper_for_dialog(self) -> Paper:
        return self._current() if self._current is not None else self._paper

    def open_start_dialog(self) -> StartDialog | None:
        return self.runner.open_start_dialog()

    def open_sign_dialog(self) -> SignDialog | None:
        return self.runner.open_sign_dialog(rejecting=False)

    def open_reject_dialog(self) -> SignDialog | None:
        return self.runner.open_sign_dialog(rejecting=True)

    def withdraw(self) -> bool:
        return self.runner.withdraw()

    def back_to_draft(self) -> bool:
        return self.runner.back_to_draft()
