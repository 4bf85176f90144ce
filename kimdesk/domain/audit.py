"""The audit log of the Mitzeichnung: append-only entries that chain by SHA-256, and their check."""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

GENESIS_HASH = "0" * 64


class AuditAction(StrEnum):
    STARTED = "started"
    SIGNED = "signed"
    REJECTED = "rejected"
    RELEASED = "released"
    WITHDRAWN = "withdrawn"
    BACK_TO_DRAFT = "back_to_draft"
    PIN_SET = "pin_set"
    KEY_REQUESTED = "key_requested"
    KEY_CERTIFIED = "key_certified"
    KEY_REVOKED = "key_revoked"
    PIN_CHANGED = "pin_changed"
    PIN_FAILED = "pin_failed"
    RESOLUTION_SIGNED = "resolution_signed"
    #: Recorded by other services (Beschlussvermerk, import …) through ``services.signoff.record_event``.
    OTHER = "other"

    @property
    def label(self) -> str:
        return AUDIT_ACTION_LABELS[self]


AUDIT_ACTION_LABELS = {
    AuditAction.STARTED: "Umlauf gestartet",
    AuditAction.SIGNED: "mitgezeichnet",
    AuditAction.REJECTED: "abgelehnt",
    AuditAction.RELEASED: "freigegeben",
    AuditAction.WITHDRAWN: "zurückgezogen",
    AuditAction.BACK_TO_DRAFT: "in den Entwurf zurückgenommen",
    AuditAction.PIN_SET: "PIN gesetzt",
    AuditAction.KEY_REQUESTED: "Signaturschlüssel beantragt",
    AuditAction.KEY_CERTIFIED: "Signaturschlüssel zertifiziert",
    AuditAction.KEY_REVOKED: "Signaturschlüssel gesperrt",
    AuditAction.PIN_CHANGED: "PIN geändert",
    AuditAction.PIN_FAILED: "falsche PIN",
    AuditAction.RESOLUTION_SIGNED: "Beschlussvermerk signiert",
    AuditAction.OTHER: "sonstige Änderung",
}


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One line of the audit log.

    ``seq``, ``prev_hash`` and ``entry_hash`` are set by :func:`seal` when the entry is appended;
    ``status`` is the Vorlage's state after the action, ``content_hash`` its content at that moment.
    """

    action: AuditAction
    at: datetime
    paper_id: uuid.UUID | None = None
    reference: str = ""
    os_account: str = ""
    person_name: str = ""
    status: str = ""
    content_hash: str = ""
    details: dict[str, Any] = field(default_factory=dict)
    seq: int = 0
    prev_hash: str = ""
    entry_hash: str = ""

    @property
    def at_text(self) -> str:
        return timestamp_text(self.at)


def timestamp_text(at: datetime) -> str:
    """The one spelling of a timestamp that is hashed and stored: UTC, microseconds, with offset."""
    if at.tzinfo is None:
        raise ValueError("audit timestamps must be timezone-aware")
    return at.astimezone(UTC).isoformat(timespec="microseconds")


def canonical_entry(entry: AuditEntry) -> bytes:
    """Every field but ``entry_hash`` as deterministic JSON."""
    data = {
        "seq": entry.seq,
        "paperId": str(entry.paper_id) if entry.paper_id else "",
        "reference": entry.reference,
        "action": entry.action.value,
        "osAccount": entry.os_account,
        "person": entry.person_name,
        "at": entry.at_text,
        "status": entry.status,
        "contentHash": entry.content_hash,
        "details": entry.details,
        "prevHash": entry.prev_hash,
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(entry.prev_hash.encode("ascii") + canonical_entry(entry)).hexdigest()


def seal(entry: AuditEntry, previous: AuditEntry | None) -> AuditEntry:
    """The entry as it is appended after ``previous``: numbered, linked and hashed."""
    # Round-trip the details through JSON so the stored and the hashed form are the same values.
    details = json.loads(json.dumps(entry.details, sort_keys=True, ensure_ascii=False))
    linked = replace(
        entry,
        at=entry.at.astimezone(UTC),
        details=details,
        seq=1 if previous is None else previous.seq + 1,
        prev_hash=GENESIS_HASH if previous is None else previous.entry_hash,
        entry_hash="",
    )
    return replace(linked, entry_hash=compute_hash(linked))


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of ``kimdesk verify``: which Vorlage (if known) and what is wrong, in German."""

    reference: str
    message: str

    def __str__(self) -> str:
        return f"Vorlage {self.reference}: {self.message}" if self.reference else self.message


def verify_chain(entries: list[AuditEntry], head: tuple[int, str] | None = None) -> list[Finding]:
    """Recompute every hash and link; ``head`` is the stored (seq, entry_hash) of the last entry."""
    findings: list[Finding] = []
    previous: AuditEntry | None = None
    for entry in sorted(entries, key=lambda e: e.seq):
        expected_seq = 1 if previous is None else previous.seq + 1
        expected_prev = GENESIS_HASH if previous is None else previous.entry_hash
        what = f"Protokolleintrag Nr. {entry.seq} ({entry.action.label})"
        if entry.seq != expected_seq:
            missing = (
                f"Nr. {expected_seq}"
                if entry.seq == expected_seq + 1
                else f"Nr. {expected_seq} bis {entry.seq - 1}"
            )
            findings.append(Finding("", f"Protokoll: Eintrag {missing} fehlt (gelöscht)."))
        elif entry.prev_hash != expected_prev:
            findings.append(Finding(entry.reference, f"{what}: Verkettung unterbrochen."))
        if compute_hash(entry) != entry.entry_hash:
            findings.append(Finding(entry.reference, f"{what} wurde nachträglich verändert."))
        previous = entry
    if head is not None:
        head_seq, head_hash = head
        last_seq = previous.seq if previous else 0
        if head_seq > last_seq:
            findings.append(
                Finding("", f"Protokoll: die letzten Einträge fehlen (bis Nr. {head_seq}, gelöscht).")
            )
        elif head_seq < last_seq or (previous is not None and head_hash != previous.entry_hash):
            findings.append(Finding("", "Protokoll: der Kopf der Kette passt nicht zum letzten Eintrag."))
    return findings
