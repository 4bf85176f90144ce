"""Test helper, run as its own process: a newer kimdesk whose models know columns that a revision after
``0012_versions`` adds (``papers.later_note`` and ``consultations.later_note``) opens — and so upgrades —
the database at URL with the migration scripts in FOLDER
(``python -m tests.storage.newer_models URL FOLDER``).

Its own process, because mapped columns cannot be taken off the models again. It prints the revision it
upgraded from, or exits with the error.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import Text
from sqlalchemy.orm import mapped_column

from kimdesk.storage.base import load_model_modules
from kimdesk.storage.database import Database
from kimdesk.storage.models import ConsultationRow, PaperRow

#: The column the later revision adds to ``papers`` and to ``consultations``.
LATER_COLUMN = "later_note"


def main(url: str, folder: str) -> None:
    load_model_modules()
    for row in (PaperRow, ConsultationRow):
        setattr(row, LATER_COLUMN, mapped_column(LATER_COLUMN, Text, nullable=True))
    assert LATER_COLUMN in PaperRow.__table__.c and LATER_COLUMN in ConsultationRow.__table__.c

    class NewerProgram(Database):
        MIGRATIONS_DIR = Path(folder)

    db = NewerProgram.open(url)
    try:
        assert db.migration is not None
        print(db.migration.from_revision, flush=True)
    finally:
        db.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
