"""In the sign dialog: what changed since the Fassung this signer last saw or rejected, side by side."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kimdesk.domain.versions import VersionEvent
from kimdesk.l10n.i18n import _
from kimdesk.services.signoff_view import PanelState
from kimdesk.services.versions import version_label
from kimdesk.ui.compare import CompareWidget


class ChangesSinceSeen(QWidget):
    """Hidden in a first Umlauf; after a rejection, the comparison of the signer's Fassung with this one."""

    def __init__(self, state: PanelState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changes-since-seen")
        self.state = state
        self.shown_for: str | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setStyleSheet("background: #fff3c4; color: #4a3b00; padding: 6px; font-weight: 600;")
        self.compare = CompareWidget(self)
        self.compare.only_changes.setChecked(True)
        self.compare.setMinimumHeight(320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.compare, 1)
        self.hide()

    def show_for(self, person_name: str) -> None:
        """Compare what ``person_name`` last saw with the Fassung now given (nothing to show: hidden)."""
        seen = self.state.seen.get(person_name)
        given = self.state.given
        if seen is None or given is None:
            self.shown_for = None
            self.hide()
            return
        if self.shown_for == person_name:
            return
        self.shown_for = person_name
        what = _("Ihrer Ablehnung") if seen.info.event is VersionEvent.REJECTED else _("Ihrem letzten Umlauf")
        self.heading.setText(
            _("Geändert seit {what} ({seen}) – bitte vor der Entscheidung ansehen:").format(
                what=what, seen=seen.label
            )
        )
        self.compare.set_papers(
            seen.paper,
            self.state.paper,
            seen.label,
            _("{label} (zur Mitzeichnung)").format(label=version_label(given)),
        )
        self.show()
        window = self.window()
        window.resize(max(window.width(), 1100), max(window.height(), 760))
