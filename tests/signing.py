"""Signing keys for tests: the demo keys (public seeds, one demo CA installed as trust anchor by conftest)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kimdesk.services import office as office_service
from kimdesk.services.demo_keys import DEMO_PIN, ensure_demo_keys

#: The PIN that unlocks every demo key.
PIN = DEMO_PIN


def keys_for(uow_factory: Callable[[], Any], *names: str) -> None:
    """Certified demo keys for the named persons (roles as the office settings say today)."""
    ensure_demo_keys(uow_factory, list(names))


def keys_for_role_holders(uow_factory: Callable[[], Any]) -> int:
    """Certified demo keys for every holder and deputy of a Mitzeichnung role; returns how many persons."""
    office = office_service.get_office(uow_factory)
    names = [
        person.name
        for role in office.sign_off_roles
        for person in (role.holder, role.deputy)
        if person is not None
    ]
    ensure_demo_keys(uow_factory, names)
    return len(set(names))
