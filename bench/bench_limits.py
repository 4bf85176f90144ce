"""How long the PDF of a Vorlage at every limit takes (issue 11, item 6): any Vorlage the import accepts
must render in seconds. The test suite renders the same Vorlage without timing it.

    .venv/bin/python bench/bench_limits.py [--renders 3]

Prints the median and the maximum of ``--renders`` warm renders, for ordinary words and for text without a
single break (one endless word), each with every text, list and number at its limit (kimdesk.domain.limits).
Target: ≤ 10 s each.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.limits_sample import paper_at_limits  # noqa: E402
from kimdesk.pdf.renderer import PaperPdfRenderer  # noqa: E402

TARGET = 10.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=3)
    args = parser.parse_args()
    renderer = PaperPdfRenderer()
    worst = 0.0
    for unbroken in (False, True):
        paper, office = paper_at_limits(unbroken=unbroken)
        renderer.render_paper(paper, office)  # warm: fonts, caches
        times = []
        for _ in range(args.renders):
            start = time.perf_counter()
            pdf = renderer.render_paper(paper, office)
            times.append(time.perf_counter() - start)
        kind = "ohne Umbruch" if unbroken else "Wörter"
        print(
            f"Vorlage an allen Grenzen ({kind}): Median {statistics.median(times):.2f} s, "
            f"Max {max(times):.2f} s, {len(pdf) // 1024} KB, n={len(times)}"
        )
        worst = max(worst, max(times))
    print(f"Ziel ≤ {TARGET:.0f} s: {'erreicht' if worst <= TARGET else 'verfehlt'}")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
