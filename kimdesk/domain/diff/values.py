"""Field values as the diff shows them: German dates, amounts, yes/no (stdlib only, no Babel)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

_SWAP = str.maketrans({",": ".", ".": ","})


def money(value: Decimal | None) -> str:
    """``25.000,00 €`` (no-break space as in the PDFs); empty for None."""
    if value is None:
        return ""
    return f"{value:,.2f}".translate(_SWAP) + "\u00a0€"


def number(value: Decimal) -> str:
    """Posts and the like: ``1,5``, ``2``."""
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else ""


def yes_no(value: bool | None, unknown: str = "") -> str:
    if value is None:
        return unknown
    return "ja" if value else "nein"
