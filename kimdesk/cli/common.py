"""What every command shares: the lazily opened app and the one-line error exit."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from kimdesk.app import App, open_app


class Context:
    """Opens the database only when a command needs it (``--help`` stays fast)."""

    def __init__(self, db_url: str | None, *, standalone: bool = False) -> None:
        self.db_url = db_url
        #: True when this is the ``kimdesk`` program itself, not ``main()`` called from Python.
        self.standalone = standalone
        self._app: App | None = None

    @property
    def app(self) -> App:
        if self._app is None:
            self._app = open_app(self.db_url)
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
            self._app = None


def fail(message: str, code: int = 1) -> int:
    print(f"kimdesk: {message}", file=sys.stderr)
    return code


@contextmanager
def loading(ctx: Context) -> Iterator[None]:
    """Load what a command needs (database layer, PDF renderer) with the cycle collector paused.

    Start-up creates some 100 000 long-lived objects (SQLAlchemy, ReportLab, fonts); the collector
    would walk them again and again while they are being imported (~40 ms for ``kimdesk pdf``).
    Afterwards they are frozen (never walked again) and the collector runs as usual. Only in the
    ``kimdesk`` program: a Python caller (tests, scripts) keeps its collector untouched.
    """
    if not ctx.standalone or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()
