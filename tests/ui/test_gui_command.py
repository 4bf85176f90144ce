"""``kimdesk gui --quit-after`` – what the frozen build's smoke test runs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_gui_command_shows_the_window_and_quits(sqlite_url: str, tmp_path: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        KIMDESK_CONFIG_DIR=str(tmp_path / "c"),
        KIMDESK_LOG_DIR=str(tmp_path / "l"),
    )
    result = subprocess.run(
        [sys.executable, "-m", "kimdesk", "--db", sqlite_url, "gui", "--quit-after", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Hauptfenster angezeigt"
    assert "Traceback" not in result.stderr
