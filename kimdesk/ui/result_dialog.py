"""The results dialog of one TOP: result, Beschlusstext (prefilled from the Beschlussentwurf), optional votes.

It is only offered once the meeting took place (the view disables "Ergebnis …" before, saying why), and
it saves itself: on an error the message is shown and the dialog stays open with everything typed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.meeting import AgendaItem, AgendaResult
from kimdesk.l10n.i18n import _
from kimdesk.ui import dialogs

#: Saves result and text (on the thread pool); raises KimdeskError to keep the dialog open.
SaveResult = Callable[[AgendaResult, str], Any]


def vote_line(yes: int, no: int, abstentions: int) -> str:
    return _("Abstimmungsergebnis: {yes} Ja, {no} Nein, {abstentions} Enthaltungen").format(
        yes=yes, no=no, abstentions=abstentions
    )


class ResultDialog(QDialog):
    def __init__(self, parent: QWidget | None, item: AgendaItem, draft: str, save: SaveResult) -> None:
        super().__init__(parent)
        self.save = save
        self.setWindowTitle(_("Ergebnis – TOP {number}").format(number=item.number))
        self.setObjectName("result-dialog")
        heading = QLabel(_("TOP {number}  {title}").format(number=item.number, title=item.title))
        heading.setWordWrap(True)
        self.result_choice = QComboBox()
        self.results = list(AgendaResult)
        for result in self.results:
            self.result_choice.addItem(_(result.label), result.value)
        if item.result is not None:
            self.result_choice.setCurrentIndex(self.results.index(item.result))
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlainText(item.resolution_text or draft)
        self.votes = QCheckBox(_("&Abstimmungsergebnis erfassen"))
        self.yes, self.no, self.abstentions = QSpinBox(), QSpinBox(), QSpinBox()
        votes = QHBoxLayout()
        for label, box in (
            (_("Ja:"), self.yes),
            (_("Nein:"), self.no),
            (_("Enthaltungen:"), self.abstentions),
        ):
            box.setRange(0, 999)
            box.setEnabled(False)
            box.setAccessibleName(label.rstrip(":"))
            votes.addWidget(QLabel(label))
            votes.addWidget(box)
            self.votes.toggled.connect(box.setEnabled)
        form = QFormLayout()
        form.addRow(_("&Ergebnis:"), self.result_choice)
        form.addRow(_("&Beschlusstext:"), self.text)
        form.addRow(self.votes)
        form.addRow(votes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Eintragen"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def chosen(self) -> AgendaResult:
        return self.results[self.result_choice.currentIndex()]

    def resolution_text(self) -> str:
        text = self.text.toPlainText().strip()
        if self.votes.isChecked():
            line = vote_line(self.yes.value(), self.no.value(), self.abstentions.value())
            text = f"{text}\n\n{line}" if text else line
        return text

    def accept(self) -> None:
        try:
            self.save(self.chosen(), self.resolution_text())
        except KimdeskError as exc:
            dialogs.warn(self, self.windowTitle(), exc.message)
            return
        super().accept()
