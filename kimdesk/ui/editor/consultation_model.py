"""The Beratungsfolge's model and delegate: rows are ``ConsultationRow``s, every cell has its editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from kimdesk.domain.model import ConsultationRole
from kimdesk.l10n.i18n import _
from kimdesk.services.consultation_rows import ConsultationRow
from kimdesk.ui.editor.row_table import CHECK, EDIT, CellEditorDelegate, Index, RowTableModel
from kimdesk.ui.editor.unknown_choice import unknown_label
from kimdesk.ui.editor.widgets import DateEdit, MasterData, Picker

COL_COMMITTEE, COL_ROLE, COL_DATE, COL_ITEM, COL_PUBLIC, COL_RAPPORTEUR = range(6)
#: The part of an undo key that names the column.
FIELDS = ("committee", "role", "date", "item", "public", "rapporteur")
ROLES = list(ConsultationRole)
_TEXT_FIELDS = {
    COL_COMMITTEE: "committee",
    COL_DATE: "meeting_date",
    COL_ITEM: "agenda_item",
    COL_RAPPORTEUR: "rapporteur",
}


class ConsultationModel(RowTableModel[ConsultationRow]):
    """Text columns show and take text; Zuständigkeit takes the role's position; öffentlich is checkable."""

    checkable_columns = frozenset({COL_PUBLIC})

    def __init__(self, master: MasterData, parent: Any = None) -> None:
        super().__init__(
            [
                _("Gremium"),
                _("Zuständigkeit"),
                _("Sitzung am"),
                _("TOP"),
                _("öffentlich"),
                _("Berichterstatter"),
            ],
            parent,
        )
        self.master = master

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = self.row(index.row()), index.column()
        if column == COL_PUBLIC:
            if role == CHECK:
                if row.public is None:
                    return Qt.CheckState.PartiallyChecked
                return Qt.CheckState.Checked if row.public else Qt.CheckState.Unchecked
            return None
        if column == COL_ROLE:
            # Not known (imported): „(unbekannt)“, the choice's extra entry after the roles.
            if role == Qt.ItemDataRole.DisplayRole:
                return _(row.role.label) if row.role is not None else unknown_label()
            if role == EDIT:
                return ROLES.index(row.role) if row.role is not None else len(ROLES)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, EDIT):
            return str(getattr(row, _TEXT_FIELDS[column]))
        return None

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid():
            return False
        column = index.column()
        if column == COL_PUBLIC and role == CHECK:
            state = Qt.CheckState(value)
            public = None if state == Qt.CheckState.PartiallyChecked else state == Qt.CheckState.Checked
            return self.store(index, public=public)
        if column == COL_ROLE and role == EDIT and isinstance(value, int) and 0 <= value < len(ROLES):
            return self.store(index, role=ROLES[value])
        if column in _TEXT_FIELDS and role == EDIT:
            return self.store(index, **{_TEXT_FIELDS[column]: str(value)})
        return False


class ConsultationDelegate(CellEditorDelegate):
    """The editors the form always had: pickers with completion, a role list, a date, TOP, a check box."""

    def __init__(self, model: ConsultationModel, parent: Any = None) -> None:
        super().__init__(range(6), parent)
        self.table_model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        number, column = index.row() + 1, index.column()
        row = self.table_model.row(index.row())
        master = self.table_model.master
        if column == COL_COMMITTEE:
            committee: Picker = Picker(
                row.committees(master.committees), _("Gremium, Zeile {n}").format(n=number)
            )
            committee.setParent(parent)
            return self.commit_on(committee, committee.currentTextChanged)
        if column == COL_RAPPORTEUR:
            person: Picker = Picker(
                row.persons(master.persons), _("Berichterstatter, Zeile {n}").format(n=number)
            )
            person.setParent(parent)
            return self.commit_on(person, person.currentTextChanged)
        if column == COL_ROLE:
            role = QComboBox(parent)
            role.setAccessibleName(_("Zuständigkeit, Zeile {n}").format(n=number))
            for value in ROLES:
                role.addItem(_(value.label))
            if row.role is None:  # only while it is not known: the clerk cannot choose "unknown"
                role.addItem(unknown_label())
            return self.commit_on(role, role.currentIndexChanged)
        if column == COL_PUBLIC:
            public = QCheckBox(parent)
            public.setAccessibleName(_("öffentlich, Zeile {n}").format(n=number))
            public.setToolTip(_("Halb markiert: nicht bekannt (es wird nichts gedruckt)"))
            return self.commit_on(public, public.checkStateChanged)
        if column == COL_DATE:
            meeting = DateEdit(_("Sitzung am, Zeile {n}").format(n=number), parent)
            return self.commit_on(meeting, meeting.textChanged)
        item = QLineEdit(parent)
        item.setAccessibleName(_("TOP, Zeile {n}").format(n=number))
        return self.commit_on(item, item.textChanged)
