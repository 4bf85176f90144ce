"""„Tabelle übernehmen“ with overrides that no longer match: keep or replace each one (default: replace)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.funding.proposal import Disagreement
from kimdesk.domain.model import Cell
from kimdesk.l10n.i18n import _
from kimdesk.services.finance_overrides import DisagreementLine, disagreement_lines


class OverrideChoiceDialog(QDialog):
    """One line per override: Zeile, Spalte, eingetragen, neu berechnet, „behalten“ / „ersetzen“."""

    def __init__(self, disagreements: list[Disagreement], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Tabelle übernehmen"))
        self.lines = disagreement_lines(disagreements)
        self.keep_buttons: dict[Cell, QRadioButton] = {}
        self.replace_buttons: dict[Cell, QRadioButton] = {}
        intro = QLabel(
            _(
                "Diese Beträge wurden von Hand eingetragen und weichen von der neuen Berechnung ab. "
                "Für jeden Betrag wählen: behalten oder durch den berechneten Wert ersetzen."
            )
        )
        intro.setWordWrap(True)
        grid = QGridLayout()
        headings = (_("Zeile"), _("Spalte"), _("eingetragen"), _("neu berechnet"), _("Entscheidung"))
        for column, heading in enumerate(headings):
            grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        for number, line in enumerate(self.lines, start=1):
            self._add_line(grid, number, line)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Übernehmen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(buttons)

    def _add_line(self, grid: QGridLayout, number: int, line: DisagreementLine) -> None:
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        grid.addWidget(QLabel(line.row), number, 0)
        grid.addWidget(QLabel(line.column), number, 1)
        grid.addWidget(QLabel(line.typed), number, 2, right)
        grid.addWidget(QLabel(line.computed), number, 3, right)
        keep = QRadioButton(_("behalten"), self)
        replace = QRadioButton(_("ersetzen"), self)
        for button, verb in ((keep, _("behalten")), (replace, _("ersetzen"))):
            button.setAccessibleName(f"{line.row} {line.column}: {verb}")
        replace.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(keep)
        group.addButton(replace)
        cell = QWidget(self)
        row = QGridLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(keep, 0, 0)
        row.addWidget(replace, 0, 1)
        grid.addWidget(cell, number, 4)
        self.keep_buttons[line.cell] = keep
        self.replace_buttons[line.cell] = replace

    def kept(self) -> set[Cell]:
        """The cells whose typed figure stays (the clerk chose „behalten“)."""
        return {cell for cell, button in self.keep_buttons.items() if button.isChecked()}


def ask_overrides(parent: QWidget | None, disagreements: list[Disagreement]) -> set[Cell] | None:
    """The overrides to keep, or None when the clerk cancels (then the table stays as it is)."""
    dialog = OverrideChoiceDialog(disagreements, parent)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.kept()
    finally:
        dialog.deleteLater()
