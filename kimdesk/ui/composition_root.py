"""The composition root's database opener, for a GUI started without one (``kimdesk`` with no command)."""

from __future__ import annotations

import importlib

from kimdesk.ui.context import AppOpener


def default_opener() -> AppOpener:
    """``kimdesk.app.open_app``."""
    # kimdesk.app is the composition root above the ui layer; it is looked up at run time so that
    # the import graph keeps pointing down (the CLI passes it in explicitly).
    opener: AppOpener = importlib.import_module("kimdesk.app").open_app
    return opener
