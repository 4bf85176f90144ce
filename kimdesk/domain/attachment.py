"""Anlagen: files (PDF) attached to a Vorlage, merged into the session packet after it.

An :class:`Attachment` describes the file (name, size, checksum, place in the list); its bytes stay in
storage and are read as a stream of chunks (``uow.attachments.chunks``), never as one object, so that
a packet with gigabytes of Anlagen needs no more memory than one chunk.
"""

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
#: Bytes of an Anlage stored (and read) at a time.
CHUNK_BYTES = 1024 * 1024
#: Longest title of an Anlage (one line of the Anlagen list).
MAX_TITLE = 300


@dataclass(slots=True)
class Attachment:
    """One Anlage: what it is, not its bytes (see the module docstring)."""

    paper_id: uuid.UUID
    filename: str
    size: int = 0
    media_type: str = PDF
    order: int = 0
    sha256: str = ""
    #: What the Vorlage's Anlagen list prints; empty: the file name without ".pdf".
    title: str = ""
    #: False: a non-public Anlage, left out of the public Sitzungsmappe.
    public: bool = True
    id: uuid.UUID = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)

    @property
    def shown_title(self) -> str:
        """The title as printed: its own, else the file name without the ".pdf" ending."""
        return self.title.strip() or default_title(self.filename)


def default_title(filename: str) -> str:
    """ "Lageplan Nord.pdf" → "Lageplan Nord"."""
    stem, dot, ending = filename.rpartition(".")
    return stem if dot and stem and ending.lower() == "pdf" else filename


def check_title(title: str, filename: str) -> str:
    """A title for the Anlagen list: one line, not empty, at most ``MAX_TITLE`` characters."""
    clean = " ".join(title.split())
    if not clean:
        raise ValidationError(f"Titel der Anlage „{filename}“: Bitte einen Titel eingeben.")
    if len(clean) > MAX_TITLE:
        raise ValidationError(
            f"Titel der Anlage „{filename}“: höchstens {MAX_TITLE} Zeichen (jetzt {len(clean)})."
        )
    return clean


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
        size=len(data),
        media_type=PDF,
        order=order,
        sha256=hashlib.sha256(data).hexdigest(),
        title=default_title(filename),
    )


def chunked(data: bytes, size: int = CHUNK_BYTES) -> list[bytes]:
    """``data`` in pieces of ``size`` bytes, as storage keeps them."""
    return [data[start : start + size] for start in range(0, len(data), size)]
