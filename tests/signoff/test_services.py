"""The Mitzeichnung use cases over an in-memory unit of work: audit entries, PINs, verify."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.errors import NotFoundError, WorkflowError
from kimdesk.domain.model import PaperStatus, SignOffDecision
from kimdesk.services import signoff, verification
from tests.signing import PIN
from tests.signoff.conftest import NOW
from tests.signoff.fakes import FakeUnitOfWork, Store

Factory = Callable[[], FakeUnitOfWork]


def _release_seed(uow: Factory) -> None:
    signoff.start(uow, "20/0270", roles=["mayor", "first_deputy"], due_date=date(2020, 9, 4), now=NOW)
    signoff.sign(uow, "20/0270", role_key="first_deputy", person_name="Rainer Weichelt", pin=PIN, now=NOW)
    signoff.sign(
        uow, "20/0270", role_key="mayor", person_name="Christoph Tesche", pin=PIN, now=NOW + timedelta(days=1)
    )


def test_release_through_services_logs_every_step_and_verifies(
    fake_uow: Factory, store: Store, before: int
) -> None:
    _release_seed(fake_uow)
    state = signoff.status(fake_uow, "20/0270")
    assert state.state_label == "Freigegeben"
    assert [e.action for e in state.history] == [
        AuditAction.STARTED,
        AuditAction.SIGNED,
        AuditAction.SIGNED,
        AuditAction.RELEASED,
    ]
    assert all(e.content_hash == state.content_hash for e in state.history)
    assert [r.due_date for r in state.rows] == [date(2020, 9, 4)] * 2
    assert all(r.os_account for r in state.rows)
    report = verification.verify(fake_uow)
    assert report.ok, report.findings
    assert report.summary() == f"Prüfung bestanden: {before + 4} Einträge, 3 Vorlagen"


def test_failed_action_records_nothing(fake_uow: Factory, store: Store, before: int) -> None:
    bericht = next(p for p in store.papers.values() if p.reference == "20/0325")
    bericht.climate_impact = None  # incomplete: neither box ticked
    with pytest.raises(WorkflowError):
        signoff.start(fake_uow, "20/0325", now=NOW)
    with pytest.raises(NotFoundError, match="20/9999"):
        signoff.start(fake_uow, "20/9999", now=NOW)
    signoff.start(fake_uow, "20/0270", roles=["mayor"], now=NOW)
    with pytest.raises(NotFoundError, match="Person"):
        signoff.sign(fake_uow, "20/0270", role_key="mayor", person_name="Niemand", pin=PIN, now=NOW)
    assert len(store.audit) == before + 1
    assert store.papers[next(iter(store.papers))].status is PaperStatus.IN_SIGN_OFF


def test_everyone_signs_with_their_own_key_and_pin(fake_uow: Factory, store: Store) -> None:
    signoff.start(fake_uow, "20/0270", roles=["mayor"], now=NOW)
    entries_before = len(store.audit)
    with pytest.raises(signoff.PinRequiredError):
        signoff.sign(fake_uow, "20/0270", role_key="mayor", person_name="Christoph Tesche", now=NOW)
    with pytest.raises(signoff.WrongPinError, match="falsch"):
        signoff.sign(
            fake_uow, "20/0270", role_key="mayor", person_name="Christoph Tesche", pin="123456", now=NOW
        )
    # The wrong PIN is in the audit log; nothing was signed.
    assert [e.action for e in store.audit[entries_before:]] == [AuditAction.PIN_FAILED]
    assert signoff.status(fake_uow, "20/0270").paper.status is PaperStatus.IN_SIGN_OFF
    signoff.sign(fake_uow, "20/0270", role_key="mayor", person_name="Christoph Tesche", pin=PIN, now=NOW)
    assert signoff.status(fake_uow, "20/0270").paper.status is PaperStatus.RELEASED
    assert len(store.signatures) == 1
    assert verification.verify(fake_uow).ok


def test_rejection_remark_is_visible_and_back_voids(fake_uow: Factory) -> None:
    signoff.start(fake_uow, "20/0311", roles=["first_deputy"], include_legal=True, now=NOW)
    signoff.reject(
        fake_uow,
        "20/0311",
        role_key="legal",
        person_name="Yasemin Aydın",
        remark="Zuwendungsbescheid fehlt",
        pin=PIN,
        now=NOW,
    )
    state = signoff.status(fake_uow, "20/0311")
    assert state.paper.status is PaperStatus.DRAFT
    assert state.rejection is not None and state.rejection.remark == "Zuwendungsbescheid fehlt"
    signoff.start(fake_uow, "20/0311", roles=["first_deputy"], now=NOW)
    signoff.sign(fake_uow, "20/0311", role_key="treasurer", person_name="Dr. Sabine Möller", pin=PIN, now=NOW)
    signoff.back_to_draft(fake_uow, "20/0311", now=NOW)
    paper = signoff.status(fake_uow, "20/0311").paper
    assert paper.status is PaperStatus.DRAFT
    signed = [s for s in paper.sign_offs if s.decision is SignOffDecision.APPROVED]
    assert signed and all(s.voided for s in signed)
    signoff.withdraw(fake_uow, "20/0311", remark="erledigt", now=NOW)
    assert verification.verify(fake_uow).ok


def test_verify_names_the_vorlage_changed_behind_the_programs_back(fake_uow: Factory, store: Store) -> None:
    _release_seed(fake_uow)
    seed = next(p for p in store.papers.values() if p.reference == "20/0270")
    seed.title = "Kommunales Integrationsmanagement (geändert)"
    report = verification.verify(fake_uow)
    assert not report.ok
    assert report.tampered_references == ["20/0270"]
    assert any("Inhalt wurde nach der Mitzeichnung geändert" in str(f) for f in report.findings)


def test_verify_finds_forged_status_and_forged_signature(fake_uow: Factory, store: Store) -> None:
    _release_seed(fake_uow)
    sprachcafe = next(p for p in store.papers.values() if p.reference == "20/0311")
    sprachcafe.status = PaperStatus.RELEASED
    seed = next(p for p in store.papers.values() if p.reference == "20/0270")
    seed.sign_offs[0].person_name = "Jemand Anderes"
    report = verification.verify(fake_uow)
    assert report.tampered_references == ["20/0270", "20/0311"]


def test_verify_finds_altered_and_deleted_audit_rows(fake_uow: Factory, store: Store) -> None:
    _release_seed(fake_uow)
    store.audit[1] = replace(store.audit[1], os_account="mallory")
    report = verification.verify(fake_uow)
    assert any("Nr. 2" in str(f) and "verändert" in str(f) for f in report.findings)
    _release_seed_again = store.audit.pop()  # the RELEASED entry at the end
    assert _release_seed_again.action is AuditAction.RELEASED
    report = verification.verify(fake_uow)
    assert any("letzten Einträge fehlen" in str(f) for f in report.findings)


def test_verify_finds_a_released_vorlage_deleted_behind_the_programs_back(
    fake_uow: Factory, store: Store
) -> None:
    _release_seed(fake_uow)
    seed_id = next(p.id for p in store.papers.values() if p.reference == "20/0270")
    del store.papers[seed_id]
    report = verification.verify(fake_uow)
    assert report.tampered_references == ["20/0270"]
    assert "fehlt aber in der Datenbank" in str(report.findings[0])


def test_record_event_lets_other_services_log_a_state_change(fake_uow: Factory, store: Store) -> None:
    _release_seed(fake_uow)
    with fake_uow() as uow:
        uow.audit.lock()
        paper = uow.papers.get_by_reference("20/0270")
        paper.status = PaperStatus.WITHDRAWN
        entry = signoff.record_event(uow, paper, AuditAction.OTHER, now=NOW, details={"grund": "Test"})
        uow.papers.update(paper)
        uow.commit()
    assert entry.seq == len(store.audit) and entry.status == "withdrawn"
    assert verification.verify(fake_uow).ok
