"""The live PDF preview: rendered off the GUI thread shortly after edits stop, newest result wins."""

from __future__ import annotations

import copy
import importlib.util
from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.l10n.i18n import _
from kimdesk.services.ports import PdfRenderer
from kimdesk.ui.context import GuiContext
from kimdesk.ui.preview_controls import PreviewControls
from kimdesk.ui.tasks import Task, run_task

DELAY_MS = 500


class LazyRenderer:
    """The PDF renderer, resolved on the first render, i.e. on the preview's worker thread.

    Resolving it imports ReportLab (~0,1 s), which must not happen on the GUI thread while a
    Vorlage opens.
    """

    def __init__(self, context: GuiContext) -> None:
        self._context = context

    def render_paper(
        self, paper: Paper, office: Office, *, attachments: Sequence[str] = (), version_mark: str = ""
    ) -> bytes:
        renderer = self._context.renderer()
        if renderer is None:
            raise KimdeskError(_("Diese Ausgabe von kimdesk enthält keinen PDF-Export."))
        return renderer.render_paper(paper, office, attachments=attachments, version_mark=version_mark)


def preview_renderer(context: GuiContext) -> PdfRenderer | None:
    """The renderer if it is loaded already; else a lazy one if this build has the PDF part."""
    if context.app.renderer_ready():
        return context.renderer()
    if importlib.util.find_spec("reportlab") is None:
        return None
    return LazyRenderer(context)


class PdfPreview(QWidget):
    """``schedule(paper)`` after each edit; the render runs on the thread pool and can be cancelled."""

    def __init__(self, renderer: PdfRenderer | None, office: Office, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.office = office
        self.generation = 0
        self.shown_generation = 0
        self._task: Task | None = None
        self._pending: Paper | None = None
        self._buffer: QBuffer | None = None
        self.last_pdf: bytes = b""
        #: The Vorlage's Anlagen list as its PDF prints it (set by the page when the Anlagen change).
        self.attachments: list[str] = []
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName(_("PDF-Vorschau"))
        self.status = QLabel(_("Vorschau"))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName(_("Vorschau wird erstellt"))
        self.progress.hide()
        self.cancel_button = QPushButton(_("Abbrechen"))
        self.cancel_button.setAccessibleName(_("Vorschau abbrechen"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DELAY_MS)
        self.timer.timeout.connect(self._start)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress)
        top.addWidget(self.cancel_button)
        self.controls = PreviewControls(self.view, self.document, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.controls)
        if renderer is None:
            self.status.setText(_("Keine PDF-Vorschau: Diese Ausgabe von kimdesk enthält keinen PDF-Export."))

    def schedule(self, paper: Paper, *, immediately: bool = False) -> None:
        """Render ``paper`` once edits pause (a copy is taken now: the editor may change it later)."""
        if self.renderer is None:
            return
        self._pending = copy.deepcopy(paper)
        if immediately:
            self.timer.stop()
            self._start()
        else:
            self.timer.start()

    def _start(self) -> None:
        paper, self._pending = self._pending, None
        if paper is None or self.renderer is None:
            return
        if self._task is not None:
            self._task.cancel()  # an older render may still finish; its result is dropped
        self.generation += 1
        generation = self.generation
        renderer, office, listed = self.renderer, self.office, list(self.attachments)
        self.status.setText(_("Vorschau wird erstellt …"))
        self.progress.show()
        self.cancel_button.show()
        self._task = run_task(
            lambda: renderer.render_paper(paper, office, attachments=listed),
            lambda pdf: self._show(generation, pdf),
            lambda exc: self._failed(generation, exc),
        )

    def cancel(self) -> None:
        self.timer.stop()
        self._pending = None
        if self._task is not None:
            self._task.cancel()
            self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.status.setText(_("Vorschau abgebrochen – sie wird nach der nächsten Änderung neu erstellt."))

    def _show(self, generation: int, pdf: bytes) -> None:
        if generation != self.generation:
            return
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        self.last_pdf = pdf
        buffer = QBuffer(self)
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        self.shown_generation = generation
        pages = self.document.pageCount()
        self.status.setText(
            (_("Vorschau: 1 Seite") if pages == 1 else _("Vorschau: {n} Seiten")).format(n=pages)
        )

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self._task = None
        self.progress.hide()
        self.cancel_button.hide()
        message = exc.message if isinstance(exc, KimdeskError) else f"{type(exc).__name__}: {exc}"
        self.status.setText(_("Vorschau nicht möglich: {message}").format(message=message))
