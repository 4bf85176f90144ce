"""One open Vorlage: the editor beside its live preview, with saving, autosave and conflicts."""

from __future__ import annotations

import contextlib
import copy
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import ConflictError, KimdeskError
from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.model import Paper
from kimdesk.l10n.i18n import _
from kimdesk.services.export import listed_titles, paper_pdf_bytes
from kimdesk.services.files import write_atomically
from kimdesk.ui import dialogs
from kimdesk.ui.conflict import Choice, ConflictDialog
from kimdesk.ui.context import GuiContext
from kimdesk.ui.editor.paper_editor import PaperEditor
from kimdesk.ui.editor.saving import PageSaver
from kimdesk.ui.editor.versions_dialog import VersionsDialog
from kimdesk.ui.editor.widgets import MasterData
from kimdesk.ui.preview import PdfPreview, preview_renderer
from kimdesk.ui.spelling import enable_spelling, shared_spelling
from kimdesk.ui.tasks import run_task, serve_events

log = logging.getLogger(__name__)
AUTOSAVE_MS = 5000

ConflictResolver = Callable[[Paper, Paper, ConflictError], Choice]


def ask_conflict(parent: QWidget) -> ConflictResolver:
    def resolve(mine: Paper, stored: Paper, error: ConflictError) -> Choice:
        dialog = ConflictDialog(mine, stored, error, parent)
        dialog.exec()
        return dialog.choice

    return resolve


class EditorPage(QWidget):
    """Tab content for one Vorlage. ``dirty`` until saved; autosaves every few seconds when dirty."""

    is_editor_page = True
    title_changed = Signal(str)
    message = Signal(str)
    #: An Amt or Gremium was created from the editor (the window re-reads the master data).
    master_data_edited = Signal()

    def __init__(
        self,
        context: GuiContext,
        paper: Paper,
        master: MasterData,
        catalogue: FundingCatalogue,
        *,
        restored: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.editor = PaperEditor(paper, master, catalogue)
        serve_events()
        self.preview = PdfPreview(preview_renderer(context), master.office)
        serve_events()
        self.conflict_resolver: ConflictResolver = ask_conflict(self)
        self.saver = PageSaver(self, restored=restored)
        self.saver.message.connect(self.message)
        self.busy_changed = self.saver.queue.busy_changed
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("background: #dcecff; color: #0b2e59; padding: 6px;")
        self.notice.setAccessibleName(_("Hinweis"))
        self.notice.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(True)
        self.splitter = splitter
        self.versions_button = QPushButton(_("Fassungen …"))
        self.versions_button.setToolTip(
            _("Alle Fassungen der Vorlage: vergleichen, als PDF, wiederherstellen (Strg+Umschalt+V)")
        )
        self.versions_button.clicked.connect(self.open_versions)
        self.versions_dialog: VersionsDialog | None = None
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        bar.addStretch(1)
        bar.addWidget(self.versions_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.editor.paper_changed.connect(self._changed)
        self.editor.sign_off_panel.message.connect(self.message)
        self.editor.sign_off_panel.attach(
            context.uow_factory,
            prepare=self._save_before_workflow,
            maker=lambda: context.app.signed_pdf_maker,
        )
        self.editor.anlagen.changed.connect(self._anlagen_changed)
        self.editor.anlagen.attach(context.uow_factory, paper.id)
        self.editor.undo_stack.cleanChanged.connect(self._clean_changed)
        self.spelling = shared_spelling(context.app.database, context.uow_factory)
        self.spelling.message.connect(self.message)
        for field in (
            self.editor.title_edit,
            self.editor.rationale,
            self.editor.climate_text,
            self.editor.resolution,
        ):
            enable_spelling(field, self.spelling)
        serve_events()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.preview.schedule(self.editor.paper())

    def set_master(self, master: MasterData) -> None:
        """Master data changed elsewhere: the pickers and the preview's office follow at once."""
        self.editor.set_master(master)
        self.preview.office = master.office
        self.preview.schedule(self.editor.paper())

    # --- state ------------------------------------------------------------------------------------
    @property
    def paper_id(self) -> object:
        return self.editor.base.id

    @property
    def dirty(self) -> bool:
        return self.saver.restored or not self.editor.undo_stack.isClean()

    @property
    def busy(self) -> bool:
        """A save or autosave of this Vorlage is running or queued."""
        return self.saver.queue.busy

    def tab_title(self) -> str:
        reference = self.editor.base.reference or _("Neue Vorlage")
        return f"{reference} *" if self.dirty else reference

    def _clean_changed(self, _clean: bool) -> None:
        with contextlib.suppress(RuntimeError):  # the stack is being torn down with the page
            self.title_changed.emit(self.tab_title())

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _changed(self) -> None:
        self.saver.autosave_dirty = True
        self.title_changed.emit(self.tab_title())
        self.preview.schedule(self.editor.paper())

    def _anlagen_changed(self, anlagen: list[Attachment]) -> None:
        """The preview lists the Anlagen as the PDF will ("Anlagen: 1. …")."""
        self.preview.attachments = listed_titles(self.editor.paper(), self.preview.office, anlagen)
        self.preview.schedule(self.editor.paper(), immediately=True)

    # --- saving (off the GUI thread, see saving.PageSaver) -----------------------------------------
    def autosave_now(self) -> bool:
        """Queue writing the draft to the autosave store if it changed since the last time."""
        return self.saver.autosave()

    def save(self, on_done: Callable[[bool], None] | None = None) -> bool:
        """Strg+S: queue a save; ``on_done(saved)`` comes on the GUI thread. False if read-only."""
        return self.saver.save(on_done)

    def save_and_wait(self) -> bool:
        """Save and wait for the outcome while the window stays responsive."""
        return self.saver.save_and_wait()

    def discard_autosave(self) -> None:
        self.saver.discard_autosave()

    def wait_idle(self) -> None:
        """Let a running save or autosave finish (closing the tab or kimdesk)."""
        self.saver.queue.wait()

    def _save_before_workflow(self) -> bool:
        """A Mitzeichnung step works on the stored Vorlage: unsaved edits are saved first."""
        if self.editor.read_only or not self.dirty:
            return True
        return self.save_and_wait()

    def load_stored(self, stored: Paper) -> None:
        self.saver.load_stored(stored)

    # --- Fassungen ---------------------------------------------------------------------------------
    def open_versions(self) -> VersionsDialog | None:
        """„Fassungen …“ (Strg+Umschalt+V): unsaved edits are saved first, so the list ends with them."""
        if not self.editor.base.reference or not self._save_before_workflow():
            return None
        dialog = VersionsDialog(
            self.context.uow_factory,
            self.editor.base,
            self.preview.office,
            preview_renderer(self.context),
            editable=not self.editor.read_only,
            parent=self,
        )
        dialog.restored.connect(self._restored)
        self.versions_dialog = dialog
        dialog.open()
        return dialog

    def _restored(self, paper: Paper) -> None:
        self.editor.reload(paper)
        self.preview.schedule(self.editor.paper())
        self.message.emit(
            _("Fassung wiederhergestellt: Vorlage {reference}.").format(reference=paper.reference)
        )

    # --- export -----------------------------------------------------------------------------------
    def export_pdf(self, target: Path, on_done: Callable[[Path], None] | None = None) -> None:
        """Render and write the PDF off the GUI thread."""
        renderer = self.context.renderer()
        if renderer is None:
            dialogs.warn(
                self, _("PDF exportieren"), _("Diese Ausgabe von kimdesk enthält keinen PDF-Export.")
            )
            return
        paper = copy.deepcopy(self.editor.paper())
        office = self.preview.office

        uow_factory = self.context.uow_factory

        def work() -> Path:
            data = paper_pdf_bytes(uow_factory, renderer, paper, office)
            return write_atomically(target, data, what="PDF")

        def done(path: Path) -> None:
            self.message.emit(_("PDF gespeichert: {path}").format(path=path))
            if on_done is not None:
                on_done(path)

        def failed(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, KimdeskError) else str(exc)
            dialogs.warn(
                self,
                _("PDF exportieren"),
                _("Das PDF konnte nicht erstellt werden: {error}").format(error=text),
            )

        self.message.emit(_("PDF wird erstellt …"))
        run_task(work, done, failed)

    def shutdown(self) -> None:
        """The tab closes: no more autosaves; a running save or autosave is finished first."""
        self.autosave_timer.stop()
        self.preview.cancel()
        self.wait_idle()
