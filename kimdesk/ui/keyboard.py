"""Keyboard rules every window follows: Tab leaves tables, Strg+Tab moves inside them, and the window's own
shortcuts (Strg+E, Strg+D …) win over a text field's built-in keys.

Qt's item views keep Tab for themselves (tabKeyNavigation), and a table whose cells hold open editors
hands Tab from editor to editor for ever: a keyboard user never reached the button below the
Beratungsfolge. Here Tab goes to the next control after the table, as in a dialog of Word; Strg+Tab
and Strg+Umschalt+Tab step through the cells.

Text fields on Linux take Emacs keys (Strg+E end of line, Strg+D delete) before the window sees them,
so Strg+E did nothing while the cursor stood in Betrifft. :class:`WindowShortcuts` lets the window's
commands win, except the keys text editing itself needs (undo, cut, copy, paste, select all, deleting
words).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_TEXT_WIDGETS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox)
_OWN_TEXT_KEYS = frozenset(
    {"Ctrl+Z", "Ctrl+Y", "Ctrl+Del", "Ctrl+Backspace", "Ctrl+A", "Ctrl+C", "Ctrl+V", "Ctrl+X"}
)


def text_keys() -> frozenset[str]:
    """Keys a text field keeps even when a window command uses them too (needs the QGuiApplication)."""
    k = QKeySequence.StandardKey
    standard = (k.Undo, k.Redo, k.Cut, k.Copy, k.Paste, k.SelectAll, k.DeleteEndOfWord)
    return _OWN_TEXT_KEYS | {key.toString() for name in standard for key in QKeySequence.keyBindings(name)}


def _takes_tab(widget: QWidget) -> bool:
    return (
        widget.isVisible()
        and widget.isEnabled()
        and bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and widget.focusProxy() is None
    )


def leave_table(view: QAbstractItemView, forward: bool) -> bool:
    """Focus the first control after (or before) ``view`` in the window's Tab order, skipping its cells."""
    widget: QWidget = view
    for _ in range(10_000):  # the focus chain is a ring; this only guards against a broken one
        following = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if following is None or following is view:
            return False
        widget = following
        if view.isAncestorOf(widget) or not _takes_tab(widget):
            continue
        reason = Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason
        widget.setFocus(reason)
        return True
    return False


def step_cell(view: QAbstractItemView, forward: bool, columns: Iterable[int] | None = None) -> bool:
    """Make the next (previous) cell current, row by row, and focus its open editor if it has one."""
    model = view.model()
    if model is None or model.rowCount() == 0:
        return False
    wanted = sorted(columns) if columns is not None else list(range(model.columnCount()))
    cells = [(row, column) for row in range(model.rowCount()) for column in wanted]
    current = view.currentIndex()
    position = (current.row(), current.column())
    focus = QApplication.focusWidget()
    for row, column in cells:  # the cell whose open editor has the focus is where the user is
        editor = view.indexWidget(model.index(row, column))
        if focus is not None and editor is not None and (editor is focus or editor.isAncestorOf(focus)):
            position = (row, column)
            break
    if position in cells:
        at = cells.index(position) + (1 if forward else -1)
    else:
        at = 0 if forward else len(cells) - 1
    if not 0 <= at < len(cells):
        return False
    index: QModelIndex = model.index(*cells[at])
    view.setCurrentIndex(index)
    editor = view.indexWidget(index)
    (editor or view).setFocus(Qt.FocusReason.TabFocusReason)
    return True


def tab_key(event: QEvent) -> tuple[bool, bool] | None:
    """(forward, inside) for a Tab key press — inside with Strg —, None for any other event."""
    if event.type() != QEvent.Type.KeyPress:
        return None
    assert isinstance(event, QKeyEvent)
    key = event.key()
    if key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
        return None
    modifiers = event.modifiers()
    forward = key == Qt.Key.Key_Tab and not modifiers & Qt.KeyboardModifier.ShiftModifier
    return forward, bool(modifiers & Qt.KeyboardModifier.ControlModifier)


def tab_leaves(view: QAbstractItemView) -> QAbstractItemView:
    """A table without open cell editors: Tab goes on to the next control instead of the next cell."""
    view.setTabKeyNavigation(False)
    return view


class WindowShortcuts(QObject):
    """Lets ``window``'s command shortcuts win over the built-in keys of its text fields.

    Qt sends ShortcutOverride only to the focus widget, so the filter sits on the focused text field of
    ``window`` alone (moved along with the focus), not on the application: an application-wide filter
    would put every event of every widget through Python (about a third of the time to open a Vorlage).
    """

    def __init__(self, window: QWidget, actions: Iterable[QAction]) -> None:
        super().__init__(window)
        self.window = window
        self.keys = (
            frozenset(key.toString() for action in actions for key in action.shortcuts() if not key.isEmpty())
            - text_keys()
        )
        self._watched: QWidget | None = None
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self._focus_changed(None, app.focusWidget())

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the field may be gone already
                self._watched.removeEventFilter(self)
            self._watched = None
        if isinstance(now, _TEXT_WIDGETS) and now.window() is self.window:
            now.installEventFilter(self)
            self._watched = now

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, _TEXT_WIDGETS):
            return False
        if watched.window() is not self.window:
            return False
        assert isinstance(event, QKeyEvent)
        if QKeySequence(event.keyCombination()).toString() in self.keys:
            event.ignore()  # not overridden: the window's shortcut runs
            return True
        return False
