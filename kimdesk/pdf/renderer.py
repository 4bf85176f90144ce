"""The Vorlage PDF: the municipal form, section by section, as a renderer class with hook methods.

Subclass and override a hook (``head``, ``financial_impact`` …) to change one section; a session
packet reuses ``page_info`` and ``paper_story`` to put many Vorlagen into one document.
"""

from __future__ import annotations

import io

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer
from reportlab.platypus.doctemplate import LayoutError

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import ImpactChoice, Paper, PaperStatus
from kimdesk.domain.richtext import RichText
from kimdesk.pdf import paper_fields
from kimdesk.pdf.cells import BLANK, box, make_table, para
from kimdesk.pdf.finance_sections import financial_impact, funding_modules
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.fonts import register_fonts
from kimdesk.pdf.formats import format_date
from kimdesk.pdf.richtext import rich_text_flowables
from kimdesk.pdf.sign_off_grid import sign_off_grid
from kimdesk.pdf.styles import FRAME_WIDTH, GRID_COLOR, LIGHT_FILL, PAGE_HEIGHT, Styles, styles
from kimdesk.pdf.templates import NumberedCanvas, PageInfo, PaperDocTemplate
from kimdesk.pdf.text import normalise

RELEASED_STATES = (PaperStatus.RELEASED, PaperStatus.DECIDED)
#: Above this height the Mitzeichnungen grid flows after the Begründung instead of sitting at the page foot.
MAX_FOOT_HEIGHT = 90 * mm


def is_draft(paper: Paper) -> bool:
    return paper.status not in RELEASED_STATES


def document_title(paper: Paper) -> str:
    return normalise(f"Vorlage {paper.reference} – {paper.title}").replace("\n", " ")


class PaperPdfRenderer:
    """Renders a Vorlage like the municipality's form (the ``PdfRenderer`` port)."""

    def __init__(self) -> None:
        register_fonts()
        self.st: Styles = styles()

    # -- the document ---------------------------------------------------------------------
    def render_paper(self, paper: Paper, office: Office, *, top_label: str | None = None) -> bytes:
        out = io.BytesIO()
        info = self.page_info(paper, office, top_label=top_label)
        doc = PaperDocTemplate(
            out,
            info,
            title=document_title(paper),
            author=normalise(paper.lead_department.name if paper.lead_department else office.municipality),
            subject=paper.paper_type.label,
            keywords=["Vorlage", paper.reference],
        )
        try:
            doc.build(self.paper_story(paper, office, info=info), canvasmaker=NumberedCanvas)
        except LayoutError as exc:
            # e.g. a name of thousands of characters without a space in a narrow table column
            raise KimdeskError(
                f"PDF der Vorlage {paper.reference}: ein Eintrag passt nicht auf eine Seite (etwa ein sehr "
                "langes Wort ohne Leerzeichen in einer Tabellenzelle des Kopfes oder der Beratungsfolge). "
                "Bitte den Eintrag kürzen."
            ) from exc
        return out.getvalue()

    def page_info(self, paper: Paper, office: Office, *, top_label: str | None = None) -> PageInfo:
        foot, height = self._measured_foot(paper, office)
        return PageInfo(
            reference=paper.reference,
            title=paper.title,
            draft=is_draft(paper),
            top_label=top_label,
            first_page_foot=foot,
            known_foot_height=height,
        )

    def foot_grid(self, paper: Paper, office: Office) -> Flowable | None:
        """The Mitzeichnungen grid for the first page's foot, or None when it is too tall to sit there."""
        return self._measured_foot(paper, office)[0]

    def _measured_foot(self, paper: Paper, office: Office) -> tuple[Flowable | None, float | None]:
        grid = self.sign_off_grid(paper, office)
        _, height = grid.wrap(FRAME_WIDTH, PAGE_HEIGHT)
        return (grid, float(height)) if height <= MAX_FOOT_HEIGHT else (None, None)

    def paper_story(self, paper: Paper, office: Office, *, info: PageInfo | None = None) -> list[Flowable]:
        """The flowing content of one Vorlage in form order.

        The Mitzeichnungen grid is the first page's foot (``info.first_page_foot``); when it is too
        tall for that it flows after the Begründung instead.
        """
        story: list[Flowable] = []
        flowing_grid: list[Flowable] = []
        foot = info.first_page_foot if info is not None else self.foot_grid(paper, office)
        if foot is None:
            flowing_grid = [Spacer(1, 4 * mm), self.sign_off_grid(paper, office)]
        for section in (
            self.head(paper, office),
            self.subject(paper),
            self.related_papers(paper),
            self.rationale(paper),
            flowing_grid,
            self.financial_impact(paper),
            self.funding_modules(paper),
            self.climate_impact(paper),
            self.draft_resolution(paper),
            self.signature(paper),
            self.resolution_record(paper, office),
        ):
            story.extend(section)
        return story

    # -- hooks: one per part of the form --------------------------------------------------
    def head(self, paper: Paper, office: Office) -> list[Flowable]:
        st = self.st
        top = make_table(
            [
                [
                    para(office.municipality, st.value_bold),
                    para(f"Vorlage Nr. {paper.reference}", st.reference),
                ],
                ["", para(paper.paper_type.label, st.cell_right)],
                *([["", file_number]] if (file_number := self.file_number(paper)) else []),
            ],
            [FRAME_WIDTH * 0.45, FRAME_WIDTH * 0.55],
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ],
        )
        department = paper.lead_department.name if paper.lead_department else ""
        lead = paper.lead_consultation
        committee = lead.committee.name if lead and lead.committee else ""
        rapporteur: list[Flowable] = []
        if lead and lead.rapporteur:
            rapporteur = [para(lead.rapporteur.name, st.cell)]
            if lead.rapporteur.function:
                rapporteur.append(para(lead.rapporteur.function, st.cell))
        labels = ["Vorlage für den", "Berichterstatter", "Zuständigkeit", "Sitzung am", "Punkt"]
        values: list[object] = [
            para(committee, st.cell),
            rapporteur,
            para(lead.role.label if lead else "", st.cell),
            para(format_date(lead.meeting_date) if lead else "", st.cell),
            para(lead.agenda_item if lead else "", st.cell),
        ]
        widths = [w * mm for w in (38, 45, 32, 25)]
        widths.append(FRAME_WIDTH - sum(widths))
        table = make_table(
            [[para(label, st.small) for label in labels], values],
            widths,
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
                ("BOTTOMPADDING", (0, 1), (-1, 1), 5),
            ],
        )
        public = lead.public if lead else True
        sitting = {True: "öffentliche Sitzung", False: "nicht-öffentliche Sitzung", None: ""}[public]
        return [
            top,
            Spacer(1, 5 * mm),
            para(department, st.body, prefix="<b>Federf. Stadtamt:</b> "),
            Spacer(1, 2 * mm),
            table,
            *([Spacer(1, 3 * mm), cached_paragraph(sitting, st.value_bold)] if sitting else []),
        ]

    def file_number(self, paper: Paper) -> Flowable | None:
        """The Aktenzeichen line of the head (None without one)."""
        return paper_fields.file_number(paper, self.st)

    def related_papers(self, paper: Paper) -> list[Flowable]:
        """Bezugsvorlage(n): the numbers of earlier Vorlagen referred to."""
        return paper_fields.related_papers(paper, self.st)

    def subject(self, paper: Paper) -> list[Flowable]:
        return [cached_paragraph("Betrifft:", self.st.label), para(paper.title, self.st.value_bold)]

    def rationale(self, paper: Paper) -> list[Flowable]:
        return [
            cached_paragraph("Begründung:", self.st.label),
            *rich_text_flowables(paper.rationale, self.st),
        ]

    def sign_off_grid(self, paper: Paper, office: Office) -> Flowable:
        """Mitzeichnungen: one cell per role of the office, then Zahl der Protokollauszüge."""
        return sign_off_grid(paper, office, self.st)

    def financial_impact(self, paper: Paper) -> list[Flowable]:
        return financial_impact(paper, self.st)

    def funding_modules(self, paper: Paper) -> list[Flowable]:
        return funding_modules(paper, self.st)

    def climate_impact(self, paper: Paper) -> list[Flowable]:
        st = self.st
        choice = paper.climate_impact
        out: list[Flowable] = [
            cached_paragraph("Wesentliche klimarelevante Auswirkungen:", st.label),
            cached_paragraph(
                f"{box(choice is ImpactChoice.NONE)} keine&nbsp;&nbsp;&nbsp;&nbsp;"
                f"{box(choice is ImpactChoice.FOLLOWING)} folgende",
                st.body,
            ),
        ]
        if paper.climate_text.strip():
            out.extend(rich_text_flowables(RichText.from_plain(paper.climate_text), st))
        return out

    def draft_resolution(self, paper: Paper) -> list[Flowable]:
        return [
            cached_paragraph("Beschlussentwurf:", self.st.label),
            *rich_text_flowables(RichText.from_plain(paper.draft_resolution), self.st),
        ]

    def signature(self, paper: Paper) -> list[Flowable]:
        st = self.st
        block = paper.signature
        parts: list[Flowable] = [Spacer(1, 6 * mm), para(block.heading, st.signature)]
        if block.on_behalf:
            parts.append(cached_paragraph("i. V.", st.signature))
        parts.append(Spacer(1, 12 * mm))  # room for the handwritten signature
        if block.name:
            parts.append(para(block.name, st.signature))
        if block.function:
            parts.append(para(block.function, st.signature))
        return [KeepTogether(parts)]

    def record_bodies(self, paper: Paper, office: Office) -> list[str]:
        """The Beratungsfolge's bodies (genitive), then the office's other bodies, each once."""
        bodies: list[str] = []
        for consultation in paper.consultations:
            if consultation.committee is not None and consultation.committee.genitive not in bodies:
                bodies.append(consultation.committee.genitive)
        bodies.extend(b for b in office.record_bodies if b not in bodies)
        return bodies

    def resolution_record(self, paper: Paper, office: Office) -> list[Flowable]:
        st = self.st
        inner: list[Flowable] = [cached_paragraph("Beschlussvermerk", st.small_bold), Spacer(1, 1 * mm)]
        inner.append(cached_paragraph("In der Sitzung des", st.body))
        if paper.resolution_record:
            # "In der Sitzung des Integrationsrates": records keep the plain name, the form wants genitive.
            genitive = {
                c.committee.name: c.committee.genitive for c in paper.consultations if c.committee is not None
            }
            for entry in paper.resolution_record:
                part = "nicht-öffentlicher Teil" if entry.non_public else "öffentlicher Teil"
                when = format_date(entry.meeting_date) or BLANK
                body = genitive.get(entry.committee_name, entry.committee_name)
                inner.append(
                    para(
                        f"– {body} am {when} ({part}): {entry.result}",
                        st.body,
                    )
                )
                if entry.text.strip():
                    inner.extend(rich_text_flowables(RichText.from_plain(entry.text), st))
        else:
            inner.extend(para(f"– {body}", st.body) for body in self.record_bodies(paper, office))
            inner.append(
                cached_paragraph(
                    f"am {BLANK} (nicht-öffentlicher Teil) wurde wie folgt beschlossen:", st.body
                )
            )
            inner.append(Spacer(1, 18 * mm))
        table = make_table(
            [[inner]],
            [FRAME_WIDTH],
            [
                ("BOX", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
            ],
        )
        return [Spacer(1, 6 * mm), KeepTogether([table])]
