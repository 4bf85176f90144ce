"""The Beratungsfolge: one row per body, with role, Sitzung, TOP, öffentlich and Berichterstatter."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.model import Consultation, ConsultationRole
from kimdesk.l10n.i18n import _
from kimdesk.ui.editor.widgets import DateEdit, MasterData, Picker

COL_COMMITTEE, COL_ROLE, COL_DATE, COL_ITEM, COL_PUBLIC, COL_RAPPORTEUR = range(6)


class ConsultationTable(QWidget):
    """Rows are widgets (pickers with completion); ``changed(key)`` fires on every edit."""

    changed = Signal(str)
    structure_changed = Signal(str)

    def __init__(self, master: MasterData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.master = master
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels(
            [
                _("Gremium"),
                _("Zuständigkeit"),
                _("Sitzung am"),
                _("TOP"),
                _("öffentlich"),
                _("Berichterstatter"),
            ]
        )
        self.table.setAccessibleName(_("Beratungsfolge"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COMMITTEE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_RAPPORTEUR, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_ITEM, metrics.horizontalAdvance("TOP 12.3") + 16)
        header.setSectionResizeMode(COL_DATE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DATE, metrics.horizontalAdvance("00.00.00000") + 16)
        self.table.verticalHeader().setVisible(True)
        self.add_button = QPushButton(_("Gremium &hinzufügen"), self)
        self.remove_button = QPushButton(_("Gremium &entfernen"), self)
        self.up_button = QPushButton(_("Nach &oben"), self)
        self.down_button = QPushButton(_("Nach &unten"), self)
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

    # --- rows ------------------------------------------------------------------------------------
    def _row_widgets(self, row: int) -> tuple[Picker, QComboBox, DateEdit, QLineEdit, QCheckBox, Picker]:
        return (
            self.table.cellWidget(row, COL_COMMITTEE),  # type: ignore[return-value]
            self.table.cellWidget(row, COL_ROLE),
            self.table.cellWidget(row, COL_DATE),
            self.table.cellWidget(row, COL_ITEM),
            self.table.cellWidget(row, COL_PUBLIC),
            self.table.cellWidget(row, COL_RAPPORTEUR),
        )

    def _insert_row(self, row: int, consultation: Consultation) -> None:
        number = row + 1
        self.table.insertRow(row)
        committee: Picker = Picker(self.master.committees, _("Gremium, Zeile {n}").format(n=number))
        committee.set_value(consultation.committee)
        committee.meeting_id = consultation.meeting_id  # type: ignore[attr-defined]
        role = QComboBox()
        role.setAccessibleName(_("Zuständigkeit, Zeile {n}").format(n=number))
        for value in ConsultationRole:
            role.addItem(_(value.label), value)
        role.setCurrentIndex(list(ConsultationRole).index(consultation.role))
        meeting = DateEdit(_("Sitzung am, Zeile {n}").format(n=number))
        meeting.set_value(consultation.meeting_date)
        item = QLineEdit(consultation.agenda_item)
        item.setAccessibleName(_("TOP, Zeile {n}").format(n=number))
        public = QCheckBox()
        public.setChecked(consultation.public)
        public.setAccessibleName(_("öffentlich, Zeile {n}").format(n=number))
        rapporteur: Picker = Picker(self.master.persons, _("Berichterstatter, Zeile {n}").format(n=number))
        rapporteur.set_value(consultation.rapporteur)
        for column, widget in enumerate((committee, role, meeting, item, public, rapporteur)):
            self.table.setCellWidget(row, column, widget)
        key = f"consultation:{id(committee)}"
        committee.currentTextChanged.connect(lambda _t: self.changed.emit(key + ":committee"))
        role.currentIndexChanged.connect(lambda _i: self.changed.emit(key + ":role"))
        meeting.textChanged.connect(lambda _t: self.changed.emit(key + ":date"))
        item.textChanged.connect(lambda _t: self.changed.emit(key + ":item"))
        public.toggled.connect(lambda _b: self.changed.emit(key + ":public"))
        rapporteur.currentTextChanged.connect(lambda _t: self.changed.emit(key + ":rapporteur"))

    def set_value(self, consultations: list[Consultation]) -> None:
        blocker = self.blockSignals(True)
        current = self.table.currentRow()
        self.table.setRowCount(0)
        for row, consultation in enumerate(consultations):
            self._insert_row(row, consultation)
        if 0 <= current < self.table.rowCount():
            self.table.selectRow(current)
        self.blockSignals(blocker)

    def value(self) -> tuple[list[Consultation], list[str]]:
        """The rows and the problems only the widgets know about (unreadable dates, unknown names)."""
        rows: list[Consultation] = []
        problems: list[str] = []
        for row in range(self.table.rowCount()):
            committee, role, meeting, item, public, rapporteur = self._row_widgets(row)
            meeting_date, error = meeting.value()
            where = _("Beratungsfolge, Zeile {n}").format(n=row + 1)
            if error:
                problems.append(f"{where}: {error}")
            if committee.unknown():
                problems.append(
                    _("{where}: Gremium „{name}“ ist nicht in den Stammdaten").format(
                        where=where, name=committee.currentText()
                    )
                )
            if rapporteur.unknown():
                problems.append(
                    _("{where}: Person „{name}“ ist nicht in den Stammdaten").format(
                        where=where, name=rapporteur.currentText()
                    )
                )
            rows.append(
                Consultation(
                    committee=committee.value(),
                    role=list(ConsultationRole)[max(role.currentIndex(), 0)],
                    meeting_date=meeting_date,
                    agenda_item=item.text().strip(),
                    public=public.isChecked(),
                    rapporteur=rapporteur.value(),
                    meeting_id=getattr(committee, "meeting_id", None),
                )
            )
        return rows, problems

    def add_row(self) -> None:
        row = self.table.rowCount()
        self._insert_row(row, Consultation())
        self.table.selectRow(row)
        self.table.cellWidget(row, COL_COMMITTEE).setFocus()
        self.structure_changed.emit(_("Gremium hinzufügen"))

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row < 0:
            return
        self.table.removeRow(row)
        self.structure_changed.emit(_("Gremium entfernen"))

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        rows, _problems = self.value()
        rows.insert(target, rows.pop(row))
        self.set_value(rows)
        self.table.selectRow(target)
        self.structure_changed.emit(_("Gremium verschieben"))

    def setReadOnly(self, read_only: bool) -> None:
        self.table.setEnabled(not read_only)
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(not read_only)
