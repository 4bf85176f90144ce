"""The meetings view's commands on the meeting itself: new, edit/move, invite (Ladungsfrist), held, close,
cancel; the standard agenda; results per TOP, Protokollauszug and printing.

Every command is offered only where the meeting's state allows it (:meth:`update_buttons`); a disabled
button's tooltip says why, so the clerk learns it before typing anything.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QInputDialog, QListWidget, QPushButton

from kimdesk.domain import meeting_cycle as cycle
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Organization
from kimdesk.domain.meeting import AgendaResult, Meeting, MeetingState, results_refusal
from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.i18n import _
from kimdesk.services import meeting_cycle as cycle_svc
from kimdesk.services import meetings as svc
from kimdesk.services.office import list_persons
from kimdesk.ui import dialogs
from kimdesk.ui.meeting_dialog import MeetingDialog
from kimdesk.ui.meeting_outputs import MeetingOutputs
from kimdesk.ui.recording import enter_signed_result
from kimdesk.ui.result_dialog import ResultDialog
from kimdesk.ui.standard_agenda_dialog import StandardAgendaDialog
from kimdesk.ui.tasks import run_and_wait

if TYPE_CHECKING:  # the signing code (cryptography) loads on a worker, not with the window
    from kimdesk.services.pdf_signatures import SignedPdfMaker
    from kimdesk.ui.agenda_list import AgendaList

_OPEN = (MeetingState.PLANNED, MeetingState.INVITED)


def meeting_title(meeting: Meeting) -> str:
    """The meeting's own name, else "Sitzung des Integrationsrates" in the chosen language."""
    if meeting.name:
        return meeting.name
    committee = meeting.committee
    # German uses the genitive; other languages may use {name} instead (format ignores unused keys).
    return _("Sitzung des {genitive}").format(genitive=committee.genitive, name=committee.name)


def meeting_heading(meeting: Meeting, notice_days: int, now: datetime | None = None) -> str:
    """Title, day, state; place and Vorsitz; the Ladungsfrist with a warning when it is missed."""
    start = meeting.start.astimezone(BERLIN)
    lines = [
        _("{title} am {date}, {time} Uhr – {state}").format(
            title=f"<b>{html.escape(meeting_title(meeting))}</b>",
            date=f"{start:%d.%m.%Y}",
            time=f"{start:%H:%M}",
            state=_(meeting.state.label),
        )
    ]
    details = [meeting.location, _("Vorsitz: {chair}").format(chair=meeting.chair) if meeting.chair else ""]
    if any(details):
        lines.append(html.escape(" · ".join(d for d in details if d)))
    deadline = cycle.notice_deadline(meeting, notice_days)
    if meeting.state is MeetingState.CANCELLED:
        lines.append(html.escape(_("Abgesagt: {reason}").format(reason=meeting.cancel_reason)))
    elif meeting.invited_at is not None:
        sent = meeting.invited_at.astimezone(BERLIN)
        text = _("Eingeladen am {date} (Ladungsfrist {days} Tage: spätestens am {deadline}).").format(
            date=f"{sent:%d.%m.%Y}", days=notice_days, deadline=f"{deadline:%d.%m.%Y}"
        )
        if cycle.invitation_late(meeting, notice_days):
            text += " ⚠ " + _("Die Einladung ging nach Ablauf der Ladungsfrist hinaus.")
        lines.append(html.escape(text))
    elif meeting.state is MeetingState.PLANNED:
        text = _("Einladung spätestens am {deadline} (Ladungsfrist {days} Tage).").format(
            deadline=f"{deadline:%d.%m.%Y}", days=notice_days
        )
        if cycle.invitation_late(meeting, notice_days, now or utcnow()) and meeting.start > (now or utcnow()):
            text += " ⚠ " + _("Die Ladungsfrist ist schon abgelaufen.")
        lines.append(html.escape(text))
    return "<br>".join(lines)


class MeetingActions(MeetingOutputs):
    """Mixin of the meetings view (see there for the widgets it uses)."""

    agenda: AgendaList
    meetings: QListWidget
    notice_days: int
    pdf_maker: Callable[[], SignedPdfMaker] | None
    papers_changed: SignalInstance
    committees: list[Organization]
    new_button: QPushButton
    edit_button: QPushButton
    invite_button: QPushButton
    held_button: QPushButton
    close_button: QPushButton
    cancel_button: QPushButton
    add_button: QPushButton
    free_button: QPushButton
    standard_items_button: QPushButton
    public_button: QPushButton
    up_button: QPushButton
    down_button: QPushButton
    remove_button: QPushButton
    result_button: QPushButton
    extract_button: QPushButton
    print_button: QPushButton
    packet_button: QPushButton
    public_packet_button: QPushButton
    both_packets_button: QPushButton

    def reload(self, select: uuid.UUID | None = None) -> None: ...

    def _show_stored(self) -> None: ...

    def _current_item_id(self) -> uuid.UUID | None: ...

    # -- what is offered when --------------------------------------------------------------------

    def update_buttons(self) -> None:
        meeting = self.meeting
        state = meeting.state if meeting else None
        has = meeting is not None
        editable = has and meeting is not None and meeting.agenda_editable
        for button in (
            self.add_button,
            self.free_button,
            self.standard_items_button,
            self.public_button,
            self.up_button,
            self.down_button,
            self.remove_button,
        ):
            button.setEnabled(editable)
        frozen = (
            ""
            if editable or not has
            else _("Die Tagesordnung ist „{state}“ und kann nicht mehr geändert werden.")
        )
        for button in (self.add_button, self.free_button, self.remove_button):
            button.setToolTip(frozen.format(state=_(state.label)) if frozen and state else "")
        self.edit_button.setEnabled(state in (*_OPEN, MeetingState.HELD))
        self.invite_button.setEnabled(state in _OPEN)
        self.invite_button.setText(_("Erneut &einladen") if state is MeetingState.INVITED else _("&Einladen"))
        started = meeting is not None and meeting.start <= utcnow()
        self.held_button.setEnabled(state in _OPEN and started)
        self.held_button.setToolTip(
            "" if started or meeting is None else _("Die Sitzung hat noch nicht stattgefunden.")
        )
        self.close_button.setEnabled(state is MeetingState.HELD)
        self.cancel_button.setEnabled(state in _OPEN)
        item_id = self._current_item_id()
        refusal = results_refusal(meeting) if meeting is not None else None
        self.result_button.setEnabled(item_id is not None and refusal is None)
        self.result_button.setToolTip(
            refusal.removeprefix("Ergebnis: ") if refusal else _("Ergebnis des ausgewählten TOP eintragen")
        )
        item = meeting.item(item_id) if meeting is not None and item_id is not None else None
        self.extract_button.setEnabled(item is not None and item.result is not None)
        self.extract_button.setToolTip(
            _("Für diesen TOP ist noch kein Ergebnis eingetragen.")
            if item is not None and item.result is None
            else ""
        )
        self.packet_button.setEnabled(has)
        self.public_packet_button.setEnabled(has)
        self.both_packets_button.setEnabled(has)
        self.print_button.setEnabled(has)

    # -- the meeting -------------------------------------------------------------------------------

    def _persons(self) -> list[str]:
        return [p.name for p in run_and_wait(lambda: list_persons(self.uow_factory)) if p.active]

    def new_meeting(self) -> MeetingDialog:
        """Open "Neue Sitzung" (modeless; returns the dialog, which saves itself)."""
        created: list[Meeting] = []

        def save(committee: Organization | None, details: cycle_svc.MeetingDetails) -> None:
            assert committee is not None
            meeting = run_and_wait(
                lambda: svc.create_meeting(
                    self.uow_factory,
                    committee.name,
                    details.start,
                    location=details.location,
                    name=details.name,
                    chair=details.chair,
                    invitation_text=details.invitation_text,
                )
            )
            created.append(meeting)

        active = [c for c in self.committees if c.active]  # a deactivated Gremium gets no new meeting
        dialog = MeetingDialog(self, save, committees=active, persons=self._persons())
        wanted = self.committee.currentData()  # type: ignore[attr-defined]
        if wanted:
            dialog.committee.setCurrentIndex(dialog.committee.findText(wanted))
        dialog.accepted.connect(lambda: self.reload(select=created[-1].id) if created else None)
        dialog.open()
        return dialog

    def edit_meeting(self) -> MeetingDialog | None:
        if self.meeting is None:
            return None
        meeting = self.meeting

        def save(_committee: Organization | None, details: cycle_svc.MeetingDetails) -> None:
            run_and_wait(lambda: cycle_svc.edit_meeting(self.uow_factory, meeting, details))

        dialog = MeetingDialog(
            self,
            save,
            committees=self.committees,
            persons=self._persons(),
            meeting=meeting,
            moving_allowed=meeting.state in _OPEN,
        )
        dialog.accepted.connect(lambda: self.reload())
        dialog.open()
        return dialog

    def _change(self, title: str, work: Any) -> None:
        try:
            run_and_wait(work)
        except KimdeskError as exc:
            dialogs.warn(self, title, exc.message)
        self.reload()

    def invite(self) -> None:
        """Eingeladen, now; asks first when the Ladungsfrist is no longer kept."""
        if self.meeting is None:
            return
        meeting = self.meeting
        if cycle.invitation_late(meeting, self.notice_days, utcnow()) and not dialogs.confirm(
            self,
            _("Einladen"),
            _(
                "Die Ladungsfrist von {days} Tagen ist nicht eingehalten: die Einladung hätte spätestens am "
                "{deadline} hinausgehen müssen. Trotzdem einladen?"
            ).format(
                days=self.notice_days, deadline=f"{cycle.notice_deadline(meeting, self.notice_days):%d.%m.%Y}"
            ),
        ):
            return
        self._change(_("Einladen"), lambda: cycle_svc.invite_meeting(self.uow_factory, meeting.id))

    def _set_state(self, state: MeetingState, reason: str = "") -> None:
        if self.meeting is not None:
            meeting_id = self.meeting.id
            self._change(
                _("Sitzung"),
                lambda: cycle_svc.change_meeting_state(self.uow_factory, meeting_id, state, reason=reason),
            )

    def mark_held(self) -> None:
        self._set_state(MeetingState.HELD)

    def close_meeting(self) -> None:
        if dialogs.confirm(
            self, _("Abschließen"), _("Sitzung abschließen? Danach lassen sich keine Ergebnisse mehr ändern.")
        ):
            self._set_state(MeetingState.CLOSED)

    def cancel_meeting(self, reason: str | None = None) -> None:
        if self.meeting is None:
            return
        if reason is None:
            reason, ok = QInputDialog.getMultiLineText(self, _("Sitzung absagen"), _("Grund der Absage:"))
            if not ok:
                return
        self._set_state(MeetingState.CANCELLED, reason)

    def edit_notice_days(self, days: int | None = None) -> None:
        if days is None:
            days, ok = QInputDialog.getInt(
                self, _("Ladungsfrist"), _("Tage zwischen Einladung und Sitzung:"), self.notice_days, 0, 60
            )
            if not ok:
                return
        chosen = days
        self._change(_("Ladungsfrist"), lambda: cycle_svc.set_notice_days(self.uow_factory, chosen))

    # -- standard agenda -----------------------------------------------------------------------------

    def _committee(self) -> Organization | None:
        if self.meeting is not None:
            return self.meeting.committee
        wanted = self.committee.currentData()  # type: ignore[attr-defined]
        return next((c for c in self.committees if c.name == wanted), None)

    def edit_standard_agenda(self) -> StandardAgendaDialog | None:
        committee = self._committee()
        if committee is None:
            dialogs.inform(
                self, _("Standard-Tagesordnung"), _("Bitte zuerst ein Gremium oder eine Sitzung wählen.")
            )
            return None
        items = run_and_wait(lambda: cycle_svc.standard_agenda(self.uow_factory, committee.id))

        def save(chosen: list[cycle.StandardItem]) -> None:
            run_and_wait(lambda: cycle_svc.set_standard_agenda(self.uow_factory, committee.id, chosen))

        dialog = StandardAgendaDialog(self, committee.name, items, save)
        dialog.open()
        return dialog

    def add_standard_items(self) -> None:
        if self.meeting is not None:
            meeting = self.meeting
            self._change(_("Tagesordnung"), lambda: cycle_svc.add_standard_items(self.uow_factory, meeting))

    # -- results and Protokollauszug -----------------------------------------------------------------

    def choose_result(self) -> ResultDialog | None:
        """The results dialog of the current TOP, opened only when results can be entered."""
        item_id = self._current_item_id()
        if item_id is None or self.meeting is None:
            return None
        refusal = results_refusal(self.meeting)
        if refusal is not None:
            dialogs.warn(self, _("Ergebnis"), refusal)
            return None
        item = self.meeting.item(item_id)
        draft = run_and_wait(lambda: cycle_svc.draft_resolution(self.uow_factory, item.paper_id))

        def save(result: AgendaResult, text: str) -> None:
            meeting_id = str(self.meeting.id) if self.meeting else ""
            enter_signed_result(
                self, self.uow_factory, meeting_id, item.number, item.title, result, text, self.pdf_maker
            )

        dialog = ResultDialog(self, item, draft, save)
        dialog.accepted.connect(lambda: self.reload())
        dialog.accepted.connect(lambda: self.papers_changed.emit())
        dialog.open()
        return dialog

    def enter_result(self, number: str, result: AgendaResult, text: str = "") -> None:
        assert self.meeting is not None
        meeting_id, title = str(self.meeting.id), self.meeting.item_by_number(number).title
        try:
            enter_signed_result(
                self, self.uow_factory, meeting_id, number, title, result, text, self.pdf_maker
            )
        except KimdeskError as exc:
            dialogs.warn(self, _("Ergebnis"), exc.message)
        self.reload()
        self.papers_changed.emit()
