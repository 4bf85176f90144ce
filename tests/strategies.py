"""Hypothesis strategies for whole Vorlagen: any Unicode, huge texts, extreme amounts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

from hypothesis import strategies as st

from kimdesk.domain.masterdata import Organization, OrganizationKind, Person
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FinanceRow,
    FinancialImpact,
    FundingModule,
    ImpactChoice,
    OwnContribution,
    Paper,
    PaperStatus,
    PaperType,
    Period,
    RateSnapshot,
    ResolutionEntry,
    SignatureBlock,
    SignOff,
    SignOffDecision,
)
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span

#: Any Unicode a clerk can type or paste: no NUL (databases refuse it), no lone surrogates.
any_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=60
)
hostile = st.sampled_from(
    ["<", "&", "</para>", "<b>fett</b>", "😀👩🏽‍💻", "محمد رضایی", "זאב", "a\u200bb\u200d", "‮rtl", "\t", "\n"]
)
texts = st.one_of(any_text, hostile, st.lists(st.one_of(any_text, hostile), max_size=5).map("".join))
amounts = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2, allow_nan=False)
#: One of up to three Eigenanteil sources: together at most the largest amount.
source_amounts = st.decimals(min_value=0, max_value=Decimal("333333333.33"), places=2, allow_nan=False)
dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
aware = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=2))]),
)

spans = st.builds(Span, texts, st.booleans(), st.booleans())
blocks = st.one_of(
    st.builds(Block, st.just(BlockKind.PARAGRAPH), st.lists(spans, max_size=4)),
    st.builds(
        Block,
        st.just(BlockKind.HEADING),
        st.lists(spans, min_size=1, max_size=2),
        level=st.integers(1, 3),
    ),
    st.builds(
        Block,
        st.sampled_from([BlockKind.BULLET_LIST, BlockKind.NUMBERED_LIST]),
        items=st.lists(st.lists(spans, min_size=1, max_size=3), min_size=1, max_size=4),
    ),
)
rich_texts = st.builds(RichText, st.lists(blocks, max_size=6))

organizations = st.builds(
    Organization,
    texts.filter(lambda t: t.strip() != ""),
    st.one_of(st.none(), st.sampled_from(OrganizationKind)),  # None: not known (imported)
    texts,
    texts,
)
persons = st.builds(Person, texts.filter(lambda t: t.strip() != ""), texts)

cells = st.tuples(st.sampled_from(FinanceRow), st.sampled_from(Period))
impacts = st.builds(
    FinancialImpact,
    st.one_of(st.none(), st.sampled_from(ImpactChoice)),
    st.dictionaries(cells, amounts, max_size=8),
    st.sets(cells, max_size=3),
    st.one_of(st.none(), st.booleans()),
)
rates = st.builds(
    RateSnapshot,
    st.text("abcdefghijklmnopqrstuvwxyz-0123456789", min_size=1, max_size=20),
    texts,
    amounts,
    amounts,
    st.one_of(st.none(), dates),
    texts,
)


@st.composite
def funding_modules(draw: st.DrawFn) -> FundingModule:
    start = draw(st.integers(2000, 2090))
    end = draw(st.integers(start, start + 9))
    start_month = draw(st.integers(1, 12))
    return FundingModule(
        programme=draw(st.sampled_from(["kim-nrw", "eigenes-programm"])),
        component=draw(st.sampled_from(["b1-coordination", "b2-case-management", "b3-immigration-offices"])),
        posts=draw(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("999.99"), places=2)),
        start_year=start,
        end_year=end,
        own_sources=[
            OwnContribution(a, t) for a, t in draw(st.lists(st.tuples(source_amounts, texts), max_size=3))
        ],
        start_month=start_month,
        end_month=draw(st.integers(start_month if end == start else 1, 12)),
        extra_amount=draw(st.one_of(st.just(Decimal("0.00")), amounts, amounts.map(lambda a: -a))),
        extra_reason=draw(texts),
        notes=draw(texts),
        rate=draw(st.one_of(st.none(), rates)),
    )


sign_offs = st.builds(
    SignOff,
    st.sampled_from(["mayor", "treasurer", "legal"]),
    texts,
    st.booleans(),
    st.integers(0, 10),
    texts,
    st.booleans(),
    st.one_of(st.none(), st.sampled_from(SignOffDecision)),
    st.one_of(st.none(), aware),
    texts,
    texts,
    st.text("0123456789abcdef", min_size=64, max_size=64),
    st.booleans(),
    st.one_of(st.none(), dates),
)
resolutions = st.builds(ResolutionEntry, texts, st.one_of(st.none(), dates), st.booleans(), texts, texts)


@st.composite
def papers(
    draw: st.DrawFn, orgs: list[Organization] | None = None, people: list[Person] | None = None
) -> Paper:
    """A Vorlage referring only to ``orgs``/``people`` (drawn when not given)."""
    orgs = orgs if orgs is not None else draw(st.lists(organizations, min_size=1, max_size=3))
    people = people if people is not None else draw(st.lists(persons, min_size=1, max_size=3))
    org_or_none = st.one_of(st.none(), st.sampled_from(orgs))
    person_or_none = st.one_of(st.none(), st.sampled_from(people))
    consultations = st.lists(
        st.builds(
            Consultation,
            org_or_none,
            st.one_of(st.none(), st.sampled_from(ConsultationRole)),
            st.one_of(st.none(), dates),
            st.text("0123456789.", max_size=5),
            st.booleans(),
            person_or_none,
        ),
        max_size=4,
    )
    created = draw(aware)
    return Paper(
        title=draw(texts),
        reference=draw(st.from_regex(r"\A[0-9]{2}/[0-9]{4}\Z")),
        paper_type=draw(st.one_of(st.none(), st.sampled_from(PaperType))),
        lead_department=draw(org_or_none),
        rationale=draw(rich_texts),
        consultations=draw(consultations),
        financial_impact=draw(impacts),
        funding_modules=draw(st.lists(funding_modules(), max_size=3)),
        climate_impact=draw(st.one_of(st.none(), st.sampled_from(ImpactChoice))),
        climate_text=draw(texts),
        draft_resolution=draw(st.one_of(texts.map(RichText.from_plain_exact), rich_texts)),
        signature=draw(st.builds(SignatureBlock, texts, st.booleans(), texts, texts)),
        sign_offs=draw(st.lists(sign_offs, max_size=4)),
        minutes_extracts=draw(st.one_of(st.none(), st.integers(0, 10_000))),
        resolution_record=draw(st.lists(resolutions, max_size=3)),
        status=draw(st.sampled_from(PaperStatus)),
        created_at=created,
        modified_at=created + timedelta(seconds=draw(st.integers(0, 10**8))),
        modified_by=draw(texts),
    )
