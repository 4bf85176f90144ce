"""Benchmark: cost of one save of a Vorlage per SQLite journal mode and sync level, side by side.

Each save is the real path (read the Vorlage 20/0270 of the demo office, change its title, save
it in a unit of work, commit) on a database file in ``--dir``. The configurations are measured in
interleaved rounds (so that a busy neighbour on the machine hits all alike); printed are the median
milliseconds per save and the ratio to WAL + NORMAL (what kimdesk used before issue 11).

The directory must be on the disk the office would use: on tmpfs an fsync costs nothing and
every level looks free.

    .venv/bin/python bench/bench_durability.py [--saves 40] [--rounds 5] [--dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import event

from kimdesk.services.demo import load_demo
from kimdesk.storage.database import Database

#: (journal_mode, synchronous); the first is the baseline of the ratios.
CONFIGS = [
    ("WAL", "NORMAL"),
    ("WAL", "FULL"),
    ("DELETE", "NORMAL"),
    ("DELETE", "FULL"),
    ("TRUNCATE", "FULL"),
]


def open_with(folder: Path, journal: str, sync: str) -> Database:
    path = folder / f"{journal.lower()}-{sync.lower()}.sqlite"
    db = Database.open(f"sqlite:///{path.as_posix()}")
    load_demo(db.uow_factory)

    def override(dbapi_connection: Any, _record: Any) -> None:  # after kimdesk's own settings
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA journal_mode = {journal}")
        cursor.execute(f"PRAGMA synchronous = {sync}")
        cursor.close()

    event.listen(db.engine, "connect", override)
    db.engine.dispose()  # new connections get the override
    with db.engine.connect() as conn:
        assert str(conn.exec_driver_sql("PRAGMA journal_mode").scalar()).upper() == journal
    return db


def saves(db: Database, count: int) -> float:
    """Seconds per save, over ``count`` saves."""
    start = time.perf_counter()
    for i in range(count):
        with db.uow_factory() as uow:
            paper = uow.papers.get_by_reference("20/0270")
        paper.title = f"Kommunales Integrationsmanagement ({i})"
        with db.uow_factory() as uow:
            uow.papers.update(paper)
            uow.commit()
    return (time.perf_counter() - start) / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=40, help="saves per configuration and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--dir", type=Path, default=None, help="folder for the files (default: a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir, prefix="kimdesk-durability-") as tmp:
        folder = Path(tmp)
        dbs = {config: open_with(folder, *config) for config in CONFIGS}
        for db in dbs.values():
            saves(db, 3)  # warm-up
        times: dict[tuple[str, str], list[float]] = {config: [] for config in CONFIGS}
        for _round in range(args.rounds):
            for config, db in dbs.items():
                times[config].append(saves(db, args.saves))
        for db in dbs.values():
            db.close()
    base = statistics.median(times[CONFIGS[0]])
    folder_name = args.dir or tempfile.gettempdir()
    print(f"{args.rounds} Runden × {args.saves} Speicherungen je Einstellung, Ordner {folder_name}")
    print(f"{'journal_mode':<13}{'synchronous':<13}{'ms/Speichern':>14}{'× WAL+NORMAL':>15}")
    for config in CONFIGS:
        median = statistics.median(times[config])
        print(f"{config[0]:<13}{config[1]:<13}{median * 1000:>14.2f}{median / base:>15.2f}")


if __name__ == "__main__":
    main()
