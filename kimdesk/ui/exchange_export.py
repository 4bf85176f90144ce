"""Datei › Austauschdatei exportieren: the Vorlagen (all, or those the filtered list shows), the master data
and the Anlagen into an exchange file."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.ports import PaperQuery
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.paper_tabs import PaperTabs
from kimdesk.ui.tasks import run_task

SUFFIX = ".kimdesk.json"
log = logging.getLogger(__name__)


class ExchangeExport:
    """Choose a file, write it off the GUI thread (the window stays usable), and say what happened."""

    def __init__(self, tabs: PaperTabs) -> None:
        self.tabs = tabs

    def run(self) -> None:
        host = self.tabs.host
        if host.context is None:
            return
        title = _("Austauschdatei exportieren")
        go, query = self._scope(title)
        if not go:
            return
        suggestion = file_dialogs.start_folder() / f"kimdesk-{date.today():%Y-%m-%d}{SUFFIX}"
        chosen = file_dialogs.save_file_name(
            self.tabs.parent, title, str(suggestion), _("kimdesk-Austauschdateien (*.kimdesk.json)")
        )
        if not chosen:
            return
        path = Path(chosen)
        if not path.name.lower().endswith(".json"):
            path = path.with_name(path.name + SUFFIX)
        uow_factory = host.context.uow_factory
        status = host.statusBar()

        def export() -> int:
            from kimdesk.services.exchange import export_file

            return export_file(uow_factory, path, query=query)

        def done(count: int) -> None:
            status.showMessage(_("Austauschdatei gespeichert: {path}").format(path=path), 10000)
            dialogs.inform(self.tabs.parent, title, done_text(count, path))

        def failed(exc: BaseException) -> None:
            status.clearMessage()
            if isinstance(exc, KimdeskError):
                text = exc.message
            else:  # a defect, not the user's doing: the log has it, the user a plain sentence
                log.error("Austauschdatei-Export fehlgeschlagen", exc_info=exc)
                text = _("Die Austauschdatei konnte nicht geschrieben werden; keine Datei angelegt.")
            dialogs.warn(self.tabs.parent, title, text)

        status.showMessage(_("Austauschdatei wird geschrieben: {path} …").format(path=path))
        run_task(export, done, failed)

    def _scope(self, title: str) -> tuple[bool, PaperQuery | None]:
        """Whether to go on, and the filter of the Vorlagen to write (``None``: all). A filtered list: its
        Vorlagen or all of them, as the clerk says; an unfiltered one: all, without asking."""
        listing = self.tabs.host.list_page
        query = listing.query()
        if query == PaperQuery():
            return True, None
        choice = dialogs.choose(
            self.tabs.parent,
            title,
            _(
                "Die Vorlagenliste ist gefiltert ({filter}) und zeigt {shown}.\n\n"
                "Nur diese Vorlagen exportieren oder alle Vorlagen der Datenbank? Ämter, Gremien und "
                "Personen kommen in beiden Fällen vollständig mit."
            ).format(filter=listing.filter_text(), shown=listing.count_label.text()),
            [_("Nur die gezeigten"), _("Alle Vorlagen")],
        )
        return choice is not None, query if choice == 0 else None


def done_text(count: int, path: Path) -> str:
    """What the export wrote; the Anlagen folder beside the file is named when there is one."""
    text = _("{count} Vorlage(n) mit Ämtern, Gremien und Personen exportiert nach:\n{path}").format(
        count=count, path=path
    )
    from kimdesk.services.exchange_files import folder_for

    folder = folder_for(path)
    if folder.is_dir():
        text += "\n\n" + _(
            "Die Anlagen liegen im Ordner „{folder}“ daneben; beim Weitergeben gehört er zur Datei."
        ).format(folder=folder.name)
    return text
