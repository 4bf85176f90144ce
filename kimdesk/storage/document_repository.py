"""The released documents repository (``uow.released_documents``): signed PDFs, only ever added."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from kimdesk.domain.released import ReleasedDocument, ReleaseEvent
from kimdesk.storage.document_models import ReleasedDocumentRow


class SqlReleasedDocuments:
    """Implements :class:`kimdesk.services.ports.ReleasedDocumentRepository`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, document: ReleasedDocument) -> None:
        self.session.add(
            ReleasedDocumentRow(
                id=document.id,
                paper_id=document.paper_id,
                reference=document.reference,
                event=document.event.value,
                created_at=document.created_at,
                checkpoint_seq=document.checkpoint_seq,
                content_hash=document.content_hash,
                sha256=document.sha256,
                data=document.data,
            )
        )
        self.session.flush()

    def latest(self, paper_id: uuid.UUID) -> ReleasedDocument | None:
        row = self.session.scalars(
            select(ReleasedDocumentRow)
            .where(ReleasedDocumentRow.paper_id == paper_id)
            .order_by(ReleasedDocumentRow.created_at.desc(), ReleasedDocumentRow.checkpoint_seq.desc())
            .limit(1)
        ).first()
        return _from_row(row) if row is not None else None

    def find(self, sha256: str) -> ReleasedDocument | None:
        row = self.session.scalars(
            select(ReleasedDocumentRow).where(ReleasedDocumentRow.sha256 == sha256).limit(1)
        ).first()
        return _from_row(row) if row is not None else None


def _from_row(row: ReleasedDocumentRow) -> ReleasedDocument:
    return ReleasedDocument(
        id=row.id,
        paper_id=row.paper_id,
        reference=row.reference,
        event=ReleaseEvent(row.event),
        created_at=row.created_at,
        checkpoint_seq=row.checkpoint_seq,
        content_hash=row.content_hash,
        data=row.data,
    )
