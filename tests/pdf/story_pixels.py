"""Test helpers: a story of flowables as a plain A4 PDF, and its pages as pictures (150 dpi)."""

from __future__ import annotations

import io

import pypdfium2
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Flowable, SimpleDocTemplate

from kimdesk.pdf.fonts import REGULAR, register_fonts


def story_pdf(story: list[Flowable]) -> bytes:
    register_fonts()
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, initialFontName=REGULAR, invariant=1).build(story)
    return out.getvalue()


def page_pictures(data: bytes) -> list[object]:
    document = pypdfium2.PdfDocument(data)
    try:
        return [page.render(scale=150 / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()
