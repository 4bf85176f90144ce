"""The main window: the Vorlagen list, one tab per open Vorlage, menus with every action."""

from __future__ import annotations

import contextlib
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QCloseEvent, QDesktopServices, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow, QTabWidget, QWidget

from kimdesk import __version__
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.model import Paper
from kimdesk.l10n.i18n import _
from kimdesk.services.ports import PaperQuery, PaperSummary, UnitOfWorkFactory
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppOpener, GuiContext
from kimdesk.ui.paper_list import PaperListPage
from kimdesk.ui.paper_table import PaperTableModel
from kimdesk.ui.tasks import Task, run_and_wait, run_task

if TYPE_CHECKING:
    from datetime import datetime

    # The editor (and QtPdf with it), the funding catalogue and the master-data services are
    # imported when the database is open or the first Vorlage opens: not before the window shows.
    from kimdesk.domain.funding import FundingCatalogue
    from kimdesk.ui.editor.page import EditorPage
    from kimdesk.ui.editor.widgets import MasterData

log = logging.getLogger(__name__)


# The Vorlagen services import validation and the funding rules (~30 ms): not before the window shows.
def count_papers(uow_factory: UnitOfWorkFactory, query: PaperQuery) -> int:
    from kimdesk.services import papers

    return papers.count_papers(uow_factory, query)


def list_papers(uow_factory: UnitOfWorkFactory, query: PaperQuery) -> list[PaperSummary]:
    from kimdesk.services import papers

    return papers.list_papers(uow_factory, query)


def get_paper_by_id(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> Paper:
    from kimdesk.services import papers

    return papers.get_paper_by_id(uow_factory, paper_id)


def _autosave() -> ModuleType:
    from kimdesk.services import autosave

    return autosave


class ListPeek(Protocol):
    """A quick read-only look at the unfiltered list (``kimdesk.storage.peek.ListPeek``)."""

    def count(self) -> int | None: ...

    def page(self, offset: int, limit: int) -> list[PaperSummary] | None: ...


@dataclass
class StartData:
    """What the window reads from the database when it attaches; loadable off the GUI thread."""

    master: MasterData
    catalogue: FundingCatalogue
    #: The unfiltered list: its count and first page (to check rows shown from a quick look).
    total: int
    first_page: list[PaperSummary]


def load_start_data(uow_factory: UnitOfWorkFactory, page_size: int = PaperTableModel.PAGE_SIZE) -> StartData:
    """Master data, the funding catalogue and the first list page (no widgets: any thread)."""
    from kimdesk.domain.funding import FundingCatalogue
    from kimdesk.domain.model import OrganizationKind
    from kimdesk.services.funding import office_catalogue
    from kimdesk.services.office import get_office, list_organizations, list_persons
    from kimdesk.ui.editor.widgets import MasterData

    organizations = list_organizations(uow_factory)
    master = MasterData(
        departments=[o for o in organizations if o.kind is OrganizationKind.DEPARTMENT],
        committees=[o for o in organizations if o.kind is OrganizationKind.COMMITTEE],
        persons=list_persons(uow_factory),
        office=get_office(uow_factory),
    )
    try:
        catalogue = office_catalogue(uow_factory)
    except KimdeskError as exc:
        log.warning("Förderkatalog nicht lesbar: %s", exc.message)
        catalogue = FundingCatalogue()
    if not page_size:
        return StartData(master, catalogue, 0, [])
    total = count_papers(uow_factory, PaperQuery())
    first = list_papers(uow_factory, PaperQuery(offset=0, limit=page_size)) if total else []
    return StartData(master, catalogue, total, first)


class MainWindow(QMainWindow):
    """Built before the database is open (fast start); :meth:`attach` fills it."""

    def __init__(self, config: GuiConfig | None = None, opener: AppOpener | None = None) -> None:
        super().__init__()
        self.config = config or GuiConfig()
        self.opener = opener
        self.context: GuiContext | None = None
        #: Set by run_gui: the SQLite file (for a restore before the database opens) and how to reopen.
        self.database_path: Path | None = None
        self.reopen: Callable[[], None] | None = None
        self.meetings_view: QWidget | None = None
        self._master: MasterData | None = None
        self._catalogue: FundingCatalogue | None = None
        self._opening: set[uuid.UUID] = set()
        self.setWindowTitle(_("kimdesk – Vorlagen"))
        self.setObjectName("kimdesk-main")
        self.undo_group = QUndoGroup(self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.list_page = PaperListPage()
        self.list_page.open_requested.connect(self.open_paper)
        self.list_page.selection_changed.connect(self._update_actions)
        self.tabs.addTab(self.list_page, _("Vorlagen"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.setCentralWidget(self.tabs)
        self.status_label = QLabel(_("Datenbank wird geöffnet …"))
        self.statusBar().addWidget(self.status_label, 1)
        self._build_actions()
        self.tabs.currentChanged.connect(self._tab_changed)
        self._update_actions()
        geometry = self.config.geometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)

    # --- actions and menus ------------------------------------------------------------------------
    def _action(
        self, text: str, slot: object, shortcut: QKeySequence | str | None = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        k = QKeySequence.StandardKey
        self.new_action = self._action(
            _("&Neu"), self.new_paper, QKeySequence(k.New), _("Neue Vorlage anlegen")
        )
        self.open_action = self._action(
            _("Ö&ffnen"), self.open_selected, "Ctrl+O", _("Ausgewählte Vorlage öffnen")
        )
        self.save_action = self._action(_("&Speichern"), self.save_current, QKeySequence(k.Save))
        self.duplicate_action = self._action(
            _("Als Vorlage für neue &verwenden"),
            self.duplicate_selected,
            "Ctrl+D",
            _("Neue Vorlage mit dem Inhalt der ausgewählten anlegen"),
        )
        self.delete_action = self._action(_("&Löschen …"), self.delete_selected, "Ctrl+Del")
        self.export_action = self._action(_("PDF &exportieren …"), self.export_selected, "Ctrl+E")
        self.folder_action = self._action(_("&Datenbankordner öffnen"), self.open_database_folder)
        self.backup_action = self._action(_("Si&cherung …"), self.backup)
        self.restore_action = self._action(_("Sicherung &wiederherstellen …"), self.restore_backup)
        self.settings_action = self._action(_("E&instellungen …"), self.open_settings, "Ctrl+,")
        self.quit_action = self._action(_("&Beenden"), self.close, QKeySequence(k.Quit))
        self.quit_action.setShortcuts([QKeySequence(k.Quit), QKeySequence("Ctrl+Q")])
        self.close_tab_action = self._action(
            _("Tab s&chließen"), lambda: self.close_tab(self.tabs.currentIndex()), QKeySequence(k.Close)
        )
        self.list_action = self._action(_("&Vorlagenliste"), lambda: self.tabs.setCurrentIndex(0), "Ctrl+L")
        self.meetings_action = self._action(
            _("S&itzungen"), lambda: self.tabs.setCurrentIndex(1) if self.meetings_view else None, "Ctrl+M"
        )
        self.search_action = self._action(_("&Suchen"), self.focus_search, QKeySequence(k.Find))
        self.undo_action = self.undo_group.createUndoAction(self, _("&Rückgängig"))
        self.undo_action.setShortcut(QKeySequence(k.Undo))
        self.redo_action = self.undo_group.createRedoAction(self, _("&Wiederherstellen"))
        self.redo_action.setShortcuts([QKeySequence(k.Redo), QKeySequence("Ctrl+Y")])
        self.about_action = self._action(_("Ü&ber kimdesk"), self.about)

        menu = self.menuBar()
        file_menu = menu.addMenu(_("&Datei"))
        for action in (
            self.new_action,
            self.open_action,
            self.save_action,
            self.duplicate_action,
            self.delete_action,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.folder_action)
        file_menu.addAction(self.backup_action)
        file_menu.addAction(self.restore_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.close_tab_action)
        file_menu.addAction(self.quit_action)
        edit_menu = menu.addMenu(_("&Bearbeiten"))
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        view_menu = menu.addMenu(_("&Ansicht"))
        view_menu.addAction(self.list_action)
        view_menu.addAction(self.meetings_action)
        view_menu.addAction(self.search_action)
        help_menu = menu.addMenu(_("&Hilfe"))
        help_menu.addAction(self.about_action)
        toolbar = self.addToolBar(_("Werkzeuge"))
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.save_action,
            self.duplicate_action,
            self.export_action,
            self.undo_action,
            self.redo_action,
        ):
            toolbar.addAction(action)

    def _update_actions(self) -> None:
        ready = self.context is not None
        writable = ready and not self.read_only
        page = self.current_page()
        has_paper = page is not None or self.list_page.current_summary() is not None
        for action in (self.settings_action, self.backup_action, self.folder_action):
            action.setEnabled(ready)
        self.new_action.setEnabled(writable)
        self.export_action.setEnabled(ready and has_paper)
        for action in (self.duplicate_action, self.delete_action):
            action.setEnabled(writable and has_paper)
        self.open_action.setEnabled(ready and page is None and has_paper)
        self.save_action.setEnabled(
            writable and page is not None and not page.editor.read_only and not page.busy
        )

    @property
    def read_only(self) -> bool:
        """The database may only be read (write-protected file or folder, read-only server)."""
        return self.context is not None and bool(getattr(self.context.app.database, "read_only", False))

    # --- start ------------------------------------------------------------------------------------
    @property
    def master(self) -> MasterData:
        if self._master is None:
            from kimdesk.ui.editor.widgets import MasterData

            self._master = MasterData()
        return self._master

    @master.setter
    def master(self, value: MasterData) -> None:
        self._master = value

    @property
    def catalogue(self) -> FundingCatalogue:
        if self._catalogue is None:
            from kimdesk.domain.funding import FundingCatalogue

            self._catalogue = FundingCatalogue()
        return self._catalogue

    @catalogue.setter
    def catalogue(self, value: FundingCatalogue) -> None:
        self._catalogue = value

    def show_peek(self, peek: ListPeek) -> bool:
        """Before the database is open: the unfiltered list from a quick read-only look.

        The rows are shown and can be scrolled; search, filters and every action wait for
        :meth:`attach`, which checks the rows against the real database.
        """
        if self.context is not None or self.list_page.model is not None:
            return False
        total = peek.count()
        if total is None:
            return False

        def load(query: PaperQuery) -> list[PaperSummary]:
            return peek.page(query.offset, query.limit or total) or []

        self.list_page.set_model(PaperTableModel(load, lambda _query: total), live=False)
        return True

    def attach(self, context: GuiContext, start: StartData | None = None) -> None:
        """The database is open: load master data, the list, and any autosaved drafts.

        ``start`` is :func:`load_start_data`, read beforehand off the GUI thread (else read here).
        """
        self.context = context
        uow = context.uow_factory
        start = start or load_start_data(uow)
        self._apply_master_data(start.master, start.catalogue)

        def load(query: PaperQuery) -> list[PaperSummary]:
            return list_papers(uow, query)

        def count(query: PaperQuery) -> int:
            return count_papers(uow, query)

        if self.list_page.model is not None and not self.list_page.live:
            self.list_page.go_live(load, count, start.total, start.first_page)
        else:
            self.list_page.set_model(PaperTableModel(load, count), first=(start.total, start.first_page))
        if self.meetings_view is None:
            from kimdesk.ui.meetings_view import MeetingsView

            self.meetings_view = MeetingsView(context.uow_factory, packet_renderer=context.packet_renderer)
            self.meetings_view.setAccessibleName(_("Sitzungen"))
            self.tabs.insertTab(1, self.meetings_view, _("Sitzungen"))
            self.tabs.tabBar().setTabButton(1, self.tabs.tabBar().ButtonPosition.RightSide, None)
        shown = getattr(context.app.database, "display_url", "") or context.db_url
        self.status_label.setText(_("Datenbank: {url}").format(url=shown or _("Standard")))
        if self.read_only:
            from kimdesk.ui.banner import show_read_only

            show_read_only(self, getattr(context.app.database, "where", "") or shown)
        self._update_actions()
        self.restore_autosaves()

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
                get_paper_by_id(context.uow_factory, first)
            from kimdesk.services.paper_form import prepare_formatting

            prepare_formatting()  # Babel's locale data, else loaded on the GUI thread at the first open
            context.renderer()

        QTimer.singleShot(50, _page_class)
        return run_task(work, None, lambda exc: log.debug("Vorbereitung unvollständig: %s", exc))

    def reload_master_data(self) -> None:
        assert self.context is not None
        start = load_start_data(self.context.uow_factory, page_size=0)
        self._apply_master_data(start.master, start.catalogue)

    def _apply_master_data(self, master: MasterData, catalogue: FundingCatalogue) -> None:
        self.master = master
        self.catalogue = catalogue
        self.list_page.set_committees(master.committees)

    def restore_autosaves(self) -> list[EditorPage]:
        """Drafts autosaved before a crash or kill are reopened with what the clerk had typed."""
        assert self.context is not None
        pages = []
        try:
            pending = _autosave().pending(self.context.uow_factory)
        except Exception:
            log.exception("Autosaves nicht lesbar")
            return []
        for paper_id in pending:
            saved = _autosave().load(self.context.uow_factory, paper_id)
            if saved is None:
                continue
            try:
                get_paper_by_id(self.context.uow_factory, paper_id)
            except KimdeskError:
                _autosave().discard(self.context.uow_factory, paper_id)
                continue
            page = self._add_page(saved.paper, restored=True)
            text = _(
                "Nicht gespeicherte Änderungen von {when} wurden wiederhergestellt. Mit Strg+S speichern."
            ).format(when=_format_datetime(saved.saved_at))
            page.show_notice(text)
            self.statusBar().showMessage(text, 15000)
            pages.append(page)
        return pages

    # --- pages ------------------------------------------------------------------------------------
    def pages(self) -> list[EditorPage]:
        return [w for i in range(self.tabs.count()) if _is_page(w := self.tabs.widget(i))]  # type: ignore[misc]

    def current_page(self) -> EditorPage | None:
        widget = self.tabs.currentWidget()
        return widget if _is_page(widget) else None  # type: ignore[return-value]

    def page_for(self, paper_id: uuid.UUID) -> EditorPage | None:
        for page in self.pages():
            if page.paper_id == paper_id:
                return page
        return None

    def _add_page(self, paper: Paper, *, restored: bool = False) -> EditorPage:
        assert self.context is not None
        page = _page_class()(self.context, paper, self.master, self.catalogue, restored=restored)
        if self.read_only:
            page.editor.set_database_read_only()
        index = self.tabs.addTab(page, page.tab_title())
        page.title_changed.connect(lambda title, p=page: self.tabs.setTabText(self.tabs.indexOf(p), title))
        page.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        page.busy_changed.connect(lambda _busy: self._update_actions())
        page.editor.workflow_changed.connect(lambda _paper: self.list_page.reload())
        page.editor.workflow_changed.connect(lambda _paper: self._update_actions())
        self.undo_group.addStack(page.editor.undo_stack)
        self.tabs.setCurrentIndex(index)
        return page

    def open_paper(self, paper_id: uuid.UUID) -> EditorPage | None:
        existing = self.page_for(paper_id)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return existing
        assert self.context is not None
        if paper_id in self._opening:  # already loading (double click): one tab
            return None
        uow_factory = self.context.uow_factory
        self._opening.add(paper_id)
        try:  # loaded off the GUI thread; the window keeps responding meanwhile
            paper = run_and_wait(lambda: get_paper_by_id(uow_factory, paper_id))
        except KimdeskError as exc:
            dialogs.warn(self, _("Öffnen nicht möglich"), exc.message)
            return None
        finally:
            self._opening.discard(paper_id)
        return self.page_for(paper_id) or self._add_page(paper)

    def open_selected(self) -> None:
        summary = self.list_page.current_summary()
        if summary is not None:
            self.open_paper(summary.id)

    def close_tab(self, index: int) -> bool:
        page = self.tabs.widget(index)
        if not _is_page(page):
            return False
        assert isinstance(page, _page_class())
        page.wait_idle()  # a running save decides whether anything is left unsaved
        if page.dirty and not page.editor.read_only:
            answer = dialogs.save_discard_cancel(
                self,
                _("Vorlage schließen"),
                _("Vorlage {reference} hat ungespeicherte Änderungen. Speichern?").format(
                    reference=page.editor.base.reference
                ),
            )
            if answer == "cancel" or (answer == "save" and not page.save_and_wait()):
                return False
            if answer == "discard":
                page.discard_autosave()
        page.shutdown()
        self.undo_group.removeStack(page.editor.undo_stack)
        self.tabs.removeTab(index)
        page.deleteLater()
        return True

    def _tab_changed(self, _index: int) -> None:
        page = self.current_page()
        self.undo_group.setActiveStack(page.editor.undo_stack if page else None)  # type: ignore[arg-type]
        for other in self.pages():
            if other is not page:
                other.autosave_now()
        self._update_actions()

    # --- paper actions ----------------------------------------------------------------------------
    def _selected_reference(self) -> str | None:
        page = self.current_page()
        if page is not None:
            return page.editor.base.reference
        summary = self.list_page.current_summary()
        return summary.reference if summary else None

    def new_paper(self) -> EditorPage | None:
        if self.context is None:
            return None
        try:
            from kimdesk.services.papers import new_paper

            paper = new_paper(self.context.uow_factory)
        except KimdeskError as exc:
            dialogs.warn(self, _("Neue Vorlage"), exc.message)
            return None
        self.list_page.reload()
        self.statusBar().showMessage(
            _("Vorlage {reference} angelegt.").format(reference=paper.reference), 8000
        )
        return self._add_page(paper)

    def save_current(self) -> bool:
        """Strg+S: start saving the current Vorlage (off the GUI thread); False if nothing can be saved."""
        page = self.current_page()
        if page is None:
            return False
        return page.save(lambda saved: self.list_page.reload_in_background() if saved else None)

    def duplicate_selected(self) -> EditorPage | None:
        reference = self._selected_reference()
        if reference is None or self.context is None:
            return None
        try:
            from kimdesk.services.papers import duplicate_paper

            paper = duplicate_paper(self.context.uow_factory, reference)
        except KimdeskError as exc:
            dialogs.warn(self, _("Als Vorlage für neue verwenden"), exc.message)
            return None
        self.list_page.reload()
        return self._add_page(paper)

    def delete_selected(self) -> bool:
        reference = self._selected_reference()
        if reference is None or self.context is None:
            return False
        if not dialogs.confirm(
            self,
            _("Vorlage löschen"),
            _("Vorlage {reference} endgültig löschen? Das kann nicht rückgängig gemacht werden.").format(
                reference=reference
            ),
        ):
            return False
        try:
            from kimdesk.services.papers import delete_paper

            delete_paper(self.context.uow_factory, reference)
        except KimdeskError as exc:
            dialogs.warn(self, _("Löschen nicht möglich"), exc.message)
            return False
        for page in self.pages():
            if page.editor.base.reference == reference:
                _autosave().discard(self.context.uow_factory, page.editor.base.id)
                page.shutdown()
                self.undo_group.removeStack(page.editor.undo_stack)
                self.tabs.removeTab(self.tabs.indexOf(page))
        self.list_page.reload()
        self.statusBar().showMessage(_("Vorlage {reference} gelöscht.").format(reference=reference), 8000)
        return True

    def export_selected(self) -> None:
        page = self.current_page()
        if page is None:
            summary = self.list_page.current_summary()
            if summary is None:
                return
            page = self.open_paper(summary.id)
            if page is None:
                return
        reference = page.editor.base.reference.replace("/", "-")
        path = file_dialogs.save_file_name(
            self,
            _("PDF exportieren"),
            str(Path.home() / _("Vorlage-{reference}.pdf").format(reference=reference)),
            _("PDF-Dateien (*.pdf)"),
        )
        if path:
            page.export_pdf(Path(path))

    # --- database ---------------------------------------------------------------------------------
    def open_database_folder(self) -> None:
        if self.context is None:
            return
        path = self.context.database_file()
        if path is None:
            dialogs.inform(
                self,
                _("Datenbankordner"),
                _("Die Datenbank liegt auf einem Server: {url}").format(url=self.context.db_url),
            )
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    def backup(self) -> None:
        if self.context is None:
            return
        from datetime import date

        suggestion = Path.home() / _("kimdesk-sicherung-{date}.sqlite").format(
            date=f"{date.today():%Y-%m-%d}"
        )
        path = file_dialogs.save_file_name(self, _("Sicherung speichern"), str(suggestion))
        if not path:
            return
        context = self.context

        def done(_result: object) -> None:
            self.statusBar().showMessage(_("Sicherung gespeichert: {path}").format(path=path), 10000)

        def failed(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, KimdeskError) else str(exc)
            dialogs.warn(
                self, _("Sicherung"), _("Die Sicherung ist fehlgeschlagen: {error}").format(error=text)
            )

        self.statusBar().showMessage(_("Sicherung läuft …"))
        run_task(lambda: context.backup(Path(path)), done, failed)

    def restore_backup(self) -> bool:
        from kimdesk.ui.restore_dialog import restore_from_window

        return restore_from_window(self)

    def open_settings(self) -> None:
        if self.context is None:
            return
        from kimdesk.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.context, self.config, self.opener, self)
        if dialog.exec():
            self.reload_master_data()
            self.statusBar().showMessage(_("Einstellungen gespeichert."), 8000)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.list_page.search.setFocus()
        self.list_page.search.selectAll()

    def about(self) -> None:
        dialogs.inform(
            self,
            _("Über kimdesk"),
            _(
                "kimdesk {version}\nVorlagen für Rat und Ausschüsse – KIM-Förderung, Mitzeichnung, PDF."
            ).format(version=__version__),
        )

    # --- safety -----------------------------------------------------------------------------------
    def autosave_all(self) -> None:
        for page in self.pages():
            page.autosave_now()

    def closeEvent(self, event: QCloseEvent) -> None:
        for page in list(self.pages()):
            if not self.close_tab(self.tabs.indexOf(page)):
                event.ignore()
                return
        self.config.set_geometry(self.saveGeometry())
        event.accept()


def _format_datetime(value: datetime) -> str:
    from kimdesk.l10n.formatting import format_datetime

    return format_datetime(value)


def _page_class() -> type[EditorPage]:
    from kimdesk.ui.editor.page import EditorPage

    return EditorPage


def _is_page(widget: object) -> bool:
    return getattr(widget, "is_editor_page", False) is True


def focus_autosave(window: MainWindow) -> None:
    """Autosave when the focus moves between widgets or the application loses focus."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return

    def on_focus(_old: QWidget | None, _new: QWidget | None) -> None:
        with contextlib.suppress(RuntimeError):  # the window is already gone while quitting
            page = window.current_page()
            if page is not None:
                page.autosave_now()

    def on_state(_state: object) -> None:
        with contextlib.suppress(RuntimeError):
            window.autosave_all()

    app.focusChanged.connect(on_focus)
    app.applicationStateChanged.connect(on_state)
