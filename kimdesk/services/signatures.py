"""Making personal signatures, and the signed checkpoint of a Vorlage (embedded in its released PDF)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from kimdesk.domain.audit import GENESIS_HASH
from kimdesk.domain.entity import new_id
from kimdesk.domain.errors import WorkflowError
from kimdesk.domain.model import Paper, SignOff
from kimdesk.domain.signature import (
    AnlageDigest,
    Checkpoint,
    SignatureKind,
    SignatureRecord,
    canonical_payload,
)
from kimdesk.domain.signoff import content_hash
from kimdesk.services import keycrypto as kc
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.signing_identity import SigningIdentity


def head_checkpoint(uow: UnitOfWork) -> Checkpoint:
    head = uow.audit.head()
    return Checkpoint(*head) if head is not None else Checkpoint(0, GENESIS_HASH)


def anlagen(uow: UnitOfWork, paper: Paper) -> list[AnlageDigest]:
    return [AnlageDigest(a.filename, a.sha256) for a in uow.attachments.list(paper.id)]


def role_covered(identity_roles: set[str], role_key: str, as_deputy: bool) -> bool:
    return (f"{role_key}/deputy" if as_deputy else role_key) in identity_roles


def check_role(identity: SigningIdentity, row: SignOff, person_name: str) -> None:
    """WorkflowError unless the office key certified ``person_name`` for the row's role (as holder/deputy)."""
    if not role_covered(kc.certificate_roles(identity.certificate), row.role_key, row.as_deputy):
        how = "als Vertretung " if row.as_deputy else ""
        raise WorkflowError(
            f"Mitzeichnung: das Zertifikat von {person_name} gilt nicht {how}für {row.role_label} – "
            "die Verwaltung muss den Schlüssel nach der Rollenänderung neu zertifizieren."
        )


def sign_paper(
    uow: UnitOfWork,
    identity: SigningIdentity,
    paper: Paper,
    *,
    kind: SignatureKind,
    person_name: str,
    sign_off: SignOff | None,
    now: datetime,
) -> SignatureRecord:
    """Sign what the council reads plus the chain head; store it (the caller holds the audit lock)."""
    signature_id = new_id()
    checkpoint = head_checkpoint(uow)
    payload = canonical_payload(
        kind=kind,
        signature_id=signature_id,
        paper=paper,
        content_hash=content_hash(paper),
        anlagen=anlagen(uow, paper),
        person_id=identity.person_id,
        person_name=person_name,
        at=now,
        checkpoint=checkpoint,
        sign_off=sign_off,
    )
    record = SignatureRecord(
        id=signature_id,
        paper_id=paper.id,
        reference=paper.reference,
        kind=kind,
        person_id=identity.person_id,
        person_name=person_name,
        sign_off_id=sign_off.id if sign_off is not None else None,
        at=now,
        checkpoint=checkpoint,
        payload=payload,
        signature=kc.sign_bytes(identity.private_key, payload),
        certificate=kc.cert_pem(identity.certificate),
    )
    uow.signatures.add(record)
    return record


@dataclass(frozen=True, slots=True)
class PaperCheckpoint:
    """The newest signed checkpoint of a Vorlage: what its released PDF carries."""

    reference: str
    paper_id: uuid.UUID
    seq: int
    entry_hash: str
    signature_id: uuid.UUID
    signed_by: str
    at: datetime

    def as_text(self) -> str:
        """One line for the PDF: ``Prüfpunkt 17 / 3f2a9c1b…``."""
        return f"Prüfpunkt {self.seq} / {self.entry_hash[:16]}"


def current_checkpoint(uow_factory: UnitOfWorkFactory, reference: str) -> PaperCheckpoint | None:
    """The newest signed checkpoint of the Vorlage ``reference`` (None before the first signature)."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        records = uow.signatures.list(paper.id)
    if not records:
        return None
    newest = max(records, key=lambda r: (r.checkpoint.seq, r.at))
    return PaperCheckpoint(
        reference=paper.reference,
        paper_id=paper.id,
        seq=newest.checkpoint.seq,
        entry_hash=newest.checkpoint.entry_hash,
        signature_id=newest.id,
        signed_by=newest.person_name,
        at=newest.at,
    )
