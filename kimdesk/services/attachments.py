"""Anlagen (PDF files attached to a Vorlage): checked at the door, listed, removed.

A file is taken only when it is a regular file of at most ``MAX_ATTACHMENT_BYTES``, starts like a PDF, is
not encrypted, and pypdf reads it in strict mode with every page and its content — so that the
Sitzungsmappe can merge it later. The session packet checks stored Anlagen again with qpdf (see
``kimdesk.pdf.attachments``), because some were stored before these checks existed.
"""

from __future__ import annotations

import errno
import hashlib
import io
import logging
import os
import stat
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter

from kimdesk.domain.attachment import MAX_ATTACHMENT_BYTES, PDF_MAGIC, Attachment, chunked, new_attachment
from kimdesk.domain.errors import ValidationError
from kimdesk.domain.model import Paper
from kimdesk.services.ports import UnitOfWork, UnitOfWorkFactory

#: Bytes read at a time; the size limit is checked while reading, never after reading it all.
CHUNK = 1024 * 1024


class UnreadablePdf(ValueError):
    """Why a PDF cannot be used as Anlage; ``reason`` completes "Die Datei „…“ …" in German."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def limit_text() -> str:
    return f"{MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB"


def read_attachment_file(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file within the size limit; ValidationError otherwise.

    Directories, pipes and devices are refused by their type before any read (a FIFO would block,
    /dev/zero never ends); the file is opened non-blocking and checked again on the open handle.
    """

    def refuse(reason: str) -> ValidationError:
        return ValidationError(f"Anlage: Die Datei „{path}“ {reason}")

    try:
        info = os.stat(path)
    except OSError as exc:
        raise refuse(_os_problem(exc)) from exc
    _check_kind(info, refuse)
    try:
        with open(path, "rb", buffering=0, opener=_open_nonblocking) as handle:
            _check_kind(os.fstat(handle.fileno()), refuse)
            chunks: list[bytes] = []
            size = 0
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                if size > MAX_ATTACHMENT_BYTES:
                    raise refuse(too_big(f"mehr als {format_bytes(MAX_ATTACHMENT_BYTES)}"))
                chunks.append(chunk)
    except OSError as exc:
        raise refuse(_os_problem(exc)) from exc
    return b"".join(chunks)


def _os_problem(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "gibt es nicht."
    if isinstance(exc, PermissionError):
        return "darf nicht gelesen werden (keine Berechtigung)."
    code = errno.errorcode.get(exc.errno or 0, str(exc.errno))
    return f"kann nicht gelesen werden (Fehler des Betriebssystems: {code})."


def _open_nonblocking(name: str, flags: int) -> int:
    return os.open(name, flags | getattr(os, "O_NONBLOCK", 0))


def _check_kind(info: os.stat_result, refuse: Callable[[str], ValidationError]) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise refuse("ist ein Ordner, keine Datei.")
    if not stat.S_ISREG(info.st_mode):
        raise refuse("ist keine gewöhnliche Datei (sondern z. B. ein Gerät oder eine Pipe).")
    if info.st_size > MAX_ATTACHMENT_BYTES:
        raise refuse(too_big(format_bytes(info.st_size)))


def too_big(size: str) -> str:
    return f"ist zu groß ({size}); erlaubt sind höchstens {limit_text()} je Anlage."


def format_bytes(size: int) -> str:
    """1.234.567 Bytes"""
    return f"{size:,} Bytes".replace(",", ".")


@contextmanager
def quiet_pypdf() -> Iterator[None]:
    """pypdf reports repairs as English log lines and warnings; here a failure becomes a German message."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def pdf_page_count(data: bytes, *, strict: bool = True) -> int:
    """The number of pages after reading every page and its content; UnreadablePdf if that fails.

    ``strict`` (when attaching): no repairs — a file cut off or damaged in the middle is refused even
    where pypdf could guess its way through — and every page is merged once onto a blank page, as the
    packet will do. Without it (building the packet) whatever pypdf can read is used, as before these
    checks existed.
    """
    if not data.startswith(PDF_MAGIC):
        raise UnreadablePdf("ist keine PDF-Datei.")
    with quiet_pypdf():
        try:
            reader = PdfReader(io.BytesIO(data), strict=strict)
            scratch = PdfWriter() if strict else None
            if reader.is_encrypted:
                raise UnreadablePdf(
                    "ist verschlüsselt (Kennwortschutz oder Sperren). Bitte als PDF ohne Verschlüsselung "
                    "speichern."
                )
            count = 0
            for page in reader.pages:
                if float(page.mediabox.width) <= 0 or float(page.mediabox.height) <= 0:
                    raise UnreadablePdf(f"hat auf Seite {count + 1} keine Seitengröße.")
                contents = page.get_contents()
                if contents is not None:
                    contents.get_data()
                if scratch is not None:
                    _trial_merge(scratch, page, count + 1)
                count += 1
        except UnreadablePdf:
            raise
        except Exception as exc:  # pypdf raises many kinds on damaged input; all mean "cannot be read"
            raise UnreadablePdf(
                "ist beschädigt oder unvollständig (z. B. nicht ganz heruntergeladen oder kopiert) und "
                "kann nicht als PDF gelesen werden."
            ) from exc
    if count == 0:
        raise UnreadablePdf("hat keine Seiten.")
    return count


def _trial_merge(scratch: PdfWriter, page: PageObject, number: int) -> None:
    try:
        scratch.add_blank_page(1, 1).merge_page(page)
    except Exception as exc:
        raise UnreadablePdf(
            f"ist fehlerhaft aufgebaut: Seite {number} lässt sich nicht in eine Sitzungsmappe übernehmen. "
            "Bitte die Datei neu als PDF speichern (z. B. „Drucken als PDF“)."
        ) from exc


def attach_file(uow_factory: UnitOfWorkFactory, reference: str, path: Path) -> Attachment:
    """Attach a PDF file to a Vorlage as its next Anlage, after the checks described above."""
    with uow_factory() as uow:
        attachment = store_checked_file(uow, uow.papers.get_by_reference(reference), path)
        uow.commit()
        return attachment


def check_anlagen_editable(paper: Paper) -> None:
    """ValidationError unless the Vorlage is a draft (from Mitzeichnung on, its signature covers them)."""
    if paper.is_locked:
        raise ValidationError(
            f"Anlagen: Die Vorlage {paper.reference} hat den Status „{paper.status.label}“; ihre Anlagen "
            "lassen sich nur im Entwurf ändern. Zum Ändern zuerst in den Entwurf zurücknehmen (das hebt alle "
            "Mitzeichnungen auf)."
        )


def store_checked_file(uow: UnitOfWork, paper: Paper, path: Path) -> Attachment:
    """Check ``path`` (see the module docstring) and store it, in chunks, as the Vorlage's last Anlage
    (titled by its file name); ValidationError naming the file if it is refused, or if the Vorlage is no
    longer a draft. The caller commits."""
    check_anlagen_editable(paper)
    data = read_attachment_file(path)
    existing = uow.attachments.list(paper.id)
    order = max((a.order for a in existing), default=-1) + 1
    attachment = new_attachment(paper.id, path.name, data, order=order)
    try:
        pdf_page_count(data)
    except UnreadablePdf as exc:
        raise ValidationError(f"Anlage: Die Datei „{path}“ {exc.reason}") from exc
    if any(a.sha256 == attachment.sha256 for a in existing):
        raise ValidationError(f"Anlage: „{path.name}“ ist der Vorlage {paper.reference} schon angefügt.")
    uow.attachments.add(attachment, chunked(data))
    return attachment


def write_attachment(uow: UnitOfWork, attachment: Attachment, path: Path) -> str:
    """Copy an Anlage's bytes from storage into the file ``path``, a chunk at a time; its SHA-512."""
    digest = hashlib.sha512()
    with path.open("wb") as out:
        for piece in uow.attachments.chunks(attachment.id):
            digest.update(piece)
            out.write(piece)
    return digest.hexdigest()


def list_attachments(uow_factory: UnitOfWorkFactory, reference: str) -> list[Attachment]:
    with uow_factory() as uow:
        return uow.attachments.list(uow.papers.get_by_reference(reference).id)
