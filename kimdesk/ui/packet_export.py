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
    """Mixin of the meetings view: "Sitzungsmappe …", "Öffentliche Mappe …" and both as one job.

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
            path = self._ask_path(packets.packet_file_name(meeting, public))
            if path is None:
                return
        renderer, target = self.packet_renderer(), path

        def work(progress: packets.Progress, warn: packets.Warn) -> list[Path]:
            written = packets.export_packet(
                self.uow_factory,
                renderer,
                str(meeting.id),
                target,
                public=public,
                progress=progress,
                warn=warn,
                include_drafts=include_drafts,
            )
            return [written]

        self._run_export(work)

    def export_both(self, path: Path | None = None) -> None:
        """„Beide Mappen erstellen (Mitglieder und öffentlich)“: one job, one progress dialog counting
        the pages of both; ``path`` is the members' packet, the public one goes beside it
        („…_oeffentlich.pdf“). Cancelled or failed, neither file is left."""
        if self.meeting is None or self.packet_renderer is None:
            return
        meeting = self.meeting
        include_drafts = self.confirm_drafts(public=False)
        if include_drafts is None:
            return
        if path is None:
            path = self._ask_path(packets.packet_file_name(meeting, False))
            if path is None:
                return
        renderer, paths = self.packet_renderer(), (path, packets.public_beside(path))

        def work(progress: packets.Progress, warn: packets.Warn) -> list[Path]:
            written = packets.export_packets(
                self.uow_factory,
                renderer,
                str(meeting.id),
                paths,
                progress=progress,
                warn=warn,
                include_drafts=include_drafts,
            )
            return list(written)

        self._run_export(work)

    def _ask_path(self, default: str) -> Path | None:
        name = file_dialogs.save_file_name(self, _("Sitzungsmappe speichern"), default, "PDF (*.pdf)")
        return Path(name) if name else None

    def _run_export(
        self,
        build: Callable[[packets.Progress, packets.Warn], list[Path]],
        then: Callable[[list[Path], list[str]], None] | None = None,
    ) -> Task:
        """Run ``build`` off the GUI thread with the progress dialog; when it is done, ``then`` gets the
        files and the problems (default: the message naming the files saved)."""
        dialog = QProgressDialog(_("Sitzungsmappe wird erstellt …"), _("Abbrechen"), 0, 1, self)
        dialog.setWindowTitle(_("Sitzungsmappe"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        self.progress_dialog = dialog
        problems: list[str] = []  # Anlagen shown as a notice page instead (see PacketRenderer)

        def progress(done: int, total: int) -> bool:  # on the worker: no widget is touched here
            to_main(self._progress, done, total)
            return not task.cancelled  # set by „Abbrechen“ (the dialog's canceled signal) on the GUI thread

        def finished(result: list[Path]) -> None:
            dialog.close()
            self.progress_dialog = None
            if then is not None:
                then(result, problems)
                return
            saved = "\n".join(_("Gespeichert: {path}").format(path=path) for path in result)
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

        def cancelled() -> None:  # „Abbrechen“: the dialog goes at once, the job stops at its next step
            task.cancel()
            if self.progress_dialog is dialog:
                self.progress_dialog = None

        task = run_task(lambda: build(progress, problems.append), finished, failed)
        self.packet_task = task
        dialog.canceled.connect(cancelled)
        return task

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
