"""Small PDFs for the tests (Anlagen), written with pypdf so that they need no renderer."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def tiny_pdf(text: str, pages: int = 1, *, landscape: bool = False) -> bytes:
    """A valid PDF of ``pages`` A4 pages, each showing ``text`` in Helvetica (extractable)."""
    writer = PdfWriter()
    for number in range(1, pages + 1):
        page = writer.add_blank_page(842, 595) if landscape else writer.add_blank_page(595, 842)
        font = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
        )
        safe = text.encode("latin-1", "replace").decode("latin-1").replace("(", "[").replace(")", "]")
        stream = DecodedStreamObject()
        stream.set_data(f"BT /F1 14 Tf 72 500 Td ({safe} {number}) Tj ET".encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def store_anlage(url: str, reference: str, name: str, data: bytes) -> None:
    """Store ``data`` as the Vorlage's last Anlage straight through the storage layer, whatever its status:
    for tests that need a Vorlage on an agenda with an Anlage (``kimdesk attach`` refuses that from
    Mitzeichnung on; the Vorlage's signatures do not cover an Anlage stored this way)."""
    from kimdesk.domain.attachment import chunked, new_attachment
    from kimdesk.storage.database import Database

    db = Database.open(url)
    try:
        with db.uow_factory() as uow:
            paper = uow.papers.get_by_reference(reference)
            order = len(uow.attachments.list(paper.id))
            uow.attachments.add(new_attachment(paper.id, name, data, order=order), chunked(data))
            uow.commit()
    finally:
        db.close()
