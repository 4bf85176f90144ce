"""Qt for the GUI tests: loaded, or skipped — but never skipped silently where the GUI tests must run."""

from __future__ import annotations

import importlib
import os

import pytest

REQUIRE_GUI_ENV = "KIMDESK_REQUIRE_GUI"


def gui_required() -> bool:
    """CI and ``scripts/test.sh`` (which sets KIMDESK_REQUIRE_GUI=1) demand that the GUI tests run."""
    return bool(os.environ.get("CI")) or os.environ.get(REQUIRE_GUI_ENV) == "1"


def require_qt_widgets() -> None:
    """Import PySide6's widgets; if that fails, skip the GUI tests — or fail the run when they are required.

    A failure names the library Qt could not load (e.g. ``libEGL.so.1``) instead of hiding 54 tests.
    """
    try:
        importlib.import_module("PySide6.QtWidgets")
    except ImportError as exc:
        if gui_required():
            pytest.fail(
                f"GUI-Tests werden verlangt (CI/{REQUIRE_GUI_ENV}=1), aber Qt lässt sich nicht laden: {exc}",
                pytrace=False,
            )
        pytest.skip(f"Qt lässt sich nicht laden, GUI-Tests übersprungen: {exc}", allow_module_level=True)
