"""The official OParl 1.1 schemas (vendored in ``tests/meetings/oparl``) and a validator for the export.

The schemas come from the OParl specification (CC BY-SA 4.0, see ``oparl/README.md`` and the licence
beside it). The validator is adapted from the team's offline tool ``oparl_validate.py``: each object is
checked against the draft-07 schema its ``type`` names; embedded objects through the schemas' ``$ref``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft7Validator
from referencing import Registry, Resource

SCHEMA_DIR = Path(__file__).resolve().parent / "oparl" / "schema"
TYPE_PREFIX = "https://schema.oparl.org/1.1/"


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """Every OParl 1.1 schema by object type (``Paper``, ``Meeting`` …)."""
    found = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(SCHEMA_DIR.glob("*.json"))}
    assert len(found) == 12, f"OParl-Schemas unvollständig in {SCHEMA_DIR}: {sorted(found)}"
    return found


@cache
def _registry() -> Registry:
    resources = [
        (f"{TYPE_PREFIX}{name}{suffix}", Resource.from_contents(schema))
        for name, schema in schemas().items()
        for suffix in ("", ".json")
    ]
    return Registry().with_resources(resources)


def schema_problems(obj: Any, where: str) -> list[str]:
    """What keeps ``obj`` from being a valid OParl 1.1 object, one line per problem; [] when valid."""
    name = str(obj.get("type", "")).rsplit("/", 1)[-1] if isinstance(obj, dict) else ""
    if name not in schemas():
        given = obj.get("type") if isinstance(obj, dict) else obj
        return [f"{where}: unknown or missing type {given!r}"]
    validator = Draft7Validator(
        schemas()[name], registry=_registry(), format_checker=Draft7Validator.FORMAT_CHECKER
    )
    return [
        f"{where}: {'/'.join(map(str, error.absolute_path)) or '.'}: {error.message}"
        for error in validator.iter_errors(obj)
    ]
