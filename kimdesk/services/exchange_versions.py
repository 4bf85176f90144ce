"""The Fassungen in the exchange file (format 2, optional part ``versions``): written and taken back."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import Problem
from kimdesk.domain.model import Paper
from kimdesk.domain.signoff import content_hash
from kimdesk.domain.versions import PaperVersion, VersionEvent, VersionInfo
from kimdesk.services.ports import UnitOfWork
from kimdesk.services.version_log import record_version


def export_versions(uow: UnitOfWork, paper_ids: list[uuid.UUID]) -> list[dict[str, Any]]:
    """Every kept state of these Vorlagen, oldest first per Vorlage."""
    entries: list[dict[str, Any]] = []
    for paper_id in paper_ids:
        for info in uow.versions.list(paper_id):
            version = uow.versions.get(paper_id, info.number)
            entry = {
                "paper": str(paper_id),
                "number": info.number,
                "event": info.event.value,
                "who": info.who,
                "at": info.at.isoformat(),
                "contentHash": info.content_hash,
                "state": version.data,
            }
            if info.note:
                entry["note"] = info.note
            entries.append(entry)
    return entries


def version_problems(
    entry: dict[str, Any], where: str, papers: set[str], seen: set[tuple[str, int]]
) -> list[Problem]:
    """A Fassung whose state is another Vorlage's, or a number twice (``seen``: the Fassungen before).
    (Fassungen of Vorlagen the file does not carry, e.g. after the file was edited by hand, are left out by
    the import, not refused.)"""
    if entry["paper"] not in papers:
        return []
    problems: list[Problem] = []
    if entry["state"]["id"] != entry["paper"]:
        problems.append(Problem(f"{where}.state.id", "Stand gehört zu einer anderen Vorlage"))
    key = (entry["paper"], entry["number"])
    if key in seen:
        problems.append(Problem(f"{where}.number", f"Fassung {entry['number']} kommt doppelt vor"))
    seen.add(key)
    return problems


class VersionImport:
    """Takes the file's Fassungen the database does not have yet, one entry at a time, then keeps each
    imported Vorlage's state as a Fassung "importiert" unless its newest Fassung is that state already."""

    def __init__(self, uow: UnitOfWork, *, who: str) -> None:
        self.uow = uow
        self.who = who
        self.taken = 0
        self.now = utcnow()
        self._paper: uuid.UUID | None = None
        self._numbers: set[int] = set()
        #: Vorlagen whose newest Fassung is known only after the file's Fassungen: id → content hash.
        self._pending: dict[uuid.UUID, str] = {}

    def imported(self, paper: Paper, *, may_have_versions: bool) -> None:
        """``paper`` was written; its Fassung now, or after the file's (``may_have_versions``)."""
        if may_have_versions:
            self._pending[paper.id] = content_hash(paper)
        else:
            record_version(self.uow, paper, VersionEvent.IMPORTED, who=self.who, now=self.now)

    def take(self, entry: dict[str, Any]) -> None:
        """One entry of ``versions`` of a Vorlage the file carries."""
        paper_id = uuid.UUID(entry["paper"])
        if paper_id != self._paper:  # the file lists each Vorlage's Fassungen together, oldest first
            self._paper = paper_id
            self._numbers = {v.number for v in self.uow.versions.list(paper_id)}
        if entry["number"] in self._numbers:
            return
        info = VersionInfo(
            paper_id=paper_id,
            number=entry["number"],
            event=VersionEvent(entry["event"]),
            who=entry["who"],
            at=datetime.fromisoformat(entry["at"]),
            content_hash=entry["contentHash"],
            note=entry.get("note", ""),
        )
        self.uow.versions.add(PaperVersion(info, entry["state"]))
        self._numbers.add(entry["number"])
        self.taken += 1

    def finish(self) -> None:
        for paper_id, digest in self._pending.items():
            # A state the history already ends with (the file's own newest Fassung) is not kept twice.
            last = self.uow.versions.last(paper_id)
            if last is None or last.content_hash != digest:
                paper = self.uow.papers.get(paper_id)
                record_version(self.uow, paper, VersionEvent.IMPORTED, who=self.who, now=self.now)
