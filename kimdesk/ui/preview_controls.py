"""Zoom and page navigation for a ``QPdfView``: fit width, fit page, 50–200 %, previous/next page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from kimdesk.l10n.i18n import _

FIT_WIDTH, FIT_PAGE = "width", "page"
#: The zoom steps offered, in percent; "−"/"+" move between them.
STEPS = (50, 75, 100, 125, 150, 200)


class PreviewControls(QWidget):
    """A row under the preview: zoom box, smaller/larger, page number with previous/next."""

    def __init__(self, view: QPdfView, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self.document = document
        self.zoom = QComboBox(self)
        self.zoom.setAccessibleName(_("Zoom der Vorschau"))
        self.zoom.addItem(_("Seitenbreite"), FIT_WIDTH)
        self.zoom.addItem(_("Ganze Seite"), FIT_PAGE)
        for percent in STEPS:
            self.zoom.addItem(f"{percent} %", percent)
        self.zoom.currentIndexChanged.connect(lambda _i: self._apply_zoom())
        self.smaller = self._button("−", _("Verkleinern (Strg+Minus)"), lambda: self.step(-1))
        self.larger = self._button("+", _("Vergrößern (Strg+Plus)"), lambda: self.step(1))
        self.previous = self._button("‹", _("Vorige Seite"), lambda: self.go_to(self.page() - 1))
        self.next = self._button("›", _("Nächste Seite"), lambda: self.go_to(self.page() + 1))
        self.page_box = QSpinBox(self)
        self.page_box.setAccessibleName(_("Seite der Vorschau"))
        self.page_box.setMinimum(1)
        self.page_box.setKeyboardTracking(False)
        self.page_box.valueChanged.connect(lambda value: self.go_to(value - 1))
        self.of_pages = QLabel(self)
        for keys, slot in (
            (QKeySequence.StandardKey.ZoomIn, lambda: self.step(1)),
            (QKeySequence.StandardKey.ZoomOut, lambda: self.step(-1)),
        ):
            shortcut = QShortcut(QKeySequence(keys), view)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row: list[QWidget | None] = [self.zoom, self.smaller, self.larger, None, self.previous]
        row += [QLabel(_("Seite")), self.page_box, self.of_pages, self.next]
        for widget in row:
            if widget is None:
                layout.addStretch(1)
            else:
                layout.addWidget(widget)
        self._count = document.pageCount()
        view.pageNavigator().currentPageChanged.connect(self._page_changed)
        document.pageCountChanged.connect(self._count_changed)
        self._sync_page()

    def _button(self, text: str, tip: str, slot: Callable[[], None]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # --- zoom ----------------------------------------------------------------------------------------
    def _apply_zoom(self) -> None:
        choice = self.zoom.currentData()
        if choice == FIT_WIDTH:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif choice == FIT_PAGE:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(int(choice) / 100)

    def percent(self) -> int:
        """The zoom in percent as the view shows it now (also in the fit modes)."""
        return round(self.view.zoomFactor() * 100)

    def step(self, direction: int) -> None:
        """One zoom step smaller (-1) or larger (+1), from what the view shows now."""
        now = self.percent()
        if direction > 0:
            target = next((p for p in STEPS if p > now), STEPS[-1])
        else:
            target = next((p for p in reversed(STEPS) if p < now), STEPS[0])
        self.zoom.setCurrentIndex(self.zoom.findData(target))

    # --- pages ---------------------------------------------------------------------------------------
    def page(self) -> int:
        return int(self.view.pageNavigator().currentPage())

    def go_to(self, page: int) -> None:
        count = self._count
        if count and 0 <= page < count and page != self.page():
            self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def _page_changed(self, _page: int) -> None:
        self._sync_page()

    def _count_changed(self, count: int) -> None:
        self._count = count  # also emitted while the document is being deleted: not read back from it
        self._sync_page()

    def _sync_page(self) -> None:
        count = self._count
        blocker = self.page_box.blockSignals(True)
        self.page_box.setMaximum(max(count, 1))
        self.page_box.setValue(self.page() + 1)
        self.page_box.blockSignals(blocker)
        self.of_pages.setText(_("von {n}").format(n=count))
        self.previous.setEnabled(self.page() > 0)
        self.next.setEnabled(self.page() + 1 < count)
