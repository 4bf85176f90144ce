"""``kimdesk packet SITZUNG --beide``: the members' and the public Sitzungsmappe as one job."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from kimdesk.cli.common import Context, fail
from kimdesk.domain.meeting import Meeting
from kimdesk.services.packets import Progress, export_packets, packet_file_name


def both_packets(ctx: Context, args: argparse.Namespace, meeting: Meeting) -> int:
    """Both files into the folder ``-o`` (default: the current one), with their usual names; both or
    neither are written. Anlagen that could not be merged are reported once, return code 1."""
    if args.public:
        return fail("--beide schreibt auch die öffentliche Mappe; --public ist dabei nicht nötig.", 2)
    folder: Path = args.output or Path(".")
    if folder.suffix.lower() == ".pdf" and not folder.is_dir():
        return fail(f"-o: Mit --beide ist -o ein Ordner, keine Datei („{folder}“).", 2)
    paths = (folder / packet_file_name(meeting, False), folder / packet_file_name(meeting, True))
    started = time.perf_counter()
    problems: list[str] = []
    written = export_packets(
        ctx.app.uow_factory,
        ctx.app.packet_renderer,
        meeting.short_id,
        paths,
        progress=page_progress(" (beide Mappen)"),
        warn=problems.append,
        include_drafts=args.entwuerfe,
    )
    return report_written(written, started, problems)


def page_progress(suffix: str = "") -> Progress:
    """Pages done on a terminal's standard error (nothing when it is not a terminal); never cancels."""

    def progress(done: int, total: int) -> bool:
        if sys.stderr.isatty():
            print(f"\rSeite {done} von {total}{suffix}", end="", file=sys.stderr, flush=True)
        return True

    return progress


def report_written(paths: Sequence[Path], started: float, problems: list[str]) -> int:
    """Print the files written (and the time, on a terminal), then each Anlage that could not be
    merged; return code 1 if there was one."""
    if sys.stderr.isatty():
        print(file=sys.stderr)
    for path in paths:
        print(path)
    if sys.stderr.isatty():
        print(f"({time.perf_counter() - started:.1f} s)", file=sys.stderr)
    for problem in problems:
        fail(problem)
    return 1 if problems else 0
