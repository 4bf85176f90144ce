"""Reaktionszeit: the longest event-loop stall while a Vorlage opens, saves and autosaves on a slow server.

    .venv/bin/python bench/bench_gui_latency.py                 # throw-away PostgreSQL on 127.0.0.1
    .venv/bin/python bench/bench_gui_latency.py --pg-url URL    # an existing server instead
    .venv/bin/python bench/bench_gui_latency.py --delay-ms 100  # a slower line

PostgreSQL sits behind a small TCP proxy on 127.0.0.1 (an asyncio forwarder in a child process) that holds
every chunk for half the delay in each direction, i.e. ``--delay-ms`` (default 50 ms) per round trip.
The real editor runs offscreen; a 5 ms QTimer records the gaps between its ticks, and the longest gap
minus the interval is the stall. Measured per action, several rounds each: opening a Vorlage (load +
building the editor), Strg+S (``MainWindow.save_current`` until saved) and the autosave (an edit,
``autosave_now`` until written); "idle" is one second with nothing to do, the machine's own noise.
Target (issue 12): no stall over 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TICK_MS = 5


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def throwaway_postgres() -> Iterator[str]:
    """initdb + pg_ctl into a temp folder, listening on 127.0.0.1 only (as scripts/test.sh does)."""
    bins = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
    if not bins:
        raise SystemExit("PostgreSQL-Programme nicht gefunden (/usr/lib/postgresql/*/bin).")
    pg_bin = bins[-1]
    folder = Path(tempfile.mkdtemp(prefix="kimdesk-pg-"))
    as_pg: list[str] = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    subprocess.run(
        [*as_pg, str(pg_bin / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
    )
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder}"
    ctl = [*as_pg, str(pg_bin / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"), "-w"]
    subprocess.run([*ctl, "-o", options, "start"], check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*ctl, "-m", "fast", "stop"], check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, half: float) -> None:
    """Forward one direction; each chunk leaves ``half`` seconds after it came, in order."""
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def send() -> None:
        while True:
            due, chunk = await queue.get()
            if not chunk:
                break
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            writer.write(chunk)
            await writer.drain()
        writer.close()

    sender = asyncio.create_task(send())
    with contextlib.suppress(ConnectionError):
        while chunk := await reader.read(65536):
            queue.put_nowait((time.monotonic() + half, chunk))
    queue.put_nowait((0.0, b""))
    with contextlib.suppress(ConnectionError):
        await sender


async def _serve_proxy(target_port: int, delay: float) -> None:
    async def client(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            up_reader, up_writer = await asyncio.open_connection("127.0.0.1", target_port)
            await asyncio.gather(_pipe(reader, up_writer, delay / 2), _pipe(up_reader, writer, delay / 2))

    server = await asyncio.start_server(client, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


@contextlib.contextmanager
def delay_proxy(target_port: int, delay_ms: float) -> Iterator[int]:
    """The forwarder in its own process (in this one it would compete with the GUI for the GIL)."""
    command = [sys.executable, __file__, "--serve-proxy", str(target_port), "--delay-ms", str(delay_ms)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        yield int(process.stdout.readline())
    finally:
        process.terminate()
        process.wait(10)


class StallMeter:
    """A 5 ms timer on the GUI thread; the longest gap between two ticks, minus the interval."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.worst = 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def measure(self, action: Callable[[], object], done: Callable[[], bool]) -> float:
        """Run ``action`` from the event loop; the worst stall (ms) until ``done()``."""
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication

        self.worst, self.last = 0.0, time.perf_counter()
        self.timer.start()
        QTimer.singleShot(0, action)
        started = time.perf_counter()
        while not done() or time.perf_counter() - started < 0.05:
            QApplication.processEvents()
            time.sleep(0.001)
            if time.perf_counter() - started > 60:
                raise SystemExit("Zeitüberschreitung beim Messen")
        self.timer.stop()
        self._tick()
        return max(0.0, self.worst * 1000 - TICK_MS)


def run(url: str, delay_ms: float, rounds: int) -> dict[str, list[float]]:
    from kimdesk.app import open_app
    from kimdesk.services.demo import load_demo
    from kimdesk.services.papers import list_papers
    from kimdesk.services.ports import PaperQuery
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.main import create_application
    from kimdesk.ui.main_window import MainWindow
    from kimdesk.ui.startup import collect_again

    gc.disable()  # kimdesk gui pauses the cycle collector while it starts (kimdesk.cli.gui)
    direct = open_app(url)  # migrate and fill without the delay
    if not list_papers(direct.uow_factory, PaperQuery()):
        load_demo(direct.uow_factory)
    ids = [summary.id for summary in list_papers(direct.uow_factory, PaperQuery())]
    direct.close()

    port = int(url.rsplit(":", 1)[1].split("/", 1)[0])
    proxy = contextlib.ExitStack()
    slow_url = url.replace(f":{port}/", f":{proxy.enter_context(delay_proxy(port, delay_ms))}/")
    create_application("de")
    app = open_app(slow_url, migrate=False)
    window = MainWindow()
    window.attach(GuiContext(app, slow_url))
    window.show()
    meter = StallMeter()
    warm = window.warm_up()  # as kimdesk does after start-up
    collect_again()  # and, as kimdesk gui does, what start-up built stays out of the collector's walks
    meter.measure(lambda: None, lambda: warm is None or warm.done)
    figures: dict[str, list[float]] = {"idle": [], "open": [], "save": [], "autosave": []}
    try:
        for index in range(rounds):
            figures["idle"].append(_idle(meter))
            for action, stall in _round(window, meter, ids[index % len(ids)], index).items():
                figures[action].append(stall)
    finally:
        for page in window.pages():
            page.shutdown()
        window.close()
        app.close()
        proxy.close()
    return figures


def _idle(meter: StallMeter) -> float:
    """One second with nothing to do: the machine's own noise."""
    until = time.perf_counter() + 1.0
    return meter.measure(lambda: None, lambda: time.perf_counter() > until)


def _round(window: Any, meter: StallMeter, paper_id: object, index: int) -> dict[str, float]:
    """Open one Vorlage, change and save it (Strg+S), change it and autosave; the stall of each."""
    opened: list[object] = []
    stalls = {"open": meter.measure(lambda: opened.append(window.open_paper(paper_id)), lambda: bool(opened))}
    page = window.page_for(paper_id)
    assert page is not None
    window.tabs.setCurrentWidget(page)
    page.editor.title_edit.setText(f"{page.editor.title_edit.text()} ({index})")
    stalls["save"] = meter.measure(window.save_current, lambda: not page.busy and not page.dirty)
    page.editor.resolution.edit.setPlainText(f"Entwurf {index}")
    stalls["autosave"] = meter.measure(page.autosave_now, lambda: not page.busy)
    page.discard_autosave()
    page.editor.undo_stack.setClean()  # leave the round's edit behind without a question
    window.close_tab(window.tabs.indexOf(page))
    return stalls


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pg-url", help="an existing PostgreSQL (postgresql+psycopg://…@127.0.0.1:PORT/db)")
    parser.add_argument("--delay-ms", type=float, default=50.0, help="added per round trip (default 50)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--serve-proxy", type=int, metavar="PORT", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_proxy:
        with contextlib.suppress(KeyboardInterrupt):
            asyncio.run(_serve_proxy(args.serve_proxy, args.delay_ms / 1000))
        return
    with contextlib.ExitStack() as stack:
        url = args.pg_url or stack.enter_context(throwaway_postgres())
        figures = run(url, args.delay_ms, args.rounds)
    delay = f"+{args.delay_ms:.0f} ms je Round-Trip"
    print(f"Reaktionszeit, PostgreSQL über Proxy mit {delay}, {args.rounds} Runden")
    worst = 0.0
    for action, stalls in figures.items():
        if action != "idle":
            worst = max(worst, *stalls)
        shown = ", ".join(f"{s:.0f}" for s in stalls)
        print(f"  {action:<9} längster Stillstand {max(stalls):5.1f} ms   (je Runde: {shown})")
    verdict = "erreicht" if worst <= 50 else "VERFEHLT"
    print(f"Ziel: kein Stillstand über 50 ms – {verdict} (höchstens {worst:.1f} ms)")


if __name__ == "__main__":
    main()
