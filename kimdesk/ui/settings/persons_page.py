"""The Personen page: names and functions, and setting up a signing key for the selected person.

A person just added gets a key at once: asking for it saves the person first (no save-and-reopen).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Person
from kimdesk.l10n.i18n import _
from kimdesk.services.enrolment import enrol
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.office import save_person
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.settings_rows import changed_persons, person_rows
from kimdesk.ui import dialogs
from kimdesk.ui.settings.master_page import MasterDataPage
from kimdesk.ui.settings.models import TextRowsModel
from kimdesk.ui.settings.pin_dialog import PinDialog
from kimdesk.ui.tasks import run_and_wait, run_task


class PersonsPage(MasterDataPage):
    def __init__(self, uow_factory: UnitOfWorkFactory, persons: Sequence[Person]) -> None:
        model = TextRowsModel([_("Name"), _("Funktion")], person_rows(persons))
        super().__init__(model, _("Personen"), _("Person"))
        self.uow_factory = uow_factory
        self.local_keys = LocalKeys()
        self.persons = list(persons)
        self.pin_button = QPushButton(_("Signaturschlüssel &einrichten …"))
        self.pin_button.setAccessibleName(_("Signaturschlüssel für die ausgewählte Person einrichten"))
        self.pin_button.setToolTip(
            _(
                "Mitgezeichnet wird nur mit dem eigenen Schlüssel und seiner PIN. Der Schlüssel bleibt in "
                "diesem Windows-Konto; die Datenbank erhält nur den öffentlichen Teil."
            )
        )
        self.pin_button.clicked.connect(self.ask_pin)
        self.pin_status = QLabel()
        self.pin_status.setWordWrap(True)
        self.buttons.insertWidget(3, self.pin_button)
        self.body.addWidget(self.pin_status)

    def selected_person(self) -> Person | None:
        """The saved person in the selected row."""
        row = self.table.rows_model.row(self.table.current_row())
        known = {str(p.id): p for p in self.persons}
        return known.get(row.key) if row is not None and row.key else None

    def all_persons(self) -> list[Person]:
        """The saved persons and those added here (not saved yet), for the role pickers."""
        self.table.rows_model.key_new_rows()
        people = {p.id: p for p in self.persons}
        people.update({p.id: p for p in changed_persons(self.table.rows_model.rows(), self.persons)})
        return list(people.values())

    def _save_new_person(self) -> Person | None:
        """The person of a row added here, saved now so that a key can be set up; None if it has no name."""
        number = self.table.current_row()
        row = self.table.rows_model.row(number)
        if row is None or row.key in {str(p.id) for p in self.persons}:
            return None
        new = changed_persons([row], [])
        if not new:
            return None
        person = new[0]
        uow = self.uow_factory
        run_and_wait(lambda: save_person(uow, person))
        self.table.rows_model.set_key(number, str(person.id))
        self.persons.append(person)
        return person

    def ask_pin(self) -> None:
        try:
            person = self.selected_person() or self._save_new_person()
        except KimdeskError as exc:
            dialogs.warn(self, _("Signaturschlüssel einrichten"), exc.message)
            return
        if person is None:
            dialogs.warn(
                self,
                _("Signaturschlüssel einrichten"),
                _("Person: Bitte eine Person mit Namen auswählen."),
            )
            return
        dialog = PinDialog(person.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_up_key(person, dialog.pin())

    def set_up_key(self, person: Person, pin: str) -> None:
        """Create the key and its request off the GUI thread (scrypt takes a noticeable moment)."""

        uow = self.uow_factory
        self.pin_button.setEnabled(False)
        self.pin_status.setText(_("Signaturschlüssel für {name} wird erzeugt …").format(name=person.name))

        def done(_result: object) -> None:
            self.pin_button.setEnabled(True)
            self.pin_status.setText(
                _(
                    "Signaturschlüssel für {name} eingerichtet. Der Antrag wartet jetzt darauf, dass die "
                    "Verwaltung (Hauptamt/IT) ihn im Programm zertifiziert (Einstellungen → Signaturen); "
                    "erst dann können Sie mitzeichnen."
                ).format(name=person.name)
            )

        def failed(exc: BaseException) -> None:
            self.pin_button.setEnabled(True)
            self.pin_status.setText("")
            text = exc.message if isinstance(exc, KimdeskError) else str(exc)
            dialogs.warn(self, _("Signaturschlüssel einrichten"), text)

        run_task(lambda: enrol(uow, self.local_keys, person.name, pin), done, failed)
