"""The append-only audit log repository (``uow.audit``), serialised on the one-row chain head."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kimdesk.domain.audit import GENESIS_HASH, AuditAction, AuditEntry, seal
from kimdesk.storage.audit_models import HEAD_ID, AuditChainHeadRow, AuditEntryRow
from kimdesk.storage.sql import insert_missing


class SqlAuditLog:
    """Implements :class:`kimdesk.services.ports.AuditLog`.

    Appends hold the chain head row locked until the transaction ends (``SELECT … FOR UPDATE`` on
    PostgreSQL; on SQLite the write to the head row takes the database's write lock), so two users
    signing at the same moment are appended one after the other, each after the other's entry.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._locked: AuditChainHeadRow | None = None

    def lock(self) -> None:
        self._lock_head()

    def _lock_head(self) -> AuditChainHeadRow:
        if self._locked is not None:
            return self._locked
        table = AuditChainHeadRow.__table__
        insert_missing(
            self.session,
            table,
            {"id": HEAD_ID, "seq": 0, "entry_hash": GENESIS_HASH},
            ["id"],
        )
        if self.session.get_bind().dialect.name == "sqlite":
            # A no-op write: SQLite has no row locks, but a write takes the (database-wide) write
            # lock now, before this transaction reads what its entry will describe.
            self.session.execute(
                update(AuditChainHeadRow)
                .where(AuditChainHeadRow.id == HEAD_ID)
                .values(seq=AuditChainHeadRow.seq)
            )
        head = self.session.scalars(
            select(AuditChainHeadRow)
            .where(AuditChainHeadRow.id == HEAD_ID)
            .with_for_update()
            .execution_options(populate_existing=True)
        ).one()
        self._locked = head
        return head

    def append(self, entry: AuditEntry) -> AuditEntry:
        head = self._lock_head()
        previous = self.last() if head.seq else None
        sealed = seal(entry, previous)
        self.session.add(_to_row(sealed))
        head.seq = sealed.seq
        head.entry_hash = sealed.entry_hash
        self.session.flush()
        return sealed

    def entries(self, paper_id: uuid.UUID | None = None) -> list[AuditEntry]:
        stmt = select(AuditEntryRow).order_by(AuditEntryRow.seq)
        if paper_id is not None:
            stmt = stmt.where(AuditEntryRow.paper_id == paper_id)
        return [_from_row(row) for row in self.session.scalars(stmt)]

    def last(self) -> AuditEntry | None:
        row = self.session.scalars(select(AuditEntryRow).order_by(AuditEntryRow.seq.desc()).limit(1)).first()
        return _from_row(row) if row is not None else None

    def head(self) -> tuple[int, str] | None:
        row = self.session.get(AuditChainHeadRow, HEAD_ID)
        return (row.seq, row.entry_hash) if row is not None else None


def _to_row(entry: AuditEntry) -> AuditEntryRow:
    return AuditEntryRow(
        seq=entry.seq,
        paper_id=entry.paper_id,
        reference=entry.reference,
        action=entry.action.value,
        os_account=entry.os_account,
        person_name=entry.person_name,
        at=entry.at_text,
        status=entry.status,
        content_hash=entry.content_hash,
        details=json.dumps(entry.details, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
        prev_hash=entry.prev_hash,
        entry_hash=entry.entry_hash,
    )


def _from_row(row: AuditEntryRow) -> AuditEntry:
    try:
        action = AuditAction(row.action)
    except ValueError:
        action = AuditAction.OTHER  # an altered row: the hash check will name it
    try:
        details = json.loads(row.details)
    except ValueError:
        details = {"unlesbar": row.details}
    try:
        at = datetime.fromisoformat(row.at)
    except ValueError:
        at = datetime(1970, 1, 1, tzinfo=UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return AuditEntry(
        action=action,
        at=at,
        paper_id=row.paper_id,
        reference=row.reference,
        os_account=row.os_account,
        person_name=row.person_name,
        status=row.status,
        content_hash=row.content_hash,
        details=details if isinstance(details, dict) else {"unlesbar": row.details},
        seq=row.seq,
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
    )
