"""The user guide (docs/ANLEITUNG.md) in a window of its own, opened by F1 at the topic of the current screen.

The guide is Markdown with screenshots beside it; QTextBrowser reads Markdown itself (by the ``.md``
suffix) and resolves the images relative to the file, so the same file serves the repository's docs and
the program. One window per main window: F1 again brings it to the front at the new topic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QImage, QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kimdesk.l10n.i18n import _
from kimdesk.resources import guide_path
from kimdesk.ui.screen_size import resize_within_screen

#: Topics the program opens the guide at: the first heading whose text starts with the value.
TOPIC_LIST = "Die Vorlagenliste"
TOPIC_EDITOR = "Eine Vorlage bearbeiten"
TOPIC_MEETINGS = "Sitzungen"


class GuideBrowser(QTextBrowser):
    """Shows the guide's screenshots at most as wide as the window it opens with, never sideways-scrolling."""

    picture_width = 840

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        data = super().loadResource(kind, name)
        if kind != QTextDocument.ResourceType.ImageResource.value or not isinstance(data, QByteArray | bytes):
            return data
        picture = QImage.fromData(data)
        if picture.isNull() or picture.width() <= self.picture_width:
            return data
        return picture.scaledToWidth(self.picture_width, Qt.TransformationMode.SmoothTransformation)


class HelpViewer(QDialog):
    """A non-modal window with the guide, a search field (Strg+F, Enter finds the next match) and topics."""

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Anleitung – kimdesk"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        resize_within_screen(self, 900, 760)
        self.browser = GuideBrowser(self)
        self.browser.setOpenExternalLinks(True)
        self.browser.setAccessibleName(_("Anleitung"))
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(_("In der Anleitung suchen …"))
        self.search.setAccessibleName(_("In der Anleitung suchen"))
        self.search.returnPressed.connect(self.find_next)
        self.status = QLabel(self)
        find_label = QLabel(_("&Suchen:"), self)
        find_label.setBuddy(self.search)
        next_button = QPushButton(_("&Weitersuchen"), self)
        next_button.setAutoDefault(False)
        next_button.clicked.connect(self.find_next)
        close_button = QPushButton(_("Schl&ießen"), self)
        close_button.setAutoDefault(False)
        close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(find_label)
        row.addWidget(self.search, 1)
        row.addWidget(next_button)
        row.addWidget(self.status)
        row.addStretch(0)
        row.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.browser, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Find), self, self._focus_search)
        guide = path or guide_path()
        if guide.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(guide)))
        else:
            self.browser.setPlainText(
                _("Die Anleitung wurde nicht gefunden ({path}).").format(path=str(guide))
            )

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def show_topic(self, topic: str | None) -> bool:
        """Scroll to the first heading starting with ``topic``; False when the guide has no such heading."""
        if not topic:
            return False
        document = self.browser.document()
        block = document.begin()
        while block.isValid():
            if block.blockFormat().headingLevel() > 0 and block.text().strip().startswith(topic):
                cursor = QTextCursor(block)
                self.browser.setTextCursor(cursor)
                # Put the heading at the top, not just somewhere visible. The cursor's rectangle makes
                # Qt lay the text out up to there (it lays long documents out lazily).
                bar = self.browser.verticalScrollBar()
                bar.setValue(bar.value() + self.browser.cursorRect(cursor).top() - 4)
                return True
            block = block.next()
        return False

    def find_next(self) -> bool:
        """Find the search text after the cursor, wrapping around once; the result shows beside the field."""
        text = self.search.text().strip()
        if not text:
            self.status.clear()
            return False
        found = self.browser.find(text)
        if not found:
            self.browser.moveCursor(QTextCursor.MoveOperation.Start)
            found = self.browser.find(text)
        self.status.setText("" if found else _("Nicht gefunden"))
        return found


def open_help(parent: QWidget, topic: str | None = None) -> HelpViewer:
    """Show the guide window of ``parent`` (made on first use) at ``topic`` and bring it to the front."""
    viewer = parent.findChild(HelpViewer)
    if viewer is None:
        viewer = HelpViewer(parent)
    viewer.show()
    viewer.raise_()
    viewer.activateWindow()
    viewer.show_topic(topic)
    return viewer
