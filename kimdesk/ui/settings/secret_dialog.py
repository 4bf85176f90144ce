"""Asking for the office key's passphrase (and a reason, a PKCS#12 password) in a masked dialog."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.keycrypto import validate_secret
from kimdesk.ui.settings.pin_dialog import masked

#: Suggested reasons for revoking a certificate (free text is allowed as well).
REVOKE_REASONS = (
    "Schlüssel verloren (PC/Windows-Konto neu eingerichtet)",
    "PIN vergessen",
    "Person ausgeschieden",
    "Schlüssel möglicherweise bekannt geworden",
)


class SecretDialog(QDialog):
    """An explanation, optional extra fields, the passphrase (twice for a new one); OK checks the input.

    ``new``: a new office-key passphrase (entered twice, not only digits); ``reason``: a revocation reason;
    ``pkcs12``: the password of the municipality's PKCS#12 file as well.
    """

    def __init__(
        self,
        title: str,
        explanation: str,
        parent: QWidget | None = None,
        *,
        new: bool = False,
        reason: bool = False,
        pkcs12: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(560)
        self.new = new
        text = QLabel(explanation)
        text.setWordWrap(True)
        form = QFormLayout()
        self.reason: QComboBox | None = None
        if reason:
            self.reason = QComboBox()
            self.reason.setEditable(True)
            self.reason.addItems(list(REVOKE_REASONS))
            self.reason.setAccessibleName(_("Grund der Sperrung"))
            form.addRow(_("&Grund:"), self.reason)
        self.pkcs12: QLineEdit | None = None
        if pkcs12:
            self.pkcs12 = masked(_("Passwort der PKCS#12-Datei"))
            form.addRow(_("Passwort der PKCS#&12-Datei:"), self.pkcs12)
        self.first = masked(_("Passphrase des Office-Schlüssels"))
        form.addRow(_("&Passphrase des Office-Schlüssels:"), self.first)
        self.second: QLineEdit | None = None
        if new:
            self.second = masked(_("Passphrase wiederholen"))
            form.addRow(_("Passphrase &wiederholen:"), self.second)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def passphrase(self) -> str:
        return self.first.text()

    def pkcs12_password(self) -> str:
        return self.pkcs12.text() if self.pkcs12 is not None else ""

    def reason_text(self) -> str:
        return self.reason.currentText().strip() if self.reason is not None else ""

    def check(self) -> None:
        if not self.first.text():
            self.problem.setText(_("Passphrase: bitte eingeben."))
            return
        if self.second is not None:
            if self.first.text() != self.second.text():
                self.problem.setText(_("Passphrase: die beiden Eingaben stimmen nicht überein."))
                return
            try:
                validate_secret(self.first.text())
            except KimdeskError as exc:
                self.problem.setText(exc.message.replace("PIN:", _("Passphrase:"), 1))
                return
            if self.first.text().isdigit():
                self.problem.setText(_("Passphrase: für den Office-Schlüssel bitte Wörter, keine PIN."))
                return
        self.accept()
