"""The Vorlage PDF: the municipal form, section by section, as a renderer class with hook methods.

Subclass and override a hook (``head``, ``financial_impact`` …) to change one section; a session
packet reuses ``page_info`` and ``paper_story`` to put many Vorlagen into one document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from reportlab.platypus.doctemplate import LayoutError

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.form_profile import PaperKind, Section
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import ImpactChoice, Paper
from kimdesk.domain.richtext import RichText
from kimdesk.pdf import paper_fields
from kimdesk.pdf.cells import box, para
from kimdesk.pdf.closing import record_bodies, resolution_record, signatures
from kimdesk.pdf.finance_sections import financial_impact, funding_modules
from kimdesk.pdf.flowables import cached_paragraph
from kimdesk.pdf.fonts import register_fonts
from kimdesk.pdf.head import head
from kimdesk.pdf.richtext import decision_text, rich_text_flowables
from kimdesk.pdf.sign_off_grid import minutes_extracts, sign_off_grid
from kimdesk.pdf.styles import FRAME_WIDTH, PAGE_HEIGHT, Styles, styles
from kimdesk.pdf.templates import NumberedCanvas, PageInfo, PaperDocTemplate
from kimdesk.pdf.text import escape, normalise

#: Above this height the Mitzeichnungen grid flows after the Begründung instead of sitting at the page foot.
MAX_FOOT_HEIGHT = 90 * mm


def is_draft(paper: Paper) -> bool:
    return paper.unreleased


def document_title(paper: Paper) -> str:
    return normalise(f"Vorlage {paper.reference} – {paper.title}").replace("\n", " ")


class PaperPdfRenderer:
    """Renders a Vorlage like the municipality's form (the ``PdfRenderer`` port)."""

    def __init__(self) -> None:
        register_fonts()
        self.st: Styles = styles()

    # -- the document ---------------------------------------------------------------------
    def render_paper(
        self,
        paper: Paper,
        office: Office,
        *,
        top_label: str | None = None,
        attachments: Sequence[str] = (),
        version_mark: str = "",
    ) -> bytes:
        """The Vorlage's PDF; ``attachments`` (names of its Anlagen) fill the profile's Anlagen section;
        ``version_mark`` marks a Fassung from the history on every page ("Fassung vom … – überholt")."""
        out = io.BytesIO()
        info = self.page_info(paper, office, top_label=top_label)
        info.version_mark = version_mark
        doc = PaperDocTemplate(
            out,
            info,
            title=document_title(paper),
            author=normalise(paper.lead_department.name if paper.lead_department else office.municipality),
            subject=paper.paper_type.label if paper.paper_type else "",
            keywords=["Vorlage", paper.reference],
        )
        try:
            story = self.paper_story(paper, office, info=info, attachments=attachments)
            doc.build(story, canvasmaker=NumberedCanvas)
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

    def kind(self, paper: Paper, office: Office) -> PaperKind:
        """The Vorlagenart of the office's profile that ``paper`` is printed as."""
        return office.form_profile.kind_of(paper.paper_type)

    def foot_grid(self, paper: Paper, office: Office) -> Flowable | None:
        """The Mitzeichnungen grid for the first page's foot, or None when it is too tall to sit there
        (or the Vorlagenart has none)."""
        return self._measured_foot(paper, office)[0]

    def _measured_foot(self, paper: Paper, office: Office) -> tuple[Flowable | None, float | None]:
        if not self.kind(paper, office).shown("sign_off_grid"):
            return None, None
        grid = self.sign_off_grid(paper, office)
        _, height = grid.wrap(FRAME_WIDTH, PAGE_HEIGHT)
        return (grid, float(height)) if height <= MAX_FOOT_HEIGHT else (None, None)

    def paper_story(
        self, paper: Paper, office: Office, *, info: PageInfo | None = None, attachments: Sequence[str] = ()
    ) -> list[Flowable]:
        """The flowing content of one Vorlage: the head, then the Vorlagenart's sections in its order.

        The Mitzeichnungen grid is the first page's foot (``info.first_page_foot``); when it is too
        tall for that it flows at its place in the order instead.
        """
        kind = self.kind(paper, office)
        foot = info.first_page_foot if info is not None else self.foot_grid(paper, office)
        story: list[Flowable] = list(self.head(paper, office))
        for section in kind.sections:
            if section.visible:
                at_foot = foot is not None
                story.extend(self.section(section, paper, office, kind, at_foot, attachments))
        return story

    def section(
        self,
        section: Section,
        paper: Paper,
        office: Office,
        kind: PaperKind,
        grid_at_foot: bool,
        attachments: Sequence[str] = (),
    ) -> list[Flowable]:
        """One section of the profile's order, under the profile's heading."""
        key, heading = section.key, section.shown_heading
        if key == "sign_off_grid":
            return [] if grid_at_foot else [Spacer(1, 4 * mm), self.sign_off_grid(paper, office)]
        if key == "minutes_extracts":
            if kind.shown("sign_off_grid"):
                return []  # the grid's last row
            return [Spacer(1, 3 * mm), minutes_extracts(paper, heading, self.st)]
        if key == "signature":
            return signatures(paper, kind, self.st)
        if key == "resolution_record":
            return self.resolution_record(paper, office, heading=heading)
        if key == "related_papers":
            return self.related_papers(paper)
        if key == "attachments":
            return self.attachments(attachments, heading)
        method = {
            "subject": self.subject,
            "rationale": self.rationale,
            "financial_impact": self.financial_impact,
            "funding_modules": self.funding_modules,
            "climate_impact": self.climate_impact,
            "draft_resolution": self.draft_resolution,
        }[key]
        return method(paper, heading)

    # -- hooks: one per part of the form --------------------------------------------------
    def head(self, paper: Paper, office: Office) -> list[Flowable]:
        return head(paper, office, self.kind(paper, office), self.st)

    def related_papers(self, paper: Paper) -> list[Flowable]:
        """Bezugsvorlage(n): the numbers of earlier Vorlagen referred to (nothing without any)."""
        return paper_fields.related_papers(paper, self.st)

    def subject(self, paper: Paper, heading: str = "Betrifft:") -> list[Flowable]:
        return [
            *paper_fields.supplement_line(paper, self.st),
            cached_paragraph(escape(heading), self.st.label),
            para(paper.title, self.st.value_bold),
        ]

    def rationale(self, paper: Paper, heading: str = "Begründung:") -> list[Flowable]:
        return [
            cached_paragraph(escape(heading), self.st.label),
            *rich_text_flowables(paper.rationale, self.st),
        ]

    def sign_off_grid(self, paper: Paper, office: Office) -> Flowable:
        """Mitzeichnungen: one cell per role of the office, then Zahl der Protokollauszüge."""
        kind = self.kind(paper, office)
        extracts = kind.section("minutes_extracts")
        return sign_off_grid(
            paper,
            office,
            self.st,
            heading=kind.section("sign_off_grid").shown_heading,
            extracts_label=extracts.shown_heading if extracts.visible else None,
        )

    def financial_impact(self, paper: Paper, heading: str = "Finanzielle Auswirkungen:") -> list[Flowable]:
        return financial_impact(paper, self.st, heading)

    def funding_modules(self, paper: Paper, heading: str = "Fördermodule:") -> list[Flowable]:
        return funding_modules(paper, self.st, heading)

    def climate_impact(
        self, paper: Paper, heading: str = "Wesentliche klimarelevante Auswirkungen:"
    ) -> list[Flowable]:
        st = self.st
        choice = paper.climate_impact
        out: list[Flowable] = [
            cached_paragraph(escape(heading), st.label),
            cached_paragraph(
                f"{box(choice is ImpactChoice.NONE)} keine&nbsp;&nbsp;&nbsp;&nbsp;"
                f"{box(choice is ImpactChoice.FOLLOWING)} folgende",
                st.body,
            ),
        ]
        if paper.climate_text.strip():
            out.extend(rich_text_flowables(RichText.from_plain(paper.climate_text), st))
        return out

    def draft_resolution(self, paper: Paper, heading: str = "Beschlussentwurf:") -> list[Flowable]:
        return [
            cached_paragraph(escape(heading), self.st.label),
            *rich_text_flowables(decision_text(paper.draft_resolution), self.st),
        ]

    def attachments(self, names: Sequence[str], heading: str = "Anlagen:") -> list[Flowable]:
        """Anlagen: the titles given to ``render_paper``, numbered ("1. Lageplan"); nothing without any."""
        if not names:
            return []
        return [
            Spacer(1, 3 * mm),
            cached_paragraph(escape(heading), self.st.label),
            *(para(f"{number}. {name}", self.st.body) for number, name in enumerate(names, start=1)),
        ]

    def record_bodies(self, paper: Paper, office: Office) -> list[str]:
        """The Beratungsfolge's bodies (genitive), then the profile's other bodies, each once."""
        return record_bodies(paper, office.form_profile)

    def resolution_record(
        self, paper: Paper, office: Office, *, heading: str = "Beschlussvermerk"
    ) -> list[Flowable]:
        return resolution_record(paper, office.form_profile, heading, self.st)
