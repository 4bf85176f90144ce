"""Datei › Austauschdatei importieren: Vorlagen and master data from a kimdesk exchange file (JSON)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kimdesk.domain.errors import KimdeskError, ValidationError
from kimdesk.l10n.i18n import _
from kimdesk.services.exchange_report import ImportReport
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.paper_tabs import PaperTabs
from kimdesk.ui.tasks import run_and_wait

#: At most this many problems are listed in the message; the CLI (``kimdesk import``) lists all.
SHOWN_PROBLEMS = 12


class ExchangeImport:
    """Choose a file, import it all-or-nothing off the GUI thread, and say what happened."""

    def __init__(self, tabs: PaperTabs, reload_master_data: Callable[[], None]) -> None:
        self.tabs = tabs
        self.reload_master_data = reload_master_data

    def run(self) -> None:
        host = self.tabs.host
        if host.context is None or host.read_only:
            return
        chosen = file_dialogs.open_file_name(
            self.tabs.parent, _("Austauschdatei importieren"), _("kimdesk-Austauschdateien (*.json)")
        )
        if not chosen:
            return
        path = Path(chosen)
        uow = host.context.uow_factory
        from kimdesk.services.exchange import import_file

        title = _("Austauschdatei importieren")
        try:
            report = run_and_wait(lambda: import_file(uow, path))
        except KimdeskError as exc:
            dialogs.warn(self.tabs.parent, title, failure_text(exc))
            return
        self.reload_master_data()
        host.list_page.reload()
        dialogs.inform(self.tabs.parent, title, report_text(report))


def report_text(report: ImportReport) -> str:
    """What an import did, and what the file left unknown (state, Vorlagenart, Zuständigkeit, kind of
    organization): shown after Datei › Austauschdatei importieren and the set-up assistant's import."""
    summary = _(
        "Importiert: {added} neue, {updated} aktualisierte Vorlage(n), {organizations} Ämter/Gremien, "
        "{persons} Personen."
    ).format(
        added=len(report.added),
        updated=len(report.updated),
        organizations=report.organizations,
        persons=report.persons,
    )
    return "\n\n".join([summary, *report.messages()])


def failure_text(exc: KimdeskError) -> str:
    """Why a file was not imported; a file that breaks the format field by field (the first few)."""
    if not isinstance(exc, ValidationError):
        return exc.message
    lines = [exc.message]
    lines += [f"{p.field}: {p.message}" for p in exc.problems[:SHOWN_PROBLEMS]]
    if len(exc.problems) > SHOWN_PROBLEMS:
        lines.append(_("… und {n} weitere.").format(n=len(exc.problems) - SHOWN_PROBLEMS))
    return "\n".join(lines)
