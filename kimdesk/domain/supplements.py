"""Links between Vorlagen: Bezugsvorlagen, and Ergänzungs- and Änderungsvorlagen (their kind and link)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class SupplementKind(StrEnum):
    """What a Vorlage that belongs to another one is: it adds to it, or it changes it."""

    SUPPLEMENT = "supplement"
    AMENDMENT = "amendment"

    @property
    def label(self) -> str:
        """ "Ergänzungsvorlage" / "Änderungsvorlage"."""
        return "Ergänzungsvorlage" if self is SupplementKind.SUPPLEMENT else "Änderungsvorlage"

    @property
    def printed(self) -> str:
        """ "Ergänzung zu Vorlage" / "Änderung zu Vorlage" (followed by the number)."""
        return "Ergänzung zu Vorlage" if self is SupplementKind.SUPPLEMENT else "Änderung zu Vorlage"


@dataclass(slots=True)
class SupplementLink:
    """The Vorlage an Ergänzungs- or Änderungsvorlage belongs to (its number, linked when in the database)."""

    kind: SupplementKind
    reference: str
    paper_id: uuid.UUID | None = None


__all__ = ["SupplementKind", "SupplementLink"]


@dataclass(slots=True)
class RelatedPaper:
    """A Bezugsvorlage: an earlier Vorlage by its number, linked when it is in the database."""

    reference: str
    paper_id: uuid.UUID | None = None


def supplement_to_data(link: SupplementLink | None) -> dict[str, Any] | None:
    """An Ergänzungs-/Änderungsvorlage's original, by number (linked again on import when present)."""
    return {"kind": link.kind.value, "reference": link.reference} if link else None


def supplement_from_data(data: dict[str, Any] | None) -> SupplementLink | None:
    return SupplementLink(SupplementKind(data["kind"]), data["reference"]) if data else None
