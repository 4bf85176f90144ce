"""The Mitzeichnungen grid: one cell per sign-off role of the office, then Zahl der Protokollauszüge."""

from __future__ import annotations

from reportlab.platypus import Flowable

from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper, SignOff
from kimdesk.domain.timezone import BERLIN
from kimdesk.pdf.cells import BLANK, TextCell, make_table, para
from kimdesk.pdf.fitting import fitted_para, fitted_style
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.formats import format_date
from kimdesk.pdf.styles import FRAME_WIDTH, GRID_COLOR, LIGHT_FILL, Styles
from kimdesk.pdf.text import escape

GRID_COLUMNS = 6
PADDING = 3


def minutes_extracts(paper: Paper, label: str, st: Styles) -> Flowable:
    """Zahl der erforderlichen Protokollauszüge: the number, or a blank to fill in."""
    return cached_paragraph(f"{escape(label)} {_extracts(paper)}", st.small)


def _extracts(paper: Paper) -> str:
    return BLANK if paper.minutes_extracts is None else str(paper.minutes_extracts)


def _unsigned_cell(label: str, st: Styles, width: float) -> TextCell:
    """A role nobody has signed for yet: its label, then "Datum: ______" to fill in by hand."""

    def paragraphs() -> list[Flowable]:
        return [fitted_para(label, st.small, width), cached_paragraph(f"Datum: {BLANK}", st.small)]

    lines = (label, f"Datum: {BLANK}") if fitted_style(label, st.small, width) is st.small else ()
    return TextCell(lines, st.small, width, paragraphs)


def _signed_cell(label: str, sign_off: SignOff, st: Styles, width: float) -> list[Flowable]:
    """A role's latest decision: label, name, the decision unless plain "mitgezeichnet", date, checksum."""
    cell: list[Flowable] = [fitted_para(label, st.small, width)]
    name = ("i. V. " if sign_off.as_deputy else "") + sign_off.person_name
    if name.strip():
        cell.append(fitted_para(name, st.small, width))
    if sign_off.decision is not None and sign_off.decision.label != "mitgezeichnet":
        cell.append(cached_paragraph(sign_off.decision.label, st.small_italic))
    signed = format_date(sign_off.signed_at.astimezone(BERLIN).date()) if sign_off.signed_at else BLANK
    cell.append(cached_paragraph(f"Datum: {signed}", st.small))
    if sign_off.content_hash:
        cell.append(para(f"Prüfsumme {sign_off.content_hash[:12]}", st.small))
    return cell


def latest_sign_off(paper: Paper, role_key: str) -> SignOff | None:
    """The newest non-voided sign-off of the role that has a decision."""
    decided = [s for s in paper.active_sign_offs if s.role_key == role_key and s.decision is not None]
    if not decided:
        return None
    # Stable on equal or missing times: a later entry in the list counts as newer.
    ordered = sorted(enumerate(decided), key=lambda p: (p[1].signed_at is not None, p[1].signed_at, p[0]))
    return ordered[-1][1]


def sign_off_grid(
    paper: Paper,
    office: Office,
    st: Styles,
    *,
    heading: str = "Mitzeichnungen",
    extracts_label: str | None = "Zahl der erforderlichen Protokollauszüge:",
) -> Flowable:
    """Mitzeichnungen: one cell per role of the office, then (unless ``extracts_label`` is None)
    Zahl der Protokollauszüge. A role or name too wide for its cell is set smaller, never broken."""
    roles = sorted(enumerate(office.sign_off_roles), key=lambda p: (p[1].order, p[0]))
    columns = min(GRID_COLUMNS, max(1, len(roles)))
    inner = FRAME_WIDTH / columns - 2 * PADDING
    cells: list[object] = []
    for _, role in roles:
        sign_off = latest_sign_off(paper, role.key)
        label = f"{role.label}:"
        cells.append(
            _unsigned_cell(label, st, inner) if sign_off is None else _signed_cell(label, sign_off, st, inner)
        )
    full = FRAME_WIDTH - 2 * PADDING
    title = TextCell(
        (heading,), st.small_bold, full, lambda: cached_paragraph(escape(heading), st.small_bold)
    )
    rows: list[list[object]] = [[title] + [""] * (columns - 1)]
    for start in range(0, len(cells), columns):
        chunk: list[object] = list(cells[start : start + columns])
        rows.append(chunk + [""] * (columns - len(chunk)))
    if extracts_label is None:
        return make_table(
            rows,
            [FRAME_WIDTH / columns] * columns,
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("INNERGRID", (0, 1), (-1, -1), 0.5, GRID_COLOR),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID_COLOR),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
                ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
                ("BOTTOMPADDING", (0, 1), (-1, -1), 6),
            ],
            shared=True,
        )
    extracts = TextCell(
        (f"{extracts_label} {_extracts(paper)}",),
        st.small,
        full,
        lambda: minutes_extracts(paper, extracts_label, st),
        field=True,
    )
    rows.append([extracts] + [""] * (columns - 1))
    last = len(rows) - 1
    return make_table(
        rows,
        [FRAME_WIDTH / columns] * columns,
        [
            ("SPAN", (0, 0), (-1, 0)),
            ("SPAN", (0, last), (-1, last)),
            ("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("INNERGRID", (0, 1), (-1, last - 1), 0.5, GRID_COLOR),
            ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID_COLOR),
            ("LINEABOVE", (0, last), (-1, last), 0.5, GRID_COLOR),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
            ("BOTTOMPADDING", (0, 1), (-1, last - 1), 6),
        ],
        shared=True,
    )
