"""The head of a Vorlage as the office's profile lays it out.

The top line (the office with its letterhead and logo, Vorlage Nr. and Vorlagenart), the head fields
(federführendes Amt, Aktenzeichen), then either the one body the Vorlage is for (with Berichterstatter,
Zuständigkeit, Sitzung, Punkt) or the whole Beratungsfolge as a table, and the öffentlich line.
"""

from __future__ import annotations

import base64
import binascii
import io

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer

from kimdesk.domain.form_profile import FormProfile, HeadLayout, PaperKind
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Consultation, Paper
from kimdesk.pdf.cells import TextCell, field_cell, make_table, para, text_cell
from kimdesk.pdf.fitting import CELL_PADDING, fitted_cell, fitted_para, fitted_style
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.formats import format_date
from kimdesk.pdf.styles import FRAME_WIDTH, GRID_COLOR, LIGHT_FILL, Styles
from kimdesk.pdf.text import escape

LOGO_HEIGHT = 16 * mm
LOGO_MAX_WIDTH = 40 * mm


def logo_image(profile: FormProfile) -> Image | None:
    """The profile's logo scaled to the letterhead, or None (none, or not a readable image)."""
    if not profile.logo:
        return None
    try:
        data = base64.b64decode(profile.logo, validate=True)
        width, height = ImageReader(io.BytesIO(data)).getSize()
    except (binascii.Error, ValueError, OSError):
        return None
    if not width or not height:
        return None
    scale = min(LOGO_HEIGHT / height, LOGO_MAX_WIDTH / width)
    return Image(io.BytesIO(data), width=width * scale, height=height * scale)


def top_table(paper: Paper, office: Office, kind: PaperKind, st: Styles) -> Flowable:
    profile = office.form_profile
    widths = [FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.55]  # no padding
    left: list[Flowable] | TextCell = text_cell(office.municipality, st.value_bold, widths[0])
    extra: list[Flowable] = [para(line, st.small) for line in profile.letterhead]
    logo = logo_image(profile)
    if extra or logo is not None:
        name = para(office.municipality, st.value_bold)
        left = [*([logo, Spacer(1, 1 * mm)] if logo is not None else []), name, *extra]
    return make_table(
        [
            [left, field_cell(f"{profile.labels.reference} {paper.reference}", st.reference, widths[1])],
            ["", text_cell(kind.label, st.cell_right, widths[1])],
        ],
        widths,
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ],
        shared=True,
    )


def _labelled(label: str, value: str, st: Styles) -> Flowable:
    return para(value, st.body, prefix=f"<b>{escape(label)}</b> ")


def head_fields(paper: Paper, kind: PaperKind, profile: FormProfile, st: Styles) -> list[Flowable]:
    """Federführendes Amt and Aktenzeichen, as the Vorlagenart lists them (an unknown value: no line)."""
    out: list[Flowable] = []
    labels = profile.labels
    if "lead_department" in kind.head_fields:
        department = paper.lead_department.name if paper.lead_department else ""
        out.append(_labelled(labels.lead_department, department, st))
    if "file_number" in kind.head_fields and paper.file_number.strip():
        out.append(_labelled(labels.file_number, paper.file_number, st))
    return out


def public_line(consultation: Consultation | None, profile: FormProfile, st: Styles) -> list[Flowable]:
    public = consultation.public if consultation else True
    if public is None:  # not known (an import that did not record it): nothing is claimed
        return []
    text = profile.labels.public if public else profile.labels.non_public
    return [Spacer(1, 3 * mm), para(text, st.value_bold)]


def single_body_table(paper: Paper, profile: FormProfile, st: Styles) -> Flowable:
    labels = profile.labels
    lead = paper.lead_consultation
    committee = lead.committee.name if lead and lead.committee else ""
    widths = [w * mm for w in (38, 45, 32, 25)]
    widths.append(FRAME_WIDTH - sum(widths))
    inner = [w - 2 * CELL_PADDING for w in widths]
    rapporteur: object = []
    if lead and lead.rapporteur:
        rapporteur = _rapporteur_cell(lead.rapporteur.name, lead.rapporteur.function, st, inner[1])
    names = [labels.committee, labels.rapporteur, labels.role, labels.meeting_date, labels.agenda_item]
    # The Vorlage's values are fields, set over the form of the labels and lines (see ``make_table``).
    values: list[object] = [
        fitted_cell(committee, st.cell, inner[0], field=True),
        rapporteur,
        fitted_cell(role_label(lead), st.cell, inner[2], field=True),
        field_cell(format_date(lead.meeting_date) if lead else "", st.cell, inner[3]),
        fitted_cell(lead.agenda_item if lead else "", st.cell, inner[4], field=True),
    ]
    return make_table(
        [[fitted_cell(n, st.small, w) for n, w in zip(names, inner, strict=True)], values],
        widths,
        [
            ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 1), (-1, 1), 4),
            ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
        ],
        shared=True,
    )


def role_label(consultation: Consultation | None) -> str:
    """The Zuständigkeit as printed; nothing when it is not known (imported) or there is no body."""
    return consultation.role.label if consultation is not None and consultation.role is not None else ""


def _rapporteur_cell(name: str, function: str, st: Styles, width: float) -> TextCell:
    """The Berichterstatter's name and function, each on a line of its own (each set smaller if needed)."""

    def paragraphs() -> list[Flowable]:
        out: list[Flowable] = [fitted_para(name, st.cell, width)]
        if function:
            out.append(fitted_para(function, st.cell, width))
        return out

    lines = (name, function) if function else (name,)
    same_size = all(fitted_style(line, st.cell, width) is st.cell for line in lines)
    return TextCell(lines if same_size else (), st.cell, width, paragraphs, field=True)


def public_label(consultation: Consultation, profile: FormProfile) -> str:
    public = consultation.public
    if public is None:
        return ""
    return "öffentlich" if public else "nicht öffentlich"


def consultation_table(paper: Paper, profile: FormProfile, st: Styles) -> list[Flowable]:
    """The Beratungsfolge: one row per body, with its role, meeting, item and öffentlich or not."""
    labels = profile.labels
    widths = [w * mm for w in (0, 30, 24, 14, 30)]
    widths[0] = FRAME_WIDTH - sum(widths)
    inner = [w - 2 * CELL_PADDING for w in widths]
    names = [labels.body, labels.role, labels.meeting_date, labels.agenda_item, ""]
    rows: list[list[object]] = [[fitted_cell(n, st.small_bold, w) for n, w in zip(names, inner, strict=True)]]
    for consultation in paper.consultations:
        cells = [
            consultation.committee.name if consultation.committee else "",
            role_label(consultation),
            format_date(consultation.meeting_date),
            consultation.agenda_item,
            public_label(consultation, profile),
        ]
        rows.append([fitted_cell(text, st.cell, w) for text, w in zip(cells, inner, strict=True)])
    if len(rows) == 1:
        rows.append(["", "", "", "", ""])
    out: list[Flowable] = [
        cached_paragraph(escape(labels.consultation), st.small_bold),
        Spacer(1, 1 * mm),
        make_table(
            rows,
            widths,
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ],
            repeat_rows=1,
        ),
    ]
    lead = paper.lead_consultation
    if lead and lead.rapporteur:
        name = lead.rapporteur.name + (f", {lead.rapporteur.function}" if lead.rapporteur.function else "")
        out += [Spacer(1, 2 * mm), _labelled(f"{labels.rapporteur}:", name, st)]
    return out


def head(paper: Paper, office: Office, kind: PaperKind, st: Styles) -> list[Flowable]:
    profile = office.form_profile
    out: list[Flowable] = [top_table(paper, office, kind, st), Spacer(1, 5 * mm)]
    out += head_fields(paper, kind, profile, st)
    if kind.head_layout is HeadLayout.CONSULTATION_TABLE:
        out += [Spacer(1, 2 * mm), *consultation_table(paper, profile, st)]
        return out
    out += [Spacer(1, 2 * mm), single_body_table(paper, profile, st)]
    if "public" in kind.head_fields:
        out += public_line(paper.lead_consultation, profile, st)
    return out
