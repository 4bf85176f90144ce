"""Every schema shipped in resources/ is read by the program: no second, unchecked description of a format."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_shipped_schema_is_read_by_the_program() -> None:
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "kimdesk").rglob("*.py"))
    schemas = sorted((ROOT / "resources" / "schema").glob("*.json"))
    assert [path.name for path in schemas if path.name not in code] == []
