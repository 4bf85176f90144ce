"""The meetings view's outputs besides the packet export: the Protokollauszug of a TOP (PDF file, as the
CLI's ``meeting extract``) and printing the Sitzungsmappe or a Protokollauszug through the print dialog."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QCheckBox, QLayout, QMenu, QPushButton

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services import packets
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.packet_export import PacketExport
from kimdesk.ui.printing import print_document
from kimdesk.ui.tasks import run_and_wait

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter


class MeetingOutputs(PacketExport):
    """Mixin of the meetings view."""

    extract_button: QPushButton
    print_button: QPushButton
    public_names_box: QCheckBox

    def _current_item_id(self) -> uuid.UUID | None: ...

    def add_packet_buttons(self, layout: QLayout) -> None:
        """„Sitzungsmappe …“, „Öffentliche Mappe …“ and both as one job."""
        for name, text, action in (
            ("packet_button", _("Sitzungsmappe …"), lambda: self.export_packet(public=False)),
            ("public_packet_button", _("Öffentliche Mappe …"), lambda: self.export_packet(public=True)),
            (
                "both_packets_button",
                _("Beide Mappen erstellen (Mitglieder und öffentlich) …"),
                self.export_both,
            ),
        ):
            button = QPushButton(text)
            button.clicked.connect(lambda _checked=False, act=action: act())
            layout.addWidget(button)
            setattr(self, name, button)

    def build_public_names_box(self) -> QCheckBox:
        """The office's choice (stored for everyone): does the public Mappe name who signed off?"""
        box = QCheckBox(_("&Öffentliche Mappe nennt die Mitzeichnenden"))
        box.setToolTip(
            _(
                "Gilt für das ganze Amt. Ohne Haken zeigt die öffentliche Sitzungsmappe bei den "
                "Mitzeichnungen nur Rolle und Datum; Prüfsummen zeigt sie nie."
            )
        )
        uow = self.uow_factory
        box.setChecked(bool(run_and_wait(lambda: packets.public_sign_off_names(uow))))
        box.toggled.connect(self.set_public_names)
        self.public_names_box = box
        return box

    def set_public_names(self, show: bool) -> None:
        uow = self.uow_factory
        try:
            run_and_wait(lambda: packets.set_public_sign_off_names(uow, show))
        except KimdeskError as exc:
            dialogs.warn(self, _("Öffentliche Mappe"), exc.message)

    def _extract_builder(self) -> tuple[str, Any] | None:
        item_id = self._current_item_id()
        if item_id is None or self.meeting is None or self.packet_renderer is None:
            return None
        number = self.meeting.item(item_id).number
        meeting_id, renderer = str(self.meeting.id), self.packet_renderer()
        return number, lambda: packets.build_minutes_extract(self.uow_factory, renderer, meeting_id, number)

    def export_extract(self, path: Path | None = None) -> Path | None:
        """The Protokollauszug of the current TOP as a PDF file (the CLI's ``meeting extract``)."""
        found = self._extract_builder()
        if found is None or self.meeting is None:
            return None
        number, build = found
        if path is None:
            default = packets.extract_file_name(self.meeting, number)
            name = file_dialogs.save_file_name(self, _("Protokollauszug speichern"), default, "PDF (*.pdf)")
            if not name:
                return None
            path = Path(name)
        target = path
        try:
            saved: Path = run_and_wait(lambda: packets.write_atomically(target, build()))
        except KimdeskError as exc:
            dialogs.warn(self, _("Protokollauszug"), exc.message)
            return None
        dialogs.inform(self, _("Protokollauszug"), _("Gespeichert: {path}").format(path=saved))
        return saved

    def choose_print(self) -> None:
        menu = QMenu(self)
        menu.addAction(_("Sitzungsmappe"), lambda: self.print_packet(public=False))
        menu.addAction(_("Öffentliche Mappe"), lambda: self.print_packet(public=True))
        extract = menu.addAction(_("Protokollauszug des TOP"), self.print_extract)
        extract.setEnabled(self.extract_button.isEnabled())
        menu.exec(self.print_button.mapToGlobal(self.print_button.rect().bottomLeft()))

    def print_packet(self, *, public: bool, printer: QPrinter | None = None) -> int:
        if self.meeting is None or self.packet_renderer is None:
            return 0
        include_drafts = self.confirm_drafts(public=public)
        if include_drafts is None:
            return 0
        meeting_id, renderer = str(self.meeting.id), self.packet_renderer()
        title = _("Öffentliche Mappe") if public else _("Sitzungsmappe")
        return print_document(
            self,
            title,
            lambda: packets.build_packet(
                self.uow_factory, renderer, meeting_id, public=public, include_drafts=include_drafts
            ),
            printer,
        )

    def print_extract(self, printer: QPrinter | None = None) -> int:
        found = self._extract_builder()
        if found is None:
            return 0
        number, build = found
        return print_document(self, _("Protokollauszug TOP {number}").format(number=number), build, printer)
