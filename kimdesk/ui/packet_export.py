"""The meetings view's Sitzungsmappe export: built off the GUI thread with a progress dialog."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.meeting import Meeting
from kimdesk.l10n.i18n import _
from kimdesk.services import packets
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.tasks import Task, run_and_wait, run_task, to_main


class PacketExport(QWidget):
    """Mixin of the meetings view: "Sitzungsmappe …" and "Öffentliche Mappe …".

    An Anlage that cannot be put into the packet is shown as a notice page in it; the message that
    follows the export names each such Anlage with its TOP and Vorlage.
    """

    uow_factory: UnitOfWorkFactory
    packet_renderer: Callable[[], packets.PacketRenderer] | None
    meeting: Meeting | None
    packet_task: Task | None
    progress_dialog: QProgressDialog | None

    def export_packet(self, *, public: bool, path: Path | None = None) -> None:
        """Build the packet off the GUI thread; a progress dialog shows it and can cancel it."""
        if self.meeting is None or self.packet_renderer is None:
            return
        meeting = self.meeting
        include_drafts = self.confirm_drafts(public=public)
        if include_drafts is None:
            return
        if path is None:
            name = file_dialogs.save_file_name(
                self, _("Sitzungsmappe speichern"), packets.packet_file_name(meeting, public), "PDF (*.pdf)"
            )
            if not name:
                return
            path = Path(name)
        dialog = QProgressDialog(_("Sitzungsmappe wird erstellt …"), _("Abbrechen"), 0, 1, self)
        dialog.setWindowTitle(_("Sitzungsmappe"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        self.progress_dialog = dialog
        renderer = self.packet_renderer()
        problems: list[str] = []  # Anlagen shown as a notice page instead (see PacketRenderer)

        def progress(done: int, total: int) -> bool:
            to_main(self._progress, done, total)
            return not (task.cancelled or dialog.wasCanceled())

        def work() -> Path:
            return packets.export_packet(
                self.uow_factory,
                renderer,
                str(meeting.id),
                path,
                public=public,
                progress=progress,
                warn=problems.append,
                include_drafts=include_drafts,
            )

        def finished(result: Path) -> None:
            dialog.close()
            self.progress_dialog = None
            saved = _("Gespeichert: {path}").format(path=result)
            if problems:
                dialogs.warn(self, _("Sitzungsmappe"), "\n\n".join([saved, *problems]))
            else:
                dialogs.inform(self, _("Sitzungsmappe"), saved)

        def failed(exc: BaseException) -> None:
            dialog.close()
            self.progress_dialog = None
            if isinstance(exc, packets.Cancelled):
                return
            if isinstance(exc, KimdeskError):
                dialogs.warn(self, _("Sitzungsmappe"), exc.message)
                return
            raise exc

        task = run_task(work, finished, failed)
        self.packet_task = task
        dialog.canceled.connect(task.cancel)

    def confirm_drafts(self, *, public: bool) -> bool | None:
        """Vorlagen not yet released on the agenda go into the packet only when the clerk says so (they
        carry the ENTWURF mark): True to take them, False when there are none, None to stop."""
        if self.meeting is None:
            return None
        uow, meeting_id = self.uow_factory, str(self.meeting.id)
        try:
            drafts: list[str] = run_and_wait(lambda: packets.packet_drafts(uow, meeting_id, public=public))
        except KimdeskError as exc:
            dialogs.warn(self, _("Sitzungsmappe"), exc.message)
            return None
        if not drafts:
            return False
        question = _(
            "Diese Vorlagen sind noch nicht freigegeben:\n\n{drafts}\n\nTrotzdem in die Sitzungsmappe "
            "aufnehmen? Sie tragen dort den Vermerk ENTWURF."
        ).format(drafts="\n".join(f"• {line}" for line in drafts))
        return True if dialogs.confirm(self, _("Entwürfe in der Sitzungsmappe"), question) else None

    def _progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText(
                _("Sitzungsmappe wird erstellt … Seite {done} von {total}").format(done=done, total=total)
            )
            self.progress_dialog.setMaximum(total)
            self.progress_dialog.setValue(done)
