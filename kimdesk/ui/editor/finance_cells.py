"""One amount of the NKF table: shows when the clerk typed over the computed figure, and undoes that."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QColor, QContextMenuEvent, QFont, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import QLineEdit, QMenu, QWidget

from kimdesk.l10n.i18n import _
from kimdesk.services.finance_overrides import override_description, override_tooltip
from kimdesk.ui.editor.widgets import MoneyEdit

#: Background of an overridden cell; the "*" marker beside it says the same without colour.
OVERRIDE_TINT = "#fff1c2"


def _marker_icon() -> QIcon:
    """The "*" the PDF prints beside an overridden amount, as the cell's leading icon."""
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(30)
    painter.setFont(font)
    painter.setPen(QColor("#8a5a00"))
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "*")
    painter.end()
    return QIcon(pixmap)


class FinanceCellEdit(MoneyEdit):
    """A MoneyEdit that can be marked overridden: tinted, a "*" icon, the computed figure as tooltip.

    „Berechneten Wert übernehmen“ (context menu, the "*" icon, Strg+Rücktaste) emits ``take_computed``.
    """

    take_computed = Signal()

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(accessible_name, parent)
        self.overridden = False
        self.take_action = QAction(_marker_icon(), _("Berechneten Wert übernehmen"), self)
        self.take_action.setShortcut("Ctrl+Backspace")
        self.take_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.take_action.setEnabled(False)
        self.take_action.triggered.connect(self._take)

    def _take(self) -> None:
        self.take_computed.emit()

    def show_override(self, overridden: bool, computed: Decimal | None) -> None:
        if overridden == self.overridden and (not overridden or self.toolTip() == override_tooltip(computed)):
            return
        self.overridden = overridden
        self.take_action.setEnabled(overridden)
        if overridden:
            self.addAction(self.take_action, QLineEdit.ActionPosition.LeadingPosition)
            self.take_action.setToolTip(_("Berechneten Wert übernehmen (Strg+Rücktaste)"))
            self.setStyleSheet(f"QLineEdit {{ background-color: {OVERRIDE_TINT}; }}")
            self.setToolTip(override_tooltip(computed))
            self.setAccessibleDescription(override_description(computed))
        else:
            self.removeAction(self.take_action)
            self.setStyleSheet("")
            self.setToolTip("")
            self.setAccessibleDescription("")

    def context_menu(self) -> QMenu:
        """The line edit's own menu plus „Berechneten Wert übernehmen“ (enabled when overridden)."""
        menu = self.createStandardContextMenu()
        menu.addSeparator()
        menu.addAction(self.take_action)
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            self.overridden
            and not self.isReadOnly()
            and event.key() == Qt.Key.Key_Backspace
            and event.modifiers() == Qt.KeyboardModifier.ControlModifier
        ):
            event.accept()
            self.take_computed.emit()
            return
        super().keyPressEvent(event)
