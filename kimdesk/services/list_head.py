"""The head of the Vorlagen list: its first rows and how many match, counted only up to a limit.

A search for a word found in 93.000 of 100.000 Vorlagen must not count every match before the first
rows show (on PostgreSQL that count alone took ~0,6 s of CPU per search): the list counts up to
:data:`COUNT_UP_TO` and otherwise says „mehr als 2.000“, and learns the exact number when it is
scrolled to the end. Stdlib and ports only: the window imports this while it starts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from kimdesk.services.ports import PaperQuery, PaperSummary, UnitOfWorkFactory

#: The list counts its matches up to this many; above, it knows only that there are more.
COUNT_UP_TO = 2000

#: ``count(query, at_most)``: the number of matches, or ``at_most`` if there are at least that many.
Count = Callable[[PaperQuery, int | None], int]
Load = Callable[[PaperQuery], list[PaperSummary]]


@dataclass(frozen=True, slots=True)
class ListHead:
    """The first rows of a query and what is known of its number of matches."""

    #: The number of matches if ``exact``; else the number known to exist (more may follow).
    total: int
    exact: bool
    rows: list[PaperSummary]


def list_head(count: Count, load: Load, query: PaperQuery, rows: int, up_to: int = COUNT_UP_TO) -> ListHead:
    """The first ``rows`` rows of ``query`` and its number of matches, counted up to ``up_to``.

    Above ``up_to`` one row more than asked is read: if it exists, there are more than ``rows``
    matches, else the rows read are all of them and their number is exact.
    """
    query = replace(query, offset=0, limit=None)
    counted = count(query, up_to + 1)
    if counted <= up_to:
        return ListHead(counted, True, load(replace(query, limit=rows)) if counted else [])
    found = load(replace(query, limit=rows + 1))
    if len(found) <= rows:  # the end is reached (it can only be: Vorlagen were deleted meanwhile)
        return ListHead(len(found), True, found)
    return ListHead(max(up_to + 1, rows + 1), False, found[:rows])


def read_list_head(
    uow_factory: UnitOfWorkFactory, query: PaperQuery, rows: int, up_to: int = COUNT_UP_TO
) -> ListHead:
    """:func:`list_head` from the database, in one unit of work."""
    with uow_factory() as uow:
        uow.read_only()  # the count and the rows: one state of the database
        return list_head(uow.papers.count, uow.papers.query, query, rows, up_to)
