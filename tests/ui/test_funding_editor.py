"""The Fördermodule section names the Baustein in German and takes its figures into the NKF table."""

from __future__ import annotations

from typing import Any

from tests.ui.conftest import type_text


def test_kim_module_shows_its_baustein_by_name(window: Any, demo_app: Any) -> None:
    from kimdesk.domain.model import FinanceRow, Period

    page = _open_baustein3(window, demo_app)
    combo = page.editor.funding.table.cellWidget(0, 0)
    assert combo.currentText().startswith("KIM"), combo.currentText()
    assert "Baustein 3" in combo.currentText()
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert len(labels) == len(set(labels)), labels  # no stray "kim-nrw – b3-…" duplicate
    paper = page.editor.paper()
    assert paper.funding_modules[0].component == "b3-immigration-offices"
    assert paper.financial_impact.get(FinanceRow.INCOME, Period.ANNUAL) == 50000


def _open_baustein3(window: Any, demo_app: Any) -> Any:
    from tests.demo_data import demo_id, demo_organizations, demo_persons, funding_papers

    with demo_app.uow_factory() as uow:
        for paper in funding_papers(demo_organizations(), demo_persons()):
            uow.papers.add(paper)
        uow.commit()
    return window.open_paper(demo_id("paper:20/0340"))


def test_typed_figures_kept_at_tabelle_uebernehmen_survive_saving(window: Any, demo_app: Any) -> None:
    from kimdesk.domain.model import FinanceRow, Period
    from kimdesk.services.papers import get_paper
    from kimdesk.ui.editor.funding import COL_POSTS
    from tests.ui.test_finance_overrides import answer_overrides

    page = _open_baustein3(window, demo_app)
    editor = page.editor
    expense = editor.finance.cells[(FinanceRow.EXPENSE, Period.ANNUAL)]
    grants = editor.finance.cells[(FinanceRow.INCOME_GRANTS, Period.ANNUAL)]
    income = editor.finance.cells[(FinanceRow.INCOME, Period.ANNUAL)]
    assert (income.text(), grants.text()) == ("50.000,00", "50.000,00")
    expense.clear()
    type_text(expense, "62000")
    grants.clear()  # emptied, then "Tabelle übernehmen": the computed figure returns, unmarked
    editor.funding.table.cellWidget(0, COL_POSTS).setText("2")
    seen: list[Any] = []
    answer_overrides({(FinanceRow.EXPENSE, Period.ANNUAL)}, seen)
    editor.funding.take_button.click()
    assert len(seen) == 1  # the typed Aufwand was asked about and kept
    assert income.text() == "100.000,00"  # not typed over: follows the modules
    assert expense.text() == "62.000,00"  # typed and kept: stays
    assert grants.text() == "100.000,00"  # emptied: follows the modules, no override
    assert page.save_and_wait()
    stored = get_paper(demo_app.uow_factory, "20/0340").financial_impact
    assert stored.overridden == {(FinanceRow.EXPENSE, Period.ANNUAL)}
    assert stored.get(FinanceRow.INCOME_GRANTS, Period.ANNUAL) == 100000


def test_an_undone_override_follows_the_modules_again(window: Any, demo_app: Any) -> None:
    from kimdesk.domain.model import FinanceRow, Period
    from kimdesk.ui.editor.funding import COL_POSTS

    page = _open_baustein3(window, demo_app)
    editor = page.editor
    income = editor.finance.cells[(FinanceRow.INCOME, Period.ANNUAL)]
    income.setText("55.000,00")
    editor.undo_stack.undo()
    assert income.text() == "50.000,00"
    editor.funding.table.cellWidget(0, COL_POSTS).setText("2")
    editor.funding.take_button.click()
    assert income.text() == "100.000,00"
    assert editor.paper().financial_impact.overridden == set()
