"""Benchmark (issue 18): list, search and open with and without Anlagen in the database, side by side.

    .venv/bin/python bench/bench_anlagen_store.py [--vorlagen 10000] [--anlagen 3] [--kb 5120]

SQLite only (PostgreSQL not yet: the same tables, measured by bench_load.py without Anlagen).

Two databases with the same generated Vorlagen (bench_gui.populate); one of them gets ``--anlagen``
distinct Anlagen of ``--kb`` KB per Vorlage, stored as kimdesk stores them (1 MiB chunks). Printed are
the medians (ms) of listing (count + first page of 200), searching (count + first page for a word)
and opening (one Vorlage through the services) on each, and their ratio. Anlagen live in a table of
their own, read only when a packet or an export asks for them, so the ratio should be ≈ 1.
The full size of the issue (10.000 × 3 × 5 MB) needs 150 GB of disk; check ``df`` first.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_gui import WORDS, populate


def add_anlagen(url: str, per_paper: int, size: int) -> None:
    from kimdesk.app import open_app
    from kimdesk.domain.attachment import PDF_MAGIC, Attachment, chunked

    app = open_app(url)
    with app.uow_factory() as uow:
        ids = uow.papers.all_ids()
    for start in range(0, len(ids), 100):
        with app.uow_factory() as uow:
            for paper_id in ids[start : start + 100]:
                for order in range(per_paper):
                    data = PDF_MAGIC + os.urandom(size - len(PDF_MAGIC))  # distinct: nothing dedupes
                    attachment = Attachment(
                        paper_id, f"Scan {order + 1}.pdf", size, order=order, sha256="0" * 64
                    )
                    uow.attachments.add(attachment, chunked(data))
            uow.commit()
    app.close()


def measure(url: str, rounds: int = 30) -> dict[str, float]:
    from kimdesk.app import open_app
    from kimdesk.services.papers import count_papers, get_paper_by_id, list_papers
    from kimdesk.services.ports import PaperQuery

    app = open_app(url)
    uow = app.uow_factory
    with uow() as u:
        ids = u.papers.all_ids()
    rng = random.Random(7)
    times: dict[str, list[float]] = {"list": [], "search": [], "open": []}
    for _ in range(rounds):
        began = time.perf_counter()
        count_papers(uow, PaperQuery())
        list_papers(uow, PaperQuery(offset=rng.randrange(len(ids) - 200), limit=200))
        times["list"].append(time.perf_counter() - began)
        query = PaperQuery(text=rng.choice(WORDS), limit=200)
        began = time.perf_counter()
        count_papers(uow, query)
        list_papers(uow, query)
        times["search"].append(time.perf_counter() - began)
        began = time.perf_counter()
        get_paper_by_id(uow, rng.choice(ids))
        times["open"].append(time.perf_counter() - began)
    app.close()
    return {k: statistics.median(v) * 1000 for k, v in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vorlagen", type=int, default=10_000)
    parser.add_argument("--anlagen", type=int, default=3)
    parser.add_argument("--kb", type=int, default=5 * 1024)
    args = parser.parse_args()
    need = args.vorlagen * args.anlagen * args.kb * 1024
    folder = Path(os.environ.get("KIMDESK_BENCH_DIR") or tempfile.gettempdir()) / "kimdesk-bench"
    folder.mkdir(parents=True, exist_ok=True)
    if shutil.disk_usage(folder).free < 1.3 * need:
        raise SystemExit(f"Zu wenig Platz in {folder}: nötig etwa {1.3 * need / 2**30:.0f} GB.")
    plain = folder / f"store-{args.vorlagen}-ohne.sqlite"
    with_files = folder / f"store-{args.vorlagen}-{args.anlagen}x{args.kb}k.sqlite"
    if not plain.exists():
        populate(f"sqlite:///{plain}", args.vorlagen)
    if not with_files.exists():
        partial = with_files.with_suffix(".partial")
        shutil.copyfile(plain, partial)
        began = time.perf_counter()
        add_anlagen(f"sqlite:///{partial}", args.anlagen, args.kb * 1024)
        partial.rename(with_files)
        print(f"  (Anlagen gespeichert in {time.perf_counter() - began:.0f} s)")
    print(
        f"{args.vorlagen} Vorlagen, je {args.anlagen} Anlagen zu {args.kb} KB "
        f"(Datenbank {with_files.stat().st_size / 2**30:.1f} GB gegenüber "
        f"{plain.stat().st_size / 2**20:.0f} MB):"
    )
    measure(f"sqlite:///{plain}", 3)  # warm both files alike
    measure(f"sqlite:///{with_files}", 3)
    without = measure(f"sqlite:///{plain}")
    loaded = measure(f"sqlite:///{with_files}")
    for action in ("list", "search", "open"):
        print(
            f"  {action:<7} ohne Anlagen {without[action]:6.1f} ms   mit {loaded[action]:6.1f} ms   "
            f"Verhältnis {loaded[action] / without[action]:.2f}"
        )
    print(f"  Last des Rechners (1 min): {os.getloadavg()[0]:.1f} bei {os.cpu_count()} Kernen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
