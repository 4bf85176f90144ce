"""„Signaturschlüssel einrichten“: the guided first set-up of a personal signing key (PIN twice, masked)."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.keycrypto import validate_secret


class PinDialog(QDialog):
    """Explains the three steps, asks for the PIN twice; the key itself is made by the service."""

    def __init__(self, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Signaturschlüssel einrichten – {name}").format(name=person_name))
        steps = QLabel(
            _(
                "1. Jetzt entsteht ein persönlicher Signaturschlüssel für {name}. Er bleibt in diesem "
                "Windows-Konto und kommt nie in die Datenbank.\n"
                "2. Die PIN schützt ihn: ohne sie kann niemand in Ihrem Namen mitzeichnen – auch nicht, wer "
                "an diesem PC sitzt. Teilen sich mehrere Personen ein Windows-Konto, bitte eine Passphrase "
                "wählen.\n"
                "3. Danach bestätigt die Verwaltung (Hauptamt/IT) den Schlüssel; erst dann können Sie "
                "mitzeichnen."
            ).format(name=person_name)
        )
        steps.setWordWrap(True)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_("Neue PIN"))
        self.setMinimumWidth(520)
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(_("PIN wiederholen"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Neue PIN:"), self.first)
        form.addRow(_("PIN &wiederholen:"), self.second)
        hint = QLabel(_("6 bis 12 Ziffern oder eine Passphrase mit mindestens 10 Zeichen."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(steps)
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
            validate_secret(self.first.text())
        except KimdeskError as exc:
            self.problem.setText(exc.message)
            return
        self.accept()
