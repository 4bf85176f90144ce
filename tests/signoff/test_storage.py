"""The audit log and verify on real databases (SQLite and PostgreSQL), tampering done with raw SQL."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from kimdesk.domain.audit import AuditAction
from kimdesk.domain.model import PaperStatus
from kimdesk.services import signoff, verification
from kimdesk.services.demo import apply_demo_signoffs, load_demo, load_full_demo
from kimdesk.services.unlock import change_pin
from tests.signing import PIN, keys_for

NOW = datetime(2020, 10, 19, 8, 0, tzinfo=UTC)


def raw_sql(db_url: str, sql: str, *params: Any) -> int:
    """Change the database behind kimdesk's back: sqlite3 / psycopg, no kimdesk code involved."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        assert url.database
        conn = sqlite3.connect(url.database)
        try:
            count = conn.execute(sql, params).rowcount
            conn.commit()
        finally:
            conn.close()
        return count
    import psycopg

    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql.replace("?", "%s"), params).rowcount


@pytest.fixture
def demo(uow_factory: Callable[[], Any]) -> Callable[[], Any]:
    load_demo(uow_factory)
    apply_demo_signoffs(uow_factory)
    return uow_factory


def test_demo_office_has_a_genuine_verified_history(demo: Callable[[], Any]) -> None:
    states = {ref: signoff.status(demo, ref) for ref in ("20/0270", "20/0311", "20/0325")}
    assert states["20/0270"].paper.status is PaperStatus.RELEASED
    signed = states["20/0270"].rows
    assert signed and all(r.signed_at and r.signed_at < datetime(2020, 9, 9, tzinfo=UTC) for r in signed)
    assert [r.role_label for r in states["20/0311"].due] == ["Bürgermeister"]
    rejection = states["20/0325"].rejection
    assert rejection is not None and "Rechtsgrundlage" in rejection.remark
    report = verification.verify(demo)
    assert report.ok, report.findings
    # Loading the demo again adds nothing.
    assert apply_demo_signoffs(demo) == []
    assert verification.verify(demo).entries == report.entries


def test_verify_names_the_vorlage_whose_title_was_changed_with_raw_sql(
    demo: Callable[[], Any], db_url: str
) -> None:
    assert raw_sql(db_url, "UPDATE papers SET title = ? WHERE reference = ?", "Anders", "20/0270") == 1
    report = verification.verify(demo)
    assert report.tampered_references == ["20/0270"]
    assert "Inhalt wurde nach der Mitzeichnung geändert" in str(report.findings[0])


def test_verify_finds_a_status_forged_with_raw_sql(demo: Callable[[], Any], db_url: str) -> None:
    raw_sql(db_url, "UPDATE papers SET status = 'released' WHERE reference = '20/0311'")
    assert verification.verify(demo).tampered_references == ["20/0311"]


def test_altered_or_deleted_audit_rows_break_the_chain(demo: Callable[[], Any], db_url: str) -> None:
    raw_sql(db_url, "UPDATE audit_log SET person_name = 'Mallory' WHERE seq = 2")
    report = verification.verify(demo)
    assert any("Nr. 2" in str(f) and "verändert" in str(f) for f in report.findings)
    raw_sql(db_url, "UPDATE audit_log SET person_name = 'Rainer Weichelt' WHERE seq = 2")
    assert verification.verify(demo).ok
    raw_sql(db_url, "DELETE FROM audit_log WHERE seq = 3")
    assert any("Nr. 3 fehlt" in str(f) for f in verification.verify(demo).findings)


def test_two_signoffs_at_the_same_moment_both_land_in_order(
    uow_factory: Callable[[], Any],
) -> None:
    load_demo(uow_factory)
    keys_for(uow_factory, "Christoph Tesche", "Rainer Weichelt")
    signoff.start(uow_factory, "20/0311", roles=["mayor", "first_deputy"], now=NOW)
    start_line = threading.Barrier(2)
    errors: list[BaseException] = []

    def sign(role: str, person: str) -> None:
        try:
            start_line.wait(timeout=30)
            signoff.sign(uow_factory, "20/0311", role_key=role, person_name=person, pin=PIN, now=NOW)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=sign, args=("mayor", "Christoph Tesche")),
        threading.Thread(target=sign, args=("first_deputy", "Rainer Weichelt")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert not errors, errors
    state = signoff.status(uow_factory, "20/0311")
    assert {r.role_key for r in state.rows if r.decision} == {"mayor", "first_deputy"}
    actions = [e.action for e in state.history]
    assert actions[0] is AuditAction.STARTED and actions.count(AuditAction.SIGNED) == 2
    seqs = [e.seq for e in state.history]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert verification.verify(uow_factory).ok


@pytest.mark.postgres
def test_parallel_signers_on_postgresql_queue_on_the_chain_head(pg_url: str) -> None:
    """Many sign-offs of different Vorlagen at once: every entry lands, the chain stays one line."""
    from kimdesk.storage.database import Database

    db = Database.open(pg_url)
    try:
        load_demo(db.uow_factory)
        apply_demo_signoffs(db.uow_factory)
        keys_for(db.uow_factory, "Christoph Tesche", "Holger Brandt")
        before = verification.verify(db.uow_factory).entries
        barrier = threading.Barrier(4)
        errors: list[BaseException] = []

        def act(job: Callable[[], object]) -> None:
            try:
                barrier.wait(timeout=30)
                job()
            except BaseException as exc:
                errors.append(exc)

        jobs: list[Callable[[], object]] = [
            lambda: signoff.sign(
                db.uow_factory, "20/0311", role_key="mayor", person_name="Christoph Tesche", pin=PIN
            ),
            lambda: signoff.withdraw(db.uow_factory, "20/0325", remark="erledigt"),
            lambda: change_pin(db.uow_factory, "Holger Brandt", PIN, "24681357"),
            lambda: signoff.back_to_draft(db.uow_factory, "20/0270"),
        ]
        threads = [threading.Thread(target=act, args=(job,)) for job in jobs]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=60)
        assert not errors, errors
        report = verification.verify(db.uow_factory)
        assert report.ok, report.findings
        assert report.entries == before + 5  # sign + release, withdraw, PIN, back
    finally:
        db.close()


def test_whole_demo_office_with_meetings_verifies(uow_factory: Callable[[], Any]) -> None:
    """The order ``kimdesk demo`` must use: Vorlagen, then their Mitzeichnungen, then the meetings."""
    load_demo(uow_factory)
    assert apply_demo_signoffs(uow_factory) == ["20/0262", "20/0281", "20/0340", "21/0012"]
    assert load_full_demo(uow_factory) == ([], ["IR-2020-09-09", "IR-2020-11-04"])
    report = verification.verify(uow_factory)
    assert report.ok, report.findings
    assert signoff.status(uow_factory, "20/0270").paper.status is PaperStatus.DECIDED
