"""Saving one open Vorlage off the GUI thread: Strg+S, autosave and conflicts, one job at a time."""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kimdesk.domain.errors import ConflictError, KimdeskError
from kimdesk.domain.model import Paper
from kimdesk.l10n.formatting import format_datetime
from kimdesk.l10n.i18n import _
from kimdesk.services import autosave
from kimdesk.services.papers import SaveResult, get_paper_by_id, save_paper
from kimdesk.ui import dialogs
from kimdesk.ui.conflict import Choice
from kimdesk.ui.editor.unknown_names import resolve_unknown_names
from kimdesk.ui.tasks import Task, run_task, wait_for

if TYPE_CHECKING:
    from kimdesk.services.ports import UnitOfWorkFactory
    from kimdesk.ui.editor.page import EditorPage

log = logging.getLogger(__name__)

#: What a job does off the GUI thread, and its two handlers back on it.
Job = tuple[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None]]
Done = Callable[[bool], None]


class SerialQueue(QObject):
    """Runs one job at a time on the thread pool; a job is prepared on the GUI thread when its turn comes."""

    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: list[tuple[str, Callable[[], Job | None]]] = []
        self._task: Task | None = None
        self._busy = False

    @property
    def busy(self) -> bool:
        return self._task is not None or bool(self._pending)

    def submit(self, key: str, prepare: Callable[[], Job | None]) -> None:
        """Queue a job; ``prepare`` runs when it is its turn and may find there is nothing left to do."""
        if key == "autosave" and any(k == key for k, _prepare in self._pending):
            return  # one pending autosave writes the latest state anyway
        self._pending.append((key, prepare))
        self._next()

    def _next(self) -> None:
        while self._task is None and self._pending:
            _key, prepare = self._pending.pop(0)
            job = prepare()
            if job is not None:
                self._start(job)
        if self._busy != self.busy:
            self._busy = self.busy
            self.busy_changed.emit(self._busy)

    def _start(self, job: Job) -> None:
        work, on_result, on_error = job
        self._task = run_task(
            work, lambda value: self._finish(on_result, value), lambda exc: self._finish(on_error, exc)
        )

    def _finish(self, handler: Callable[[Any], None], value: Any) -> None:
        try:
            handler(value)  # still this job's turn: a follow-up it submits runs next
        finally:
            self._task = None
            self._next()

    def wait(self) -> None:
        """Let every queued job finish; the event loop keeps running meanwhile."""
        while self._task is not None and not self._task.done:  # done: called from its own handler
            wait_for(self._task)


@dataclass
class _Conflict:
    error: ConflictError
    stored: Paper


def _save_or_conflict(uow_factory: UnitOfWorkFactory, paper: Paper) -> SaveResult | _Conflict:
    """Worker side of a save: the stored version on a conflict, the autosave dropped after success."""
    try:
        result = save_paper(uow_factory, paper)
    except ConflictError as error:
        try:
            stored = get_paper_by_id(uow_factory, paper.id)
        except KimdeskError as exc:
            raise KimdeskError(f"{error.message}\n\n{exc.message}") from exc
        return _Conflict(error, stored)
    _discard_quietly(uow_factory, result.paper)
    return result


def _discard_quietly(uow_factory: UnitOfWorkFactory, paper: Paper) -> None:
    try:
        autosave.discard(uow_factory, paper.id)
    except Exception:
        log.exception("Autosave konnte nicht entfernt werden")


class PageSaver(QObject):
    """Save, autosave and conflict handling for one ``EditorPage``; results are handled on the GUI thread."""

    message = Signal(str)

    def __init__(self, page: EditorPage, *, restored: bool) -> None:
        super().__init__(page)
        self.page = page
        self.editor = page.editor
        self.queue = SerialQueue(self)
        #: Opened from the autosave store: unsaved although the undo stack is clean.
        self.restored = restored
        #: The form changed since the autosave store last got it.
        self.autosave_dirty = restored

    @property
    def uow_factory(self) -> UnitOfWorkFactory:
        return self.page.context.uow_factory

    # --- autosave ---------------------------------------------------------------------------------
    def autosave(self) -> bool:
        """Queue writing the form to the autosave store if it changed; True if a job was queued."""
        if not self.autosave_dirty or self.editor.read_only:
            return False
        self.queue.submit("autosave", self._autosave_job)
        return True

    def _autosave_job(self) -> Job | None:
        if not self.autosave_dirty or self.editor.read_only:
            return None  # a save in between has already taken care of it
        uow_factory, paper = self.uow_factory, copy.deepcopy(self.editor.paper())
        keep = self.page.dirty
        self.autosave_dirty = False  # edits while the job runs set it again

        def work() -> None:
            if keep:
                autosave.store(uow_factory, paper)
            else:
                autosave.discard(uow_factory, paper.id)

        def failed(exc: BaseException) -> None:  # the autosave must never take the editor down
            log.error("Automatisches Sichern fehlgeschlagen", exc_info=exc)
            self.autosave_dirty = True
            self.message.emit(_("Automatisches Sichern fehlgeschlagen – bitte mit Strg+S speichern."))

        return work, lambda _none: None, failed

    def discard_autosave(self) -> None:
        """Closing without saving: the autosaved draft goes too (waits, the window stays responsive)."""
        self.autosave_dirty = False
        self._queue_discard(self.editor.base)
        self.queue.wait()

    # --- saving -----------------------------------------------------------------------------------
    def save(self, on_done: Done | None = None) -> bool:
        """Queue a save of the form (incomplete drafts too); False if the Vorlage cannot be saved at all."""
        if self.editor.read_only:
            self.message.emit(_("Diese Vorlage ist schreibgeschützt."))
            return False
        self.editor.seal()
        if not resolve_unknown_names(self.page):
            self.message.emit(_("Nicht gespeichert."))
            if on_done is not None:
                on_done(False)
            return False
        self.message.emit(_("Vorlage wird gespeichert …"))
        self.queue.submit("save", lambda: self._save_job(on_done or _ignore))
        return True

    def save_and_wait(self) -> bool:
        """Save and wait for the outcome (closing, Mitzeichnung); the event loop keeps running."""
        outcome: list[bool] = []
        if not self.save(outcome.append):
            return False
        self.queue.wait()
        return bool(outcome and outcome[0])

    def _save_job(self, on_done: Done, paper: Paper | None = None) -> Job:
        mine = paper or copy.deepcopy(self.editor.paper())
        index = self.editor.undo_stack.index()
        uow_factory = self.uow_factory

        def done(outcome: SaveResult | _Conflict) -> None:
            if isinstance(outcome, _Conflict):
                self._conflict(mine, outcome, on_done)
                return
            self._saved(outcome.paper, index)
            if paper is not None:
                self.message.emit(_("Ihre Fassung wurde gespeichert."))
            elif outcome.problems:
                self.message.emit(
                    (
                        _("Vorlage {reference} gespeichert. Für die Freigabe fehlt noch 1 Angabe.")
                        if len(outcome.problems) == 1
                        else _("Vorlage {reference} gespeichert. Für die Freigabe fehlen noch {n} Angaben.")
                    ).format(reference=outcome.paper.reference, n=len(outcome.problems))
                )
            else:
                self.message.emit(
                    _("Vorlage {reference} gespeichert.").format(reference=outcome.paper.reference)
                )
            on_done(True)

        def failed(exc: BaseException) -> None:
            on_done(False)
            if not isinstance(exc, KimdeskError):
                raise exc  # unexpected: the GUI's exception hook logs it and tells the clerk
            self.message.emit(_("Nicht gespeichert."))
            dialogs.warn(self.page, _("Speichern nicht möglich"), exc.message)

        return lambda: _save_or_conflict(uow_factory, mine), done, failed

    def _conflict(self, mine: Paper, conflict: _Conflict, on_done: Done) -> None:
        stored = conflict.stored
        choice = self.page.conflict_resolver(mine, stored, conflict.error)
        if choice is Choice.MINE:
            mine.version = stored.version
            self.queue.submit("save", lambda: self._save_job(on_done, mine))
            return
        if choice is Choice.STORED:
            self.load_stored(stored)
            self.message.emit(
                _("Die gespeicherte Fassung vom {when} wurde übernommen.").format(
                    when=format_datetime(stored.modified_at)
                )
            )
            on_done(True)
            return
        self.message.emit(_("Nicht gespeichert – der Konflikt ist noch offen."))
        on_done(False)

    def load_stored(self, stored: Paper) -> None:
        """Show the stored version: no undo history, nothing left to save or autosave."""
        self.editor.set_base(stored)
        self.editor._restore(stored)
        self.editor.undo_stack.clear()
        self._saved(stored, self.editor.undo_stack.index())
        self._queue_discard(stored)

    def _queue_discard(self, paper: Paper) -> None:
        uow_factory = self.uow_factory
        self.queue.submit("discard", lambda: (lambda: _discard_quietly(uow_factory, paper), _ignore, _ignore))

    def _saved(self, paper: Paper, index: int) -> None:
        self.editor.set_base(paper)
        self.restored = False
        if self.editor.undo_stack.index() == index:
            self.editor.undo_stack.setClean()
            self.autosave_dirty = False
        # else: typed while the save ran: still unsaved, the next autosave keeps it
        self.page.show_notice("")
        self.page.title_changed.emit(self.page.tab_title())


def _ignore(_value: object) -> None:
    return None
