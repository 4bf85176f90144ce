"""The log file rotates without losing backups when another kimdesk process holds it open (Windows)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

from kimdesk.services import logs


def record(text: str) -> logging.LogRecord:
    return logging.LogRecord("kimdesk.test", logging.INFO, __file__, 1, text, None, None)


def test_a_log_file_that_cannot_be_renamed_keeps_growing_and_the_backups_stay(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "kimdesk.log"
    (tmp_path / "kimdesk.log.1").write_text("gestern\n", encoding="utf-8")
    (tmp_path / "kimdesk.log.2").write_text("vorgestern\n", encoding="utf-8")
    handler = logs.SharedRotatingFileHandler(path, maxBytes=50, backupCount=3, encoding="utf-8", delay=True)
    real_replace = os.replace

    def locked(source: str, target: str) -> None:
        if source == str(path):  # as Windows answers while the GUI has the file open
            raise PermissionError(13, "Der Prozess kann nicht auf die Datei zugreifen")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", locked)
    monkeypatch.setattr(os, "rename", locked)
    for number in range(6):
        handler.emit(record(f"Eintrag {number} " + "x" * 20))
    assert [line.split()[1] for line in path.read_text(encoding="utf-8").splitlines()] == list("012345")
    assert (tmp_path / "kimdesk.log.1").read_text(encoding="utf-8") == "gestern\n"
    assert (tmp_path / "kimdesk.log.2").read_text(encoding="utf-8") == "vorgestern\n"

    monkeypatch.undo()  # the other process has closed the file
    handler.emit(record("danach"))
    handler.close()
    assert path.read_text(encoding="utf-8") == "danach\n"
    assert "Eintrag 5" in (tmp_path / "kimdesk.log.1").read_text(encoding="utf-8")
    assert (tmp_path / "kimdesk.log.2").read_text(encoding="utf-8") == "gestern\n"
    assert (tmp_path / "kimdesk.log.3").read_text(encoding="utf-8") == "vorgestern\n"


def test_an_unwritable_log_folder_costs_the_file_not_the_command(tmp_path: Path) -> None:
    blocked = tmp_path / "datei"
    blocked.write_text("", encoding="utf-8")
    assert logs.setup_logging(blocked / "log") is None
    logging.getLogger("kimdesk.test").error("geht trotzdem")  # no exception
