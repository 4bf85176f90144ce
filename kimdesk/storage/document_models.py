"""The table of released documents: signed PDFs of released or decided Vorlagen (append-only)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kimdesk.storage.base import Base
from kimdesk.storage.types import UtcDateTime


class ReleasedDocumentRow(Base):
    """One signed PDF as exported. No foreign key to ``papers``: like the audit log, the row outlives
    a deleted Vorlage (and names it)."""

    __tablename__ = "released_documents"
    __table_args__ = (Index("ix_released_documents_paper_created", "paper_id", "created_at"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    paper_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    reference: Mapped[str] = mapped_column(String(64))
    event: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(timezone=True))
    checkpoint_seq: Mapped[int] = mapped_column(Integer)
    content_hash: Mapped[str] = mapped_column(String(64))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
