"""The main window's "Sitzungen" tab, built when it is first shown.

The meetings view imports the meeting, signing and packet code (pypdf, cryptography: ~0,15 s), so the
window attaches with a placeholder in its place; the warm-up loads those modules off the GUI thread
meanwhile, and the first look at the tab builds the view where the placeholder was.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from kimdesk.l10n.i18n import _

if TYPE_CHECKING:
    from kimdesk.ui.context import GuiContext
    from kimdesk.ui.meetings_view import MeetingsView

#: The tab's place, after the Vorlagen list.
INDEX = 1


def preload() -> None:
    """Import the services the meetings view needs (pypdf, cryptography); on a worker thread, so that
    the first look at the tab only builds widgets."""
    from kimdesk.services import meeting_cycle, packets  # noqa: F401 - imported for their loading


class MeetingsTab:
    """Adds, builds and removes the meetings tab of ``tabs``; ``open_paper`` opens a Vorlage of the agenda."""

    def __init__(
        self,
        tabs: QTabWidget,
        open_paper: Callable[[uuid.UUID], Any],
        papers_changed: Callable[[], Any] = lambda: None,
    ) -> None:
        self.tabs = tabs
        self.open_paper = open_paper
        self.papers_changed = papers_changed
        #: The view, once the tab was shown.
        self.view: MeetingsView | None = None
        self._placeholder: QWidget | None = None
        self._context: GuiContext | None = None
        tabs.currentChanged.connect(self._shown)

    def add(self, context: GuiContext) -> None:
        """The tab for the database of ``context`` (a placeholder until it is shown)."""
        if self.view is not None or self._placeholder is not None:
            return
        self._context = context
        self._placeholder = QWidget()
        self._placeholder.setAccessibleName(_("Sitzungen"))
        self._insert(self._placeholder)

    def show(self) -> None:
        """Make the tab current, its view built (the menu's Sitzungen, Strg+M)."""
        self._build()
        if self.view is not None:
            self.tabs.setCurrentWidget(self.view)

    def remove(self) -> None:
        """The database closes: no tab until :meth:`add` again."""
        for widget in (self.view, self._placeholder):
            if widget is not None:
                self.tabs.removeTab(self.tabs.indexOf(widget))
                widget.deleteLater()
        self.view = self._placeholder = self._context = None

    def _insert(self, widget: QWidget) -> None:
        self.tabs.insertTab(INDEX, widget, _("Sitzungen"))
        self.tabs.tabBar().setTabButton(INDEX, self.tabs.tabBar().ButtonPosition.RightSide, None)

    def _shown(self, index: int) -> None:
        # Deferred: Qt also makes the placeholder current for a moment when a neighbouring editor tab
        # closes (then the window returns to where that Vorlage was opened from, or closes).
        if self._placeholder is not None and self.tabs.widget(index) is self._placeholder:
            QTimer.singleShot(0, self.tabs, self._build_if_shown)

    def _build_if_shown(self) -> None:
        placeholder = self._placeholder
        if placeholder is not None and self.tabs.currentWidget() is placeholder and self.tabs.isVisible():
            self.show()

    def _build(self) -> None:
        """The view in the placeholder's place (:meth:`show` makes it current)."""
        placeholder, context = self._placeholder, self._context
        if placeholder is None or context is None:
            return
        from kimdesk.ui.meetings_view import MeetingsView

        self._placeholder = None
        view = MeetingsView(
            context.uow_factory,
            packet_renderer=context.packet_renderer,
            pdf_maker=lambda: context.app.signed_pdf_maker,
        )
        view.open_paper.connect(self.open_paper)
        view.papers_changed.connect(self.papers_changed)
        view.setAccessibleName(_("Sitzungen"))
        self.view = view
        self.tabs.removeTab(self.tabs.indexOf(placeholder))
        self._insert(view)
        placeholder.deleteLater()
