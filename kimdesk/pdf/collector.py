"""The cycle collector paused while ReportLab lays out a document.

A packet of 100 Vorlagen makes some hundred thousand short-lived objects (fragments, text objects,
table cells) and keeps its story alive until the last page: Python's cycle collector ran about 90
times during one packet and, once per packet or so, walked every object of the process (fonts,
ReportLab, the program) for 0,1–0,2 s, 10–20 % of the packet's CPU time, finding almost nothing.
Paused, whatever cycles the layout left are collected by the next automatic collection afterwards.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector for the block; restore it however the block ends.

    A collector already paused (by the caller, e.g. while the program starts) stays as it is, and a
    nested pause leaves it to the outer one.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
