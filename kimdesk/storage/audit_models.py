"""The tables of the Mitzeichnung audit log: the entries and the one-row chain head."""

from __future__ import annotations

import uuid

from sqlalchemy import Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kimdesk.storage.base import Base

#: The id of the single row of ``audit_chain_head``.
HEAD_ID = 1


class AuditEntryRow(Base):
    """One entry, exactly as hashed: the timestamp and the details are stored as their hashed text.

    No foreign key to ``papers``: the log outlives a deleted Vorlage.
    """

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    paper_id: Mapped[uuid.UUID | None] = mapped_column(Uuid, nullable=True, index=True)
    reference: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(20))
    os_account: Mapped[str] = mapped_column(Text)
    person_name: Mapped[str] = mapped_column(Text)
    #: ISO 8601 in UTC with microseconds, the spelling that was hashed.
    at: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20))
    content_hash: Mapped[str] = mapped_column(String(64))
    #: Canonical JSON text of the details.
    details: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


class AuditChainHeadRow(Base):
    """The last entry's number and hash, in one row that appends lock (``SELECT … FOR UPDATE``).

    Also lets ``kimdesk verify`` notice entries deleted from the end of the log.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    entry_hash: Mapped[str] = mapped_column(String(64))
