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


def version_problems(document: dict[str, Any]) -> list[Problem]:
    """A Fassung whose state is another Vorlage's, or a number twice. (Fassungen of Vorlagen the file does
    not carry, e.g. after the file was edited by hand, are left out by the import, not refused.)"""
    paper_ids = {p["id"] for p in document["papers"]}
    seen: set[tuple[str, int]] = set()
    problems: list[Problem] = []
    for i, entry in enumerate(document.get("versions", [])):
        where = f"$.versions[{i}]"
        if entry["paper"] not in paper_ids:
            continue
        if entry["state"]["id"] != entry["paper"]:
            problems.append(Problem(f"{where}.state.id", "Stand gehört zu einer anderen Vorlage"))
        key = (entry["paper"], entry["number"])
        if key in seen:
            problems.append(Problem(f"{where}.number", f"Fassung {entry['number']} kommt doppelt vor"))
        seen.add(key)
    return problems


def import_versions(uow: UnitOfWork, document: dict[str, Any], papers: list[Paper], *, who: str) -> int:
    """Take the file's Fassungen the database does not have yet, then keep each imported Vorlage's state
    as a Fassung "importiert" unless its newest Fassung is that state already. Returns the number of
    Fassungen taken from the file."""
    taken = 0
    stored: dict[uuid.UUID, set[int]] = {}
    carried = {str(paper.id) for paper in papers}
    entries = [e for e in document.get("versions", []) if e["paper"] in carried]
    for entry in sorted(entries, key=lambda e: (e["paper"], e["number"])):
        paper_id = uuid.UUID(entry["paper"])
        numbers = stored.setdefault(paper_id, {v.number for v in uow.versions.list(paper_id)})
        if entry["number"] in numbers:
            continue
        info = VersionInfo(
            paper_id=paper_id,
            number=entry["number"],
            event=VersionEvent(entry["event"]),
            who=entry["who"],
            at=datetime.fromisoformat(entry["at"]),
            content_hash=entry["contentHash"],
            note=entry.get("note", ""),
        )
        uow.versions.add(PaperVersion(info, entry["state"]))
        numbers.add(entry["number"])
        taken += 1
    now = utcnow()
    for paper in papers:
        # A state the history already ends with (the file's own newest Fassung) is not kept twice.
        last = uow.versions.last(paper.id)
        if last is None or last.content_hash != content_hash(paper):
            record_version(uow, paper, VersionEvent.IMPORTED, who=who, now=now)
    return taken
