"""The pure Mitzeichnung rules: Umlauf, signatures, release, rejection, voiding, content hash."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from kimdesk.domain import signoff as rules
from kimdesk.domain.errors import LockedError, WorkflowError
from kimdesk.domain.model import (
    FinanceRow,
    ImpactChoice,
    PaperStatus,
    Period,
    SignOffDecision,
)
from tests.demo_data import demo_office, demo_organizations, demo_persons, more_papers, seed_paper

NOW = datetime(2020, 9, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def demo():
    orgs, persons = demo_organizations(), demo_persons()
    office = demo_office(persons)
    seed, sprachcafe, bericht = seed_paper(orgs, persons), *more_papers(orgs, persons)
    return office, persons, seed, sprachcafe, bericht


def test_start_picks_office_roles_with_holder_and_skips_legal_unless_asked(demo) -> None:
    office, _, seed, _, _ = demo
    rows = rules.start_circulation(seed, office, now=NOW)
    assert [r.role_label for r in rows] == [
        "Bürgermeister",
        "Erster Beigeordneter",
        "Stadtkämmerer",
        "Beigeordnete",
        "Stadtbaurat",
    ]
    assert seed.status is PaperStatus.IN_SIGN_OFF


def test_treasurer_required_when_financial_impact_is_following(demo) -> None:
    office, _, _, sprachcafe, _ = demo
    assert sprachcafe.financial_impact.choice is ImpactChoice.FOLLOWING
    rows = rules.start_circulation(sprachcafe, office, roles=["mayor"], include_legal=True, now=NOW)
    assert [r.role_label for r in rows] == ["Bürgermeister", "Stadtkämmerer", "Rechtsamt"]
    assert all(r.required for r in rows)


def test_start_refuses_with_german_validation_problems(demo) -> None:
    office, _, _, _, bericht = demo
    bericht.financial_impact.choice = None  # the clerk has ticked neither box yet
    bericht.climate_impact = None
    with pytest.raises(WorkflowError) as info:
        rules.start_circulation(bericht, office, now=NOW)
    lines = info.value.message.splitlines()
    assert "kann nicht in die Mitzeichnung" in lines[0]
    assert any("Finanzielle Auswirkungen" in line for line in lines[1:])
    assert any("klimarelevante" in line for line in lines[1:])
    assert bericht.status is PaperStatus.DRAFT and not bericht.sign_offs


def test_unknown_role_and_past_due_date_are_refused(demo) -> None:
    office, _, seed, _, _ = demo
    with pytest.raises(WorkflowError, match="Rolle „kanzler“ gibt es nicht"):
        rules.start_circulation(seed, office, roles=["kanzler"], now=NOW)
    with pytest.raises(WorkflowError, match="Frist"):
        rules.start_circulation(seed, office, due_date=date(2020, 8, 1), now=NOW)
    assert seed.status is PaperStatus.DRAFT


def test_release_needs_every_required_role_and_noted_counts(demo) -> None:
    office, persons, seed, _, _ = demo
    rules.start_circulation(seed, office, roles=["mayor", "first_deputy"], now=NOW)
    rules.sign(seed, office, role_key="mayor", person=persons["mayor"], os_account="tesche", now=NOW)
    assert seed.status is PaperStatus.IN_SIGN_OFF
    assert [r.role_key for r in rules.due_roles(seed)] == ["first_deputy"]
    row = rules.sign(
        seed,
        office,
        role_key="first_deputy",
        person=persons["weichelt"],
        decision=SignOffDecision.NOTED,
        os_account="weichelt",
        now=NOW + timedelta(hours=1),
    )
    assert seed.status is PaperStatus.RELEASED
    assert row.decision.label == "zur Kenntnis genommen"
    assert row.content_hash == rules.content_hash(seed)
    assert row.signed_at is not None and row.signed_at.tzinfo is not None


def test_deputy_signs_i_v_and_strangers_may_not(demo) -> None:
    office, persons, seed, _, _ = demo
    rules.start_circulation(seed, office, roles=["mayor", "treasurer"], now=NOW)
    with pytest.raises(WorkflowError, match="darf für Bürgermeister nicht zeichnen"):
        rules.sign(seed, office, role_key="mayor", person=persons["legal"], os_account="x", now=NOW)
    with pytest.raises(WorkflowError, match="nicht als Vertretung"):
        rules.sign(
            seed, office, role_key="mayor", person=persons["legal"], as_deputy=True, os_account="x", now=NOW
        )
    row = rules.sign(seed, office, role_key="mayor", person=persons["weichelt"], os_account="w", now=NOW)
    assert row.as_deputy  # Weichelt is the mayor's deputy: the PDF shows "i. V."
    with pytest.raises(WorkflowError, match="bereits entschieden"):
        rules.sign(seed, office, role_key="mayor", person=persons["mayor"], os_account="t", now=NOW)


def test_sequential_umlauf_only_lets_the_next_role_sign(demo) -> None:
    office, persons, seed, _, _ = demo
    rules.start_circulation(seed, office, roles=["mayor", "first_deputy"], sequential=True, now=NOW)
    with pytest.raises(WorkflowError, match="zuerst zeichnet Bürgermeister"):
        rules.sign(seed, office, role_key="first_deputy", person=persons["weichelt"], os_account="w", now=NOW)
    rules.sign(seed, office, role_key="mayor", person=persons["mayor"], os_account="t", now=NOW)
    rules.sign(seed, office, role_key="first_deputy", person=persons["weichelt"], os_account="w", now=NOW)
    assert seed.status is PaperStatus.RELEASED


def test_rejection_sends_back_to_draft_with_remark_and_voids_the_others(demo) -> None:
    office, persons, seed, _, _ = demo
    rules.start_circulation(seed, office, roles=["mayor", "first_deputy", "legal"], now=NOW)
    rules.sign(seed, office, role_key="mayor", person=persons["mayor"], os_account="t", now=NOW)
    with pytest.raises(WorkflowError, match="Grund"):
        rules.sign(
            seed,
            office,
            role_key="legal",
            person=persons["legal"],
            decision=SignOffDecision.REJECTED,
            os_account="a",
            now=NOW,
        )
    rules.sign(
        seed,
        office,
        role_key="legal",
        person=persons["legal"],
        decision=SignOffDecision.REJECTED,
        remark="Rechtsgrundlage ergänzen",
        os_account="a",
        now=NOW,
    )
    assert seed.status is PaperStatus.DRAFT
    rejection = rules.last_rejection(seed)
    assert rejection is not None and rejection.remark == "Rechtsgrundlage ergänzen"
    mayor = next(s for s in seed.sign_offs if s.role_key == "mayor")
    assert mayor.voided and mayor.decision is SignOffDecision.APPROVED  # kept, not deleted
    rules.assert_editable(seed)
    # A new Umlauf starts afresh and the old rejection is history.
    rules.start_circulation(seed, office, roles=["mayor"], now=NOW)
    assert rules.last_rejection(seed) is None
    assert len(seed.sign_offs) == 4


def test_locked_content_and_back_to_draft_voids_every_signature(demo) -> None:
    office, persons, seed, _, _ = demo
    rules.start_circulation(seed, office, roles=["mayor"], now=NOW)
    with pytest.raises(LockedError, match="In Mitzeichnung"):
        rules.assert_editable(seed)
    rules.sign(seed, office, role_key="mayor", person=persons["mayor"], os_account="t", now=NOW)
    assert seed.status is PaperStatus.RELEASED
    assert rules.back_to_draft(seed) == 1
    assert seed.status is PaperStatus.DRAFT
    assert all(s.voided for s in seed.sign_offs) and len(seed.sign_offs) == 1
    with pytest.raises(WorkflowError):
        rules.back_to_draft(seed)


def test_withdraw_from_any_state(demo) -> None:
    office, _, seed, sprachcafe, _ = demo
    rules.withdraw(seed)
    assert seed.status is PaperStatus.WITHDRAWN
    with pytest.raises(WorkflowError, match="bereits"):
        rules.withdraw(seed)
    rules.start_circulation(sprachcafe, office, now=NOW)
    rules.withdraw(sprachcafe)
    assert sprachcafe.status is PaperStatus.WITHDRAWN
    with pytest.raises(WorkflowError):
        rules.start_circulation(sprachcafe, office, now=NOW)


def test_content_hash_ignores_state_and_scheduling_but_not_text(demo) -> None:
    office, _, _, sprachcafe, _ = demo
    before = rules.content_hash(sprachcafe)
    other = copy.deepcopy(sprachcafe)
    rules.start_circulation(other, office, now=NOW)
    other.consultations[0].agenda_item = "7"
    other.modified_by = "someone"
    other.version = 9
    assert rules.content_hash(other) == before
    # The database may hand amounts back with another scale: same amount, same hash.
    other.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal("12000")
    assert rules.content_hash(other) == before
    other.title += "."
    assert rules.content_hash(other) != before
    other = copy.deepcopy(sprachcafe)
    other.financial_impact.amounts[(FinanceRow.EXPENSE, Period.ANNUAL)] = Decimal("12000.01")
    assert rules.content_hash(other) != before
    assert len(before) == 64 and rules.short_hash(before) == f"{before[:4]} {before[4:8]} {before[8:12]}"
