"""``bench_packet.py --scale MB``: a Sitzungsmappe with MB of scanned-looking Anlagen beside its anchor.

Builds distinct Anlagen of 20 random-noise JPEG pages each (so nothing compresses away) under /tmp
until they reach the size asked for, then runs alternately (``--runs`` pairs, the ratio taken pair by
pair), each in its own process (peak memory: its maximum resident set, from GNU time):

* kimdesk: 30 Vorlagen, the Anlagen spread over them, streamed (``PacketPdfRenderer.write_packet``;
  its qpdf step runs in a child process, so its peak memory is the process's plus that child's);
* the anchor: the same packet without Anlagen, then ``qpdf`` appending the same Anlagen to it.

Targets (issue 18): peak memory ≤ 300 MB, time ≤ 1.5 × the anchor.
"""

from __future__ import annotations

import atexit
import dataclasses
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader

ROOT = Path("/tmp/kimdesk-bench-scale")
VORLAGEN = 30
PAGES_PER_ANLAGE = 20
#: A4 at 150 dpi, grey: a typical office scan.
SCAN_SIZE = (1240, 1754)


def make_anlagen(megabytes: int) -> list[Path]:
    """Distinct noise scans until their total reaches ``megabytes`` (kept for the next run)."""
    from PIL import Image

    folder = ROOT / f"anlagen-{megabytes}"
    manifest = folder / "fertig.json"
    if manifest.exists():
        return [folder / name for name in json.loads(manifest.read_text())]
    need = megabytes * 1024 * 1024
    free = shutil.disk_usage("/tmp").free
    if free < 4 * need:
        raise SystemExit(f"Zu wenig Platz unter /tmp: {free // 2**20} MB frei, nötig {4 * need // 2**20} MB.")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    paths: list[Path] = []
    total = 0
    while total < need:
        pages = [
            Image.frombytes("L", SCAN_SIZE, os.urandom(SCAN_SIZE[0] * SCAN_SIZE[1]))
            for _ in range(PAGES_PER_ANLAGE)
        ]
        path = folder / f"scan-{len(paths) + 1:03d}.pdf"
        pages[0].save(path, save_all=True, append_images=pages[1:], resolution=150, quality=60)
        total += path.stat().st_size
        paths.append(path)
    manifest.write_text(json.dumps([p.name for p in paths]))
    return paths


def child(kind: str, folder: Path, target: Path) -> None:
    """Runs in its own process: the packet (kimdesk: with the Anlagen; anchor: without)."""
    from bench.bench_packet import build_packet
    from kimdesk.domain.attachment import Attachment
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.services.packets import AttachmentFile

    watch_qpdf()
    anlagen = [folder / n for n in json.loads((folder / "fertig.json").read_text())]
    packet = build_packet(VORLAGEN, False)
    if kind == "kimdesk":
        papers = [i for i, e in enumerate(packet.entries) if e.paper is not None]
        files: dict[int, list[AttachmentFile]] = {}
        for n, path in enumerate(anlagen):
            index = papers[n % len(papers)]
            paper = packet.entries[index].paper
            assert paper is not None
            meta = Attachment(paper.id, path.name, path.stat().st_size, sha256=f"{n:064x}")
            files.setdefault(index, []).append(AttachmentFile(meta, path))
        entries = [dataclasses.replace(e, attachments=files.get(i, [])) for i, e in enumerate(packet.entries)]
        packet = dataclasses.replace(packet, entries=entries)
    started = time.perf_counter()
    PacketPdfRenderer().write_packet(packet, target)
    print(json.dumps({"seconds": time.perf_counter() - started, **memory()}))


_PEAKS: list[Path] = []


def watch_qpdf() -> None:
    """Run the Sitzungsmappe's qpdf child under GNU time, which writes down the child's own peak memory
    (the child's ``ru_maxrss`` would start at this process's: Linux keeps a forked process's high-water
    mark across ``exec``)."""
    from kimdesk.pdf import qpdf_job

    handle, name = tempfile.mkstemp(prefix="kimdesk-qpdf-spitze-")
    os.close(handle)
    _PEAKS.append(Path(name))
    atexit.register(_PEAKS[-1].unlink, missing_ok=True)
    command = qpdf_job.child_command
    qpdf_job.child_command = lambda: ["/usr/bin/time", "-f", "%M", "-a", "-o", name, *command()]


def memory() -> dict[str, float]:
    """Peak resident MB of this process and of its largest qpdf child (see :func:`watch_qpdf`)."""
    seen = [int(line) for path in _PEAKS for line in path.read_text().split() if line.isdigit()]
    return {
        "own_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "qpdf_mb": max(seen, default=0) / 1024,
    }


def cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the qpdf step runs in one)."""
    spent = os.times()
    return spent.user + spent.system + spent.children_user + spent.children_system


def measure(args: list[str]) -> tuple[float, float, str]:
    """Wall time, peak resident MB (GNU time's %M: of the process itself, not inherited from this one
    as ``wait4`` would report after a fork) and standard output of one process."""
    started = time.perf_counter()
    done = subprocess.run(["/usr/bin/time", "-f", "MAXRSS %M", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{args[:4]} endete mit {done.returncode}: {done.stderr[-2000:]}")
    peak = next(int(line.split()[1]) for line in done.stderr.splitlines() if line.startswith("MAXRSS "))
    return elapsed, peak / 1024, done.stdout


def run_scale(megabytes: int, runs: int) -> int:
    """kimdesk and its anchor alternately, ``runs`` pairs in one run: the ratio of each pair, so both
    meet the same load and the same state of the file cache."""
    anlagen = make_anlagen(megabytes)
    folder = anlagen[0].parent
    size = sum(p.stat().st_size for p in anlagen)
    me = [sys.executable, "-m", "bench.packet_scale"]
    out_k, out_a, out_q = ROOT / "kimdesk.pdf", ROOT / "anker-ohne.pdf", ROOT / "anker.pdf"
    subprocess.run([*me, "child", "anchor", str(folder), str(out_a)], check=True, capture_output=True)  # warm
    qpdf = ["qpdf", "--empty", "--pages", str(out_a), *map(str, anlagen), "--", str(out_q)]
    kimdesk: list[float] = []
    anchors: list[float] = []
    parts: list[tuple[float, float]] = []
    peaks: list[tuple[float, float]] = []
    other: list[tuple[float, float]] = []
    loads: list[float] = []
    pages = packet_mb = 0.0
    for _ in range(max(1, runs)):
        loads.append(os.getloadavg()[0])
        k_time, _, out = measure([*me, "child", "kimdesk", str(folder), str(out_k)])
        k_memory = json.loads(out.strip().splitlines()[-1])
        # The qpdf child runs while the process waits: both at their peak at once is the worst case.
        peaks.append((k_memory["own_mb"], k_memory["qpdf_mb"]))
        pages, packet_mb = len(PdfReader(out_k).pages), out_k.stat().st_size / 2**20
        out_k.unlink()
        a_time, a_peak, _ = measure([*me, "child", "anchor", str(folder), str(out_a)])
        q_time, q_peak, _ = measure(qpdf)
        out_q.unlink()
        kimdesk.append(k_time)
        anchors.append(a_time + q_time)
        parts.append((a_time, q_time))
        other.append((a_peak, q_peak))
    ratios = [k / a for k, a in zip(kimdesk, anchors, strict=True)]
    own, child_mb = max(peaks, key=sum)
    a_time, q_time = (statistics.median(p[i] for p in parts) for i in (0, 1))
    count = len(anlagen)
    print(f"Sitzungsmappe mit Anlagen: {VORLAGEN} Vorlagen, {count} Anlagen zu je {PAGES_PER_ANLAGE} Seiten")
    print(f"  Anlagen {size / 2**20:.0f} MB, Mappe {packet_mb:.0f} MB, {pages:.0f} Seiten")
    print(
        f"  kimdesk: Median {statistics.median(kimdesk):.1f} s "
        f"(Spanne {min(kimdesk):.1f}–{max(kimdesk):.1f}), "
        f"Spitzenspeicher {own + child_mb:.0f} MB (Prozess {own:.0f} MB + qpdf-Schritt {child_mb:.0f} MB)   "
        "Ziel ≤ 300 MB"
    )
    print(
        f"  Anker: Median {statistics.median(anchors):.1f} s (Mappe ohne Anlagen {a_time:.1f} s, "
        f"{max(p[0] for p in other):.0f} MB + qpdf {q_time:.1f} s, {max(p[1] for p in other):.0f} MB)"
    )
    ratio = statistics.median(ratios)
    print(
        f"  Verhältnis kimdesk / Anker, paarweise (n = {len(ratios)}): Median {ratio:.2f} "
        f"(Spanne {min(ratios):.2f}–{max(ratios):.2f})   Ziel ≤ 1,5"
    )
    print(
        f"  Last des Rechners (1 min) beim Messen: {min(loads):.1f}–{max(loads):.1f} "
        f"bei {os.cpu_count()} Kernen"
    )
    ok = own + child_mb <= 300 and ratio <= 1.5
    print("Ziel erreicht" if ok else "Ziel verfehlt")
    out_a.unlink(missing_ok=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if sys.argv[1] == "child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
