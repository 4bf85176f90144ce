"""Cost of checking an Anlage when it is attached (strict pypdf read + trial merge of every page).

Usage: PYTHONPATH=. python bench/bench_attach_check.py [--pages 300] [--runs 3]
"""

from __future__ import annotations

import argparse
import io
import time

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

from kimdesk.pdf.fonts import REGULAR, register_fonts
from kimdesk.services.attachments import pdf_page_count

TEXT = "Bericht über die Arbeit des Kommunalen Integrationszentrums im Kreis. " * 40


def sample(pages: int) -> bytes:
    register_fonts()
    style = ParagraphStyle("p", fontName=REGULAR, fontSize=10.5, leading=14)
    story = []
    for _ in range(pages):
        story += [Paragraph(TEXT, style), PageBreak()]
    out = io.BytesIO()
    SimpleDocTemplate(out, initialFontName=REGULAR).build(story)
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    data = sample(args.pages)
    for strict in (True, False):
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            count = pdf_page_count(data, strict=strict)
            times.append(time.perf_counter() - started)
        mode = "attach (strict, trial merge)" if strict else "packet (lenient)"
        print(f"{mode:<30} {count} pages, {len(data) / 1e6:.1f} MB: best {min(times):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
