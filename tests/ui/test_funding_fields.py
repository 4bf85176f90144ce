"""The Fördermodule table: a period by months, the Eigenanteil's sources and an amount the catalogue lacks,
typed in the editor, saved and reopened."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kimdesk.domain.model import OwnContribution
from kimdesk.services.papers import get_paper_by_id
from kimdesk.ui.editor.funding import COL_EXTRA, COL_GRANT, COL_OWN, COL_YEARS
from tests.ui.conftest import type_text


def test_months_sources_and_extra_amount_typed_saved_and_reopened(
    window: Any, qtbot: Any, demo_app: Any
) -> None:
    page = window.new_paper()
    assert page is not None
    funding = page.editor.funding
    funding.add_button.click()
    table = funding.table
    years, own, extra = (table.cellWidget(0, c) for c in (COL_YEARS, COL_OWN, COL_EXTRA))
    years.setText("")
    type_text(years, "01.07.2020-30.06.2023")
    type_text(own, "12.000 Integrationspauschale § 14c TIntG; 500 Haushaltsmittel")
    type_text(extra, "-1.250 laut Bescheid vom 15.12.2020")
    _modules, problems = funding.value()
    assert problems == []
    assert funding.model.data(funding.model.index(0, COL_GRANT)) != "–"
    window.tabs.setCurrentWidget(page)
    assert window.save_current()
    qtbot.waitUntil(lambda: not page.dirty, timeout=10000)

    (module,) = get_paper_by_id(demo_app.uow_factory, page.editor.base.id).funding_modules
    assert (module.start_year, module.start_month, module.end_year, module.end_month) == (2020, 7, 2023, 6)
    assert module.own_sources == [
        OwnContribution(Decimal("12000.00"), "Integrationspauschale § 14c TIntG"),
        OwnContribution(Decimal("500.00"), "Haushaltsmittel"),
    ]
    assert (module.extra_amount, module.extra_reason) == (Decimal("-1250.00"), "laut Bescheid vom 15.12.2020")

    reference = page.editor.base.reference
    assert window.close_tab(window.tabs.indexOf(page))
    window.list_page.select_reference(reference)
    window.open_selected()
    reopened = window.current_page()
    assert reopened is not None
    model = reopened.editor.funding.model
    assert model.data(model.index(0, COL_YEARS)) == "07/2020–06/2023"
    assert (
        model.data(model.index(0, COL_OWN))
        == "12.000,00 Integrationspauschale § 14c TIntG; 500,00 Haushaltsmittel"
    )
    assert model.data(model.index(0, COL_EXTRA)) == "-1.250,00 laut Bescheid vom 15.12.2020"
    assert not reopened.dirty


def test_an_extra_amount_without_reason_and_a_source_without_amount_are_named(window: Any) -> None:
    page = window.new_paper()
    assert page is not None
    funding = page.editor.funding
    funding.add_button.click()
    own, extra = (funding.table.cellWidget(0, c) for c in (COL_OWN, COL_EXTRA))
    type_text(own, "Landesmittel")
    type_text(extra, "250")
    _modules, problems = funding.value()
    assert any(
        p.startswith("Eigenanteil, Fördermodul 1: „Landesmittel“ – zuerst der Betrag") for p in problems
    )
    assert any("Zusatzbetrag: bitte den Grund angeben" in p for p in problems)
