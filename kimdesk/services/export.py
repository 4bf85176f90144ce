"""Export a Vorlage as PDF: load it in one unit of work, render, write the file atomically."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from kimdesk.domain.attachment import Attachment
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.services.files import write_atomically
from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory
from kimdesk.services.released import stored_pdf_for

_UNSAFE = re.compile(r"[^\w.-]+")


def default_pdf_name(reference: str) -> str:
    """``Vorlage_20-0270.pdf`` for Vorlage Nr. 20/0270 (characters unfit for file names become "-")."""
    return f"Vorlage_{_UNSAFE.sub('-', reference).strip('-.') or 'ohne-Nummer'}.pdf"


def load_for_pdf(uow_factory: UnitOfWorkFactory, reference: str) -> tuple[Paper, Office]:
    """Vorlage ``reference`` and the office settings, read in one unit of work (nothing is saved);
    NotFoundError if there is no such Vorlage."""
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        office = uow.office.get()
    return paper, office


def listed_titles(
    paper: Paper, office: Office, attachments: Sequence[Attachment], *, mark_non_public: bool = True
) -> list[str]:
    """The Anlagen list of the Vorlage's PDF ("Anlagen: 1. …") in their order, when its Vorlagenart
    prints an Anlagen section, else none; a non-public Anlage says so (``mark_non_public``)."""
    kind = office.form_profile.kind_of(paper.paper_type)
    if not kind.shown("attachments"):
        return []
    ordered = sorted(attachments, key=lambda a: a.order)
    return [
        a.shown_title + (" (nichtöffentlich)" if mark_non_public and not a.public else "") for a in ordered
    ]


def attachment_names(uow_factory: UnitOfWorkFactory, paper: Paper, office: Office) -> list[str]:
    """The titles of the Vorlage's Anlagen as its PDF lists them (see :func:`listed_titles`)."""
    kind = office.form_profile.kind_of(paper.paper_type)
    if not kind.shown("attachments"):
        return []
    with uow_factory() as uow:
        return listed_titles(paper, office, uow.attachments.list(paper.id))


def export_paper_pdf(
    uow_factory: UnitOfWorkFactory, renderer: PdfRenderer, reference: str, path: Path
) -> Path:
    """Write the PDF of Vorlage ``reference`` into ``path`` (a folder gets the default file name);
    returns the file.

    A released or decided Vorlage gives its stored signed PDF (the newest, if it still shows the
    Vorlage as it is); any other is rendered as always. The Vorlage is only read: exporting never
    changes it.
    """
    with uow_factory() as uow:
        paper = uow.papers.get_by_reference(reference)
        office = uow.office.get()
        stored = stored_pdf_for(uow, paper)
    if stored is None:
        names = attachment_names(uow_factory, paper, office)
        return write_paper_pdf(renderer, paper, office, reference, path, attachments=names)
    if path.is_dir():
        path = path / default_pdf_name(reference)
    return write_atomically(path, stored.data)


def paper_pdf_bytes(
    uow_factory: UnitOfWorkFactory, renderer: PdfRenderer, paper: Paper, office: Office
) -> bytes:
    """The PDF a user exports of ``paper`` as the editor shows it: the stored signed PDF of a released or
    decided Vorlage when it shows exactly this, otherwise rendered, with the Anlagen section the profile
    asks for (reads the database: not on the GUI thread)."""
    with uow_factory() as uow:
        stored = stored_pdf_for(uow, paper)
    if stored is not None:
        return stored.data
    return renderer.render_paper(paper, office, attachments=attachment_names(uow_factory, paper, office))


def write_paper_pdf(
    renderer: PdfRenderer,
    paper: Paper,
    office: Office,
    reference: str,
    path: Path,
    *,
    attachments: Sequence[str] = (),
) -> Path:
    """Render an already loaded Vorlage (asked for as ``reference``) into ``path`` (a folder gets
    the default file name); returns the file."""
    data = renderer.render_paper(paper, office, attachments=attachments)
    if path.is_dir():
        path = path / default_pdf_name(reference)
    return write_atomically(path, data)
