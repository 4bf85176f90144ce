"""Which Vorlage holds a funding module or Mitzeichnung id (``uow.child_ids``): an import that meets an
id of another Vorlage — an exchange file copied to start a new one — gives its rows new ids."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from kimdesk.storage.models import FundingModuleRow, SignOffRow

_BATCH = 500


class SqlChildIds:
    def __init__(self, session: Session) -> None:
        self.session = session

    def owners(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, uuid.UUID]:
        """Funding module and Mitzeichnung id → id of the Vorlage that holds it, for the ids that exist."""
        wanted = list(ids)
        found: dict[uuid.UUID, uuid.UUID] = {}
        for start in range(0, len(wanted), _BATCH):
            batch = wanted[start : start + _BATCH]
            for table in (FundingModuleRow, SignOffRow):
                rows = self.session.execute(select(table.id, table.paper_id).where(table.id.in_(batch)))
                found.update({row_id: paper_id for row_id, paper_id in rows})
        return found
