"""Money as Decimal euros: parsing what clerks type, range and cent checks."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from kimdesk.domain.errors import MoneyFormatError

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999.99")
ZERO = Decimal("0.00")

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009']+")
_CURRENCY = re.compile(r"€|euro?", re.IGNORECASE)
_AMBIGUOUS = "ist mehrdeutig – bitte Tausender mit Punkt und Cent mit Komma schreiben (25.000,50)"
_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")


def round_cents(value: Decimal) -> Decimal:
    """Round half-up to the cent (used only where a rate needs it)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def has_at_most_cents(value: Decimal) -> bool:
    return value == value.quantize(CENT) if value.is_finite() else False


def parse_money(text: str, field: str = "Betrag") -> Decimal | None:
    """Read a German amount: ``25.000``, ``25000,5``, ``25.000,50 €``, ``25 000,50``.

    Empty input gives ``None``. ``25,000.50`` and other mixes are refused with a message
    naming ``field`` rather than guessed. The result carries exactly two decimals.
    """
    raw = text.strip()
    if not raw:
        return None
    cleaned = _CURRENCY.sub("", raw)
    cleaned = _SPACES.sub("", cleaned)
    cleaned = cleaned.replace("\u2212", "-")
    if cleaned.endswith((",--", ",-")):
        cleaned = cleaned.rstrip("-").rstrip(",")
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:]
    if not cleaned or not re.fullmatch(r"[\d.,]+", cleaned):
        raise MoneyFormatError(f"{field}: „{raw}“ ist kein Betrag (Beispiel: 25.000,50 €).")
    if "," in cleaned:
        whole, _, cents = cleaned.partition(",")
        # "25,000.50", "1,234,567" and "25,000" are English-style or unclear: ask, do not guess.
        if "," in cents or "." in cents or (len(cents) == 3 and "." not in whole):
            raise MoneyFormatError(f"{field}: „{raw}“ {_AMBIGUOUS}.")
        if "." in whole and not _GROUPED.fullmatch(whole):
            raise MoneyFormatError(
                f"{field}: „{raw}“ hat falsch gesetzte Tausenderpunkte (richtig: 1.234.567,89)."
            )
        whole = whole.replace(".", "") or "0"
        if not cents:
            cents = "0"
        if len(cents) > 2:
            raise MoneyFormatError(f"{field}: „{raw}“ hat mehr als zwei Nachkommastellen (Cent).")
        number = f"{whole}.{cents}"
    elif "." in cleaned:
        if _GROUPED.fullmatch(cleaned):
            number = cleaned.replace(".", "")
        else:
            raise MoneyFormatError(
                f"{field}: „{raw}“ ist mehrdeutig – im deutschen Format steht der Punkt für "
                "Tausender und das Komma für Cent (25.000,50)."
            )
    else:
        number = cleaned
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # pragma: no cover - regex above keeps this out
        raise MoneyFormatError(f"{field}: „{raw}“ ist kein Betrag.") from exc
    if negative:
        raise MoneyFormatError(f"{field}: Beträge dürfen nicht negativ sein.")
    if value > MAX_AMOUNT:
        raise MoneyFormatError(f"{field}: Beträge dürfen höchstens 999.999.999,99 € betragen.")
    return value.quantize(CENT)
