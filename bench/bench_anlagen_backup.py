"""Benchmark (issue 18): backup, export and import of a SQLite database with large Anlagen.

    .venv/bin/python bench/bench_anlagen_backup.py DATABASE.sqlite [--keep-source] [--no-import]

Runs the ``kimdesk`` command line on a copy-free database as IT would, each step a process of its own
under ``/usr/bin/time -v``, and prints wall time, peak memory (maximum resident set size) and what was
written:

1. the daily automatic backup (the first command of the day, here ``kimdesk list --year 1900``);
2. ``kimdesk backup`` (the manual copy);
3. ``kimdesk export`` (the exchange file with the Anlagen as files beside it);
4. ``kimdesk import`` of that export into a new, empty database.

Each copy is deleted after it was measured, and before the import the source database too (unless
``--keep-source``), so that no more than two copies of the data are on the disk at a time. After step 1
today's daily copy is replaced by an empty file of its name, so that the later commands do not copy the
database again (they would: the first command of each day does). Disk: twice the database, free.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_exchange import run as measure


def run(label: str, *args: str) -> None:
    measure(label, *args, check=True)


def size_of(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("database", type=Path)
    parser.add_argument("--keep-source", action="store_true")
    parser.add_argument("--no-import", action="store_true", help="end after the export (hours at 150 GB)")
    args = parser.parse_args()
    database: Path = args.database.resolve()
    url = f"sqlite:///{database}"
    work = database.parent / "backup-bench"
    work.mkdir(exist_ok=True)
    free = shutil.disk_usage(work).free
    print(f"{database.name}: {size_of(database) / 2**30:.1f} GB; frei: {free / 2**30:.0f} GB")

    daily_folder = database.parent / "Sicherungen"
    daily = daily_folder / f"{database.name}.{date.today().isoformat()}.sqlite"
    daily.unlink(missing_ok=True)
    run("tägliche Sicherung (erster Aufruf)", "--db", url, "list", "--year", "1900")
    print(f"    Kopie {size_of(daily) / 2**30:.1f} GB")
    daily.unlink()
    daily.touch()  # today's copy "exists": the next commands do not copy again

    copy = work / "sicherung.sqlite"
    run("kimdesk backup", "--db", url, "backup", str(copy))
    print(f"    Kopie {size_of(copy) / 2**30:.1f} GB")
    copy.unlink()

    exchange = work / "export.kimdesk.json"
    run("kimdesk export", "--db", url, "export", str(exchange))
    folder = exchange.with_name(exchange.stem + ".anlagen")
    files = len(list(folder.iterdir())) if folder.is_dir() else 0
    print(
        f"    Austauschdatei {size_of(exchange) / 2**20:.0f} MB, daneben {files} Anlagen-Dateien "
        f"({size_of(folder) / 2**30:.1f} GB)"
    )

    if args.no_import:
        shutil.rmtree(work)
        return 0
    if not args.keep_source:
        database.unlink()
        shutil.rmtree(daily_folder, ignore_errors=True)
    target = work / "import.sqlite"
    target.unlink(missing_ok=True)
    run("kimdesk import (leere Datenbank)", "--db", f"sqlite:///{target}", "import", str(exchange))
    print(f"    neue Datenbank {size_of(target) / 2**30:.1f} GB")
    shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
