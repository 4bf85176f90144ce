"""The tables of Sitzungen: meetings, their agenda items, and the Anlagen (attachments) of Vorlagen."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, LargeBinary, String, Text, Uuid, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kimdesk.storage.base import Base
from kimdesk.storage.models import OrganizationRow
from kimdesk.storage.types import UtcDateTime


class MeetingRow(Base):
    __tablename__ = "meetings"
    __table_args__ = (Index("ix_meetings_committee_start", "committee_id", "start"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    #: A body with meetings cannot be deleted (RESTRICT): the meetings would lose their Gremium.
    committee_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="RESTRICT"))
    start: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    end: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    location: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    chair: Mapped[str] = mapped_column(Text, default="", server_default="")
    invitation_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    invited_at: Mapped[datetime | None] = mapped_column(UtcDateTime, nullable=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime)
    #: Optimistic-locking counter, as on papers.
    version: Mapped[int] = mapped_column(Integer)

    committee: Mapped[OrganizationRow] = relationship(lazy="joined")
    items: Mapped[list[AgendaItemRow]] = relationship(
        order_by="AgendaItemRow.position", lazy="selectin", passive_deletes=True
    )


class AgendaItemRow(Base):
    __tablename__ = "agenda_items"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    meeting_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    #: 1-based place on the agenda (OParl ``order``).
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(20))
    level: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    public: Mapped[bool] = mapped_column(Boolean)
    #: A deleted draft leaves its item (with its title) on the agenda.
    paper_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("papers.id", ondelete="SET NULL"), nullable=True, index=True
    )
    result: Mapped[str | None] = mapped_column(String(20), nullable=True)
    resolution_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    modified_at: Mapped[datetime] = mapped_column(UtcDateTime)


#: SQLite only (migration 0014): every column of the Anlagen list, in list order, so that listing a Vorlage's
#: Anlagen reads this index alone (its rows lie between the Anlagen bytes in the file).
SQLITE_ATTACHMENT_LIST_INDEX = "ix_attachments_paper_list"


class AttachmentRow(Base):
    """An Anlage of a Vorlage; its bytes are in :class:`AttachmentChunkRow` (so backups and PostgreSQL
    carry them, and reading one never needs the whole file in memory)."""

    __tablename__ = "attachments"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True)
    paper_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("papers.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    filename: Mapped[str] = mapped_column(Text)
    #: The title printed in the Vorlage's Anlagen list; empty: the file name (revision 0012_anlagen).
    title: Mapped[str] = mapped_column(Text, default="", server_default="")
    #: False: left out of the public Sitzungsmappe.
    public: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AttachmentChunkRow(Base):
    """One piece (``kimdesk.domain.attachment.CHUNK_BYTES``) of an Anlage's bytes, in order of ``seq``."""

    __tablename__ = "attachment_chunks"

    attachment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("attachments.id", ondelete="CASCADE"), primary_key=True
    )
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
