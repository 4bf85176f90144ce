"""What the Vorlage still lacks for its release, in one line at the top of the form that never changes height.

A list that grows and shrinks while the user types moved the whole form under the mouse; a list
with its own scroll bar scrolled inside the scrolling form. Here one line counts and names what is
missing, and „Anzeigen“ opens a menu with every item; choosing one jumps to its section.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QMenu, QToolButton, QWidget

from kimdesk.l10n.i18n import _
from kimdesk.ui.editor.widgets import ProblemLine


class ProblemSummary(QWidget):
    """``set_problems([(section key, message), …])``; ``jump(key)`` is called for a chosen item."""

    def __init__(self, jump: Callable[[str], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.jump = jump
        self.messages: list[str] = []
        self.line = ProblemLine(_("Was für die Freigabe noch fehlt"), self)
        self.menu = QMenu(self)
        self.menu.triggered.connect(self._chosen)
        self.button = QToolButton(self)
        self.button.setText(_("Anzeigen"))
        self.button.setAccessibleName(_("Fehlende Angaben anzeigen"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)

    def _chosen(self, action: QAction) -> None:
        self.jump(str(action.data()))

    def set_problems(self, problems: list[tuple[str, str]]) -> None:
        self.messages = [message for _key, message in problems]
        self.menu.clear()
        for key, message in problems:
            action = self.menu.addAction(message)
            action.setData(key)
        count = len(problems)
        self.line.set_alarm(count > 0)
        if count == 0:
            self.line.setText(_("Für die Freigabe ist alles ausgefüllt."))
            self.line.setToolTip("")
        else:
            heading = (
                _("Für die Freigabe fehlt noch 1 Angabe (Entwürfe dürfen unvollständig sein):")
                if count == 1
                else _("Für die Freigabe fehlen noch {n} Angaben (Entwürfe dürfen unvollständig sein):")
            ).format(n=count)
            self.line.set_messages(self.messages)
            self.line.setText(f"{heading} {'; '.join(self.messages)}")
        self.line.setAccessibleDescription(self.line.text())
        self.button.setEnabled(count > 0)
