"""A unit of work with only the settings store, as the funding services use it."""

from __future__ import annotations

import copy
from types import TracebackType
from typing import Any, Self


class FakeSettings:
    def __init__(self, uow: FakeUnitOfWork) -> None:
        self.uow = uow

    def get(self, key: str) -> Any:
        return copy.deepcopy(self.uow.pending.get(key))

    def put(self, key: str, value: Any) -> None:
        self.uow.pending[key] = copy.deepcopy(value)

    def delete(self, key: str) -> None:
        self.uow.pending.pop(key, None)


class FakeUnitOfWork:
    """A settings store that keeps what was committed and forgets what was not."""

    def __init__(self, stored: dict[str, Any]) -> None:
        self.stored = stored
        self.pending = copy.deepcopy(stored)
        self.settings = FakeSettings(self)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object | TracebackType | None) -> None:
        self.pending = copy.deepcopy(self.stored)

    def commit(self) -> None:
        self.stored.clear()
        self.stored.update(copy.deepcopy(self.pending))

    def rollback(self) -> None:
        self.pending = copy.deepcopy(self.stored)

    def read_only(self) -> None:
        pass
