"""What the editor's pickers offer (no Qt): read off the GUI thread when the database opens."""

from __future__ import annotations

from dataclasses import dataclass, field

from kimdesk.domain.masterdata import Office, Organization, Person


@dataclass
class MasterData:
    """What the pickers offer: the office's departments, committees and persons."""

    departments: list[Organization] = field(default_factory=list)
    committees: list[Organization] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    office: Office = field(default_factory=Office)
