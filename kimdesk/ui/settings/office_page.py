"""The Amt page: the municipality, how Vorlagen are numbered and signed, and the language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from kimdesk.domain.masterdata import Office, Person, SignOffRole
from kimdesk.l10n.i18n import LANGUAGES, _
from kimdesk.ui.numbering_picker import NumberingPicker
from kimdesk.ui.settings.tables import person_combo


class OfficePage(QWidget):
    def __init__(self, office: Office, persons: Sequence[Person], language: str) -> None:
        super().__init__()
        self.office = office
        self.persons = list(persons)
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.municipality = QLineEdit(office.municipality)
        self.municipality.setAccessibleName(_("Kommune"))
        self.numbering = NumberingPicker(office.numbering_format)
        self.signature_heading = QLineEdit(office.signature_heading)
        self.signature_heading.setAccessibleName(_("Überschrift der Unterschrift"))
        signatory = office.default_signatory
        self.signatory = person_combo(
            persons, str(signatory.id) if signatory else "", _("Unterzeichnet in der Regel")
        )
        self.language = QComboBox()
        self.language.setAccessibleName(_("Sprache"))
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(language), 0))
        for text, widget in (
            (_("&Kommune:"), self.municipality),
            (_("&Nummernformat:"), self.numbering.combo),
            (_("Ü&berschrift der Unterschrift:"), self.signature_heading),
            (_("Unterzeichnet in der &Regel:"), self.signatory),
            (_("&Sprache (nach Neustart):"), self.language),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            form.addRow(buddy, self.numbering if widget is self.numbering.combo else widget)

    def collect(self, roles: list[SignOffRole]) -> Office:
        """The office as edited, with ``roles`` as its sign-off roles."""
        persons = {str(p.id): p for p in self.persons}
        return replace(
            self.office,
            municipality=self.municipality.text().strip(),
            numbering_format=self.numbering.pattern(),
            signature_heading=self.signature_heading.text().strip(),
            default_signatory=persons.get(self.signatory.currentData() or ""),
            sign_off_roles=roles,
        )

    def chosen_language(self) -> str:
        return str(self.language.currentData())
