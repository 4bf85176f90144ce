"""„Signaturschlüssel einrichten“: the guided first set-up of a personal signing key (PIN twice, masked);
„PIN ändern“: the bisherige PIN, then the new one twice."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.keycrypto import validate_secret


def masked(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setAccessibleName(name)
    return edit


class PinDialog(QDialog):
    """Explains the three steps, asks for the PIN twice; the key itself is made by the service.

    With ``change`` it changes the PIN of an existing key: the old PIN first (checked by the service).
    """

    def __init__(self, person_name: str, parent: QWidget | None = None, *, change: bool = False) -> None:
        super().__init__(parent)
        if change:
            self.setWindowTitle(_("PIN ändern – {name}").format(name=person_name))
            text = _(
                "Die PIN (oder Passphrase) schützt den Signaturschlüssel von {name} in diesem Windows-Konto. "
                "Geändert wird sie nur mit der bisherigen PIN. Ist sie vergessen, sperrt die Verwaltung "
                "(Hauptamt/IT) das Zertifikat, und der Schlüssel wird neu eingerichtet."
            )
        else:
            self.setWindowTitle(_("Signaturschlüssel einrichten – {name}").format(name=person_name))
            text = _(
                "1. Jetzt entsteht ein persönlicher Signaturschlüssel für {name}. Er bleibt in diesem "
                "Windows-Konto und kommt nie in die Datenbank.\n"
                "2. Die PIN schützt ihn: ohne sie kann niemand in Ihrem Namen mitzeichnen – auch nicht, wer "
                "an diesem PC sitzt. Teilen sich mehrere Personen ein Windows-Konto, bitte eine Passphrase "
                "wählen.\n"
                "3. Danach bestätigt die Verwaltung (Hauptamt/IT) den Schlüssel; erst dann können Sie "
                "mitzeichnen."
            )
        steps = QLabel(text.format(name=person_name))
        steps.setWordWrap(True)
        self.setMinimumWidth(520)
        self.old = masked(_("Bisherige PIN")) if change else None
        self.first = masked(_("Neue PIN"))
        self.second = masked(_("PIN wiederholen"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout()
        if self.old is not None:
            form.addRow(_("&Bisherige PIN:"), self.old)
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

    def old_pin(self) -> str:
        return self.old.text() if self.old is not None else ""

    def check(self) -> None:
        if self.old is not None and not self.old.text():
            self.problem.setText(_("Bisherige PIN: bitte eingeben."))
            return
        if self.first.text() != self.second.text():
            self.problem.setText(_("Die beiden Eingaben stimmen nicht überein."))
            return
        try:
            validate_secret(self.first.text())
        except KimdeskError as exc:
            self.problem.setText(exc.message)
            return
        self.accept()
