"""Keeping Fassungen: the one function the services call at each event that matters, and reading a
kept state back as a Vorlage. (The use cases over the Fassungen are in :mod:`kimdesk.services.versions`.)"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from kimdesk.domain.codec import paper_from_data, paper_to_data
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.model import Paper
from kimdesk.domain.signature import named_by
from kimdesk.domain.signoff import content_hash
from kimdesk.domain.versions import PaperVersion, VersionEvent, VersionInfo, replaces
from kimdesk.services.ports import UnitOfWork


def record_version(
    uow: UnitOfWork, paper: Paper, event: VersionEvent, *, who: str, now: datetime, note: str = ""
) -> VersionInfo:
    """Keep the state of ``paper`` in the caller's unit of work (commit is the caller's).

    A clerk's save replaces the same day's save-version if that is still the newest version; every
    other event appends (see :func:`kimdesk.domain.versions.replaces`).
    """
    last = uow.versions.last(paper.id)
    replacing = replaces(last, event, now)
    number = last.number if (replacing and last is not None) else (last.number + 1 if last else 1)
    info = VersionInfo(
        paper_id=paper.id,
        number=number,
        event=event,
        who=who,
        at=now,
        content_hash=content_hash(paper),
        note=note,
    )
    version = PaperVersion(info, paper_to_data(paper))
    if replacing:
        uow.versions.replace(version)
    else:
        uow.versions.add(version)
    return info


class _Known(dict[uuid.UUID, Organization]):
    """The master data of the database; a body deleted since the version was kept is named as such."""

    def __missing__(self, key: uuid.UUID) -> Organization:
        return Organization(name="(gelöscht)", id=key)


class _KnownPersons(dict[uuid.UUID, Person]):
    def __missing__(self, key: uuid.UUID) -> Person:
        return Person(name="(gelöscht)", id=key)


def paper_of(uow: UnitOfWork, data: dict[str, Any], vorlage: Paper | None = None) -> Paper:
    """The Vorlage as kept in a version, with today's master data (bodies and persons by id) — or, where
    ``vorlage`` (the Vorlage now) is past Entwurf, with the names it keeps: its Fassungen then read as it
    does, and a rename since it entered Mitzeichnung shows in no comparison."""
    organizations = _Known({o.id: o for o in uow.organizations.list()})
    persons = _KnownPersons({p.id: p for p in uow.persons.list()})
    if vorlage is not None and vorlage.is_locked:
        kept_orgs, kept_persons = named_by(vorlage)
        organizations.update(kept_orgs)
        persons.update(kept_persons)
    return paper_from_data(data, organizations, persons)
