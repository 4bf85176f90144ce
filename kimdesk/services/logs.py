"""One logging set-up for the command line and the GUI.

``kimdesk.*`` loggers write INFO and above into ``kimdesk.log`` in the user's log folder (rotating, 1 MB × 4);
other libraries only their warnings. A crash of the interpreter itself (segfault in Qt, ReportLab's C code …)
is written by faulthandler into ``kimdesk-crash.log`` beside it. Warnings and errors also go to stderr as one
line ``kimdesk: …`` without a traceback (the traceback is in the file).
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
from pathlib import Path
from typing import IO

from platformdirs import user_log_dir

LOG_DIR_ENV = "KIMDESK_LOG_DIR"
LOG_FILE = "kimdesk.log"
CRASH_FILE = "kimdesk-crash.log"
MAX_BYTES = 1_000_000
BACKUPS = 3

log = logging.getLogger(__name__)


def log_dir() -> Path:
    """``$KIMDESK_LOG_DIR`` (tests, portable installs) or the platform's user log folder."""
    return Path(os.environ.get(LOG_DIR_ENV) or user_log_dir("kimdesk", appauthor=False))


class SharedRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Rotates like its parent, but moves the full file aside *before* shifting the backups.

    On Windows a file another kimdesk process has open (the GUI while a command runs) cannot be renamed. The
    parent would shift ``.1`` → ``.2`` … first and fail on the last step, losing a backup on every record;
    here nothing moves then, and the record is appended to the current file until a later rotation succeeds.
    """

    def doRollover(self) -> None:
        if self.stream:
            self.stream.close()
            self.stream = None
        pending = f"{self.baseFilename}.rotating"
        try:
            os.replace(self.baseFilename, pending)
        except OSError:
            pass
        else:
            for number in range(self.backupCount - 1, 0, -1):
                older = f"{self.baseFilename}.{number}"
                if os.path.exists(older):
                    os.replace(older, f"{self.baseFilename}.{number + 1}")
            os.replace(pending, f"{self.baseFilename}.1")
        if not self.delay:
            self.stream = self._open()


class _OneLine(logging.Formatter):
    """``kimdesk: <message>`` – what the user sees on the console, no level names, no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        return f"kimdesk: {record.getMessage()}"


class _Setup:
    folder: Path | None = None
    path: Path | None = None
    handlers: tuple[logging.Handler, ...] = ()
    crash_file: IO[str] | None = None


def setup_logging(folder: Path | None = None, *, console: bool = True) -> Path | None:
    """Set up logging once per process (again only for another ``folder``); returns the log file's path.

    A log folder that cannot be created costs the file, never the command: then the path is None and a
    warning goes to the console.
    """
    folder = folder or log_dir()
    if _Setup.folder == folder:
        return _Setup.path
    teardown_logging()
    root = logging.getLogger()
    handlers: list[logging.Handler] = []
    if console:
        stream = logging.StreamHandler()
        stream.setLevel(logging.WARNING)
        stream.setFormatter(_OneLine())
        handlers.append(stream)
    path: Path | None = folder / LOG_FILE
    problem = ""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # kept open for the process's lifetime: faulthandler writes into it when the interpreter dies
        _Setup.crash_file = open(folder / CRASH_FILE, "a", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        path, problem = None, exc.strerror or str(exc)
    else:
        file = SharedRotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        file.setLevel(logging.INFO)
        file.setFormatter(logging.Formatter("%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"))
        handlers.append(file)
        faulthandler.enable(_Setup.crash_file, all_threads=True)
    for handler in handlers:
        root.addHandler(handler)
    logging.getLogger("kimdesk").setLevel(logging.INFO)
    _Setup.folder, _Setup.path, _Setup.handlers = folder, path, tuple(handlers)
    if path is None:
        log.warning(
            "Protokollordner „%s“ ist nicht beschreibbar (%s); es wird nicht protokolliert.", folder, problem
        )
    return path


def teardown_logging() -> None:
    """Remove what ``setup_logging`` added (tests; a second set-up for another folder)."""
    root = logging.getLogger()
    for handler in _Setup.handlers:
        root.removeHandler(handler)
        handler.close()
    if _Setup.crash_file is not None:
        faulthandler.disable()
        _Setup.crash_file.close()
    _Setup.folder, _Setup.path, _Setup.handlers, _Setup.crash_file = None, None, (), None
