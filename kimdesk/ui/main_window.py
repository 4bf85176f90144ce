"""The main window: the Vorlagen list, one tab per open Vorlage, menus with every action.

Its parts live beside it: the tabs of open Vorlagen (paper_tabs), the Vorlage commands
(paper_commands), the database commands (database_commands), the actions and menus (window_menu)
and what is read when the database opens (start_data).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

from kimdesk.l10n.i18n import _
from kimdesk.services.list_head import ListHead
from kimdesk.services.ports import PaperQuery, PaperSummary, UnitOfWorkFactory
from kimdesk.services.window_actions import WindowState, window_title
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppOpener, GuiContext, Recovery
from kimdesk.ui.database_commands import DatabaseCommands
from kimdesk.ui.master_data import MasterData
from kimdesk.ui.meetings_tab import MeetingsTab
from kimdesk.ui.meetings_tab import preload as preload_meetings
from kimdesk.ui.paper_commands import PaperCommands
from kimdesk.ui.paper_list import PaperListPage
from kimdesk.ui.paper_table import PaperTableModel
from kimdesk.ui.paper_tabs import PaperTabs, page_class
from kimdesk.ui.screen_size import resize_within_screen
from kimdesk.ui.start_data import StartData, load_start_data, papers_service
from kimdesk.ui.tasks import Task, run_and_wait, run_task
from kimdesk.ui.window_menu import WindowMenu

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from kimdesk.domain.funding.catalogue import FundingCatalogue
    from kimdesk.ui.daily_backup import DailyBackup
    from kimdesk.ui.editor.page import EditorPage
    from kimdesk.ui.meetings_view import MeetingsView

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    """Built before the database is open (fast start); :meth:`attach` fills it."""

    #: The master data was (re)read: after the settings, an import, the set-up assistant.
    master_data_changed = Signal(object)

    def __init__(self, config: GuiConfig | None = None, opener: AppOpener | None = None) -> None:
        super().__init__()
        self.config = config or GuiConfig()
        self.opener = opener
        self.context: GuiContext | None = None
        #: Set by run_gui: the restore functions, the SQLite file (for a restore before the database
        #: opens) and how to reopen.
        self.recovery: Recovery | None = None
        self.database_path: Path | None = None
        self.reopen: Callable[[], None] | None = None
        #: Today's automatic backup, started once the window is attached (kimdesk.ui.startup).
        self.daily_backup: DailyBackup | None = None
        self._master: MasterData | None = None
        #: The unit-of-work factory the list reads from (set by :meth:`show_list`).
        self._listed_from: UnitOfWorkFactory | None = None
        self._catalogue: FundingCatalogue | None = None
        self.setWindowTitle(window_title(place=_("Vorlagen")))
        self.setObjectName("kimdesk-main")
        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.list_page = PaperListPage()
        self.tabs.addTab(self.list_page, _("Vorlagen"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self.status_label = QLabel(_("Datenbank wird geöffnet …"))
        self.statusBar().addWidget(self.status_label, 1)
        self.paper_tabs = PaperTabs(self, self)
        self.meetings_tab = MeetingsTab(
            self.tabs, self.paper_tabs.open_paper, papers_changed=lambda: self.list_page.reload()
        )
        self.papers = PaperCommands(self.paper_tabs)
        self.database = DatabaseCommands(self, self)
        self.menu = WindowMenu(
            self,
            self.paper_tabs,
            self.papers,
            self.database,
            restore=self.restore_backup,
            show_meetings=self.show_meetings,
            print_current=self.print_current,
            focus_search=self.focus_search,
            undo_group=self.undo_group,
        )
        self.master_data_changed.connect(self._master_data_changed)
        self.list_page.open_requested.connect(self.paper_tabs.open_paper)
        self.list_page.selection_changed.connect(self._update_actions)
        self._update_actions()
        geometry = self.config.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            resize_within_screen(self, 1280, 820)

    def _update_actions(self) -> None:
        page = self.current_page()
        ready = self.context is not None
        self.menu.update(
            WindowState(
                ready=ready,
                writable=ready and not self.read_only,
                page_open=page is not None,
                page_editable=page is not None and not page.editor.read_only and not page.busy,
                has_paper=page is not None or self.list_page.current_summary() is not None,
            )
        )
        self._update_title()

    def _update_title(self) -> None:
        """The window title names the open Vorlage ("20/0270 – Betrifft … – kimdesk")."""
        page = self.current_page()
        if page is not None:
            base = page.editor.base
            self.setWindowTitle(window_title(base.reference or _("Neue Vorlage"), base.title))
        else:
            self.setWindowTitle(
                window_title(place=self.tabs.tabText(self.tabs.currentIndex()).replace("&", ""))
            )

    @property
    def read_only(self) -> bool:
        """The database may only be read (write-protected file or folder, read-only server)."""
        return self.context is not None and bool(getattr(self.context.app.database, "read_only", False))

    # --- start ------------------------------------------------------------------------------------
    @property
    def master(self) -> MasterData:
        if self._master is None:
            self._master = MasterData()
        return self._master

    @master.setter
    def master(self, value: MasterData) -> None:
        self._master = value

    @property
    def catalogue(self) -> FundingCatalogue:
        if self._catalogue is None:
            from kimdesk.domain.funding.catalogue import FundingCatalogue

            self._catalogue = FundingCatalogue()
        return self._catalogue

    @catalogue.setter
    def catalogue(self, value: FundingCatalogue) -> None:
        self._catalogue = value

    def show_list(self, uow_factory: UnitOfWorkFactory, first: ListHead) -> None:
        """The list of the open database, ``first`` its head: count and first page (already read).

        Shown as soon as the database is open, before :meth:`attach` (which keeps it).
        """

        papers = papers_service()

        def load(query: PaperQuery) -> list[PaperSummary]:
            return papers.list_papers(uow_factory, query)

        def count(query: PaperQuery, at_most: int | None) -> int:
            return papers.count_papers(uow_factory, query, at_most)

        self._listed_from = uow_factory
        self.list_page.set_model(PaperTableModel(load, count), first=first)

    def attach(self, context: GuiContext, start: StartData | None = None) -> None:
        """The database is open: load master data, the list, and any autosaved drafts.

        ``start`` is :func:`load_start_data`, read beforehand off the GUI thread (else read on the pool
        now, the window serving events meanwhile).
        """
        self.context = context
        uow = context.uow_factory
        start = start or run_and_wait(lambda: load_start_data(uow))
        self._apply_master_data(start.master, start.catalogue)
        if self._listed_from is not uow:
            self.show_list(uow, start.first)
        self.meetings_tab.add(context)
        shown = getattr(context.app.database, "display_url", "") or context.db_url
        self.status_label.setText(_("Datenbank: {url}").format(url=shown or _("Standard")))
        if self.read_only:
            from kimdesk.ui.banner import show_read_only

            show_read_only(self, getattr(context.app.database, "where", "") or shown)
        self._update_actions()
        self.paper_tabs.restore_autosaves()
        if start.new_office and not self.read_only:
            QTimer.singleShot(0, lambda: self.database.open_setup_wizard(first_start=True))

    def warm_up(self) -> Task | None:
        """After start: load what opening the first Vorlage needs, so that it opens fast.

        The PDF renderer (ReportLab) loads on a worker thread; the editor's modules are imported on
        the GUI thread a moment later (a few tens of milliseconds).
        """
        if self.context is None:
            return None
        context = self.context
        model = self.list_page.model
        first = model.summary(0).id if model is not None and model.rowCount() else None

        def work() -> None:
            if first is not None:  # the first load of a Vorlage also prepares SQLAlchemy's loaders
                papers_service().get_paper_by_id(context.uow_factory, first)
            from kimdesk.services.paper_form import prepare_formatting

            prepare_formatting()  # Babel's locale data, else loaded on the GUI thread at the first open
            context.renderer()
            preload_meetings()

        QTimer.singleShot(50, page_class)
        return run_task(work, None, lambda exc: log.debug("Vorbereitung unvollständig: %s", exc))

    def reload_master_data(self) -> None:
        assert self.context is not None
        uow = self.context.uow_factory
        start = run_and_wait(lambda: load_start_data(uow, page_size=0))
        self._apply_master_data(start.master, start.catalogue)

    def reload_everything(self) -> None:
        """After an import or the set-up assistant: master data and the list."""
        self.reload_master_data()
        self.list_page.reload()

    def _apply_master_data(self, master: MasterData, catalogue: FundingCatalogue) -> None:
        self.master = master
        self.catalogue = catalogue
        self.list_page.set_committees(master.committees)
        self.master_data_changed.emit(master)

    def _master_data_changed(self, master: MasterData) -> None:
        for page in self.pages():  # open editors offer the new Ämter, Gremien and persons at once
            page.set_master(master)
        if self.meetings_view is not None:
            self.meetings_view.master_data_changed()

    # --- the window's public commands (menus, list, restore and scripts call these) --------------
    def pages(self) -> list[EditorPage]:
        return self.paper_tabs.pages()

    def current_page(self) -> EditorPage | None:
        return self.paper_tabs.current_page()

    def page_for(self, paper_id: uuid.UUID) -> EditorPage | None:
        return self.paper_tabs.page_for(paper_id)

    def open_paper(self, paper_id: uuid.UUID) -> EditorPage | None:
        return self.paper_tabs.open_paper(paper_id)

    def open_selected(self) -> EditorPage | None:
        return self.papers.open_selected()

    def close_tab(self, index: int) -> bool:
        return self.paper_tabs.close_tab(index)

    def new_paper(self) -> EditorPage | None:
        return self.papers.new_paper()

    def save_current(self) -> bool:
        return self.papers.save_current()

    def duplicate_selected(self) -> EditorPage | None:
        return self.papers.duplicate_selected()

    def delete_selected(self) -> bool:
        return self.papers.delete_selected()

    def restore_backup(self) -> bool:
        from kimdesk.ui.restore_dialog import restore_from_window

        return restore_from_window(self)

    def print_current(self, printer: QPrinter | None = None) -> int:
        """Datei → Drucken …: the open (or selected) Vorlage through the print dialog; pages printed."""
        page = self.current_page() or self.open_selected()
        if page is None:
            return 0
        from kimdesk.ui.paper_print import print_paper

        return print_paper(page, printer)

    def show_meetings(self) -> None:
        self.meetings_tab.show()

    @property
    def meetings_view(self) -> MeetingsView | None:
        """The meetings view, once its tab was shown."""
        return self.meetings_tab.view

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.list_page.search.setFocus()
        self.list_page.search.selectAll()

    # --- safety -----------------------------------------------------------------------------------
    def autosave_all(self) -> None:
        self.paper_tabs.autosave_all()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.paper_tabs.close_all():
            event.ignore()
            return
        self.config.set_geometry(self.saveGeometry())
        if self.daily_backup is not None:
            self.daily_backup.stop()  # a copy of gigabytes is not waited for: the next start makes it
        event.accept()
