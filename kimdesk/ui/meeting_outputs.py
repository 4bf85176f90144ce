"""The meetings view's outputs besides the packet export: the Protokollauszug of a TOP (PDF file, as the
CLI's ``meeting extract``) and printing the Sitzungsmappe or a Protokollauszug through the print dialog."""

from __future__ import annotations

import shutil
import tempfile
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLayout, QMenu, QProgressDialog, QPushButton

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services import packets
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.packet_export import PacketExport
from kimdesk.ui.printing import ask_printer, print_document, print_file, report_printed
from kimdesk.ui.tasks import run_and_wait, wait_for

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
        """Drucken → Sitzungsmappe: the printer first, then the Mappe built into a temporary file (the
        export's progress dialog, Abbrechen), then printed page by page from that file with a dialog
        of its own — a Mappe of a GB never lies in memory. Returns the pages printed (0: cancelled)."""
        if self.meeting is None or self.packet_renderer is None:
            return 0
        include_drafts = self.confirm_drafts(public=public)
        if include_drafts is None:
            return 0
        title = _("Öffentliche Mappe") if public else _("Sitzungsmappe")
        printer = printer or ask_printer(self, title)
        if printer is None:
            return 0
        uow, meeting_id, renderer = self.uow_factory, str(self.meeting.id), self.packet_renderer()
        folder = Path(tempfile.mkdtemp(prefix="kimdesk-druck-"))
        printed: list[int] = []

        def build(progress: packets.Progress, warn: packets.Warn) -> list[Path]:
            # a file only to print from: no flush to disk, no atomic move (export_packet does those)
            written = packets.write_packet_file(
                uow,
                renderer,
                meeting_id,
                folder,
                public=public,
                progress=progress,
                warn=warn,
                include_drafts=include_drafts,
            )
            return [written]

        def print_it(files: list[Path], problems: list[str]) -> None:
            try:
                printed.append(self._print_pages(title, files[0], printer))
            except KimdeskError as exc:
                dialogs.warn(self, _("Drucken"), exc.message)
            if problems:
                dialogs.warn(self, title, "\n\n".join(problems))

        try:
            wait_for(self._run_export(build, print_it))  # until the worker is done, cancelled or not
        finally:
            shutil.rmtree(folder, ignore_errors=True)  # also when „Abbrechen“ came as the Mappe was done
        return printed[0] if printed else 0

    def _print_pages(self, title: str, path: Path, printer: QPrinter) -> int:
        dialog = QProgressDialog(_("{title} wird gedruckt …").format(title=title), _("Abbrechen"), 0, 1, self)
        dialog.setWindowTitle(_("Drucken"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        stopped = [False]

        def on_page(done: int, total: int) -> bool:
            label = _("{title} wird gedruckt … Seite {done} von {total}")
            dialog.setLabelText(label.format(title=title, done=min(done + 1, total), total=total))
            dialog.setMaximum(total)
            dialog.setValue(done)  # a modal dialog serves events here: the window repaints, Abbrechen works
            stopped[:] = [dialog.wasCanceled()]  # read before close(), which would count as „Abbrechen“
            return not stopped[0]

        try:
            pages = print_file(path, printer, on_page)
        finally:
            dialog.close()
        report_printed(self, title, pages, stopped=stopped[0])
        return pages

    def print_extract(self, printer: QPrinter | None = None) -> int:
        found = self._extract_builder()
        if found is None:
            return 0
        number, build = found
        return print_document(self, _("Protokollauszug TOP {number}").format(number=number), build, printer)
