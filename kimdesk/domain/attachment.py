"""Anlagen: files (PDF) attached to a Vorlage, merged into the session packet after it."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from kimdesk.domain.entity import new_id, utcnow
from kimdesk.domain.errors import ValidationError

PDF = "application/pdf"
#: How every PDF file begins.
PDF_MAGIC = b"%PDF-"
#: Larger files do not belong in the database (nor in a packet sent to every member); the clerk should
#: link them instead. Stated in ``kimdesk attach --help`` and docs/packet/README.md.
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024


@dataclass(slots=True)
class Attachment:
    """One Anlage, bytes included."""

    paper_id: uuid.UUID
    filename: str
    data: bytes = field(repr=False)
    media_type: str = PDF
    order: int = 0
    sha256: str = ""
    id: uuid.UUID = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)

    @property
    def size(self) -> int:
        return len(self.data)


def new_attachment(paper_id: uuid.UUID, filename: str, data: bytes, order: int = 0) -> Attachment:
    """Check the file and compute its checksum; only PDF Anlagen can be merged into a packet."""
    if not data:
        raise ValidationError(f"Anlage: Die Datei „{filename}“ ist leer.")
    if len(data) > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"Anlage: Die Datei „{filename}“ ist größer als {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB."
        )
    if not data.startswith(PDF_MAGIC):
        raise ValidationError(f"Anlage: Die Datei „{filename}“ ist keine PDF-Datei.")
    return Attachment(
        paper_id=paper_id,
        filename=filename,
        data=data,
        media_type=PDF,
        order=order,
        sha256=hashlib.sha256(data).hexdigest(),
    )
