"""The set-up assistant's pages: start choice, office, Ämter, Gremien, Personen, roles, numbering."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from kimdesk.domain.form_profile import OfficeKind
from kimdesk.domain.masterdata import NUMBERING_CHOICES, numbering_example
from kimdesk.l10n.i18n import _
from kimdesk.services.settings_rows import RoleRow, TextRow, changed_persons
from kimdesk.services.setup import PROFILE_FOR_KIND, profile_for
from kimdesk.ui.numbering_picker import NumberingPicker
from kimdesk.ui.settings.master_page import MasterDataPage, organization_headers
from kimdesk.ui.settings.models import RolesModel, TextRowsModel
from kimdesk.ui.settings.tables import RolesTable

START, OFFICE, DEPARTMENTS, COMMITTEES, PERSONS, ROLES, NUMBERING, SUMMARY = range(8)
NEW, FROM_FILE, DEMO = "new", "file", "demo"


def _text(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class StartPage(QWizardPage):
    """Set up a new office, take one over from an exchange file, or look at the demo office."""

    def __init__(self, first_start: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Willkommen bei kimdesk") if first_start else _("Einrichtungsassistent"))
        self.setSubTitle(
            _("Diese Datenbank ist noch leer. Wie soll es losgehen?")
            if first_start
            else _("Das Amt einrichten oder Daten übernehmen. Vorhandenes bleibt erhalten.")
        )
        self.new = QRadioButton(_("&Neues Amt einrichten (Amt, Ämter, Gremien, Personen, Nummern)"))
        self.from_file = QRadioButton(_("Aus &Datei übernehmen (Austauschdatei *.kimdesk.json)"))
        self.demo = QRadioButton(
            _("D&emo-Amt ansehen (Beispieldaten nach Vorlagen der Stadt Recklinghausen)")
        )
        self.choices = QButtonGroup(self)
        for button in (self.new, self.from_file, self.demo):
            self.choices.addButton(button)
            button.toggled.connect(self._changed)
        self.path = QLineEdit()
        self.path.setAccessibleName(_("Austauschdatei"))
        self.path.setPlaceholderText(_("Pfad der Austauschdatei"))
        self.path.textChanged.connect(lambda _t: self.completeChanged.emit())
        self.browse = QPushButton(_("Du&rchsuchen …"))
        self.browse.clicked.connect(self._browse)
        self.new.setChecked(True)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.new)
        layout.addWidget(self.from_file)
        layout.addLayout(file_row)
        layout.addWidget(self.demo)
        layout.addWidget(
            _text(
                _(
                    "Bis zum letzten Schritt wird nichts gespeichert – „Abbrechen“ lässt die Datenbank, "
                    "wie sie ist. Der Assistent ist später unter Datei → Einrichtungsassistent … erreichbar; "
                    "alles lässt sich unter Datei → Einstellungen ändern."
                )
            )
        )
        layout.addStretch(1)
        self._changed()

    def choice(self) -> str:
        return NEW if self.new.isChecked() else FROM_FILE if self.from_file.isChecked() else DEMO

    def _changed(self, *_args: object) -> None:
        for widget in (self.path, self.browse):
            widget.setEnabled(self.from_file.isChecked())
        self.setFinalPage(self.choice() != NEW)
        self.completeChanged.emit()

    def _browse(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Austauschdatei wählen"), "", _("Austauschdateien (*.kimdesk.json *.json)")
        )
        if path:
            self.path.setText(path)

    def isComplete(self) -> bool:
        return self.choice() != FROM_FILE or bool(self.path.text().strip())

    def nextId(self) -> int:
        return OFFICE if self.choice() == NEW else -1


class OfficePage(QWizardPage):
    """Stadt, Kreis or Gemeinde (the form profile follows), the name and the letterhead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Das Amt"))
        self.setSubTitle(_("Art und Name der Kommune; die Art bestimmt das Formular der Vorlagen."))
        self.kinds = QButtonGroup(self)
        kind_row = QHBoxLayout()
        self.kind_buttons: dict[OfficeKind, QRadioButton] = {}
        for kind, text in zip(PROFILE_FOR_KIND, (_("&Stadt"), _("&Kreis"), _("&Gemeinde")), strict=True):
            button = QRadioButton(text)
            self.kinds.addButton(button)
            self.kind_buttons[kind] = button
            kind_row.addWidget(button)
            button.toggled.connect(self._kind_changed)
        kind_row.addStretch(1)
        self.profile_label = QLabel()
        self.profile_label.setAccessibleName(_("Formular"))
        self.municipality = QLineEdit()
        self.municipality.setAccessibleName(_("Name der Kommune"))
        self.municipality.setPlaceholderText(_("z. B. Stadt Musterstadt"))
        self.registerField("municipality*", self.municipality)
        self.letterhead = QPlainTextEdit()
        self.letterhead.setAccessibleName(_("Briefkopf"))
        self.letterhead.setPlaceholderText(_("Eine Zeile je Zeile des Briefkopfs, z. B. „Der Bürgermeister“"))
        self.letterhead.setTabChangesFocus(True)
        self.letterhead.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        form = QFormLayout()
        outer = QVBoxLayout(self)
        outer.addLayout(form)
        outer.addStretch(1)
        name_label = QLabel(_("&Name:"))
        name_label.setBuddy(self.municipality)
        head_label = QLabel(_("&Briefkopf:"))
        head_label.setBuddy(self.letterhead)
        form.addRow(_("Art:"), kind_row)
        form.addRow(_("Formular:"), self.profile_label)
        form.addRow(name_label, self.municipality)
        form.addRow(head_label, self.letterhead)
        self.kind_buttons[OfficeKind.CITY].setChecked(True)

    def cleanupPage(self) -> None:
        """„Zurück“ keeps the name typed (Qt would empty the registered field)."""

    def first_field(self) -> QWidget:
        """The name: it must be filled before „Weiter“, so the cursor starts there (not in „Art“)."""
        return self.municipality

    def kind(self) -> OfficeKind:
        return next(kind for kind, button in self.kind_buttons.items() if button.isChecked())

    def letterhead_lines(self) -> list[str]:
        return [line for line in self.letterhead.toPlainText().splitlines() if line.strip()]

    def _kind_changed(self, *_args: object) -> None:
        if self.kinds.checkedButton() is not None:
            self.profile_label.setText(profile_for(self.kind()).name)


class TablePage(QWizardPage):
    """Ämter, Gremien or Personen as an editable table (Einfg, F2, Entf as in the settings)."""

    def __init__(
        self, title: str, subtitle: str, headers: list[str], noun: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.page = MasterDataPage(TextRowsModel(headers), title, noun)
        QVBoxLayout(self).addWidget(self.page)

    def rows(self) -> list[TextRow]:
        return [row for row in self.page.table.rows_model.rows() if row.cells[0].strip()]

    def names(self) -> list[str]:
        return [row.cells[0].strip() for row in self.rows()]


def organizations_page(kind_title: str, noun: str, subtitle: str) -> TablePage:
    return TablePage(kind_title, subtitle, organization_headers(), noun)


class RolesPage(QWizardPage):
    """Who holds each Mitzeichnung role of the chosen form, and who deputises."""

    def __init__(self, office: OfficePage, persons: TablePage, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Rollen und Vertretungen"))
        self.setSubTitle(_("Wer zeichnet in welcher Rolle mit, und wer vertritt? (Später änderbar.)"))
        self.office = office
        self.persons = persons
        self.table: RolesTable | None = None
        self.box = QVBoxLayout(self)

    def initializePage(self) -> None:
        self.persons.page.table.rows_model.key_new_rows()  # the persons' ids, for the pickers
        known = {r.key: r for r in self.table.roles_model.rows()} if self.table is not None else {}
        rows = [
            known.get(role.key, RoleRow(role.key, role.label))
            for role in profile_for(self.office.kind()).roles
        ]
        if self.table is not None:
            self.table.setParent(None)
        self.table = RolesTable(RolesModel(rows, changed_persons(self.persons.rows(), [])))
        self.box.addWidget(self.table)

    def rows(self) -> list[RoleRow]:
        return self.table.roles_model.rows() if self.table is not None else []


class NumberingPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Nummern der Vorlagen"))
        self.setSubTitle(
            _("Wie sollen die Vorlagen nummeriert werden? Die Vorschau zeigt die ersten Nummern.")
        )
        self.picker = NumberingPicker(NUMBERING_CHOICES[0])
        label = QLabel(_("&Nummern wie:"))
        label.setBuddy(self.picker.combo)
        form = QFormLayout(self)
        form.addRow(label, self.picker)


class SummaryPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Zusammenfassung"))
        self.setSubTitle(_("Mit „Fertigstellen“ wird alles auf einmal gespeichert."))
        self.summary = _text("")
        self.summary.setAccessibleName(_("Zusammenfassung"))
        self.status = _text("")
        self.status.setAccessibleName(_("Status"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addStretch(1)
        layout.addWidget(self.status)

    def show_summary(self, lines: list[str]) -> None:
        self.summary.setText("\n".join(lines))


def numbering_line(pattern: str, year: int) -> str:
    return _("Nummern: {first}, {second} …").format(
        first=numbering_example(pattern, year), second=numbering_example(pattern, year, 2)
    )
