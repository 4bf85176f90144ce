"""What every command shares: the lazily opened app and the one-line error exit."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kimdesk.app import App


class Context:
    """Opens the database only when a command needs it (``--help`` stays fast)."""

    def __init__(self, db_url: str | None) -> None:
        self.db_url = db_url
        self._app: App | None = None

    @property
    def app(self) -> App:
        if self._app is None:
            from kimdesk.app import open_app

            self._app = open_app(self.db_url)
        return self._app

    def close(self) -> None:
        if self._app is not None:
            self._app.close()
            self._app = None


def fail(message: str, code: int = 1) -> int:
    print(f"kimdesk: {message}", file=sys.stderr)
    return code
