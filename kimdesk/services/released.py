"""Signed PDFs of released and decided Vorlagen: make, sign and keep them; export the newest one.

When a Vorlage is released (last Mitzeichnung) or its Beschlussvermerk is recorded, the sign flow
calls :func:`sign_and_store_release` with the acting person's :class:`SigningIdentity`: the PDF is
rendered as always (sign-off grid with names and dates), sealed with the Vorlage's content hash, status
and the audit checkpoint (chain head) it was made at, PAdES-signed, and stored in
``released_documents`` (rows are only ever added). ``kimdesk verify-pdf`` checks such a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import GENESIS_HASH
from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import WorkflowError
from kimdesk.domain.model import Paper, PaperStatus
from kimdesk.domain.released import ReleasedDocument, ReleaseEvent
from kimdesk.services.pdf_signatures import SignedPdfMaker
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory
from kimdesk.services.signing_identity import SigningIdentity

#: Version of the seal's layout (``kimdesk`` key of the seal).
SEAL_VERSION = 1

#: The state a Vorlage must be in for each event.
_STATUS_OF = {ReleaseEvent.RELEASED: PaperStatus.RELEASED, ReleaseEvent.DECIDED: PaperStatus.DECIDED}


@dataclass(frozen=True)
class PdfSigning:
    """Who signs the PDF an action produces (the acting person's unlocked identity) and with what."""

    identity: SigningIdentity
    maker: SignedPdfMaker


def make_seal(
    paper: Paper, event: ReleaseEvent, checkpoint: tuple[int, str], identity: SigningIdentity
) -> dict[str, Any]:
    """What a signed PDF says about itself (read back by ``kimdesk verify-pdf``)."""
    seq, head_hash = checkpoint
    return {
        "kimdesk": SEAL_VERSION,
        "personId": str(identity.person_id),
        "paperId": str(paper.id),
        "reference": paper.reference,
        "event": event.value,
        "status": paper.status.value,
        "contentHash": rules.content_hash(paper),
        "checkpoint": {"seq": seq, "hash": head_hash},
    }


def sign_and_store_release(
    uow_factory: UnitOfWorkFactory,
    paper_ref: str,
    identity: SigningIdentity,
    event: ReleaseEvent,
    maker: SignedPdfMaker,
    *,
    now: datetime | None = None,
) -> ReleasedDocument:
    """Render, seal, sign and store the PDF of Vorlage ``paper_ref`` in its own unit of work."""
    with uow_factory() as uow:
        uow.audit.lock()
        paper = uow.papers.get_by_reference(paper_ref)
        document = sign_and_store_in(uow, paper, identity, event, maker, now=now)
        uow.commit()
    return document


def sign_and_store_in(
    uow: UnitOfWork,
    paper: Paper,
    identity: SigningIdentity,
    event: ReleaseEvent,
    maker: SignedPdfMaker,
    *,
    now: datetime | None = None,
) -> ReleasedDocument:
    """The same inside the caller's unit of work (commit is the caller's), e.g. right after the last
    Mitzeichnung was appended to the audit log: the checkpoint is the chain head at this moment.
    Call ``uow.audit.lock()`` first so no other append slips in between."""
    wanted = _STATUS_OF[event]
    if paper.status is not wanted:
        raise WorkflowError(
            f"Vorlage {paper.reference}: ist „{paper.status.label}“; eine signierte PDF zur "
            f"{event.label} gibt es erst im Status „{wanted.label}“."
        )
    office = uow.office.get()
    checkpoint = uow.audit.head() or (0, GENESIS_HASH)
    seal = make_seal(paper, event, checkpoint, identity)
    signed = maker.sign(
        maker.render_paper(paper, office),
        identity,
        reason=f"{event.label} der Vorlage {paper.reference}",
        location=office.municipality,
        seal=seal,
    )
    document = ReleasedDocument(
        paper_id=paper.id,
        reference=paper.reference,
        event=event,
        # Never before the Vorlage's last change, so that a later change makes the PDF stale (see below).
        created_at=_not_before(now or utcnow(), paper.modified_at),
        data=signed,
        checkpoint_seq=checkpoint[0],
        content_hash=seal["contentHash"],
    )
    uow.released_documents.add(document)
    return document


def _not_before(stamp: datetime, last_change: datetime | None) -> datetime:
    return stamp if last_change is None else max(stamp, last_change)


def stored_pdf_for(uow: UnitOfWork, paper: Paper) -> ReleasedDocument | None:
    """The signed PDF to export for ``paper``: the newest stored one if it shows the Vorlage as it is
    now (same state and content, not changed since); None for a draft or when none fits (then the PDF
    is rendered)."""
    if paper.status not in _STATUS_OF.values():
        return None
    document = uow.released_documents.latest(paper.id)
    if document is None:
        return None
    if _STATUS_OF[document.event] is not paper.status or document.content_hash != rules.content_hash(paper):
        return None
    # e.g. a Beschlussvermerk recorded since, without signing
    if paper.modified_at is not None and document.created_at < paper.modified_at:
        return None
    return document
