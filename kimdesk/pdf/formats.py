"""German amounts and dates for the PDF: the strings of :mod:`kimdesk.l10n.formatting` (Babel)."""

from __future__ import annotations

from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.formatting import format_date, format_money, format_posts

__all__ = ["BERLIN", "format_date", "format_money", "format_posts"]
