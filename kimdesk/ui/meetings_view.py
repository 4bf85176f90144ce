"""The meetings view: Sitzungen per Gremium, the meeting's state and Ladungsfrist, the agenda editor.

Its parts live beside it: the agenda list (agenda_list), the meeting's commands — new, edit/move,
invite, held, close, cancel, results, Protokollauszug, print — (meeting_actions) and the packet export
(packet_export).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressDialog,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import OrganizationKind
from kimdesk.domain.meeting import AgendaItem, Meeting
from kimdesk.domain.meeting_cycle import DEFAULT_NOTICE_DAYS
from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.i18n import N_, _
from kimdesk.services import meeting_cycle as cycle_svc
from kimdesk.services import meetings as svc
from kimdesk.services.office import list_organizations
from kimdesk.services.packets import PacketRenderer
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.ui import dialogs
from kimdesk.ui.agenda_list import AgendaList
from kimdesk.ui.flow_layout import FlowLayout
from kimdesk.ui.meeting_actions import MeetingActions, meeting_heading, meeting_title
from kimdesk.ui.tasks import Task, run_and_wait, to_main

if TYPE_CHECKING:  # the signing code (cryptography) loads on a worker, not with the window
    from kimdesk.services.pdf_signatures import SignedPdfMaker

ID_ROLE = Qt.ItemDataRole.UserRole
SHORT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
ALL_COMMITTEES = N_("Alle Gremien")

__all__ = ["DOMAIN_LABELS", "MeetingsView", "meeting_title"]

#: The domain's German labels of meeting states, agenda results and the candidates' mark, shown through
#: ``_(label)``.
#: Extraction only sees literals, so they are listed here; a test checks the list against the enums.
DOMAIN_LABELS = (
    N_("geplant"),
    N_("eingeladen"),
    N_("durchgeführt"),
    N_("abgeschlossen"),
    N_("abgesagt"),
    N_("einstimmig beschlossen"),
    N_("mehrheitlich beschlossen"),
    N_("geändert beschlossen"),
    N_("abgelehnt"),
    N_("zur Kenntnis genommen"),
    N_("vertagt"),
    N_("von der Tagesordnung abgesetzt"),
    N_("nicht freigegeben"),
)


def _button(
    layout: FlowLayout | QGridLayout, cell: tuple[int, int] | None, text: str, slot: Callable[[], Any]
) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    if isinstance(layout, QGridLayout) and cell is not None:
        layout.addWidget(button, *cell)
    else:
        layout.addWidget(button)
    return button


class MeetingsView(MeetingActions):
    """Self-contained: give it the unit-of-work factory and a factory for the packet renderer.

    The renderer comes from the composition root (``kimdesk.pdf.packet.PacketPdfRenderer``), so this
    module never imports ReportLab.
    """

    #: The Vorlage of an agenda item was activated (Enter, double click): the window opens it.
    open_paper = Signal(object)
    #: A result changed Vorlagen (their status, their Beschlussvermerk): the list shows them anew.
    papers_changed = Signal()

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        packet_renderer: Callable[[], PacketRenderer] | None = None,
        parent: QWidget | None = None,
        pdf_maker: Callable[[], SignedPdfMaker] | None = None,
    ) -> None:
        super().__init__(parent)
        self.uow_factory = uow_factory
        self.packet_renderer = packet_renderer
        #: Signs the PDF of a Vorlage that becomes „Beschlossen“ with the recorder's key.
        self.pdf_maker = pdf_maker
        self.meeting: Meeting | None = None
        self.references: dict[uuid.UUID, str] = {}
        self.packet_task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None
        self.notice_days = DEFAULT_NOTICE_DAYS

        self.committee = QComboBox()
        self.committee.setAccessibleName(_("Gremium"))
        self.meetings = QListWidget()
        self.meetings.setObjectName("meetings")
        self.meetings.setAccessibleName(_("Sitzungen"))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.agenda = AgendaList()
        self.agenda.model().rowsMoved.connect(self._rows_moved)
        self.agenda.move_requested.connect(self.move_current)
        self.agenda.level_requested.connect(self.change_level)
        self.agenda.paper_activated.connect(self.open_paper.emit)
        self.agenda.currentItemChanged.connect(lambda *_a: self.update_buttons())

        left_buttons = QGridLayout()
        self.new_button = _button(left_buttons, (0, 0), _("&Neue Sitzung …"), self.new_meeting)
        self.standard_button = _button(
            left_buttons, (0, 1), _("Standard-&Tagesordnung …"), self.edit_standard_agenda
        )
        self.notice_button = _button(left_buttons, (1, 0), _("Ladungs&frist …"), self.edit_notice_days)
        left_buttons.addWidget(self.build_public_names_box(), 2, 0, 1, 2)
        # Rows of buttons wrap when the window is narrow (1024 px, 150 % text) instead of widening it.
        state_buttons = FlowLayout()
        self.edit_button = _button(state_buttons, None, _("Bearbeiten/&Verlegen …"), self.edit_meeting)
        self.invite_button = _button(state_buttons, None, _("&Einladen"), self.invite)
        self.held_button = _button(state_buttons, None, _("D&urchgeführt"), self.mark_held)
        self.close_button = _button(state_buttons, None, _("Abschlie&ßen"), self.close_meeting)
        self.cancel_button = _button(state_buttons, None, _("Ab&sagen …"), self.cancel_meeting)

        buttons = FlowLayout()
        self.add_button = _button(buttons, None, _("Vorlage hinzufügen …"), self.choose_candidate)
        self.free_button = _button(buttons, None, _("&Punkt hinzufügen …"), self.add_free_item)
        self.standard_items_button = _button(
            buttons, None, _("Standardpunkte einfügen"), self.add_standard_items
        )
        self.public_button = _button(buttons, None, _("Öffentlich/nichtöffentlich"), self.toggle_public)
        self.up_button = _button(buttons, None, "▲", lambda: self.move_current(-1))
        self.up_button.setToolTip(_("TOP nach oben"))
        self.up_button.setAccessibleName(_("TOP nach oben"))
        self.down_button = _button(buttons, None, "▼", lambda: self.move_current(1))
        self.down_button.setToolTip(_("TOP nach unten"))
        self.down_button.setAccessibleName(_("TOP nach unten"))
        self.remove_button = _button(buttons, None, _("Entfernen"), self.remove_current)
        output = FlowLayout()
        self.result_button = _button(output, None, _("Ergebnis …"), self.choose_result)
        self.extract_button = _button(output, None, _("Protokollauszug …"), self.export_extract)
        self.add_packet_buttons(output)
        self.print_button = _button(output, None, _("Druc&ken …"), self.choose_print)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.committee)
        left_layout.addWidget(self.meetings)
        left_layout.addLayout(left_buttons)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addLayout(state_buttons)
        right_layout.addWidget(self.agenda)
        right_layout.addLayout(buttons)
        right_layout.addLayout(output)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self.committee.currentIndexChanged.connect(lambda _i: self.reload())
        self.meetings.currentItemChanged.connect(lambda cur, _prev: self._select(cur))
        self._fill_committees()
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def _fill_committees(self) -> None:
        """The filter names every Gremium (deactivated ones too: their meetings stay)."""
        current = self.committee.currentData()
        blocker = self.committee.blockSignals(True)
        self.committee.clear()
        self.committee.addItem(_(ALL_COMMITTEES), None)
        self.committees = run_and_wait(
            lambda: list_organizations(self.uow_factory, OrganizationKind.COMMITTEE)
        )
        for org in self.committees:
            self.committee.addItem(org.name, org.name)
        self.committee.setCurrentIndex(max(self.committee.findData(current), 0))
        self.committee.blockSignals(blocker)

    def master_data_changed(self) -> None:
        """Settings saved, an import, the set-up assistant: the Gremien are read again."""
        self._fill_committees()

    def reload(self, select: uuid.UUID | None = None) -> None:
        current = select or (self.meeting.id if self.meeting else None)
        committee = self.committee.currentData()
        uow = self.uow_factory
        found, self.notice_days = run_and_wait(
            lambda: (svc.list_meetings(uow, committee), cycle_svc.notice_days(uow))
        )
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for meeting in found:
            start = meeting.start.astimezone(BERLIN)
            item = QListWidgetItem(
                f"{start:%d.%m.%Y %H:%M} – {meeting.committee.display_short} – {_(meeting.state.label)}"
            )
            item.setData(ID_ROLE, str(meeting.id))
            item.setData(SHORT_ID_ROLE, meeting.short_id)
            self.meetings.addItem(item)
            if meeting.id == current:
                self.meetings.setCurrentItem(item)
        self.meetings.blockSignals(False)
        if self.meetings.currentItem() is None and self.meetings.count():
            self.meetings.setCurrentRow(0)
        elif self.meetings.currentItem() is not None:
            self._select(self.meetings.currentItem())
        else:
            self.show_meeting(None)

    def _select(self, item: QListWidgetItem | None) -> None:
        if item is None:
            self.show_meeting(None)
            return
        meeting_id = item.data(ID_ROLE)
        self.show_meeting(run_and_wait(lambda: svc.get_meeting(self.uow_factory, meeting_id)))

    def select(self, short_id: str) -> None:
        for row in range(self.meetings.count()):
            item = self.meetings.item(row)
            if item.data(SHORT_ID_ROLE) == short_id:
                self.meetings.setCurrentItem(item)
                return
        raise KimdeskError(_("Sitzung: {short_id} ist nicht in der Liste.").format(short_id=short_id))

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        if meeting is None:
            self.heading.setText(_("Keine Sitzung ausgewählt."))
            self.agenda.show_agenda(None, {})
            self.update_buttons()
            return
        self.references = run_and_wait(lambda: self._references(meeting))
        self.heading.setText(meeting_heading(meeting, self.notice_days))
        self.agenda.show_agenda(meeting, self.references)
        self.update_buttons()

    def agenda_lines(self) -> list[str]:
        return self.agenda.lines()

    # -- editing the agenda --------------------------------------------------------------------

    def _references(self, meeting: Meeting) -> dict[uuid.UUID, str]:
        """The Vorlage numbers of the agenda's items (runs on the thread pool)."""
        with self.uow_factory() as uow:
            return {
                i.paper_id: uow.papers.get(i.paper_id).reference
                for i in meeting.items
                if i.paper_id is not None
            }

    def _show_stored(self) -> None:
        """Show the current meeting as stored (read on the thread pool)."""
        assert self.meeting is not None
        meeting_id = str(self.meeting.id)
        self.show_meeting(run_and_wait(lambda: svc.get_meeting(self.uow_factory, meeting_id)))

    def _current_item_id(self) -> uuid.UUID | None:
        return self.agenda.current_item_id()

    def _apply(self, change: Callable[[Meeting], Any]) -> None:
        """Edit the agenda in memory, save it (Vorlagen follow), show what was stored."""
        if self.meeting is None:
            return
        selected = self._current_item_id()
        try:
            change(self.meeting)
            meeting = self.meeting
            run_and_wait(lambda: svc.save_meeting(self.uow_factory, meeting))
        except KimdeskError as exc:
            dialogs.warn(self, _("Tagesordnung"), exc.message)
        self._show_stored()
        self.agenda.reselect(selected)

    def move_current(self, delta: int) -> None:
        item_id = self._current_item_id()
        if item_id is None or self.meeting is None:
            return
        target = self.meeting.step_target(item_id, delta)
        self._apply(lambda m: m.move_item(item_id, target))

    def change_level(self, delta: int) -> None:
        item_id = self._current_item_id()
        if item_id is not None and self.meeting is not None:
            level = self.meeting.item(item_id).level + delta
            self._apply(lambda m: m.set_level(item_id, level))

    def _rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        """A drag in the list: find the agenda position of the drop and move the TOP there."""
        if self.meeting is None:
            return
        moved = self.agenda.item(row if row < start else row - 1)
        if moved is None or not moved.data(ID_ROLE):
            return
        item_id = uuid.UUID(moved.data(ID_ROLE))
        target = self.agenda.item_ids().index(item_id)
        to_main(self._apply, lambda m: m.move_item(item_id, target))

    def toggle_public(self) -> None:
        item_id = self._current_item_id()
        if item_id is not None and self.meeting is not None:
            public = not self.meeting.item(item_id).public
            self._apply(lambda m: m.set_public(item_id, public))

    def remove_current(self) -> None:
        item_id = self._current_item_id()
        if item_id is not None and dialogs.confirm(
            self, _("Tagesordnung"), _("Diesen TOP von der Tagesordnung nehmen?")
        ):
            self._apply(lambda m: m.remove_item(item_id))

    def add_free_item(self, title: str | None = None, public: bool = True) -> None:
        """A TOP without Vorlage (Mitteilungen, Anfragen …), below the current one or at its part's end."""
        if self.meeting is None:
            return
        if title is None:
            title, ok = QInputDialog.getText(self, _("Punkt hinzufügen"), _("Bezeichnung des TOP:"))
            if not ok:
                return
        current = self._current_item_id()
        index = None
        if current is not None:
            public = self.meeting.item(current).public
            index = next(i for i, item in enumerate(self.meeting.items) if item.id == current) + 1
        self._apply(lambda m: m.add_item(AgendaItem(title=title.strip(), public=public), index))

    def choose_candidate(self) -> None:
        if self.meeting is None:
            return
        meeting_id = str(self.meeting.id)
        candidates = [
            c
            for c in run_and_wait(lambda: svc.list_candidates(self.uow_factory, meeting_id))
            if not c.on_agenda
        ]
        if not candidates:
            dialogs.inform(self, _("Tagesordnung"), _("Keine weiteren Vorlagen in den Beratungsfolgen."))
            return
        labels = [
            f"{c.paper.reference} – {c.paper.title}" + (f" ({_(c.mark)})" if c.mark else "")
            for c in candidates
        ]
        label, ok = QInputDialog.getItem(self, _("Vorlage hinzufügen"), _("Vorlage:"), labels, 0, False)
        if ok:
            self.add_candidate(candidates[labels.index(label)].paper.reference)

    def add_candidate(self, reference: str) -> None:
        assert self.meeting is not None
        try:
            meeting_id = str(self.meeting.id)
            run_and_wait(lambda: svc.add_to_agenda(self.uow_factory, meeting_id, reference=reference))
        except KimdeskError as exc:
            dialogs.warn(self, _("Tagesordnung"), exc.message)
        self._show_stored()
