"""What a funding module may hold: the limits on posts and period, and reading what clerks type for them."""

from __future__ import annotations

import calendar
import re
from decimal import Decimal

from kimdesk.domain.errors import Problem, ValidationError
from kimdesk.domain.model import FundingModule, OwnContribution
from kimdesk.domain.money import MAX_AMOUNT, has_at_most_cents, parse_money

#: FTE per module: more would be a typing error, not a municipality's plan.
MAX_POSTS = Decimal("1000")
#: Full-time equivalents are written with at most three decimals (0,375 = 15 of 40 hours).
POSTS_EXPONENT = Decimal("0.001")
EARLIEST_YEAR = 1990
LATEST_YEAR = 2100
#: Sources of one Eigenanteil, and the length of a source's or an extra amount's text.
MAX_SOURCES = 10
MAX_SOURCE_TEXT = 500


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
    for label, month in (("Beginn", module.start_month), ("Ende", module.end_month)):
        if not 1 <= month <= 12:
            problems.append(Problem(f"{where}, Förderzeitraum", f"{label}: Monat {month} gibt es nicht"))
    if (module.end_year, module.end_month) < (module.start_year, module.start_month):
        problems.append(Problem(f"{where}, Förderzeitraum", "Ende liegt vor dem Beginn"))
    if len(module.own_sources) > MAX_SOURCES:
        problems.append(Problem(f"{where}, Eigenanteil", f"höchstens {MAX_SOURCES} Quellen"))
    for source in module.own_sources:
        problems.extend(
            _amount_problems(source.amount, source.source, f"{where}, Eigenanteil", negative=False)
        )
    if module.extra_amount or module.extra_reason:
        problems.extend(
            _amount_problems(
                module.extra_amount, module.extra_reason, f"{where}, Zusatzbetrag", negative=True
            )
        )
        if not module.extra_reason.strip():
            problems.append(
                Problem(f"{where}, Zusatzbetrag", "bitte den Grund angeben (z. B. laut Bescheid)")
            )
    own = module.own_contribution
    if own.is_finite() and own > MAX_AMOUNT:
        problems.append(Problem(f"{where}, Eigenanteil", "zusammen höchstens 999.999.999,99 €"))
    return problems


def _amount_problems(amount: Decimal, text: str, where: str, *, negative: bool) -> list[Problem]:
    low = -MAX_AMOUNT if negative else Decimal(0)
    if not amount.is_finite() or not low <= amount <= MAX_AMOUNT:
        span = "-999.999.999,99" if negative else "0"
        return [Problem(where, f"Beträge liegen zwischen {span} und 999.999.999,99 €")]
    if not has_at_most_cents(amount):
        return [Problem(where, "Beträge haben höchstens zwei Nachkommastellen (Cent)")]
    if len(text) > MAX_SOURCE_TEXT:
        return [Problem(where, f"der Text ist zu lang (höchstens {MAX_SOURCE_TEXT} Zeichen)")]
    return []


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


_PERIOD = re.compile(
    r"(?:(?:(?P<d1>\d{1,2})\.)?(?P<m1>\d{1,2})[./])?(?P<y1>\d{4})"
    r"(?:\s*[-–—]\s*(?:(?:(?P<d2>\d{1,2})\.)?(?P<m2>\d{1,2})[./])?(?P<y2>\d{4}))?"
)


def parse_period(text: str, field: str = "Förderzeitraum") -> tuple[int, int, int, int]:
    """(start year, start month, end year, end month) of ``2020-2022``, ``07/2020-06/2023`` or
    ``01.07.2020-30.06.2023`` (a funding period runs in whole months)."""
    raw = text.strip()
    match = _PERIOD.fullmatch(re.sub(r"^(\d{4})\s*/\s*(\d{4})$", r"\1-\2", raw))
    if not match:
        raise ValidationError(
            f"{field}: „{raw}“ ist kein Zeitraum "
            "(Beispiele: 2020-2022, 07/2020-06/2023, 01.07.2020-30.06.2023)."
        )
    start_year = int(match["y1"])
    end_year = int(match["y2"] or start_year)
    start_month = int(match["m1"] or 1)
    end_month = int(match["m2"] or (12 if match["y2"] or not match["m1"] else start_month))
    if not (EARLIEST_YEAR <= start_year <= LATEST_YEAR and EARLIEST_YEAR <= end_year <= LATEST_YEAR):
        raise ValidationError(f"{field}: Jahre zwischen {EARLIEST_YEAR} und {LATEST_YEAR} angeben.")
    if not (1 <= start_month <= 12 and 1 <= end_month <= 12):
        raise ValidationError(f"{field}: „{raw}“ – Monate von 1 bis 12 angeben.")
    if match["d1"] and int(match["d1"]) != 1:
        raise ValidationError(f"{field}: Der Zeitraum beginnt am Ersten eines Monats (z. B. 01.07.2020).")
    if match["d2"] and int(match["d2"]) != calendar.monthrange(end_year, end_month)[1]:
        raise ValidationError(f"{field}: Der Zeitraum endet am Letzten eines Monats (z. B. 30.06.2023).")
    if (end_year, end_month) < (start_year, start_month):
        if (start_month, end_month) == (1, 12):
            raise ValidationError(f"{field}: Ende {end_year} liegt vor dem Beginn {start_year}.")
        raise ValidationError(
            f"{field}: Ende {end_month:02d}/{end_year} liegt vor dem Beginn {start_month:02d}/{start_year}."
        )
    return start_year, start_month, end_year, end_month


def parse_years(text: str, field: str = "Förderzeitraum") -> tuple[int, int]:
    """Whole calendar years: ``2020-2022``, ``2020–2022`` or a single year ``2021``: (start, end)."""
    start_year, start_month, end_year, end_month = parse_period(text, field)
    if (start_month, end_month) != (1, 12):
        raise ValidationError(f"{field}: „{text.strip()}“ – hier nur ganze Jahre (Beispiel: 2020-2022).")
    return start_year, end_year


def format_period(module: FundingModule) -> str:
    """``2021–2023``, ``2021``, or by months: ``07/2020–06/2023``."""
    if module.whole_years:
        if module.start_year == module.end_year:
            return str(module.start_year)
        return f"{module.start_year}–{module.end_year}"
    return f"{module.start_month:02d}/{module.start_year}–{module.end_month:02d}/{module.end_year}"


_AMOUNT_AND_TEXT = re.compile(
    r"\s*(?P<amount>[-\u2212]?[\d.,]+(?:\s*(?:€|EUR|,-+))?)\s*(?P<text>.*)", re.DOTALL
)


def parse_amounts_with_text(text: str, field: str, *, negative: bool = False) -> list[tuple[Decimal, str]]:
    """``1.000,00 Integrationspauschale § 14c TIntG; 500`` → [(1000.00, "Integrationspauschale …"),
    (500.00, "")]: entries separated by ";", each an amount and what it is (``negative``: may be below 0)."""
    entries: list[tuple[Decimal, str]] = []
    for part in text.split(";"):
        if not part.strip():
            continue
        match = _AMOUNT_AND_TEXT.fullmatch(part)
        typed = match["amount"].strip() if match else ""
        minus = negative and typed[:1] in ("-", "\u2212")
        amount = parse_money(typed[1:] if minus else typed, field) if match else None
        if amount is not None and minus:
            amount = -amount
        if match is None or amount is None:
            raise ValidationError(
                f"{field}: „{part.strip()}“ – zuerst der Betrag, dann die Quelle "
                "(Beispiel: 12.500,00 Integrationspauschale § 14c TIntG)."
            )
        entries.append((amount, match["text"].strip()))
    return entries


def own_sources_of(entries: list[tuple[Decimal, str]]) -> list[OwnContribution]:
    return [OwnContribution(amount, source) for amount, source in entries]
