"""German amounts and dates for the PDF, the same strings as ``kimdesk.l10n.formatting`` (Babel).

``kimdesk pdf`` should not pay for importing Babel (~15 ms) to write ``25.000,00 €`` and
``09.09.2020``. The usual values take a direct path here; anything else (more than two decimal
places, which Babel rounds; NaN …) goes to ``kimdesk.l10n.formatting`` itself, so the result is
always Babel's (``tests/pdf/test_formats.py`` compares both for generated values).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from kimdesk.domain.timezone import BERLIN as BERLIN  # re-exported for pdf/packet.py

#: Babel's de_DE currency pattern puts a no-break space before the sign.
EURO = "\xa0€"
_SWAP = str.maketrans({",": ".", ".": ","})


def _fixed(value: Decimal) -> str | None:
    """``1.234,56`` for a finite value with at most two decimal places (no rounding), else None."""
    if not value.is_finite():
        return None
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -2:
        return None
    sign = "-" if value.is_signed() else ""
    return sign + f"{abs(value):,.2f}".translate(_SWAP)


def format_money(value: Decimal | None, *, symbol: bool = True) -> str:
    """``25.000,00 €``; empty for None."""
    if value is None:
        return ""
    text = _fixed(value)
    if text is None:
        from kimdesk.l10n import formatting

        return formatting.format_money(value, symbol=symbol)
    return text + EURO if symbol else text


def format_posts(value: Decimal) -> str:
    """Full-time equivalents: ``0,5`` / ``1`` / ``3,5``."""
    text = _fixed(value)
    if text is None:
        from kimdesk.l10n import formatting

        return formatting.format_posts(value)
    return text.rstrip("0").rstrip(",")


def format_date(value: date | None) -> str:
    """``09.09.2020``; empty for None."""
    if value is None:
        return ""
    return f"{value.day:02d}.{value.month:02d}.{value.year:04d}"
