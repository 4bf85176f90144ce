"""Windows open at a comfortable size, but never larger than the screen they open on.

A window of 1280 × 820 on a 1024 × 700 screen hid its right edge (the status column, the Gremium filter)
and its bottom edge behind the screen's border; the clerk could not see what was missing.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, shrunk to the available area of its screen."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        # the window frame (title bar, borders) needs room beside the client area
        width = min(width, available.width() - 16)
        height = min(height, available.height() - 48)
    widget.resize(width, height)
