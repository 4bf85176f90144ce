"""Use cases on funding: the catalogue (shipped default + the office's copy), computing, filling the table.

The shipped catalogue lives in ``resources/funding/*.json``. An office's own programmes and rates are
stored as a whole catalogue under the setting ``funding_catalogue``; it is laid over the shipped one
programme by programme (an office programme with the same id replaces the shipped one), so a new
programme or a new rate needs no release of kimdesk.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Collection, Sequence
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from kimdesk.domain.errors import ValidationError
from kimdesk.domain.funding.catalogue import FundingCatalogue, attach_rate
from kimdesk.domain.funding.catalogue_data import catalogue_from_data, catalogue_to_data
from kimdesk.domain.funding.figures import ModuleFigures, compute_module
from kimdesk.domain.funding.proposal import Disagreement, apply_proposal, disagreeing_overrides, propose_cells
from kimdesk.domain.model import Cell, FundingModule, OwnContribution, Paper
from kimdesk.domain.money import ZERO
from kimdesk.resources import resource_path
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

SETTINGS_KEY = "funding_catalogue"


def _read_json(path: Path) -> Any:
    try:
        with path.open(encoding="utf-8") as handle:
            return json.load(handle)
    except FileNotFoundError as exc:
        raise ValidationError(f"Förderkatalog: die Datei {path} gibt es nicht.") from exc
    except PermissionError as exc:
        raise ValidationError(f"Förderkatalog: keine Leserechte für {path}.") from exc
    except OSError as exc:
        raise ValidationError(f"Förderkatalog: {path} kann nicht gelesen werden ({exc.strerror}).") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValidationError(f"Förderkatalog: {path} ist keine gültige JSON-Datei ({exc}).") from exc


@lru_cache(maxsize=1)
def default_catalogue() -> FundingCatalogue:
    """The catalogue shipped with kimdesk: every ``resources/funding/*.json``, merged in name order."""
    catalogue = FundingCatalogue()
    for path in sorted(resource_path("funding").glob("*.json")):
        catalogue = catalogue.merged(catalogue_from_data(_read_json(path)))
    return catalogue


def _stored_office_catalogue(uow: UnitOfWork) -> FundingCatalogue:
    data = uow.settings.get(SETTINGS_KEY)
    if data is None:
        return FundingCatalogue()
    try:
        return catalogue_from_data(data)
    except ValidationError as exc:
        raise ValidationError(
            f"Der gespeicherte Förderkatalog des Amtes ist ungültig – bitte neu importieren. {exc.message}",
            exc.problems,
        ) from exc


def office_catalogue(uow_factory: UnitOfWorkFactory | None) -> FundingCatalogue:
    """The catalogue in force: the shipped one with the office's programmes laid over it."""
    if uow_factory is None:
        return default_catalogue()
    with uow_factory() as uow:
        own = _stored_office_catalogue(uow)
    return default_catalogue().merged(own)


def import_catalogue(uow_factory: UnitOfWorkFactory, data: Any) -> FundingCatalogue:
    """Check ``data`` and store its programmes as the office's own (adding or replacing by id).

    Nothing is stored if anything in ``data`` is wrong. Returns the catalogue now in force.
    """
    incoming = catalogue_from_data(data)
    if not incoming.programmes:
        raise ValidationError("Förderkatalog: die Datei enthält kein Förderprogramm.")
    with uow_factory() as uow:
        own = _stored_office_catalogue(uow).merged(incoming)
        uow.settings.put(SETTINGS_KEY, catalogue_to_data(own))
        uow.commit()
    return default_catalogue().merged(own)


def import_catalogue_file(uow_factory: UnitOfWorkFactory, path: Path) -> FundingCatalogue:
    return import_catalogue(uow_factory, _read_json(path))


def reset_catalogue(uow_factory: UnitOfWorkFactory) -> FundingCatalogue:
    """Drop the office's own programmes: the shipped catalogue is in force again."""
    with uow_factory() as uow:
        uow.settings.delete(SETTINGS_KEY)
        uow.commit()
    return default_catalogue()


def compute(
    catalogue: FundingCatalogue,
    programme: str,
    component: str,
    posts: Decimal,
    start_year: int,
    end_year: int,
    own_contribution: Decimal = ZERO,
    *,
    start_month: int = 1,
    end_month: int = 12,
) -> tuple[FundingModule, ModuleFigures]:
    """A module with its rate attached, and its per-year figures (months: pro rata)."""
    module = attach_rate(
        FundingModule(
            programme=programme,
            component=component,
            posts=posts,
            start_year=start_year,
            end_year=end_year,
            own_sources=[OwnContribution(own_contribution)] if own_contribution else [],
            start_month=start_month,
            end_month=end_month,
        ),
        catalogue,
    )
    return module, compute_module(module)


def computed_cells(modules: Sequence[FundingModule], catalogue: FundingCatalogue) -> dict[Cell, Decimal]:
    """The NKF figures the modules propose right now; empty when there are none or they are incomplete."""
    if not modules:
        return {}
    try:
        return propose_cells([attach_rate(m, catalogue) for m in modules])
    except ValidationError:
        return {}


def overrides_to_decide(paper: Paper, catalogue: FundingCatalogue) -> list[Disagreement]:
    """The overrides "Tabelle übernehmen" would change: the clerk keeps or replaces each one."""
    if paper.is_locked or not paper.funding_modules:
        return []
    return disagreeing_overrides(paper.financial_impact, computed_cells(paper.funding_modules, catalogue))


def refresh_funding(
    paper: Paper,
    catalogue: FundingCatalogue,
    *,
    keep: Collection[Cell] = (),
    refresh_rates: bool = False,
) -> Paper:
    """The Vorlage with rates attached to its modules and the proposed cells filled in.

    A Vorlage that is no longer a draft is returned unchanged: its figures are final. Modules that
    hold a rate keep it unless ``refresh_rates``. Overrides stay only for the cells in ``keep`` (see
    :func:`overrides_to_decide`); the others take the computed figure. Returns a new object.
    """
    if paper.is_locked or not paper.funding_modules:
        return paper
    modules = [attach_rate(m, catalogue, refresh=refresh_rates) for m in paper.funding_modules]
    impact = apply_proposal(paper.financial_impact, propose_cells(modules), keep)
    return dataclasses.replace(paper, funding_modules=modules, financial_impact=impact)
