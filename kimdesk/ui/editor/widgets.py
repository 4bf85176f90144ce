"""Small input widgets of the editor: sections with their problem line, pickers with completion."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Generic, TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import MoneyFormatError
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.money import parse_money
from kimdesk.l10n.formatting import format_date, format_money
from kimdesk.l10n.i18n import _
from kimdesk.services.consultation_rows import find_named, parse_date, printed_as
from kimdesk.ui.master_data import MasterData

__all__ = ["MasterData"]  # re-exported: the editor's modules import it from here

T = TypeVar("T", Organization, Person)


class ProblemLine(QLabel):
    """One line that always keeps its place: problems appear and go without moving the form below.

    Several problems stand side by side, separated by "·"; what does not fit is cut with "…" and is
    in the tooltip, in the list at the top of the form and read out by screen readers in full.
    """

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAccessibleName(accessible_name)
        self.set_alarm(True)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 4)

    def set_alarm(self, alarm: bool) -> None:
        """Dark red for problems, the normal text colour for good news."""
        palette = self.palette()
        colour = (
            Qt.GlobalColor.darkRed
            if alarm
            else self.style().standardPalette().color(QPalette.ColorRole.WindowText)
        )
        palette.setColor(QPalette.ColorRole.WindowText, colour)
        self.setPalette(palette)

    def set_messages(self, messages: list[str]) -> None:
        text = "  ·  ".join(f"⚠ {m}" for m in messages)
        self.setText(text)
        self.setToolTip("\n".join(messages))
        self.setAccessibleDescription(text)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.width())
        painter.drawText(self.rect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), shown)


class Section(QGroupBox):
    """A section of the form with a line for its validation problems underneath."""

    def __init__(self, title: str, key: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.key = key
        self.setAccessibleName(title)
        self.body = QVBoxLayout()
        self.problems = ProblemLine(_("Hinweise zu {section}").format(section=title), self)
        outer = QVBoxLayout(self)
        outer.addLayout(self.body)
        outer.addWidget(self.problems)

    def set_problems(self, messages: list[str]) -> None:
        self.problems.set_messages(messages)


def field_label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setWordWrap(False)
    return label


class Picker(QComboBox, Generic[T]):
    """An editable combo over master data (committees, departments, persons) with completion."""

    def __init__(self, items: list[T], accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setAccessibleName(accessible_name)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        policy = self.sizePolicy()
        policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        self.setSizePolicy(policy)
        self._items: list[T] = []
        self.set_items(items)

    def set_items(self, items: list[T]) -> None:
        """Offer the active ``items``; a deactivated one is still understood when typed or shown."""
        blocker = self.blockSignals(True)
        self.clear()
        self._items = list(items)
        offered = [item.name for item in self._items if item.active]
        self.addItem("")
        self.addItems(offered)
        completer = QCompleter(offered, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCompleter(completer)
        self.setCurrentIndex(0)
        self.blockSignals(blocker)

    def refresh(self, items: list[T], *, follow: bool = False) -> None:
        """New master data (settings saved, an import): the choices change, what the field shows stays –
        unless ``follow`` (a draft) and it names one that was renamed: then it shows the new name."""
        shown = self.currentText()
        current = self.value()
        self.set_items(items)
        now = next((i for i in self._items if i.id == current.id), None) if follow and current else None
        if now is not None and current is not None and printed_as(now) != printed_as(current):
            shown, current = now.name, now  # also when typed by its short name: the new full name
        if current is not None and all(printed_as(item) != printed_as(current) for item in self._items):
            self._items.insert(0, current)
        blocker = self.blockSignals(True)
        self.setCurrentText(shown)
        self.blockSignals(blocker)

    def value(self) -> T | None:
        return find_named(self._items, self.currentText())

    def unknown(self) -> bool:
        """Text typed that names nothing in the master data."""
        return bool(self.currentText().strip()) and self.value() is None

    def set_value(self, value: T | None) -> None:
        # Not offered as it is: deactivated, or kept under its former names by a Vorlage past Entwurf.
        if value is not None and all(printed_as(item) != printed_as(value) for item in self._items):
            if all(item.name != value.name for item in self._items):
                self.addItem(value.name)
            self._items.insert(0, value)
        self.setCurrentText(value.name if value is not None else "")
        line = self.lineEdit()
        if line is not None:
            line.setCursorPosition(0)  # show the start of long names


class DateEdit(QLineEdit):
    """A date typed the German way; may stay empty."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(_("TT.MM.JJJJ"))
        self.setAccessibleName(accessible_name)

    def value(self) -> tuple[date | None, str | None]:
        try:
            return parse_date(self.text()), None
        except ValueError as exc:
            return None, str(exc)

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))


class MoneyEdit(QLineEdit):
    """An amount typed the German way (``25.000,50``); parse errors are reported, not raised."""

    def __init__(self, accessible_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.editingFinished.connect(self._reformat)

    def value(self) -> tuple[Decimal | None, str | None]:
        try:
            return parse_money(self.text(), self.accessibleName()), None
        except MoneyFormatError as exc:
            return None, exc.message

    def set_value(self, value: Decimal | None) -> None:
        self.setText(format_money(value, symbol=False))

    def _reformat(self) -> None:
        value, error = self.value()
        if error is None and value is not None:
            formatted = format_money(value, symbol=False)
            if formatted != self.text():
                self.setText(formatted)
