"""The Beratungsfolge: one row per body, with role, Sitzung, TOP, öffentlich and Berichterstatter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.model import Consultation
from kimdesk.l10n.i18n import _
from kimdesk.services.consultation_rows import ConsultationRow, find_named, follow_renames, read_rows
from kimdesk.ui.editor.consultation_model import (
    COL_COMMITTEE,
    COL_DATE,
    COL_ITEM,
    COL_RAPPORTEUR,
    FIELDS,
    ConsultationDelegate,
    ConsultationModel,
)
from kimdesk.ui.editor.row_table import RowTableView
from kimdesk.ui.editor.widgets import MasterData


class ConsultationTable(QWidget):
    """The rows live in ``model`` (plain ``ConsultationRow``s); ``changed(key)`` fires on every edit."""

    changed = Signal(str)
    structure_changed = Signal(str)

    def __init__(self, master: MasterData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.master = master
        self.model = ConsultationModel(master, self)
        self.table = RowTableView(self.model, ConsultationDelegate(self.model, self), self)
        self.model.edited.connect(
            lambda row, column: self.changed.emit(f"consultation:{self.model.row(row).key}:{FIELDS[column]}")
        )
        self.table.setAccessibleName(_("Beratungsfolge"))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COMMITTEE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RAPPORTEUR, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_ITEM, metrics.horizontalAdvance("12.3a") + 16)  # „2“, „12.3“, „Ö 4“
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DATE, metrics.horizontalAdvance("00.00.00000") + 16)
        self.table.verticalHeader().setVisible(True)
        self.add_button = QPushButton(_("Gremium h&inzufügen"), self)
        self.remove_button = QPushButton(_("Gremium &entfernen"), self)
        self.up_button = QPushButton(_("Nach &oben"), self)
        self.down_button = QPushButton(_("Nach unten"), self)
        self.add_button.clicked.connect(self.add_row)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def set_value(self, consultations: list[Consultation]) -> None:
        current = self.table.currentRow()
        self.model.set_rows([ConsultationRow.of(c) for c in consultations])
        if 0 <= current < self.model.rowCount():
            self.table.selectRow(current)

    def set_master(self, master: MasterData, *, follow: bool = False) -> None:
        """New master data: the next Gremium picker opened offers it (the rows keep what they name).

        ``follow`` (a draft): rows naming a renamed Gremium or person show the new names (no undo step);
        also after an undo brought back rows from before the rename (``master`` unchanged)."""
        before = (self.master.committees, self.master.persons)
        self.master = master
        self.model.master = master
        if not follow:
            return
        rows = self.model.rows()
        after = (master.committees, master.persons)
        followed = [follow_renames(r, before, after) for r in rows]
        if any(new is not old for new, old in zip(followed, rows, strict=True)):
            current = self.table.currentRow()
            self.model.set_rows(followed)
            if 0 <= current < self.model.rowCount():
                self.table.selectRow(current)

    def unknown_committees(self) -> list[str]:
        """Gremien typed into the rows that the master data does not know (each once)."""
        names: list[str] = []
        for row in self.model.rows():
            name = row.committee.strip()
            if (
                name
                and find_named(row.committees(self.master.committees), name) is None
                and name not in names
            ):
                names.append(name)
        return names

    def value(self) -> tuple[list[Consultation], list[str]]:
        """The rows and their problems (unreadable dates, names not in the master data)."""
        return read_rows(self.model.rows(), self.master.committees, self.master.persons)

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insert_row(row, ConsultationRow.of(Consultation()))
        self.table.selectRow(row)
        editor = self.table.cellWidget(row, COL_COMMITTEE)
        if editor is not None:
            editor.setFocus()
        self.structure_changed.emit(_("Gremium hinzufügen"))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.model.remove_row(row)
        self.structure_changed.emit(_("Gremium entfernen"))

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.model.rowCount():
            return
        self.model.move_row(row, target)
        self.table.selectRow(target)
        self.structure_changed.emit(_("Gremium verschieben"))

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)
