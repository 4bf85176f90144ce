"""One logging set-up: INFO from the services reaches the log file, a crash leaves a faulthandler dump, and
a Qt that cannot load is named in German on the console and in the log file (the windowed build has none)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def kimdesk(
    log_dir: Path, *args: str, script: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``kimdesk ARGS`` in its own process (``script`` runs first, e.g. breaking Qt), logs in ``log_dir``."""
    code = f"import sys\n{script}\nimport runpy\nrunpy.run_module('kimdesk', run_name='__main__')"
    environment = {
        **os.environ,
        "KIMDESK_LOG_DIR": str(log_dir),
        "QT_QPA_PLATFORM": "offscreen",
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        cwd=log_dir.parent,
    )


def test_info_from_a_service_reaches_the_log_file_of_a_command(tmp_path: Path) -> None:
    db, logs, pdf = f"sqlite:///{tmp_path / 'k.sqlite'}", tmp_path / "log", tmp_path / "v.pdf"
    assert kimdesk(logs, "--db", db, "demo").returncode == 0
    result = kimdesk(logs, "--db", db, "pdf", "20/0270", "-o", str(pdf))
    assert result.returncode == 0, result.stderr
    text = (logs / "kimdesk.log").read_text(encoding="utf-8")
    assert (
        f"INFO kimdesk.services.files: Ausgabedatei geschrieben: {pdf} ({pdf.stat().st_size} Bytes)" in text
    )
    assert result.stderr == ""  # INFO is for the file only


GUI_WRITES_ONCE_READY = """
import kimdesk.ui.startup as startup
from PySide6.QtWidgets import QApplication
from kimdesk.services.files import write_atomically
ready, target = startup.focus_autosave, Path(sys.argv.pop())
def ready_then_write(tabs):
    ready(tabs)
    write_atomically(target, b"%PDF-1.4\\n", what="PDF")
    QApplication.quit()  # done: no need to wait for --quit-after
startup.focus_autosave = ready_then_write
"""


def test_info_from_a_service_reaches_the_log_file_while_the_gui_runs(tmp_path: Path) -> None:
    """``kimdesk gui`` sets up the same logging: a service writing a file while the window is open logs it."""
    db, logs, pdf = f"sqlite:///{tmp_path / 'k.sqlite'}", tmp_path / "log", tmp_path / "v.pdf"
    assert kimdesk(logs, "--db", db, "demo").returncode == 0
    script = "from pathlib import Path\n" + GUI_WRITES_ONCE_READY
    env_config = {"KIMDESK_CONFIG_DIR": str(tmp_path / "config")}
    result = kimdesk(logs, "--db", db, "gui", "--quit-after", "90", str(pdf), script=script, env=env_config)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Hauptfenster angezeigt"
    text = (logs / "kimdesk.log").read_text(encoding="utf-8")
    assert "INFO kimdesk.ui.main: Hauptfenster nach" in text
    assert f"INFO kimdesk.services.files: PDF geschrieben: {pdf} (9 Bytes)" in text


def test_a_crash_of_the_interpreter_leaves_a_traceback_in_the_log_folder(tmp_path: Path) -> None:
    logs = tmp_path / "log"
    crash = (
        "import resource, faulthandler\n"
        "resource.setrlimit(resource.RLIMIT_CORE, (0, 0))\n"
        "import kimdesk.cli.database as command\n"
        "command.cmd_upgrade = lambda ctx, args: faulthandler._sigsegv()\n"
    )
    result = kimdesk(logs, "--db", f"sqlite:///{tmp_path / 'k.sqlite'}", "db", "upgrade", script=crash)
    assert result.returncode != 0
    dump = (logs / "kimdesk-crash.log").read_text(encoding="utf-8")
    assert "Fatal Python error: Segmentation fault" in dump
    assert "Current thread" in dump and "<lambda>" in dump  # where it crashed


BREAK_QT = """
import builtins
real_import = builtins.__import__
def broken(name, *args, **kwargs):
    if name.startswith("PySide6.QtGui") or (name == "PySide6" and "QtGui" in (args[2] or ())):
        raise ImportError(
            "libxkbcommon.so.0: cannot open shared object file: No such file or directory",
            name="PySide6.QtGui",
        )
    return real_import(name, *args, **kwargs)
builtins.__import__ = broken
"""


@pytest.mark.parametrize("command", [[], ["gui"]], ids=["kimdesk", "kimdesk gui"])
def test_a_missing_qt_library_is_named_in_german(tmp_path: Path, command: list[str]) -> None:
    logs = tmp_path / "log"
    result = kimdesk(logs, "--db", f"sqlite:///{tmp_path / 'k.sqlite'}", *command, script=BREAK_QT)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith("kimdesk: Die grafische Oberfläche kann nicht starten:")
    assert "„libxkbcommon.so.0“ fehlt" in line
    assert line.removeprefix("kimdesk: ") in (logs / "kimdesk.log").read_text(encoding="utf-8")


def test_the_windowed_build_writes_the_qt_failure_into_the_log_file(tmp_path: Path) -> None:
    """kimdesk-gui.exe starts with sys.stderr = None: the log file is the only place the reason can go."""
    logs = tmp_path / "log"
    no_console = 'sys.modules["PySide6.QtWidgets"] = None\nsys.stdout = sys.stderr = None\n'
    result = kimdesk(logs, script=no_console)
    assert result.returncode != 0
    assert result.stderr == ""
    text = (logs / "kimdesk.log").read_text(encoding="utf-8")
    assert "Die grafische Oberfläche kann nicht starten: Das Qt-Modul „PySide6.QtWidgets“" in text
    assert "PySide6.QtWidgets halted; None in sys.modules" in text  # the details for the support
