"""Personal signatures: what one covers (the canonical payload) and how it is kept (append-only records).

A signature covers what the council reads — the content hash, the Anlagen's hashes, the names of bodies and
persons as printed, the Beschlussvermerk once recorded — and who decided what, when, in which role, and the
audit chain's head at that moment (the *checkpoint*). Stdlib only; the cryptography is in ``services``.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from kimdesk.domain.audit import timestamp_text
from kimdesk.domain.entity import new_id
from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.model import Paper, SignOff

PAYLOAD_VERSION = 1


class SignatureKind(StrEnum):
    SIGN_OFF = "sign_off"
    RESOLUTION = "resolution"


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """The audit chain's head: (seq, entry hash) of its last entry; seq 0 is the empty chain."""

    seq: int
    entry_hash: str

    def as_data(self) -> dict[str, Any]:
        return {"seq": self.seq, "hash": self.entry_hash}


@dataclass(frozen=True, slots=True)
class SignatureRecord:
    """One stored signature (table ``signatures``; never updated or deleted by the program)."""

    paper_id: uuid.UUID
    reference: str
    kind: SignatureKind
    person_id: uuid.UUID
    person_name: str
    #: The sign-off row signed (None for a Beschlussvermerk).
    sign_off_id: uuid.UUID | None
    at: datetime
    checkpoint: Checkpoint
    #: The canonical payload (UTF-8 JSON) exactly as signed.
    payload: bytes
    #: ECDSA P-256 / SHA-256, DER.
    signature: bytes
    #: The signer's certificate (PEM) at signing time.
    certificate: str
    id: uuid.UUID = field(default_factory=new_id)


@dataclass(frozen=True, slots=True)
class AnlageDigest:
    filename: str
    sha256: str


def named_by(paper: Paper) -> tuple[dict[uuid.UUID, Organization], dict[uuid.UUID, Person]]:
    """The Amt and Gremien (by id) and the Berichterstatter (by id) ``paper`` names, as it names them."""
    organizations = {c.committee.id: c.committee for c in paper.consultations if c.committee}
    if paper.lead_department is not None:
        organizations[paper.lead_department.id] = paper.lead_department
    persons = {c.rapporteur.id: c.rapporteur for c in paper.consultations if c.rapporteur}
    return organizations, persons


def printed_names(paper: Paper) -> dict[str, Any]:
    """The names of bodies and persons as the PDF prints them (a renamed committee changes these)."""
    lead = paper.lead_department
    return {
        "leadDepartment": [lead.name, lead.short_name] if lead else None,
        "consultations": [
            {
                "committee": (
                    [c.committee.name, c.committee.short_name, c.committee.genitive] if c.committee else None
                ),
                "rapporteur": [c.rapporteur.name, c.rapporteur.function] if c.rapporteur else None,
            }
            for c in paper.consultations
        ],
        "signature": [paper.signature.heading, paper.signature.name, paper.signature.function],
    }


def names_digest(paper: Paper) -> str:
    """SHA-256 of :func:`printed_names` (canonical JSON): the audit log keeps it for a Vorlage past
    Entwurf, so ``verify`` names kept names changed behind the program's back also where no signature
    covers them yet."""
    text = json.dumps(printed_names(paper), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _texts(value: Any, count: int) -> list[str] | None:
    """``value`` if it is a list of ``count`` strings (as :func:`printed_names` writes them), else None."""
    if isinstance(value, list) and len(value) == count and all(isinstance(v, str) for v in value):
        return value
    return None


def keep_printed_names(paper: Paper, names: Any) -> None:
    """Give ``paper`` the names it was locked with (``names`` as :func:`printed_names` gave them then).

    A Vorlage past Entwurf prints, and its signatures cover, the names of its Amt, Gremien and
    Berichterstatter as they were when it entered Mitzeichnung; a later rename in the master data applies
    to new Vorlagen and to this one only after it is taken back into Entwurf. The Vorlage gets copies
    (same ids), so nothing is written back to the master data. What does not fit — another number of
    Beratungen, an entry that is no list of texts — keeps the master data's name, and ``verify`` names it.
    """
    if not isinstance(names, dict):
        return
    lead = _texts(names.get("leadDepartment"), 2)
    if paper.lead_department is not None and lead is not None:
        paper.lead_department = replace(paper.lead_department, name=lead[0], short_name=lead[1])
    entries = names.get("consultations")
    if not isinstance(entries, list) or len(entries) != len(paper.consultations):
        return
    for consultation, entry in zip(paper.consultations, entries, strict=True):
        if not isinstance(entry, dict):
            continue
        committee = _texts(entry.get("committee"), 3)
        if consultation.committee is not None and committee is not None:
            name, short_name, genitive = committee
            plain = genitive == name and not consultation.committee.name_genitive  # "" read as the name
            genitive = "" if plain else genitive
            consultation.committee = replace(
                consultation.committee, name=name, short_name=short_name, name_genitive=genitive
            )
        rapporteur = _texts(entry.get("rapporteur"), 2)
        if consultation.rapporteur is not None and rapporteur is not None:
            consultation.rapporteur = replace(
                consultation.rapporteur, name=rapporteur[0], function=rapporteur[1]
            )


def kept_list_names(names: Any) -> tuple[str | None, str | None]:
    """The Amt and the first Gremium by the names a Vorlage past Entwurf keeps (what the list shows of
    it); None for either one that it does not keep."""
    if not isinstance(names, dict):
        return None, None
    lead = _texts(names.get("leadDepartment"), 2)
    steps = names.get("consultations")
    first = steps[0] if isinstance(steps, list) and steps and isinstance(steps[0], dict) else {}
    committee = _texts(first.get("committee"), 3)
    return (lead[0] if lead else None), (committee[0] if committee else None)


def resolution_data(paper: Paper) -> list[dict[str, Any]]:
    return [
        {
            "committee": r.committee_name,
            "date": r.meeting_date.isoformat() if r.meeting_date else None,
            "nonPublic": r.non_public,
            "result": r.result,
            "text": r.text,
        }
        for r in paper.resolution_record
    ]


def sign_off_data(row: SignOff) -> dict[str, Any]:
    return {
        "id": str(row.id),
        "role": row.role_key,
        "roleLabel": row.role_label,
        "decision": row.decision.value if row.decision else None,
        "asDeputy": row.as_deputy,
        "remark": row.remark,
        "signedAt": timestamp_text(row.signed_at) if row.signed_at else None,
        "contentHash": row.content_hash,
    }


def canonical_payload(
    *,
    kind: SignatureKind,
    signature_id: uuid.UUID,
    paper: Paper,
    content_hash: str,
    anlagen: list[AnlageDigest],
    person_id: uuid.UUID,
    person_name: str,
    at: datetime,
    checkpoint: Checkpoint,
    sign_off: SignOff | None,
) -> bytes:
    """Deterministic JSON of everything the signature covers."""
    data: dict[str, Any] = {
        "v": PAYLOAD_VERSION,
        "kind": kind.value,
        "signatureId": str(signature_id),
        "paperId": str(paper.id),
        "reference": paper.reference,
        "contentHash": content_hash,
        "anlagen": [{"name": a.filename, "sha256": a.sha256} for a in anlagen],
        "names": printed_names(paper),
        "person": {"id": str(person_id), "name": person_name},
        "at": timestamp_text(at),
        "checkpoint": checkpoint.as_data(),
        "signOff": sign_off_data(sign_off) if sign_off is not None else None,
        "resolution": resolution_data(paper) if kind is SignatureKind.RESOLUTION else None,
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def read_payload(payload: bytes) -> dict[str, Any]:
    """The signed payload as data; an empty dict when it is not readable JSON."""
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
