"""The Mitzeichnung actions as the panel asks for them: one request each, one German result line.

Each function runs off the GUI thread and returns the status line shown after the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kimdesk.domain.model import Paper, SignOffDecision
from kimdesk.l10n.i18n import _
from kimdesk.services import signoff
from kimdesk.services.pdf_signatures import SignedPdfMaker
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.signoff_view import signer_text


@dataclass(frozen=True, slots=True)
class StartRequest:
    roles: list[str]
    include_legal: bool
    sequential: bool
    due_date: date | None


@dataclass(frozen=True, slots=True)
class SignRequest:
    role_key: str
    person_name: str
    as_deputy: bool
    decision: SignOffDecision
    remark: str
    pin: str | None
    #: The Fassung the dialog showed; signing is refused if the Vorlage changed since.
    given: signoff.GivenVersion | None = None


def start(uow_factory: UnitOfWorkFactory, reference: str, request: StartRequest) -> str:
    signoff.start(
        uow_factory,
        reference,
        roles=request.roles,
        include_legal=request.include_legal,
        sequential=request.sequential,
        due_date=request.due_date,
    )
    return _("Umlauf für Vorlage {reference} gestartet.").format(reference=reference)


def sign(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    request: SignRequest,
    maker: SignedPdfMaker | None = None,
) -> str:
    row = signoff.sign(
        uow_factory,
        reference,
        role_key=request.role_key,
        person_name=request.person_name,
        as_deputy=request.as_deputy,
        decision=request.decision,
        remark=request.remark,
        pin=request.pin,
        maker=maker,
        given=request.given,
    )
    return _("{role}: {decision} von {person}.").format(
        role=row.role_label,
        decision=_(row.decision.label) if row.decision else "",
        person=signer_text(row),
    )


def withdraw(uow_factory: UnitOfWorkFactory, reference: str) -> str:
    signoff.withdraw(uow_factory, reference)
    return _("Vorlage {reference} zurückgezogen.").format(reference=reference)


def back_to_draft(uow_factory: UnitOfWorkFactory, reference: str) -> str:
    signoff.back_to_draft(uow_factory, reference)
    return _("Vorlage {reference} ist wieder ein Entwurf; alle Mitzeichnungen sind aufgehoben.").format(
        reference=reference
    )


def withdraw_question(paper: Paper) -> str:
    return _(
        "Vorlage {reference} zurückziehen? Sie geht dann nicht in die Beratung; "
        "die Mitzeichnungen bleiben im Verlauf erhalten."
    ).format(reference=paper.reference)


def back_to_draft_question(paper: Paper) -> str:
    signed = sum(1 for row in paper.active_sign_offs if row.decision is not None)
    return _(
        "Vorlage {reference} in den Entwurf zurücknehmen? Dabei werden alle Mitzeichnungen "
        "aufgehoben ({n} liegen vor); der Verlauf behält sie. Danach muss der Umlauf neu "
        "gestartet werden."
    ).format(reference=paper.reference, n=signed)
