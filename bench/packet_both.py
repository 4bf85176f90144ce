"""``bench_packet.py --both``: both Sitzungsmappen (members' and public) as one job against two jobs.

The Vorlagen are released and signed off by every role of the office with a Prüfsumme, as in an
office (so the public packet's Mitzeichnungen differ from the full one's: names and Prüfsumme go);
every 10th TOP is non-public. Both variants run alternately in one run (A B A B …), each in its own
process, so that both see the same load; peak memory is the process's maximum resident set plus its
largest child's (the qpdf step runs in a child process while the parent waits), CPU time includes the
child's.

* one job: ``PacketPdfRenderer.write_packets(full, public, …)``;
* two jobs: ``write_packet(full)`` then ``write_packet(public)``, as before.

With ``--scale MB`` the Anlagen are MB of distinct scans (see bench/packet_scale.py), spread over the
Vorlagen, every 4th of them non-public. The load from storage (which the one job does once) is not in
these figures: the packets are built in memory. ``--storage`` (with ``--scale``) measures the whole
export instead, from a SQLite database of the demo office whose meeting IR-2020-09-09 holds the scans
as Anlagen of its three Vorlagen (``export_packets`` against ``export_packet`` twice): loading and
copying the Anlagen out of storage included.
"""

from __future__ import annotations

import dataclasses
import json
import os
import statistics
import sys
import time
from datetime import datetime
from pathlib import Path

from bench.packet_scale import cpu_seconds, memory, watch_qpdf
from kimdesk.domain.model import SignOff, SignOffDecision
from kimdesk.domain.timezone import BERLIN
from kimdesk.services.packets import Packet, _public_copy, _without_internals

ROOT = Path("/tmp/kimdesk-bench-both")


def signed(packet: Packet) -> Packet:
    """Every Vorlage signed off by every role, with names and Prüfsumme (the full packet shows them)."""
    roles = packet.office.sign_off_roles
    entries = []
    for entry in packet.entries:
        if entry.paper is None:
            entries.append(entry)
            continue
        paper = dataclasses.replace(
            entry.paper,
            sign_offs=[
                SignOff(
                    role.key,
                    role.label,
                    person_name=f"Erika Mustermann-{n}",
                    decision=SignOffDecision.APPROVED,
                    signed_at=datetime(2020, 9, 1, 10, tzinfo=BERLIN),
                    content_hash=f"{n:02d}" * 32,
                )
                for n, role in enumerate(roles)
            ],
        )
        entries.append(dataclasses.replace(entry, paper=paper))
    return dataclasses.replace(packet, entries=entries)


def public_of(full: Packet) -> Packet:
    """The public packet as ``load_packets`` makes it (office default: no names)."""
    meeting = _public_copy(full.meeting)
    entries = []
    for entry in full.entries:
        if not entry.item.public:
            continue
        if entry.paper is None:
            entries.append(entry)
            continue
        attachments = [a for a in entry.attachments if a.attachment.public]
        entries.append(
            dataclasses.replace(
                entry,
                paper=_without_internals(entry.paper, False),
                attachments=attachments,
                listed=[a.attachment.shown_title for a in attachments],
            )
        )
    return dataclasses.replace(
        full, meeting=meeting, entries=entries, public=True, agenda=tuple(meeting.items)
    )


def child(kind: str, vorlagen: int, scale: int, folder: Path) -> None:
    """One variant in its own process; prints seconds, pages and peak RSS is read by the parent."""
    from bench.bench_packet import build_packet
    from kimdesk.pdf.fonts import register_fonts
    from kimdesk.pdf.packet import PacketPdfRenderer

    register_fonts()
    watch_qpdf()
    full = signed(build_packet(vorlagen, False))
    if scale:
        full = _with_scans(full, scale)
    public = public_of(full)
    renderer = PacketPdfRenderer()
    targets = (folder / f"{kind}-mitglieder.pdf", folder / f"{kind}-oeffentlich.pdf")
    started = time.perf_counter()
    cpu = cpu_seconds()
    if kind == "one":
        pages = renderer.write_packets(full, public, targets)
    else:
        pages = (renderer.write_packet(full, targets[0]), renderer.write_packet(public, targets[1]))
    result = {
        "seconds": time.perf_counter() - started,
        "cpu": cpu_seconds() - cpu,
        "pages": pages,
        **memory(),
    }
    print(json.dumps(result))


def storage_child(kind: str, url: str, folder: Path) -> None:
    from kimdesk.pdf.packet import PacketPdfRenderer
    from kimdesk.services.packets import export_packet, export_packets
    from kimdesk.storage.database import Database

    db = Database.open(url)
    watch_qpdf()
    renderer = PacketPdfRenderer()
    targets = (folder / f"{kind}-mitglieder.pdf", folder / f"{kind}-oeffentlich.pdf")
    started = time.perf_counter()
    cpu = cpu_seconds()
    if kind == "one":
        export_packets(db.uow_factory, renderer, "IR-2020-09-09", targets)
    else:
        export_packet(db.uow_factory, renderer, "IR-2020-09-09", targets[0])
        export_packet(db.uow_factory, renderer, "IR-2020-09-09", targets[1], public=True)
    import pikepdf  # not pypdf: it would read the whole file into memory (and into the peak)

    pages = []
    for path in targets:
        with pikepdf.open(path, access_mode=pikepdf.AccessMode.stream) as pdf:
            pages.append(len(pdf.pages))
    result = {
        "seconds": time.perf_counter() - started,
        "cpu": cpu_seconds() - cpu,
        "pages": pages,
        **memory(),
    }
    db.close()
    print(json.dumps(result))


def make_store(megabytes: int) -> str:
    """The demo office with the scans as Anlagen of IR-2020-09-09's Vorlagen (kept for the next run)."""
    from bench.packet_scale import make_anlagen
    from kimdesk.domain.attachment import chunked, new_attachment
    from kimdesk.services.demo import load_full_demo
    from kimdesk.storage.database import Database

    path = ROOT / f"speicher-{megabytes}.sqlite"
    url = f"sqlite:///{path}"
    if path.exists():
        return url
    scans = make_anlagen(megabytes)
    partial = path.with_suffix(".teil")
    partial.unlink(missing_ok=True)
    db = Database.open(f"sqlite:///{partial}")
    load_full_demo(db.uow_factory)
    references = ("20/0270", "20/0262", "20/0281")
    for n, scan in enumerate(scans):
        data = scan.read_bytes()
        with db.uow_factory() as uow:
            paper = uow.papers.get_by_reference(references[n % len(references)])
            attachment = dataclasses.replace(new_attachment(paper.id, scan.name, data, n), public=n % 4 != 3)
            uow.attachments.add(attachment, chunked(data))
            uow.commit()
    db.close()
    partial.rename(path)
    return url


def _with_scans(packet: Packet, megabytes: int) -> Packet:
    from bench.packet_scale import make_anlagen
    from kimdesk.domain.attachment import Attachment
    from kimdesk.services.packets import AttachmentFile

    scans = make_anlagen(megabytes)
    papers = [i for i, e in enumerate(packet.entries) if e.paper is not None]
    files: dict[int, list[AttachmentFile]] = {}
    for n, path in enumerate(scans):
        index = papers[n % len(papers)]
        paper = packet.entries[index].paper
        assert paper is not None
        meta = Attachment(paper.id, path.name, path.stat().st_size, sha256=f"{n:064x}", public=n % 4 != 3)
        files.setdefault(index, []).append(AttachmentFile(meta, path))
    entries = [
        dataclasses.replace(
            e, attachments=files.get(i, []), listed=[a.attachment.shown_title for a in files.get(i, [])]
        )
        for i, e in enumerate(packet.entries)
    ]
    return dataclasses.replace(packet, entries=entries)


def run_both(vorlagen: int, runs: int, scale: int, storage: bool = False) -> int:
    from bench.packet_scale import measure

    ROOT.mkdir(parents=True, exist_ok=True)
    me = [sys.executable, "-m", "bench.packet_both"]
    args = [str(vorlagen), str(scale), str(ROOT)]
    if storage:
        me, args = [*me, "storage"], [make_store(scale), str(ROOT)]
    measure([*me, "two", *args])  # warm-up: file cache, bytecode, the scans
    seen: dict[str, list[tuple[float, float, float]]] = {"one": [], "two": []}
    pages: tuple[int, int] = (0, 0)
    loads = [os.getloadavg()[0]]
    for _ in range(runs):
        for kind in ("one", "two"):
            _, _, out = measure([*me, kind, *args])
            result = json.loads(out.strip().splitlines()[-1])
            peak = result["own_mb"] + result["qpdf_mb"]  # the qpdf child runs while the process waits
            seen[kind].append((result["seconds"], result["cpu"], peak))
            pages = tuple(result["pages"])  # type: ignore[assignment]
        loads.append(os.getloadavg()[0])
    one, two = seen["one"], seen["two"]
    ratios = sorted(a[0] / b[0] for a, b in zip(one, two, strict=True))
    what = f"{scale} MB Anlagen" if scale else "ohne Anlagen"
    if storage:
        what += ", aus der Datenbank (export_packets / export_packet × 2)"
        vorlagen = 3  # the demo meeting's
    print(f"Beide Mappen: {vorlagen} Vorlagen, {what}; Mitglieder {pages[0]}, öffentlich {pages[1]} Seiten")
    for kind, label in (("one", "ein Lauf (write_packets)"), ("two", "zwei Läufe (write_packet × 2)")):
        times = [t for t, _, _ in seen[kind]]
        cpus = [c for _, c, _ in seen[kind]]
        peak = max(p for _, _, p in seen[kind])
        print(
            f"  {label}: Median {statistics.median(times):.2f} s Wanduhr, "
            f"{statistics.median(cpus):.2f} s CPU, Spitzenspeicher {peak:.0f} MB (n = {len(times)})"
        )
    cpu_ratios = sorted(a[1] / b[1] for a, b in zip(one, two, strict=True))
    for name, values in (("Wanduhr", ratios), ("CPU", cpu_ratios)):
        print(
            f"  ein Lauf ÷ zwei Läufe ({name}), paarweise: Median {statistics.median(values):.2f} "
            f"(Spanne {values[0]:.2f}–{values[-1]:.2f})"
        )
    low, high = min(loads), max(loads)
    print(f"  Last des Rechners (1 min) beim Messen: {low:.1f}–{high:.1f} bei {os.cpu_count()} Kernen")
    ok = max(p for _, _, p in one) <= 300
    print("Speicherziel (≤ 300 MB) erreicht" if ok else "Speicherziel (≤ 300 MB) verfehlt")
    for path in ROOT.glob("*.pdf"):
        path.unlink()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    if sys.argv[1] == "storage":
        storage_child(sys.argv[2], sys.argv[3], Path(sys.argv[4]))
    else:
        child(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4]))
