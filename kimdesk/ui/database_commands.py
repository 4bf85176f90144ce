"""The Datei menu's database commands: folder, backup, restore, settings, set-up assistant; Über kimdesk."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QStatusBar, QWidget

from kimdesk import __version__
from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppOpener, GuiContext
from kimdesk.ui.tasks import run_task


class DatabaseHost(Protocol):
    """What the database commands need of the main window."""

    context: GuiContext | None
    config: GuiConfig
    opener: AppOpener | None

    def statusBar(self) -> QStatusBar: ...

    def reload_master_data(self) -> None: ...

    def reload_everything(self) -> None: ...


class DatabaseCommands:
    def __init__(self, host: DatabaseHost, parent: QWidget) -> None:
        self.host = host
        #: Dialogs are shown over this widget (the window).
        self.parent = parent

    def open_database_folder(self) -> None:
        context = self.host.context
        if context is None:
            return
        path = context.database_file()
        if path is None:
            dialogs.inform(
                self.parent,
                _("Datenbankordner"),
                _("Die Datenbank liegt auf einem Server: {url}").format(url=context.db_url),
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def backup(self) -> None:
        context = self.host.context
        if context is None:
            return
        suggestion = Path.home() / _("kimdesk-sicherung-{date}.sqlite").format(
            date=f"{date.today():%Y-%m-%d}"
        )
        path = file_dialogs.save_file_name(self.parent, _("Sicherung speichern"), str(suggestion))
        if not path:
            return
        status = self.host.statusBar()

        def done(_result: object) -> None:
            status.showMessage(_("Sicherung gespeichert: {path}").format(path=path), 10000)

        def failed(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, KimdeskError) else str(exc)
            dialogs.warn(
                self.parent, _("Sicherung"), _("Die Sicherung ist fehlgeschlagen: {error}").format(error=text)
            )

        status.showMessage(_("Sicherung läuft …"))
        run_task(lambda: context.backup(Path(path)), done, failed)

    def open_settings(self) -> None:
        host = self.host
        if host.context is None:
            return
        from kimdesk.ui.settings.dialog import SettingsDialog

        dialog = SettingsDialog(host.context, host.config, host.opener, self.parent)
        if dialog.exec():
            host.reload_everything()  # the list names Ämter and Gremien too (a rename shows at once)
            host.statusBar().showMessage(_("Einstellungen gespeichert."), 8000)

    def open_setup_wizard(self, *, first_start: bool = False) -> QWidget | None:
        """Datei → Einrichtungsassistent …, and by itself on the first start with an empty database."""
        host = self.host
        if host.context is None:
            return None
        from kimdesk.ui.setup_wizard import SetupWizard

        app = host.context.app
        wizard = SetupWizard(
            host.context.uow_factory, self.parent, first_start=first_start, maker=lambda: app.signed_pdf_maker
        )

        def completed(message: str) -> None:
            host.reload_everything()
            host.statusBar().showMessage(message, 15000)

        wizard.completed.connect(completed)
        wizard.open()
        return wizard

    def about(self) -> None:
        dialogs.inform(
            self.parent,
            _("Über kimdesk"),
            _(
                "kimdesk {version}\nVorlagen für Rat und Ausschüsse – KIM-Förderung, Mitzeichnung, PDF."
            ).format(version=__version__),
        )
