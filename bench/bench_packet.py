"""Benchmark: a session packet of 100 Vorlagen (about 250 pages) with agenda and bookmarks, in-process.

Targets (issue 7): ≤ 1,5 s and ≤ 250 MB peak memory. Prints pages per second beside the raw
ReportLab throughput of a plain multi-page document on the same machine.

    .venv/bin/python bench/bench_packet.py [--vorlagen 100] [--anlagen] [--distinct] [--runs 5]

With ``--scale MB`` (issue 18) it builds that many MB of distinct scanned-looking Anlagen instead and
measures the streaming packet beside its anchor (see bench/packet_scale.py):

    .venv/bin/python bench/bench_packet.py --scale 1024

With ``--both`` (issue 18) it measures both Sitzungsmappen as one job against two jobs, alternately in
one run, each in its own process (see bench/packet_both.py); ``--scale MB`` adds that many MB of scans:

    .venv/bin/python bench/bench_packet.py --both --runs 5 [--scale 1024 [--storage]]
"""

from __future__ import annotations

import argparse
import copy
import io
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bench.packet_scale import cpu_seconds, memory, watch_qpdf
from kimdesk.domain.attachment import new_attachment
from kimdesk.domain.meeting import BERLIN, AgendaItem, Meeting
from kimdesk.domain.model import FinanceRow, ImpactChoice, Paper, PaperStatus, Period
from kimdesk.domain.richtext import RichText
from kimdesk.pdf.fonts import REGULAR, register_fonts
from kimdesk.pdf.packet import PacketPdfRenderer
from kimdesk.services.packets import AttachmentFile, Packet, PacketEntry
from tests.demo_data import demo_office, demo_organizations, demo_persons, seed_paper

FILLER = (
    "Die Verwaltung berichtet über den Stand der Umsetzung des Kommunalen Integrationsmanagements, "
    "die Besetzung der Stellen in der Ausländer- und Einbürgerungsbehörde und die Zusammenarbeit "
    "mit den Trägern der freien Wohlfahrtspflege im Kreis. "
)


def build_packet(count: int, with_attachments: bool, distinct: bool = False) -> Packet:
    """``count`` copies of the seed Vorlage; with ``distinct`` no two have the same NKF table,
    Mitzeichnungen grid or Beschlussvermerk (amounts, Zahl der Protokollauszüge, body names)."""
    orgs = demo_organizations()
    persons = demo_persons()
    office = demo_office(persons)
    meeting = Meeting(
        orgs["integration_council"], datetime(2020, 9, 9, 17, tzinfo=BERLIN), location="Rathaus"
    )
    entries = []
    base = seed_paper(orgs, persons)
    anlage = None
    folder = Path(tempfile.mkdtemp(prefix="bench-anlagen-"))
    if with_attachments:
        anlage_pdf = _plain_pdf(2)
        (folder / "anlage.pdf").write_bytes(anlage_pdf)
    for n in range(count):
        paper = copy.deepcopy(base)
        paper.id = type(paper.id)(int=n + 1)
        paper.reference = f"20/{n + 1:04d}"
        paper.title = f"Vorlage {n + 1}: Kommunales Integrationsmanagement, Teilbericht {n + 1}"
        paper.status = PaperStatus.RELEASED
        # One to three paragraphs beside the seed's head, tables and Beschlussvermerk: 2–3 pages each.
        paper.rationale = RichText.from_plain(FILLER * (1 + n % 4))
        if distinct:
            _make_distinct(paper, n)
        item = meeting.add_item(AgendaItem(paper.title, public=n % 10 != 9, paper_id=paper.id))
        if with_attachments and n % 5 == 0:
            anlage = AttachmentFile(new_attachment(paper.id, "Anlage.pdf", anlage_pdf), folder / "anlage.pdf")
        entries.append((item, paper, [anlage] if with_attachments and n % 5 == 0 and anlage else []))
    by_item = {e[0].id: e for e in entries}
    ordered = [by_item[i.id] for i in meeting.items]
    return Packet(meeting, office, [PacketEntry(i, p, a) for i, p, a in ordered], False, tuple(meeting.items))


def _make_distinct(paper: Paper, n: int) -> None:
    impact = paper.financial_impact
    impact.choice = ImpactChoice.FOLLOWING
    impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal(1000 + n)
    impact.amounts[(FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL)] = Decimal(1000 + n)
    paper.minutes_extracts = n + 1
    for consultation in paper.consultations:
        if consultation.committee is not None:
            consultation.committee = copy.copy(consultation.committee)
            consultation.committee.name_genitive = f"{consultation.committee.genitive} ({n + 1})"


def render(renderer: PacketPdfRenderer, packet: Packet) -> bytes:
    with tempfile.TemporaryDirectory() as work:
        target = Path(work) / "mappe.pdf"
        renderer.write_packet(packet, target)
        return target.read_bytes()


def _plain_pdf(pages: int) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, initialFontName=REGULAR)
    style = ParagraphStyle("p", fontName=REGULAR, fontSize=10.5, leading=14)
    doc.build([Paragraph(FILLER * 4, style) for _ in range(4 * pages)])
    return out.getvalue()


def raw_reportlab(pages_wanted: int) -> tuple[float, int]:
    """A plain multi-page document of paragraphs (DejaVu, no tables, no canvas tricks)."""
    register_fonts()
    style = ParagraphStyle("p", fontName=REGULAR, fontSize=10.5, leading=14, spaceAfter=6)
    story = [Paragraph(FILLER * 3, style) for _ in range(pages_wanted * 14 // 3)]
    out = io.BytesIO()
    started = time.process_time()
    SimpleDocTemplate(out, initialFontName=REGULAR, invariant=1).build(story)
    elapsed = time.process_time() - started
    return elapsed, len(PdfReader(io.BytesIO(out.getvalue())).pages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vorlagen", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--anlagen", action="store_true", help="every 5th Vorlage gets a 2-page PDF Anlage")
    parser.add_argument(
        "--distinct", action="store_true", help="no NKF table, grid or Beschlussvermerk recurs"
    )
    parser.add_argument("-o", "--output", type=Path, help="write the last packet here")
    parser.add_argument("--scale", type=int, metavar="MB", help="Anlagen of this many MB (issue 18)")
    parser.add_argument("--both", action="store_true", help="both packets as one job vs. two jobs")
    parser.add_argument("--storage", action="store_true", help="with --both --scale: from a database")
    args = parser.parse_args()
    if args.both:
        from bench.packet_both import run_both

        return run_both(args.vorlagen, args.runs, args.scale or 0, args.storage)
    if args.scale:
        from bench.packet_scale import run_scale

        return run_scale(args.scale, args.runs)

    watch_qpdf()  # with --anlagen: the qpdf step's child process
    renderer = PacketPdfRenderer()
    render(renderer, build_packet(2, False))  # warm-up: fonts, imports
    times = []
    cpu_times = []
    raw_times = []  # the plain ReportLab anchor after each run, so both see the same load
    data = b""
    pages = 0
    for _ in range(args.runs):
        packet = build_packet(args.vorlagen, args.anlagen, args.distinct)
        started, cpu_started = time.perf_counter(), cpu_seconds()  # with --anlagen: qpdf's child too
        data = render(renderer, packet)
        times.append(time.perf_counter() - started)
        cpu_times.append(cpu_seconds() - cpu_started)
        pages = pages or len(PdfReader(io.BytesIO(data)).pages)
        raw_time, raw_pages = raw_reportlab(pages)
        raw_times.append(raw_time)
    tracemalloc.start()
    render(renderer, build_packet(args.vorlagen, args.anlagen, args.distinct))
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    peak_rss = sum(memory().values())  # with --anlagen: the qpdf step's child process too
    reader = PdfReader(io.BytesIO(data))
    best = min(times)
    raw_time = min(raw_times)
    if args.output:
        args.output.write_bytes(data)
    print(f"Sitzungsmappe: {args.vorlagen} Vorlagen, {pages} Seiten, {len(reader.outline)} Lesezeichen")
    cpu = min(cpu_times)
    print(
        f"  Zeit (bester von {args.runs}): {best:.2f} s Wanduhr, {cpu:.2f} s CPU "
        f"({pages / cpu:.0f} Seiten/s CPU)   Ziel ≤ 1,5 s"
    )
    print(
        f"  Median von {args.runs}: {statistics.median(times):.2f} s Wanduhr, "
        f"{statistics.median(cpu_times):.2f} s CPU"
    )
    print(
        f"  Spitzen-RSS des Prozesses: {peak_rss:.0f} MB; Python-Allokationen (tracemalloc): "
        f"{traced_peak / 2**20:.0f} MB   Ziel ≤ 250 MB"
    )
    print(
        f"ReportLab pur (SimpleDocTemplate, Absätze; nach jedem Lauf, bester): {raw_pages} Seiten in "
        f"{raw_time:.2f} s CPU ({raw_pages / raw_time:.0f} Seiten/s)"
    )
    shares = sorted(raw / own * pages / raw_pages for raw, own in zip(raw_times, cpu_times, strict=True))
    print(
        f"  Mappe ÷ ReportLab pur (Seiten/s CPU): {pages / cpu / (raw_pages / raw_time):.0%} (beste Zeiten), "
        f"{statistics.median(shares):.0%} (Median der Läufe, je Lauf mit dem Anker danach)   Ziel ≥ 60 %"
    )
    ok = min(best, cpu) <= 1.5 and peak_rss <= 250
    print(f"  Last des Rechners (1 min): {os.getloadavg()[0]:.1f} bei {os.cpu_count()} Kernen")
    print("Ziel erreicht" if ok else "Ziel verfehlt")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
