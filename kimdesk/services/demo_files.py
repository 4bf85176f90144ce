"""The demo office's files in ``resources/demo/``, read into plain data and office settings.

Light on purpose (no services, no storage): tests and benchmarks take the demo Vorlagen from here without
starting anything; ``kimdesk.services.demo`` replays the files through the services.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from kimdesk.domain.masterdata import Office, Person, SignOffRole
from kimdesk.resources import resource_path

DOCUMENT = "demo-office.kimdesk.json"
STEPS = "demo-steps.json"


def _read(name: str) -> Any:
    return json.loads(resource_path("demo", name).read_text(encoding="utf-8"))


def demo_document() -> dict[str, Any]:
    """The demo office's exchange file, freshly read (callers may change it)."""
    result: dict[str, Any] = _read(DOCUMENT)
    return result


def demo_steps() -> dict[str, Any]:
    """The office settings and the Mitzeichnungen and Sitzungen that follow the import."""
    result: dict[str, Any] = _read(STEPS)
    return result


def demo_office(persons: Iterable[Person]) -> Office:
    """The demo office's settings (municipality, signatory, Mitzeichnung roles) with these persons."""
    settings = demo_steps()["office"]
    by_name = {p.name: p for p in persons}
    roles = [
        SignOffRole(role["key"], role["label"], order, by_name[role["holder"]], by_name[role["deputy"]])
        for order, role in enumerate(settings["signOffRoles"])
    ]
    return Office(
        municipality=settings["municipality"],
        default_signatory=by_name[settings["defaultSignatory"]],
        sign_off_roles=roles,
    )
