"""Funding programmes, their flat rates as dated data, and what a funding module costs and brings in.

The catalogue (programmes → components (Bausteine) → dated flat rates) is data: the shipped default lives
in ``resources/funding/*.json``, an office's edited copy in the database. A new Richtlinie is a new rate
entry with its own ``validFrom``; nothing here hard-codes an amount.

A :class:`~kimdesk.domain.model.FundingModule` is computed with the :class:`RateSnapshot` frozen into it
(:func:`attach_rate`), so a later change of the catalogue never alters a Vorlage already released.

Figures of one module (:func:`compute_module`), per year of the funding period:

* grant (Zuschuss) = posts × annual rate per full post, rounded half-up to the cent only if the
  product has more than two decimals;
* one-off = posts (full-time workplaces) × one-off rate per post, in the first year only;
* personnel expense = grant + own contribution (Eigenanteil, per year): the posts cost what the grant
  covers plus what the municipality adds.

Mapping onto the NKF table (:func:`propose_cells`); "jährlich" is one year's figure, and where
modules cover different years it is the figure of the year with the highest sum:

=====================================================  =============================================
Cell                                                   Proposed figure
=====================================================  =============================================
Ertrag jährlich                                        sum of the annual grants
Ertrag jährlich, darin Zuwendungen und Zuschüsse       the same
Ertrag einmalig                                        sum of the one-off grants (workplaces)
Ertrag einmalig, darin Zuwendungen und Zuschüsse       the same
Aufwand jährlich                                       sum of the annual personnel expense
Aufwand jährlich, darin Personalaufwand                the same
Aufwand einmalig                                       sum of the one-off workplace costs
Aufwand einmalig, darin Sach- und Dienstleistungen     the same
=====================================================  =============================================

Cells with a zero figure are not proposed (``amounts`` holds only filled cells).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import Any

from kimdesk.domain.errors import NotFoundError, Problem, ValidationError
from kimdesk.domain.model import (
    Cell,
    FinanceRow,
    FinancialImpact,
    FundingModule,
    ImpactChoice,
    Period,
    RateSnapshot,
)
from kimdesk.domain.money import CENT, MAX_AMOUNT, ZERO, has_at_most_cents, round_cents

CATALOGUE_FORMAT = "kimdesk-funding-catalogue"
CATALOGUE_VERSION = 1
#: FTE per module: more would be a typing error, not a municipality's plan.
MAX_POSTS = Decimal("1000")
#: Full-time equivalents are written with at most three decimals (0,375 = 15 of 40 hours).
POSTS_EXPONENT = Decimal("0.001")
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


# --------------------------------------------------------------------------------------------------
# The catalogue


@dataclass(frozen=True, slots=True)
class FlatRate:
    """One dated flat rate (Pauschale) of a component, from one Richtlinie.

    Amounts are per FULL post (FTE 1,0): Baustein 3's "25.000 € per half post" is 50.000,00 here.
    """

    rate_id: str
    valid_from: date
    annual_per_post: Decimal
    one_off_per_post: Decimal = ZERO
    valid_to: date | None = None
    #: How the Richtlinie states it, for people ("25.000 € je halbe Stelle und Jahr").
    label: str = ""
    guideline: str = ""
    #: The rate is a maximum ("bis zu"): the grant may be lower if the costs are.
    upper_limit: bool = False
    #: Remarks of whoever maintains the catalogue (e.g. that a rate was carried over).
    note: str = ""

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)

    def overlaps_year(self, year: int) -> bool:
        return self.valid_from <= date(year, 12, 31) and (
            self.valid_to is None or self.valid_to >= date(year, 1, 1)
        )

    @property
    def validity_text(self) -> str:
        start = f"{self.valid_from:%d.%m.%Y}"
        return f"ab {start}" if self.valid_to is None else f"{start} – {self.valid_to:%d.%m.%Y}"


@dataclass(frozen=True, slots=True)
class FundingComponent:
    """A Baustein of a programme, with its rates in order of validity."""

    component_id: str
    module: str
    name: str
    rates: tuple[FlatRate, ...] = ()
    description: str = ""

    @property
    def title(self) -> str:
        """ "Baustein 3: Stellen in Ausländer- und Einbürgerungsbehörden"."""
        return f"{self.module}: {self.name}" if self.module else self.name


@dataclass(frozen=True, slots=True)
class FundingProgramme:
    programme_id: str
    name: str
    components: tuple[FundingComponent, ...] = ()
    short_name: str = ""
    legal_basis: str = ""
    provider: str = ""

    @property
    def display_short(self) -> str:
        return self.short_name or self.name

    def component(self, component_id: str) -> FundingComponent:
        for component in self.components:
            if component.component_id == component_id:
                return component
        known = ", ".join(c.component_id for c in self.components) or "keine"
        raise NotFoundError(
            f"Baustein „{component_id}“ gibt es im Förderprogramm „{self.display_short}“ nicht "
            f"(vorhanden: {known})."
        )


@dataclass(frozen=True, slots=True)
class FundingCatalogue:
    programmes: tuple[FundingProgramme, ...] = ()

    def programme(self, programme_id: str) -> FundingProgramme:
        for programme in self.programmes:
            if programme.programme_id == programme_id:
                return programme
        known = ", ".join(p.programme_id for p in self.programmes) or "keine"
        raise NotFoundError(
            f"Förderprogramm „{programme_id}“ ist nicht im Förderkatalog (vorhanden: {known})."
        )

    def component(self, programme_id: str, component_id: str) -> FundingComponent:
        return self.programme(programme_id).component(component_id)

    def rate_for(self, programme_id: str, component_id: str, when: int | date) -> FlatRate:
        """The rate that applies in a year or on a day.

        For a year: the rate valid on 1 January, else the first one that starts within the year
        (a programme that begins mid-year funds that year at its first rate).
        """
        programme = self.programme(programme_id)
        component = programme.component(component_id)
        rates = sorted(component.rates, key=lambda r: r.valid_from)
        if isinstance(when, date):
            found = [r for r in rates if r.applies_on(when)]
            when_text = f"am {when:%d.%m.%Y}"
        else:
            found = [r for r in rates if r.applies_on(date(when, 1, 1))] or [
                r for r in rates if r.overlaps_year(when)
            ]
            when_text = f"für {when}"
        if found:
            return found[-1] if isinstance(when, date) else found[0]
        known = "; ".join(r.validity_text for r in rates) or "keine Pauschalen hinterlegt"
        raise ValidationError(
            f"{programme.display_short}, {component.title}: {when_text} gilt keine Pauschale "
            f"(Gültigkeit: {known})."
        )

    def merged(self, other: FundingCatalogue) -> FundingCatalogue:
        """This catalogue with the programmes of ``other`` added or, by id, replaced."""
        replaced = {p.programme_id: p for p in other.programmes}
        kept = [replaced.pop(p.programme_id, p) for p in self.programmes]
        return FundingCatalogue((*kept, *replaced.values()))


def snapshot_of(programme: FundingProgramme, component: FundingComponent, rate: FlatRate) -> RateSnapshot:
    return RateSnapshot(
        rate_id=rate.rate_id,
        label=f"{programme.display_short} – {component.title}",
        annual_per_post=rate.annual_per_post,
        one_off_per_post=rate.one_off_per_post,
        valid_from=rate.valid_from,
        guideline=rate.guideline,
    )


def attach_rate(
    module: FundingModule, catalogue: FundingCatalogue, *, refresh: bool = False
) -> FundingModule:
    """The module with the rate valid in its start year frozen in.

    A module that already holds a snapshot keeps it unless ``refresh`` is asked for explicitly —
    a rate change never alters a Vorlage already computed or released. Returns a new object.
    """
    if module.rate is not None and not refresh:
        return module
    programme = catalogue.programme(module.programme)
    component = programme.component(module.component)
    rate = catalogue.rate_for(module.programme, module.component, module.start_year)
    return FundingModule(
        programme=module.programme,
        component=module.component,
        posts=module.posts,
        start_year=module.start_year,
        end_year=module.end_year,
        own_contribution=module.own_contribution,
        notes=module.notes,
        rate=snapshot_of(programme, component, rate),
        id=module.id,
    )


# --------------------------------------------------------------------------------------------------
# Reading and writing the catalogue as JSON-compatible data


class _Reader:
    """Collects every problem of a catalogue file, each named by its JSON path."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def bad(self, path: str, message: str) -> None:
        self.problems.append(Problem(path or "Förderkatalog", message))

    def obj(self, value: Any, path: str) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            self.bad(path, "muss ein Objekt sein")
            return {}
        return value

    def items(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            self.bad(path, "muss eine Liste sein")
            return []
        return value

    def known_keys(self, data: Mapping[str, Any], allowed: set[str], path: str) -> None:
        for key in data:
            if key not in allowed:
                self.bad(f"{path}.{key}" if path else key, "unbekanntes Feld (Tippfehler?)")

    def text(self, data: Mapping[str, Any], key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key, "")
        if not isinstance(value, str):
            self.bad(f"{path}.{key}", "muss ein Text sein")
            return ""
        if required and not value.strip():
            self.bad(f"{path}.{key}", "fehlt")
        return value

    def ident(self, data: Mapping[str, Any], path: str) -> str:
        value = self.text(data, "id", path, required=True)
        if value and not re.fullmatch(r"[a-z0-9][a-z0-9._-]*", value):
            self.bad(f"{path}.id", f"„{value}“: nur Kleinbuchstaben, Ziffern, Punkt, - und _ verwenden")
        return value

    def day(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> date | None:
        value = data.get(key)
        if value is None:
            if required:
                self.bad(f"{path}.{key}", "fehlt")
            return None
        if not (isinstance(value, str) and _is_iso_date(value)):
            self.bad(f"{path}.{key}", f"„{value}“ ist kein Datum im Format JJJJ-MM-TT")
            return None
        return date.fromisoformat(value)

    def amount(self, data: Mapping[str, Any], key: str, path: str, *, required: bool) -> Decimal:
        value = data.get(key)
        where = f"{path}.{key}"
        if value is None:
            if required:
                self.bad(where, "fehlt")
            return ZERO
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.bad(where, f'„{value}“ ist kein Betrag (Beispiel: "57000.00")')
            return ZERO
        try:
            amount = Decimal(str(value))
        except InvalidOperation:
            self.bad(where, f'„{value}“ ist kein Betrag (Beispiel: "57000.00")')
            return ZERO
        if not amount.is_finite() or amount < 0 or amount > MAX_AMOUNT:
            self.bad(where, "Beträge liegen zwischen 0 und 999.999.999,99 €")
            return ZERO
        if not has_at_most_cents(amount):
            self.bad(where, "Beträge haben höchstens zwei Nachkommastellen (Cent)")
            return ZERO
        return amount.quantize(CENT)

    def flag(self, data: Mapping[str, Any], key: str, path: str) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            self.bad(f"{path}.{key}", "muss true oder false sein")
            return False
        return value


def _is_iso_date(value: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


_PROGRAMME_KEYS = {"id", "name", "shortName", "legalBasis", "provider", "components"}
_COMPONENT_KEYS = {"id", "module", "name", "description", "rates"}
_RATE_KEYS = {
    "id",
    "validFrom",
    "validTo",
    "annualPerPost",
    "oneOffPerPost",
    "upperLimit",
    "label",
    "guideline",
    "note",
}


def catalogue_from_data(data: Any) -> FundingCatalogue:
    """Read and check a catalogue; ValidationError listing every problem with its JSON path.

    This reader is the one description of the catalogue format (``kimdesk funding export`` writes one).
    """
    reader = _Reader()
    root = reader.obj(data, "")
    reader.known_keys(root, {"format", "version", "programmes"}, "")
    if root:
        if root.get("format") != CATALOGUE_FORMAT:
            reader.bad("format", f"muss „{CATALOGUE_FORMAT}“ lauten – ist das ein Förderkatalog?")
        if root.get("version") != CATALOGUE_VERSION:
            reader.bad("version", f"Version {root.get('version')!r} wird nicht unterstützt (erwartet: 1)")
    programmes: list[FundingProgramme] = []
    seen_programmes: set[str] = set()
    seen_rates: set[str] = set()
    for p_index, p_raw in enumerate(reader.items(root.get("programmes", []), "programmes")):
        p_path = f"programmes[{p_index}]"
        p_data = reader.obj(p_raw, p_path)
        if not p_data:
            continue
        reader.known_keys(p_data, _PROGRAMME_KEYS, p_path)
        programme_id = reader.ident(p_data, p_path)
        if programme_id in seen_programmes:
            reader.bad(f"{p_path}.id", f"„{programme_id}“ kommt doppelt vor")
        seen_programmes.add(programme_id)
        components: list[FundingComponent] = []
        seen_components: set[str] = set()
        for c_index, c_raw in enumerate(reader.items(p_data.get("components", []), f"{p_path}.components")):
            c_path = f"{p_path}.components[{c_index}]"
            c_data = reader.obj(c_raw, c_path)
            if not c_data:
                continue
            reader.known_keys(c_data, _COMPONENT_KEYS, c_path)
            component_id = reader.ident(c_data, c_path)
            if component_id in seen_components:
                reader.bad(f"{c_path}.id", f"„{component_id}“ kommt doppelt vor")
            seen_components.add(component_id)
            rates: list[FlatRate] = []
            for r_index, r_raw in enumerate(reader.items(c_data.get("rates", []), f"{c_path}.rates")):
                r_path = f"{c_path}.rates[{r_index}]"
                r_data = reader.obj(r_raw, r_path)
                if not r_data:
                    continue
                reader.known_keys(r_data, _RATE_KEYS, r_path)
                rate_id = reader.ident(r_data, r_path)
                if rate_id in seen_rates:
                    reader.bad(
                        f"{r_path}.id", f"„{rate_id}“ kommt doppelt vor (Pauschalen-IDs sind eindeutig)"
                    )
                seen_rates.add(rate_id)
                valid_from = reader.day(r_data, "validFrom", r_path, required=True)
                valid_to = reader.day(r_data, "validTo", r_path, required=False)
                if valid_from and valid_to and valid_to < valid_from:
                    reader.bad(f"{r_path}.validTo", "liegt vor validFrom")
                rate = FlatRate(
                    rate_id=rate_id,
                    valid_from=valid_from or date.min,
                    valid_to=valid_to,
                    annual_per_post=reader.amount(r_data, "annualPerPost", r_path, required=True),
                    one_off_per_post=reader.amount(r_data, "oneOffPerPost", r_path, required=False),
                    label=reader.text(r_data, "label", r_path),
                    guideline=reader.text(r_data, "guideline", r_path, required=True),
                    upper_limit=reader.flag(r_data, "upperLimit", r_path),
                    note=reader.text(r_data, "note", r_path),
                )
                rates.append(rate)
            rates.sort(key=lambda r: r.valid_from)
            for earlier, later in pairwise(rates):
                if earlier.valid_to is None or earlier.valid_to >= later.valid_from:
                    reader.bad(
                        f"{c_path}.rates",
                        f"Gültigkeit von „{earlier.rate_id}“ und „{later.rate_id}“ überschneidet sich "
                        "(validTo der früheren Pauschale vor validFrom der späteren setzen)",
                    )
            components.append(
                FundingComponent(
                    component_id=component_id,
                    module=reader.text(c_data, "module", c_path),
                    name=reader.text(c_data, "name", c_path, required=True),
                    description=reader.text(c_data, "description", c_path),
                    rates=tuple(rates),
                )
            )
        programmes.append(
            FundingProgramme(
                programme_id=programme_id,
                name=reader.text(p_data, "name", p_path, required=True),
                short_name=reader.text(p_data, "shortName", p_path),
                legal_basis=reader.text(p_data, "legalBasis", p_path),
                provider=reader.text(p_data, "provider", p_path),
                components=tuple(components),
            )
        )
    if reader.problems:
        first = "; ".join(str(p) for p in reader.problems[:3])
        more = f" (und {len(reader.problems) - 3} weitere)" if len(reader.problems) > 3 else ""
        raise ValidationError(f"Förderkatalog ungültig: {first}{more}", reader.problems)
    return FundingCatalogue(tuple(programmes))


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != "" and v is not False}


def catalogue_to_data(catalogue: FundingCatalogue) -> dict[str, Any]:
    """The inverse of :func:`catalogue_from_data` (amounts as strings, dates ISO)."""
    return {
        "format": CATALOGUE_FORMAT,
        "version": CATALOGUE_VERSION,
        "programmes": [
            _compact(
                {
                    "id": p.programme_id,
                    "name": p.name,
                    "shortName": p.short_name,
                    "legalBasis": p.legal_basis,
                    "provider": p.provider,
                    "components": [
                        _compact(
                            {
                                "id": c.component_id,
                                "module": c.module,
                                "name": c.name,
                                "description": c.description,
                                "rates": [_rate_to_data(r) for r in c.rates],
                            }
                        )
                        for c in p.components
                    ],
                }
            )
            for p in catalogue.programmes
        ],
    }


def _rate_to_data(rate: FlatRate) -> dict[str, Any]:
    return _compact(
        {
            "id": rate.rate_id,
            "validFrom": rate.valid_from.isoformat(),
            "validTo": rate.valid_to.isoformat() if rate.valid_to else None,
            "annualPerPost": format(rate.annual_per_post, "f"),
            "oneOffPerPost": format(rate.one_off_per_post, "f") if rate.one_off_per_post else None,
            "upperLimit": rate.upper_limit,
            "label": rate.label,
            "guideline": rate.guideline,
            "note": rate.note,
        }
    )


# --------------------------------------------------------------------------------------------------
# What a module costs and brings in


@dataclass(frozen=True, slots=True)
class YearFigures:
    """One row of the per-year table."""

    year: int
    grant: Decimal
    personnel_expense: Decimal
    one_off: Decimal = ZERO

    @property
    def total_grant(self) -> Decimal:
        """Annual grant plus the one-off grant of this year."""
        return self.grant + self.one_off


@dataclass(frozen=True, slots=True)
class ModuleFigures:
    """Per-year rows and totals of one funding module (all amounts exact to the cent)."""

    rows: tuple[YearFigures, ...]
    annual_grant: Decimal
    annual_personnel_expense: Decimal
    one_off: Decimal
    own_contribution: Decimal = ZERO
    label: str = ""

    @property
    def years(self) -> list[int]:
        return [row.year for row in self.rows]

    @property
    def total_grant(self) -> Decimal:
        """Annual grants over the period plus the one-off grant."""
        return sum((row.total_grant for row in self.rows), ZERO)

    @property
    def total_annual_grants(self) -> Decimal:
        return sum((row.grant for row in self.rows), ZERO)

    @property
    def total_personnel_expense(self) -> Decimal:
        return sum((row.personnel_expense for row in self.rows), ZERO)


def module_problems(module: FundingModule, where: str = "Fördermodul") -> list[Problem]:
    """What keeps a module from being computed: posts, period, own contribution."""
    problems: list[Problem] = []
    if not module.posts.is_finite() or module.posts <= 0:
        problems.append(Problem(f"{where}, Stellen", "muss größer als 0 sein"))
    elif module.posts > MAX_POSTS:
        problems.append(Problem(f"{where}, Stellen", "höchstens 1.000 Stellen je Fördermodul"))
    elif module.posts != module.posts.quantize(POSTS_EXPONENT):
        problems.append(Problem(f"{where}, Stellen", "höchstens drei Nachkommastellen (z. B. 0,375)"))
    for label, year in (("Beginn", module.start_year), ("Ende", module.end_year)):
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            problems.append(
                Problem(f"{where}, Förderzeitraum", f"{label} {year} liegt nicht zwischen 1990 und 2100")
            )
    if module.end_year < module.start_year:
        problems.append(Problem(f"{where}, Förderzeitraum", "Ende liegt vor dem Beginn"))
    own = module.own_contribution
    if not own.is_finite() or own < 0 or own > MAX_AMOUNT:
        problems.append(Problem(f"{where}, Eigenanteil", "Beträge liegen zwischen 0 und 999.999.999,99 €"))
    elif not has_at_most_cents(own):
        problems.append(
            Problem(f"{where}, Eigenanteil", "Beträge haben höchstens zwei Nachkommastellen (Cent)")
        )
    return problems


def compute_module(module: FundingModule, where: str = "Fördermodul") -> ModuleFigures:
    """Per-year grants, personnel expense and one-off costs from the module's rate snapshot."""
    problems = module_problems(module, where)
    if module.rate is None:
        problems.append(Problem(f"{where}, Pauschale", "noch keine Pauschale zugeordnet (erst berechnen)"))
    if problems:
        raise ValidationError("; ".join(str(p) for p in problems), problems)
    assert module.rate is not None
    grant = round_cents(module.posts * module.rate.annual_per_post)
    one_off = round_cents(module.posts * module.rate.one_off_per_post)
    own = module.own_contribution.quantize(CENT)
    expense = grant + own
    rows = tuple(
        YearFigures(year, grant, expense, one_off if index == 0 else ZERO)
        for index, year in enumerate(module.years)
    )
    return ModuleFigures(
        rows=rows,
        annual_grant=grant,
        annual_personnel_expense=expense,
        one_off=one_off,
        own_contribution=own,
        label=module.rate.label,
    )


def yearly_totals(figures: Iterable[ModuleFigures]) -> tuple[YearFigures, ...]:
    """The per-year rows of several modules added up, years in order."""
    by_year: dict[int, list[YearFigures]] = {}
    for figure in figures:
        for row in figure.rows:
            by_year.setdefault(row.year, []).append(row)
    return tuple(
        YearFigures(
            year,
            sum((r.grant for r in rows), ZERO),
            sum((r.personnel_expense for r in rows), ZERO),
            sum((r.one_off for r in rows), ZERO),
        )
        for year, rows in sorted(by_year.items())
    )


#: Every cell that :func:`propose_cells` may fill.
DERIVED_CELLS: frozenset[Cell] = frozenset(
    {
        (FinanceRow.INCOME, Period.ANNUAL),
        (FinanceRow.INCOME_GRANTS, Period.ANNUAL),
        (FinanceRow.INCOME, Period.ONE_OFF),
        (FinanceRow.INCOME_GRANTS, Period.ONE_OFF),
        (FinanceRow.EXPENSE, Period.ANNUAL),
        (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL),
        (FinanceRow.EXPENSE, Period.ONE_OFF),
        (FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF),
    }
)


def propose_cells(modules: Sequence[FundingModule]) -> dict[Cell, Decimal]:
    """The NKF cells derived from the modules (see the module docstring for the mapping).

    Every module needs its rate snapshot (:func:`attach_rate`); ValidationError naming the module if not.
    """
    figures = [compute_module(m, f"Fördermodul {n}") for n, m in enumerate(modules, start=1)]
    if not figures:
        return {}
    per_year = yearly_totals(figures)
    annual_income = max((row.grant for row in per_year), default=ZERO)
    annual_expense = max((row.personnel_expense for row in per_year), default=ZERO)
    one_off = sum((f.one_off for f in figures), ZERO)
    proposal: dict[Cell, Decimal] = {
        (FinanceRow.INCOME, Period.ANNUAL): annual_income,
        (FinanceRow.INCOME_GRANTS, Period.ANNUAL): annual_income,
        (FinanceRow.INCOME, Period.ONE_OFF): one_off,
        (FinanceRow.INCOME_GRANTS, Period.ONE_OFF): one_off,
        (FinanceRow.EXPENSE, Period.ANNUAL): annual_expense,
        (FinanceRow.EXPENSE_PERSONNEL, Period.ANNUAL): annual_expense,
        (FinanceRow.EXPENSE, Period.ONE_OFF): one_off,
        (FinanceRow.EXPENSE_MATERIAL, Period.ONE_OFF): one_off,
    }
    return {cell: value for cell, value in proposal.items() if value != 0}


def apply_proposal(impact: FinancialImpact, proposal: Mapping[Cell, Decimal]) -> FinancialImpact:
    """The impact with the proposed figures filled in; a new object.

    Overridden cells stay as the clerk typed them. Derived cells that the proposal no longer fills
    (a module was removed) are cleared unless overridden; other cells the clerk filled are kept.
    An empty proposal (no modules) changes nothing. Anything proposed sets the box to "folgende".
    """
    if not proposal:
        return FinancialImpact(
            impact.choice, dict(impact.amounts), set(impact.overridden), impact.budget_available
        )
    amounts = {
        cell: value
        for cell, value in impact.amounts.items()
        if cell in impact.overridden or cell not in DERIVED_CELLS
    }
    for cell, value in proposal.items():
        if cell not in impact.overridden:
            amounts[cell] = value
    return FinancialImpact(
        choice=ImpactChoice.FOLLOWING,
        amounts=amounts,
        overridden=set(impact.overridden),
        budget_available=impact.budget_available,
    )


def override_cell(impact: FinancialImpact, cell: Cell, value: Decimal | None) -> FinancialImpact:
    """The clerk types over a cell: the value (or an emptied cell) is kept and marked overridden."""
    amounts = dict(impact.amounts)
    if value is None:
        amounts.pop(cell, None)
    else:
        amounts[cell] = value
    return FinancialImpact(impact.choice, amounts, {*impact.overridden, cell}, impact.budget_available)


# --------------------------------------------------------------------------------------------------
# What clerks type for posts and periods


def parse_posts(text: str, field: str = "Stellen") -> Decimal:
    """Full-time equivalents as typed: ``0,5``, ``1``, ``3,5`` (a point is read as decimal too)."""
    raw = text.strip()
    cleaned = raw.replace(" ", "").replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d+)?|\.\d+", cleaned):
        raise ValidationError(f"{field}: „{raw}“ ist keine Stellenzahl (Beispiel: 0,5 oder 3,5).")
    value = Decimal(cleaned)
    if value <= 0:
        raise ValidationError(f"{field}: muss größer als 0 sein.")
    if value > MAX_POSTS:
        raise ValidationError(f"{field}: höchstens 1.000 Stellen je Fördermodul.")
    if value != value.quantize(POSTS_EXPONENT):
        raise ValidationError(f"{field}: höchstens drei Nachkommastellen (z. B. 0,375).")
    return value


def parse_years(text: str, field: str = "Förderzeitraum") -> tuple[int, int]:
    """``2020-2022``, ``2020–2022`` or a single year ``2021``: (start, end)."""
    raw = text.strip()
    match = re.fullmatch(r"(\d{4})(?:\s*[-–—/]\s*(\d{4}))?", raw)
    if not match:
        raise ValidationError(f"{field}: „{raw}“ ist kein Zeitraum (Beispiel: 2020-2022).")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if not (EARLIEST_YEAR <= start <= LATEST_YEAR and EARLIEST_YEAR <= end <= LATEST_YEAR):
        raise ValidationError(f"{field}: Jahre zwischen {EARLIEST_YEAR} und {LATEST_YEAR} angeben.")
    if end < start:
        raise ValidationError(f"{field}: Ende {end} liegt vor dem Beginn {start}.")
    return start, end
