"""Test helper, run as its own process: a long-running kimdesk writer, like the GUI.

``python writer_process.py URL`` opens the database with ``Database.open`` and answers ``ready``;
then reads commands from stdin and answers ``ok`` to each:

- ``new TITLE``: a new Vorlage with the next number, committed;
- ``touch``: a plain ``open()``/``read``/``close()`` of the database file and of every ``-wal``,
  ``-shm`` and ``-journal`` beside it — what a file dialog's type sniffing, a hash or a copy does
  inside the program;
- ``quit``: close the database and end.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from kimdesk.domain.model import Paper
from kimdesk.storage.database import Database


def touch(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        sibling = Path(f"{path}{suffix}")
        if sibling.exists():
            with open(sibling, "rb") as file:
                file.read(512)


def main() -> None:
    url = sys.argv[1]
    path = Path(url.removeprefix("sqlite:///"))
    db = Database.open(url)
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, argument = line.rstrip("\n").partition(" ")
        if command == "new":
            with db.uow_factory() as uow:
                now = datetime.now(UTC)
                reference = uow.papers.next_reference(now.year, "{yy}/{n:04d}")
                uow.papers.add(Paper(title=argument, reference=reference, created_at=now, modified_at=now))
                uow.commit()
        elif command == "touch":
            touch(path)
        elif command == "quit":
            break
        print("ok", flush=True)
    db.close()


if __name__ == "__main__":
    main()
