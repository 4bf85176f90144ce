"""GUI benchmarks: start-up to a usable window, full-text search, opening the editor, memory.

    .venv/bin/python bench/bench_gui.py            # 10.000 Vorlagen for start/open/RSS, 100.000 for search
    .venv/bin/python bench/bench_gui.py --quick    # 2.000 / 10.000 (a smoke run)

The databases are generated once (bulk insert through the services' unit of work, committed in
batches) and kept under ``$KIMDESK_BENCH_DIR`` (default: the temp folder) for later runs; a later
kimdesk migrates them on first use (keeping a ``.bak-*`` copy beside them, which may be deleted).
Targets (issues 6 and 12): window shown ≤ 0,3 s, list usable ≤ 0,6 s, every action ready ≤ 0,8 s,
search ≤ 30 ms, open ≤ 100 ms, RSS ≤ 200 MB. The list is read by the ordinary way only: one task
on the thread pool opens the database and loads the first page (``kimdesk.ui.startup``).

What is measured:
- start: ``python -m kimdesk --db … gui`` as a subprocess, from spawning it to the lines it prints
  (window shown; list filled and painted; database open and every action enabled), median of 7,
  with kimdesk's bytecode compiled first, as an installation has it;
- search: count + first page of 200 rows through the services, as the list asks them, median;
- open: ``MainWindow.open_paper`` + one event-loop pass, first Vorlage after the start-up warm-up,
  then the median of 15 more;
- memory: VmRSS of a fresh GUI process whose list is scrolled to the end (every row loaded).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WORDS = [
    "Integration",
    "Sprachcafé",
    "Kita",
    "Schulweg",
    "Förderung",
    "Zuschuss",
    "Radweg",
    "Sanierung",
    "Turnhalle",
    "Bebauungsplan",
    "Klimaschutz",
    "Einbürgerung",
    "Ausländerbehörde",
    "Quartier",
    "Jugendhilfe",
    "Haushalt",
    "Stellenplan",
    "Feuerwehr",
    "Digitalisierung",
    "Bibliothek",
    "Wohnungsbau",
    "Spielplatz",
    "Friedhof",
    "Straßenbeleuchtung",
    "Busverbindung",
]


def populate(url: str, count: int, seed: int = 4711) -> None:
    """``count`` realistic Vorlagen over ten years, via the unit of work in batches of 500."""
    from kimdesk.app import open_app
    from kimdesk.domain.model import Consultation, Paper, PaperStatus, SignatureBlock
    from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
    from kimdesk.services.demo import load_demo

    rng = random.Random(seed)
    app = open_app(url)
    load_demo(app.uow_factory)
    with app.uow_factory() as uow:
        orgs = uow.organizations.list()
        persons = uow.persons.list()
    departments = [o for o in orgs if o.kind.value == "department"]
    committees = [o for o in orgs if o.kind.value == "committee"]
    numbers: dict[int, int] = {}
    made = 0
    while made < count:
        with app.uow_factory() as uow:
            for _ in range(min(500, count - made)):
                created = datetime(2016, 1, 1, tzinfo=UTC) + timedelta(
                    minutes=rng.randrange(10 * 365 * 24 * 60)
                )
                numbers[created.year] = numbers.get(created.year, 0) + 1
                words = rng.sample(WORDS, 4)
                text = " ".join(rng.choice(WORDS) for _ in range(60))
                paper = Paper(
                    reference=f"{created.year % 100:02d}/{numbers[created.year] + 5000:05d}",
                    title=f"{words[0]} und {words[1]}: {words[2]} im Bereich {words[3]}",
                    lead_department=rng.choice(departments),
                    rationale=RichText([Block(BlockKind.PARAGRAPH, [Span(text + ".")])]),
                    consultations=[
                        Consultation(
                            committee=rng.choice(committees),
                            meeting_date=(created + timedelta(days=30)).date(),
                            rapporteur=rng.choice(persons),
                        )
                    ],
                    draft_resolution=RichText.from_plain_exact("Der Rat beschließt wie vorgeschlagen."),
                    signature=SignatureBlock(
                        "Der Bürgermeister", True, "Rainer Weichelt", "Erster Beigeordneter"
                    ),
                    status=rng.choice(list(PaperStatus)),
                    created_at=created,
                    modified_at=created,
                    modified_by="bench",
                )
                uow.papers.add(paper)
                made += 1
            uow.commit()
    app.close()


def database(count: int) -> str:
    folder = Path(os.environ.get("KIMDESK_BENCH_DIR") or tempfile.gettempdir()) / "kimdesk-bench"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"papers-{count}.sqlite"
    url = f"sqlite:///{path.as_posix()}"
    if not path.exists():
        started = time.perf_counter()
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        populate(f"sqlite:///{partial.as_posix()}", count)
        partial.rename(path)
        print(f"  ({count} Vorlagen erzeugt in {time.perf_counter() - started:.0f} s)")
    return url


def compile_bytecode() -> None:
    """Compile kimdesk's modules as an installation has them (pip and PyInstaller do), so that a start
    measures the program, not Python compiling its sources (with ``PYTHONDONTWRITEBYTECODE`` set, as in
    a development shell, every start would otherwise compile them anew: ~0,1 s of CPU)."""
    import compileall

    import kimdesk

    compileall.compile_dir(Path(kimdesk.__file__).parent, quiet=1)


def bench_start(url: str, runs: int = 7) -> tuple[float, float, float]:
    """Process start → window shown, → list filled, → database open and every action enabled
    (median seconds), as a clerk would see it (bytecode compiled, as installed)."""
    compile_bytecode()
    shown, ready, attached = [], [], []
    env = dict(os.environ, KIMDESK_STARTUP_REPORT="1", KIMDESK_CONFIG_DIR=tempfile.mkdtemp())
    for _ in range(runs):
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "kimdesk", "--db", url, "gui", "--quit-after", "2"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        assert proc.stdout is not None
        first = proc.stdout.readline()
        shown.append(time.perf_counter() - started)
        assert "Hauptfenster angezeigt" in first, first
        line = proc.stdout.readline()
        ready.append(time.perf_counter() - started)
        assert line.startswith("bereit"), line + proc.stderr.read() if proc.stderr else ""
        while not line.startswith("Datenbank bereit"):
            line = proc.stdout.readline()
            assert line, proc.stderr.read() if proc.stderr else ""
        attached.append(time.perf_counter() - started)
        proc.wait(timeout=30)
    return statistics.median(shown), statistics.median(ready), statistics.median(attached)


def bench_search(url: str) -> tuple[float, float]:
    """Median ms of count + first page (200 rows), through the services, as the list asks them:
    for words found in ~93 % of the Vorlagen (every word of the generated texts), and for rare
    terms (parts of Vorlagen numbers)."""
    from kimdesk.app import open_app
    from kimdesk.services.papers import count_papers, list_papers
    from kimdesk.services.ports import PaperQuery

    app = open_app(url)

    def timed(words: list[str]) -> float:
        times = []
        for word in words:
            query = PaperQuery(text=word)
            started = time.perf_counter()
            count_papers(app.uow_factory, query)
            list_papers(app.uow_factory, PaperQuery(text=word, offset=0, limit=200))
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000

    common = timed(["Sprachcafé", "Turnhalle", "Einbürgerung", "Radweg", "Bibliothek", "Friedhof"] * 3)
    rare = timed(["14831", "25/1483", "0815", "12345", "09999", "1999"] * 3)
    app.close()
    return common, rare


def bench_open(url: str) -> tuple[float, float]:
    """ms to open the first Vorlage after start (warm-up done), and the median of further opens."""
    from kimdesk.app import open_app
    from kimdesk.ui.config import GuiConfig
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow

    os.environ["KIMDESK_CONFIG_DIR"] = tempfile.mkdtemp()
    qt_app = create_application("de")
    app = open_app(url)
    window = MainWindow(GuiConfig())
    window.show()
    window.attach(GuiContext(app, url))
    # as after a real start: the warm-up (PDF renderer, editor modules) runs while the list is read
    warm = window.warm_up()
    deadline = time.perf_counter() + 10
    while warm is not None and not warm.done and time.perf_counter() < deadline:
        qt_app.processEvents()
        time.sleep(0.01)
    qt_app.processEvents()
    model = window.list_page.model
    assert model is not None
    ids = [model.summary(i).id for i in range(0, 160, 10)]
    times = []
    for paper_id in ids:
        started = time.perf_counter()
        page = window.open_paper(paper_id)
        qt_app.processEvents()
        times.append(time.perf_counter() - started)
        assert page is not None
        window.close_tab(window.tabs.indexOf(page))
        qt_app.processEvents()
    for page in window.pages():
        page.shutdown()
    app.close()
    return times[0] * 1000, statistics.median(times[1:]) * 1000


def bench_rss(url: str) -> tuple[float, int]:
    """RSS (MB) of a fresh GUI process with every row of the list loaded (scrolled to the end)."""
    code = (
        "import os, tempfile\n"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')\n"
        "os.environ['KIMDESK_CONFIG_DIR'] = tempfile.mkdtemp()\n"
        "from kimdesk.app import open_app\n"
        "from kimdesk.ui.context import GuiContext\n"
        "from kimdesk.ui.main import create_application\n"
        "from kimdesk.ui.main_window import MainWindow\n"
        "qt = create_application('de')\n"
        f"app = open_app({url!r})\n"
        "window = MainWindow()\n"
        "window.show()\n"
        f"window.attach(GuiContext(app, {url!r}))\n"
        "view = window.list_page.view\n"
        "model = window.list_page.model\n"
        "while model.canFetchMore():\n"
        "    view.scrollToBottom()\n"
        "    qt.processEvents()\n"
        "view.scrollToBottom()\n"
        "qt.processEvents()\n"
        "rss = [l for l in open('/proc/self/status') if l.startswith('VmRSS:')][0].split()[1]\n"
        "print(int(rss) / 1024, model.rowCount())\n"
    )
    values = []
    listed = 0
    for _ in range(3):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        rss, rows = out.stdout.split()
        values.append(float(rss))
        listed = int(rows)
    return statistics.median(values), listed


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    small, large = (2000, 10000) if args.quick else (10000, 100000)
    print(f"Datenbanken: {small} und {large} Vorlagen (SQLite)")
    small_url, large_url = database(small), database(large)
    shown, ready, attached = bench_start(small_url)
    print(f"Start bis Hauptfenster sichtbar ({small}):      {shown * 1000:6.0f} ms   (Ziel ≤ 300 ms)")
    print(f"Start bis Liste benutzbar ({small}):            {ready * 1000:6.0f} ms   (Ziel ≤ 600 ms)")
    print(f"Start bis Datenbank offen, alles bedienbar:     {attached * 1000:6.0f} ms   (Ziel ≤ 800 ms)")
    common, rare = bench_search(large_url)
    print(f"Volltextsuche über {large}, häufiges Wort:     {common:6.1f} ms   (Ziel ≤ 30 ms)")
    print(f"Volltextsuche über {large}, seltener Begriff:  {rare:6.1f} ms")
    first, opened = bench_open(small_url)
    print(f"Erste Vorlage im Editor öffnen:                {first:6.0f} ms   (Ziel ≤ 100 ms)")
    print(f"Vorlage im Editor öffnen (Median):             {opened:6.0f} ms   (Ziel ≤ 100 ms)")
    rss, listed = bench_rss(small_url)
    print(f"Arbeitsspeicher mit {listed} gelisteten Vorlagen: {rss:6.0f} MB   (Ziel ≤ 200 MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
