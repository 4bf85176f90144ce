"""Entering a signing PIN twice, masked."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.security import validate_pin


class PinDialog(QDialog):
    """PIN twice, masked; the service checks length and form and stores only a hash."""

    def __init__(self, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("PIN für {name}").format(name=person_name))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_("Neue PIN"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(_("PIN wiederholen"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Neue PIN:"), self.first)
        form.addRow(_("PIN &wiederholen:"), self.second)
        hint = QLabel(_("4 bis 12 Ziffern oder eine Passphrase mit mindestens 8 Zeichen."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def pin(self) -> str:
        return self.first.text()

    def check(self) -> None:

        if self.first.text() != self.second.text():
            self.problem.setText(_("Die beiden Eingaben stimmen nicht überein."))
            return
        try:
            validate_pin(self.first.text())
        except KimdeskError as exc:
            self.problem.setText(exc.message)
            return
        self.accept()
