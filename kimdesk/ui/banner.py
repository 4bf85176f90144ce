"""The strip above the tabs that says the database can only be read ("Nur lesen: …")."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow, QVBoxLayout, QWidget

from kimdesk.l10n.i18n import _


def show_read_only(window: QMainWindow, where: str) -> QLabel:
    """Put the banner above the window's central widget (once) and return it."""
    existing = window.findChild(QLabel, "read-only-banner")
    if isinstance(existing, QLabel):
        existing.setVisible(True)
        return existing
    banner = QLabel(
        _(
            "Nur lesen: die Datenbank {where} ist schreibgeschützt. Vorlagen können angesehen und als PDF "
            "ausgegeben, aber nicht angelegt, geändert oder gelöscht werden."
        ).format(where=where)
    )
    banner.setObjectName("read-only-banner")
    banner.setWordWrap(True)
    banner.setAccessibleName(_("Nur lesen"))
    banner.setStyleSheet(
        "QLabel#read-only-banner { background: #fff3cd; color: #5c4400; border-bottom: 1px solid #e0c060;"
        " padding: 6px 10px; font-weight: bold; }"
    )
    central = window.takeCentralWidget()
    holder = QWidget(window)
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addWidget(banner)
    if central is not None:
        layout.addWidget(central)
        central.show()
    window.setCentralWidget(holder)
    holder.show()
    return banner
