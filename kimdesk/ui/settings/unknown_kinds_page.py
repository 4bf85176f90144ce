"""Settings: the organizations whose kind is not known (imported from a system that did not record whether
they are an Amt or a Gremium). Each is listed „Art unbekannt“; the clerk makes it an Amt or a Gremium, and it
moves to that page (saved with the dialog). Until then no picker offers it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.masterdata import Organization, OrganizationKind
from kimdesk.l10n.i18n import _
from kimdesk.services.settings_rows import TextRow
from kimdesk.ui.settings.master_page import MasterDataPage

ID = Qt.ItemDataRole.UserRole


def unknown_kinds(organizations: Sequence[Organization]) -> list[Organization]:
    return [o for o in organizations if o.kind is None]


class UnknownKindsPage(QWidget):
    """The list, and „Als Amt festlegen“ / „Als Gremium festlegen“ for the selected one."""

    def __init__(
        self,
        organizations: Sequence[Organization],
        pages: dict[OrganizationKind, MasterDataPage],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.pages = pages
        self.organizations = {str(o.id): o for o in unknown_kinds(organizations)}
        self.list = QListWidget()
        self.list.setAccessibleName(_("Ämter und Gremien, Art unbekannt"))
        for key, org in self.organizations.items():
            item = QListWidgetItem(_("{name} – Art unbekannt").format(name=org.name))
            item.setData(ID, key)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.as_department = QPushButton(_("Als Amt fes&tlegen"))
        self.as_department.clicked.connect(lambda: self.set_kind(OrganizationKind.DEPARTMENT))
        self.as_committee = QPushButton(_("Als Gremium festl&egen"))
        self.as_committee.clicked.connect(lambda: self.set_kind(OrganizationKind.COMMITTEE))
        hint = QLabel(
            _(
                "Aus einer Austauschdatei übernommen, die nicht nennt, ob es ein Amt oder ein Gremium ist. "
                "Erst danach bieten die Auswahllisten es an."
            )
        )
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.as_department)
        buttons.addWidget(self.as_committee)
        buttons.addStretch(1)
        body = QVBoxLayout(self)
        body.addWidget(hint)
        body.addWidget(self.list)
        body.addLayout(buttons)

    def set_kind(self, kind: OrganizationKind) -> None:
        """The selected organization becomes an Amt or a Gremium: a row of that page (saved with the rest)."""
        item = self.list.currentItem()
        if item is None:
            return
        org = self.organizations.pop(str(item.data(ID)))
        row = TextRow([org.name, org.short_name, org.name_genitive], str(org.id), org.active)
        self.pages[kind].table.rows_model.append_row(row)
        self.list.takeItem(self.list.row(item))
