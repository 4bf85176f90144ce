"""The actions of the Mitzeichnung panel: dialog or confirmation, the service call and the reload after it.

Both run off the GUI thread (signing hashes PINs with Argon2); errors show inside the open dialog, or
as a warning when there is none.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

import shiboken6
from PySide6.QtWidgets import QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.l10n.i18n import _
from kimdesk.services import signoff, signoff_requests
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.signoff_view import PanelState, load_state
from kimdesk.ui import dialogs
from kimdesk.ui.editor.sign_dialog import SignDialog
from kimdesk.ui.editor.signoff_dialogs import ActionDialog, StartDialog
from kimdesk.ui.tasks import run_task

if TYPE_CHECKING:  # the signing code (cryptography) loads on a worker, not with the window
    from kimdesk.services.pdf_signatures import SignedPdfMaker

Work = Callable[[UnitOfWorkFactory, str], str]


class ActionHost(Protocol):
    """What the actions need of the panel."""

    @property
    def paper(self) -> Paper: ...
    @property
    def office(self) -> Office: ...
    @property
    def state(self) -> PanelState | None: ...
    @property
    def uow_factory(self) -> UnitOfWorkFactory | None: ...
    @property
    def pdf_maker(self) -> Callable[[], SignedPdfMaker] | None: ...
    def ready_for_action(self) -> bool: ...
    def paper_for_dialog(self) -> Paper: ...
    def set_busy(self, busy: bool, text: str = "") -> None: ...
    def action_done(self, text: str, state: PanelState) -> None: ...


class SignOffActions:
    """Starts, signs, rejects, withdraws and takes back the panel's Vorlage; ``dialog`` is the open one."""

    def __init__(self, panel: ActionHost, parent: QWidget) -> None:
        self.panel = panel
        #: Parent of the dialogs and confirmations (the panel itself).
        self.parent = parent
        self.dialog: ActionDialog | None = None

    def _open(self, dialog: ActionDialog, submit: Callable[[], None]) -> None:
        self.dialog = dialog
        dialog.submitted.connect(submit)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.open()

    def _dialog_closed(self, dialog: ActionDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    def open_start_dialog(self) -> StartDialog | None:
        """ "Umlauf starten …" (unsaved edits are saved first)."""
        panel = self.panel
        if not panel.ready_for_action():
            return None
        dialog = StartDialog(panel.paper_for_dialog(), panel.office, self.parent)

        def submit() -> None:
            request = dialog.request()
            self._run(
                lambda uow, ref: signoff_requests.start(uow, ref, request),
                dialog,
                _("Umlauf nicht gestartet"),
            )

        self._open(dialog, submit)
        return dialog

    def open_sign_dialog(self, *, rejecting: bool) -> SignDialog | None:
        state = self.panel.state
        if state is None or not state.status.due or not self.panel.ready_for_action():
            return None
        dialog = SignDialog(state, rejecting=rejecting, parent=self.parent)
        title = _("Ablehnen nicht möglich") if rejecting else _("Mitzeichnen nicht möglich")

        def submit() -> None:
            request = dialog.request()
            maker = self.panel.pdf_maker  # called on the worker: loading the PDF code never blocks the GUI
            self._run(
                lambda uow, ref: signoff_requests.sign(uow, ref, request, maker() if maker else None),
                dialog,
                title,
            )

        self._open(dialog, submit)
        return dialog

    def withdraw(self) -> bool:
        """ "Zurückziehen …" after a confirmation."""
        return self._confirm_and_run(
            _("Vorlage zurückziehen"),
            signoff_requests.withdraw_question,
            signoff_requests.withdraw,
            _("Zurückziehen nicht möglich"),
        )

    def back_to_draft(self) -> bool:
        """ "In Entwurf zurücknehmen …": every signature is voided (the history keeps them)."""
        return self._confirm_and_run(
            _("In den Entwurf zurücknehmen"),
            signoff_requests.back_to_draft_question,
            signoff_requests.back_to_draft,
            _("Zurücknehmen nicht möglich"),
        )

    def _confirm_and_run(
        self, title: str, question: Callable[..., str], work: Work, failure_title: str
    ) -> bool:
        paper = self.panel.paper
        if not self.panel.ready_for_action():
            return False
        if not dialogs.confirm(self.parent, title, question(paper)):
            return False
        self._run(work, None, failure_title)
        return True

    def _run(self, work: Work, dialog: ActionDialog | None, failure_title: str) -> None:
        """The action and the reload after it, both off the GUI thread."""
        panel = self.panel
        uow_factory, reference = panel.uow_factory, panel.paper.reference
        assert uow_factory is not None

        def task() -> tuple[str, PanelState]:
            text = work(uow_factory, reference)
            return text, load_state(uow_factory, reference)

        def done(result: tuple[str, PanelState]) -> None:
            text, state = result
            if not shiboken6.isValid(self.parent):  # closed meanwhile; the action itself is stored
                return
            shown = dialog if dialog is not None and shiboken6.isValid(dialog) else None
            panel.set_busy(False)
            if shown is not None:
                shown.set_busy(False)
                shown.accept()
            panel.action_done(text, state)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self.parent):
                return
            panel.set_busy(False)
            shown = dialog if dialog is not None and shiboken6.isValid(dialog) else None
            if shown is not None:
                shown.set_busy(False)
            if not isinstance(exc, KimdeskError):
                raise exc
            if shown is None or not shown.isVisible():
                dialogs.warn(self.parent, failure_title, exc.message)
            elif isinstance(exc, signoff.PinRequiredError) and isinstance(shown, SignDialog):
                shown.require_pin(exc.person_name)
                shown.show_error(exc.message)
            elif isinstance(exc, signoff.WrongPinError) and isinstance(shown, SignDialog):
                shown.wrong_pin(exc.message)
            else:
                shown.show_error(exc.message)

        panel.set_busy(True, _("Wird ausgeführt …"))
        if dialog is not None:
            dialog.set_busy(True)
        run_task(task, done, failed)
