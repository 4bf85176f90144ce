"""The Fördermodule section names the Baustein in German and takes its figures into the NKF table."""

from __future__ import annotations

from typing import Any


def test_kim_module_shows_its_baustein_by_name(window: Any, demo_app: Any) -> None:
    from kimdesk.domain.model import FinanceRow, Period
    from kimdesk.services.demo import demo_id, demo_organizations, demo_persons
    from kimdesk.services.demo_funding import funding_papers

    with demo_app.uow_factory() as uow:
        for paper in funding_papers(demo_organizations(), demo_persons()):
            uow.papers.add(paper)
        uow.commit()
    page = window.open_paper(demo_id("paper:20/0340"))
    combo = page.editor.funding.table.cellWidget(0, 0)
    assert combo.currentText().startswith("KIM"), combo.currentText()
    assert "Baustein 3" in combo.currentText()
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert len(labels) == len(set(labels)), labels  # no stray "kim-nrw – b3-…" duplicate
    paper = page.editor.paper()
    assert paper.funding_modules[0].component == "b3-immigration-offices"
    assert paper.financial_impact.get(FinanceRow.INCOME, Period.ANNUAL) == 50000
