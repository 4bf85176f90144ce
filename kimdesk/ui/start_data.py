"""What the window reads from the database when it attaches (no widgets: any thread).

Start-up by design: the window is shown before the Vorlagen services, the funding rules and Babel
are imported (together ~50 ms of the 0,3 s budget for the window); they load on the worker thread
that opens the database (load_first_page, load_start_data) or with the first action that uses them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING

from kimdesk.domain.errors import KimdeskError
from kimdesk.services.list_head import ListHead, read_list_head
from kimdesk.services.ports import PaperQuery, UnitOfWorkFactory
from kimdesk.ui.master_data import MasterData
from kimdesk.ui.paper_table import PaperTableModel

if TYPE_CHECKING:
    from kimdesk.domain.funding.catalogue import FundingCatalogue

log = logging.getLogger(__name__)


def papers_service() -> ModuleType:
    """``kimdesk.services.papers``, imported with its first use."""
    from kimdesk.services import papers

    return papers


def autosave_service() -> ModuleType:
    """``kimdesk.services.autosave``, imported with its first use."""
    from kimdesk.services import autosave

    return autosave


@dataclass
class StartData:
    """What the window reads from the database when it attaches; loadable off the GUI thread."""

    master: MasterData
    catalogue: FundingCatalogue
    #: The unfiltered list: its count (up to 2.000) and first page.
    first: ListHead

    @property
    def new_office(self) -> bool:
        """Nothing set up yet (no master data, no Vorlage): the set-up assistant opens by itself."""
        from kimdesk.services.office import is_new_office

        master = self.master
        return is_new_office([*master.departments, *master.committees], master.persons, self.first.total)


def load_first_page(uow_factory: UnitOfWorkFactory, page_size: int = PaperTableModel.PAGE_SIZE) -> ListHead:
    """The head of the unfiltered list: count and first page (no widgets: any thread).

    Also loads Babel and its German locale data (~20 ms), which the list's dates need as soon as the
    rows are painted: here, off the GUI thread.
    """
    from kimdesk.l10n.formatting import format_date

    format_date(date.today())
    papers_service()  # imported here, off the GUI thread: the list reads through it next
    return read_list_head(uow_factory, PaperQuery(), page_size)


def load_start_data(
    uow_factory: UnitOfWorkFactory,
    page_size: int = PaperTableModel.PAGE_SIZE,
    first: ListHead | None = None,
) -> StartData:
    """Master data, the funding catalogue and the first list page (no widgets: any thread);
    ``first`` is the count and first page if already read."""
    from kimdesk.domain.funding.catalogue import FundingCatalogue
    from kimdesk.domain.masterdata import OrganizationKind
    from kimdesk.services.funding import office_catalogue
    from kimdesk.services.office import get_office, list_organizations, list_persons

    organizations = list_organizations(uow_factory)
    master = MasterData(
        departments=[o for o in organizations if o.kind is OrganizationKind.DEPARTMENT],
        committees=[o for o in organizations if o.kind is OrganizationKind.COMMITTEE],
        persons=list_persons(uow_factory),
        office=get_office(uow_factory),
    )
    try:
        catalogue = office_catalogue(uow_factory)
    except KimdeskError as exc:
        log.warning("Förderkatalog nicht lesbar: %s", exc.message)
        catalogue = FundingCatalogue()
    if not page_size:
        return StartData(master, catalogue, ListHead(0, True, []))
    return StartData(master, catalogue, first or load_first_page(uow_factory, page_size))
