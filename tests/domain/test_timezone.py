"""Berlin time is defined once: a change of the office's clock (or a typo in it) cannot split the program."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from kimdesk.domain.timezone import BERLIN
from kimdesk.l10n.formatting import format_datetime

PACKAGE = Path(__file__).resolve().parents[2] / "kimdesk"


def test_only_the_timezone_module_names_a_zone() -> None:
    naming = sorted(
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if re.search(r"ZoneInfo\(|Europe/Berlin\"\)", path.read_text(encoding="utf-8"))
    )
    assert naming == ["domain/timezone.py"]


def test_summer_and_winter_time_are_shown_on_the_berlin_clock() -> None:
    assert datetime(2020, 8, 24, 9, 30, tzinfo=UTC).astimezone(BERLIN).hour == 11
    assert datetime(2020, 12, 24, 9, 30, tzinfo=UTC).astimezone(BERLIN).hour == 10
    assert "10:30" in format_datetime(datetime(2020, 12, 24, 9, 30, tzinfo=UTC))
