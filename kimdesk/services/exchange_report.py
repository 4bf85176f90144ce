"""What an import did, and what an exchange file (format 2) left unknown.

Another system may not record a Vorlage's state, its Vorlagenart, a body's Zuständigkeit in the
Beratungsfolge or whether an organization is an Amt or a Gremium. kimdesk invents none of them: they stay
unknown (None) and the import report names them per Vorlage. What the file itself shows is recorded
information, though: an organization it names as a Vorlage's federführendes Amt is an Amt, one it names in
a Beratungsfolge is a Gremium (:func:`recorded_kinds`).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from kimdesk.domain.masterdata import Organization, OrganizationKind
from kimdesk.domain.model import Paper


@dataclass(frozen=True, slots=True)
class ImportReport:
    added: list[str]
    updated: list[str]
    organizations: int
    persons: int
    #: New Vorlagen that came past Entwurf without signatures the program can check: imported as Entwurf.
    demoted: list[str] = field(default_factory=list)
    #: New Vorlagen whose file gave no state (format 2: not known): imported as Entwurf.
    unknown_status: list[str] = field(default_factory=list)
    #: Per Vorlage Nr., the fields the file left out that stay unknown ("Vorlageart", "Zuständigkeit …").
    unknown_fields: dict[str, list[str]] = field(default_factory=dict)
    #: Organizations of the file whose kind (Amt or Gremium) is not known, by name.
    unknown_kinds: list[str] = field(default_factory=list)
    #: Vorlagen past Entwurf, not in the file, naming an Amt, Gremium or person the file renamed: they keep
    #: the names they were signed with (as after a rename in the settings).
    kept_names: list[str] = field(default_factory=list)

    def demoted_message(self) -> str:
        if not self.demoted:
            return ""
        return (
            "Als Entwurf übernommen (Mitzeichnungen und Beschlussvermerk nicht, weil die Datei keine "
            "prüfbaren Signaturen enthält): " + ", ".join(self.demoted)
        )

    def unknown_status_message(self) -> str:
        if not self.unknown_status:
            return ""
        return "Als Entwurf übernommen (die Datei nennt keinen Status): " + ", ".join(self.unknown_status)

    def unknown_fields_message(self) -> str:
        if not self.unknown_fields:
            return ""
        named = [f"{reference} ({', '.join(fields)})" for reference, fields in self.unknown_fields.items()]
        return "Nicht bekannt, weil die Datei sie nicht nennt (vor dem Umlauf bitte auswählen): " + "; ".join(
            named
        )

    def unknown_kinds_message(self) -> str:
        if not self.unknown_kinds:
            return ""
        return "Art nicht bekannt (Amt oder Gremium, unter Einstellungen festzulegen): " + ", ".join(
            self.unknown_kinds
        )

    def messages(self) -> list[str]:
        """What the import did beyond adding and updating, one sentence each (CLI and program show them)."""
        from kimdesk.services.office import kept_names_message  # Babel: not while the window starts

        found = (
            self.demoted_message(),
            self.unknown_status_message(),
            self.unknown_fields_message(),
            self.unknown_kinds_message(),
            kept_names_message(self.kept_names),
        )
        return [m for m in found if m]


def unknown_fields(paper: Paper) -> list[str]:
    """The fields of ``paper`` that are not known, as the editor names them."""
    found = ["Vorlageart"] if paper.paper_type is None else []
    found += [
        f"Zuständigkeit in der Beratungsfolge, Zeile {number}"
        for number, consultation in enumerate(paper.consultations, start=1)
        if consultation.role is None
    ]
    return found


def recorded_kinds(
    organizations: Iterable[Organization], used_as: dict[uuid.UUID, set[OrganizationKind]]
) -> None:
    """Give an organization of unknown kind the kind the file uses it as (``used_as``, found by the check):
    federführendes Amt → Amt, a body of a Beratungsfolge → Gremium. One used as both, or not at all, stays
    unknown."""
    for org in organizations:
        kinds = used_as.get(org.id, set())
        if org.kind is None and len(kinds) == 1:
            org.kind = next(iter(kinds))


def keep_known(incoming: Paper, stored: Paper) -> None:
    """A file that does not know a Vorlage's Vorlagenart or a Zuständigkeit leaves the one the database
    knows (the same body at the same place of the Beratungsfolge): unknown there is not "removed"."""
    if incoming.paper_type is None:
        incoming.paper_type = stored.paper_type
    for mine, known in zip(incoming.consultations, stored.consultations, strict=False):
        same_body = (mine.committee.id if mine.committee else None) == (
            known.committee.id if known.committee else None
        )
        if mine.role is None and same_body:
            mine.role = known.role
