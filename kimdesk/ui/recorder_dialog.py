"""Who enters a result and signs the Beschlussvermerk: person and the PIN of their own signing key."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from kimdesk.l10n.i18n import _


class RecorderDialog(QDialog):
    """Person (from the office's persons) and PIN; the service unlocks the key and signs."""

    def __init__(self, what: str, names: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Beschlussvermerk signieren"))
        explain = QLabel(
            _(
                "Der Beschlussvermerk zu „{what}“ wird von der Person signiert, die das Ergebnis "
                "einträgt – mit ihrem eigenen Signaturschlüssel."
            ).format(what=what)
        )
        explain.setWordWrap(True)
        self.person = QComboBox()
        self.person.addItems(list(names))
        self.person.setAccessibleName(_("Person"))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setAccessibleName(_("PIN"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(explain)
        form.addRow(_("&Person:"), self.person)
        form.addRow(_("P&IN:"), self.pin)
        form.addRow(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(460)

    def show_problem(self, message: str) -> None:
        self.problem.setText(message)
