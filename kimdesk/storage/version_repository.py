"""The Fassungen repository (``uow.versions``): append, the same-day replacement of a save, read back.

Each state is the exchange JSON of the Vorlage, zlib-compressed. Most versions differ from an earlier
one by a few words, so a version is compressed with the JSON of the Vorlage's newest *self-contained*
version as zlib's preset dictionary (``base_number``); only when that does not halve the size does the
version become self-contained itself. Reading any version thus takes at most two decompressions and
never a chain of deltas: a damaged row spoils itself and the versions based on it, never the history.
"""

from __future__ import annotations

import json
import uuid
import zlib
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.versions import PaperVersion, VersionEvent, VersionInfo
from kimdesk.storage.version_models import PaperVersionRow

_LEVEL = 9


def _json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _compress(raw: bytes, base: bytes | None) -> bytes:
    packer = zlib.compressobj(_LEVEL, zdict=base) if base else zlib.compressobj(_LEVEL)
    return packer.compress(raw) + packer.flush()


def _decompress(packed: bytes, base: bytes | None) -> bytes:
    unpacker = zlib.decompressobj(zdict=base) if base else zlib.decompressobj()
    return unpacker.decompress(packed) + unpacker.flush()


class SqlPaperVersions:
    """Implements :class:`kimdesk.services.ports.PaperVersionRepository`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self, paper_id: uuid.UUID) -> list[VersionInfo]:
        rows = self.session.execute(
            select(*_INFO_COLUMNS)
            .where(PaperVersionRow.paper_id == paper_id)
            .order_by(PaperVersionRow.number)
        )
        return [_info(row) for row in rows]

    def last(self, paper_id: uuid.UUID) -> VersionInfo | None:
        row = self.session.execute(
            select(*_INFO_COLUMNS)
            .where(PaperVersionRow.paper_id == paper_id)
            .order_by(PaperVersionRow.number.desc())
            .limit(1)
        ).first()
        return _info(row) if row is not None else None

    def get(self, paper_id: uuid.UUID, number: int) -> PaperVersion:
        row = self.session.get(PaperVersionRow, (paper_id, number))
        if row is None:
            raise NotFoundError(f"Fassung: die Vorlage hat keine Fassung {number}.")
        data = json.loads(self._raw(row))
        return PaperVersion(_info(row), data)

    def add(self, version: PaperVersion) -> None:
        row = PaperVersionRow(paper_id=version.info.paper_id, number=version.info.number)
        self._fill(row, version)
        self.session.add(row)
        self.session.flush()

    def replace(self, version: PaperVersion) -> None:
        row = self.session.get(PaperVersionRow, (version.info.paper_id, version.info.number))
        if row is None or row.event != VersionEvent.SAVED.value:
            raise NotFoundError(f"Fassung: keine gespeicherte Fassung {version.info.number} zum Ersetzen.")
        self._fill(row, version)
        self.session.flush()

    # --- packing ----------------------------------------------------------------------------------

    def _raw(self, row: PaperVersionRow) -> bytes:
        if row.base_number is None:
            return _decompress(row.data, None)
        base = self.session.get(PaperVersionRow, (row.paper_id, row.base_number))
        if base is None or base.base_number is not None:
            raise NotFoundError(f"Fassung {row.number}: ihre Grundfassung {row.base_number} fehlt.")
        return _decompress(row.data, _decompress(base.data, None))

    def _fill(self, row: PaperVersionRow, version: PaperVersion) -> None:
        info = version.info
        raw = _json(version.data)
        plain = _compress(raw, None)
        row.event = info.event.value
        row.who = info.who
        row.at = info.at
        row.content_hash = info.content_hash
        row.note = info.note
        row.base_number, row.data = None, plain
        base = self.session.scalars(
            select(PaperVersionRow)
            .where(
                PaperVersionRow.paper_id == info.paper_id,
                PaperVersionRow.number < info.number,
                PaperVersionRow.base_number.is_(None),
            )
            .order_by(PaperVersionRow.number.desc())
            .limit(1)
        ).first()
        if base is not None:
            delta = _compress(raw, _decompress(base.data, None))
            if len(delta) * 2 < len(plain):
                row.base_number, row.data = base.number, delta


_INFO_COLUMNS = (
    PaperVersionRow.paper_id,
    PaperVersionRow.number,
    PaperVersionRow.event,
    PaperVersionRow.who,
    PaperVersionRow.at,
    PaperVersionRow.content_hash,
    PaperVersionRow.note,
)


def _info(row: Any) -> VersionInfo:
    try:
        event = VersionEvent(row.event)
    except ValueError:
        event = VersionEvent.IMPORTED
    return VersionInfo(
        paper_id=row.paper_id,
        number=row.number,
        event=event,
        who=row.who,
        at=row.at,
        content_hash=row.content_hash,
        note=row.note,
    )
