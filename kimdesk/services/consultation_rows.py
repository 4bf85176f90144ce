"""The Beratungsfolge as the editor's table holds it (no Qt): typed text, read back into Consultations.

A row keeps what the clerk typed (names, a date) so nothing is lost while it is not yet valid; ``read_rows``
turns the rows into ``Consultation``s and names every problem (an unreadable date, a name not in the
master data) with its row.
"""

from __future__ import annotations

import itertools
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TypeVar

from kimdesk.domain.masterdata import Organization, Person
from kimdesk.domain.model import Consultation, ConsultationRole
from kimdesk.l10n.formatting import format_date
from kimdesk.l10n.i18n import _

T = TypeVar("T", Organization, Person)

_keys = itertools.count(1)
_DATE = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})\s*$")


def next_row_key() -> int:
    """A key that names one table row for its whole life (undo merges the typing in one row)."""
    return next(_keys)


def find_named(items: Sequence[T], text: str) -> T | None:
    """The item named ``text`` (case ignored), or an organisation by its short name; None if none."""
    wanted = text.strip().casefold()
    if not wanted:
        return None
    for item in items:
        if item.name.casefold() == wanted:
            return item
    for item in items:
        if isinstance(item, Organization) and item.short_name and item.short_name.casefold() == wanted:
            return item
    return None


def printed_as(item: Organization | Person) -> tuple[object, ...]:
    """What a Vorlage prints of a body or person: id and every name."""
    if isinstance(item, Organization):
        return (item.id, item.name, item.short_name, item.genitive)
    return (item.id, item.name, item.function)


def with_original(items: Sequence[T], original: T | None) -> list[T]:
    """The master data plus ``original`` when it is not in them as it is: a dissolved committee stays
    shown, and a Vorlage past Entwurf keeps the names it was signed with after a rename (same id)."""
    shown = list(items)
    if original is not None and all(printed_as(item) != printed_as(original) for item in shown):
        shown.append(original)
    return shown


def find_for_row(items: Sequence[T], original: T | None, text: str) -> T | None:
    """What a row's text names: its original when that is not in the master data as it is and the text is
    its name (not another body that took that name since), else :func:`find_named` over both."""
    shown = with_original(items, original)
    if original is not None and shown[-1] is original and original.name.casefold() == text.strip().casefold():
        return original
    return find_named(shown, text)


def renamed_to(before: Sequence[T], after: Sequence[T], original: T | None, text: str) -> T | None:
    """What a field's ``text`` (naming ``original`` when loaded) names, once the master data changed from
    ``before`` to ``after``: that body's or person's entry in ``after`` when its names changed (same id);
    None when they did not, or the text names nothing."""
    named = find_for_row(before, original, text)
    if named is None:
        return None
    now = next((item for item in after if item.id == named.id), None)
    return now if now is not None and printed_as(now) != printed_as(named) else None


def follow_renames(
    row: ConsultationRow,
    before: tuple[Sequence[Organization], Sequence[Person]],
    after: tuple[Sequence[Organization], Sequence[Person]],
) -> ConsultationRow:
    """A draft's row once the master data changed from ``before`` to ``after`` (committees, persons): a
    renamed Gremium or Berichterstatter shows (and prints) its new names, also where the row was typed or
    names it by its short name. A Vorlage past Entwurf keeps its names and is never passed here."""
    committee = renamed_to(before[0], after[0], row.original_committee, row.committee)
    rapporteur = renamed_to(before[1], after[1], row.original_rapporteur, row.rapporteur)
    if committee is not None:
        row = replace(row, committee=committee.name, original_committee=committee)
    if rapporteur is not None:
        row = replace(row, rapporteur=rapporteur.name, original_rapporteur=rapporteur)
    return row


def parse_date(text: str) -> date | None:
    """``09.09.2020``, ``9.9.20``; ValueError with a German message otherwise."""
    if not text.strip():
        return None
    match = _DATE.match(text)
    if not match:
        raise ValueError(_("„{text}“ ist kein Datum (Beispiel: 09.09.2020)").format(text=text.strip()))
    day, month, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(_("„{text}“ ist kein gültiges Datum").format(text=text.strip())) from None


@dataclass
class ConsultationRow:
    """One row of the Beratungsfolge as typed."""

    committee: str = ""
    #: None: not known (imported); the choice shows „(unbekannt)“ until the clerk picks a role.
    role: ConsultationRole | None = ConsultationRole.NOTING
    meeting_date: str = ""
    agenda_item: str = ""
    #: None: not known (imported); the check box shows it half set until the clerk decides.
    public: bool | None = True
    rapporteur: str = ""
    meeting_id: uuid.UUID | None = None
    original_committee: Organization | None = None
    original_rapporteur: Person | None = None
    key: int = field(default_factory=next_row_key)

    @classmethod
    def of(cls, consultation: Consultation) -> ConsultationRow:
        return cls(
            committee=consultation.committee.name if consultation.committee else "",
            role=consultation.role,
            meeting_date=format_date(consultation.meeting_date),
            agenda_item=consultation.agenda_item,
            public=consultation.public,
            rapporteur=consultation.rapporteur.name if consultation.rapporteur else "",
            meeting_id=consultation.meeting_id,
            original_committee=consultation.committee,
            original_rapporteur=consultation.rapporteur,
        )

    def committees(self, master: Sequence[Organization]) -> list[Organization]:
        return with_original(master, self.original_committee)

    def persons(self, master: Sequence[Person]) -> list[Person]:
        return with_original(master, self.original_rapporteur)


def read_rows(
    rows: Sequence[ConsultationRow], committees: Sequence[Organization], persons: Sequence[Person]
) -> tuple[list[Consultation], list[str]]:
    """The Consultations the rows describe, and the problems (row by row) that keep them from being valid."""
    consultations: list[Consultation] = []
    problems: list[str] = []
    for number, row in enumerate(rows, 1):
        where = _("Beratungsfolge, Zeile {n}").format(n=number)
        try:
            meeting_date = parse_date(row.meeting_date)
        except ValueError as exc:
            problems.append(f"{where}: {exc}")
            meeting_date = None
        committee = find_for_row(committees, row.original_committee, row.committee)
        if row.committee.strip() and committee is None:
            problems.append(
                _("{where}: Gremium „{name}“ ist nicht in den Stammdaten").format(
                    where=where, name=row.committee
                )
            )
        rapporteur = find_for_row(persons, row.original_rapporteur, row.rapporteur)
        if row.rapporteur.strip() and rapporteur is None:
            problems.append(
                _("{where}: Person „{name}“ ist nicht in den Stammdaten").format(
                    where=where, name=row.rapporteur
                )
            )
        consultations.append(
            Consultation(
                committee=committee,
                role=row.role,
                meeting_date=meeting_date,
                agenda_item=row.agenda_item.strip(),
                public=row.public,
                rapporteur=rapporteur,
                meeting_id=row.meeting_id,
            )
        )
    return consultations, problems
