"""Sitzungen and their Tagesordnung: meetings, agenda items and their numbering, results.

How the agenda meets the Vorlagen' Beratungsfolge is in :mod:`kimdesk.domain.consultations`.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from kimdesk.domain.entity import new_id, utcnow
from kimdesk.domain.errors import NotFoundError, ValidationError, WorkflowError
from kimdesk.domain.masterdata import Organization
from kimdesk.domain.timezone import BERLIN

#: ``date`` is also a Meeting property; this alias keeps annotations inside the class unambiguous.
Day = date


class MeetingState(StrEnum):
    PLANNED = "planned"
    INVITED = "invited"
    HELD = "held"
    CLOSED = "closed"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return MEETING_STATE_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> MeetingState:
        """From the code value or the German label ("geplant", "eingeladen" …)."""
        wanted = text.strip().lower()
        for state in cls:
            if wanted in (state.value, state.label.lower()):
                return state
        labels = ", ".join(s.label for s in cls)
        raise ValidationError(f"Status: „{text}“ ist unbekannt – erlaubt sind {labels}.")


MEETING_STATE_LABELS = {
    MeetingState.PLANNED: "geplant",
    MeetingState.INVITED: "eingeladen",
    MeetingState.HELD: "durchgeführt",
    MeetingState.CLOSED: "abgeschlossen",
    MeetingState.CANCELLED: "abgesagt",
}


class AgendaResult(StrEnum):
    """What a body did with an agenda item."""

    UNANIMOUS = "unanimous"
    MAJORITY = "majority"
    AMENDED = "amended"
    REJECTED = "rejected"
    NOTED = "noted"
    DEFERRED = "deferred"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return AGENDA_RESULT_LABELS[self]

    @property
    def concludes(self) -> bool:
        """True when the body dealt with the Vorlage; vertagt and abgesetzt leave it open."""
        return self not in (AgendaResult.DEFERRED, AgendaResult.WITHDRAWN)

    @classmethod
    def parse(cls, text: str) -> AgendaResult:
        """From the code value or the German label ("einstimmig beschlossen", "vertagt" …)."""
        wanted = " ".join(text.strip().lower().split())
        for result in cls:
            if wanted in (result.value, result.label.lower()):
                return result
        labels = ", ".join(f"„{r.label}“" for r in cls)
        raise ValidationError(f"Ergebnis: „{text}“ ist unbekannt – erlaubt sind {labels}.")


AGENDA_RESULT_LABELS = {
    AgendaResult.UNANIMOUS: "einstimmig beschlossen",
    AgendaResult.MAJORITY: "mehrheitlich beschlossen",
    AgendaResult.AMENDED: "geändert beschlossen",
    AgendaResult.REJECTED: "abgelehnt",
    AgendaResult.NOTED: "zur Kenntnis genommen",
    AgendaResult.DEFERRED: "vertagt",
    AgendaResult.WITHDRAWN: "von der Tagesordnung abgesetzt",
}

#: Deepest agenda level: 0 is a TOP ("4"), 1 a sub-item ("4.1").
MAX_LEVEL = 1


@dataclass(slots=True)
class AgendaItem:
    """A TOP: its place on the agenda, what it treats and, after the meeting, its result.

    ``number`` and ``order`` are derived from the position (see ``renumber``); never set them by hand.
    """

    title: str
    public: bool = True
    paper_id: uuid.UUID | None = None
    level: int = 0
    number: str = ""
    order: int = 0
    result: AgendaResult | None = None
    resolution_text: str = ""
    id: uuid.UUID = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    modified_at: datetime = field(default_factory=utcnow)

    @property
    def label(self) -> str:
        """``TOP 4.1`` as the packet prints it."""
        return f"TOP {self.number}" if self.number else "TOP"


@dataclass(slots=True)
class Meeting:
    """A Sitzung of one body (Gremium) with its agenda.

    The states and what each allows are in :mod:`kimdesk.domain.meeting_cycle`.
    """

    committee: Organization
    start: datetime
    end: datetime | None = None
    location: str = ""
    state: MeetingState = MeetingState.PLANNED
    name: str = ""
    #: Who chairs the meeting (Vorsitz), as printed on the invitation.
    chair: str = ""
    #: The invitation's own text (empty: the packet's standard wording).
    invitation_text: str = ""
    #: When the invitation went out (state eingeladen).
    invited_at: datetime | None = None
    #: Why the meeting was cancelled (state abgesagt).
    cancel_reason: str = ""
    items: list[AgendaItem] = field(default_factory=list)
    id: uuid.UUID = field(default_factory=new_id)
    created_at: datetime = field(default_factory=utcnow)
    modified_at: datetime = field(default_factory=utcnow)
    #: Optimistic-locking counter, as on Paper.
    version: int = 0

    @property
    def date(self) -> Day:
        """The meeting day in Berlin."""
        return self.start.astimezone(BERLIN).date()

    @property
    def short_id(self) -> str:
        """``IR-2020-09-09``: the body's short name and the day, what the CLI accepts."""
        return meeting_short_id(self.committee, self.date)

    @property
    def title(self) -> str:
        return self.name or f"Sitzung des {self.committee.genitive}"

    @property
    def public_items(self) -> list[AgendaItem]:
        return [i for i in self.items if i.public]

    def item(self, item_id: uuid.UUID) -> AgendaItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFoundError(f"TOP: Der Tagesordnungspunkt ist in der {self.title} nicht (mehr) vorhanden.")

    def item_by_number(self, number: str) -> AgendaItem:
        wanted = number.strip().removeprefix("TOP").strip()
        for item in self.items:
            if item.number == wanted:
                return item
        raise NotFoundError(f"TOP: Die {self.title} am {self.date:%d.%m.%Y} hat keinen TOP {wanted}.")

    def item_for_paper(self, paper_id: uuid.UUID) -> AgendaItem | None:
        return next((i for i in self.items if i.paper_id == paper_id), None)

    # -- editing the agenda: every change ends in renumber(), so numbers never have gaps --------

    def add_item(self, item: AgendaItem, index: int | None = None) -> AgendaItem:
        """Insert ``item`` at ``index`` (default: end of its part, public or non-public)."""
        self._check_editable()
        if item.paper_id is not None and self.item_for_paper(item.paper_id) is not None:
            raise ValidationError(f"TOP: Die Vorlage „{item.title}“ steht schon auf der Tagesordnung.")
        if not item.title.strip():
            raise ValidationError("TOP: Die Bezeichnung fehlt.")
        item.level = max(0, min(item.level, MAX_LEVEL))
        if index is None:
            index = len(self.public_items) if item.public else len(self.items)
        self.items.insert(max(0, min(index, len(self.items))), item)
        self.renumber()
        return item

    def remove_item(self, item_id: uuid.UUID) -> list[AgendaItem]:
        """Remove a TOP together with its sub-items; returns what was removed."""
        self._check_editable()
        start, stop = self._block(item_id)
        self._check_no_result(start, stop, "kann nicht von der Tagesordnung genommen werden")
        removed = self.items[start:stop]
        del self.items[start:stop]
        self.renumber()
        return removed

    def move_item(self, item_id: uuid.UUID, to_index: int) -> None:
        """Move a TOP (with its sub-items) so that it starts at ``to_index`` of the list without it.

        A public item dropped among the non-public ones stays in the public part (at its end), and
        the other way round: moving never changes who may see an item.
        """
        self._check_editable()
        start, stop = self._block(item_id)
        block = self.items[start:stop]
        del self.items[start:stop]
        to_index = max(0, min(to_index, len(self.items)))
        self.items[to_index:to_index] = block
        self.renumber()

    def step_target(self, item_id: uuid.UUID, delta: int) -> int:
        """Where ``move_item`` puts a TOP one step up (-1) or down (+1): past the neighbouring TOP
        with its sub-items; a sub-item moves by one row."""
        start, stop = self._block(item_id)
        if self.items[start].level or abs(delta) != 1:
            return max(0, min(start + delta, len(self.items) - (stop - start)))
        if delta < 0:
            previous = start - 1
            while previous > 0 and self.items[previous].level > 0:
                previous -= 1
            return max(0, previous)
        if stop >= len(self.items):
            return start
        next_start, next_stop = self._block(self.items[stop].id)
        return start + (next_stop - next_start)

    def set_public(self, item_id: uuid.UUID, public: bool) -> None:
        """Make a TOP (with its sub-items) public or non-public; it moves to that part."""
        self._check_editable()
        start, stop = self._block(item_id)
        if any(item.public is not public for item in self.items[start:stop]):
            self._check_no_result(start, stop, "bleibt im Teil, in dem er beraten wurde")
        for item in self.items[start:stop]:
            item.public = public
        self.renumber()

    def set_level(self, item_id: uuid.UUID, level: int) -> None:
        """Make an item a sub-item of the TOP above it (1) or a TOP again (0)."""
        self._check_editable()
        item = self.item(item_id)
        item.level = max(0, min(level, MAX_LEVEL))
        self.renumber()

    def renumber(self) -> None:
        """Public part first, then the non-public part; TOPs 1, 2, 3 … across both, sub-items 4.1, 4.2.

        Sub-items share the public flag of their TOP, and an item that has no TOP above it in its part
        becomes a TOP itself. The result depends only on the order of the list, so numbers stay
        stable: an item keeps its number until something above it moves.
        """
        blocks: list[list[AgendaItem]] = []
        for item in self.items:
            if item.level > 0 and blocks and blocks[-1][0].public == item.public:
                blocks[-1].append(item)
            else:
                item.level = 0
                blocks.append([item])
        # Stable: relative order inside each part is kept.
        blocks.sort(key=lambda b: not b[0].public)
        self.items = [item for block in blocks for item in block]
        main = 0
        sub = 0
        for order, item in enumerate(self.items, start=1):
            if item.level == 0:
                main += 1
                sub = 0
                item.number = str(main)
            else:
                sub += 1
                item.number = f"{main}.{sub}"
            item.order = order

    def _block(self, item_id: uuid.UUID) -> tuple[int, int]:
        """Index range of the item and, for a TOP, its sub-items."""
        for index, item in enumerate(self.items):
            if item.id == item_id:
                stop = index + 1
                if item.level == 0:
                    while stop < len(self.items) and self.items[stop].level > 0:
                        stop += 1
                return index, stop
        raise NotFoundError(f"TOP: Der Tagesordnungspunkt ist in der {self.title} nicht (mehr) vorhanden.")

    @property
    def agenda_editable(self) -> bool:
        """Until the meeting is abgeschlossen (or abgesagt) its agenda can change: after the meeting too,
        where the body changed it (a Dringlichkeitsvorlage, a TOP abgesetzt); see ``_check_no_result``."""
        return self.state in (MeetingState.PLANNED, MeetingState.INVITED, MeetingState.HELD)

    def _check_no_result(self, start: int, stop: int, what: str) -> None:
        """A TOP with a result stays as it was decided: its Beschlussvermerk names it."""
        decided = next((i for i in self.items[start:stop] if i.result is not None), None)
        if decided is not None:
            raise WorkflowError(f"TOP: {decided.label} hat schon ein Ergebnis und {what}.")

    def _check_editable(self) -> None:
        if not self.agenda_editable:
            raise WorkflowError(
                f"Tagesordnung: Die {self.title} am {self.date:%d.%m.%Y} ist „{self.state.label}“; "
                "die Tagesordnung kann nicht mehr geändert werden."
            )


def meeting_short_id(committee: Organization, day: date) -> str:
    return f"{committee.display_short.replace(' ', '')}-{day.isoformat()}"


def new_meeting(
    committee: Organization,
    start: datetime,
    *,
    end: datetime | None = None,
    location: str = "",
    name: str = "",
) -> Meeting:
    """A planned meeting; refuses a start without time zone (it would be read as UTC)."""
    if start.tzinfo is None:
        raise ValidationError("Beginn: Uhrzeit ohne Zeitzone – bitte als Ortszeit (Europe/Berlin) angeben.")
    if end is not None and end <= start:
        raise ValidationError("Ende: Das Ende der Sitzung liegt nicht nach ihrem Beginn.")
    return Meeting(committee=committee, start=start, end=end, location=location, name=name)


# -- results ---------------------------------------------------------------------------------------


def record_result(
    meeting: Meeting,
    item_id: uuid.UUID,
    result: AgendaResult,
    resolution_text: str = "",
) -> AgendaItem:
    """Enter the outcome of a TOP; the meeting counts as held from then on."""
    refusal = results_refusal(meeting)
    if refusal is not None:
        raise WorkflowError(refusal)
    item = meeting.item(item_id)
    item.result = result
    item.resolution_text = resolution_text.strip()
    item.modified_at = utcnow()
    meeting.state = MeetingState.HELD
    return item


def results_refusal(meeting: Meeting, now: datetime | None = None) -> str | None:
    """Why no result can be entered now (German, names the field), or None when it can.

    Asked before the clerk types anything: the GUI disables "Ergebnis …" with this as its tooltip.
    """
    when = f"{meeting.title} am {meeting.date:%d.%m.%Y}"
    if meeting.state is MeetingState.CANCELLED:
        return f"Ergebnis: Die {when} ist abgesagt; es können keine Ergebnisse eingetragen werden."
    if meeting.state is MeetingState.CLOSED:
        return f"Ergebnis: Die {when} ist abgeschlossen; die Ergebnisse können nicht mehr geändert werden."
    if meeting.state is not MeetingState.HELD and meeting.start > (now or utcnow()):
        return f"Ergebnis: Die {when} hat noch nicht stattgefunden."
    return None
