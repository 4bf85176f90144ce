"""Settings: the office, its departments, committees, persons and sign-off roles, the database, language."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Organization, OrganizationKind
from kimdesk.l10n.i18n import _
from kimdesk.services.form_profiles import apply_profile
from kimdesk.services.office import (
    get_office,
    kept_names_message,
    list_organizations,
    list_persons,
    save_master_data,
)
from kimdesk.services.settings_rows import (
    changed_organizations,
    changed_persons,
    organization_rows,
    role_rows,
    sign_off_roles,
)
from kimdesk.ui import dialogs
from kimdesk.ui.config import GuiConfig
from kimdesk.ui.context import AppOpener, GuiContext
from kimdesk.ui.preview import preview_renderer
from kimdesk.ui.screen_size import resize_within_screen
from kimdesk.ui.settings.database_page import DatabasePage
from kimdesk.ui.settings.form_page import FormPage
from kimdesk.ui.settings.master_page import MasterDataPage, organization_headers
from kimdesk.ui.settings.models import RolesModel, TextRowsModel
from kimdesk.ui.settings.office_page import OfficePage
from kimdesk.ui.settings.persons_page import PersonsPage
from kimdesk.ui.settings.signing_page import SigningPage
from kimdesk.ui.settings.tables import RolesTable
from kimdesk.ui.settings.unknown_kinds_page import UnknownKindsPage, unknown_kinds
from kimdesk.ui.tasks import run_and_wait


class SettingsDialog(QDialog):
    """``opener`` opens a database for the connection test (without one the test is disabled)."""

    def __init__(
        self, context: GuiContext, config: GuiConfig, opener: AppOpener | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Einstellungen"))
        self.context = context
        self.config = config
        uow = context.uow_factory
        office, self.organizations, persons = run_and_wait(
            lambda: (get_office(uow), list_organizations(uow), list_persons(uow))
        )
        self.office_page = OfficePage(office, persons, config.language)
        self.departments = self._organizations(OrganizationKind.DEPARTMENT, _("Ämter"), _("Amt"))
        self.committees = self._organizations(OrganizationKind.COMMITTEE, _("Gremien"), _("Gremium"))
        self.kind_pages = {
            OrganizationKind.DEPARTMENT: self.departments,
            OrganizationKind.COMMITTEE: self.committees,
        }
        self.persons_page = PersonsPage(uow, persons)
        self.roles = RolesTable(RolesModel(role_rows(office.sign_off_roles), persons))
        roles_page = QWidget()
        QVBoxLayout(roles_page).addWidget(self.roles)
        self.database_page = DatabasePage(config.database_url or context.db_url, opener)
        self.form_page = FormPage(office, preview_renderer(context))
        self.roles_page = roles_page
        self.signing_page = SigningPage(uow, persons)
        self.tabs = QTabWidget(self)
        for page, title in (
            (self.office_page, _("&Amt")),
            (self.departments, _("Ä&mter")),
            (self.committees, _("&Gremien")),
            (self.persons_page, _("&Personen")),
            (roles_page, _("Mit&zeichnung")),
            (self.form_page, _("&Formular")),
            (self.signing_page, _("Signat&uren")),
            (self.database_page, _("&Datenbank")),
        ):
            self.tabs.addTab(page, title)
        self.unknown_kinds: UnknownKindsPage | None = None
        if unknown_kinds(self.organizations):  # imported without it: listed until the clerk sets it
            self.unknown_kinds = UnknownKindsPage(self.organizations, self.kind_pages)
            self.tabs.insertTab(3, self.unknown_kinds, _("Art unbekannt"))
        self.tabs.currentChanged.connect(self._tab_changed)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        resize_within_screen(self, 1150, 760)

    def _tab_changed(self, _index: int) -> None:
        if self.tabs.currentWidget() is self.roles_page:  # persons added meanwhile can hold a role
            self.roles.set_persons(self.persons_page.all_persons())

    def done(self, result: int) -> None:
        self.form_page.stop()
        super().done(result)

    def _organizations(self, kind: OrganizationKind, name: str, noun: str) -> MasterDataPage:
        headers = organization_headers()
        return MasterDataPage(TextRowsModel(headers, organization_rows(self.organizations, kind)), name, noun)

    def _changed_organizations(self) -> list[Organization]:
        return [
            org
            for kind, table in self.kind_pages.items()
            for org in changed_organizations(table.table.rows_model.rows(), kind, self.organizations)
        ]

    def save(self) -> None:
        uow = self.context.uow_factory
        persons = self.persons_page.all_persons()
        try:
            office = self.office_page.collect(sign_off_roles(self.roles.roles_model.rows(), persons))
            profile = self.form_page.collect()
            # A profile taken over from a shipped one brings its signature heading and role labels.
            if self.form_page.started_from is not None:
                office = apply_profile(office, profile)
            else:
                office = replace(office, form_profile=profile)
            organizations = self._changed_organizations()
            changed = changed_persons(self.persons_page.table.rows_model.rows(), self.persons_page.persons)

            kept = run_and_wait(lambda: save_master_data(uow, office, organizations, changed))
        except KimdeskError as exc:
            dialogs.warn(self, _("Einstellungen"), exc.message)
            return
        if kept:
            dialogs.inform(self, _("Einstellungen gespeichert"), kept_names_message(kept))
        url = self.database_page.url()
        if url != (self.config.database_url or self.context.db_url):
            self.config.database_url = url
        self.config.language = self.office_page.chosen_language()
        self.accept()
