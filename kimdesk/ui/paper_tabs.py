"""The main window's tabs: one editor page per open Vorlage, opened, closed and restored after a crash."""

from __future__ import annotations

import contextlib
import logging
import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication, QStatusBar, QTabBar, QTabWidget, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.model import Paper
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs
from kimdesk.ui.context import GuiContext
from kimdesk.ui.master_data import MasterData
from kimdesk.ui.paper_list import PaperListPage
from kimdesk.ui.start_data import autosave_service, papers_service
from kimdesk.ui.tasks import run_and_wait, serve_events

if TYPE_CHECKING:
    from kimdesk.domain.funding.catalogue import FundingCatalogue

    # The editor's modules (QtPdf among them, ~0,1-0,3 s) are imported when the database is open
    # or the first Vorlage opens (warm_up), not before the window shows: see page_class.
    from kimdesk.ui.editor.page import EditorPage

log = logging.getLogger(__name__)


class TabHost(Protocol):
    """What the tabs need of the main window."""

    context: GuiContext | None
    tabs: QTabWidget
    undo_group: QUndoGroup
    list_page: PaperListPage

    @property
    def read_only(self) -> bool: ...

    @property
    def master(self) -> MasterData: ...

    @property
    def catalogue(self) -> FundingCatalogue: ...

    def statusBar(self) -> QStatusBar: ...

    def _update_actions(self) -> None: ...

    def reload_master_data(self) -> None: ...


class PaperTabs:
    """The editor pages in the window's tab widget (tab 0 is the list, tab 1 the meetings)."""

    def __init__(self, host: TabHost, parent: QWidget) -> None:
        self.host = host
        #: Dialogs are shown over this widget (the window).
        self.parent = parent
        self._opening: set[uuid.UUID] = set()
        #: The tab each page was opened from (list, meetings, another page): closing returns there.
        self._origins: dict[QWidget, QWidget] = {}
        host.tabs.tabCloseRequested.connect(self.close_tab)
        host.tabs.currentChanged.connect(self._tab_changed)

    def pages(self) -> list[EditorPage]:
        tabs = self.host.tabs
        return [w for i in range(tabs.count()) if is_page(w := tabs.widget(i))]  # type: ignore[misc]

    def current_page(self) -> EditorPage | None:
        widget = self.host.tabs.currentWidget()
        return widget if is_page(widget) else None  # type: ignore[return-value]

    def page_for(self, paper_id: uuid.UUID) -> EditorPage | None:
        for page in self.pages():
            if page.paper_id == paper_id:
                return page
        return None

    def add_page(self, paper: Paper, *, restored: bool = False) -> EditorPage:
        host = self.host
        assert host.context is not None
        page = page_class()(host.context, paper, host.master, host.catalogue, restored=restored)
        if host.read_only:
            page.editor.set_database_read_only()
        tabs = host.tabs
        origin = tabs.currentWidget()
        if origin is not None:
            self._origins[page] = origin
        index = tabs.addTab(page, page.tab_title())
        for side in (QTabBar.ButtonPosition.LeftSide, QTabBar.ButtonPosition.RightSide):
            button = tabs.tabBar().tabButton(index, side)
            if button is not None:  # Qt's close button has no name a screen reader could say
                button.setAccessibleName(_("Tab schließen"))
        page.title_changed.connect(lambda title, p=page: tabs.setTabText(tabs.indexOf(p), title))
        page.title_changed.connect(lambda _title: host._update_actions())
        page.message.connect(lambda text: host.statusBar().showMessage(text, 8000))
        page.busy_changed.connect(lambda _busy: host._update_actions())
        page.master_data_edited.connect(host.reload_master_data)
        page.editor.workflow_changed.connect(lambda _paper: host.list_page.reload())
        page.editor.workflow_changed.connect(lambda _paper: host._update_actions())
        host.undo_group.addStack(page.editor.undo_stack)
        serve_events()  # the page's first layout and paint come next, in one piece
        tabs.setCurrentIndex(index)
        return page

    def open_paper(self, paper_id: uuid.UUID) -> EditorPage | None:
        existing = self.page_for(paper_id)
        if existing is not None:
            self.host.tabs.setCurrentWidget(existing)
            return existing
        assert self.host.context is not None
        if paper_id in self._opening:  # already loading (double click): one tab
            return None
        uow_factory = self.host.context.uow_factory
        self._opening.add(paper_id)
        try:  # loaded off the GUI thread; the window keeps responding meanwhile
            paper = run_and_wait(lambda: papers_service().get_paper_by_id(uow_factory, paper_id))
        except KimdeskError as exc:
            dialogs.warn(self.parent, _("Öffnen nicht möglich"), exc.message)
            return None
        finally:
            self._opening.discard(paper_id)
        return self.page_for(paper_id) or self.add_page(paper)

    def close_tab(self, index: int) -> bool:
        """Close the editor page at ``index``, asking first if it has unsaved changes."""
        page = self.host.tabs.widget(index)
        if not is_page(page):
            return False
        assert isinstance(page, page_class())
        page.wait_idle()  # a running save decides whether anything is left unsaved
        if page.dirty and not page.editor.read_only:
            answer = dialogs.save_discard_cancel(
                self.parent,
                _("Vorlage schließen"),
                _("Vorlage {reference} hat ungespeicherte Änderungen. Speichern?").format(
                    reference=page.editor.base.reference
                ),
            )
            if answer == "cancel" or (answer == "save" and not page.save_and_wait()):
                return False
            if answer == "discard":
                page.discard_autosave()
        self.remove(page)
        page.deleteLater()
        return True

    def remove(self, page: EditorPage) -> None:
        """Take ``page`` out of the window without asking (it is closed or its Vorlage is gone)."""
        page.shutdown()
        self.host.undo_group.removeStack(page.editor.undo_stack)
        tabs = self.host.tabs
        was_current = tabs.currentWidget() is page
        origin = self._origins.pop(page, None)
        tabs.removeTab(tabs.indexOf(page))
        if was_current:  # back to where the clerk came from (else the list), not the neighbour tab
            back = tabs.indexOf(origin) if origin is not None else -1
            tabs.setCurrentIndex(back if back >= 0 else 0)

    def close_all(self) -> bool:
        """Close every page; False if the clerk keeps one open."""
        return all(self.close_tab(self.host.tabs.indexOf(page)) for page in list(self.pages()))

    def _tab_changed(self, _index: int) -> None:
        page = self.current_page()
        self.host.undo_group.setActiveStack(page.editor.undo_stack if page else None)  # type: ignore[arg-type]
        for other in self.pages():
            if other is not page:
                other.autosave_now()
        self.host._update_actions()

    def autosave_all(self) -> None:
        for page in self.pages():
            page.autosave_now()

    def restore_autosaves(self) -> list[EditorPage]:
        """Drafts autosaved before a crash or kill are reopened with what the clerk had typed."""
        assert self.host.context is not None
        uow = self.host.context.uow_factory
        autosave = autosave_service()

        def read() -> list[Any]:  # on the thread pool: the autosave store and the Vorlagen they belong to
            found = []
            for paper_id in autosave.pending(uow):
                saved = autosave.load(uow, paper_id)
                if saved is None:
                    continue
                try:
                    papers_service().get_paper_by_id(uow, paper_id)
                except KimdeskError:
                    autosave.discard(uow, paper_id)  # its Vorlage is gone
                    continue
                found.append(saved)
            return found

        try:
            drafts = run_and_wait(read)
        except Exception:
            log.exception("Autosaves nicht lesbar")
            return []
        pages = []
        for saved in drafts:
            page = self.add_page(saved.paper, restored=True)
            text = _(
                "Nicht gespeicherte Änderungen von {when} wurden wiederhergestellt. Mit Strg+S speichern."
            ).format(when=_format_datetime(saved.saved_at))
            page.show_notice(text)
            self.host.statusBar().showMessage(text, 15000)
            pages.append(page)
        return pages


def focus_autosave(tabs: PaperTabs) -> None:
    """Autosave when the focus moves between widgets or the application loses focus."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return

    def on_focus(_old: QWidget | None, _new: QWidget | None) -> None:
        with contextlib.suppress(RuntimeError):  # the window is already gone while quitting
            page = tabs.current_page()
            if page is not None:
                page.autosave_now()

    def on_state(_state: object) -> None:
        with contextlib.suppress(RuntimeError):
            tabs.autosave_all()

    app.focusChanged.connect(on_focus)
    app.applicationStateChanged.connect(on_state)


def _format_datetime(value: datetime) -> str:
    from kimdesk.l10n.formatting import format_datetime

    return format_datetime(value)


def page_class() -> type[EditorPage]:
    """The editor page's class, imported with the first Vorlage (or by warm_up)."""
    from kimdesk.ui.editor.page import EditorPage

    return EditorPage


def is_page(widget: object) -> bool:
    return getattr(widget, "is_editor_page", False) is True
