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
