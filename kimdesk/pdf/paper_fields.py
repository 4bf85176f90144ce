"""Fields of the Vorlage's head and subject that not every form has: Aktenzeichen, Bezugsvorlagen."""

from __future__ import annotations

from reportlab.platypus import Flowable

from kimdesk.domain.model import Paper
from kimdesk.pdf.cells import para
from kimdesk.pdf.styles import Styles


def related_papers(paper: Paper, st: Styles) -> list[Flowable]:
    """ "Bezugsvorlage(n): 19/0112, 20/0003" below Betrifft; nothing without any."""
    if not paper.related_papers:
        return []
    label = "Bezugsvorlage:" if len(paper.related_papers) == 1 else "Bezugsvorlagen:"
    numbers = ", ".join(r.reference for r in paper.related_papers)
    return [para(numbers, st.body, prefix=f"<b>{label}</b> ")]


def supplement_line(paper: Paper, st: Styles) -> list[Flowable]:
    """ "Ergänzung zu Vorlage 20/0270" (or "Änderung zu …") above Betrifft; nothing for other Vorlagen."""
    link = paper.supplement_to
    if link is None:
        return []
    return [para(f"{link.kind.printed} {link.reference}", st.value_bold)]
