"""Funding services over a fake unit of work: office catalogue, import, demo Vorlagen."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.funding.catalogue_data import catalogue_to_data
from kimdesk.domain.funding.proposal import override_cell
from kimdesk.domain.model import FinanceRow, FundingModule, ImpactChoice, Paper, PaperStatus, Period
from kimdesk.domain.validation import validate_paper
from kimdesk.services.funding import (
    SETTINGS_KEY,
    compute,
    default_catalogue,
    import_catalogue,
    import_catalogue_file,
    office_catalogue,
    overrides_to_decide,
    refresh_funding,
    reset_catalogue,
)
from tests.demo_data import demo_id, demo_organizations, demo_persons, funding_papers
from tests.services.fakes import FakeUnitOfWork

EXPENSE_ANNUAL = (FinanceRow.EXPENSE, Period.ANNUAL)
INCOME_ANNUAL = (FinanceRow.INCOME, Period.ANNUAL)


@pytest.fixture
def db() -> dict[str, Any]:
    return {}


@pytest.fixture
def uow_factory(db: dict[str, Any]) -> Any:
    return lambda: FakeUnitOfWork(db)


def new_programme(rate: str = "30000.00") -> dict[str, Any]:
    return {
        "format": "kimdesk-funding-catalogue",
        "version": 1,
        "programmes": [
            {
                "id": "musterstadt-integration",
                "name": "Städtisches Integrationsprogramm",
                "components": [
                    {
                        "id": "lotsen",
                        "module": "Baustein A",
                        "name": "Integrationslotsen",
                        "rates": [
                            {
                                "id": "ms.lotsen.2024",
                                "validFrom": "2024-01-01",
                                "annualPerPost": rate,
                                "guideline": "Ratsbeschluss vom 12.12.2023",
                            }
                        ],
                    }
                ],
            }
        ],
    }


def test_without_an_office_copy_the_shipped_catalogue_is_in_force(uow_factory: Any) -> None:
    assert office_catalogue(uow_factory) == default_catalogue()
    assert office_catalogue(None) == default_catalogue()


def test_an_office_adds_a_programme_without_a_release(uow_factory: Any, db: dict[str, Any]) -> None:
    catalogue = import_catalogue(uow_factory, new_programme())
    assert [p.programme_id for p in catalogue.programmes] == ["kim-nrw", "musterstadt-integration"]
    assert SETTINGS_KEY in db
    # A later session (new unit of work) sees it.
    again = office_catalogue(uow_factory)
    assert again.rate_for("musterstadt-integration", "lotsen", 2025).annual_per_post == Decimal("30000.00")
    # Importing the programme again with a new rate replaces it, the rest stays.
    import_catalogue(uow_factory, new_programme("31000.00"))
    after = office_catalogue(uow_factory)
    assert after.rate_for("musterstadt-integration", "lotsen", 2025).annual_per_post == Decimal("31000.00")
    assert after.programme("kim-nrw") == default_catalogue().programme("kim-nrw")


def test_an_office_can_change_a_kim_rate(uow_factory: Any) -> None:
    data = catalogue_to_data(default_catalogue())
    b3 = data["programmes"][0]["components"][3]
    b3["rates"][-1]["validTo"] = "2025-12-31"
    b3["rates"].append(
        {
            "id": "kim-nrw.b3.2026",
            "validFrom": "2026-01-01",
            "annualPerPost": "52000.00",
            "guideline": "RL 2026",
        }
    )
    import_catalogue(uow_factory, data)
    _, figures = compute(
        office_catalogue(uow_factory), "kim-nrw", "b3-immigration-offices", Decimal("1"), 2026, 2026
    )
    assert figures.annual_grant == Decimal("52000.00")
    assert reset_catalogue(uow_factory) == default_catalogue()
    assert office_catalogue(uow_factory) == default_catalogue()


def test_a_broken_import_stores_nothing(uow_factory: Any, db: dict[str, Any]) -> None:
    broken = new_programme()
    broken["programmes"][0]["components"][0]["rates"][0]["annualPerPost"] = "-5"
    with pytest.raises(ValidationError, match=r"annualPerPost: Beträge liegen zwischen 0"):
        import_catalogue(uow_factory, broken)
    assert db == {}


def test_import_file_errors_are_german(uow_factory: Any, tmp_path: Path) -> None:
    bad = tmp_path / "katalog.json"
    bad.write_text("{nicht json", encoding="utf-8")
    with pytest.raises(ValidationError, match="keine gültige JSON-Datei"):
        import_catalogue_file(uow_factory, bad)
    with pytest.raises(ValidationError, match=r"die Datei .*fehlt\.json gibt es nicht"):
        import_catalogue_file(uow_factory, tmp_path / "fehlt.json")
    good = tmp_path / "gut.json"
    good.write_text(json.dumps(new_programme()), encoding="utf-8")
    assert len(import_catalogue_file(uow_factory, good).programmes) == 2


def test_refresh_fills_a_draft_and_leaves_a_released_paper_alone() -> None:
    catalogue = default_catalogue()
    module = FundingModule("kim-nrw", "b3-immigration-offices", Decimal("1"), 2020, 2022)
    draft = refresh_funding(Paper(funding_modules=[module]), catalogue)
    assert draft.financial_impact.choice is ImpactChoice.FOLLOWING
    assert draft.financial_impact.amounts[INCOME_ANNUAL] == Decimal("50000.00")
    assert draft.funding_modules[0].rate is not None

    released = Paper(funding_modules=[module], status=PaperStatus.RELEASED)
    assert refresh_funding(released, catalogue) is released


def test_demo_vorlagen_apply_for_baustein_3_and_2() -> None:
    b3, b2 = funding_papers(demo_organizations(), demo_persons())
    assert (b3.reference, b2.reference) == ("20/0340", "21/0012")
    assert b3.id == demo_id("paper:20/0340")
    assert b3.financial_impact.amounts[INCOME_ANNUAL] == Decimal("50000.00")
    assert b3.funding_modules[0].posts == Decimal("1.0")
    assert b2.financial_impact.amounts[INCOME_ANNUAL] == Decimal("171000.00")  # 3 × 57.000
    assert b2.financial_impact.amounts[EXPENSE_ANNUAL] == Decimal("216000.00")  # + Eigenanteil 45.000
    for paper in (b3, b2):
        assert validate_paper(paper) == []
    assert funding_papers(demo_organizations(), demo_persons())[0] == b3  # same every time


def test_refresh_keeps_an_override_only_when_the_clerk_keeps_it() -> None:
    (b3, _) = funding_papers(demo_organizations(), demo_persons())
    computed = b3.financial_impact.amounts[EXPENSE_ANNUAL]
    b3.financial_impact = override_cell(b3.financial_impact, EXPENSE_ANNUAL, Decimal("61234.56"), computed)
    listed = overrides_to_decide(b3, default_catalogue())
    assert [(d.cell, d.typed, d.computed) for d in listed] == [
        (EXPENSE_ANNUAL, Decimal("61234.56"), computed)
    ]
    again = refresh_funding(b3, default_catalogue(), keep={EXPENSE_ANNUAL})
    assert again.financial_impact.amounts[EXPENSE_ANNUAL] == Decimal("61234.56")
    assert EXPENSE_ANNUAL in again.financial_impact.overridden
    replaced = refresh_funding(b3, default_catalogue())
    assert replaced.financial_impact.amounts[EXPENSE_ANNUAL] == computed
    assert replaced.financial_impact.overridden == set()
