"""„Einrichtungsassistent“: a new office sets itself up, takes over an exchange file, or looks at the demo.

Shown by itself on the first start with an empty database (no Amt, Gremium, person or Vorlage), and
from Datei → Einrichtungsassistent … at any time. Nothing is written before „Fertigstellen“; then
everything goes through the services in one transaction, off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QWidget, QWizard

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import numbering_example
from kimdesk.l10n.i18n import _
from kimdesk.services.ports import UnitOfWorkFactory
from kimdesk.services.setup import OfficeSetup, profile_for
from kimdesk.ui import dialogs
from kimdesk.ui.exchange_import import failure_text, report_text
from kimdesk.ui.setup_pages import (
    COMMITTEES,
    DEMO,
    DEPARTMENTS,
    FROM_FILE,
    NUMBERING,
    OFFICE,
    PERSONS,
    ROLES,
    START,
    SUMMARY,
    NumberingPage,
    OfficePage,
    RolesPage,
    StartPage,
    SummaryPage,
    TablePage,
    numbering_line,
    organizations_page,
)
from kimdesk.ui.tasks import Task, run_task

if TYPE_CHECKING:  # the signing code stays off the way to the window
    from kimdesk.services.pdf_signatures import SignedPdfMaker


class SetupWizard(QWizard):
    """``completed(message)`` once the office was written, a file imported or the demo loaded."""

    completed = Signal(str)

    def __init__(
        self,
        uow_factory: UnitOfWorkFactory,
        parent: QWidget | None = None,
        *,
        first_start: bool = False,
        maker: Callable[[], SignedPdfMaker] | None = None,
    ) -> None:
        super().__init__(parent)
        self.uow_factory = uow_factory
        #: The program's signed-PDF maker, asked for when the demo office is loaded (on the worker).
        self.maker = maker
        self.task: Task | None = None
        self.setWindowTitle(_("Einrichtungsassistent"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        for button, text in (
            (QWizard.WizardButton.BackButton, _("< &Zurück")),
            (QWizard.WizardButton.NextButton, _("&Weiter >")),
            (QWizard.WizardButton.FinishButton, _("&Fertigstellen")),
            (QWizard.WizardButton.CancelButton, _("Abbrechen")),
        ):
            self.setButtonText(button, text)
        self.start = StartPage(first_start)
        self.office = OfficePage()
        self.departments = organizations_page(
            _("Ämter"), _("Amt"), _("Die Ämter (Fachbereiche), die Vorlagen schreiben – z. B. „Hauptamt“.")
        )
        self.committees = organizations_page(
            _("Gremien"),
            _("Gremium"),
            _(
                "Rat und Ausschüsse. Der Genitiv steht im Beschlussvermerk: „In der Sitzung des "
                "Rates …“ – bei „Rat“ also „Rates“."
            ),
        )
        self.persons = TablePage(
            _("Personen"),
            _("Wer unterschreibt, mitzeichnet oder berichtet – mit Funktion."),
            [_("Name"), _("Funktion")],
            _("Person"),
        )
        self.roles = RolesPage(self.office, self.persons)
        self.numbering = NumberingPage()
        self.summary = SummaryPage()
        for number, page in (
            (START, self.start),
            (OFFICE, self.office),
            (DEPARTMENTS, self.departments),
            (COMMITTEES, self.committees),
            (PERSONS, self.persons),
            (ROLES, self.roles),
            (NUMBERING, self.numbering),
            (SUMMARY, self.summary),
        ):
            self.setPage(number, page)
        self.setStartId(START)
        self.currentIdChanged.connect(self._entered)
        self.resize(860, 620)

    def collected(self) -> OfficeSetup:
        """What the pages hold, as the service takes it."""
        return OfficeSetup(
            kind=self.office.kind(),
            municipality=self.office.municipality.text().strip(),
            numbering_format=self.numbering.picker.pattern(),
            letterhead=self.office.letterhead_lines(),
            departments=self.departments.rows(),
            committees=self.committees.rows(),
            persons=self.persons.rows(),
            roles=self.roles.rows(),
        )

    def _entered(self, page_id: int) -> None:
        # After the wizard focused the page's first control: a field that must be filled takes the cursor.
        page = self.page(page_id)
        if isinstance(page, OfficePage):
            page.first_field().setFocus(Qt.FocusReason.OtherFocusReason)
        if page_id != SUMMARY:
            return
        setup = self.collected()
        year = date.today().year
        self.summary.show_summary(
            [
                _("{name} – Formular „{profile}“").format(
                    name=setup.municipality, profile=profile_for(setup.kind).name
                ),
                _("Ämter: {names}").format(names=", ".join(self.departments.names()) or _("keine")),
                _("Gremien: {names}").format(names=", ".join(self.committees.names()) or _("keine")),
                _("Personen: {names}").format(names=", ".join(self.persons.names()) or _("keine")),
                numbering_line(setup.numbering_format, year),
            ]
        )

    # --- finishing --------------------------------------------------------------------------------
    def accept(self) -> None:
        """„Fertigstellen“: write off the GUI thread; the assistant closes when it is done."""
        if self.task is not None and not self.task.done:
            return
        choice = self.start.choice() if self.currentId() == START else "new"
        uow = self.uow_factory
        if choice == FROM_FILE:
            path = Path(self.start.path.text().strip())
            self._run(lambda: _import(uow, path), self.start)
        elif choice == DEMO:
            maker = self.maker
            self._run(lambda: _demo(uow, maker() if maker else None), self.start)
        else:
            setup = self.collected()
            self._run(lambda: _set_up(uow, setup), self.summary)

    def _run(self, work: Callable[[], Finished], page: StartPage | SummaryPage) -> None:
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.button(QWizard.WizardButton.BackButton).setEnabled(False)
        if isinstance(page, SummaryPage):
            page.status.setText(_("Wird gespeichert …"))

        def done(finished: Finished) -> None:
            self.completed.emit(finished.status)
            super(SetupWizard, self).accept()
            if finished.report:  # what the exchange file left unknown, as after the menu's import
                dialogs.inform(self.parentWidget(), _("Aus Datei übernehmen"), finished.report)

        def failed(exc: BaseException) -> None:
            self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
            self.button(QWizard.WizardButton.BackButton).setEnabled(True)
            if isinstance(page, SummaryPage):
                page.status.setText("")
            text = failure_text(exc) if isinstance(exc, KimdeskError) else str(exc)
            dialogs.warn(self, _("Einrichtungsassistent"), text)

        self.task = run_task(work, done, failed)


@dataclass(frozen=True, slots=True)
class Finished:
    """The status bar's line after the assistant closed, and a report to show then (an import's)."""

    status: str
    report: str = ""


def _set_up(uow_factory: UnitOfWorkFactory, setup: OfficeSetup) -> Finished:
    from kimdesk.services.setup import set_up_office

    office = set_up_office(uow_factory, setup)
    return Finished(
        _("{name} ist eingerichtet. Die erste Vorlage bekommt die Nummer {number}.").format(
            name=office.municipality, number=numbering_example(office.numbering_format, date.today().year)
        )
    )


def _import(uow_factory: UnitOfWorkFactory, path: Path) -> Finished:
    from kimdesk.services.exchange import import_file

    report = import_file(uow_factory, path)
    status = _("Übernommen aus {file}: {n} Vorlagen, {orgs} Ämter und Gremien, {persons} Personen.").format(
        file=path.name,
        n=len(report.added) + len(report.updated),
        orgs=report.organizations,
        persons=report.persons,
    )
    return Finished(status, report_text(report))


def _demo(uow_factory: UnitOfWorkFactory, maker: SignedPdfMaker | None) -> Finished:
    """The whole demo office as ``kimdesk demo`` loads it: Vorlagen in every state, Sitzungen, signed PDFs."""
    from kimdesk.services.demo import load_full_demo

    added, _meetings = load_full_demo(uow_factory, maker=maker)
    return Finished(_("Das Demo-Amt ist geladen ({n} Vorlagen).").format(n=len(added)))
