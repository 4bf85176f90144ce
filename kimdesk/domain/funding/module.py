"""What a funding module may hold: the limits on posts and period, and reading what clerks type for them."""

from __future__ import annotations

import re
from decimal import Decimal

from kimdesk.domain.errors import Problem, ValidationError
from kimdesk.domain.model import FundingModule
from kimdesk.domain.money import MAX_AMOUNT, has_at_most_cents

#: FTE per module: more would be a typing error, not a municipality's plan.
MAX_POSTS = Decimal("1000")
#: Full-time equivalents are written with at most three decimals (0,375 = 15 of 40 hours).
POSTS_EXPONENT = Decimal("0.001")
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100


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
