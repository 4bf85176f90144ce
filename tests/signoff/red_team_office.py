"""The office the red-team tests attack: real office key and trust anchor, personal keys, a decided, a
rejected and a circulating Vorlage — and the insider's tools: raw SQL and the program's own code."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from kimdesk.domain.audit import AuditAction, AuditEntry, seal
from kimdesk.domain.meeting import AgendaResult
from kimdesk.domain.model import SignOffDecision
from kimdesk.domain.timezone import BERLIN
from kimdesk.services import enrolment, meetings, signoff, verification
from kimdesk.services import keycrypto as kc
from kimdesk.services.attachments import attach_file
from kimdesk.services.demo import load_demo
from kimdesk.services.local_keys import LocalKeys
from kimdesk.services.papers import get_paper
from kimdesk.services.verification import VerifyReport
from kimdesk.storage.database import Database
from tests.meetings.pdfs import tiny_pdf

PASSPHRASE = "Hauptamt Passphrase 2026"
PINS = {
    "Christoph Tesche": "471100",
    "Rainer Weichelt": "135246",
    "Wolfgang Krämer": "808080",
    # The insider: a real colleague with a real key of his own, but no role for the Bürgermeister.
    "Holger Brandt": "666999",
}
INSIDER = "Holger Brandt"


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def _connect(url: str) -> Any:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database
        conn = sqlite3.connect(parsed.database)
        conn.execute("PRAGMA foreign_keys = ON")
        return conn
    import psycopg

    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(dsn)


def raw_sql(url: str, sql: str, *params: Any) -> int:
    """Change the database behind kimdesk's back (sqlite3 / psycopg, no kimdesk code involved)."""
    conn = _connect(url)
    try:
        if not is_sqlite(url):
            sql = sql.replace("?", "%s")
        count = conn.execute(sql, params).rowcount
        conn.commit()
    finally:
        conn.close()
    return int(count)


def raw_rows(url: str, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    conn = _connect(url)
    try:
        if not is_sqlite(url):
            sql = sql.replace("?", "%s")
        return [tuple(row) for row in conn.execute(sql, params).fetchall()]
    finally:
        conn.close()


def uuid_param(url: str, value: uuid.UUID) -> Any:
    """How a UUID is written in raw SQL: 32 hex digits in SQLite (SQLAlchemy's Uuid), a uuid in PostgreSQL."""
    return value.hex if is_sqlite(url) else value


PAPER = "(SELECT id FROM papers WHERE reference = ?)"


def rewrite_chain(url: str, change: Callable[[list[AuditEntry]], list[AuditEntry]]) -> None:
    """What an insider with the program's code does: edit the log, then recompute every hash and the head."""
    rows = raw_rows(
        url,
        "SELECT paper_id, reference, action, os_account, person_name, at, status, content_hash, details "
        "FROM audit_log ORDER BY seq",
    )
    entries = [
        AuditEntry(
            action=AuditAction(r[2]),
            at=datetime.fromisoformat(r[5]),
            paper_id=uuid.UUID(str(r[0])) if r[0] else None,
            reference=r[1],
            os_account=r[3],
            person_name=r[4],
            status=r[6],
            content_hash=r[7],
            details=json.loads(r[8]),
        )
        for r in rows
    ]
    sealed: list[AuditEntry] = []
    previous: AuditEntry | None = None
    for entry in change(entries):
        previous = seal(entry, previous)
        sealed.append(previous)
    raw_sql(url, "DELETE FROM audit_log")
    for e in sealed:
        raw_sql(
            url,
            "INSERT INTO audit_log (seq, paper_id, reference, action, os_account, person_name, at, status, "
            "content_hash, details, prev_hash, entry_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            e.seq,
            uuid_param(url, e.paper_id) if e.paper_id else None,
            e.reference,
            e.action.value,
            e.os_account,
            e.person_name,
            e.at_text,
            e.status,
            e.content_hash,
            json.dumps(e.details, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
            e.prev_hash,
            e.entry_hash,
        )
    last = sealed[-1] if sealed else None
    raw_sql(
        url,
        "UPDATE audit_chain_head SET seq = ?, entry_hash = ? WHERE id = 1",
        last.seq if last else 0,
        last.entry_hash if last else "0" * 64,
    )


@dataclass
class Office:
    url: str
    db: Database
    local: LocalKeys
    folder: Path

    @property
    def uow(self) -> Callable[[], Any]:
        return self.db.uow_factory

    def verify(self) -> VerifyReport:
        return verification.verify(self.uow, local=self.local)

    def named(self) -> set[str]:
        """The Vorlagen ``kimdesk verify`` names (as tampered, or as unsigned)."""
        report = self.verify()
        return {f.reference for f in [*report.findings, *report.legacy] if f.reference}

    def sign(self, reference: str, role: str, person: str, **more: Any) -> Any:
        return signoff.sign(
            self.uow, reference, role_key=role, person_name=person, pin=PINS[person], local=self.local, **more
        )

    def insider_profile(self) -> LocalKeys:
        """The insider's own OS account on the shared PC: own key folder, the machine's trust anchor."""
        return LocalKeys(
            key_dir=self.folder / "insider", anchor_dirs=self.local.anchor_dirs, use_keyring=False
        )


def build_office(url: str, folder: Path) -> Iterator[Office]:
    db = Database.open(url)
    local = LocalKeys(
        key_dir=folder / "profile",
        anchor_dirs=(folder / "machine",),
        use_keyring=False,
        database=db.display_url,
    )
    office = Office(url, db, local, folder)
    try:
        uow = db.uow_factory
        load_demo(uow)
        # IT: the office key, its certificate installed on the PCs as trust anchor.
        ca = enrolment.init_office(uow, local, PASSPHRASE)
        (folder / "machine").mkdir()
        (folder / "machine" / "office-ca.pem").write_text(kc.cert_pem(ca), "ascii")
        for name, pin in PINS.items():
            enrolment.enrol(uow, local, name, pin)
        enrolment.certify(uow, local, PASSPHRASE)
        # 20/0270 with an Anlage: released by both heads, then decided, its Beschlussvermerk signed.
        anlage = folder / "anlage.pdf"
        anlage.write_bytes(tiny_pdf("Anlage 1"))
        attach_file(uow, "20/0270", anlage)
        signoff.start(uow, "20/0270", roles=["mayor", "first_deputy"])
        office.sign("20/0270", "mayor", "Christoph Tesche")
        office.sign("20/0270", "first_deputy", "Rainer Weichelt")
        day = get_paper(uow, "20/0270").consultations[0].meeting_date or date(2020, 9, 9)
        meeting = meetings.create_meeting(uow, "Integrationsrat", datetime.combine(day, time(16), BERLIN))
        number = meetings.add_to_agenda(uow, str(meeting.id), reference="20/0270").number
        meetings.enter_result(
            uow,
            str(meeting.id),
            number,
            AgendaResult.UNANIMOUS,
            person_name="Wolfgang Krämer",
            pin=PINS["Wolfgang Krämer"],
            local=local,
        )
        # 20/0311 rejected by the Bürgermeister; 20/0325 waiting for his signature.
        signoff.start(uow, "20/0311", roles=["mayor"])
        office.sign("20/0311", "mayor", "Christoph Tesche", decision=SignOffDecision.REJECTED, remark="Nein")
        signoff.start(uow, "20/0325", roles=["mayor"])
        report = office.verify()  # this PC has seen the office as it is now
        assert report.ok, report.findings
        yield office
    finally:
        db.close()
