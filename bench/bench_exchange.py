"""Benchmark: ``kimdesk export`` and ``kimdesk import`` of many Vorlagen, wall time and peak memory.

    .venv/bin/python bench/bench_exchange.py --vorlagen 10000 [--vorlagen 100000] [--keep]

For each count, a SQLite database with that many Vorlagen (the demo office and the generator of
``bench_gui.populate``, no Anlagen; made once and kept in ``$KIMDESK_BENCH_DIR`` or the temporary
folder), then each step as a ``kimdesk`` process of its own under ``/usr/bin/time -v``, as IT would run
it: the export of the whole database, and the import of that file into a new, empty database. Prints
wall time, peak memory (maximum resident set size) and the file's size; the files and the imported
database are deleted afterwards unless ``--keep``. The code measured is the one ``kimdesk`` imports
(``PYTHONPATH`` chooses a worktree, e.g. main for "before").
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KIMDESK = Path(sys.executable).with_name("kimdesk")


def run(label: str, *args: str, check: bool = False) -> tuple[float, float, str]:
    """Wall seconds, peak MB and output of one ``kimdesk`` process; ``check``: a failure ends the bench."""
    began = time.perf_counter()
    done = subprocess.run(
        ["/usr/bin/time", "-v", str(KIMDESK), *args], capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - began
    peak = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    mb = int(peak.group(1)) / 1024 if peak else float("nan")
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"  {label:<34} {seconds:7.1f} s   Spitze {mb:6.0f} MB   Last {load}", flush=True)
    if done.returncode != 0:
        print(done.stdout[-2000:], done.stderr[-3000:], sep="\n", flush=True)
        if check:
            raise SystemExit(f"{label}: Exit-Code {done.returncode}")
    return seconds, mb, done.stdout


def database(folder: Path, count: int) -> Path:
    """The database with ``count`` Vorlagen (made the first time)."""
    path = folder / f"exchange-{count}.sqlite"
    if path.exists():
        return path
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from bench.bench_gui import populate
    from kimdesk.app import open_app
    from kimdesk.services.demo import load_demo

    folder.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    url = f"sqlite:///{partial}"
    app = open_app(url)
    load_demo(app.uow_factory)
    with app.uow_factory() as uow:
        have = len(uow.papers.all_ids())
    app.close()
    began = time.perf_counter()
    populate(url, count - have)
    print(f"  ({count - have} Vorlagen erzeugt in {time.perf_counter() - began:.0f} s)", flush=True)
    partial.rename(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vorlagen", type=int, action="append", help="Zahl der Vorlagen (mehrfach möglich)")
    parser.add_argument("--keep", action="store_true", help="Austauschdatei und Zieldatenbank behalten")
    args = parser.parse_args()
    folder = Path(os.environ.get("KIMDESK_BENCH_DIR") or tempfile.gettempdir()) / "kimdesk-bench"
    folder.mkdir(parents=True, exist_ok=True)
    for count in args.vorlagen or [10_000]:
        source = database(folder, count)
        print(f"{count} Vorlagen ({source.stat().st_size / 2**20:.0f} MB, {source})", flush=True)
        exchange = folder / f"exchange-{count}.kimdesk.json"
        target = folder / f"exchange-{count}-import.sqlite"
        target.unlink(missing_ok=True)
        run("kimdesk export", "--db", f"sqlite:///{source}", "export", str(exchange))
        if exchange.exists():
            print(f"    Austauschdatei {exchange.stat().st_size / 2**20:.0f} MB", flush=True)
            _s, _mb, out = run(
                "kimdesk import (leere Datenbank)", "--db", f"sqlite:///{target}", "import", str(exchange)
            )
            print(f"    {out.strip().splitlines()[0] if out.strip() else '(keine Ausgabe)'}", flush=True)
        if not args.keep:
            exchange.unlink(missing_ok=True)
            target.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
