"""A meeting's life: geplant → eingeladen → durchgeführt → abgeschlossen (or abgesagt), the Ladungsfrist,
moving a meeting, and the per-Gremium standard agenda (Eröffnung, Niederschrift, Mitteilungen …).

What each state allows:

============== ============ ============== ========== ===========
state          details/move agenda         invite     results
============== ============ ============== ========== ===========
geplant        yes          yes            yes        once started
eingeladen     yes          yes            again      once started
durchgeführt   details only yes (*)        no         yes
abgeschlossen  no           frozen         no         no
abgesagt       no           frozen         no         no
============== ============ ============== ========== ===========

(*) as the body changed it (Dringlichkeitsvorlage, TOP abgesetzt); a TOP with a result is neither removed
nor moved to the other part.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from kimdesk.domain.entity import utcnow
from kimdesk.domain.errors import ValidationError, WorkflowError
from kimdesk.domain.meeting import AgendaItem, Meeting, MeetingState
from kimdesk.domain.timezone import BERLIN

#: Days between invitation and meeting when the office has not set its own Ladungsfrist.
DEFAULT_NOTICE_DAYS = 7
MAX_NOTICE_DAYS = 60

_OPEN = (MeetingState.PLANNED, MeetingState.INVITED)


def _when(meeting: Meeting) -> str:
    return f"{meeting.title} am {meeting.date:%d.%m.%Y}"


def _refuse(meeting: Meeting, field: str, allowed: tuple[MeetingState, ...]) -> None:
    if meeting.state not in allowed:
        raise WorkflowError(f"{field}: Die {_when(meeting)} ist „{meeting.state.label}“.")


# -- Ladungsfrist ----------------------------------------------------------------------------------


def check_notice_days(days: int) -> int:
    if not 0 <= days <= MAX_NOTICE_DAYS:
        raise ValidationError(f"Ladungsfrist: {days} Tage – erlaubt sind 0 bis {MAX_NOTICE_DAYS} Tage.")
    return days


def notice_deadline(meeting: Meeting, days: int) -> date:
    """The last day the invitation may go out ("Einladung spätestens am …")."""
    return meeting.date - timedelta(days=days)


def invitation_late(meeting: Meeting, days: int, when: datetime | None = None) -> bool:
    """True when an invitation sent at ``when`` (default: when it was sent, else now) is too late."""
    sent = when or meeting.invited_at or utcnow()
    return sent.astimezone(BERLIN).date() > notice_deadline(meeting, days)


# -- transitions -----------------------------------------------------------------------------------


def invite(meeting: Meeting, now: datetime | None = None) -> None:
    """The invitation went out: state eingeladen, and when (sent again: the new time)."""
    _refuse(meeting, "Einladen", _OPEN)
    if not meeting.items:
        raise WorkflowError(f"Einladen: Die Tagesordnung der {_when(meeting)} ist leer.")
    meeting.invited_at = now or utcnow()
    meeting.state = MeetingState.INVITED


def mark_held(meeting: Meeting, now: datetime | None = None) -> None:
    """The meeting took place; its agenda is frozen from now on and results can be entered."""
    _refuse(meeting, "Durchgeführt", _OPEN)
    if meeting.start > (now or utcnow()):
        raise WorkflowError(f"Durchgeführt: Die {_when(meeting)} hat noch nicht stattgefunden.")
    meeting.state = MeetingState.HELD


def close(meeting: Meeting) -> None:
    """Every TOP has its result: the meeting is abgeschlossen and nothing changes any more."""
    _refuse(meeting, "Abschließen", (MeetingState.HELD,))
    missing = [i.number for i in meeting.items if i.paper_id is not None and i.result is None]
    if missing:
        tops = ", ".join(f"TOP {n}" for n in missing)
        raise WorkflowError(f"Abschließen: Für {tops} ist noch kein Ergebnis eingetragen.")
    meeting.state = MeetingState.CLOSED


def cancel(meeting: Meeting, reason: str) -> None:
    _refuse(meeting, "Absagen", _OPEN)
    if not reason.strip():
        raise ValidationError("Grund der Absage: Bitte angeben, warum die Sitzung abgesagt wird.")
    meeting.cancel_reason = reason.strip()
    meeting.state = MeetingState.CANCELLED


def reschedule(meeting: Meeting, start: datetime, end: datetime | None = None) -> None:
    """Move the meeting to another day or time; the agenda stays."""
    _refuse(meeting, "Verlegen", _OPEN)
    check_times(start, end)
    meeting.start = start
    meeting.end = end


def check_times(start: datetime, end: datetime | None) -> None:
    if start.tzinfo is None:
        raise ValidationError("Beginn: Uhrzeit ohne Zeitzone – bitte als Ortszeit (Europe/Berlin) angeben.")
    if end is not None and end <= start:
        raise ValidationError("Ende: Das Ende der Sitzung liegt nicht nach ihrem Beginn.")


def edit_details(meeting: Meeting, *, location: str, name: str, chair: str, invitation_text: str) -> None:
    _refuse(meeting, "Sitzung bearbeiten", (*_OPEN, MeetingState.HELD))
    meeting.location = location.strip()
    meeting.name = name.strip()
    meeting.chair = chair.strip()
    meeting.invitation_text = invitation_text.strip()


def change_state(
    meeting: Meeting, state: MeetingState, *, reason: str = "", now: datetime | None = None
) -> None:
    """The transition to ``state`` with its checks (the CLI's ``meeting state``)."""
    if state is meeting.state and state is not MeetingState.INVITED:
        return
    if state is MeetingState.INVITED:
        invite(meeting, now)
    elif state is MeetingState.HELD:
        mark_held(meeting, now)
    elif state is MeetingState.CLOSED:
        close(meeting)
    elif state is MeetingState.CANCELLED:
        cancel(meeting, reason or "abgesagt")
    else:
        raise WorkflowError(
            f"Status: Die {_when(meeting)} ist „{meeting.state.label}“ "
            "und kann nicht wieder „geplant“ werden."
        )


# -- the standard agenda of a Gremium ---------------------------------------------------------------

#: The line of the standard agenda's text form that stands for the Vorlagen.
PAPERS_MARK = "[Vorlagen]"
#: Prefix of a non-public item in the text form.
NON_PUBLIC_PREFIX = "nö:"


@dataclass(frozen=True, slots=True)
class StandardItem:
    """A free TOP every meeting of a Gremium has; ``after_papers``: below the Vorlagen of its part."""

    title: str
    public: bool = True
    after_papers: bool = False


DEFAULT_STANDARD_AGENDA = (
    StandardItem("Eröffnung der Sitzung"),
    StandardItem("Feststellung der Tagesordnung"),
    StandardItem("Genehmigung der Niederschrift der letzten Sitzung"),
    StandardItem("Mitteilungen", after_papers=True),
    StandardItem("Anfragen", after_papers=True),
    StandardItem("Mitteilungen", public=False, after_papers=True),
    StandardItem("Anfragen", public=False, after_papers=True),
)


def standard_agenda_text(items: tuple[StandardItem, ...] | list[StandardItem]) -> str:
    """One line per item; ``[Vorlagen]`` where the Vorlagen go, ``nö:`` before a non-public item."""
    lines: list[str] = []
    for part in (True, False):
        before = [i for i in items if i.public is part and not i.after_papers]
        after = [i for i in items if i.public is part and i.after_papers]
        prefix = "" if part else f"{NON_PUBLIC_PREFIX} "
        lines += [prefix + i.title for i in before]
        if part:
            lines.append(PAPERS_MARK)
        lines += [prefix + i.title for i in after]
    return "\n".join(lines)


def parse_standard_agenda(text: str) -> list[StandardItem]:
    items: list[StandardItem] = []
    after = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line == PAPERS_MARK:
            after = True
            continue
        public = not line.lower().startswith(NON_PUBLIC_PREFIX)
        title = line if public else line[len(NON_PUBLIC_PREFIX) :].strip()
        if not title:
            raise ValidationError(f"Standard-Tagesordnung: Zeile {number} hat keine Bezeichnung.")
        if len(title) > 500:
            raise ValidationError(f"Standard-Tagesordnung: Zeile {number} ist länger als 500 Zeichen.")
        items.append(StandardItem(title, public, after or not public))
    return items


def apply_standard_agenda(meeting: Meeting, items: list[StandardItem]) -> list[AgendaItem]:
    """Add the Gremium's free TOPs around the Vorlagen; items already on the agenda are skipped."""
    present = {(i.title.casefold(), i.public) for i in meeting.items if i.paper_id is None}
    added: list[AgendaItem] = []
    leading = {True: 0, False: 0}
    for standard in items:
        if (standard.title.casefold(), standard.public) in present:
            continue
        item = AgendaItem(title=standard.title, public=standard.public)
        index = None
        if not standard.after_papers:
            offset = 0 if standard.public else len(meeting.public_items)
            index = offset + leading[standard.public]
            leading[standard.public] += 1
        added.append(meeting.add_item(item, index))
    return added
