"""The Datenbank page: where the database is (from the next start on), and a connection test."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.ui import file_dialogs
from kimdesk.ui.context import AppOpener
from kimdesk.ui.tasks import run_task


class DatabasePage(QWidget):
    """``opener`` opens a database for the test (the composition root's ``open_app``)."""

    def __init__(self, url: str, opener: AppOpener | None) -> None:
        super().__init__()
        self.opener = opener
        self.db_url = QLineEdit(url)
        self.db_url.setAccessibleName(_("Datenbank-Adresse"))
        self.db_url.setPlaceholderText(
            "sqlite:///C:/Daten/kimdesk.sqlite  ·  postgresql+psycopg://user@server/kimdesk"
        )
        browse = QPushButton(_("SQLite-Datei &wählen …"))
        browse.clicked.connect(self._browse)
        self.test_button = QPushButton(_("Verbindung &testen"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_button.setEnabled(opener is not None)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(_("Ergebnis des Verbindungstests"))
        hint = QLabel(
            _(
                "Die Adresse gilt ab dem nächsten Start, wenn kimdesk nicht mit --db oder KIMDESK_DB "
                "gestartet wird."
            )
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(browse)
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        label = QLabel(_("Adresse der Daten&bank (SQLite-Datei oder PostgreSQL):"))
        label.setBuddy(self.db_url)
        layout.addWidget(label)
        layout.addWidget(self.db_url)
        layout.addLayout(row)
        layout.addWidget(self.test_result)
        layout.addWidget(hint)
        layout.addStretch(1)

    def url(self) -> str:
        return self.db_url.text().strip()

    def _browse(self) -> None:
        path = file_dialogs.save_file_name(
            self,
            _("SQLite-Datei wählen"),
            "",
            _("SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)"),
            confirm_overwrite=False,
        )
        if path:
            self.db_url.setText(f"sqlite:///{path}")

    def test_connection(self) -> None:
        url = self.url()
        if not url:
            self.test_result.setText(_("Bitte eine Adresse eingeben."))
            return
        opener = self.opener
        if opener is None:  # a window not started by kimdesk (tests): the button is disabled
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(_("Verbindung wird geprüft …"))

        def work() -> None:
            app = opener(url, migrate=False)
            app.close()

        def done(_result: object) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(_("✔ Verbindung erfolgreich."))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            message = exc.message if isinstance(exc, KimdeskError) else f"{type(exc).__name__}: {exc}"
            self.test_result.setText(_("✘ Keine Verbindung: {error}").format(error=message))

        run_task(work, done, failed)
