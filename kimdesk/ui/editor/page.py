"""One open Vorlage: the editor beside its live preview, with saving, autosave and conflicts."""

from __future__ import annotations

import contextlib
import copy
import importlib.util
import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QSplitter, QVBoxLayout, QWidget

from kimdesk.domain.errors import ConflictError, KimdeskError
from kimdesk.domain.funding.catalogue import FundingCatalogue
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.l10n.formatting import format_datetime
from kimdesk.l10n.i18n import _
from kimdesk.services import autosave
from kimdesk.services.files import write_atomically
from kimdesk.services.papers import get_paper_by_id, save_paper
from kimdesk.services.ports import PdfRenderer
from kimdesk.ui import dialogs
from kimdesk.ui.conflict import Choice, ConflictDialog
from kimdesk.ui.context import GuiContext
from kimdesk.ui.editor.paper_editor import PaperEditor
from kimdesk.ui.editor.widgets import MasterData
from kimdesk.ui.preview import PdfPreview
from kimdesk.ui.tasks import run_task

log = logging.getLogger(__name__)
AUTOSAVE_MS = 5000

ConflictResolver = Callable[[Paper, Paper, ConflictError], Choice]


def ask_conflict(parent: QWidget) -> ConflictResolver:
    def resolve(mine: Paper, stored: Paper, error: ConflictError) -> Choice:
        dialog = ConflictDialog(mine, stored, error, parent)
        dialog.exec()
        return dialog.choice

    return resolve


class _LazyRenderer:
    """The PDF renderer, resolved on the first render, i.e. on the preview's worker thread.

    Resolving it imports ReportLab (~0,1 s), which must not happen on the GUI thread while a
    Vorlage opens.
    """

    def __init__(self, context: GuiContext) -> None:
        self._context = context

    def render_paper(self, paper: Paper, office: Office) -> bytes:
        renderer = self._context.renderer()
        if renderer is None:
            raise KimdeskError(_("Diese Ausgabe von kimdesk enthält keinen PDF-Export."))
        return renderer.render_paper(paper, office)


def _preview_renderer(context: GuiContext) -> PdfRenderer | None:
    """The renderer if it is loaded already; else a lazy one if this build has the PDF part."""
    if context.app.renderer_ready():
        return context.renderer()
    if importlib.util.find_spec("reportlab") is None:
        return None
    return _LazyRenderer(context)


class EditorPage(QWidget):
    """Tab content for one Vorlage. ``dirty`` until saved; autosaves every few seconds when dirty."""

    is_editor_page = True
    title_changed = Signal(str)
    message = Signal(str)

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
        self.preview = PdfPreview(_preview_renderer(context), master.office)
        self.conflict_resolver: ConflictResolver = ask_conflict(self)
        self._restored = restored
        self._autosave_dirty = restored
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        layout.addWidget(splitter, 1)

        self.editor.paper_changed.connect(self._changed)
        self.editor.sign_off_panel.message.connect(self.message)
        self.editor.sign_off_panel.attach(context.uow_factory, prepare=self._save_before_workflow)
        self.editor.undo_stack.cleanChanged.connect(self._clean_changed)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave_now)
        self.autosave_timer.start()
        self.preview.schedule(self.editor.paper())

    # --- state ------------------------------------------------------------------------------------
    @property
    def paper_id(self) -> object:
        return self.editor.base.id

    @property
    def dirty(self) -> bool:
        return self._restored or not self.editor.undo_stack.isClean()

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
        self._autosave_dirty = True
        self.title_changed.emit(self.tab_title())
        self.preview.schedule(self.editor.paper())

    # --- autosave ---------------------------------------------------------------------------------
    def autosave_now(self) -> bool:
        """Write the draft's state to the autosave store if it changed since the last time."""
        if not self._autosave_dirty or self.editor.read_only:
            return False
        try:
            if self.dirty:
                autosave.store(self.context.uow_factory, self.editor.paper())
            else:
                autosave.discard(self.context.uow_factory, self.editor.base.id)
        except Exception:  # the autosave must never take the editor down
            log.exception("Automatisches Sichern fehlgeschlagen")
            self.message.emit(_("Automatisches Sichern fehlgeschlagen – bitte mit Strg+S speichern."))
            return False
        self._autosave_dirty = False
        return True

    def _save_before_workflow(self) -> bool:
        """A Mitzeichnung step works on the stored Vorlage: unsaved edits are saved first."""
        if self.editor.read_only or not self.dirty:
            return True
        return self.save()

    # --- saving -----------------------------------------------------------------------------------
    def save(self) -> bool:
        """Ctrl+S: store the draft (incomplete drafts too); conflicts go to the clerk."""
        if self.editor.read_only:
            self.message.emit(_("Diese Vorlage ist schreibgeschützt."))
            return False
        self.editor.seal()
        paper = copy.deepcopy(self.editor.paper())
        try:
            result = save_paper(self.context.uow_factory, paper)
        except ConflictError as exc:
            return self._resolve_conflict(paper, exc)
        except KimdeskError as exc:
            dialogs.warn(self, _("Speichern nicht möglich"), exc.message)
            return False
        self._saved(result.paper)
        open_points = len(result.problems)
        if open_points:
            self.message.emit(
                _("Vorlage {reference} gespeichert. Für die Freigabe fehlen noch {n} Angaben.").format(
                    reference=result.paper.reference, n=open_points
                )
            )
        else:
            self.message.emit(_("Vorlage {reference} gespeichert.").format(reference=result.paper.reference))
        return True

    def _saved(self, paper: Paper) -> None:
        self.editor.set_base(paper)
        self._restored = False
        self.editor.undo_stack.setClean()
        self._autosave_dirty = False
        self.show_notice("")
        try:
            autosave.discard(self.context.uow_factory, paper.id)
        except Exception:
            log.exception("Autosave konnte nicht entfernt werden")
        self.title_changed.emit(self.tab_title())

    def _resolve_conflict(self, mine: Paper, error: ConflictError) -> bool:
        try:
            stored = get_paper_by_id(self.context.uow_factory, mine.id)
        except KimdeskError as exc:
            dialogs.warn(self, _("Speichern nicht möglich"), f"{error.message}\n\n{exc.message}")
            return False
        choice = self.conflict_resolver(mine, stored, error)
        if choice is Choice.MINE:
            mine.version = stored.version
            try:
                result = save_paper(self.context.uow_factory, mine)
            except KimdeskError as exc:
                dialogs.warn(self, _("Speichern nicht möglich"), exc.message)
                return False
            self._saved(result.paper)
            self.message.emit(_("Ihre Fassung wurde gespeichert."))
            return True
        if choice is Choice.STORED:
            self.load_stored(stored)
            self.message.emit(
                _("Die gespeicherte Fassung vom {when} wurde übernommen.").format(
                    when=format_datetime(stored.modified_at)
                )
            )
            return True
        self.message.emit(_("Nicht gespeichert – der Konflikt ist noch offen."))
        return False

    def load_stored(self, stored: Paper) -> None:
        self.editor.set_base(stored)
        self.editor._restore(stored)
        self.editor.undo_stack.clear()
        self._saved(stored)

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

        def work() -> Path:
            return write_atomically(target, renderer.render_paper(paper, office), what="PDF")

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
        self.autosave_timer.stop()
        self.preview.cancel()
