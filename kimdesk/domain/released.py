"""Released documents: the signed PDF of a Vorlage as it was released or decided, kept unchanged."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class ReleaseEvent(StrEnum):
    """What made the signed PDF: the last Mitzeichnung, or the recorded Beschlussvermerk."""

    RELEASED = "released"
    DECIDED = "decided"

    @property
    def label(self) -> str:
        return "Freigabe" if self is ReleaseEvent.RELEASED else "Beschlussvermerk"


@dataclass(frozen=True, slots=True)
class ReleasedDocument:
    """One stored signed PDF (rows are only ever added, never changed or deleted)."""

    paper_id: uuid.UUID
    reference: str
    event: ReleaseEvent
    created_at: datetime
    data: bytes
    #: The audit chain head (seq) the PDF carries as its checkpoint.
    checkpoint_seq: int
    #: The Vorlage's content hash when it was signed (``domain.signoff.content_hash``).
    content_hash: str
    id: uuid.UUID = field(default_factory=uuid.uuid4)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()
