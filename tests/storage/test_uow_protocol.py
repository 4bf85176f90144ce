"""The unit of work the program opens is the one the services are written and type-checked against."""

from __future__ import annotations

import inspect
from typing import Protocol, get_type_hints

from kimdesk.services.ports import UnitOfWork

#: What a unit of work has besides its repositories.
NOT_REPOSITORIES = {"session", "commit", "rollback"}


def _declared_methods(protocol: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in vars(protocol).items()
        if inspect.isfunction(member) and not name.startswith("_")
    }


def test_every_repository_of_the_protocol_is_built_and_none_besides(uow_factory) -> None:
    declared = get_type_hints(UnitOfWork)
    with uow_factory() as uow:
        present = {name for name in vars(uow) if not name.startswith("_")} - NOT_REPOSITORIES
        assert present == set(declared), "the unit of work differs from the UnitOfWork protocol"
        for name, protocol in declared.items():
            assert issubclass(protocol, Protocol)  # type: ignore[arg-type]
            repository = getattr(uow, name)
            for method, signature in _declared_methods(protocol).items():
                implemented = getattr(repository, method, None)
                assert callable(implemented), f"uow.{name}.{method} is missing"
                wanted = list(signature.parameters)[1:]  # without self
                assert list(inspect.signature(implemented).parameters) == wanted, f"uow.{name}.{method}"
