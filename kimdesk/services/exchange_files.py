"""Anlagen in the exchange format: files in a folder beside the exchange file, referenced from it.

``vorlagen.json`` gets ``vorlagen.anlagen/<sha256>.pdf`` beside it and a list ``attachments`` naming
Vorlage, file name, place, size, SHA-256 and that file — no bytes in the JSON, so an export of
thousands of Anlagen is no string of gigabytes; each file is copied from storage chunk by chunk.
On import every file is checked first (there, within the folder, the size limit, the checksum, the
same PDF checks as ``kimdesk attach``), one at a time, then stored in the import's transaction.
Exchange files without ``attachments`` (all written before) import as before.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import Any

from kimdesk.domain.attachment import CHUNK_BYTES, Attachment
from kimdesk.domain.errors import Problem, ValidationError
from kimdesk.services.attachments import UnreadablePdf, pdf_page_count, read_attachment_file, write_attachment
from kimdesk.services.files import write_folder_atomically
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

FOLDER_SUFFIX = ".anlagen"


def folder_for(path: Path) -> Path:
    """``vorlagen.json`` → ``vorlagen.anlagen``."""
    return path.with_name(path.stem + FOLDER_SUFFIX)


def export_attachments(uow_factory: UnitOfWorkFactory, batches: list[list[uuid.UUID]], path: Path) -> bool:
    """Write the Anlagen of these Vorlagen (in batches) into the folder beside ``path``; False if none.
    Their entries for the document come from :func:`attachment_entries` afterwards."""
    with uow_factory() as uow:
        if not any(uow.attachments.list(paper_id) for batch in batches for paper_id in batch):
            return False

    def fill(staging: Path) -> None:
        for batch in batches:
            with uow_factory() as uow:
                for paper_id in batch:
                    for attachment in uow.attachments.list(paper_id):
                        target = staging / _file_name(attachment)
                        if not target.exists():  # the same content once
                            write_attachment(uow, attachment, target)

    write_folder_atomically(folder_for(path), fill, what="Anlagen der Exportdatei")
    return True


def attachment_entries(uow: UnitOfWork, paper_ids: list[uuid.UUID], path: Path) -> Iterator[dict[str, Any]]:
    """The entries of the Anlagen of these Vorlagen that the folder beside ``path`` holds (one added since
    the folder was written is left out rather than named without its file)."""
    folder = folder_for(path)
    for paper_id in paper_ids:
        for a in uow.attachments.list(paper_id):
            if (folder / _file_name(a)).is_file():
                yield {
                    "paper": str(a.paper_id),
                    "fileName": a.filename,
                    "order": a.order,
                    "size": a.size,
                    "sha256": a.sha256,
                    "file": f"{folder.name}/{_file_name(a)}",
                    "title": a.title,
                    "public": a.public,
                }


def _file_name(attachment: Attachment) -> str:
    return f"{attachment.sha256 or attachment.id}.pdf"


def attachment_problems(
    entry: dict[str, Any], where: str, papers: set[str], base: Path | None
) -> list[Problem]:
    """Problems of one (schema-valid) entry of ``attachments``; its file is read once."""
    if base is None:
        return [Problem(f"{where}.file", "Anlagen-Dateien können nur aus einer Datei importiert werden")]
    if entry["paper"] not in papers:
        return [Problem(f"{where}.paper", "diese Vorlage ist nicht in der Datei")]
    problem = _check_file(entry, base)
    return [] if problem is None else [Problem(f"{where}.file", problem)]


def _check_file(entry: dict[str, Any], base: Path) -> str | None:
    path = resolve(entry["file"], base)
    if path is None:
        return "muss eine Datei im Anlagen-Ordner neben der Importdatei sein"
    try:
        data = read_attachment_file(path)
    except ValidationError as exc:
        return exc.message.removeprefix("Anlage: ")
    if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["size"]:
        return f"„{entry['file']}“ passt nicht zu Größe und Prüfsumme (SHA-256) der Datei"
    try:
        pdf_page_count(data)
    except UnreadablePdf as exc:
        return f"„{entry['file']}“ {exc.reason}"
    return None


def resolve(name: str, base: Path) -> Path | None:
    """The file ``name`` (``folder/file.pdf``) under ``base``; None for anything that leaves it."""
    relative = PurePosixPath(name)
    if relative.is_absolute() or ".." in relative.parts or "\\" in name or len(relative.parts) != 2:
        return None
    return base.joinpath(*relative.parts)


def import_attachment(uow: UnitOfWork, entry: dict[str, Any], base: Path | None) -> bool:
    """Store one checked Anlage (see :func:`attachment_problems`) unless its Vorlage has it already."""
    assert base is not None
    paper_id = uuid.UUID(entry["paper"])
    present = uow.attachments.list(paper_id)
    if any(a.sha256 == entry["sha256"] for a in present):
        return False
    path = resolve(entry["file"], base)
    assert path is not None
    attachment = Attachment(
        paper_id,
        entry["fileName"],
        entry["size"],
        order=len(present),
        sha256=entry["sha256"],
        title=entry.get("title", ""),
        public=entry.get("public", True),
    )
    uow.attachments.add(attachment, _pieces(path))
    return True


def _pieces(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while piece := handle.read(CHUNK_BYTES):
            yield piece
