"""PostgreSQL: a search matching many Vorlagen walks the list order instead of sorting every match.

PostgreSQL estimates a prefix search (``'wort':*``) at about 2 % of the rows whatever its real share
(100.000 Vorlagen, ``'integration':*`` in 92.543 of them: estimated 2.000). So it collects every
match through the GIN index and sorts them — 430 ms for the first 200 rows, and even a count
capped with ``LIMIT 2000`` costs 110 ms, since the GIN index hands out its matches only as a bitmap
of all of them. Walking the sort-key index backwards and testing each row needs ~220 rows for the
same page (1–3 ms). Which plan fits is decided by a probe of the top of the list (see
:func:`walks`), which is exactly the part a walk visits.

The walk is forced twice over, since a planner guess is what went wrong: the condition is written
so that the GIN index cannot serve it (``coalesce(search_vector, '')``), and bitmap and sequential
scans are switched off for the statement (``SET LOCAL``), so that a year or status filter walks its
``(year|status, sort_key)`` index instead of sorting (198 ms with a status filter otherwise). The
different condition also keeps the statement text apart from the GIN one: psycopg prepares
repeated statements, and a prepared plan would otherwise outlive the settings it was planned under.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import ColumnElement, func, literal_column, select, text
from sqlalchemy.orm import Session

from kimdesk.storage.models import PaperRow
from kimdesk.storage.search import PG_DOCUMENT_SQL, pg_tsquery, search_words

#: How many rows of the top of the list (newest first, other filters applied) the probe tests.
PROBE_ROWS = 500
#: A search walks the list order if at least this share of the probed rows matches. Walking a
#: page of 200 then visits at most 2.000 rows, and counting up to 2.000 matches at most 20.000 —
#: below, the GIN index and a sort of the (fewer) matches cost less.
WALK_FROM_SHARE = 0.1

#: Switched off while walking. ``jit``: a plan with a switched-off node costs 10¹⁰ (how PostgreSQL
#: switches a node off), far above ``jit_above_cost``; compiling it took 400 ms for a 2 ms count.
_WALKING = ("enable_bitmapscan", "enable_seqscan", "jit")

_PROBED: OrderedDict[tuple[Any, ...], bool] = OrderedDict()
_PROBED_LOCK = threading.Lock()
_PROBED_SIZE = 256


def walk_condition(user_text: str) -> ColumnElement[bool] | None:
    """The search condition written so that no index can serve it: tested row by row on a walk."""
    words = search_words(user_text)
    if not words:
        return None
    empty: ColumnElement[Any] = literal_column("''::tsvector")
    document: ColumnElement[Any] = func.coalesce(literal_column(PG_DOCUMENT_SQL), empty)
    query = func.to_tsquery(literal_column("'german'::regconfig"), pg_tsquery(words))
    return document.bool_op("@@")(query)


@contextmanager
def walking(session: Session) -> Iterator[None]:
    """Plans inside the block walk an index in its order: no bitmap, no sequential scan.

    ``SET LOCAL`` lasts until the end of the transaction; the settings are put back after the block,
    so that later statements of the same unit of work plan as usual. (If a statement fails, the
    transaction is rolled back, and the settings with it.)
    """
    session.execute(text(";".join(f"SET LOCAL {name} = off" for name in _WALKING)))
    yield
    session.execute(text(";".join(f"SET LOCAL {name} TO DEFAULT" for name in _WALKING)))


def walks(session: Session, key: tuple[Any, ...], others: list[ColumnElement[bool]], user_text: str) -> bool:
    """Whether a search should walk: at least :data:`WALK_FROM_SHARE` of the top :data:`PROBE_ROWS`
    rows of the list (``others`` applied) match ``user_text``.

    Remembered per ``key`` (the search and its filters): the list counts, then reads its first page
    with the same query. A stale answer only picks the slower plan, never other rows.
    """
    condition = walk_condition(user_text)
    if condition is None:
        return False
    with _PROBED_LOCK:
        known = _PROBED.get(key)
    if known is not None:
        return known
    top = (
        select(condition.label("hit"))
        .select_from(PaperRow)
        .where(*others)
        .order_by(PaperRow.sort_key.desc())
        .limit(PROBE_ROWS)
        .subquery("top")
    )
    with walking(session):
        probed, hits = session.execute(select(func.count(), func.count().filter(top.c.hit))).one()
    walk = int(hits) >= WALK_FROM_SHARE * max(int(probed), 1) and int(hits) > 0
    with _PROBED_LOCK:
        _PROBED[key] = walk
        _PROBED.move_to_end(key)
        while len(_PROBED) > _PROBED_SIZE:
            _PROBED.popitem(last=False)
    return walk
