"""The funding catalogue: programmes → components (Bausteine) → dated flat rates, and freezing a rate.

The catalogue is data: the shipped default lives in ``resources/funding/*.json``, an office's edited copy
in the database (read and written by :mod:`kimdesk.domain.funding.catalogue_data`). A new Richtlinie is
a new rate entry with its own ``validFrom``; nothing here hard-codes an amount.

A :class:`~kimdesk.domain.model.FundingModule` is computed with the :class:`RateSnapshot` frozen into it
(:func:`attach_rate`), so a later change of the catalogue never alters a Vorlage already released.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from kimdesk.domain.errors import NotFoundError, ValidationError
from kimdesk.domain.model import FundingModule, RateSnapshot
from kimdesk.domain.money import ZERO


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
    return replace(module, rate=snapshot_of(programme, component, rate))
