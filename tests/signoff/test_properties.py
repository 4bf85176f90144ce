"""Property tests: random sequences of sign-off actions never break the workflow's promises."""

from __future__ import annotations

import copy
import uuid
from dataclasses import fields, replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from kimdesk.domain import signoff as rules
from kimdesk.domain.audit import AuditAction, AuditEntry, seal, verify_chain
from kimdesk.domain.errors import LockedError, WorkflowError
from kimdesk.domain.masterdata import TREASURER_ROLE
from kimdesk.domain.model import ImpactChoice, Paper, PaperStatus, SignOffDecision
from kimdesk.services.papers import take_content
from tests.demo_data import demo_office, demo_organizations, demo_persons, more_papers

START = datetime(2020, 10, 1, 8, 0, tzinfo=UTC)
ROLE_KEYS = ["mayor", "first_deputy", "treasurer", "deputies", "city_architect", "legal"]
PERSON_KEYS = ["mayor", "weichelt", "treasurer", "deputy", "architect", "legal", "kraemer"]


class SignOffMachine(RuleBasedStateMachine):
    """One Vorlage (with financial impact "folgende") driven by any mix of legal and illegal actions."""

    def __init__(self) -> None:
        super().__init__()
        orgs, self.persons = demo_organizations(), demo_persons()
        self.office = demo_office(self.persons)
        self.paper: Paper = more_papers(orgs, self.persons)[0]
        self.log: list[AuditEntry] = []
        self.clock = START
        self.edits = 0
        self.releases = 0
        self.editor: Paper = copy.deepcopy(self.paper)

    def _tick(self) -> datetime:
        self.clock += timedelta(minutes=7)
        return self.clock

    def _record(self, action: AuditAction, **details: object) -> None:
        entry = AuditEntry(
            action=action,
            at=self.clock,
            paper_id=self.paper.id,
            reference=self.paper.reference,
            os_account="clerk",
            status=self.paper.status.value,
            content_hash=rules.content_hash(self.paper),
            details=dict(details),
        )
        self.log.append(seal(entry, self.log[-1] if self.log else None))

    def _attempt(self, change: object) -> bool:
        """Run a transition on a copy; commit it only if it succeeded (as a unit of work would)."""
        before = copy.deepcopy(self.paper)
        try:
            change()  # type: ignore[operator]
        except WorkflowError:
            self.paper = before
            return False
        return True

    @rule(
        roles=st.none() | st.lists(st.sampled_from(ROLE_KEYS), max_size=4),
        legal=st.booleans(),
        sequential=st.booleans(),
    )
    def start(self, roles: list[str] | None, legal: bool, sequential: bool) -> None:
        now = self._tick()
        paper = self.paper
        if self._attempt(
            lambda: rules.start_circulation(
                self.paper, self.office, roles=roles, include_legal=legal, sequential=sequential, now=now
            )
        ):
            keys = [s.role_key for s in rules.current_round(self.paper)]
            assert TREASURER_ROLE in keys  # financial impact "folgende"
            assert ("legal" in keys) == (legal or "legal" in (roles or []))
            self._record(AuditAction.STARTED, roles=keys)
        else:
            assert self.paper.status == paper.status

    @rule(
        role=st.sampled_from(ROLE_KEYS),
        person=st.sampled_from(PERSON_KEYS),
        as_deputy=st.booleans(),
        decision=st.sampled_from(list(SignOffDecision)),
        remark=st.sampled_from(["", "Bitte Zahlen prüfen"]),
    )
    def sign(self, role: str, person: str, as_deputy: bool, decision: SignOffDecision, remark: str) -> None:
        now = self._tick()
        was = self.paper.status
        if self._attempt(
            lambda: rules.sign(
                self.paper,
                self.office,
                role_key=role,
                person=self.persons[person],
                as_deputy=as_deputy,
                decision=decision,
                remark=remark,
                os_account="pc-1",
                now=now,
            )
        ):
            assert was is PaperStatus.IN_SIGN_OFF
            action = AuditAction.REJECTED if decision is SignOffDecision.REJECTED else AuditAction.SIGNED
            self._record(action, role=role)
            if self.paper.status is PaperStatus.RELEASED:
                self._record(AuditAction.RELEASED)
            if decision is SignOffDecision.REJECTED:
                assert self.paper.status is PaperStatus.DRAFT
                rejection = rules.last_rejection(self.paper)
                assert rejection is not None and rejection.remark == remark.strip()

    @rule(noted=st.booleans(), by_deputy=st.booleans())
    def sign_due(self, noted: bool, by_deputy: bool) -> None:
        """The likely case: the holder (or deputy) of a due role signs, so releases happen often."""
        due = rules.due_roles(self.paper)
        if not due:
            return
        role = next(r for r in self.office.sign_off_roles if r.key == due[-1].role_key)
        person = role.deputy if by_deputy else role.holder
        assert person is not None
        decision = SignOffDecision.NOTED if noted else SignOffDecision.APPROVED
        rules.sign(
            self.paper,
            self.office,
            role_key=role.key,
            person=person,
            decision=decision,
            os_account="pc-2",
            now=self._tick(),
        )
        self._record(AuditAction.SIGNED, role=role.key)
        if self.paper.status is PaperStatus.RELEASED:
            self.releases += 1
            self._record(AuditAction.RELEASED)

    @rule()
    def withdraw(self) -> None:
        self._tick()
        if self._attempt(lambda: rules.withdraw(self.paper)):
            self._record(AuditAction.WITHDRAWN)

    @rule()
    def back(self) -> None:
        self._tick()
        if self._attempt(lambda: rules.back_to_draft(self.paper)):
            assert all(s.voided for s in self.paper.sign_offs)
            self._record(AuditAction.BACK_TO_DRAFT)

    @rule()
    def open_editor(self) -> None:
        """A clerk opens the Vorlage; the copy may be saved much later, after any workflow steps."""
        self.editor = copy.deepcopy(self.paper)

    @rule(text=st.text(max_size=8))
    def edit_content(self, text: str) -> None:
        """The editor's (possibly stale) copy goes through what save_paper does before it writes."""
        stored = self.paper
        mine = copy.deepcopy(self.editor)
        self.edits += 1
        mine.title = f"{stored.title.split(' #')[0]} #{self.edits}{text}"
        mine.financial_impact.choice = ImpactChoice.FOLLOWING
        try:
            take_content(mine, stored)
        except LockedError:
            assert stored.status is not PaperStatus.DRAFT
            return
        assert stored.status is PaperStatus.DRAFT
        # The workflow's record survives the stale copy: state, every Mitzeichnung, the Beschlussvermerk.
        assert (mine.status, mine.sign_offs, mine.resolution_record) == (
            stored.status,
            stored.sign_offs,
            stored.resolution_record,
        )
        self.paper = mine

    @invariant()
    def released_only_with_every_required_signature(self) -> None:
        if self.paper.status is PaperStatus.RELEASED:
            rows = [s for s in rules.current_round(self.paper) if s.required]
            assert rows and all(s.decision in rules.DONE_DECISIONS for s in rows)
            assert all(s.person_name and s.signed_at is not None for s in rows)

    @invariant()
    def signed_content_never_changes_unvoided(self) -> None:
        assert rules.broken_signatures(self.paper) == []

    @invariant()
    def audit_chain_verifies_and_knows_the_state(self) -> None:
        head = (self.log[-1].seq, self.log[-1].entry_hash) if self.log else None
        assert verify_chain(self.log, head) == []
        if self.log:
            assert self.log[-1].status == self.paper.status.value
        else:
            assert self.paper.status is PaperStatus.DRAFT


SignOffMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestSignOffMachine = SignOffMachine.TestCase


# --- tampering with any row of a legal chain is found --------------------------------------------


def _chain(length: int) -> list[AuditEntry]:
    log: list[AuditEntry] = []
    paper_id = uuid.uuid4()
    actions = list(AuditAction)
    for i in range(length):
        entry = AuditEntry(
            action=actions[i % len(actions)],
            at=START + timedelta(hours=i),
            paper_id=paper_id,
            reference="20/0311",
            os_account="clerk",
            person_name="Rainer Weichelt",
            status="in_sign_off",
            content_hash="ab" * 32,
            details={"role": "mayor", "n": i},
        )
        log.append(seal(entry, log[-1] if log else None))
    return log


TAMPER = {
    "action": lambda e: replace(
        e, action=AuditAction.WITHDRAWN if e.action is not AuditAction.WITHDRAWN else AuditAction.SIGNED
    ),
    "at": lambda e: replace(e, at=e.at + timedelta(seconds=1)),
    "paper_id": lambda e: replace(e, paper_id=uuid.uuid4()),
    "reference": lambda e: replace(e, reference="20/0312"),
    "os_account": lambda e: replace(e, os_account="mallory"),
    "person_name": lambda e: replace(e, person_name="Christoph Tesche"),
    "status": lambda e: replace(e, status="released"),
    "content_hash": lambda e: replace(e, content_hash="cd" * 32),
    "details": lambda e: replace(e, details={**e.details, "role": "treasurer"}),
    "seq": lambda e: replace(e, seq=e.seq + 100),
    "prev_hash": lambda e: replace(e, prev_hash="ef" * 32),
    "entry_hash": lambda e: replace(e, entry_hash="01" * 32),
}


def test_tamper_table_covers_every_field() -> None:
    assert set(TAMPER) == {f.name for f in fields(AuditEntry)}


@settings(max_examples=60, deadline=None)
@given(length=st.integers(1, 12), data=st.data())
def test_any_change_to_any_row_breaks_the_chain(length: int, data: st.DataObject) -> None:
    log = _chain(length)
    head = (log[-1].seq, log[-1].entry_hash)
    assert verify_chain(log, head) == []
    index = data.draw(st.integers(0, length - 1))
    field_name = data.draw(st.sampled_from(sorted(TAMPER)))
    tampered = list(log)
    tampered[index] = TAMPER[field_name](log[index])
    assert verify_chain(tampered, head) != []


@settings(max_examples=40, deadline=None)
@given(length=st.integers(1, 12), data=st.data())
def test_deleting_any_row_breaks_the_chain(length: int, data: st.DataObject) -> None:
    log = _chain(length)
    head = (log[-1].seq, log[-1].entry_hash)
    index = data.draw(st.integers(0, length - 1))
    assert verify_chain(log[:index] + log[index + 1 :], head) != []
