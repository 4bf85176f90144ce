"""The signature block of the form: heading, "i. V.", name (completed from the persons) and function."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, SignalInstance
from PySide6.QtWidgets import QCheckBox, QCompleter, QFormLayout, QLineEdit, QWidget

from kimdesk.domain.masterdata import Person
from kimdesk.domain.model import SignatureBlock
from kimdesk.l10n.i18n import _
from kimdesk.ui.editor.widgets import field_label


class SignatureFields(QWidget):
    """``value()`` is the block as typed; choosing a known name fills an empty function from the person."""

    def __init__(self, persons: list[Person], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLineEdit()
        self.heading.setAccessibleName(_("Unterschrift, Überschrift"))
        self.on_behalf = QCheckBox(_("i. V. (in Vertretung)"))
        self.name = QLineEdit()
        self.name.setAccessibleName(_("Unterschrift, Name"))
        self.function = QLineEdit()
        self.function.setAccessibleName(_("Unterschrift, Funktion"))
        self.persons: list[Person] = []
        self.set_persons(persons)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(field_label(_("&Überschrift:"), self.heading), self.heading)
        form.addRow("", self.on_behalf)
        form.addRow(field_label(_("&Name:"), self.name), self.name)
        form.addRow(field_label(_("Funktion:"), self.function), self.function)

    def changes(self) -> list[tuple[SignalInstance, str]]:
        """The edits the form records, each with its undo key."""
        return [
            (self.heading.textChanged, "sig_heading"),
            (self.on_behalf.toggled, ""),
            (self.name.textChanged, "sig_name"),
            (self.function.textChanged, "sig_function"),
        ]

    def set_persons(self, persons: list[Person]) -> None:
        self.persons = persons
        complete_names(self.name, persons, self._chosen)

    def value(self) -> SignatureBlock:
        return SignatureBlock(
            heading=self.heading.text().strip(),
            on_behalf=self.on_behalf.isChecked(),
            name=self.name.text().strip(),
            function=self.function.text().strip(),
        )

    def set_value(self, block: SignatureBlock) -> None:
        set_text(self.heading, block.heading)
        self.on_behalf.setChecked(block.on_behalf)
        set_text(self.name, block.name)
        set_text(self.function, block.function)

    def set_read_only(self, locked: bool) -> None:
        for edit in (self.heading, self.name, self.function):
            edit.setReadOnly(locked)
        self.on_behalf.setEnabled(not locked)

    def _chosen(self, name: str) -> None:
        for person in self.persons:
            if person.name == name and person.function and not self.function.text().strip():
                self.function.setText(person.function)


def complete_names(edit: QLineEdit, persons: list[Person], chosen: Callable[[str], None]) -> None:
    """The active persons' names as completion of ``edit``; ``chosen`` gets the name picked."""
    completer = QCompleter([p.name for p in persons if p.active], edit)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.activated.connect(chosen)
    edit.setCompleter(completer)


def set_text(edit: QLineEdit, text: str) -> None:
    """Show ``text`` without a change signal when it is shown already (no empty undo step)."""
    if edit.text() != text:
        edit.setText(text)
