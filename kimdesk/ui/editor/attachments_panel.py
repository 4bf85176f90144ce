"""The editor's Anlagen panel: add PDF files (file dialog or drop from the file manager), remove, rename
(the title the Vorlage's Anlagen list prints), reorder (buttons, Strg+↑/↓, drag), public or not.

Each change is stored at once (``services.attachment_edits``) off the GUI thread, a large file in chunks,
with a busy bar meanwhile; the panel then shows the list as stored. A file that is refused is named with
the reason (not a PDF, damaged, encrypted, too large …); the others are still added. Only a draft's
Anlagen change (from Mitzeichnung on, the panel is read-only).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services import attachment_edits as edits
from kimdesk.services.attachment_rows import step_target, title_changed
from kimdesk.services.attachments import limit_text
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.editor.attachments_model import PUBLIC, TITLE
from kimdesk.ui.editor.attachments_table import AnlagenTable
from kimdesk.ui.flow_layout import FlowLayout
from kimdesk.ui.tasks import Task, run_task


class AnlagenPanel(QWidget):
    """``attach(uow_factory, paper_id)`` loads the Anlagen and enables the actions."""

    #: The Anlagen as stored after a change (the page refreshes the preview's Anlagen list).
    changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Anlagen"))
        self.anlagen: list[Attachment] = []
        self._uow_factory: UnitOfWorkFactory | None = None
        self._paper_id: uuid.UUID | None = None
        self._locked = False
        self.task: Task | None = None
        self.table = AnlagenTable()
        self.table.files_dropped.connect(self.add_files)
        self.table.move_requested.connect(self.move_anlage)
        self.table.remove_requested.connect(self.remove_current)
        self.table.table_model.edited.connect(self._edited)
        self.hint = QLabel(
            _(
                "PDF-Dateien bis {limit} je Anlage – auch per Ziehen und Ablegen aus dem Dateimanager. "
                "Titel mit F2 ändern, Reihenfolge mit Strg+↑/↓ oder durch Ziehen."
            ).format(limit=limit_text())
        )
        self.hint.setWordWrap(True)
        self.busy_label = QLabel()
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setAccessibleName(_("Anlage wird gespeichert"))
        self.busy.setMaximumWidth(160)
        self.busy_label.hide()
        self.busy.hide()

        # The buttons wrap when the form is narrow (1024 px screen, preview beside it) instead of
        # widening the form past its pane: the form then scrolled sideways and hid the banner's end.
        buttons = FlowLayout()
        self.add_button = _button(buttons, _("Anlage hinz&ufügen …"), lambda: self.choose_files())
        self.rename_button = _button(buttons, _("Umbenennen"), self.rename_current)
        self.public_button = _button(buttons, _("Öffentlich/nichtöffentlich"), self.toggle_public)
        self.up_button = _button(buttons, "▲", lambda: self.move_current(-1))
        self.up_button.setAccessibleName(_("Anlage nach oben"))
        self.up_button.setToolTip(_("Anlage nach oben (Strg+↑)"))
        self.down_button = _button(buttons, "▼", lambda: self.move_current(1))
        self.down_button.setAccessibleName(_("Anlage nach unten"))
        self.down_button.setToolTip(_("Anlage nach unten (Strg+↓)"))
        self.remove_button = _button(buttons, _("Entfernen"), self.remove_current)
        self.remove_button.setToolTip(_("Anlage entfernen (Entf)"))
        busy_row = QHBoxLayout()
        busy_row.addWidget(self.busy_label, 1)
        busy_row.addWidget(self.busy)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addLayout(busy_row)
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

    # -- state ---------------------------------------------------------------------------------------
    def attach(self, uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> None:
        self._uow_factory, self._paper_id = uow_factory, paper_id
        self._run(
            _("Anlagen werden geladen …"),
            lambda: edits.anlagen(uow_factory, paper_id),
            lambda anlagen: self._show(anlagen, None, focus=False),
        )

    def set_locked(self, locked: bool) -> None:
        """Read-only (from Mitzeichnung on, or a read-only database): the list stays visible."""
        self._locked = locked
        self.table.editable = not locked
        self.table.show_anlagen(self.anlagen, self.table.currentRow())
        self._update_buttons()

    @property
    def running(self) -> bool:
        return self.task is not None and not self.task.done

    def _update_buttons(self) -> None:
        ready = self._uow_factory is not None and not self._locked and not self.running
        row = self.table.currentRow()
        chosen = ready and 0 <= row < len(self.anlagen)
        self.add_button.setEnabled(ready)
        for button in (self.rename_button, self.public_button, self.remove_button):
            button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and step_target(row, -1, len(self.anlagen)) is not None)
        self.down_button.setEnabled(chosen and step_target(row, 1, len(self.anlagen)) is not None)

    def _current(self) -> Attachment | None:
        row = self.table.currentRow()
        return self.anlagen[row] if 0 <= row < len(self.anlagen) else None

    # -- actions ---------------------------------------------------------------------------------------
    def choose_files(self) -> None:
        names = file_dialogs.open_file_names(self, _("Anlagen hinzufügen"), _("PDF-Dateien (*.pdf)"))
        if names:
            self.add_files([Path(n) for n in names])

    def add_files(self, paths: list[Path]) -> None:
        """Check and store each file, in this order; refused ones are named afterwards."""
        if not paths or not self._ready():
            return
        uow, paper_id = self._store()
        problems: list[str] = []

        def work() -> list[Attachment]:
            stored: list[Attachment] = []
            for path in paths:
                try:
                    stored = edits.add_anlage(uow, paper_id, path)
                except KimdeskError as exc:
                    problems.append(exc.message)
            return stored or edits.anlagen(uow, paper_id)

        def done(anlagen: list[Attachment]) -> None:
            self._show(anlagen, len(anlagen) - 1)
            if problems:
                dialogs.warn(self, _("Anlagen"), "\n\n".join(problems))

        text = (
            _("Anlage wird geprüft und gespeichert …")
            if len(paths) == 1
            else _("{count} Anlagen werden geprüft und gespeichert …").format(count=len(paths))
        )
        self._run(text, work, done)

    def rename_current(self) -> None:
        """Edit the title in the table (F2 does the same); Enter stores it."""
        row = self.table.currentRow()
        if 0 <= row < len(self.anlagen) and self.table.editable:
            self.table.setCurrentCell(row, TITLE)
            self.table.edit(self.table.currentIndex())

    def rename(self, row: int, title: str) -> None:
        anlage = self.anlagen[row]
        if not title_changed(anlage, title):
            return
        uow, paper_id = self._store()
        self._run(_("Titel wird gespeichert …"), lambda: edits.rename_anlage(uow, paper_id, anlage.id, title))

    def toggle_public(self) -> None:
        anlage = self._current()
        if anlage is not None:
            self.set_public(self.table.currentRow(), not anlage.public)

    def set_public(self, row: int, public: bool) -> None:
        anlage = self.anlagen[row]
        uow, paper_id = self._store()
        self._run(
            _("Anlage wird gespeichert …"),
            lambda: edits.set_anlage_public(uow, paper_id, anlage.id, public),
            current=row,
        )

    def move_current(self, step: int) -> None:
        row = self.table.currentRow()
        target = step_target(row, step, len(self.anlagen))
        if target is not None:
            self.move_anlage(row, target)

    def move_anlage(self, row: int, target: int) -> None:
        if not self._ready() or not 0 <= row < len(self.anlagen):
            return
        anlage = self.anlagen[row]
        uow, paper_id = self._store()
        self._run(
            _("Reihenfolge wird gespeichert …"),
            lambda: edits.move_anlage(uow, paper_id, anlage.id, target),
            current=target,
        )

    def remove_current(self, *, ask: bool = True) -> None:
        anlage = self._current()
        if anlage is None or not self._ready():
            return
        question = _("Anlage „{title}“ ({file}) von der Vorlage entfernen?").format(
            title=anlage.shown_title, file=anlage.filename
        )
        if ask and not dialogs.confirm(self, _("Anlage entfernen"), question):
            return
        uow, paper_id = self._store()
        row = self.table.currentRow()
        self._run(
            _("Anlage wird entfernt …"), lambda: edits.remove_anlage(uow, paper_id, anlage.id), current=row
        )

    # -- plumbing --------------------------------------------------------------------------------------
    def _edited(self, row: int, column: int) -> None:
        """A title typed in the table (F2) or its check box clicked: store it."""
        if not 0 <= row < len(self.anlagen):
            return
        shown = self.table.table_model.row(row)
        if column == TITLE:
            self.rename(row, shown.title)
        elif column == PUBLIC:
            self.set_public(row, shown.public)

    def _ready(self) -> bool:
        return self._uow_factory is not None and not self._locked and not self.running

    def _store(self) -> tuple[UnitOfWorkFactory, uuid.UUID]:
        assert self._uow_factory is not None and self._paper_id is not None
        return self._uow_factory, self._paper_id

    def _run(
        self,
        text: str,
        work: Callable[[], list[Attachment]],
        done: Callable[[list[Attachment]], Any] | None = None,
        *,
        current: int | None = None,
    ) -> None:
        self.busy_label.setText(text)
        self.busy_label.show()
        self.busy.show()
        self.table.setEnabled(False)

        def finished(anlagen: list[Attachment]) -> None:
            if not shiboken6.isValid(self):  # the Vorlage was closed meanwhile
                return
            self._idle()
            if done is not None:
                done(anlagen)
            else:
                self._show(anlagen, current)

        def failed(exc: BaseException) -> None:
            if not shiboken6.isValid(self):
                return
            self._idle()
            self._show(self.anlagen, current)  # an edited title goes back to the stored one
            if not isinstance(exc, KimdeskError):
                raise exc
            dialogs.warn(self, _("Anlagen"), exc.message)

        self.task = run_task(work, finished, failed)
        self._update_buttons()

    def _idle(self) -> None:
        self.task = None
        self.busy_label.hide()
        self.busy.hide()
        self.table.setEnabled(True)

    def _show(self, anlagen: list[Attachment], current: int | None, *, focus: bool = True) -> None:
        changed = anlagen != self.anlagen
        self.anlagen = list(anlagen)
        self.table.show_anlagen(self.anlagen, current)
        self._update_buttons()
        if focus:
            self.table.setFocus()
        if changed:
            self.changed.emit(list(self.anlagen))


def _button(layout: FlowLayout, text: str, slot: Callable[[], Any]) -> QPushButton:
    button = QPushButton(text)
    button.clicked.connect(lambda _checked=False: slot())
    layout.addWidget(button)
    return button
