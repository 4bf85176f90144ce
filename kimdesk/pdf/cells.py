"""Building blocks of the form's sections: check boxes, escaped user text, tables that split in a row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle

from kimdesk.pdf.flowables import FIT_MARGIN, MAX_CACHED_MARKUP, LaidOutTable, cached_paragraph, set_as_it_is
from kimdesk.pdf.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts
from kimdesk.pdf.shared_table import FieldText, SharedTable, content_key
from kimdesk.pdf.text import normalise, plain_markup, runs

CHECKED = "☒"
UNCHECKED = "☐"
BLANK = "______"
#: A table cell that draws nothing, where a row's other cells give its height: an empty string
#: would still be set as an (empty) line of text.
NOTHING: tuple[()] = ()
#: Table cells pad their text by this much on each side unless the table says otherwise.
CELL_INSET = 6.0
#: Smallest part (pt) of a table row left on a page when a row is split across pages.
SPLIT_IN_ROW = 30


def box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def para(text: str, style: ParagraphStyle, *, prefix: str = "", suffix: str = "") -> Paragraph:
    """A Paragraph of user text (escaped, glyph-checked); ``prefix``/``suffix`` are trusted markup."""
    font = getattr(style, "fontName", "")
    bold, italic = font in (BOLD, BOLD_ITALIC), font in (ITALIC, BOLD_ITALIC)
    if len(text) > MAX_CACHED_MARKUP:
        return cached_paragraph(prefix + plain_markup(text, bold=bold, italic=italic) + suffix, style)
    return cached_paragraph(prefix + _plain_markup(text, bold, italic) + suffix, style)


@lru_cache(maxsize=4096)
def _plain_markup(text: str, bold: bool, italic: bool) -> str:
    """The markup of a cell's text, made once per process: names, bodies and labels recur in every
    Vorlage of a packet and on every export."""
    return plain_markup(text, bold=bold, italic=italic)


@dataclass(frozen=True, slots=True)
class TextCell:
    """Plain text of a table cell, one ``style`` for all of it, ``lines`` as typed (no wrapping wanted).

    When every line fits into ``width`` (the column less its padding) in the style's face, the table
    sets the lines itself as a string cell, at the very place a Paragraph would put them, without a
    Paragraph's line breaking and drawing of its own; otherwise the cell holds ``fallback()`` (by
    default a Paragraph of the text), laid out as before.
    """

    lines: tuple[str, ...]
    style: ParagraphStyle
    width: float
    fallback: Callable[[], object] | None = None
    #: The Vorlage's own text (an amount, a count, a body's name) rather than the form's: in a shared
    #: table it is set over the form instead of being part of it (see ``shared_table``).
    field: bool = False

    def content(self) -> object:
        if self.fallback is not None:
            return self.fallback()
        return para("\n".join(self.lines), self.style)


def text_cell(text: str, style: ParagraphStyle, width: float) -> TextCell:
    """A cell of one piece of user text: plain when it fits on one line, else ``para(text, style)``."""
    return TextCell((text,), style, width)


def field_cell(text: str, style: ParagraphStyle, width: float) -> TextCell:
    """``text_cell`` of the Vorlage's own text in a form's table: in a shared table a field (see
    ``TextCell.field``); also allowed among the paragraphs of a cell's list."""
    return TextCell((text,), style, width, field=True)


@lru_cache(maxsize=4096)
def _plain_lines(lines: tuple[str, ...], style: ParagraphStyle, width: float) -> str | None:
    """The cell string for ``lines``, or None when a Paragraph is needed: a line that is empty, would
    wrap, has spaces a Paragraph would collapse, a soft hyphen, or a character the face lacks (or
    right-to-left)."""
    font, size = style.fontName, style.fontSize
    if not lines or style.alignment not in (TA_LEFT, TA_RIGHT) or style.leftIndent or style.rightIndent:
        return None
    if style.textColor != colors.black or style.backColor is not None:
        return None
    fonts = register_fonts()
    for line in lines:
        if line != normalise(line) or not set_as_it_is(line):
            return None
        if runs(line, font, fonts) != [(font, line)] or stringWidth(line, font, size) > width - FIT_MARGIN:
            return None
    return "\n".join(lines)


def _table_cell(
    value: object,
    at: tuple[int, int],
    commands: list[tuple[object, ...]],
    table_ops: set[object],
    fields: list[FieldText] | None,
) -> object:
    """``value``, or for a ``TextCell`` its string (with the commands that set it in the style's
    font, alignment and colour, as far as the table's own commands would set them otherwise), its
    field (``fields`` given: the table is shared) or its fallback. A cell's list may hold fields
    (left-aligned, one after the other like paragraphs) and other ``TextCell``s (their fallback)."""
    if isinstance(value, list):
        return [part for item in value for part in _listed(item, fields)]
    if not isinstance(value, TextCell):
        return value
    text = _plain_lines(value.lines, value.style, value.width)
    if text is None:
        return value.content()
    style = value.style
    commands.append(("FONT", at, at, style.fontName, style.fontSize, style.leading))
    if style.alignment == TA_RIGHT or "ALIGN" in table_ops:
        commands.append(("ALIGN", at, at, "RIGHT" if style.alignment == TA_RIGHT else "LEFT"))
    if "TEXTCOLOR" in table_ops:
        commands.append(("TEXTCOLOR", at, at, colors.black))
    if value.field and fields is not None:
        fields.append(FieldText(value.lines, style))
        return fields[-1]
    return text


def _listed(item: object, fields: list[FieldText] | None) -> list[object]:
    """A part of a cell's list: a field where the table is shared and it can be one, else as it is."""
    if not isinstance(item, TextCell):
        return [item]
    if (
        item.field
        and fields is not None
        and item.style.alignment == TA_LEFT
        and _plain_lines(item.lines, item.style, item.width) is not None
    ):
        fields.append(FieldText(item.lines, item.style))
        return [fields[-1]]
    content = item.content()
    return list(content) if isinstance(content, (list, tuple)) else [content]


def table_style(commands: list[tuple[object, ...]], font: tuple[object, ...] = (REGULAR,)) -> TableStyle:
    """A TableStyle whose plain-string cells use DejaVu too (ReportLab's default is Helvetica);
    ``font`` may give their size and leading as well (one pass over the cells instead of three)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), *font), *commands])


def make_table(
    rows: list[list[object]],
    widths: list[float],
    commands: list[tuple[object, ...]],
    *,
    repeat_rows: int = 0,
    font: tuple[object, ...] = (REGULAR,),
    shared: bool = False,
) -> Flowable:
    """A table whose rows may split inside a cell, so a very long entry flows onto the next page.

    A ``TextCell`` becomes a string cell in its style's font (see there) or its Paragraph. With
    ``shared``, a table whose cells are then strings, fields, paragraphs and spacers (see
    ``shared_table.content_key``) is a ``SharedTable``: its form drawn once per PDF however often it
    recurs, the fields set over it.
    """
    cell_commands: list[tuple[object, ...]] = []
    table_ops = {command[0] for command in commands}
    fields: list[FieldText] | None = [] if shared else None
    data = [
        [
            _table_cell(value, (column, row), cell_commands, table_ops, fields)
            for column, value in enumerate(cells)
        ]
        for row, cells in enumerate(rows)
    ]
    all_commands = [*commands, *cell_commands]

    def build(cells: list[list[object]]) -> LaidOutTable:
        return LaidOutTable(
            cells,
            colWidths=widths,
            repeatRows=repeat_rows,
            splitInRow=SPLIT_IN_ROW,
            style=table_style(all_commands, font),
        )

    cells = content_key(data) if shared else None
    if cells is not None:
        # Everything the table draws, as text: strings, numbers, colours (Color's repr is its value).
        key = repr((cells, widths, all_commands, repeat_rows, font, SPLIT_IN_ROW))
        if " at 0x" not in key:  # an object named by its address is not a value
            return SharedTable(key, build, data, fields or ())
    return build(data)  # fields in a table not shared after all are drawn by it as flowables
