"""Autosaved drafts: the editor's unsaved state, kept apart from the Vorlage until saved or discarded.

Each entry lives in the unit of work's JSON settings store under
``autosave:<OS account>@<computer>:<paper id>`` and holds the codec form of the Vorlage, the version it
was loaded at, and when it was written. The owner is part of the key because a shared PostgreSQL
database serves many clerks: each one gets back only their own drafts, and one clerk's save never
throws away another's crash backup.
"""

from __future__ import annotations

import platform
import uuid
from dataclasses import dataclass
from datetime import datetime

from kimdesk.domain.codec import paper_from_data, paper_to_data
from kimdesk.domain.entity import utcnow
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.model import Paper
from kimdesk.services.papers import current_user
from kimdesk.services.ports import UnitOfWorkFactory

PREFIX = "autosave:"


@dataclass(frozen=True, slots=True)
class Autosave:
    paper: Paper
    saved_at: datetime


def owner() -> str:
    """Whose drafts these are: the OS account on this computer."""
    return f"{current_user()}@{platform.node() or 'localhost'}"


def _own_prefix() -> str:
    return f"{PREFIX}{owner()}:"


def _key(paper_id: uuid.UUID) -> str:
    return f"{_own_prefix()}{paper_id}"


def store(uow_factory: UnitOfWorkFactory, paper: Paper) -> None:
    """Write the editor's current state of ``paper``; the stored Vorlage is not touched."""
    data = {"paper": paper_to_data(paper), "version": paper.version, "savedAt": utcnow().isoformat()}
    with uow_factory() as uow:
        uow.settings.put(_key(paper.id), data)
        uow.commit()


def discard(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> None:
    """Forget the autosave of a Vorlage (after a proper save, or when the clerk throws it away)."""
    with uow_factory() as uow:
        settings = uow.settings
        if settings.get(_key(paper_id)) is not None:
            settings.delete(_key(paper_id))
            uow.commit()


def pending(uow_factory: UnitOfWorkFactory) -> list[uuid.UUID]:
    """This clerk's Vorlagen with an autosave left over (the editor was closed by a crash or a kill)."""
    prefix = _own_prefix()
    with uow_factory() as uow:
        keys = uow.settings.keys(prefix)
    ids = []
    for key in keys:
        if not key.startswith(prefix):
            continue
        try:
            ids.append(uuid.UUID(key[len(prefix) :]))
        except ValueError:
            continue
    return ids


def load(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> Autosave | None:
    """The autosaved state, with committees, departments and persons resolved from the master data.

    None if there is none or it no longer fits the master data (then it is dropped).
    """
    with uow_factory() as uow:
        data = uow.settings.get(_key(paper_id))
        if data is None:
            return None
        if not isinstance(data, dict):  # the store also holds lists; this is no draft (dropped below)
            data = {}
        organizations: dict[uuid.UUID, Organization] = {o.id: o for o in uow.organizations.list()}
        persons: dict[uuid.UUID, Person] = {p.id: p for p in uow.persons.list()}
    try:
        paper = paper_from_data(data["paper"], organizations, persons)
        paper.version = int(data.get("version", 0))
        saved_at = datetime.fromisoformat(data["savedAt"])
    except (KeyError, ValueError, TypeError):
        discard(uow_factory, paper_id)
        return None
    return Autosave(paper, saved_at)
