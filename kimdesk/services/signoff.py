"""Use cases of the Mitzeichnung: start the Umlauf, sign, reject, withdraw, take back, status, PINs.

Checking the audit chain (``kimdesk verify``) is in :mod:`kimdesk.services.verification`.

Every action writes the Vorlage and its audit entry in one unit of work, after taking the chain head
lock, so parallel signers queue up and the log keeps their order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import AuditAction, AuditEntry
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import ConflictError, KimdeskError, NotFoundError, WorkflowError
from kimdesk.domain.masterdata import Office, Person
from kimdesk.domain.model import Paper, PaperStatus, SignOff, SignOffDecision
from kimdesk.domain.released import ReleaseEvent
from kimdesk.domain.signature import SignatureKind, names_digest
from kimdesk.domain.versions import VersionEvent
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import current_user
from kimdesk.services.pdf_signatures import SignedPdfMaker
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.released import sign_and_store_in
from kimdesk.services.signatures import check_role, sign_paper
from kimdesk.services.unlock import WrongPinError, unlock_identity
from kimdesk.services.version_log import record_version

T = TypeVar("T")

#: A save that lost an optimistic-locking race is retried on fresh data this often.
_ATTEMPTS = 5


class PinRequiredError(KimdeskError):
    """No PIN was given; everyone signs with their own key, deputies included (the CLI then prompts)."""

    def __init__(self, person_name: str, message: str = "") -> None:
        super().__init__(message or f"PIN: {person_name} zeichnet nur mit PIN – bitte PIN angeben.")
        self.person_name = person_name


__all__ = ["PinRequiredError", "WrongPinError"]


def record_event(
    uow: UnitOfWork,
    paper: Paper,
    action: AuditAction,
    *,
    now: datetime,
    os_account: str | None = None,
    person_name: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry about ``paper`` in the caller's unit of work (commit is the caller's).

    For other services that change the state of a signed Vorlage (e.g. the Beschlussvermerk):
    call ``uow.audit.lock()`` first, then this, so ``kimdesk verify`` knows the change. Past Entwurf the
    entry also keeps the digest of the names the Vorlage prints (in a nested part the history leaves out).
    """
    if paper.is_locked:
        details = {**(details or {}), "kept": {"names": names_digest(paper)}}
    entry = AuditEntry(
        action=action,
        at=now,
        paper_id=paper.id,
        reference=paper.reference,
        os_account=current_user() if os_account is None else os_account,
        person_name=person_name,
        status=paper.status.value,
        content_hash=rules.content_hash(paper),
        details=details or {},
    )
    return uow.audit.append(entry)


def _change(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    action: Callable[[UnitOfWork, Paper, Office], T],
    *,
    now: datetime,
    os_account: str,
) -> T:
    """Load, change, save and log one Vorlage in one transaction; retried when someone saved in between."""
    for attempt in range(_ATTEMPTS):
        try:
            with uow_factory() as uow:
                uow.audit.lock()
                paper = uow.papers.get_by_reference(reference)
                office = uow.office.get()
                result = action(uow, paper, office)
                paper.modified_at = now
                paper.modified_by = os_account
                uow.papers.update(paper)
                uow.commit()
                return result
        except ConflictError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class GivenVersion:
    """The Fassung a signer's dialog showed: its number and content hash."""

    number: int
    content_hash: str


def bound_version(uow: UnitOfWork, paper: Paper, given: GivenVersion | None) -> dict[str, Any]:
    """The Fassung a signature binds to, for its audit entry; ConflictError if the dialog showed another."""
    current = uow.versions.last(paper.id)
    digest = rules.content_hash(paper)
    if given is not None and (
        given.content_hash != digest or current is None or current.number != given.number
    ):
        raise WorkflowError(
            f"Vorlage {paper.reference} wurde geändert, nachdem der Dialog geöffnet wurde – "
            "bitte den Dialog schließen und die neue Fassung ansehen."
        )
    if current is None or current.content_hash != digest:
        return {}
    return {"version": current.number, "versionHash": current.content_hash}


def _sign_off_data(row: SignOff) -> dict[str, Any]:
    return {
        "signOffId": str(row.id),
        "role": row.role_key,
        "roleLabel": row.role_label,
        "decision": row.decision.value if row.decision else None,
        "asDeputy": row.as_deputy,
        "remark": row.remark,
    }


# --- the actions --------------------------------------------------------------------------------


def start(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    *,
    roles: list[str] | None = None,
    include_legal: bool = False,
    sequential: bool = False,
    due_date: date | None = None,
    now: datetime | None = None,
    os_account: str | None = None,
) -> list[SignOff]:
    """Entwurf → In Mitzeichnung. WorkflowError lists every problem that blocks release."""
    now = now or utcnow()
    account = current_user() if os_account is None else os_account

    def action(uow: UnitOfWork, paper: Paper, office: Office) -> list[SignOff]:
        rows = rules.start_circulation(
            paper,
            office,
            roles=roles,
            include_legal=include_legal,
            sequential=sequential,
            due_date=due_date,
            now=now,
        )
        details = {
            "roles": [r.role_key for r in rows],
            "signOffIds": [str(r.id) for r in rows],
            "sequential": sequential,
            "dueDate": due_date.isoformat() if due_date else None,
        }
        record_event(uow, paper, AuditAction.STARTED, now=now, os_account=account, details=details)
        record_version(uow, paper, VersionEvent.STARTED, who=account, now=now)
        return rows

    return _change(uow_factory, reference, action, now=now, os_account=account)


def _find_person(uow: UnitOfWork, name: str) -> Person:
    person = uow.persons.find(name)
    if person is None:
        raise NotFoundError(f"Person: „{name}“ ist nicht erfasst.")
    return person


def sign(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    *,
    role_key: str,
    person_name: str,
    as_deputy: bool = False,
    decision: SignOffDecision = SignOffDecision.APPROVED,
    remark: str = "",
    pin: str | None = None,
    now: datetime | None = None,
    os_account: str | None = None,
    local: LocalKeys | None = None,
    maker: SignedPdfMaker | None = None,
    given: GivenVersion | None = None,
) -> SignOff:
    """Record and sign a decision of ``person_name`` for ``role_key`` with the person's own key.

    With ``maker``, the signature that releases the Vorlage also signs its PDF, stored in the same
    transaction (the released PDF carries the checkpoint of the release; ``kimdesk verify-pdf``).

    ``pin`` unlocks the key kept in this OS account (:func:`kimdesk.services.unlock.unlock_identity`).
    PinRequiredError without a PIN; WrongPinError, TooManyAttemptsError or NoKeyError from unlocking; in
    every case nothing is recorded.

    ``given``: the Fassung the signer was shown; ConflictError (nothing recorded) if the Vorlage is no
    longer that Fassung. The audit entry names the Fassung the signature binds to.
    """
    now = now or utcnow()
    account = current_user() if os_account is None else os_account
    if not pin:
        raise PinRequiredError(person_name)
    identity = unlock_identity(uow_factory, person_name, pin, local=local, now=now)

    def action(uow: UnitOfWork, paper: Paper, office: Office) -> SignOff:
        person = _find_person(uow, person_name)
        if person.id != identity.person_id:
            raise WrongPinError(f"Signaturschlüssel: der Schlüssel gehört nicht {person.name}.")
        row = rules.sign(
            paper,
            office,
            role_key=role_key,
            person=person,
            as_deputy=as_deputy,
            decision=decision,
            remark=remark,
            os_account=account,
            now=now,
        )
        check_role(identity, row, person.name)
        bound = bound_version(uow, paper, given)
        record = sign_paper(
            uow, identity, paper, kind=SignatureKind.SIGN_OFF, person_name=person.name, sign_off=row, now=now
        )
        kind = AuditAction.REJECTED if decision is SignOffDecision.REJECTED else AuditAction.SIGNED
        record_event(
            uow,
            paper,
            kind,
            now=now,
            os_account=account,
            person_name=person.name,
            details={**_sign_off_data(row), "signatureId": str(record.id), **bound},
        )
        if decision is SignOffDecision.REJECTED:
            record_version(uow, paper, VersionEvent.REJECTED, who=person.name, now=now, note=remark.strip())
        if paper.status is PaperStatus.RELEASED:
            record_event(uow, paper, AuditAction.RELEASED, now=now, os_account=account)
            record_version(uow, paper, VersionEvent.RELEASED, who=person.name, now=now)
            if maker is not None:
                sign_and_store_in(uow, paper, identity, ReleaseEvent.RELEASED, maker, now=now)
        return row

    return _change(uow_factory, reference, action, now=now, os_account=account)


def reject(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    *,
    role_key: str,
    person_name: str,
    remark: str,
    as_deputy: bool = False,
    pin: str | None = None,
    now: datetime | None = None,
    os_account: str | None = None,
    local: LocalKeys | None = None,
) -> SignOff:
    """A rejection with its reason: the Vorlage goes back to Entwurf, the remark stays visible."""
    return sign(
        uow_factory,
        reference,
        role_key=role_key,
        person_name=person_name,
        as_deputy=as_deputy,
        decision=SignOffDecision.REJECTED,
        remark=remark,
        pin=pin,
        now=now,
        os_account=os_account,
        local=local,
    )


def withdraw(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    *,
    remark: str = "",
    now: datetime | None = None,
    os_account: str | None = None,
) -> Paper:
    """Any state → Zurückgezogen."""
    now = now or utcnow()
    account = current_user() if os_account is None else os_account

    def action(uow: UnitOfWork, paper: Paper, office: Office) -> Paper:
        previous = paper.status
        rules.withdraw(paper)
        details = {"from": previous.value, "remark": remark.strip()}
        record_event(uow, paper, AuditAction.WITHDRAWN, now=now, os_account=account, details=details)
        return paper

    return _change(uow_factory, reference, action, now=now, os_account=account)


def back_to_draft(
    uow_factory: UnitOfWorkFactory,
    reference: str,
    *,
    now: datetime | None = None,
    os_account: str | None = None,
) -> Paper:
    """In Mitzeichnung / Freigegeben → Entwurf; every signature is voided (kept in the history)."""
    now = now or utcnow()
    account = current_user() if os_account is None else os_account

    def action(uow: UnitOfWork, paper: Paper, office: Office) -> Paper:
        previous = paper.status
        voided = rules.back_to_draft(paper)
        details = {"from": previous.value, "voided": voided}
        record_event(uow, paper, AuditAction.BACK_TO_DRAFT, now=now, os_account=account, details=details)
        return paper

    return _change(uow_factory, reference, action, now=now, os_account=account)


# --- reading --------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SignOffStatus:
    """What the sign-off panel and ``kimdesk signoff status`` show."""

    paper: Paper
    rows: list[SignOff]
    due: list[SignOff]
    rejection: SignOff | None
    history: list[AuditEntry]
    content_hash: str

    @property
    def state_label(self) -> str:
        return self.paper.status.label


def status(uow_factory: UnitOfWorkFactory, reference: str) -> SignOffStatus:
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        history = uow.audit.entries(paper.id)
    rows = rules.current_round(paper)
    return SignOffStatus(
        paper=paper,
        rows=rows,
        due=rules.due_roles(paper),
        rejection=rules.last_rejection(paper),
        history=history,
        content_hash=rules.content_hash(paper),
    )


def person_needs_pin(uow_factory: UnitOfWorkFactory, person_name: str) -> bool:
    """Everyone signs with their own key and its PIN, deputies included."""
    with uow_factory() as uow:
        _find_person(uow, person_name)
    return True
