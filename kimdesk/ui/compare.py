"""Two states of a Vorlage side by side, the changes marked word by word, with next/previous change.

The diff of a long Begründung is computed on the thread pool (:mod:`kimdesk.ui.tasks`) so the window stays
responsive; short Vorlagen are compared at once.
"""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.diff import PaperDiff, diff_papers
from kimdesk.domain.model import Paper
from kimdesk.l10n.i18n import _
from kimdesk.ui.compare_document import (
    CURRENT_BACKGROUND,
    CURRENT_TEXT,
    LABEL_WIDTH,
    SIDE_WIDTH,
    ChangeSpot,
    paint,
)
from kimdesk.ui.compare_rows import sections_of
from kimdesk.ui.screen_size import resize_within_screen
from kimdesk.ui.tasks import Task, run_task

#: Vorlagen with more text than this (characters of Begründung, both states) are compared off the GUI
#: thread; below it the diff takes a few milliseconds (bench/bench_diff.py).
BACKGROUND_CHARS = 20_000

NEXT_KEYS = ("F8", "Alt+Down")
PREVIOUS_KEYS = ("Shift+F8", "Alt+Up")


class CompareWidget(QWidget):
    """Old state left, new state right; „Nur Änderungen“ hides what is the same."""

    #: Emitted when a comparison is shown (also after a background computation).
    compared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compare-widget")
        self.diff: PaperDiff | None = None
        self.spots: list[ChangeSpot] = []
        self.current = -1
        self._task: Task | None = None
        self.old_heading = QLabel()
        self.new_heading = QLabel()
        for heading in (self.old_heading, self.new_heading):
            heading.setWordWrap(True)
            heading.setTextFormat(Qt.TextFormat.PlainText)
            heading.setStyleSheet("font-weight: 600; padding: 4px;")
        self.summary = QLabel()
        self.summary.setAccessibleName(_("Zusammenfassung des Vergleichs"))
        self.summary.setStyleSheet("font-weight: 600;")
        self.only_changes = QCheckBox(_("&Nur Änderungen"))
        self.only_changes.setToolTip(_("Unveränderte Abschnitte und Zeilen ausblenden"))
        self.only_changes.toggled.connect(lambda _checked: self._repaint())
        self.previous_button = QPushButton(_("&Vorherige Änderung"))
        self.previous_button.setToolTip(_("Vorherige Änderung (Umschalt+F8 oder Alt+↑)"))
        self.previous_button.clicked.connect(lambda _checked=False: self.previous_change())
        self.next_button = QPushButton(_("N&ächste Änderung"))
        self.next_button.setToolTip(_("Nächste Änderung (F8 oder Alt+↓)"))
        self.next_button.clicked.connect(lambda _checked=False: self.next_change())
        self.position = QLabel()
        self.view = QTextBrowser()
        self.view.setObjectName("compare-view")
        self.view.setAccessibleName(_("Vergleich der Fassungen"))
        self.view.setAccessibleDescription(
            _("Links die ältere, rechts die neuere Fassung; gestrichene Wörter links, eingefügte rechts")
        )
        self.view.setOpenLinks(False)
        self.view.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        for keys, slot in ((NEXT_KEYS, self.next_change), (PREVIOUS_KEYS, self.previous_change)):
            for key in keys:
                shortcut = QShortcut(QKeySequence(key), self)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
                shortcut.activated.connect(slot)
        self._layout()
        self._update_navigation()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.only_changes)
        bar.addWidget(self.position)
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        headings = QHBoxLayout()
        headings.setSpacing(0)
        spacer = QLabel()
        headings.addWidget(spacer, LABEL_WIDTH)
        headings.addWidget(self.old_heading, SIDE_WIDTH)
        headings.addWidget(self.new_heading, SIDE_WIDTH)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(headings)
        layout.addWidget(self.view, 1)

    # --- what is compared ----------------------------------------------------------------------------
    def set_papers(
        self,
        old: Paper,
        new: Paper,
        old_label: str,
        new_label: str,
        *,
        old_attachments: Sequence[Attachment] = (),
        new_attachments: Sequence[Attachment] = (),
    ) -> None:
        """Compare ``old`` (left) with ``new`` (right); the labels name the states („Fassung 2 vom …“).
        The Anlagen of each state are compared too when given."""
        self._set_labels(old_label, new_label)
        if self._task is not None:
            self._task.cancel()
            self._task = None

        def compare() -> PaperDiff:
            return diff_papers(old, new, old_attachments=old_attachments, new_attachments=new_attachments)

        size = len(old.rationale.plain_text()) + len(new.rationale.plain_text())
        if size < BACKGROUND_CHARS:
            self.set_diff(compare())
            return
        self.diff = None
        self.spots = []
        self.view.setPlainText(_("Die Fassungen werden verglichen …"))
        self.summary.setText("")
        self._update_navigation()
        self._task = run_task(compare, self._computed, self._failed)

    def set_diff(self, diff: PaperDiff, old_label: str | None = None, new_label: str | None = None) -> None:
        """Show a comparison computed elsewhere (e.g. by a service with the Anlagen)."""
        if old_label is not None and new_label is not None:
            self._set_labels(old_label, new_label)
        self.diff = diff
        count = diff.change_count
        if count:
            self.summary.setText(_("Änderungen: {count}").format(count=count))
        else:
            self.summary.setText(_("Keine Änderungen – die Fassungen stimmen überein."))
        self._repaint()
        self.compared.emit()

    def _set_labels(self, old_label: str, new_label: str) -> None:
        self.old_heading.setText(_("Links: {label}").format(label=old_label))
        self.new_heading.setText(_("Rechts: {label}").format(label=new_label))
        self.old_heading.setAccessibleName(self.old_heading.text())
        self.new_heading.setAccessibleName(self.new_heading.text())

    def _computed(self, diff: PaperDiff) -> None:
        if not shiboken6.isValid(self):  # the dialog was closed and deleted meanwhile
            return
        self._task = None
        self.set_diff(diff)

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        self._task = None
        self.view.setPlainText(_("Die Fassungen ließen sich nicht vergleichen: {error}").format(error=exc))

    def _repaint(self) -> None:
        if self.diff is None:
            return
        self.spots = paint(
            self.view.document(), sections_of(self.diff), only_changes=self.only_changes.isChecked()
        )
        self.current = -1
        self.view.setExtraSelections([])
        self.view.moveCursor(QTextCursor.MoveOperation.Start)
        self._update_navigation()

    # --- navigation ----------------------------------------------------------------------------------
    def next_change(self) -> None:
        if self.spots:
            self._go_to(min(self.current + 1, len(self.spots) - 1))

    def previous_change(self) -> None:
        if self.spots:
            self._go_to(max(self.current - 1, 0))

    def _go_to(self, index: int) -> None:
        """Show the change and mark its label; the text cursor (which screen readers follow) goes to it."""
        self.current = index
        spot = self.spots[index]
        cursor = QTextCursor(self.view.document())
        cursor.setPosition(spot.end)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        cursor.setPosition(spot.start)
        self.view.setTextCursor(cursor)
        self.view.ensureCursorVisible()
        label = QTextCursor(self.view.document())
        label.setPosition(spot.start)
        label.setPosition(spot.label_end, QTextCursor.MoveMode.KeepAnchor)
        marked = QTextCharFormat()
        marked.setBackground(CURRENT_BACKGROUND)
        marked.setForeground(CURRENT_TEXT)
        mark = QTextEdit.ExtraSelection()
        mark.cursor = label
        mark.format = marked
        self.view.setExtraSelections([mark])
        self._update_navigation()

    def _update_navigation(self) -> None:
        total = len(self.spots)
        self.previous_button.setEnabled(total > 0 and self.current > 0)
        self.next_button.setEnabled(total > 0 and self.current < total - 1)
        if total == 0:
            self.position.setText("")
        elif self.current < 0:
            self.position.setText(_("F8: zur ersten Änderung"))
        else:
            self.position.setText(
                _("Änderung {current} von {total}: {label}").format(
                    current=self.current + 1, total=total, label=self.spots[self.current].label
                )
            )
        self.position.setAccessibleName(self.position.text())


class CompareDialog(QDialog):
    """The comparison in its own window, with „Schließen“."""

    def __init__(
        self,
        old: Paper,
        new: Paper,
        old_label: str,
        new_label: str,
        parent: QWidget | None = None,
        *,
        old_attachments: Sequence[Attachment] = (),
        new_attachments: Sequence[Attachment] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("compare-dialog")
        title = new.reference or old.reference
        self.setWindowTitle(
            _("Fassungen vergleichen – Vorlage {reference}").format(reference=title)
            if title
            else _("Fassungen vergleichen")
        )
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.compare = CompareWidget(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Schließen"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.compare, 1)
        layout.addWidget(buttons)
        resize_within_screen(self, 1280, 860)
        self.compare.set_papers(
            old, new, old_label, new_label, old_attachments=old_attachments, new_attachments=new_attachments
        )
        self.compare.view.setFocus()
