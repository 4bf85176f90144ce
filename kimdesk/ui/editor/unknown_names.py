"""An Amt or Gremium typed into the editor that the master data does not know: create it, or keep the text.

Saving never drops what the clerk typed: each unknown name is offered „‚X‘ neu anlegen …“; after a
„Ja“ it is created through the master data (and every open window offers it at once), after a „Nein“
the save is refused with a message naming the field, and the text stays where it was typed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.masterdata import Organization, OrganizationKind
from kimdesk.l10n.i18n import _
from kimdesk.services.office import create_organization
from kimdesk.ui import dialogs
from kimdesk.ui.tasks import run_and_wait

if TYPE_CHECKING:
    from kimdesk.ui.editor.page import EditorPage


def _field(kind: OrganizationKind) -> str:
    return _("Federführendes Amt") if kind is OrganizationKind.DEPARTMENT else _("Beratungsfolge, Gremium")


def resolve_unknown_names(page: EditorPage) -> bool:
    """True when every Amt and Gremium the form names is known (perhaps just created); else False."""
    unknown = page.editor.unknown_names()
    if not unknown:
        return True
    created: list[Organization] = []
    uow = page.context.uow_factory

    def create(kind: OrganizationKind, name: str) -> Organization:
        return run_and_wait(lambda: create_organization(uow, name, kind))

    for kind, name in unknown:
        noun = _("Amt") if kind is OrganizationKind.DEPARTMENT else _("Gremium")
        question = _(
            "„{name}“ ist in den Stammdaten noch nicht vorhanden.\n\n‚{name}‘ als neues {noun} neu anlegen …?"
        ).format(name=name, noun=noun)
        if not dialogs.confirm(page, _("‚{name}‘ neu anlegen").format(name=name), question):
            dialogs.warn(
                page,
                _("Nicht gespeichert"),
                _(
                    "{field}: „{name}“ ist nicht in den Stammdaten. Bitte aus der Liste wählen oder neu "
                    "anlegen – die Eingabe bleibt im Feld."
                ).format(field=_field(kind), name=name),
            )
            return False
        try:
            created.append(create(kind, name))
        except KimdeskError as exc:
            dialogs.warn(page, _("Nicht gespeichert"), exc.message)
            return False
    master = page.editor.master
    departments = [o for o in created if o.kind is OrganizationKind.DEPARTMENT]
    committees = [o for o in created if o.kind is OrganizationKind.COMMITTEE]
    page.set_master(
        replace(
            master,
            departments=[*master.departments, *departments],
            committees=[*master.committees, *committees],
        )
    )
    page.master_data_edited.emit()  # the window re-reads the master data for every open editor
    return True
