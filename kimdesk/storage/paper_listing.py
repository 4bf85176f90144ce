"""The Vorlagen list (newest year and number first): one page of summaries and the number of matches."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import ColumnElement, and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from kimdesk.domain.model import PaperStatus
from kimdesk.domain.signature import kept_list_names
from kimdesk.services.ports import PaperQuery, PaperSummary
from kimdesk.storage import pg_walk, search
from kimdesk.storage.models import ConsultationRow, OrganizationRow, PaperRow
from kimdesk.storage.search import search_words, sqlite_match_count, sqlite_matches_at_least, text_filter

# The list query's joins (module-level, so that SQLAlchemy's statement cache recognises the query).
_LEAD = aliased(OrganizationRow, name="lead")
_FIRST = aliased(ConsultationRow, name="first_consultation")
_COMMITTEE = aliased(OrganizationRow, name="committee")


class PaperListing:
    """The list queries of the Vorlagen repository (a page of ``PaperSummary`` rows, the match count)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.dialect = session.get_bind().dialect.name

    def query(self, query: PaperQuery) -> list[PaperSummary]:
        # The list is ordered by year and number (``sort_key``, see kimdesk.domain.numbering). The
        # window of sort keys is chosen first (index-only on the sort-key indexes), then only those
        # rows are joined: a deep offset no longer joins every skipped row.
        matches = (
            sqlite_matches_at_least(self.session, query.text)
            if self.dialect == "sqlite" and query.text.strip()
            else 0
        )
        walk = self._pg_walks(query)
        if matches >= search.WALK_FROM_MATCHES:
            keys = self._walk(query, matches)
            if not keys:
                return []
            page = select(PaperRow.sort_key).where(PaperRow.sort_key.in_(keys)).subquery("page")
        elif self.dialect == "postgresql" and search_words(query.text) and not walk:
            # Few matches: all of them through the GIN index, then sorted. MATERIALIZED, since for a
            # small LIMIT the planner would walk the list order (it takes a search to match 2 % of the
            # rows) — 300 ms through all 100.000 for a word found once.
            found = (
                select(PaperRow.sort_key)
                .where(*self._filters(query))
                .cte("matches")
                .prefix_with("MATERIALIZED")
            )
            page = (
                select(found.c.sort_key)
                .order_by(found.c.sort_key.desc())
                .offset(query.offset or None)
                .limit(query.limit)
                .subquery("page")
            )
        else:
            page = (
                select(PaperRow.sort_key)
                .where(*self._filters(query, walk=walk))
                .order_by(PaperRow.sort_key.desc())
                .offset(query.offset or None)
                .limit(query.limit)
                .subquery("page")
            )
        lead, first, committee = _LEAD, _FIRST, _COMMITTEE
        stmt = (
            select(
                PaperRow.id,
                PaperRow.reference,
                PaperRow.title,
                lead.name,
                committee.name,
                first.meeting_date,
                PaperRow.status,
                PaperRow.modified_at,
                PaperRow.printed_names,
            )
            .select_from(page)
            .join(PaperRow, PaperRow.sort_key == page.c.sort_key)
            .outerjoin(lead, lead.id == PaperRow.lead_department_id)
            .outerjoin(first, and_(first.paper_id == PaperRow.id, first.position == 0))
            .outerjoin(committee, committee.id == first.committee_id)
            .order_by(PaperRow.sort_key.desc())
        )
        if walk:
            with pg_walk.walking(self.session):
                rows = self.session.execute(stmt).all()
        else:
            rows = self.session.execute(stmt).all()
        return [_summary(row) for row in rows]

    def _walk(self, query: PaperQuery, matches: int) -> list[str]:
        """SQLite, a search matching many Vorlagen: the page's sort keys, walking the list order.

        Only the top ``window`` rows of the list (other filters applied) can hold the page; the
        full-text matches are collected just for their FTS rowids (usually a narrow range, since
        new Vorlagen get new numbers), instead of all of them. If the window was too small (the
        matches are rarer up there), it grows.
        """
        others = self._filters(replace(query, text=""))
        order = PaperRow.sort_key.desc()
        limit = query.limit
        if limit is None:
            return self._walk_page(query, others, None)
        total = int(self.session.execute(select(func.count()).select_from(PaperRow)).scalar_one())
        needed = query.offset + limit
        window = int(needed * total / max(matches, 1) * 1.25) + 100
        while window < total:
            top = (
                select(PaperRow.sort_key, PaperRow.search_rowid).where(*others).order_by(order).limit(window)
            )
            top_rows = top.subquery("top")
            low, high, lowest_key, rows = self.session.execute(
                select(
                    func.min(top_rows.c.search_rowid),
                    func.max(top_rows.c.search_rowid),
                    func.min(top_rows.c.sort_key),
                    func.count(),
                )
            ).one()
            if not rows or low is None:
                return []
            bounded = rows >= window  # else the window already reaches the end of the list
            extra = [PaperRow.sort_key >= lowest_key] if bounded else []
            found = self._walk_page(query, others + extra, (int(low), int(high)))
            if len(found) == limit or not bounded:
                return found
            window *= 4
        return self._walk_page(query, others, None)

    def _walk_page(
        self, query: PaperQuery, others: list[ColumnElement[bool]], rowids: tuple[int, int] | None
    ) -> list[str]:
        condition = text_filter(self.dialect, query.text, walk=True, rowids=rowids)
        stmt = (
            select(PaperRow.sort_key)
            .where(*others, *([condition] if condition is not None else []))
            .order_by(PaperRow.sort_key.desc())
            .offset(query.offset or None)
            .limit(query.limit)
        )
        return list(self.session.scalars(stmt))

    def count(self, query: PaperQuery, at_most: int | None = None) -> int:
        """The number of matches; with ``at_most``, counted only up to that many."""
        if (
            self.dialect == "sqlite"
            and query.year is None
            and query.status is None
            and query.committee_id is None
            and query.text.strip()
        ):
            # a search alone: the full-text index counts its matches without touching papers (a
            # prefix search merges all its matches first, so a capped count would cost the same)
            number = sqlite_match_count(self.session, query.text)
            if number is not None:
                return number if at_most is None else min(number, at_most)
        walk = at_most is not None and self._pg_walks(query)
        filters = self._filters(query, walk=walk)
        if at_most is None:
            stmt = select(func.count()).select_from(PaperRow).where(*filters)
        else:
            capped = select(PaperRow.id).where(*filters).limit(at_most).subquery("capped")
            stmt = select(func.count()).select_from(capped)
        if walk:
            with pg_walk.walking(self.session):
                return int(self.session.execute(stmt).scalar_one())
        return int(self.session.execute(stmt).scalar_one())

    def _pg_walks(self, query: PaperQuery) -> bool:
        """PostgreSQL, a search that matches many of the top rows: walk the list order (pg_walk)."""
        if self.dialect != "postgresql" or not search_words(query.text):
            return False
        key = (tuple(search_words(query.text)), query.year, query.status, query.committee_id)
        others = self._filters(replace(query, text=""))
        return pg_walk.walks(self.session, key, others, query.text)

    def _filters(self, query: PaperQuery, *, walk: bool = False) -> list[ColumnElement[bool]]:
        """The WHERE conditions of ``query``; ``walk``: the search as a walk tests it (pg_walk)."""
        filters: list[ColumnElement[bool]] = []
        if query.year is not None:
            filters.append(PaperRow.year == query.year)
        if query.status is not None:
            filters.append(PaperRow.status == query.status.value)
        if query.committee_id is not None:
            filters.append(
                exists().where(
                    ConsultationRow.paper_id == PaperRow.id,
                    ConsultationRow.committee_id == query.committee_id,
                )
            )
        if query.text.strip():
            condition = pg_walk.walk_condition(query.text) if walk else text_filter(self.dialect, query.text)
            if condition is not None:
                filters.append(condition)
        return filters


def _summary(row: Any) -> PaperSummary:
    status = PaperStatus(row[6])
    # Past Entwurf a Vorlage keeps its names (a renamed Gremium): the list shows them as the Vorlage does.
    kept_lead, kept_committee = kept_list_names(row[8]) if status is not PaperStatus.DRAFT else (None, None)
    return PaperSummary(
        id=row[0],
        reference=row[1],
        title=row[2],
        lead_department=kept_lead or row[3] or "",
        committee=kept_committee or row[4] or "",
        meeting_date=row[5],
        status=status,
        modified_at=row[7],
    )
