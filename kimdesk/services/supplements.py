"""Ergänzungs- and Änderungsvorlagen: created from a Vorlage, numbered "20/0270-1", linked both ways.

The new Vorlage names the original as its Bezugsvorlage and in ``supplement_to``; the original finds its
supplements through ``uow.papers.supplements``. It goes through its own Umlauf, and its Beratungsfolge
starts as the original's (same bodies and dates, no TOP yet), so the Sitzungsdienst is offered it right
after the original (the agenda candidates are ordered by number: 20/0270, 20/0270-1).
"""

from __future__ import annotations

import copy
import uuid

from kimdesk.domain.errors import NotFoundError
from kimdesk.domain.model import (
    Consultation,
    Paper,
    RelatedPaper,
)
from kimdesk.domain.numbering import supplement_reference
from kimdesk.domain.supplements import SupplementKind, SupplementLink
from kimdesk.services.papers import new_paper
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory


def create_supplement(uow_factory: UnitOfWorkFactory, reference: str, kind: SupplementKind) -> Paper:
    """A new draft that belongs to the Vorlage ``reference`` (which must exist and need not be a draft)."""
    with uow_factory() as uow:
        original = uow.papers.get_by_reference(reference)
        taken = {number for _id, number in uow.papers.supplements(original.id)}
        number = supplement_reference(original.reference, taken)
        while _exists(uow, number):  # a number typed by hand earlier
            taken.add(number)
            number = supplement_reference(original.reference, taken)
    paper = Paper(
        title=original.title,
        reference=number,
        paper_type=original.paper_type,
        file_number=original.file_number,
        related_papers=[RelatedPaper(original.reference, original.id)],
        supplement_to=SupplementLink(kind, original.reference, original.id),
        lead_department=original.lead_department,
        signature=copy.deepcopy(original.signature),
        consultations=[
            Consultation(
                committee=c.committee,
                role=c.role,
                meeting_date=c.meeting_date,
                public=c.public,
                rapporteur=c.rapporteur,
            )
            for c in original.consultations
        ],
    )
    return new_paper(uow_factory, template=paper)


def _exists(uow: UnitOfWork, reference: str) -> bool:
    try:
        uow.papers.get_by_reference(reference)
    except NotFoundError:
        return False
    return True


def supplements_of(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> list[str]:
    """The numbers of the Vorlage's Ergänzungs-/Änderungsvorlagen."""
    with uow_factory() as uow:
        return [number for _id, number in uow.papers.supplements(paper_id)]
