"""A qpdf job (the Sitzungsmappe's Anlagen) in a child process, so the program stays responsive.

``pikepdf.Job.run`` keeps Python's global interpreter lock while qpdf writes: for a packet of hundreds
of MB the window could not repaint, the progress dialog stood still and „Abbrechen“ did nothing until
qpdf was done. In a child process qpdf writes alone; this process only looks every tenth of a second how
far the output has grown (progress) and stops the child when the user cancels (cancel leaves the
caller's temporary file, which the caller removes).

The child is kimdesk itself with the internal first argument :data:`CHILD_ARGUMENT` (handled in
``kimdesk.__main__`` before anything else is imported): on an office PC there is no qpdf program, only
the bundle, and its ``sys.executable`` is kimdesk. Outside the bundle the child is ``python -m kimdesk``.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import kimdesk
from kimdesk.domain.errors import KimdeskError

#: First argument that makes kimdesk run one qpdf job (a JSON file) and exit; not a user command.
CHILD_ARGUMENT = "--qpdf-job"
#: How often the output's size is looked at (seconds): the progress dialog's pace and cancel's delay.
POLL = 0.1
FAILED = (
    "Sitzungsmappe: Die Anlagen ließen sich nicht in die Mappe schreiben. Bitte prüfen, ob auf dem "
    "Laufwerk genug Platz ist, und die Mappe erneut erstellen."
)

log = logging.getLogger(__name__)


class JobError(KimdeskError):
    """The qpdf job failed; the message is German, the child's own words went to the log."""


def run_job(job: dict[str, object], expected: int, progress: Callable[[int], None] | None) -> None:
    """Run ``job`` (qpdf's JSON job) in a child process and wait for it.

    ``progress`` hears the percentage written (the output's size against ``expected`` bytes, never 100
    before the child is done); an exception it raises stops the child and is raised here.
    """
    output = Path(str(job["outputFile"]))
    with tempfile.TemporaryDirectory(prefix="kimdesk-qpdf-") as work:
        spec = Path(work) / "job.json"
        spec.write_text(json.dumps(job), encoding="utf-8")
        errors_path = Path(work) / "fehler.txt"
        with errors_path.open("wb") as errors:
            child = subprocess.Popen(
                [*child_command(), str(spec)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=errors,
                env=_child_environment(),
                creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
            )
            done = 0
            try:
                while True:
                    try:
                        code = child.wait(POLL)
                        break
                    except subprocess.TimeoutExpired:
                        done = max(done, min(99, _size(output) * 100 // max(expected, 1)))
                        if progress is not None:
                            progress(done)
            finally:
                if child.poll() is None:  # cancelled (or this thread failed): the child goes too
                    child.kill()
                    child.wait()
        if code != 0:
            said = errors_path.read_text(encoding="utf-8", errors="replace").strip()
            log.error("qpdf-Auftrag endete mit %s: %s", code, said)
            raise JobError(FAILED)


def child_command() -> list[str]:
    """How to start kimdesk again: the bundle's own program, or this Python with ``-m kimdesk``."""
    if getattr(sys, "frozen", False):
        return [sys.executable, CHILD_ARGUMENT]
    return [sys.executable, "-m", "kimdesk", CHILD_ARGUMENT]


def child_main(spec: str) -> int:
    """The child: run the job in ``spec``; 0 when done, 2 (with qpdf's words on stderr) when not."""
    import pikepdf

    job = json.loads(Path(spec).read_text(encoding="utf-8"))
    try:
        pikepdf.Job(job).run()
    except Exception as exc:  # every kind qpdf raises: the parent reports it in German
        print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    return 0


def _child_environment() -> dict[str, str]:
    """This environment, with kimdesk's folder on the path when it runs from a source checkout."""
    env = dict(os.environ)
    if not getattr(sys, "frozen", False):
        root = str(Path(kimdesk.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
