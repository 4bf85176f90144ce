"""German amounts and dates for the PDF: the strings of :mod:`kimdesk.l10n.formatting` (Babel)."""

from __future__ import annotations

from kimdesk.l10n.formatting import BERLIN, format_date, format_money, format_posts

__all__ = ["BERLIN", "format_date", "format_money", "format_posts"]
