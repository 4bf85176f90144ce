"""Test helper, run as its own process: a clerk working on a shared kimdesk database.

``python clerk_process.py URL new COUNT``: creates COUNT Vorlagen with the next numbers and
prints each reference once its commit has returned (a line per commit, flushed at once).
``python clerk_process.py URL save REFERENCE COUNT``: saves that Vorlage COUNT times; a save
refused as stale (someone else saved in between) is re-read and tried again; prints
``saved N conflicts M`` at the end.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime

from kimdesk.domain.errors import ConflictError
from kimdesk.domain.model import Paper
from kimdesk.storage.database import Database


def new(db: Database, count: int) -> None:
    for i in range(count):
        with db.uow_factory() as uow:
            now = datetime.now(UTC)
            reference = uow.papers.next_reference(2026, "{yy}/{n:04d}")
            uow.papers.add(
                Paper(title=f"{os.getpid()}-{i}", reference=reference, created_at=now, modified_at=now)
            )
            uow.commit()
        print(reference, flush=True)


def save(db: Database, reference: str, count: int) -> None:
    saved = conflicts = 0
    while saved < count:
        with db.uow_factory() as uow:
            paper = uow.papers.get_by_reference(reference)
        paper.title = f"{os.getpid()}-{saved}"
        try:
            with db.uow_factory() as uow:
                uow.papers.update(paper)
                uow.commit()
        except ConflictError:
            conflicts += 1
            continue
        saved += 1
    print(f"saved {saved} conflicts {conflicts}", flush=True)


def main() -> None:
    db = Database.open(sys.argv[1])
    try:
        if sys.argv[2] == "new":
            new(db, int(sys.argv[3]))
        else:
            save(db, sys.argv[3], int(sys.argv[4]))
    finally:
        db.close()


if __name__ == "__main__":
    main()
