"""The form of one Vorlage: sections in the order of the paper form, undo over every edit, live checks."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QIntValidator, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import Problem
from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.model import (
    FinanceRow,
    ImpactChoice,
    Paper,
    PaperType,
    SignatureBlock,
)
from kimdesk.domain.validation import FIELD_BUDGET, FIELD_CLIMATE, FIELD_FINANCE, validate_paper
from kimdesk.l10n.formatting import format_date
from kimdesk.l10n.i18n import N_, _
from kimdesk.services.cells import plain_row
from kimdesk.services.funding import refresh_funding
from kimdesk.ui.editor.commands import EditCommand, UndoKeyFilter
from kimdesk.ui.editor.consultations import ConsultationTable
from kimdesk.ui.editor.finance import ChoiceButtons, FinanceEditor
from kimdesk.ui.editor.funding import FundingEditor
from kimdesk.ui.editor.richtext_edit import RichTextEditor
from kimdesk.ui.editor.signoff_panel import SignOffPanel
from kimdesk.ui.editor.widgets import MasterData, Picker, Section, field_label
from kimdesk.ui.read_only_table import ReadOnlyTable

SECTIONS = (
    ("head", N_("Kopf")),
    ("title", N_("Betrifft")),
    ("rationale", N_("Begründung")),
    ("finance", N_("Finanzielle Auswirkungen")),
    ("funding", N_("Fördermodule")),
    ("climate", N_("Wesentliche klimarelevante Auswirkungen")),
    ("resolution", N_("Beschlussentwurf")),
    ("signature", N_("Unterschrift")),
    ("sign_offs", N_("Mitzeichnungen")),
    ("record", N_("Beschlussvermerk")),
)
_FINANCE_WORDS = tuple(row.label for row in FinanceRow if row.parent is None)


def section_of(problem: Problem) -> str:
    """Which section of the form a validation problem belongs to."""
    name = problem.field
    if name.startswith(("Federführendes Amt", "Beratungsfolge")):
        return "head"
    if name in (FIELD_FINANCE, FIELD_BUDGET) or name.startswith(_FINANCE_WORDS):
        return "finance"
    if name.startswith("Fördermodul"):
        return "funding"
    if name == FIELD_CLIMATE:
        return "climate"
    if name == "Zahl der erforderlichen Protokollauszüge":
        return "sign_offs"
    for key, title in SECTIONS:
        if name.startswith(title):
            return key
    return "head"


class PaperEditor(QScrollArea):
    """Edits a copy of a Vorlage; ``paper()`` is the current state, ``undo_stack`` every step to it."""

    paper_changed = Signal()
    problems_changed = Signal(list)
    #: A Mitzeichnung step changed the stored Vorlage (state, signatures); the editor has reloaded it.
    workflow_changed = Signal(object)

    def __init__(
        self, paper: Paper, master: MasterData, catalogue: FundingCatalogue, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.master = master
        self._base = paper
        self._loading = False
        self._burst = 0
        self.undo_stack = QUndoStack(self)
        self._pushing = False
        self.undo_stack.indexChanged.connect(self._index_changed)
        self._seal_timer = QTimer(self)
        self._seal_timer.setSingleShot(True)
        self._seal_timer.setInterval(1500)
        self._seal_timer.timeout.connect(self.seal)
        self._undo_filter = UndoKeyFilter(self)
        self.sections: dict[str, Section] = {}
        self.widget_problems: dict[str, list[str]] = {}
        self.problems: list[Problem] = []

        content = QWidget()
        self.form = QVBoxLayout(content)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)
        self.form.addWidget(self.heading)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setFrameShape(QFrame.Shape.StyledPanel)
        self.banner.setStyleSheet("background: #fff3c4; color: #4a3b00; padding: 6px;")
        self.banner.setAccessibleName(_("Hinweis zur Bearbeitung"))
        self.banner.hide()
        self.form.addWidget(self.banner)
        self.problem_list = QListWidget()
        self.problem_list.setAccessibleName(_("Was für die Freigabe noch fehlt"))
        self.problem_list.setMaximumHeight(self.problem_list.fontMetrics().lineSpacing() * 6)
        self.problem_list.itemActivated.connect(self._jump_to_problem)
        self.problem_title = field_label(
            _("Für die Freigabe fehlt noch (Entwürfe dürfen unvollständig sein):"), self.problem_list
        )
        self.form.addWidget(self.problem_title)
        self.form.addWidget(self.problem_list)

        self._build_head()
        self._build_title()
        self._build_rationale()
        self._build_finance()
        self._build_funding(catalogue)
        self._build_climate()
        self._build_resolution()
        self._build_signature()
        self._build_sign_offs()
        self._build_record()
        self.form.addStretch(1)
        self.setWidget(content)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        for widget in content.findChildren(QLineEdit) + content.findChildren(QPlainTextEdit):
            widget.installEventFilter(self._undo_filter)
        self.rationale.edit.installEventFilter(self._undo_filter)
        self.rationale.edit.setUndoRedoEnabled(False)

        self.populate(paper)
        self._snapshot, _problems = self.collect()
        self._refresh_problems(self._snapshot)

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
        form.addRow(field_label(_("Federführendes &Amt:"), self.department), self.department)
        section.body.addLayout(form)
        self.consultations = ConsultationTable(self.master)
        self.consultations.changed.connect(self._on_change)
        self.consultations.structure_changed.connect(self._on_structure)
        section.body.addWidget(field_label(_("&Beratungsfolge:"), self.consultations.table))
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
        self.finance = FinanceEditor(lambda: bool(self._snapshot.funding_modules))
        self.finance.changed.connect(self._on_change)
        section.body.addWidget(self.finance)

    def _build_funding(self, catalogue: FundingCatalogue) -> None:
        section = self._section("funding")
        self.funding = FundingEditor(catalogue)
        self.funding.changed.connect(self._on_change)
        self.funding.structure_changed.connect(self._on_structure)
        self.funding.take_over.connect(self.take_over_funding)
        section.body.addWidget(self.funding)

    def _build_climate(self) -> None:
        section = self._section("climate")
        self.climate = ChoiceButtons(_("k&eine"), _("fol&gende"), _("Klimarelevante Auswirkungen"))
        self.climate.changed.connect(lambda: self._on_change(""))
        self.climate_text = QPlainTextEdit()
        self.climate_text.setAccessibleName(_("Klimarelevante Auswirkungen, Beschreibung"))
        self.climate_text.setTabChangesFocus(True)
        self.climate_text.setMinimumHeight(self.climate_text.fontMetrics().lineSpacing() * 3)
        self._connect(self.climate_text.textChanged, "climate_text")
        section.body.addWidget(self.climate)
        section.body.addWidget(self.climate_text)

    def _build_resolution(self) -> None:
        section = self._section("resolution")
        self.resolution = QPlainTextEdit()
        self.resolution.setAccessibleName(_("Beschlussentwurf"))
        self.resolution.setTabChangesFocus(True)
        self.resolution.setMinimumHeight(self.resolution.fontMetrics().lineSpacing() * 4)
        self._connect(self.resolution.textChanged, "resolution")
        section.body.addWidget(self.resolution)

    def _build_signature(self) -> None:
        section = self._section("signature")
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.sig_heading = QLineEdit()
        self.sig_heading.setAccessibleName(_("Unterschrift, Überschrift"))
        self.sig_on_behalf = QCheckBox(_("i. V. (in &Vertretung)"))
        self.sig_name = QLineEdit()
        self.sig_name.setAccessibleName(_("Unterschrift, Name"))
        completer = QCompleter([p.name for p in self.master.persons], self.sig_name)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.activated.connect(self._signatory_chosen)
        self.sig_name.setCompleter(completer)
        self.sig_function = QLineEdit()
        self.sig_function.setAccessibleName(_("Unterschrift, Funktion"))
        self._connect(self.sig_heading.textChanged, "sig_heading")
        self._connect(self.sig_on_behalf.toggled, "")
        self._connect(self.sig_name.textChanged, "sig_name")
        self._connect(self.sig_function.textChanged, "sig_function")
        form.addRow(field_label(_("Ü&berschrift:"), self.sig_heading), self.sig_heading)
        form.addRow("", self.sig_on_behalf)
        form.addRow(field_label(_("&Name:"), self.sig_name), self.sig_name)
        form.addRow(field_label(_("&Funktion:"), self.sig_function), self.sig_function)
        section.body.addLayout(form)

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
        )
        section.body.addWidget(self.record_table)

    # --- state -----------------------------------------------------------------------------------
    @property
    def base(self) -> Paper:
        return self._base

    def set_base(self, paper: Paper) -> None:
        """After a save: new version, modified stamp; the widgets keep what they show."""
        self._base = paper
        self._snapshot = replace(
            self._snapshot,
            version=paper.version,
            modified_at=paper.modified_at,
            modified_by=paper.modified_by,
        )
        self._update_heading(paper)

    def paper(self) -> Paper:
        """The Vorlage as the form shows it now."""
        return self._snapshot

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
        impact, problems["finance"] = self.finance.value()
        modules, problems["funding"] = self.funding.value()
        climate = self.climate.value()
        minutes = self.minutes_extracts.text().strip()
        paper = Paper(
            title=self.title_edit.text().strip(),
            reference=base.reference,
            paper_type=list(PaperType)[max(self.type_box.currentIndex(), 0)],
            lead_department=self.department.value(),
            rationale=self.rationale.richtext(),
            consultations=consultations,
            financial_impact=impact,
            funding_modules=modules,
            climate_impact=None
            if climate is None
            else (ImpactChoice.NONE if climate == 0 else ImpactChoice.FOLLOWING),
            climate_text=self.climate_text.toPlainText().strip(),
            draft_resolution=self.resolution.toPlainText().strip(),
            signature=SignatureBlock(
                heading=self.sig_heading.text().strip(),
                on_behalf=self.sig_on_behalf.isChecked(),
                name=self.sig_name.text().strip(),
                function=self.sig_function.text().strip(),
            ),
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
            self.type_box.setCurrentIndex(list(PaperType).index(paper.paper_type))
            self.department.set_value(paper.lead_department)
            self.consultations.set_value(paper.consultations)
            _set_text(self.title_edit, paper.title)
            self.rationale.set_richtext(paper.rationale)
            self.finance.set_value(paper.financial_impact)
            self.funding.set_value(paper.funding_modules)
            climate = paper.climate_impact
            self.climate.set_value(None if climate is None else (0 if climate is ImpactChoice.NONE else 1))
            _set_plain(self.climate_text, paper.climate_text)
            _set_plain(self.resolution, paper.draft_resolution)
            _set_text(self.sig_heading, paper.signature.heading)
            self.sig_on_behalf.setChecked(paper.signature.on_behalf)
            _set_text(self.sig_name, paper.signature.name)
            _set_text(self.sig_function, paper.signature.function)
            _set_text(
                self.minutes_extracts, "" if paper.minutes_extracts is None else str(paper.minutes_extracts)
            )
            self._fill_sign_offs(paper)
            self._fill_record(paper)
            self._update_heading(paper)
            self._apply_lock(paper)
        finally:
            self._loading = False

    def _update_heading(self, paper: Paper) -> None:
        self.heading.setText(
            _("Vorlage Nr. {reference} – {status}").format(
                reference=paper.reference or "–", status=_(paper.status.label)
            )
        )

    def set_database_read_only(self) -> None:
        """The database may only be read: every field read-only, whatever the Vorlage's state."""
        self.database_read_only = True
        self._apply_lock(self._base)
        self.sign_off_panel.setEnabled(False)

    def _apply_lock(self, paper: Paper) -> None:
        locked = paper.is_locked or getattr(self, "database_read_only", False)
        self.banner.setVisible(locked)
        if not paper.is_locked:
            self.banner.setText(_("Nur lesen: die Datenbank ist schreibgeschützt."))
        elif locked:
            self.banner.setText(
                _(
                    "Diese Vorlage ist „{status}“ und kann nicht mehr geändert werden. "
                    "Zum Ändern muss sie erst in den Entwurf zurückgenommen werden."
                ).format(status=_(paper.status.label))
            )
        for widget in (
            self.title_edit,
            self.sig_heading,
            self.sig_name,
            self.sig_function,
            self.minutes_extracts,
        ):
            widget.setReadOnly(locked)
        for plain in (self.climate_text, self.resolution):
            plain.setReadOnly(locked)
        for other in (self.type_box, self.department, self.climate, self.sig_on_behalf):
            other.setEnabled(not locked)
        self.rationale.setReadOnly(locked)
        self.consultations.setReadOnly(locked)
        self.finance.setReadOnly(locked)
        self.funding.setReadOnly(locked)

    @property
    def read_only(self) -> bool:
        return self._base.is_locked or getattr(self, "database_read_only", False)

    def _fill_sign_offs(self, paper: Paper) -> None:
        self.sign_off_panel.show_paper(paper)

    def reload(self, paper: Paper) -> None:
        """Show ``paper`` as stored (after a Mitzeichnung step): no undo history, locked or editable."""
        self._base = paper
        self.undo_stack.clear()
        self._restore(paper)

    def _workflow_changed(self, paper: Paper) -> None:
        self.reload(paper)
        self.workflow_changed.emit(paper)

    def _fill_record(self, paper: Paper) -> None:
        self.record_table.set_rows(
            [
                plain_row(
                    entry.committee_name,
                    format_date(entry.meeting_date),
                    _("nicht öffentlich") if entry.non_public else _("öffentlich"),
                    entry.result,
                    entry.text,
                )
                for entry in paper.resolution_record
            ]
        )

    # --- edits and undo --------------------------------------------------------------------------
    def seal(self) -> None:
        """End the current typing burst: the next edit is a separate undo step."""
        self._burst += 1

    def _index_changed(self, _index: int) -> None:
        if not self._pushing:  # undo/redo: the next edit must not merge into a command off the stack
            self.seal()

    def _on_change(self, key: str, text: str | None = None) -> None:
        if self._loading:
            return
        paper, widget_problems = self.collect()
        self.widget_problems = widget_problems
        if paper != self._snapshot:
            merge_key = f"{key}#{self._burst}" if key else None
            command = EditCommand(text or _("Bearbeiten"), merge_key, self._snapshot, paper, self._restore)
            self._snapshot = paper
            self._pushing = True
            try:
                self.undo_stack.push(command)
            finally:
                self._pushing = False
            if merge_key is not None:
                self._seal_timer.start()
            self.paper_changed.emit()
        self._refresh_problems(paper)

    def _on_structure(self, text: str) -> None:
        self.seal()
        self._on_change("", text)

    def take_over_funding(self) -> None:
        """ "Tabelle übernehmen": the NKF cells proposed from the modules, as one undo step."""

        paper, _problems = self.collect()
        updated = refresh_funding(paper, self.funding.catalogue)
        if updated is paper:
            return
        self.seal()
        self._loading = True
        try:
            self.finance.set_value(updated.financial_impact)
            self.funding.set_value(updated.funding_modules)
        finally:
            self._loading = False
        self._on_change("", _("Tabelle übernehmen"))

    def _restore(self, paper: Paper) -> None:
        self.populate(paper)
        self._snapshot, self.widget_problems = self.collect()
        self._refresh_problems(self._snapshot)
        self.paper_changed.emit()

    def _signatory_chosen(self, name: str) -> None:
        for person in self.master.persons:
            if person.name == name and person.function and not self.sig_function.text().strip():
                self.sig_function.setText(person.function)

    # --- problems --------------------------------------------------------------------------------
    def _refresh_problems(self, paper: Paper) -> None:
        self.problems = validate_paper(paper)
        per_section: dict[str, list[str]] = {key: list(msgs) for key, msgs in self.widget_problems.items()}
        for problem in self.problems:
            per_section.setdefault(section_of(problem), []).append(str(problem))
        for key, section in self.sections.items():
            section.set_problems(per_section.get(key, []))
        self.problem_list.clear()
        for key, _title in SECTIONS:
            for message in per_section.get(key, []):
                self.problem_list.addItem(message)
                self.problem_list.item(self.problem_list.count() - 1).setData(Qt.ItemDataRole.UserRole, key)
        empty = self.problem_list.count() == 0
        self.problem_list.setVisible(not empty and not paper.is_locked)
        self.problem_title.setVisible(not empty and not paper.is_locked)
        self.problems_changed.emit([str(p) for p in self.problems])

    def all_problem_texts(self) -> list[str]:
        return [self.problem_list.item(i).text() for i in range(self.problem_list.count())]

    def _jump_to_problem(self, item: object) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)  # type: ignore[attr-defined]
        section = self.sections.get(key)
        if section is not None:
            self.ensureWidgetVisible(section)
            section.setFocus()
            focus = section.nextInFocusChain()
            if focus is not None:
                focus.setFocus()


def _set_text(edit: QLineEdit, text: str) -> None:
    if edit.text() != text:
        edit.setText(text)


def _set_plain(edit: QPlainTextEdit, text: str) -> None:
    if edit.toPlainText() != text:
        edit.setPlainText(text)
