"""Export a Vorlage as PDF: load it in one unit of work, render, write the file atomically."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import Paper
from kimdesk.services.files import write_atomically
from kimdesk.services.ports import PdfRenderer, UnitOfWorkFactory

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


def attachment_names(uow_factory: UnitOfWorkFactory, paper: Paper, office: Office) -> list[str]:
    """The names of the Vorlage's Anlagen when its Vorlagenart prints an Anlagen section, else none."""
    kind = office.form_profile.kind_for(paper.paper_type.value, paper.paper_type.label)
    if not kind.shown("attachments"):
        return []
    with uow_factory() as uow:
        return [a.filename for a in sorted(uow.attachments.list(paper.id), key=lambda a: a.order)]


def export_paper_pdf(
    uow_factory: UnitOfWorkFactory, renderer: PdfRenderer, reference: str, path: Path
) -> Path:
    """Render Vorlage ``reference`` into ``path`` (a folder gets the default file name); returns the file.

    The Vorlage is only read: exporting never changes it.
    """
    paper, office = load_for_pdf(uow_factory, reference)
    names = attachment_names(uow_factory, paper, office)
    return write_paper_pdf(renderer, paper, office, reference, path, attachments=names)


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
