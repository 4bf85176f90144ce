"""The GUI's start path sets up the same logging as the command line: INFO from services reaches the file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def test_info_from_a_service_reaches_the_log_file_while_the_gui_runs(
    qapp: Any, demo_app: Any, sqlite_url: str, tmp_path: Path
) -> None:
    from PySide6.QtCore import QTimer

    from kimdesk.app import open_app
    from kimdesk.services.files import write_atomically
    from kimdesk.ui.main import run_gui

    target = tmp_path / "Vorlage.pdf"
    QTimer.singleShot(300, lambda: write_atomically(target, b"%PDF-1.4\n", what="PDF"))
    assert run_gui(sqlite_url, quit_after=1.5, opener=open_app) == 0
    text = (Path(os.environ["KIMDESK_LOG_DIR"]) / "kimdesk.log").read_text(encoding="utf-8")
    assert "INFO kimdesk.ui.main: Hauptfenster nach" in text
    assert f"INFO kimdesk.services.files: PDF geschrieben: {target} (9 Bytes)" in text
