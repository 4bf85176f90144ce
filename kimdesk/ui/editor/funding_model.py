"""The Fördermodule's model and delegate: rows are ``FundingRow``s; the grant column is computed."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QStyleOptionViewItem, QWidget

from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.model import FundingModule
from kimdesk.l10n.i18n import _
from kimdesk.services.funding_rows import (
    FundingReading,
    FundingRow,
    catalogue_choices,
    extra_field,
    own_field,
    read_rows,
)
from kimdesk.ui.editor.row_table import EDIT, CellEditorDelegate, Index, RowTableModel

COL_COMPONENT, COL_POSTS, COL_YEARS, COL_OWN, COL_EXTRA, COL_GRANT = range(6)
#: The part of an undo key that names the column.
FIELDS = ("component", "posts", "years", "own", "extra", "grant")
_TEXT_FIELDS = {COL_POSTS: "posts", COL_YEARS: "years", COL_OWN: "own_contribution", COL_EXTRA: "extra"}


class FundingModel(RowTableModel[FundingRow]):
    """Baustein takes the position in the row's choices; Stellen, Zeitraum, Eigenanteil take text."""

    computed_columns = frozenset({COL_GRANT})

    def __init__(self, catalogue: FundingCatalogue, parent: Any = None) -> None:
        super().__init__(
            [
                _("Programm / Baustein"),
                _("Stellen"),
                _("Zeitraum"),
                _("Eigenanteil €/Jahr"),
                _("Zusatz €/Jahr"),
                _("Zuschuss €/Jahr"),
            ],
            parent,
        )
        self.catalogue = catalogue
        self.choices = catalogue_choices(catalogue)
        self._grants: list[str] = []

    def row_of(self, module: FundingModule) -> FundingRow:
        return FundingRow.of(module, self.choices)

    def set_modules(self, modules: list[FundingModule]) -> None:
        self.set_rows([self.row_of(module) for module in modules])

    def read(self) -> FundingReading:
        """The modules as typed; the grant column shows their figures from now on."""
        reading = read_rows(self.rows(), self.catalogue)
        old, self._grants = self._grants, reading.grants
        for row, grant in enumerate(reading.grants):
            if row >= len(old) or old[row] != grant:
                self.cell_changed(self.index(row, COL_GRANT), edited=False)
        return reading

    def row_choices(self, row: int) -> list[tuple[str, str, str]]:
        return self.row(row).choices(self.choices)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and index.column() == COL_GRANT and role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter  # as the amounts typed
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, EDIT):
            return None
        row, column = self.row(index.row()), index.column()
        if column == COL_COMPONENT:
            choices = self.row_choices(index.row())
            keys = [(programme, component) for programme, component, _label in choices]
            chosen = (row.programme, row.component)
            position = keys.index(chosen) if chosen in keys else 0
            if role == EDIT:
                return position
            return choices[position][2] if choices else ""
        if column == COL_GRANT:
            if role == EDIT or index.row() >= len(self._grants):
                return None
            return self._grants[index.row()]
        return getattr(row, _TEXT_FIELDS[column])

    def setData(self, index: Index, value: Any, role: int = EDIT) -> bool:
        if not index.isValid() or role != EDIT or index.column() == COL_GRANT:
            return False
        if index.column() != COL_COMPONENT:
            return self.store(index, **{_TEXT_FIELDS[index.column()]: str(value)})
        choices = self.row_choices(index.row())
        if not isinstance(value, int) or not 0 <= value < len(choices):
            return False
        programme, component, _label = choices[value]
        return self.store(index, programme=programme, component=component)


class FundingDelegate(CellEditorDelegate):
    """The editors the form always had: the Baustein list, Stellen, Zeitraum and the Eigenanteil."""

    def __init__(self, model: FundingModel, parent: Any = None) -> None:
        super().__init__((COL_COMPONENT, COL_POSTS, COL_YEARS, COL_OWN, COL_EXTRA), parent)
        self.table_model = model

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        number, column = index.row() + 1, index.column()
        if column == COL_COMPONENT:
            component = QComboBox(parent)
            component.setAccessibleName(_("Baustein, Fördermodul {n}").format(n=number))
            for _programme, _component, label in self.table_model.row_choices(index.row()):
                component.addItem(label)
            return self.commit_on(component, component.currentIndexChanged)
        edit = QLineEdit(parent)
        if column == COL_OWN:
            edit.setAccessibleName(own_field(number))
            edit.setPlaceholderText(_("Betrag Quelle; Betrag Quelle …"))
            edit.setToolTip(_("z. B. 12.500 Integrationspauschale § 14c TIntG; 2.000 Haushaltsmittel"))
        elif column == COL_EXTRA:
            edit.setAccessibleName(extra_field(number))
            edit.setPlaceholderText(_("Betrag Grund"))
            edit.setToolTip(
                _("Ein Betrag je Jahr, den der Förderkatalog nicht kennt, z. B. 1.250 laut Bescheid")
            )
        else:
            label = _("Stellen, Fördermodul {n}") if column == COL_POSTS else _("Zeitraum, Fördermodul {n}")
            edit.setAccessibleName(label.format(n=number))
            if column == COL_YEARS:
                edit.setToolTip(_("Ganze Jahre (2021-2023) oder Monate (07/2020-06/2023)"))
        return self.commit_on(edit, edit.textChanged)
