"""Settings: the office, its departments, committees, persons and sign-off roles, the database, language."""

from __future__ import annotations

import uuid
from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.model import Office, Organization, OrganizationKind, Person, SignOffRole
from kimdesk.l10n.i18n import LANGUAGES, _
from kimdesk.services.office import (
    get_office,
    list_organizations,
    list_persons,
    save_office,
    save_organization,
    save_person,
)
from kimdesk.ui import dialogs, file_dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppOpener, GuiContext
from kimdesk.ui.tasks import run_task

ID_ROLE = 0x0100 + 7


def _table(headers: list[str], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setAccessibleName(name)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.verticalHeader().setVisible(False)
    return table


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def _person_combo(persons: list[Person], current: Person | None, name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.addItem(_("(niemand)"), "")
    for person in persons:
        combo.addItem(
            f"{person.name} – {person.function}" if person.function else person.name, str(person.id)
        )
    if current is not None:
        combo.setCurrentIndex(max(combo.findData(str(current.id)), 0))
    return combo


class SettingsDialog(QDialog):
    def __init__(
        self, context: GuiContext, config: GuiConfig, opener: AppOpener | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Einstellungen"))
        self.context = context
        self.config = config
        self.opener = opener
        uow = context.uow_factory
        self.office = get_office(uow)
        self.organizations = list_organizations(uow)
        self.persons = list_persons(uow)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._office_tab(), _("&Amt"))
        self.departments = self._org_tab(OrganizationKind.DEPARTMENT)
        self.tabs.addTab(self.departments, _("Ä&mter"))
        self.committees = self._org_tab(OrganizationKind.COMMITTEE)
        self.tabs.addTab(self.committees, _("&Gremien"))
        self.tabs.addTab(self._persons_tab(), _("&Personen"))
        self.tabs.addTab(self._roles_tab(), _("Mit&zeichnung"))
        self.tabs.addTab(self._database_tab(), _("&Datenbank"))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.resize(820, 560)

    # --- tabs -------------------------------------------------------------------------------------
    def _office_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.municipality = QLineEdit(self.office.municipality)
        self.municipality.setAccessibleName(_("Kommune"))
        self.numbering = QLineEdit(self.office.numbering_format)
        self.numbering.setAccessibleName(_("Nummernformat"))
        self.numbering.setToolTip(
            _("{yy} zweistelliges Jahr, {yyyy} vierstelliges Jahr, {n:04d} laufende Nummer")
        )
        self.signature_heading = QLineEdit(self.office.signature_heading)
        self.signature_heading.setAccessibleName(_("Überschrift der Unterschrift"))
        self.signatory = _person_combo(
            self.persons, self.office.default_signatory, _("Unterzeichnet in der Regel")
        )
        self.language = QComboBox()
        self.language.setAccessibleName(_("Sprache"))
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(self.language.findData(self.config.language), 0))
        for text, widget in (
            (_("&Kommune:"), self.municipality),
            (_("&Nummernformat:"), self.numbering),
            (_("Ü&berschrift der Unterschrift:"), self.signature_heading),
            (_("Unterzeichnet in der &Regel:"), self.signatory),
            (_("&Sprache (nach Neustart):"), self.language),
        ):
            buddy = QLabel(text)
            buddy.setBuddy(widget)
            form.addRow(buddy, widget)
        return page

    def _org_tab(self, kind: OrganizationKind) -> QTableWidget:
        name = _("Ämter") if kind is OrganizationKind.DEPARTMENT else _("Gremien")
        table = _table([_("Name"), _("Kurzname"), _("Genitiv („des …“)")], name)
        for org in (o for o in self.organizations if o.kind is kind):
            self._add_org_row(table, org)
        table.kind = kind  # type: ignore[attr-defined]
        return table

    def _add_org_row(self, table: QTableWidget, org: Organization) -> None:
        row = table.rowCount()
        table.insertRow(row)
        first = QTableWidgetItem(org.name)
        first.setData(ID_ROLE, str(org.id))
        table.setItem(row, 0, first)
        table.setItem(row, 1, QTableWidgetItem(org.short_name))
        table.setItem(row, 2, QTableWidgetItem(org.name_genitive))

    def _persons_tab(self) -> QWidget:
        page = QWidget()
        self.person_table = _table([_("Name"), _("Funktion")], _("Personen"))
        for person in self.persons:
            row = self.person_table.rowCount()
            self.person_table.insertRow(row)
            first = QTableWidgetItem(person.name)
            first.setData(ID_ROLE, str(person.id))
            self.person_table.setItem(row, 0, first)
            self.person_table.setItem(row, 1, QTableWidgetItem(person.function))
        add = QPushButton(_("Person &hinzufügen"))
        add.clicked.connect(lambda: self._blank_row(self.person_table))
        self.pin_button = QPushButton(_("P&IN festlegen …"))
        self.pin_button.setAccessibleName(_("PIN für die ausgewählte Person festlegen"))
        self.pin_button.setToolTip(
            _("Wer eine PIN hat, kann nur mit ihr mitzeichnen. Gespeichert wird nur ein Hash.")
        )
        self.pin_button.clicked.connect(self.ask_pin)
        self.pin_status = QLabel()
        self.pin_status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(self.pin_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.person_table)
        layout.addLayout(buttons)
        layout.addWidget(self.pin_status)
        return page

    def selected_person(self) -> Person | None:
        """The saved person in the selected row (a new row must be saved before it gets a PIN)."""
        item = self.person_table.item(self.person_table.currentRow(), 0)
        known = {str(p.id): p for p in self.persons}
        return known.get(item.data(ID_ROLE) or "") if item is not None else None

    def ask_pin(self) -> None:
        person = self.selected_person()
        if person is None:
            dialogs.warn(
                self,
                _("PIN festlegen"),
                _("Bitte eine gespeicherte Person auswählen (neue Personen zuerst speichern)."),
            )
            return
        dialog = PinDialog(person.name, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_pin(person, dialog.pin())

    def set_pin(self, person: Person, pin: str) -> None:
        """Hash and store the PIN off the GUI thread (Argon2 takes a noticeable moment)."""
        from kimdesk.services.signoff import set_pin
        from kimdesk.ui.tasks import run_task

        uow = self.context.uow_factory
        self.pin_button.setEnabled(False)
        self.pin_status.setText(_("PIN für {name} wird gespeichert …").format(name=person.name))

        def done(_result: object) -> None:
            self.pin_button.setEnabled(True)
            self.pin_status.setText(_("PIN für {name} gespeichert.").format(name=person.name))

        def failed(exc: BaseException) -> None:
            self.pin_button.setEnabled(True)
            self.pin_status.setText("")
            text = exc.message if isinstance(exc, KimdeskError) else str(exc)
            dialogs.warn(self, _("PIN festlegen"), text)

        run_task(lambda: set_pin(uow, person.name, pin), done, failed)

    def _roles_tab(self) -> QWidget:
        page = QWidget()
        self.role_table = _table([_("Rolle"), _("Inhaber/in"), _("Vertretung")], _("Mitzeichnungsrollen"))
        for role in self.office.sign_off_roles:
            row = self.role_table.rowCount()
            self.role_table.insertRow(row)
            label = QTableWidgetItem(role.label)
            label.setData(ID_ROLE, role.key)
            self.role_table.setItem(row, 0, label)
            self.role_table.setCellWidget(
                row,
                1,
                _person_combo(self.persons, role.holder, _("Inhaber/in {role}").format(role=role.label)),
            )
            self.role_table.setCellWidget(
                row,
                2,
                _person_combo(self.persons, role.deputy, _("Vertretung {role}").format(role=role.label)),
            )
        layout = QVBoxLayout(page)
        layout.addWidget(self.role_table)
        return page

    def _database_tab(self) -> QWidget:
        page = QWidget()
        self.db_url = QLineEdit(self.config.database_url or self.context.db_url)
        self.db_url.setAccessibleName(_("Datenbank-Adresse"))
        self.db_url.setPlaceholderText(
            "sqlite:///C:/Daten/kimdesk.sqlite  ·  postgresql+psycopg://user@server/kimdesk"
        )
        browse = QPushButton(_("SQLite-Datei &wählen …"))
        browse.clicked.connect(self._browse)
        self.test_button = QPushButton(_("Verbindung &testen"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_button.setEnabled(self.opener is not None)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.setAccessibleName(_("Ergebnis des Verbindungstests"))
        hint = QLabel(
            _(
                "Die Adresse gilt ab dem nächsten Start, wenn kimdesk nicht mit --db oder KIMDESK_DB "
                "gestartet wird."
            )
        )
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(browse)
        row.addWidget(self.test_button)
        row.addStretch(1)
        layout = QVBoxLayout(page)
        label = QLabel(_("&Adresse der Datenbank (SQLite-Datei oder PostgreSQL):"))
        label.setBuddy(self.db_url)
        layout.addWidget(label)
        layout.addWidget(self.db_url)
        layout.addLayout(row)
        layout.addWidget(self.test_result)
        layout.addWidget(hint)
        layout.addStretch(1)
        return page

    def _blank_row(self, table: QTableWidget) -> None:
        row = table.rowCount()
        table.insertRow(row)
        for column in range(table.columnCount()):
            table.setItem(row, column, QTableWidgetItem(""))
        table.setCurrentCell(row, 0)
        first = table.item(row, 0)
        if first is not None:
            table.editItem(first)

    def _browse(self) -> None:
        path = file_dialogs.save_file_name(
            self,
            _("SQLite-Datei wählen"),
            "",
            _("SQLite-Datenbanken (*.sqlite *.db);;Alle Dateien (*)"),
            confirm_overwrite=False,
        )
        if path:
            self.db_url.setText(f"sqlite:///{path}")

    # --- connection test ------------------------------------------------------------------------
    def test_connection(self) -> None:
        url = self.db_url.text().strip()
        if not url:
            self.test_result.setText(_("Bitte eine Adresse eingeben."))
            return
        opener = self.opener
        if opener is None:  # a window not started by ``kimdesk gui`` (tests): the button is disabled
            return
        self.test_button.setEnabled(False)
        self.test_result.setText(_("Verbindung wird geprüft …"))

        def work() -> None:
            app = opener(url, migrate=False)
            app.close()

        def done(_result: object) -> None:
            self.test_button.setEnabled(True)
            self.test_result.setText(_("✔ Verbindung erfolgreich."))

        def failed(exc: BaseException) -> None:
            self.test_button.setEnabled(True)
            message = exc.message if isinstance(exc, KimdeskError) else f"{type(exc).__name__}: {exc}"
            self.test_result.setText(_("✘ Keine Verbindung: {error}").format(error=message))

        run_task(work, done, failed)

    # --- saving -----------------------------------------------------------------------------------
    def _collect_orgs(self, table: QTableWidget) -> list[Organization]:
        kind: OrganizationKind = table.kind  # type: ignore[attr-defined]
        known = {str(o.id): o for o in self.organizations}
        out = []
        for row in range(table.rowCount()):
            cells = [_cell(table, row, c) for c in range(3)]
            first = table.item(row, 0)
            if not cells[0] or first is None:
                continue
            ident = first.data(ID_ROLE)
            base = known.get(ident) if ident else None
            org = Organization(cells[0], kind, cells[1], cells[2], id=base.id if base else uuid.uuid4())
            if base is None or org != base:
                out.append(org)
        return out

    def _collect_persons(self) -> list[Person]:
        known = {str(p.id): p for p in self.persons}
        out = []
        for row in range(self.person_table.rowCount()):
            name_item, function_item = self.person_table.item(row, 0), self.person_table.item(row, 1)
            name = name_item.text().strip() if name_item else ""
            if not name or name_item is None:
                continue
            base = known.get(name_item.data(ID_ROLE) or "")
            function = function_item.text().strip() if function_item else ""
            person = replace(base, name=name, function=function) if base else Person(name, function)
            if base is None or person != base:
                out.append(person)
        return out

    def collect_office(self) -> Office:
        persons = {str(p.id): p for p in self.persons}
        roles = []
        for row in range(self.role_table.rowCount()):
            item = self.role_table.item(row, 0)
            if item is None:
                continue
            holder: QComboBox = self.role_table.cellWidget(row, 1)  # type: ignore[assignment]
            deputy: QComboBox = self.role_table.cellWidget(row, 2)  # type: ignore[assignment]
            roles.append(
                SignOffRole(
                    key=item.data(ID_ROLE),
                    label=item.text().strip(),
                    order=row,
                    holder=persons.get(holder.currentData() or ""),
                    deputy=persons.get(deputy.currentData() or ""),
                )
            )
        return replace(
            self.office,
            municipality=self.municipality.text().strip(),
            numbering_format=self.numbering.text().strip(),
            signature_heading=self.signature_heading.text().strip(),
            default_signatory=persons.get(self.signatory.currentData() or ""),
            sign_off_roles=roles,
        )

    def save(self) -> None:
        uow = self.context.uow_factory
        try:
            save_office(uow, self.collect_office())
            for org in self._collect_orgs(self.departments) + self._collect_orgs(self.committees):
                save_organization(uow, org)
            for person in self._collect_persons():
                save_person(uow, person)
        except KimdeskError as exc:
            dialogs.warn(self, _("Einstellungen"), exc.message)
            return
        url = self.db_url.text().strip()
        if url != (self.config.database_url or self.context.db_url):
            self.config.database_url = url
        self.config.language = self.language.currentData()
        self.accept()


class PinDialog(QDialog):
    """PIN twice, masked; the service checks length and form and stores only a hash."""

    def __init__(self, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("PIN für {name}").format(name=person_name))
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setAccessibleName(_("Neue PIN"))
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setAccessibleName(_("PIN wiederholen"))
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        form = QFormLayout()
        form.addRow(_("&Neue PIN:"), self.first)
        form.addRow(_("PIN &wiederholen:"), self.second)
        hint = QLabel(_("4 bis 12 Ziffern oder eine Passphrase mit mindestens 8 Zeichen."))
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)

    def pin(self) -> str:
        return self.first.text()

    def check(self) -> None:
        from kimdesk.services.security import validate_pin

        if self.first.text() != self.second.text():
            self.problem.setText(_("Die beiden Eingaben stimmen nicht überein."))
            return
        try:
            validate_pin(self.first.text())
        except KimdeskError as exc:
            self.problem.setText(exc.message)
            return
        self.accept()
