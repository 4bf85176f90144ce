"""The standard agenda of a Gremium (Eröffnung, Feststellung der Tagesordnung, Niederschrift, Mitteilungen,
Anfragen …): one line per item, edited as text; stored per Gremium."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.meeting_cycle import (
    NON_PUBLIC_PREFIX,
    PAPERS_MARK,
    StandardItem,
    parse_standard_agenda,
    standard_agenda_text,
)
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs


class StandardAgendaDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        committee: str,
        items: list[StandardItem],
        save: Callable[[list[StandardItem]], Any],
    ) -> None:
        super().__init__(parent)
        self.save = save
        self.setWindowTitle(_("Standard-Tagesordnung – {committee}").format(committee=committee))
        self.setObjectName("standard-agenda-dialog")
        hint = QLabel(
            _(
                "Ein Punkt pro Zeile. Die Zeile „{mark}“ steht für die Vorlagen: Punkte darüber kommen an "
                "den Anfang, Punkte darunter ans Ende. „{prefix}“ vor einem Punkt: nichtöffentlicher Teil."
            ).format(mark=PAPERS_MARK, prefix=NON_PUBLIC_PREFIX)
        )
        hint.setWordWrap(True)
        self.text = QPlainTextEdit(standard_agenda_text(items))
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(_("Standard-Tagesordnung"))
        hint.setBuddy(self.text)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(520, 420)

    def accept(self) -> None:
        try:
            self.save(parse_standard_agenda(self.text.toPlainText()))
        except KimdeskError as exc:
            dialogs.warn(self, self.windowTitle(), exc.message)
            return
        super().accept()
