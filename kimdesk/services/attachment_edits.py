"""What the editor's Anlagen panel does to the Anlagen of a stored Vorlage: add a file (checked as
``kimdesk attach`` checks it), rename (the title printed), move, public or not, remove.

Each step is its own unit of work and returns the Vorlage's Anlagen as they are now stored, in order.
Only a draft's Anlagen change: from Mitzeichnung on the Vorlage is read-only, and its signature covers
the Anlagen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

from kimdesk.domain.attachment import Attachment, check_title
from kimdesk.domain.errors import NotFoundError
from kimdesk.services.attachments import check_anlagen_editable, store_checked_file
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory


def anlagen(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID) -> list[Attachment]:
    """The Vorlage's Anlagen in their order (none for a Vorlage not stored yet)."""
    with uow_factory() as uow:
        return uow.attachments.list(paper_id)


def add_anlage(uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID, path: Path) -> list[Attachment]:
    """Attach the PDF ``path`` as the last Anlage (ValidationError naming the file if it is refused).

    Reads the file and stores it in chunks: run it off the GUI thread.
    """
    with uow_factory() as uow:
        store_checked_file(uow, uow.papers.get(paper_id), path)
        uow.commit()
        return uow.attachments.list(paper_id)


def rename_anlage(
    uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID, attachment_id: uuid.UUID, title: str
) -> list[Attachment]:
    """The title the Vorlage's Anlagen list prints (one line, not empty)."""

    def change(anlage: Attachment) -> None:
        anlage.title = check_title(title, anlage.filename)

    return _edit(uow_factory, paper_id, _one(attachment_id, change))


def set_anlage_public(
    uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID, attachment_id: uuid.UUID, public: bool
) -> list[Attachment]:
    """False: the public Sitzungsmappe leaves the Anlage out."""

    def change(anlage: Attachment) -> None:
        anlage.public = public

    return _edit(uow_factory, paper_id, _one(attachment_id, change))


def move_anlage(
    uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID, attachment_id: uuid.UUID, position: int
) -> list[Attachment]:
    """Put the Anlage at ``position`` (0 is first; beyond the end: last); the others close up."""

    def change(found: list[Attachment]) -> list[Attachment]:
        chosen = _find(found, attachment_id)
        rest = [a for a in found if a.id != attachment_id]
        rest.insert(max(0, min(position, len(rest))), chosen)
        return _renumber(rest)

    return _edit(uow_factory, paper_id, change)


def remove_anlage(
    uow_factory: UnitOfWorkFactory, paper_id: uuid.UUID, attachment_id: uuid.UUID
) -> list[Attachment]:
    def change(found: list[Attachment]) -> list[Attachment]:
        _find(found, attachment_id)
        return _renumber([a for a in found if a.id != attachment_id])

    with uow_factory() as uow:
        _editable(uow, paper_id)
        changed = change(uow.attachments.list(paper_id))
        uow.attachments.delete(attachment_id)
        for attachment in changed:
            uow.attachments.update(attachment)
        uow.commit()
        return uow.attachments.list(paper_id)


def remove_anlage_by_name(uow_factory: UnitOfWorkFactory, reference: str, name_or_number: str) -> Attachment:
    """``kimdesk attach --remove``: the Anlage of that file name, or of that 1-based number in the list."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        check_anlagen_editable(paper)
        found = uow.attachments.list(paper.id)
    chosen = next((a for a in found if a.filename == name_or_number), None)
    if chosen is None and name_or_number.isdigit() and 0 < int(name_or_number) <= len(found):
        chosen = found[int(name_or_number) - 1]
    if chosen is None:
        raise NotFoundError(f"Anlage: Die Vorlage {paper.reference} hat keine Anlage „{name_or_number}“.")
    remove_anlage(uow_factory, paper.id, chosen.id)
    return chosen


def _edit(
    uow_factory: UnitOfWorkFactory,
    paper_id: uuid.UUID,
    change: Callable[[list[Attachment]], list[Attachment]],
) -> list[Attachment]:
    with uow_factory() as uow:
        _editable(uow, paper_id)
        for attachment in change(uow.attachments.list(paper_id)):
            uow.attachments.update(attachment)
        uow.commit()
        return uow.attachments.list(paper_id)


def _one(
    attachment_id: uuid.UUID, change: Callable[[Attachment], None]
) -> Callable[[list[Attachment]], list[Attachment]]:
    def changed(found: list[Attachment]) -> list[Attachment]:
        chosen = _find(found, attachment_id)
        change(chosen)
        return [chosen]

    return changed


def _renumber(ordered: list[Attachment]) -> list[Attachment]:
    changed = []
    for order, attachment in enumerate(ordered):
        if attachment.order != order:
            attachment.order = order
            changed.append(attachment)
    return changed


def _find(found: list[Attachment], attachment_id: uuid.UUID) -> Attachment:
    for attachment in found:
        if attachment.id == attachment_id:
            return attachment
    raise NotFoundError("Anlage: Diese Anlage gibt es nicht mehr (von jemand anderem entfernt?).")


def _editable(uow: UnitOfWork, paper_id: uuid.UUID) -> None:
    check_anlagen_editable(uow.papers.get(paper_id))
