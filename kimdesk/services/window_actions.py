"""Which of the main window's commands are offered when (no Qt): the GUI enables its actions by these."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class WindowState:
    """What the enabled commands depend on."""

    #: The database is open.
    ready: bool
    #: ... and may be written (not a write-protected file or a read-only server).
    writable: bool
    #: An editor page is the current tab.
    page_open: bool
    #: ... and it may be edited.
    page_editable: bool
    #: A Vorlage is open or selected in the list.
    has_paper: bool


def enabled_commands(state: WindowState) -> frozenset[str]:
    """The names of the commands that can be used now; the others are greyed out."""
    enabled = {"settings", "backup", "folder"} if state.ready else set()
    if state.writable:
        enabled |= {"new", "import"}
    if state.ready and state.has_paper:
        enabled |= {"export", "print"}
    if state.writable and state.has_paper:
        enabled |= {"duplicate", "delete"}
    if state.ready and not state.page_open and state.has_paper:
        enabled.add("open")
    if state.writable and state.page_open and state.page_editable:
        enabled.add("save")
    if state.ready and state.page_open:
        enabled.add("versions")
    return frozenset(enabled)


def window_title(reference: str = "", title: str = "", place: str = "") -> str:
    """ "20/0270 – Betrifft … – kimdesk" for an open Vorlage, else "Vorlagen – kimdesk" (``place``)."""
    if reference or title:
        subject = " ".join(title.split())
        if len(subject) > 70:
            subject = subject[:69].rstrip() + "…"
        return " – ".join(part for part in (reference, subject, "kimdesk") if part)
    return f"{place} – kimdesk" if place else "kimdesk"
