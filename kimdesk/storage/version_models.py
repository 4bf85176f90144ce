"""The table of Fassungen (``paper_versions``): kept states of the Vorlagen, only ever added.

The one exception, the same-day compaction of clerk saves, is described in docs/SECURITY.md.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kimdesk.storage.base import Base
from kimdesk.storage.types import UtcDateTime


class PaperVersionRow(Base):
    """One kept state: the Vorlage's exchange JSON, zlib-compressed.

    ``base_number`` set: compressed with the JSON of that (older, self-contained) version of the same
    Vorlage as zlib's preset dictionary, so a version that changed little costs little. No foreign key
    to ``papers``: like the audit log, the history outlives a deleted Vorlage.
    """

    __tablename__ = "paper_versions"

    paper_id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    event: Mapped[str] = mapped_column(String(20))
    who: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime(timezone=True))
    content_hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text)
    base_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
