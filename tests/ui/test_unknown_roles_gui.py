"""A Vorlage imported without Vorlagenart and Zuständigkeit: the editor shows „(unbekannt)“, saving it
unchanged keeps both unknown, the Umlauf is refused in German naming the fields until the clerk chooses;
Einstellungen lists an organization of unknown kind „Art unbekannt“ and lets the clerk set its kind."""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QTabBar

from kimdesk.domain.masterdata import OrganizationKind
from kimdesk.domain.model import ConsultationRole, PaperType
from kimdesk.services.exchange import import_document
from kimdesk.services.office import list_organizations
from kimdesk.services.papers import get_paper_by_id
from kimdesk.ui.editor.consultation_model import COL_ROLE
from tests.exchange.test_unknown import roleless_document
from tests.ui.conftest import type_text
from tests.ui.test_keyboard_access import clashes, unnamed, window_mnemonics

PAPER = uuid.UUID(int=1)  # 21/0362


def test_the_editor_keeps_unknown_type_and_role_and_the_umlauf_waits(window: Any, qtbot: Any) -> None:
    uow_factory = window.context.uow_factory
    import_document(uow_factory, roleless_document())
    page = window.open_paper(PAPER)
    assert page is not None
    editor = page.editor
    assert editor.type_box.currentText() == "(unbekannt)"
    assert editor.type_box.count() == len(PaperType) + 1  # the entry is there only for the unknown value
    table = editor.consultations.table
    role = table.cellWidget(0, COL_ROLE)
    assert role is not None and role.currentText() == "(unbekannt)"
    assert table.model().index(0, COL_ROLE).data() == "(unbekannt)"

    type_text(editor.title_edit, " (ergänzt)")
    assert page.save_and_wait()
    saved = get_paper_by_id(uow_factory, PAPER)
    assert saved.title.endswith("(ergänzt)")
    assert saved.paper_type is None and [c.role for c in saved.consultations] == [None]  # nothing invented

    panel = editor.sign_off_panel
    qtbot.waitUntil(lambda: panel.state is not None and not panel.busy, timeout=10000)
    dialog = panel.open_start_dialog()
    assert dialog is not None and not dialog.problem_label.isHidden()
    text = dialog.problem_label.text()
    assert "Der Umlauf kann nicht starten, weil:" in text
    assert "– Vorlageart: nicht bekannt (aus einem anderen System übernommen) – bitte auswählen" in text
    assert "– Beratungsfolge, Zeile 1, Zuständigkeit: nicht bekannt" in text
    assert not dialog.ok_button.isEnabled()
    dialog.reject()

    # The clerk chooses real values; they are saved.
    editor.type_box.setCurrentIndex(list(PaperType).index(PaperType.INFORMATION))
    role = table.cellWidget(0, COL_ROLE)
    role.setCurrentIndex(list(ConsultationRole).index(ConsultationRole.DECISION))
    assert page.save_and_wait()
    chosen = get_paper_by_id(uow_factory, PAPER)
    assert chosen.paper_type is PaperType.INFORMATION
    assert [c.role for c in chosen.consultations] == [ConsultationRole.DECISION]
    assert table.model().index(0, COL_ROLE).data() == "Entscheidung"


def test_settings_list_an_organization_of_unknown_kind_and_set_it(window: Any, qtbot: Any) -> None:
    from kimdesk.ui.settings.dialog import SettingsDialog

    uow_factory = window.context.uow_factory
    import_document(uow_factory, roleless_document())
    assert [o.name for o in list_organizations(uow_factory) if o.kind is None] == ["Beirat"]
    dialog = SettingsDialog(window.context, window.config, None, window)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = dialog.findChild(QTabBar)
    assert tabs is not None
    titles = [tabs.tabText(i) for i in range(tabs.count())]
    assert "Art unbekannt" in titles
    tabs.setCurrentIndex(titles.index("Art unbekannt"))
    page = dialog.unknown_kinds
    assert page is not None
    assert [page.list.item(i).text() for i in range(page.list.count())] == ["Beirat – Art unbekannt"]
    assert not clashes(window_mnemonics(dialog)) and not unnamed(dialog)
    committees_before = dialog.committees.table.rows_model.rowCount()

    page.as_committee.click()
    assert page.list.count() == 0
    assert dialog.committees.table.rows_model.rowCount() == committees_before + 1
    dialog.save()
    kinds = {o.name: o.kind for o in list_organizations(uow_factory)}
    assert kinds["Beirat"] is OrganizationKind.COMMITTEE
    assert "Beirat" in [o.name for o in list_organizations(uow_factory, OrganizationKind.COMMITTEE)]
