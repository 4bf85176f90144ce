"""Bezugsvorlagen as the editor holds them (no Qt): typed numbers, read back into ``RelatedPaper``s."""

from __future__ import annotations

import re
from collections.abc import Sequence

from kimdesk.domain.limits import MAX_REFERENCE, MAX_RELATED_PAPERS
from kimdesk.domain.model import RelatedPaper
from kimdesk.l10n.i18n import _

_SEPARATORS = re.compile(r"[,;\n]")


def related_text(related: Sequence[RelatedPaper]) -> str:
    """ "19/0112, 20/0003" — how the field shows them."""
    return ", ".join(r.reference for r in related)


def read_related(
    text: str, own_reference: str, known: Sequence[RelatedPaper]
) -> tuple[list[RelatedPaper], list[str]]:
    """The numbers typed (comma, semicolon or line separated), each once, and the problems found.

    A number already linked in ``known`` keeps its link; the others are linked when saved, if the
    database has a Vorlage of that number, and otherwise kept as text.
    """
    links = {r.reference: r.paper_id for r in known}
    related: list[RelatedPaper] = []
    problems: list[str] = []
    for part in _SEPARATORS.split(text):
        reference = part.strip()
        if not reference:
            continue
        where = _("Bezugsvorlagen: „{number}“").format(number=reference[:MAX_REFERENCE])
        if len(reference) > MAX_REFERENCE:
            problems.append(
                _("{where} ist zu lang (höchstens {n} Zeichen)").format(where=where, n=MAX_REFERENCE)
            )
            continue
        if reference == own_reference.strip():
            problems.append(_("{where} ist die Nummer dieser Vorlage").format(where=where))
            continue
        if any(r.reference == reference for r in related):
            problems.append(_("{where} steht doppelt da").format(where=where))
            continue
        related.append(RelatedPaper(reference, links.get(reference)))
    if len(related) > MAX_RELATED_PAPERS:
        problems.append(_("Bezugsvorlagen: höchstens {n} Nummern").format(n=MAX_RELATED_PAPERS))
        related = related[:MAX_RELATED_PAPERS]
    return related, problems


def link_state_text(related: Sequence[RelatedPaper]) -> str:
    """Which of the saved Bezugsvorlagen the database has (linked) and which are kept as text."""
    linked = [r.reference for r in related if r.paper_id is not None]
    loose = [r.reference for r in related if r.paper_id is None]
    parts = []
    if linked:
        parts.append(_("verknüpft: {numbers}").format(numbers=", ".join(linked)))
    if loose:
        parts.append(
            _("nicht in der Datenbank, als Text geführt: {numbers}").format(numbers=", ".join(loose))
        )
    return "; ".join(parts)
