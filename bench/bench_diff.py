"""Benchmark comparing two states of a Vorlage with a 20-page Begründung (issue 16: ≤ 200 ms).

The Begründung is built from the demo Vorlagen' texts (``tests/diff_sample.py``); the newer state has about
5 % of its words changed, a paragraph inserted, one deleted and one moved. Measured: ``diff_papers`` alone
(the target), ``format_diff_text`` (``kimdesk diff``), and with ``--gui`` the painting of the comparison view.

    .venv/bin/python bench/bench_diff.py [--runs 30] [--pages 20] [--share 0.05] [--gui]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_pdf import describe, timings  # noqa: E402
from kimdesk.domain.diff import diff_papers, format_diff_text  # noqa: E402
from tests.diff_sample import long_versions  # noqa: E402

TARGET_SECONDS = 0.200


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
    start = time.process_time()
    for _ in range(args.runs):
        diff_papers(old, new)
    cpu = (time.process_time() - start) / args.runs
    print(f"   diff_papers, Prozessorzeit: Mittel {cpu * 1000:.1f} ms, n={args.runs}")
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
