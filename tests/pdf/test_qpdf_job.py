"""The Sitzungsmappe's qpdf step runs in a child process (kimdesk itself): its progress is reported while
it writes, cancel stops it at once, and a failure reaches the user in German."""

from __future__ import annotations

import logging
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kimdesk.pdf import qpdf_job
from kimdesk.services.packets import Cancelled
from tests.meetings.pdfs import tiny_pdf
from tests.slow_qpdf import alive, slow_child


def test_progress_grows_while_the_child_writes_and_cancel_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "kind.pid"
    monkeypatch.setattr(qpdf_job, "child_command", lambda: slow_child(pid_file))
    output = tmp_path / "mappe.pdf.tmp"
    seen: list[int] = []

    def progress(percent: int) -> None:
        seen.append(percent)
        if percent >= 3:  # the user presses „Abbrechen“ while the child is writing
            raise Cancelled("Sitzungsmappe: abgebrochen.")

    started = time.perf_counter()
    with pytest.raises(Cancelled):
        qpdf_job.run_job({"outputFile": str(output)}, 2 * 2**20, progress)  # 0,5 % a poll
    assert time.perf_counter() - started < 30
    assert seen == sorted(seen) and 3 <= seen[-1] < 100 and len(seen) >= 2
    assert not alive(int(pid_file.read_text()))  # stopped and reaped, not left writing
    size = output.stat().st_size
    time.sleep(0.2)
    assert output.stat().st_size == size


def test_the_real_child_writes_the_job_and_never_reports_done_early(tmp_path: Path) -> None:
    source = tmp_path / "vorlagen.pdf"
    source.write_bytes(tiny_pdf("TAGESORDNUNG", 3))
    output = tmp_path / "mappe.pdf"
    seen: list[int] = []
    qpdf_job.run_job(
        {"inputFile": str(source), "outputFile": str(output), "objectStreams": "disable"},
        source.stat().st_size,
        seen.append,
    )
    assert all(percent < 100 for percent in seen)
    assert output.read_bytes().startswith(b"%PDF-")
    checked = subprocess.run(["qpdf", "--check", str(output)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_a_failing_job_says_so_in_german_and_logs_qpdfs_words(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    job = {"inputFile": str(tmp_path / "fehlt.pdf"), "outputFile": str(tmp_path / "mappe.pdf")}
    with caplog.at_level(logging.ERROR), pytest.raises(qpdf_job.JobError) as raised:
        qpdf_job.run_job(job, 1, None)
    assert raised.value.message.startswith("Sitzungsmappe: Die Anlagen ließen sich nicht")
    assert "fehlt.pdf" in caplog.text  # qpdf's own words go to the log, not in front of the user


def test_the_child_is_kimdesk_itself() -> None:
    """No qpdf program on an office PC: the bundle starts itself (``sys.executable`` is kimdesk.exe)."""
    assert qpdf_job.child_command()[-3:] == ["-m", "kimdesk", qpdf_job.CHILD_ARGUMENT]
    frozen = [sys.executable, qpdf_job.CHILD_ARGUMENT]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sys, "frozen", True, raising=False)
        assert qpdf_job.child_command() == frozen
