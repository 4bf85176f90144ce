"""A stand-in for a qpdf job that takes long (a Sitzungsmappe with a GB of scans): the child writes its
output a KB at a time until it is stopped, and leaves its process id where the test says."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCRIPT = """
import json, os, sys, time
job = json.load(open(sys.argv[-1], encoding="utf-8"))
open(sys.argv[-2], "w").write(str(os.getpid()))
with open(job["outputFile"], "wb") as out:
    while True:
        out.write(b"%" * 1024)
        out.flush()
        time.sleep(0.01)
"""


def slow_child(pid_file: Path) -> list[str]:
    """The command for ``kimdesk.pdf.qpdf_job.child_command``: run_job appends the job file."""
    return [sys.executable, "-c", SCRIPT, str(pid_file)]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
