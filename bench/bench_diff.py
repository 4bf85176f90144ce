"""Benchmark comparing two states of a Vorlage with a 20-page Begründung (issue 16: ≤ 200 ms).

The Begründung is built from the demo Vorlagen' texts (``tests/diff_sample.py``); the newer state has about
5 % of its words changed, a paragraph inserted, one deleted and one moved. Measured: ``diff_papers`` alone
(the target), ``format_diff_text`` (``kimdesk diff``), and with ``--gui`` the painting of the comparison view.

    .venv/bin/python bench/bench_diff.py [--runs 30] [--pages 20] [--share 0.05] [--gui]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kimdesk.domain.diff import diff_papers, format_diff_text  # noqa: E402
from tests.diff_sample import long_versions  # noqa: E402

TARGET_SECONDS = 0.200


def timings(
    action: Callable[[], object], runs: int, clock: Callable[[], float] = time.perf_counter
) -> list[float]:
    out = []
    for _ in range(runs):
        start = clock()
        action()
        out.append(clock() - start)
    return out


def describe(label: str, values: list[float], target: float | None = None) -> None:
    median = statistics.median(values)
    note = ""
    if target is not None:
        note = f"  (Ziel ≤ {target * 1000:.0f} ms: {'erreicht' if median <= target else 'verfehlt'})"
    print(
        f"{label}: Median {median * 1000:.1f} ms, Min {min(values) * 1000:.1f} ms, "
        f"Max {max(values) * 1000:.1f} ms, n={len(values)}{note}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--share", type=float, default=0.05, help="Anteil geänderter Wörter")
    parser.add_argument("--gui", action="store_true", help="auch das Zeichnen der Vergleichsansicht messen")
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"Last {one:.2f}/{five:.2f} (1/5 min) bei {os.cpu_count()} Kernen")
    old, new = long_versions(args.pages, args.share)
    words = len(old.rationale.plain_text().split())
    diff = diff_papers(old, new)
    print(
        f"Begründung: {len(old.rationale.blocks)} Blöcke, {words} Wörter (≈ {args.pages} Seiten), "
        f"{diff.change_count} geänderte Stellen"
    )
    describe("1. diff_papers", timings(lambda: diff_papers(old, new), args.runs), TARGET_SECONDS)
    # The machine is shared: the processor time of this process shows what the diff costs without the others.
    describe(
        "   diff_papers, Prozessorzeit", timings(lambda: diff_papers(old, new), args.runs, time.process_time)
    )
    describe("2. format_diff_text", timings(lambda: format_diff_text(diff), args.runs))
    if args.gui:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        from kimdesk.ui.compare import CompareWidget

        app = QApplication.instance() or QApplication([])
        widget = CompareWidget()
        widget.resize(1280, 860)
        describe(
            "3. Vergleichsansicht zeichnen", timings(lambda: widget.set_diff(diff), max(args.runs // 3, 3))
        )
        del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
