"""The unfiltered Vorlagen list read from a SQLite file with the plain ``sqlite3`` driver.

The GUI shows the first page of its list from here while SQLAlchemy (~0,3 s to import with the
models) and the full :class:`kimdesk.storage.database.Database` are still loading in the background;
then it switches to the real repository. Only a database at exactly the program's revision is read
(an older one is migrated first by ``Database.open``, a newer one refused), and it is opened
read-only the way ``Database`` checks a file before touching it: a file without ``-wal`` is read as
immutable (no ``-wal``/``-shm`` files are created), otherwise read-only (the opening and the
revision check are shared with :mod:`kimdesk.storage.readonly`). Any problem makes the peek
answer None, and the caller simply waits for the real database.

The SQL mirrors :meth:`kimdesk.storage.paper_repository.SqlPaperRepository.query` for the
unfiltered list; a test checks that both give the same rows.
"""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from pathlib import Path

from kimdesk.domain.model import PaperStatus
from kimdesk.services.ports import PaperSummary
from kimdesk.storage.location import MIGRATIONS_DIR
from kimdesk.storage.readonly import connect_read_only, is_at_head, sqlite_file_of
from kimdesk.storage.values import sqlite_date, sqlite_utc_datetime, sqlite_uuid

__all__ = ["ListPeek", "sqlite_file_of"]

log = logging.getLogger(__name__)

_PAGE_SQL = """
SELECT p.id, p.reference, p.title, lead.name, committee.name, first.meeting_date, p.status,
       p.modified_at
FROM (SELECT reference FROM papers ORDER BY reference DESC LIMIT ? OFFSET ?) AS page
JOIN papers AS p ON p.reference = page.reference
LEFT OUTER JOIN organizations AS lead ON lead.id = p.lead_department_id
LEFT OUTER JOIN consultations AS first ON first.paper_id = p.id AND first.position = 0
LEFT OUTER JOIN organizations AS committee ON committee.id = first.committee_id
ORDER BY p.reference DESC
"""


class ListPeek:
    """Count and pages of the unfiltered list (newest reference first) of one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def open(cls, url: str, migrations_dir: Path = MIGRATIONS_DIR) -> ListPeek | None:
        """A peek at ``url`` if it is a SQLite file at the program's revision, else None."""
        path = sqlite_file_of(url)
        if path is None or not path.is_file():
            return None
        peek = cls(path)
        try:
            with closing(peek._connect()) as conn:
                if not is_at_head(conn, migrations_dir):
                    return None
        except sqlite3.Error:
            return None
        return peek

    def _connect(self) -> sqlite3.Connection:
        return connect_read_only(self.path)

    def count(self) -> int | None:
        try:
            with closing(self._connect()) as conn:
                return int(conn.execute("SELECT count(*) FROM papers").fetchone()[0])
        except sqlite3.Error as exc:
            log.debug("Vorschau der Liste nicht lesbar: %s", exc)
            return None

    def page(self, offset: int, limit: int) -> list[PaperSummary] | None:
        try:
            with closing(self._connect()) as conn:
                rows = conn.execute(_PAGE_SQL, (limit, offset)).fetchall()
            return [_summary(row) for row in rows]
        except (sqlite3.Error, ValueError) as exc:
            log.debug("Vorschau der Liste nicht lesbar: %s", exc)
            return None


def _summary(row: tuple[object, ...]) -> PaperSummary:
    raw_id, reference, title, lead, committee, meeting, status, modified = row
    return PaperSummary(
        id=sqlite_uuid(str(raw_id)),
        reference=str(reference),
        title=str(title),
        lead_department=str(lead or ""),
        committee=str(committee or ""),
        meeting_date=sqlite_date(str(meeting)) if meeting else None,
        status=PaperStatus(str(status)),
        modified_at=sqlite_utc_datetime(str(modified)),
    )
