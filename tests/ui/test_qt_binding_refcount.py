"""The Qt bindings must not leak or drop references: PySide6 6.12.0 on Python 3.11 dropped one reference to
None per call of a method without a result, and the interpreter aborted after a few thousand such calls
(an editing session makes them on every key). Python 3.12+ makes None immortal, so only 3.11 crashed."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QTextEdit


def test_calls_without_a_result_keep_nones_reference_count(qtbot: Any) -> None:
    edit = QTextEdit()
    qtbot.addWidget(edit)
    edit.update()  # warm up: the first call may create cached objects
    before = sys.getrefcount(None)
    for _ in range(500):
        edit.update()
        edit.setFocus()
        edit.clear()
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 50, f"None's reference count moved by {drift} in 1,500 Qt calls"
