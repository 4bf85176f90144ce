"""kimdesk: prepare council committee Vorlagen offline, with KIM funding, sign-off and PDF export."""

__version__ = "0.1.0"
