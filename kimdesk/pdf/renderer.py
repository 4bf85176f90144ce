"""The Vorlage PDF: the municipal form, section by section, as a renderer class with hook methods.

Subclass and override a hook (``head``, ``financial_impact`` …) to change one section; a session
packet reuses ``page_info`` and ``paper_story`` to put many Vorlagen into one document.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle
from reportlab.platypus.doctemplate import LayoutError
from reportlab.platypus.flowables import CondPageBreak

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import FinanceRow, ImpactChoice, Paper, PaperStatus, Period, SignOff
from kimdesk.domain.richtext import RichText
from kimdesk.domain.timezone import BERLIN
from kimdesk.pdf.flowables import KeepTogetherUnlessGap, cached_paragraph
from kimdesk.pdf.fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts
from kimdesk.pdf.formats import format_date, format_money, format_posts
from kimdesk.pdf.funding import computable, funding_years, module_label
from kimdesk.pdf.richtext import rich_text_flowables
from kimdesk.pdf.styles import FRAME_WIDTH, GRID_COLOR, LIGHT_FILL, PAGE_HEIGHT, Styles, styles
from kimdesk.pdf.templates import NumberedCanvas, PageInfo, PaperDocTemplate
from kimdesk.pdf.text import normalise, plain_markup

CHECKED = "☒"
UNCHECKED = "☐"
BLANK = "______"
OVERRIDE_MARK = "*"
OVERRIDE_NOTE = "* von der Berechnung abweichend eingetragen"
GRID_COLUMNS = 6
RELEASED_STATES = (PaperStatus.RELEASED, PaperStatus.DECIDED)
#: Smallest part (pt) of a table row left on a page when a row is split across pages.
SPLIT_IN_ROW = 30
#: Above this height the Mitzeichnungen grid flows after the Begründung instead of sitting at the page foot.
MAX_FOOT_HEIGHT = 90 * mm
#: More free space than this on a page and the finance block splits rather than moving on.
MAX_FINANCE_GAP = 85 * mm

#: The NKF table in form order: block headings (str) and rows (row, label, indented).
FINANCE_LAYOUT: Sequence[str | tuple[FinanceRow, str, bool]] = (
    "Ergebnisrechnung",
    (FinanceRow.INCOME, "Ertrag", False),
    (FinanceRow.INCOME_GRANTS, "Zuwendungen und Zuschüsse", True),
    (FinanceRow.EXPENSE, "Aufwand", False),
    (FinanceRow.EXPENSE_PERSONNEL, "Personalaufwand", True),
    (FinanceRow.EXPENSE_MATERIAL, "Sach- und Dienstleistungen", True),
    (FinanceRow.EXPENSE_TRANSFER, "Transferaufwand", True),
    "investiver Finanzplan",
    (FinanceRow.INVESTMENT_RECEIPTS, "Einzahlung", False),
    (FinanceRow.INVESTMENT_GRANTS, "Zuschüsse", True),
    (FinanceRow.INVESTMENT_THIRD_PARTY, "Beiträge Dritter", True),
    (FinanceRow.INVESTMENT_PAYMENTS, "Auszahlung", False),
)


def box(checked: bool) -> str:
    return CHECKED if checked else UNCHECKED


def para(text: str, style: ParagraphStyle, *, prefix: str = "", suffix: str = "") -> Paragraph:
    """A Paragraph of user text (escaped, glyph-checked); ``prefix``/``suffix`` are trusted markup."""
    font = getattr(style, "fontName", "")
    markup = plain_markup(text, bold=font in (BOLD, BOLD_ITALIC), italic=font in (ITALIC, BOLD_ITALIC))
    return cached_paragraph(prefix + markup + suffix, style)


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use DejaVu too (ReportLab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), REGULAR), *commands])


def make_table(
    rows: list[list[object]], widths: list[float], commands: list[tuple[object, ...]], *, repeat_rows: int = 0
) -> Table:
    """A table whose rows may split inside a cell, so a very long entry flows onto the next page."""
    return Table(
        rows, colWidths=widths, repeatRows=repeat_rows, splitInRow=SPLIT_IN_ROW, style=table_style(commands)
    )


def is_draft(paper: Paper) -> bool:
    return paper.status not in RELEASED_STATES


def latest_sign_off(paper: Paper, role_key: str) -> SignOff | None:
    """The newest non-voided sign-off of the role that has a decision."""
    decided = [s for s in paper.active_sign_offs if s.role_key == role_key and s.decision is not None]
    if not decided:
        return None
    # Stable on equal or missing times: a later entry in the list counts as newer.
    ordered = sorted(enumerate(decided), key=lambda p: (p[1].signed_at is not None, p[1].signed_at, p[0]))
    return ordered[-1][1]


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
        return [
            top,
            Spacer(1, 5 * mm),
            para(department, st.body, prefix="<b>Federf. Stadtamt:</b> "),
            Spacer(1, 2 * mm),
            table,
            Spacer(1, 3 * mm),
            cached_paragraph("öffentliche Sitzung" if public else "nicht-öffentliche Sitzung", st.value_bold),
        ]

    def subject(self, paper: Paper) -> list[Flowable]:
        return [cached_paragraph("Betrifft:", self.st.label), para(paper.title, self.st.value_bold)]

    def rationale(self, paper: Paper) -> list[Flowable]:
        return [
            cached_paragraph("Begründung:", self.st.label),
            *rich_text_flowables(paper.rationale, self.st),
        ]

    def sign_off_grid(self, paper: Paper, office: Office) -> Flowable:
        """Mitzeichnungen: one cell per role of the office, then Zahl der Protokollauszüge."""
        st = self.st
        roles = sorted(enumerate(office.sign_off_roles), key=lambda p: (p[1].order, p[0]))
        cells: list[list[Flowable]] = []
        for _, role in roles:
            cell: list[Flowable] = [para(f"{role.label}:", st.small)]
            sign_off = latest_sign_off(paper, role.key)
            if sign_off is None:
                cell.append(cached_paragraph(f"Datum: {BLANK}", st.small))
            else:
                name = ("i. V. " if sign_off.as_deputy else "") + sign_off.person_name
                if name.strip():
                    cell.append(para(name, st.small))
                if sign_off.decision is not None and sign_off.decision.label != "mitgezeichnet":
                    cell.append(cached_paragraph(sign_off.decision.label, st.small_italic))
                signed = (
                    format_date(sign_off.signed_at.astimezone(BERLIN).date()) if sign_off.signed_at else BLANK
                )
                cell.append(cached_paragraph(f"Datum: {signed}", st.small))
                if sign_off.content_hash:
                    cell.append(para(f"Prüfsumme {sign_off.content_hash[:12]}", st.small))
            cells.append(cell)
        columns = min(GRID_COLUMNS, max(1, len(cells)))
        rows: list[list[object]] = [
            [cached_paragraph("Mitzeichnungen", st.small_bold)] + [""] * (columns - 1)
        ]
        for start in range(0, len(cells), columns):
            chunk: list[object] = list(cells[start : start + columns])
            rows.append(chunk + [""] * (columns - len(chunk)))
        extracts = BLANK if paper.minutes_extracts is None else str(paper.minutes_extracts)
        rows.append(
            [cached_paragraph(f"Zahl der erforderlichen Protokollauszüge: {extracts}", st.small)]
            + [""] * (columns - 1)
        )
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
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 1), (-1, last - 1), 6),
            ],
        )

    def financial_impact(self, paper: Paper) -> list[Flowable]:
        st = self.st
        impact = paper.financial_impact
        choice = impact.choice
        head = cached_paragraph(
            f"{box(choice is ImpactChoice.NONE)} keine&nbsp;&nbsp;&nbsp;&nbsp;"
            f"{box(choice is ImpactChoice.FOLLOWING)} folgende",
            st.body,
        )
        # Fixed labels and formatted amounts are plain strings: no user text, and much cheaper
        # to lay out than Paragraphs.
        rows: list[list[object]] = [["", "einmalig", "jährlich"]]
        commands: list[tuple[object, ...]] = [
            ("FONTNAME", (0, 0), (-1, 0), BOLD),
            ("FONTSIZE", (0, 0), (-1, -1), st.cell.fontSize),
            ("LEADING", (0, 0), (-1, -1), st.cell.leading),
            ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ]
        seen_parent: set[FinanceRow] = set()
        for entry in FINANCE_LAYOUT:
            index = len(rows)
            if isinstance(entry, str):
                commands.append(("SPAN", (0, index), (-1, index)))
                commands.append(("BACKGROUND", (0, index), (-1, index), LIGHT_FILL))
                commands.append(("FONTNAME", (0, index), (0, index), BOLD))
                rows.append([entry, "", ""])
                continue
            row, label, indented = entry
            parent = row.parent
            if indented and parent is not None and parent not in seen_parent:
                seen_parent.add(parent)
                commands.append(("FONTNAME", (0, index), (0, index), ITALIC))
                rows.append(["darin enthalten:", "", ""])
                index += 1
            amounts = []
            for period in (Period.ONE_OFF, Period.ANNUAL):
                value = impact.get(row, period)
                text = format_money(value) if value is not None else ""
                if value is not None and (row, period) in impact.overridden:
                    text += OVERRIDE_MARK
                amounts.append(text)
            if indented:
                commands.append(("LEFTPADDING", (0, index), (0, index), 6 + 4 * mm))
            else:
                commands.append(("FONTNAME", (0, index), (0, index), BOLD))
            rows.append([label if indented else f"{label} €", *amounts])
        widths = [FRAME_WIDTH - 2 * 42 * mm, 42 * mm, 42 * mm]
        table = make_table(
            rows,
            widths,
            [
                ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
                *commands,
            ],
            repeat_rows=1,
        )
        out: list[Flowable] = [cached_paragraph("Finanzielle Auswirkungen:", st.label), head, table]
        if any(cell in impact.amounts for cell in impact.overridden):
            out.append(cached_paragraph(OVERRIDE_NOTE, st.small))
        available = impact.budget_available
        out.append(Spacer(1, 2 * mm))
        out.append(
            cached_paragraph(
                f"Haushaltsmittel stehen:&nbsp;&nbsp;{box(available is True)} zur Verfügung"
                f"&nbsp;&nbsp;&nbsp;&nbsp;{box(available is False)} nicht zur Verfügung",
                st.body,
            )
        )
        # Like the paper form, the block stays on one page when it can — unless moving it would
        # leave a large part of the page empty.
        return [CondPageBreak(45 * mm), KeepTogetherUnlessGap(out, max_gap=MAX_FINANCE_GAP)]

    def funding_modules(self, paper: Paper) -> list[Flowable]:
        if not paper.funding_modules:
            return []
        st = self.st
        rows: list[list[object]] = [
            [cached_paragraph(h, st.cell_bold) for h in ("Jahr", "Baustein")]
            + [cached_paragraph(h, st.cell_right_bold) for h in ("Stellen", "Zuschuss", "Eigenanteil")]
        ]
        total_grant = Decimal("0.00")
        total_own = Decimal("0.00")
        for year in funding_years(paper.funding_modules):
            total_grant += year.grant
            total_own += year.own_contribution
            rows.append(
                [
                    cached_paragraph(str(year.year), st.cell),
                    para(year.component, st.cell),
                    cached_paragraph(format_posts(year.posts), st.cell_right),
                    cached_paragraph(format_money(year.grant), st.cell_right),
                    cached_paragraph(format_money(year.own_contribution), st.cell_right),
                ]
            )
        rows.append(
            [
                cached_paragraph("Summe", st.cell_bold),
                "",
                "",
                cached_paragraph(format_money(total_grant), st.cell_right_bold),
                cached_paragraph(format_money(total_own), st.cell_right_bold),
            ]
        )
        widths = [14 * mm, 0.0, 19 * mm, 30 * mm, 30 * mm]
        widths[1] = FRAME_WIDTH - sum(widths)
        out: list[Flowable] = [
            CondPageBreak(30 * mm),
            cached_paragraph("Fördermodule:", st.label),
            make_table(
                rows,
                widths,
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, GRID_COLOR),
                    ("BACKGROUND", (0, 0), (-1, 0), LIGHT_FILL),
                    ("SPAN", (0, -1), (2, -1)),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ],
                repeat_rows=1,
            ),
        ]
        for module in paper.funding_modules:
            label = module_label(module)
            if not computable(module):
                out.append(
                    para(
                        f"{label}: noch nicht berechenbar (Pauschale, Stellen oder Zeitraum fehlen).",
                        st.small,
                    )
                )
            elif module.rate is not None and module.rate.guideline:
                out.append(para(f"{label}: {module.rate.guideline}", st.small))
            if module.notes.strip():
                out.append(para(f"{label}: {module.notes}", st.small))
        return out

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


def paper_story(paper: Paper, office: Office, renderer: PaperPdfRenderer | None = None) -> list[Flowable]:
    """The flowables of one Vorlage (for documents that hold several, such as a session packet)."""
    return (renderer or PaperPdfRenderer()).paper_story(paper, office)
