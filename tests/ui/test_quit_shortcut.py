"""Strg+Q ends kimdesk, as in every other program.

Under X11 Qt's standard Quit key is Ctrl+Q itself; registering Ctrl+Q a second time made Qt report an
"ambiguous shortcut overload" and do nothing (seen under Xvfb). The offscreen platform of the tests has no
standard Quit key, so the rule is tested on the key lists X11 and Windows give, and the shortcut on
the window.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from kimdesk.ui.window_menu import distinct_keys


def test_ctrl_q_is_registered_once_whatever_the_platform_calls_quit() -> None:
    x11 = distinct_keys([QKeySequence("Ctrl+Q"), QKeySequence("Ctrl+Q")])
    windows = distinct_keys([QKeySequence(""), QKeySequence("Ctrl+Q")])  # no standard Quit key
    assert [k.toString() for k in x11] == ["Ctrl+Q"]
    assert [k.toString() for k in windows] == ["Ctrl+Q"]


def test_ctrl_q_closes_the_main_window(window: Any, qtbot: Any) -> None:
    keys = [key.toString() for key in window.menu.quit_action.shortcuts()]
    assert "Ctrl+Q" in keys and len(keys) == len(set(keys))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow(), timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
