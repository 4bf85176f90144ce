"""The meeting dialog: "Neue Sitzung" and "Sitzung bearbeiten/verlegen" (Gremium, day, time, place, Vorsitz,
invitation text). It saves itself: on an error the message names the field and the dialog stays open
with everything typed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Organization
from kimdesk.domain.meeting import Meeting
from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.i18n import _
from kimdesk.services.meeting_cycle import MeetingDetails
from kimdesk.ui import dialogs

#: Saves the dialog's content (on the thread pool); raises KimdeskError to keep the dialog open.
Save = Callable[[Organization | None, MeetingDetails], Any]


class MeetingDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        save: Save,
        *,
        committees: list[Organization],
        persons: list[str],
        meeting: Meeting | None = None,
        moving_allowed: bool = True,
    ) -> None:
        super().__init__(parent)
        self.save = save
        self.meeting = meeting
        self.committees = committees
        self.setWindowTitle(_("Neue Sitzung") if meeting is None else _("Sitzung bearbeiten"))
        self.setObjectName("meeting-dialog")
        form = QFormLayout()
        self.committee = QComboBox()
        for org in committees:
            self.committee.addItem(org.name, str(org.id))
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd.MM.yyyy")
        self.time = QTimeEdit()
        self.time.setDisplayFormat("HH:mm")
        self.location = QLineEdit()
        self.chair = QComboBox()
        self.chair.setEditable(True)
        self.chair.addItem("")
        self.chair.addItems(persons)
        self.name = QLineEdit()
        self.name.setPlaceholderText(_("leer: „Sitzung des …“"))
        self.invitation = QPlainTextEdit()
        self.invitation.setTabChangesFocus(True)
        self.invitation.setPlaceholderText(_("leer: der übliche Einladungstext"))
        form.addRow(_("&Gremium:"), self.committee)
        form.addRow(_("&Datum:"), self.day)
        form.addRow(_("&Uhrzeit:"), self.time)
        form.addRow(_("&Ort:"), self.location)
        form.addRow(_("&Vorsitz:"), self.chair)
        form.addRow(_("&Bezeichnung:"), self.name)
        form.addRow(_("&Einladungstext:"), self.invitation)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Speichern"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Abbrechen"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(520, 460)
        self._fill(meeting, moving_allowed)

    def _fill(self, meeting: Meeting | None, moving_allowed: bool) -> None:
        if meeting is None:
            tomorrow = datetime.now(BERLIN) + timedelta(days=14)
            self.day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
            self.time.setTime(QTime(17, 0))
            return
        start = meeting.start.astimezone(BERLIN)
        index = self.committee.findData(str(meeting.committee.id))
        if index < 0:
            self.committee.addItem(meeting.committee.name, str(meeting.committee.id))
            index = self.committee.count() - 1
        self.committee.setCurrentIndex(index)
        self.committee.setEnabled(False)
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.time.setTime(QTime(start.hour, start.minute))
        self.day.setEnabled(moving_allowed)
        self.time.setEnabled(moving_allowed)
        self.location.setText(meeting.location)
        self.chair.setCurrentText(meeting.chair)
        self.name.setText(meeting.name)
        self.invitation.setPlainText(meeting.invitation_text)

    def details(self) -> MeetingDetails:
        day, time = self.day.date(), self.time.time()
        start = datetime(day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=BERLIN)
        end = None
        if self.meeting is not None and self.meeting.end is not None:  # keeps its length when moved
            end = start + (self.meeting.end - self.meeting.start)
        return MeetingDetails(
            start=start,
            end=end,
            location=self.location.text(),
            name=self.name.text(),
            chair=self.chair.currentText(),
            invitation_text=self.invitation.toPlainText(),
        )

    def selected_committee(self) -> Organization | None:
        wanted = self.committee.currentData()
        return next((c for c in self.committees if str(c.id) == wanted), None)

    def accept(self) -> None:
        if self.meeting is None and self.selected_committee() is None:
            dialogs.warn(self, self.windowTitle(), _("Gremium: Bitte ein Gremium wählen."))
            return
        try:
            self.save(self.selected_committee(), self.details())
        except KimdeskError as exc:
            dialogs.warn(self, self.windowTitle(), exc.message)
            return
        super().accept()
