"""The meetings view: Sitzungen per Gremium, the agenda editor (drag to reorder), results, packet export."""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
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
from kimdesk.domain.meeting import AgendaResult, Meeting
from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.i18n import N_, _
from kimdesk.services import meetings as svc
from kimdesk.services.office import list_organizations, list_persons
from kimdesk.services.packets import PacketRenderer
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.signoff import PinRequiredError
from kimdesk.services.unlock import WrongPinError
from kimdesk.ui import dialogs
from kimdesk.ui.packet_export import PacketExport
from kimdesk.ui.recorder_dialog import RecorderDialog
from kimdesk.ui.tasks import Task, to_main

ID_ROLE = Qt.ItemDataRole.UserRole
ALL_COMMITTEES = N_("Alle Gremien")

#: The domain's German labels of meeting states, agenda results and the candidates' mark, shown through
#: ``_(label)``.
#: Extraction only sees literals, so they are listed here; a test checks the list against the enums.
DOMAIN_LABELS = (
    N_("geplant"),
    N_("eingeladen"),
    N_("durchgeführt"),
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


def meeting_title(meeting: Meeting) -> str:
    """The meeting's own name, else "Sitzung des Integrationsrates" in the chosen language."""
    if meeting.name:
        return meeting.name
    committee = meeting.committee
    # German uses the genitive; other languages may use {name} instead (format ignores unused keys).
    return _("Sitzung des {genitive}").format(genitive=committee.genitive, name=committee.name)


class MeetingsView(PacketExport):
    """Self-contained: give it the unit-of-work factory and a factory for the packet renderer.

    The renderer comes from the composition root (``kimdesk.pdf.packet.PacketPdfRenderer``), so this
    module never imports ReportLab.
    """

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        packet_renderer: Callable[[], PacketRenderer] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.uow_factory = uow_factory
        self.packet_renderer = packet_renderer
        self.meeting: Meeting | None = None
        self.references: dict[uuid.UUID, str] = {}
        self.packet_task: Task | None = None
        self.progress_dialog: QProgressDialog | None = None

        self.committee = QComboBox()
        self.meetings = QListWidget()
        self.meetings.setObjectName("meetings")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.agenda = QListWidget()
        self.agenda.setObjectName("agenda")
        self.agenda.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda.model().rowsMoved.connect(self._rows_moved)

        buttons = QHBoxLayout()
        self.add_button = self._button(buttons, _("Vorlage hinzufügen …"), self.choose_candidate)
        self.public_button = self._button(buttons, _("Öffentlich/nichtöffentlich"), self.toggle_public)
        self.up_button = self._button(buttons, "▲", lambda: self.move_current(-1))
        self.up_button.setToolTip(_("TOP nach oben"))
        self.up_button.setAccessibleName(_("TOP nach oben"))
        self.down_button = self._button(buttons, "▼", lambda: self.move_current(1))
        self.down_button.setToolTip(_("TOP nach unten"))
        self.down_button.setAccessibleName(_("TOP nach unten"))
        self.remove_button = self._button(buttons, _("Entfernen"), self.remove_current)
        self.result_button = self._button(buttons, _("Ergebnis …"), self.choose_result)
        buttons.addStretch(1)
        self.packet_button = self._button(
            buttons, _("Sitzungsmappe …"), lambda: self.export_packet(public=False)
        )
        self.public_packet_button = self._button(
            buttons, _("Öffentliche Mappe …"), lambda: self.export_packet(public=True)
        )

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.committee)
        left_layout.addWidget(self.meetings)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.agenda)
        right_layout.addLayout(buttons)
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

    def _button(self, layout: QHBoxLayout, text: str, slot: Callable[[], Any]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: slot())
        layout.addWidget(button)
        return button

    # -- loading -------------------------------------------------------------------------------

    def _fill_committees(self) -> None:
        self.committee.addItem(_(ALL_COMMITTEES), None)
        for org in list_organizations(self.uow_factory, OrganizationKind.COMMITTEE):
            self.committee.addItem(org.name, org.name)

    def reload(self) -> None:
        current = self.meeting.id if self.meeting else None
        committee = self.committee.currentData()
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for meeting in svc.list_meetings(self.uow_factory, committee):
            start = meeting.start.astimezone(BERLIN)
            item = QListWidgetItem(
                f"{start:%d.%m.%Y %H:%M} – {meeting.committee.display_short} – {_(meeting.state.label)}"
            )
            item.setData(ID_ROLE, str(meeting.id))
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
        self.show_meeting(svc.get_meeting(self.uow_factory, item.data(ID_ROLE)))

    def select(self, short_id: str) -> None:
        for row in range(self.meetings.count()):
            item = self.meetings.item(row)
            if svc.get_meeting(self.uow_factory, item.data(ID_ROLE)).short_id == short_id:
                self.meetings.setCurrentItem(item)
                return
        raise KimdeskError(_("Sitzung: {short_id} ist nicht in der Liste.").format(short_id=short_id))

    def show_meeting(self, meeting: Meeting | None) -> None:
        self.meeting = meeting
        self.agenda.blockSignals(True)
        self.agenda.clear()
        if meeting is None:
            self.heading.setText(_("Keine Sitzung ausgewählt."))
            self.agenda.blockSignals(False)
            return
        with self.uow_factory() as uow:
            self.references = {
                i.paper_id: uow.papers.get(i.paper_id).reference
                for i in meeting.items
                if i.paper_id is not None
            }
        start = meeting.start.astimezone(BERLIN)
        self.heading.setText(
            _("{title} am {date}, {time} Uhr – {state}").format(
                title=f"<b>{html.escape(meeting_title(meeting))}</b>",
                date=f"{start:%d.%m.%Y}",
                time=f"{start:%H:%M}",
                state=_(meeting.state.label),
            )
            + (f"<br>{html.escape(meeting.location)}" if meeting.location else "")
        )
        part = None
        for item in meeting.items:
            if item.public is not part:
                part = item.public
                header = QListWidgetItem(_("Öffentlicher Teil") if part else _("Nichtöffentlicher Teil"))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                self.agenda.addItem(header)
            text = ("    " if item.level else "") + _("TOP {number}  {title}").format(
                number=item.number, title=item.title
            )
            if item.paper_id in self.references:
                text += f"  [{self.references[item.paper_id]}]"
            if item.result is not None:
                text += f"  → {_(item.result.label)}"
            row = QListWidgetItem(text)
            row.setData(ID_ROLE, str(item.id))
            row.setFlags(row.flags() | Qt.ItemFlag.ItemIsDragEnabled)
            self.agenda.addItem(row)
        self.agenda.blockSignals(False)

    def agenda_lines(self) -> list[str]:
        return [self.agenda.item(row).text() for row in range(self.agenda.count())]

    # -- editing -------------------------------------------------------------------------------

    def _current_item_id(self) -> uuid.UUID | None:
        row = self.agenda.currentItem()
        value = row.data(ID_ROLE) if row is not None else None
        return uuid.UUID(value) if value else None

    def _apply(self, change: Callable[[Meeting], Any]) -> None:
        """Edit the agenda in memory, save it (Vorlagen follow), show what was stored."""
        if self.meeting is None:
            return
        selected = self._current_item_id()
        try:
            change(self.meeting)
            svc.save_meeting(self.uow_factory, self.meeting)
        except KimdeskError as exc:
            dialogs.warn(self, _("Tagesordnung"), exc.message)
        self.show_meeting(svc.get_meeting(self.uow_factory, str(self.meeting.id)))
        self._reselect(selected)

    def _reselect(self, item_id: uuid.UUID | None) -> None:
        for row in range(self.agenda.count()):
            if item_id is not None and self.agenda.item(row).data(ID_ROLE) == str(item_id):
                self.agenda.setCurrentRow(row)

    def move_current(self, delta: int) -> None:
        item_id = self._current_item_id()
        if item_id is None or self.meeting is None:
            return
        index = next(i for i, item in enumerate(self.meeting.items) if item.id == item_id)
        self._apply(lambda m: m.move_item(item_id, max(0, index + delta)))

    def _rows_moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        """A drag in the list: find the agenda position of the drop and move the TOP there."""
        if self.meeting is None:
            return
        moved = self.agenda.item(row if row < start else row - 1)
        if moved is None or not moved.data(ID_ROLE):
            return
        item_id = uuid.UUID(moved.data(ID_ROLE))
        ids_in_view = [
            uuid.UUID(self.agenda.item(r).data(ID_ROLE))
            for r in range(self.agenda.count())
            if self.agenda.item(r).data(ID_ROLE)
        ]
        target = ids_in_view.index(item_id)
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

    def choose_candidate(self) -> None:
        if self.meeting is None:
            return
        candidates = [
            c for c in svc.list_candidates(self.uow_factory, str(self.meeting.id)) if not c.on_agenda
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
            svc.add_to_agenda(self.uow_factory, str(self.meeting.id), reference=reference)
        except KimdeskError as exc:
            dialogs.warn(self, _("Tagesordnung"), exc.message)
        self.show_meeting(svc.get_meeting(self.uow_factory, str(self.meeting.id)))

    def choose_result(self) -> None:
        item_id = self._current_item_id()
        if item_id is None or self.meeting is None:
            return
        results = list(AgendaResult)
        labels = [_(r.label) for r in results]
        label, ok = QInputDialog.getItem(self, _("Ergebnis"), _("Ergebnis:"), labels, 0, False)
        if not ok:
            return
        text, ok = QInputDialog.getMultiLineText(
            self, _("Ergebnis"), _("Beschlusstext (leer: Beschlussentwurf):")
        )
        if ok:
            self.enter_result(self.meeting.item(item_id).number, results[labels.index(label)], text)

    def enter_result(self, number: str, result: AgendaResult, text: str = "") -> None:
        """Enter the result; a signed Vorlage's Beschlussvermerk asks who records it, with their PIN."""
        assert self.meeting is not None
        signer: tuple[str, str] | None = None
        dialog: RecorderDialog | None = None
        while True:
            try:
                person, pin = signer if signer else (None, None)
                svc.enter_result(
                    self.uow_factory, str(self.meeting.id), number, result, text, person_name=person, pin=pin
                )
                break
            except (PinRequiredError, WrongPinError) as exc:
                item = self.meeting.item_by_number(number)
                if dialog is None:
                    names = [p.name for p in list_persons(self.uow_factory)]
                    dialog = RecorderDialog(item.title, names, self)
                elif isinstance(exc, WrongPinError):
                    dialog.show_problem(exc.message)
                dialog.pin.clear()
                if dialog.exec() != QDialog.DialogCode.Accepted:
                    break
                signer = (dialog.person.currentText(), dialog.pin.text())
            except KimdeskError as exc:
                dialogs.warn(self, _("Ergebnis"), exc.message)
                break
        self.reload()
