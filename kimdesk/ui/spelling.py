"""Spell checking in the editor's text fields: a cache of answers filled on a worker thread.

The GUI thread never asks the dictionary: highlighters read :class:`Spelling`'s cache and request the words
it does not know yet; one worker (its own one-thread pool, so database work on the global pool is not held up)
answers them in batches, and the fields re-highlight the blocks that hold answered words.
``enable_spelling(widget, spelling)`` attaches it to a QTextEdit, QPlainTextEdit or QLineEdit.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QTextEdit, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.l10n.i18n import _
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.spelling import (
    EnchantBackend,
    SpellBackend,
    SpellChecker,
    SpellingUnavailable,
    Token,
    open_checker,
)
from kimdesk.ui.tasks import Task, run_task

#: Words one worker call answers at most (a pasted page is a few batches, each over quickly).
BATCH = 200


def _key(token: Token) -> str:
    return token.word + "." if token.dotted else token.word


class Spelling(QObject):
    """One per open database: the checker, its answers, the office dictionary."""

    #: Words whose answer changed (checked, added to the dictionary, ignored): re-highlight where they are.
    answered = Signal(object)
    #: A German message for the status bar (no dictionary, office dictionary not saved).
    message = Signal(str)
    #: The checker is ready (or known to be unavailable).
    ready = Signal()

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        backend: Callable[[], SpellBackend] = EnchantBackend,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._uow_factory = uow_factory
        self._backend = backend
        self.checker: SpellChecker | None = None
        self.unavailable: str | None = None
        self._known: dict[str, bool] = {}
        self._suggestions: dict[str, list[str]] = {}
        self._queue: dict[str, Token] = {}
        self._pending: set[str] = set()
        self._task: Task | None = None
        self._loading: Task | None = None
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._flush_timer = QTimer(self)
        self._flush_timer.setSingleShot(True)
        self._flush_timer.setInterval(0)
        self._flush_timer.timeout.connect(self._flush)

    # --- loading ---------------------------------------------------------------------------------
    def start(self) -> None:
        """Open the dictionary and read the office dictionary on the worker."""
        if self.checker is not None or self._loading is not None:
            return
        factory, backend = self._uow_factory, self._backend
        self._loading = run_task(
            lambda: open_checker(factory, backend), self._loaded, self._load_failed, pool=self.pool
        )

    def _loaded(self, checker: SpellChecker) -> None:
        self.checker = checker
        self._loading = None
        self.ready.emit()
        self._flush()

    def _load_failed(self, exc: BaseException) -> None:
        self._loading = None
        if isinstance(exc, SpellingUnavailable):
            self.unavailable = str(exc)
        else:
            self.unavailable = _("Rechtschreibprüfung nicht verfügbar: {error}").format(
                error=exc.message if isinstance(exc, KimdeskError) else str(exc) or type(exc).__name__
            )
        self._queue.clear()
        self.message.emit(self.unavailable)
        self.ready.emit()

    @property
    def active(self) -> bool:
        return self.unavailable is None

    # --- answers ---------------------------------------------------------------------------------
    def status(self, token: Token) -> bool | None:
        """True (correct), False (misspelt) or None (not known yet: :meth:`request` it)."""
        return self._known.get(_key(token))

    def request(self, token: Token) -> None:
        key = _key(token)
        if not self.active or key in self._known or key in self._pending or key in self._queue:
            return
        self._queue[key] = token
        if not self._flush_timer.isActive():
            self._flush_timer.start()

    def _flush(self) -> None:
        if self.checker is None or self._task is not None or not self._queue:
            return
        keys = list(self._queue)[:BATCH]
        batch = [self._queue.pop(key) for key in keys]
        self._pending.update(keys)
        checker = self.checker
        self._task = run_task(
            lambda: [(_key(t), checker.is_correct(t.word, t.dotted)) for t in batch],
            self._answers,
            lambda exc: self._answers([]),
            pool=self.pool,
        )

    def _answers(self, answers: list[tuple[str, bool]]) -> None:
        self._task = None
        self._pending.clear()
        changed = set()
        for key, correct in answers:
            self._known[key] = correct
            if not correct:
                changed.add(key.rstrip("."))
        if changed:
            self.answered.emit(changed)
        self._flush()

    def suggestions(self, word: str, on_result: Callable[[list[str]], None]) -> None:
        """Up to 8 suggestions for ``word``, delivered on the GUI thread (Hunspell needs ~0.1–0.5 s)."""
        if word in self._suggestions:
            on_result(self._suggestions[word])
            return
        checker = self.checker
        if checker is None:
            on_result([])
            return

        def done(found: list[str]) -> None:
            self._suggestions[word] = found
            on_result(found)

        run_task(lambda: checker.suggestions(word), done, lambda exc: on_result([]), pool=self.pool)

    def _accept(self, word: str) -> None:
        for key in (word, word + "."):
            if key in self._known:
                self._known[key] = True
        self.answered.emit({word})

    def ignore(self, word: str) -> None:
        """„Ignorieren“: not flagged again until the program ends."""
        if self.checker is not None:
            self.checker.ignore(word)
        self._accept(word)

    def add_to_office(self, word: str, on_done: Callable[[], None] | None = None) -> None:
        """„Zum Wörterbuch des Amtes hinzufügen“: written to the database on the worker."""
        checker, factory = self.checker, self._uow_factory
        if checker is None:
            return

        def done(_result: Any) -> None:
            self._accept(word)
            self.message.emit(_("„{word}“ steht jetzt im Wörterbuch des Amtes.").format(word=word))
            if on_done is not None:
                on_done()

        def failed(exc: BaseException) -> None:
            text = exc.message if isinstance(exc, KimdeskError) else str(exc)
            self.message.emit(_("Wörterbuch des Amtes: nicht gespeichert ({error})").format(error=text))

        run_task(lambda: checker.add_office_word(factory, word), done, failed, pool=self.pool)


_shared: weakref.WeakKeyDictionary[Any, Spelling] = weakref.WeakKeyDictionary()


def shared_spelling(owner: Any, uow_factory: UnitOfWorkFactory) -> Spelling:
    """The one :class:`Spelling` of ``owner`` (the open database): one dictionary, answers shared."""
    spelling = _shared.get(owner)
    if spelling is None:
        spelling = Spelling(uow_factory)
        _shared[owner] = spelling
        spelling.start()
    return spelling


def enable_spelling(widget: QWidget, spelling: Spelling) -> None:
    """Underline misspelt words in ``widget`` (QTextEdit, QPlainTextEdit or QLineEdit) and offer
    suggestions, „Zum Wörterbuch des Amtes hinzufügen“ and „Ignorieren“ in its context menu."""
    from kimdesk.ui.spelling_menu import MenuFilter
    from kimdesk.ui.spelling_views import LineUnderline, TextUnderline

    inner = getattr(widget, "edit", None)  # an editor with a toolbar (RichTextEditor): its text field
    if not isinstance(widget, QTextEdit | QPlainTextEdit | QLineEdit) and isinstance(inner, QWidget):
        widget = inner
    if isinstance(widget, QTextEdit | QPlainTextEdit):
        TextUnderline(widget, spelling)
        MenuFilter(widget, spelling).install()
    elif isinstance(widget, QLineEdit):
        LineUnderline(widget, spelling)
        MenuFilter(widget, spelling).install()
    else:
        raise TypeError(f"no spell checking for {type(widget).__name__}")
    spelling.start()
