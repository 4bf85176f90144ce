"""The Datei menu's Vorlage commands: new, open, save, use as template, delete, export as PDF."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.paper_tabs import PaperTabs
from kimdesk.ui.start_data import autosave_service, papers_service
from kimdesk.ui.tasks import run_and_wait

if TYPE_CHECKING:
    from kimdesk.ui.editor.page import EditorPage

T = TypeVar("T")


class PaperCommands:
    """Act on the open Vorlage, else on the one selected in the list."""

    def __init__(self, tabs: PaperTabs) -> None:
        self.tabs = tabs
        self.host = tabs.host
        #: A command whose database work runs on the pool (the window keeps responding meanwhile):
        #: a second one is ignored until it is done (two quick Strg+N give one Vorlage, not two).
        self._running = False

    def _off_gui_thread(self, work: Callable[[], T]) -> T:
        """``work()`` on the thread pool, waiting with the event loop running; its result or its error."""
        self._running = True
        try:
            result: T = run_and_wait(work)
        finally:
            self._running = False
        return result

    def _message(self, text: str) -> None:
        self.host.statusBar().showMessage(text, 8000)

    def selected_reference(self) -> str | None:
        page = self.tabs.current_page()
        if page is not None:
            return page.editor.base.reference
        summary = self.host.list_page.current_summary()
        return summary.reference if summary else None

    def open_selected(self) -> EditorPage | None:
        summary = self.host.list_page.current_summary()
        return self.tabs.open_paper(summary.id) if summary is not None else None

    def new_paper(self) -> EditorPage | None:
        if self.host.context is None or self._running:
            return None
        uow = self.host.context.uow_factory
        try:
            paper = self._off_gui_thread(lambda: papers_service().new_paper(uow))
        except KimdeskError as exc:
            dialogs.warn(self.tabs.parent, _("Neue Vorlage"), exc.message)
            return None
        self.host.list_page.reload()
        self._message(_("Vorlage {reference} angelegt.").format(reference=paper.reference))
        return self.tabs.add_page(paper)

    def save_current(self) -> bool:
        """Strg+S: start saving the current Vorlage (off the GUI thread); False if nothing can be saved."""
        page = self.tabs.current_page()
        if page is None:
            return False
        return page.save(lambda saved: self.host.list_page.reload() if saved else None)

    def duplicate_selected(self) -> EditorPage | None:
        reference = self.selected_reference()
        if reference is None or self.host.context is None or self._running:
            return None
        uow = self.host.context.uow_factory
        try:
            paper = self._off_gui_thread(lambda: papers_service().duplicate_paper(uow, reference))
        except KimdeskError as exc:
            dialogs.warn(self.tabs.parent, _("Als Vorlage für neue verwenden"), exc.message)
            return None
        self.host.list_page.reload()
        return self.tabs.add_page(paper)

    def create_supplement(self, amendment: bool = False) -> EditorPage | None:
        """„Ergänzungsvorlage anlegen …“ / „Änderungsvorlage anlegen …“ to the open or selected Vorlage."""
        reference = self.selected_reference()
        if reference is None or self.host.context is None or self._running:
            return None
        from kimdesk.domain.supplements import SupplementKind
        from kimdesk.services.supplements import create_supplement

        kind = SupplementKind.AMENDMENT if amendment else SupplementKind.SUPPLEMENT
        title = _("Änderungsvorlage anlegen") if amendment else _("Ergänzungsvorlage anlegen")
        question = _(
            "Eine neue {kind} zu Vorlage {reference} anlegen? Sie bekommt ihre eigene Nummer und "
            "ihren eigenen Umlauf."
        ).format(kind=_(kind.label), reference=reference)
        if not dialogs.confirm(self.tabs.parent, title, question):
            return None
        uow = self.host.context.uow_factory
        try:
            paper = self._off_gui_thread(lambda: create_supplement(uow, reference, kind))
        except KimdeskError as exc:
            dialogs.warn(self.tabs.parent, title, exc.message)
            return None
        self.host.list_page.reload()
        self._message(
            _("{kind} {number} zu Vorlage {reference} angelegt.").format(
                kind=_(kind.label), number=paper.reference, reference=reference
            )
        )
        return self.tabs.add_page(paper)

    def delete_selected(self) -> bool:
        reference = self.selected_reference()
        if reference is None or self.host.context is None or self._running:
            return False
        uow = self.host.context.uow_factory
        try:  # standing on an agenda: say where before asking anything
            blocker = self._off_gui_thread(lambda: papers_service().deletion_blocker(uow, reference))
        except KimdeskError as exc:
            dialogs.warn(self.tabs.parent, _("Löschen nicht möglich"), exc.message)
            return False
        if blocker:
            dialogs.warn(self.tabs.parent, _("Löschen nicht möglich"), blocker)
            return False
        if not dialogs.confirm(
            self.tabs.parent,
            _("Vorlage löschen"),
            _("Vorlage {reference} endgültig löschen? Das kann nicht rückgängig gemacht werden.").format(
                reference=reference
            ),
        ):
            return False
        open_pages = [page for page in self.tabs.pages() if page.editor.base.reference == reference]
        open_ids = [page.editor.base.id for page in open_pages]

        def delete() -> None:
            papers_service().delete_paper(uow, reference)
            for paper_id in open_ids:
                autosave_service().discard(uow, paper_id)

        try:
            self._off_gui_thread(delete)
        except KimdeskError as exc:
            dialogs.warn(self.tabs.parent, _("Löschen nicht möglich"), exc.message)
            return False
        for page in open_pages:
            self.tabs.remove(page)
        self.host.list_page.reload()
        self._message(_("Vorlage {reference} gelöscht.").format(reference=reference))
        return True

    def show_versions(self) -> None:
        """„Fassungen …“ of the Vorlage in the current tab."""
        page = self.tabs.current_page()
        if page is not None:
            page.open_versions()

    def export_selected(self) -> None:
        page = self.tabs.current_page()
        if page is None:
            page = self.open_selected()
            if page is None:
                return
        reference = page.editor.base.reference.replace("/", "-")
        path = file_dialogs.save_file_name(
            self.tabs.parent,
            _("PDF exportieren"),
            str(Path.home() / _("Vorlage-{reference}.pdf").format(reference=reference)),
            _("PDF-Dateien (*.pdf)"),
        )
        if path:
            page.export_pdf(Path(path))
