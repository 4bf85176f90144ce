"""Hostile and broken Anlagen for the tests, made with pypdf from a good one (no files on disk needed)."""

from __future__ import annotations

import io
from collections.abc import Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, NumberObject

from tests.meetings.pdfs import tiny_pdf


def encrypted_pdf() -> bytes:
    """Opens in any viewer without asking (empty user password), yet is encrypted."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(tiny_pdf("GEHEIM", 2))))
    writer.encrypt(user_password="", owner_password="amt", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pageless_pdf() -> bytes:
    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


def truncated_pdf() -> bytes:
    """Cut in the middle, as by an interrupted download or copy."""
    data = tiny_pdf("ABGESCHNITTEN", 20)
    return data[: len(data) // 2]


def damaged_pdf() -> bytes:
    """400 bytes in the middle overwritten; pypdf's lenient mode would still "read" some of the pages."""
    data = tiny_pdf("BESCHAEDIGT", 20)
    middle = len(data) // 2
    return data[: middle - 200] + b"\0" * 400 + data[middle + 200 :]


def unmergeable_pdf() -> bytes:
    """Reads page by page, but its page cannot be merged into another (an /Annots that is no array)."""
    return _changed(
        tiny_pdf("KAPUTTE LINKS"), lambda page: page.__setitem__(NameObject("/Annots"), NumberObject(3))
    )


def contentless_pdf() -> bytes:
    """Reads page by page, but the page's content is a number, not a stream: qpdf cannot place it."""
    return _changed(
        tiny_pdf("KEIN INHALT"), lambda page: page.__setitem__(NameObject("/Contents"), NumberObject(3))
    )


def _changed(data: bytes, change: Callable[..., object]) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    change(writer.pages[0])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


#: (file name, bytes, what the refusal says) — every one is accepted by kimdesk before the checks.
BROKEN = [
    ("verschluesselt.pdf", encrypted_pdf, "ist verschlüsselt"),
    ("leer.pdf", pageless_pdf, "hat keine Seiten"),
    ("abgeschnitten.pdf", truncated_pdf, "ist beschädigt oder unvollständig"),
    ("beschaedigt.pdf", damaged_pdf, "ist beschädigt oder unvollständig"),
    ("links.pdf", unmergeable_pdf, "Seite 1 lässt sich nicht in eine Sitzungsmappe übernehmen"),
    (
        "falsch.pdf",
        lambda: b"%PDF-1.7\nDas ist ein Brief, keine PDF-Datei.\n",
        "ist beschädigt oder unvollständig",
    ),
]
