"""The office's time zone: every local date and time kimdesk shows, prints, exports or reads is Berlin time.

Stored instants are UTC; this is the one place that says which wall clock they are shown on.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
