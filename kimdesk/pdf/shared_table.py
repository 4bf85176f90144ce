"""A form's table drawn once per PDF and shown again, with each Vorlage's own texts set over it.

The NKF table of every Vorlage is the same form: the same rows, labels, lines and shading; only
the amounts differ. So is the Mitzeichnungen grid (only the Zahl der Protokollauszüge differs) and
the Beschlussvermerk (only the bodies differ), and the head's tables (Vorlage Nr., the body, the
Berichterstatter, the Sitzung). A ``SharedTable`` splits such a table in two: the
*form* — every cell but the fields, known only as a key (cells, widths and commands as plain values:
strings, numbers, paragraphs as markup and style) — and its *fields*, texts of the Vorlage that are
known to fit their cells in one face (``FieldText``). In the form, a field's cell holds a ``FieldSlot``
of the field's size, so the form lays out exactly as the whole table would; where the table draws the
slot, the field's text is set. The ReportLab table of the form is built only when it must be: to
measure it the first time at a width (the size is kept per process), or to draw it the first time in
a document. The second time the same form is drawn in a document it becomes a PDF form (XObject)
and every later one shows that form: the same drawing, made and written once; only the fields are
set each time. To split across pages, the whole table (the fields in their cells) is built and split.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Spacer

from kimdesk.pdf.flowables import LaidOutParagraph, LaidOutTable

#: Room around a form's table for lines drawn across its edges (a form clips to its bounding box).
FORM_MARGIN = 50.0
#: Sizes kept per process, (key, width) → (width, height); forgotten when there are more.
MAX_SIZES = 4096

Position = tuple[float, float]

_sizes: dict[tuple[Hashable, float], tuple[float, float]] = {}
#: Per PDF (canvas): key → (the form's name, or "" once the table was drawn there as it is; where
#: the table put its fields).
_drawn: weakref.WeakKeyDictionary[Canvas, dict[Hashable, tuple[str, list[Position | None]]]] = (
    weakref.WeakKeyDictionary()
)


class FieldText(Flowable):
    """Lines of a Vorlage's own text in one face, each known to fit its cell: placed by the table like
    a cell's string (first baseline one font size below the top, one leading apart), aligned on its
    anchor as the style says (a right-aligned text ends there). Zero wide, so the cell's alignment
    puts the anchor at the padding's edge, as it puts a string. Among a cell's paragraphs it keeps its
    style's spacing, as a one-line Paragraph would."""

    def __init__(self, lines: Sequence[str], style: ParagraphStyle) -> None:
        super().__init__()
        self.lines = tuple(lines)
        self.style = style
        self.width = 0
        self.height = len(self.lines) * style.leading
        self.spaceBefore = style.spaceBefore
        self.spaceAfter = style.spaceAfter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.set_on(self.canv, 0, 0)

    def set_on(self, canvas: Canvas, x: float, y: float) -> None:
        """Set the lines with ``(x, y)`` the bottom of the field's box at its anchor."""
        style = self.style
        right = style.alignment == TA_RIGHT
        text = canvas.beginText()
        text.setFont(style.fontName, style.fontSize, style.leading)
        baseline = y + self.height - style.fontSize
        for line in self.lines:
            shift = stringWidth(line, style.fontName, style.fontSize) if right else 0
            text.setTextOrigin(x - shift, baseline)
            text.textOut(line)
            baseline -= style.leading
        canvas.setFillColor(style.textColor)
        canvas.drawText(text)


class FieldSlot(FieldText):
    """A field's place in the form: its size and spacing; drawing it notes where it stands."""

    def __init__(self, field: FieldText, index: int, positions: list[Position | None]) -> None:
        super().__init__(field.lines, field.style)
        self.index = index
        self.positions = positions

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        # The table calls this with the slot's place in the table; nothing is drawn.
        self.positions[self.index] = (x, y)


class SharedTable(Flowable):
    """``build(cells)`` makes the table of ``cells`` (aligned as ``hAlign`` says); ``key`` identifies
    everything the form draws; ``fields`` are set over it (``FieldText`` objects among ``cells``)."""

    def __init__(
        self,
        key: Hashable,
        build: Callable[[list[list[object]]], LaidOutTable],
        cells: list[list[object]],
        fields: Sequence[FieldText] = (),
        hAlign: str = "CENTER",
    ) -> None:
        super().__init__()
        self.key = key
        self.hAlign = hAlign
        self.fields = tuple(fields)
        self._build = build
        self._cells = cells
        self._form: LaidOutTable | None = None
        self._positions: list[Position | None] = [None] * len(self.fields)
        self._offered = (0.0, 0.0)

    def table(self) -> LaidOutTable:
        """The table of the form: a ``FieldSlot`` in each field's place."""
        if self._form is None:
            slots: dict[int, FieldSlot] = {
                id(field): FieldSlot(field, index, self._positions) for index, field in enumerate(self.fields)
            }
            self._form = self._build(_replaced(self._cells, slots))
        return self._form

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
        parts: list[Flowable] = self._build(self._cells).split(availWidth, availHeight)
        return parts

    def draw(self) -> None:
        canvas: Any = self.canv
        forms = _drawn.setdefault(canvas, {})
        drawn = forms.get(self.key)
        if drawn is None:  # the first time in this PDF: drawn as it is
            self._draw_table(canvas)
            drawn = forms[self.key] = ("", self._positions)
        else:
            name, positions = drawn
            if not name:
                name = f"kimdeskTable{sum(1 for shown, _ in forms.values() if shown)}"
                margin = FORM_MARGIN
                canvas.beginForm(name, -margin, -margin, self.width + margin, self.height + margin)
                self._draw_table(canvas)
                canvas.endForm()
                drawn = forms[self.key] = (name, positions)
            canvas.doForm(name)
        for field, position in zip(self.fields, drawn[1], strict=True):
            if position is not None:  # None: under another cell's span, not shown
                field.set_on(canvas, *position)

    def _draw_table(self, canvas: Canvas) -> None:
        table = self.table()
        table.wrap(*self._offered)
        table.drawOn(canvas, 0, 0)


def _replaced(cells: list[list[object]], slots: dict[int, FieldSlot]) -> list[list[object]]:
    """``cells`` with each field (a cell, or a part of a cell's list) replaced by its slot."""

    def one(value: object) -> object:
        if isinstance(value, list):
            return [slots.get(id(part), part) for part in value]
        return slots.get(id(value), value)

    return [[one(value) for value in row] for row in cells]


def content_key(cells: list[list[object]]) -> tuple[object, ...] | None:
    """The cells as plain values, or None when a cell holds anything but strings, NOTHING, fields,
    and paragraphs and spacers (alone or in a list): a table of other flowables is not shared.
    A field counts by its size and face, not its text: it is not part of the form."""
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
    if type(flowable) is FieldText:
        return ("Field", len(flowable.lines), style_key(flowable.style))
    return None


_style_keys: weakref.WeakKeyDictionary[ParagraphStyle, str] = weakref.WeakKeyDictionary()
#: Everything a style sets, as text → a short name for it: a table's key names its styles, so that
#: making the key of every table of a packet does not copy their long descriptions again and again.
_style_names: dict[str, str] = {}


def style_key(style: ParagraphStyle) -> str:
    """A name for everything a style sets: the same for styles that set the same (kept per style
    object). A style holding an object named by its address keeps its description, so that a table
    key holding it is seen not to be a value."""
    key = _style_keys.get(style)
    if key is None:
        described = repr(sorted(style.__dict__.items()))
        if " at 0x" in described:
            key = described
        else:
            key = _style_names.setdefault(described, f"style{len(_style_names)}")
        _style_keys[style] = key
    return key
