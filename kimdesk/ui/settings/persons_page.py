"""The Personen page: names and functions, and setting up a signing key for the selected person."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Person
from kimdesk.l10n.i18n import _
from kimdesk.services.enrolment import enrol
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.settings_rows import person_rows
from kimdesk.ui import dialogs
from kimdesk.ui.settings.models import TextRowsModel
from kimdesk.ui.settings.pin_dialog import PinDialog
from kimdesk.ui.settings.tables import RowsTable
from kimdesk.ui.tasks import run_task


class PersonsPage(QWidget):
    def __init__(self, uow_factory: UnitOfWorkFactory, persons: Sequence[Person]) -> None:
        super().__init__()
        self.uow_factory = uow_factory
        self.local_keys = LocalKeys()
        self.persons = list(persons)
        model = TextRowsModel([_("Name"), _("Funktion")], person_rows(self.persons))
        self.table = RowsTable(model, _("Personen"))
        add = QPushButton(_("Person &hinzufügen"))
        add.clicked.connect(self.table.add_row)
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
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.pin_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.pin_status)

    def selected_person(self) -> Person | None:
        """The saved person in the selected row (a new row must be saved before it gets a PIN)."""
        row = self.table.rows_model.row(self.table.current_row())
        known = {str(p.id): p for p in self.persons}
        return known.get(row.key) if row is not None and row.key else None

    def ask_pin(self) -> None:
        person = self.selected_person()
        if person is None:
            dialogs.warn(
                self,
                _("Signaturschlüssel einrichten"),
                _("Bitte eine gespeicherte Person auswählen (neue Personen zuerst speichern)."),
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
