"""The end of a Vorlage: the signature block(s) and the Beschlussvermerk, worded by the office's profile."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from kimdesk.domain.form_profile import FormProfile, PaperKind
from kimdesk.domain.masterdata import Organization
from kimdesk.domain.model import Paper, SignatureBlock
from kimdesk.domain.richtext import RichText
from kimdesk.pdf.cells import BLANK, field_cell, make_table, para
from kimdesk.pdf.fitting import CELL_PADDING, fitted_para
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.formats import format_date
from kimdesk.pdf.richtext import rich_text_flowables
from kimdesk.pdf.styles import FRAME_WIDTH, GRID_COLOR, Styles
from kimdesk.pdf.text import escape

#: Room for a handwritten signature.
SIGNING_SPACE = 12 * mm
#: Left and right padding of the Beschlussvermerk's box.
RECORD_PADDING = 6


def own_signature(block: SignatureBlock, st: Styles) -> list[Flowable]:
    """The Vorlage's signature: heading, i. V., room to sign, name, function."""
    parts: list[Flowable] = [para(block.heading, st.signature)]
    if block.on_behalf:
        parts.append(cached_paragraph("i. V.", st.signature))
    parts.append(Spacer(1, SIGNING_SPACE))
    if block.name:
        parts.append(para(block.name, st.signature))
    if block.function:
        parts.append(para(block.function, st.signature))
    return parts


def signatures(paper: Paper, kind: PaperKind, st: Styles) -> list[Flowable]:
    """One signature block, or several side by side (the first with an empty heading is the Vorlage's)."""
    slots = kind.signatures or []
    if len(slots) <= 1 and not (slots and slots[0].heading):
        return [KeepTogether([Spacer(1, 6 * mm), *own_signature(paper.signature, st)])]
    width = FRAME_WIDTH / len(slots)
    inner = width - 2 * CELL_PADDING
    cells: list[object] = []
    for slot in slots:
        if not slot.heading:
            block = paper.signature
            cell: list[Flowable] = [fitted_para(block.heading, st.signature, inner)]
            if block.on_behalf:
                cell.append(cached_paragraph("i. V.", st.signature))
            cell.append(Spacer(1, SIGNING_SPACE))
            for text in (block.name, block.function):
                if text:
                    cell.append(fitted_para(text, st.signature, inner))
        else:
            cell = [fitted_para(slot.heading, st.signature, inner), Spacer(1, SIGNING_SPACE)]
            if slot.function:
                cell.append(fitted_para(slot.function, st.signature, inner))
        cells.append(cell)
    table = make_table(
        [cells],
        [width] * len(slots),
        [("VALIGN", (0, 0), (-1, -1), "TOP")],
    )
    return [KeepTogether([Spacer(1, 6 * mm), table])]


def _same_body(name: str, genitive: str) -> bool:
    """ "Rat der Stadt" and "Rates der Stadt", "Kreistag" and "Kreistages": one body in two cases."""
    plain, bent = name.split(), genitive.split()
    return len(plain) == len(bent) and all(
        b == p or (b.startswith(p) and len(b) - len(p) <= 2) for p, b in zip(plain, bent, strict=True)
    )


def body_genitive(committee: Organization, profile: FormProfile) -> str:
    """The body as it reads after "In der Sitzung des": its own genitive, else the profile's name of it."""
    if committee.name_genitive:
        return committee.name_genitive
    for body in profile.bodies.record_bodies:
        if _same_body(committee.name, body):
            return body
    return committee.name


def record_bodies(paper: Paper, profile: FormProfile) -> list[str]:
    """The Beratungsfolge's bodies (genitive), then the profile's other bodies, each once."""
    bodies: list[str] = []
    for consultation in paper.consultations:
        if consultation.committee is not None:
            genitive = body_genitive(consultation.committee, profile)
            if genitive not in bodies:
                bodies.append(genitive)
    bodies.extend(b for b in profile.bodies.record_bodies if b not in bodies)
    return bodies


def resolution_record(paper: Paper, profile: FormProfile, heading: str, st: Styles) -> list[Flowable]:
    labels = profile.labels
    inner: list[object] = [cached_paragraph(escape(heading), st.small_bold), Spacer(1, 1 * mm)]
    inner.append(cached_paragraph(escape(labels.record_intro), st.body))
    if paper.resolution_record:
        # "In der Sitzung des Integrationsrates": records keep the plain name, the form wants genitive.
        genitive = {
            c.committee.name: c.committee.genitive for c in paper.consultations if c.committee is not None
        }
        for entry in paper.resolution_record:
            part = "nicht-öffentlicher Teil" if entry.non_public else "öffentlicher Teil"
            when = format_date(entry.meeting_date) or BLANK
            body = genitive.get(entry.committee_name, entry.committee_name)
            inner.append(para(f"– {body} am {when} ({part}): {entry.result}", st.body))
            if entry.text.strip():
                inner.extend(rich_text_flowables(RichText.from_plain(entry.text), st))
    else:
        width = FRAME_WIDTH - 2 * RECORD_PADDING
        inner.extend(field_cell(f"– {body}", st.body, width) for body in record_bodies(paper, profile))
        inner.append(cached_paragraph(escape(labels.record_closing).replace("{datum}", BLANK), st.body))
        inner.append(Spacer(1, 18 * mm))
    table = make_table(
        [[inner]],
        [FRAME_WIDTH],
        [
            ("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOR),
            ("LEFTPADDING", (0, 0), (-1, -1), RECORD_PADDING),
            ("RIGHTPADDING", (0, 0), (-1, -1), RECORD_PADDING),
            ("TOPPADDING", (0, 0), (-1, -1), 5),
        ],
        shared=True,
    )
    return [Spacer(1, 6 * mm), KeepTogether([table])]
