"""Benchmark the Vorlage PDF (issue 3): warm render, ``kimdesk pdf`` as a process, LibreOffice side by side.

Targets: warm in-process render of 20/0270 ≤ 20 ms; ``kimdesk pdf 20/0270`` as a whole process
(the ordinary way: ``Database.open`` and the repository, then ReportLab) at least 2× faster than
LibreOffice converting an equivalent DOCX (ratio in one run, issue 12).

    .venv/bin/python bench/bench_pdf.py [--renders 200] [--processes 15] [--pairs 7]

The process runs use compiled bytecode, as an installed kimdesk does: if ``PYTHONDONTWRITEBYTECODE``
is set, the child processes get a bytecode cache in the bench's temporary folder instead (a warm-up
run fills it). The LibreOffice comparison alternates one
``soffice --convert-to pdf`` and one ``kimdesk pdf`` run, ``--pairs`` times, and reports the median
of the per-pair ratios. It is skipped with a message when ``soffice`` is not installed
(``apt-get install -y --no-install-recommends libreoffice-writer-nogui``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_docx import write_docx  # noqa: E402
from kimdesk.pdf.renderer import PaperPdfRenderer  # noqa: E402
from kimdesk.services.demo import demo_office, demo_organizations, demo_persons, seed_paper  # noqa: E402

#: ``kimdesk pdf`` must be at least this many times faster than LibreOffice as a process.
TARGET_RATIO = 2


def timings(action: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        out.append(time.perf_counter() - start)
    return out


def describe(label: str, values: list[float], target: float | None = None) -> float:
    median = statistics.median(values)
    note = ""
    if target is not None:
        note = f"  (Ziel ≤ {target * 1000:.0f} ms: {'erreicht' if median <= target else 'verfehlt'})"
    print(f"{label}: Median {median * 1000:.1f} ms, Min {min(values) * 1000:.1f} ms, n={len(values)}{note}")
    return median


def kimdesk_command() -> list[str]:
    script = Path(sys.executable).with_name("kimdesk")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kimdesk"]


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"Last {one:.2f}/{five:.2f} (1/5 min) bei {os.cpu_count()} Kernen"


def process_env(work: Path) -> dict[str, str]:
    env = {**os.environ, "KIMDESK_DB": f"sqlite:///{work / 'demo.sqlite'}"}
    if env.pop("PYTHONDONTWRITEBYTECODE", None):
        env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=int, default=200)
    parser.add_argument("--processes", type=int, default=15)
    parser.add_argument("--pairs", type=int, default=7)
    args = parser.parse_args()

    print(load())
    orgs, persons = demo_organizations(), demo_persons()
    office, paper = demo_office(persons), seed_paper(orgs, persons)
    renderer = PaperPdfRenderer()
    for _ in range(5):
        renderer.render_paper(paper, office)
    describe(
        "1. Warm gerendert (in-process, Vorlage 20/0270)",
        timings(lambda: renderer.render_paper(paper, office), args.renders),
        0.020,
    )

    work = Path(tempfile.mkdtemp(prefix="kimdesk-bench-pdf-"))
    try:
        env = process_env(work)
        command = [*kimdesk_command(), "pdf", "20/0270", "-o", str(work / "v.pdf")]
        subprocess.run([*kimdesk_command(), "demo"], env=env, check=True, capture_output=True)
        for _ in range(2):  # bytecode, OS file cache
            subprocess.run(command, env=env, check=True, capture_output=True)

        def export() -> None:
            subprocess.run(command, env=env, check=True, capture_output=True)

        describe("2. kimdesk pdf 20/0270 als ganzer Prozess", timings(export, args.processes))

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        if soffice is None:
            print("3. LibreOffice: übersprungen – soffice ist nicht installiert.")
            return 0
        docx = write_docx(work / "Vorlage_20-0270.docx")
        profile = (work / "lo-profile").as_uri()
        convert = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "lo"),
            str(docx),
        ]
        subprocess.run(convert, check=True, capture_output=True, timeout=300)  # creates the profile

        def libreoffice() -> None:
            subprocess.run(convert, check=True, capture_output=True, timeout=300)

        office_times: list[float] = []
        kimdesk_times: list[float] = []
        for _ in range(args.pairs):
            office_times += timings(libreoffice, 1)
            kimdesk_times += timings(export, 1)
        describe("3. LibreOffice DOCX → PDF (soffice --headless --convert-to pdf)", office_times)
        describe("   kimdesk pdf im Wechsel damit", kimdesk_times)
        ratios = [o / k for o, k in zip(office_times, kimdesk_times, strict=True)]
        ratio = statistics.median(ratios)
        verdict = "erreicht" if ratio >= TARGET_RATIO else "verfehlt"
        print(
            f"   Verhältnis LibreOffice / kimdesk pdf (Median von {len(ratios)} Paaren): {ratio:.1f}× "
            f"(Min {min(ratios):.1f}×, Max {max(ratios):.1f}×; Ziel ≥ {TARGET_RATIO}×: {verdict})"
        )
        print(load())
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
