"""Data steps after head: what a migration needs written through the program's own repositories.

A migration script must not use the program's models or repositories: they describe the tables at head.
As soon as a later revision adds a column to a table, upgrading an older database would stop at the
earlier revision, whose code would select a column that does not exist yet. So a revision changes only
the schema and *declares* the data it needs written, by name::

    DATA_STEPS = ("first_versions",)

:func:`kimdesk.storage.migrate.upgrade_on` runs the declared steps of exactly the revisions that the
upgrade applied — after Alembic reached head (the models now fit the tables), oldest revision first, on
the upgrade's connection and inside its transaction: a failure or a crash at any statement leaves the
database as it was, steps included. A database that was already at or past a revision never runs its
step (a later start must not invent data for what was added since).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection
from sqlalchemy.orm import Session

from kimdesk.domain.codec import paper_to_data
from kimdesk.domain.signoff import content_hash
from kimdesk.domain.versions import PaperVersion, VersionEvent, VersionInfo
from kimdesk.storage.paper_repository import SqlPaperRepository
from kimdesk.storage.version_repository import SqlPaperVersions

if TYPE_CHECKING:
    from alembic.script import ScriptDirectory

#: The module-level name under which a revision declares its steps (a tuple of names in :data:`STEPS`).
DECLARATION = "DATA_STEPS"


def first_versions(session: Session) -> None:
    """``0012_versions``: the state of every Vorlage that existed before the Fassungen is its Fassung 1."""
    papers = SqlPaperRepository(session)
    versions = SqlPaperVersions(session)
    for paper_id in papers.all_ids():
        paper = papers.get(paper_id)
        info = VersionInfo(
            paper_id=paper.id,
            number=1,
            event=VersionEvent.MIGRATED,
            who=paper.modified_by,
            # the state's own time (upgrading twice gives the same rows); imported with unknown times: now
            at=paper.modified_at or paper.created_at or datetime.now(UTC),
            content_hash=content_hash(paper),
            note="Stand bei Einführung der Fassungen",
        )
        versions.add(PaperVersion(info, paper_to_data(paper)))
        session.expunge_all()  # thousands of Vorlagen: keep the session small


#: Every data step by the name a revision declares.
STEPS: dict[str, Callable[[Session], None]] = {"first_versions": first_versions}


def declared_after(script: ScriptDirectory, current: tuple[str, ...]) -> list[str]:
    """The steps declared by the revisions an upgrade from ``current`` (empty: a new database) applies,
    oldest revision first."""
    done = {rev.revision for rev in script.iterate_revisions(current, "base")} if current else set()
    names: list[str] = []
    for rev in reversed(list(script.walk_revisions())):
        if rev.revision not in done:
            names.extend(getattr(rev.module, DECLARATION, ()))
    unknown = [name for name in names if name not in STEPS]
    if unknown:  # a programming error: refuse before Alembic changes anything
        raise LookupError(f"unknown data step(s) {unknown} declared in {script.dir}")
    return names


def run(conn: Connection, names: Iterable[str]) -> None:
    """Run the steps on ``conn`` in its transaction (the caller commits or rolls back)."""
    for name in names:
        with Session(bind=conn) as session:
            STEPS[name](session)
            session.flush()
