"""A Vorlage with every field at its limit (``kimdesk.domain.limits``): the worst an import can let in.

Used by ``bench/bench_limits.py`` (how long its PDF takes) and by the test that renders it.
"""

from __future__ import annotations

import copy
import uuid
from decimal import Decimal

from kimdesk.domain import limits
from kimdesk.domain.funding.module import MAX_SOURCE_TEXT, MAX_SOURCES
from kimdesk.domain.masterdata import Office
from kimdesk.domain.model import (
    Consultation,
    ConsultationRole,
    FundingModule,
    OwnContribution,
    Paper,
    RateSnapshot,
    RelatedPaper,
    ResolutionEntry,
    SignOff,
)
from kimdesk.domain.richtext import Block, BlockKind, RichText, Span
from tests.demo_data import demo_office, demo_organizations, demo_persons, seed_paper

WORDS = ["Kommunales", "Integrationsmanagement", "Förderung", "Stellenanteile", "Zuwendungsbescheid", "Rat"]


def prose(length: int, *, unbroken: bool = False) -> str:
    """``length`` characters of German-looking text, or one word without a break."""
    if unbroken:
        return ("Donaudampfschifffahrtsgesellschaft" * (length // 34 + 1))[:length]
    text = " ".join(WORDS[i % len(WORDS)] for i in range(length // 8 + 1))
    return text[:length]


def paper_at_limits(*, unbroken: bool = False) -> tuple[Paper, Office]:
    """Demo Vorlage 20/0270 with every text, list and number as large as the limits allow."""
    persons = demo_persons()
    orgs = demo_organizations()
    paper = copy.deepcopy(seed_paper(orgs, persons))
    paper.title = prose(limits.MAX_TITLE, unbroken=unbroken)
    paper.draft_resolution = RichText.from_plain_exact(prose(limits.MAX_LONG_TEXT, unbroken=unbroken))
    paper.climate_text = prose(limits.MAX_LONG_TEXT, unbroken=unbroken)
    per_block = limits.MAX_RATIONALE // limits.MAX_BLOCKS - 2
    paper.rationale = RichText(
        [
            Block(BlockKind.PARAGRAPH, [Span(prose(per_block, unbroken=unbroken))])
            for _ in range(limits.MAX_BLOCKS)
        ]
    )
    paper.file_number = prose(limits.MAX_SHORT, unbroken=unbroken)
    paper.related_papers = [
        RelatedPaper(f"{n:04d}/" + "9" * (limits.MAX_REFERENCE - 5)) for n in range(limits.MAX_RELATED_PAPERS)
    ]
    committee = paper.consultations[0].committee
    paper.consultations = [
        Consultation(committee=committee, role=ConsultationRole.NOTING, agenda_item=prose(limits.MAX_SHORT))
        for _ in range(limits.MAX_CONSULTATIONS)
    ]
    rate = RateSnapshot("kim-b2", prose(limits.MAX_SHORT), Decimal("999999.99"), Decimal("99999.99"))
    paper.funding_modules = [
        FundingModule(
            id=uuid.uuid4(),
            programme="kim-nrw",
            component="b2-case-management",
            posts=Decimal("1000"),
            start_year=2020,
            end_year=2020 + limits.MAX_FUNDING_YEARS - 1,
            own_sources=[
                OwnContribution(Decimal("99999999.99"), prose(MAX_SOURCE_TEXT, unbroken=unbroken))
                for _ in range(MAX_SOURCES)
            ],
            start_month=7,
            end_month=6,
            extra_amount=Decimal("-999999.99"),
            extra_reason=prose(MAX_SOURCE_TEXT, unbroken=unbroken),
            notes=prose(limits.MAX_NOTE),
            rate=rate,
        )
        for _ in range(limits.MAX_FUNDING_MODULES)
    ]
    paper.sign_offs = [
        SignOff(
            id=uuid.uuid4(),
            role_key=f"role{i}",
            role_label=prose(limits.MAX_NAME),
            remark=prose(limits.MAX_NOTE),
        )
        for i in range(limits.MAX_SIGN_OFFS)
    ]
    paper.resolution_record = [
        ResolutionEntry(
            committee_name=prose(limits.MAX_NAME), result="einstimmig", text=prose(limits.MAX_LONG_TEXT)
        )
        for _ in range(limits.MAX_RESOLUTIONS)
    ]
    paper.minutes_extracts = limits.MAX_MINUTES_EXTRACTS
    paper.signature.name = prose(limits.MAX_NAME)
    paper.signature.function = prose(limits.MAX_NAME)
    return paper, demo_office(persons)
