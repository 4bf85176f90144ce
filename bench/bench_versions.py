"""Fassungen benchmark (issue 16): 10,000 Vorlagen with 20 Fassungen each, against the same database
without Fassungen, in one run.

    .venv/bin/python bench/bench_versions.py [--vorlagen 10000] [--fassungen 20] [--runs 30]

Measured (SQLite files, VACUUMed):
- database growth: size with Fassungen / size without (target ≤ 3×);
- list (first page of 200, newest first) and search (count + first page of a word) on both databases,
  interleaved run by run so both see the same machine (target: unchanged within noise);
- comparing two Fassungen of a Vorlage with a 20-page Begründung: ``diff_papers`` (target ≤ 200 ms).

Each Vorlage's Fassungen are written as the program writes them (``record_version``): a title word or a
few words of the Begründung change from one to the next; events as in an office — saves on different
days, Umlauf, rejection, again, release.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_gui import WORDS, populate  # noqa: E402
from kimdesk.domain.versions import VersionEvent  # noqa: E402

EVENTS = (
    [VersionEvent.SAVED] * 12 + [VersionEvent.STARTED, VersionEvent.REJECTED] * 3 + [VersionEvent.STARTED]
)
TARGET_GROWTH = 3.0
TARGET_DIFF_MS = 200.0


def add_versions(url: str, per_paper: int, seed: int = 99) -> None:
    """``per_paper`` Fassungen of every Vorlage, each a little changed from the one before."""
    from kimdesk.app import open_app
    from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
    from kimdesk.services.version_log import record_version

    rng = random.Random(seed)
    app = open_app(url)
    with app.uow_factory() as uow:
        ids = uow.papers.all_ids()
    for start in range(0, len(ids), 200):
        with app.uow_factory() as uow:
            for paper_id in ids[start : start + 200]:
                paper = uow.papers.get(paper_id)
                at = paper.created_at
                words = paper.rationale.plain_text().split()
                for number in range(per_paper):
                    event = EVENTS[number % len(EVENTS)] if number else VersionEvent.MIGRATED
                    for _ in range(3):  # a few words of the Begründung change
                        words[rng.randrange(len(words))] = rng.choice(WORDS)
                    if number % 5 == 4:
                        paper.title = f"{paper.title.split(' (')[0]} ({rng.choice(WORDS)})"
                    paper.rationale = RichText([Block(BlockKind.PARAGRAPH, [Span(" ".join(words))])])
                    at += timedelta(days=1, minutes=rng.randrange(600))
                    record_version(uow, paper, event, who="bench", now=at)
            uow.commit()
    app.close()


def vacuumed_size(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        conn.execute("VACUUM")
    finally:
        conn.close()
    return path.stat().st_size


def list_and_search(urls: dict[str, str], runs: int) -> dict[str, dict[str, list[float]]]:
    from kimdesk.app import open_app
    from kimdesk.services.papers import count_papers, list_papers
    from kimdesk.services.ports import PaperQuery

    apps = {name: open_app(url) for name, url in urls.items()}
    times: dict[str, dict[str, list[float]]] = {name: {"list": [], "search": []} for name in urls}
    rng = random.Random(7)
    try:
        for run in range(runs + 3):  # the first three warm the caches
            word = rng.choice(WORDS)
            for name, app in apps.items():
                began = time.perf_counter()
                list_papers(app.uow_factory, PaperQuery(limit=200))
                listed = time.perf_counter()
                query = PaperQuery(text=word, limit=200)
                count_papers(app.uow_factory, query)
                list_papers(app.uow_factory, query)
                searched = time.perf_counter()
                if run >= 3:
                    times[name]["list"].append((listed - began) * 1000)
                    times[name]["search"].append((searched - listed) * 1000)
    finally:
        for app in apps.values():
            app.close()
    return times


def compare_ms(runs: int) -> list[float]:
    from kimdesk.domain.diff import diff_papers
    from tests.diff_sample import long_versions

    old, new = long_versions(20)
    result = []
    for _ in range(runs):
        began = time.perf_counter()
        diff_papers(old, new)
        result.append((time.perf_counter() - began) * 1000)
    return result


def p95(values: list[float]) -> float:
    return sorted(values)[max(0, round(len(values) * 0.95) - 1)]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vorlagen", type=int, default=10_000)
    parser.add_argument("--fassungen", type=int, default=20)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="kimdesk-bench-versions-"))
    plain, kept = folder / "ohne.sqlite", folder / "mit.sqlite"
    began = time.perf_counter()
    populate(f"sqlite:///{plain}", args.vorlagen)
    shutil.copyfile(plain, kept)
    built = time.perf_counter()
    add_versions(f"sqlite:///{kept}", args.fassungen)
    written = time.perf_counter()
    per_version_ms = (written - built) * 1000 / (args.vorlagen * args.fassungen)
    size_plain, size_kept = vacuumed_size(plain), vacuumed_size(kept)
    growth = size_kept / size_plain
    print(f"{args.vorlagen} Vorlagen, {args.fassungen} Fassungen je Vorlage ({built - began:.0f} s Aufbau)")
    print(f"Fassungen schreiben: {per_version_ms:.2f} ms je Fassung (record_version, 200 Vorlagen je Commit)")
    print(
        f"Datenbank: ohne Fassungen {size_plain / 1e6:.1f} MB, mit {size_kept / 1e6:.1f} MB – "
        f"{growth:.2f}× (Ziel ≤ {TARGET_GROWTH:.0f}×) {'erreicht' if growth <= TARGET_GROWTH else 'VERFEHLT'}"
    )
    times = list_and_search({"ohne": f"sqlite:///{plain}", "mit": f"sqlite:///{kept}"}, args.runs)
    for action in ("list", "search"):
        line = ", ".join(
            f"{name}: Median {statistics.median(t[action]):.1f} ms, p95 {p95(t[action]):.1f} ms"
            for name, t in times.items()
        )
        print(f"{'Liste (200)' if action == 'list' else 'Suche'} – {line}")
    diffs = compare_ms(args.runs)
    median = statistics.median(diffs)
    print(
        f"Vergleich zweier Fassungen, 20 Seiten Begründung: Median {median:.1f} ms, p95 {p95(diffs):.1f} ms "
        f"(Ziel ≤ {TARGET_DIFF_MS:.0f} ms) {'erreicht' if p95(diffs) <= TARGET_DIFF_MS else 'VERFEHLT'}"
    )
    shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
