"""The signatures repository (``uow.signatures``): add and read, nothing else."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kimdesk.domain.audit import timestamp_text
from kimdesk.domain.signature import Checkpoint, SignatureKind, SignatureRecord
from kimdesk.storage.signature_models import SignatureRow


class SqlSignatures:
    """Implements :class:`kimdesk.services.ports.SignatureRepository`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, record: SignatureRecord) -> None:
        self.session.add(
            SignatureRow(
                id=record.id,
                paper_id=record.paper_id,
                reference=record.reference,
                kind=record.kind.value,
                person_id=record.person_id,
                person_name=record.person_name,
                sign_off_id=record.sign_off_id,
                at=timestamp_text(record.at),
                checkpoint_seq=record.checkpoint.seq,
                checkpoint_hash=record.checkpoint.entry_hash,
                payload=record.payload,
                signature=record.signature,
                certificate=record.certificate,
            )
        )
        self.session.flush()

    def list(self, paper_id: uuid.UUID | None = None) -> list[SignatureRecord]:
        stmt = select(SignatureRow).order_by(SignatureRow.checkpoint_seq, SignatureRow.at)
        if paper_id is not None:
            stmt = stmt.where(SignatureRow.paper_id == paper_id)
        return [_from_row(row) for row in self.session.scalars(stmt)]


def _from_row(row: SignatureRow) -> SignatureRecord:
    try:
        kind = SignatureKind(row.kind)
    except ValueError:
        kind = SignatureKind.SIGN_OFF  # an altered row: its signature no longer verifies
    try:
        at = datetime.fromisoformat(row.at)
    except ValueError:
        at = datetime(1970, 1, 1, tzinfo=UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return SignatureRecord(
        id=row.id,
        paper_id=row.paper_id,
        reference=row.reference,
        kind=kind,
        person_id=row.person_id,
        person_name=row.person_name,
        sign_off_id=row.sign_off_id,
        at=at,
        checkpoint=Checkpoint(row.checkpoint_seq, row.checkpoint_hash),
        payload=bytes(row.payload),
        signature=bytes(row.signature),
        certificate=row.certificate,
    )
