"""The Fördermodule as the editor's table holds them (no Qt): typed text read back into FundingModules.

``read_rows`` parses every row, attaches the catalogue's rate, computes the annual grant shown in the
last column and names every problem with its Fördermodul.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kimdesk.domain.errors import KimdeskError
from kimdesk.domain.funding.catalogue import FundingCatalogue, attach_rate
from kimdesk.domain.funding.figures import compute_module
from kimdesk.domain.funding.module import (
    format_period,
    own_sources_of,
    parse_amounts_with_text,
    parse_period,
    parse_posts,
)
from kimdesk.domain.model import FundingModule, OwnContribution
from kimdesk.domain.money import ZERO
from kimdesk.l10n.formatting import format_money, format_posts
from kimdesk.l10n.i18n import _
from kimdesk.services.consultation_rows import next_row_key

#: (programme id, component id, label) of one Baustein a row may choose.
Choice = tuple[str, str, str]


def catalogue_choices(catalogue: FundingCatalogue) -> list[Choice]:
    return [
        (p.programme_id, c.component_id, f"{p.display_short} – {c.title}")
        for p in catalogue.programmes
        for c in p.components
    ]


def own_field(number: int) -> str:
    """The name of a row's Eigenanteil, in its editor and in its problems."""
    return _("Eigenanteil, Fördermodul {n}").format(n=number)


def extra_field(number: int) -> str:
    """The name of a row's amount the catalogue lacks, in its editor and in its problems."""
    return _("Zusatzbetrag, Fördermodul {n}").format(n=number)


def amounts_text(entries: Sequence[tuple[Decimal, str]]) -> str:
    """``1.000,00 Integrationspauschale § 14c TIntG; 500,00`` — how the table shows amounts with texts."""
    return "; ".join(f"{format_money(amount, symbol=False)} {text}".strip() for amount, text in entries)


def own_text(sources: Sequence[OwnContribution]) -> str:
    return amounts_text([(s.amount, s.source) for s in sources])


@dataclass
class FundingRow:
    """One Fördermodul as typed; ``original`` keeps what the text does not show (notes, rate, id)."""

    original: FundingModule
    programme: str = ""
    component: str = ""
    posts: str = ""
    years: str = ""
    own_contribution: str = ""
    extra: str = ""
    key: int = field(default_factory=next_row_key)

    @classmethod
    def of(cls, module: FundingModule, choices: Sequence[Choice]) -> FundingRow:
        programme, component = module.programme, module.component
        if not programme and choices:  # nothing chosen yet: the first Baustein, as the list shows it
            programme, component = choices[0][0], choices[0][1]
        extra = (
            [(module.extra_amount, module.extra_reason)] if module.extra_amount or module.extra_reason else []
        )
        return cls(
            original=module,
            programme=programme,
            component=component,
            posts=format_posts(module.posts),
            years=format_period(module),
            own_contribution=own_text(module.own_sources),
            extra=amounts_text(extra),
        )

    def choices(self, catalogue_choices: Sequence[Choice]) -> list[Choice]:
        """The Bausteine this row offers: the catalogue's, plus its own when the catalogue lacks it."""
        own = (self.programme, self.component)
        if not self.programme or any((p, c) == own for p, c, _label in catalogue_choices):
            return list(catalogue_choices)
        return [*catalogue_choices, (self.programme, self.component, f"{self.programme} – {self.component}")]


@dataclass
class FundingReading:
    """What the rows say: the modules, the problems, each row's annual grant as shown, the totals line."""

    modules: list[FundingModule]
    problems: list[str]
    grants: list[str]
    totals: str


def _read_row(row: FundingRow, number: int) -> tuple[FundingModule, list[str]]:
    where = _("Fördermodul {n}").format(n=number)
    original = row.original
    problems: list[str] = []
    try:
        posts = parse_posts(row.posts, f"{where}, {_('Stellen')}")
    except KimdeskError as exc:
        problems.append(exc.message)
        posts = original.posts
    try:
        start, start_month, end, end_month = parse_period(row.years, f"{where}, {_('Zeitraum')}")
    except KimdeskError as exc:
        problems.append(exc.message)
        start, start_month = original.start_year, original.start_month
        end, end_month = original.end_year, original.end_month
    try:
        sources = own_sources_of(parse_amounts_with_text(row.own_contribution, own_field(number)))
    except KimdeskError as exc:
        problems.append(exc.message)
        sources = list(original.own_sources)
    extra_amount, extra_reason = original.extra_amount, original.extra_reason
    try:
        extras = parse_amounts_with_text(row.extra, extra_field(number), negative=True)
        if len(extras) > 1:
            problems.append(_("{field}: nur ein Betrag mit seinem Grund").format(field=extra_field(number)))
        extra_amount, extra_reason = extras[0] if extras else (ZERO, "")
    except KimdeskError as exc:
        problems.append(exc.message)
    same_rate = (row.programme, row.component, start) == (
        original.programme,
        original.component,
        original.start_year,
    )
    module = FundingModule(
        programme=row.programme,
        component=row.component,
        posts=posts,
        start_year=start,
        end_year=end,
        start_month=start_month,
        end_month=end_month,
        own_sources=sources,
        extra_amount=extra_amount,
        extra_reason=extra_reason,
        notes=original.notes,
        rate=original.rate if same_rate else None,
        id=original.id,
    )
    return module, problems


def read_rows(rows: Sequence[FundingRow], catalogue: FundingCatalogue) -> FundingReading:
    modules: list[FundingModule] = []
    problems: list[str] = []
    grants: list[str] = []
    annual = ZERO
    for number, row in enumerate(rows, 1):
        module, row_problems = _read_row(row, number)
        problems.extend(row_problems)
        try:
            module = attach_rate(module, catalogue)
            figures = compute_module(module, _("Fördermodul {n}").format(n=number))
            grants.append(format_money(figures.annual_grant, symbol=False))
            annual += figures.annual_grant
        except KimdeskError as exc:
            grants.append("–")
            problems.append(exc.message)
        modules.append(module)
    totals = (
        _("Zuschuss zusammen: {amount} je Jahr, {posts} Stellen").format(
            amount=format_money(annual), posts=format_posts(sum((m.posts for m in modules), Decimal(0)))
        )
        if modules
        else _("Keine Fördermodule.")
    )
    return FundingReading(modules, problems, grants, totals)
