"""Ergänzungs- and Änderungsvorlagen: what kind a Vorlage that belongs to another one is, and its link."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum


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
