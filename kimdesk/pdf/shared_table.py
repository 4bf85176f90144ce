"""A table that recurs unchanged in many Vorlagen of a packet, drawn once per PDF and shown again.

The NKF table of every Vorlage without financial impact is the same table, cell for cell; so is the
Mitzeichnungen grid of every Vorlage nobody has signed yet, and the empty Beschlussvermerk of every
Vorlage with the same Beratungsfolge. A ``SharedTable`` knows its content only as a key (cells,
widths and commands as plain values: strings, numbers, paragraphs as markup and style) and builds
the ReportLab table only when it must: to measure it the first time at a width (the size is kept
per process), to split it across pages, or to draw it the first time in a document. The second
time the same table is drawn in a document it becomes a PDF form (XObject) and every later one
shows that form: the same drawing, made and written once. A table that occurs once in a document
is drawn as it is.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from kimdesk.pdf.flowables import LaidOutParagraph, LaidOutTable

#: Room around a form's table for lines drawn across its edges (a form clips to its bounding box).
FORM_MARGIN = 50.0
#: Sizes kept per process, (key, width) → (width, height); forgotten when there are more.
MAX_SIZES = 4096

_sizes: dict[tuple[Hashable, float], tuple[float, float]] = {}
#: Per PDF (canvas): key → the form's name, or "" once the table was drawn there as it is.
_drawn: weakref.WeakKeyDictionary[Canvas, dict[Hashable, str]] = weakref.WeakKeyDictionary()


class SharedTable(Flowable):
    """``build()`` makes the table (aligned as ``hAlign`` says); ``key`` identifies everything it draws."""

    def __init__(self, key: Hashable, build: Callable[[], LaidOutTable], hAlign: str = "CENTER") -> None:
        super().__init__()
        self.key = key
        self.hAlign = hAlign
        self._build = build
        self._table: LaidOutTable | None = None
        self._offered = (0.0, 0.0)

    def table(self) -> LaidOutTable:
        if self._table is None:
            self._table = self._build()
        return self._table

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._offered = (availWidth, availHeight)
        size = _sizes.get((self.key, availWidth))
        if size is None or size[1] > availHeight:
            size = self.table().wrap(availWidth, availHeight)
            if size[1] <= availHeight:  # measured whole
                if len(_sizes) >= MAX_SIZES:
                    _sizes.clear()
                _sizes[(self.key, availWidth)] = size
        self.width, self.height = size
        return size

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts: list[Flowable] = self.table().split(availWidth, availHeight)
        return parts

    def draw(self) -> None:
        canvas: Any = self.canv
        forms = _drawn.setdefault(canvas, {})
        name = forms.get(self.key)
        if name is None:  # the first time in this PDF: drawn as it is
            forms[self.key] = ""
            self._draw_table(canvas)
            return
        if not name:
            name = forms[self.key] = f"kimdeskTable{sum(1 for shown in forms.values() if shown)}"
            margin = FORM_MARGIN
            canvas.beginForm(name, -margin, -margin, self.width + margin, self.height + margin)
            self._draw_table(canvas)
            canvas.endForm()
        canvas.doForm(name)

    def _draw_table(self, canvas: Canvas) -> None:
        table = self.table()
        table.wrap(*self._offered)
        table.drawOn(canvas, 0, 0)


def content_key(cells: list[list[object]]) -> tuple[object, ...] | None:
    """The cells as plain values, or None when a cell holds anything but strings, NOTHING, and
    paragraphs and spacers (alone or in a list): a table of other flowables is not shared."""
    rows: list[tuple[object, ...]] = []
    for row in cells:
        keys = tuple(_cell_key(cell) for cell in row)
        if None in keys:
            return None
        rows.append(keys)
    return tuple(rows)


def _cell_key(cell: object) -> object:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, (list, tuple)):
        keys = tuple(_flowable_key(part) for part in cell)
        return None if None in keys else keys
    return _flowable_key(cell)


def _flowable_key(flowable: object) -> object:
    if isinstance(flowable, Spacer) and type(flowable) is Spacer:
        return ("Spacer", flowable.width, flowable.height)
    if (
        isinstance(flowable, LaidOutParagraph)
        and type(flowable) is LaidOutParagraph
        and not flowable.bulletText
    ):
        return ("Paragraph", flowable.text, style_key(flowable.style))
    return None


_style_keys: weakref.WeakKeyDictionary[ParagraphStyle, str] = weakref.WeakKeyDictionary()


def style_key(style: ParagraphStyle) -> str:
    """Everything a style sets, as text (kept per style object)."""
    key = _style_keys.get(style)
    if key is None:
        key = _style_keys[style] = repr(sorted(style.__dict__.items()))
    return key
