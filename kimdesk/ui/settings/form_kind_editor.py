"""One Vorlagenart of the form profile: its name, numbering, head, sections (order, shown, heading) and
signature blocks. ``load(kind)`` shows a Vorlagenart, ``store()`` gives it back as edited."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.form_profile import (
    HEAD_FIELDS,
    SECTION_HEADINGS,
    SECTION_KEYS,
    HeadLayout,
    Numbering,
    PaperKind,
    Section,
    SignatureSlot,
)
from kimdesk.l10n.i18n import _

KEY_ROLE = Qt.ItemDataRole.UserRole
HEADING_ROLE = Qt.ItemDataRole.UserRole + 1


def section_names() -> dict[str, str]:
    return {
        "subject": _("Betreff"),
        "related_papers": _("Bezugsvorlagen"),
        "rationale": _("Begründung"),
        "financial_impact": _("Finanzielle Auswirkungen (NKF)"),
        "funding_modules": _("Fördermodule"),
        "climate_impact": _("Klimarelevanz"),
        "draft_resolution": _("Beschlussentwurf/-vorschlag"),
        "signature": _("Unterschrift"),
        "sign_off_grid": _("Mitzeichnungen"),
        "minutes_extracts": _("Zahl der Protokollauszüge"),
        "resolution_record": _("Beschlussvermerk"),
        "attachments": _("Anlagen"),
    }


def head_field_names() -> dict[str, str]:
    return {
        "lead_department": _("Federführendes Amt"),
        "file_number": _("Aktenzeichen"),
        "public": _("öffentlich/nicht öffentlich"),
    }


class KindEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._kind: PaperKind | None = None
        self._loading = False
        self.label = QLineEdit()
        self.label.setAccessibleName(_("Bezeichnung der Vorlagenart"))
        self.own_numbering = QCheckBox(_("eigene Nummerierung"))
        self.prefix = QLineEdit()
        self.prefix.setAccessibleName(_("Präfix der Nummer"))
        self.pattern = QLineEdit()
        self.pattern.setAccessibleName(_("Muster der Nummer"))
        self.pattern.setToolTip(_("{yy} zweistelliges Jahr, {yyyy} vierstelliges Jahr, {n} laufende Nummer"))
        self.digits = QSpinBox()
        self.digits.setRange(1, 8)
        self.digits.setAccessibleName(_("Stellen der laufenden Nummer"))
        self.per_year = QCheckBox(_("jedes Jahr neu ab 1"))
        self.head_layout = QComboBox()
        self.head_layout.setAccessibleName(_("Kopf der Vorlage"))
        self.head_layout.addItem(_("ein Gremium mit Berichterstattung"), HeadLayout.SINGLE_BODY.value)
        self.head_layout.addItem(_("Beratungsfolge als Tabelle"), HeadLayout.CONSULTATION_TABLE.value)
        self.head_fields = {key: QCheckBox(name) for key, name in head_field_names().items()}
        self.sections = QListWidget()
        self.sections.setMinimumHeight(230)
        self.sections.setAccessibleName(_("Abschnitte in Druckreihenfolge"))
        self.heading = QLineEdit()
        self.heading.setAccessibleName(_("Überschrift des Abschnitts"))
        self.up = QPushButton(_("Nach &oben"))
        self.down = QPushButton(_("Nach unte&n"))
        self.signatures = QLineEdit()
        self.signatures.setAccessibleName(_("Weitere Unterschriften"))
        self.signatures.setToolTip(_("Überschriften weiterer Unterschriften nebeneinander, durch ; getrennt"))
        self._build()

    def _build(self) -> None:
        numbering = QVBoxLayout()
        switches = QHBoxLayout()
        switches.addWidget(self.own_numbering)
        switches.addWidget(self.per_year)
        parts = QHBoxLayout()
        for widget in (self.prefix, self.pattern, self.digits):
            parts.addWidget(widget)
        numbering.addLayout(switches)
        numbering.addLayout(parts)
        fields = QVBoxLayout()
        for box in self.head_fields.values():
            fields.addWidget(box)
        form = QFormLayout()
        form.addRow(_("Bezeichnung:"), self.label)
        form.addRow(_("Nummer:"), numbering)
        form.addRow(_("Kopf:"), self.head_layout)
        form.addRow(_("Im Kopf:"), fields)
        form.addRow(_("Weitere Unterschriften:"), self.signatures)
        moves = QVBoxLayout()
        moves.addWidget(self.up)
        moves.addWidget(self.down)
        moves.addStretch(1)
        order = QHBoxLayout()
        order.addWidget(self.sections, 1)
        order.addLayout(moves)
        group = QGroupBox(_("Abschnitte (Haken: wird gedruckt)"))
        inner = QVBoxLayout(group)
        inner.addLayout(order)
        heading = QFormLayout()
        heading.addRow(_("Überschrift:"), self.heading)
        inner.addLayout(heading)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(group, 1)
        for edit in (self.label, self.prefix, self.pattern, self.signatures):
            edit.textEdited.connect(self._edited)
        for check in (self.own_numbering, self.per_year, *self.head_fields.values()):
            check.toggled.connect(self._edited)
        self.digits.valueChanged.connect(self._edited)
        self.head_layout.currentIndexChanged.connect(self._edited)
        self.sections.itemChanged.connect(self._edited)
        self.sections.currentRowChanged.connect(self._show_heading)
        self.heading.textEdited.connect(self._heading_edited)
        self.up.clicked.connect(lambda: self.move_section(-1))
        self.down.clicked.connect(lambda: self.move_section(1))

    # -- showing a Vorlagenart ----------------------------------------------------------------
    def load(self, kind: PaperKind) -> None:
        self._loading = True
        self._kind = copy.deepcopy(kind)
        self.label.setText(kind.label)
        numbering = kind.numbering or Numbering()
        self.own_numbering.setChecked(kind.numbering is not None)
        self.prefix.setText(numbering.prefix)
        self.pattern.setText(numbering.pattern)
        self.digits.setValue(numbering.digits)
        self.per_year.setChecked(numbering.per_year)
        self.head_layout.setCurrentIndex(max(0, self.head_layout.findData(kind.head_layout.value)))
        for key, box in self.head_fields.items():
            box.setChecked(key in kind.head_fields)
        self.signatures.setText("; ".join(s.heading for s in kind.signatures[1:]))
        self.sections.clear()
        listed = [s.key for s in kind.sections]
        for section in [
            *kind.sections,
            *(Section(k, visible=False) for k in SECTION_KEYS if k not in listed),
        ]:
            self._add_item(section)
        self.sections.setCurrentRow(0)
        self._loading = False

    def _add_item(self, section: Section) -> None:
        item = QListWidgetItem(section_names().get(section.key, section.key))
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if section.visible else Qt.CheckState.Unchecked)
        item.setData(KEY_ROLE, section.key)
        item.setData(HEADING_ROLE, section.heading)
        self.sections.addItem(item)

    def _show_heading(self, row: int) -> None:
        item = self.sections.item(row)
        if item is None:
            return
        heading = item.data(HEADING_ROLE)
        key = str(item.data(KEY_ROLE))
        self.heading.setText(SECTION_HEADINGS.get(key, "") if heading is None else str(heading))
        self.heading.setEnabled(key != "signature")

    def _heading_edited(self, text: str) -> None:
        item = self.sections.currentItem()
        if item is not None:
            key = str(item.data(KEY_ROLE))
            item.setData(HEADING_ROLE, None if text == SECTION_HEADINGS.get(key) else text)
            self._edited()

    def move_section(self, step: int) -> None:
        row = self.sections.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.sections.count():
            return
        item = self.sections.takeItem(row)
        self.sections.insertItem(target, item)
        self.sections.setCurrentRow(target)
        self._edited()

    def _edited(self, *args: object) -> None:
        if not self._loading:
            self.changed.emit()

    # -- the Vorlagenart as edited --------------------------------------------------------------
    def store(self) -> PaperKind | None:
        if self._kind is None:
            return None
        kind = self._kind
        kind.label = self.label.text().strip()
        kind.numbering = (
            Numbering(
                self.prefix.text(),
                self.pattern.text().strip(),
                self.digits.value(),
                self.per_year.isChecked(),
            )
            if self.own_numbering.isChecked()
            else None
        )
        kind.head_layout = HeadLayout(self.head_layout.currentData())
        kind.head_fields = [key for key in HEAD_FIELDS if self.head_fields[key].isChecked()]
        kind.sections = []
        for row in range(self.sections.count()):
            item = self.sections.item(row)
            heading = item.data(HEADING_ROLE)
            kind.sections.append(
                Section(
                    str(item.data(KEY_ROLE)),
                    None if heading is None else str(heading),
                    item.checkState() == Qt.CheckState.Checked,
                )
            )
        extra = [h.strip() for h in self.signatures.text().split(";") if h.strip()]
        first = kind.signatures[0] if kind.signatures else SignatureSlot()
        kind.signatures = [first, *(SignatureSlot(h) for h in extra)]
        return copy.deepcopy(kind)
