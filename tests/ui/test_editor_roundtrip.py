"""Create a Vorlage in the GUI, fill every section through the widgets, save, reopen: all is there."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from kimdesk.domain.model import ConsultationRole, FinanceRow, ImpactChoice, PaperType, Period
from kimdesk.domain.richtext import BlockKind
from kimdesk.services.papers import get_paper_by_id
from tests.ui.conftest import type_text


def _pick(combo: Any, text: str) -> None:
    combo.setCurrentText(text)


def _row_editors(table: Any, row: int) -> list[Any]:
    return [table.cellWidget(row, column) for column in range(table.columnCount())]


def fill_every_section(page: Any, qtbot: Any) -> None:
    editor = page.editor
    editor.type_box.setCurrentIndex(list(PaperType).index(PaperType.RESOLUTION))
    _pick(editor.department, "Amt für Integration und Sport")
    editor.consultations.add_button.click()
    editor.consultations.add_button.click()
    committee, role, meeting, item, _public, rapporteur = _row_editors(editor.consultations.table, 0)
    _pick(committee, "Integrationsrat")
    role.setCurrentIndex(list(ConsultationRole).index(ConsultationRole.PRELIMINARY))
    meeting.setText("09.09.2020")
    item.setText("4")
    _pick(rapporteur, "Rainer Weichelt")
    committee2, role2, _m2, _i2, public2, _r2 = _row_editors(editor.consultations.table, 1)
    _pick(committee2, "Rat")
    role2.setCurrentIndex(list(ConsultationRole).index(ConsultationRole.DECISION))
    public2.setChecked(False)
    type_text(editor.title_edit, "Sprachcafés für Neuzugewanderte")
    edit = editor.rationale.edit
    edit.setFocus()
    type_text(edit, "Überblick")
    editor.rationale.style_box.setCurrentIndex(2)
    editor.rationale._apply_style(2)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    editor.rationale._apply_style(0)
    type_text(edit, "Der Verein bietet ")
    editor.rationale.bold_action.trigger()
    type_text(edit, "wöchentlich")
    editor.rationale.bold_action.trigger()
    type_text(edit, " Sprachcafés an.")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    editor.rationale.numbered_action.trigger()
    type_text(edit, "Innenstadt")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    type_text(edit, "Süd")
    editor.finance.choice.second.click()
    editor.finance.cells[(FinanceRow.EXPENSE, Period.ANNUAL)].setText("12.000,00")
    editor.finance.cells[(FinanceRow.EXPENSE_TRANSFER, Period.ANNUAL)].setText("12000")
    editor.finance.budget.first.click()
    editor.funding.add_button.click()
    _c, posts, years, own, _g = (editor.funding.table.cellWidget(0, c) for c in range(5))
    posts.setText("0,5")
    years.setText("2021-2023")
    own.setText("1.000")
    editor.climate.second.click()
    editor.climate_text.setPlainText("Weniger Fahrten durch Angebote im Quartier.")
    editor.resolution.edit.setPlainText("Der Rat beschließt den Zuschuss.")
    editor.sig_heading.setText("Der Bürgermeister")
    editor.sig_on_behalf.setChecked(True)
    editor.sig_name.setText("Rainer Weichelt")
    editor.sig_function.setText("Erster Beigeordneter")
    editor.minutes_extracts.setText("3")


def test_new_paper_filled_saved_and_reopened(window: Any, qtbot: Any, demo_app: Any) -> None:
    page = window.new_paper()
    assert page is not None
    reference = page.editor.base.reference
    fill_every_section(page, qtbot)
    assert page.dirty and page.tab_title().endswith("*")
    window.tabs.setCurrentWidget(page)
    assert window.save_current()
    assert not window.menu.save_action.isEnabled()  # busy: saving runs off the GUI thread
    qtbot.waitUntil(lambda: not page.dirty, timeout=10000)
    assert window.menu.save_action.isEnabled()

    stored = get_paper_by_id(demo_app.uow_factory, page.editor.base.id)
    assert stored.reference == reference
    assert stored.paper_type is PaperType.RESOLUTION
    assert (
        stored.lead_department is not None and stored.lead_department.name == "Amt für Integration und Sport"
    )
    first, second = stored.consultations
    assert first.committee is not None and first.committee.name == "Integrationsrat"
    assert first.role is ConsultationRole.PRELIMINARY
    assert first.meeting_date == date(2020, 9, 9)
    assert first.agenda_item == "4" and first.public
    assert first.rapporteur is not None and first.rapporteur.name == "Rainer Weichelt"
    assert second.committee is not None and second.committee.name == "Rat"
    assert second.role is ConsultationRole.DECISION and not second.public
    assert stored.title == "Sprachcafés für Neuzugewanderte"
    kinds = [b.kind for b in stored.rationale.blocks]
    assert kinds == [BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.NUMBERED_LIST]
    assert stored.rationale.blocks[0].level == 2
    assert [s.text for s in stored.rationale.blocks[1].spans if s.bold] == ["wöchentlich"]
    assert stored.rationale.blocks[2].plain_text() == "1. Innenstadt\n2. Süd"
    impact = stored.financial_impact
    assert impact.choice is ImpactChoice.FOLLOWING and impact.budget_available is True
    assert impact.get(FinanceRow.EXPENSE, Period.ANNUAL) == Decimal("12000.00")
    assert impact.get(FinanceRow.EXPENSE_TRANSFER, Period.ANNUAL) == Decimal("12000.00")
    (module,) = stored.funding_modules
    assert module.posts == Decimal("0.5") and (module.start_year, module.end_year) == (2021, 2023)
    assert module.own_contribution == Decimal("1000.00") and module.rate is not None
    assert stored.climate_impact is ImpactChoice.FOLLOWING
    assert stored.climate_text == "Weniger Fahrten durch Angebote im Quartier."
    assert stored.draft_resolution.plain_text() == "Der Rat beschließt den Zuschuss."
    assert stored.signature.on_behalf and stored.signature.name == "Rainer Weichelt"
    assert stored.signature.function == "Erster Beigeordneter"
    assert stored.minutes_extracts == 3

    # Close and reopen from the list: the widgets show what was stored.
    assert window.close_tab(window.tabs.indexOf(page))
    window.list_page.select_reference(reference)
    window.open_selected()
    reopened = window.current_page()
    assert reopened is not None and reopened is not page
    editor = reopened.editor
    assert editor.title_edit.text() == "Sprachcafés für Neuzugewanderte"
    assert editor.department.currentText() == "Amt für Integration und Sport"
    assert editor.consultations.table.rowCount() == 2
    assert editor.finance.cells[(FinanceRow.EXPENSE, Period.ANNUAL)].text() == "12.000,00"
    assert editor.sig_name.text() == "Rainer Weichelt"
    assert editor.minutes_extracts.text() == "3"
    assert editor.paper() == stored or editor.paper().title == stored.title
    assert editor.rationale.richtext() == stored.rationale
    assert not reopened.dirty
