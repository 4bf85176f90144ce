"""Entering a TOP's result: a Vorlage's Beschlussvermerk is signed by whoever records it.

The service asks for a signer only where one is needed (a Vorlage past Entwurf); then the recorder
dialog asks for the person and the PIN of their own signing key, and a wrong PIN asks again.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.meeting import AgendaResult
from kimdesk.l10n.i18n import _
from kimdesk.services import meetings as svc
from kimdesk.services.office import list_persons
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.signoff import PinRequiredError
from kimdesk.services.unlock import WrongPinError
from kimdesk.ui.recorder_dialog import RecorderDialog
from kimdesk.ui.tasks import run_and_wait

if TYPE_CHECKING:  # the signing code (cryptography) loads on a worker, not with the window
    from kimdesk.services.pdf_signatures import SignedPdfMaker


def _enter(
    uow_factory: UnitOfWorkFactory,
    meeting_id: str,
    number: str,
    result: AgendaResult,
    text: str,
    signer: tuple[str | None, str | None],
    maker: Callable[[], SignedPdfMaker] | None,
) -> None:
    person, pin = signer
    signed_by = maker() if maker is not None and person else None  # on the worker: it loads the PDF code
    svc.enter_result(
        uow_factory, meeting_id, number, result, text, person_name=person, pin=pin, maker=signed_by
    )


def enter_signed_result(
    parent: QWidget,
    uow_factory: UnitOfWorkFactory,
    meeting_id: str,
    number: str,
    title: str,
    result: AgendaResult,
    text: str,
    maker: Callable[[], SignedPdfMaker] | None = None,
) -> None:
    """Enter the result (on the thread pool), asking who signs when the service needs a signer.

    Raises KimdeskError when it was not entered (also when the signer was not given), so that a
    dialog the user typed in stays open.
    """
    signer: tuple[str | None, str | None] = (None, None)
    dialog: RecorderDialog | None = None
    while True:
        try:
            run_and_wait(partial(_enter, uow_factory, meeting_id, number, result, text, signer, maker))
            return
        except (PinRequiredError, WrongPinError) as exc:
            if dialog is None:
                names = [p.name for p in run_and_wait(lambda: list_persons(uow_factory))]
                dialog = RecorderDialog(title, names, parent)
            if isinstance(exc, WrongPinError):
                dialog.show_problem(exc.message)
            dialog.pin.clear()
            if dialog.exec() != QDialog.DialogCode.Accepted:
                raise KimdeskError(
                    _("Ergebnis nicht eingetragen: Der Beschlussvermerk wurde nicht signiert.")
                ) from exc
            signer = (dialog.person.currentText(), dialog.pin.text())
