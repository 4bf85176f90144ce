"""Fassungen (versions) of a Vorlage: which states were kept, why, by whom — and the compaction rule."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from kimdesk.domain.timezone import BERLIN


class VersionEvent(StrEnum):
    """Why a state was kept. Only ``SAVED`` versions are ever replaced (the same day's last save)."""

    STARTED = "started"
    REJECTED = "rejected"
    RELEASED = "released"
    DECIDED = "decided"
    SAVED = "saved"
    RESTORED = "restored"
    IMPORTED = "imported"
    MIGRATED = "migrated"

    @property
    def label(self) -> str:
        return VERSION_EVENT_LABELS[self]


VERSION_EVENT_LABELS = {
    VersionEvent.STARTED: "Umlauf gestartet",
    VersionEvent.REJECTED: "abgelehnt",
    VersionEvent.RELEASED: "freigegeben",
    VersionEvent.DECIDED: "beschlossen",
    VersionEvent.SAVED: "gespeichert",
    VersionEvent.RESTORED: "wiederhergestellt",
    VersionEvent.IMPORTED: "importiert",
    VersionEvent.MIGRATED: "migriert",
}


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One row of the Fassungen list (without the stored state)."""

    paper_id: uuid.UUID
    number: int
    event: VersionEvent
    #: As the audit log records it: the person's name if one acted, else the OS account.
    who: str
    at: datetime
    #: :func:`kimdesk.domain.signoff.content_hash` of the kept state: what a signature binds to.
    content_hash: str
    #: A free note, e.g. the rejection remark or "aus Fassung 3".
    note: str = ""

    @property
    def day(self) -> date:
        """The office's calendar day of the version (compaction counts Berlin days, not UTC's)."""
        return self.at.astimezone(BERLIN).date()


@dataclass(frozen=True, slots=True)
class PaperVersion:
    """A kept state: the info and the Vorlage as the exchange codec writes it (``paper_to_data``)."""

    info: VersionInfo
    data: dict[str, Any]


def replaces(last: VersionInfo | None, event: VersionEvent, at: datetime) -> bool:
    """Whether a new version replaces ``last`` instead of being appended: only a clerk's save onto the
    same day's save-version that is still the newest one (never an event-version)."""
    if last is None or event is not VersionEvent.SAVED or last.event is not VersionEvent.SAVED:
        return False
    return last.day == at.astimezone(BERLIN).date()
