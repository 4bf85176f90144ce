"""Repositories of meetings (``uow.meetings``) and Anlagen (``uow.attachments``) on the unit of work."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import ConflictError, NotFoundError
from kimdesk.domain.meeting import AgendaItem, AgendaResult, Meeting, MeetingState
from kimdesk.storage import mapping
from kimdesk.storage.meeting_models import AgendaItemRow, AttachmentChunkRow, AttachmentRow, MeetingRow
from kimdesk.storage.models import OrganizationRow


def _meeting_from_row(row: MeetingRow) -> Meeting:
    return Meeting(
        id=row.id,
        committee=mapping.organization_from_row(row.committee),
        start=row.start,
        end=row.end,
        location=row.location,
        state=MeetingState(row.state),
        name=row.name,
        chair=row.chair,
        invitation_text=row.invitation_text,
        invited_at=row.invited_at,
        cancel_reason=row.cancel_reason,
        items=[_item_from_row(i) for i in row.items],
        created_at=row.created_at,
        modified_at=row.modified_at,
        version=row.version,
    )


def _item_from_row(row: AgendaItemRow) -> AgendaItem:
    return AgendaItem(
        id=row.id,
        title=row.title,
        public=row.public,
        paper_id=row.paper_id,
        level=row.level,
        number=row.number,
        order=row.position,
        result=AgendaResult(row.result) if row.result else None,
        resolution_text=row.resolution_text,
        created_at=row.created_at,
        modified_at=row.modified_at,
    )


def _meeting_values(meeting: Meeting) -> dict[str, Any]:
    return {
        "committee_id": meeting.committee.id,
        "start": meeting.start,
        "end": meeting.end,
        "location": meeting.location,
        "state": meeting.state.value,
        "name": meeting.name,
        "chair": meeting.chair,
        "invitation_text": meeting.invitation_text,
        "invited_at": meeting.invited_at,
        "cancel_reason": meeting.cancel_reason,
        "created_at": meeting.created_at,
        "modified_at": meeting.modified_at,
    }


def _item_values(meeting_id: uuid.UUID, item: AgendaItem) -> dict[str, Any]:
    return {
        "id": item.id,
        "meeting_id": meeting_id,
        "position": item.order,
        "number": item.number,
        "level": item.level,
        "title": item.title,
        "public": item.public,
        "paper_id": item.paper_id,
        "result": item.result.value if item.result else None,
        "resolution_text": item.resolution_text,
        "created_at": item.created_at,
        "modified_at": item.modified_at,
    }


class SqlMeetingRepository:
    """Implements :class:`kimdesk.services.meetings.MeetingRepository`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, committee_id: uuid.UUID | None = None) -> list[Meeting]:
        stmt = select(MeetingRow).order_by(MeetingRow.start, MeetingRow.id)
        if committee_id is not None:
            stmt = stmt.where(MeetingRow.committee_id == committee_id)
        rows = self.session.scalars(stmt.execution_options(populate_existing=True))
        return [_meeting_from_row(r) for r in rows]

    def get(self, meeting_id: uuid.UUID) -> Meeting:
        row = self.session.get(MeetingRow, meeting_id, populate_existing=True)
        if row is None:
            raise NotFoundError(f"Sitzung: Eine Sitzung mit der Kennung {meeting_id} gibt es nicht.")
        return _meeting_from_row(row)

    def add(self, meeting: Meeting) -> None:
        meeting.renumber()
        self._check_committee(meeting)
        self.session.execute(insert(MeetingRow).values(id=meeting.id, version=1, **_meeting_values(meeting)))
        self._insert_items(meeting)
        self.session.flush()
        self.session.expire_all()
        meeting.version = 1

    def update(self, meeting: Meeting) -> None:
        meeting.renumber()
        self._check_committee(meeting)
        result = self.session.execute(
            update(MeetingRow)
            .where(MeetingRow.id == meeting.id, MeetingRow.version == meeting.version)
            .values(**_meeting_values(meeting), version=MeetingRow.version + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]
            stored = self.session.scalar(select(MeetingRow.modified_at).where(MeetingRow.id == meeting.id))
            if stored is None:
                raise NotFoundError(f"Sitzung {meeting.short_id} gibt es nicht mehr.")
            raise ConflictError(
                f"Sitzung {meeting.short_id} wurde zwischenzeitlich geändert; bitte neu laden.",
                changed_at=stored,
            )
        self.session.execute(
            delete(AgendaItemRow)
            .where(AgendaItemRow.meeting_id == meeting.id)
            .execution_options(synchronize_session=False)
        )
        self._insert_items(meeting)
        self.session.flush()
        self.session.expire_all()
        meeting.version += 1

    def delete(self, meeting_id: uuid.UUID) -> None:
        self.session.execute(delete(AgendaItemRow).where(AgendaItemRow.meeting_id == meeting_id))
        self.session.execute(delete(MeetingRow).where(MeetingRow.id == meeting_id))
        self.session.flush()
        self.session.expire_all()

    def _insert_items(self, meeting: Meeting) -> None:
        if meeting.items:
            self.session.execute(insert(AgendaItemRow), [_item_values(meeting.id, i) for i in meeting.items])

    def _check_committee(self, meeting: Meeting) -> None:
        if self.session.get(OrganizationRow, meeting.committee.id) is None:
            raise NotFoundError(f"Gremium: „{meeting.committee.name}“ gibt es nicht.")


class SqlAttachmentRepository:
    """Implements :class:`kimdesk.services.ports.AttachmentRepository`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, paper_id: uuid.UUID) -> list[Attachment]:
        rows = self.session.scalars(
            select(AttachmentRow)
            .where(AttachmentRow.paper_id == paper_id)
            .order_by(AttachmentRow.position, AttachmentRow.created_at)
        )
        return [
            Attachment(
                id=r.id,
                paper_id=r.paper_id,
                filename=r.filename,
                size=r.size,
                media_type=r.media_type,
                order=r.position,
                sha256=r.sha256,
                title=r.title,
                public=r.public,
                created_at=r.created_at,
            )
            for r in rows
        ]

    def add(self, attachment: Attachment, content: Iterable[bytes]) -> None:
        self.session.execute(
            insert(AttachmentRow).values(
                id=attachment.id,
                paper_id=attachment.paper_id,
                position=attachment.order,
                filename=attachment.filename,
                media_type=attachment.media_type,
                size=attachment.size,
                sha256=attachment.sha256,
                title=attachment.title,
                public=attachment.public,
                created_at=attachment.created_at,
            )
        )
        for seq, piece in enumerate(content):
            self.session.execute(
                insert(AttachmentChunkRow).values(attachment_id=attachment.id, seq=seq, data=piece)
            )
        self.session.flush()

    def update(self, attachment: Attachment) -> None:
        """Store what the editor changes: title, public or not, place in the list."""
        found = self.session.execute(
            update(AttachmentRow)
            .where(AttachmentRow.id == attachment.id)
            .values(title=attachment.title, public=attachment.public, position=attachment.order)
        )
        if getattr(found, "rowcount", 1) == 0:
            raise NotFoundError(f"Anlage: „{attachment.filename}“ gibt es nicht mehr.")
        self.session.flush()

    def chunks(self, attachment_id: uuid.UUID) -> Iterator[bytes]:
        # One query per chunk: a single query over all chunks would be buffered whole by the driver.
        seq = 0
        while True:
            piece = self.session.scalar(
                select(AttachmentChunkRow.data).where(
                    AttachmentChunkRow.attachment_id == attachment_id, AttachmentChunkRow.seq == seq
                )
            )
            if piece is None:
                return
            yield piece
            seq += 1

    def delete(self, attachment_id: uuid.UUID) -> None:
        self.session.execute(
            delete(AttachmentChunkRow).where(AttachmentChunkRow.attachment_id == attachment_id)
        )
        self.session.execute(delete(AttachmentRow).where(AttachmentRow.id == attachment_id))
        self.session.flush()
