"""The table of personal signatures: append-only (the program never updates or deletes a row)."""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, LargeBinary, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kimdesk.storage.base import Base


class SignatureRow(Base):
    """One signature, with the exact payload signed and the signer's certificate.

    No foreign key to ``papers``: the signatures outlive a deleted Vorlage (which ``verify`` then names).
    """

    __tablename__ = "signatures"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    paper_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    reference: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(20))
    person_id: Mapped[uuid.UUID] = mapped_column(Uuid)
    person_name: Mapped[str] = mapped_column(Text)
    sign_off_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True)
    #: ISO 8601 in UTC with microseconds, as in the payload.
    at: Mapped[str] = mapped_column(String(40))
    checkpoint_seq: Mapped[int] = mapped_column(Integer)
    checkpoint_hash: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    certificate: Mapped[str] = mapped_column(Text)
