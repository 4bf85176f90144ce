"""The fields of the Vorlage form: built section by section, filled from and collected into a ``Paper``."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.model import Cell, ImpactChoice, Paper, PaperType
from kimdesk.l10n.i18n import _
from kimdesk.services.funding import computed_cells
from kimdesk.services.paper_form import SECTIONS, dates_text, heading_text, lock_text, record_rows
from kimdesk.ui.editor.attachments_panel import AnlagenPanel
from kimdesk.ui.editor.consultations import ConsultationTable
from kimdesk.ui.editor.finance import ChoiceButtons, FinanceEditor
from kimdesk.ui.editor.funding import FundingEditor
from kimdesk.ui.editor.head_fields import HeadFields
from kimdesk.ui.editor.read_only_look import show_read_only_fields
from kimdesk.ui.editor.richtext_edit import RichTextEditor
from kimdesk.ui.editor.signature_fields import SignatureFields, set_text
from kimdesk.ui.editor.signoff_panel import SignOffPanel
from kimdesk.ui.editor.unknown_choice import chosen, show_choice
from kimdesk.ui.editor.widgets import MasterData, Picker, Section, field_label
from kimdesk.ui.read_only_table import ReadOnlyTable
from kimdesk.ui.tasks import serve_events

#: The Vorlagearten in the order of the choice (an unknown one: „(unbekannt)“ after them).
PAPER_TYPES = tuple(PaperType)


class PaperFields:
    """The form's widgets and the two directions between them and a ``Paper`` (mixed into the editor)."""

    master: MasterData
    form: QVBoxLayout
    heading: QLabel
    dates: QLabel
    banner: QLabel
    sections: dict[str, Section]
    database_read_only: bool = False
    _base: Paper
    _snapshot: Paper
    _loading: bool

    def paper(self) -> Paper:
        raise NotImplementedError

    def _on_change(self, key: str, text: str | None = None) -> None:
        raise NotImplementedError

    def _on_structure(self, text: str) -> None:
        raise NotImplementedError

    def take_over_funding(self) -> None:
        raise NotImplementedError

    def _workflow_changed(self, paper: Paper) -> None:
        raise NotImplementedError

    def _build_all(self, catalogue: FundingCatalogue) -> None:
        """Section by section; the event loop runs in between (the window never stalls long)."""
        steps: list[Callable[[], None]] = [
            self._build_head,
            self._build_title,
            self._build_rationale,
            self._build_finance,
            lambda: self._build_funding(catalogue),
            self._build_climate,
            self._build_resolution,
            self._build_signature,
            self._build_attachments,
            self._build_sign_offs,
            self._build_record,
        ]
        for step in steps:
            step()
            serve_events()

    # --- building --------------------------------------------------------------------------------
    def _section(self, key: str) -> Section:
        title = dict(SECTIONS)[key]
        section = Section(_(title), key)
        self.sections[key] = section
        self.form.addWidget(section)
        return section

    def _connect(self, signal: object, key: str) -> None:
        signal.connect(lambda *_args: self._on_change(key))  # type: ignore[attr-defined]

    def _build_head(self) -> None:
        section = self._section("head")
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.type_box = QComboBox()
        self.type_box.setAccessibleName(_("Vorlageart"))
        for paper_type in PaperType:
            self.type_box.addItem(_(paper_type.label), paper_type)
        self._connect(self.type_box.currentIndexChanged, "type")
        self.department: Picker = Picker(self.master.departments, _("Federführendes Amt"))
        self._connect(self.department.currentTextChanged, "department")
        form.addRow(field_label(_("&Vorlageart:"), self.type_box), self.type_box)
        form.addRow(field_label(_("&Federführendes Amt:"), self.department), self.department)
        self.head_fields = HeadFields(form)
        self._connect(self.head_fields.file_number.textChanged, "file_number")
        self._connect(self.head_fields.related.textChanged, "related_papers")
        section.body.addLayout(form)
        self.consultations = ConsultationTable(self.master)
        self.consultations.changed.connect(self._on_change)
        self.consultations.structure_changed.connect(self._on_structure)
        section.body.addWidget(field_label(_("Beratungsfol&ge:"), self.consultations.table))
        section.body.addWidget(self.consultations)

    def _build_title(self) -> None:
        section = self._section("title")
        self.title_edit = QLineEdit()
        self.title_edit.setAccessibleName(_("Betrifft"))
        self._connect(self.title_edit.textChanged, "title")
        section.body.addWidget(self.title_edit)

    def _build_rationale(self) -> None:
        section = self._section("rationale")
        self.rationale = RichTextEditor()
        self.rationale.edit.setMinimumHeight(self.rationale.fontMetrics().lineSpacing() * 14)
        self._connect(self.rationale.changed, "rationale")
        section.body.addWidget(self.rationale)

    def _build_finance(self) -> None:
        section = self._section("finance")
        self.finance = FinanceEditor(self._computed_cells)
        self.finance.changed.connect(self._on_change)
        self.finance.committed.connect(self._on_structure)
        section.body.addWidget(self.finance)

    def _build_funding(self, catalogue: FundingCatalogue) -> None:
        section = self._section("funding")
        self.funding = FundingEditor(catalogue)
        self.funding.changed.connect(self._on_change)
        self.funding.structure_changed.connect(self._on_structure)
        self.funding.take_over.connect(self.take_over_funding)
        self.funding.changed.connect(lambda _key: self.finance.refresh_marks())
        self.funding.structure_changed.connect(lambda _text: self.finance.refresh_marks())
        section.body.addWidget(self.funding)

    def _computed_cells(self) -> dict[Cell, Decimal] | None:
        """What the Fördermodule compute for the NKF table now; None without modules."""
        funding = getattr(self, "funding", None)
        if funding is None:
            return None
        modules, _problems = funding.value()
        return computed_cells(modules, funding.catalogue) if modules else None

    def _build_climate(self) -> None:
        section = self._section("climate")
        self.climate = ChoiceButtons(_("keine"), _("folgende"), _("Klimarelevante Auswirkungen"))
        self.climate.changed.connect(lambda: self._on_change(""))
        description = _("Klimarelevante Auswirkungen, Beschreibung")
        self.climate_text = self._plain_edit(description, 3, "climate_text")
        section.body.addWidget(self.climate)
        section.body.addWidget(self.climate_text)

    def _build_resolution(self) -> None:
        section = self._section("resolution")
        self.resolution = RichTextEditor(name=_("Beschlussentwurf"), tables=False)
        self.resolution.edit.setMinimumHeight(self.resolution.fontMetrics().lineSpacing() * 6)
        self._connect(self.resolution.changed, "resolution")
        section.body.addWidget(self.resolution)

    def _plain_edit(self, name: str, lines: int, key: str) -> QPlainTextEdit:
        """A plain-text field ``lines`` high whose edits are undo steps under ``key``; Tab leaves it."""
        edit = QPlainTextEdit()
        edit.setAccessibleName(name)
        edit.setTabChangesFocus(True)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines)
        self._connect(edit.textChanged, key)
        return edit

    def _build_signature(self) -> None:
        self.signature_fields = SignatureFields(self.master.persons)
        for signal, key in self.signature_fields.changes():
            self._connect(signal, key)
        fields = self.signature_fields  # the names the rest of the editor and the tests use
        self.sig_heading, self.sig_on_behalf, self.sig_name = fields.heading, fields.on_behalf, fields.name
        self.sig_function = fields.function
        self._section("signature").body.addWidget(fields)

    def _build_attachments(self) -> None:
        self.anlagen = AnlagenPanel()
        self._section("attachments").body.addWidget(self.anlagen)

    def _build_sign_offs(self) -> None:
        section = self._section("sign_offs")
        self.sign_off_panel = SignOffPanel(self._base, self.master.office, current=self.paper)
        self.sign_off_panel.workflow_changed.connect(self._workflow_changed)
        self.minutes_extracts = QLineEdit()
        self.minutes_extracts.setValidator(QIntValidator(0, 999, self.minutes_extracts))
        self.minutes_extracts.setAccessibleName(_("Zahl der erforderlichen Protokollauszüge"))
        self._connect(self.minutes_extracts.textChanged, "minutes")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(
            field_label(_("Zahl der erforderlichen &Protokollauszüge:"), self.minutes_extracts),
            self.minutes_extracts,
        )
        section.body.addWidget(self.sign_off_panel)
        section.body.addLayout(form)

    def _build_record(self) -> None:
        section = self._section("record")
        self.record_table = ReadOnlyTable(
            [_("Gremium"), _("Sitzung am"), _("Teil"), _("Ergebnis"), _("Beschluss")],
            _("Beschlussvermerk"),
            stretch=4,
            in_scrolling_form=True,
        )
        section.body.addWidget(self.record_table)

    # --- between widgets and Paper ---------------------------------------------------------------
    def collect(self) -> tuple[Paper, dict[str, list[str]]]:
        base = self._base
        problems: dict[str, list[str]] = {}
        consultations, problems["head"] = self.consultations.value()
        if self.department.unknown():
            problems["head"].insert(
                0,
                _("Federführendes Amt: „{name}“ ist nicht in den Stammdaten").format(
                    name=self.department.currentText()
                ),
            )
        file_number, related, related_problems = self.head_fields.value(base.reference)
        problems["head"].extend(related_problems)
        impact, problems["finance"] = self.finance.value()
        modules, problems["funding"] = self.funding.value()
        climate = self.climate.value()
        minutes = self.minutes_extracts.text().strip()
        paper = Paper(
            title=self.title_edit.text().strip(),
            reference=base.reference,
            file_number=file_number,
            related_papers=related,
            paper_type=chosen(self.type_box, PAPER_TYPES),
            lead_department=self.department.value(),
            rationale=self.rationale.richtext(),
            consultations=consultations,
            financial_impact=impact,
            funding_modules=modules,
            climate_impact=None
            if climate is None
            else (ImpactChoice.NONE if climate == 0 else ImpactChoice.FOLLOWING),
            climate_text=self.climate_text.toPlainText().strip(),
            draft_resolution=self.resolution.richtext(),
            signature=self.signature_fields.value(),
            sign_offs=base.sign_offs,
            minutes_extracts=int(minutes) if minutes.isdigit() else None,
            resolution_record=base.resolution_record,
            status=base.status,
            id=base.id,
            created_at=base.created_at,
            modified_at=base.modified_at,
            modified_by=base.modified_by,
            version=base.version,
        )
        return paper, problems

    def populate(self, paper: Paper) -> None:
        """Show ``paper`` in every widget without recording undo steps."""
        self._loading = True
        try:
            show_choice(self.type_box, PAPER_TYPES, paper.paper_type)
            self.department.set_value(paper.lead_department)
            self.head_fields.set_value(paper)
            self.consultations.set_value(paper.consultations)
            set_text(self.title_edit, paper.title)
            self.rationale.set_richtext(paper.rationale)
            self.finance.set_value(paper.financial_impact)
            self.funding.set_value(paper.funding_modules)
            self.finance.refresh_marks()
            climate = paper.climate_impact
            self.climate.set_value(None if climate is None else (0 if climate is ImpactChoice.NONE else 1))
            _set_plain(self.climate_text, paper.climate_text)
            self.resolution.set_richtext(paper.draft_resolution)
            self.signature_fields.set_value(paper.signature)
            set_text(
                self.minutes_extracts, "" if paper.minutes_extracts is None else str(paper.minutes_extracts)
            )
            self.sign_off_panel.show_paper(paper)
            self._fill_record(paper)
            self._update_heading(paper)
            self._apply_lock(paper)
        finally:
            self._loading = False

    def _update_heading(self, paper: Paper) -> None:
        self.heading.setText(heading_text(paper))
        self.dates.setText(dates_text(paper))

    def _apply_lock(self, paper: Paper) -> None:
        reason = lock_text(paper, self.database_read_only)
        locked = reason is not None
        self.banner.setVisible(locked)
        self.banner.setText(reason or "")
        for widget in (self.title_edit, self.minutes_extracts):
            widget.setReadOnly(locked)
        self.signature_fields.set_read_only(locked)
        self.climate_text.setReadOnly(locked)
        self.resolution.setReadOnly(locked)
        for other in (self.type_box, self.department, self.climate):
            other.setEnabled(not locked)
        self.rationale.setReadOnly(locked)
        self.head_fields.set_read_only(locked)
        self.anlagen.set_locked(locked)
        self.consultations.setReadOnly(locked)
        self.finance.setReadOnly(locked)
        self.funding.setReadOnly(locked)
        show_read_only_fields(self.form.parentWidget())

    def _fill_record(self, paper: Paper) -> None:
        self.record_table.set_rows(record_rows(paper))


def _set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:
        edit.setPlainText(text)
